/* diagtidy: what makes a diagnostic line safe and readable whatever the
 * user's text holds: control characters, invalid bytes of a file name
 * and text direction marks are escaped (a message must not move the
 * terminal's cursor, recolour it or show a name reversed); a line is cut
 * to about DIAG_MAX_CHARS characters, long quoted values first ('…');
 * and a warning repeated many times is shown a few times only.
 * Owns: that text transformation and the repeat counts. Must not: print
 * (diag.c does) or decide statuses. */
#ifndef BAOCAO_DIAGTIDY_H
#define BAOCAO_DIAGTIDY_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

#define DIAG_MAX_CHARS 300 /* characters of one message line */
#define DIAG_MAX_REPEATS 10 /* warnings of one kind shown */

/* Rewrite the line in b, whose first prefix bytes are its place and
 * kind ("FILE:LINE:COL: error: "): escapes, then shortening (the
 * message first; the place keeps its LINE:COL and kind). */
void diagtidy_line(struct buf *b, size_t prefix);

/* How many warnings of this kind came before (the text with its numbers
 * ignored, so "(62 mm)" and "(165 mm)" are one kind). */
int diagtidy_repeats(const char *text);
/* Forget the counts (diag_reset: a new run). */
void diagtidy_reset(void);

#endif
