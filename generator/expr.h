/* expr: the expression language inside {{ }} (DESIGN.md §2.2): numbers,
 * "strings", names, + - * /, comparisons, and/or/not, TABLE.COLUMN,
 * TABLE[COND].COLUMN and the functions sum avg min max count round abs
 * pct. Parsing happens once per template; evaluation is per loop row.
 * Owns: name resolution (loop row, batch row, --set, front matter,
 * tables), number conversion of cells and scalars, exact decimal
 * arithmetic (numfmt), and the messages for all of it.
 * Must not: format for Markdown or know about blocks ({{#each}} is
 * template's; it only pushes loop frames here). */
#ifndef BAOCAO_EXPR_H
#define BAOCAO_EXPR_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "bounds.h"
#include "buf.h"
#include "data.h"
#include "diag.h"
#include "numfmt.h"
#include "scalar.h"

/* Source text to parse, and the file position of s[0]. */
struct expr_src {
	const char *file;
	const char *s;
	size_t len;
	int line, col;
};

/* Advance a source by n bytes, keeping line and column right. */
void expr_src_skip(struct expr_src *src, size_t n);

struct expr; /* a parsed expression (opaque) */

/* `| name` or `| name(arg, arg)` after an expression in a placeholder. */
struct expr_filter {
	const char *name;
	struct srcloc loc;
	struct expr *args[2];
	int nargs;
	int id; /* the filter module's index for name, once known; 0 before */
};

/* Parse src as one whole expression. Errors are reported with diag at
 * the offending token; returns false. */
bool expr_parse(struct arena *a, struct expr_src src, struct expr **out);

/* Parse "EXPR [| filter[(args)]]...". Filter names are not checked. */
bool expr_parse_filtered(struct arena *a, struct expr_src src, struct expr **out,
			 struct expr_filter **filters, int *nfilters);

/* Where an expression starts (its first token). */
struct srcloc expr_loc(const struct expr *e);

enum expr_kind {
	EXPR_NUM, /* a computed number or a literal 12.5 */
	EXPR_TEXT, /* a cell, a scalar, a "string", a filter's result */
	EXPR_LIST, /* TABLE.COLUMN, possibly with `where` */
	EXPR_TABLE, /* a bare table name, possibly with `where` */
};

struct expr_value {
	enum expr_kind kind;
	struct numfmt_dec num;
	const char *text;
	struct srcloc loc; /* the expression that produced it */
	/* Origin, for messages and conversions: a cell (t, row >= 0, col),
	 * a column (t, col), a table (t), a scalar (sc), a literal. */
	const struct table *t;
	int row, col;
	const struct scalar *sc;
	bool literal;
	struct expr *where; /* rows kept by a `where` (LIST, TABLE) */
};

/* A loop row: its table's columns are names inside the loop. */
struct expr_frame {
	const struct table *t;
	int row;
	int stt; /* rows emitted so far by this loop, from 1 */
	int total; /* rows the loop emits (its `where` applied): cuoi */
	bool loop; /* an {{#each}} (stt visible), not a lookup scan */
	unsigned serial;
};

/* A {{ let NAME = EXPR }} in force: its value, computed once. */
struct expr_let {
	const char *name;
	struct expr_value v;
	struct srcloc loc;
};

/* Every let of the template, in or out of force, so that a name used
 * before its let (or after its block) is told where the let is. */
struct expr_letdef {
	const char *name;
	struct srcloc loc;
};

/* Everything names resolve against. Set the public fields, zero the
 * rest (expr_ctx_init does). */
struct expr_ctx {
	struct arena *a;
	const struct dataset *data; /* may be NULL */
	const struct table *batch_table;
	int batch_row;
	const struct scalar *sets;
	int nsets;
	const struct scalar *vars;
	int nvars;
	/* The text of front-matter value i once its own placeholders are
	 * expanded (NULL: failed, reported); without it values are used as
	 * written. The template module supplies it. */
	const char *(*var_text)(void *ud, int i);
	void *var_ud;
	bool c_locale; /* numbers in cells and scalars: 1234.5 */
	/* Names resolve to loop rows, then lets (innermost last), then the
	 * batch row, --set and front matter. The template pushes and pops. */
	struct expr_let *lets;
	int nlets, caplets;
	const struct expr_letdef *letdefs;
	int nletdefs;

	struct expr_frame frames[MAX_NESTING + 8];
	int nframes;
	unsigned serial;
	unsigned long steps; /* evaluations and rows scanned so far */
	/* The build's shared count (every front-matter value and the body
	 * draw on one budget), or NULL: steps above. */
	unsigned long *budget;
	/* columns read as numbers by `where` conditions, parsed once */
	struct expr_numcol *numcols;
	int nnumcols, capnumcols;
};

struct expr_numcol {
	const struct table *t;
	int col;
	struct numfmt_dec *v; /* NULL when some cell is not a number */
};

void expr_ctx_init(struct expr_ctx *c, struct arena *a);

/* The work one expansion may do: every evaluation and every row a loop,
 * lookup or aggregate visits is a step. Nested loops or lookups with an
 * empty body never grow the output, so this bounds their time instead
 * (MAX_EVAL_STEPS; the fuzzers lower it to find slow templates sooner). */
extern unsigned long expr_max_steps;
/* Count one step; past the budget, report it at loc (once) and return
 * false. */
bool expr_step(struct expr_ctx *c, struct srcloc loc);

/* Loop frames: push once per loop (not per row), then set row and stt of
 * the top frame for each row. Returns false (reported at loc) when loops
 * nest deeper than MAX_NESTING. */
bool expr_push(struct expr_ctx *c, const struct table *t, bool loop, struct srcloc loc);
void expr_pop(struct expr_ctx *c);

bool expr_eval(struct expr_ctx *c, struct expr *e, struct expr_value *out);
/* A computed text (a filter's result, a date): no cell, scalar or
 * literal behind it. */
void expr_text_value(struct expr_value *v, const char *text, struct srcloc loc);
/* Non-zero number, non-empty text, a table with rows. */
bool expr_truth(const struct expr_value *v);
/* A value as a number; a cell or scalar is read in the data's convention.
 * Reports (at v->loc) what is wrong and where the cell is. */
bool expr_number(struct expr_ctx *c, const struct expr_value *v, struct numfmt_dec *out);
/* Append the value as text: cells and scalars as written, computed
 * numbers as numfmt_plain. A whole column or table is an error. */
bool expr_text(struct expr_ctx *c, const struct expr_value *v, struct buf *out);

/* A table by name, or an error at loc naming the known tables. */
const struct table *expr_table(struct expr_ctx *c, const char *name, struct srcloc loc);

/* The candidate closest to name (edit distance, or a shared prefix), or
 * NULL when none is close enough to suggest. */
const char *expr_closest(const char *name, const char *const *cands, int n);

#endif
