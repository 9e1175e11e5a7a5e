#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "bounds.h"
#include "buf.h"
#include "i18n.h"

int text_encode(int32_t cp, char *out)
{
	return (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

int text_column(const char *line_start, const char *pos)
{
	int col = 1;
	for (const unsigned char *p = (const unsigned char *)line_start;
	     p < (const unsigned char *)pos; p++)
		if ((*p & 0xC0) != 0x80)
			col++;
	return col;
}

int text_find_column(const char *s, size_t len, int line, const char *needle)
{
	if (!s || line < 1 || !*needle)
		return 0;
	const char *p = s, *end = s + len;
	for (int l = 1; l < line && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return 0;
		p = nl + 1;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *e = nl ? nl : end;
	size_t n = strlen(needle);
	for (const char *q = p; q + n <= e; q++)
		if (memcmp(q, needle, n) == 0)
			return text_column(p, q);
	return 0;
}

void text_position(const char *s, size_t off, int *line, int *col)
{
	int ln = 1;
	size_t ls = 0;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n') {
			ln++;
			ls = i + 1;
		}
	*line = ln;
	*col = text_column(s + ls, s + off);
}

size_t text_length(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* Only code points that NFC can change need utf8proc; most Vietnamese
 * text saved by Word is already precomposed. Conservative: every code
 * point that is not ASCII, below U+0300 (Latin-1, Latin Extended-A/B,
 * IPA), Latin Extended Additional or general punctuation counts. Each of
 * those safe ones is a starter that composes with nothing before it, so
 * NFC never changes across it: the text splits there into pieces that
 * normalise independently. General punctuation starts at U+2002: U+2000
 * and U+2001 (en and em quad) are NFC singletons for U+2002 and U+2003;
 * tests/unit/test_text.c checks the whole set against utf8proc. */
bool text_nfc_stable(int32_t cp)
{
	return cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) ||
	       (cp >= 0x2002 && cp <= 0x206F);
}

static bool nfc_safe(int32_t cp)
{
	return text_nfc_stable(cp);
}

static bool needs_nfc(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if (!nfc_safe(text_next(s, &i)))
			return true;
	}
	return false;
}

/* Normalise piece by piece: only the stretch from the safe starter before
 * an unsafe code point to the next safe one pays for utf8proc (a partly
 * decomposed file normalises in a few microseconds a line). */
char *text_nfc(struct arena *a, const char *s, size_t len, size_t *outlen)
{
	if (!needs_nfc(s, len)) {
		if (outlen)
			*outlen = len;
		return arena_strndup(a, s, len);
	}
	struct buf b = BUF_INIT;
	buf_grow(&b, len);
	size_t done = 0; /* s[0..done) is in b */
	size_t starter = 0; /* start of the last safe code point */
	for (size_t i = 0; i < len;) {
		size_t at = i;
		if (nfc_safe(text_next(s, &i))) {
			starter = at;
			continue;
		}
		/* [starter, e): the unsafe stretch with the starter before it */
		size_t e = i;
		while (e < len) {
			size_t k = e;
			if (nfc_safe(text_next(s, &k)))
				break;
			e = k;
		}
		buf_put(&b, s + done, starter - done);
		utf8proc_uint8_t *dst = NULL;
		utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s + starter,
						  (utf8proc_ssize_t)(e - starter), &dst,
						  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (n >= 0)
			buf_put(&b, dst, (size_t)n);
		else /* impossible for valid UTF-8: keep as is */
			buf_put(&b, s + starter, e - starter);
		free(dst);
		done = starter = i = e;
	}
	buf_put(&b, s + done, len - done);
	char *r = arena_strndup(a, buf_cstr(&b), b.len);
	if (outlen)
		*outlen = b.len;
	buf_free(&b);
	return r;
}

/* The first character that starts more than MAX_LINE_BYTES into the line
 * (raw before it is valid UTF-8). */
static size_t past_line_limit(const char *raw, size_t len, size_t line_start)
{
	size_t p = line_start + MAX_LINE_BYTES + 1;
	while (p < len && ((unsigned char)raw[p] & 0xC0) == 0x80)
		p++;
	return p;
}

bool text_prepare(struct arena *a, const char *file, int first_line, const char *raw,
		  size_t len, char **out, size_t *outlen)
{
	/* LF-only text without a BOM is copied as is: runs of good bytes are
	 * copied whole, and only CR changes anything. */
	struct buf b = BUF_INIT;
	buf_grow(&b, len);
	size_t i = 0;
	int line = first_line;
	size_t line_start = 0; /* in raw */
	if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) {
		i = 3;
		line_start = 3;
	}
	size_t run = i; /* raw[run..i) is checked and not yet copied */
	const char *why = NULL;
	bool long_line = false; /* not an encoding problem: no byte to show */
	int marks = 0; /* combining marks since the last starter */
	bool many_marks = false;
	for (;;) {
		/* printable ASCII: nothing to check but the line length, which
		 * is checked at the next byte that is not */
		size_t ascii = i;
		while (i < len && (unsigned char)raw[i] >= 0x20 &&
		       (unsigned char)raw[i] < 0x7F)
			i++;
		if (i > ascii)
			marks = 0; /* ASCII characters are all starters */
		if (i - line_start > MAX_LINE_BYTES) {
			i = past_line_limit(raw, len, line_start);
			why = _("line longer than 1 MB");
			long_line = true;
			break;
		}
		if (i >= len)
			break;
		unsigned char c = (unsigned char)raw[i];
		if (c == '\n' || c == '\t') {
			marks = 0;
			i++;
			if (c == '\n') {
				line++;
				line_start = i;
			}
			continue;
		}
		if (c == '\r') {
			marks = 0;
			buf_put(&b, raw + run, i - run);
			buf_putc(&b, '\n');
			i += (i + 1 < len && raw[i + 1] == '\n') ? 2 : 1;
			run = i;
			line++;
			line_start = i;
			continue;
		}
		if (c < 0x80) {
			why = c == 0 ? _("NUL byte in text")
				     : _("control character in text");
			break;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)raw + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n < 0) {
			why = _("invalid UTF-8");
			break;
		}
		if (cp == 0xFEFF) {
			why = _("byte order mark (U+FEFF) inside the text");
			break;
		}
		if ((cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029) {
			why = _("control character in text");
			break;
		}
		if (cp < 0x300 || utf8proc_get_property(cp)->combining_class == 0) {
			marks = 0;
		} else if (++marks > MAX_COMBINING_MARKS) {
			why = "more than 30 combining marks on one character";
			many_marks = true; /* no byte to show either */
			break;
		}
		i += (size_t)n;
	}
	if (why) {
		int col = text_column(raw + line_start, raw + i);
		if (many_marks)
			diag_error((struct srcloc){file, line, col},
				   "%s (Unicode's stream-safe limit); Vietnamese needs "
				   "at most two: save the text precomposed (NFC)",
				   why);
		else if (long_line)
			diag_error((struct srcloc){file, line, col},
				   "%s; break it into shorter lines (a paragraph may "
				   "span many lines)",
				   why);
		else /* a file, or an option such as --set */
			diag_error((struct srcloc){file, line, col},
				   "%s (byte 0x%02X); %s", why, (unsigned char)raw[i],
				   file[0] == '-' ? _("write the option in UTF-8")
						  : _("save the file as UTF-8"));
		buf_free(&b);
		return false;
	}
	buf_put(&b, raw + run, len - run);
	*out = text_nfc(a, buf_cstr(&b), b.len, outlen);
	buf_free(&b);
	return true;
}

/* Case mapping one code point at a time: utf8proc's simple mappings are
 * right for Vietnamese (every letter with its marks precomposed in NFC
 * has a precomposed partner, Đ/đ included), and the result stays NFC.
 * TEXT_FIRST_UPPER skips leading quotes and brackets, not digits. */
char *text_case(struct arena *a, const char *s, enum text_case_mode mode)
{
	struct buf b = BUF_INIT;
	size_t len = strlen(s);
	bool first = true;
	for (size_t i = 0; i < len;) {
		int32_t cp = text_next(s, &i);
		int32_t m = cp;
		if (mode == TEXT_UPPER)
			m = utf8proc_toupper(cp);
		else if (mode == TEXT_LOWER)
			m = utf8proc_tolower(cp);
		else if (first && utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU &&
			 utf8proc_category(cp) <= UTF8PROC_CATEGORY_LO)
			m = utf8proc_toupper(cp);
		if (utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU &&
		    utf8proc_category(cp) <= UTF8PROC_CATEGORY_NO)
			first = false; /* a letter or a digit starts the text */
		char tmp[4];
		int n = text_encode(m, tmp);
		buf_put(&b, tmp, (size_t)n);
	}
	char *r = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return r;
}

char *text_upper(struct arena *a, const char *s)
{
	return text_case(a, s, TEXT_UPPER);
}

char *text_plain_name(struct arena *a, const char *s)
{
	utf8proc_uint8_t *dec = NULL;
	utf8proc_ssize_t n =
	    utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s), &dec,
			 UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
			     UTF8PROC_CASEFOLD);
	struct buf b = BUF_INIT;
	if (n >= 0) {
		bool gap = false;
		for (size_t i = 0; i < (size_t)n;) {
			int32_t cp = text_next((const char *)dec, &i);
			if (cp == 0x111 || cp == 0x110)
				cp = 'd';
			if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
				if (gap && b.len)
					buf_putc(&b, '_');
				gap = false;
				buf_putc(&b, (char)cp);
			} else {
				gap = true;
			}
		}
	}
	free(dec);
	char *r = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return r;
}
