/* template: placeholders, filters, blocks, escaping, line maps, errors,
 * front-matter values, and linear time on big tables. */
#include <stdlib.h>
#include <time.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "bounds.h"
#include "buf.h"
#include "data.h"
#include "template.h"
#include "unit.h"

static struct buf diag_out = BUF_INIT;
static struct arena A;
static struct dataset DS;
static struct table tables[4];
static struct tpl_env ENV;
static struct linemap MAP;

static void sink(const char *line, void *ctx)
{
	(void)ctx;
	if (!diag_out.len)
		buf_puts(&diag_out, line);
}

static void add_table(const char *name, const char *csv)
{
	char *path = arena_printf(&A, "data/%s.csv", name);
	if (!data_parse_csv(&A, path, name, csv, strlen(csv), LOCALE_VI,
			    &tables[DS.ntables]))
		printf("# bad fixture %s: %s\n", name, buf_cstr(&diag_out));
	DS.ntables++;
}

static struct scalar vars[] = {
    {"nam", "2024", {"r.md", 2, 6}},
    {"ten_xa", "Mường So", {"r.md", 3, 9}},
    {"ngay_ky", "2024-02-05", {"r.md", 4, 10}},
    {"so_tien", "1.250", {"r.md", 5, 10}},
    {"le", "1234,5678", {"r.md", 6, 5}},
};

/* Expand src as the body of r.md starting at line 10. */
static const char *expand(const char *src)
{
	diag_out.len = 0;
	if (diag_out.ptr)
		diag_out.ptr[0] = 0;
	struct buf out = BUF_INIT;
	memset(&MAP, 0, sizeof MAP);
	bool ok = tpl_expand(&A, "r.md", 10, src, strlen(src), &ENV, &out, &MAP);
	const char *r =
	    ok ? arena_strdup(&A, buf_cstr(&out)) : arena_strdup(&A, buf_cstr(&diag_out));
	if (ok && diag_out.len)
		r = "(succeeded with a message)";
	buf_free(&out);
	return r;
}

/* A one-line label for a template (newlines shown as "/"). */
static const char *label(const char *src)
{
	char *l = arena_strndup(&A, src, strlen(src) > 50 ? 50 : strlen(src));
	for (char *p = l; *p; p++)
		if (*p == '\n')
			*p = '/';
	return l;
}

#define EX(src, want) CHECK_STR(expand(src), want, "%s", label(src))

/* The line map as "10 11 11 12". */
static const char *map_str(void)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < MAP.n; i++)
		buf_printf(&b, "%s%d", i ? " " : "", MAP.lines[i]);
	const char *r = arena_strdup(&A, buf_cstr(&b));
	buf_free(&b);
	return r;
}

static void test_values(void)
{
	EX("Năm {{ nam }}.", "Năm 2024.");
	EX("{{nam}}", "2024");
	EX("{{ nam + 1 }}", "2025");
	EX("{{ 0.1 + 0.2 }}", "0,3");
	EX("{{ so_tien * 2 }}", "2500");
	EX("{{ le }}", "1234,5678"); /* as written */
	EX("{{ le * 1 }}", "1234,5678"); /* computed: no grouping */
	EX("{{ 1 / 3 }}", "0,333333");
	EX("no tags\nat all\n", "no tags\nat all\n");
	EX("", "");
}

static void test_filters(void)
{
	EX("{{ 383032 | so }}", "383\\.032");
	EX("{{ 92.6523 | so }}", "92,65");
	EX("{{ 1234.5 | so }}", "1\\.234,5");
	EX("{{ -1234 | so }}", "\\-1\\.234");
	EX("{{ 5 | so(2) }}", "5,00");
	EX("{{ 1234.567 | so(0) }}", "1\\.235");
	EX("{{ 0.5 | so(3) }}", "0,500");
	EX("{{ le | so }}", "1\\.234,57");
	EX("{{ so_tien - 250 | so }}", "1\\.000"); /* filter takes a - b */
	EX("{{ pct(66313, 71570) | pct }}", "92,65%");
	EX("{{ pct(1, 3) | pct(1) }}", "33,3%");
	EX("{{ ngay_ky | ngay }}", "ngày 05 tháng 02 năm 2024");
	EX("{{ \"05/12/2023\" | ngay }}", "ngày 05 tháng 12 năm 2023");
	EX("{{ \"2024-06\" | ngay }}", "ngày       tháng 6 năm 2024");
	EX("{{ 1250 | chu }}", "Một nghìn hai trăm năm mươi");
	EX("{{ so_tien | chu }}", "Một nghìn hai trăm năm mươi");
	EX("{{ 2500000000 | chu }}", "Hai tỷ năm trăm triệu");
	EX("{{ ten_xa | hoa }}", "MƯỜNG SO");
	EX("{{ \"tỉnh Lai Châu\" | hoa }}", "TỈNH LAI CHÂU");
	EX("{{ 1234 | so | hoa }}", "1\\.234");
	EX("{{ xa[ma == \"X01\"].ten_xa | hoa }}", "XÃ A");
	EX("{{ \"TỈNH Lai Châu\" | thuong }}", "tỉnh lai châu");
	EX("{{ \"ĐỒNG Ý\" | thuong }}", "đồng ý");
	EX("{{ \"đầu tư\" | viet_hoa_dau }}", "Đầu tư");
	EX("{{ \"(ước) đạt\" | viet_hoa_dau }}", "\\(Ước\\) đạt");
	EX("{{ \"2 năm\" | viet_hoa_dau }}", "2 năm");
	EX("{{ \"Ủy ban\" | thuong | viet_hoa_dau }}", "Ủy ban");
	EX("{{ 0 | so_gach }}", "\\-");
	EX("{{ 1234.5 - 1234.5 | so_gach(2) }}", "\\-");
	EX("{{ 1234.5 | so_gach }}", "1\\.234,5");
	EX("{{ 0.5 | so_gach(2) }}", "0,50");
	EX("{{ ngay_ky | ngay_ngan }}", "05/2/2024");
	EX("{{ \"2022-07-30\" | ngay_ngan }}", "30/7/2022");
	EX("{{ \"2024-06\" | ngay_ngan }}", "6/2024");
	EX("{{ \"31/12/2024\" | ngay_ngan }}", "31/12/2024");
	EX("{{ \"2024-02-30\" | ngay_ngan }}",
	   "r.md:10:4: error: '2024-02-30' is not a date; write YYYY-MM-DD, YYYY-MM or "
	   "DD/MM/YYYY");
	EX("{{ nam | thuong(1) }}", "r.md:10:10: error: filter 'thuong' takes no arguments");
}

/* let, dau/cuoi, dates (the second round of the language). */
static void test_let_and_dates(void)
{
	EX("{{ let t = sum(von.von_dt where nam >= 2023) }}{{ t | so }};{{ t * 2 | so }}",
	   "65\\.313,65;130\\.627,3");
	EX("{{ let a = 2 }}\n{{ let b = a * 3 }}\n{{ b }}\n", "6\n");
	CHECK_STR(map_str(), "12 12", "let lines leave no line");
	EX("{{ let nam = 1999 }}{{ nam }}", "1999"); /* a let hides front matter */
	EX("{{#each von}}{{ let x = nam + 1 }}{{ x }};{{/each}}", "2023;2024;2025;");
	EX("{{#if 1}}{{ let x = 1 }}{{ x }}{{/if}}{{#if 1}}{{ let x = 2 }}{{ x }}{{/if}}",
	   "12");
	EX("{{ let x = 1 }}{{#if 1}}{{ let x = 2 }}{{ x }}{{/if}}{{ x }}", "21");
	EX("{{ let x = \"Xã\" | hoa }}{{ x }}", "XÃ");
	EX("{{ let x = 1 }}{{ let x = 2 }}",
	   "r.md:10:23: error: 'x' is already defined at line 10 in this block; a let "
	   "names one value (use another name, or a block of its own)");
	EX("{{ y }}\n{{ let y = 1 }}",
	   "r.md:10:4: error: 'y' is used before it is defined: its {{ let }} is at line "
	   "11; move the let above this line");
	EX("{{#if 1}}\n{{ let y = 1 }}\n{{/if}}\n{{ y }}",
	   "r.md:13:4: error: 'y' is defined at line 11 by a let inside a block that has "
	   "ended; a let holds to the end of its block (move it out of the block)");
	EX("{{#each von}}{{ let nam = 1 }}{{/each}}",
	   "r.md:10:21: error: 'nam' is a column of data/von.csv in this loop; a let "
	   "cannot take its name (choose another)");
	EX("{{ let v = von.nam }}",
	   "r.md:10:12: error: a let names a number, a text or a date, not a whole column "
	   "(use sum(...), count(...) or a lookup)");
	EX("{{ let = 1 }}", "r.md:10:8: error: expected a name after 'let': {{ let NAME = EXPR }}");
	EX("{{ let x 1 }}", "r.md:10:10: error: expected '=' after 'let x': {{ let x = EXPR }}");
	/* dau / cuoi count the rows a where keeps */
	EX("{{#each von where nam >= 2023}}{{ nam }}{{#if cuoi}}.{{else}};{{/if}}{{/each}}",
	   "2023;2024.");
	EX("{{#each von}}{{#if dau}}[{{/if}}{{ nam }}{{#if cuoi}}]{{else}}, {{/if}}{{/each}}",
	   "[2022, 2023, 2024]");
	EX("{{#each von where nam > 2023}}{{ dau }}{{ cuoi }}{{/each}}", "11");
	EX("{{#each von}}{{#each xa where loai == \"A\"}}{{ cuoi }}{{/each}}|{{ cuoi }} "
	   "{{/each}}",
	   "01|0 01|0 01|1 ");
	/* dates */
	EX("{{ ngay(\"2022-06-30\") + 30 | ngay }}", "ngày 30 tháng 7 năm 2022");
	EX("{{ ngay(\"2022-06-30\") + 30 | ngay_ngan }}", "30/7/2022");
	EX("{{ ngay(\"2022-06-30\") + 30 }}", "2022\\-07\\-30");
	EX("{{ 1 + ngay(\"2023-12-31\") }}", "2024\\-01\\-01");
	EX("{{ ngay(\"2024-03-01\") - 1 | ngay_ngan }}", "29/2/2024");
	EX("{{ ngay(\"2024-03-01\") - ngay(\"2023-03-01\") }}", "366");
	EX("{{ ngay_ky + 7 | ngay }}", "ngày 12 tháng 02 năm 2024");
	EX("{{ ngay(\"31/12/2023\") + 1 }}", "2024\\-01\\-01");
	EX("{{#if ngay(\"31/12/2023\") < ngay(\"2024-01-01\")}}yes{{/if}}", "yes");
	EX("{{#if ngay_ky >= \"2024-02-05\"}}yes{{/if}}", "yes");
	EX("{{ ngay(\"2022-06-30\") + \"a\" }}",
	   "r.md:10:25: error: a date plus text \"a\": only a number of days can be added "
	   "to a date (ngay(\"2022-06-30\") + 30)");
	EX("{{ ngay(\"2023-02-29\") }}",
	   "r.md:10:9: error: text \"2023-02-29\" is not a real date (no such day in the "
	   "calendar)");
	EX("{{ ngay_ky + ngay_ky }}",
	   "r.md:10:12: error: two dates cannot be added; a date minus a date is the number "
	   "of days between them");
	EX("{{ ngay_ky + 0.5 }}", "r.md:10:14: error: a date moves by whole days; round() the "
				  "number first");
	EX("{{ ngay(2024) }}", "r.md:10:9: error: ngay() takes a date written YYYY-MM-DD or "
			       "DD/MM/YYYY, not a number");
	EX("{{ ngay(\"9999-12-31\") + 1 }}",
	   "r.md:10:4: error: the date leaves the years 1900-9999");
}

static void test_blocks(void)
{
	EX("{{#each von}}{{ nam }};{{/each}}", "2022;2023;2024;");
	EX("{{#each von}}\n- {{ stt }}. {{ nam }}\n{{/each}}\n",
	   "- 1. 2022\n- 2. 2023\n- 3. 2024\n");
	CHECK_STR(map_str(), "11 11 11 12", "loop lines map to the body line");
	EX("{{#each von where nam >= 2023}}\n{{ stt }}:{{ nam }}\n{{/each}}\n",
	   "1:2023\n2:2024\n");
	EX("{{#each xa}}\n{{#if dan_so}}{{ ten_xa }}={{ dan_so }}{{else}}{{ ten_xa }}=?"
	   "{{/if}}\n{{/each}}\n",
	   "Xã A=1\\.200\nXã \\*B\\*=2\\.500\nXã C=?\na \\| b \\_c\\_ \\[d\\]=0\n");
	/* nested loops: the inner row's names shadow the outer ones */
	EX("{{#each von}}\n{{#each xa where loai == \"A\"}}\n{{ nam }}/{{ ma }}/{{ stt "
	   "}}\n"
	   "{{/each}}\n{{/each}}\n",
	   "2022/X01/1\n2022/X03/2\n2023/X01/1\n2023/X03/2\n2024/X01/1\n2024/X03/2\n");
	EX("{{#each von}}\n{{#each von}}{{ nam }}{{/each}}|{{ stt }}\n{{/each}}\n",
	   "202220232024|1\n202220232024|2\n202220232024|3\n");
	EX("{{#if nam == 2024}}yes{{else}}no{{/if}}", "yes");
	EX("{{#if nam == 2023}}yes{{else}}no{{/if}}", "no");
	EX("{{#if 0}}yes{{/if}}", "");
	EX("a\n  {{#if 1}}  \nb\n  {{/if}}\nc\n", "a\nb\nc\n");
	CHECK_STR(map_str(), "10 12 14 14", "block lines leave no line");
	EX("a {{! a comment }}b", "a b");
	EX("a\n{{! a comment\nover lines }}\nb\n", "a\nb\n");
	CHECK_STR(map_str(), "10 13 13", "comment lines map");
	EX("{{#if 1}}{{#if 1}}\nx\n{{/if}}{{/if}}\n", "x\n");
	EX("| A | B |\n|---|---|\n{{#each von}}\n| {{ nam }} | {{ von_dt | so }} |\n"
	   "{{/each}}\n",
	   "| A | B |\n|---|---|\n| 2022 | 383\\.032 |\n| 2023 | 92,65 |\n"
	   "| 2024 | 65\\.221 |\n");
	CHECK_STR(map_str(), "10 11 13 13 13 14", "table rows map to their line");
	EX("Tổng: {{ sum(von.von_dt) | so }}; {{ count(xa) }} xã",
	   "Tổng: 448\\.345,65; 4 xã");
	EX("{{ von[nam == 2023].von_dt | so }}", "92,65");
}

static void test_table_tag(void)
{
	EX("{{ table xa }}\n",
	   "| Mã | Tên xã | Dân số | loai |\n| --- | --- | ---: | --- |\n"
	   "| X01 | Xã A | 1\\.200 | A |\n| X02 | Xã \\*B\\* | 2\\.500 | B |\n"
	   "| X03 | Xã C |  | A |\n| X04 | a \\| b \\_c\\_ \\[d\\] | 0 | C |\n");
	CHECK_STR(map_str(), "10 10 10 10 10 10 10", "table tag lines map to it");
	EX("{{ table nhieu_dong }}", "| Ghi chú |\n| --- |\n| dòng 1 dòng 2 |");
}

static void test_escaping(void)
{
	EX("{{ xa[ma == \"X04\"].ten_xa }}", "a \\| b \\_c\\_ \\[d\\]");
	EX("{{ \"*x* _y_ `z` <b> # 1. + - ! ~ & ^ : = $\" }}",
	   "\\*x\\* \\_y\\_ \\`z\\` \\<b\\> \\# 1\\. \\+ \\- \\! \\~ \\& \\^ \\: \\= "
	   "\\$");
	EX("{{ \"a\\\\b\" }}", "a\\\\b");
	EX("{{ nhieu_dong[1 == 1].ghi_chu }}", "dòng 1 dòng 2");
	EX("{{ \"   lead\" }} x", "lead x"); /* no indented code block */
	EX("a {{ \"  mid\" }}", "a   mid");
	EX("{{ \"05/02/2024, 50%; ok?\" }}", "05/02/2024, 50%; ok?");
}

/* What cmark-gfm (tables, strikethrough, autolink, footnotes) makes of
 * the expansion: the text of every text node, joined by '/'. */
static const char *cmark_text(const char *md)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *p = cmark_parser_new(CMARK_OPT_FOOTNOTES);
	const char *ext[] = {"table", "strikethrough", "autolink"};
	for (int i = 0; i < 3; i++)
		cmark_parser_attach_syntax_extension(p,
						     cmark_find_syntax_extension(ext[i]));
	cmark_parser_feed(p, md, strlen(md));
	cmark_node *doc = cmark_parser_finish(p);
	struct buf b = BUF_INIT;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int blocks = 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(n) == CMARK_NODE_TEXT) {
			if (b.len)
				buf_putc(&b, '/');
			buf_puts(&b, cmark_node_get_literal(n));
		} else if (cmark_node_get_type(n) != CMARK_NODE_TEXT &&
			   cmark_node_get_type(n) != CMARK_NODE_SOFTBREAK &&
			   strcmp(cmark_node_get_type_string(n), "table_cell") != 0 &&
			   strcmp(cmark_node_get_type_string(n), "table_row") != 0 &&
			   strcmp(cmark_node_get_type_string(n), "table_header") != 0) {
			blocks++;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	cmark_parser_free(p);
	const char *r = arena_printf(&A, "%d:%s", blocks, buf_cstr(&b));
	buf_free(&b);
	return r;
}

static void test_cmark(void)
{
	/* Data never turns into markup: one paragraph, its text intact. */
	static const char *hostile[] = {
	    "*đậm* _nghiêng_ [liên kết](x) `mã` <b>html</b> &amp; ~~gạch~~",
	    "# không phải tiêu đề",
	    "- không phải danh sách",
	    "1. không",
	    "> không trích dẫn",
	    "---",
	    "===",
	    "| a | b |",
	    "[^1]",
	    "a\\b",
	    "www.example.com",
	    "+ x",
	    "2024. năm",
	    "   thụt",
	};
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		struct scalar v = {"x", hostile[i], {"r.md", 1, 1}};
		struct tpl_env env = ENV;
		env.vars = &v;
		env.nvars = 1;
		struct tpl_env saved = ENV;
		ENV = env;
		const char *md = expand("Trước\n{{ x }}");
		ENV = saved;
		const char *want = arena_printf(
		    &A, "2:Trước/%s", hostile[i][0] == ' ' ? hostile[i] + 3 : hostile[i]);
		CHECK_STR(cmark_text(md), want, "cmark reads '%s' as text", hostile[i]);
	}
	/* In a table row, a '|' in a cell stays in its cell. */
	const char *md = expand("| Tên | Dân số |\n|---|---:|\n{{#each xa}}\n"
				"| {{ ten_xa }} | {{ dan_so }} |\n{{/each}}\n");
	CHECK_STR(cmark_text(md),
		  "2:Tên/Dân số/Xã A/1.200/Xã *B*/2.500/Xã C/a | b _c_ [d]/0",
		  "cells in a table row keep '|', '*', '_', '['");
	CHECK_STR(cmark_text(expand("{{ table xa }}")),
		  "2:Mã/Tên xã/Dân số/loai/X01/Xã A/1.200/A/X02/Xã *B*/2.500/B/X03/"
		  "Xã C/A/X04/a | b _c_ [d]/0/C",
		  "{{ table }} through cmark");
}

static void test_errors(void)
{
	EX("x\n  {{ von_dau_tu }}",
	   "r.md:11:6: error: unknown name 'von_dau_tu'; names are: nam, ten_xa, "
	   "ngay_ky, so_tien, le");
	EX("{{#each von}}\n{{ von_dau_tu }}\n{{/each}}",
	   "r.md:11:4: error: unknown name 'von_dau_tu'; columns of von.csv are: "
	   "nam, von_dt");
	EX("{{ von.von_dau_tu }}",
	   "r.md:10:8: error: unknown column 'von_dau_tu' in von.csv; columns "
	   "are: nam, von_dt");
	EX("{{#each vonn}}{{/each}}",
	   "r.md:10:9: error: unknown table 'vonn'; did you mean 'von'? tables "
	   "are: nhieu_dong, von, xa");
	EX("{{ table vonn }}",
	   "r.md:10:10: error: unknown table 'vonn'; did you mean 'von'? tables "
	   "are: nhieu_dong, von, xa");
	EX("{{#each xa}}{{ ten_xa + 1 }}{{/each}}",
	   "r.md:10:16: error: cell 'Xã A' at data/xa.csv:2:5 (row 1, column "
	   "ten_xa) is not a number");
	EX("{{ 10 / (nam - 2024) }}", "r.md:10:7: error: division by zero");
	EX("{{ pct(1, nam - 2024) | pct }}",
	   "r.md:10:4: error: division by zero in pct(): the whole (second "
	   "argument) is 0");
	EX("{{ xa[loai == \"A\"].ten_xa }}",
	   "r.md:10:4: error: 2 rows of xa.csv match [loai == \"A\"] (lines 2, "
	   "4); a lookup must match exactly one row");
	EX("{{ xa[loai == \"Z\"].ten_xa }}",
	   "r.md:10:4: error: no row of xa.csv matches [loai == \"Z\"]");
	EX("a\n{{#each von}}\nx\n",
	   "r.md:11:1: error: {{#each}} is never closed (missing {{/each}})");
	EX("a\n {{#if 1}}\n{{#each von}}\n{{/if}}\n{{/each}}",
	   "r.md:12:1: error: {{#each}} is closed by {{/if}} at line 13; close "
	   "it with {{/each}}");
	EX("x {{/each}}", "r.md:10:3: error: {{/each}} without an opening {{#each}}");
	EX("x {{else}}", "r.md:10:3: error: {{else}} outside {{#if}} ... {{/if}}");
	EX("a\nb {{ nam ", "r.md:11:3: error: '{{' is never closed (missing '}}')");
	EX("{{ nam | sô }}",
	   "r.md:10:10: error: unknown filter 'sô'; filters are: so, so(n), pct, "
	   "pct(n), so_gach, so_gach(n), ngay, ngay_ngan, chu, hoa, thuong, viet_hoa_dau");
	EX("{{ nam | sox }}",
	   "r.md:10:10: error: unknown filter 'sox'; did you mean 'so'? filters "
	   "are: so, so(n), pct, pct(n), so_gach, so_gach(n), ngay, ngay_ngan, chu, hoa, "
	   "thuong, viet_hoa_dau");
	EX("{{ ten_xa | so }}",
	   "r.md:10:4: error: value 'Mường So' of 'ten_xa' (r.md:3) is not a "
	   "number");
	EX("{{ 1.5 | chu }}",
	   "r.md:10:4: error: chu writes whole numbers in words; 1,5 has decimals "
	   "(use round(x, 0))");
	EX("{{ ten_xa | ngay }}",
	   "r.md:10:4: error: 'Mường So' is not a date; write YYYY-MM-DD, YYYY-MM "
	   "or DD/MM/YYYY");
	EX("{{ 5 | so(20) }}",
	   "r.md:10:11: error: so(n): n is the number of decimals, from 0 to 12");
	EX("{{ }}", "r.md:10:4: error: empty placeholder: write {{ name }}");
	EX("{{#loop von}}", "r.md:10:3: error: unknown block '{{#loop}}'; blocks "
			    "are {{#each TABLE}} and {{#if EXPR}}");
	EX("{{ von }}", "r.md:10:4: error: von is a table; insert it with {{ table "
			"von }} or loop over it with {{#each von}}");
	EX("{{#each von where }}{{/each}}", "r.md:10:19: error: empty expression");
	/* first error only, and nothing after it */
	EX("{{ zz1 }} {{ zz2 }}",
	   "r.md:10:4: error: unknown name 'zz1'; names are: nam, ten_xa, "
	   "ngay_ky, so_tien, le");

	struct buf b = BUF_INIT;
	for (int i = 0; i <= MAX_NESTING; i++)
		buf_puts(&b, "{{#if 1}}");
	const char *r = expand(buf_cstr(&b));
	CHECK(strstr(r, "error: blocks nested deeper than 64 levels") != NULL,
	      "deep blocks: %s", r);
	buf_free(&b);
}

static void test_value(void)
{
	const char *out = NULL;
	struct srcloc loc = {"r.md", 7, 11};
	diag_out.len = 0;
	CHECK(tpl_expand_value(&A, loc, "UBND XÃ {{ ten_xa | hoa }}", &ENV, &out),
	      "expand a value");
	CHECK_STR(out, "UBND XÃ MƯỜNG SO", "value: no escaping");
	CHECK(tpl_expand_value(&A, loc, "{{ \"a*b\" }} {{ nhieu_dong[1 == 1].ghi_chu }}",
			       &ENV, &out),
	      "value 2");
	CHECK_STR(out, "a*b dòng 1 dòng 2", "value: newline becomes a space");
	CHECK(tpl_expand_value(&A, loc, "plain", &ENV, &out) && strcmp(out, "plain") == 0,
	      "value without placeholders");
	CHECK(!tpl_expand_value(&A, loc, "Xã {{ zz }}", &ENV, &out), "value error");
	CHECK_STR(buf_cstr(&diag_out),
		  "r.md:7:17: error: unknown name 'zz'; names are: nam, ten_xa, "
		  "ngay_ky, so_tien, le",
		  "value error column counts from the value's column");
}

static void test_batch_and_sets(void)
{
	struct scalar sets[] = {{"nam", "2030", {NULL, 0, 0}}};
	struct tpl_env env = ENV;
	env.sets = sets;
	env.nsets = 1;
	env.batch_table = data_find(&DS, "xa");
	env.batch_row = 1;
	struct tpl_env saved = ENV;
	ENV = env;
	EX("{{ ma }} {{ ten_xa }} {{ nam }}", "X02 Xã \\*B\\* 2030");
	EX("{{#each von}}{{ nam }} {{ ma }};{{/each}}", "2022 X02;2023 X02;2024 X02;");
	ENV = saved;

	/* Without a data folder, --data-locale still decides how --set and
	 * front-matter values read as numbers. */
	struct scalar c_sets[] = {{"ty_le", "1234.5", {"--set", 0, 0}}};
	struct tpl_env nodata = {
	    .batch_row = -1, .sets = c_sets, .nsets = 1, .locale = LOCALE_C};
	ENV = nodata;
	EX("{{ ty_le * 2 | so }}", "2\\.469");
	ENV.locale = LOCALE_VI;
	EX("{{ ty_le * 2 }}",
	   "r.md:10:4: error: value '1234.5' of 'ty_le' (--set) is not a number; "
	   "Vietnamese numbers use ',' for decimals and '.' for thousands: write "
	   "1.234,5 (or use --data-locale c)");
	ENV = saved;
}

/* Time one expansion of a loop over a table of n rows. */
static double time_rows(int n, size_t *outlen)
{
	struct buf csv = BUF_INIT;
	buf_puts(&csv, "ma;ten;so_tien;ty_le\n");
	for (int i = 0; i < n; i++)
		buf_printf(&csv, "M%05d;Xã số %d;%d.%03d;%d,%d\n", i, i, i / 1000 + 1,
			   i % 1000, i % 100, i % 10);
	struct arena a;
	arena_init(&a);
	struct table t;
	struct dataset ds = {"data", &t, 1, LOCALE_VI};
	data_parse_csv(&a, "data/big.csv", "big", csv.ptr, csv.len, LOCALE_VI, &t);
	struct tpl_env env = {.data = &ds, .batch_row = -1};
	const char *src =
	    "| STT | Mã | Tên | Số tiền | Tỷ lệ |\n|---|---|---|---:|---:|\n"
	    "{{#each big where so_tien > 0}}\n"
	    "| {{ stt }} | {{ ma }} | {{ ten | hoa }} | {{ so_tien * 2 | so }} "
	    "| {{ pct(so_tien, sum(big.so_tien)) | pct(4) }} |\n"
	    "{{/each}}\nTổng: {{ sum(big.so_tien) | so }}\n";
	struct buf out = BUF_INIT;
	struct linemap map;
	clock_t c0 = clock();
	bool ok = tpl_expand(&a, "big.md", 1, src, strlen(src), &env, &out, &map);
	double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
	CHECK(ok && map.n == (size_t)n + 4, "%d-row expansion (%zu lines)", n, map.n);
	*outlen = out.len;
	buf_free(&out);
	buf_free(&csv);
	arena_free(&a);
	return secs;
}

static void test_speed(void)
{
	size_t l1, l2;
	/* sum(big.so_tien) inside the loop is O(n) per row: that is the
	 * template's own quadratic; keep it out of the linearity check. */
	(void)time_rows(2000, &l1);
	double t1 = 1e9, t2 = 1e9;
	for (int i = 0; i < 3; i++) { /* best of three: less noise */
		double a = time_rows(10000, &l1), b = time_rows(20000, &l2);
		t1 = a < t1 ? a : t1;
		t2 = b < t2 ? b : t2;
	}
	/* quadratic would be 4x; allow noise but catch that */
	CHECK(t2 < 3.2 * t1 + 0.01, "expansion is linear (ratio %.2f)", t2 / t1);
	printf("# 10000 rows: %.3f s (%zu bytes), 20000 rows: %.3f s (%zu bytes), "
	       "ratio %.2f\n",
	       t1, l1, t2, l2, t1 > 0 ? t2 / t1 : 0);
}

int main(void)
{
	diag_set_sink(sink, NULL);
	arena_init(&A);
	DS.tables = tables;
	DS.dir = "data";
	add_table("nhieu_dong", "Ghi chú\n\"dòng 1\ndòng 2\"\n");
	add_table("von", "nam,von_dt\n2022,383.032\n2023,\"92,65\"\n2024,65.221\n");
	add_table("xa", "Mã;Tên xã;Dân số;loai\nX01;Xã A;1.200;A\n"
			"X02;Xã *B*;2.500;B\nX03;Xã C;;A\nX04;a | b _c_ [d];0;C\n");
	ENV.data = &DS;
	ENV.batch_row = -1;
	ENV.vars = vars;
	ENV.nvars = 5;
	test_values();
	test_filters();
	test_blocks();
	test_let_and_dates();
	test_table_tag();
	test_escaping();
	test_cmark();
	test_errors();
	test_value();
	test_batch_and_sets();
	test_speed();
	arena_free(&A);
	buf_free(&diag_out);
	UNIT_DONE();
}
