/* batch: the output paths of `batch --each TABLE -o PATTERN`, one per row
 * of the table, all made and checked before any report is written.
 * Owns: the pattern's {column} syntax and the use of fsafe's rule that a
 * row's value makes one plain file name. Must not: build reports (report
 * runs the rows) or write anything. */
#ifndef BAOCAO_BATCH_H
#define BAOCAO_BATCH_H

#include "data.h"
#include "font.h"
#include "input.h"

/* Every row's output path (malloc'd, as the array of t->nrows): no two
 * rows named alike, none an input of the run. A row whose value cannot
 * be one plain file name is reported and left NULL (that row only is
 * not written). NULL (reported) when the pattern is wrong for this table
 * or two rows clash. */
char **batch_paths(const struct source *s, const struct fontset *fs,
		   const struct table *t, const char *pattern);

#endif
