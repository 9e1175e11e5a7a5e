/* table_total: the rows `{{ table T tong="Tổng cộng" }}` adds to a data
 * table: a bold total row of each figure column's exact sum, and, where
 * the data marks groups (a row numbered I, II, ... or A, B, ... whose
 * figure cells are empty, as in budget forms), that row's subtotal of the
 * rows under it.
 * Owns: which columns are added up, which rows are groups, the sums.
 * Must not: write Markdown (template does). */
#ifndef BAOCAO_TABLE_TOTAL_H
#define BAOCAO_TABLE_TOTAL_H

#include <stdbool.h>

#include "arena.h"
#include "data.h"
#include "diag.h"

struct table_total {
	const char **total; /* ncols cells of the total row: label, sums, "" */
	char *group; /* nrows: 1 for a group row */
	const char **sub; /* nrows * ncols: a group row's cells, sums filled */
};

/* Plan the rows for table tb with the total row labelled label. False
 * (reported at loc) when a sum is out of range. */
bool table_total(struct arena *a, const struct table *tb, const char *label,
		 struct srcloc loc, struct table_total *out);

#endif
