/* md_int: what markdown.c and mdtable.c share (not for other modules):
 * the reader's state while it walks cmark-gfm's tree, and the helpers
 * that turn nodes into runs and blocks. */
#ifndef BAOCAO_MD_INT_H
#define BAOCAO_MD_INT_H

#include <cmark-gfm.h>
#include <stdbool.h>
#include <stdint.h>

#include "markdown.h"

/* Exported by libcmark-gfm-extensions but declared in no installed header. */
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW, CMARK_NODE_TABLE_CELL;

struct md {
	struct arena *a;
	const char *file;
	const char *src;
	size_t len;
	const struct linemap *map;
	struct doc *doc;
	bool auto_number;
	bool landscape_next; /* "<!-- ngang -->" seen: the next table */
	int counter[4];
	int bare_part; /* index of a "Phần I" heading with no title, or -1 */
	bool failed;
	/* Byte offset of each line of src, built on first use: finding an
	 * item's line by scanning from the top made long ordered lists
	 * quadratic (100.000 items took 23 s). */
	size_t *line_off;
	int nline_off;
	long table_cells; /* of all tables so far (MAX_TABLE_CELLS) */
	int nappendix; /* "# Phụ lục" headings so far */
	/* Footnotes (only when the text holds a "[^"): lines of the source
	 * some block of cmark's tree covers; the labels of the references
	 * cmark resolved, upper case (its labels ignore case). */
	bool has_notes;
	bool rereading; /* a cell read a second time: no messages */
	bool bad_ref; /* a reference without definition was reported */
	uint8_t *covered;
	const char **ref_labels;
	int nref_labels, cap_ref_labels;
};

/* Template line of a line of the expanded text. */
int md_tline(const struct md *m, int line);
struct srcloc md_loc_at(const struct md *m, int line);
/* The inline content of a block node as runs (base_bold/base_italic: the
 * block's own style). */
void md_collect_inlines(struct md *m, cmark_node *node, struct inl *out, bool base_bold,
			bool base_italic, int block_line);
void md_prepend_text(struct md *m, struct inl *in, const char *s, int line);
struct block *md_new_block(struct md *m, struct blocklist *bl, enum block_kind k, int line);

/* The start of source line `line` of the expanded text, or NULL. */
const char *md_line_start(struct md *m, int line);
/* Where a node starts: its template line and column. */
struct srcloc md_loc_col(struct md *m, cmark_node *n);
/* Footnotes: mark the source lines node covers; after the walk, report
 * definitions cmark dropped or that nothing references. */
void md_cover(struct md *m, cmark_node *n);
void md_check_unused_notes(struct md *m);

/* A GFM table node as a BLK_TABLE block (mdtable.c). */
void md_build_table(struct md *m, cmark_node *node, struct blocklist *out);

#endif
