/* text: UTF-8 as baocao reads it. Validation with positions, NFC
 * normalisation (utf8proc), decoding, Vietnamese-aware case mapping and
 * the plain names of CSV columns.
 * Owns: the rule that every input is valid UTF-8, NFC, LF-terminated.
 * Must not: know about fonts, Markdown or PDF. */
#ifndef BAOCAO_TEXT_H
#define BAOCAO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"

/* Check raw file bytes and return them as NFC UTF-8 with LF line ends and
 * no BOM (NUL-terminated, in the arena). Reports the first problem as
 * FILE:LINE:COL (first_line is the file line of raw[0]) and returns false.
 * Rejects invalid UTF-8, NUL and other control characters, a BOM after the
 * start. CRLF and lone CR become LF. */
bool text_prepare(struct arena *a, const char *file, int first_line, const char *raw,
		  size_t len, char **out, size_t *outlen);

/* NFC of valid UTF-8 (no checks); in the arena. */
char *text_nfc(struct arena *a, const char *s, size_t len, size_t *outlen);

/* The shortcut text_nfc takes: cp is a starter that NFC leaves as it is
 * and that composes with nothing before it, so the text splits there into
 * pieces that normalise alone (exported for tests/unit/test_text.c, which
 * checks every such code point against utf8proc). */
bool text_nfc_stable(int32_t cp);

/* Decode the code point at s[*i] (valid UTF-8) and advance *i. */
static inline int32_t text_next(const char *s, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	if (p[0] < 0x80) {
		*i += 1;
		return p[0];
	}
	if (p[0] < 0xE0) {
		*i += 2;
		return ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	}
	if (p[0] < 0xF0) {
		*i += 3;
		return ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	}
	*i += 4;
	return ((p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) |
	       (p[3] & 0x3F);
}

/* Encode cp into out (at least 4 bytes); returns the byte count. */
int text_encode(int32_t cp, char *out);

/* 1-based column, in characters, of pos within the line starting at
 * line_start. */
int text_column(const char *line_start, const char *pos);

/* Column (1-based, in characters) of the first needle in line `line` of
 * s, or 0 when that line does not hold it. */
int text_find_column(const char *s, size_t len, int line, const char *needle);

/* Line and column of byte offset off in s (both 1-based). */
void text_position(const char *s, size_t off, int *line, int *col);

/* Vietnamese-aware upper case ("tỉnh Lai Châu" -> "TỈNH LAI CHÂU"). */
char *text_upper(struct arena *a, const char *s);
/* Upper case, lower case, or the first letter upper case (text before it,
 * such as a quote or a digit, is kept). */
enum text_case_mode { TEXT_UPPER, TEXT_LOWER, TEXT_FIRST_UPPER };
char *text_case(struct arena *a, const char *s, enum text_case_mode mode);

/* Plain name of a CSV header: diacritics removed, đ -> d, lower case,
 * every run of other characters -> '_', no leading/trailing '_'
 * ("Vốn đầu tư (triệu đồng)" -> "von_dau_tu_trieu_dong"). */
char *text_plain_name(struct arena *a, const char *s);

/* Number of code points. */
size_t text_length(const char *s, size_t len);

#endif
