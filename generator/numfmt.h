/* numfmt: Vietnamese forms of numbers and dates (no I/O, no allocation
 * beyond the buf it is given), and the exact decimal numbers that
 * templates compute with.
 * Owns: the decree's date form, "." thousands and "," decimals, numbers in
 * words, reading number cells (Vietnamese or C convention), and decimal
 * arithmetic without binary noise (0.1 + 0.2 is 0,3).
 * Must not: parse templates or data files.
 * Two files: numfmt.c (dates, reading and writing numbers, words) and
 * numfmt_dec.c (the arithmetic); numfmt_int.h holds what both use. */
#ifndef BAOCAO_NUMFMT_H
#define BAOCAO_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Parse "YYYY-MM-DD" or "YYYY-MM" (day 0: left blank for the signer) or
 * "DD/MM/YYYY". Checks the calendar. */
bool numfmt_parse_date(const char *s, int *y, int *m, int *d);

/* "ngày 05 tháng 02 năm 2024": leading zero for days < 10 and months 1-2
 * (Decree 30, Phụ lục I II.4.b); day 0 leaves a blank for the day. */
void numfmt_date(struct buf *b, int y, int m, int d);

/* An exact decimal: value = m / 10^scale, 0 <= scale <= NUMFMT_MAX_SCALE,
 * |value| < 10^NUMFMT_MAX_DIGITS. Money and counts add up exactly (a sum
 * of 10 000 cells of 0,1 is 1000); a quotient is rounded half away from
 * zero to 12 decimals. Results beyond the range are an error
 * (NUMFMT_RANGE), never a silent wrap. The mantissa is a 128-bit integer:
 * 10^30 (18 integer + 12 fraction digits) leaves room for every
 * intermediate of + - and the long division. */
__extension__ typedef __int128 numfmt_int;
#define NUMFMT_MAX_SCALE 12
#define NUMFMT_MAX_DIGITS 18

struct numfmt_dec {
	numfmt_int m;
	int scale;
};

enum numfmt_status {
	NUMFMT_OK,
	NUMFMT_EMPTY, /* blank text */
	NUMFMT_BAD, /* not a number in this convention */
	NUMFMT_RANGE, /* 10^18 or more */
	NUMFMT_DIVZERO, /* division by zero */
};

/* Read a number cell or scalar. Vietnamese (c_locale false): "383.032",
 * "92,65", "1.234,5", "-5" ('.' only groups exactly three digits, ','
 * is the decimal mark). C: "1234.5", "1,234.5". A leading sign and
 * surrounding spaces are allowed; nothing else (no '%'). More than 12
 * decimals are rounded. */
enum numfmt_status numfmt_parse(const char *s, bool c_locale, struct numfmt_dec *out);

struct numfmt_dec numfmt_from_int(long long v);
bool numfmt_is_zero(struct numfmt_dec a);
bool numfmt_is_int(struct numfmt_dec a);
/* The integer value when numfmt_is_int and it fits in a long long. */
bool numfmt_to_ll(struct numfmt_dec a, long long *out);
int numfmt_cmp(struct numfmt_dec a, struct numfmt_dec b);
struct numfmt_dec numfmt_neg(struct numfmt_dec a);
struct numfmt_dec numfmt_abs(struct numfmt_dec a);
enum numfmt_status numfmt_add(struct numfmt_dec a, struct numfmt_dec b,
			      struct numfmt_dec *r);
enum numfmt_status numfmt_sub(struct numfmt_dec a, struct numfmt_dec b,
			      struct numfmt_dec *r);
enum numfmt_status numfmt_mul(struct numfmt_dec a, struct numfmt_dec b,
			      struct numfmt_dec *r);
enum numfmt_status numfmt_div(struct numfmt_dec a, struct numfmt_dec b,
			      struct numfmt_dec *r);
/* Round half away from zero to n decimals (n < 0 rounds to tens,
 * hundreds...; -18 <= n, n > 12 changes nothing). */
struct numfmt_dec numfmt_round(struct numfmt_dec a, int n);

/* A computed number as DESIGN §2.2 writes it without a filter: decimal
 * comma, no grouping, at most 6 decimals (rounded), no trailing zeros:
 * 2023, 0,3, -1234,5. */
void numfmt_plain(struct buf *b, struct numfmt_dec v);

/* The `so` filter: "." thousands, "," decimals. decimals < 0: up to 2,
 * trailing zeros dropped (383.032; 92,65; 1.234,5); otherwise exactly
 * that many (so(2) of 5 is 5,00). */
void numfmt_grouped(struct buf *b, struct numfmt_dec v, int decimals);

/* The `chu` filter: a whole number in Vietnamese words, first letter
 * capitalised ("Một nghìn hai trăm năm mươi"; "Âm năm"). Returns false,
 * writing nothing, when v is not a whole number. */
bool numfmt_words(struct buf *b, struct numfmt_dec v);

#endif
