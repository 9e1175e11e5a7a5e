/* frontmatter: the decree's parts read into their fields (FM_PARTS), the
 * page settings within the decree's ranges, lists, a body without front
 * matter, and the messages for a key of the user's own that clashes with
 * a part, a YAML error at its line and column, and --set overrides. */
#include <stdlib.h>

#include "buf.h"
#include "frontmatter.h"
#include "unit.h"

static struct buf diag_out = BUF_INIT;

static void sink(const char *line, void *ctx)
{
	(void)ctx;
	buf_puts(&diag_out, line);
	buf_putc(&diag_out, '\n');
}

static bool parse(struct arena *a, const char *src, struct frontmatter *fm)
{
	buf_truncate(&diag_out, 0);
	return fm_parse(a, "r.md", src, strlen(src), fm);
}

static void parts(struct arena *a)
{
	struct frontmatter fm;
	const char *src = "---\n"
			  "co_quan_chu_quan: UBND TỈNH LAI CHÂU\n"
			  "co_quan: UBND HUYỆN PHONG THỔ\n"
			  "so: \"05\"\n"
			  "ky_hieu: BC-UBND\n"
			  "dia_danh: Phong Thổ\n"
			  "ngay: 2024-06-05\n"
			  "trich_yeu: Kết quả thực hiện\n"
			  "kinh_gui:\n  - UBND tỉnh\n  - Sở Tài chính\n"
			  "ky:\n  quyen_han: TM. ỦY BAN NHÂN DÂN\n  chuc_vu: CHỦ TỊCH\n"
			  "  ho_ten: Nguyễn Văn A\n"
			  "noi_nhan:\n  - Như trên\n  - 'Lưu: VT'\n"
			  "du_thao: true\n"
			  "ma_xa: 42\n"
			  "---\nThân bài.\n";
	bool ok = parse(a, src, &fm);
	CHECK(ok && diag_out.len == 0, "a full front matter parses without a message");
	CHECK_STR(fm.co_quan.s, "UBND HUYỆN PHONG THỔ", "co_quan");
	CHECK(fm.co_quan.loc.line == 3, "co_quan's value is at line 3 (%d)", fm.co_quan.loc.line);
	CHECK_STR(fm.co_quan_chu_quan.s, "UBND TỈNH LAI CHÂU", "co_quan_chu_quan");
	CHECK_STR(fm.so.s, "05", "a quoted number keeps its zero");
	CHECK_STR(fm.ngay.s, "2024-06-05", "ngay as written");
	CHECK(fm.kinh_gui.n == 2 && !strcmp(fm.kinh_gui.v[1].s, "Sở Tài chính"),
	      "kinh_gui: a list of two");
	CHECK(fm.noi_nhan.n == 2 && !strcmp(fm.noi_nhan.v[1].s, "Lưu: VT"),
	      "noi_nhan: a quoted 'Lưu: VT'");
	CHECK(fm.has_ky && fm.ky_ho_ten.s && !strcmp(fm.ky_ho_ten.s, "Nguyễn Văn A"),
	      "ky.ho_ten into ky_ho_ten");
	CHECK(fm.ky_chuc_vu.n == 1 && !strcmp(fm.ky_chuc_vu.v[0].s, "CHỦ TỊCH"),
	      "ky.chuc_vu into ky_chuc_vu");
	CHECK(fm.du_thao && !fm.danh_so_tu_dong, "switches: du_thao on, danh_so_tu_dong off");
	bool var = false;
	for (int i = 0; i < fm.nvars; i++)
		var |= !strcmp(fm.vars[i].name, "ma_xa");
	CHECK(var, "a key of the user's own is kept for templates");
	CHECK(fm.body_line == 22 && !strncmp(fm.body, "Thân bài.", strlen("Thân bài.")),
	      "the body starts after the closing --- (line %d)", fm.body_line);
}

static void page(struct arena *a)
{
	struct frontmatter fm;
	bool ok = parse(a, "---\nco_quan: A\n---\nx\n", &fm);
	struct page_setup d;
	fm_default_page(&d);
	CHECK(ok && fm.page.left == d.left && fm.page.size == d.size,
	      "no 'trang': the decree's defaults");
	ok = parse(a, "---\ntrang:\n  co_chu: 13\n  le: {trai: 35}\n---\nx\n", &fm);
	CHECK(ok && fm.page.size == 13 && fm.page.left == 35, "trang.co_chu and trang.le.trai");
	ok = parse(a, "---\ntrang:\n  co_chu: 20\n---\nx\n", &fm);
	CHECK(!ok && strstr(buf_cstr(&diag_out), "r.md:3:") &&
		  strstr(buf_cstr(&diag_out), "co_chu"),
	      "a type size outside 13-14 pt is an error at its line");
}

static void messages(struct arena *a)
{
	struct frontmatter fm;
	bool ok = parse(a, "---\nco_quan: A\nky: Quý II\n---\nx\n", &fm);
	CHECK(!ok && strstr(buf_cstr(&diag_out), "r.md:3:") &&
		  strstr(buf_cstr(&diag_out), "'ky' is the signature block") &&
		  strstr(buf_cstr(&diag_out), "ky_bao_cao"),
	      "'ky: Quý II' says what 'ky' is and names another key");
	ok = parse(a, "---\nco_quan: A\ntrich_yeu: Về việc \"A\": B\n---\nx\n", &fm);
	CHECK(!ok && strstr(buf_cstr(&diag_out), "r.md:3:") &&
		  strstr(buf_cstr(&diag_out), "'Về việc \"A\": B'"),
	      "an unquoted ': ' in a value: the error shows the quoted form");
	ok = parse(a, "---\nco_quan: [A\n---\nx\n", &fm);
	CHECK(!ok && strstr(buf_cstr(&diag_out), "r.md:"), "broken YAML: one error at its place");
	CHECK(fm_key_role("ngay") && strstr(fm_key_role("ngay"), "date") && !fm_key_role("ma_xa"),
	      "fm_key_role: a part's role, none for a key of the user's own");
	ok = parse(a, "Chỉ có thân bài.\n", &fm);
	CHECK(ok && fm.body_line == 1 && !fm.co_quan.s, "no leading ---: the whole file is body");
}

static void overrides(struct arena *a)
{
	struct frontmatter fm;
	parse(a, "---\nco_quan: A\n---\nx\n", &fm);
	struct scalar set = {.name = "co_quan", .value = "UBND XÃ B"};
	CHECK(fm_override(&fm, &set) && !strcmp(fm.co_quan.s, "UBND XÃ B"),
	      "--set co_quan=... replaces the part");
	struct scalar bad = {.name = "du_thao", .value = "maybe"};
	buf_truncate(&diag_out, 0);
	CHECK(!fm_override(&fm, &bad) && diag_out.len > 0, "--set du_thao=maybe is refused");
}

int main(void)
{
	diag_set_sink(sink, NULL);
	struct arena a;
	arena_init(&a);
	parts(&a);
	page(&a);
	messages(&a);
	overrides(&a);
	arena_free(&a);
	buf_free(&diag_out);
	UNIT_DONE();
}
