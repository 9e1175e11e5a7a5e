/* numfmt: the Vietnamese forms of numbers and dates (numfmt.h); the
 * arithmetic is numfmt_dec.c's. */
#include "numfmt.h"

#include <stdio.h>
#include <string.h>

#include "numfmt_int.h"

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : d[m - 1];
}

bool numfmt_parse_date(const char *s, int *y, int *m, int *d)
{
	int a, b, c, n = 0;
	*y = *m = *d = 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &a, &b, &c, &n) == 3 && s[n] == 0 && n == 10) {
		*y = a, *m = b, *d = c;
	} else if (n = 0,
		   sscanf(s, "%4d-%2d%n", &a, &b, &n) == 2 && s[n] == 0 && n == 7) {
		*y = a, *m = b, *d = 0;
	} else if (n = 0, sscanf(s, "%2d/%2d/%4d%n", &a, &b, &c, &n) == 3 && s[n] == 0) {
		*y = c, *m = b, *d = a;
	} else {
		return false;
	}
	if (*y < 1900 || *y > 9999 || *m < 1 || *m > 12)
		return false;
	if (*d < 0 || *d > month_days(*y, *m))
		return false;
	return true;
}

void numfmt_date(struct buf *b, int y, int m, int d)
{
	if (d > 0)
		buf_printf(b, "ngày %02d", d);
	else
		buf_puts(b, "ngày      "); /* blank for the day, filled by hand */
	if (m <= 2)
		buf_printf(b, " tháng %02d", m);
	else
		buf_printf(b, " tháng %d", m);
	buf_printf(b, " năm %d", y);
}

/* ---- reading numbers ------------------------------------------------ */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

enum numfmt_status numfmt_parse(const char *s, bool c_locale, struct numfmt_dec *out)
{
	char group = c_locale ? ',' : '.', point = c_locale ? '.' : ',';
	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return NUMFMT_EMPTY;
	bool neg = false;
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if (!is_digit(*s))
		return NUMFMT_BAD;
	numfmt_int m = 0;
	int intdigits = 0, lead = 0;
	/* Integer part: plain digits, or 1-3 digits then groups of three. */
	while (is_digit(*s)) {
		m = m * 10 + (*s++ - '0');
		lead++;
		if (m > 0)
			intdigits++;
		if (intdigits > NUMFMT_MAX_DIGITS)
			return NUMFMT_RANGE;
	}
	if (*s == group) {
		if (lead > 3)
			return NUMFMT_BAD;
		while (*s == group) {
			if (!is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[3]) ||
			    is_digit(s[4]))
				return NUMFMT_BAD;
			for (int i = 1; i <= 3; i++) {
				m = m * 10 + (s[i] - '0');
				if (m > 0)
					intdigits++;
			}
			if (intdigits > NUMFMT_MAX_DIGITS)
				return NUMFMT_RANGE;
			s += 4;
		}
	}
	int scale = 0;
	if (*s == point) {
		s++;
		if (!is_digit(*s))
			return NUMFMT_BAD;
		bool dropped = false, round_up = false;
		for (; is_digit(*s); s++) {
			if (scale < NUMFMT_MAX_SCALE) {
				m = m * 10 + (*s - '0');
				scale++;
			} else if (!dropped) {
				/* the first dropped digit decides the rounding */
				dropped = true;
				round_up = *s >= '5';
			}
		}
		m += round_up;
	}
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s)
		return NUMFMT_BAD;
	struct numfmt_dec v = {neg ? -m : m, scale};
	return finish(v, out);
}

/* ---- writing numbers ------------------------------------------------ */

/* Decimal digits of a non-negative mantissa, most significant first. */
static int digits_of(numfmt_int v, char *out)
{
	char tmp[48];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v > 0);
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = 0;
	return n;
}

/* Write v (already rounded to at most `decimals` decimals) with the
 * given grouping ('\0' for none); keep trailing zeros when fixed. */
static void put_number(struct buf *b, struct numfmt_dec v, int decimals, bool fixed,
		       char group)
{
	if (!fixed)
		v = norm(v);
	if (v.scale < decimals && fixed) {
		v.m *= p10(decimals - v.scale);
		v.scale = decimals;
	}
	char d[48];
	int n = digits_of(iabs(v.m), d);
	if (v.m < 0)
		buf_putc(b, '-');
	/* pad so there is at least one integer digit */
	int intn = n - v.scale;
	if (intn <= 0) {
		buf_putc(b, '0');
	} else {
		for (int i = 0; i < intn; i++) {
			if (group && i > 0 && (intn - i) % 3 == 0)
				buf_putc(b, group);
			buf_putc(b, d[i]);
		}
	}
	if (v.scale > 0) {
		buf_putc(b, ',');
		for (int i = intn; i < 0; i++)
			buf_putc(b, '0');
		buf_put(b, d + (intn > 0 ? intn : 0),
			(size_t)(n - (intn > 0 ? intn : 0)));
	}
}

void numfmt_plain(struct buf *b, struct numfmt_dec v)
{
	put_number(b, numfmt_round(v, 6), 6, false, 0);
}

void numfmt_grouped(struct buf *b, struct numfmt_dec v, int decimals)
{
	if (decimals < 0)
		put_number(b, numfmt_round(v, 2), 2, false, '.');
	else
		put_number(b, numfmt_round(v, decimals), decimals, true, '.');
}

/* ---- numbers in words ("Bằng chữ") -----------------------------------
 * The form accounting software and treasury vouchers use:
 * - three-digit groups with "nghìn", "triệu", "tỷ"; above tỷ the scale
 *   repeats ("một nghìn tỷ", "một triệu tỷ");
 * - a group that is all zeros is skipped (1.000.001 "một triệu không
 *   trăm linh một", 2.500.000.000 "hai tỷ năm trăm triệu");
 * - a group after a higher one is read in full ("không trăm linh một");
 * - "linh" for a zero ten (101 "một trăm linh một"), "mười" for 10-19,
 *   "mốt" for 1 after 20+, "tư" for 4 after 20+, "lăm" for 5 after a ten
 *   (15 "mười lăm", 25 "hai mươi lăm", but 105 "một trăm linh năm");
 * - "nghìn" (not "ngàn") and "tỷ" (not "tỉ"), as official documents write. */

static const char *const digit_word[] = {"không", "một", "hai", "ba",  "bốn",
					 "năm",   "sáu", "bảy", "tám", "chín"};

static void word(struct buf *b, const char *w)
{
	if (b->len && b->ptr[b->len - 1] != ' ')
		buf_putc(b, ' ');
	buf_puts(b, w);
}

static void words_triple(struct buf *b, int n, bool full)
{
	int h = n / 100, t = n / 10 % 10, u = n % 10;
	if (full || h > 0) {
		word(b, digit_word[h]);
		word(b, "trăm");
	}
	if (t == 0) {
		if (u == 0)
			return;
		if (full || h > 0)
			word(b, "linh");
		word(b, digit_word[u]);
	} else if (t == 1) {
		word(b, "mười");
		if (u == 5)
			word(b, "lăm");
		else if (u > 0)
			word(b, digit_word[u]);
	} else {
		word(b, digit_word[t]);
		word(b, "mươi");
		if (u == 1)
			word(b, "mốt");
		else if (u == 4)
			word(b, "tư");
		else if (u == 5)
			word(b, "lăm");
		else if (u > 0)
			word(b, digit_word[u]);
	}
}

/* n > 0; lead: a higher part has been written before it. */
static void words_of(struct buf *b, numfmt_int n, bool lead)
{
	const numfmt_int ty = 1000000000;
	if (n >= ty) {
		words_of(b, n / ty, lead);
		word(b, "tỷ");
		if (n % ty)
			words_of(b, n % ty, true);
		return;
	}
	static const char *const unit[] = {"triệu", "nghìn", NULL};
	int g[3] = {(int)(n / 1000000), (int)(n / 1000 % 1000), (int)(n % 1000)};
	for (int i = 0; i < 3; i++) {
		if (g[i] == 0)
			continue;
		words_triple(b, g[i], lead);
		if (unit[i])
			word(b, unit[i]);
		lead = true;
	}
}

bool numfmt_words(struct buf *b, struct numfmt_dec v)
{
	v = norm(v);
	if (v.scale != 0)
		return false;
	struct buf w = BUF_INIT;
	if (v.m < 0)
		buf_puts(&w, "âm");
	if (v.m == 0)
		buf_puts(&w, "không");
	else
		words_of(&w, iabs(v.m), false);
	/* Capitalise: every first word is ASCII-initial except "âm". */
	if (v.m < 0)
		buf_puts(b, "Âm");
	else
		buf_putc(b, (char)(w.ptr[0] - 'a' + 'A'));
	buf_puts(b, w.ptr + (v.m < 0 ? strlen("âm") : 1));
	buf_free(&w);
	return true;
}
