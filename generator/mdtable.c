/* mdtable: a GFM table of cmark-gfm's tree as a struct dtable: cells as
 * runs, the extra header rows and the merges the author marks with "<"
 * and "^", a form's column-number row (A | B | 1 | 2) kept with the
 * header. Its own file because tables are the one block with a grid. */
#include "md_int.h"

#include <cmark-gfm-core-extensions.h>
#include <string.h>

#include "bounds.h"
#include "i18n.h"

/* A merge marker is a cell holding only an unescaped "<" or "^". */
static char merge_marker(cmark_node *cell)
{
	cmark_node *t = cmark_node_first_child(cell);
	if (!t || cmark_node_next(t) || cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return 0;
	const char *lit = cmark_node_get_literal(t);
	if ((strcmp(lit, "<") != 0 && strcmp(lit, "^") != 0) ||
	    cmark_node_get_end_column(t) != cmark_node_get_start_column(t))
		return 0;
	return lit[0];
}

/* "1", "(2)", "A", "4=3/1", "(5)=(3)+(4)": a column number of a form. */
static bool colnum_cell(const char *s, bool *letter, bool *formula, bool *parens, int *num)
{
	int items = 0;
	*num = -1;
	while (*s) {
		while (*s == ' ')
			s++;
		bool paren = *s == '(';
		s += paren;
		*parens |= paren;
		const char *b = s;
		int v = 0;
		if (*s >= '0' && *s <= '9') {
			while (*s >= '0' && *s <= '9' && s - b < 3)
				v = v * 10 + (*s++ - '0');
			if (!items)
				*num = v;
		} else if (*s >= 'A' && *s <= 'Z') {
			s++;
			*letter = true;
		} else {
			return false;
		}
		if (paren && *s++ != ')')
			return false;
		items++;
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		if (!strchr("=+-*/x:", *s))
			return false;
		*formula = true;
		s++;
	}
	return items > 0;
}

static bool column_number_row(const struct dtable *t, int r, const char *marks)
{
	bool letter = false, formula = false, parens = false, seq = true;
	int filled = 0, prev = -1, prev_letter = 'A' - 1;
	for (int c = 0; c < t->ncols; c++) {
		const struct tcell *tc = &t->cells[r * t->ncols + c];
		if (marks[r * t->ncols + c])
			return false;
		if (!tc->text.n)
			continue;
		if (tc->text.n != 1 || tc->text.v[0].note)
			return false;
		char tmp[32];
		if (tc->text.v[0].len >= sizeof tmp)
			return false;
		memcpy(tmp, tc->text.v[0].text, tc->text.v[0].len);
		tmp[tc->text.v[0].len] = 0;
		int num;
		if (!colnum_cell(tmp, &letter, &formula, &parens, &num))
			return false;
		if (num >= 0) {
			seq &= prev < 0 || num == prev + 1;
			prev = num;
		}
		if (tmp[0] >= 'A' && tmp[0] <= 'Z' && !tmp[1]) {
			seq &= tmp[0] == prev_letter + 1;
			prev_letter = tmp[0];
		}
		filled++;
	}
	/* A form numbers its columns in order (A, B, then 1, 2, 3): a data
	 * row such as "1 | A | 10" is not one. Bare numbers could be a row of
	 * data too: only "(1) | (2) | (3)" counts. */
	return filled >= 2 && seq && (letter || formula || (parens && prev == filled));
}

void md_build_table(struct md *m, cmark_node *node, struct blocklist *out)
{
	int line = md_tline(m, cmark_node_get_start_line(node));
	int ncols = cmark_gfm_extensions_get_table_columns(node);
	int nrows = 0;
	for (cmark_node *r = cmark_node_first_child(node); r; r = cmark_node_next(r))
		nrows++;
	if (ncols <= 0 || nrows <= 0)
		return;
	if (ncols > MAX_TABLE_COLUMNS) {
		diag_error(md_loc_at(m, cmark_node_get_start_line(node)),
			   "table has %d columns; at most %d fit a page", ncols,
			   MAX_TABLE_COLUMNS);
		m->failed = true;
		return;
	}
	/* Each cell costs a few hundred bytes through layout: bound them
	 * all, as the data's cells are (a 4 MB table of empty cells took
	 * 1 GB). */
	m->table_cells += (long)ncols * nrows;
	if (m->table_cells > MAX_TABLE_CELLS) {
		diag_error(md_loc_at(m, cmark_node_get_start_line(node)),
			   "the tables have more than %d cells in all (a table's rows "
			   "run to the next blank line); split the report or "
			   "summarise the data",
			   MAX_TABLE_CELLS);
		m->failed = true;
		return;
	}
	struct dtable *t = arena_alloc(m->a, sizeof *t);
	t->ncols = ncols;
	t->nrows = nrows;
	t->cells = arena_alloc(m->a, sizeof *t->cells * (size_t)ncols * (size_t)nrows);
	t->row_line = arena_alloc(m->a, sizeof *t->row_line * (size_t)nrows);
	t->align = arena_alloc(m->a, (size_t)ncols + 1);
	uint8_t *al = cmark_gfm_extensions_get_table_alignments(node);
	for (int c = 0; c < ncols; c++)
		t->align[c] = al ? (char)al[c] : 0;
	char *marks = arena_alloc(m->a, (size_t)ncols * (size_t)nrows);
	int r = 0;
	for (cmark_node *row = cmark_node_first_child(node); row;
	     row = cmark_node_next(row), r++) {
		t->row_line[r] = md_tline(m, cmark_node_get_start_line(row));
		int c = 0;
		for (cmark_node *cell = cmark_node_first_child(row); cell && c < ncols;
		     cell = cmark_node_next(cell), c++) {
			struct tcell *tc = &t->cells[r * ncols + c];
			tc->colspan = tc->rowspan = 1;
			marks[r * ncols + c] = merge_marker(cell);
			if (!marks[r * ncols + c])
				md_collect_inlines(m, cell, &tc->text, r == 0, false,
						cmark_node_get_start_line(row));
		}
		for (; c < ncols; c++)
			t->cells[r * ncols + c].colspan =
			    t->cells[r * ncols + c].rowspan = 1;
	}
	/* Header rows: the GFM header row, then every following row that
	 * merges a cell into the row above ("^"), so a two-level header is
	 * still valid GFM. */
	t->nhead = 1;
	while (t->nhead < nrows) {
		bool up = false;
		for (int c = 0; c < ncols; c++)
			up |= marks[t->nhead * ncols + c] == '^';
		if (!up)
			break;
		t->nhead++;
	}
	/* Re-read header rows after the first in bold. */
	if (t->nhead > 1) {
		m->rereading = true;
		r = 0;
		for (cmark_node *row = cmark_node_first_child(node); row && r < t->nhead;
		     row = cmark_node_next(row), r++) {
			if (r == 0)
				continue;
			int c = 0;
			for (cmark_node *cell = cmark_node_first_child(row);
			     cell && c < ncols; cell = cmark_node_next(cell), c++) {
				struct tcell *tc = &t->cells[r * ncols + c];
				if (marks[r * ncols + c])
					continue;
				tc->text = (struct inl){0};
				md_collect_inlines(m, cell, &tc->text, true, false,
						cmark_node_get_start_line(row));
			}
		}
		m->rereading = false;
	}
	/* A column-number row right under the header (A | B | 1 | 2 | 4=3/1),
	 * as budget forms (Biểu) have, belongs to the header: centred and
	 * repeated on every page. */
	if (t->nhead < nrows - 1 && column_number_row(t, t->nhead, marks))
		t->nhead++;
	/* Resolve merges: "<" joins the owner on the left, "^" the one above. */
	int *owner = arena_alloc(m->a, sizeof *owner * (size_t)ncols * (size_t)nrows);
	for (r = 0; r < nrows; r++)
		for (int c = 0; c < ncols; c++) {
			int i = r * ncols + c;
			owner[i] = i;
			char mk = marks[i];
			if (mk == '<' && c > 0) {
				owner[i] = owner[i - 1];
			} else if (mk == '^' && r > 0) {
				owner[i] = owner[i - ncols];
			} else if (mk) {
				diag_warn(md_loc_at(m, cmark_node_get_start_line(node)),
					  "'%c' in the %s has no cell to merge into", mk,
					  c == 0 ? _("first column") : _("first row"));
				marks[i] = 0;
				t->cells[i].text = (struct inl){0};
				md_prepend_text(m, &t->cells[i].text, mk == '<' ? "<" : "^",
					     t->row_line[r]);
				continue;
			}
			if (owner[i] != i) {
				struct tcell *o = &t->cells[owner[i]];
				int orow = owner[i] / ncols, ocol = owner[i] % ncols;
				t->cells[i].covered = true;
				if (c - ocol + 1 > o->colspan)
					o->colspan = c - ocol + 1;
				if (r - orow + 1 > o->rowspan)
					o->rowspan = r - orow + 1;
			}
		}
	struct block *b = md_new_block(m, out, BLK_TABLE, line);
	t->landscape = m->landscape_next;
	m->landscape_next = false;
	b->table = t;
}
