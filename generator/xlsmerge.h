/* xlsmerge: the merged ranges of an .xls file's sheets (libfreexl does not
 * report them), read from the BIFF8 records of its compound file.
 * Must not: fail a build: a file it cannot follow just has no merges. */
#ifndef BAOCAO_XLSMERGE_H
#define BAOCAO_XLSMERGE_H

#include <stddef.h>

#include "arena.h"
#include "sheet.h"

/* Add the merges of the file's bytes to wb's sheets (in BOUNDSHEET order,
 * worksheets only, as libfreexl lists them); a sheet with merges gets
 * merge_info true. */
void xls_merges(struct arena *a, const void *data, size_t len, struct workbook *wb);

#endif
