/* layout_measure: the typesetting figures of a finished layout (--stats):
 * page-foot holes and stranded lines (widows, orphans, a heading or a
 * lead-in line ending in ':' at a page foot), read back from the page
 * records the page builder wrote; and the printing of every figure.
 * Owns: layout_stats' page figures. Must not: change the layout. */
#include <string.h>

#include "layout_int.h"

static bool is_body(const struct record *r)
{
	return r->kind == REC_LINE || r->kind == REC_HEADING || r->kind == REC_BOX ||
	       r->kind == REC_ROW;
}

/* A paragraph whose text ends with ':' introduces what follows. */
bool lm_ends_with_colon(const struct block *b)
{
	for (int k = b->text.n - 1; k >= 0; k--) {
		const struct run *r = &b->text.v[k];
		if (r->note)
			continue;
		uint32_t n = r->len;
		while (n && strchr(" \t\n", r->text[n - 1]))
			n--;
		if (n)
			return r->text[n - 1] == ':';
	}
	return false;
}

static bool keeps(const struct block *b)
{
	return b->kind == BLK_HEADING ||
	       (b->kind == BLK_PARA &&
		(b->style == PARA_CAPTION || b->style == PARA_UNIT));
}

void lm_measure(struct lctx *c)
{
	struct layout *L = c->out;
	struct layout_stats *st = &L->stats;
	const struct blocklist *bl = &c->doc->blocks;
	/* first and last body record of every page */
	int np = L->npages;
	if (!np)
		return;
	int *first = arena_alloc(c->a, sizeof(int) * (size_t)np * 3);
	int *last = first + np, *note0 = last + np;
	for (int p = 0; p < np; p++)
		first[p] = last[p] = note0[p] = -1;
	for (int i = 0; i < L->nrec; i++) {
		const struct record *r = &L->rec[i];
		if (r->page < 0 || r->page >= np)
			continue;
		if (r->kind == REC_NOTE) {
			if (note0[r->page] < 0)
				note0[r->page] = i;
			continue;
		}
		if (!is_body(r))
			continue;
		if (first[r->page] < 0)
			first[r->page] = i;
		last[r->page] = i;
	}
	for (int p = 0; p < np; p++) {
		if (first[p] < 0)
			continue;
		const struct record *f = &L->rec[first[p]], *l = &L->rec[last[p]];
		if (p > 0 && f->kind == REC_LINE && f->nlines > 1 &&
		    f->line == f->nlines - 1)
			st->widows++;
		if (p == np - 1)
			continue;
		const struct block *b =
		    l->block >= 0 && l->block < bl->n && l->kind != REC_BOX
			? &bl->v[l->block]
			: NULL;
		if (l->kind == REC_LINE && l->nlines > 1 && l->line == 0)
			st->orphans++;
		if (b && l->kind != REC_ROW && keeps(b))
			st->foot_headings++;
		else if (b && l->kind == REC_LINE && l->line == l->nlines - 1 &&
			 b->kind == BLK_PARA && lm_ends_with_colon(b))
			st->foot_leadins++;
		/* the hole under the last body item, unless the author or a
		 * change of orientation ended the page */
		const struct lpage *pg = &L->pages[p], *nx = &L->pages[p + 1];
		if ((pg->w > pg->h) != (nx->w > nx->h))
			continue;
		int b0 = -1, b1 = -1;
		for (int i = last[p]; i >= first[p] && b0 < 0; i--)
			if (L->rec[i].kind != REC_BOX && L->rec[i].page == p)
				b0 = L->rec[i].block;
		if (first[p + 1] >= 0) {
			for (int i = first[p + 1]; i <= last[p + 1] && b1 < 0; i++)
				if (L->rec[i].kind != REC_BOX && L->rec[i].page == p + 1)
					b1 = L->rec[i].block;
		}
		bool forced = false;
		for (int k = b0 + 1; b0 >= 0 && k <= b1 && k < bl->n; k++)
			forced |= bl->v[k].kind == BLK_PAGEBREAK;
		if (forced)
			continue;
		const struct geom *g = pg->w > pg->h ? &c->gl : &c->gp;
		float bottom = 0;
		for (int i = first[p]; i <= last[p]; i++)
			if (L->rec[i].page == p && is_body(&L->rec[i]) &&
			    L->rec[i].y + L->rec[i].h > bottom)
				bottom = L->rec[i].y + L->rec[i].h;
		float limit = g->top + g->th;
		if (note0[p] >= 0)
			limit = L->rec[note0[p]].y - 10.0f; /* FOOT_SEP */
		float hole = (limit - bottom) / MM;
		if (hole > st->max_hole) {
			st->max_hole = hole;
			st->max_hole_page = p + 1;
		}
	}
}

void layout_print_stats(FILE *f, const struct layout *L)
{
	const struct layout_stats *s = &L->stats;
	fprintf(f,
		"stats: pages=%d lines=%d overfull=%d loose_paras=%d "
		"infeasible_paras=%d loose_lines=%d wide_lines=%d max_space=%.3f "
		"mean_space=%.3f max_hole_mm=%.1f max_hole_page=%d widows=%d "
		"orphans=%d foot_headings=%d foot_leadins=%d short_heads=%d "
		"short_balanced=%d short_last=%d broken_ties=%d max_track_em=%.4f "
		"short_lines=%d\n",
		L->npages, s->lines, s->overfull, s->loose_paras, s->infeasible_paras,
		s->loose_lines, s->wide_lines, s->max_space,
		s->space_lines ? s->sum_space / s->space_lines : 0, s->max_hole,
		s->max_hole_page, s->widows, s->orphans, s->foot_headings,
		s->foot_leadins, s->short_heads, s->short_balanced, s->short_last,
		s->broken_ties, s->max_track, s->short_lines);
}
