/* textenc: the two non-UTF-8 encodings Excel writes CSV files in, turned
 * into UTF-8 before the CSV is read: Windows-1258 (its plain "CSV" on
 * Vietnamese Windows: tone marks as separate combining bytes) and UTF-16
 * with a byte order mark (its "Unicode Text", tab-separated).
 * Owns: deciding whether bytes are one of these. Must not: normalise or
 * validate further (text_prepare does, on the result). */
#ifndef BAOCAO_TEXTENC_H
#define BAOCAO_TEXTENC_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

enum textenc { TEXTENC_UTF8, TEXTENC_CP1258, TEXTENC_UTF16LE, TEXTENC_UTF16BE };

/* Which encoding raw is in: UTF-8 (also when it fits nothing else, so
 * that text_prepare reports its first bad byte), or one of the others,
 * decoded into *out / *outlen (UTF-8, in the arena). An impossible UTF-16
 * file (odd length, a lone surrogate) is UTF-16 with *bad set to the
 * offending byte offset and no output. */
enum textenc textenc_decode(struct arena *a, const char *raw, size_t len, char **out,
			    size_t *outlen, long *bad);

/* "Windows-1258", "UTF-16". */
const char *textenc_name(enum textenc e);

#endif
