#include "diagtidy.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Length of a valid UTF-8 sequence at s (n bytes left) and its code
 * point, or 0 when the bytes are not UTF-8. */
static int utf8_at(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	int len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
	if (!len || (size_t)len > n || s[0] > 0xF4)
		return 0;
	uint32_t c = s[0] & (0x7F >> len);
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10FFFF)))
		return 0;
	*cp = c;
	return len;
}

/* Characters shown as \uXXXX: C1 controls, direction marks, embeddings,
 * overrides and isolates, line and paragraph separators. */
static bool invisible(uint32_t c)
{
	return (c >= 0x80 && c < 0xA0) || c == 0x061C || c == 0x200E || c == 0x200F ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x2028 || c == 0x2029 || c == 0xFEFF;
}

static void escape(struct buf *b)
{
	struct buf o = BUF_INIT;
	const unsigned char *s = (const unsigned char *)b->ptr;
	for (size_t i = 0; i < b->len;) {
		uint32_t c;
		int n = utf8_at(s + i, b->len - i, &c);
		if (n == 0) {
			buf_printf(&o, "\\x%02X", s[i]);
			i++;
			continue;
		}
		if (c == '\n' || c == '\r')
			buf_putc(&o, ' '); /* one message, one line */
		else if (c == '\t')
			buf_puts(&o, "\\t");
		else if (c < 0x20 || c == 0x7F)
			buf_printf(&o, "\\x%02X", (unsigned)c);
		else if (invisible(c))
			buf_printf(&o, "\\u%04X", (unsigned)c);
		else
			buf_put(&o, s + i, (size_t)n);
		i += (size_t)n;
	}
	buf_free(b);
	*b = o;
}

static size_t chars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

/* Byte offset of the k-th character of s[0..n) (n if fewer). */
static size_t char_offset(const char *s, size_t n, size_t k)
{
	size_t i = 0;
	for (; i < n && k; k--) {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

/* Replace b[from..to) by its first keep characters and '…'. */
static void shorten(struct buf *b, size_t from, size_t to, size_t keep)
{
	size_t cut = from + char_offset(b->ptr + from, to - from, keep);
	struct buf o = BUF_INIT;
	buf_put(&o, b->ptr, cut);
	buf_puts(&o, "…");
	buf_put(&o, b->ptr + to, b->len - to);
	buf_free(b);
	*b = o;
}

/* Shorten b to at most max characters by cutting its middle. */
static void cut_middle(struct buf *b, size_t max)
{
	size_t total = chars(b->ptr, b->len);
	if (total <= max || max < 2)
		return;
	size_t head = (max - 1) / 2, tail = max - 1 - head;
	shorten(b, char_offset(b->ptr, b->len, head),
		char_offset(b->ptr, b->len, total - tail), 0);
}

static void cap_length(struct buf *b, size_t limit)
{
	/* first the longest quoted values ('...'), down to 40 characters */
	for (int round = 0; round < 16; round++) {
		size_t total = chars(b->ptr, b->len);
		if (total <= limit)
			return;
		size_t best_from = 0, best_to = 0, best_n = 0;
		const char *p = b->ptr, *e = b->ptr + b->len;
		while (p < e) {
			const char *q = memchr(p, '\'', (size_t)(e - p));
			if (!q)
				break;
			const char *r = memchr(q + 1, '\'', (size_t)(e - q - 1));
			if (!r)
				break;
			size_t n = chars(q + 1, (size_t)(r - q - 1));
			if (n > best_n) {
				best_n = n;
				best_from = (size_t)(q + 1 - b->ptr);
				best_to = (size_t)(r - b->ptr);
			}
			p = r + 1;
		}
		if (best_n <= 40)
			break;
		size_t excess = total - limit + 1; /* + the '…' */
		size_t keep = best_n > excess + 40 ? best_n - excess : 40;
		shorten(b, best_from, best_to, keep);
	}
	/* then the middle of the message: its start and the end (the
	 * hint) stay */
	cut_middle(b, limit);
}

void diagtidy_line(struct buf *b, size_t prefix)
{
	/* the place ("FILE:LINE:COL: error: ") and the message are tidied
	 * apart: a cut never takes the place's LINE:COL and kind away */
	struct buf msg = BUF_INIT;
	if (prefix > b->len)
		prefix = b->len;
	buf_put(&msg, b->ptr + prefix, b->len - prefix);
	buf_truncate(b, prefix);
	escape(b);
	escape(&msg);
	/* a long file name: its middle goes, its end and the
	 * ":LINE:COL: kind: " part stay */
	size_t pc = chars(b->ptr, b->len);
	if (pc > DIAG_MAX_CHARS / 2) {
		const char *colon = NULL; /* the ':' before the last number */
		for (const char *q = b->ptr + b->len - 1; q > b->ptr && !colon; q--)
			if (q[-1] == ':' && q[0] >= '0' && q[0] <= '9')
				colon = q - 1;
		size_t keep = colon ? (size_t)(colon - b->ptr) : b->len;
		size_t rest = pc - chars(b->ptr, keep);
		if (rest > DIAG_MAX_CHARS / 4) {
			cut_middle(b, DIAG_MAX_CHARS / 2);
		} else {
			struct buf name = BUF_INIT;
			buf_put(&name, b->ptr, keep);
			cut_middle(&name, DIAG_MAX_CHARS / 2 - rest);
			buf_put(&name, b->ptr + keep, b->len - keep);
			buf_free(b);
			*b = name;
		}
		pc = chars(b->ptr, b->len);
	}
	size_t room = DIAG_MAX_CHARS > pc ? DIAG_MAX_CHARS - pc : 0;
	cap_length(&msg, room);
	buf_put(b, msg.ptr, msg.len);
	buf_free(&msg);
}

/* ---- repeats: a small open-addressing set of message kinds ---- */

struct kind {
	char *key;
	int count;
};
static struct kind *kinds;
static size_t nkinds, capkinds;

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static struct kind *slot(struct kind *tab, size_t cap, const char *key)
{
	size_t i = (size_t)hash(key) & (cap - 1);
	while (tab[i].key && strcmp(tab[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &tab[i];
}

int diagtidy_repeats(const char *text)
{
	/* the kind: the text with every run of digits as '#' */
	struct buf k = BUF_INIT;
	for (const char *p = text; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			while (p[1] >= '0' && p[1] <= '9')
				p++;
			buf_putc(&k, '#');
		} else {
			buf_putc(&k, *p);
		}
	}
	if (2 * (nkinds + 1) > capkinds) {
		size_t cap = capkinds ? 2 * capkinds : 64;
		struct kind *t = calloc(cap, sizeof *t);
		if (!t) {
			buf_free(&k);
			return 0;
		}
		for (size_t i = 0; i < capkinds; i++)
			if (kinds[i].key)
				*slot(t, cap, kinds[i].key) = kinds[i];
		free(kinds);
		kinds = t;
		capkinds = cap;
	}
	struct kind *s = slot(kinds, capkinds, buf_cstr(&k));
	if (!s->key) {
		s->key = strdup(buf_cstr(&k));
		nkinds++;
	}
	buf_free(&k);
	return s->key ? s->count++ : 0;
}

void diagtidy_reset(void)
{
	for (size_t i = 0; i < capkinds; i++)
		free(kinds[i].key);
	free(kinds);
	kinds = NULL;
	nkinds = capkinds = 0;
}
