/* template_parse: a template cut into tokens (text, one line at a time,
 * and tags), block tags matched into ranges, lets checked per block.
 * Owns: the syntax of the tags and its messages.
 * Must not: evaluate anything (template.c runs the tokens). */
#include <stdlib.h>
#include <string.h>

#include "bounds.h"
#include "i18n.h"
#include "template_int.h"

static bool is_block(enum kind k)
{
	return k == K_EACH || k == K_ENDEACH || k == K_IF || k == K_ELSE ||
	       k == K_ENDIF || k == K_COMMENT || k == K_LET;
}

static const char *tag_name(enum kind k)
{
	switch (k) {
	case K_EACH: return "{{#each}}";
	case K_ENDEACH: return "{{/each}}";
	case K_IF: return "{{#if}}";
	case K_ELSE: return "{{else}}";
	case K_ENDIF: return "{{/if}}";
	default: return "tag";
	}
}

/* ---- tokens ------------------------------------------------------------- */

/* Position of p within the cursor's text (advances the cursor). */
static void seek(struct expr_src *cur, const char *p)
{
	expr_src_skip(cur, (size_t)(p - cur->s));
}

static struct srcloc here(const struct expr_src *cur)
{
	return (struct srcloc){cur->file, cur->line, cur->col};
}

static bool word_at(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	return n >= k && memcmp(s, w, k) == 0 &&
	       (n == k || s[k] == ' ' || s[k] == '\t' || s[k] == '\n');
}

static size_t skip_blank(const char *s, size_t i, size_t n)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
		i++;
	return i;
}

/* A name (identifier) at s[i]; returns its end. */
static size_t name_end(const char *s, size_t i, size_t n)
{
	while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
			 (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
			 (unsigned char)s[i] >= 0x80))
		i++;
	return i;
}

/* {{ let NAME = EXPR [| filter]... }}; i is just after "let". */
static bool parse_let(struct tx *x, struct tok *t, struct expr_src in, size_t i)
{
	i = skip_blank(in.s, i, in.len);
	expr_src_skip(&in, i);
	size_t e = name_end(in.s, 0, in.len);
	if (e == 0 || (in.s[0] >= '0' && in.s[0] <= '9')) {
		diag_error(here(&in),
			   "expected a name after 'let': {{ let NAME = EXPR }}");
		return false;
	}
	t->kind = K_LET;
	t->name = arena_strndup(x->a, in.s, e);
	t->nameloc = here(&in);
	expr_src_skip(&in, e);
	size_t k = skip_blank(in.s, 0, in.len);
	expr_src_skip(&in, k);
	if (!in.len || in.s[0] != '=' || (in.len > 1 && in.s[1] == '=')) {
		diag_error(here(&in), "expected '=' after 'let %s': {{ let %s = EXPR }}",
			   t->name, t->name);
		return false;
	}
	expr_src_skip(&in, 1);
	return expr_parse_filtered(x->a, in, &t->e, &t->filters, &t->nfilters);
}

/* Classify the inside of a tag (body: between "{{" and "}}"). */
static bool parse_tag(struct tx *x, struct tok *t, struct expr_src in)
{
	size_t i = skip_blank(in.s, 0, in.len);
	const char *s = in.s;
	size_t n = in.len;
	if (i < n && s[i] == '#') {
		size_t j = name_end(s, i + 1, n);
		bool each = j - i - 1 == 4 && memcmp(s + i + 1, "each", 4) == 0;
		bool iff = j - i - 1 == 2 && memcmp(s + i + 1, "if", 2) == 0;
		if (!each && !iff) {
			expr_src_skip(&in, i);
			diag_error(here(&in),
				   "unknown block '{{%.*s}}'; blocks are "
				   "{{#each TABLE}} and {{#if EXPR}}",
				   (int)(j - i), s + i);
			return false;
		}
		expr_src_skip(&in, j);
		if (iff) {
			t->kind = K_IF;
			t->other = -1;
			return expr_parse(x->a, in, &t->e);
		}
		t->kind = K_EACH;
		size_t k = skip_blank(in.s, 0, in.len);
		expr_src_skip(&in, k);
		size_t e = name_end(in.s, 0, in.len);
		if (e == 0) {
			diag_error(here(&in), "expected a table name after #each");
			return false;
		}
		t->name = arena_strndup(x->a, in.s, e);
		t->nameloc = here(&in);
		expr_src_skip(&in, e);
		k = skip_blank(in.s, 0, in.len);
		expr_src_skip(&in, k);
		if (in.len == 0)
			return true;
		if (!word_at(in.s, in.len, "where")) {
			diag_error(here(&in),
				   "expected 'where' or '}}' after "
				   "{{#each %s",
				   t->name);
			return false;
		}
		expr_src_skip(&in, 5);
		return expr_parse(x->a, in, &t->e);
	}
	if (i < n && s[i] == '/') {
		size_t j = name_end(s, i + 1, n);
		size_t k = skip_blank(s, j, n);
		if (k == n && j - i - 1 == 4 && memcmp(s + i + 1, "each", 4) == 0)
			t->kind = K_ENDEACH;
		else if (k == n && j - i - 1 == 2 && memcmp(s + i + 1, "if", 2) == 0)
			t->kind = K_ENDIF;
		else {
			expr_src_skip(&in, i);
			diag_error(here(&in),
				   "unknown closing tag '{{%.*s}}'; "
				   "write {{/each}} or {{/if}}",
				   (int)(k - i), s + i);
			return false;
		}
		return true;
	}
	if (word_at(s + i, n - i, "else") && skip_blank(s, i + 4, n) == n) {
		t->kind = K_ELSE;
		return true;
	}
	if (word_at(s + i, n - i, "let"))
		return parse_let(x, t, in, i + 3);
	if (word_at(s + i, n - i, "table")) {
		size_t j = skip_blank(s, i + 5, n);
		size_t e = name_end(s, j, n);
		if (e > j && skip_blank(s, e, n) == n && s[j] != '|') {
			t->kind = K_TABLE;
			t->name = arena_strndup(x->a, s + j, e - j);
			expr_src_skip(&in, j);
			t->nameloc = here(&in);
			return true;
		}
		/* {{ table T tong="Tổng cộng" }}: with a total row */
		size_t o = skip_blank(s, e, n);
		if (e > j && s[j] != '|' && n - o > 5 && memcmp(s + o, "tong=", 5) == 0) {
			size_t q = o + 5, qe = q + 1;
			while (qe < n && s[qe] != '"')
				qe++;
			struct expr_src at = in;
			expr_src_skip(&at, o);
			if (s[q] != '"' || qe >= n || skip_blank(s, qe + 1, n) != n) {
				diag_error(here(&at), "write tong=\"LABEL\" (the total row's "
						      "label in quotes) after the table's name");
				return false;
			}
			t->kind = K_TABLE;
			t->name = arena_strndup(x->a, s + j, e - j);
			t->total = arena_strndup(x->a, s + q + 1, qe - q - 1);
			expr_src_skip(&in, j);
			t->nameloc = here(&in);
			return true;
		}
	}
	if (word_at(s + i, n - i, "chart")) {
		t->kind = K_CHART;
		t->chart = arena_alloc(x->a, sizeof *t->chart);
		expr_src_skip(&in, i + 5);
		return chart_parse_tag(x->a, &in, t->loc, t->chart);
	}
	t->kind = K_EXPR;
	return expr_parse_filtered(x->a, in, &t->e, &t->filters, &t->nfilters);
}

/* Where the "}}" closing the tag at s (just after "{{") is; strings may
 * hold "}}" (not in comments). */
static const char *tag_close(const char *s, const char *end, bool comment)
{
	for (const char *p = s; p + 1 < end; p++) {
		if (*p == '"' && !comment) {
			for (p++; p < end && *p != '"'; p++)
				if (*p == '\\' && p + 1 < end)
					p++;
			if (p >= end)
				return NULL;
			continue;
		}
		if (p[0] == '}' && p[1] == '}')
			return p;
	}
	return NULL;
}

static void push_tok(struct tx *x, struct tok t, int *cap)
{
	ARR_PUSH(x->a, x->toks, x->ntoks, *cap, t);
}

bool tpl_tokenize(struct tx *x, struct expr_src cur)
{
	const char *end = cur.s + cur.len;
	int cap = 0;
	while (cur.len) {
		const char *open = NULL;
		/* text up to the next "{{", one line per token */
		for (const char *p = cur.s;
		     (p = memchr(p, '{', (size_t)(end - p))) && p + 1 < end; p++)
			if (p[1] == '{') {
				open = p;
				break;
			}
		const char *stop = open ? open : end;
		/* the first line and the last (partial) one are tokens of
		 * their own (a tag may share their line: drop_tag_lines); the
		 * whole lines between are one token, so a template of 16 MB of
		 * short lines is a few tokens, not 16 million */
		const char *last_nl = NULL;
		for (const char *q = stop; q > cur.s; q--)
			if (q[-1] == '\n') {
				last_nl = q - 1;
				break;
			}
		while (cur.s < stop) {
			const char *nl = memchr(cur.s, '\n', (size_t)(stop - cur.s));
			const char *e = nl ? nl + 1 : stop;
			if (nl && nl != last_nl && cur.col == 1)
				e = last_nl + 1; /* whole lines */
			struct tok t = {.kind = K_TEXT,
					.s = cur.s,
					.len = (size_t)(e - cur.s),
					.loc = here(&cur)};
			push_tok(x, t, &cap);
			seek(&cur, e);
		}
		if (!open)
			break;
		struct tok t = {.loc = here(&cur), .other = -1};
		if (++x->ntags > MAX_TEMPLATE_TAGS) {
			diag_error(t.loc,
				   "more than %d {{ }} tags in one template; repeat "
				   "text with {{#each}} instead of writing it out",
				   MAX_TEMPLATE_TAGS);
			return false;
		}
		const char *body = open + 2;
		bool comment = body < end && *body == '!';
		const char *close = tag_close(body, end, comment);
		if (!close) {
			diag_error(t.loc, "'{{' is never closed (missing '}}')");
			return false;
		}
		seek(&cur, body);
		if (comment) {
			t.kind = K_COMMENT;
		} else {
			struct expr_src in = cur;
			in.len = (size_t)(close - body);
			if (!parse_tag(x, &t, in))
				return false;
		}
		seek(&cur, close + 2);
		push_tok(x, t, &cap);
	}
	return true;
}

/* A line holding only block tags and blanks leaves nothing behind. */
void tpl_drop_tag_lines(struct tx *x)
{
	int start = 0;
	for (int i = 0; i < x->ntoks; i++) {
		struct tok *t = &x->toks[i];
		bool eol = t->kind == K_TEXT && t->len && t->s[t->len - 1] == '\n';
		if (!eol && i + 1 < x->ntoks)
			continue;
		bool only = true, tag = false;
		for (int k = start; k <= i && only; k++) {
			struct tok *u = &x->toks[k];
			if (is_block(u->kind)) {
				tag = true;
			} else if (u->kind == K_TEXT) {
				for (size_t m = 0; m < u->len && only; m++)
					if (u->s[m] != ' ' && u->s[m] != '\t' &&
					    u->s[m] != '\n')
						only = false;
			} else {
				only = false;
			}
		}
		if (only && tag)
			for (int k = start; k <= i; k++)
				if (x->toks[k].kind == K_TEXT)
					x->toks[k].drop = true;
		start = i + 1;
	}
}

/* Match block tags: each opening tag learns where it ends. */
bool tpl_match_blocks(struct tx *x)
{
	int stack[MAX_NESTING];
	int depth = 0;
	for (int i = 0; i < x->ntoks; i++) {
		struct tok *t = &x->toks[i];
		switch (t->kind) {
		case K_EACH:
		case K_IF:
			if (depth == MAX_NESTING) {
				diag_error(t->loc,
					   "blocks nested deeper than %d "
					   "levels",
					   MAX_NESTING);
				return false;
			}
			stack[depth++] = i;
			break;
		case K_ELSE: {
			struct tok *o = depth ? &x->toks[stack[depth - 1]] : NULL;
			if (!o || o->kind != K_IF) {
				diag_error(t->loc, "{{else}} outside {{#if}} ... "
						   "{{/if}}");
				return false;
			}
			if (o->other >= 0) {
				diag_error(t->loc,
					   "second {{else}} in one {{#if}} "
					   "(the first is at line %d)",
					   x->toks[o->other].loc.line);
				return false;
			}
			o->other = i;
			break;
		}
		case K_ENDEACH:
		case K_ENDIF: {
			enum kind want = t->kind == K_ENDEACH ? K_EACH : K_IF;
			if (!depth) {
				diag_error(t->loc, "%s without an opening %s",
					   tag_name(t->kind), tag_name(want));
				return false;
			}
			struct tok *o = &x->toks[stack[depth - 1]];
			if (o->kind != want) {
				diag_error(o->loc,
					   "%s is closed by %s at line %d; "
					   "close it with %s",
					   tag_name(o->kind), tag_name(t->kind),
					   t->loc.line,
					   o->kind == K_EACH ? "{{/each}}" : "{{/if}}");
				return false;
			}
			o->end = i;
			depth--;
			break;
		}
		default: break;
		}
	}
	if (depth) {
		struct tok *o = &x->toks[stack[depth - 1]];
		diag_error(o->loc, "%s is never closed (missing %s)", tag_name(o->kind),
			   o->kind == K_EACH ? "{{/each}}" : "{{/if}}");
		return false;
	}
	return true;
}

/* Lets: a name is defined once per block (an {{#if}} and its {{else}}
 * are two blocks); every let is listed for the "used before its let"
 * message. Sorting by (block, name) finds repeats in n log n. */
struct letkey {
	int scope, tok;
	const char *name;
};

static int letkey_cmp(const void *pa, const void *pb)
{
	const struct letkey *a = pa, *b = pb;
	if (a->scope != b->scope)
		return a->scope < b->scope ? -1 : 1;
	int c = strcmp(a->name, b->name);
	return c ? c : (a->tok > b->tok) - (a->tok < b->tok);
}

bool tpl_check_lets(struct tx *x)
{
	struct letkey *keys = NULL;
	struct expr_letdef *defs = NULL;
	size_t n = 0, cap = 0, nd = 0, capd = 0;
	int stack[MAX_NESTING + 1], depth = 0, next = 0;
	stack[0] = next++;
	for (int i = 0; i < x->ntoks; i++) {
		const struct tok *t = &x->toks[i];
		if (t->kind == K_EACH || t->kind == K_IF)
			stack[++depth] = next++;
		else if (t->kind == K_ELSE)
			stack[depth] = next++;
		else if ((t->kind == K_ENDEACH || t->kind == K_ENDIF) && depth)
			depth--;
		else if (t->kind == K_LET) {
			struct letkey k = {stack[depth], i, t->name};
			ARR_PUSH(x->a, keys, n, cap, k);
			struct expr_letdef d = {t->name, t->nameloc};
			ARR_PUSH(x->a, defs, nd, capd, d);
		}
	}
	if (n > 1)
		qsort(keys, n, sizeof *keys, letkey_cmp);
	for (size_t i = 1; i < n; i++)
		if (keys[i].scope == keys[i - 1].scope &&
		    strcmp(keys[i].name, keys[i - 1].name) == 0) {
			const struct tok *t = &x->toks[keys[i].tok];
			diag_error(
			    t->nameloc,
			    "'%s' is already defined at line %d in this block; a let "
			    "names one value (use another name, or a block of its own)",
			    t->name, x->toks[keys[i - 1].tok].nameloc.line);
			return false;
		}
	x->ctx.letdefs = defs;
	x->ctx.nletdefs = (int)nd;
	return true;
}

