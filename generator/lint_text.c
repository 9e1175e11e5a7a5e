/* lint_text: the `so` and `ngay` rules, read line by line from the
 * expanded Markdown (so figures computed from data are checked too, at
 * the template line that made them).
 *
 * `so`: a figure written the English way, where nothing else could be
 * meant: "1,234,567" (two or more ',' groups of three), "1,234.5", and a
 * '.' decimal that cannot be a Vietnamese thousands mark ("30.05",
 * "12.5": not three digits after it) when a unit or '%' follows it, or
 * when it is a whole table cell of a figure column. Left alone: versions
 * ("2.0", "4.0" with no unit), dates and section numbers with several
 * dots (12.01.2024, 1.2.3), numbers against letters or '/' (8h30, v1.2,
 * 19/QĐ-UBND, 66.313/71.570), ranges (1.5-2), "1,234" (a Vietnamese
 * decimal), links, code and comments.
 *
 * `ngay`: dates that do not exist, in the usual written forms:
 * 31/02/2024, 31-02-2024, 31.02.2024, 2024-02-31, "ngày 30/02",
 * "ngày 30 tháng 02 năm 2024", "ngày 30 tháng 2"; a month over 12 with
 * a day up to 12 is read as day and month swapped. */
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "lint_int.h"
#include "text.h"

/* ---- masks: parts of a line that are not text ---- */

struct line_ctx {
	struct lint *L;
	const char *p, *e; /* the Markdown line */
	char *skip; /* per byte: 1 = not text (a link target, code, a comment) */
	int tline; /* template line */
	bool in_comment; /* an HTML comment running on from above */
	/* the current table */
	bool row, prev_row;
	int nheads;
	bool head_skip[64]; /* columns whose figures are not amounts */
	bool masked; /* skip holds something (it is cleared only then) */
};

static bool at(const char *p, const char *e, const char *w)
{
	size_t n = strlen(w);
	return (size_t)(e - p) >= n && !memcmp(p, w, n);
}

static void mark(struct line_ctx *c, size_t i, size_t n)
{
	if (!c->masked) {
		memset(c->skip, 0, (size_t)(c->e - c->p));
		c->masked = true;
	}
	memset(c->skip + i, 1, n);
}

static void mask_line(struct line_ctx *c)
{
	static const bool starts[256] = {['<'] = true, ['`'] = true, [']'] = true,
					 ['h'] = true, ['w'] = true};
	const char *p = c->p, *e = c->e;
	size_t n = (size_t)(e - p);
	c->masked = false;
	for (size_t i = 0; i < n; i++) {
		if (!c->in_comment) {
			/* skip to a byte where something can start: '<', '`',
			 * ']', "ht" (http), "ww" (www); 'h' is common in
			 * Vietnamese, so it needs its 't' */
			while (i < n && !starts[(unsigned char)p[i]])
				i++;
			if (i >= n)
				break;
			char ch = p[i];
			if ((ch == 'h' && (i + 1 >= n || p[i + 1] != 't')) ||
			    (ch == 'w' && (i + 1 >= n || p[i + 1] != 'w')))
				continue;
		}
		if (c->in_comment) {
			mark(c, i, 1);
			if (at(p + i, e, "-->")) {
				mark(c, i + 1, 2);
				i += 2;
				c->in_comment = false;
			}
			continue;
		}
		if (at(p + i, e, "<!--")) {
			c->in_comment = true;
			mark(c, i, 1);
			continue;
		}
		if (p[i] == '`') { /* a code span, to its closing backtick */
			size_t j = i + 1;
			while (j < n && p[j] != '`')
				j++;
			if (j < n) {
				mark(c, i, j - i + 1);
				i = j;
			}
			continue;
		}
		if (at(p + i, e, "](")) { /* a link's target */
			size_t j = i + 2;
			while (j < n && p[j] != ')' && p[j] != ' ')
				j++;
			mark(c, i, j - i);
			i = j;
			continue;
		}
		if (at(p + i, e, "http://") || at(p + i, e, "https://") ||
		    at(p + i, e, "www.")) {
			size_t j = i;
			while (j < n && p[j] != ' ' && p[j] != '|' && p[j] != ')' && p[j] != '>')
				j++;
			mark(c, i, j - i);
			i = j;
		}
	}
}

/* ---- tables: which cell a position is in ---- */

static bool is_row(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return p < e && *p == '|';
}

static bool is_delimiter(const char *p, const char *e)
{
	bool dash = false;
	for (; p < e; p++) {
		if (*p == '-')
			dash = true;
		else if (!strchr("|: \t", *p))
			return false;
	}
	return dash;
}

/* Index of the cell holding byte pos (0 = the first cell). */
static int cell_index(const char *p, const char *pos)
{
	int k = -1;
	for (const char *q = p; q < pos; q++) {
		if (*q == '\\' && q + 1 < pos)
			q++;
		else if (*q == '|')
			k++;
	}
	return k < 0 ? 0 : k;
}

/* Headers of figure columns that hold no amounts: an order number,
 * a code, a time or date, a section. */
static void read_header(struct line_ctx *c)
{
	static const char *const words[] = {"TT",	 "MÃ",	"SỐ HIỆU", "KÝ HIỆU",
					    "GIỜ",	 "THỜI GIAN", "NGÀY",	"THÁNG",
					    "PHIÊN BẢN", "MỤC",	"ĐIỀU",	   "KHOẢN",
					    "CHƯƠNG",	 "PHẦN",	"MẪU",	   NULL};
	memset(c->head_skip, 0, sizeof c->head_skip);
	c->nheads = 0;
	const char *q = c->p;
	while (q < c->e && *q != '|')
		q++;
	while (q < c->e && c->nheads < 64) {
		const char *s = ++q;
		while (q < c->e && *q != '|') {
			if (*q == '\\' && q + 1 < c->e)
				q++;
			q++;
		}
		if (q >= c->e && s >= c->e)
			break;
		char *u = text_upper(c->L->a, arena_strndup(c->L->a, s, (size_t)(q - s)));
		for (int i = 0; words[i]; i++)
			if (strstr(u, words[i]))
				c->head_skip[c->nheads] = true;
		c->nheads++;
	}
}

/* Is [s, t) all of its cell (spaces, emphasis and a '%' aside)? */
static bool whole_cell(const struct line_ctx *c, const char *s, const char *t)
{
	const char *b = s;
	while (b > c->p && strchr(" *_", b[-1]))
		b--;
	if (b == c->p || b[-1] != '|')
		return false;
	while (t < c->e && strchr(" *_%", *t))
		t++;
	return t == c->e || *t == '|';
}

/* ---- so ---- */

/* A unit or '%' right after the figure (after at most one space):
 * returns its length including the space, 0 when there is none. */
static size_t unit_after(const char *t, const char *e)
{
	static const char *const units[] = {
	    "%",   "‰",	  "ha",	 "km2",	   "km²",   "km",    "m2",   "m²",    "m3",
	    "m³",  "kg",  "tấn", "tạ",	   "tỷ",    "tỉ",    "triệu", "nghìn", "ngàn",
	    "đồng", "USD", "lít", "lần",   "MW",    "kWh",   "kW",   NULL};
	const char *u = t;
	if (u < e && *u == ' ')
		u++;
	else if (at(u, e, "\xC2\xA0"))
		u += 2;
	for (int i = 0; units[i]; i++)
		if (at(u, e, units[i])) {
			const char *z = u + strlen(units[i]);
			if (units[i][0] == '%' || z >= e || !lint_alnum_at(z))
				return (size_t)(z - t);
		}
	return 0;
}

/* The Vietnamese spelling of an English figure: '.' and ',' swapped. */
static char *swapped(struct arena *a, const char *s, size_t n)
{
	char *r = arena_strndup(a, s, n);
	for (size_t i = 0; i < n; i++)
		r[i] = r[i] == '.' ? ',' : r[i] == ',' ? '.' : r[i];
	return r;
}

static const char *SO_HINT = N_("Vietnamese figures use ',' for decimals and '.' to group "
			     "thousands (1.234.567; 30,05%)");

static void report_so(struct line_ctx *c, const char *s, size_t n, size_t unit,
		      const char *how)
{
	struct lint *L = c->L;
	char *fig = swapped(L->a, s, n + unit);
	/* the unit itself keeps its dots and commas */
	memcpy(fig + n, s + n, unit);
	lint_add(L, R_SO, c->tline, lint_col_of(L, c->tline, s, n), SO_HINT,
		 "'%.*s' is %s; write '%s'", (int)(n + unit), s, how, fig);
}

/* One figure [s, s+n): digits with '.' and ',' between them. */
static void check_figure(struct line_ctx *c, const char *s, size_t n)
{
	int dots = 0, commas = 0;
	const char *first_sep = NULL;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '.' || s[i] == ',') {
			dots += s[i] == '.';
			commas += s[i] == ',';
			if (!first_sep)
				first_sep = s + i;
		}
	if (!dots)
		return; /* 1234, 12,5, or ',' groups: check_commas */
	size_t first_len = (size_t)(first_sep - s);
	if (commas) {
		/* "1,234,567.5" / "1,234.5": ',' groups of three, then one '.' */
		if (first_len < 1 || first_len > 3 || dots != 1 || *first_sep != ',')
			return;
		const char *q = first_sep;
		while (q < s + n && *q == ',') {
			size_t k = 0;
			while (q + 1 + k < s + n && q[1 + k] >= '0' && q[1 + k] <= '9')
				k++;
			if (k != 3)
				return;
			q += 1 + k;
		}
		if (q < s + n && *q == '.')
			report_so(c, s, n, unit_after(s + n, c->e), _("written the English way"));
		return;
	}
	if (dots >= 2)
		return; /* 1.234.567, or a date, a version, a section number */
	size_t frac = n - first_len - 1;
	if (frac == 3)
		return; /* 1.234: Vietnamese thousands */
	if (frac == 4 && (at(first_sep + 1, s + n, "19") || at(first_sep + 1, s + n, "20")))
		return; /* 12.2024: a month */
	size_t unit = unit_after(s + n, c->e);
	bool cell = false;
	if (!unit && c->row) {
		int k = cell_index(c->p, s);
		cell = k > 0 && !(k < 64 && c->head_skip[k]) && whole_cell(c, s, s + n);
	}
	if (unit || cell)
		report_so(c, s, n, unit, _("written the English way"));
}

/* "1,234,567": two or more ',' groups of three digits, nothing else. */
static void check_commas(struct line_ctx *c, const char *s, size_t n)
{
	int groups = 0;
	const char *q = s;
	size_t k = 0;
	while (k < n && s[k] != ',')
		k++;
	if (k < 1 || k > 3)
		return;
	q = s + k;
	while (q < s + n) {
		size_t m = 0;
		while (q + 1 + m < s + n && q[1 + m] != ',')
			m++;
		if (m != 3)
			return;
		groups++;
		q += 1 + m;
	}
	if (groups >= 2)
		report_so(c, s, n, unit_after(s + n, c->e), _("grouped the English way"));
}

static bool range_dash(const char *p, const char *e)
{
	if (at(p, e, "-"))
		return true;
	return at(p, e, "–") || at(p, e, "—");
}

/* Words after which "1.2" is a section or an article, never an amount. */
static bool section_word_before(const char *line, const char *s)
{
	static const char *const words[] = {"mục", "Mục", "MỤC", "khoản", "Khoản",
					    "điều", "Điều", "bản", "Bản", "version",
					    "điểm", "Điểm", "phụ lục", "Phụ lục", NULL};
	const char *q = s;
	while (q > line && q[-1] == ' ')
		q--;
	for (int i = 0; words[i]; i++) {
		size_t n = strlen(words[i]);
		if ((size_t)(q - line) >= n && !memcmp(q - n, words[i], n))
			return true;
	}
	return false;
}

static void scan_figures(struct line_ctx *c)
{
	const char *p = c->p, *e = c->e;
	for (const char *q = p; q < e;) {
		if (*q < '0' || *q > '9' || (c->masked && c->skip[q - p])) {
			q++;
			continue;
		}
		const char *s = q;
		while (q < e && ((*q >= '0' && *q <= '9') ||
				 ((*q == '.' || *q == ',') && q + 1 < e && q[1] >= '0' &&
				  q[1] <= '9')))
			q++;
		size_t n = (size_t)(q - s);
		/* the figure's neighbours */
		if (lint_alnum_before(p, s) || (s > p && strchr("/\\_.,", s[-1])))
			continue;
		if (s > p && (s[-1] == '-' || (s >= p + 3 && range_dash(s - 3, e) &&
						   !memcmp(s - 3, "–", 3)))) {
			const char *d = s[-1] == '-' ? s - 1 : s - 3;
			if (d > p && d[-1] >= '0' && d[-1] <= '9')
				continue; /* the end of a range */
		}
		if (q < e && (lint_alnum_at(q) || *q == '/' || *q == '\\'))
			continue;
		if (q < e && range_dash(q, e)) {
			const char *d = q + (*q == '-' ? 1 : 3);
			if (d < e && *d >= '0' && *d <= '9')
				continue; /* the start of a range */
		}
		if (section_word_before(p, s))
			continue;
		if (memchr(s, '.', n))
			check_figure(c, s, n);
		else if (memchr(s, ',', n))
			check_commas(c, s, n);
	}
}

/* ---- ngay ---- */

static int days_in(int m, int y)
{
	static const int d[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && y > 0)
		return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28;
	return d[m - 1];
}

static const char *NGAY_HINT = N_("check the day and the month; a date that does not "
			       "exist is sent back");

/* Report a date [s, s+n) as written, day at [ds, ds+dn), month at
 * [ms, ms+mn); y 0: no year. Suggests the month's last day, or day and
 * month swapped. */
static void check_date(struct line_ctx *c, const char *s, size_t n, const char *ds,
		       size_t dn, const char *ms, size_t mn, int d, int m, int y)
{
	struct lint *L = c->L;
	if (m >= 1 && m <= 12 && d >= 1 && d <= days_in(m, y))
		return;
	struct buf fix = BUF_INIT, why = BUF_INIT;
	if ((m < 1 || m > 12) && m <= 31 && d >= 1 && d <= 12 && m >= 1 &&
	    m <= days_in(d, y)) {
		/* day and month swapped */
		const char *a = ds < ms ? ds : ms;
		const char *a_end = ds < ms ? ds + dn : ms + mn;
		const char *b = ds < ms ? ms : ds;
		const char *b_end = ds < ms ? ms + mn : ds + dn;
		buf_put(&fix, s, (size_t)(a - s));
		buf_put(&fix, b, (size_t)(b_end - b));
		buf_put(&fix, a_end, (size_t)(b - a_end));
		buf_put(&fix, a, (size_t)(a_end - a));
		buf_put(&fix, b_end, (size_t)(s + n - b_end));
		buf_printf(&why, _("there is no month %d"), m);
	} else if (m < 1 || m > 12) {
		buf_printf(&why, _("there is no month %d"), m);
	} else {
		int last = days_in(m, y);
		if (d == 0)
			buf_puts(&why, _("there is no day 0"));
		else if (y)
			buf_printf(&why, _("month %d of %d has %d days"), m, y, last);
		else
			buf_printf(&why, _("month %d has %d days"), m, last);
		int nd = d == 0 ? 1 : last;
		buf_put(&fix, s, (size_t)(ds - s));
		if (dn >= 2)
			buf_printf(&fix, "%02d", nd);
		else
			buf_printf(&fix, "%d", nd);
		buf_put(&fix, ds + dn, (size_t)(s + n - ds - dn));
	}
	int col = lint_col_of(L, c->tline, s, n);
	if (fix.len)
		lint_add(L, R_NGAY, c->tline, col, NGAY_HINT,
			 "'%.*s' is not a date: %s; did you mean '%s'?", (int)n, s,
			 buf_cstr(&why), buf_cstr(&fix));
	else
		lint_add(L, R_NGAY, c->tline, col, NGAY_HINT, "'%.*s' is not a date: %s",
			 (int)n, s, buf_cstr(&why));
	buf_free(&fix);
	buf_free(&why);
}

static size_t digits(const char *p, const char *e, size_t max)
{
	size_t k = 0;
	while (p + k < e && p[k] >= '0' && p[k] <= '9' && k <= max)
		k++;
	return k;
}

static int num(const char *p, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (p[i] - '0');
	return v;
}

/* "ngày 30 tháng 02 năm 2024", "ngày 30 tháng 2/2024", "ngày 30 tháng 2" */
static bool verbal_date(struct line_ctx *c, const char *s)
{
	const char *e = c->e, *q = s;
	if (at(q, e, "ngày") || at(q, e, "Ngày"))
		q += strlen("ngày");
	else if (at(q, e, "NGÀY"))
		q += strlen("NGÀY");
	else
		return false;
	if (q >= e || *q != ' ')
		return false;
	while (q < e && *q == ' ')
		q++;
	const char *ds = q;
	size_t dn = digits(q, e, 2);
	if (!dn || dn > 2)
		return false;
	q += dn;
	if (q >= e || *q != ' ')
		return false;
	while (q < e && *q == ' ')
		q++;
	if (at(q, e, "tháng"))
		q += strlen("tháng");
	else if (at(q, e, "THÁNG"))
		q += strlen("THÁNG");
	else
		return false;
	while (q < e && *q == ' ')
		q++;
	const char *ms = q;
	size_t mn = digits(q, e, 2);
	if (!mn || mn > 2)
		return false;
	q += mn;
	int y = 0;
	const char *r = q;
	while (r < e && *r == ' ')
		r++;
	if (at(r, e, "năm") || at(r, e, "NĂM")) {
		r += strlen("năm");
		while (r < e && *r == ' ')
			r++;
		size_t yn = digits(r, e, 4);
		if (yn == 4) {
			y = num(r, 4);
			q = r + 4;
		}
	} else if (q < e && *q == '/' && digits(q + 1, e, 4) == 4) {
		y = num(q + 1, 4);
		q += 5;
	}
	if (q < e && *q >= '0' && *q <= '9')
		return false;
	check_date(c, s, (size_t)(q - s), ds, dn, ms, mn, num(ds, dn), num(ms, mn), y);
	return true;
}

/* 31/02/2024, 31-02-2024, 31.02.2024, 2024-02-31; "ngày 30/02". */
static void scan_dates(struct line_ctx *c)
{
	const char *p = c->p, *e = c->e;
	for (const char *q = p; q < e; q++) {
		char ch = *q;
		if ((ch < '0' || ch > '9') && ch != 'n' && ch != 'N')
			continue;
		if (c->masked && c->skip[q - p])
			continue;
		if ((*q == 'n' || *q == 'N') && !lint_alnum_before(p, q) && verbal_date(c, q))
			continue;
		if (*q < '0' || *q > '9' || lint_alnum_before(p, q) ||
		    (q > p && strchr("/-.,", q[-1]) && q - 1 > p && q[-2] >= '0' &&
		     q[-2] <= '9'))
			continue;
		size_t a = digits(q, e, 4);
		const char *s1 = q + a;
		if (s1 >= e || !strchr("/-.", *s1)) {
			q += a - 1;
			continue;
		}
		char sep = *s1;
		size_t b = digits(s1 + 1, e, 4);
		const char *s2 = s1 + 1 + b;
		size_t cn = s2 < e && *s2 == sep ? digits(s2 + 1, e, 4) : 0;
		const char *end = cn ? s2 + 1 + cn : s2;
		bool after_ok = end >= e || (!lint_alnum_at(end) && *end != '/' &&
					     !(strchr("-.", *end) && end + 1 < e &&
					       end[1] >= '0' && end[1] <= '9'));
		if (!after_ok || !b) {
			q = end - 1;
			continue;
		}
		int yv = cn == 4 ? num(s2 + 1, 4) : 0;
		if (cn == 4 && a <= 2 && b <= 2 && num(q, a) <= 31 && num(s1 + 1, b) <= 31 &&
		    yv >= 1000 && yv < 3000) { /* D/M/YYYY */
			check_date(c, q, (size_t)(end - q), q, a, s1 + 1, b, num(q, a),
				   num(s1 + 1, b), num(s2 + 1, 4));
		} else if (a == 4 && sep == '-' && b <= 2 && cn && cn <= 2) { /* ISO */
			int y = num(q, 4), m = num(s1 + 1, b), d = num(s2 + 1, cn);
			if (y >= 1000 && m >= 1 && m <= 12)
				check_date(c, q, (size_t)(end - q), s2 + 1, cn, s1 + 1, b, d,
					   m, y);
		} else if (!cn && sep == '/' && a <= 2 && b <= 2) { /* ngày 30/02 */
			const char *w = q;
			while (w > p && w[-1] == ' ')
				w--;
			size_t ln = strlen("ngày");
			if ((size_t)(w - p) >= ln &&
			    (!memcmp(w - ln, "ngày", ln) || !memcmp(w - ln, "Ngày", ln)))
				check_date(c, q, (size_t)(end - q), q, a, s1 + 1, b,
					   num(q, a), num(s1 + 1, b), 0);
		}
		q = end - 1;
	}
}

static const char PUNCT[] = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

void lint_text(struct lint *L)
{
	const struct lint_input *in = L->in;
	struct line_ctx c = {.L = L};
	struct buf skip = BUF_INIT, line = BUF_INIT;
	const char *md = in->md, *end = in->md + in->md_len;
	int ln = 1;
	for (const char *p = md; p < end; ln++) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		/* the line as it reads: a value inserted from data has its
		 * punctuation escaped ("4\\.25"); an escaped '|' stays inside
		 * its cell (as \x01) */
		const char *le = e > p && e[-1] == '\r' ? e - 1 : e;
		size_t llen = le > p ? (size_t)(le - p) : 0;
		if (!llen || !memchr(p, '\\', llen)) { /* most lines: as they are */
			c.p = p;
			c.e = le;
			goto scan;
		}
		buf_truncate(&line, 0);
		for (const char *q = p; q < e && *q != '\r'; q++) {
			if (*q == '\\' && q + 1 < e && strchr(PUNCT, q[1]) && q[1]) {
				q++;
				buf_putc(&line, *q == '|' ? '\x01' : *q);
			} else {
				buf_putc(&line, *q);
			}
		}
		c.p = buf_cstr(&line);
		c.e = c.p + line.len;
	scan:
		c.tline = ln >= 1 && (size_t)ln <= in->map->n ? in->map->lines[ln - 1]
							       : in->body_line + ln - 1;
		buf_truncate(&skip, 0);
		buf_grow(&skip, (size_t)(c.e - c.p) + 1);
		c.skip = skip.ptr;
		c.prev_row = c.row;
		c.row = is_row(c.p, c.e);
		bool skip_line = false;
		if (c.row && !c.prev_row)
			read_header(&c);
		else if (c.row && is_delimiter(c.p, c.e))
			skip_line = true;
		bool digit = false;
		for (const char *q = c.p; q < c.e && !digit; q++)
			digit = *q >= '0' && *q <= '9';
		if (!skip_line && !digit && !c.in_comment) {
			/* nothing to check; only a comment opening here matters */
			for (const char *q = c.p; q + 4 <= c.e; q++)
				if (*q == '<' && !memcmp(q, "<!--", 4)) {
					mask_line(&c);
					break;
				}
		} else if (!skip_line) {
			mask_line(&c);
			scan_figures(&c);
			scan_dates(&c);
		}
		p = e < end ? e + 1 : end;
	}
	buf_free(&skip);
	buf_free(&line);
}
