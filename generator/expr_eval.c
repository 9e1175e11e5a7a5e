/* expr_eval: the evaluator. Names are resolved once per loop (not per
 * row): each name node caches where it was found, keyed by the serial of
 * the innermost loop frame, so a 10 000-row loop costs one lookup per
 * name, not one per row. MAX_EXPR_DEPTH (bounds.h) keeps the recursion
 * well within the stack.
 * Owns: name resolution, loop frames, lets, lookups, aggregates, dates,
 * comparisons and arithmetic on values, and the step budget.
 * Must not: parse (expr_parse.c) or word the unknown-name messages
 * (expr_suggest.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "expr_int.h"
#include "i18n.h"

unsigned long expr_max_steps = MAX_EVAL_STEPS;

bool expr_step(struct expr_ctx *c, struct srcloc loc)
{
	unsigned long *n = c->budget ? c->budget : &c->steps;
	if (++*n <= expr_max_steps)
		return true;
	if (*n == expr_max_steps + 1)
		diag_error(loc,
			   "the template needs more than %lu evaluation steps "
			   "(loops or lookups nested over large tables); "
			   "simplify the nesting",
			   expr_max_steps);
	*n = expr_max_steps + 2; /* reported once; stays over */
	return false;
}

void expr_ctx_init(struct expr_ctx *c, struct arena *a)
{
	memset(c, 0, sizeof *c);
	c->a = a;
	c->batch_row = -1;
}

bool expr_push(struct expr_ctx *c, const struct table *t, bool loop, struct srcloc loc)
{
	if (c->nframes >= MAX_NESTING + 8) {
		diag_error(loc, "loops and lookups nested deeper than %d levels",
			   MAX_NESTING);
		return false;
	}
	c->frames[c->nframes++] = (struct expr_frame){
	    .t = t, .row = 0, .stt = 0, .loop = loop, .serial = ++c->serial};
	return true;
}

void expr_pop(struct expr_ctx *c)
{
	c->nframes--;
}

static unsigned cur_serial(const struct expr_ctx *c)
{
	return c->nframes ? c->frames[c->nframes - 1].serial : 0;
}

const struct table *expr_table(struct expr_ctx *c, const char *name, struct srcloc loc)
{
	const struct table *t = data_find(c->data, name);
	if (!t)
		expr_unknown_table(c, name, loc);
	return t;
}

static bool column_of(const struct table *t, const char *col, struct srcloc loc, int *out)
{
	*out = data_column(t, col);
	if (*out >= 0)
		return true;
	expr_unknown_column(t, col, loc);
	return false;
}

static void cell_value(const struct table *t, int row, int col, struct srcloc loc,
		       struct expr_value *v)
{
	memset(v, 0, sizeof *v);
	v->kind = EXPR_TEXT;
	v->text = data_cell(t, row, col)->text;
	v->loc = loc;
	v->t = t;
	v->row = row;
	v->col = col;
}

void expr_text_value(struct expr_value *v, const char *text, struct srcloc loc)
{
	memset(v, 0, sizeof *v);
	v->kind = EXPR_TEXT;
	v->text = text;
	v->loc = loc;
	v->row = -1;
}

static void number_value(struct numfmt_dec n, struct srcloc loc, struct expr_value *v)
{
	memset(v, 0, sizeof *v);
	v->kind = EXPR_NUM;
	v->num = n;
	v->loc = loc;
	v->row = -1;
}

static const struct scalar *find_scalar(const struct scalar *s, int n, const char *name,
					int *idx)
{
	for (int i = n - 1; i >= 0; i--) /* the last --set wins */
		if (strcmp(s[i].name, name) == 0) {
			*idx = i;
			return &s[i];
		}
	return NULL;
}

/* Resolve a bare name: loop rows (innermost first), the batch row,
 * --set, front matter, tables. */
static bool eval_name(struct expr_ctx *c, struct expr *e, struct expr_value *v)
{
	unsigned serial = cur_serial(c);
	if (e->cache == C_NONE || e->cache_serial != serial) {
		e->cache = C_NONE;
		e->cache_serial = serial;
		int i, col;
		/* a loop's own names: stt, dau (first row), cuoi (last) */
		enum cache meta = strcmp(e->name, "stt") == 0    ? C_STT
				  : strcmp(e->name, "dau") == 0  ? C_DAU
				  : strcmp(e->name, "cuoi") == 0 ? C_CUOI
								 : C_NONE;
		if (meta != C_NONE) {
			for (i = c->nframes - 1; i >= 0; i--)
				if (c->frames[i].loop)
					break;
			if (i >= 0) {
				e->cache = meta;
				e->cache_i = i;
			}
		}
		for (i = c->nframes - 1; i >= 0 && e->cache == C_NONE; i--)
			if ((col = data_column(c->frames[i].t, e->name)) >= 0) {
				e->cache = C_FRAME;
				e->cache_i = i;
				e->cache_j = col;
			}
		for (i = c->nlets - 1; i >= 0 && e->cache == C_NONE; i--)
			if (strcmp(c->lets[i].name, e->name) == 0) {
				e->cache = C_LET;
				e->cache_i = i;
			}
		if (e->cache == C_NONE && c->batch_table && c->batch_row >= 0 &&
		    (col = data_column(c->batch_table, e->name)) >= 0) {
			e->cache = C_BATCH;
			e->cache_j = col;
		}
		if (e->cache == C_NONE &&
		    find_scalar(c->sets, c->nsets, e->name, &e->cache_i))
			e->cache = C_SET;
		if (e->cache == C_NONE &&
		    find_scalar(c->vars, c->nvars, e->name, &e->cache_i))
			e->cache = C_VAR;
		if (e->cache == C_NONE &&
		    (e->cache_t = data_find(c->data, e->name)) != NULL)
			e->cache = C_TABLE;
		if (e->cache == C_NONE) {
			expr_unknown_name(c, e);
			return false;
		}
	}
	const struct expr_frame *f;
	switch (e->cache) {
	case C_STT:
		f = &c->frames[e->cache_i];
		number_value(numfmt_from_int(f->stt), e->loc, v);
		break;
	case C_DAU:
	case C_CUOI:
		f = &c->frames[e->cache_i];
		number_value(
		    numfmt_from_int(e->cache == C_DAU ? f->stt == 1 : f->stt == f->total),
		    e->loc, v);
		break;
	case C_LET:
		*v = c->lets[e->cache_i].v;
		v->loc = e->loc;
		break;
	case C_FRAME:
		f = &c->frames[e->cache_i];
		cell_value(f->t, f->row, e->cache_j, e->loc, v);
		break;
	case C_BATCH:
		cell_value(c->batch_table, c->batch_row, e->cache_j, e->loc, v);
		break;
	case C_SET:
	case C_VAR: {
		const struct scalar *s =
		    (e->cache == C_SET ? c->sets : c->vars) + e->cache_i;
		const char *text = s->value ? s->value : "";
		if (e->cache == C_VAR && c->var_text &&
		    !(text = c->var_text(c->var_ud, e->cache_i)))
			return false;
		expr_text_value(v, text, e->loc);
		v->sc = s;
		break;
	}
	case C_TABLE:
		memset(v, 0, sizeof *v);
		v->kind = EXPR_TABLE;
		v->t = e->cache_t;
		v->loc = e->loc;
		v->row = -1;
		break;
	case C_NONE: return false;
	}
	return true;
}

/* Rows of a table kept by a `where` condition: evaluated with the row's
 * columns as names. */
struct rowscan {
	struct expr_ctx *c;
	const struct table *t;
	struct expr *where;
	int row;
	bool pushed;
	bool simple; /* decided by sa, cell by cell */
	struct simple_and sa;
	struct srcloc loc; /* for the step budget's message */
};

static bool scan_begin(struct rowscan *s, struct expr_ctx *c, const struct table *t,
		       struct expr *where, struct srcloc loc)
{
	*s = (struct rowscan){.c = c, .t = t, .where = where, .row = -1, .loc = loc};
	if (where && expr_where_simple(c, t, where, &s->sa)) {
		s->simple = true;
		return true;
	}
	if (where) {
		if (!expr_push(c, t, false, loc))
			return false;
		s->pushed = true;
	}
	return true;
}

/* Next kept row into s->row; false at the end. *err on failure. */
static bool scan_next(struct rowscan *s, bool *err)
{
	while (++s->row < s->t->nrows) {
		if (!expr_step(s->c, s->loc)) { /* rows visited count too */
			*err = true;
			return false;
		}
		if (!s->where)
			return true;
		if (s->simple) {
			bool all = true;
			for (int k = 0; k < s->sa.n && all; k++)
				all = expr_where_holds(s->t, s->row, &s->sa.part[k]);
			if (all)
				return true;
			continue;
		}
		struct expr_frame *f = &s->c->frames[s->c->nframes - 1];
		f->row = s->row;
		f->stt = s->row + 1;
		struct expr_value v;
		if (!expr_eval(s->c, s->where, &v)) {
			*err = true;
			return false;
		}
		if (expr_truth(&v))
			return true;
	}
	return false;
}

static void scan_end(struct rowscan *s)
{
	if (s->pushed)
		expr_pop(s->c);
}

static bool eval_lookup(struct expr_ctx *c, struct expr *e, struct expr_value *v)
{
	const struct table *t = expr_table(c, e->name, e->loc);
	int col;
	if (!t || !column_of(t, e->col, e->colloc, &col))
		return false;
	struct rowscan s;
	if (!scan_begin(&s, c, t, e->a, e->oploc))
		return false;
	int found = -1, count = 0;
	bool err = false;
	struct buf lines = BUF_INIT;
	while (scan_next(&s, &err)) {
		if (count < 5)
			buf_printf(&lines, "%s%d", count ? ", " : "",
				   data_cell(t, s.row, 0)->line);
		if (count == 0)
			found = s.row;
		count++;
	}
	scan_end(&s);
	if (!err && count != 1) {
		if (count == 0)
			diag_error(e->loc, "no row of %s matches [%.*s]", expr_table_file(t),
				   (int)e->srclen, e->src);
		else
			diag_error(e->loc,
				   "%d rows of %s match [%.*s] (lines %s%s); "
				   "a lookup must match exactly one row",
				   count, expr_table_file(t), (int)e->srclen, e->src,
				   buf_cstr(&lines), count > 5 ? ", ..." : "");
		err = true;
	}
	buf_free(&lines);
	if (err)
		return false;
	cell_value(t, found, col, e->loc, v);
	return true;
}

/* A text value as a number, quietly: a cell in its table's convention. */
static bool text_number(const struct expr_ctx *c, const struct expr_value *v,
			struct numfmt_dec *out)
{
	if (v->t && v->row >= 0)
		return data_number(v->t, v->text, out) == NUMFMT_OK;
	return numfmt_parse(v->text, c->c_locale, out) == NUMFMT_OK;
}

bool expr_truth(const struct expr_value *v)
{
	switch (v->kind) {
	case EXPR_NUM: return !numfmt_is_zero(v->num);
	case EXPR_TEXT: return v->text[0] != 0;
	case EXPR_LIST:
	case EXPR_TABLE: return v->t->nrows > 0;
	}
	return false;
}

bool expr_text(struct expr_ctx *c, const struct expr_value *v, struct buf *out)
{
	switch (v->kind) {
	case EXPR_TEXT: buf_puts(out, v->text); return true;
	case EXPR_NUM: numfmt_plain(out, v->num); return true;
	case EXPR_LIST:
		diag_error(v->loc,
			   "%s.%s is a whole column; use sum(), avg(), "
			   "min(), max() or count(), or pick one row with "
			   "%s[COLUMN == VALUE].%s",
			   v->t->name, v->t->names[v->col], v->t->name,
			   v->t->names[v->col]);
		return false;
	case EXPR_TABLE:
		diag_error(v->loc,
			   "%s is a table; insert it with {{ table %s }} "
			   "or loop over it with {{#each %s}}",
			   v->t->name, v->t->name, v->t->name);
		return false;
	}
	(void)c;
	return false;
}

static bool arith_error(enum numfmt_status st, struct srcloc at)
{
	if (st == NUMFMT_DIVZERO)
		diag_error(at, "division by zero");
	else if (st == NUMFMT_RANGE)
		diag_error(at,
			   "result is too large (the limit is %d digits "
			   "before the decimal point)",
			   NUMFMT_MAX_DIGITS);
	return st == NUMFMT_OK;
}

static bool eval_num(struct expr_ctx *c, struct expr *e, struct numfmt_dec *n)
{
	struct expr_value v;
	return expr_eval(c, e, &v) && expr_number(c, &v, n);
}

/* ---- dates: ISO text that + - and comparisons understand ---- */

/* Whether v is a date; a text written as a date that is no real day is
 * an error at v (the date_look is DATE_BAD, and it is reported). */
static enum date_look value_date(struct expr_ctx *c, const struct expr_value *v,
				 long *days)
{
	if (v->kind != EXPR_TEXT)
		return DATE_NO;
	enum date_look k = date_read(v->text, days);
	if (k == DATE_BAD)
		diag_error(v->loc, "%s is not a real date (no such day in the calendar)",
			   expr_text_kind(v, c->a));
	return k;
}

static void date_value(struct expr_ctx *c, long days, struct srcloc loc,
		       struct expr_value *v)
{
	struct buf b = BUF_INIT;
	date_iso(&b, days);
	expr_text_value(v, arena_strndup(c->a, buf_cstr(&b), b.len), loc);
	buf_free(&b);
}

/* DATE + n, n + DATE, DATE - n: a date; DATE - DATE: days between. Called
 * when x or y is a date (dx, dy say which). */
static bool eval_date_arith(struct expr_ctx *c, struct expr *e, struct expr_value *x,
			    enum date_look dx, long ddx, struct expr_value *y,
			    enum date_look dy, long ddy, struct expr_value *v)
{
	if (dx == DATE_BAD || dy == DATE_BAD)
		return false;
	if (dx == DATE_YES && dy == DATE_YES) {
		if (e->op == T_PLUS) {
			diag_error(e->oploc,
				   "two dates cannot be added; a date minus a date "
				   "is the number of days between them");
			return false;
		}
		number_value(numfmt_from_int(ddx - ddy), e->loc, v);
		return true;
	}
	if (dy == DATE_YES && e->op == T_MINUS) {
		diag_error(e->oploc,
			   "a number minus a date means nothing; write DATE - "
			   "NUMBER (days earlier) or DATE - DATE (days between)");
		return false;
	}
	const struct expr_value *nv = dx == DATE_YES ? y : x;
	long base = dx == DATE_YES ? ddx : ddy;
	struct numfmt_dec n;
	long long days;
	if (nv->kind == EXPR_TEXT &&
	    (nv->literal || numfmt_parse(nv->text, c->c_locale, &n) != NUMFMT_OK)) {
		diag_error(nv->loc,
			   "a date %s %s: only a number of days can be %s a date "
			   "(ngay(\"2022-06-30\") + 30)",
			   e->op == T_PLUS ? "plus" : "minus", expr_text_kind(nv, c->a),
			   e->op == T_PLUS ? "added to" : "taken from");
		return false;
	}
	if (!expr_number(c, nv, &n))
		return false;
	if (!numfmt_to_ll(n, &days) || numfmt_cmp(n, numfmt_from_int(days)) != 0) {
		diag_error(nv->loc,
			   "a date moves by whole days; round() the number first");
		return false;
	}
	if (days > 3000000 || days < -3000000) {
		diag_error(e->loc, "the date leaves the years 1900-9999");
		return false;
	}
	long r = e->op == T_PLUS ? base + (long)days : base - (long)days;
	int yy, mm, dd;
	date_civil(r, &yy, &mm, &dd);
	if (yy < 1900 || yy > 9999) {
		diag_error(e->loc, "the date leaves the years 1900-9999");
		return false;
	}
	date_value(c, r, e->loc, v);
	return true;
}

/* Text comparison unless a number is involved; two data texts that are
 * both numbers ("1.200" and "1200") compare as numbers. */
static bool eval_cmp(struct expr_ctx *c, struct expr *e, struct expr_value *v)
{
	struct expr_value x, y;
	if (!expr_eval(c, e->a, &x) || !expr_eval(c, e->b, &y))
		return false;
	int r;
	struct numfmt_dec nx, ny;
	if (x.kind == EXPR_LIST || x.kind == EXPR_TABLE || y.kind == EXPR_LIST ||
	    y.kind == EXPR_TABLE) {
		const struct expr_value *bad =
		    x.kind == EXPR_LIST || x.kind == EXPR_TABLE ? &x : &y;
		return expr_number(c, bad, &nx);
	}
	if (x.kind == EXPR_NUM || y.kind == EXPR_NUM) {
		if (!expr_number(c, &x, &nx) || !expr_number(c, &y, &ny))
			return false;
		r = numfmt_cmp(nx, ny);
	} else if (!x.literal && !y.literal && text_number(c, &x, &nx) &&
		   text_number(c, &y, &ny)) {
		r = numfmt_cmp(nx, ny);
	} else {
		long dx, dy; /* two dates compare as days (31/12/2023 < 2024-01-01) */
		if (date_read(x.text, &dx) == DATE_YES &&
		    date_read(y.text, &dy) == DATE_YES)
			r = (dx > dy) - (dx < dy);
		else
			r = strcmp(x.text, y.text);
		r = r < 0 ? -1 : r > 0;
	}
	bool t = false;
	switch (e->op) {
	case T_EQ: t = r == 0; break;
	case T_NE: t = r != 0; break;
	case T_LT: t = r < 0; break;
	case T_LE: t = r <= 0; break;
	case T_GT: t = r > 0; break;
	case T_GE: t = r >= 0; break;
	default: break;
	}
	number_value(numfmt_from_int(t), e->loc, v);
	return true;
}

/* sum/avg/min/max over their arguments: a column (empty cells skipped,
 * as a spreadsheet does) or single numbers. */
static bool eval_aggregate(struct expr_ctx *c, struct expr *e, struct expr_value *v)
{
	struct numfmt_dec acc = numfmt_from_int(0), best = acc;
	long count = 0;
	for (int i = 0; i < e->nargs; i++) {
		struct expr_value a;
		if (!expr_eval(c, e->args[i], &a))
			return false;
		if (a.kind == EXPR_TABLE) {
			diag_error(a.loc, "%s() needs a column: write %s(%s.COLUMN)",
				   fns[e->fn].name, fns[e->fn].name, a.t->name);
			return false;
		}
		struct numfmt_dec n;
		struct rowscan s = {0};
		bool list = a.kind == EXPR_LIST, err = false;
		if (list && !scan_begin(&s, c, a.t, a.where, a.loc))
			return false;
		for (;;) {
			if (list) {
				if (!scan_next(&s, &err))
					break;
				struct expr_value cell;
				cell_value(a.t, s.row, a.col, a.loc, &cell);
				if (!cell.text[0])
					continue;
				if (!expr_number(c, &cell, &n)) {
					err = true;
					break;
				}
			} else if (!expr_number(c, &a, &n)) {
				return false;
			}
			enum numfmt_status st = numfmt_add(acc, n, &acc);
			if (st != NUMFMT_OK) {
				arith_error(st, e->loc);
				err = true;
				break;
			}
			if (count == 0 || (e->fn == F_MIN && numfmt_cmp(n, best) < 0) ||
			    (e->fn == F_MAX && numfmt_cmp(n, best) > 0))
				best = n;
			count++;
			if (!list)
				break;
		}
		if (list)
			scan_end(&s);
		if (err)
			return false;
	}
	if (count == 0 && e->fn != F_SUM) {
		diag_error(e->loc,
			   "%s() of no values (every cell is empty or "
			   "no row matches)",
			   fns[e->fn].name);
		return false;
	}
	if (e->fn == F_AVG &&
	    !arith_error(numfmt_div(acc, numfmt_from_int(count), &acc), e->loc))
		return false;
	number_value(e->fn == F_MIN || e->fn == F_MAX ? best : acc, e->loc, v);
	return true;
}

/* An aggregate whose arguments are all whole columns (TABLE.COLUMN). */
static bool is_constant(const struct expr *e)
{
	if (e->fn > F_COUNT)
		return false;
	for (int i = 0; i < e->nargs; i++)
		if (e->args[i]->kind != N_COLUMN)
			return false;
	return true;
}

static bool eval_call(struct expr_ctx *c, struct expr *e, struct expr_value *v);

static bool eval_call_memo(struct expr_ctx *c, struct expr *e, struct expr_value *v)
{
	if (e->memo_ok) {
		*v = e->memo;
		return true;
	}
	if (!eval_call(c, e, v))
		return false;
	if (is_constant(e)) {
		e->memo = *v;
		e->memo_ok = true;
	}
	return true;
}

static bool eval_call(struct expr_ctx *c, struct expr *e, struct expr_value *v)
{
	struct numfmt_dec x, y, r;
	switch (e->fn) {
	case F_SUM:
	case F_AVG:
	case F_MIN:
	case F_MAX: return eval_aggregate(c, e, v);
	case F_COUNT: {
		struct expr_value a;
		if (!expr_eval(c, e->args[0], &a))
			return false;
		if (a.kind != EXPR_TABLE && a.kind != EXPR_LIST) {
			diag_error(a.loc, "count() takes a table or a column "
					  "(count(TABLE), count(TABLE.COLUMN))");
			return false;
		}
		if (a.kind == EXPR_TABLE && !a.where) { /* no scan needed */
			number_value(numfmt_from_int(a.t->nrows), e->loc, v);
			return true;
		}
		struct rowscan s;
		if (!scan_begin(&s, c, a.t, a.where, a.loc))
			return false;
		long n = 0;
		bool err = false;
		while (scan_next(&s, &err))
			if (a.kind == EXPR_TABLE || data_cell(a.t, s.row, a.col)->text[0])
				n++;
		scan_end(&s);
		if (err)
			return false;
		number_value(numfmt_from_int(n), e->loc, v);
		return true;
	}
	case F_ROUND: {
		long long nd = 0;
		if (!eval_num(c, e->args[0], &x))
			return false;
		if (e->nargs == 2) {
			if (!eval_num(c, e->args[1], &y))
				return false;
			if (!numfmt_to_ll(y, &nd) || nd < -15 || nd > 12) {
				diag_error(expr_loc(e->args[1]),
					   "round() takes a whole number of "
					   "decimals from -15 to 12");
				return false;
			}
		}
		number_value(numfmt_round(x, (int)nd), e->loc, v);
		return true;
	}
	case F_NGAY: {
		struct expr_value a;
		long d;
		if (!expr_eval(c, e->args[0], &a))
			return false;
		enum date_look k = value_date(c, &a, &d);
		if (k == DATE_BAD)
			return false;
		if (k == DATE_NO) {
			diag_error(
			    a.loc,
			    "ngay() takes a date written YYYY-MM-DD or DD/MM/YYYY, "
			    "not %s",
			    a.kind == EXPR_TEXT ? expr_text_kind(&a, c->a) : _("a number"));
			return false;
		}
		date_value(c, d, e->loc, v);
		return true;
	}
	case F_ABS:
		if (!eval_num(c, e->args[0], &x))
			return false;
		number_value(numfmt_abs(x), e->loc, v);
		return true;
	case F_PCT:
		if (!eval_num(c, e->args[0], &x) || !eval_num(c, e->args[1], &y))
			return false;
		if (numfmt_is_zero(y)) {
			diag_error(e->loc, "division by zero in pct(): the whole "
					   "(second argument) is 0");
			return false;
		}
		/* part*100 first: one rounding, in the division. */
		if (!arith_error(numfmt_mul(x, numfmt_from_int(100), &r), e->loc) ||
		    !arith_error(numfmt_div(r, y, &r), e->loc))
			return false;
		number_value(r, e->loc, v);
		return true;
	}
	return false;
}

bool expr_eval(struct expr_ctx *c, struct expr *e, struct expr_value *v)
{
	struct numfmt_dec x, y, r;
	if (!expr_step(c, e->loc))
		return false;
	switch (e->kind) {
	case N_NUM: number_value(e->num, e->loc, v); return true;
	case N_STR:
		expr_text_value(v, e->str, e->loc);
		v->literal = true;
		return true;
	case N_NAME: return eval_name(c, e, v);
	case N_COLUMN: {
		if (e->cache != C_TABLE) { /* tables never change: cache once */
			e->cache_t = expr_table(c, e->name, e->loc);
			if (!e->cache_t ||
			    !column_of(e->cache_t, e->col, e->colloc, &e->cache_j))
				return false;
			e->cache = C_TABLE;
		}
		memset(v, 0, sizeof *v);
		v->kind = EXPR_LIST;
		v->t = e->cache_t;
		v->col = e->cache_j;
		v->row = -1;
		v->loc = e->loc;
		return true;
	}
	case N_LOOKUP: return eval_lookup(c, e, v);
	case N_WHERE:
		if (!expr_eval(c, e->a, v))
			return false;
		if (v->kind != EXPR_LIST && v->kind != EXPR_TABLE) {
			diag_error(e->oploc, "'where' filters a table or a column "
					     "(count(TABLE where ...), "
					     "sum(TABLE.COLUMN where ...))");
			return false;
		}
		v->where = e->b;
		return true;
	case N_CALL: return eval_call_memo(c, e, v);
	case N_NEG:
		if (!eval_num(c, e->a, &x))
			return false;
		number_value(numfmt_neg(x), e->loc, v);
		return true;
	case N_NOT:
		if (!expr_eval(c, e->a, v))
			return false;
		number_value(numfmt_from_int(!expr_truth(v)), e->loc, v);
		return true;
	case N_AND:
	case N_OR: {
		if (!expr_eval(c, e->a, v))
			return false;
		bool t = expr_truth(v);
		if (t == (e->kind == N_AND)) {
			if (!expr_eval(c, e->b, v))
				return false;
			t = expr_truth(v);
		}
		number_value(numfmt_from_int(t), e->loc, v);
		return true;
	}
	case N_CMP: return eval_cmp(c, e, v);
	case N_ARITH: {
		struct expr_value va, vb;
		if (!expr_eval(c, e->a, &va) || !expr_eval(c, e->b, &vb))
			return false;
		if (e->op == T_PLUS || e->op == T_MINUS) {
			long da = 0, db = 0;
			enum date_look ka = value_date(c, &va, &da);
			enum date_look kb =
			    ka == DATE_BAD ? DATE_NO : value_date(c, &vb, &db);
			if (ka != DATE_NO || kb != DATE_NO)
				return eval_date_arith(c, e, &va, ka, da, &vb, kb, db, v);
		}
		if (!expr_number(c, &va, &x) || !expr_number(c, &vb, &y))
			return false;
		enum numfmt_status st = e->op == T_PLUS    ? numfmt_add(x, y, &r)
					: e->op == T_MINUS ? numfmt_sub(x, y, &r)
					: e->op == T_STAR  ? numfmt_mul(x, y, &r)
							   : numfmt_div(x, y, &r);
		if (!arith_error(st, e->oploc))
			return false;
		number_value(r, e->loc, v);
		return true;
	}
	}
	return false;
}
