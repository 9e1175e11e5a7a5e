/* xlvalue: the values of Excel cells as baocao keeps them, shared by the
 * .xlsx reader (xlsx.c) and the .xls reader (xls.c): a number as decimal
 * text rounded as Excel shows it, a date serial as YYYY-MM-DD.
 * Must not: read files, or use strtod (the C library's locale must not
 * matter). */
#ifndef BAOCAO_XLVALUE_H
#define BAOCAO_XLVALUE_H

#include <stdbool.h>

#include "arena.h"

/* The number text of an Excel cell value ("1250.5", "4.4999999999999996",
 * "1.2E-3") in plain C form rounded as Excel shows it (15 significant
 * digits, at most 12 decimals), times 10^shift (2 for a percent cell);
 * NULL when it is not a number. */
const char *xlvalue_number(struct arena *a, const char *v, int shift);

/* Date serial (1900 system with its leap-year quirk, or 1904) to
 * YYYY-MM-DD; false when out of Excel's range. */
bool xlvalue_date(long serial, bool date1904, char out[11]);

#endif
