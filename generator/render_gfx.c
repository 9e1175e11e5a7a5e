/* render_gfx: the pictures and chart shapes of a page. Images are
 * embedded once per document (libharu's PNG and JPEG loaders; image.c
 * has checked and, where needed, rewritten the bytes) and drawn with
 * `cm ... Do`; chart shapes are written as PDF path operators in grey,
 * with hatching clipped to the shape. Part of render: takes no layout
 * decision. */
#include "render_gfx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"

HPDF_Image *gfx_load_images(HPDF_Doc pdf, const struct imageset *set)
{
	if (!set->n)
		return NULL;
	HPDF_Image *v = calloc((size_t)set->n, sizeof *v);
	if (!v)
		return NULL;
	for (int i = 0; i < set->n; i++) {
		const struct image *im = set->v[i];
		v[i] = im->idat ? pdfhack_png_image(pdf, im->idat, im->idat_len, im->w, im->h,
						    im->colors)
		       : im->kind == IMAGE_PNG
			   ? HPDF_LoadPngImageFromMem(pdf, im->data, (HPDF_UINT)im->len)
			   : HPDF_LoadJpegImageFromMem(pdf, im->data, (HPDF_UINT)im->len);
		if (!v[i]) {
			diag_error(im->loc,
				   "image '%s' could not be embedded (libharu error 0x%04X); "
				   "save it again as an ordinary PNG or JPEG",
				   im->path, (unsigned)HPDF_GetError(pdf));
			free(v);
			return NULL;
		}
	}
	return v;
}

static void num(struct buf *b, float v)
{
	char t[32];
	int n = snprintf(t, sizeof t, "%.3f", (double)v);
	while (n > 0 && t[n - 1] == '0')
		n--;
	if (n > 0 && t[n - 1] == '.')
		n--;
	if (n == 2 && t[0] == '-' && t[1] == '0')
		t[0] = '0', n = 1;
	buf_put(b, t, (size_t)n);
	buf_putc(b, ' ');
}

static void path(struct buf *b, const struct op *o, float H)
{
	const struct shape *s = o->shape;
	const float *p = s->pt;
	for (const char *k = s->cmd; *k; k++) {
		int n = *k == 'C' ? 3 : *k == 'Z' ? 0 : 1;
		for (int i = 0; i < n; i++, p += 2) {
			num(b, o->x + p[0]);
			num(b, H - (o->y + p[1]));
		}
		buf_puts(b, *k == 'M' ? "m\n" : *k == 'L' ? "l\n" : *k == 'C' ? "c\n" : "h\n");
	}
}

/* Parallel lines over the shape's box, clipped to the shape. */
static void hatch(struct buf *b, const struct op *o, float H)
{
	const struct shape *s = o->shape;
	float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
	const float *p = s->pt;
	for (const char *k = s->cmd; *k; k++) {
		int n = *k == 'C' ? 3 : *k == 'Z' ? 0 : 1;
		for (int i = 0; i < n; i++, p += 2) {
			x0 = fminf(x0, o->x + p[0]);
			x1 = fmaxf(x1, o->x + p[0]);
			y0 = fminf(y0, H - (o->y + p[1]));
			y1 = fmaxf(y1, H - (o->y + p[1]));
		}
	}
	if (!(x1 > x0) || !(y1 > y0))
		return;
	buf_puts(b, "q\n");
	path(b, o, H);
	buf_puts(b, "W n\n0.5 w 0 G [] 0 d\n");
	const float d = 4.0f;
	float w = x1 - x0, h = y1 - y0;
	if (s->hatch == HATCH_FLAT) {
		for (float y = y0 + d / 2; y < y1; y += d) {
			num(b, x0), num(b, y), buf_puts(b, "m "), num(b, x1), num(b, y),
			    buf_puts(b, "l\n");
		}
	} else if (s->hatch == HATCH_DOTS) {
		buf_puts(b, "0 g\n");
		for (float y = y0 + d / 2; y < y1; y += d)
			for (float x = x0 + d / 2; x < x1; x += d) {
				num(b, x - 0.6f), num(b, y - 0.6f), buf_puts(b, "1.2 1.2 re f\n");
			}
	} else {
		for (int dir = 0; dir < 2; dir++) {
			if (dir == 0 && s->hatch == HATCH_DOWN)
				continue;
			if (dir == 1 && s->hatch == HATCH_UP)
				continue;
			/* 45-degree lines: x - y = k (up) or x + y = k (down) */
			for (float k = -h; k < w; k += d * 1.41f) {
				if (dir == 0) {
					num(b, x0 + k), num(b, y0), buf_puts(b, "m ");
					num(b, x0 + k + h), num(b, y1), buf_puts(b, "l\n");
				} else {
					num(b, x0 + k), num(b, y1), buf_puts(b, "m ");
					num(b, x0 + k + h), num(b, y0), buf_puts(b, "l\n");
				}
			}
		}
	}
	if (s->hatch != HATCH_DOTS)
		buf_puts(b, "S\n");
	buf_puts(b, "Q\n");
}

void gfx_draw(struct buf *b, HPDF_Page page, const struct op *o, float H,
	      HPDF_Image *images)
{
	if (o->kind == OP_IMAGE) {
		if (!images)
			return;
		const char *name = pdfhack_image_name(page, images[o->img->id]);
		if (!name)
			return;
		buf_puts(b, "q ");
		num(b, o->x2 - o->x);
		buf_puts(b, "0 0 ");
		num(b, o->y2 - o->y);
		num(b, o->x);
		num(b, H - o->y2);
		buf_printf(b, "cm /%s Do Q\n", name);
		return;
	}
	if (o->kind != OP_SHAPE)
		return;
	const struct shape *s = o->shape;
	bool fill = s->fill >= 0, stroke = s->stroke >= 0;
	buf_puts(b, "q\n");
	if (fill) {
		num(b, s->fill);
		buf_puts(b, "g\n");
	}
	if (stroke) {
		num(b, s->stroke);
		buf_puts(b, "G ");
		num(b, s->lw);
		buf_puts(b, "w 1 j ");
		if (s->dash[0] > 0) {
			buf_puts(b, "[");
			num(b, s->dash[0]);
			num(b, s->dash[1]);
			buf_puts(b, "] 0 d\n");
		} else {
			buf_puts(b, "[] 0 d\n");
		}
	}
	path(b, o, H);
	buf_puts(b, fill && !s->hatch && stroke ? "B\n" : fill ? "f\n" : stroke ? "S\n" : "n\n");
	if (s->hatch) {
		hatch(b, o, H);
		if (stroke) {
			path(b, o, H);
			buf_puts(b, "S\n");
		}
	}
	buf_puts(b, "Q\n");
}
