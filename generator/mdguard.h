/* mdguard: the Markdown patterns that Debian's cmark-gfm 0.29.0.gfm.6
 * parses in quadratic time (fixed upstream in 2023, gfm.7 and later),
 * found before cmark-gfm sees the text: raw HTML openers that never end
 * (`a <![CDATA[`, `a <?`, `a <!X`, `a <!--` repeated: each one rescans
 * the rest of its paragraph), many images in one paragraph (`![[]()`
 * repeated: every link walks back over all open image brackets), and
 * tables whose rows cmark-gfm would fill with the header's many cells.
 * Also the texts the PDF writer cannot take (mdguard_titles).
 * Owns: that pre-scan and its limits (bounds.h). Must not: parse
 * Markdown otherwise or build anything. */
#ifndef BAOCAO_MDGUARD_H
#define BAOCAO_MDGUARD_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "template.h"

/* Check the expanded Markdown md[0..len) whose line map is map (may be
 * NULL: lines are then the text's own). Reports the first problem as
 * FILE:LINE:COL and returns false. */
bool mdguard_check(const char *file, const char *md, size_t len,
		   const struct linemap *map);

/* An HTML block cmark-gfm made of a comment (lit, its literal) drops
 * text silently when the comment never ends (the rest of the report is
 * in it) or when text follows its '-->' on the same line. NULL when
 * neither, else the message; *line_off is the line of the problem
 * counted from the block's first line. */
const char *mdguard_comment_block(const char *lit, int *line_off);

/* Whether text appended now to the expanded Markdown s[0..len) lands
 * where Markdown shows it literally: inside an inline code span opened
 * on the current line, or on a line that starts raw HTML ('<' and a
 * letter, '/', '!' or '?'). There the template must not add its
 * backslash escapes (they would show: "A\_1"). Incremental: calls on
 * one growing buffer cost the new bytes only. */
bool mdguard_literal_context(const char *s, size_t len);
/* Forget the state of the last buffer (a new expansion starts). */
void mdguard_literal_reset(void);

/* Texts that become PDF strings (libharu refuses a string over 64 KB,
 * and the build failed with exit 3 and no place): the document's title
 * (trich_yeu), author (co_quan), subject (loai) and every heading (the
 * outline), at most MAX_TITLE_CHARS characters each. Reports the first
 * one over at its line. */
bool mdguard_titles(const struct doc *d);

#endif
