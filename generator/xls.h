/* xls: the sheets of a legacy Excel 97-2003 workbook (.xls, BIFF8), read
 * with libfreexl: text, numbers, dates (freexl knows the date formats).
 * libfreexl reports no merged ranges: xlsmerge.c reads them from the
 * file; a sheet without any says so (merge_info false) and sheet.c reads
 * its header from its layout instead.
 * Must not: decide where a table is, or know templates. */
#ifndef BAOCAO_XLS_H
#define BAOCAO_XLS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "sheet.h"

bool xls_read(struct arena *a, const char *path, size_t max_cells, struct workbook *out);

#endif
