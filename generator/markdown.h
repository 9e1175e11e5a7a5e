/* markdown: parses the expanded template with cmark-gfm (tables and
 * footnotes) and builds the body of the doc model: headings, paragraphs,
 * Vietnamese-style list items, tables with merged cells, footnotes.
 * Owns: every reading of Markdown syntax, and the rules for "-"/"+"
 * items, heading case and numbering, "<"/"^" merges.
 * Must not: measure or place anything (layout does). */
#ifndef BAOCAO_MARKDOWN_H
#define BAOCAO_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "doc.h"
#include "template.h"

/* Parse md (len bytes, NUL-terminated) into doc->blocks and doc->notes.
 * map turns md's lines into template lines for messages.
 * auto_number: danh_so_tu_dong (headings numbered I., 1., 1.1., a)). */
bool md_parse(struct arena *a, const char *file, const char *md, size_t len,
	      const struct linemap *map, bool auto_number, struct doc *doc);

#endif
