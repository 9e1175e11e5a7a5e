/* textenc: see textenc.h. Windows-1258 is accepted only when the bytes
 * read as Vietnamese in it: every byte above 0x7F a Vietnamese letter, tone
 * mark or common punctuation mark, at least one that only Vietnamese uses
 * (a tone mark, ă đ ơ ư), every combining tone mark (0xCC 0xEC 0xDE 0xD2
 * 0xF2) right after a letter, and no well-formed UTF-8 sequence anywhere (a UTF-8 file with one damaged byte
 * is reported as such, at that byte). TCVN3 (ABC) and VNI are not
 * guessed: their bytes are also valid Windows-1258 letters, so no byte
 * pattern tells them apart reliably. */
#include "textenc.h"

#include <string.h>

#include "buf.h"
#include "text.h"

static const unsigned short cp1258[128] = {
    0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0000,
    0x2039, 0x0152, 0x0000, 0x0000, 0x0000, 0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0000, 0x203A, 0x0153, 0x0000, 0x0000, 0x0178, 0x00A0,
    0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB,
    0x00AC, 0x00AD, 0x00AE, 0x00AF, 0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6,
    0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, 0x00C0, 0x00C1,
    0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300,
    0x00CD, 0x00CE, 0x00CF, 0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7,
    0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF, 0x00E0, 0x00E1, 0x00E2,
    0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED,
    0x00EE, 0x00EF, 0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7, 0x00F8,
    0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF};

static bool is_mark(unsigned cp)
{
	return cp == 0x300 || cp == 0x301 || cp == 0x303 || cp == 0x309 || cp == 0x323;
}

static bool is_letter(unsigned cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

/* Any well-formed multi-byte UTF-8 sequence? */
static bool has_utf8_sequence(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (s[i] < 0xC2 || s[i] > 0xF4)
			continue;
		size_t k = s[i] < 0xE0 ? 2 : s[i] < 0xF0 ? 3 : 4;
		if (i + k > n)
			continue;
		size_t j = 1;
		while (j < k && (s[i + j] & 0xC0) == 0x80)
			j++;
		if (j == k)
			return true;
	}
	return false;
}

static bool valid_utf8(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t k = c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3
						   : c >= 0xF0 && c < 0xF5 ? 4 : 0;
		if (!k || i + k > n)
			return false;
		for (size_t j = 1; j < k; j++)
			if (((unsigned char)s[i + j] & 0xC0) != 0x80)
				return false;
		i += k;
	}
	return true;
}

/* The bytes above 0x7F a Vietnamese Windows-1258 file holds: the letters
 * of Vietnamese (with the tone marks apart or, for a few, composed), the
 * tone marks, and common punctuation. */
static bool vietnamese_byte(unsigned char c)
{
	static const char ok[] = "\x80\x85\x89\x91\x92\x93\x94\x95\x96\x97\xA0\xA7\xA9"
				 "\xAB\xAE\xB0\xB1\xB2\xB3\xB7\xB9\xBB\xBC\xBD\xBE\xD7\xFE"
				 "\xC0\xC1\xC2\xC3\xC8\xC9\xCA\xCC\xCD\xD0\xD2\xD3\xD4"
				 "\xD5\xD9\xDA\xDD\xDE"
				 "\xE0\xE1\xE2\xE3\xE8\xE9\xEA\xEC\xED\xF0\xF2\xF3\xF4"
				 "\xF5\xF9\xFA\xFD";
	return memchr(ok, c, sizeof ok - 1) != NULL;
}

/* Only Vietnamese has these in Windows-1258: a tone mark, ă đ ơ ư. */
static bool vietnamese_only(unsigned char c)
{
	return c == 0xCC || c == 0xEC || c == 0xDE || c == 0xD2 || c == 0xF2 || c == 0xC3 ||
	       c == 0xE3 || c == 0xD0 || c == 0xF0 || c == 0xD5 || c == 0xF5 || c == 0xDD ||
	       c == 0xFD;
}

static bool decode_cp1258(struct arena *a, const unsigned char *s, size_t n, char **out,
			  size_t *outlen)
{
	bool viet = false;
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 0x80) {
			if (!vietnamese_byte(s[i]))
				return false;
			viet |= vietnamese_only(s[i]);
		}
	if (!viet)
		return false;
	struct buf b = BUF_INIT;
	buf_grow(&b, n + n / 2);
	unsigned prev = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned cp = s[i] < 0x80 ? s[i] : cp1258[s[i] - 0x80];
		if (!cp || (is_mark(cp) && !is_letter(prev))) {
			buf_free(&b);
			return false;
		}
		char enc[4];
		buf_put(&b, enc, (size_t)text_encode((int32_t)cp, enc));
		prev = cp;
	}
	*out = arena_strndup(a, buf_cstr(&b), b.len);
	*outlen = b.len;
	buf_free(&b);
	return true;
}

static enum textenc decode_utf16(struct arena *a, const unsigned char *s, size_t n, bool le,
				 char **out, size_t *outlen, long *bad)
{
	struct buf b = BUF_INIT;
	buf_grow(&b, n);
	size_t i = 2; /* after the BOM */
	for (; i + 1 < n; i += 2) {
		unsigned u = le ? s[i] | s[i + 1] << 8 : s[i] << 8 | s[i + 1];
		unsigned cp = u;
		if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
			unsigned w = le ? s[i + 2] | s[i + 3] << 8 : s[i + 2] << 8 | s[i + 3];
			if (w >= 0xDC00 && w < 0xE000) {
				cp = 0x10000 + ((u - 0xD800) << 10) + (w - 0xDC00);
				i += 2;
			}
		}
		if (cp >= 0xD800 && cp < 0xE000) {
			*bad = (long)i;
			break;
		}
		char enc[4];
		buf_put(&b, enc, (size_t)text_encode((int32_t)cp, enc));
	}
	if (*bad < 0 && i < n)
		*bad = (long)i; /* an odd byte at the end */
	if (*bad < 0) {
		*out = arena_strndup(a, buf_cstr(&b), b.len);
		*outlen = b.len;
	}
	buf_free(&b);
	return le ? TEXTENC_UTF16LE : TEXTENC_UTF16BE;
}

enum textenc textenc_decode(struct arena *a, const char *raw, size_t len, char **out,
			    size_t *outlen, long *bad)
{
	const unsigned char *s = (const unsigned char *)raw;
	*bad = -1;
	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		return decode_utf16(a, s, len, s[0] == 0xFF, out, outlen, bad);
	if (valid_utf8(raw, len) || has_utf8_sequence(s, len))
		return TEXTENC_UTF8;
	if (decode_cp1258(a, s, len, out, outlen))
		return TEXTENC_CP1258;
	return TEXTENC_UTF8;
}

const char *textenc_name(enum textenc e)
{
	switch (e) {
	case TEXTENC_CP1258: return "Windows-1258";
	case TEXTENC_UTF16LE:
	case TEXTENC_UTF16BE: return "UTF-16";
	default: return "UTF-8";
	}
}
