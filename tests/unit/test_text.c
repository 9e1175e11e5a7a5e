/* text: input checks with positions, and NFC done piece by piece must
 * equal utf8proc's NFC of the whole text. */
#include <stdlib.h>
#include <utf8proc.h>

#include "arena.h"
#include "bounds.h"
#include "text.h"
#include "unit.h"

static int same_as_utf8proc(struct arena *a, const char *s)
{
	utf8proc_uint8_t *want = utf8proc_NFC((const utf8proc_uint8_t *)s);
	size_t n;
	char *got = text_nfc(a, s, strlen(s), &n);
	int ok = want && strcmp(got, (char *)want) == 0 && n == strlen(got);
	if (!ok)
		printf("#   in:   \"%s\"\n#   got:  \"%s\"\n#   want: \"%s\"\n", s, got,
		       want ? (char *)want : "(null)");
	free(want);
	return ok;
}

/* Code points that exercise every path: ASCII, precomposed Vietnamese,
 * combining marks (Vietnamese tone marks, stacked), a singleton (Ångström
 * sign), Hangul jamo that compose, a starter that composes with nothing
 * before it, CJK, an emoji. */
static const int32_t pool[] = {
    'a',    'e',    'o',    'u',     ' ',    '\n',   '.',    0xE2,   0xEA,
    0xF4,   0x1A1,  0x1B0,  0x111,   0x1EA1, 0x1EC7, 0x1EE3, 0x300,  0x301,
    0x303,  0x309,  0x323,  0x302,   0x306,  0x31B,  0x212B, 0x1100, 0x1161,
    0x11A8, 0xAC00, 0x4E00, 0x1F600, 0x2013, 0x0345, 0x3B1,  0x3099, 0x304B,
};

/* Every code point text_nfc's shortcut treats as stable (text_nfc_stable)
 * against utf8proc: NFC leaves it alone, it is a starter, and it is no
 * part after the first of any canonical composition (so nothing before it
 * composes with it); and text_nfc of it alone, after a base letter and
 * before a combining mark equals utf8proc_NFC. Returns the failures. */
static int check_stable_set(struct arena *a, int *nstable)
{
	/* code points that compose onto something before them: every part
	 * but the first of a decomposition that NFC composes back */
	static unsigned char later[0x110000];
	for (int32_t x = 0; x < 0x110000; x++) {
		if (x >= 0xD800 && x <= 0xDFFF)
			continue;
		utf8proc_int32_t d[8];
		int bound = 0;
		utf8proc_ssize_t n = utf8proc_decompose_char(x, d, 8, UTF8PROC_DECOMPOSE, &bound);
		if (n < 2 || n > 8)
			continue;
		char s[64], xs[8];
		size_t k = 0;
		for (int i = 0; i < n; i++)
			k += (size_t)text_encode(d[i], s + k);
		s[k] = 0;
		xs[text_encode(x, xs)] = 0;
		utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)s);
		if (nfc && strcmp((char *)nfc, xs) == 0)
			for (int i = 1; i < n; i++)
				later[d[i]] = 1;
		free(nfc);
	}
	int bad = 0;
	*nstable = 0;
	for (int32_t cp = 0; cp < 0x110000; cp++) {
		if ((cp >= 0xD800 && cp <= 0xDFFF) || !text_nfc_stable(cp))
			continue;
		++*nstable;
		char c[8], s[32];
		c[text_encode(cp, c)] = 0;
		utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)c);
		bool ok = nfc && strcmp((char *)nfc, c) == 0 &&
			  utf8proc_get_property(cp)->combining_class == 0 && !later[cp];
		free(nfc);
		/* in text: after a letter with a mark, before a mark */
		snprintf(s, sizeof s, "%s", c);
		ok = ok && same_as_utf8proc(a, s);
		snprintf(s, sizeof s, "a\xcc\x81%s", c);
		ok = ok && same_as_utf8proc(a, s);
		snprintf(s, sizeof s, "%s\xcc\x81\xcc\xa3x", c);
		ok = ok && same_as_utf8proc(a, s);
		if (!ok) {
			printf("#   U+%04X is taken as NFC-stable but is not\n", (unsigned)cp);
			bad++;
		}
		arena_reset(a);
	}
	return bad;
}

int main(void)
{
	struct arena a;
	arena_init(&a);
	const char *fixed[] = {
	    "",
	    "plain ASCII line\nand another\n",
	    "Đã sẵn sàng: báo cáo năm 2024", /* NFC already */
	    "Vie\xcc\xa3\xcc\x82t Nam", /* e + dot below + circumflex */
	    "Vie\xcc\x82\xcc\xa3t", /* same marks, other order */
	    "nghi\xcc\xaa\xcc\x80n", /* mark with no composition */
	    "\xcc\x81 starts with a mark", /* no starter before it */
	    "x\xe2\x84\xab y", /* U+212B becomes U+00C5 */
	    "\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8 jamo", /* Hangul L V T -> one syllable
							  */
	    "a\xcc\x80\xcc\x80\xcc\x80\xcc\x80 b", /* a run of marks */
	};
	for (size_t k = 0; k < sizeof fixed / sizeof *fixed; k++)
		CHECK(same_as_utf8proc(&a, fixed[k]), "NFC of fixed case %zu", k);

	/* 3000 random strings from the pool: the piecewise NFC and the
	 * whole-text NFC agree on every one. */
	unsigned seed = 12345;
	int bad = 0;
	for (int t = 0; t < 3000; t++) {
		char s[256];
		size_t n = 0;
		int len = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 20;
		for (int k = 0; k < len; k++) {
			seed = seed * 1103515245 + 12345;
			int32_t cp = pool[(seed >> 16) % (sizeof pool / sizeof *pool)];
			n += (size_t)text_encode(cp, s + n);
		}
		s[n] = 0;
		bad += !same_as_utf8proc(&a, s);
		arena_reset(&a);
	}
	CHECK(bad == 0,
	      "piecewise NFC equals utf8proc NFC on 3000 random strings (%d differ)",
	      bad);

	int nstable, unstable = check_stable_set(&a, &nstable);
	CHECK(unstable == 0 && nstable > 1000,
	      "every code point of text_nfc's shortcut (%d) is NFC-stable, a starter "
	      "and composes with nothing before it, per utf8proc (%d are not)",
	      nstable, unstable);
	CHECK_STR(text_nfc(&a, "a\xe2\x80\x80" "b\xe2\x80\x81", 8, NULL),
		  "a\xe2\x80\x82" "b\xe2\x80\x83",
		  "U+2000 and U+2001 become U+2002 and U+2003 (NFC singletons)");

	/* text_prepare: CR and CRLF become LF, the BOM goes, errors point at
	 * the line and column. */
	char *out;
	size_t n;
	CHECK(text_prepare(&a, "f", 1,
			   "\xEF\xBB\xBF"
			   "a\r\nb\rc\n",
			   10, &out, &n) &&
		  strcmp(out, "a\nb\nc\n") == 0 && n == 6,
	      "BOM dropped, CRLF and CR become LF");
	CHECK(text_prepare(&a, "f", 1, "e\xcc\x81\ttab", 7, &out, &n) &&
		  strcmp(out, "\xc3\xa9\ttab") == 0,
	      "decomposed input comes out precomposed; tab kept");
	fprintf(stderr, "# the next three errors are expected:\n");
	CHECK(!text_prepare(&a, "f", 1, "ab\ncd\x01", 6, &out, &n),
	      "control byte refused");
	CHECK(!text_prepare(&a, "f", 1, "ab\xff", 3, &out, &n), "invalid UTF-8 refused");
	size_t big = MAX_LINE_BYTES + 10;
	char *line = malloc(big);
	memset(line, 'x', big);
	CHECK(!text_prepare(&a, "f", 1, line, big, &out, &n),
	      "a last line over the limit is refused even without a newline");
	free(line);
	arena_free(&a);
	UNIT_DONE();
}
