/* table_total: total and subtotal rows of {{ table T tong="..." }}. */
#include "table_total.h"

#include <string.h>

#include "buf.h"
#include "numfmt.h"

/* A column the total row adds up: a figure column that is not a row
 * number, a year or a code (by its name: stt, tt, nam, nam_..., ma...). */
static bool summed(const struct table *tb, int c)
{
	static const char *const skip[] = {"stt", "tt", "so_tt", "nam", "ma", "ma_so", NULL};
	if (!tb->numeric[c])
		return false;
	for (int i = 0; skip[i]; i++)
		if (strcmp(tb->names[c], skip[i]) == 0)
			return false;
	/* "Năm khởi công", "Mã số ...": years and codes */
	return strncmp(tb->names[c], "nam_", 4) != 0 && strncmp(tb->names[c], "ma_", 3) != 0;
}

/* "I", "IV", "XII" or one capital letter: a group's number in a form */
static bool group_mark(const char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strspn(s, "IVXLC");
	if (n == 0 && s[0] >= 'A' && s[0] <= 'Z')
		n = 1;
	if (!n)
		return false;
	s += n;
	if (*s == '.')
		s++;
	while (*s == ' ')
		s++;
	return !*s;
}

struct acc {
	struct numfmt_dec sum;
	int scale;
	bool any;
};

static bool add(struct acc *a, const struct table *tb, const char *cell)
{
	struct numfmt_dec v;
	if (!*cell)
		return true;
	if (data_number(tb, cell, &v) != NUMFMT_OK || numfmt_add(a->sum, v, &a->sum) != NUMFMT_OK)
		return false;
	if (v.scale > a->scale)
		a->scale = v.scale;
	a->any = true;
	return true;
}

static const char *show(struct arena *ar, const struct acc *a)
{
	struct buf b = BUF_INIT;
	numfmt_grouped(&b, a->sum, a->scale);
	const char *s = arena_strdup(ar, buf_cstr(&b));
	buf_free(&b);
	return s;
}

bool table_total(struct arena *a, const struct table *tb, const char *label,
		 struct srcloc loc, struct table_total *out)
{
	int nc = tb->ncols, nr = tb->nrows;
	out->total = arena_alloc(a, sizeof *out->total * (size_t)nc);
	out->group = arena_alloc(a, (size_t)(nr ? nr : 1));
	out->sub = arena_alloc(a, sizeof *out->sub * (size_t)(nr ? nr : 1) * (size_t)nc);
	bool *sum = arena_alloc(a, sizeof *sum * (size_t)nc);
	int nsum = 0;
	for (int c = 0; c < nc; c++)
		nsum += sum[c] = summed(tb, c);
	/* group rows: a mark in the first column, no figures */
	int ngroup = 0;
	for (int r = 0; r < nr && nsum; r++) {
		bool g = group_mark(data_cell(tb, r, 0)->text);
		for (int c = 0; c < nc && g; c++)
			g = !sum[c] || !*data_cell(tb, r, c)->text;
		out->group[r] = g;
		ngroup += g;
	}
	/* the label goes in the first text column (the names), not in a row
	 * number column, else in the first column not added up */
	int lc = -1;
	for (int c = 0; c < nc && lc < 0; c++)
		if (!tb->numeric[c] && !(c == 0 && ngroup) && strcmp(tb->names[c], "stt") != 0 &&
		    strcmp(tb->names[c], "tt") != 0)
			lc = c;
	for (int c = 0; c < nc && lc < 0; c++)
		if (!sum[c])
			lc = c;
	struct acc *tot = arena_alloc(a, sizeof *tot * (size_t)nc);
	for (int c = 0; c < nc; c++)
		tot[c].sum = numfmt_from_int(0);
	for (int r = 0; r < nr; r++) {
		if (out->group[r]) {
			struct acc *g = arena_alloc(a, sizeof *g * (size_t)nc);
			for (int c = 0; c < nc; c++)
				g[c].sum = numfmt_from_int(0);
			for (int k = r + 1; k < nr && !out->group[k]; k++)
				for (int c = 0; c < nc; c++)
					if (sum[c] && !add(&g[c], tb, data_cell(tb, k, c)->text))
						goto range;
			for (int c = 0; c < nc; c++)
				out->sub[(size_t)r * nc + c] =
				    sum[c] && g[c].any ? show(a, &g[c]) : data_cell(tb, r, c)->text;
			continue;
		}
		for (int c = 0; c < nc; c++)
			if (sum[c] && !add(&tot[c], tb, data_cell(tb, r, c)->text))
				goto range;
	}
	for (int c = 0; c < nc; c++)
		out->total[c] = c == lc ? label : sum[c] ? show(a, &tot[c]) : "";
	return true;
range:
	diag_error(loc, "a total of %s is out of range (18 digits)", tb->path);
	return false;
}
