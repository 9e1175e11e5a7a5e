/* workbook: a workbook file in DATA_DIR (.xlsx or .xls) as tables, one per
 * sheet that holds one, named STEM_SHEET (and STEM when it is the
 * workbook's only table), or as the report's du_lieu: entries say.
 * Owns: table names of workbooks and applying du_lieu to them.
 * Must not: parse files (xlsx.c, xls.c) or find headers (sheet.c). */
#ifndef BAOCAO_WORKBOOK_H
#define BAOCAO_WORKBOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "data.h"

/* Is this file name a workbook (.xlsx, .xls; not Excel's "~$" lock file)? */
bool workbook_name(const char *fname);

/* Append the tables of workbook file `fname` (in the data folder, at
 * path) to *tabs. used[i] is set for every spec applied; *cells is what
 * is left of MAX_DATA_CELLS, *bytes of MAX_DATA_BYTES. */
bool workbook_load(struct arena *a, const char *path, const char *fname,
		   const struct data_spec *specs, int nspecs, bool *used, enum data_locale loc,
		   size_t *cells, size_t *bytes, struct table **tabs, size_t *ntabs, size_t *cap);

#endif
