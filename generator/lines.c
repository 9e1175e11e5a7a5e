#include "lines.h"

#include "bounds.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Knuth & Plass, "Breaking paragraphs into lines" (1981), as in TeX:
 * active breakpoints, badness 100|r|^3, demerits (l + b)^2 + p^2, four
 * fitness classes with adj_demerits for neighbours two classes apart.
 * Vietnamese needs no hyphenation, so the only penalties are the ones
 * layout inserts (no break before "%", at a no-break space, ...), and
 * ties (LB_TIE, a figure and its unit), which the passes of lb_break
 * open only when the paragraph cannot be set within 2x spaces without. */

enum { LINE_PENALTY = 10, ADJ_DEMERITS = 10000 };

struct node {
	int pos; /* item index of the break (-1 = start) */
	int line; /* number of lines so far */
	int fitness; /* 0 tight, 1 decent, 2 loose, 3 very loose */
	double w, y, z; /* totals of width/stretch/shrink after the break */
	double demerits;
	float ratio; /* ratio of the line ending here */
	struct node *prev;
	struct node *next; /* active list */
};

static bool is_break(const struct lb_item *it, int i, bool ties)
{
	if (it[i].type == LB_PENALTY)
		return it[i].penalty < (ties ? LB_INF : LB_TIE);
	if (it[i].type == LB_GLUE)
		return i > 0 && it[i - 1].type == LB_BOX;
	return false;
}

static int fitness_of(double r)
{
	if (r < -0.5)
		return 0;
	if (r <= 0.5)
		return 1;
	if (r <= 1.0)
		return 2;
	return 3;
}

/* Totals after a break at b: skip the glue and penalties that vanish at
 * a line start, up to the next box or forced break. */
static void after_break(const struct lb_item *it, int n, int b, const double *sw,
			const double *sy, const double *sz, double *w, double *y,
			double *z)
{
	int i = b;
	while (i < n && it[i].type != LB_BOX &&
	       !(i > b && it[i].type == LB_PENALTY && it[i].penalty <= -LB_INF))
		i++;
	*w = sw[i];
	*y = sy[i];
	*z = sz[i];
}

static bool total_fit(struct arena *a, const struct lb_item *it, int n,
		      const struct lb_params *p, double tolerance, bool ties,
		      struct lb_result *out)
{
	/* prefix sums: s*[i] = totals of items [0, i) */
	double *sw = arena_alloc(a, sizeof(double) * (size_t)(n + 1) * 3);
	double *sy = sw + n + 1, *sz = sy + n + 1;
	for (int i = 0; i < n; i++) {
		bool glue = it[i].type == LB_GLUE, box = it[i].type == LB_BOX;
		sw[i + 1] = sw[i] + (glue || box ? it[i].w : 0);
		sy[i + 1] = sy[i] + (glue || box ? it[i].stretch : 0);
		sz[i + 1] = sz[i] + (glue || box ? it[i].shrink : 0);
	}
	struct node *active = arena_alloc(a, sizeof *active);
	active->pos = -1;
	active->fitness = 1;
	/* A line shorter than the measure is feasible only while its ratio
	 * r = (target - L) / Y stays under the tolerance's cube root (badness
	 * 100 r^3): a node whose line is further short than that is skipped
	 * before the division and the cube (most active nodes, at most
	 * breaks; the margin keeps every borderline case on the exact path). */
	double rcap = fmin(1e3, cbrt(tolerance / 100)) * (1 + 1e-6) + 1e-12;
	for (int i = 0; i < n && active; i++) {
		if (!is_break(it, i, ties))
			continue;
		double pen = it[i].type == LB_PENALTY ? it[i].penalty : 0;
		double pw = it[i].type == LB_PENALTY ? it[i].w : 0;
		struct node *best[4] = {0};
		double bestd[4] = {INFINITY, INFINITY, INFINITY, INFINITY};
		float bestr[4] = {0};
		struct node *prev_a = NULL;
		for (struct node *nd = active; nd;) {
			double target = nd->line == 0 ? p->width_first : p->width_rest;
			double L = sw[i] - nd->w + pw;
			double Y = sy[i] - nd->y + p->line_stretch;
			if (L < target && pen > -LB_INF && !(Y > 0 && target - L <= rcap * Y)) {
				prev_a = nd; /* too short to end here; stays active */
				nd = nd->next;
				continue;
			}
			double Z = sz[i] - nd->z;
			double r;
			if (L < target)
				r = Y > 0 ? (target - L) / Y : INFINITY;
			else if (L > target)
				r = Z > 0 ? (target - L) / Z : -INFINITY;
			else
				r = 0;
			struct node *next = nd->next;
			if (r < -1 || pen <= -LB_INF) {
				/* deactivate: this line can only get longer */
				if (prev_a)
					prev_a->next = next;
				else
					active = next;
			} else {
				prev_a = nd;
			}
			double b = r > 1e3 ? INFINITY : 100 * fabs(r) * fabs(r) * fabs(r);
			if (r >= -1 && b <= tolerance) {
				double d = (LINE_PENALTY + b) * (LINE_PENALTY + b);
				if (pen >= 0)
					d += pen * pen;
				else if (pen > -LB_INF)
					d -= pen * pen;
				int fc = fitness_of(r);
				if (abs(fc - nd->fitness) > 1)
					d += ADJ_DEMERITS;
				d += nd->demerits;
				if (d < bestd[fc]) {
					bestd[fc] = d;
					best[fc] = nd;
					bestr[fc] = (float)r;
				}
			}
			nd = next;
		}
		double w, y, z;
		after_break(it, n, i, sw, sy, sz, &w, &y, &z);
		for (int fc = 0; fc < 4; fc++) {
			if (!best[fc])
				continue;
			struct node *nn = arena_alloc(a, sizeof *nn);
			nn->pos = i;
			nn->line = best[fc]->line + 1;
			nn->fitness = fc;
			nn->w = w;
			nn->y = y;
			nn->z = z;
			nn->demerits = bestd[fc];
			nn->ratio = bestr[fc];
			nn->prev = best[fc];
			nn->next = active;
			active = nn;
		}
	}
	/* The forced break at the end created the candidates at pos n-1. */
	struct node *end = NULL;
	for (struct node *nd = active; nd; nd = nd->next)
		if (nd->pos == n - 1 && (!end || nd->demerits < end->demerits))
			end = nd;
	if (!end)
		return false;
	int lines = end->line;
	out->v = arena_alloc(a, sizeof *out->v * (size_t)lines);
	out->n = lines;
	for (struct node *nd = end; nd->prev; nd = nd->prev) {
		struct lb_line *ln = &out->v[nd->line - 1];
		ln->end = nd->pos;
		ln->ratio = nd->ratio;
		ln->start = nd->prev->pos + 1;
	}
	return true;
}

/* First fit at natural widths; a word wider than the measure makes an
 * overfull line of its own. */
static void first_fit(struct arena *a, const struct lb_item *it, int n,
		      const struct lb_params *p, struct lb_result *out)
{
	int cap = 0;
	out->v = NULL;
	out->n = 0;
	int start = 0;
	double width = 0;
	int last_break = -1;
	double width_at_break = 0;
	for (int i = 0; i < n; i++) {
		double target = out->n == 0 ? p->width_first : p->width_rest;
		if (it[i].type == LB_PENALTY && it[i].penalty <= -LB_INF) {
			struct lb_line ln = {start, i, 0, 0, false};
			ARR_PUSH(a, out->v, out->n, cap, ln);
			start = i + 1;
			width = 0;
			last_break = -1;
			continue;
		}
		if (is_break(it, i, !p->greedy)) {
			last_break = i;
			width_at_break = width;
		}
		if (it[i].type == LB_BOX || it[i].type == LB_GLUE)
			width += it[i].w;
		if (it[i].type == LB_BOX && width > target + 0.01 && last_break > start) {
			(void)width_at_break;
			struct lb_line ln = {start, last_break, 0, 0, false};
			ARR_PUSH(a, out->v, out->n, cap, ln);
			/* restart after the break, skipping discardable items */
			int j = last_break + 1;
			while (j < i && it[j].type != LB_BOX)
				j++;
			start = j;
			width = 0;
			for (int k = j; k <= i; k++)
				if (it[k].type != LB_PENALTY)
					width += it[k].w;
			last_break = -1;
		}
	}
	if (start < n) {
		struct lb_line ln = {start, n - 1, 0, 0, false};
		ARR_PUSH(a, out->v, out->n, cap, ln);
	}
}

/* Natural width, glue totals and ratio of each chosen line. */
static void finish(const struct lb_item *it, const struct lb_params *p,
		   struct lb_result *out)
{
	out->overfull = 0;
	for (int l = 0; l < out->n; l++) {
		struct lb_line *ln = &out->v[l];
		/* drop glue and penalties at the line start */
		int s = ln->start;
		while (s < ln->end && it[s].type != LB_BOX)
			s++;
		ln->start = s;
		double w = 0, y = 0, z = 0;
		for (int i = s; i < ln->end; i++) {
			if (it[i].type == LB_PENALTY)
				continue;
			w += it[i].w;
			y += it[i].stretch; /* boxes: letter spacing */
			z += it[i].shrink;
		}
		if (it[ln->end].type == LB_PENALTY)
			w += it[ln->end].w;
		ln->natural = (float)w;
		double target = l == 0 ? p->width_first : p->width_rest;
		if (w > target + 0.01) {
			ln->ratio = z > 0 ? (float)((target - w) / z) : -INFINITY;
			if (ln->ratio < -1) {
				ln->ratio = -1;
				ln->overfull = true;
				out->overfull++;
			}
		} else if (p->line_stretch > 0) {
			ln->ratio = 0; /* ragged: natural spacing */
		} else {
			ln->ratio = y > 0 ? (float)((target - w) / y) : 0;
		}
	}
}

void lb_break(struct arena *a, const struct lb_item *items, int n,
	      const struct lb_params *p, struct lb_result *out)
{
	memset(out, 0, sizeof *out);
	if (n <= 0)
		return;
	/* a paragraph of tens of thousands of words (a million one-letter
	 * lines make one paragraph) is broken first-fit: total fit's work
	 * grows with the words times the breaks in reach of each */
	if (!p->greedy && n <= MAX_TOTAL_FIT_ITEMS) {
		/* badness 800: spaces up to twice their width (stretch 1/2);
		 * ties open only when that cannot be met without */
		static const struct {
			double tolerance;
			bool ties;
		} pass[] = {{0, false}, {800, false}, {800, true}, {1e7, true}};
		bool any_tie = false;
		for (int i = 0; i < n && !any_tie; i++)
			any_tie = items[i].type == LB_PENALTY &&
				  items[i].penalty >= LB_TIE && items[i].penalty < LB_INF;
		for (int k = 0; k < 4; k++) {
			double tol = k ? pass[k].tolerance : p->tolerance;
			if ((k == 1 && tol <= p->tolerance) || (k == 2 && !any_tie))
				continue;
			if (total_fit(a, items, n, p, tol, pass[k].ties, out)) {
				out->passes = k + 1;
				finish(items, p, out);
				return;
			}
		}
	}
	first_fit(a, items, n, p, out);
	out->passes = p->greedy || n > MAX_TOTAL_FIT_ITEMS ? 0 : 5;
	finish(items, p, out);
}
