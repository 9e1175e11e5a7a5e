# bash completion for baocao (installed as
# PREFIX/share/bash-completion/completions/baocao)
_baocao()
{
	local cur prev cmd
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=${COMP_WORDS[1]}
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "build check batch watch init data --help --version" -- "$cur"))
		return
	fi
	case $prev in
	-d | --data | --font-dir)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	-o | --output | --deps | --dump-layout)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--data-locale)
		COMPREPLY=($(compgen -W "vi c" -- "$cur"))
		return ;;
	--error-format)
		COMPREPLY=($(compgen -W "gnu json" -- "$cur"))
		return ;;
	--mau)
		local names
		names=$(baocao init --list 2>/dev/null | cut -d' ' -f1)
		COMPREPLY=($(compgen -W "$names" -- "$cur"))
		return ;;
	--set | --each | --max-steps)
		return ;;
	esac
	local opts="-d --data --set --data-locale --font-dir --help"
	case $cmd in
	build | watch) opts="$opts -o --output --deps --stats --greedy --dump-layout --max-steps" ;;
	check) opts="$opts --strict --quiet --error-format" ;;
	batch) opts="$opts -o --output --each --error-format" ;;
	init) opts="--mau --list --help" ;;
	data) opts="-d --data --data-locale --help" ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	elif [ "$cmd" = init ]; then
		COMPREPLY=($(compgen -d -- "$cur"))
	else
		COMPREPLY=($(compgen -f -X '!*.md' -- "$cur") $(compgen -d -- "$cur"))
	fi
}
complete -o filenames -F _baocao baocao
