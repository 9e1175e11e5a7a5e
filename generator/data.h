/* data: the CSV tables of DATA_DIR (libcsv), one table per *.csv file,
 * named by the file's stem (DESIGN.md §2.3).
 * Owns: reading Excel's CSV dialects (BOM, CRLF, ',' or ';', quotes),
 * plain column names, and Vietnamese/C number cells.
 * Must not: evaluate expressions or know about templates. */
#ifndef BAOCAO_DATA_H
#define BAOCAO_DATA_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

enum data_locale { LOCALE_VI, LOCALE_C };

struct cell {
	const char *text; /* NFC, as written (quotes removed) */
	int line, col; /* where the cell starts in the CSV file */
};

struct table {
	const char *name; /* file stem: "von" for von.csv */
	const char *path; /* DATA_DIR/von.csv, as used in messages */
	int ncols, nrows; /* nrows excludes the header row */
	const char **headers; /* header cells as written */
	const char **names; /* plain names: "von_dau_tu_trieu_dong" */
	struct cell *cells; /* nrows * ncols, row-major */
	char *numeric; /* per column: 1 when every non-empty cell is a number */
};

struct dataset {
	const char *dir;
	struct table *tables;
	int ntables;
	enum data_locale locale;
};

/* Load every *.csv in dir (sorted by name). Errors are reported as
 * DATA_DIR/NAME.csv:LINE:COL and make it return false. */
bool data_load_dir(struct arena *a, const char *dir, enum data_locale loc,
		   struct dataset *out);

/* Parse one CSV file's raw bytes (as read from disk: BOM, CRLF allowed)
 * into a table named name; path is used in messages. data_load_dir calls
 * it for every file; tests call it directly. */
bool data_parse_csv(struct arena *a, const char *path, const char *name, const char *raw,
		    size_t len, enum data_locale loc, struct table *out);

const struct table *data_find(const struct dataset *d, const char *name);
/* Column index by plain name, or -1. */
int data_column(const struct table *t, const char *name);
static inline const struct cell *data_cell(const struct table *t, int row, int col)
{
	return &t->cells[(long)row * t->ncols + col];
}

#endif
