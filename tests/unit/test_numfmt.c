/* numfmt: dates, reading numbers in both conventions, exact decimal
 * arithmetic, the so/plain forms and numbers in words (chu). */
#include <stdlib.h>

#include "buf.h"
#include "numfmt.h"
#include "unit.h"

static struct numfmt_dec num(const char *s)
{
	struct numfmt_dec v = {0, 0};
	if (numfmt_parse(s, true, &v) != NUMFMT_OK)
		printf("# bad test number %s\n", s);
	return v;
}

static const char *plain(struct numfmt_dec v)
{
	static char out[128];
	struct buf b = BUF_INIT;
	numfmt_plain(&b, v);
	snprintf(out, sizeof out, "%s", buf_cstr(&b));
	buf_free(&b);
	return out;
}

static const char *grouped(struct numfmt_dec v, int d)
{
	static char out[128];
	struct buf b = BUF_INIT;
	numfmt_grouped(&b, v, d);
	snprintf(out, sizeof out, "%s", buf_cstr(&b));
	buf_free(&b);
	return out;
}

static const char *words(long long n)
{
	static char out[512];
	struct buf b = BUF_INIT;
	if (!numfmt_words(&b, numfmt_from_int(n)))
		buf_puts(&b, "(not whole)");
	snprintf(out, sizeof out, "%s", buf_cstr(&b));
	buf_free(&b);
	return out;
}

static void test_dates(void)
{
	int y, m, d;
	struct buf b = BUF_INIT;
	CHECK(numfmt_parse_date("2024-02-05", &y, &m, &d) && y == 2024 && m == 2 &&
		  d == 5,
	      "ISO date");
	numfmt_date(&b, y, m, d);
	CHECK_STR(buf_cstr(&b), "ngày 05 tháng 02 năm 2024", "decree date form");
	CHECK(numfmt_parse_date("05/02/2024", &y, &m, &d) && d == 5 && m == 2,
	      "DD/MM/YYYY");
	CHECK(numfmt_parse_date("2024-06", &y, &m, &d) && d == 0, "YYYY-MM");
	CHECK(!numfmt_parse_date("2023-02-29", &y, &m, &d), "calendar checked");
	buf_free(&b);
}

static void test_parse(void)
{
	struct numfmt_dec v;
	static const struct {
		const char *s;
		bool c;
		const char *plain; /* NULL: not a number */
	} cases[] = {
	    {"383.032", false, "383032"},
	    {"92,65", false, "92,65"},
	    {"1.234,5", false, "1234,5"},
	    {"-5", false, "-5"},
	    {"+7", false, "7"},
	    {" 1.000.000 ", false, "1000000"},
	    {"0,1", false, "0,1"},
	    {"3.5", false, NULL}, /* '.' groups three digits only */
	    {"1234.567", false, NULL}, /* first group longer than 3 */
	    {"1.23", false, NULL},
	    {"12,", false, NULL},
	    {",5", false, NULL},
	    {"92,5%", false, NULL},
	    {"abc", false, NULL},
	    {"1 000", false, NULL},
	    {"--1", false, NULL},
	    {"1234.5", true, "1234,5"},
	    {"1,234.5", true, "1234,5"},
	    {"3.5", true, "3,5"},
	    {"1,23", true, NULL},
	    {"92,65", true, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum numfmt_status st = numfmt_parse(cases[i].s, cases[i].c, &v);
		if (cases[i].plain)
			CHECK(st == NUMFMT_OK && strcmp(plain(v), cases[i].plain) == 0,
			      "parse %s (%s) = %s (got %s)", cases[i].s,
			      cases[i].c ? "c" : "vi", cases[i].plain,
			      st == NUMFMT_OK ? plain(v) : "error");
		else
			CHECK(st == NUMFMT_BAD, "parse %s (%s) is not a number",
			      cases[i].s, cases[i].c ? "c" : "vi");
	}
	CHECK(numfmt_parse("", false, &v) == NUMFMT_EMPTY, "empty");
	CHECK(numfmt_parse("  ", false, &v) == NUMFMT_EMPTY, "blank");
	CHECK(numfmt_parse("1000000000000000000", false, &v) == NUMFMT_RANGE,
	      "10^18 is out of range");
	CHECK(numfmt_parse("999999999999999999", false, &v) == NUMFMT_OK,
	      "10^18 - 1 is in range");
	CHECK(numfmt_parse("0,12345678901249", false, &v) == NUMFMT_OK && v.scale == 12,
	      "decimals beyond 12 are rounded");
}

static void test_arith(void)
{
	struct numfmt_dec r, acc = numfmt_from_int(0);
	CHECK(numfmt_add(num("0.1"), num("0.2"), &r) == NUMFMT_OK, "0.1 + 0.2");
	CHECK_STR(plain(r), "0,3", "0.1 + 0.2 = 0,3 (no binary noise)");
	for (int i = 0; i < 10000; i++)
		numfmt_add(acc, num("0.1"), &acc);
	CHECK_STR(plain(acc), "1000", "10 000 x 0.1 = 1000 exactly");
	/* money: 10 000 rows of 1.234.567,89 */
	acc = numfmt_from_int(0);
	for (int i = 0; i < 10000; i++)
		numfmt_add(acc, num("1234567.89"), &acc);
	CHECK_STR(grouped(acc, -1), "12.345.678.900", "money sum exact");
	CHECK(numfmt_sub(num("1"), num("0.9"), &r) == NUMFMT_OK &&
		  strcmp(plain(r), "0,1") == 0,
	      "1 - 0.9 = 0,1");
	CHECK(numfmt_mul(num("1.1"), num("1.1"), &r) == NUMFMT_OK &&
		  strcmp(plain(r), "1,21") == 0,
	      "1.1 * 1.1 = 1,21");
	CHECK(numfmt_div(num("1"), num("3"), &r) == NUMFMT_OK &&
		  strcmp(plain(r), "0,333333") == 0,
	      "1 / 3 = 0,333333");
	CHECK(numfmt_div(num("2"), num("3"), &r) == NUMFMT_OK &&
		  strcmp(plain(r), "0,666667") == 0,
	      "2 / 3 rounds half away");
	CHECK(numfmt_div(num("-2"), num("3"), &r) == NUMFMT_OK &&
		  strcmp(plain(r), "-0,666667") == 0,
	      "-2 / 3");
	CHECK(numfmt_div(num("1"), num("0"), &r) == NUMFMT_DIVZERO, "1 / 0");
	CHECK(numfmt_div(num("66313"), num("71570"), &r) == NUMFMT_OK, "66313 / 71570");
	numfmt_mul(r, numfmt_from_int(100), &r);
	CHECK_STR(grouped(r, -1), "92,65", "pct 92,65");
	CHECK(numfmt_mul(num("9999999999999"), num("1000000"), &r) == NUMFMT_RANGE,
	      "overflow is an error, not a wrap");
	CHECK(numfmt_add(num("999999999999999999"), num("1"), &r) == NUMFMT_RANGE,
	      "sum overflow");
	CHECK(numfmt_mul(num("123456789.123456789"), num("0.000000001"), &r) ==
		      NUMFMT_OK &&
		  strcmp(plain(r), "0,123457") == 0,
	      "small product (%s)", plain(r));
	CHECK(numfmt_mul(num("3333333333.333333333333"), num("3.000000000001"), &r) ==
		  NUMFMT_OK,
	      "long decimals multiply without overflow");
	CHECK(numfmt_cmp(num("1.50"), num("1.5")) == 0 &&
		  numfmt_cmp(num("-2"), num("1")) < 0,
	      "compare");
	CHECK_STR(plain(numfmt_round(num("2.5"), 0)), "3", "round half up");
	CHECK_STR(plain(numfmt_round(num("-2.5"), 0)), "-3", "round half away");
	CHECK_STR(plain(numfmt_round(num("1234.5678"), 2)), "1234,57", "round 2");
	CHECK_STR(plain(numfmt_round(num("1250"), -2)), "1300", "round -2");
	CHECK(numfmt_is_int(num("5.000")) && !numfmt_is_int(num("5.1")), "is_int");
}

static void test_format(void)
{
	CHECK_STR(grouped(num("383032"), -1), "383.032", "so 383032");
	CHECK_STR(grouped(num("92.6523"), -1), "92,65", "so 92.6523");
	CHECK_STR(grouped(num("1234.5"), -1), "1.234,5", "so 1234.5");
	CHECK_STR(grouped(num("-1234"), -1), "-1.234", "so -1234");
	CHECK_STR(grouped(num("0.005"), -1), "0,01", "so rounds half away");
	CHECK_STR(grouped(num("-0.001"), -1), "0", "no negative zero");
	CHECK_STR(grouped(num("1234567.891"), 0), "1.234.568", "so(0)");
	CHECK_STR(grouped(num("5"), 2), "5,00", "so(2) keeps zeros");
	CHECK_STR(grouped(num("0.5"), 3), "0,500", "so(3)");
	CHECK_STR(grouped(num("100"), -1), "100", "so 100");
	CHECK_STR(grouped(num("1000"), -1), "1.000", "so 1000");
	CHECK_STR(plain(num("2023")), "2023", "plain integer");
	CHECK_STR(plain(num("1234567.5")), "1234567,5", "plain: no grouping");
	CHECK_STR(plain(num("0.1234567")), "0,123457", "plain: 6 decimals");
	CHECK_STR(plain(num("-0.05")), "-0,05", "plain negative");
}

static void test_words(void)
{
	static const struct {
		long long n;
		const char *w;
	} cases[] = {
	    {0, "Không"},
	    {5, "Năm"},
	    {10, "Mười"},
	    {11, "Mười một"},
	    {14, "Mười bốn"},
	    {15, "Mười lăm"},
	    {20, "Hai mươi"},
	    {21, "Hai mươi mốt"},
	    {24, "Hai mươi tư"},
	    {25, "Hai mươi lăm"},
	    {99, "Chín mươi chín"},
	    {100, "Một trăm"},
	    {101, "Một trăm linh một"},
	    {104, "Một trăm linh bốn"},
	    {105, "Một trăm linh năm"},
	    {110, "Một trăm mười"},
	    {115, "Một trăm mười lăm"},
	    {1001, "Một nghìn không trăm linh một"},
	    {1010, "Một nghìn không trăm mười"},
	    {1250, "Một nghìn hai trăm năm mươi"},
	    {10000, "Mười nghìn"},
	    {15000, "Mười lăm nghìn"},
	    {100000, "Một trăm nghìn"},
	    {1000000, "Một triệu"},
	    {1000001, "Một triệu không trăm linh một"},
	    {1000500, "Một triệu năm trăm"},
	    {1050000, "Một triệu không trăm năm mươi nghìn"},
	    {2500000000LL, "Hai tỷ năm trăm triệu"},
	    {1000000001LL, "Một tỷ không trăm linh một"},
	    {1000000000000LL, "Một nghìn tỷ"},
	    {383032, "Ba trăm tám mươi ba nghìn không trăm ba mươi hai"},
	    {71570, "Bảy mươi mốt nghìn năm trăm bảy mươi"},
	    {-5, "Âm năm"},
	    {-1250, "Âm một nghìn hai trăm năm mươi"},
	    {123456789012LL, "Một trăm hai mươi ba tỷ bốn trăm năm mươi sáu "
			     "triệu bảy trăm tám mươi chín nghìn không trăm "
			     "mười hai"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK_STR(words(cases[i].n), cases[i].w, "chu %lld", cases[i].n);
	struct buf b = BUF_INIT;
	CHECK(!numfmt_words(&b, num("1.5")) && b.len == 0, "chu refuses non-integers");
	CHECK(numfmt_words(&b, num("12.000")), "chu accepts 12.000 (whole)");
	buf_free(&b);
}

int main(void)
{
	test_dates();
	test_parse();
	test_arith();
	test_format();
	test_words();
	UNIT_DONE();
}
