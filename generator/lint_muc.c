/* lint_muc: the `muc` rule. Heading numbers must run on by one at each
 * level: I, II, III; 1, 2, 3; 1.1, 1.2; a, b (Vietnamese or English
 * alphabet). A level is a numbering style (Roman, capital letter, number,
 * N.N, small letter; with its "." or ")") at a Markdown heading level; it
 * restarts under each new parent and after a "Phần"/"Chương" part
 * heading, whose own numbers are checked the same way. Headings without a
 * number are left alone, and so is the first number of a level (a report
 * may begin a list anywhere). */
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "lint_int.h"

enum style { S_NONE, S_ROMAN, S_UPPER, S_ARABIC, S_DOTTED, S_LOWER, S_LROMAN };

struct hnum {
	enum style st;
	char delim; /* '.', ')' or 0 */
	int ncomp; /* S_DOTTED: components */
	int comp[6];
	int v; /* the value at this level (a letter: its code point) */
	const char *tok; /* the number as written, without its delimiter */
	size_t toklen;
};

struct level {
	struct hnum n;
	int md; /* Markdown heading level */
};

enum { MAX_LEVELS = 16 };

static int roman_value(const char *s, size_t n, bool lower)
{
	static const char up[] = "IVXLCDM", lo[] = "ivxlcdm";
	static const int val[] = {1, 5, 10, 50, 100, 500, 1000};
	const char *set = lower ? lo : up;
	int total = 0;
	for (size_t i = 0; i < n; i++) {
		const char *p = strchr(set, s[i]);
		if (!p || !s[i])
			return 0;
		int v = val[p - set], next = 0;
		if (i + 1 < n) {
			const char *q = strchr(set, s[i + 1]);
			next = q && s[i + 1] ? val[q - set] : 0;
		}
		total += v < next ? -v : v;
	}
	return total;
}

static void roman_text(struct buf *b, int n, bool lower)
{
	static const struct {
		int v;
		const char *s, *l;
	} r[] = {{1000, "M", "m"}, {900, "CM", "cm"}, {500, "D", "d"}, {400, "CD", "cd"},
		 {100, "C", "c"},  {90, "XC", "xc"},  {50, "L", "l"},  {40, "XL", "xl"},
		 {10, "X", "x"},   {9, "IX", "ix"},   {5, "V", "v"},   {4, "IV", "iv"},
		 {1, "I", "i"}};
	for (size_t i = 0; i < sizeof r / sizeof *r; i++)
		while (n >= r[i].v) {
			buf_puts(b, lower ? r[i].l : r[i].s);
			n -= r[i].v;
		}
}

/* A Roman numeral written the canonical way (no "IIII", "VX"). */
static bool roman_ok(const char *s, size_t n, bool lower, int *v)
{
	*v = roman_value(s, n, lower);
	if (*v <= 0 || *v > 3999)
		return false;
	struct buf b = BUF_INIT;
	roman_text(&b, *v, lower);
	bool ok = b.len == n && !memcmp(b.ptr, s, n);
	buf_free(&b);
	return ok;
}

/* Vietnamese letters in order; a code point of "đ"/"Đ" is 0x111/0x110. */
static const int vn_lower[] = {'a', 'b', 'c', 'd', 0x111, 'e', 'g', 'h',
			       'i', 'k', 'l', 'm', 'n',	  'o', 'p', 'q',
			       'r', 's', 't', 'u', 'v',	  'x', 'y'};

static int lower_of(int c)
{
	return c == 0x110 ? 0x111 : (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

/* Does letter b follow letter a (in either alphabet)? */
static bool letter_follows(int a, int b)
{
	a = lower_of(a), b = lower_of(b);
	if (a < 0x80 && b < 0x80 && b == a + 1)
		return true;
	int n = (int)(sizeof vn_lower / sizeof *vn_lower);
	for (int i = 0; i + 1 < n; i++)
		if (vn_lower[i] == a)
			return vn_lower[i + 1] == b;
	return false;
}

static int next_letter(int a, bool upper)
{
	int n = (int)(sizeof vn_lower / sizeof *vn_lower), l = lower_of(a), r = 0;
	for (int i = 0; i + 1 < n; i++)
		if (vn_lower[i] == l)
			r = vn_lower[i + 1];
	if (!r)
		r = l + 1;
	if (upper)
		r = r == 0x111 ? 0x110 : r - 'a' + 'A';
	return r;
}

static void put_cp(struct buf *b, int c)
{
	char u[4];
	int n = c < 0x80 ? (u[0] = (char)c, 1) : (u[0] = (char)(0xC0 | (c >> 6)), u[1] = (char)(0x80 | (c & 0x3F)), 2);
	buf_put(b, u, (size_t)n);
}

static bool delim_ok(const char *p, char *delim)
{
	if ((*p == '.' || *p == ')') && (p[1] == ' ' || !p[1])) {
		*delim = *p;
		return true;
	}
	return false;
}

/* The number a heading starts with; st S_NONE when there is none. */
static struct hnum parse_number(const char *s, const struct level *stack, int depth)
{
	struct hnum h = {.st = S_NONE, .tok = s};
	const char *p = s;
	if (*p >= '0' && *p <= '9') {
		while (h.ncomp < 6) {
			int v = 0, nd = 0;
			while (*p >= '0' && *p <= '9' && nd < 4)
				v = v * 10 + (*p++ - '0'), nd++;
			if (*p >= '0' && *p <= '9')
				return h; /* a year or a long figure, not a number */
			h.comp[h.ncomp++] = v;
			if (p[0] == '.' && p[1] >= '0' && p[1] <= '9')
				p++;
			else
				break;
		}
		h.toklen = (size_t)(p - s);
		if (h.ncomp == 1) {
			if (!delim_ok(p, &h.delim))
				return h;
			h.st = S_ARABIC;
		} else {
			if (*p == '.' || *p == ')')
				h.delim = *p++;
			if (*p && *p != ' ')
				return h;
			h.st = S_DOTTED;
		}
		h.v = h.comp[h.ncomp - 1];
		return h;
	}
	/* a letter: ASCII or Đ/đ (2 bytes) */
	size_t n = strspn(s, "IVXLCDM");
	size_t ln = strspn(s, "ivxlcdm");
	int c0 = (unsigned char)s[0];
	size_t l0 = 1;
	if (!memcmp(s, "Đ", 2))
		c0 = 0x110, l0 = 2;
	else if (!memcmp(s, "đ", 2))
		c0 = 0x111, l0 = 2;
	char d;
	int rv;
	bool upper_letter = (c0 >= 'A' && c0 <= 'Z') || c0 == 0x110;
	bool lower_letter = (c0 >= 'a' && c0 <= 'z') || c0 == 0x111;
	if (n >= 1 && delim_ok(s + n, &d) && roman_ok(s, n, false, &rv)) {
		/* one character: "C." after "B." is a letter, "V." after "IV." a
		 * numeral; C, D, L, M are letters unless they continue numerals,
		 * I, V, X numerals unless they continue letters */
		bool letter = false;
		if (n == 1) {
			bool roman_next = false, upper_next = false;
			for (int i = 0; i < depth; i++) {
				if (stack[i].n.delim != d)
					continue;
				roman_next |= stack[i].n.st == S_ROMAN && stack[i].n.v + 1 == rv;
				upper_next |= stack[i].n.st == S_UPPER &&
					      letter_follows(stack[i].n.v, c0);
			}
			letter = strchr("CDLM", s[0]) ? !roman_next : (upper_next && !roman_next);
		}
		if (!letter) {
			h.st = S_ROMAN, h.v = rv, h.delim = d, h.toklen = n;
			return h;
		}
	}
	if (upper_letter && delim_ok(s + l0, &d)) {
		h.st = S_UPPER, h.v = c0, h.delim = d, h.toklen = l0;
		return h;
	}
	if (ln >= 2 && delim_ok(s + ln, &d) && roman_ok(s, ln, true, &rv)) {
		h.st = S_LROMAN, h.v = rv, h.delim = d, h.toklen = ln;
		return h;
	}
	if (lower_letter && delim_ok(s + l0, &d)) {
		h.st = S_LOWER, h.v = c0, h.delim = d, h.toklen = l0;
		return h;
	}
	return h;
}

static bool same_level(const struct level *l, const struct hnum *h, int md)
{
	if (l->n.st != h->st || l->n.delim != h->delim || l->md != md)
		return false;
	return h->st != S_DOTTED || l->n.ncomp == h->ncomp;
}

/* The number expected after prev, as written. */
static void expected(struct buf *b, const struct hnum *prev)
{
	switch (prev->st) {
	case S_ROMAN: roman_text(b, prev->v + 1, false); break;
	case S_LROMAN: roman_text(b, prev->v + 1, true); break;
	case S_UPPER: put_cp(b, next_letter(prev->v, true)); break;
	case S_LOWER: put_cp(b, next_letter(prev->v, false)); break;
	case S_DOTTED:
		for (int i = 0; i < prev->ncomp - 1; i++)
			buf_printf(b, "%d.", prev->comp[i]);
		buf_printf(b, "%d", prev->v + 1);
		break;
	default: buf_printf(b, "%d", prev->v + 1);
	}
}

static bool follows(const struct hnum *prev, const struct hnum *h)
{
	if (h->st == S_UPPER || h->st == S_LOWER)
		return letter_follows(prev->v, h->v);
	return h->v == prev->v + 1;
}

static bool same_number(const struct hnum *prev, const struct hnum *h)
{
	if (h->st == S_UPPER || h->st == S_LOWER)
		return lower_of(prev->v) == lower_of(h->v);
	return h->v == prev->v;
}

static void check_step(struct lint *L, int line, const struct hnum *prev,
		       const struct hnum *h)
{
	if (follows(prev, h))
		return;
	struct buf e = BUF_INIT;
	expected(&e, prev);
	int col = lint_col_of(L, line, h->tok, h->toklen);
	const char *hint = N_("number the headings in order (or let baocao number them: "
			   "danh_so_tu_dong: true)");
	if (same_number(prev, h))
		lint_add(L, R_MUC, line, col, hint,
			 "heading number '%.*s' repeats the one before it; expected '%s'",
			 (int)h->toklen, h->tok, buf_cstr(&e));
	else
		lint_add(L, R_MUC, line, col, hint,
			 "heading number '%.*s' follows '%.*s'; expected '%s'", (int)h->toklen,
			 h->tok, (int)prev->toklen, prev->tok, buf_cstr(&e));
	buf_free(&e);
}

/* "Phần I", "PHẦN 2", "Chương III": the part's number (0: none). */
static bool part_start(const char *s, struct hnum *num)
{
	static const char *const words[] = {"Phần ", "PHẦN ", "phần ", "Chương ",
					    "CHƯƠNG ", "chương ", NULL};
	for (int i = 0; words[i]; i++) {
		size_t n = strlen(words[i]);
		if (strncmp(s, words[i], n))
			continue;
		const char *p = s + n;
		num->st = S_NONE;
		num->tok = p;
		size_t k = strspn(p, "IVXLCDM");
		int v;
		if (k && (!p[k] || strchr(" .:-", p[k])) && roman_ok(p, k, false, &v)) {
			num->st = S_ROMAN, num->v = v, num->toklen = k;
		} else if ((k = strspn(p, "0123456789")) && k < 4 &&
			   (!p[k] || strchr(" .:-", p[k]))) {
			num->st = S_ARABIC, num->v = 0, num->toklen = k;
			for (size_t j = 0; j < k; j++)
				num->v = num->v * 10 + (p[j] - '0');
		}
		return true;
	}
	return false;
}

void lint_muc(struct lint *L)
{
	const struct doc *d = L->in->doc;
	struct level stack[MAX_LEVELS];
	int depth = 0;
	struct hnum part = {.st = S_NONE};
	for (int i = 0; i < d->blocks.n; i++) {
		const struct block *b = &d->blocks.v[i];
		if (b->kind != BLK_HEADING || !b->text.n || b->text.v[0].note)
			continue;
		const char *s = b->text.v[0].text;
		while (*s == ' ')
			s++;
		struct hnum pn;
		if (part_start(s, &pn)) {
			depth = 0; /* sections restart in each part */
			if (pn.st != S_NONE && part.st == pn.st)
				check_step(L, b->line, &part, &pn);
			part = pn;
			continue;
		}
		if (b->style == PARA_PART)
			continue; /* a part's title */
		struct hnum h = parse_number(s, stack, depth);
		if (h.st == S_NONE)
			continue;
		int k = depth - 1;
		while (k >= 0 && !same_level(&stack[k], &h, b->level))
			k--;
		if (k >= 0) {
			const struct hnum *prev = &stack[k].n;
			bool restart = h.st == S_DOTTED &&
				       memcmp(prev->comp, h.comp,
					      sizeof(int) * (size_t)(h.ncomp - 1)) != 0;
			if (!restart)
				check_step(L, b->line, prev, &h);
			stack[k].n = h;
			depth = k + 1;
		} else if (depth < MAX_LEVELS) {
			stack[depth++] = (struct level){h, b->level};
		}
	}
}
