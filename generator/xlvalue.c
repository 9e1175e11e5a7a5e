#include "xlvalue.h"

#include <string.h>

#include "buf.h"

const char *xlvalue_number(struct arena *a, const char *v, int shift)
{
	const char *s = v;
	while (*s == ' ')
		s++;
	bool neg = false;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	char dig[40];
	int nd = 0, exp10 = 0; /* value = 0.dig * 10^exp10 */
	bool any = false, point = false, lead = true;
	for (;; s++) {
		if (*s >= '0' && *s <= '9') {
			any = true;
			if (lead && *s == '0') {
				if (point)
					exp10--;
				continue;
			}
			lead = false;
			if (nd < (int)sizeof dig - 1)
				dig[nd++] = *s;
			if (!point)
				exp10++;
		} else if (*s == '.' && !point) {
			point = true;
		} else {
			break;
		}
	}
	if (!any)
		return NULL;
	if (*s == 'e' || *s == 'E') {
		s++;
		bool eneg = false;
		if (*s == '-' || *s == '+')
			eneg = *s++ == '-';
		int e = 0;
		if (!(*s >= '0' && *s <= '9'))
			return NULL;
		for (; *s >= '0' && *s <= '9'; s++)
			if (e < 10000)
				e = e * 10 + (*s - '0');
		exp10 += eneg ? -e : e;
	}
	while (*s == ' ')
		s++;
	if (*s)
		return NULL;
	exp10 += shift;
	if (nd == 0 || exp10 > 30)
		return nd == 0 ? "0" : NULL;
	/* keep 15 significant digits and at most 12 decimals */
	int keep = nd < 15 ? nd : 15;
	if (keep > exp10 + 12)
		keep = exp10 + 12;
	if (keep < 0)
		return "0";
	bool up = keep < nd && dig[keep] >= '5';
	nd = keep;
	for (int i = nd - 1; up && i >= 0; i--) {
		if (dig[i] == '9') {
			dig[i] = '0';
		} else {
			dig[i]++;
			up = false;
		}
	}
	if (up) { /* 999.. rounded up to 1000.. */
		memmove(dig + 1, dig, (size_t)nd);
		dig[0] = '1';
		nd++;
		exp10++;
	}
	while (nd > 0 && dig[nd - 1] == '0')
		nd--;
	if (nd == 0)
		return "0";
	struct buf b = BUF_INIT;
	if (neg)
		buf_putc(&b, '-');
	if (exp10 <= 0) {
		buf_puts(&b, "0.");
		for (int i = 0; i < -exp10; i++)
			buf_putc(&b, '0');
		buf_put(&b, dig, (size_t)nd);
	} else if (exp10 >= nd) {
		buf_put(&b, dig, (size_t)nd);
		for (int i = nd; i < exp10; i++)
			buf_putc(&b, '0');
	} else {
		buf_put(&b, dig, (size_t)exp10);
		buf_putc(&b, '.');
		buf_put(&b, dig + exp10, (size_t)(nd - exp10));
	}
	const char *r = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return r;
}

/* Days since 1970-01-01 -> civil date (H. Hinnant's algorithm). */
static void civil(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

bool xlvalue_date(long serial, bool date1904, char out[11])
{
	if (serial < 0 || serial > 2958465)
		return false;
	int y, m, d;
	if (date1904) {
		civil(serial - 24107, &y, &m, &d); /* 1904-01-01 is day -24107 */
	} else if (serial == 60) {
		/* Lotus's 1900-02-29, which Excel keeps */
		y = 1900, m = 2, d = 29;
	} else if (serial == 0) {
		return false;
	} else {
		/* serial 1 = 1900-01-01; after the made-up 29 February one
		 * day less */
		civil(serial - (serial < 60 ? 25568 : 25569), &y, &m, &d);
	}
	unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 13u, ud = (unsigned)d % 32u;
	out[0] = (char)('0' + uy / 1000);
	out[1] = (char)('0' + uy / 100 % 10);
	out[2] = (char)('0' + uy / 10 % 10);
	out[3] = (char)('0' + uy % 10);
	out[4] = '-';
	out[5] = (char)('0' + um / 10);
	out[6] = (char)('0' + um % 10);
	out[7] = '-';
	out[8] = (char)('0' + ud / 10);
	out[9] = (char)('0' + ud % 10);
	out[10] = 0;
	return true;
}
