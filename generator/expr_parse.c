/* expr_parse: a recursive-descent parser over expr_lex's tokens, an AST
 * in the arena (precedence, lowest first: or, and, not, comparison, + -,
 * * /, unary - +, primaries; `where` inside aggregates; `| filter` after
 * a placeholder's expression).
 * Owns: the grammar, the nesting limits and the syntax messages.
 * Must not: look names up or evaluate (expr_eval.c does). */
#include <stdio.h>
#include <string.h>

#include "expr_int.h"
#include "i18n.h"

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
		lex_error(l, e->loc,
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
		lex_error(l, l->loc, "expected %s, found %s", what, lex_tok_desc(l));
		return false;
	}
	lex_next(l);
	return !l->failed;
}

/* Guards the recursion of ( ), [ ], unary operators and arguments. */
static bool enter(struct lexer *l)
{
	if (++l->depth > MAX_NESTING) {
		lex_error(l, l->loc, "expression nested deeper than %d levels", MAX_NESTING);
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
		lex_error(l, loc,
		       "unknown function '%s'%s%s%sfunctions are: "
		       "sum, avg, min, max, count, round, abs, pct, ngay",
		       name, near ? _("; did you mean '") : "; ", near ? near : "",
		       near ? _("'? ") : "");
		return NULL;
	}
	struct expr *e = node(l, N_CALL, loc);
	e->fn = (enum fn)fn;
	e->name = name;
	int cap = 0;
	lex_next(l); /* ( */
	if (!enter(l))
		return NULL;
	if (l->tok != T_RP) {
		for (;;) {
			struct expr *arg = parse_or(l);
			if (!arg)
				return NULL;
			if (lex_is_word(l, "where")) {
				/* sum(t.col where COND): rows kept */
				struct expr *w = node(l, N_WHERE, arg->loc);
				w->oploc = l->loc;
				lex_next(l);
				w->a = arg;
				w->b = parse_or(l);
				if (!w->b || !set_depth(l, w))
					return NULL;
				arg = w;
			}
			ARR_PUSH(l->a, e->args, e->nargs, cap, arg);
			if (l->tok != T_COMMA)
				break;
			lex_next(l);
		}
	}
	l->depth--;
	if (!expect(l, T_RP, "')' or ','"))
		return NULL;
	if (e->nargs < fns[fn].min || (fns[fn].max >= 0 && e->nargs > fns[fn].max)) {
		const char *want = fn == F_ROUND     ? "1 or 2"
				   : fn == F_PCT     ? "2"
				   : fns[fn].max < 0 ? _("at least 1")
						     : "1";
		lex_error(l, loc, "%s() takes %s argument%s, not %d", name, want,
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
			lex_error(l, loc,
			       "number %s is too large (the limit is "
			       "%d digits)",
			       s, NUMFMT_MAX_DIGITS);
			return NULL;
		}
		/* "0.0000000000001" keeps 12 decimals: it would be 0 (and a
		 * division by it "by zero"), so say what really happened */
		if (numfmt_is_zero(e->num) && strpbrk(s, "123456789")) {
			lex_error(l, loc,
				  "number %s rounds to 0: at most %d decimals are kept", s,
				  NUMFMT_MAX_SCALE);
			return NULL;
		}
		lex_next(l);
		if (l->tok == T_COMMA && l->depth == 0)
			lex_error(l, l->loc,
			       "unexpected ','; numbers inside {{ }} "
			       "use '.' for decimals (write 1.5)");
		return l->failed ? NULL : e;
	}
	case T_STR: {
		struct expr *e = node(l, N_STR, loc);
		e->str = l->text;
		lex_next(l);
		return e;
	}
	case T_LP: {
		lex_next(l);
		if (!enter(l))
			return NULL;
		struct expr *e = parse_or(l);
		l->depth--;
		if (!e || !expect(l, T_RP, "')'"))
			return NULL;
		return e;
	}
	case T_NAME: {
		if (lex_is_word(l, "and") || lex_is_word(l, "or") || lex_is_word(l, "not") ||
		    lex_is_word(l, "where"))
			break;
		const char *name = arena_strndup(l->a, l->text, l->tlen);
		lex_next(l);
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
			lex_next(l);
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
				lex_error(l, l->loc,
				       "expected '.COLUMN' after "
				       "%s[...]: a lookup picks one "
				       "cell of the row it finds",
				       name);
				return NULL;
			}
		}
		lex_next(l); /* . */
		if (l->tok != T_NAME) {
			lex_error(l, l->loc,
			       "expected a column name after '%s.', "
			       "found %s",
			       name, lex_tok_desc(l));
			return NULL;
		}
		e->col = arena_strndup(l->a, l->text, l->tlen);
		e->colloc = l->loc;
		lex_next(l);
		return set_depth(l, e) ? e : NULL;
	}
	default: break;
	}
	if (!l->failed)
		lex_error(l, loc,
		       "expected a value (number, \"text\", name or "
		       "'('), found %s",
		       lex_tok_desc(l));
	return NULL;
}

static struct expr *parse_unary(struct lexer *l)
{
	if (l->tok != T_MINUS && l->tok != T_PLUS)
		return parse_primary(l);
	struct srcloc loc = l->loc;
	bool neg = l->tok == T_MINUS;
	lex_next(l);
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
	lex_next(l);
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
		lex_error(l, l->loc,
		       "comparisons do not chain; "
		       "write a < b and b < c");
		return NULL;
	}
	return e;
}

static struct expr *parse_not(struct lexer *l)
{
	if (!lex_is_word(l, "not"))
		return parse_cmp(l);
	struct expr *e = node(l, N_NOT, l->loc);
	lex_next(l);
	if (!enter(l))
		return NULL;
	e->a = parse_not(l);
	l->depth--;
	return e->a && set_depth(l, e) ? e : NULL;
}

static struct expr *parse_and(struct lexer *l)
{
	struct expr *e = parse_not(l);
	while (e && lex_is_word(l, "and"))
		e = binary(l, N_AND, e, parse_not);
	return e;
}

static struct expr *parse_or(struct lexer *l)
{
	struct expr *e = parse_and(l);
	while (e && lex_is_word(l, "or"))
		e = binary(l, N_OR, e, parse_and);
	return e;
}

static bool at_end(struct lexer *l, const char *what)
{
	if (l->failed)
		return false;
	if (l->tok != T_END) {
		lex_error(l, l->loc, "unexpected %s after %s", lex_tok_desc(l), what);
		return false;
	}
	return true;
}

bool expr_parse(struct arena *a, struct expr_src src, struct expr **out)
{
	struct lexer l;
	lex_init(&l, a, src);
	if (l.tok == T_END && !l.failed) {
		lex_error(&l, l.loc, "empty expression");
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
		lex_error(&l, l.loc, "empty placeholder: write {{ name }}");
		return false;
	}
	*out = parse_or(&l);
	if (!*out)
		return false;
	int cap = 0;
	while (l.tok == T_PIPE) {
		lex_next(&l);
		if (l.tok != T_NAME) {
			lex_error(&l, l.loc,
			       "expected a filter name after '|', "
			       "found %s",
			       lex_tok_desc(&l));
			return false;
		}
		struct expr_filter f = {
		    arena_strndup(a, l.text, l.tlen), l.loc, {NULL, NULL}, 0, 0};
		lex_next(&l);
		if (l.tok == T_LP) {
			lex_next(&l);
			while (l.tok != T_RP && !l.failed) {
				if (f.nargs == 2) {
					lex_error(&l, l.loc,
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
				lex_next(&l);
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
