/* numfmt_dec: exact decimal arithmetic (numfmt.h, "An exact decimal"):
 * + - * / with a 128-bit mantissa, comparison and rounding half away
 * from zero. Owns: the range and scale rules of every computed number.
 * Must not: read or write text (numfmt.c does, in the Vietnamese forms). */
#include <stdbool.h>

#include "numfmt.h"
#include "numfmt_int.h"

/* Divide m by 10^k, rounding half away from zero. */
static numfmt_int shift_round(numfmt_int m, int k)
{
	if (k <= 0)
		return m;
	numfmt_int d = p10(k), q = iabs(m) / d, r = iabs(m) % d;
	if (2 * r >= d)
		q++;
	return m < 0 ? -q : q;
}

struct numfmt_dec numfmt_round(struct numfmt_dec a, int n)
{
	if (n < -NUMFMT_MAX_DIGITS)
		n = -NUMFMT_MAX_DIGITS;
	if (a.scale <= n)
		return a;
	if (n >= 0) {
		a.m = shift_round(a.m, a.scale - n);
		a.scale = n;
		return norm(a);
	}
	/* round(x, -3): to whole thousands */
	a.m = shift_round(a.m, a.scale - n) * p10(-n);
	a.scale = 0;
	return a;
}

struct numfmt_dec numfmt_from_int(long long v)
{
	return (struct numfmt_dec){(numfmt_int)v, 0};
}

bool numfmt_is_zero(struct numfmt_dec a)
{
	return a.m == 0;
}

bool numfmt_is_int(struct numfmt_dec a)
{
	return norm(a).scale == 0;
}

bool numfmt_to_ll(struct numfmt_dec a, long long *out)
{
	a = norm(a);
	if (a.scale != 0 || a.m > (numfmt_int)9223372036854775807LL ||
	    a.m < -(numfmt_int)9223372036854775807LL)
		return false;
	*out = (long long)a.m;
	return true;
}

struct numfmt_dec numfmt_neg(struct numfmt_dec a)
{
	a.m = -a.m;
	return a;
}

struct numfmt_dec numfmt_abs(struct numfmt_dec a)
{
	a.m = iabs(a.m);
	return a;
}

/* Both mantissas at the larger scale: |m| < 10^30, no overflow. */
static void align(struct numfmt_dec *a, struct numfmt_dec *b)
{
	if (a->scale < b->scale) {
		a->m *= p10(b->scale - a->scale);
		a->scale = b->scale;
	} else if (b->scale < a->scale) {
		b->m *= p10(a->scale - b->scale);
		b->scale = a->scale;
	}
}

int numfmt_cmp(struct numfmt_dec a, struct numfmt_dec b)
{
	align(&a, &b);
	return a.m < b.m ? -1 : a.m > b.m;
}

enum numfmt_status numfmt_add(struct numfmt_dec a, struct numfmt_dec b,
			      struct numfmt_dec *r)
{
	align(&a, &b);
	a.m += b.m;
	return finish(a, r);
}

enum numfmt_status numfmt_sub(struct numfmt_dec a, struct numfmt_dec b,
			      struct numfmt_dec *r)
{
	return numfmt_add(a, numfmt_neg(b), r);
}

enum numfmt_status numfmt_mul(struct numfmt_dec a, struct numfmt_dec b,
			      struct numfmt_dec *r)
{
	a = norm(a);
	b = norm(b);
	numfmt_int m;
	/* Operands within range and scale 0 cannot overflow (10^36 <
	 * 1.7 * 10^38); with long decimals, give up their last digits
	 * (beyond what the result keeps anyway) until the product fits. */
	while (__builtin_mul_overflow(a.m, b.m, &m)) {
		struct numfmt_dec *big = a.scale >= b.scale ? &a : &b;
		if (big->scale == 0)
			return NUMFMT_RANGE;
		*big = numfmt_round(*big, big->scale - 1);
	}
	struct numfmt_dec v = {m, a.scale + b.scale};
	if (v.scale > NUMFMT_MAX_SCALE) {
		v.m = shift_round(v.m, v.scale - NUMFMT_MAX_SCALE);
		v.scale = NUMFMT_MAX_SCALE;
	}
	return finish(v, r);
}

enum numfmt_status numfmt_div(struct numfmt_dec a, struct numfmt_dec b,
			      struct numfmt_dec *r)
{
	if (b.m == 0)
		return NUMFMT_DIVZERO;
	a = norm(a);
	b = norm(b);
	/* a/b = (ma/mb) * 10^(sb-sa); the result has 12 decimals, so we
	 * need k = 12 + sb - sa (>= 0) digits of ma/mb after the point. Long
	 * division one digit at a time keeps every step below 10^31. */
	numfmt_int na = iabs(a.m), nb = iabs(b.m);
	numfmt_int q = na / nb, rem = na % nb;
	numfmt_int limit = p10(NUMFMT_MAX_DIGITS + NUMFMT_MAX_SCALE);
	int k = NUMFMT_MAX_SCALE + b.scale - a.scale;
	if (q >= limit)
		return NUMFMT_RANGE;
	for (int i = 0; i < k; i++) {
		rem *= 10;
		q = q * 10 + rem / nb;
		rem %= nb;
		if (q >= limit)
			return NUMFMT_RANGE;
	}
	if (2 * rem >= nb)
		q++;
	struct numfmt_dec v = {(a.m < 0) != (b.m < 0) ? -q : q, NUMFMT_MAX_SCALE};
	return finish(v, r);
}
