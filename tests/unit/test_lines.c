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

	/* Ties (issue 19). 15 words of 10, glue 3 +3 -1, measure 100: eight
	 * words (101, shrink 7) then seven is best; a tie after the eighth
	 * word moves that break (7 + 8 is feasible in the first pass). */
	{
		float w15[15];
		for (int i = 0; i < 15; i++)
			w15[i] = 10;
		n = para(it, w15, 15, 3);
		struct lb_item tied[64];
		struct lb_params p15 = {
		    .width_first = 100, .width_rest = 100, .tolerance = 200};
		lb_break(&a, it, n, &p15, &r);
		CHECK(r.n == 2 && r.v[0].end == 15,
		      "untied: eight words, then seven "
		      "(break at item %d)",
		      r.n ? r.v[0].end : -1);
		int m = 0;
		for (int i = 0; i < n; i++) {
			if (i == 15) /* the glue after the eighth word */
				tied[m++] = (struct lb_item){LB_PENALTY, 0, 0, 0, LB_TIE};
			tied[m++] = it[i];
		}
		lb_break(&a, tied, m, &p15, &r);
		bool broke = false;
		for (int l = 0; l + 1 < r.n; l++)
			broke |= tied[r.v[l].end].type == LB_PENALTY;
		CHECK(!broke && r.passes == 1,
		      "a tie holds when the paragraph can be set within tolerance "
		      "without breaking it (pass %d, %d lines)",
		      r.passes, r.n);
		/* four words of 45 in a measure of 93, tied after the second:
		 * no other break keeps any line within 2x, so the tie breaks
		 * (pass 3) */
		float w4[4] = {45, 45, 45, 45};
		n = para(it, w4, 4, 1.5f);
		m = 0;
		for (int i = 0; i < n; i++) {
			if (i == 3)
				tied[m++] = (struct lb_item){LB_PENALTY, 0, 0, 0, LB_TIE};
			tied[m++] = it[i];
		}
		struct lb_params p2 = {
		    .width_first = 93, .width_rest = 93, .tolerance = 200};
		lb_break(&a, tied, m, &p2, &r);
		CHECK(r.passes == 3 && r.n == 2 && r.v[0].end == 3,
		      "a tie breaks only when nothing else keeps spaces within 2x "
		      "(pass %d, %d lines)",
		      r.passes, r.n);
		/* the same with an infinite penalty: never */
		tied[3].penalty = LB_INF;
		lb_break(&a, tied, m, &p2, &r);
		CHECK(r.n >= 1 && r.v[0].end != 3, "a hard tie (LB_INF) never breaks");
	}

	/* Letter spacing: a box's stretch counts in the line's ratio. */
	{
		int m = 0;
		it[m++] = (struct lb_item){LB_BOX, 40, 4, 0, 0};
		it[m++] = (struct lb_item){LB_GLUE, 4, 2, 1, 0};
		it[m++] = (struct lb_item){LB_BOX, 40, 4, 0, 0};
		it[m++] = (struct lb_item){LB_PENALTY, 0, 0, 0, -LB_INF};
		struct lb_params pb = {
		    .width_first = 94, .width_rest = 94, .tolerance = 200};
		lb_break(&a, it, m, &pb, &r);
		CHECK(r.n == 1 && fabsf(r.v[0].ratio - 1.0f) < 1e-3f,
		      "10 pt of stretch from glue 2 + letters 8: ratio %.3f for 10 pt",
		      r.n ? r.v[0].ratio : -9);
	}

	/* Letter spacing shrinks too: a word a line cannot take on its
	 * spaces' shrink alone fits with the letters' (words 40, glue 4 +2
	 * -1, letters -1 each: three words are 128, the measure 124). */
	{
		int m = 0;
		for (int i = 0; i < 3; i++) {
			it[m++] = (struct lb_item){LB_BOX, 40, 0, i < 2 ? 0 : 2, 0};
			if (i < 2)
				it[m++] = (struct lb_item){LB_GLUE, 4, 2, 1, 0};
		}
		it[m++] = (struct lb_item){LB_PENALTY, 0, 0, 0, -LB_INF};
		struct lb_params ps = {
		    .width_first = 124, .width_rest = 124, .tolerance = 200};
		lb_break(&a, it, m, &ps, &r);
		CHECK(r.n == 1 && fabsf(r.v[0].ratio + 1) < 1e-3f,
		      "spaces and letters shrink together: one line at ratio %.2f",
		      r.n ? r.v[0].ratio : 9);
		it[4].shrink = 0;
		lb_break(&a, it, m, &ps, &r);
		CHECK(r.n == 2,
		      "without the letters' shrink the line is overfull: %d lines", r.n);
	}

	arena_free(&a);
	UNIT_DONE();
}
