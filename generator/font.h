/* font: the four faces of the body font (regular, bold, italic, bold
 * italic) as metrics: per-code-point advance widths read from the TrueType
 * files, truncated to 1/1000 em exactly as libharu writes them into /W, so
 * layout measures what the viewer draws.
 * Owns: finding the font files and reading their cmap/hmtx/head tables.
 * Must not: draw, or depend on libharu (render loads the same files). */
#ifndef BAOCAO_FONT_H
#define BAOCAO_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum face_id { FACE_REGULAR, FACE_BOLD, FACE_ITALIC, FACE_BOLDITALIC, FACE_COUNT };

#define FACE_OF(bold, italic) ((enum face_id)(((bold) ? 1 : 0) | ((italic) ? 2 : 0)))

#define FONT_NO_GLYPH 0xFFFF

struct face {
	char *path; /* the TrueType file (malloc'd) */
	char *name; /* its file name, for messages */
	uint16_t *width; /* 65536 per-mille advances; FONT_NO_GLYPH if absent */
	unsigned char *data; /* the file's bytes, for embedding without rereading */
	size_t len;
	int italic_angle; /* degrees, from 'post' (0 upright, about -16 italic) */
};

struct fontset {
	char *dir;
	struct face face[FACE_COUNT];
};

/* Load the four faces from dir (LiberationSerif-*.ttf, times*.ttf or any
 * TrueType files whose OS/2 style bits tell the four apart). Reports with
 * diag (exit 3) and returns false when a face is missing or unreadable. */
bool font_load(struct fontset *fs, const char *dir);
void font_free(struct fontset *fs);

/* Read one face's metrics (face->width, malloc'd; italic_angle) and its
 * OS/2 style (*style, FACE_OF or -1) from a TrueType file's bytes; false
 * when they cannot be read. Every offset is bounds-checked (the font
 * fuzz target feeds it anything). */
bool font_parse_face(const unsigned char *data, size_t len, struct face *face,
		     int *style);

/* The fonts/ folder of this installation: beside the program's source tree
 * (build/baocao -> fonts/) or $(PREFIX)/share/baocao/fonts. NULL if none. */
char *font_default_dir(void);

static inline bool font_has(const struct face *f, int32_t cp)
{
	return cp >= 0 && cp < 0x10000 && f->width[cp] != FONT_NO_GLYPH;
}

/* Width in points of UTF-8 text s[0..n) at size pt (missing glyphs: 0). */
double font_width(const struct face *f, const char *s, size_t n, double size);

/* Per-mille advance of one code point (0 when missing). */
static inline int font_cp_width(const struct face *f, int32_t cp)
{
	if (cp < 0 || cp >= 0x10000 || f->width[cp] == FONT_NO_GLYPH)
		return 0;
	return f->width[cp];
}

#endif
