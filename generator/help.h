/* help: the text of `baocao --help` and `baocao CMD --help` (each
 * command's usage, options, exit status), translated like every message.
 * Must not: parse arguments (cli does); the option list here must match
 * cli.c's and the man page (tests/e2e/test_help.py checks both). */
#ifndef BAOCAO_HELP_H
#define BAOCAO_HELP_H

/* The help of cmd ("build", "check", ...), or of the whole program when
 * cmd is NULL or unknown; already translated. */
const char *help_text(const char *cmd);
/* The review options of build, check, batch ("" for other commands). */
const char *help_review(const char *cmd);

#endif
