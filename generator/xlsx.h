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

/* The number text of an Excel cell value ("1250.5", "4.4999999999999996",
 * "1.2E-3") in plain C form rounded as Excel shows it (15 significant
 * digits, at most 12 decimals), times 10^shift (2 for a percent cell);
 * NULL when it is not a number. */
const char *xlsx_number(struct arena *a, const char *v, int shift);

/* Date serial (1900 system with its leap-year quirk, or 1904) to
 * YYYY-MM-DD; false when out of Excel's range. */
bool xlsx_date(long serial, bool date1904, char out[11]);

#endif
