#include "date.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"

/* Howard Hinnant's days_from_civil / civil_from_days: exact for every
 * Gregorian date, no tables, no loops. */
long date_days(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_civil(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

enum date_look date_read(const char *s, long *days)
{
	size_t n = strlen(s);
	bool iso = n == 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) &&
		   s[7] == '-' && digits(s + 8, 2);
	bool vn = n >= 8 && n <= 10 && s[n - 5] == '/' && digits(s + n - 4, 4) &&
		  strchr(s, '/') != s + n - 5 && s[0] >= '0' && s[0] <= '9';
	if (!iso && !vn)
		return DATE_NO;
	int y, m, d;
	if (!numfmt_parse_date(s, &y, &m, &d) || d == 0)
		return DATE_BAD;
	*days = date_days(y, m, d);
	return DATE_YES;
}

bool date_iso(struct buf *b, long days)
{
	int y, m, d;
	date_civil(days, &y, &m, &d);
	if (y < 1900 || y > 9999)
		return false;
	buf_printf(b, "%04d-%02d-%02d", y, m, d);
	return true;
}
