/* layout: decides where everything goes. Paragraphs are broken into lines
 * (lines.c), tables get column widths and rows, footnotes are set at the
 * foot of the page that references them, and one page builder cuts the
 * vertical list into A4 pages (widows, orphans, keep-with-next, repeated
 * table headers, "Nơi nhận"/signature kept together).
 * Owns: every position and size on the page (points, origin top-left).
 * Must not: call libharu; render draws the page records as they are. */
#ifndef BAOCAO_LAYOUT_H
#define BAOCAO_LAYOUT_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "doc.h"
#include "font.h"

enum op_kind { OP_TEXT, OP_LINE, OP_IMAGE, OP_SHAPE };

/* A path for charts, filled and/or stroked, in grey (black and white
 * print). Points are relative to the op's (x, y), y downwards. */
enum hatch { HATCH_NONE, HATCH_UP, HATCH_DOWN, HATCH_CROSS, HATCH_FLAT, HATCH_DOTS };
struct shape {
	const char *cmd; /* 'M' move (1 point), 'L' line (1), 'C' curve (3:
			    two controls and the end), 'Z' close (0) */
	const float *pt; /* x, y pairs */
	float fill; /* grey level 0 (black) .. 1 (white); < 0: not filled */
	float stroke; /* grey level of the outline; < 0: no outline */
	float lw; /* outline width */
	float dash[2]; /* on, off; 0: solid */
	uint8_t hatch; /* enum hatch, drawn over the fill, clipped to it */
};

/* One drawing instruction. Coordinates are points from the page's
 * top-left corner. Text: (x, y) is the start of the baseline. */
struct op {
	enum op_kind kind;
	uint8_t face;
	float size;
	float x, y, x2, y2; /* line: from (x, y) to (x2, y2); text: x2 is
			       where the pen stands after the text; image:
			       the box from (x, y) to (x2, y2) */
	float lw; /* line width */
	float cs; /* text: letter spacing (PDF Tc), points */
	union {
		const char *text; /* NUL-terminated UTF-8 */
		const struct image *img; /* OP_IMAGE */
		const struct shape *shape; /* OP_SHAPE */
	};
};

/* The ops of one item (a line, a row, a box) drawn dy points lower. */
struct place {
	int op0, nops;
	float dy;
};

struct lpage {
	float w, h;
	int group; /* 0: the report; k + 1: appendix k (numbered apart) */
	int num; /* its page number within the report or the appendix */
	struct place *pl; /* into layout.ops */
	int npl, cap;
};

struct outline_entry {
	int level; /* 1..4 */
	const char *title; /* heading text */
	int page; /* 0-based */
	float y;
};

/* What went where, for tests: one record per placed line/box/row. */
enum rec_kind { REC_LINE, REC_HEADING, REC_BOX, REC_ROW, REC_NOTE };
struct record {
	int page;
	enum rec_kind kind;
	int block; /* block index (notes: note number) */
	int line; /* line within the block, 0-based */
	int nlines; /* lines in the block */
	float y, h;
};

struct layout_stats {
	int lines; /* body lines set */
	int overfull; /* lines wider than the measure (no feasible break) */
	int loose_paras; /* paragraphs that needed the loose pass */
	int infeasible_paras; /* paragraphs with no breaks within 2x spaces */
	int wide_lines; /* justified lines whose spaces exceed 2x */
	double max_space; /* largest inter-word space / normal space, justified lines */
	double sum_space; /* sum of per-line largest ratios (for the mean) */
	int space_lines; /* justified lines counted in the two above */
	int loose_lines; /* justified lines whose spaces exceed 1.5x */
	int broken_ties; /* ties (figure-unit, "số" and its number) broken */
	int short_last; /* paragraphs ending in a one-word line */
	int short_heads; /* headings ending in a one-word line */
	int short_balanced; /* titles and header cells ending in one word */
	float max_track; /* widest letter spacing, em */
	int short_lines; /* justified lines left short: spaces 2x, letters at most */
	/* from the pages (layout_measure.c) */
	float max_hole; /* largest empty space at a page foot, mm */
	int max_hole_page; /* its page, 1-based */
	int widows, orphans; /* a paragraph's last/first line alone */
	int foot_headings; /* a heading or caption ending a page */
	int foot_leadins; /* a paragraph ending in ':' ending a page */
};

struct layout {
	struct op *ops; /* every drawing op, in the items' own coordinates */
	int nops;
	struct lpage *pages;
	int npages;
	struct outline_entry *outline;
	int noutline;
	const char **app_label; /* page label prefix of appendix k: "PL I-" */
	int napp;
	struct record *rec;
	int nrec;
	struct layout_stats stats;
};

struct layout_opts {
	bool greedy; /* first-fit line breaking (for comparison) */
};

/* Lay out doc. Reports input errors (missing glyphs, over-wide tables)
 * with diag and returns false. Free the result with layout_free (also
 * after a failure). */
bool layout_run(struct arena *a, const struct doc *doc, const struct fontset *fs,
		const struct layout_opts *opt, struct layout *out);
void layout_free(struct layout *L);
/* The --stats line: typesetting figures of a layout. */
void layout_print_stats(FILE *f, const struct layout *L);

#endif
