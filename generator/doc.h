/* doc: the document model that markdown (and report, for the front
 * matter) builds and layout consumes: the official parts of the report,
 * body blocks, and footnotes kept aside.
 * Owns: only types. All memory lives in the build's arena. */
#ifndef BAOCAO_DOC_H
#define BAOCAO_DOC_H

#include <stdbool.h>
#include <stdint.h>

#include "chart.h"
#include "font.h"
#include "frontmatter.h"
#include "image.h"

/* A run of inline text in one face. A footnote reference is a run of
 * its number with note > 0, drawn as a superscript. */
struct run {
	const char *text; /* NFC UTF-8, len bytes */
	uint32_t len;
	uint8_t face; /* enum face_id */
	uint8_t brk; /* a hard line break (text is empty) */
	int note; /* footnote number, 0 if none */
	int line; /* template line, for messages */
};

struct inl {
	struct run *v;
	int n, cap;
};

enum block_kind {
	BLK_PARA,
	BLK_HEADING,
	BLK_TABLE,
	BLK_PAGEBREAK,
	BLK_IMAGE, /* a picture on its own: block.image */
	BLK_CHART, /* {{ chart ... }}: block.chart */
	BLK_APPENDIX, /* "# Phụ lục I. Title": starts appendix block.appendix;
			 text is the title (upper case) */
};

enum para_style {
	PARA_BODY, /* justified, first-line indent */
	PARA_UNIT, /* "Đơn vị tính: ..." above a table: right, italic */
	PARA_CAPTION, /* "Biểu ..." before a table: centred, bold */
	PARA_PART, /* a "Phần I" / "Chương I" heading and its title: centred */
	PARA_FIGCAP, /* "Biểu đồ ..." / "Hình ..." right before a chart or
			image: centred, bold, kept with it */
};

/* An appendix (Phụ lục) after the signature block. */
struct dappendix {
	const char *num; /* "I", "II", "01"; "" for a lone "Phụ lục" */
	bool landscape; /* "<!-- ngang -->" right under its heading */
	int index; /* 0, 1, ... */
};

/* A picture: `![caption](src "60%")`. */
struct dimage {
	const char *src; /* as written */
	struct inl caption; /* the alt text (may be empty) */
	double pct, mm; /* width from the title; 0 when not given */
	const struct image *img; /* loaded by image_load_doc */
	int line, col;
};

struct tcell {
	struct inl text;
	int colspan, rowspan; /* 1 for plain cells */
	bool covered; /* merged into another cell ("<" or "^") */
};

struct dtable {
	int ncols, nrows, nhead; /* the first nhead rows are header rows */
	char *align; /* per column: 'l', 'c', 'r' or 0 */
	struct tcell *cells; /* nrows * ncols */
	int *row_line; /* template line of each row */
	bool landscape;
};

struct block {
	enum block_kind kind;
	int level; /* heading level 1..4 */
	enum para_style style;
	struct inl text;
	struct dtable *table;
	struct dimage *image;
	const struct chart *chart;
	struct dappendix *appendix;
	int line; /* template line */
};

struct blocklist {
	struct block *v;
	int n, cap;
};

struct note {
	int num;
	struct blocklist blocks;
	int line;
};

/* A front-matter text after placeholder expansion. */
struct mtext {
	const char *s; /* NULL when absent */
	int line;
};

struct mlist {
	struct mtext *v;
	int n;
};

/* The parts of the report outside the body (DESIGN.md §2.1): a field per
 * front-matter part (FM_PARTS, frontmatter.h), expanded; the date parsed. */
#define META_FIELD_TEXT(f) struct mtext f;
#define META_FIELD_LIST(f) struct mlist f;
#define META_FIELD_BOOL(f) bool f;
#define META_FIELD_DATE(f) /* year, month, day below */
#define META_FIELD(kind, f, top, role) META_FIELD_##kind(f)

struct meta {
	FM_PARTS(META_FIELD)
	struct mtext ten_co_quan; /* the agency in running text (appendices) */
	int year, month, day; /* the date; year 0 when there is none */
	int date_line;
	bool has_ky;
	struct page_setup page;
};

struct doc {
	struct meta meta;
	struct blocklist blocks;
	struct note *notes; /* notes[i].num == i + 1 */
	int nnotes;
	const char *file; /* the template, for messages */
	const char *src; /* its text (NFC), to find columns for messages */
	size_t src_len;
	struct chart_list charts; /* filled by the template stage */
	struct imageset images; /* every image file, once */
};

#endif
