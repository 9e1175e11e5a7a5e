/* expr_suggest: the messages for a name that is not there: an unknown
 * name, table, column or function, with the closest known one ("did you
 * mean 'von_dau_tu'?") or the list of those in scope.
 * Owns: edit distance and when a guess is close enough to offer.
 * Must not: resolve names (expr_eval.c does; this only words the miss). */
#include <stdio.h>
#include <string.h>

#include "expr_int.h"
#include "i18n.h"

static int edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return 1000;
	int row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j];
			int best = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *expr_closest(const char *name, const char *const *cands, int n)
{
	const char *best = NULL;
	int bestd = 1000;
	size_t ln = strlen(name);
	for (int i = 0; i < n; i++) {
		if (!cands[i] || strcmp(cands[i], name) == 0)
			continue;
		int d = edit_distance(name, cands[i]);
		size_t lc = strlen(cands[i]);
		/* "von_dau_tu" for "von_dau_tu_trieu_dong": a prefix is a
		 * good guess however many letters it lacks. */
		if (ln >= 3 && lc > ln && strncmp(name, cands[i], ln) == 0 && d > 1)
			d = 1;
		int limit = ln <= 2 ? 0 : ln <= 4 ? 1 : ln <= 8 ? 2 : 3;
		if (d <= limit && d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	return best;
}

/* "; did you mean 'x'? " or "; " before a list of known names. */
static void put_suggestion(struct buf *b, const char *near)
{
	if (near)
		buf_printf(b, _("; did you mean '%s'? "), near);
	else
		buf_puts(b, "; ");
}

/* "a, b, c" (at most 20, then "..."). */
static void list_names(struct buf *b, const char *const *names, int n)
{
	for (int i = 0; i < n && i < 20; i++)
		buf_printf(b, "%s%s", i ? ", " : "", names[i]);
	if (n > 20)
		buf_puts(b, ", ...");
}

const char *expr_table_file(const struct table *t)
{
	if (t->label)
		return t->label; /* a workbook's sheet */
	const char *s = strrchr(t->path, '/');
	return s ? s + 1 : t->path;
}

void expr_unknown_name(struct expr_ctx *c, const struct expr *e)
{
	const char **cands = NULL;
	size_t n = 0, cap = 0;
	for (int f = c->nframes - 1; f >= 0; f--)
		for (int i = 0; i < c->frames[f].t->ncols; i++)
			ARR_PUSH(c->a, cands, n, cap, c->frames[f].t->names[i]);
	if (c->batch_table)
		for (int i = 0; i < c->batch_table->ncols; i++)
			ARR_PUSH(c->a, cands, n, cap, c->batch_table->names[i]);
	for (int i = 0; i < c->nlets; i++)
		ARR_PUSH(c->a, cands, n, cap, c->lets[i].name);
	for (int i = 0; i < c->nsets; i++)
		ARR_PUSH(c->a, cands, n, cap, c->sets[i].name);
	for (int i = 0; i < c->nvars; i++)
		ARR_PUSH(c->a, cands, n, cap, c->vars[i].name);
	for (int i = 0; c->data && i < c->data->ntables; i++)
		ARR_PUSH(c->a, cands, n, cap, c->data->tables[i].name);
	for (int i = 0; i < c->nletdefs; i++) {
		const struct expr_letdef *d = &c->letdefs[i];
		if (strcmp(d->name, e->name) != 0)
			continue;
		bool later = d->loc.line > e->loc.line ||
			     (d->loc.line == e->loc.line && d->loc.col > e->loc.col);
		diag_error(
		    e->loc,
		    later ? _("'%s' is used before it is defined: its {{ let }} is at "
			      "line %d; move the let above this line")
			  : _("'%s' is defined at line %d by a let inside a block that "
			      "has ended; a let holds to the end of its block (move it "
			      "out of the block)"),
		    e->name, d->loc.line);
		return;
	}
	const char *near = expr_closest(e->name, cands, (int)n);
	struct buf b = BUF_INIT;
	buf_printf(&b, _("unknown name '%s'"), e->name);
	if (c->nframes) {
		const struct table *t = c->frames[c->nframes - 1].t;
		put_suggestion(&b, near);
		buf_printf(&b, _("columns of %s are: "), expr_table_file(t));
		list_names(&b, t->names, t->ncols);
	} else if (near) {
		buf_printf(&b, _("; did you mean '%s'?"), near);
	} else if (c->nvars + c->nsets > 0) {
		buf_puts(&b, _("; names are: "));
		size_t from = c->batch_table ? (size_t)c->batch_table->ncols : 0;
		list_names(&b, cands + from, c->nsets + c->nvars);
	}
	if (!c->data && !c->nframes)
		buf_puts(
		    &b,
		    _(" (there is no data folder: put the CSV files or workbooks in "
		      "data/ beside the report, or pass -d DIR)"));
	diag_error(e->loc, "%s", buf_cstr(&b));
	buf_free(&b);
}

void expr_unknown_table(struct expr_ctx *c, const char *name, struct srcloc loc)
{
	int n = c->data ? c->data->ntables : 0;
	if (n == 0) {
		diag_error(loc,
			   "unknown table '%s': no data was loaded (put %s.csv or "
			   "a workbook in the data folder, or use -d DIR)",
			   name, name);
		return;
	}
	const char **names = arena_alloc(c->a, (size_t)n * sizeof *names);
	for (int i = 0; i < n; i++)
		names[i] = c->data->tables[i].name;
	const char *near = expr_closest(name, names, n);
	struct buf b = BUF_INIT;
	buf_printf(&b, _("unknown table '%s'"), name);
	put_suggestion(&b, near);
	buf_puts(&b, _("tables are: "));
	list_names(&b, names, n);
	diag_error(loc, "%s", buf_cstr(&b));
	buf_free(&b);
}

void expr_unknown_column(const struct table *t, const char *col, struct srcloc loc)
{
	const char *near = expr_closest(col, t->names, t->ncols);
	struct buf b = BUF_INIT;
	buf_printf(&b, _("unknown column '%s' in %s"), col, expr_table_file(t));
	put_suggestion(&b, near);
	buf_puts(&b, _("columns are: "));
	list_names(&b, t->names, t->ncols);
	diag_error(loc, "%s", buf_cstr(&b));
	buf_free(&b);
}
