/* sheet: from a sheet's cells to a table (DESIGN.md §2.3).
 *
 * The forms offices keep ("biểu mẫu") look like this:
 *   row 1  BIỂU 01 - TÌNH HÌNH HỌC SINH     <- title: at most one filled cell
 *   row 2  Đơn vị tính: người               <- skipped too
 *   row 4  STT | Trường | Học sinh  (merged over two columns)
 *   row 5   ^  |   ^    | Tổng số | Nữ     <- reached by row 4's merges
 *   row 6  1   | TH A   | 120     | 60     <- body ...
 *   row 9  Tổng cộng    | 360     | 170    <- ... down to the first empty row
 *   row 11 Ghi chú: ...                     <- notes are not rows
 * The header's first row is the first with two or more filled cells; the
 * rows its merged cells reach down into belong to it; a column is named
 * by its header texts top to bottom. The header is kept as rows of texts
 * with "<" / "^" merge marks, which {{ table }} prints as it is. */
#include "sheet.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bounds.h"
#include "buf.h"
#include "numfmt.h"
#include "text.h"

#define MAX_HEADER_ROWS 6

const char *sheet_cell_name(struct arena *a, int row, int col)
{
	char letters[8];
	int n = 0;
	for (int c = col + 1; c > 0 && n < 7; c = (c - 1) / 26)
		letters[n++] = (char)('A' + (c - 1) % 26);
	char rev[8];
	for (int i = 0; i < n; i++)
		rev[i] = letters[n - 1 - i];
	rev[n] = 0;
	return arena_printf(a, "%s%d", rev, row + 1);
}

static int cmp_cells(const void *x, const void *y)
{
	const struct gcell *a = x, *b = y;
	if (a->row != b->row)
		return a->row < b->row ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a < b ? -1 : 1; /* stable: keep the order read */
}

void sheet_sort(struct sheet *s)
{
	bool sorted = true;
	for (size_t i = 1; i < s->ncells && sorted; i++)
		if (s->cells[i].row < s->cells[i - 1].row ||
		    (s->cells[i].row == s->cells[i - 1].row &&
		     s->cells[i].col <= s->cells[i - 1].col))
			sorted = false;
	if (sorted)
		return;
	qsort(s->cells, s->ncells, sizeof *s->cells, cmp_cells);
	/* a repeated cell: the last one read wins */
	size_t k = 0;
	for (size_t i = 0; i < s->ncells; i++) {
		if (k && s->cells[k - 1].row == s->cells[i].row &&
		    s->cells[k - 1].col == s->cells[i].col)
			k--;
		s->cells[k++] = s->cells[i];
	}
	s->ncells = k;
}

static bool filled(const struct gcell *c)
{
	if (c->kind != G_TEXT)
		return c->kind != G_EMPTY;
	for (const char *p = c->text; *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n')
			return true;
	return false;
}

/* The sheet as rows: first cell index of each row in use. */
struct rows {
	int *row; /* sheet row numbers in order */
	size_t *first; /* first cell of that row; first[n] = ncells */
	int *count; /* filled cells */
	size_t n;
};

static void index_rows(struct arena *a, const struct sheet *s, struct rows *r)
{
	memset(r, 0, sizeof *r);
	size_t cap = 0, capf = 0, capc = 0, nf = 0, nc = 0;
	for (size_t i = 0; i < s->ncells; i++) {
		if (!r->n || r->row[r->n - 1] != s->cells[i].row) {
			ARR_PUSH(a, r->row, r->n, cap, s->cells[i].row);
			ARR_PUSH(a, r->first, nf, capf, i);
			ARR_PUSH(a, r->count, nc, capc, 0);
		}
		r->count[r->n - 1] += filled(&s->cells[i]);
	}
	ARR_PUSH(a, r->first, nf, capf, s->ncells);
}

/* Index in r of sheet row `row`, or -1. */
static long find_row(const struct rows *r, int row)
{
	size_t lo = 0, hi = r->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->row[mid] < row)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->n && r->row[lo] == row ? (long)lo : -1;
}

static const struct gcell *cell_at(const struct sheet *s, const struct rows *r, int row,
				   int col)
{
	long i = find_row(r, row);
	if (i < 0)
		return NULL;
	size_t lo = r->first[i], hi = r->first[i + 1];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->cells[mid].col < col)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < r->first[i + 1] && s->cells[lo].col == col && filled(&s->cells[lo]))
		return &s->cells[lo];
	return NULL;
}

static bool row_filled(const struct rows *r, int row)
{
	long i = find_row(r, row);
	return i >= 0 && r->count[i] > 0;
}

struct ctx {
	struct arena *a;
	const struct workbook *wb;
	const struct sheet *s;
	struct rows rows;
	struct gmerge *m; /* merges: the sheet's, or made up for .xls */
	size_t nm;
	size_t capm;
	/* once the table's place is known: merge index + 1 of each cell */
	unsigned *map;
	int mr0, mrows, mc0, mcols;
};

static void fail_at(struct ctx *x, int row, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void fail_at(struct ctx *x, int row, int col, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap); /* translated here: diag gets "%s" */
	va_end(ap);
	diag_error((struct srcloc){x->wb->path, row + 1, col + 1}, "%s (sheet \"%s\", cell %s)",
		   msg, x->s->name, sheet_cell_name(x->a, row, col));
}

/* The merge holding (row, col), or NULL. */
static const struct gmerge *merge_at(const struct ctx *x, int row, int col)
{
	if (x->map && row >= x->mr0 && row < x->mr0 + x->mrows && col >= x->mc0 &&
	    col < x->mc0 + x->mcols) {
		unsigned m = x->map[(size_t)(row - x->mr0) * x->mcols + (size_t)(col - x->mc0)];
		return m ? &x->m[m - 1] : NULL;
	}
	for (size_t i = 0; i < x->nm; i++) {
		const struct gmerge *g = &x->m[i];
		if (row >= g->r0 && row <= g->r1 && col >= g->c0 && col <= g->c1)
			return g;
	}
	return NULL;
}

/* Is row r+1 a header row under row r: text only, and a cell of it under
 * a merge of row r that spans columns (and stays in that row)? */
static bool under_span(struct ctx *x, int r, int c0, int c1)
{
	long ri = find_row(&x->rows, r + 1);
	if (ri < 0)
		return false;
	bool under = false;
	for (size_t i = x->rows.first[ri]; i < x->rows.first[ri + 1]; i++) {
		const struct gcell *g = &x->s->cells[i];
		if (!filled(g) || g->col < c0 || g->col > c1)
			continue;
		if (g->kind != G_TEXT)
			return false;
		const struct gmerge *m = merge_at(x, r, g->col);
		under |= m && m->r1 == r && m->c0 < m->c1;
	}
	return under;
}

/* .xls records no merges for libfreexl: a row of text only under the
 * header, with cells under the header's gaps, is a second header row;
 * each upper cell spans the gap to its right, and a cell with nothing
 * under it reaches down. Made-up merges, so the rest is the same. */
static int guess_header(struct ctx *x, int h0, int c0, int *c1p)
{
	int c1 = *c1p;
	int hend = h0;
	while (hend - h0 + 1 < MAX_HEADER_ROWS) {
		int r = hend + 1;
		if (!row_filled(&x->rows, r))
			break;
		long ri = find_row(&x->rows, r);
		bool text_only = true, under_gap = false;
		for (size_t i = x->rows.first[ri]; i < x->rows.first[ri + 1]; i++) {
			const struct gcell *g = &x->s->cells[i];
			if (!filled(g))
				continue;
			if (g->kind != G_TEXT)
				text_only = false;
			if (g->col >= c0 && !cell_at(x->s, &x->rows, hend, g->col) &&
			    !merge_at(x, hend, g->col))
				under_gap = true;
		}
		if (!text_only || !under_gap)
			break;
		/* the lower row may reach right of the upper one's last cell */
		for (size_t i = x->rows.first[ri]; i < x->rows.first[ri + 1]; i++)
			if (filled(&x->s->cells[i]) && x->s->cells[i].col > c1 &&
			    x->s->cells[i].col <= c1 + MAX_CSV_COLUMNS)
				c1 = x->s->cells[i].col;
		*c1p = c1;
		/* upper cells of row hend spread right over their gaps */
		for (int c = c0; c <= c1; c++) {
			if (!cell_at(x->s, &x->rows, hend, c) || merge_at(x, hend, c))
				continue;
			int e = c;
			while (e + 1 <= c1 && !cell_at(x->s, &x->rows, hend, e + 1) &&
			       !merge_at(x, hend, e + 1) && cell_at(x->s, &x->rows, r, e + 1))
				e++;
			if (e > c) {
				struct gmerge g = {hend, c, hend, e};
				ARR_PUSH(x->a, x->m, x->nm, x->capm, g);
			}
		}
		/* cells of the header with nothing below reach down */
		for (int c = c0; c <= c1; c++) {
			if (cell_at(x->s, &x->rows, r, c))
				continue;
			const struct gmerge *g = merge_at(x, hend, c);
			if (g && g->c0 == g->c1 && g->r1 == hend) {
				((struct gmerge *)g)->r1 = r;
				continue;
			}
			if (!g && cell_at(x->s, &x->rows, hend, c)) {
				int top = hend;
				struct gmerge ng = {top, c, r, c};
				ARR_PUSH(x->a, x->m, x->nm, x->capm, ng);
			}
		}
		hend = r;
	}
	return hend;
}

/* A row of column numbers ("A", "B", "1", "2", "(3)", "4=2+3"): every
 * filled cell one such label, at least two, the numbers and the letters
 * each increasing from left to right, and one label no figure looks like
 * (a letter, "(3)", "4=2+3"): a row of plain 1, 2, 3 stays data. */
static bool numbering_row(struct ctx *x, int r, int c0, int c1)
{
	long ri = find_row(&x->rows, r);
	if (ri < 0)
		return false;
	int n = 0, last_num = 0, last_letter = 0;
	bool label = false; /* one cell that no figure looks like */
	for (size_t i = x->rows.first[ri]; i < x->rows.first[ri + 1]; i++) {
		const struct gcell *g = &x->s->cells[i];
		if (!filled(g) || g->col < c0 || g->col > c1)
			continue;
		if (g->kind != G_TEXT && g->kind != G_NUMBER)
			return false;
		const char *p = g->text;
		label |= g->kind == G_TEXT && (*p < '0' || *p > '9' || strchr(p, '='));
		p += *p == '(';
		int num = 0, letter = 0;
		if (*p >= '0' && *p <= '9') {
			for (; *p >= '0' && *p <= '9' && num < 1000; p++)
				num = num * 10 + (*p - '0');
		} else if (*p >= 'A' && *p <= 'Z') {
			letter = *p++;
		} else {
			return false;
		}
		p += *p == ')';
		if (*p && *p != '=' && *p != '*')
			return false;
		if ((num && num <= last_num) || (letter && letter <= last_letter) ||
		    (!num && !letter))
			return false;
		last_num = num ? num : last_num;
		last_letter = letter ? letter : last_letter;
		n++;
	}
	return n >= 2 && label;
}

/* The number text of a cell in the table's convention, no grouping. */
static const char *number_text(struct arena *a, const char *c_form, enum data_locale loc)
{
	if (loc == LOCALE_C || !strchr(c_form, '.'))
		return c_form;
	char *s = arena_strdup(a, c_form);
	*strchr(s, '.') = ',';
	return s;
}

bool sheet_table(struct arena *a, const struct workbook *wb, const struct sheet *s,
		 const struct sheet_opts *o, const char *name, enum data_locale loc,
		 size_t max_cells, struct table *out, bool *none)
{
	memset(out, 0, sizeof *out);
	*none = false;
	struct ctx x = {.a = a, .wb = wb, .s = s};
	index_rows(a, s, &x.rows);
	for (size_t i = 0; i < s->nmerges; i++)
		ARR_PUSH(a, x.m, x.nm, x.capm, s->merges[i]);
	out->name = name;
	out->path = wb->path;
	out->sheet = s->name;
	const char *base = strrchr(wb->path, '/');
	out->label = arena_printf(a, "%s (sheet \"%s\")", base ? base + 1 : wb->path, s->name);
	out->locale = loc;

	/* the header's first row */
	int h0 = -1;
	if (o && o->header_row > 0) {
		h0 = o->header_row - 1;
		if (!row_filled(&x.rows, h0)) {
			diag_error((struct srcloc){wb->path, h0 + 1, 1},
				   "row %d of sheet \"%s\" is empty; dong_tieu_de names the "
				   "header's first row",
				   h0 + 1, s->name);
			return false;
		}
	} else {
		for (size_t i = 0; i < x.rows.n && h0 < 0; i++)
			if (x.rows.count[i] >= 2)
				h0 = x.rows.row[i];
		if (h0 < 0) {
			*none = true;
			return false;
		}
	}
	/* its columns, merges included */
	int c0 = MAX_SHEET_COLS, c1 = -1;
	long hi = find_row(&x.rows, h0);
	for (size_t i = x.rows.first[hi]; i < x.rows.first[hi + 1]; i++)
		if (filled(&s->cells[i])) {
			int c = s->cells[i].col;
			c0 = c < c0 ? c : c0;
			c1 = c > c1 ? c : c1;
		}
	for (size_t i = 0; i < x.nm; i++)
		if (x.m[i].r0 <= h0 && x.m[i].r1 >= h0 && x.m[i].c0 <= c1 && x.m[i].c1 >= c0) {
			c0 = x.m[i].c0 < c0 ? x.m[i].c0 : c0;
			c1 = x.m[i].c1 > c1 ? x.m[i].c1 : c1;
		}
	/* its last row */
	int hend = h0;
	if (o && o->header_rows > 0) {
		hend = h0 + o->header_rows - 1;
	} else if (s->merge_info) {
		for (bool grew = true; grew;) {
			grew = false;
			for (size_t i = 0; i < x.nm; i++) {
				const struct gmerge *g = &x.m[i];
				if (g->r0 >= h0 && g->r0 <= hend && g->r1 > hend &&
				    g->c1 >= c0 && g->c0 <= c1) {
					hend = g->r1;
					grew = true;
				}
			}
			if (hend - h0 + 1 > MAX_HEADER_ROWS) {
				fail_at(&x, h0, c0,
					"the header's merged cells reach down %d rows (more "
					"than %d); say where the table is with du_lieu: "
					"{dong_tieu_de: N, so_dong_tieu_de: K}",
					hend - h0 + 1, MAX_HEADER_ROWS);
				return false;
			}
		}
		/* a cell merged across columns with text under it ("Học sinh"
		 * over "Tổng số" and "Nữ") has its lower row in the header even
		 * when no merge reaches down */
		while (hend - h0 + 1 < MAX_HEADER_ROWS && under_span(&x, hend, c0, c1))
			hend++;
	} else {
		hend = guess_header(&x, h0, c0, &c1);
	}
	int hrows = hend - h0 + 1;
	/* a row of column numbers under the header is the form's layout,
	 * not data */
	int numbered = !(o && o->header_rows > 0) && numbering_row(&x, hend + 1, c0, c1);

	/* the body: down to the first row with nothing in the header's
	 * columns */
	int body0 = hend + 1 + numbered, nrows = 0;
	for (int r = body0;; r++) {
		long ri = find_row(&x.rows, r);
		bool any = false;
		if (ri >= 0)
			for (size_t i = x.rows.first[ri]; i < x.rows.first[ri + 1] && !any; i++)
				any = filled(&s->cells[i]) && s->cells[i].col >= c0 &&
				      s->cells[i].col <= c1;
		if (!any)
			break;
		if (nrows >= MAX_CSV_ROWS) {
			fail_at(&x, r, c0, "more than %d rows in one table", MAX_CSV_ROWS);
			return false;
		}
		nrows++;
	}
	int width = c1 - c0 + 1;
	if (width > MAX_CSV_COLUMNS) {
		fail_at(&x, h0, c0, "more than %d columns in one table", MAX_CSV_COLUMNS);
		return false;
	}
	if ((size_t)(nrows + hrows) * (size_t)width > max_cells) {
		fail_at(&x, h0, c0, "more than %u cells in the data (all tables together)",
			MAX_DATA_CELLS);
		return false;
	}

	/* which merge holds each cell of the table (a cell in two is a
	 * damaged file): one pass over the merges, bounded by the table */
	x.map = arena_alloc(a, sizeof *x.map * (size_t)(hrows + numbered + nrows) *
				   (size_t)width + 1);
	x.mr0 = h0, x.mrows = hrows + numbered + nrows, x.mc0 = c0, x.mcols = width;
	for (size_t i = 0; i < x.nm; i++) {
		const struct gmerge *g = &x.m[i];
		int r0 = g->r0 > h0 ? g->r0 : h0, r1 = g->r1 < h0 + x.mrows - 1 ? g->r1 : h0 + x.mrows - 1;
		int cc0 = g->c0 > c0 ? g->c0 : c0, cc1 = g->c1 < c1 ? g->c1 : c1;
		for (int r = r0; r <= r1; r++)
			for (int c = cc0; c <= cc1; c++) {
				unsigned *m = &x.map[(size_t)(r - h0) * width + (size_t)(c - c0)];
				if (*m) {
					const struct gmerge *h = &x.m[*m - 1];
					fail_at(&x, r, c,
						"merged ranges %s:%s and %s:%s overlap; the "
						"workbook is damaged",
						sheet_cell_name(a, h->r0, h->c0),
						sheet_cell_name(a, h->r1, h->c1),
						sheet_cell_name(a, g->r0, g->c0),
						sheet_cell_name(a, g->r1, g->c1));
					return false;
				}
				*m = (unsigned)i + 1;
			}
	}

	/* header texts of each row and column: a merge's text names every
	 * column it spans, once (in its top row) */
	const char **ht = arena_alloc(a, sizeof *ht * (size_t)hrows * (size_t)width);
	char *mark = arena_alloc(a, (size_t)hrows * (size_t)width);
	for (int r = 0; r < hrows; r++)
		for (int c = 0; c < width; c++) {
			int sr = h0 + r, sc = c0 + c;
			const struct gmerge *g = merge_at(&x, sr, sc);
			const struct gcell *cl;
			if (g && (g->r0 < h0 || g->c0 < c0)) {
				/* a merge from outside the table: its own text */
				cl = cell_at(s, &x.rows, g->r0, g->c0);
				if (g->r0 < h0 && sr > h0)
					mark[r * width + c] = '^';
				else if (g->c0 < c0 && sc > c0)
					mark[r * width + c] = '<';
			} else if (g && (sr != g->r0 || sc != g->c0)) {
				cl = cell_at(s, &x.rows, g->r0, g->c0);
				mark[r * width + c] = sc > g->c0 ? '<' : '^';
				if (sr > g->r0)
					cl = NULL; /* named once, in the top row */
			} else {
				cl = cell_at(s, &x.rows, sr, sc);
				/* nothing under a header cell: shown merged with it */
				char up = r > 0 ? mark[(r - 1) * width + c] : '<';
				if (!cl && !g && (up == '^' || (!up && ht[(r - 1) * width + c])))
					mark[r * width + c] = '^';
			}
			ht[r * width + c] = cl ? cl->text : NULL;
		}
	/* columns: named by their header texts joined; a column with neither
	 * header nor data is not a column */
	int *keep = arena_alloc(a, sizeof *keep * (size_t)width);
	const char **names = arena_alloc(a, sizeof *names * (size_t)width);
	const char **heads = arena_alloc(a, sizeof *heads * (size_t)width);
	int ncols = 0;
	for (int c = 0; c < width; c++) {
		struct buf b = BUF_INIT;
		for (int r = 0; r < hrows; r++) {
			const char *t = ht[r * width + c];
			if (!t || !*t)
				continue;
			if (b.len)
				buf_putc(&b, ' ');
			buf_puts(&b, t);
		}
		bool data = false;
		for (int r = 0; r < nrows && !data; r++)
			data = cell_at(s, &x.rows, body0 + r, c0 + c) != NULL;
		if (!b.len && !data) {
			buf_free(&b);
			continue;
		}
		if (!b.len) {
			fail_at(&x, h0, c0 + c,
				"column %s has figures but no header text; give it a "
				"header or say where the table is with du_lieu",
				sheet_cell_name(a, h0, c0 + c));
			buf_free(&b);
			return false;
		}
		/* newlines inside a header cell (Alt+Enter) are spaces */
		for (char *p = b.ptr; *p; p++)
			if (*p == '\n' || *p == '\t')
				*p = ' ';
		const char *head = arena_strdup(a, b.ptr);
		buf_free(&b);
		const char *nm = text_plain_name(a, head);
		if (!*nm) {
			fail_at(&x, h0, c0 + c, "column header '%s' gives an empty name; use "
				"letters or digits", head);
			return false;
		}
		for (int k = 0; k < ncols; k++)
			if (strcmp(names[k], nm) == 0) {
				fail_at(&x, h0, c0 + c,
					"headers '%s' (column %s) and '%s' (column %s) both "
					"give the name '%s'",
					heads[k], sheet_cell_name(a, h0, c0 + keep[k]) , head,
					sheet_cell_name(a, h0, c0 + c), nm);
				return false;
			}
		keep[ncols] = c;
		names[ncols] = nm;
		heads[ncols] = head;
		ncols++;
	}
	if (ncols == 0) {
		*none = true;
		return false;
	}
	out->ncols = ncols;
	out->nrows = nrows;
	out->names = names;
	out->headers = heads;
	out->header_row = h0 + 1;
	out->header_rows = hrows + numbered;
	out->hrows = hrows + numbered;
	out->htext = arena_alloc(a, sizeof *out->htext * (size_t)out->hrows * (size_t)ncols);
	for (int k = 0; k < ncols && numbered; k++) {
		const struct gcell *g = cell_at(s, &x.rows, hend + 1, c0 + keep[k]);
		out->htext[hrows * ncols + k] = g ? g->text : "";
	}
	for (int r = 0; r < hrows; r++)
		for (int k = 0; k < ncols; k++) {
			int c = keep[k];
			char mk = mark[r * width + c];
			/* a merge mark pointing at a dropped column points at the
			 * kept one before it, or is the merge's text itself */
			if (mk == '<' && (k == 0 || keep[k - 1] != c - 1)) {
				bool same = false;
				if (k > 0) {
					const struct gmerge *g1 = merge_at(&x, h0 + r, c0 + c);
					const struct gmerge *g2 =
					    merge_at(&x, h0 + r, c0 + keep[k - 1]);
					same = g1 && g1 == g2;
				}
				if (!same)
					mk = 0;
			}
			const char *t = ht[r * width + c];
			out->htext[r * ncols + k] =
			    mk == '<' ? data_merge_left : mk == '^' ? data_merge_up : t ? t : "";
		}
	/* the body */
	out->cells = arena_alloc(a, sizeof *out->cells * (size_t)nrows * (size_t)ncols);
	out->numeric = arena_alloc(a, (size_t)ncols);
	out->kind = arena_alloc(a, (size_t)ncols + 1);
	const char **shown = arena_alloc(a, sizeof *shown * (size_t)nrows * (size_t)ncols + 1);
	out->shown = shown;
	for (int k = 0; k < ncols; k++) {
		int c = keep[k];
		bool anynum = false, alldate = true, anydate = false, allnum = true;
		for (int r = 0; r < nrows; r++) {
			struct cell *cl = &out->cells[(size_t)r * ncols + k];
			cl->line = body0 + r + 1;
			cl->col = c0 + c + 1;
			const struct gcell *g = cell_at(s, &x.rows, body0 + r, c0 + c);
			if (!g) {
				cl->text = "";
				/* a cell merged into the one on its left */
				const struct gmerge *m = merge_at(&x, body0 + r, c0 + c);
				shown[(size_t)r * ncols + k] =
				    m && m->r0 == m->r1 && m->c0 < c0 + c && k > 0 &&
					    keep[k - 1] == c - 1
					? data_merge_left
					: "";
				continue;
			}
			switch (g->kind) {
			case G_ERROR:
				fail_at(&x, g->row, g->col, "%s", g->text);
				return false;
			case G_NUMBER:
			case G_PERCENT: {
				cl->text = number_text(a, g->text, loc);
				anynum = true;
				alldate = false;
				struct numfmt_dec v;
				if (numfmt_parse(g->text, true, &v) == NUMFMT_OK) {
					struct buf b = BUF_INIT;
					numfmt_grouped(&b, v, -1);
					if (g->kind == G_PERCENT)
						buf_putc(&b, '%');
					shown[(size_t)r * ncols + k] = arena_strdup(a, buf_cstr(&b));
					buf_free(&b);
				}
				break;
			}
			case G_DATE:
				cl->text = g->text;
				/* shown as Vietnamese tables write dates: 05/02/2024 */
				if (strlen(g->text) == 10)
					shown[(size_t)r * ncols + k] =
					    arena_printf(a, "%.2s/%.2s/%.4s", g->text + 8,
							 g->text + 5, g->text);
				anydate = true;
				allnum = false;
				break;
			default: {
				cl->text = g->text;
				alldate = false;
				struct numfmt_dec v;
				enum numfmt_status st = data_number_text(cl->text, loc, &v);
				if (st == NUMFMT_OK)
					anynum = true;
				else if (st != NUMFMT_EMPTY)
					allnum = false;
			}
			}
		}
		for (int r = 0; r < nrows; r++)
			if (!shown[(size_t)r * ncols + k])
				shown[(size_t)r * ncols + k] = out->cells[(size_t)r * ncols + k].text;
		out->numeric[k] = anynum && allnum;
		out->kind[k] = out->numeric[k] ? 'n' : anydate && alldate ? 'd' : 't';
	}
	return true;
}
