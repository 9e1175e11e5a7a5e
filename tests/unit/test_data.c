/* data: CSV dialects, plain names, positions and every CSV error. */
#include <stdlib.h>

#include "bounds.h"
#include "buf.h"
#include "data.h"
#include "unit.h"

static struct buf diag_out = BUF_INIT;

static void sink(const char *line, void *ctx)
{
	(void)ctx;
	buf_puts(&diag_out, line);
	buf_putc(&diag_out, '\n');
}

/* Parse CSV text; returns success and leaves the message in diag_out. */
static bool parse(struct arena *a, const char *csv, enum data_locale loc, struct table *t)
{
	buf_truncate(&diag_out, 0);
	diag_out.len = 0;
	return data_parse_csv(a, "data/t.csv", "t", csv, strlen(csv), loc, t);
}

static void check_error(struct arena *a, const char *csv, const char *want,
			const char *what)
{
	struct table t;
	bool ok = parse(a, csv, LOCALE_VI, &t);
	CHECK(!ok, "%s fails", what);
	CHECK_STR(buf_cstr(&diag_out), want, "%s message", what);
}

static void test_dialects(struct arena *a)
{
	struct table t;
	/* BOM, ';', CRLF, quoted delimiter, embedded CRLF -> LF */
	const char *csv = "\xEF\xBB\xBFNăm;Vốn đầu tư (triệu đồng);Ghi chú\r\n"
			  "2022;383.032;\"a; b\"\r\n"
			  "2023;92,65;\"dòng 1\r\ndòng 2\"\r\n";
	CHECK(parse(a, csv, LOCALE_VI, &t), "BOM + ; + CRLF parses");
	CHECK(t.ncols == 3 && t.nrows == 2, "3 columns, 2 rows (%d, %d)", t.ncols,
	      t.nrows);
	CHECK_STR(t.headers[0], "Năm", "BOM stripped from first header");
	CHECK_STR(t.names[1], "von_dau_tu_trieu_dong", "plain name");
	CHECK_STR(t.names[2], "ghi_chu", "plain name 2");
	CHECK_STR(data_cell(&t, 0, 2)->text, "a; b", "quoted delimiter");
	CHECK_STR(data_cell(&t, 1, 2)->text, "dòng 1\ndòng 2",
		  "embedded CRLF becomes LF");
	CHECK(data_cell(&t, 1, 0)->line == 3 && data_cell(&t, 1, 0)->col == 1,
	      "cell line/col");
	CHECK(data_cell(&t, 1, 2)->line == 3 && data_cell(&t, 1, 2)->col == 12,
	      "quoted cell col %d", data_cell(&t, 1, 2)->col);
	CHECK(t.numeric[0] && t.numeric[1] && !t.numeric[2], "numeric columns");
	CHECK(data_column(&t, "ghi_chu") == 2 && data_column(&t, "x") == -1,
	      "data_column");

	/* ',' with "" escapes, embedded LF newline, empty cells, no final
	 * newline, blank lines skipped, spaces around unquoted fields */
	csv = "ma,ten,dan_so\n"
	      "X01,\"Xã \"\"A\"\", B\",  1.200 \n"
	      "\n"
	      "X02,\"hai\ndòng\",\n"
	      "X03,Xã C,3";
	CHECK(parse(a, csv, LOCALE_VI, &t), "comma dialect parses");
	CHECK(t.nrows == 3, "blank line skipped (%d rows)", t.nrows);
	CHECK_STR(data_cell(&t, 0, 1)->text, "Xã \"A\", B", "doubled quotes");
	CHECK_STR(data_cell(&t, 0, 2)->text, "1.200", "spaces trimmed");
	CHECK(data_cell(&t, 0, 2)->col == 21, "col after spaces (%d)",
	      data_cell(&t, 0, 2)->col);
	CHECK_STR(data_cell(&t, 1, 1)->text, "hai\ndòng", "embedded LF");
	CHECK_STR(data_cell(&t, 1, 2)->text, "", "empty last cell");
	CHECK(data_cell(&t, 2, 0)->line == 6,
	      "line after an embedded newline "
	      "and a blank line (%d)",
	      data_cell(&t, 2, 0)->line);
	CHECK_STR(data_cell(&t, 2, 2)->text, "3", "no final newline");
	CHECK(t.numeric[2] && !t.numeric[0], "numeric with an empty cell");

	/* ';' wins only when more frequent in the header */
	CHECK(parse(a, "a,b;c\n1,2;3\n", LOCALE_VI, &t) && t.ncols == 2,
	      "',' wins a tie-less count");
	CHECK(parse(a, "\"a;b\",c\n1,2\n", LOCALE_VI, &t) && t.ncols == 2,
	      "quoted ';' is not counted");

	/* header only: a table with no rows */
	CHECK(parse(a, "a,b\n", LOCALE_VI, &t) && t.ncols == 2 && t.nrows == 0,
	      "header only gives 0 rows");
	CHECK(parse(a, "x\n1\n", LOCALE_VI, &t) && t.ncols == 1 && t.nrows == 1,
	      "one column");

	/* NFC: decomposed "Việt" (e + dot below + circumflex) is composed */
	CHECK(parse(a, "ten\nVie\xCC\xA3\xCC\x82t\n", LOCALE_VI, &t), "NFC parse");
	CHECK_STR(data_cell(&t, 0, 0)->text, "Việt", "cell normalised to NFC");

	/* C locale numeric detection */
	CHECK(parse(a, "a,b\n\"1,234.5\",3.5\n", LOCALE_C, &t) && t.numeric[0] &&
		  t.numeric[1],
	      "C locale numbers");
	CHECK(parse(a, "a,b\n1.234,3.5\n", LOCALE_VI, &t) && t.numeric[0] &&
		  !t.numeric[1],
	      "3.5 is not a Vietnamese number");
}

static void test_errors(struct arena *a)
{
	check_error(a, "", "data/t.csv:1:1: error: empty CSV file (no header row)\n",
		    "empty file");
	check_error(a, "\n\n  \n",
		    "data/t.csv:1:1: error: empty CSV file (no header row)\n",
		    "blank file");
	check_error(a, "a,b,c\n1,2,3\n1,2,3,4\n",
		    "data/t.csv:3:7: error: row has 4 cells, header has 3\n",
		    "ragged row (too many)");
	check_error(a, "a,b,c\n1,2,3\n\n1,2\n",
		    "data/t.csv:4:1: error: row has 2 cells, header has 3\n",
		    "ragged row (too few)");
	check_error(a, "a,b\n1,\"open\n2,3\n",
		    "data/t.csv:2:3: error: quoted field is never closed "
		    "(missing closing \")\n",
		    "unterminated quote");
	check_error(a, "a,b\n1,x\"y\n",
		    "data/t.csv:2:4: error: unexpected quote in a field; a field "
		    "holding quotes must be quoted as a whole, with each inner "
		    "quote doubled (\"\")\n",
		    "stray quote");
	check_error(a, "a,b\nố,\"b\"x\n",
		    "data/t.csv:2:6: error: unexpected text after the closing "
		    "quote of a field\n",
		    "text after closing quote (columns in characters)");
	check_error(a, "Năm,NĂM\n1,2\n",
		    "data/t.csv:1:5: error: headers 'Năm' (column 1) and 'NĂM' "
		    "(column 2) both give the name 'nam'\n",
		    "name collision");
	check_error(a, "a,%\n1,2\n",
		    "data/t.csv:1:3: error: column header '%' gives an empty "
		    "name; use letters or digits\n",
		    "empty plain name");
	check_error(a, "a,,c\n1,2,3\n",
		    "data/t.csv:1:3: error: column 2 has an empty header\n",
		    "empty header");
	check_error(a, "a\n\xff\n",
		    "data/t.csv:2:1: error: invalid UTF-8 (byte 0xFF); save the "
		    "file as UTF-8\n",
		    "invalid UTF-8");

	/* too many columns: a clear error, not a crash */
	struct buf b = BUF_INIT;
	for (int i = 0; i <= MAX_CSV_COLUMNS; i++)
		buf_printf(&b, "%sc%d", i ? "," : "", i);
	buf_putc(&b, '\n');
	struct table t;
	CHECK(!parse(a, buf_cstr(&b), LOCALE_VI, &t), "too many columns fails");
	CHECK(strstr(buf_cstr(&diag_out), "error: more than 1000 columns") != NULL,
	      "too many columns message: %s", buf_cstr(&diag_out));
	buf_free(&b);
}

static void test_dir(struct arena *a)
{
	struct dataset d;
	buf_truncate(&diag_out, 0);
	CHECK(data_load_dir(a, "tests/data/csv/", LOCALE_VI, &d), "load dir");
	CHECK(d.ntables == 3, "3 tables (%d)", d.ntables);
	if (d.ntables == 3) {
		CHECK_STR(d.tables[0].name, "bom_semicolon", "sorted 1");
		CHECK_STR(d.tables[1].name, "header_only", "sorted 2");
		CHECK_STR(d.tables[2].name, "xa", "sorted 3");
		CHECK_STR(d.tables[2].path, "tests/data/csv/xa.csv",
			  "path without a doubled slash");
		CHECK(data_find(&d, "xa") == &d.tables[2], "data_find");
		CHECK(data_find(&d, "nope") == NULL, "data_find missing");
	}
	CHECK(!data_load_dir(a, "tests/data/nope", LOCALE_VI, &d), "missing dir fails");
	CHECK(strstr(buf_cstr(&diag_out), "cannot open data folder") != NULL,
	      "missing dir message");
}

int main(void)
{
	diag_set_sink(sink, NULL);
	struct arena a;
	arena_init(&a);
	test_dialects(&a);
	test_errors(&a);
	test_dir(&a);
	arena_free(&a);
	buf_free(&diag_out);
	UNIT_DONE();
}
