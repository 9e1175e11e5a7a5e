/* sheet: the cells of a workbook's sheets as the readers deliver them
 * (xlsx.c with libzip + expat, xls.c with libfreexl), and the one rule
 * that turns a sheet into a table (DESIGN.md §2.3): title rows skipped,
 * the header and the rows its merged cells reach into, the body down to
 * the first empty row.
 * Owns: header detection, column names of workbook tables, cell kinds.
 * Must not: know about templates or expressions; readers must not decide
 * where a table is. */
#ifndef BAOCAO_SHEET_H
#define BAOCAO_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "data.h"

enum gkind { G_EMPTY, G_TEXT, G_NUMBER, G_PERCENT, G_DATE, G_BOOL, G_ERROR };

/* One non-empty cell. Rows and columns are 0-based. For G_NUMBER the text
 * is the value in C form ("1250.5", no grouping); G_PERCENT the same for a
 * percent-formatted cell, times 100 (0.925 shown "92,5%" is 92.5); G_DATE
 * is YYYY-MM-DD;
 * G_ERROR is what Excel shows ("#DIV/0!") or a description. */
struct gcell {
	int row, col;
	unsigned char kind;
	const char *text;
};

struct gmerge {
	int r0, c0, r1, c1; /* inclusive, 0-based */
};

struct sheet {
	const char *name; /* NFC UTF-8 */
	struct gcell *cells; /* sorted by row, then column */
	size_t ncells;
	struct gmerge *merges;
	size_t nmerges;
	bool merge_info; /* false: the format records no merges (.xls) */
};

struct workbook {
	const char *path; /* as used in messages */
	struct sheet *sheets;
	int nsheets;
};

/* Where the table of a sheet is, when the report says so (du_lieu):
 * header_row 1-based, 0 = detect; header_rows 0 = detect. */
struct sheet_opts {
	int header_row, header_rows;
};

/* Limits of the readers (docs/LIMITS.md). */
#define MAX_WORKBOOK_SHEETS 255
#define MAX_SHEET_ROWS 1048576 /* Excel's own */
#define MAX_SHEET_COLS 16384
#define MAX_SHEET_MERGES 100000
/* Uncompressed size of one part of an .xlsx (a sheet's XML, the shared
 * strings) and of all parts together: read as a stream, never expanded
 * into memory whole, and refused from the zip's directory before any
 * byte is inflated. */
#define MAX_XLSX_PART_BYTES (160u << 20)
#define MAX_XLSX_TOTAL_BYTES (320u << 20)
/* A part over 1 MB that inflates more than 200 times is a zip bomb: the
 * XML of real sheets packs 5 to 30 times. */
#define XLSX_BOMB_MIN_BYTES (1u << 20)
#define XLSX_BOMB_RATIO 200u

/* "D7" for row 6, column 3 (0-based). */
const char *sheet_cell_name(struct arena *a, int row, int col);

/* Sort a sheet's cells (row, column); a later duplicate wins. */
void sheet_sort(struct sheet *s);

/* The table of sheet s of workbook wb, named name, or false with a
 * message. *none is set (and false returned without a message) when the
 * sheet holds no table at all (empty, or no row with two filled cells):
 * such a sheet gives no table unless the report names it. */
bool sheet_table(struct arena *a, const struct workbook *wb, const struct sheet *s,
		 const struct sheet_opts *o, const char *name, enum data_locale loc,
		 size_t max_cells, struct table *out, bool *none);

#endif
