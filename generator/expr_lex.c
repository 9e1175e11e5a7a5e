/* expr_lex: the tokens of an expression inside {{ }}: names (a column
 * name may start with a digit after '.'), numbers with a '.' decimal
 * point, "strings" with \ escapes, operators; each with its position.
 * Owns: the token rules and their messages ("'=' is not an operator").
 * Must not: build AST nodes (expr_parse.c does). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "expr_int.h"
#include "i18n.h"
#include "text.h"

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

void lex_error(struct lexer *l, struct srcloc at, const char *fmt, ...)
{
	if (l->failed)
		return;
	l->failed = true;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap); /* translated here: diag gets "%s" */
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

void lex_next(struct lexer *l)
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
			lex_error(l, l->loc, "string is never closed (missing \")");
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
				lex_error(l, l->loc,
				       "'=' is not an operator; "
				       "compare with ==");
				l->tok = T_BAD;
				return;
			}
			l->tok = T_EQ, n = 2;
			break;
		case '!':
			if (c1 != '=') {
				lex_error(l, l->loc,
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
			lex_error(l, l->loc,
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

bool lex_is_word(const struct lexer *l, const char *w)
{
	return l->tok == T_NAME && l->tlen == strlen(w) &&
	       memcmp(l->text, w, l->tlen) == 0;
}

const char *lex_tok_desc(struct lexer *l)
{
	if (l->tok == T_END)
		return _("the end of the expression");
	return arena_printf(l->a, "'%.*s'", (int)(l->tlen ? l->tlen : 1), l->text);
}

void lex_init(struct lexer *l, struct arena *a, struct expr_src src)
{
	memset(l, 0, sizeof *l);
	l->a = a;
	l->src = src;
	l->tok = T_END;
	lex_next(l);
}
