/* expr: grammar, name resolution, functions, lookups, decimals, and the
 * exact message of every error kind. */
#include <stdlib.h>

#include "buf.h"
#include "data.h"
#include "expr.h"
#include "unit.h"

static struct buf diag_out = BUF_INIT;
static struct arena A;
static struct dataset DS;
static struct table tables[3];

static void sink(const char *line, void *ctx)
{
	(void)ctx;
	if (!diag_out.len) /* the first error only */
		buf_puts(&diag_out, line);
}

static void add_table(const char *name, const char *csv, enum data_locale loc)
{
	char *path = arena_printf(&A, "data/%s.csv", name);
	if (!data_parse_csv(&A, path, name, csv, strlen(csv), loc, &tables[DS.ntables]))
		printf("# bad fixture %s: %s\n", name, buf_cstr(&diag_out));
	DS.ntables++;
}

static struct scalar vars[] = {
    {"nam_bao_cao", "2024", {"r.md", 2, 14}},
    {"ty_le", "653,8", {"r.md", 3, 8}},
    {"sai", "3.5", {"r.md", 4, 6}},
    {"don_vi", "Huyện Phong Thổ", {"r.md", 5, 9}},
};
static struct scalar sets[] = {
    {"ty_le", "12,5", {NULL, 0, 0}},
};

static void ctx_setup(struct expr_ctx *c)
{
	expr_ctx_init(c, &A);
	c->data = &DS;
	c->vars = vars;
	c->nvars = 4;
	c->sets = sets;
	c->nsets = 1;
}

/* Evaluate src (as if written at r.md:12:4) with an optional loop row;
 * returns the value as text, or the first diagnostic. */
static const char *ev_row(const char *src, const char *table, int row)
{
	diag_out.len = 0;
	if (diag_out.ptr)
		diag_out.ptr[0] = 0;
	struct expr_ctx c;
	ctx_setup(&c);
	if (table) {
		expr_push(&c, data_find(&DS, table), true, (struct srcloc){0});
		c.frames[0].row = row;
		c.frames[0].stt = 7;
	}
	struct expr *e;
	struct expr_src s = {"r.md", src, strlen(src), 12, 4};
	struct buf b = BUF_INIT;
	struct expr_value v;
	if (expr_parse(&A, s, &e) && expr_eval(&c, e, &v))
		expr_text(&c, &v, &b);
	const char *r = diag_out.len ? arena_strdup(&A, buf_cstr(&diag_out))
				     : arena_strdup(&A, buf_cstr(&b));
	buf_free(&b);
	return r;
}

static const char *ev(const char *src)
{
	return ev_row(src, NULL, 0);
}

#define EV(src, want) CHECK_STR(ev(src), want, "%.40s", src)
#define EVR(src, t, r, want) CHECK_STR(ev_row(src, t, r), want, "%s (row %d)", src, r)

static void test_arith(void)
{
	EV("1 + 2 * 3", "7");
	EV("(1 + 2) * 3", "9");
	EV("10 - 4 - 3", "3");
	EV("2 * 3 / 4", "1,5");
	EV("-2 * -3", "6");
	EV("- (1 + 2)", "-3");
	EV("0.1 + 0.2", "0,3");
	EV("1 / 3", "0,333333");
	EV("1234.5 * 2", "2469");
	EV("nam_bao_cao + 1", "2025");
	EV("nam_bao_cao", "2024"); /* as written */
	EV("ty_le", "12,5"); /* --set wins over front matter */
	EV("ty_le * 2", "25"); /* "12,5" read the Vietnamese way */
	EV("don_vi", "Huyện Phong Thổ");
	EV("\"a \\\"b\\\"\"", "a \"b\"");
	EV("round(2.345, 2)", "2,35");
	EV("round(2.5)", "3");
	EV("round(1234567, -3)", "1235000");
	EV("abs(-4.5)", "4,5");
	EV("pct(66313, 71570)", "92,654744");
	EV("round(pct(1, 3), 2)", "33,33");
}

static void test_logic(void)
{
	EV("1 < 2", "1");
	EV("2 <= 1", "0");
	EV("3 == 3.0", "1");
	EV("3 != 3", "0");
	EV("1 < 2 and 2 < 3", "1");
	EV("1 > 2 or 0", "0");
	EV("not 0", "1");
	EV("not \"\"", "1");
	EV("not don_vi", "0");
	EV("1 + 1 == 2 and not 1 > 2", "1");
	EV("\"abc\" == \"abc\"", "1");
	EV("\"abc\" < \"abd\"", "1");
	EV("nam_bao_cao == 2024", "1"); /* text read as a number */
	EV("nam_bao_cao == \"2024\"", "1"); /* text compare */
	EV("1 or (1 / 0)", "1"); /* short-circuit */
}

static void test_tables(void)
{
	EV("count(von)", "3");
	EV("count(xa)", "4");
	EV("count(xa.dan_so)", "3"); /* non-empty cells */
	EV("sum(von.von_dt)", "448345,65");
	EV("avg(von.von_dt)", "149448,55");
	EV("min(von.von_dt)", "92,65");
	EV("max(von.von_dt)", "383032");
	EV("sum(xa.dan_so)", "3700"); /* empty cell skipped */
	EV("sum(1, 2, 3.5)", "6,5");
	EV("max(1, 7, 3)", "7");
	EV("sum(von.von_dt where nam >= 2023)", "65313,65");
	EV("count(xa where loai == \"A\")", "2");
	EV("von[nam == 2023].von_dt", "92,65");
	EV("von[nam == 2023].von_dt * 2", "185,3");
	EV("xa[ma == \"X02\"].ten", "Xã *B*");
	EVR("von_dt", "von", 0, "383.032"); /* a cell as written */
	EVR("von_dt + 1", "von", 0, "383033");
	EVR("stt", "von", 0, "7");
	EVR("nam_bao_cao - nam", "von", 1, "1");
	EVR("xa[ma == ma_xa].ten", "von", 1, "Xã *B*"); /* outer row inside [] */
}

static void test_errors(void)
{
	EV("ty_l", "r.md:12:4: error: unknown name 'ty_l'; did you mean 'ty_le'?");
	EVR("von_dau_tu + 1", "von", 0,
	    "r.md:12:4: error: unknown name 'von_dau_tu'; columns of von.csv "
	    "are: nam, von_dt, von_sn, ma_xa");
	EVR("von_d + 1", "von", 0,
	    "r.md:12:4: error: unknown name 'von_d'; did you mean 'von_dt'? "
	    "columns of von.csv are: nam, von_dt, von_sn, ma_xa");
	EV("von.von_dau_tu",
	   "r.md:12:8: error: unknown column 'von_dau_tu' in von.csv; columns "
	   "are: nam, von_dt, von_sn, ma_xa");
	EV("von.von_sm",
	   "r.md:12:8: error: unknown column 'von_sm' in von.csv; did you mean "
	   "'von_sn'? columns are: nam, von_dt, von_sn, ma_xa");
	EV("sum(vonn.von_dt)",
	   "r.md:12:8: error: unknown table 'vonn'; did you mean 'von'? tables "
	   "are: c, von, xa");
	EV("zzz", "r.md:12:4: error: unknown name 'zzz'; names are: ty_le, nam_bao_cao, "
		  "ty_le, sai, don_vi");
	EV("sumx(1)", "r.md:12:4: error: unknown function 'sumx'; did you mean 'sum'? "
		      "functions are: sum, avg, min, max, count, round, abs, pct, ngay");
	EVR("von_sn + 1", "von", 1,
	    "r.md:12:4: error: cell 'abc' at data/von.csv:3:14 (row 2, column "
	    "von_sn) is not a number");
	EVR("von_sn + 1", "von", 2,
	    "r.md:12:4: error: cell at data/von.csv:4:15 (row 3, column von_sn) "
	    "is empty, not a number");
	EVR("von_sn * 2", "von", 0,
	    "r.md:12:4: error: cell '3.5' at data/von.csv:2:14 (row 1, column "
	    "von_sn) is not a number; Vietnamese numbers use ',' for decimals "
	    "and '.' for thousands: write 3,5 (or use --data-locale c)");
	EV("sum(xa.loai)",
	   "r.md:12:8: error: cell 'A' at data/xa.csv:2:16 (row 1, column loai) "
	   "is not a number");
	EV("sai + 1", "r.md:12:4: error: value '3.5' of 'sai' (r.md:4) is not a number; "
		      "Vietnamese numbers use ',' for decimals and '.' for thousands: "
		      "write 3,5 (or use --data-locale c)");
	EV("xa[ma == \"X01\"].pt + 1",
	   "r.md:12:4: error: cell '92,5%' at data/xa.csv:2:18 (row 1, column "
	   "pt) is not a number; the '%' sign is not part of a number (write "
	   "the figure alone; the pct filter adds '%')");
	EV("\"5\" + 1",
	   "r.md:12:4: error: \"5\" is a string, not a number; write numbers "
	   "without quotes");
	EV("1 / (2 - 2)", "r.md:12:6: error: division by zero");
	EV("pct(5, 0)", "r.md:12:4: error: division by zero in pct(): the whole (second "
			"argument) is 0");
	EV("von[nam == 2030].von_dt",
	   "r.md:12:4: error: no row of von.csv matches [nam == 2030]");
	EV("xa[loai == \"A\"].ten",
	   "r.md:12:4: error: 2 rows of xa.csv match [loai == \"A\"] (lines 2, "
	   "4); a lookup must match exactly one row");
	EV("von.von_dt + 1",
	   "r.md:12:4: error: von.von_dt is a whole column, not a number; use "
	   "sum(), avg(), min(), max() or count(), or pick one row with "
	   "von[COLUMN == VALUE].von_dt");
	EV("von", "r.md:12:4: error: von is a table; insert it with {{ table von "
		  "}} or loop over it with {{#each von}}");
	EV("999999999999999999 + 1",
	   "r.md:12:23: error: result is too large (the limit is 18 digits "
	   "before the decimal point)");
	EV("1,5", "r.md:12:5: error: unexpected ','; numbers inside {{ }} use "
		  "'.' for decimals (write 1.5)");
	EV("1 +", "r.md:12:7: error: expected a value (number, \"text\", name "
		  "or '('), found the end of the expression");
	EV("(1 + 2", "r.md:12:10: error: expected ')', found the end of the "
		     "expression");
	EV("a = 1", "r.md:12:6: error: '=' is not an operator; compare with ==");
	EV("1 < 2 < 3", "r.md:12:10: error: comparisons do not chain; write a "
			"< b and b < c");
	EV("\"abc", "r.md:12:4: error: string is never closed (missing \")");
	EV("round(1, 2, 3)", "r.md:12:4: error: round() takes 1 or 2 arguments, not 3");
	EV("avg(von.von_dt where nam > 3000)",
	   "r.md:12:4: error: avg() of no values (every cell is empty or no row "
	   "matches)");
	EV("x ? 1", "r.md:12:6: error: unexpected character '?' in an expression");

	/* nesting limits: a clear error, not a crash */
	struct buf b = BUF_INIT;
	for (int i = 0; i < MAX_NESTING + 1; i++)
		buf_putc(&b, '(');
	buf_putc(&b, '1');
	for (int i = 0; i < MAX_NESTING + 1; i++)
		buf_putc(&b, ')');
	CHECK(strstr(ev(buf_cstr(&b)), "error: expression nested deeper than 64 "
				       "levels") != NULL,
	      "deep parentheses");
	buf_truncate(&b, 0);
	for (int i = 0; i < MAX_NESTING; i++)
		buf_putc(&b, '(');
	buf_putc(&b, '1');
	for (int i = 0; i < MAX_NESTING; i++)
		buf_putc(&b, ')');
	EV(buf_cstr(&b), "1");
	buf_truncate(&b, 0);
	for (int i = 0; i < 100000; i++)
		buf_puts(&b, "-");
	buf_puts(&b, "1");
	CHECK(strstr(ev(buf_cstr(&b)), "nested deeper") != NULL, "deep unary");
	buf_truncate(&b, 0);
	buf_puts(&b, "1");
	for (int i = 0; i < 300; i++)
		buf_puts(&b, "+1");
	CHECK(strstr(ev(buf_cstr(&b)), "too long") != NULL, "long chain");
	buf_truncate(&b, 0);
	buf_puts(&b, "1");
	for (int i = 0; i < 200; i++)
		buf_puts(&b, "+1");
	EV(buf_cstr(&b), "201");
	buf_free(&b);
}

static void test_positions(void)
{
	/* multi-line expression: the column restarts on the next line */
	CHECK_STR(ev("1 +\n  zz"),
		  "r.md:13:3: error: unknown name 'zz'; names are: ty_le, "
		  "nam_bao_cao, ty_le, sai, don_vi",
		  "multi-line position");
	EV("\"Việt\" == x",
	   "r.md:12:14: error: unknown name 'x'; names are: ty_le, nam_bao_cao, "
	   "ty_le, sai, don_vi");
}

static void test_c_locale(void)
{
	/* --data-locale c: cells and scalars read as 1,234.5 */
	struct expr_ctx c;
	ctx_setup(&c);
	c.c_locale = true;
	struct expr *e;
	struct expr_src s = {"r.md", "sum(c.a) + sai", 14, 1, 1};
	struct expr_value v;
	struct buf b = BUF_INIT;
	CHECK(expr_parse(&A, s, &e) && expr_eval(&c, e, &v) && expr_text(&c, &v, &b),
	      "C locale sum");
	CHECK_STR(buf_cstr(&b), "1238", "1,234.5 + 3.5 in the C convention");
	diag_out.len = 0;
	struct expr_src s2 = {"r.md", "ty_le + 1", 9, 1, 1};
	CHECK(expr_parse(&A, s2, &e) && !expr_eval(&c, e, &v), "12,5 in C fails");
	CHECK_STR(buf_cstr(&diag_out),
		  "r.md:1:1: error: value '12,5' of 'ty_le' is not a number; the "
		  "data is read with --data-locale c, where '.' is the decimal point",
		  "C locale hint");
	buf_free(&b);
}

static void test_cache(void)
{
	/* One parsed expression, many rows: the cached column must follow
	 * the row, and a new loop on another table must re-resolve. */
	struct expr_ctx c;
	ctx_setup(&c);
	struct expr *e;
	struct expr_src s = {"r.md", "nam * 1", 7, 1, 1};
	CHECK(expr_parse(&A, s, &e), "parse");
	const struct table *von = data_find(&DS, "von");
	struct buf b = BUF_INIT;
	expr_push(&c, von, true, (struct srcloc){0});
	for (int r = 0; r < von->nrows; r++) {
		c.frames[0].row = r;
		struct expr_value v;
		if (expr_eval(&c, e, &v))
			expr_text(&c, &v, &b);
		buf_putc(&b, ' ');
	}
	expr_pop(&c);
	CHECK_STR(buf_cstr(&b), "2022 2023 2024 ", "cached name follows rows");
	diag_out.len = 0;
	struct expr_value v;
	CHECK(!expr_eval(&c, e, &v), "outside the loop 'nam' is unknown again");
	buf_free(&b);
}

int main(void)
{
	diag_set_sink(sink, NULL);
	arena_init(&A);
	DS.tables = tables;
	DS.dir = "data";
	add_table("c", "a\n\"1,234.5\"\n", LOCALE_C);
	add_table("von",
		  "nam,von_dt,von_sn,ma_xa\n2022,383.032,3.5,X01\n"
		  "2023,\"92,65\",abc,X02\n2024,\"65.221\", ,X03\n",
		  LOCALE_VI);
	add_table("xa",
		  "ma,ten,dan_so,loai,pt\nX01,Xã A,1.200,A,\"92,5%\"\n"
		  "X02,Xã *B*,2.500,B,1\nX03,Xã C,,A,2\nX04,Xã D,0,C,3\n",
		  LOCALE_VI);
	test_arith();
	test_logic();
	test_tables();
	test_errors();
	test_positions();
	test_cache();
	test_c_locale();
	arena_free(&A);
	buf_free(&diag_out);
	UNIT_DONE();
}
