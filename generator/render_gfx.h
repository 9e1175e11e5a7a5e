/* render_gfx: images and chart shapes for render.c (not used elsewhere).
 * Owns: embedding the report's images, drawing OP_IMAGE and OP_SHAPE ops
 * into a page's content stream. Must not: decide positions or sizes. */
#ifndef BAOCAO_RENDER_GFX_H
#define BAOCAO_RENDER_GFX_H

#include "buf.h"
#include "image.h"
#include "layout.h"
#include "pdfhack.h" /* libharu, handles opaque */

/* Every image of the set, embedded once (index = image id); NULL when
 * there are none, or on failure (reported at the image's first use:
 * check diag_errors). Free with free(). */
HPDF_Image *gfx_load_images(HPDF_Doc pdf, const struct imageset *set);

/* Append the content-stream operators of an image or shape op. */
void gfx_draw(struct buf *b, HPDF_Page page, const struct op *o, float H,
	      HPDF_Image *images);

#endif
