/* expr_where: the fast path of `where` conditions and lookups. A
 * condition of the form COLUMN op LITERAL (either way round) on table t,
 * decided per row from the cell alone instead of evaluating the
 * expression with a frame: the largest cost of data-heavy templates. The
 * results are eval_cmp's: a string literal compares as text, a number as
 * a number (only when every cell of the column parses, so no cell would
 * need the error eval_cmp reports).
 * Owns: which conditions qualify, and the columns parsed as numbers.
 * Must not: evaluate anything the evaluator would report on. */
#include <string.h>

#include "expr_int.h"

/* A column's cells as numbers, parsed on first use; NULL when one of them
 * is not a number. */
static const struct numfmt_dec *number_column(const struct expr_ctx *cc,
					      const struct table *t, int col)
{
	struct expr_ctx *c = (struct expr_ctx *)cc;
	for (int i = 0; i < c->nnumcols; i++)
		if (c->numcols[i].t == t && c->numcols[i].col == col)
			return c->numcols[i].v;
	struct expr_numcol nc = {
	    t, col, arena_alloc(c->a, sizeof *nc.v * (size_t)(t->nrows + 1))};
	for (int r = 0; r < t->nrows && nc.v; r++)
		if (data_number(t, data_cell(t, r, col)->text, &nc.v[r]) != NUMFMT_OK)
			nc.v = NULL;
	ARR_PUSH(c->a, c->numcols, c->nnumcols, c->capnumcols, nc);
	return nc.v;
}

static enum tok mirror(enum tok op)
{
	switch (op) {
	case T_LT: return T_GT;
	case T_LE: return T_GE;
	case T_GT: return T_LT;
	case T_GE: return T_LE;
	default: return op;
	}
}

static bool simple_condition(const struct expr_ctx *c, const struct table *t,
			     const struct expr *cond, struct simple_cond *sc)
{
	if (!cond || cond->kind != N_CMP)
		return false;
	const struct expr *name = cond->a, *lit = cond->b;
	enum tok op = cond->op;
	if (name->kind != N_NAME) {
		name = cond->b;
		lit = cond->a;
		op = mirror(op);
	}
	if (name->kind != N_NAME || (lit->kind != N_STR && lit->kind != N_NUM))
		return false;
	sc->col = data_column(t, name->name);
	if (sc->col < 0 || strcmp(name->name, "stt") == 0)
		return false;
	sc->op = op;
	sc->numeric = lit->kind == N_NUM;
	sc->text = lit->str;
	sc->num = lit->num;
	sc->v = NULL;
	if (sc->numeric) {
		sc->v = number_column(c, t, sc->col);
		if (!sc->v)
			return false; /* a cell is not a number: the general path says so
				       */
	}
	return true;
}

bool expr_where_simple(const struct expr_ctx *c, const struct table *t,
		       const struct expr *cond, struct simple_and *sa)
{
	if (cond && cond->kind == N_AND)
		return expr_where_simple(c, t, cond->a, sa) &&
		       expr_where_simple(c, t, cond->b, sa);
	if (sa->n == 4 || !simple_condition(c, t, cond, &sa->part[sa->n]))
		return false;
	sa->n++;
	return true;
}
