/* mdguard: the Markdown patterns that Debian's cmark-gfm 0.29.0.gfm.6
 * parses in quadratic time (fixed upstream in 2023, gfm.7 and later),
 * found before cmark-gfm sees the text: raw HTML openers that never end
 * (`a <![CDATA[`, `a <?`, `a <!X`, `a <!--` repeated: each one rescans
 * the rest of its paragraph) and many images in one paragraph (`![[]()`
 * repeated: every link walks back over all open image brackets).
 * Owns: that pre-scan and its limits (bounds.h). Must not: parse
 * Markdown otherwise or build anything. */
#ifndef BAOCAO_MDGUARD_H
#define BAOCAO_MDGUARD_H

#include <stdbool.h>
#include <stddef.h>

#include "template.h"

/* Check the expanded Markdown md[0..len) whose line map is map (may be
 * NULL: lines are then the text's own). Reports the first problem as
 * FILE:LINE:COL and returns false. */
bool mdguard_check(const char *file, const char *md, size_t len,
		   const struct linemap *map);

#endif
