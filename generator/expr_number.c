/* expr_number: a value read as a number (expr.h, expr_number): a
 * computed number as it is, a cell or scalar in the data's convention.
 * Owns: the messages that say what the text is, where it came from and
 * what would have worked (the other convention, a '%' sign, a unit).
 * Must not: evaluate expressions. */
#include <stdio.h>
#include <string.h>

#include "expr_int.h"
#include "i18n.h"

const char *expr_text_kind(const struct expr_value *v, struct arena *a)
{
	if (v->t && v->row >= 0)
		return arena_printf(a, _("cell '%s' at %s"), v->text,
				    data_cell_place(a, v->t, v->row, v->col));
	if (v->sc && v->sc->loc.file && v->sc->loc.line > 0 &&
	    strcmp(v->sc->loc.file, "--set") != 0)
		return arena_printf(a, _("value '%s' of '%s' (%s:%d)"), v->text, v->sc->name,
				    v->sc->loc.file, v->sc->loc.line);
	if (v->sc && v->sc->loc.file) /* --set: the option says where */
		return arena_printf(a, _("value '%s' of '%s' (%s)"), v->text, v->sc->name,
				    v->sc->loc.file);
	if (v->sc)
		return arena_printf(a, _("value '%s' of '%s'"), v->text, v->sc->name);
	return arena_printf(a, _("text \"%s\""), v->text);
}

bool expr_number(struct expr_ctx *c, const struct expr_value *v, struct numfmt_dec *out)
{
	switch (v->kind) {
	case EXPR_NUM: *out = v->num; return true;
	case EXPR_LIST:
		diag_error(v->loc,
			   "%s.%s is a whole column, not a number; use "
			   "sum(), avg(), min(), max() or count(), or pick "
			   "one row with %s[COLUMN == VALUE].%s",
			   v->t->name, v->t->names[v->col], v->t->name,
			   v->t->names[v->col]);
		return false;
	case EXPR_TABLE:
		diag_error(v->loc, "%s is a table, not a number; use count(%s)",
			   v->t->name, v->t->name);
		return false;
	case EXPR_TEXT: break;
	}
	if (v->literal) {
		diag_error(v->loc,
			   "\"%s\" is a string, not a number; write numbers "
			   "without quotes",
			   v->text);
		return false;
	}
	/* a cell: in its table's convention, "-" is 0 */
	bool cell = v->t && v->row >= 0;
	bool c_loc = cell ? v->t->locale == LOCALE_C : c->c_locale;
	enum numfmt_status st =
	    cell ? data_number(v->t, v->text, out) : numfmt_parse(v->text, c_loc, out);
	if (st == NUMFMT_OK)
		return true;
	const char *what = expr_text_kind(v, c->a);
	if (st == NUMFMT_EMPTY) {
		if (v->t && v->row >= 0)
			diag_error(v->loc, "cell at %s is empty, not a number",
				   data_cell_place(c->a, v->t, v->row, v->col));
		else
			diag_error(v->loc, "%s is empty, not a number", what);
		return false;
	}
	if (st == NUMFMT_RANGE) {
		diag_error(v->loc, "%s is too large (the limit is %d digits)", what,
			   NUMFMT_MAX_DIGITS);
		return false;
	}
	/* Say what would have worked. */
	struct numfmt_dec other;
	size_t n = strlen(v->text);
	const char *hint = "";
	const char *excel = data_number_hint(c->a, v->text, c_loc ? LOCALE_C : LOCALE_VI);
	if (n && v->text[n - 1] == '%')
		/* xgettext:no-c-format */
		hint = _("; the '%' sign is not part of a number (write the "
			 "figure alone; the pct filter adds '%')");
	else if (excel)
		hint = excel;
	else if (numfmt_parse(v->text, !c_loc, &other) == NUMFMT_OK) {
		struct buf b = BUF_INIT;
		if (c_loc)
			buf_puts(&b, _("; the data is read with --data-locale c, "
				       "where '.' is the decimal point"));
		else {
			buf_puts(&b, _("; Vietnamese numbers use ',' for decimals "
				       "and '.' for thousands: write "));
			numfmt_grouped(&b, other, other.scale);
			buf_puts(&b, _(" (or use --data-locale c)"));
		}
		hint = arena_strdup(c->a, buf_cstr(&b));
		buf_free(&b);
	}
	diag_error(v->loc, "%s is not a number%s", what, hint);
	return false;
}
