/* pdfhack: every use of libharu's private structs and functions, in one
 * place, for the one version they were written against (2.3.0, Debian 12;
 * pdfhack.c refuses to compile with any other). Each function works around
 * a bug or a cost of that version (shared/notes/libraries.md §1);
 * pdfhack_selftest checks that the library still behaves as they assume.
 * Owns: libharu's internals. Must not: decide what a page shows (render
 * does), or be bypassed: other files see libharu's handles as opaque
 * pointers (HPDF_SHARED, set below) and call only its public API. */
#ifndef BAOCAO_PDFHACK_H
#define BAOCAO_PDFHACK_H

#ifndef PDFHACK_OWNER
#define HPDF_SHARED /* libharu's public API only: handles are void pointers */
#endif
#include <hpdf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* The code points one face draws: cid[cp] is the CID of code point cp
 * (1, 2, ... in code point order; 0 when cp is not drawn), for
 * 0 <= cp <= max; ncid CIDs in all. */
struct pdfhack_cids {
	const uint16_t *cid;
	int max;
	int ncid;
};

/* Mark the document PDF 1.4 (libharu writes 1.3 unless a feature needs
 * more; the decree asks for 1.4 or later). */
void pdfhack_set_pdf14(HPDF_Doc pdf);

/* HPDF_LoadTTFontFromFile (embedded), but from bytes already in memory
 * (its file reader costs an fread per glyph when saving), with the face's
 * italic angle (libharu leaves 0). The font's name, or NULL on failure. */
const char *pdfhack_load_font(HPDF_Doc pdf, const unsigned char *data, size_t len,
			      int italic_angle);

/* HPDF_GetFont(pdf, name, "UTF-8") for a face drawing just the code points
 * of c: its /W array and CIDToGIDMap list only those (libharu would look up
 * all 65.536), and its ToUnicode CMap is a valid one (libharu writes an
 * invalid "begincidrange"). NULL on failure. */
HPDF_Font pdfhack_utf8_font(HPDF_Doc pdf, const char *name, const struct pdfhack_cids *c);

/* The name under which page refers to font ("F1"), registering it in the
 * page's resources. */
const char *pdfhack_font_name(HPDF_Page page, HPDF_Font font);
/* The same for an image: its name in the page's XObject resources (added
 * there on first use). */
const char *pdfhack_image_name(HPDF_Page page, HPDF_Image image);
/* An image XObject from a PNG's zlib data as it is (the IDAT chunks of an
 * 8-bit, non-interlaced gray or RGB PNG: colors 1 or 3), read by the
 * viewer with /FlateDecode and the PNG predictors: libharu's PNG loader
 * would decode every row and deflate it again. NULL on failure. */
HPDF_Image pdfhack_png_image(HPDF_Doc pdf, const void *zdata, size_t len, int width,
			     int height, int colors);

/* Make page's content stream the len bytes at data, already deflated when
 * deflated is true (libharu would copy them byte by byte, and would deflate
 * them again). data must stay until the document is saved or freed.
 * false when out of memory (the document's error handler is called too). */
bool pdfhack_set_content(HPDF_Page page, const void *data, size_t len, bool deflated);

/* [page /XYZ 0 top null]: a destination keeping the reader's zoom
 * (HPDF_Destination_SetXYZ rejects a null zoom). */
HPDF_Destination pdfhack_dest_xyz(HPDF_Page page, float top);

/* Save the document, appending its bytes to out (libharu's memory stream
 * copies every byte twice more, one at a time). */
void pdfhack_save(HPDF_Doc pdf, struct buf *out);

/* err, from the error handler while saving, is 2.3.0's memory stream
 * failing to seek to its very end: it does so when an embedded font's
 * subset is a multiple of 4 KB long (render embeds a glyph more and tries
 * again). */
bool pdfhack_is_font_seek_error(HPDF_STATUS err);

/* Checks that the libharu linked in is the tested one and still behaves as
 * the functions above assume, on a small document drawn with the TrueType
 * font in ttf[0..len). true if all holds; otherwise false with the first
 * failed check in why. */
bool pdfhack_selftest(const unsigned char *ttf, size_t len, char *why, size_t why_size);

#endif
