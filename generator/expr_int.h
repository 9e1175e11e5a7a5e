/* expr_int: what the expr*.c files share (not used outside them): the
 * tokens, the AST node, the lexer, the `where` fast path's conditions and
 * the name-suggestion messages. The files form a line: expr_lex <-
 * expr_parse; expr_where, expr_suggest, expr_number <- expr_eval; none
 * calls into a file above it.
 * Must not: be included outside generator/expr*.c (expr.h is the API). */
#ifndef BAOCAO_EXPR_INT_H
#define BAOCAO_EXPR_INT_H

#include <string.h>

#include "expr.h"

enum tok {
	T_END,
	T_NUM,
	T_STR,
	T_NAME,
	T_LP,
	T_RP,
	T_LB,
	T_RB,
	T_DOT,
	T_COMMA,
	T_PLUS,
	T_MINUS,
	T_STAR,
	T_SLASH,
	T_EQ,
	T_NE,
	T_LT,
	T_LE,
	T_GT,
	T_GE,
	T_PIPE,
	T_BAD,
};

enum node {
	N_NUM,
	N_STR,
	N_NAME,
	N_COLUMN,
	N_LOOKUP,
	N_CALL,
	N_NEG,
	N_NOT,
	N_ARITH,
	N_AND,
	N_OR,
	N_CMP,
	N_WHERE,
};

enum fn { F_SUM, F_AVG, F_MIN, F_MAX, F_COUNT, F_ROUND, F_ABS, F_PCT, F_NGAY };

static const struct {
	const char *name;
	int min, max; /* argument counts; -1: any */
} fns[] = {
    [F_SUM] = {"sum", 1, -1}, [F_AVG] = {"avg", 1, -1},    [F_MIN] = {"min", 1, -1},
    [F_MAX] = {"max", 1, -1}, [F_COUNT] = {"count", 1, 1}, [F_ROUND] = {"round", 1, 2},
    [F_ABS] = {"abs", 1, 1},  [F_PCT] = {"pct", 2, 2},     [F_NGAY] = {"ngay", 1, 1},
};
#define NFNS ((int)(sizeof fns / sizeof fns[0]))

/* Where a name was found last time (see the file comment). */
enum cache {
	C_NONE,
	C_FRAME,
	C_STT,
	C_DAU,
	C_CUOI,
	C_LET,
	C_BATCH,
	C_SET,
	C_VAR,
	C_TABLE
};

struct expr {
	enum node kind;
	int depth;
	struct srcloc loc; /* first token */
	struct srcloc oploc; /* the operator, the '[' */
	enum tok op;
	enum fn fn;
	struct expr *a, *b;
	struct expr **args;
	int nargs;
	const char *name; /* N_NAME; table of N_COLUMN/N_LOOKUP */
	const char *col; /* column of N_COLUMN/N_LOOKUP */
	struct srcloc colloc;
	struct numfmt_dec num;
	const char *str;
	const char *src; /* N_LOOKUP: the condition as written */
	size_t srclen;

	/* sum(t.col) and friends over whole columns do not depend on the
	 * row: computed once, so pct(x, sum(t.x)) in a loop stays linear. */
	bool memo_ok;
	struct expr_value memo;

	enum cache cache;
	unsigned cache_serial;
	int cache_i, cache_j;
	const struct table *cache_t;
};

/* ---- lexer (expr_lex.c) ---- */

struct lexer {
	struct arena *a;
	struct expr_src src; /* the rest of the input */
	enum tok tok;
	const char *text; /* T_NAME, T_STR (unescaped), T_NUM */
	size_t tlen;
	/* Where the token starts in the source: text is an unescaped copy
	 * for T_STR, so spans of source text are measured with this. */
	const char *at;
	struct srcloc loc;
	enum tok prev;
	int depth;
	bool failed;
};

/* Start lexing src: the first token is current. */
void lex_init(struct lexer *l, struct arena *a, struct expr_src src);
/* Move to the next token. */
void lex_next(struct lexer *l);
/* Report the lexer's (or parser's) first error only; later ones follow
 * from it. */
void lex_error(struct lexer *l, struct srcloc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The current token is the name w (and, or, not, where). */
bool lex_is_word(const struct lexer *l, const char *w);
/* The current token for a message: 'x' or "the end of the expression". */
const char *lex_tok_desc(struct lexer *l);

/* ---- the `where` fast path (expr_where.c) ---- */

/* One COLUMN op LITERAL condition (expr_where.c says when one qualifies). */
struct simple_cond {
	int col;
	enum tok op;
	bool numeric;
	const char *text;
	struct numfmt_dec num;
	const struct numfmt_dec *v; /* the column as numbers */
};

/* Up to four simple conditions joined by `and`. */
struct simple_and {
	struct simple_cond part[4];
	int n;
};

/* cond (on table t) is up to four simple conditions joined by `and`:
 * *sa (zeroed by the caller) then decides each row with
 * expr_where_holds instead of the evaluator. */
bool expr_where_simple(const struct expr_ctx *c, const struct table *t,
		       const struct expr *cond, struct simple_and *sa);

/* Per row of every simple scan: inline, as it was beside its caller. */
static inline bool expr_where_holds(const struct table *t, int row,
				    const struct simple_cond *sc)
{
	int r;
	if (sc->numeric) {
		r = numfmt_cmp(sc->v[row], sc->num);
	} else {
		r = strcmp(data_cell(t, row, sc->col)->text, sc->text);
		r = r < 0 ? -1 : r > 0;
	}
	switch (sc->op) {
	case T_EQ: return r == 0;
	case T_NE: return r != 0;
	case T_LT: return r < 0;
	case T_LE: return r <= 0;
	case T_GT: return r > 0;
	case T_GE: return r >= 0;
	default: return false;
	}
}

/* ---- values (expr_number.c) ---- */

/* What a text value is, for messages: "cell '12a' at data/t.csv:3:2 (row
 * 2, column so)", "value 'x' of 'ten' (bao-cao.md:4)", "text \"x\"". */
const char *expr_text_kind(const struct expr_value *v, struct arena *a);

/* ---- names not found, "did you mean" (expr_suggest.c) ---- */

/* A table's file name without its folder, for messages. */
const char *expr_table_file(const struct table *t);
/* Report an unknown bare name: the closest known one, or the names in
 * scope; a let used before (or outside) its block says where it is. */
void expr_unknown_name(struct expr_ctx *c, const struct expr *e);
/* Report an unknown table name (the tables there are). */
void expr_unknown_table(struct expr_ctx *c, const char *name, struct srcloc loc);
/* Report an unknown column of t (its columns). */
void expr_unknown_column(const struct table *t, const char *col, struct srcloc loc);

#endif
