/* date: calendar days for the template's date arithmetic (a date plus a
 * number of days, the days between two dates). Dates are ISO text
 * "YYYY-MM-DD" everywhere else; here they are day numbers.
 * Owns: the proleptic Gregorian calendar and what counts as a date.
 * Must not: format dates for the page (numfmt does). */
#ifndef BAOCAO_DATE_H
#define BAOCAO_DATE_H

#include <stdbool.h>

#include "buf.h"

enum date_look {
	DATE_NO, /* not written as a date */
	DATE_YES,
	DATE_BAD, /* written as a date, but no such day (2024-02-30) */
};

/* A whole date: "YYYY-MM-DD" or "DD/MM/YYYY" (years 1900-9999). */
enum date_look date_read(const char *s, long *days);

/* Days since 1970-01-01, and back. */
long date_days(int y, int m, int d);
void date_civil(long days, int *y, int *m, int *d);

/* The ISO text of a day number; false when the year leaves 1900-9999. */
bool date_iso(struct buf *b, long days);

#endif
