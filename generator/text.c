#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "bounds.h"
#include "buf.h"

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
 * text saved by Word is already precomposed. This check is conservative:
 * any combining mark, or a character outside Latin and Vietnamese blocks,
 * sends the text through utf8proc. */
static bool needs_nfc(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		int32_t cp = text_next(s, &i);
		if (cp < 0x300)
			continue;
		if (cp >= 0x1E00 && cp <= 0x1EFF)
			continue; /* Latin Extended Additional: NFC-stable */
		if (cp >= 0x2000 && cp <= 0x206F)
			continue; /* general punctuation */
		return true;
	}
	return false;
}

/* Normalise line by line: only lines that need it pay for utf8proc. */
char *text_nfc(struct arena *a, const char *s, size_t len, size_t *outlen)
{
	if (!needs_nfc(s, len)) {
		if (outlen)
			*outlen = len;
		return arena_strndup(a, s, len);
	}
	struct buf b = BUF_INIT;
	buf_grow(&b, len);
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) + 1 : len;
		utf8proc_uint8_t *dst = NULL;
		utf8proc_ssize_t n = -1;
		if (needs_nfc(s + i, e - i))
			n = utf8proc_map((const utf8proc_uint8_t *)s + i,
					 (utf8proc_ssize_t)(e - i), &dst,
					 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (n >= 0)
			buf_put(&b, dst, (size_t)n);
		else /* already NFC (or, impossibly, invalid): keep as is */
			buf_put(&b, s + i, e - i);
		free(dst);
		i = e;
	}
	char *r = arena_strndup(a, buf_cstr(&b), b.len);
	if (outlen)
		*outlen = b.len;
	buf_free(&b);
	return r;
}

bool text_prepare(struct arena *a, const char *file, int first_line, const char *raw,
		  size_t len, char **out, size_t *outlen)
{
	struct buf b = BUF_INIT;
	buf_grow(&b, len);
	size_t i = 0;
	int line = first_line;
	size_t line_start = 0; /* in raw */
	if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) {
		i = 3;
		line_start = 3;
	}
	const char *why = NULL;
	bool long_line = false; /* not an encoding problem: no byte to show */
	while (i < len) {
		unsigned char c = (unsigned char)raw[i];
		if (c == '\n' || c == '\r') {
			buf_putc(&b, '\n');
			i += (c == '\r' && i + 1 < len && raw[i + 1] == '\n') ? 2 : 1;
			line++;
			line_start = i;
			continue;
		}
		if (i - line_start > MAX_LINE_BYTES) {
			why = "line longer than 1 MB";
			long_line = true;
			break;
		}
		if (c < 0x80) {
			if (c < 0x20 && c != '\t') {
				why = c == 0 ? "NUL byte in text"
					     : "control character in text";
				break;
			}
			if (c == 0x7F) {
				why = "control character in text";
				break;
			}
			buf_putc(&b, (char)c);
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)raw + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n < 0) {
			why = "invalid UTF-8";
			break;
		}
		if (cp == 0xFEFF) {
			why = "byte order mark (U+FEFF) inside the text";
			break;
		}
		if ((cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029) {
			why = "control character in text";
			break;
		}
		buf_put(&b, raw + i, (size_t)n);
		i += (size_t)n;
	}
	if (why) {
		int col = text_column(raw + line_start, raw + i);
		if (long_line)
			diag_error((struct srcloc){file, line, col},
				   "%s; break it into shorter lines (a paragraph may "
				   "span many lines)",
				   why);
		else
			diag_error((struct srcloc){file, line, col},
				   "%s (byte 0x%02X); save the file as UTF-8", why,
				   (unsigned char)raw[i]);
		buf_free(&b);
		return false;
	}
	*out = text_nfc(a, buf_cstr(&b), b.len, outlen);
	buf_free(&b);
	return true;
}

char *text_upper(struct arena *a, const char *s)
{
	struct buf b = BUF_INIT;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		int32_t cp = text_next(s, &i);
		char tmp[4];
		int n = text_encode(utf8proc_toupper(cp), tmp);
		buf_put(&b, tmp, (size_t)n);
	}
	char *r = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return r;
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
