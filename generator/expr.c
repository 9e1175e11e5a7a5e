/* expr: a recursive-descent parser over a small lexer, an AST in the
 * arena, and an evaluator. Names are resolved once per loop (not per
 * row): each name node caches where it was found, keyed by the serial of
 * the innermost loop frame, so a 10 000-row loop costs one lookup per
 * name, not one per row. */
#include "expr.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "text.h"

/* MAX_EXPR_DEPTH (bounds.h) keeps evaluation recursion well within the
 * stack. */

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

/* ---- lexer ------------------------------------------------------------ */

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

void expr_src_skip(struct expr_src *src, size_t n)
{
	if (n > src->len)
		n = src->len;
	/* whole lines by memchr; columns only after the last newline */
	size_t i = 0;
	for (const char *nl; (nl = memchr(src->s + i, '\n', n - i)) != NULL;) {
		src->line++;
		src->col = 1;
		i = (size_t)(nl - src->s) + 1;
	}
	for (; i < n; i++)
		src->col += ((unsigned char)src->s[i] & 0xC0) != 0x80;
	src->s += n;
	src->len -= n;
}

static void lerror(struct lexer *l, struct srcloc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void lerror(struct lexer *l, struct srcloc at, const char *fmt, ...)
{
	if (l->failed)
		return;
	l->failed = true;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_error(at, "%s", msg);
}

static bool name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool name_char(unsigned char c)
{
	return name_start(c) || (c >= '0' && c <= '9');
}

static void next(struct lexer *l)
{
	struct expr_src *s = &l->src;
	l->prev = l->tok;
	while (s->len && (s->s[0] == ' ' || s->s[0] == '\t' || s->s[0] == '\n'))
		expr_src_skip(s, 1);
	l->loc = (struct srcloc){s->file, s->line, s->col};
	l->text = l->at = s->s;
	l->tlen = 0;
	if (!s->len) {
		l->tok = T_END;
		return;
	}
	unsigned char c = (unsigned char)s->s[0];
	char c1 = s->len > 1 ? s->s[1] : 0;
	size_t n = 1;
	/* After a '.', a column name may start with a digit (a header
	 * "2022" is the column 2022). */
	if (name_start(c) || (l->prev == T_DOT && c >= '0' && c <= '9')) {
		while (n < s->len && name_char((unsigned char)s->s[n]))
			n++;
		l->tok = T_NAME;
		l->tlen = n;
	} else if (c >= '0' && c <= '9') {
		while (n < s->len && s->s[n] >= '0' && s->s[n] <= '9')
			n++;
		if (n + 1 < s->len && s->s[n] == '.' && s->s[n + 1] >= '0' &&
		    s->s[n + 1] <= '9') {
			n++;
			while (n < s->len && s->s[n] >= '0' && s->s[n] <= '9')
				n++;
		}
		l->tok = T_NUM;
		l->tlen = n;
	} else if (c == '"') {
		struct buf b = BUF_INIT;
		while (n < s->len && s->s[n] != '"') {
			if (s->s[n] == '\\' && n + 1 < s->len)
				n++;
			buf_putc(&b, s->s[n++]);
		}
		if (n >= s->len) {
			buf_free(&b);
			lerror(l, l->loc, "string is never closed (missing \")");
			l->tok = T_BAD;
			return;
		}
		n++;
		l->text = arena_strndup(l->a, buf_cstr(&b), b.len);
		l->tlen = b.len;
		buf_free(&b);
		l->tok = T_STR;
	} else {
		switch (c) {
		case '(': l->tok = T_LP; break;
		case ')': l->tok = T_RP; break;
		case '[': l->tok = T_LB; break;
		case ']': l->tok = T_RB; break;
		case '.': l->tok = T_DOT; break;
		case ',': l->tok = T_COMMA; break;
		case '+': l->tok = T_PLUS; break;
		case '-': l->tok = T_MINUS; break;
		case '*': l->tok = T_STAR; break;
		case '/': l->tok = T_SLASH; break;
		case '|': l->tok = T_PIPE; break;
		case '=':
			if (c1 != '=') {
				lerror(l, l->loc,
				       "'=' is not an operator; "
				       "compare with ==");
				l->tok = T_BAD;
				return;
			}
			l->tok = T_EQ, n = 2;
			break;
		case '!':
			if (c1 != '=') {
				lerror(l, l->loc,
				       "'!' is not an operator; "
				       "use not or !=");
				l->tok = T_BAD;
				return;
			}
			l->tok = T_NE, n = 2;
			break;
		case '<': l->tok = c1 == '=' ? (n = 2, T_LE) : T_LT; break;
		case '>': l->tok = c1 == '=' ? (n = 2, T_GE) : T_GT; break;
		default: {
			size_t k = 0;
			text_next(s->s, &k);
			lerror(l, l->loc,
			       "unexpected character '%.*s' in an "
			       "expression",
			       (int)k, s->s);
			l->tok = T_BAD;
			return;
		}
		}
		l->tlen = n;
	}
	expr_src_skip(s, n);
}

static bool is_word(const struct lexer *l, const char *w)
{
	return l->tok == T_NAME && l->tlen == strlen(w) &&
	       memcmp(l->text, w, l->tlen) == 0;
}

static const char *tok_desc(struct lexer *l)
{
	if (l->tok == T_END)
		return "the end of the expression";
	return arena_printf(l->a, "'%.*s'", (int)(l->tlen ? l->tlen : 1), l->text);
}

/* ---- parser ----------------------------------------------------------- */

static struct expr *node(struct lexer *l, enum node k, struct srcloc loc)
{
	struct expr *e = arena_alloc(l->a, sizeof *e);
	e->kind = k;
	e->loc = loc;
	e->depth = 1;
	return e;
}

static bool set_depth(struct lexer *l, struct expr *e)
{
	int d = 0;
	if (e->a && e->a->depth > d)
		d = e->a->depth;
	if (e->b && e->b->depth > d)
		d = e->b->depth;
	for (int i = 0; i < e->nargs; i++)
		if (e->args[i]->depth > d)
			d = e->args[i]->depth;
	e->depth = d + 1;
	if (e->depth > MAX_EXPR_DEPTH) {
		lerror(l, e->loc,
		       "expression is too long or nested too deeply "
		       "(more than %d levels)",
		       MAX_EXPR_DEPTH);
		return false;
	}
	return true;
}

static struct expr *parse_or(struct lexer *l);

static bool expect(struct lexer *l, enum tok t, const char *what)
{
	if (l->failed)
		return false;
	if (l->tok != t) {
		lerror(l, l->loc, "expected %s, found %s", what, tok_desc(l));
		return false;
	}
	next(l);
	return !l->failed;
}

/* Guards the recursion of ( ), [ ], unary operators and arguments. */
static bool enter(struct lexer *l)
{
	if (++l->depth > MAX_NESTING) {
		lerror(l, l->loc, "expression nested deeper than %d levels", MAX_NESTING);
		return false;
	}
	return true;
}

static struct expr *parse_call(struct lexer *l, struct srcloc loc, const char *name)
{
	int fn = -1;
	for (int i = 0; i < NFNS; i++)
		if (strcmp(fns[i].name, name) == 0)
			fn = i;
	if (fn < 0) {
		const char *cands[NFNS];
		for (int i = 0; i < NFNS; i++)
			cands[i] = fns[i].name;
		const char *near = expr_closest(name, cands, NFNS);
		lerror(l, loc,
		       "unknown function '%s'%s%s%sfunctions are: "
		       "sum, avg, min, max, count, round, abs, pct, ngay",
		       name, near ? "; did you mean '" : "; ", near ? near : "",
		       near ? "'? " : "");
		return NULL;
	}
	struct expr *e = node(l, N_CALL, loc);
	e->fn = (enum fn)fn;
	e->name = name;
	int cap = 0;
	next(l); /* ( */
	if (!enter(l))
		return NULL;
	if (l->tok != T_RP) {
		for (;;) {
			struct expr *arg = parse_or(l);
			if (!arg)
				return NULL;
			if (is_word(l, "where")) {
				/* sum(t.col where COND): rows kept */
				struct expr *w = node(l, N_WHERE, arg->loc);
				w->oploc = l->loc;
				next(l);
				w->a = arg;
				w->b = parse_or(l);
				if (!w->b || !set_depth(l, w))
					return NULL;
				arg = w;
			}
			ARR_PUSH(l->a, e->args, e->nargs, cap, arg);
			if (l->tok != T_COMMA)
				break;
			next(l);
		}
	}
	l->depth--;
	if (!expect(l, T_RP, "')' or ','"))
		return NULL;
	if (e->nargs < fns[fn].min || (fns[fn].max >= 0 && e->nargs > fns[fn].max)) {
		const char *want = fn == F_ROUND     ? "1 or 2"
				   : fn == F_PCT     ? "2"
				   : fns[fn].max < 0 ? "at least 1"
						     : "1";
		lerror(l, loc, "%s() takes %s argument%s, not %d", name, want,
		       strcmp(want, "1") ? "s" : "", e->nargs);
		return NULL;
	}
	return set_depth(l, e) ? e : NULL;
}

static struct expr *parse_primary(struct lexer *l)
{
	struct srcloc loc = l->loc;
	switch (l->tok) {
	case T_NUM: {
		struct expr *e = node(l, N_NUM, loc);
		char *s = arena_strndup(l->a, l->text, l->tlen);
		if (numfmt_parse(s, true, &e->num) != NUMFMT_OK) {
			lerror(l, loc,
			       "number %s is too large (the limit is "
			       "%d digits)",
			       s, NUMFMT_MAX_DIGITS);
			return NULL;
		}
		/* "0.0000000000001" keeps 12 decimals: it would be 0 (and a
		 * division by it "by zero"), so say what really happened */
		if (numfmt_is_zero(e->num) && strpbrk(s, "123456789")) {
			lerror(l, loc,
			       "number %s rounds to 0: at most %d decimals are kept", s,
			       NUMFMT_MAX_SCALE);
			return NULL;
		}
		next(l);
		if (l->tok == T_COMMA && l->depth == 0)
			lerror(l, l->loc,
			       "unexpected ','; numbers inside {{ }} "
			       "use '.' for decimals (write 1.5)");
		return l->failed ? NULL : e;
	}
	case T_STR: {
		struct expr *e = node(l, N_STR, loc);
		e->str = l->text;
		next(l);
		return e;
	}
	case T_LP: {
		next(l);
		if (!enter(l))
			return NULL;
		struct expr *e = parse_or(l);
		l->depth--;
		if (!e || !expect(l, T_RP, "')'"))
			return NULL;
		return e;
	}
	case T_NAME: {
		if (is_word(l, "and") || is_word(l, "or") || is_word(l, "not") ||
		    is_word(l, "where"))
			break;
		const char *name = arena_strndup(l->a, l->text, l->tlen);
		next(l);
		if (l->tok == T_LP)
			return parse_call(l, loc, name);
		if (l->tok != T_DOT && l->tok != T_LB) {
			struct expr *e = node(l, N_NAME, loc);
			e->name = name;
			return e;
		}
		/* TABLE.COLUMN or TABLE[COND].COLUMN */
		struct expr *e = node(l, N_COLUMN, loc);
		e->name = name;
		if (l->tok == T_LB) {
			e->kind = N_LOOKUP;
			e->oploc = l->loc;
			next(l);
			if (!enter(l))
				return NULL;
			const char *start = l->at;
			e->a = parse_or(l);
			l->depth--;
			if (!e->a)
				return NULL;
			e->src = start;
			e->srclen = (size_t)(l->at - start);
			while (e->srclen && (start[e->srclen - 1] == ' ' ||
					     start[e->srclen - 1] == '\n'))
				e->srclen--;
			if (!expect(l, T_RB, "']'"))
				return NULL;
			if (l->tok != T_DOT) {
				lerror(l, l->loc,
				       "expected '.COLUMN' after "
				       "%s[...]: a lookup picks one "
				       "cell of the row it finds",
				       name);
				return NULL;
			}
		}
		next(l); /* . */
		if (l->tok != T_NAME) {
			lerror(l, l->loc,
			       "expected a column name after '%s.', "
			       "found %s",
			       name, tok_desc(l));
			return NULL;
		}
		e->col = arena_strndup(l->a, l->text, l->tlen);
		e->colloc = l->loc;
		next(l);
		return set_depth(l, e) ? e : NULL;
	}
	default: break;
	}
	if (!l->failed)
		lerror(l, loc,
		       "expected a value (number, \"text\", name or "
		       "'('), found %s",
		       tok_desc(l));
	return NULL;
}

static struct expr *parse_unary(struct lexer *l)
{
	if (l->tok != T_MINUS && l->tok != T_PLUS)
		return parse_primary(l);
	struct srcloc loc = l->loc;
	bool neg = l->tok == T_MINUS;
	next(l);
	if (!enter(l))
		return NULL;
	struct expr *x = parse_unary(l);
	l->depth--;
	if (!x || !neg)
		return x;
	struct expr *e = node(l, N_NEG, loc);
	e->a = x;
	return set_depth(l, e) ? e : NULL;
}

static struct expr *binary(struct lexer *l, enum node k, struct expr *a,
			   struct expr *(*sub)(struct lexer *))
{
	struct expr *e = node(l, k, a->loc);
	e->op = l->tok;
	e->oploc = l->loc;
	next(l);
	e->a = a;
	e->b = sub(l);
	if (!e->b || !set_depth(l, e))
		return NULL;
	return e;
}

static struct expr *parse_mul(struct lexer *l)
{
	struct expr *e = parse_unary(l);
	while (e && (l->tok == T_STAR || l->tok == T_SLASH))
		e = binary(l, N_ARITH, e, parse_unary);
	return e;
}

static struct expr *parse_add(struct lexer *l)
{
	struct expr *e = parse_mul(l);
	while (e && (l->tok == T_PLUS || l->tok == T_MINUS))
		e = binary(l, N_ARITH, e, parse_mul);
	return e;
}

static struct expr *parse_cmp(struct lexer *l)
{
	struct expr *e = parse_add(l);
	if (e && l->tok >= T_EQ && l->tok <= T_GE)
		e = binary(l, N_CMP, e, parse_add);
	if (e && l->tok >= T_EQ && l->tok <= T_GE) {
		lerror(l, l->loc,
		       "comparisons do not chain; "
		       "write a < b and b < c");
		return NULL;
	}
	return e;
}

static struct expr *parse_not(struct lexer *l)
{
	if (!is_word(l, "not"))
		return parse_cmp(l);
	struct expr *e = node(l, N_NOT, l->loc);
	next(l);
	if (!enter(l))
		return NULL;
	e->a = parse_not(l);
	l->depth--;
	return e->a && set_depth(l, e) ? e : NULL;
}

static struct expr *parse_and(struct lexer *l)
{
	struct expr *e = parse_not(l);
	while (e && is_word(l, "and"))
		e = binary(l, N_AND, e, parse_not);
	return e;
}

static struct expr *parse_or(struct lexer *l)
{
	struct expr *e = parse_and(l);
	while (e && is_word(l, "or"))
		e = binary(l, N_OR, e, parse_and);
	return e;
}

static void lex_init(struct lexer *l, struct arena *a, struct expr_src src)
{
	memset(l, 0, sizeof *l);
	l->a = a;
	l->src = src;
	l->tok = T_END;
	next(l);
}

static bool at_end(struct lexer *l, const char *what)
{
	if (l->failed)
		return false;
	if (l->tok != T_END) {
		lerror(l, l->loc, "unexpected %s after %s", tok_desc(l), what);
		return false;
	}
	return true;
}

bool expr_parse(struct arena *a, struct expr_src src, struct expr **out)
{
	struct lexer l;
	lex_init(&l, a, src);
	if (l.tok == T_END && !l.failed) {
		lerror(&l, l.loc, "empty expression");
		return false;
	}
	*out = parse_or(&l);
	return *out && at_end(&l, "the expression");
}

bool expr_parse_filtered(struct arena *a, struct expr_src src, struct expr **out,
			 struct expr_filter **filters, int *nfilters)
{
	struct lexer l;
	lex_init(&l, a, src);
	*filters = NULL;
	*nfilters = 0;
	if (l.tok == T_END && !l.failed) {
		lerror(&l, l.loc, "empty placeholder: write {{ name }}");
		return false;
	}
	*out = parse_or(&l);
	if (!*out)
		return false;
	int cap = 0;
	while (l.tok == T_PIPE) {
		next(&l);
		if (l.tok != T_NAME) {
			lerror(&l, l.loc,
			       "expected a filter name after '|', "
			       "found %s",
			       tok_desc(&l));
			return false;
		}
		struct expr_filter f = {
		    arena_strndup(a, l.text, l.tlen), l.loc, {NULL, NULL}, 0, 0};
		next(&l);
		if (l.tok == T_LP) {
			next(&l);
			while (l.tok != T_RP && !l.failed) {
				if (f.nargs == 2) {
					lerror(&l, l.loc,
					       "too many arguments "
					       "for filter '%s'",
					       f.name);
					return false;
				}
				f.args[f.nargs] = parse_or(&l);
				if (!f.args[f.nargs++])
					return false;
				if (l.tok != T_COMMA)
					break;
				next(&l);
			}
			if (!expect(&l, T_RP, "')'"))
				return false;
		}
		ARR_PUSH(a, *filters, *nfilters, cap, f);
	}
	return at_end(&l, "the expression (a filter goes after '|')");
}

struct srcloc expr_loc(const struct expr *e)
{
	return e->loc;
}

/* ---- suggestions -------------------------------------------------------- */

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
		buf_printf(b, "; did you mean '%s'? ", near);
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

static const char *table_file(const struct table *t)
{
	if (t->label)
		return t->label; /* a workbook's sheet */
	const char *s = strrchr(t->path, '/');
	return s ? s + 1 : t->path;
}

/* ---- evaluation --------------------------------------------------------- */

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
	if (t)
		return t;
	int n = c->data ? c->data->ntables : 0;
	if (n == 0) {
		diag_error(loc,
			   "unknown table '%s': no data was loaded (put %s.csv or "
			   "a workbook in the data folder, or use -d DIR)",
			   name, name);
		return NULL;
	}
	const char **names = arena_alloc(c->a, (size_t)n * sizeof *names);
	for (int i = 0; i < n; i++)
		names[i] = c->data->tables[i].name;
	const char *near = expr_closest(name, names, n);
	struct buf b = BUF_INIT;
	buf_printf(&b, "unknown table '%s'", name);
	put_suggestion(&b, near);
	buf_puts(&b, "tables are: ");
	list_names(&b, names, n);
	diag_error(loc, "%s", buf_cstr(&b));
	buf_free(&b);
	return NULL;
}

static bool column_of(struct expr_ctx *c, const struct table *t, const char *col,
		      struct srcloc loc, int *out)
{
	*out = data_column(t, col);
	if (*out >= 0)
		return true;
	const char *near = expr_closest(col, t->names, t->ncols);
	struct buf b = BUF_INIT;
	buf_printf(&b, "unknown column '%s' in %s", col, table_file(t));
	put_suggestion(&b, near);
	buf_puts(&b, "columns are: ");
	list_names(&b, t->names, t->ncols);
	diag_error(loc, "%s", buf_cstr(&b));
	buf_free(&b);
	(void)c;
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

static void unknown_name(struct expr_ctx *c, struct expr *e)
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
		    later ? "'%s' is used before it is defined: its {{ let }} is at "
			    "line %d; move the let above this line"
			  : "'%s' is defined at line %d by a let inside a block that "
			    "has ended; a let holds to the end of its block (move it "
			    "out of the block)",
		    e->name, d->loc.line);
		return;
	}
	const char *near = expr_closest(e->name, cands, (int)n);
	struct buf b = BUF_INIT;
	buf_printf(&b, "unknown name '%s'", e->name);
	if (c->nframes) {
		const struct table *t = c->frames[c->nframes - 1].t;
		put_suggestion(&b, near);
		buf_printf(&b, "columns of %s are: ", table_file(t));
		list_names(&b, t->names, t->ncols);
	} else if (near) {
		buf_printf(&b, "; did you mean '%s'?", near);
	} else if (c->nvars + c->nsets > 0) {
		buf_puts(&b, "; names are: ");
		size_t from = c->batch_table ? (size_t)c->batch_table->ncols : 0;
		list_names(&b, cands + from, c->nsets + c->nvars);
	}
	if (!c->data && !c->nframes)
		buf_puts(
		    &b,
		    " (there is no data folder: put the CSV files or workbooks in data/ "
		    "beside the report, or pass -d DIR)");
	diag_error(e->loc, "%s", buf_cstr(&b));
	buf_free(&b);
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
			unknown_name(c, e);
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
		memset(v, 0, sizeof *v);
		v->kind = EXPR_TEXT;
		v->text = text;
		v->sc = s;
		v->loc = e->loc;
		v->row = -1;
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

/* A condition of the form COLUMN op LITERAL (either way round) on table
 * t, decided per row from the cell alone instead of evaluating the
 * expression with a frame: the largest cost of data-heavy templates. The
 * results are eval_cmp's: a string literal compares as text, a number as a
 * number (only when every cell of the column parses, so no cell would need
 * the error eval_cmp reports). */
struct simple_cond {
	int col;
	enum tok op;
	bool numeric;
	const char *text;
	struct numfmt_dec num;
	const struct numfmt_dec *v; /* the column as numbers */
};

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

/* Up to four simple conditions joined by `and`. */
struct simple_and {
	struct simple_cond part[4];
	int n;
};

static bool simple_conjunction(const struct expr_ctx *c, const struct table *t,
			       const struct expr *cond, struct simple_and *sa)
{
	if (cond && cond->kind == N_AND)
		return simple_conjunction(c, t, cond->a, sa) &&
		       simple_conjunction(c, t, cond->b, sa);
	if (sa->n == 4 || !simple_condition(c, t, cond, &sa->part[sa->n]))
		return false;
	sa->n++;
	return true;
}

static bool simple_holds(const struct expr_ctx *c, const struct table *t, int row,
			 const struct simple_cond *sc)
{
	int r;
	(void)c;
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
	if (where && simple_conjunction(c, t, where, &s->sa)) {
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
				all = simple_holds(s->c, s->t, s->row, &s->sa.part[k]);
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
	if (!t || !column_of(c, t, e->col, e->colloc, &col))
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
			diag_error(e->loc, "no row of %s matches [%.*s]", table_file(t),
				   (int)e->srclen, e->src);
		else
			diag_error(e->loc,
				   "%d rows of %s match [%.*s] (lines %s%s); "
				   "a lookup must match exactly one row",
				   count, table_file(t), (int)e->srclen, e->src,
				   buf_cstr(&lines), count > 5 ? ", ..." : "");
		err = true;
	}
	buf_free(&lines);
	if (err)
		return false;
	cell_value(t, found, col, e->loc, v);
	return true;
}

static const char *text_kind(const struct expr_value *v, struct arena *a)
{
	if (v->t && v->row >= 0)
		return arena_printf(a, "cell '%s' at %s", v->text,
				    data_cell_place(a, v->t, v->row, v->col));
	if (v->sc && v->sc->loc.file && v->sc->loc.line > 0 &&
	    strcmp(v->sc->loc.file, "--set") != 0)
		return arena_printf(a, "value '%s' of '%s' (%s:%d)", v->text, v->sc->name,
				    v->sc->loc.file, v->sc->loc.line);
	if (v->sc && v->sc->loc.file) /* --set: the option says where */
		return arena_printf(a, "value '%s' of '%s' (%s)", v->text, v->sc->name,
				    v->sc->loc.file);
	if (v->sc)
		return arena_printf(a, "value '%s' of '%s'", v->text, v->sc->name);
	return arena_printf(a, "text \"%s\"", v->text);
}

bool expr_number(struct expr_ctx *c, const struct expr_value *v, struct numfmt_dec *out)
{
	switch (v->kind) {
	case EXPR_NUM: *out = v->num; return true;
	case EXPR_LIST:
		diag_error(v->loc,
			   "%s.%s is a whole column, not a number; use "
			   "sum(), avg(), min(), max() or count(), or pick "
			   "one row with %s[COLUMN == VALUE].%s",
			   v->t->name, v->t->names[v->col], v->t->name,
			   v->t->names[v->col]);
		return false;
	case EXPR_TABLE:
		diag_error(v->loc, "%s is a table, not a number; use count(%s)",
			   v->t->name, v->t->name);
		return false;
	case EXPR_TEXT: break;
	}
	if (v->literal) {
		diag_error(v->loc,
			   "\"%s\" is a string, not a number; write numbers "
			   "without quotes",
			   v->text);
		return false;
	}
	/* a cell: in its table's convention, "-" is 0 */
	bool cell = v->t && v->row >= 0;
	bool c_loc = cell ? v->t->locale == LOCALE_C : c->c_locale;
	enum numfmt_status st =
	    cell ? data_number(v->t, v->text, out) : numfmt_parse(v->text, c_loc, out);
	if (st == NUMFMT_OK)
		return true;
	const char *what = text_kind(v, c->a);
	if (st == NUMFMT_EMPTY) {
		if (v->t && v->row >= 0)
			diag_error(v->loc, "cell at %s is empty, not a number",
				   data_cell_place(c->a, v->t, v->row, v->col));
		else
			diag_error(v->loc, "%s is empty, not a number", what);
		return false;
	}
	if (st == NUMFMT_RANGE) {
		diag_error(v->loc, "%s is too large (the limit is %d digits)", what,
			   NUMFMT_MAX_DIGITS);
		return false;
	}
	/* Say what would have worked. */
	struct numfmt_dec other;
	size_t n = strlen(v->text);
	const char *hint = "";
	const char *excel = data_number_hint(c->a, v->text, c_loc ? LOCALE_C : LOCALE_VI);
	if (n && v->text[n - 1] == '%')
		hint = "; the '%' sign is not part of a number (write the "
		       "figure alone; the pct filter adds '%')";
	else if (excel)
		hint = excel;
	else if (numfmt_parse(v->text, !c_loc, &other) == NUMFMT_OK) {
		struct buf b = BUF_INIT;
		if (c_loc)
			buf_printf(&b, "; the data is read with --data-locale c, "
				       "where '.' is the decimal point");
		else {
			buf_puts(&b, "; Vietnamese numbers use ',' for decimals "
				     "and '.' for thousands: write ");
			numfmt_grouped(&b, other, other.scale);
			buf_puts(&b, " (or use --data-locale c)");
		}
		hint = arena_strdup(c->a, buf_cstr(&b));
		buf_free(&b);
	}
	diag_error(v->loc, "%s is not a number%s", what, hint);
	return false;
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
			   text_kind(v, c->a));
	return k;
}

static void date_value(struct expr_ctx *c, long days, struct srcloc loc,
		       struct expr_value *v)
{
	struct buf b = BUF_INIT;
	date_iso(&b, days);
	memset(v, 0, sizeof *v);
	v->kind = EXPR_TEXT;
	v->text = arena_strndup(c->a, buf_cstr(&b), b.len);
	v->loc = loc;
	v->row = -1;
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
			   e->op == T_PLUS ? "plus" : "minus", text_kind(nv, c->a),
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
			    a.kind == EXPR_TEXT ? text_kind(&a, c->a) : "a number");
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
		memset(v, 0, sizeof *v);
		v->kind = EXPR_TEXT;
		v->text = e->str;
		v->literal = true;
		v->loc = e->loc;
		v->row = -1;
		return true;
	case N_NAME: return eval_name(c, e, v);
	case N_COLUMN: {
		if (e->cache != C_TABLE) { /* tables never change: cache once */
			e->cache_t = expr_table(c, e->name, e->loc);
			if (!e->cache_t ||
			    !column_of(c, e->cache_t, e->col, e->colloc, &e->cache_j))
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
