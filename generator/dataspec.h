/* dataspec: what a report's front matter says about one of its tables
 * (du_lieu: {NAME: {tep, trang_tinh, dong_tieu_de, so_dong_tieu_de, so}}):
 * read by frontmatter, applied by data. Shared so neither includes the
 * other. */
#ifndef BAOCAO_DATASPEC_H
#define BAOCAO_DATASPEC_H

#include "diag.h"

struct data_spec {
	const char *name; /* the table's name */
	const char *file; /* tep: a file in DATA_DIR, or NULL */
	const char *sheet; /* trang_tinh, or NULL */
	int header_row, header_rows; /* dong_tieu_de, so_dong_tieu_de; 0: found */
	int locale; /* so: -1 the build's, else enum data_locale */
	struct srcloc loc; /* where the report names it */
};

#endif
