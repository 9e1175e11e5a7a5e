/* layout_figure: images and charts in the vertical list. An image is
 * centred, scaled down to the text width (never up) or to the width its
 * title gives ("60%", "80mm"), and no taller than a page; its caption
 * (the alt text) is set centred in italics under it and kept with it.
 * A chart is one unbreakable box the width of the text (layout_chart.c).
 * Either moves whole to the next page when it does not fit; a title
 * paragraph right before it ("Biểu đồ 1. ...") keeps with it. */
#include "layout_int.h"

#define FIG_GAP 6.0f /* above a figure, and between it and its caption */
#define PX_PT 0.75f /* a pixel at 96 dpi, when the file states no resolution */

static void push_box(struct lctx *c, int op0, float h, bool brk, int bi, int line)
{
	lt_push_item(c, (struct vitem){.kind = V_BOX,
				       .brk = brk,
				       .table = -1,
				       .h = h,
				       .op0 = op0,
				       .nops = c->nops - op0,
				       .block = bi,
				       .nlines = 1,
				       .outline = -1,
				       .src_line = line});
}

static void push_space(struct lctx *c, float h, bool brk, int bi)
{
	lt_push_item(c, (struct vitem){.kind = V_SPACE,
				       .brk = brk,
				       .table = -1,
				       .h = h,
				       .op0 = c->nops,
				       .block = bi,
				       .outline = -1});
}

void lfig_image(struct lctx *c, const struct block *b, int bi)
{
	const struct geom *g = &c->g;
	const struct dimage *di = b->image;
	const struct image *im = di->img;
	if (!im)
		return;
	float w;
	if (di->pct > 0)
		w = g->tw * (float)di->pct / 100;
	else if (di->mm > 0)
		w = (float)di->mm * MM;
	else if (im->dpi >= 30 && im->dpi <= 2400)
		w = (float)(im->w * 72.0 / im->dpi); /* its own size, never enlarged */
	else
		w = (float)im->w * PX_PT;
	if (w > g->tw)
		w = g->tw;
	float h = w * (float)im->h / (float)im->w;
	/* the caption's lines, set first: image and caption share a page */
	struct pline *pl = NULL;
	int n = 0;
	if (di->caption.n) {
		struct pstyle st = {.size = g->size,
				    .pitch = g->pitch,
				    .x = g->left,
				    .width = g->tw,
				    .align = AL_CENTER,
				    .balance = true,
				    .face_add = FACE_ITALIC};
		n = lt_set(c, di->caption.v, di->caption.n, &st, &pl);
		if (c->failed)
			return;
	}
	float caph = n ? FIG_GAP : 0;
	for (int l = 0; l < n; l++)
		caph += pl[l].h;
	float maxh = g->th - caph - FIG_GAP;
	if (h > maxh) { /* a tall picture fits the page's height instead */
		w *= maxh / h;
		h = maxh;
	}
	int op0 = c->nops;
	float x = g->left + (g->tw - w) / 2;
	lt_add_op(c, (struct op){.kind = OP_IMAGE,
				 .x = x,
				 .y = FIG_GAP,
				 .x2 = x + w,
				 .y2 = FIG_GAP + h,
				 .img = im});
	push_box(c, op0, FIG_GAP + h + (n ? FIG_GAP : 0), n == 0, bi, b->line);
	for (int l = 0; l < n; l++)
		lt_push_item(c, (struct vitem){.kind = V_LINE,
					       .brk = l == n - 1,
					       .table = -1,
					       .h = pl[l].h,
					       .op0 = pl[l].op0,
					       .nops = pl[l].nops,
					       .block = bi,
					       .line = l,
					       .nlines = n,
					       .outline = -1,
					       .src_line = b->line});
	push_space(c, g->gap + 2, true, bi);
}

void lfig_chart(struct lctx *c, const struct block *b, int bi)
{
	const struct geom *g = &c->g;
	int op0 = c->nops;
	float h = lchart_draw(c, b->chart, g->left, g->tw);
	if (c->failed)
		return;
	lt_shift(c, op0, c->nops - op0, 0, FIG_GAP);
	push_box(c, op0, FIG_GAP + h, true, bi, b->line);
	push_space(c, g->gap + 2, true, bi);
}
