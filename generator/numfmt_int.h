/* numfmt_int: what the two halves of numfmt share (not used outside
 * numfmt*.c): powers of ten and the normal form of an exact decimal.
 * Must not: grow; anything larger belongs in numfmt_dec.c. */
#ifndef BAOCAO_NUMFMT_INT_H
#define BAOCAO_NUMFMT_INT_H

#include "numfmt.h"

static inline numfmt_int p10(int k)
{
	numfmt_int r = 1;
	while (k-- > 0)
		r *= 10;
	return r;
}

static inline numfmt_int iabs(numfmt_int v)
{
	return v < 0 ? -v : v;
}

/* |value| < 10^18 <=> |m| < 10^(18 + scale). */
static inline bool in_range(struct numfmt_dec a)
{
	return iabs(a.m) < p10(NUMFMT_MAX_DIGITS + a.scale);
}

/* Drop trailing zero decimals so mantissas stay small. */
static inline struct numfmt_dec norm(struct numfmt_dec a)
{
	while (a.scale > 0 && a.m % 10 == 0) {
		a.m /= 10;
		a.scale--;
	}
	if (a.m == 0)
		a.scale = 0;
	return a;
}

static inline enum numfmt_status finish(struct numfmt_dec v, struct numfmt_dec *r)
{
	v = norm(v);
	if (!in_range(v))
		return NUMFMT_RANGE;
	*r = v;
	return NUMFMT_OK;
}

#endif
