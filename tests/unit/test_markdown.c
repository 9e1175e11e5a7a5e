/* markdown.c: the doc model built from Markdown (list markers as typed,
 * heading numbers and case, tables with merged cells, footnotes), its
 * messages, and the cmark-gfm internals it reads (cmarkhack.c). */
#include <stdlib.h>

#include "buf.h"
#include "cmarkhack.h"
#include "diag.h"
#include "markdown.h"
#include "unit.h"

static struct buf diag_out = BUF_INIT;
static struct arena A;

static void sink(const char *line, void *ctx)
{
	(void)ctx;
	buf_puts(&diag_out, line);
	buf_putc(&diag_out, '\n');
}

/* Parse src as r.md (expanded line i = template line i + 10). */
static bool parse(const char *src, bool auto_number, struct doc *doc)
{
	static int lines[4096];
	for (int i = 0; i < 4096; i++)
		lines[i] = i + 11;
	struct linemap map = {lines, 4096};
	*doc = (struct doc){0};
	buf_truncate(&diag_out, 0);
	diag_reset();
	return md_parse(&A, "r.md", src, strlen(src), &map, auto_number, doc);
}

/* A block's runs joined, footnote references as "^N". */
static const char *text(const struct block *b)
{
	struct buf t = BUF_INIT;
	for (int i = 0; i < b->text.n; i++) {
		const struct run *r = &b->text.v[i];
		if (r->note)
			buf_printf(&t, "^%d", r->note);
		else if (r->brk)
			buf_puts(&t, "|");
		else
			buf_put(&t, r->text, r->len);
	}
	char *s = arena_strdup(&A, buf_cstr(&t));
	buf_free(&t);
	return s;
}

static void test_cmarkhack(void)
{
	char why[200];
	bool ok = cmarkhack_selftest(why, sizeof why);
	CHECK(ok, "cmarkhack self-test on cmark-gfm %s%s%s", cmark_version_string(),
	      ok ? "" : ": ", ok ? "" : why);
	cmark_node *p = cmark_node_new(CMARK_NODE_PARAGRAPH);
	CHECK(cmarkhack_bullet_char(p) == 0, "a paragraph has no bullet");
	cmark_node_free(p);
}

static void test_lists(void)
{
	struct doc d;
	CHECK(parse("- một\n- hai\n\n+ ba\n\n* bốn\n\n3. năm\n4. sáu\n\n2) bảy\n", false,
		    &d),
	      "lists parse");
	CHECK(d.blocks.n == 7, "seven items, one paragraph each (%d)", d.blocks.n);
	if (d.blocks.n == 7) {
		CHECK_STR(text(&d.blocks.v[0]), "- một", "'-' item keeps its dash");
		CHECK_STR(text(&d.blocks.v[2]), "+ ba", "'+' item keeps its plus");
		CHECK_STR(text(&d.blocks.v[3]), "- bốn", "'*' item is set with a dash");
		CHECK_STR(text(&d.blocks.v[4]), "3. năm",
			  "an ordered item keeps its number");
		CHECK_STR(text(&d.blocks.v[5]), "4. sáu", "the next one too");
		CHECK_STR(text(&d.blocks.v[6]), "2) bảy", "and its delimiter");
		CHECK(d.blocks.v[0].line == 11 && d.blocks.v[2].line == 14,
		      "items keep their template lines (%d, %d)", d.blocks.v[0].line,
		      d.blocks.v[2].line);
	}
	CHECK(parse("- a\n  - b\n", false, &d) && d.blocks.n == 2 &&
		  strcmp(text(&d.blocks.v[1]), "- b") == 0,
	      "a nested item is its own paragraph with its marker");
}

static void test_headings(void)
{
	struct doc d;
	CHECK(parse("# Tình hình\n\n## Kết quả\n\n### Chi tiết\n\n#### Điểm\n\n"
		    "#### Điểm hai\n\n# Kiến nghị\n",
		    true, &d),
	      "headings parse");
	CHECK(d.blocks.n == 6, "six headings (%d)", d.blocks.n);
	if (d.blocks.n == 6) {
		CHECK_STR(text(&d.blocks.v[0]), "I. TÌNH HÌNH",
			  "level 1: Roman, upper case");
		CHECK_STR(text(&d.blocks.v[1]), "1. Kết quả", "level 2: arabic");
		CHECK_STR(text(&d.blocks.v[2]), "1.1. Chi tiết", "level 3: two numbers");
		CHECK_STR(text(&d.blocks.v[3]), "a) Điểm", "level 4: a letter");
		CHECK_STR(text(&d.blocks.v[4]), "b) Điểm hai", "then the next letter");
		CHECK_STR(text(&d.blocks.v[5]), "II. KIẾN NGHỊ", "and the next section");
		CHECK(d.blocks.v[1].kind == BLK_HEADING && d.blocks.v[1].level == 2,
		      "kind and level kept");
	}
	CHECK(parse("# Phần I. Tổng quan\n\n# Mở đầu\n", false, &d) && d.blocks.n == 3,
	      "a part heading splits from its title (%d blocks)", d.blocks.n);
	if (d.blocks.n == 3) {
		CHECK_STR(text(&d.blocks.v[0]), "Phần I", "the part word");
		CHECK_STR(text(&d.blocks.v[1]), "TỔNG QUAN", "its title in capitals");
		CHECK(d.blocks.v[0].style == PARA_PART &&
			  d.blocks.v[1].style == PARA_PART,
		      "both centred as a part");
	}
}

static void test_tables(void)
{
	struct doc d;
	CHECK(parse("Biểu số 01\n\n| A | B | C |\n|---|:-:|--:|\n| x | < | y |\n"
		    "| ^ | z | w |\n",
		    false, &d),
	      "a table parses");
	CHECK(d.blocks.n == 2 && d.blocks.v[1].kind == BLK_TABLE, "caption and table");
	if (d.blocks.n == 2 && d.blocks.v[1].table) {
		const struct dtable *t = d.blocks.v[1].table;
		CHECK(t->ncols == 3 && t->nrows == 3 && t->nhead == 1,
		      "3 x 3, one header row");
		CHECK(t->align[1] == 'c' && t->align[2] == 'r', "alignments read");
		CHECK(t->cells[3].colspan == 2 && t->cells[4].covered, "'<' merges left");
		CHECK(t->cells[3].rowspan == 2 && t->cells[6].covered, "'^' merges up");
		CHECK(d.blocks.v[0].style == PARA_CAPTION,
		      "the title above is its caption");
	}
	struct buf b = BUF_INIT;
	buf_puts(&b, "|");
	for (int i = 0; i < 61; i++)
		buf_puts(&b, " a |");
	buf_puts(&b, "\n|");
	for (int i = 0; i < 61; i++)
		buf_puts(&b, "---|");
	buf_puts(&b, "\n");
	CHECK(!parse(buf_cstr(&b), false, &d) &&
		  strstr(buf_cstr(&diag_out), "r.md:11:") &&
		  strstr(buf_cstr(&diag_out), "table has 61 columns"),
	      "a 61-column table is an error at its line: %s", buf_cstr(&diag_out));
	buf_free(&b);
}

static void test_footnotes(void)
{
	struct doc d;
	CHECK(parse("Một[^b] hai[^a] ba[^b].\n\n[^a]: Chú thích A.\n[^b]: Chú thích B.\n",
		    false, &d),
	      "footnotes parse");
	CHECK(d.blocks.n == 1 && d.nnotes == 2, "one paragraph, two notes (%d, %d)",
	      d.blocks.n, d.nnotes);
	if (d.blocks.n == 1 && d.nnotes == 2) {
		CHECK_STR(text(&d.blocks.v[0]), "Một^1 hai^2 ba^1.",
			  "numbered in order of first reference");
		CHECK_STR(text(&d.notes[0].blocks.v[0]), "Chú thích B.",
			  "note 1 is [^b]");
		CHECK(d.notes[0].line == 14 && d.notes[1].line == 13,
		      "notes keep their lines (%d, %d)", d.notes[0].line,
		      d.notes[1].line);
	}
	CHECK(!parse("Một[^x] hai.\n", false, &d) &&
		  strstr(buf_cstr(&diag_out),
			 "r.md:11:4: error: footnote [^x] has no definition"),
	      "a reference with no definition: error at its column: %s",
	      buf_cstr(&diag_out));
	CHECK(parse("Mã `[^x]` và \\[^y] ở đây.\n", false, &d) && d.nnotes == 0 &&
		  !diag_out.len && d.blocks.n == 1 &&
		  strcmp(text(&d.blocks.v[0]), "Mã [^x] và [^y] ở đây.") == 0,
	      "[^x] in inline code and escaped are text, with no message: %s",
	      buf_cstr(&diag_out));
	CHECK(parse("A[^Ghi].\n\n[^ghi]: Chú.\n", false, &d) && d.nnotes == 1 &&
		  !diag_out.len,
	      "labels ignore case, as cmark's do: %s", buf_cstr(&diag_out));
	CHECK(!parse("Dòng một\\\nhai[^9] và ba.\n", false, &d) &&
		  strstr(buf_cstr(&diag_out), "r.md:12:4: error: footnote [^9]"),
	      "a reference after a hard break, at its own line: %s", buf_cstr(&diag_out));
	CHECK(
	    parse("Một.\n\n[^y]: Thừa.\n", false, &d) && d.nnotes == 0 &&
		strstr(
		    buf_cstr(&diag_out),
		    "r.md:13:1: warning: footnote [^y] is defined but never referenced"),
	    "a definition never referenced: a warning at it: %s", buf_cstr(&diag_out));
}

int main(void)
{
	arena_init(&A);
	diag_set_sink(sink, NULL);
	test_cmarkhack();
	test_lists();
	test_headings();
	test_tables();
	test_footnotes();
	arena_free(&A);
	buf_free(&diag_out);
	UNIT_DONE();
}
