/* render: draws the pages layout decided into a PDF with libharu:
 * embedded TrueType faces with a valid ToUnicode map, text and rules,
 * outline from the headings, document info, page labels.
 * Owns: every libharu call. Must not: decide any position or size.
 * The PDF is produced in memory; writing it to disk is the caller's. */
#ifndef BAOCAO_RENDER_H
#define BAOCAO_RENDER_H

#include <stdbool.h>

#include "buf.h"
#include "doc.h"
#include "font.h"
#include "layout.h"

bool render_pdf(const struct layout *L, const struct doc *doc, const struct fontset *fs,
		struct buf *out);

#endif
