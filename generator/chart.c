/* chart: reading `{{ chart ... }}` tags and their rows (see chart.h). */
#include "chart.h"

#include <string.h>

#include "buf.h"
#include "expr.h"
#include "i18n.h"

static struct srcloc here(const struct expr_src *s)
{
	return (struct srcloc){s->file, s->line, s->col};
}

static void skip_blanks(struct expr_src *s)
{
	size_t i = 0;
	while (i < s->len && (s->s[i] == ' ' || s->s[i] == '\t' || s->s[i] == '\n'))
		i++;
	expr_src_skip(s, i);
}

static size_t name_len(const struct expr_src *s)
{
	size_t i = 0;
	while (i < s->len &&
	       ((s->s[i] >= 'a' && s->s[i] <= 'z') || (s->s[i] >= 'A' && s->s[i] <= 'Z') ||
		(s->s[i] >= '0' && s->s[i] <= '9') || s->s[i] == '_' ||
		(unsigned char)s->s[i] >= 0x80))
		i++;
	return i;
}

static const char *const option_names[] = {"x", "y", "don_vi"};
#define NOPTIONS 3

/* Where the options start: the first blank followed by NAME= (not ==)
 * outside a string, or the end. */
static size_t options_start(const struct expr_src *s)
{
	bool str = false;
	for (size_t i = 0; i < s->len; i++) {
		char c = s->s[i];
		if (str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				str = false;
			continue;
		}
		if (c == '"') {
			str = true;
			continue;
		}
		if (c != ' ' && c != '\t' && c != '\n')
			continue;
		for (int k = 0; k < NOPTIONS; k++) {
			size_t n = strlen(option_names[k]);
			if (i + 1 + n < s->len && memcmp(s->s + i + 1, option_names[k], n) == 0 &&
			    s->s[i + 1 + n] == '=' &&
			    (i + 2 + n >= s->len || s->s[i + 2 + n] != '='))
				return i;
		}
	}
	return s->len;
}

bool chart_parse_tag(struct arena *a, const struct expr_src *src, struct srcloc tag,
		     struct chart_tag *t)
{
	memset(t, 0, sizeof *t);
	t->loc = tag;
	struct expr_src in = *src;
	skip_blanks(&in);
	size_t n = name_len(&in);
	struct srcloc kloc = here(&in);
	if (n == 3 && memcmp(in.s, "bar", 3) == 0)
		t->kind = CHART_BAR;
	else if (n == 4 && memcmp(in.s, "line", 4) == 0)
		t->kind = CHART_LINE;
	else if (n == 3 && memcmp(in.s, "pie", 3) == 0)
		t->kind = CHART_PIE;
	else {
		diag_error(kloc,
			   "unknown chart kind '%.*s'; write {{ chart bar|line|pie TABLE "
			   "x=COLUMN y=COLUMN }}",
			   (int)(n ? n : 1), n ? in.s : "?");
		return false;
	}
	expr_src_skip(&in, n);
	skip_blanks(&in);
	n = name_len(&in);
	if (!n) {
		diag_error(here(&in), "expected a table name after 'chart %s'",
			   t->kind == CHART_BAR ? "bar" : t->kind == CHART_LINE ? "line" : "pie");
		return false;
	}
	t->table = arena_strndup(a, in.s, n);
	t->table_loc = here(&in);
	expr_src_skip(&in, n);
	skip_blanks(&in);
	if (in.len >= 5 && memcmp(in.s, "where", 5) == 0 &&
	    (in.len == 5 || strchr(" \t\n", in.s[5]))) {
		expr_src_skip(&in, 5);
		struct expr_src w = in;
		w.len = options_start(&in);
		if (!expr_parse(a, w, &t->where))
			return false;
		expr_src_skip(&in, w.len);
		skip_blanks(&in);
	}
	while (in.len) {
		n = name_len(&in);
		struct srcloc oloc = here(&in);
		int opt = -1;
		for (int k = 0; k < NOPTIONS; k++)
			if (n == strlen(option_names[k]) && memcmp(in.s, option_names[k], n) == 0)
				opt = k;
		if (opt < 0 || n >= in.len || in.s[n] != '=') {
			diag_error(oloc,
				   "unexpected '%.*s' in a chart tag; after the table "
				   "come [where EXPR] x=COLUMN y=COLUMN[,COLUMN...] "
				   "[don_vi=\"...\"]",
				   (int)(n ? n : 1), in.s);
			return false;
		}
		expr_src_skip(&in, n + 1);
		if (opt == 2) { /* don_vi: a "string" or a word */
			if (in.len && in.s[0] == '"') {
				size_t e = 1;
				while (e < in.len && in.s[e] != '"')
					e++;
				if (e >= in.len) {
					diag_error(oloc, "don_vi: the string is never closed");
					return false;
				}
				t->unit = arena_strndup(a, in.s + 1, e - 1);
				expr_src_skip(&in, e + 1);
			} else {
				size_t e = 0;
				while (e < in.len && !strchr(" \t\n", in.s[e]))
					e++;
				t->unit = arena_strndup(a, in.s, e);
				expr_src_skip(&in, e);
			}
		} else {
			int cap = 0;
			for (;;) {
				size_t e = name_len(&in);
				if (!e) {
					diag_error(here(&in), "expected a column name after '%s='",
						   option_names[opt]);
					return false;
				}
				const char *name = arena_strndup(a, in.s, e);
				if (opt == 0) {
					t->x = name;
					t->x_loc = here(&in);
				} else {
					int n1 = t->ny, c1 = cap;
					ARR_PUSH(a, t->y, n1, c1, name);
					ARR_PUSH(a, t->y_loc, t->ny, cap, here(&in));
				}
				expr_src_skip(&in, e);
				if (opt == 0 || !in.len || in.s[0] != ',')
					break;
				expr_src_skip(&in, 1);
				skip_blanks(&in);
			}
		}
		skip_blanks(&in);
	}
	if (!t->x || !t->ny) {
		diag_error(tag,
			   "a chart needs x=COLUMN (the labels) and y=COLUMN[,COLUMN...] "
			   "(the values): {{ chart %s %s x=... y=... }}",
			   t->kind == CHART_BAR ? "bar" : t->kind == CHART_LINE ? "line" : "pie",
			   t->table);
		return false;
	}
	return true;
}

static bool column(struct expr_ctx *c, const struct table *tb, const char *name,
		   struct srcloc loc, int *out)
{
	*out = data_column(tb, name);
	if (*out >= 0)
		return true;
	const char *near = expr_closest(name, tb->names, tb->ncols);
	struct buf b = BUF_INIT;
	buf_printf(&b, "unknown column '%s' in %s; ", name, tb->path);
	if (near)
		buf_printf(&b, "did you mean '%s'? ", near);
	buf_puts(&b, "columns are: ");
	for (int i = 0; i < tb->ncols; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", tb->names[i]);
	diag_error(loc, "%s", buf_cstr(&b));
	buf_free(&b);
	(void)c;
	return false;
}

static double to_double(struct numfmt_dec d)
{
	double v = (double)d.m;
	for (int i = 0; i < d.scale; i++)
		v /= 10;
	return v;
}

bool chart_collect(struct expr_ctx *c, const struct chart_tag *t, struct chart **out)
{
	const char *kind = t->kind == CHART_BAR ? "bar" : t->kind == CHART_LINE ? "line" : "pie";
	const struct table *tb = expr_table(c, t->table, t->table_loc);
	if (!tb)
		return false;
	int xc, *yc = arena_alloc(c->a, sizeof *yc * (size_t)t->ny);
	if (!column(c, tb, t->x, t->x_loc, &xc))
		return false;
	for (int i = 0; i < t->ny; i++)
		if (!column(c, tb, t->y[i], t->y_loc[i], &yc[i]))
			return false;
	if (t->kind == CHART_PIE && t->ny > 1) {
		diag_error(t->y_loc[1],
			   "a pie shows one column; y names %d (draw a bar chart for "
			   "several)",
			   t->ny);
		return false;
	}
	if (t->ny > CHART_MAX_SERIES) {
		diag_error(t->y_loc[CHART_MAX_SERIES],
			   "a chart shows at most %d columns; y names %d", CHART_MAX_SERIES,
			   t->ny);
		return false;
	}
	/* the rows kept by `where` */
	int *rows = arena_alloc(c->a, sizeof *rows * (size_t)(tb->nrows ? tb->nrows : 1));
	int nrows = 0;
	if (!expr_push(c, tb, false, t->loc))
		return false;
	struct expr_frame *f = &c->frames[c->nframes - 1];
	bool ok = true;
	for (int r = 0; r < tb->nrows && ok; r++) {
		if (!expr_step(c, t->loc)) {
			ok = false;
			break;
		}
		f->row = r;
		if (t->where) {
			struct expr_value v;
			if (!expr_eval(c, t->where, &v)) {
				ok = false;
				break;
			}
			if (!expr_truth(&v))
				continue;
		}
		rows[nrows++] = r;
	}
	expr_pop(c);
	if (!ok)
		return false;
	int maxcat = t->kind == CHART_PIE ? CHART_MAX_PIE_SLICES : CHART_MAX_CATEGORIES;
	if (nrows == 0) {
		diag_error(t->loc, "chart %s %s has no rows to draw%s", kind, t->table,
			   t->where ? _(" (the where condition keeps none)") : "");
		return false;
	}
	if (nrows > maxcat || (t->kind == CHART_BAR && nrows * t->ny > CHART_MAX_BARS)) {
		diag_error(t->loc,
			   "chart %s %s would draw %d %s; at most %d fit a page (keep "
			   "fewer rows with where, or sum them in the data)",
			   kind, t->table,
			   t->kind == CHART_BAR ? nrows * t->ny : nrows,
			   t->kind == CHART_PIE ? _("slices") : t->kind == CHART_BAR ? _("bars") : _("points"),
			   t->kind == CHART_PIE ? CHART_MAX_PIE_SLICES
			   : t->kind == CHART_BAR ? (nrows > maxcat ? maxcat : CHART_MAX_BARS)
						  : maxcat);
		return false;
	}
	struct chart *ch = arena_alloc(c->a, sizeof *ch);
	ch->kind = t->kind;
	ch->ncat = nrows;
	ch->nser = t->ny;
	ch->loc = t->loc;
	ch->unit = t->unit;
	ch->cat = arena_alloc(c->a, sizeof *ch->cat * (size_t)nrows);
	ch->ser = arena_alloc(c->a, sizeof *ch->ser * (size_t)t->ny);
	ch->dec = arena_alloc(c->a, sizeof *ch->dec * (size_t)(nrows * t->ny));
	ch->val = arena_alloc(c->a, sizeof *ch->val * (size_t)(nrows * t->ny));
	for (int s = 0; s < t->ny; s++)
		ch->ser[s] = tb->headers[yc[s]];
	double total = 0;
	for (int i = 0; i < nrows; i++) {
		ch->cat[i] = data_cell(tb, rows[i], xc)->text;
		for (int s = 0; s < t->ny; s++) {
			struct expr_value v = {.kind = EXPR_TEXT,
					       .text = data_cell(tb, rows[i], yc[s])->text,
					       .loc = t->loc,
					       .t = tb,
					       .row = rows[i],
					       .col = yc[s]};
			struct numfmt_dec d;
			if (!expr_number(c, &v, &d))
				return false;
			ch->dec[i * t->ny + s] = d;
			ch->val[i * t->ny + s] = to_double(d);
			if (t->kind == CHART_PIE && ch->val[i * t->ny + s] < 0) {
				const struct cell *cl = data_cell(tb, rows[i], yc[s]);
				diag_error(t->loc,
					   "a pie cannot show the negative value %s (%s, "
					   "row %d, column %s); draw a bar chart",
					   cl->text, tb->path, cl->line, tb->names[yc[s]]);
				return false;
			}
			total += ch->val[i * t->ny + s];
		}
	}
	if (t->kind == CHART_PIE && !(total > 0)) {
		diag_error(t->loc, "the pie's values add up to 0; there is nothing to draw");
		return false;
	}
	*out = ch;
	return true;
}
