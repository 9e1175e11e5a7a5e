/* diag: every message baocao prints about its input, in one GNU format:
 *   FILE:LINE:COL: error: MESSAGE      (input errors, exit 1)
 *   FILE:LINE:COL: warning: MESSAGE
 *   baocao: error: MESSAGE             (usage 2, I/O or internal 3)
 * Owns: the message format, the counts and the worst exit status.
 * Must not: exit the program; callers return a status and main decides. */
#ifndef BAOCAO_DIAG_H
#define BAOCAO_DIAG_H

#include <stdbool.h>

/* A place in the user's input. line/col are 1-based; col counts
 * characters (code points), not bytes; 0 means "unknown". */
struct srcloc {
	const char *file;
	int line, col;
};

enum diag_status {
	DIAG_OK = 0,
	DIAG_INPUT = 1, /* the template, data or front matter is wrong */
	DIAG_USAGE = 2, /* wrong command line */
	DIAG_IO = 3, /* I/O or internal failure */
};

void diag_error(struct srcloc loc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void diag_warn(struct srcloc loc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Errors with no position: "baocao: error: ..." with the given status. */
void diag_fail(enum diag_status st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A note under the previous message (not counted); with JSON output it
 * becomes the previous object's "hint". */
void diag_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same at a place: FILE:LINE:COL: note: MESSAGE. */
void diag_note_at(struct srcloc loc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A finding of the linter (DESIGN.md §5): a warning ending in "[rule]";
 * hint (may be NULL) goes only into the JSON object. */
void diag_finding(struct srcloc loc, const char *rule, const char *hint,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* --error-format json: one object per line {"file","line","column",
 * "severity","message","rule","hint"}. Call diag_flush before exiting:
 * an object waits for the hint a note may add. */
void diag_set_json(bool json);
bool diag_json(void);
void diag_flush(void);

int diag_errors(void);
int diag_warnings(void);
enum diag_status diag_status(void);
void diag_reset(void);

/* Messages go to stderr unless a sink is set (tests, fuzzing, batch). */
typedef void (*diag_sink)(const char *line, void *ctx);
void diag_set_sink(diag_sink fn, void *ctx);
/* Stop printing (counts still kept): used by the fuzzers. */
void diag_set_quiet(bool quiet);

#endif
