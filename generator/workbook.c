/* workbook: see workbook.h. A du_lieu entry with tep: (and trang_tinh:)
 * takes that sheet over: the sheet then gives the named table instead of
 * its automatic one, so a sheet the rule cannot read is no error when the
 * report says where its table is. An entry without tep: adjusts the
 * automatic table of that name (header rows, number convention). */
#include "workbook.h"
#include "i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bounds.h"
#include "buf.h"
#include "fileio.h"
#include "sheet.h"
#include "text.h"
#include "xls.h"
#include "xlsmerge.h"
#include "xlsx.h"

static bool has_ext(const char *s, const char *ext)
{
	size_t n = strlen(s), k = strlen(ext);
	return n > k && strcasecmp(s + n - k, ext) == 0;
}

bool workbook_name(const char *f)
{
	return f[0] != '.' && strncmp(f, "~$", 2) != 0 &&
	       (has_ext(f, ".xlsx") || has_ext(f, ".xls"));
}

/* Read the whole file (at most MAX_INPUT_BYTES); malloc'd. */
static char *slurp(const char *path, size_t *len, size_t budget)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		diag_fail(DIAG_IO, "cannot open %s: %s", path, i18n_strerror(errno));
		return NULL;
	}
	if ((unsigned long long)st.st_size > MAX_INPUT_BYTES) {
		diag_error((struct srcloc){path, 1, 1}, "workbook larger than %u MB",
			   MAX_INPUT_BYTES >> 20);
		return NULL;
	}
	if ((size_t)st.st_size > budget) {
		diag_error((struct srcloc){path, 1, 1},
			   "the data files together are larger than %u MB",
			   MAX_DATA_BYTES >> 20);
		return NULL;
	}
	const char *why;
	struct buf b = BUF_INIT;
	switch (fio_read(path, MAX_INPUT_BYTES, &b, &why)) {
	case FIO_OK: break;
	case FIO_CANNOT_OPEN:
		diag_fail(DIAG_IO, "cannot open %s: %s", path, _(why));
		return NULL;
	case FIO_TOO_LARGE: /* grown since the stat above */
		buf_free(&b);
		diag_error((struct srcloc){path, 1, 1}, "workbook larger than %u MB",
			   MAX_INPUT_BYTES >> 20);
		return NULL;
	case FIO_CANNOT_READ:
		buf_free(&b);
		diag_fail(DIAG_IO, "cannot read %s", path);
		return NULL;
	}
	*len = b.len;
	if (!b.ptr)
		return calloc(1, 1);
	return b.ptr;
}

/* Does spec s name this sheet (by its name as written or its plain name)? */
static bool names_sheet(struct arena *a, const struct data_spec *s, const struct workbook *wb,
			int i)
{
	if (!s->sheet)
		return wb->nsheets == 1 || i == 0;
	const char *n = wb->sheets[i].name;
	return strcmp(s->sheet, n) == 0 ||
	       strcmp(text_plain_name(a, s->sheet), text_plain_name(a, n)) == 0;
}

bool workbook_load(struct arena *a, const char *path, const char *fname,
		   const struct data_spec *specs, int nspecs, bool *used, enum data_locale loc,
		   size_t *cells, size_t *bytes, struct table **tabs, size_t *ntabs, size_t *cap)
{
	struct workbook wb;
	bool ok;
	size_t before = *cells;
	if (has_ext(fname, ".xlsx")) {
		size_t len = 0;
		char *raw = slurp(path, &len, *bytes);
		if (!raw)
			return false;
		*bytes -= len;
		ok = xlsx_read_mem(a, path, raw, len, *cells, &wb);
		free(raw);
	} else {
		size_t len = 0;
		char *raw = slurp(path, &len, *bytes); /* freexl reads it again */
		if (!raw)
			return false;
		*bytes -= len;
		ok = xls_read(a, path, *cells, &wb);
		if (ok)
			xls_merges(a, raw, len, &wb); /* which freexl does not report */
		free(raw);
	}
	if (!ok)
		return false;
	const char *dot = strrchr(fname, '.');
	const char *stem = text_plain_name(a, arena_strndup(a, fname, (size_t)(dot - fname)));
	if (!*stem) {
		diag_error((struct srcloc){path, 1, 1}, "the file name gives no table name; "
							 "name it with letters or digits");
		return false;
	}
	/* file specs naming a sheet the workbook does not have */
	for (int k = 0; k < nspecs; k++) {
		const struct data_spec *sp = &specs[k];
		if (!sp->file || strcmp(sp->file, fname) != 0)
			continue;
		bool found = false;
		for (int i = 0; i < wb.nsheets && !found; i++)
			found = names_sheet(a, sp, &wb, i);
		if (!found) {
			struct buf b = BUF_INIT;
			for (int i = 0; i < wb.nsheets; i++)
				buf_printf(&b, "%s\"%s\"", i ? ", " : "", wb.sheets[i].name);
			diag_error(sp->loc, "%s has no sheet \"%s\"; its sheets are: %s", fname,
				   sp->sheet, buf_cstr(&b));
			buf_free(&b);
			return false;
		}
	}
	size_t first = *ntabs;
	int autos = 0;
	size_t cells_left = before;
	for (int i = 0; i < wb.nsheets; i++) {
		const struct sheet *s = &wb.sheets[i];
		bool taken = false;
		for (int k = 0; k < nspecs; k++) {
			const struct data_spec *sp = &specs[k];
			if (!sp->file || strcmp(sp->file, fname) != 0 || !names_sheet(a, sp, &wb, i))
				continue;
			taken = true;
			used[k] = true;
			struct sheet_opts o = {sp->header_row, sp->header_rows};
			struct table t;
			bool none = false;
			enum data_locale l = sp->locale >= 0 ? (enum data_locale)sp->locale : loc;
			if (!sheet_table(a, &wb, s, &o, sp->name, l, cells_left, &t, &none)) {
				if (none)
					diag_error(sp->loc, "sheet \"%s\" of %s holds no table (no "
							    "row with two filled cells)",
						   s->name, fname);
				return false;
			}
			cells_left -= (size_t)(t.nrows + t.hrows) * (size_t)t.ncols;
			ARR_PUSH(a, *tabs, *ntabs, *cap, t);
		}
		if (taken)
			continue;
		const char *name =
		    arena_printf(a, "%s_%s", stem, text_plain_name(a, s->name));
		/* an entry without tep: for this automatic table */
		struct sheet_opts o = {0, 0};
		enum data_locale l = loc;
		for (int k = 0; k < nspecs; k++) {
			const struct data_spec *sp = &specs[k];
			if (sp->file || (strcmp(sp->name, name) != 0 &&
					 !(wb.nsheets == 1 && strcmp(sp->name, stem) == 0)))
				continue;
			used[k] = true;
			o.header_row = sp->header_row;
			o.header_rows = sp->header_rows;
			if (sp->locale >= 0)
				l = (enum data_locale)sp->locale;
		}
		struct table t;
		bool none = false;
		if (!sheet_table(a, &wb, s, &o, name, l, cells_left, &t, &none)) {
			if (none)
				continue; /* an empty sheet, or one with no table */
			return false;
		}
		cells_left -= (size_t)(t.nrows + t.hrows) * (size_t)t.ncols;
		ARR_PUSH(a, *tabs, *ntabs, *cap, t);
		autos++;
	}
	/* a workbook with one table: STEM names it too */
	if (autos == 1 && *ntabs - first == 1)
		(*tabs)[first].alias = stem;
	*cells = cells_left;
	return true;
}
