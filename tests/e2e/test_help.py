"""--help lists every option the command line accepts, each command has its
own --help, and the man page names every command and option of --help."""
import os
import re

import pdfutil as P

rc, out, err = P.run("--help")
P.check(rc == 0, "--help exits 0")
opts = set(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", out))
cli = open(os.path.join(P.ROOT, "generator", "cli.c")).read()
accepted = set(re.findall(r'strcmp\(arg, "(-[^"]+)"\)', cli))
P.check(accepted and accepted <= opts, "--help lists every option cli.c accepts",
        sorted(accepted - opts))
for o in ("--greedy", "--stats", "--dump-layout", "--deps"):
    P.check(o in opts, "--help lists " + o)
cmds = re.findall(r"^  baocao ([a-z]+) ", out, re.M)
P.check({"build", "check", "batch", "watch", "init"} <= set(cmds), "--help lists the commands",
        cmds)
for c in cmds:
    rc, o, e = P.run(c, "--help")
    P.check(rc == 0 and ("baocao " + c) in o.split("\n")[0], "baocao %s --help" % c, o + e)
    rc2, o2, _ = P.run("help", c)
    P.check(rc2 == 0 and o2 == o, "baocao help %s is the same text" % c)

man = open(os.path.join(P.ROOT, "man", "baocao.1"), encoding="utf-8").read()
text = man.replace("\\-", "-").replace("\\fB", "").replace("\\fR", "").replace("\\fP", "")
for c in cmds:
    P.check(re.search(r"^\.B(?: baocao)? %s\b" % c, man, re.M) is not None,
            "the man page has the command " + c)
miss = [o for o in sorted(opts) if o not in text]
P.check(not miss, "the man page names every option of --help", miss)
for sec in ("SYNOPSIS", "COMMANDS", "OPTIONS", "EXIT STATUS", "ENVIRONMENT", "FILES",
            "EXAMPLES"):
    P.check(".SH " + sec in man, "the man page has " + sec)

# bash completion: commands, each command's options, --mau's templates
import shutil
import subprocess
if shutil.which("bash"):
    comp = os.path.join(P.ROOT, "completion", "baocao.bash")

    def complete(*words):
        script = ('source "%s"; COMP_WORDS=(%s); COMP_CWORD=%d; _baocao; '
                  'printf "%%s\\n" "${COMPREPLY[@]}"'
                  % (comp, " ".join("'%s'" % w for w in words), len(words) - 1))
        env = dict(os.environ, PATH=os.path.dirname(P.BAOCAO) + ":" + os.environ["PATH"])
        r = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env)
        return r.stdout.split()

    P.check(set(cmds) <= set(complete("baocao", "")), "completion offers every command",
            complete("baocao", ""))
    P.check(complete("baocao", "build", "--de") == ["--deps"], "completion of build options")
    P.check("--list" in complete("baocao", "init", "--"), "completion of init options")
    P.check(complete("baocao", "build", "x.md", "--data-locale", "") == ["vi", "c"],
            "completion of --data-locale values")
    P.check(complete("baocao", "init", "x", "--mau", "co") == ["co-ban"],
            "completion of --mau from 'baocao init --list'")
P.done()
