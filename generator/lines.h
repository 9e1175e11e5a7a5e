/* lines: breaking a paragraph into lines. Knuth–Plass total-fit breaking
 * (boxes, glue, penalties, fitness classes, demerits) for justified and
 * ragged text, and a greedy first-fit breaker kept for comparison.
 * Owns: the choice of breakpoints and each line's glue ratio.
 * Must not: know about fonts, runs or pages; it sees only widths. */
#ifndef BAOCAO_LINES_H
#define BAOCAO_LINES_H

#include <stdbool.h>

#include "arena.h"

enum lb_type { LB_BOX, LB_GLUE, LB_PENALTY };

#define LB_INF 10000.0f /* a penalty this large forbids a break; -LB_INF forces one */
/* A tie: a penalty from LB_TIE up to LB_INF keeps two words together
 * unless every way of breaking the paragraph without breaking a tie
 * has a line whose spaces exceed twice their width (tolerance 800);
 * then the paragraph may break there at that penalty. */
#define LB_TIE 1000.0f
#define LB_FIL 1e6f /* "infinite" stretch: the glue that ends a paragraph */

struct lb_item {
	enum lb_type type;
	float w; /* natural width */
	float stretch, shrink; /* glue; a box's are its letter spacing */
	float penalty; /* penalty only */
};

struct lb_params {
	float width_first, width_rest; /* line widths */
	float tolerance; /* largest badness accepted (TeX: 200) */
	float line_stretch; /* stretch every line gets (ragged text);
			       0 for justified text */
	bool greedy; /* first-fit instead of total fit */
};

struct lb_line {
	int start, end; /* items [start, end): end is the break item */
	float ratio; /* glue adjustment: >0 stretch, <0 shrink */
	float natural; /* natural width of the line's content */
	bool overfull; /* no feasible break: wider than the measure */
};

struct lb_result {
	struct lb_line *v;
	int n;
	int passes; /* 1 tolerance met, 2 loose (spaces <= 2x), 3 within 2x
		       by breaking ties, 4 no feasible breaks (any looseness),
		       5 greedy fallback (overfull); 0 greedy asked for */
	int overfull; /* lines wider than the measure */
};

/* Break items[0..n) into lines. The items must end with a forced break
 * (penalty -LB_INF). Always succeeds: when no feasible total fit exists
 * it retries looser, then falls back to first-fit with overfull lines. */
void lb_break(struct arena *a, const struct lb_item *items, int n,
	      const struct lb_params *p, struct lb_result *out);

#endif
