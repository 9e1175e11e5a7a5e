/* data: the tables of DATA_DIR (DESIGN.md §2.3): one per *.csv file (libcsv),
 * named by the file's stem, and one per sheet of every *.xlsx / *.xls
 * workbook (sheet.h and its readers), named STEM_SHEET.
 * Owns: reading Excel's CSV dialects (BOM, CRLF, ',' or ';', quotes,
 * Windows-1258 and UTF-16 files), plain column names, and Vietnamese/C
 * number cells.
 * Must not: evaluate expressions or know about templates. */
#ifndef BAOCAO_DATA_H
#define BAOCAO_DATA_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "dataspec.h"
#include "diag.h"
#include "numfmt.h"

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
	char *kind; /* per column: 'n' number, 'd' date (YYYY-MM-DD), 't' text */
	enum data_locale locale; /* how its number cells are written */
	/* Workbook sheets (NULL / 0 for a CSV file): */
	const char *sheet; /* the sheet's name */
	const char *label; /* "truong.xlsx (sheet "Tiểu học")" for messages */
	const char *alias; /* STEM, when the workbook has one table */
	int header_row, header_rows; /* 1-based first header row, count */
	int hrows; /* header rows of htext */
	const char **htext; /* hrows * ncols header texts; data_merge_left
			       and data_merge_up (these very pointers) for
			       merged cells, the table layout's "<" and "^" */
	const char **shown; /* nrows * ncols: cells as {{ table }} prints them
			       (figures grouped, "92,5%"; "<" for a cell merged
			       into its left neighbour), or NULL */
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
/* The same with the report's du_lieu: entries. */
bool data_load_dir_spec(struct arena *a, const char *dir, enum data_locale loc,
			const struct data_spec *specs, int nspecs, struct dataset *out);

/* A cell's text as a number in the table's convention; a cell holding
 * only "-" (Excel's accounting zero) is 0. Returns numfmt_parse's status. */
enum numfmt_status data_number_text(const char *text, enum data_locale loc,
				    struct numfmt_dec *out);
static inline enum numfmt_status data_number(const struct table *t, const char *text,
					     struct numfmt_dec *out)
{
	return data_number_text(text, t->locale, out);
}
/* What to do about a figure cell that is not a number ("1 145", "38 ha"),
 * or NULL. */
const char *data_number_hint(struct arena *a, const char *text, enum data_locale loc);

/* Parse one CSV file's raw bytes (as read from disk: BOM, CRLF allowed)
 * into a table named name; path is used in messages. data_load_dir calls
 * it for every file; tests call it directly. */
bool data_parse_csv(struct arena *a, const char *path, const char *name, const char *raw,
		    size_t len, enum data_locale loc, struct table *out);

/* The merge marks of htext and shown: a cell whose text is a literal "<"
 * is another pointer and prints as text. */
extern const char data_merge_left[], data_merge_up[];

/* Where a cell is, for messages: "data/t.csv:3:5 (row 2, column von)" or
 * "data/truong.xlsx:7:4 (sheet "Tiểu học", cell D7; row 2, column nu)". */
const char *data_cell_place(struct arena *a, const struct table *t, int row, int col);

/* "data/t.csv", or "data/truong.xlsx (sheet "Tiểu học")" for messages. */
const char *data_source(struct arena *a, const struct table *t);

const struct table *data_find(const struct dataset *d, const char *name);
/* Column index by plain name, or -1. */
int data_column(const struct table *t, const char *name);
static inline const struct cell *data_cell(const struct table *t, int row, int col)
{
	return &t->cells[(long)row * t->ncols + col];
}

#endif
