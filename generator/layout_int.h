/* layout_int: what the layout files share (not used outside layout*.c).
 * The vertical list: every line, table row and unbreakable box of the
 * report in order, each with its drawing ops in local coordinates (x on
 * the page, y from the item's top) and whether a page may break after it. */
#ifndef BAOCAO_LAYOUT_INT_H
#define BAOCAO_LAYOUT_INT_H

#include "layout.h"

#define MM 2.8346457f /* points per millimetre */
/* Line pitch at single spacing, in em of the font size: Word's "single"
 * for Times New Roman / Liberation Serif (spec/decree30.md: ascent 0.891
 * + descent 0.216 + line gap 0.042 em). */
#define LINE_PITCH 1.15f

enum vkind { V_LINE, V_SPACE, V_BOX, V_ROW, V_BREAK };

struct vitem {
	enum vkind kind;
	bool brk; /* a page may break after this item */
	bool head_row; /* a table header row (repeated on later pages) */
	bool landscape; /* V_BREAK: the pages after it are landscape */
	int group; /* V_BREAK: appendix k starts after it (k + 1); 0: none */
	bool cont; /* V_ROW: a piece of a row cut between lines, more follows */
	float x0, x1; /* V_ROW: the table's left and right edges */
	int table; /* table id for rows, else -1 */
	float h; /* height */
	int op0, nops; /* ops in lctx.ops */
	int ref0, nrefs; /* footnote numbers in lctx.refs */
	int block, line, nlines;
	int outline; /* outline entry, -1 if none */
	int src_line; /* template line, for warnings */
};

struct geom {
	float pw, ph; /* page */
	float left, top, tw, th; /* text area */
	float size, pitch, indent, gap; /* body text; gap after paragraphs */
	float tsize, tpitch; /* tables */
	float fsize, fpitch; /* footnotes */
};

/* A set line before it becomes a vertical item. */
struct pline {
	int op0, nops, ref0, nrefs;
	float h, width;
	int nwords; /* words on the line */
};

enum align { AL_JUSTIFY, AL_LEFT, AL_CENTER, AL_RIGHT };

#define SUP_SCALE 0.65f /* superscript size, as Word sets footnote refs */
#define SUP_RISE 0.35f

struct pstyle {
	float size, pitch;
	float x, width; /* the measure */
	float indent; /* first line */
	float hang; /* later lines */
	enum align align;
	bool balance; /* ragged lines of even length (titles, headers) */
	bool keep_last; /* no one-word last line (headings; implied by balance) */
	int face_add; /* bold/italic added to every run (FACE_OF bits) */
};

struct table_info {
	int first_item; /* first row's item */
	int nhead; /* header rows */
};

struct lctx {
	struct arena *a;
	struct arena scratch; /* one paragraph's words and breakpoints */
	const struct doc *doc;
	const struct fontset *fs;
	const struct layout_opts *opt;
	struct geom g; /* the geometry being set: portrait or landscape */
	struct geom gp, gl; /* portrait pages; landscape pages (wide tables) */
	struct op *ops;
	int nops, capops;
	struct vitem *items;
	int nitems, capitems;
	int *refs;
	int nrefs, caprefs;
	struct vitem *flines; /* footnote lines */
	int nflines, capflines;
	int *note_first, *note_count; /* per note number: its lines */
	struct table_info *tables;
	int ntables, captables;
	struct layout *out;
	int outline_cap, rec_cap, page_cap;
	bool failed;
	bool glyph_failed; /* a missing glyph was reported */
	bool landscape_appendix; /* the appendix being set is landscape */
};

/* layout_text.c: the items and ops every layout file adds, and set text */
int lt_push_item(struct lctx *c, struct vitem v);
int lt_add_op(struct lctx *c, struct op o);
bool lt_check_glyphs(struct lctx *c, const struct run *r, int n, int face_add);
int lt_set(struct lctx *c, const struct run *runs, int nruns, const struct pstyle *st,
	   struct pline **out);
/* Set a single string (no markup) in one face. */
int lt_set_plain(struct lctx *c, const char *s, int face, const struct pstyle *st,
		 int line, struct pline **out);
float lt_width(struct lctx *c, const char *s, int face, float size);
void lt_shift(struct lctx *c, int op0, int nops, float dx, float dy);
int lt_hline(struct lctx *c, float x1, float x2, float y, float lw);
float lt_baseline(float size, float pitch);

/* layout_front.c: header block, title block, closing block */
void lf_front(struct lctx *c);
void lf_closing(struct lctx *c);

/* layout_table.c */
void ltab_table(struct lctx *c, const struct block *b, int bi);

/* layout_figure.c: images and charts (layout_chart.c draws charts) */
void lfig_image(struct lctx *c, const struct block *b, int bi);
void lfig_chart(struct lctx *c, const struct block *b, int bi);
float lchart_draw(struct lctx *c, const struct chart *ch, float x, float w);

/* layout_appendix.c: the head of an appendix, on a new page */
void lapp_start(struct lctx *c, const struct block *b, int bi);

/* layout_page.c */
bool lp_paginate(struct lctx *c);

/* layout_measure.c: page-foot holes and stranded lines, into out->stats */
void lm_measure(struct lctx *c);
/* A paragraph ending in ':' (a lead-in: "Cụ thể:", "Năm 2022:"). */
bool lm_ends_with_colon(const struct block *b);

#endif
