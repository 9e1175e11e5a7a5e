/* lines.c: Knuth–Plass and first-fit breaking on synthetic paragraphs. */
#include <math.h>
#include <stdlib.h>

#include "lines.h"
#include "unit.h"

/* A paragraph of n words of the given widths, glue 3 +1.5 -1. */
static int para(struct lb_item *it, const float *w, int n, float stretch)
{
	int k = 0;
	for (int i = 0; i < n; i++) {
		it[k++] = (struct lb_item){LB_BOX, w[i], 0, 0, 0};
		if (i < n - 1)
			it[k++] = (struct lb_item){LB_GLUE, 3, stretch, 1, 0};
	}
	it[k++] = (struct lb_item){LB_PENALTY, 0, 0, 0, LB_INF};
	it[k++] = (struct lb_item){LB_GLUE, 0, LB_FIL, 0, 0};
	it[k++] = (struct lb_item){LB_PENALTY, 0, 0, 0, -LB_INF};
	return k;
}

static float line_width(const struct lb_item *it, const struct lb_line *ln)
{
	float w = 0;
	for (int i = ln->start; i < ln->end; i++) {
		if (it[i].type == LB_BOX)
			w += it[i].w;
		else if (it[i].type == LB_GLUE && it[i].stretch < LB_FIL)
			w += it[i].w + (ln->ratio > 0 ? ln->ratio * it[i].stretch
						      : ln->ratio * it[i].shrink);
	}
	return w;
}

int main(void)
{
	struct arena a;
	arena_init(&a);
	struct lb_item it[512];

	/* Justified lines fill the measure exactly; the last stays natural. */
	float w[60];
	for (int i = 0; i < 60; i++)
		w[i] = 10 + (float)((i * 7) % 13);
	int n = para(it, w, 60, 1.5f);
	struct lb_params p = {.width_first = 200, .width_rest = 200, .tolerance = 200};
	struct lb_result r;
	lb_break(&a, it, n, &p, &r);
	CHECK(r.n >= 4 && r.passes == 1, "60 words break into %d lines in the first pass",
	      r.n);
	bool exact = true;
	for (int l = 0; l < r.n - 1; l++)
		exact &= fabsf(line_width(it, &r.v[l]) - 200) < 0.01f;
	CHECK(exact, "every line but the last fills the measure");
	CHECK(fabsf(r.v[r.n - 1].ratio) < 1e-3f, "the last line keeps natural spaces");
	bool within = true;
	for (int l = 0; l < r.n - 1; l++)
		within &= r.v[l].ratio <= 1.26f && r.v[l].ratio >= -1;
	CHECK(within, "no line is looser than tolerance 200 allows (ratio <= 1.26)");

	/* Knuth–Plass against first fit on the same paragraph: the largest
	 * stretch is no worse, usually better. */
	float worst_kp = 0, worst_ff = 0;
	for (int l = 0; l < r.n - 1; l++)
		if (r.v[l].ratio > worst_kp)
			worst_kp = r.v[l].ratio;
	struct lb_params g = p;
	g.greedy = true;
	struct lb_result rg;
	lb_break(&a, it, n, &g, &rg);
	for (int l = 0; l < rg.n - 1; l++)
		if (rg.v[l].ratio > worst_ff)
			worst_ff = rg.v[l].ratio;
	CHECK(worst_kp <= worst_ff, "total fit's worst line (%.2f) <= first fit's (%.2f)",
	      worst_kp, worst_ff);

	/* A word wider than the measure: an overfull line, no endless loop. */
	float big[5] = {20, 20, 500, 20, 20};
	n = para(it, big, 5, 1.5f);
	lb_break(&a, it, n, &p, &r);
	CHECK(r.overfull == 1 && r.n >= 2,
	      "an over-wide word makes one overfull line (%d lines)", r.n);
	int boxes = 0;
	for (int l = 0; l < r.n; l++)
		for (int i = r.v[l].start; i < r.v[l].end; i++)
			boxes += it[i].type == LB_BOX;
	CHECK(boxes == 5, "and every word is set once (%d)", boxes);

	/* A penalty of LB_INF forbids a break: the two words stay together. */
	float two[4] = {90, 90, 90, 90};
	int k = 0;
	it[k++] = (struct lb_item){LB_BOX, two[0], 0, 0, 0};
	it[k++] = (struct lb_item){LB_GLUE, 3, 1.5f, 1, 0};
	it[k++] = (struct lb_item){LB_BOX, two[1], 0, 0, 0};
	it[k++] = (struct lb_item){LB_PENALTY, 0, 0, 0, LB_INF};
	it[k++] = (struct lb_item){LB_GLUE, 3, 1.5f, 1, 0};
	it[k++] = (struct lb_item){LB_BOX, two[2], 0, 0, 0};
	it[k++] = (struct lb_item){LB_GLUE, 3, 1.5f, 1, 0};
	it[k++] = (struct lb_item){LB_BOX, two[3], 0, 0, 0};
	it[k++] = (struct lb_item){LB_PENALTY, 0, 0, 0, LB_INF};
	it[k++] = (struct lb_item){LB_GLUE, 0, LB_FIL, 0, 0};
	it[k++] = (struct lb_item){LB_PENALTY, 0, 0, 0, -LB_INF};
	struct lb_params q = {.width_first = 190, .width_rest = 190, .tolerance = 1e7f};
	lb_break(&a, it, k, &q, &r);
	bool apart = false;
	for (int l = 0; l < r.n; l++)
		apart |= r.v[l].end == 4;
	CHECK(!apart, "no break at a glue after an infinite penalty");

	/* Ragged (balanced) text: lines of even length. */
	float t[8] = {40, 40, 40, 40, 40, 40, 40, 40};
	n = 0;
	for (int i = 0; i < 8; i++) {
		it[n++] = (struct lb_item){LB_BOX, t[i], 0, 0, 0};
		if (i < 7)
			it[n++] = (struct lb_item){LB_GLUE, 3, 0, 0, 0};
	}
	it[n++] = (struct lb_item){LB_PENALTY, 0, 0, 0, LB_INF};
	it[n++] = (struct lb_item){LB_GLUE, 0, 0, 0, 0};
	it[n++] = (struct lb_item){LB_PENALTY, 0, 0, 0, -LB_INF};
	struct lb_params bal = {.width_first = 300,
				.width_rest = 300,
				.tolerance = 1e7f,
				.line_stretch = 150};
	lb_break(&a, it, n, &bal, &r);
	CHECK(r.n == 2 && fabsf(r.v[0].natural - r.v[1].natural) < 1,
	      "balanced lines: 8 equal words split 4 + 4 (%d lines, %.0f / %.0f)", r.n,
	      r.n ? r.v[0].natural : 0, r.n > 1 ? r.v[1].natural : 0);

	arena_free(&a);
	UNIT_DONE();
}
