/* cli: the command line (DESIGN.md §1). Parses arguments into
 * report_opts and maps the outcome to the exit status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "epoch.h"
#include "expr.h"
#include "help.h"
#include "i18n.h"
#include "init.h"
#include "report.h"
#include "text.h"
#include "watch.h"

static int usage_error(const char *fmt, const char *arg)
{
	/* one line, through diag: an argument or environment value with
	 * newlines or control characters is shown escaped */
	struct buf msg = BUF_INIT;
	buf_printf(&msg, _(fmt), arg);
	diag_fail(DIAG_USAGE, "%s (see 'baocao --help')", buf_cstr(&msg));
	buf_free(&msg);
	return DIAG_USAGE;
}

/* --set KEY=VALUE: the whole argument is input (UTF-8, NFC; errors as
 * --set:1:COL), the key a name a template can use. */
static bool add_set(struct arena *a, const char *arg, struct scalar **sets, int *n,
		    int *cap, int *rc)
{
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg) {
		*rc = usage_error("--set wants KEY=VALUE, not '%s'", arg);
		return false;
	}
	char *text;
	size_t len;
	if (!text_prepare(a, "--set", 1, arg, strlen(arg), &text, &len)) {
		*rc = DIAG_INPUT;
		return false;
	}
	char *teq = strchr(text, '=');
	for (const char *p = text; p < teq; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_')) {
			*rc = usage_error("--set: '%s' is not a name (letters a-z, "
					  "digits and _, as front-matter keys are)",
					  arena_strndup(a, text, (size_t)(teq - text)));
			return false;
		}
	*teq = 0;
	struct scalar s = {text, teq + 1, {"--set", 1, text_column(text, teq + 1)}};
	ARR_PUSH(a, *sets, *n, *cap, s);
	return true;
}

int main(int argc, char **argv)
{
	i18n_init();
	if (argc < 2)
		return usage_error("%s", _("no command given")), DIAG_USAGE;
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(help_text(argc > 2 ? argv[2] : NULL), stdout);
		fputs(help_review(argc > 2 ? argv[2] : NULL), stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
		if (argc > 2)
			return usage_error("unexpected argument '%s'", argv[2]);
		printf("baocao %s\n", BAOCAO_VERSION);
		return 0;
	}
	/* JSON messages from the first one on, usage errors included; the
	 * last object waits for its hint, so it is written at exit */
	for (int i = 2; i + 1 < argc; i++)
		if (!strcmp(argv[i], "--error-format") && !strcmp(argv[i + 1], "json"))
			diag_set_json(true);
	atexit(diag_flush);
	/* the reproducible-builds convention: a malformed value is an error,
	 * not a silently different file */
	long long epoch;
	if (epoch_get(&epoch) == EPOCH_BAD)
		return usage_error("SOURCE_DATE_EPOCH is '%s'; it must be a "
				   "number of seconds since 1970",
				   getenv("SOURCE_DATE_EPOCH"));
	if (!strcmp(cmd, "init"))
		return init_main(argc - 1, argv + 1);
	bool build = !strcmp(cmd, "build"), check = !strcmp(cmd, "check"),
	     batch = !strcmp(cmd, "batch"), data = !strcmp(cmd, "data"),
	     watch = !strcmp(cmd, "watch");
	build |= watch; /* watch takes the build options */
	if (!build && !check && !batch && !data)
		return usage_error("unknown command '%s'", cmd);
	check |= data; /* no PDF, no -o */

	struct arena a;
	arena_init(&a);
	struct report_opts o = {.locale = LOCALE_VI, .check_only = check, .list_data = data};
	struct scalar *sets = NULL;
	int nsets = 0, capsets = 0;
	int rc = 0;
	bool strict = false;
	for (int i = 2; i < argc && !rc; i++) {
		const char *arg = argv[i];
		const char *val = NULL;
#define NEEDS_VALUE()                                                                    \
	do {                                                                             \
		if (i + 1 >= argc) {                                                     \
			rc = usage_error("option '%s' needs a value", arg);              \
			break;                                                           \
		}                                                                        \
		val = argv[++i];                                                         \
	} while (0)
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(help_text(cmd), stdout);
			fputs(help_review(cmd), stdout);
			arena_free(&a);
			return 0;
		} else if (!strcmp(arg, "-d") || !strcmp(arg, "--data")) {
			NEEDS_VALUE();
			o.data_dir = val;
		} else if ((!strcmp(arg, "-o") || !strcmp(arg, "--output")) && check) {
			rc = usage_error(
			    "%s", _("check writes no PDF; -o is for build and batch"));
		} else if (!strcmp(arg, "-o") || !strcmp(arg, "--output")) {
			NEEDS_VALUE();
			o.output = val;
		} else if (!strcmp(arg, "--font-dir")) {
			NEEDS_VALUE();
			o.font_dir = val;
		} else if (!strcmp(arg, "--each") && batch) {
			NEEDS_VALUE();
			o.each = val;
		} else if (!strcmp(arg, "--data-locale")) {
			NEEDS_VALUE();
			if (val && !strcmp(val, "vi"))
				o.locale = LOCALE_VI;
			else if (val && !strcmp(val, "c"))
				o.locale = LOCALE_C;
			else if (val)
				rc = usage_error("--data-locale is 'vi' or 'c', not '%s'",
						 val);
		} else if (!strcmp(arg, "--set")) {
			NEEDS_VALUE();
			if (val && !add_set(&a, val, &sets, &nsets, &capsets, &rc))
				break;
		} else if (!strcmp(arg, "--deps") && build) {
			NEEDS_VALUE();
			o.deps = val;
		} else if (!strcmp(arg, "--strict")) {
			strict = true;
		} else if (!strcmp(arg, "--quiet")) {
			o.quiet = true;
		} else if (!strcmp(arg, "--error-format")) {
			NEEDS_VALUE();
			if (val && strcmp(val, "json") && strcmp(val, "gnu"))
				rc = usage_error("--error-format is 'json' or 'gnu', not '%s'",
						 val);
		} else if (!strcmp(arg, "--greedy")) {
			o.lopt.greedy = true; /* compare line breakers (tests, bench) */
		} else if (!strcmp(arg, "--dump-layout")) {
			NEEDS_VALUE();
			o.dump_layout = val;
		} else if (!strcmp(arg, "--stats")) {
			o.stats = true;
		} else if (!strcmp(arg, "--max-steps")) {
			/* lower the evaluation budget (MAX_EVAL_STEPS), so tests
			 * reach it in milliseconds; never raises it */
			NEEDS_VALUE();
			char *end;
			unsigned long n = val ? strtoul(val, &end, 10) : 0;
			if (val && (*end || !n))
				rc = usage_error(
				    "--max-steps wants a positive number, not '%s'", val);
			else if (val && n < expr_max_steps)
				expr_max_steps = n;
		} else if (arg[0] == '-' && arg[1]) {
			rc = usage_error("unknown option '%s'", arg);
		} else if (!o.input) {
			o.input = arg;
		} else {
			rc = usage_error("unexpected argument '%s'", arg);
		}
#undef NEEDS_VALUE
	}
	if (!rc && !o.input)
		rc = usage_error("%s", _("no REPORT.md given"));
	if (!rc && batch && (!o.each || !o.output))
		rc = usage_error("%s", _("batch needs --each TABLE and -o 'out/{col}.pdf'"));
	if (!rc) {
		o.sets = sets;
		o.nsets = nsets;
		rc = watch ? watch_run(&o) : report_run(&o);
		/* --strict: a finding fails the run, as CI wants */
		if (strict && rc == DIAG_OK && diag_warnings() > 0)
			rc = DIAG_INPUT;
	}
	arena_free(&a);
	return rc;
}
