/* xlsx: the sheets of an Office Open XML workbook (.xlsx), read with libzip
 * and expat: shared and inline strings, numbers, booleans, dates (from the
 * cell's number format, 1900 and 1904 date systems), formulas' cached
 * values, error cells, merged ranges.
 * Owns: the file format, and refusing damaged or hostile files (zip bombs,
 * absurd counts) before they cost memory.
 * Must not: decide where a table is (sheet.c does) or know templates. */
#ifndef BAOCAO_XLSX_H
#define BAOCAO_XLSX_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "sheet.h"

/* Read the workbook whose bytes are data[0..len); path names it in
 * messages. max_cells bounds the non-empty cells kept over all sheets. */
bool xlsx_read_mem(struct arena *a, const char *path, const void *data, size_t len,
		   size_t max_cells, struct workbook *out);

#endif
