/* layout: turns the doc model into the vertical list (front matter
 * boxes, lines, rows, footnote lines) and hands it to the page builder. */
#include "layout.h"

#include <stdio.h>
#include <string.h>

#include "layout_int.h"
#include "vec.h"

static void geometry(struct lctx *c)
{
	const struct page_setup *p = &c->doc->meta.page;
	for (int land = 0; land < 2; land++) {
		struct geom *g = land ? &c->gl : &c->gp;
		/* A landscape page keeps the decree's margins on the same sides. */
		g->pw = (land ? 297 : 210) * MM;
		g->ph = (land ? 210 : 297) * MM;
		g->left = (float)p->left * MM;
		g->top = (float)p->top * MM;
		g->tw = g->pw - (float)(p->left + p->right) * MM;
		g->th = g->ph - (float)(p->top + p->bottom) * MM;
		g->size = (float)p->size;
		g->pitch = LINE_PITCH * g->size * (float)p->spacing;
		g->indent = (float)p->indent * MM;
		g->gap = 6;
		g->tsize = (float)p->table_size;
		g->tpitch = LINE_PITCH * g->tsize;
		g->fsize = (float)p->note_size;
		g->fpitch = LINE_PITCH * g->fsize;
	}
	c->g = c->gp;
}

static char *plain_text(struct lctx *c, const struct inl *in)
{
	size_t n = 0;
	for (int i = 0; i < in->n; i++)
		if (!in->v[i].note)
			n += in->v[i].len + 1;
	char *s = arena_alloc(c->a, n + 1), *p = s;
	for (int i = 0; i < in->n; i++) {
		if (in->v[i].note)
			continue;
		memcpy(p, in->v[i].text, in->v[i].len);
		p += in->v[i].len;
		if (in->v[i].brk)
			*p++ = ' ';
	}
	*p = 0;
	return s;
}

/* Lines of a paragraph or heading become items. keep: the block keeps
 * with what follows (headings, table titles). */
enum keep { KEEP_NONE, KEEP_ALL, KEEP_LAST };

static void add_lines(struct lctx *c, const struct block *b, int bi,
		      const struct pstyle *st, enum keep keep, float gap)
{
	struct pline *pl;
	int n = lt_set(c, b->text.v, b->text.n, st, &pl);
	if (c->failed || n == 0)
		return;
	int outline = -1;
	if (b->kind == BLK_HEADING && n > 1 && pl[n - 1].nwords == 1)
		c->out->stats.short_heads++;
	if (b->kind == BLK_HEADING) {
		struct outline_entry e = {.level = b->level,
					  .title = plain_text(c, &b->text)};
		VEC_PUSH(c->out->outline, c->out->noutline, c->outline_cap, e);
		outline = c->out->noutline - 1;
	}
	for (int l = 0; l < n; l++) {
		/* No orphan (first line alone at a page foot), no widow (last
		 * line alone at a page head): break only after lines 2..n-2. */
		bool brk = keep != KEEP_ALL && (l == n - 1 || (l >= 1 && l <= n - 3));
		if (keep == KEEP_LAST && l == n - 1)
			brk = false;
		struct vitem v = {.kind = V_LINE,
				  .brk = brk,
				  .table = -1,
				  .h = pl[l].h,
				  .op0 = pl[l].op0,
				  .nops = pl[l].nops,
				  .ref0 = pl[l].ref0,
				  .nrefs = pl[l].nrefs,
				  .block = bi,
				  .line = l,
				  .nlines = n,
				  .outline = l == 0 ? outline : -1,
				  .src_line = b->line};
		lt_push_item(c, v);
		c->out->stats.lines++;
	}
	lt_push_item(c, (struct vitem){.kind = V_SPACE,
				       .brk = keep == KEEP_NONE,
				       .table = -1,
				       .h = gap,
				       .op0 = c->nops,
				       .block = bi,
				       .outline = -1});
}

/* A landscape table takes its title and unit lines with it: the group
 * starting at block i, or -1 when block i does not start one. */
static int landscape_group_end(const struct doc *d, int i)
{
	if (i > 0) {
		const struct block *p = &d->blocks.v[i - 1];
		if (p->kind == BLK_PARA &&
		    (p->style == PARA_CAPTION || p->style == PARA_UNIT))
			return -1; /* inside a group that started earlier */
	}
	for (int k = i; k < d->blocks.n; k++) {
		const struct block *b = &d->blocks.v[k];
		if (b->kind == BLK_TABLE)
			return b->table->landscape ? k : -1;
		if (b->kind != BLK_PARA ||
		    (b->style != PARA_CAPTION && b->style != PARA_UNIT))
			return -1;
	}
	return -1;
}

static void page_turn(struct lctx *c, bool landscape, int bi)
{
	lt_push_item(c, (struct vitem){.kind = V_BREAK,
				       .brk = true,
				       .landscape = landscape,
				       .table = -1,
				       .op0 = c->nops,
				       .block = bi,
				       .outline = -1});
}

static void body(struct lctx *c, int from, int to)
{
	int land_end = -1;
	for (int i = from; i < to && !c->failed; i++) {
		const struct block *b = &c->doc->blocks.v[i];
		if (b->kind == BLK_APPENDIX) {
			lapp_start(c, b, i);
			continue;
		}
		if (land_end < 0 && !c->landscape_appendix &&
		    (land_end = landscape_group_end(c->doc, i)) >= 0) {
			c->g = c->gl;
			page_turn(c, true, i);
		}
		const struct geom *g = &c->g;
		struct pstyle st = {.size = g->size,
				    .pitch = g->pitch,
				    .x = g->left,
				    .width = g->tw,
				    .indent = g->indent,
				    .align = AL_JUSTIFY};
		switch (b->kind) {
		case BLK_PARA:
			if (b->style == PARA_UNIT) {
				st.align = AL_RIGHT;
				st.indent = 0;
				st.face_add = FACE_ITALIC;
				add_lines(c, b, i, &st, KEEP_ALL, 2);
			} else if (b->style == PARA_CAPTION || b->style == PARA_FIGCAP) {
				st.align = AL_CENTER;
				st.indent = 0;
				st.balance = true;
				st.face_add = FACE_BOLD;
				add_lines(c, b, i, &st, KEEP_ALL, 4);
			} else {
				/* a lead-in ending in ':' keeps its last line with
				 * the first line of what it introduces */
				bool lead =
				    lm_ends_with_colon(b) && i + 1 < c->doc->blocks.n;
				add_lines(c, b, i, &st, lead ? KEEP_LAST : KEEP_NONE,
					  g->gap);
			}
			break;
		case BLK_HEADING:
			/* balanced ragged lines, the last of two words at least:
			 * justified, a heading's first line opened its spaces
			 * wide to leave one word below ("…Chương / trình") */
			st.align = AL_LEFT;
			st.balance = true;
			if (b->style == PARA_PART) {
				st.align = AL_CENTER;
				st.indent = 0;
				st.balance = true;
			}
			add_lines(c, b, i, &st, KEEP_ALL, g->gap);
			break;
		case BLK_TABLE:
			ltab_table(c, b, i);
			lt_push_item(c, (struct vitem){.kind = V_SPACE,
						       .brk = true,
						       .table = -1,
						       .h = g->gap + 2,
						       .op0 = c->nops,
						       .block = i,
						       .outline = -1});
			break;
		case BLK_PAGEBREAK: page_turn(c, false, i); break;
		case BLK_IMAGE: lfig_image(c, b, i); break;
		case BLK_CHART: lfig_chart(c, b, i); break;
		case BLK_APPENDIX: break; /* lapp_start, above */
		}
		if (i == land_end) {
			land_end = -1;
			c->g = c->gp;
			page_turn(c, false, i);
		}
	}
}

/* Footnotes are set once, at the foot's measure; the page builder places
 * their lines. The number hangs: a superscript at the left margin, and
 * every line of the note's text starts after it, at one x for all the
 * notes of the document (the widest number plus a quarter em). A note
 * continued on the next page goes on plain: the decree has no form for
 * "(tiếp theo)" in a footnote. */
static void footnotes(struct lctx *c)
{
	const struct geom *g = &c->g;
	int nn = c->doc->nnotes + 1;
	c->note_first = arena_alloc(c->a, sizeof(int) * (size_t)nn);
	c->note_count = arena_alloc(c->a, sizeof(int) * (size_t)nn);
	float hang = 0, nsize = g->fsize * SUP_SCALE;
	for (int k = 0; k < c->doc->nnotes; k++) {
		char num[16];
		snprintf(num, sizeof num, "%d", c->doc->notes[k].num);
		float w = lt_width(c, num, FACE_REGULAR, nsize);
		if (w > hang)
			hang = w;
	}
	hang += 0.25f * g->fsize;
	for (int k = 0; k < c->doc->nnotes && !c->failed; k++) {
		const struct note *nt = &c->doc->notes[k];
		c->note_first[nt->num] = c->nflines;
		bool numbered = false;
		for (int bi = 0; bi < nt->blocks.n; bi++) {
			const struct block *b = &nt->blocks.v[bi];
			if (b->kind != BLK_PARA && b->kind != BLK_HEADING)
				continue;
			int num_op = -1;
			if (!numbered) {
				struct op o = {
				    .kind = OP_TEXT,
				    .face = FACE_REGULAR,
				    .size = nsize,
				    .x = g->left,
				    .y = lt_baseline(g->fsize, g->fpitch) -
					 g->fsize * SUP_RISE,
				    .text = arena_printf(c->a, "%d", nt->num)};
				num_op = lt_add_op(c, o);
			}
			struct pstyle st = {.size = g->fsize,
					    .pitch = g->fpitch,
					    .x = g->left + hang,
					    .width = g->tw - hang,
					    .align = AL_JUSTIFY,
					    .indent = numbered ? g->indent : 0};
			struct pline *pl;
			int nrefs0 = c->nrefs;
			int n = lt_set(c, b->text.v, b->text.n, &st, &pl);
			c->nrefs = nrefs0; /* refs inside a note start nothing */
			if (n > 0 && num_op >= 0 && pl[0].op0 == num_op + 1) {
				/* the number belongs to the first line */
				pl[0].op0 = num_op;
				pl[0].nops++;
				numbered = true;
			}
			for (int l = 0; l < n; l++) {
				struct vitem v = {.kind = V_LINE,
						  .h = pl[l].h,
						  .op0 = pl[l].op0,
						  .nops = pl[l].nops,
						  .block = nt->num,
						  .line =
						      c->nflines - c->note_first[nt->num],
						  .outline = -1,
						  .table = -1};
				VEC_PUSH(c->flines, c->nflines, c->capflines, v);
			}
		}
		c->note_count[nt->num] = c->nflines - c->note_first[nt->num];
		for (int i = c->note_first[nt->num]; i < c->nflines; i++)
			c->flines[i].nlines = c->note_count[nt->num];
	}
}

static bool run(struct lctx *c)
{
	geometry(c);
	lf_front(c);
	/* appendices come after the signature block */
	int napp = 0, first_app = c->doc->blocks.n;
	for (int i = c->doc->blocks.n - 1; i >= 0; i--)
		if (c->doc->blocks.v[i].kind == BLK_APPENDIX) {
			first_app = i;
			napp++;
		}
	body(c, 0, first_app);
	if (c->failed)
		return false;
	/* The closing block keeps with the body's last lines: a page holding
	 * only the signature would invite a forged page before it. */
	for (int i = c->nitems - 1; i >= 0 && i >= c->nitems - 2; i--)
		c->items[i].brk = false;
	lf_closing(c);
	if (napp) {
		c->out->napp = napp;
		c->out->app_label = arena_alloc(c->a, sizeof(char *) * (size_t)napp);
		for (int i = first_app; i < c->doc->blocks.n; i++) {
			const struct dappendix *ap = c->doc->blocks.v[i].appendix;
			if (c->doc->blocks.v[i].kind == BLK_APPENDIX)
				c->out->app_label[ap->index] =
				    *ap->num ? arena_printf(c->a, "PL %s-", ap->num) : "PL ";
		}
		body(c, first_app, c->doc->blocks.n);
		c->g = c->gp;
	}
	footnotes(c);
	if (c->failed || !lp_paginate(c))
		return false;
	lm_measure(c);
	return true;
}

bool layout_run(struct arena *a, const struct doc *doc, const struct fontset *fs,
		const struct layout_opts *opt, struct layout *out)
{
	memset(out, 0, sizeof *out);
	static const struct layout_opts defaults = {0};
	struct lctx c = {
	    .a = a, .doc = doc, .fs = fs, .opt = opt ? opt : &defaults, .out = out};
	arena_init(&c.scratch);
	bool ok = run(&c);
	arena_free(&c.scratch);
	/* the ops go to the result; the vertical list is done with */
	out->ops = c.ops;
	out->nops = c.nops;
	free(c.items);
	free(c.refs);
	free(c.flines);
	return ok;
}

void layout_free(struct layout *L)
{
	for (int p = 0; p < L->npages; p++)
		free(L->pages[p].pl);
	free(L->pages);
	free(L->ops);
	free(L->rec);
	free(L->outline);
	memset(L, 0, sizeof *L);
}
