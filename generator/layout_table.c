/* layout_table: GFM tables as Vietnamese reports print them: a full grid
 * of thin rules, bold centred header cells, column widths from content
 * (every column at least its longest word, the rest shared by natural
 * width), figures right-aligned, merged cells, rows as page-breakable
 * items whose header rows the page builder repeats. */
#include <math.h>
#include <string.h>

#include "layout_int.h"
#include "text.h"
#include "vec.h"

#define CELL_PAD (1.5f * MM)
#define CELL_VPAD 2.5f
#define GRID_LW 0.5f

/* Longest word and one-line width of a cell at size. */
static void measure(struct lctx *c, const struct inl *in, float size, float *minw,
		    float *maxw)
{
	float word = 0, line = 0, lmax = 0;
	*minw = 0;
	for (int k = 0; k < in->n; k++) {
		const struct run *r = &in->v[k];
		const struct face *f = &c->fs->face[r->face];
		if (r->brk) {
			if (line > lmax)
				lmax = line;
			line = 0;
			word = 0;
			continue;
		}
		float sz = r->note ? size * 0.65f : size;
		for (size_t i = 0; i < r->len;) {
			int32_t cp = text_next(r->text, &i);
			float w = (float)font_cp_width(f, cp) * sz / 1000.0f;
			line += w;
			if (cp == ' ' || cp == '\t') {
				word = 0;
			} else {
				word += w;
				if (word > *minw)
					*minw = word;
			}
		}
	}
	*maxw = line > lmax ? line : lmax;
}

/* A column of figures: every non-empty body cell is a number. */
static bool is_figure_text(const struct inl *in)
{
	bool digit = false;
	for (int k = 0; k < in->n; k++)
		for (uint32_t i = 0; i < in->v[k].len; i++) {
			char ch = in->v[k].text[i];
			if (ch >= '0' && ch <= '9')
				digit = true;
			else if (!strchr(".,%+- ", ch) && !in->v[k].note)
				return false;
		}
	return digit;
}

static bool cell_is(const struct inl *in, const char *s)
{
	return in->n == 1 && strcmp(in->v[0].text, s) == 0;
}

static char column_align(const struct dtable *t, int col)
{
	if (t->align[col])
		return t->align[col];
	const struct inl *h = &t->cells[col].text;
	if (cell_is(h, "TT") || cell_is(h, "STT") || cell_is(h, "Stt"))
		return 'c';
	bool any = false;
	for (int r = t->nhead; r < t->nrows; r++) {
		const struct tcell *tc = &t->cells[r * t->ncols + col];
		if (tc->covered || !tc->text.n)
			continue;
		if (!is_figure_text(&tc->text))
			return 'l';
		any = true;
	}
	return any ? 'r' : 'l';
}

/* Decimal alignment: in a right-aligned column of figures every decimal
 * comma sits at one x and a whole number ends where the comma would be.
 * The part from the last ',' on (",478", ",39%") is measured per cell;
 * pad = the column's widest such part - the cell's own, the room a cell
 * keeps on its right. */
static float decimal_w(struct lctx *c, const struct inl *in, float size)
{
	if (!is_figure_text(in))
		return 0;
	int rk = -1;
	uint32_t at = 0;
	for (int k = 0; k < in->n; k++)
		for (uint32_t i = 0; i < in->v[k].len && !in->v[k].note; i++)
			if (in->v[k].text[i] == ',') {
				rk = k;
				at = i;
			}
	if (rk < 0)
		return 0;
	float w = 0;
	for (int k = rk; k < in->n; k++) {
		const struct run *r = &in->v[k];
		uint32_t from = k == rk ? at : 0;
		w += (float)font_width(&c->fs->face[r->face], r->text + from,
				       r->len - from, r->note ? size * 0.65f : size);
	}
	return w;
}

static void decimal_pads(struct lctx *c, const struct dtable *t, const char *al,
			 float size, float *pad)
{
	int nc = t->ncols;
	for (int i = 0; i < nc * t->nrows; i++)
		pad[i] = 0;
	for (int k = 0; k < nc; k++) {
		if (al[k] != 'r')
			continue;
		float most = 0;
		for (int r = t->nhead; r < t->nrows; r++) {
			const struct tcell *tc = &t->cells[r * nc + k];
			if (tc->covered || tc->colspan != 1 || !tc->text.n)
				continue;
			pad[r * nc + k] = decimal_w(c, &tc->text, size);
			if (pad[r * nc + k] > most)
				most = pad[r * nc + k];
		}
		for (int r = t->nhead; r < t->nrows; r++) {
			const struct tcell *tc = &t->cells[r * nc + k];
			if (!tc->covered && tc->colspan == 1 && tc->text.n &&
			    is_figure_text(&tc->text))
				pad[r * nc + k] = most - pad[r * nc + k];
			else
				pad[r * nc + k] = 0;
		}
	}
}

/* Column widths, like an automatic table layout with one more level so
 * that body cells stay on one line before header cells do (a header that
 * wraps is the norm in Vietnamese tables; a figure or "Tổng cộng" that
 * wraps is not). Per column: mn, its longest word; bx, its widest body
 * cell on one line; mx, its widest cell on one line. Returns false when
 * even the longest words do not fit the text width. */
static void widen(float *v, int col, int span, float need)
{
	float have = 0;
	for (int k = col; k < col + span; k++)
		have += v[k];
	if (have < need)
		for (int k = col; k < col + span; k++)
			v[k] += (need - have) / (float)span;
}

static void share(float *w, const float *from, const float *to, int nc, float room)
{
	float gap = 0;
	for (int k = 0; k < nc; k++)
		gap += to[k] - from[k];
	for (int k = 0; k < nc; k++)
		w[k] = from[k] +
		       (gap > 0 ? room * (to[k] - from[k]) / gap : room / (float)nc);
}

static bool widths(struct lctx *c, const struct dtable *t, const char *al, float size,
		   float avail, float *w)
{
	float *pad = arena_alloc(c->a, sizeof(float) * (size_t)(t->ncols * t->nrows));
	decimal_pads(c, t, al, size, pad);
	int nc = t->ncols;
	float *mn = arena_alloc(c->a, sizeof(float) * (size_t)nc * 3), *bx = mn + nc,
	      *mx = bx + nc;
	/* single cells first, then spanning cells widen their columns evenly */
	for (int pass = 0; pass < 2; pass++)
		for (int r = 0; r < t->nrows; r++)
			for (int col = 0; col < nc; col++) {
				const struct tcell *tc = &t->cells[r * nc + col];
				if (tc->covered || (pass == 0) != (tc->colspan == 1))
					continue;
				float a, b;
				measure(c, &tc->text, size, &a, &b);
				b += pad[r * nc +
					 col]; /* widest integer + widest decimals */
				a += 2 * CELL_PAD;
				b += 2 * CELL_PAD;
				widen(mn, col, tc->colspan, a);
				if (r >= t->nhead)
					widen(bx, col, tc->colspan, b);
				widen(mx, col, tc->colspan, b);
			}
	float smin = 0, sbody = 0, smax = 0;
	for (int k = 0; k < nc; k++) {
		if (bx[k] < mn[k])
			bx[k] = mn[k];
		if (mx[k] < bx[k])
			mx[k] = bx[k];
		smin += mn[k];
		sbody += bx[k];
		smax += mx[k];
	}
	if (smin > avail + 0.01f)
		return false;
	if (smax <= avail) {
		/* everything fits on one line: the rest goes by natural width */
		for (int k = 0; k < nc; k++)
			w[k] = mx[k] +
			       (avail - smax) * (smax > 0 ? mx[k] / smax : 1.0f / nc);
	} else if (sbody <= avail) {
		share(w, bx, mx, nc, avail - sbody); /* headers wrap */
	} else {
		share(w, mn, bx, nc, avail - smin); /* body cells wrap too */
	}
	return true;
}

struct rowctx {
	const struct dtable *t;
	const float *x;
	const int *own;
	struct pline **lines;
	int *nlines;
	float *rowh;
	float pitch;
	int tid, bi;
};

/* One row (or, for a row taller than a page, the piece holding its
 * lines [l0, l1)) as a vertical item: cell text, then the grid. */
static void emit_row(struct lctx *c, const struct rowctx *rc, int r, int l0, int l1,
		     float h, bool first, bool last)
{
	const struct dtable *t = rc->t;
	const float *x = rc->x;
	const int *own = rc->own;
	int nc = t->ncols, nr = t->nrows;
	bool whole = first && last;
	int op0 = c->nops, ref0 = c->nrefs;
	for (int k = 0; k < nc; k++) {
		int i = r * nc + k;
		const struct tcell *tc = &t->cells[i];
		if (tc->covered || !rc->nlines[i])
			continue;
		float span = 0;
		for (int rr = r; rr < r + tc->rowspan && rr < nr; rr++)
			span += rc->rowh[rr];
		float content = (float)rc->nlines[i] * rc->pitch;
		/* header cells centred vertically, body cells at the top; the
		 * pieces of a cut row carry the padding only at its two ends */
		float top = whole && r < t->nhead ? (span - content) / 2
			    : first               ? CELL_VPAD
						  : 0;
		for (int l = l0; l < l1 && l < rc->nlines[i]; l++) {
			struct pline *pl = &rc->lines[i][l];
			/* move the ops into this row's range */
			for (int o = pl->op0; o < pl->op0 + pl->nops; o++) {
				struct op op = c->ops[o];
				op.y += top + (float)(l - l0) * rc->pitch;
				lt_add_op(c, op);
			}
			for (int f = pl->ref0; f < pl->ref0 + pl->nrefs; f++)
				VEC_PUSH(c->refs, c->nrefs, c->caprefs, c->refs[f]);
		}
	}
	/* grid: top edge where a cell starts, bottom edge where one ends,
	 * verticals between different cells; the page builder closes a cut
	 * row at a page foot (vitem.cont) */
	for (int k = 0; k < nc && first;) {
		int e = k;
		while (e < nc && own[r * nc + e] / nc == r)
			e++;
		if (e > k) {
			lt_hline(c, x[k], x[e], 0, GRID_LW);
			k = e;
		} else {
			k++;
		}
	}
	for (int k = 0; k < nc && last;) {
		int e = k;
		while (e < nc && (r == nr - 1 || own[(r + 1) * nc + e] / nc == r + 1))
			e++;
		if (e > k) {
			lt_hline(c, x[k], x[e], h, GRID_LW);
			k = e;
		} else {
			k++;
		}
	}
	for (int k = 0; k <= nc; k++)
		if (k == 0 || k == nc || own[r * nc + k - 1] != own[r * nc + k])
			lt_add_op(c, (struct op){.kind = OP_LINE,
						 .x = x[k],
						 .y = 0,
						 .x2 = x[k],
						 .y2 = h,
						 .lw = GRID_LW});
	/* no page break inside a merged cell, nor right after the header */
	bool spans_on = false;
	if (r + 1 < nr && last)
		for (int k = 0; k < nc; k++)
			spans_on |= own[(r + 1) * nc + k] / nc <= r;
	/* a table starts on a page only with its header and three body rows
	 * (issue 19; a shorter table moves whole), and a break leaves at
	 * least two rows after it, so neither a lone row nor a lone total
	 * row sits under a repeated header */
	bool brk =
	    last && !spans_on && (r == nr - 1 || (r >= t->nhead + 2 && r <= nr - 3));
	if (!whole)
		brk = true; /* a row taller than a page breaks between its pieces */
	struct vitem v = {.kind = V_ROW,
			  .brk = brk,
			  .cont = !last,
			  .x0 = x[0],
			  .x1 = x[nc],
			  .head_row = r < t->nhead,
			  .table = rc->tid,
			  .h = h,
			  .op0 = op0,
			  .nops = c->nops - op0,
			  .ref0 = ref0,
			  .nrefs = c->nrefs - ref0,
			  .block = rc->bi,
			  .line = r,
			  .nlines = nr,
			  .outline = -1,
			  .src_line = t->row_line[r]};
	lt_push_item(c, v);
}

/* The widths of the columns (w) and the type size: the table's size,
 * 0.5 pt smaller at a time down to 9 pt until the columns fit; past that
 * equal columns and a warning. Returns the size. */
static float fit_columns(struct lctx *c, const struct block *b, const char *al, float *w)
{
	const struct dtable *t = b->table;
	const struct geom *g = &c->g;
	float size = g->tsize;
	while (!widths(c, t, al, size, g->tw, w)) {
		if (size <= 9) {
			diag_warn(
			    (struct srcloc){c->doc->file, b->line, 0},
			    "table is too wide for the page even at 9 pt; shorten its "
			    "longest words or split it");
			for (int k = 0; k < t->ncols; k++)
				w[k] = g->tw / (float)t->ncols;
			break;
		}
		size -= 0.5f;
	}
	return size;
}

/* The cell that owns every grid position (itself, or the merged cell
 * covering it). */
static int *cell_owners(struct lctx *c, const struct dtable *t)
{
	int nc = t->ncols, nr = t->nrows;
	int *own = arena_alloc(c->a, sizeof(int) * (size_t)(nc * nr));
	for (int i = 0; i < nc * nr; i++)
		own[i] = i;
	for (int r = 0; r < nr; r++)
		for (int k = 0; k < nc; k++) {
			const struct tcell *tc = &t->cells[r * nc + k];
			if (tc->covered)
				continue;
			for (int rr = r; rr < r + tc->rowspan && rr < nr; rr++)
				for (int kk = k; kk < k + tc->colspan && kk < nc; kk++)
					own[rr * nc + kk] = r * nc + k;
		}
	return own;
}

/* Set every cell's text (its lines' ops at y = 0 for now) and the height
 * each row needs; header cells centred and balanced, figures aligned on
 * their decimal comma (pad). */
static void set_cells(struct lctx *c, struct rowctx *rc, const char *al, const float *pad,
		      float size)
{
	const struct dtable *t = rc->t;
	int nc = t->ncols, nr = t->nrows;
	for (int r = 0; r < nr; r++)
		rc->rowh[r] = rc->pitch + 2 * CELL_VPAD;
	for (int r = 0; r < nr; r++)
		for (int k = 0; k < nc; k++) {
			const struct tcell *tc = &t->cells[r * nc + k];
			if (tc->covered || !tc->text.n)
				continue;
			bool head = r < t->nhead;
			char a = head ? 'c' : al[k];
			float cw = rc->x[k + tc->colspan] - rc->x[k] - 2 * CELL_PAD -
				   (head ? 0 : pad[r * nc + k]);
			struct pstyle st = {.size = size,
					    .pitch = rc->pitch,
					    .x = rc->x[k] + CELL_PAD,
					    .width = cw,
					    .align = a == 'c'   ? AL_CENTER
						     : a == 'r' ? AL_RIGHT
								: AL_LEFT,
					    .balance = head};
			int n = lt_set(c, tc->text.v, tc->text.n, &st, &rc->lines[r * nc + k]);
			rc->nlines[r * nc + k] = n;
			float h = (float)n * rc->pitch + 2 * CELL_VPAD;
			if (tc->rowspan == 1 && h > rc->rowh[r])
				rc->rowh[r] = h;
		}
	/* rows spanned by a tall merged cell grow at the bottom */
	for (int r = 0; r < nr; r++)
		for (int k = 0; k < nc; k++) {
			const struct tcell *tc = &t->cells[r * nc + k];
			if (tc->covered || tc->rowspan <= 1)
				continue;
			int last = r + tc->rowspan - 1 < nr ? r + tc->rowspan - 1 : nr - 1;
			float sum = 0;
			for (int rr = r; rr <= last; rr++)
				sum += rc->rowh[rr];
			float need = (float)rc->nlines[r * nc + k] * rc->pitch + 2 * CELL_VPAD;
			if (sum < need)
				rc->rowh[last] += need - sum;
		}
}

/* Each row as one item; a row taller than a page (less its header) is cut
 * between lines, one item per line, so the page builder fills each page. */
static void emit_rows(struct lctx *c, struct rowctx *rc)
{
	const struct dtable *t = rc->t;
	int nc = t->ncols, nr = t->nrows;
	float head = 0;
	for (int r = 0; r < t->nhead && r < nr; r++)
		head += rc->rowh[r];
	for (int r = 0; r < nr; r++) {
		int most = 0;
		bool merged = false;
		for (int k = 0; k < nc; k++) {
			const struct tcell *tc = &t->cells[r * nc + k];
			if (!tc->covered && rc->nlines[r * nc + k] > most)
				most = rc->nlines[r * nc + k];
			merged |= !tc->covered && tc->rowspan > 1;
			merged |= tc->covered && rc->own[r * nc + k] / nc != r;
		}
		if (rc->rowh[r] <= c->g.th - head || merged || r < t->nhead) {
			emit_row(c, rc, r, 0, most > 0 ? most : 1, rc->rowh[r], true, true);
			continue;
		}
		diag_warn((struct srcloc){c->doc->file, t->row_line[r], 0},
			  "table row is taller than a page; it continues on the next");
		for (int l0 = 0; l0 < most; l0++) {
			int l1 = l0 + 1;
			float h = rc->pitch + (l0 == 0 ? CELL_VPAD : 0) + (l1 == most ? CELL_VPAD : 0);
			emit_row(c, rc, r, l0, l1, h, l0 == 0, l1 == most);
		}
	}
}

void ltab_table(struct lctx *c, const struct block *b, int bi)
{
	const struct dtable *t = b->table;
	int nc = t->ncols, nr = t->nrows;
	float *w = arena_alloc(c->a, sizeof(float) * (size_t)(nc + 1));
	char *al = arena_alloc(c->a, (size_t)nc);
	for (int k = 0; k < nc; k++)
		al[k] = column_align(t, k);
	float size = fit_columns(c, b, al, w);
	float *x = arena_alloc(c->a, sizeof(float) * (size_t)(nc + 1));
	x[0] = c->g.left;
	for (int k = 0; k < nc; k++)
		x[k + 1] = x[k] + w[k];
	float *pad = arena_alloc(c->a, sizeof(float) * (size_t)(nc * nr));
	decimal_pads(c, t, al, size, pad);
	struct table_info ti = {.first_item = c->nitems, .nhead = t->nhead};
	struct rowctx rc = {.t = t,
			    .x = x,
			    .own = cell_owners(c, t),
			    .lines = arena_alloc(c->a, sizeof(struct pline *) * (size_t)(nc * nr)),
			    .nlines = arena_alloc(c->a, sizeof(int) * (size_t)(nc * nr)),
			    .rowh = arena_alloc(c->a, sizeof(float) * (size_t)nr),
			    .pitch = LINE_PITCH * size,
			    .bi = bi};
	set_cells(c, &rc, al, pad, size);
	ti.first_item = c->nitems;
	ARR_PUSH(c->a, c->tables, c->ntables, c->captables, ti);
	rc.tid = c->ntables - 1;
	emit_rows(c, &rc);
}
