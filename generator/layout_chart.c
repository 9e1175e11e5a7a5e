/* layout_chart: a chart's geometry (bars, lines, pie slices, axes, ticks,
 * labels, legend) as drawing ops: shapes (vector paths, render draws them
 * with PDF path operators) and text in the table font. Black and white
 * safe: series differ by grey level, hatching, dash pattern and marker,
 * never by colour. Numbers are written the Vietnamese way (84.530; 12,5).
 * Coordinates are local to the chart's box: x on the page, y from its top. */
#include <math.h>
#include <string.h>

#include "layout_int.h"

#define AXIS_LW 0.6f
#define GRID_GREY 0.78f

struct sstyle {
	float fill;
	uint8_t hatch;
};

/* bars and legend swatches, one per series */
static const struct sstyle bar_styles[CHART_MAX_SERIES] = {
    {0.30f, HATCH_NONE}, {0.78f, HATCH_NONE}, {1.0f, HATCH_UP},
    {0.55f, HATCH_NONE}, {1.0f, HATCH_CROSS}, {0.92f, HATCH_FLAT},
};

/* pie slices: neighbours always differ in grey or texture */
static const struct sstyle pie_styles[CHART_MAX_PIE_SLICES] = {
    {0.30f, HATCH_NONE}, {0.80f, HATCH_NONE}, {1.0f, HATCH_UP},   {0.55f, HATCH_NONE},
    {1.0f, HATCH_CROSS}, {0.92f, HATCH_FLAT}, {0.15f, HATCH_NONE}, {1.0f, HATCH_DOWN},
    {0.68f, HATCH_NONE}, {1.0f, HATCH_DOTS},  {0.42f, HATCH_NONE}, {0.92f, HATCH_UP},
};

/* lines: dash pattern (on, off) and marker per series */
static const float line_dash[CHART_MAX_SERIES][2] = {
    {0, 0}, {6, 3}, {1.5f, 2}, {9, 3}, {3, 3}, {12, 2},
};

/* ---- building shapes ---- */

struct pathb {
	struct lctx *c;
	char *cmd;
	float *pt;
	int ncmd, npt, capc, capp;
};

static void pb_cmd(struct pathb *p, char k, int npts, const float *xy)
{
	ARR_PUSH(p->c->a, p->cmd, p->ncmd, p->capc, k);
	for (int i = 0; i < 2 * npts; i++)
		ARR_PUSH(p->c->a, p->pt, p->npt, p->capp, xy[i]);
}

static void pb_move(struct pathb *p, float x, float y)
{
	pb_cmd(p, 'M', 1, (float[]){x, y});
}

static void pb_line(struct pathb *p, float x, float y)
{
	pb_cmd(p, 'L', 1, (float[]){x, y});
}

static void pb_close(struct pathb *p)
{
	pb_cmd(p, 'Z', 0, NULL);
}

/* An arc of the circle (cx, cy, r) from angle a0 to a1 (radians,
 * clockwise on the page from 12 o'clock), in Bézier pieces of at most
 * 45 degrees; the path is at the arc's start already. */
static void pb_arc(struct pathb *p, float cx, float cy, float r, double a0, double a1)
{
	int n = (int)ceil(fabs(a1 - a0) / (M_PI / 4));
	if (n < 1)
		n = 1;
	double step = (a1 - a0) / n;
	double k = 4.0 / 3.0 * tan(step / 4) * r;
	for (int i = 0; i < n; i++) {
		double s = a0 + i * step, e = s + step;
		/* page coordinates: angle 0 is up, y grows downwards */
		double x0 = cx + r * sin(s), y0 = cy - r * cos(s);
		double x3 = cx + r * sin(e), y3 = cy - r * cos(e);
		double x1 = x0 + k * cos(s), y1 = y0 + k * sin(s);
		double x2 = x3 - k * cos(e), y2 = y3 - k * sin(e);
		pb_cmd(p, 'C', 3,
		       (float[]){(float)x1, (float)y1, (float)x2, (float)y2, (float)x3,
				 (float)y3});
	}
}

/* Finish the path as a shape op at the chart's origin. */
static void pb_emit(struct pathb *p, float fill, float stroke, float lw, const float *dash,
		    uint8_t hatch)
{
	ARR_PUSH(p->c->a, p->cmd, p->ncmd, p->capc, 0);
	struct shape *s = arena_alloc(p->c->a, sizeof *s);
	s->cmd = p->cmd;
	s->pt = p->pt;
	s->fill = fill;
	s->stroke = stroke;
	s->lw = lw;
	if (dash) {
		s->dash[0] = dash[0];
		s->dash[1] = dash[1];
	}
	s->hatch = hatch;
	lt_add_op(p->c, (struct op){.kind = OP_SHAPE, .shape = s});
	*p = (struct pathb){.c = p->c};
}

static void rect(struct lctx *c, float x, float y, float w, float h, const struct sstyle *st)
{
	struct pathb p = {.c = c};
	pb_move(&p, x, y);
	pb_line(&p, x + w, y);
	pb_line(&p, x + w, y + h);
	pb_line(&p, x, y + h);
	pb_close(&p);
	pb_emit(&p, st->fill, 0, 0.5f, NULL, st->hatch);
}

static void seg(struct lctx *c, float x1, float y1, float x2, float y2, float grey,
		float lw, const float *dash)
{
	struct pathb p = {.c = c};
	pb_move(&p, x1, y1);
	pb_line(&p, x2, y2);
	pb_emit(&p, -1, grey, lw, dash, 0);
}

/* Marker k of a line series at (x, y). */
static void marker(struct lctx *c, int k, float x, float y)
{
	const float r = 3.2f;
	struct pathb p = {.c = c};
	bool hollow = k % 2 == 1;
	switch (k % 3) {
	case 0: /* square */
		pb_move(&p, x - r, y - r);
		pb_line(&p, x + r, y - r);
		pb_line(&p, x + r, y + r);
		pb_line(&p, x - r, y + r);
		pb_close(&p);
		break;
	case 1: /* circle */
		pb_move(&p, x, y - r);
		pb_arc(&p, x, y, r, 0, 2 * M_PI);
		pb_close(&p);
		break;
	default: /* triangle */
		pb_move(&p, x, y - r * 1.2f);
		pb_line(&p, x + r * 1.1f, y + r * 0.8f);
		pb_line(&p, x - r * 1.1f, y + r * 0.8f);
		pb_close(&p);
	}
	pb_emit(&p, hollow ? 1.0f : 0.0f, 0, 0.8f, NULL, 0);
}

/* ---- text ---- */

/* One label; align -1 left, 0 centre, 1 right of x. Returns its width. */
static float label(struct lctx *c, const char *s, int face, float size, float x, float base,
		   int align, int line)
{
	struct run r = {.text = s, .len = (uint32_t)strlen(s), .face = (uint8_t)face, .line = line};
	if (!lt_check_glyphs(c, &r, 1, 0)) {
		c->failed = true;
		return 0;
	}
	float w = lt_width(c, s, face, size);
	float x0 = align == 0 ? x - w / 2 : align > 0 ? x - w : x;
	lt_add_op(c, (struct op){.kind = OP_TEXT,
				 .face = (uint8_t)face,
				 .size = size,
				 .x = x0,
				 .y = base,
				 .x2 = x0 + w,
				 .text = s});
	return w;
}

/* Text wrapped to width, centred on x, its first line's top at y;
 * returns its height. */
static float wrapped(struct lctx *c, const char *s, float size, float cx, float width,
		     float y, int line)
{
	struct pstyle st = {.size = size,
			    .pitch = 1.15f * size,
			    .x = cx - width / 2,
			    .width = width,
			    .align = AL_CENTER,
			    .balance = true};
	struct pline *pl;
	int n = lt_set_plain(c, s, FACE_REGULAR, &st, line, &pl);
	float h = 0;
	for (int l = 0; l < n; l++) {
		lt_shift(c, pl[l].op0, pl[l].nops, 0, y + h);
		h += pl[l].h;
	}
	return h;
}

static float wrapped_height(struct lctx *c, const char *s, float size, float width, int line)
{
	int op0 = c->nops;
	float h = wrapped(c, s, size, 0, width, 0, line);
	c->nops = op0; /* measured only */
	return h;
}

/* A number the Vietnamese way, up to `dec` decimals, no trailing zeros. */
static const char *vnum(struct lctx *c, double v, int dec)
{
	double m = v;
	for (int i = 0; i < dec; i++)
		m *= 10;
	struct numfmt_dec d = {.m = (numfmt_int)llround(m), .scale = dec};
	struct buf b = BUF_INIT;
	numfmt_grouped(&b, d, -1);
	const char *s = arena_strdup(c->a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static const char *vdec(struct lctx *c, struct numfmt_dec d)
{
	struct buf b = BUF_INIT;
	numfmt_grouped(&b, d, -1);
	const char *s = arena_strdup(c->a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* ---- legend ---- */

/* Entries flow in centred rows under the chart; returns the height. */
static float legend(struct lctx *c, const struct chart *ch, int n, const char *const *names,
		    float x, float w, float y, float size)
{
	const float sw = ch->kind == CHART_LINE ? 24 : 11, gap = 5, sep = 16;
	float pitch = 1.15f * size;
	int i = 0;
	float h = 0;
	while (i < n) {
		/* as many entries as fit this row */
		float rw = 0;
		int j = i;
		while (j < n) {
			float ew = sw + gap + lt_width(c, names[j], FACE_REGULAR, size);
			if (j > i && rw + sep + ew > w)
				break;
			rw += (j > i ? sep : 0) + ew;
			j++;
		}
		float px = x + (w - rw) / 2 > x ? x + (w - rw) / 2 : x;
		float base = y + h + lt_baseline(size, pitch);
		float mid = base - size * 0.32f;
		for (int k = i; k < j; k++) {
			if (ch->kind == CHART_LINE) {
				seg(c, px, mid, px + sw, mid, 0, 1.3f, line_dash[k]);
				marker(c, k, px + sw / 2, mid);
			} else {
				const struct sstyle *st = ch->kind == CHART_PIE
							      ? &pie_styles[k % CHART_MAX_PIE_SLICES]
							      : &bar_styles[k % CHART_MAX_SERIES];
				rect(c, px, mid - sw / 2, sw, sw, st);
			}
			px += sw + gap;
			px += label(c, names[k], FACE_REGULAR, size, px, base, -1, ch->loc.line);
			px += sep;
		}
		h += pitch + 2;
		i = j;
	}
	return h;
}

/* ---- axes ---- */

/* A "nice" step (1, 2, 2.5 or 5 times a power of ten) for about n
 * intervals over range. */
static double nice_step(double range, int n, int *dec)
{
	double raw = range / n;
	double p = pow(10, floor(log10(raw)));
	double f = raw / p, s;
	if (f <= 1)
		s = 1;
	else if (f <= 2)
		s = 2;
	else if (f <= 2.5)
		s = 2.5;
	else if (f <= 5)
		s = 5;
	else
		s = 10;
	double step = s * p;
	/* decimals the tick labels need */
	*dec = 0;
	for (double t = step; *dec < 6 && fabs(t - llround(t)) > 1e-9 * fabs(step) + 1e-12;
	     t *= 10)
		(*dec)++;
	return step;
}

struct axis {
	double lo, hi, step;
	int dec, nticks;
};

static struct axis value_axis(const struct chart *ch)
{
	double lo = 0, hi = 0;
	for (int i = 0; i < ch->ncat * ch->nser; i++) {
		if (ch->val[i] < lo)
			lo = ch->val[i];
		if (ch->val[i] > hi)
			hi = ch->val[i];
	}
	if (hi - lo <= 0)
		hi = lo + 1;
	struct axis a;
	a.step = nice_step(hi - lo, 5, &a.dec);
	a.lo = floor(lo / a.step + 1e-9) * a.step;
	a.hi = ceil(hi / a.step - 1e-9) * a.step;
	if (a.hi <= a.lo)
		a.hi = a.lo + a.step;
	a.nticks = (int)llround((a.hi - a.lo) / a.step) + 1;
	return a;
}

/* ---- bar and line charts ---- */

static float xy_chart(struct lctx *c, const struct chart *ch, float x, float w)
{
	const struct geom *g = &c->g;
	float size = g->tsize, pitch = g->tpitch;
	int line = ch->loc.line;
	float y = 0;
	if (ch->unit && *ch->unit) {
		label(c, arena_printf(c->a, "Đơn vị: %s", ch->unit), FACE_ITALIC, size, x,
		      lt_baseline(size, pitch), -1, line);
		y += pitch;
	}
	struct axis ax = value_axis(ch);
	const char **ticks = arena_alloc(c->a, sizeof *ticks * (size_t)ax.nticks);
	float tickw = 0;
	for (int t = 0; t < ax.nticks; t++) {
		ticks[t] = vnum(c, ax.lo + t * ax.step, ax.dec);
		float tw = lt_width(c, ticks[t], FACE_REGULAR, size);
		if (tw > tickw)
			tickw = tw;
	}
	float px0 = x + tickw + 6, px1 = x + w - 2;
	float slot = (px1 - px0) / (float)ch->ncat;
	/* category labels: wrapped in their slot, as tall as the tallest */
	float labh = 0;
	for (int i = 0; i < ch->ncat; i++) {
		float h = wrapped_height(c, ch->cat[i], size, slot - 4, line);
		if (h > labh)
			labh = h;
	}
	/* data labels: the table size, smaller where the bars are narrow */
	float bw = 0, group = 0;
	if (ch->kind == CHART_BAR) {
		group = slot * (ch->nser == 1 ? 0.6f : 0.86f);
		bw = group / (float)ch->nser;
	}
	float dsize = size;
	const char **dl = arena_alloc(c->a, sizeof *dl * (size_t)(ch->ncat * ch->nser));
	/* a label may not reach its neighbour's: one series has the gap
	 * between groups to spare, several only their own bar */
	float room = ch->kind == CHART_BAR ? (ch->nser == 1 ? bw + slot * 0.3f : bw - 3)
					   : slot - 2;
	float widest = 0;
	for (int i = 0; i < ch->ncat * ch->nser; i++) {
		dl[i] = vdec(c, ch->dec[i]);
		float dw = lt_width(c, dl[i], FACE_REGULAR, size);
		if (dw > widest)
			widest = dw;
	}
	/* the table size if it fits, down to 12 pt, then (two series of
	 * narrow bars) the second series' labels a line higher so neighbours
	 * share the width, then down to 9 pt; else no data labels */
	bool two = ch->kind == CHART_BAR && ch->nser == 2, stagger = false, show = false;
	float wide = 2 * bw - 3;
	for (int pass = 0; pass < 4 && !show; pass++) {
		float lo = pass < 2 ? 12 : 9, r = pass % 2 ? wide : room;
		if (pass % 2 && !two)
			continue;
		for (dsize = size; dsize > lo && widest * dsize / size > r;)
			dsize -= 0.5f;
		show = widest * dsize / size <= r;
		stagger = show && pass % 2;
	}
	show &= ch->kind == CHART_BAR || ch->nser <= 2;
	float top = y + pitch * (stagger ? 2.1f : 1); /* the top tick label, data labels */
	float ph = w * 0.42f; /* plot height */
	float bot = top + ph;
	float scale = ph / (float)(ax.hi - ax.lo);
#define VY(v) (bot - (float)((v)-ax.lo) * scale)
	/* grid and tick labels */
	for (int t = 0; t < ax.nticks; t++) {
		float ty = VY(ax.lo + t * ax.step);
		if (t > 0)
			seg(c, px0, ty, px1, ty, GRID_GREY, 0.4f, NULL);
		label(c, ticks[t], FACE_REGULAR, size, px0 - 5, ty + size * 0.32f, 1, line);
	}
	float zero = VY(0);
	if (ch->kind == CHART_BAR) {
		for (int i = 0; i < ch->ncat; i++)
			for (int s = 0; s < ch->nser; s++) {
				double v = ch->val[i * ch->nser + s], v0 = ch->val[i * ch->nser];
				float bx = px0 + slot * (float)i + (slot - group) / 2 + bw * (float)s;
				float by = VY(v);
				float t = by < zero ? by : zero, h = fabsf(zero - by);
				rect(c, bx, t, bw, h, &bar_styles[s]);
				if (show) {
					float base = v >= 0 ? by - 3 : by + dsize;
					if (stagger && s == 1) {
						/* a line clear of the first series' label */
						float b0 = v0 >= 0 ? VY(v0) - 3 : VY(v0) + dsize;
						base = v >= 0 ? fminf(base, b0 - 1.1f * dsize)
							      : fmaxf(base, b0 + 1.1f * dsize);
					}
					label(c, dl[i * ch->nser + s], FACE_REGULAR, dsize,
					      bx + bw / 2, base, 0, line);
				}
			}
	} else {
		for (int s = 0; s < ch->nser; s++) {
			struct pathb p = {.c = c};
			for (int i = 0; i < ch->ncat; i++) {
				float cx = px0 + slot * ((float)i + 0.5f);
				float cy = VY(ch->val[i * ch->nser + s]);
				if (i == 0)
					pb_move(&p, cx, cy);
				else
					pb_line(&p, cx, cy);
			}
			pb_emit(&p, -1, 0, 1.4f, line_dash[s], 0);
		}
		for (int s = 0; s < ch->nser; s++)
			for (int i = 0; i < ch->ncat; i++) {
				float cx = px0 + slot * ((float)i + 0.5f);
				float cy = VY(ch->val[i * ch->nser + s]);
				marker(c, s, cx, cy);
				if (show) {
					/* above the point, except the lower of two points
					 * at one x: below it, so where the lines cross
					 * neither label sits on the other's marker */
					double v = ch->val[i * ch->nser + s];
					double o = ch->nser == 2 ? ch->val[i * ch->nser + 1 - s] : v;
					bool below = v < o || (v == o && s == 1);
					float base = below ? cy + 6 + dsize * 0.8f : cy - 6;
					label(c, dl[i * ch->nser + s], FACE_REGULAR, dsize, cx, base,
					      0, line);
				}
			}
	}
	/* axes over the bars */
	seg(c, px0, top - 4, px0, bot, 0, AXIS_LW, NULL);
	seg(c, px0, zero, px1, zero, 0, AXIS_LW, NULL);
#undef VY
	float ly = bot + 4;
	for (int i = 0; i < ch->ncat; i++)
		wrapped(c, ch->cat[i], size, px0 + slot * ((float)i + 0.5f), slot - 4, ly, line);
	y = ly + labh + 8;
	y += legend(c, ch, ch->nser, ch->ser, x, w, y, size);
	return y;
}

/* ---- pie ---- */

static float pie_chart(struct lctx *c, const struct chart *ch, float x, float w)
{
	const struct geom *g = &c->g;
	float size = g->tsize, pitch = g->tpitch;
	int line = ch->loc.line;
	double total = 0;
	for (int i = 0; i < ch->ncat; i++)
		total += ch->val[i];
	/* labels "84.530 (45,2%)" outside the slices */
	const char **lab = arena_alloc(c->a, sizeof *lab * (size_t)ch->ncat);
	float labw = 0;
	for (int i = 0; i < ch->ncat; i++) {
		lab[i] = arena_printf(c->a, "%s (%s%%)", vdec(c, ch->dec[i]),
				      vnum(c, ch->val[i] / total * 100, 1));
		float lw = lt_width(c, lab[i], FACE_REGULAR, size);
		if (lw > labw)
			labw = lw;
	}
	float y = 0;
	if (ch->unit && *ch->unit) {
		label(c, arena_printf(c->a, "Đơn vị: %s", ch->unit), FACE_ITALIC, size, x,
		      lt_baseline(size, pitch), -1, line);
		y += pitch;
	}
	float r = w * 0.2f;
	if (r > 95)
		r = 95;
	float cx = x + w / 2, cy = y + pitch + 6 + r;
	struct plabel {
		float rx, ry, ex, base;
		int align;
		bool done;
	} *pl = arena_alloc(c->a, sizeof *pl * (size_t)ch->ncat);
	double a = 0;
	for (int i = 0; i < ch->ncat; i++) {
		double sweep = ch->val[i] / total * 2 * M_PI;
		const struct sstyle *st = &pie_styles[i % CHART_MAX_PIE_SLICES];
		if (sweep > 0) {
			struct pathb p = {.c = c};
			if (sweep >= 2 * M_PI - 1e-9) {
				pb_move(&p, cx, cy - r);
				pb_arc(&p, cx, cy, r, 0, 2 * M_PI);
			} else {
				pb_move(&p, cx, cy);
				pb_line(&p, cx + r * (float)sin(a), cy - r * (float)cos(a));
				pb_arc(&p, cx, cy, r, a, a + sweep);
			}
			pb_close(&p);
			pb_emit(&p, st->fill, 0, 0.6f, NULL, st->hatch);
		}
		/* the label at the slice's middle, outside, with a short leader */
		double mid = a + sweep / 2;
		float sx = (float)sin(mid), sy = (float)-cos(mid);
		pl[i].rx = cx + r * sx;
		pl[i].ry = cy + r * sy;
		pl[i].ex = cx + (r + 10) * sx;
		float ey = cy + (r + 10) * sy;
		pl[i].align = sx > 0.05f ? -1 : sx < -0.05f ? 1 : 0;
		pl[i].base =
		    ey + size * 0.32f + (pl[i].align == 0 ? (sy < 0 ? -4 : size * 0.6f) : 0);
		a += sweep;
	}
	/* labels on one side a line apart at least (small slices side by
	 * side), top to bottom; the leaders follow them */
	for (int side = -1; side <= 1; side += 2) {
		float prev = -1e9f;
		for (;;) {
			int k = -1;
			for (int i = 0; i < ch->ncat; i++)
				if (pl[i].align == side && !pl[i].done &&
				    (k < 0 || pl[i].base < pl[k].base))
					k = i;
			if (k < 0)
				break;
			if (pl[k].base < prev + 1.15f * size)
				pl[k].base = prev + 1.15f * size;
			prev = pl[k].base;
			pl[k].done = true;
		}
	}
	for (int i = 0; i < ch->ncat; i++) {
		float ly = pl[i].align ? pl[i].base - size * 0.32f
				       : pl[i].base - (pl[i].base > cy ? size * 0.92f : -4 + size * 0.32f);
		seg(c, pl[i].rx, pl[i].ry, pl[i].ex, ly, 0, 0.5f, NULL);
		label(c, lab[i], FACE_REGULAR, size, pl[i].ex + (float)pl[i].align * -3.0f,
		      pl[i].base, pl[i].align, line);
	}
	y = cy + r + pitch + 10;
	y += legend(c, ch, ch->ncat, ch->cat, x, w, y, size);
	/* which column the slices show */
	y += 2;
	label(c, ch->ser[0], FACE_ITALIC, size, x + w / 2, y + lt_baseline(size, pitch), 0, line);
	return y + pitch;
}

float lchart_draw(struct lctx *c, const struct chart *ch, float x, float w)
{
	return ch->kind == CHART_PIE ? pie_chart(c, ch, x, w) : xy_chart(c, ch, x, w);
}
