/* data: CSV files as Excel and LibreOffice write them, read with libcsv in
 * strict mode (notes/libraries.md §3). libcsv gives field contents but no
 * positions, so a small scanner walks the same text in step with it to
 * know where every cell starts (for messages). */
#include "data.h"

#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bounds.h"
#include "deps.h"
#include "fileio.h"
#include "fsafe.h"
#include "i18n.h"
#include "numfmt.h"
#include "text.h"
#include "textenc.h"
#include "workbook.h"

/* One CSV file being parsed. */
struct csvparse {
	struct arena *a;
	const char *path;
	const char *s; /* prepared text: NFC, LF, no BOM */
	size_t n;
	char delim;

	/* Field-start scanner, one step per libcsv field callback. */
	size_t scan;
	bool row_start;

	/* Incremental position: byte offset -> line, column in characters. */
	size_t pos_off;
	int pos_line, pos_col;

	struct table *t;
	struct cell *cells;
	size_t ncells, cap;
	int rowcells; /* cells so far in the current row */
	struct cell rowfirst; /* first cell of the current row */
	struct cell firstextra; /* first cell beyond the header's count */
	size_t max_cells; /* what is left of MAX_DATA_CELLS */
	bool failed;
};

/* Blanks around unquoted fields, which libcsv trims: spaces and tabs,
 * or only spaces when the tab is the delimiter (UTF-16 "Unicode text"). */
static char blank_tab = '\t';
static bool is_blank(char c)
{
	return c == ' ' || c == blank_tab;
}

static int space_only(unsigned char c)
{
	return c == ' ';
}

/* Move the position cursor forward to off (offsets only grow). */
static void advance_to(struct csvparse *p, size_t off)
{
	for (; p->pos_off < off; p->pos_off++) {
		unsigned char c = (unsigned char)p->s[p->pos_off];
		if (c == '\n') {
			p->pos_line++;
			p->pos_col = 1;
		} else if ((c & 0xC0) != 0x80) {
			p->pos_col++;
		}
	}
}

/* Start of the next field, mirroring libcsv's states: blank lines between
 * rows are skipped, blanks before a field are trimmed, a quoted field
 * runs to its closing quote (doubled quotes inside), and the field ends
 * at the delimiter or the line end. */
static size_t scan_field(struct csvparse *p)
{
	const char *s = p->s;
	size_t n = p->n, i = p->scan;
	for (;;) {
		while (i < n && is_blank(s[i]))
			i++;
		if (p->row_start && i < n && s[i] == '\n') {
			i++;
			continue;
		}
		break;
	}
	size_t start = i;
	/* An empty field is located where it begins, not at the next
	 * delimiter. */
	if (i == n || s[i] == p->delim || s[i] == '\n')
		for (start = p->scan; start < i && s[start] == '\n'; start++)
			;
	if (i < n && s[i] == '"') {
		for (i++; i < n; i++) {
			if (s[i] == '"') {
				if (i + 1 < n && s[i + 1] == '"')
					i++;
				else
					break;
			}
		}
		if (i < n)
			i++;
	}
	while (i < n && s[i] != p->delim && s[i] != '\n')
		i++;
	p->row_start = !(i < n && s[i] == p->delim);
	p->scan = i < n ? i + 1 : i;
	return start;
}

static void fail(struct csvparse *p, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void fail(struct csvparse *p, int line, int col, const char *fmt, ...)
{
	if (p->failed)
		return;
	p->failed = true;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap); /* translated here: diag gets "%s" */
	va_end(ap);
	diag_error((struct srcloc){p->path, line, col}, "%s", msg);
}

static void on_field(void *data, size_t len, void *user)
{
	struct csvparse *p = user;
	if (p->failed)
		return;
	size_t start = scan_field(p);
	advance_to(p, start);
	struct cell c = {arena_strndup(p->a, data ? data : "", data ? len : 0),
			 p->pos_line, p->pos_col};
	if (p->rowcells == 0)
		p->rowfirst = c;
	p->rowcells++;
	if (p->rowcells > MAX_CSV_COLUMNS) {
		fail(p, c.line, c.col, "more than %d columns in one row",
		     MAX_CSV_COLUMNS);
		return;
	}
	if (p->t->ncols > 0 && p->rowcells == p->t->ncols + 1)
		p->firstextra = c;
	/* Cells cost ~50 bytes of memory each: bounded over all tables,
	 * so four 16 MB files of one-digit cells cannot take gigabytes. */
	if (p->ncells >= p->max_cells) {
		fail(p, c.line, c.col,
		     "more than %u cells in the data (all tables together)",
		     MAX_DATA_CELLS);
		return;
	}
	ARR_PUSH(p->a, p->cells, p->ncells, p->cap, c);
}

static void on_row(int term, void *user)
{
	(void)term;
	struct csvparse *p = user;
	if (p->failed)
		return;
	struct table *t = p->t;
	int n = p->rowcells;
	p->rowcells = 0;
	if (t->ncols == 0) { /* the header row */
		t->ncols = n;
		return;
	}
	if (n != t->ncols) {
		struct cell at = n > t->ncols ? p->firstextra : p->rowfirst;
		fail(p, at.line, at.col, "row has %d cell%s, header has %d", n,
		     n == 1 ? "" : "s", t->ncols);
		return;
	}
	if (t->nrows >= MAX_CSV_ROWS) {
		fail(p, p->rowfirst.line, p->rowfirst.col,
		     "more than %d rows in one table", MAX_CSV_ROWS);
		return;
	}
	t->nrows++;
}

/* ',' or ';': whichever occurs more often, outside quotes, in the first
 * non-blank line (Excel in a Vietnamese locale writes ';'). A header with
 * neither is one column, so "1,5" in it is one cell: the delimiter is
 * then a control character, which text_prepare has refused already. */
static char detect_delim(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\n'))
		i++;
	int commas = 0, semis = 0, tabs = 0;
	bool quoted = false;
	for (; i < n && (quoted || s[i] != '\n'); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == ',')
			commas++;
		else if (!quoted && s[i] == ';')
			semis++;
		else if (!quoted && s[i] == '\t')
			tabs++;
	}
	if (tabs && tabs >= commas && tabs >= semis)
		return '\t';
	return semis > commas ? ';' : commas ? ',' : '\x1f';
}

/* Where libcsv stopped: explain the byte it refused. */
static void report_malformed(struct csvparse *p, size_t off)
{
	int line, col;
	text_position(p->s, off, &line, &col);
	if (off < p->n && p->s[off] == '"')
		fail(p, line, col,
		     "unexpected quote in a field; a field holding quotes must "
		     "be quoted as a whole, with each inner quote doubled (\"\")");
	else
		fail(p, line, col, "unexpected text after the closing quote of a field");
}

static bool check_headers(struct csvparse *p)
{
	struct table *t = p->t;
	t->headers = arena_alloc(p->a, (size_t)t->ncols * sizeof *t->headers);
	t->names = arena_alloc(p->a, (size_t)t->ncols * sizeof *t->names);
	for (int c = 0; c < t->ncols; c++) {
		const struct cell *h = &p->cells[c];
		t->headers[c] = h->text;
		t->names[c] = text_plain_name(p->a, h->text);
		if (!*t->names[c]) {
			if (*h->text)
				fail(p, h->line, h->col,
				     "column header '%s' gives an empty name; "
				     "use letters or digits",
				     h->text);
			else
				fail(p, h->line, h->col, "column %d has an empty header",
				     c + 1);
			return false;
		}
		for (int k = 0; k < c; k++)
			if (strcmp(t->names[k], t->names[c]) == 0) {
				fail(p, h->line, h->col,
				     "headers '%s' (column %d) and '%s' "
				     "(column %d) both give the name '%s'",
				     t->headers[k], k + 1, h->text, c + 1, t->names[c]);
				return false;
			}
	}
	return true;
}

/* A column is numeric (right-aligned in tables) when it has at least one
 * value and every non-empty cell is a number. */
static void mark_numeric(struct table *t, struct arena *a, enum data_locale loc)
{
	t->numeric = arena_alloc(a, (size_t)t->ncols);
	t->kind = arena_alloc(a, (size_t)t->ncols + 1);
	for (int c = 0; c < t->ncols; c++) {
		bool any = false, all = true, anyd = false, alld = true;
		for (int r = 0; r < t->nrows && (all || alld); r++) {
			const char *s = data_cell(t, r, c)->text;
			struct numfmt_dec v;
			enum numfmt_status st = data_number_text(s, loc, &v);
			if (st == NUMFMT_OK)
				any = true;
			else if (st != NUMFMT_EMPTY)
				all = false;
			int y, m, d;
			if (!*s || !alld)
				;
			else if (s[1] && s[2] && s[3] && s[4] == '-' &&
				 numfmt_parse_date(s, &y, &m, &d) && strlen(s) == 10)
				anyd = true;
			else
				alld = false;
		}
		t->numeric[c] = any && all;
		t->kind[c] = t->numeric[c] ? 'n' : anyd && alld ? 'd' : 't';
	}
}

enum numfmt_status data_number_text(const char *text, enum data_locale loc,
				    struct numfmt_dec *out)
{
	const char *s = text;
	while (*s == ' ')
		s++;
	if (s[0] == '-' && (!s[1] || s[1] == ' ')) {
		const char *e = s + 1;
		while (*e == ' ')
			e++;
		if (!*e) { /* Excel's accounting zero */
			*out = numfmt_from_int(0);
			return NUMFMT_OK;
		}
	}
	return numfmt_parse(text, loc == LOCALE_C, out);
}

const char *data_number_hint(struct arena *a, const char *text, enum data_locale loc)
{
	/* "1 145": digits grouped by spaces (or no-break spaces) */
	const char *s = text;
	int digits = 0, groups = 0;
	bool spaced = true;
	while (*s) {
		if (*s >= '0' && *s <= '9') {
			digits++;
			s++;
		} else if (*s == ' ' && digits) {
			groups++;
			s++;
		} else if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0 &&
			   digits) {
			groups++;
			s += 2;
		} else {
			spaced = false;
			break;
		}
	}
	if (spaced && groups && digits) {
		struct buf b = BUF_INIT;
		for (s = text; *s; s++)
			if (*s >= '0' && *s <= '9')
				buf_putc(&b, *s);
		const char *r = arena_printf(
		    a, "; spaces do not group digits here: write %s%s", buf_cstr(&b),
		    loc == LOCALE_C ? "" : " or group with dots (1.145)");
		buf_free(&b);
		return r;
	}
	/* "38 ha", "1.250 triệu": a figure followed by a unit */
	size_t n = strlen(text), i = 0;
	while (i < n && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.' ||
			 text[i] == ',' || text[i] == '-'))
		i++;
	if (i > 0 && i < n && text[i] == ' ') {
		char *num = arena_strndup(a, text, i);
		struct numfmt_dec v;
		if (numfmt_parse(num, loc == LOCALE_C, &v) == NUMFMT_OK)
			return arena_printf(
			    a,
			    "; a figure cell holds the figure alone: write %s "
			    "and put the unit '%s' in the column's header "
			    "(\"Diện tích (%s)\")",
			    num, text + i + 1, text + i + 1);
	}
	return NULL;
}

static bool parse_csv(struct arena *a, const char *path, const char *name,
		      const char *raw, size_t len, enum data_locale loc, size_t max_cells,
		      struct table *out)
{
	memset(out, 0, sizeof *out);
	out->name = name;
	out->path = path;
	out->locale = loc;
	out->header_row = out->header_rows = out->hrows = 1;
	if (len > MAX_INPUT_BYTES) {
		diag_error((struct srcloc){path, 0, 0}, "CSV file larger than %u MB",
			   MAX_INPUT_BYTES >> 20);
		return false;
	}
	/* Excel's other encodings: converted, with one warning */
	char *dec = NULL;
	size_t declen = 0;
	long bad = -1;
	enum textenc enc = textenc_decode(a, raw, len, &dec, &declen, &bad);
	if (enc != TEXTENC_UTF8) {
		if (bad >= 0) {
			diag_error(
			    (struct srcloc){path, 1, 1},
			    "UTF-16 file with a damaged character at byte %ld; save it "
			    "from Excel as \"CSV UTF-8 (Comma delimited) (*.csv)\"",
			    bad + 1);
			return false;
		}
		diag_warn((struct srcloc){path, 1, 1},
			  "read as %s (%s); save it from Excel as \"CSV UTF-8 (Comma "
			  "delimited) (*.csv)\" to avoid this warning",
			  textenc_name(enc),
			  enc == TEXTENC_CP1258
			      ? _("Excel's plain \"CSV\" on Vietnamese Windows")
			      : _("Excel's \"Unicode Text\", tab-separated"));
		raw = dec;
		len = declen;
	}
	char *s;
	size_t n;
	if (!text_prepare(a, path, 1, raw, len, &s, &n))
		return false;

	struct csvparse p = {.a = a,
			     .path = path,
			     .s = s,
			     .n = n,
			     .max_cells = max_cells,
			     .row_start = true,
			     .pos_line = 1,
			     .pos_col = 1,
			     .t = out};
	p.delim = detect_delim(s, n);
	blank_tab = p.delim == '\t' ? ' ' : '\t';
	struct csv_parser cp;
	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		diag_fail(DIAG_IO, "out of memory");
		return false;
	}
	csv_set_delim(&cp, (unsigned char)p.delim);
	/* libcsv grows a field's buffer by blk_size (128 bytes): a 1 MB
	 * cell meant 8.000 reallocs, each a copy where realloc cannot grow
	 * in place (44 s under ASan for four such cells) */
	csv_set_blk_size(&cp, 64 * 1024);
	if (p.delim == '\t')
		csv_set_space_func(&cp, space_only);
	/* Chunks, so a limit hit early stops the work early. */
	const size_t chunk = 64 * 1024;
	for (size_t off = 0; off < n && !p.failed; off += chunk) {
		size_t k = n - off < chunk ? n - off : chunk;
		size_t done = csv_parse(&cp, s + off, k, on_field, on_row, &p);
		if (done != k && !p.failed)
			report_malformed(&p, off + done);
	}
	if (!p.failed && csv_fini(&cp, on_field, on_row, &p) != 0 && !p.failed) {
		/* An unterminated quote: the field starts where the scanner
		 * stands (after blanks and blank lines). */
		size_t i = p.scan;
		while (i < n && (is_blank(s[i]) || (p.row_start && s[i] == '\n')))
			i++;
		int line, col;
		text_position(s, i, &line, &col);
		fail(&p, line, col, "quoted field is never closed (missing closing \")");
	}
	csv_free(&cp);
	if (p.failed)
		return false;
	if (out->ncols == 0) {
		diag_error((struct srcloc){path, 1, 1}, "empty CSV file (no header row)");
		return false;
	}
	if (!check_headers(&p))
		return false;
	out->cells = p.cells + out->ncols; /* the rows after the header */
	mark_numeric(out, a, loc);
	return true;
}

bool data_parse_csv(struct arena *a, const char *path, const char *name, const char *raw,
		    size_t len, enum data_locale loc, struct table *out)
{
	return parse_csv(a, path, name, raw, len, loc, MAX_DATA_CELLS, out);
}

static int cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static bool is_csv_name(const char *s)
{
	size_t n = strlen(s);
	return s[0] != '.' && n > 4 && strcmp(s + n - 4, ".csv") == 0;
}

/* Read a whole CSV file into malloc'd memory (the caller frees); its
 * errors worded for data. */
static char *read_csv(const char *path, size_t *len, size_t budget)
{
	const char *why;
	struct buf b = BUF_INIT;
	size_t limit = budget < MAX_INPUT_BYTES ? budget : MAX_INPUT_BYTES;
	enum fio_status st = fio_read(path, limit, &b, &why);
	if (st == FIO_CANNOT_OPEN) {
		diag_fail(DIAG_IO, "cannot open %s: %s", path, _(why));
		return NULL;
	}
	if (st == FIO_CANNOT_READ) {
		diag_fail(DIAG_IO, "cannot read %s", path);
		buf_free(&b);
		return NULL;
	}
	if (b.len > MAX_INPUT_BYTES) {
		diag_error((struct srcloc){path, 0, 0}, "CSV file larger than %u MB",
			   MAX_INPUT_BYTES >> 20);
		buf_free(&b);
		return NULL;
	}
	if (b.len > budget) {
		diag_error((struct srcloc){path, 0, 0},
			   "the CSV files together are larger than %u MB",
			   MAX_DATA_BYTES >> 20);
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	if (!b.ptr)
		return calloc(1, 1);
	return b.ptr;
}

bool data_load_dir(struct arena *a, const char *dir, enum data_locale loc,
		   struct dataset *out)
{
	return data_load_dir_spec(a, dir, loc, NULL, 0, out);
}

/* The number convention du_lieu gives table `name`, or loc. */
static enum data_locale spec_locale(const struct data_spec *specs, int n, bool *used,
				    const char *name, enum data_locale loc)
{
	for (int k = 0; k < n; k++)
		if (!specs[k].file && strcmp(specs[k].name, name) == 0) {
			used[k] = true;
			if (specs[k].locale >= 0)
				loc = (enum data_locale)specs[k].locale;
		}
	return loc;
}

bool data_load_dir_spec(struct arena *a, const char *dir, enum data_locale loc,
			const struct data_spec *specs, int nspecs, struct dataset *out)
{
	memset(out, 0, sizeof *out);
	out->dir = dir;
	out->locale = loc;
	DIR *d = opendir(dir);
	if (!d) {
		diag_fail(DIAG_IO, "cannot open data folder %s: %s", dir,
			  i18n_strerror(errno));
		return false;
	}
	/* Messages name files as DIR/NAME.csv, without a doubled slash. */
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	char **names = NULL;
	size_t nn = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!is_csv_name(e->d_name) && !workbook_name(e->d_name))
			continue;
		char *path = arena_printf(a, "%.*s/%s", (int)dl, dir, e->d_name);
		/* a FIFO, device, folder or broken link named *.csv is named
		 * for what it is (never opened), not later an unknown table */
		const char *why = fsafe_not_regular(path);
		if (why) {
			closedir(d);
			diag_error((struct srcloc){path, 1, 1},
				   "this is %s, not a data file; replace it with the "
				   "table's file or move it out of the data folder",
				   _(why));
			return false;
		}
		ARR_PUSH(a, names, nn, cap, arena_strdup(a, e->d_name));
	}
	closedir(d);
	if (nn)
		qsort(names, nn, sizeof *names, cmp_names);
	bool *used = arena_alloc(a, (size_t)nspecs + 1);
	size_t tcap = 0, nt = 0;
	size_t budget = MAX_DATA_BYTES, cells = MAX_DATA_CELLS;
	for (size_t i = 0; i < nn; i++) {
		char *path = arena_printf(a, "%.*s/%s", (int)dl, dir, names[i]);
		if (workbook_name(names[i])) {
			deps_add(path); /* a workbook is a data file too (build --deps) */
			if (!workbook_load(a, path, names[i], specs, nspecs, used, loc,
					   &cells, &budget, &out->tables, &nt, &tcap))
				return false;
			out->ntables = (int)nt;
			continue;
		}
		/* named like a column ("Vốn-ĐT.csv" is von_dt), so every table
		 * can be written in a template; data_find takes the stem too */
		char *stem = arena_strndup(a, names[i], strlen(names[i]) - 4);
		char *name = text_plain_name(a, stem);
		if (!*name) {
			diag_error((struct srcloc){path, 1, 1},
				   "the file name gives no table name; name it with "
				   "letters or digits");
			return false;
		}
		size_t len = 0;
		deps_add(path);
		char *raw = read_csv(path, &len, budget);
		if (!raw)
			return false;
		budget -= len;
		struct table t;
		bool ok =
		    parse_csv(a, path, name, raw, len,
			      spec_locale(specs, nspecs, used, name, loc), cells, &t);
		free(raw);
		if (!ok)
			return false;
		cells -= (size_t)(t.nrows + 1) * (size_t)t.ncols; /* header too */
		ARR_PUSH(a, out->tables, nt, tcap, t);
		out->ntables = (int)nt;
	}
	/* one name, one table (a one-sheet workbook's STEM included) */
	for (int i = 0; i < out->ntables; i++) {
		const struct table *t = &out->tables[i];
		for (int k = 0; k < i; k++) {
			const struct table *u = &out->tables[k];
			const char *clash = NULL;
			if (strcmp(u->name, t->name) == 0 ||
			    (u->alias && strcmp(u->alias, t->name) == 0))
				clash = t->name;
			else if (t->alias &&
				 (strcmp(u->name, t->alias) == 0 ||
				  (u->alias && strcmp(u->alias, t->alias) == 0)))
				clash = t->alias;
			if (clash) {
				diag_error((struct srcloc){t->path, 1, 1},
					   "%s and %s both give the table name '%s'; "
					   "rename one of the files%s",
					   data_source(a, u), data_source(a, t), clash,
					   u->sheet || t->sheet ? _(" or sheets") : "");
				return false;
			}
		}
	}
	for (int k = 0; k < nspecs; k++)
		if (!used[k]) {
			if (specs[k].file)
				diag_error(specs[k].loc,
					   "du_lieu: %s: there is no file %s in the data "
					   "folder %.*s",
					   specs[k].name, specs[k].file, (int)dl, dir);
			else
				diag_error(
				    specs[k].loc,
				    "du_lieu: the data has no table '%s' (give its "
				    "file with tep:)",
				    specs[k].name);
			return false;
		}
	if (!out->tables)
		out->tables = arena_alloc(a, sizeof *out->tables);
	return true;
}

const char data_merge_left[] = "<", data_merge_up[] = "^";

const char *data_cell_place(struct arena *a, const struct table *t, int row, int col)
{
	const struct cell *c = data_cell(t, row, col);
	if (!t->sheet)
		return arena_printf(a, _("%s:%d:%d (row %d, column %s)"), t->path, c->line,
				    c->col, row + 1, t->names[col]);
	char letters[8];
	int n = 0;
	for (int k = c->col; k > 0 && n < 7; k = (k - 1) / 26)
		letters[n++] = (char)('A' + (k - 1) % 26);
	char ref[8];
	for (int i = 0; i < n; i++)
		ref[i] = letters[n - 1 - i];
	ref[n] = 0;
	return arena_printf(a, _("%s:%d:%d (sheet \"%s\", cell %s%d; row %d, column %s)"),
			    t->path, c->line, c->col, t->sheet, ref, c->line, row + 1,
			    t->names[col]);
}

const char *data_source(struct arena *a, const struct table *t)
{
	if (!t->sheet)
		return t->path;
	return arena_printf(a, "%s (sheet \"%s\")", t->path, t->sheet);
}

const struct table *data_find(const struct dataset *d, const char *name)
{
	for (int i = 0; d && i < d->ntables; i++)
		if (strcmp(d->tables[i].name, name) == 0)
			return &d->tables[i];
	for (int i = 0; d && i < d->ntables; i++)
		if (d->tables[i].alias && strcmp(d->tables[i].alias, name) == 0)
			return &d->tables[i];
	/* the file's own stem (--each Vốn-ĐT) */
	size_t n = strlen(name);
	for (int i = 0; d && i < d->ntables; i++) {
		const char *base = strrchr(d->tables[i].path, '/');
		base = base ? base + 1 : d->tables[i].path;
		if (strncmp(base, name, n) == 0 && strcmp(base + n, ".csv") == 0)
			return &d->tables[i];
	}
	return NULL;
}

int data_column(const struct table *t, const char *name)
{
	for (int i = 0; i < t->ncols; i++)
		if (strcmp(t->names[i], name) == 0)
			return i;
	return -1;
}
