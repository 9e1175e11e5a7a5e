/* lint: the driver of the rules (lint_tong.c, lint_text.c, lint_muc.c),
 * the `bo-cuc` rule, and silencing.
 *
 * Silencing: an HTML comment `<!-- baocao: bo-qua tong so -->` (also
 * "bỏ qua"; no rule name: every rule) silences the rules it names
 *   - for its own line when it follows text on that line;
 *   - for the whole document when it stands before the first text of the
 *     body (only blank lines and comments above it);
 *   - otherwise for the next block: the lines from the comment to the next
 *     blank line after the first text below it (a table, a paragraph, a
 *     heading).
 * Lines are template lines, so a comment before a {{#each}} table covers
 * every row it produces. */
#include "lint.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "i18n.h"
#include "lint_int.h"
#include "text.h"

const char *const lint_rule_names[R_COUNT] = {"tong", "so",     "ngay",
					      "muc",  "bo-cuc", NULL};

/* ---- findings and the template's lines ---- */

void lint_add(struct lint *L, enum lint_rule r, int line, int col, const char *hint,
	      const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, _(fmt), ap);
	va_end(ap);
	struct finding f = {line > 0 ? line : 1, col,
			    r,		 arena_strdup(L->a, buf_cstr(&b)),
			    hint ? arena_strdup(L->a, _(hint)) : NULL,
			    L->nf};
	buf_free(&b);
	ARR_PUSH(L->a, L->f, L->nf, L->capf, f);
}

const char *lint_line(const struct lint *L, int line, size_t *len)
{
	if (line < 1 || line > L->nlines)
		return NULL;
	size_t s = L->off[line - 1];
	size_t e = line < L->nlines ? L->off[line] - 1 : L->src_len;
	if (e > s && L->src[e - 1] == '\r')
		e--;
	*len = e - s;
	return L->src + s;
}

int lint_col_of(const struct lint *L, int line, const char *text, size_t n)
{
	size_t len;
	const char *p = lint_line(L, line, &len);
	if (!p)
		return 1;
	for (size_t i = 0; n && i + n <= len; i++)
		if (memcmp(p + i, text, n) == 0 && !lint_alnum_before(p, p + i) &&
		    !lint_alnum_at(p + i + n))
			return text_column(p, p + i);
	for (size_t i = 0; i + 1 < len; i++)
		if (p[i] == '{' && p[i + 1] == '{')
			return text_column(p, p + i);
	return 1;
}

/* A letter or digit in any script: ASCII, or a multi-byte character that
 * is not punctuation we know (the Vietnamese letters are all multi-byte
 * or ASCII; dashes, quotes and spaces of U+2000-U+206F are not letters). */
static bool alnum_cp(int32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		       (c >= 'A' && c <= 'Z');
	if (c >= 0x2000 && c <= 0x206F) /* general punctuation */
		return false;
	if (c == 0xA0 || c == 0xAB || c == 0xBB || c == 0xB0 || c == 0xB2 ||
	    c == 0xB3 || c == 0xD7)
		return false;
	return true;
}

bool lint_alnum_at(const char *s)
{
	size_t i = 0;
	return *s && alnum_cp(text_next(s, &i));
}

bool lint_alnum_before(const char *start, const char *s)
{
	if (s <= start)
		return false;
	const char *p = s - 1;
	while (p > start && ((unsigned char)*p & 0xC0) == 0x80)
		p--;
	size_t i = 0;
	return alnum_cp(text_next(p, &i));
}

/* ---- silencing ---- */

struct scope {
	int from, to;
	unsigned mask;
};

struct silence {
	unsigned whole;
	struct scope *v;
	int n, cap;
};

static bool blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t')
			return false;
	return true;
}

/* A line holding only an HTML comment (or a template comment). */
static bool comment_only(const char *p, size_t n)
{
	while (n && (*p == ' ' || *p == '\t'))
		p++, n--;
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n >= 7 && !memcmp(p, "<!--", 4) && !memcmp(p + n - 3, "-->", 3))
		return true;
	return n >= 5 && !memcmp(p, "{{!", 3) && !memcmp(p + n - 2, "}}", 2);
}

static bool word_at(const char *p, const char *e, const char *w)
{
	size_t n = strlen(w);
	return (size_t)(e - p) >= n && !memcmp(p, w, n);
}

/* Parse "<!-- baocao: bo-qua RULES -->" in line (p, n): the rules' mask,
 * 0 when the line has no such comment. *inline_: text precedes it. */
static unsigned parse_silence(struct lint *L, int line, const char *p, size_t n,
			      bool *inline_)
{
	const char *e = p + n;
	const char *c = NULL;
	for (const char *q = p; q + 4 <= e; q++)
		if (!memcmp(q, "<!--", 4)) {
			c = q;
			break;
		}
	if (!c)
		return 0;
	const char *q = c + 4;
	while (q < e && *q == ' ')
		q++;
	if (!word_at(q, e, "baocao:"))
		return 0;
	q += strlen("baocao:");
	while (q < e && *q == ' ')
		q++;
	if (word_at(q, e, "bo-qua"))
		q += strlen("bo-qua");
	else if (word_at(q, e, "bỏ qua"))
		q += strlen("bỏ qua");
	else if (word_at(q, e, "bỏ-qua"))
		q += strlen("bỏ-qua");
	else
		return 0;
	*inline_ = !blank(p, (size_t)(c - p));
	unsigned mask = 0;
	bool any = false;
	while (q < e) {
		while (q < e && (*q == ' ' || *q == ','))
			q++;
		if (q + 3 <= e && !memcmp(q, "-->", 3))
			break;
		const char *w = q;
		while (q < e && *q != ' ' && *q != ',' && !(q + 3 <= e && !memcmp(q, "-->", 3)))
			q++;
		if (q == w)
			break;
		any = true;
		int r = 0;
		for (; r < R_NONE; r++)
			if (strlen(lint_rule_names[r]) == (size_t)(q - w) &&
			    !memcmp(lint_rule_names[r], w, (size_t)(q - w)))
				break;
		if (r < R_NONE)
			mask |= 1u << r;
		else
			lint_add(L, R_NONE, line, text_column(p, w), NULL,
				 "unknown rule '%.*s' in 'baocao: bo-qua'; the rules are "
				 "tong, so, ngay, muc, bo-cuc",
				 (int)(q - w), w);
	}
	if (!any)
		mask = (1u << R_NONE) - 1;
	return mask;
}

static bool has_comment(const char *p, size_t n)
{
	for (size_t i = 0; i + 4 <= n; i++)
		if (p[i] == '<' && !memcmp(p + i, "<!--", 4))
			return true;
	return false;
}

static void find_silences(struct lint *L, struct silence *S)
{
	bool content_seen = false;
	for (int ln = L->in->body_line; ln <= L->nlines; ln++) {
		size_t n;
		const char *p = lint_line(L, ln, &n);
		bool inl = false;
		unsigned mask = has_comment(p, n) ? parse_silence(L, ln, p, n, &inl) : 0;
		bool empty = blank(p, n) || comment_only(p, n);
		if (mask && !inl && !content_seen) {
			S->whole |= mask;
		} else if (mask && inl) {
			struct scope s = {ln, ln, mask};
			ARR_PUSH(L->a, S->v, S->n, S->cap, s);
		} else if (mask) {
			int k = ln + 1;
			size_t m;
			const char *q;
			while ((q = lint_line(L, k, &m)) && (blank(q, m) || comment_only(q, m)))
				k++;
			while ((q = lint_line(L, k, &m)) && !blank(q, m))
				k++;
			struct scope s = {ln, k - 1, mask};
			ARR_PUSH(L->a, S->v, S->n, S->cap, s);
		}
		if (!empty)
			content_seen = true;
	}
}

static bool silenced(const struct silence *S, const struct finding *f)
{
	if (f->rule == R_NONE)
		return false;
	unsigned bit = 1u << f->rule;
	if (S->whole & bit)
		return true;
	for (int i = 0; i < S->n; i++)
		if ((S->v[i].mask & bit) && f->line >= S->v[i].from && f->line <= S->v[i].to)
			return true;
	return false;
}

/* ---- bo-cuc: the parts an official report needs ---- */

static bool starts_with(const char *s, const char *w)
{
	return s && !strncmp(s, w, strlen(w));
}

static void lint_bo_cuc(struct lint *L)
{
	const struct doc *d = L->in->doc;
	const struct meta *m = &d->meta;
	const char *h = N_("add it to the front matter (see the template guide)");
	if (!m->co_quan.s || !*m->co_quan.s)
		lint_add(L, R_BO_CUC, 1, 1, h,
			 "no 'co_quan': the issuing agency is missing from the header");
	if (!m->ky_hieu.s && !m->so.s)
		lint_add(L, R_BO_CUC, 1, 1, h,
			 "no 'so'/'ky_hieu': the document has no 'Số:' line");
	if (!m->year)
		lint_add(L, R_BO_CUC, 1, 1, h,
			 "no 'ngay': the place-and-date line is missing");
	else if (!m->dia_danh.s || !*m->dia_danh.s)
		lint_add(L, R_BO_CUC, 1, 1, h,
			 "no 'dia_danh': the date line has no place name");
	if (!m->trich_yeu.s || !*m->trich_yeu.s)
		lint_add(L, R_BO_CUC, 1, 1, h,
			 "no 'trich_yeu': the report has no summary under its type name");
	if (!m->noi_nhan.n) {
		lint_add(L, R_BO_CUC, 1, 1, h,
			 "no 'noi_nhan': the recipient list is missing");
	} else {
		const struct mtext *last = &m->noi_nhan.v[m->noi_nhan.n - 1];
		if (last->s && !starts_with(last->s, "Lưu") && !starts_with(last->s, "LƯU"))
			lint_add(L, R_BO_CUC, last->line, 0,
				 N_("end the list with '- Lưu: VT, ...' (Decree 30)"),
				 "'noi_nhan' does not end with 'Lưu: VT'");
		bool nhu_tren = false;
		for (int i = 0; i < m->noi_nhan.n; i++)
			nhu_tren |= starts_with(m->noi_nhan.v[i].s, "Như trên");
		if (nhu_tren && !m->kinh_gui.n)
			lint_add(L, R_BO_CUC, m->noi_nhan.v[0].line, 0,
				 N_("add 'kinh_gui' with the recipients 'Như trên' stands for"),
				 "'noi_nhan' says 'Như trên' but there is no 'kinh_gui'");
	}
	if (!m->has_ky)
		lint_add(L, R_BO_CUC, 1, 1, h, "no 'ky': the signature block is missing");
	/* the body (before any appendix) ends with the end mark "./." */
	int end = d->blocks.n;
	for (int i = 0; i < end; i++)
		if (d->blocks.v[i].kind == BLK_APPENDIX)
			end = i;
	for (int i = end - 1; i >= 0; i--) {
		const struct block *b = &d->blocks.v[i];
		if (b->kind != BLK_PARA || !b->text.n)
			continue;
		const struct run *r = &b->text.v[b->text.n - 1];
		size_t n = r->len;
		while (n && r->text[n - 1] == ' ')
			n--;
		if (n < 3 || memcmp(r->text + n - 3, "./.", 3) != 0)
			lint_add(L, R_BO_CUC, r->line, 0,
				 N_("end the last paragraph with './.'"),
				 "the body does not end with the end mark './.'");
		break;
	}
}

/* ---- the memo of printed findings (batch) ---- */

struct lint_memo {
	uint64_t *h;
	size_t n, cap; /* cap: a power of two */
};

struct lint_memo *lint_memo_new(void)
{
	return calloc(1, sizeof(struct lint_memo));
}

void lint_memo_free(struct lint_memo *m)
{
	if (m)
		free(m->h);
	free(m);
}

/* Add a key; false when it was there already. */
static bool memo_add(struct lint_memo *m, uint64_t k)
{
	if (!k)
		k = 1;
	if (2 * (m->n + 1) > m->cap) {
		size_t nc = m->cap ? 2 * m->cap : 64;
		uint64_t *nh = calloc(nc, sizeof *nh);
		for (size_t i = 0; i < m->cap; i++)
			if (m->h[i])
				for (size_t j = m->h[i] & (nc - 1);; j = (j + 1) & (nc - 1))
					if (!nh[j]) {
						nh[j] = m->h[i];
						break;
					}
		free(m->h);
		m->h = nh;
		m->cap = nc;
	}
	for (size_t j = k & (m->cap - 1);; j = (j + 1) & (m->cap - 1)) {
		if (m->h[j] == k)
			return false;
		if (!m->h[j]) {
			m->h[j] = k;
			m->n++;
			return true;
		}
	}
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ ((const unsigned char *)p)[i]) * 1099511628211ULL;
	return h;
}

static int cmp_finding(const void *x, const void *y)
{
	const struct finding *a = x, *b = y;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq - b->seq;
}

void lint_run(struct arena *a, const struct lint_input *in, struct lint_memo *memo)
{
	struct lint L = {.a = a, .in = in, .file = in->doc->file};
	L.src = in->doc->src ? in->doc->src : "";
	L.src_len = in->doc->src ? in->doc->src_len : 0;
	int cap = 0;
	size_t zero = 0;
	ARR_PUSH(a, L.off, L.nlines, cap, zero);
	for (const char *q = L.src; (q = memchr(q, '\n', (size_t)(L.src + L.src_len - q)));) {
		size_t o = (size_t)(++q - L.src);
		ARR_PUSH(a, L.off, L.nlines, cap, o);
	}
	struct silence S = {0};
	find_silences(&L, &S);
	lint_bo_cuc(&L);
	lint_muc(&L);
	lint_tong(&L);
	lint_text(&L);
	if (L.nf)
		qsort(L.f, (size_t)L.nf, sizeof *L.f, cmp_finding);
	for (int i = 0; i < L.nf; i++) {
		const struct finding *f = &L.f[i];
		if (silenced(&S, f))
			continue;
		const char *rn = lint_rule_names[f->rule];
		if (memo) {
			uint64_t h = 14695981039346656037ULL;
			h = fnv(h, &f->line, sizeof f->line);
			h = fnv(h, &f->col, sizeof f->col);
			h = fnv(h, &f->rule, sizeof f->rule);
			h = fnv(h, f->msg, strlen(f->msg));
			if (!memo_add(memo, h))
				continue;
		}
		diag_finding((struct srcloc){L.file, f->line, f->col > 0 ? f->col : 1}, rn,
			     f->hint, "%s", f->msg);
	}
}
