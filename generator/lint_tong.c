/* lint_tong: the `tong` rule. A table row labelled "Tổng cộng", "Tổng
 * số", "Cộng" or "Tổng" (also "Tổng cộng toàn huyện", "Cộng (I+II)") must
 * equal, in each figure column, the sum of the rows it totals.
 *
 * How rows are read: an order column (TT: I, II / 1, 2 / 1.1, a / -, +)
 * or a marker at the start of the label gives each row a level; a row
 * belongs to the nearest row above it of a lower level. A row's value is
 * its own figure, or when it has none the sum of its sub-rows; so a group
 * (I, II) with its own figure does not count its sub-rows again. A row
 * labelled "Trong đó" / "Chia ra" (and the sub-rows under it) details
 * its parent and is never added. Rows with no marker in a numbered table
 * are read both ways (as items, and as details of the row above); a
 * total is accepted when any reading adds up: the rows since the previous
 * total, the rows of the group it closes, the whole table, or the
 * subtotals above it. A total in the first body row totals the rows
 * below it.
 * Left alone (never guessed): a column whose cells are not all Vietnamese
 * figures (text, '%', English numbers, merged cells), percentage and
 * average columns, a total cell that is empty. */
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "lint_int.h"
#include "numfmt.h"
#include "text.h"

enum kind { K_NORMAL, K_TOTAL, K_TD };
enum { LV_PLAIN = -1, LV_NUM = 4 };

struct trow {
	enum kind kind;
	int level; /* LV_PLAIN or a marker level */
	bool open_td; /* a "Trong đó:" row that heads the rows under it */
	const char *label;
};

struct table_ctx {
	struct lint *L;
	const struct dtable *t;
	const char **text; /* per cell, trimmed */
	struct trow *rows;
	int lc; /* label column */
};

static const char *cell_text(struct arena *a, const struct tcell *c)
{
	if (c->covered)
		return NULL;
	struct buf b = BUF_INIT;
	for (int i = 0; i < c->text.n; i++)
		if (!c->text.v[i].note)
			buf_put(&b, c->text.v[i].text, c->text.v[i].len);
	const char *s = buf_cstr(&b);
	size_t n = b.len;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	char *r = arena_strndup(a, s, n);
	buf_free(&b);
	return r;
}

/* ---- markers ---- */

static bool roman_chars(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("IVX", s[i]) || !s[i])
			return false;
	return n > 0;
}

/* The level of an order marker [s, s+n), or LV_PLAIN. */
static int marker_level(const char *s, size_t n)
{
	if (!n)
		return LV_PLAIN;
	if (n >= 1 && (s[n - 1] == '.' || s[n - 1] == ')'))
		n--;
	if (!n)
		return LV_PLAIN;
	if (n == 1 && (*s == '-' || *s == '*'))
		return 10 + (*s == '*');
	if (n == 1 && *s == '+')
		return 12;
	if ((n == 3 && (!memcmp(s, "–", 3) || !memcmp(s, "—", 3) || !memcmp(s, "•", 3))))
		return 10;
	if (roman_chars(s, n))
		return 2;
	if (n == 1 && *s >= 'A' && *s <= 'Z')
		return 0;
	if (n == 2 && !memcmp(s, "Đ", 2))
		return 0;
	if (n == 1 && *s >= 'a' && *s <= 'z')
		return 7;
	if (n == 2 && !memcmp(s, "đ", 2))
		return 7;
	int comps = 0;
	size_t i = 0;
	while (i < n) {
		size_t k = 0;
		while (i + k < n && s[i + k] >= '0' && s[i + k] <= '9')
			k++;
		if (!k || k > 3)
			return LV_PLAIN;
		comps++;
		i += k;
		if (i < n && s[i] != '.')
			return LV_PLAIN;
		if (i < n)
			i++;
		if (i == n && s[n - 1] == '.')
			return LV_PLAIN;
	}
	return comps > 4 ? LV_PLAIN : LV_NUM + 2 * (comps - 1);
}

/* A marker at the start of a label ("- Xã A", "1.2. Vốn", "a) Hộ"):
 * its level, and *rest where the words start; LV_PLAIN when none. */
static int label_marker(const char *s, const char **rest)
{
	*rest = s;
	const char *sp = strchr(s, ' ');
	if (!sp || sp == s)
		return LV_PLAIN;
	size_t n = (size_t)(sp - s);
	int lv = marker_level(s, n);
	/* "1 xã" is not a marker, "1." and "-" are */
	if (lv == LV_PLAIN || (lv >= 0 && lv != 10 && lv != 11 && lv != 12 &&
			       s[n - 1] != '.' && s[n - 1] != ')'))
		return LV_PLAIN;
	while (*sp == ' ')
		sp++;
	*rest = sp;
	return lv;
}

/* ---- labels ---- */

static bool starts(const char *s, const char *w)
{
	return !strncmp(s, w, strlen(w));
}

static bool is_total(struct arena *a, const char *label)
{
	if (!label || !*label)
		return false;
	const char *rest;
	label_marker(label, &rest);
	/* every keyword starts with T or C: most labels (place names, items)
	 * are answered before the upper-casing */
	if (!strchr("TtCc", rest[0]) || !rest[0])
		return false;
	const char *u = text_upper(a, rest);
	static const char *const kw[] = {"TỔNG CỘNG", "TỔNG SỐ", "TỔNG", "CỘNG", NULL};
	for (int i = 0; kw[i]; i++) {
		if (!starts(u, kw[i]))
			continue;
		const char *r = u + strlen(kw[i]);
		if (!*r || strchr(":(.-", *r))
			return true;
		if (*r != ' ')
			return false;
		while (*r == ' ')
			r++;
		if (!*r || strchr(":(-", *r) || starts(r, "–"))
			return true;
		static const char *const more[] = {"TOÀN ", "CHUNG", "CÁC ", "CẢ ", NULL};
		for (int k = 0; more[k]; k++)
			if (starts(r, more[k]))
				return true;
		/* "Cộng I", "Tổng I+II", "Cộng (1+2)" */
		size_t w = strcspn(r, " ");
		return w <= 9 && strspn(r, "IVXABCD0123456789+.") == w;
	}
	return false;
}

static bool is_td(struct arena *a, const char *label)
{
	if (!label || !*label)
		return false;
	const char *rest;
	label_marker(label, &rest);
	if (!strchr("TtCc", rest[0]) || !rest[0])
		return false;
	const char *u = text_upper(a, rest);
	return starts(u, "TRONG ĐÓ") || starts(u, "CHIA RA");
}

/* ---- sums ---- */

struct sum {
	struct numfmt_dec v;
	int scale; /* the most decimals of its figures */
	int count; /* figures added */
	bool ok;
};

/* A figure cell: 1 a number, 0 empty (blank, "-", "x"), -1 unreadable. */
static int figure(const char *s, struct numfmt_dec *v, int *scale)
{
	if (!s)
		return -1; /* merged */
	if (!*s || !strcmp(s, "-") || !strcmp(s, "x") || !strcmp(s, "X") ||
	    !strcmp(s, "–") || !strcmp(s, "—"))
		return 0;
	if (numfmt_parse(s, false, v) != NUMFMT_OK)
		return -1;
	*scale = v->scale;
	return 1;
}

struct node {
	int level;
	bool td, own;
	struct numfmt_dec own_v, kids;
	int nkids, ntd;
};

static bool add_to(struct numfmt_dec *acc, struct numfmt_dec v)
{
	return numfmt_add(*acc, v, acc) == NUMFMT_OK;
}

/* Close the top node: its value goes to its parent (or to the sum). */
static bool close_node(struct node *st, int *depth, struct sum *s)
{
	struct node *n = &st[--*depth];
	struct numfmt_dec v;
	if (n->own)
		v = n->own_v;
	else if (n->nkids)
		v = n->kids;
	else if (n->ntd)
		return false; /* only "Trong đó" rows: its value is unknown */
	else
		v = numfmt_from_int(0);
	if (*depth > 0) {
		struct node *p = &st[*depth - 1];
		if (n->td) {
			p->ntd++;
			return true;
		}
		p->nkids++;
		return add_to(&p->kids, v);
	}
	return n->td || add_to(&s->v, v);
}

enum { MAX_DEPTH = 32 };

/* The sum of rows [from, to) in column col, totals left out.
 * details: rows with no marker are details of the row above. */
static struct sum range_sum(const struct table_ctx *c, int from, int to, int col,
			    bool details)
{
	struct sum s = {.v = numfmt_from_int(0), .ok = true};
	struct node st[MAX_DEPTH];
	int depth = 0;
	int last_marked = -100, td_level = -100;
	bool any = false;
	for (int r = from; r < to && s.ok; r++) {
		const struct trow *row = &c->rows[r];
		if (row->kind == K_TOTAL)
			continue;
		int lv = row->level;
		if (row->kind == K_TD) {
			lv = (last_marked >= 0 ? last_marked : LV_NUM) + 1;
			td_level = row->open_td ? lv : -100;
		} else if (td_level >= 0 &&
			   (lv == LV_PLAIN || lv >= 10 || lv == 7) && lv != 2) {
			lv = td_level + 1; /* under "Trong đó:" */
		} else {
			td_level = -100;
			if (lv == LV_PLAIN)
				lv = details && last_marked >= 0 ? last_marked + 1 : LV_NUM;
			else
				last_marked = lv;
		}
		while (depth > 0 && st[depth - 1].level >= lv && s.ok)
			s.ok = close_node(st, &depth, &s);
		if (depth >= MAX_DEPTH) {
			s.ok = false;
			break;
		}
		struct node n = {.level = lv, .td = row->kind == K_TD, .kids = numfmt_from_int(0)};
		int sc = 0;
		int f = figure(c->text[r * c->t->ncols + col], &n.own_v, &sc);
		if (f < 0) {
			s.ok = false;
			break;
		}
		n.own = f > 0;
		if (n.own) {
			any = true;
			if (!n.td)
				s.count++;
			if (sc > s.scale)
				s.scale = sc;
		}
		st[depth++] = n;
	}
	while (depth > 0 && s.ok)
		s.ok = close_node(st, &depth, &s);
	s.ok = s.ok && any;
	return s;
}

static bool close_enough(struct numfmt_dec total, int tscale, const struct sum *s)
{
	struct numfmt_dec d;
	if (numfmt_sub(total, s->v, &d) != NUMFMT_OK)
		return false;
	d = numfmt_abs(d);
	int scale = tscale > s->scale ? tscale : s->scale;
	if (!scale)
		return numfmt_is_zero(d);
	/* figures rounded to `scale` decimals: half a unit each */
	int units = s->count / 2 > 1 ? s->count / 2 : 1;
	struct numfmt_dec tol = {(numfmt_int)units, scale};
	return numfmt_cmp(d, tol) <= 0;
}

/* ---- where and what ---- */

/* A form's column number: "1", "(2)", "B", "3=2/1", "(5)=(3)+(4)". */
static bool column_number(const char *s)
{
	size_t n = strlen(s);
	return n && n <= 16 && strspn(s, "0123456789ABCDEFGH()=+-*/x. ") == n;
}

/* Header cell h of column col (a merged cell: its owner, to the left). */
static const char *head_text(const struct table_ctx *c, int h, int col)
{
	const struct dtable *t = c->t;
	int k = col;
	while (k > 0 && t->cells[h * t->ncols + k].covered)
		k--;
	return c->text[h * t->ncols + k];
}

/* The column's name: its lowest header cell with words. */
static const char *column_name(const struct table_ctx *c, int col)
{
	for (int h = c->t->nhead - 1; h >= 0; h--) {
		const char *s = head_text(c, h, col);
		if (s && *s && !column_number(s))
			return s;
	}
	return NULL;
}

/* Header words of columns that are not amounts, in any header row; a
 * column number that divides or multiplies ("3=2/1"). */
static bool skip_column(const struct table_ctx *c, int col)
{
	static const char *const w[] = {"%",	     "TỶ LỆ",	 "TỈ LỆ", "BÌNH QUÂN",
					"TRUNG BÌNH", "TỐC ĐỘ",	 "SO SÁNH", "GHI CHÚ",
					"ĐƠN VỊ",    "ĐVT",	 "MÃ",	   "BQ",
					"CHỈ SỐ",    "XẾP HẠNG", NULL};
	for (int h = 0; h < c->t->nhead; h++) {
		const char *s = head_text(c, h, col);
		if (!s || !*s)
			continue;
		if (column_number(s) && strchr(s, '=') && strpbrk(s, "/*x"))
			return true;
		const char *u = text_upper(c->L->a, s);
		for (int i = 0; w[i]; i++)
			if (strstr(u, w[i]))
				return true;
	}
	return false;
}

/* Column of cell `col` in template line `line`: cells are split at '|'
 * outside placeholders and escapes. 0 when the line is not a row. */
static int cell_column(const struct lint *L, int line, int col)
{
	size_t n;
	const char *p = lint_line(L, line, &n);
	if (!p)
		return 0;
	const char *e = p + n, *q = p;
	while (q < e && *q == ' ')
		q++;
	if (q >= e || *q != '|')
		return 0;
	int k = 0;
	for (q++; q < e; q++) {
		if (k == col) {
			while (q < e && *q == ' ')
				q++;
			return text_column(p, q);
		}
		if (*q == '\\')
			q++;
		else if (*q == '{' && q + 1 < e && q[1] == '{') {
			const char *z = q + 2;
			while (z + 1 < e && !(z[0] == '}' && z[1] == '}'))
				z++;
			q = z + 1;
		} else if (*q == '|')
			k++;
	}
	return 0;
}

static void report(const struct table_ctx *c, int r, int col, struct numfmt_dec total,
		   int tscale, const struct sum *s, bool below)
{
	struct lint *L = c->L;
	int scale = tscale > s->scale ? tscale : s->scale;
	struct buf a = BUF_INIT, b = BUF_INIT;
	numfmt_grouped(&a, total, scale);
	numfmt_grouped(&b, s->v, scale);
	const char *name = column_name(c, col);
	int line = c->t->row_line[r];
	int cc = cell_column(L, line, col);
	if (!cc)
		cc = lint_col_of(L, line, c->text[r * c->t->ncols + col],
				 strlen(c->text[r * c->t->ncols + col]));
	const char *hint = N_("correct the total or the figures it adds up (rows labelled "
			   "'Trong đó' and the sub-rows of a group are not added twice)");
	if (name)
		lint_add(L, R_TONG, line, cc, hint,
			 "'%s' in column '%s' is %s, but the rows %s add up to %s",
			 c->rows[r].label, name, buf_cstr(&a), below ? _("below") : _("above"),
			 buf_cstr(&b));
	else
		lint_add(L, R_TONG, line, cc, hint,
			 "'%s' in column %d is %s, but the rows %s add up to %s",
			 c->rows[r].label, col + 1, buf_cstr(&a), below ? _("below") : _("above"),
			 buf_cstr(&b));
	buf_free(&a);
	buf_free(&b);
}

/* Check total row p in column col. */
static void check_total(const struct table_ctx *c, int p, int col)
{
	const struct dtable *t = c->t;
	struct numfmt_dec total;
	int tscale = 0;
	if (figure(c->text[p * t->ncols + col], &total, &tscale) != 1)
		return;
	int first = t->nhead;
	bool top = true;
	for (int r = first; r < p; r++)
		top &= c->rows[r].kind == K_TOTAL;
	struct sum cand[12];
	int n = 0, primary = -1;
	if (top) {
		int next = p + 1;
		while (next < t->nrows && c->rows[next].kind != K_TOTAL)
			next++;
		for (int d = 0; d < 2; d++) {
			cand[n++] = range_sum(c, p + 1, next, col, d);
			cand[n++] = range_sum(c, p + 1, t->nrows, col, d);
		}
		primary = 0;
	} else {
		int prev = p - 1;
		while (prev >= first && c->rows[prev].kind != K_TOTAL)
			prev--;
		int group = -1;
		for (int r = p - 1; r > prev && group < 0; r--)
			if (c->rows[r].kind == K_NORMAL && c->rows[r].level >= 0 &&
			    c->rows[r].level <= 2)
				group = r;
		/* the table's last total (details may follow it) */
		bool last = true;
		for (int r = p + 1; r < t->nrows; r++)
			last &= c->rows[r].kind == K_TD;
		for (int d = 0; d < 2; d++) {
			int at = n;
			cand[n++] = range_sum(c, first, p, col, d); /* the whole table */
			if (last && d == 0)
				primary = at;
			cand[n++] = range_sum(c, prev + 1, p, col, d);
			if (!last && d == 0)
				primary = at + 1;
			if (group >= 0) {
				cand[n++] = range_sum(c, group + 1, p, col, d);
				if (!last && d == 0)
					primary = n - 1;
			}
		}
		/* the subtotals above it */
		struct sum sub = {.v = numfmt_from_int(0), .ok = true};
		bool any = false;
		for (int r = first; r < p && sub.ok; r++) {
			if (c->rows[r].kind != K_TOTAL)
				continue;
			struct numfmt_dec v;
			int sc = 0;
			int f = figure(c->text[r * t->ncols + col], &v, &sc);
			if (f < 0)
				sub.ok = false;
			else if (f > 0) {
				any = true;
				sub.count++;
				sub.scale = sc > sub.scale ? sc : sub.scale;
				sub.ok = add_to(&sub.v, v);
			}
		}
		sub.ok = sub.ok && any;
		cand[n++] = sub;
	}
	bool known = false;
	for (int i = 0; i < n; i++) {
		if (!cand[i].ok)
			continue;
		known = true;
		if (close_enough(total, tscale, &cand[i]))
			return;
	}
	if (!known)
		return;
	if (primary < 0 || !cand[primary].ok)
		for (primary = 0; !cand[primary].ok; primary++)
			;
	report(c, p, col, total, tscale, &cand[primary], top);
}

static void check_table(struct lint *L, const struct dtable *t)
{
	if (t->nrows - t->nhead < 2 || t->ncols < 2)
		return;
	struct table_ctx c = {.L = L, .t = t};
	int nc = t->ncols;
	c.text = arena_alloc(L->a, sizeof *c.text * (size_t)(t->nrows * nc));
	for (int i = 0; i < t->nrows * nc; i++)
		c.text[i] = cell_text(L->a, &t->cells[i]);
	c.rows = arena_alloc(L->a, sizeof *c.rows * (size_t)t->nrows);
	/* totals and details first, by the text of the first two cells */
	bool any_total = false;
	for (int r = t->nhead; r < t->nrows; r++) {
		const char *a = c.text[r * nc], *b = c.text[r * nc + 1];
		struct trow *row = &c.rows[r];
		if (is_total(L->a, a) || is_total(L->a, b))
			row->kind = K_TOTAL, any_total = true;
		else if (is_td(L->a, a) || is_td(L->a, b))
			row->kind = K_TD;
	}
	if (!any_total)
		return;
	/* an order column: every other row's first cell a marker or empty */
	bool order = nc >= 3;
	int markers = 0;
	for (int r = t->nhead; r < t->nrows && order; r++) {
		if (c.rows[r].kind != K_NORMAL)
			continue;
		const char *s = c.text[r * nc];
		if (!s)
			order = false;
		else if (*s && marker_level(s, strlen(s)) == LV_PLAIN)
			order = false;
		else if (*s)
			markers++;
	}
	order = order && markers > 0;
	c.lc = order ? 1 : 0;
	for (int r = t->nhead; r < t->nrows; r++) {
		struct trow *row = &c.rows[r];
		const char *m = order ? c.text[r * nc] : NULL;
		const char *label = c.text[r * nc + c.lc];
		if (order && (!label || !*label) && m && *m &&
		    marker_level(m, strlen(m)) == LV_PLAIN)
			label = m; /* "| Tổng cộng | < | 30 |" */
		row->label = label ? label : "";
		const char *rest;
		row->level = m && *m ? marker_level(m, strlen(m)) : LV_PLAIN;
		if (row->level == LV_PLAIN && label)
			row->level = label_marker(label, &rest);
		if (row->kind == K_TD) {
			/* "Trong đó:" with no figures heads the rows under it */
			bool figs = false;
			for (int k = c.lc + 1; k < nc; k++)
				figs |= c.text[r * nc + k] && *c.text[r * nc + k];
			row->open_td = !figs;
		}
	}
	for (int col = c.lc + 1; col < nc; col++) {
		if (skip_column(&c, col))
			continue;
		bool pct = false;
		for (int r = t->nhead; r < t->nrows && !pct; r++)
			pct = c.text[r * nc + col] && strchr(c.text[r * nc + col], '%');
		if (pct)
			continue;
		for (int r = t->nhead; r < t->nrows; r++)
			if (c.rows[r].kind == K_TOTAL)
				check_total(&c, r, col);
	}
}

void lint_tong(struct lint *L)
{
	const struct doc *d = L->in->doc;
	for (int i = 0; i < d->blocks.n; i++)
		if (d->blocks.v[i].kind == BLK_TABLE && d->blocks.v[i].table)
			check_table(L, d->blocks.v[i].table);
}
