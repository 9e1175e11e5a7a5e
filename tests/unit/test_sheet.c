/* sheet, xlsx, textenc: Excel's numbers and dates, the header rule on
 * made-up grids (title rows, merged two-row header, total row, notes,
 * .xls without merges), and the CSV encodings. */
#include <stdlib.h>

#include "buf.h"
#include "data.h"
#include "sheet.h"
#include "textenc.h"
#include "unit.h"
#include "xlsx.h"
#include "xlvalue.h"

static struct buf diag_out = BUF_INIT;

static void sink(const char *line, void *ctx)
{
	(void)ctx;
	buf_puts(&diag_out, line);
	buf_putc(&diag_out, '\n');
}

static void numbers(struct arena *a)
{
	static const char *const cases[][3] = {
	    {"1250", "0", "1250"},
	    {"1250.5", "0", "1250.5"},
	    {"0.30000000000000004", "0", "0.3"},
	    {"4.4999999999999996", "0", "4.5"},
	    {"1.2E-3", "0", "0.0012"},
	    {"1.2345678901234E+5", "0", "123456.78901234"},
	    {"-0.5", "0", "-0.5"},
	    {"0.4890829694323144", "2", "48.908296943231"}, /* 12 decimals */
	    {"0.48", "2", "48"},
	    {"1.1102230246251565E-16", "0", "0"},
	    {"999999999999999.9", "0", "1000000000000000"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *got = xlvalue_number(a, cases[i][0], atoi(cases[i][1]));
		CHECK_STR(got ? got : "(null)", cases[i][2], "xlvalue_number(%s, %s)", cases[i][0],
			  cases[i][1]);
	}
	CHECK(xlvalue_number(a, "abc", 0) == NULL, "xlvalue_number refuses text");
	CHECK(xlvalue_number(a, "1e", 0) == NULL, "xlvalue_number refuses a bare exponent");
}

static void dates(void)
{
	static const struct {
		long serial;
		bool d1904;
		const char *want;
	} cases[] = {
	    {1, false, "1900-01-01"},  {59, false, "1900-02-28"}, {60, false, "1900-02-29"},
	    {61, false, "1900-03-01"}, {45443, false, "2024-05-31"},
	    {2958465, false, "9999-12-31"}, {0, true, "1904-01-01"}, {1462, true, "1908-01-02"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char out[11] = "";
		bool ok = xlvalue_date(cases[i].serial, cases[i].d1904, out);
		CHECK(ok, "xlvalue_date(%ld) ok", cases[i].serial);
		CHECK_STR(out, cases[i].want, "xlvalue_date(%ld, %d)", cases[i].serial,
			  cases[i].d1904);
	}
	char out[11];
	CHECK(!xlvalue_date(2958466, false, out), "a serial past 9999-12-31 is no date");
}

#define T(r, c, s) {r, c, G_TEXT, s}
#define N(r, c, s) {r, c, G_NUMBER, s}

static void header_rule(struct arena *a)
{
	/* rows 0-1 title and unit, 3-4 header (A,B,E merged down; C:D
	 * across), 5-7 body, 8 total (A:B merged), 10 note */
	struct gcell cells[] = {
	    T(0, 0, "BIỂU 01"), T(1, 0, "Đơn vị tính: người"),
	    T(3, 0, "STT"), T(3, 1, "Trường"), T(3, 2, "Học sinh"), T(3, 4, "Tỷ lệ"),
	    T(4, 2, "Tổng số"), T(4, 3, "Nữ"),
	    N(5, 0, "1"), T(5, 1, "A"), N(5, 2, "10"), N(5, 3, "5"), N(5, 4, "50"),
	    N(6, 0, "2"), T(6, 1, "B"), N(6, 2, "1250.5"), N(6, 3, "6"),
	    T(7, 0, "Tổng cộng"), N(7, 2, "1260.5"), N(7, 3, "11"),
	    T(9, 0, "Ghi chú: ..."),
	};
	struct gmerge merges[] = {{3, 0, 4, 0}, {3, 1, 4, 1}, {3, 2, 3, 3}, {3, 4, 4, 4},
				  {7, 0, 7, 1}, {0, 0, 0, 4}};
	struct sheet s = {"Tiểu học", cells, sizeof cells / sizeof *cells, merges, 6, true};
	struct workbook wb = {"data/truong.xlsx", &s, 1};
	struct table t;
	bool none;
	bool ok = sheet_table(a, &wb, &s, NULL, "truong_tieu_hoc", LOCALE_VI, 1000, &t, &none);
	CHECK(ok, "the form reads");
	if (!ok)
		return;
	CHECK(t.ncols == 5 && t.nrows == 3, "5 columns, 3 rows (total included, note not): %d x %d",
	      t.ncols, t.nrows);
	const char *names[] = {"stt", "truong", "hoc_sinh_tong_so", "hoc_sinh_nu", "ty_le"};
	for (int c = 0; c < 5 && c < t.ncols; c++)
		CHECK_STR(t.names[c], names[c], "column %d name", c);
	CHECK(t.header_row == 4 && t.header_rows == 2, "header rows 4-5");
	const char *h[] = {"STT", "Trường", "Học sinh", "<", "Tỷ lệ",
			   "^", "^", "Tổng số", "Nữ", "^"};
	for (int i = 0; i < 10 && t.hrows == 2; i++)
		CHECK_STR(t.htext[i], h[i], "header text %d", i);
	CHECK_STR(data_cell(&t, 1, 2)->text, "1250,5", "a number in the Vietnamese form");
	CHECK_STR(t.shown[1 * 5 + 2], "1.250,5", "shown grouped");
	CHECK(t.shown[2 * 5 + 1] == data_merge_left, "the total's label merged across");
	CHECK(t.htext[3] == data_merge_left && t.htext[5] == data_merge_up,
	      "header merge marks are the mark pointers");
	CHECK(data_cell(&t, 1, 2)->line == 7 && data_cell(&t, 1, 2)->col == 3,
	      "cells keep their sheet row and column");
	CHECK(t.kind[2] == 'n' && t.kind[1] == 't', "kinds");
	ok = sheet_table(a, &wb, &s, NULL, "t", LOCALE_C, 1000, &t, &none);
	CHECK(ok && strcmp(data_cell(&t, 1, 2)->text, "1250.5") == 0,
	      "a number in the C form with --data-locale c");

	/* the same without merge records (.xls): the layout decides */
	s.merge_info = false;
	s.merges = NULL;
	s.nmerges = 0;
	ok = sheet_table(a, &wb, &s, NULL, "t", LOCALE_VI, 1000, &t, &none);
	CHECK(ok && t.ncols == 5 && t.hrows == 2, "no merges: a text row under the header's "
						  "gaps is header");
	if (ok && t.ncols == 5) {
		CHECK_STR(t.names[2], "hoc_sinh_tong_so", ".xls name joined");
		CHECK_STR(t.names[3], "hoc_sinh_nu", ".xls name spread over the gap");
		CHECK_STR(t.names[4], "ty_le", ".xls name reaching down");
	}

	/* overlapping merges in the table */
	struct gmerge bad[] = {{3, 0, 4, 1}, {4, 1, 5, 2}};
	s.merge_info = true;
	s.merges = bad;
	s.nmerges = 2;
	buf_truncate(&diag_out, 0);
	ok = sheet_table(a, &wb, &s, NULL, "t", LOCALE_VI, 1000, &t, &none);
	CHECK(!ok, "overlapping merges fail");
	CHECK_STR(buf_cstr(&diag_out),
		  "data/truong.xlsx:5:2: error: merged ranges A4:B5 and B5:C6 overlap; the "
		  "workbook is damaged (sheet \"Tiểu học\", cell B5)\n",
		  "overlap message");

	/* a row of column numbers under the header is not data */
	struct gcell numbered[] = {
	    T(0, 0, "Xã"), T(0, 1, "Số hộ"), T(0, 2, "Số khẩu"),
	    T(1, 0, "A"), N(1, 1, "1"), T(1, 2, "(2)"),
	    T(2, 0, "Mường So"), N(2, 1, "120"), N(2, 2, "480"),
	};
	struct sheet ns = {"Xã", numbered, 9, NULL, 0, true};
	ok = sheet_table(a, &wb, &ns, NULL, "t", LOCALE_VI, 1000, &t, &none);
	CHECK(ok && t.nrows == 1 && strcmp(data_cell(&t, 0, 1)->text, "120") == 0 &&
		  t.hrows == 2 && strcmp(t.htext[1 * 3 + 2], "(2)") == 0 &&
		  strcmp(t.names[1], "so_ho") == 0,
	      "a column-number row (A, 1, (2)) is kept as a header row, not data");
	numbered[4].text = "3"; /* 3 after A... then (2): not increasing */
	ok = sheet_table(a, &wb, &ns, NULL, "t", LOCALE_VI, 1000, &t, &none);
	CHECK(ok && t.nrows == 2, "numbers that do not increase are a data row");

	/* only a merge across: its lower row is header (no merge reaches
	 * down); the empty cells under "Xã" read as merged up */
	struct gcell across[] = {
	    T(0, 0, "Xã"), T(0, 1, "Dân số"), T(1, 1, "Tổng"), T(1, 2, "Nữ"),
	    T(2, 0, "Mường So"), N(2, 1, "1200"), N(2, 2, "600"),
	};
	struct gmerge am[] = {{0, 1, 0, 2}};
	struct sheet as = {"A", across, 7, am, 1, true};
	ok = sheet_table(a, &wb, &as, NULL, "t", LOCALE_VI, 1000, &t, &none);
	CHECK(ok && t.hrows == 2 && t.nrows == 1 && strcmp(t.names[2], "dan_so_nu") == 0 &&
		  t.htext[3] == data_merge_up && t.htext[2] == data_merge_left,
	      "a merge across with text under it: two header rows");

	/* a cell holding a literal "<" is text, not a merge */
	struct gcell lt[] = {T(0, 0, "a"), T(0, 1, "b"), T(1, 0, "x"), T(1, 1, "<")};
	struct sheet ls = {"L", lt, 4, NULL, 0, true};
	ok = sheet_table(a, &wb, &ls, NULL, "t", LOCALE_VI, 1000, &t, &none);
	CHECK(ok && strcmp(t.shown[1], "<") == 0 && t.shown[1] != data_merge_left,
	      "a literal '<' cell is not a merge mark");

	/* an empty sheet, and one with no row of two cells, hold no table */
	struct gcell lone[] = {T(0, 0, "x")};
	struct sheet e = {"Trống", lone, 1, NULL, 0, true};
	buf_truncate(&diag_out, 0);
	ok = sheet_table(a, &wb, &e, NULL, "t", LOCALE_VI, 1000, &t, &none);
	CHECK(!ok && none && diag_out.len == 0, "no table, no message");
}

static void encodings(struct arena *a)
{
	char *out;
	size_t n;
	long bad;
	/* "Việt" in Windows-1258: e + 0xF2 (dot below) after ê = 0xEA */
	const char cp[] = "Vi\xEA\xF2t;s\xF4\xEC\n";
	CHECK(textenc_decode(a, cp, sizeof cp - 1, &out, &n, &bad) == TEXTENC_CP1258,
	      "Windows-1258 read");
	CHECK_STR(out, "Vi\xC3\xAA\xCC\xA3t;s\xC3\xB4\xCC\x81\n",
		  "decoded: base letters as the code page has them, tone marks apart "
		  "(text_prepare composes them)");
	const char latin[] = "a,b\n1,\xFF\n";
	CHECK(textenc_decode(a, latin, sizeof latin - 1, &out, &n, &bad) == TEXTENC_UTF8,
	      "a stray 0xFF is not Windows-1258 (left to the UTF-8 error)");
	const char mark_first[] = "\xCC" "a\n";
	CHECK(textenc_decode(a, mark_first, 3, &out, &n, &bad) == TEXTENC_UTF8,
	      "a tone mark with no letter before it is not Windows-1258");
	const char u16[] = "\xFF\xFE" "a\0\t\0b\0";
	CHECK(textenc_decode(a, u16, sizeof u16 - 1, &out, &n, &bad) == TEXTENC_UTF16LE &&
		  bad < 0 && strcmp(out, "a\tb") == 0,
	      "UTF-16 LE with BOM");
	const char u16bad[] = "\xFF\xFE" "a\0\0\xD8";
	CHECK(textenc_decode(a, u16bad, sizeof u16bad - 1, &out, &n, &bad) == TEXTENC_UTF16LE &&
		  bad == 4,
	      "a lone surrogate is an error at its byte");
}

int main(void)
{
	diag_set_sink(sink, NULL);
	struct arena a;
	arena_init(&a);
	numbers(&a);
	dates();
	header_rule(&a);
	encodings(&a);
	arena_free(&a);
	buf_free(&diag_out);
	UNIT_DONE();
}
