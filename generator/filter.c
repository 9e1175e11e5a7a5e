#include "filter.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "numfmt.h"
#include "text.h"

enum fid { F_SO, F_PCT, F_SO_GACH, F_NGAY, F_NGAY_NGAN, F_CHU, F_HOA, F_THUONG, F_HOA_DAU };

static const char *const names[] = {"so",        "pct", "so_gach", "ngay",        "ngay_ngan",
				    "chu",       "hoa", "thuong",  "viet_hoa_dau"};
#define NNAMES ((int)(sizeof names / sizeof names[0]))

/* The optional decimals of so(n), pct(n), so_gach(n); -1 when absent. */
static bool decimals(struct expr_ctx *c, const struct expr_filter *f, int *out)
{
	*out = -1;
	if (f->nargs == 0)
		return true;
	struct expr_value v;
	struct numfmt_dec n;
	long long d;
	if (!expr_eval(c, f->args[0], &v) || !expr_number(c, &v, &n))
		return false;
	if (!numfmt_to_ll(n, &d) || d < 0 || d > NUMFMT_MAX_SCALE) {
		diag_error(expr_loc(f->args[0]),
			   "%s(n): n is the number of "
			   "decimals, from 0 to %d",
			   f->name, NUMFMT_MAX_SCALE);
		return false;
	}
	*out = (int)d;
	return true;
}

/* A date from a value's text; an error at the value when it is none. */
static bool date_of(struct expr_ctx *c, const struct expr_value *v, struct buf *t, int *y,
		    int *m, int *d)
{
	if (!expr_text(c, v, t))
		return false;
	if (numfmt_parse_date(buf_cstr(t), y, m, d))
		return true;
	diag_error(v->loc, "'%s' is not a date; write YYYY-MM-DD, YYYY-MM or DD/MM/YYYY",
		   buf_cstr(t));
	return false;
}

static bool apply(struct expr_ctx *c, enum fid id, const struct expr_filter *f,
		  const struct expr_value *v, struct buf *b)
{
	struct numfmt_dec n;
	int dec, y, m, d;
	bool ok;
	struct buf t = BUF_INIT;
	switch (id) {
	case F_SO:
	case F_PCT:
	case F_SO_GACH:
		if (!decimals(c, f, &dec) || !expr_number(c, v, &n))
			return false;
		if (id == F_SO_GACH && numfmt_is_zero(n)) {
			buf_putc(b, '-'); /* the tables' zero */
			return true;
		}
		numfmt_grouped(b, n, dec);
		if (id == F_PCT)
			buf_putc(b, '%');
		return true;
	case F_CHU:
		if (!expr_number(c, v, &n))
			return false;
		if (numfmt_words(b, n))
			return true;
		numfmt_plain(&t, n);
		diag_error(v->loc,
			   "chu writes whole numbers in words; %s has decimals (use round(x, 0))",
			   buf_cstr(&t));
		buf_free(&t);
		return false;
	case F_NGAY:
	case F_NGAY_NGAN:
		ok = date_of(c, v, &t, &y, &m, &d);
		buf_free(&t);
		if (!ok)
			return false;
		if (id == F_NGAY)
			numfmt_date(b, y, m, d);
		else if (d)
			buf_printf(b, "%02d/%d/%d", d, m, y); /* 08/4/2022, as the seeds */
		else
			buf_printf(b, "%d/%d", m, y); /* YYYY-MM: "tháng 6/2024" */
		return true;
	case F_HOA:
	case F_THUONG:
	case F_HOA_DAU:
		ok = expr_text(c, v, &t);
		if (ok)
			buf_puts(b, text_case(c->a, buf_cstr(&t),
					      id == F_HOA      ? TEXT_UPPER
					      : id == F_THUONG ? TEXT_LOWER
							       : TEXT_FIRST_UPPER));
		buf_free(&t);
		return ok;
	}
	return false;
}

bool filter_apply(struct expr_ctx *c, struct expr_filter *f, struct expr_value *v)
{
	int id = f->id - 1; /* looked up once per placeholder, not per row */
	for (int i = 0; i < NNAMES && id < 0; i++)
		if (strcmp(f->name, names[i]) == 0)
			id = i;
	if (id < 0) {
		const char *near = expr_closest(f->name, names, NNAMES);
		diag_error(f->loc,
			   "unknown filter '%s'%s%s%sfilters are: so, so(n), pct, pct(n), "
			   "so_gach, so_gach(n), ngay, ngay_ngan, chu, hoa, thuong, viet_hoa_dau",
			   f->name, near ? _("; did you mean '") : "; ", near ? near : "",
			   near ? _("'? ") : "");
		return false;
	}
	f->id = id + 1;
	bool takes = id == F_SO || id == F_PCT || id == F_SO_GACH;
	if (f->nargs > (takes ? 1 : 0)) {
		diag_error(f->loc, "filter '%s' takes %s", f->name,
			   takes ? _("at most one argument (decimals)") : _("no arguments"));
		return false;
	}
	struct buf b = BUF_INIT;
	bool ok = apply(c, (enum fid)id, f, v, &b);
	if (ok)
		expr_text_value(v, arena_strndup(c->a, buf_cstr(&b), b.len), v->loc);
	buf_free(&b);
	return ok;
}
