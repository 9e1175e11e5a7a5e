/* chart: `{{ chart bar|line|pie TABLE [where EXPR] x=COL y=COL[,COL...] }}`
 * (DESIGN.md §3, Charts from data). The template stage reads the tag
 * (chart_parse_tag) and the rows it names (chart_collect) into a struct
 * chart, which travels in the doc model as a BLK_CHART block;
 * layout_chart.c turns it into shapes and text.
 * Owns: the tag's syntax and options, the checks on the data (columns,
 * numbers, pie values, number of points). Must not: measure or draw. */
#ifndef BAOCAO_CHART_H
#define BAOCAO_CHART_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "numfmt.h"

enum chart_kind { CHART_BAR, CHART_LINE, CHART_PIE };

/* Sane sizes: beyond these a chart is unreadable on A4. */
#define CHART_MAX_CATEGORIES 40 /* bars or points along x (pie: slices) */
#define CHART_MAX_PIE_SLICES 12
#define CHART_MAX_SERIES 6
#define CHART_MAX_BARS 120 /* categories x series, bar charts */

struct chart {
	enum chart_kind kind;
	int ncat, nser;
	const char **cat; /* x labels, as written in the data */
	const char **ser; /* series names: the y columns' header texts */
	struct numfmt_dec *dec; /* ncat * nser values, [cat * nser + ser] */
	double *val; /* the same as doubles, for geometry */
	const char *unit; /* don_vi="..." or NULL: above the value axis */
	struct srcloc loc; /* the tag */
};

struct chart_list {
	struct chart **v;
	int n, cap;
};

struct expr;
struct expr_ctx;
struct expr_src;

/* What the tag says, before the data is read. */
struct chart_tag {
	enum chart_kind kind;
	const char *table;
	struct srcloc loc, table_loc, x_loc;
	struct expr *where; /* NULL: every row */
	const char *x;
	const char **y;
	struct srcloc *y_loc;
	int ny;
	const char *unit;
};

/* in: the tag's text after the word "chart". Errors at their column. */
bool chart_parse_tag(struct arena *a, const struct expr_src *in, struct srcloc tag,
		     struct chart_tag *out);

/* Read the rows: every error is reported at the tag (its line). */
bool chart_collect(struct expr_ctx *c, const struct chart_tag *t, struct chart **out);

/* The marker the template leaves in the Markdown for chart number i, on
 * a line of its own; markdown turns it back into the chart. */
#define CHART_MARK "<!-- baocao-chart "

#endif
