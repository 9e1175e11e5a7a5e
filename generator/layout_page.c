/* layout_page: the page builder. Fills each page top-down from the
 * vertical list, reserving room at the foot for the footnotes of the lines
 * it places; when the next item does not fit it either splits a footnote
 * (at least two lines stay on the reference's page) or breaks at the last
 * allowed place, whichever leaves less empty space. Linear in the number
 * of items apart from the short backtrack to the last legal break.
 * See notes/layout.md §4. */
#include <math.h>
#include <string.h>

#include "bounds.h"
#include "i18n.h"
#include "layout_int.h"
#include "vec.h"

#define EPS 0.01f
#define FOOT_SEP 10.0f /* from the foot area's top to its first line */
#define FOOT_RULE 4.0f /* the short rule, from the foot area's top */

struct fput {
	int fline; /* index in c->flines */
};

struct pput {
	int item;
	float y;
};

struct snap {
	int item; /* break after this item */
	int nput, nfoot, nstarted;
	float y, foot_h;
	int carry_note, carry_line;
	bool valid;
};

struct pb {
	struct lctx *c;
	float avail;
	/* this page */
	struct pput *put;
	int nput, capput;
	struct fput *foot;
	int nfoot, capfoot;
	float y, foot_h;
	int *started; /* notes started on this page */
	int nstarted, capstarted;
	/* notes */
	int *note_page; /* page where a note starts, -1 if not yet */
	int *note_next; /* lines of the note placed so far */
	int carry_note, carry_line; /* a note continued from the previous page */
	int *table_page; /* page where a table's first row went */
	int page;
	const struct geom *g; /* this page's geometry (orientation) */
	bool landscape_next; /* orientation of the next page */
	int group, group_next; /* the report (0) or appendix k (k + 1) */
};

static float note_h(const struct lctx *c, int note, int from)
{
	float h = 0;
	for (int i = from; i < c->note_count[note]; i++)
		h += c->flines[c->note_first[note] + i].h;
	return h;
}

static float sep_if_first(const struct pb *b)
{
	return b->nfoot ? 0 : FOOT_SEP;
}

static void put_item(struct pb *b, int item)
{
	struct pput p = {item, b->y};
	VEC_PUSH(b->put, b->nput, b->capput, p);
	b->y += b->c->items[item].h;
}

static void put_note_lines(struct pb *b, int note, int from, int to)
{
	struct lctx *c = b->c;
	if (!b->nfoot)
		b->foot_h += FOOT_SEP;
	for (int i = from; i < to; i++) {
		struct fput f = {c->note_first[note] + i};
		VEC_PUSH(b->foot, b->nfoot, b->capfoot, f);
		b->foot_h += c->flines[f.fline].h;
	}
}

static void start_note(struct pb *b, int note)
{
	b->note_page[note] = b->page;
	VEC_PUSH(b->started, b->nstarted, b->capstarted, note);
}

/* Notes referenced by an item that have not started yet, in order. */
static int new_notes(struct pb *b, const struct vitem *it, int *out, int max)
{
	int n = 0;
	for (int k = it->ref0; k < it->ref0 + it->nrefs && n < max; k++) {
		int note = b->c->refs[k];
		if (note < 1 || note > b->c->doc->nnotes || b->note_page[note] >= 0)
			continue;
		bool dup = false;
		for (int j = 0; j < n; j++)
			dup |= out[j] == note;
		if (!dup)
			out[n++] = note;
	}
	return n;
}

static void take_snap(struct pb *b, struct snap *s, int item)
{
	*s = (struct snap){item,      b->nput,       b->nfoot,      b->nstarted, b->y,
			   b->foot_h, b->carry_note, b->carry_line, true};
}

static void restore(struct pb *b, const struct snap *s)
{
	for (int i = s->nstarted; i < b->nstarted; i++) {
		b->note_page[b->started[i]] = -1;
		b->note_next[b->started[i]] = 0;
	}
	b->nstarted = s->nstarted;
	b->nput = s->nput;
	b->nfoot = s->nfoot;
	b->y = s->y;
	b->foot_h = s->foot_h;
	b->carry_note = s->carry_note;
	b->carry_line = s->carry_line;
}

static void record(struct lctx *c, int page, enum rec_kind k, int block, int line,
		   int nlines, float y, float h)
{
	struct layout *L = c->out;
	struct record r = {page, k, block, line, nlines, y, h};
	VEC_PUSH(L->rec, L->nrec, c->rec_cap, r);
}

static void place(struct lpage *pg, int op0, int nops, float dy)
{
	if (nops) {
		struct place p = {op0, nops, dy};
		VEC_PUSH(pg->pl, pg->npl, pg->cap, p);
	}
}

static void emit_page(struct pb *b)
{
	struct lctx *c = b->c;
	const struct geom *g = b->g;
	struct layout *L = c->out;
	struct lpage pg = {.w = g->pw, .h = g->ph, .group = b->group};
	for (int i = 0; i < b->nput; i++) {
		const struct vitem *it = &c->items[b->put[i].item];
		float top = g->top + b->put[i].y;
		place(&pg, it->op0, it->nops, top);
		if (it->outline >= 0) {
			L->outline[it->outline].page = L->npages;
			L->outline[it->outline].y = top;
		}
		enum rec_kind k = REC_LINE;
		if (it->kind == V_ROW)
			k = REC_ROW;
		else if (it->kind == V_BOX)
			k = REC_BOX;
		else if (it->block >= 0 &&
			 c->doc->blocks.v[it->block].kind == BLK_HEADING)
			k = REC_HEADING;
		if (it->kind != V_SPACE)
			record(c, L->npages, k, it->block, it->line, it->nlines, top,
			       it->h);
	}
	/* a row cut at this page's foot is closed by a rule */
	if (b->nput) {
		const struct vitem *it = &c->items[b->put[b->nput - 1].item];
		if (it->kind == V_ROW && it->cont) {
			float bot = g->top + b->put[b->nput - 1].y + it->h;
			place(&pg, lt_hline(c, it->x0, it->x1, bot, 0.5f), 1, 0);
		}
	}
	if (b->nfoot) {
		float ftop = g->top + g->th - b->foot_h;
		int r = lt_hline(c, g->left, g->left + g->tw / 3, ftop + FOOT_RULE, 0.5f);
		place(&pg, r, 1, 0);
		float y = ftop + FOOT_SEP;
		for (int i = 0; i < b->nfoot; i++) {
			const struct vitem *fl = &c->flines[b->foot[i].fline];
			place(&pg, fl->op0, fl->nops, y);
			record(c, L->npages, REC_NOTE, fl->block, fl->line, fl->nlines, y,
			       fl->h);
			y += fl->h;
		}
	}
	VEC_PUSH(L->pages, L->npages, c->page_cap, pg);
}

static void new_page(struct pb *b)
{
	b->nput = b->nfoot = b->nstarted = 0;
	b->y = b->foot_h = 0;
	b->g = b->landscape_next ? &b->c->gl : &b->c->gp;
	b->avail = b->g->th;
	b->group = b->group_next;
}

/* Continue a footnote from the previous page at the top of the foot area,
 * leaving room for at least two body lines when more body follows. */
static void place_carry(struct pb *b, bool more_body)
{
	if (!b->carry_note)
		return;
	struct lctx *c = b->c;
	int note = b->carry_note;
	float room = b->avail - FOOT_SEP - (more_body ? 2 * c->g.pitch : 0);
	int from = b->carry_line, to = from;
	float h = 0;
	while (to < c->note_count[note] &&
	       h + c->flines[c->note_first[note] + to].h <= room + EPS) {
		h += c->flines[c->note_first[note] + to].h;
		to++;
	}
	if (to == from)
		to = from + 1; /* always progress */
	put_note_lines(b, note, from, to);
	if (to >= c->note_count[note]) {
		b->carry_note = 0;
		b->carry_line = 0;
	} else {
		b->carry_line = to;
	}
}

/* Try to place item j with its new footnotes, splitting the last one if
 * it does not fit whole. Returns the empty space left when it fits (or
 * -1 when it cannot be placed on this page without breaking a rule). */
static float try_split(struct pb *b, const struct vitem *it, const int *nn, int k,
		       int *split_lines)
{
	struct lctx *c = b->c;
	float room = b->avail - b->y - it->h - b->foot_h - sep_if_first(b);
	if (room < 0)
		return -1;
	for (int i = 0; i < k - 1; i++) {
		room -= note_h(c, nn[i], 0);
		if (room < 0)
			return -1;
	}
	int last = nn[k - 1], n = 0;
	while (n < c->note_count[last] &&
	       c->flines[c->note_first[last] + n].h <= room + EPS) {
		room -= c->flines[c->note_first[last] + n].h;
		n++;
	}
	if (n < 2 || n >= c->note_count[last])
		return -1;
	*split_lines = n;
	return room;
}

/* Put item j on the page with the k footnotes it starts (nn), the last
 * of them cut after split lines when split > 0 (the rest carries over).
 * A table row marks the page its table starts on unless told not to. */
static void place_with_notes(struct pb *b, int j, const int *nn, int k, int split,
			     bool mark_table)
{
	struct lctx *c = b->c;
	const struct vitem *it = &c->items[j];
	put_item(b, j);
	for (int q = 0; q < k; q++) {
		start_note(b, nn[q]);
		int to = split > 0 && q == k - 1 ? split : c->note_count[nn[q]];
		put_note_lines(b, nn[q], 0, to);
	}
	if (mark_table && it->kind == V_ROW && b->table_page[it->table] < 0)
		b->table_page[it->table] = b->page;
	if (split > 0) {
		b->carry_note = nn[k - 1];
		b->carry_line = split;
	}
}

/* A new page for item i: the carried footnote, no space at the top, and
 * the header rows of a table continued from the previous page. Returns
 * the first item to place. */
static int start_page(struct pb *b, int i)
{
	struct lctx *c = b->c;
	new_page(b);
	b->page = c->out->npages;
	place_carry(b, i < c->nitems);
	while (i < c->nitems && c->items[i].kind == V_SPACE)
		i++; /* space is discarded at the top of a page */
	if (i < c->nitems && c->items[i].kind == V_ROW && !c->items[i].head_row &&
	    b->table_page[c->items[i].table] >= 0 &&
	    b->table_page[c->items[i].table] < b->page) {
		const struct table_info *ti = &c->tables[c->items[i].table];
		for (int h = 0; h < ti->nhead; h++)
			put_item(b, ti->first_item + h);
	}
	return i;
}

/* Fill the page from item j: each item with its footnotes while they fit;
 * at the first that does not, split its last footnote or go back to the
 * last allowed break, whichever leaves less empty space. Returns the
 * first item of the next page. */
static int fill_page(struct pb *b, int j, int *nn, int nn_cap)
{
	struct lctx *c = b->c;
	int body0 = b->nput; /* items before this are repeated headers */
	struct snap s = {0};
	while (j < c->nitems) {
		const struct vitem *it = &c->items[j];
		if (it->kind == V_BREAK) {
			j++;
			b->landscape_next = it->landscape;
			if (it->group)
				b->group_next = it->group;
			if (b->nput > body0)
				return j;
			/* nothing on this page yet: turn it instead */
			b->g = it->landscape ? &c->gl : &c->gp;
			b->avail = b->g->th;
			b->group = b->group_next;
			continue;
		}
		int k = new_notes(b, it, nn, nn_cap);
		float fneed = 0;
		for (int q = 0; q < k; q++)
			fneed += note_h(c, nn[q], 0);
		if (k)
			fneed += sep_if_first(b);
		if (b->y + it->h + b->foot_h + fneed <= b->avail + EPS) {
			place_with_notes(b, j, nn, k, 0, true);
			if (it->brk)
				take_snap(b, &s, j);
			j++;
			continue;
		}
		/* It does not fit. Split its last footnote, or move it. */
		int split = 0;
		float left_split = k ? try_split(b, it, nn, k, &split) : -1;
		float left_move = s.valid ? b->avail - s.y - s.foot_h : INFINITY;
		if (left_split >= 0 && !b->carry_note && left_split <= left_move) {
			place_with_notes(b, j, nn, k, split, true);
			if (it->brk)
				take_snap(b, &s, j);
			j++;
			continue;
		}
		if (s.valid) {
			restore(b, &s);
			return s.item + 1;
		}
		if (b->nput > body0) {
			/* no allowed break on this page: break before j anyway */
			diag_warn((struct srcloc){c->doc->file, it->src_line, 0},
				  "no good place for a page break; breaking here");
			return j;
		}
		/* taller than a page on its own: place it regardless */
		if (it->h > b->avail + EPS)
			diag_warn((struct srcloc){c->doc->file, it->src_line, 0},
				  "this %s is taller than a page",
				  it->kind == V_ROW ? _("table row") : _("block"));
		place_with_notes(b, j, nn, k, 0, false);
		return j + 1;
	}
	return j;
}

/* A table whose rows were all undone on this page starts later. */
static void forget_undone_tables(struct pb *b)
{
	struct lctx *c = b->c;
	for (int t = 0; t < c->ntables; t++)
		if (b->table_page[t] == b->page) {
			bool kept = false;
			for (int q = 0; q < b->nput && !kept; q++)
				kept = c->items[b->put[q].item].table == t;
			if (!kept)
				b->table_page[t] = -1;
		}
}

/* Page numbers: Arabic, top centre, from page 2 (decree I.7); each
 * appendix is numbered from 1 again (ND30 III.1.đ). */
static void number_pages(struct lctx *c)
{
	for (int p = 0; p < c->out->npages; p++) {
		struct lpage *pg = &c->out->pages[p];
		pg->num = p > 0 && pg->group == pg[-1].group ? pg[-1].num + 1 : 1;
		if (pg->num < 2)
			continue;
		const struct geom *g = pg->w > pg->h ? &c->gl : &c->gp;
		const char *s = arena_printf(c->a, "%d", pg->num);
		float w = lt_width(c, s, FACE_REGULAR, g->size);
		struct op o = {.kind = OP_TEXT,
			       .face = FACE_REGULAR,
			       .size = g->size,
			       .x = g->left + (g->tw - w) / 2,
			       .y = 10 * MM + lt_baseline(g->size, LINE_PITCH * g->size),
			       .text = s};
		place(pg, lt_add_op(c, o), 1, 0);
	}
}

static bool paginate(struct lctx *c, struct pb *b)
{
	int nn_cap = c->doc->nnotes + 1;
	b->note_page = arena_alloc(c->a, sizeof(int) * (size_t)nn_cap);
	b->note_next = arena_alloc(c->a, sizeof(int) * (size_t)nn_cap);
	for (int i = 0; i < nn_cap; i++)
		b->note_page[i] = -1;
	b->table_page = arena_alloc(c->a, sizeof(int) * (size_t)(c->ntables + 1));
	for (int i = 0; i < c->ntables; i++)
		b->table_page[i] = -1;
	int *nn = arena_alloc(c->a, sizeof(int) * (size_t)nn_cap);
	int i = 0;
	while (i < c->nitems || b->carry_note) {
		if (c->out->npages >= MAX_PAGES) {
			diag_error((struct srcloc){c->doc->file, 0, 0},
				   "the report would have more than %d pages", MAX_PAGES);
			return false;
		}
		i = fill_page(b, start_page(b, i), nn, nn_cap);
		forget_undone_tables(b);
		emit_page(b);
	}
	number_pages(c);
	return true;
}

bool lp_paginate(struct lctx *c)
{
	struct pb b = {.c = c, .avail = c->gp.th, .g = &c->gp};
	bool ok = paginate(c, &b);
	free(b.put);
	free(b.foot);
	free(b.started);
	return ok;
}
