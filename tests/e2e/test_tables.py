"""Tables (issue 4): a long table repeats its header on every page it
crosses; merged header cells are centred over their span with no inner
rule; no cell text leaves its cell; a landscape table gets landscape pages;
a row taller than a page continues on the next."""
import glob
import os
import tempfile

import pdfutil as P

MM = P.MM
tmp = tempfile.mkdtemp(prefix="baocao-tables-")

HEAD = """---
co_quan: ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ
trich_yeu: Kiểm tra bảng
---

"""


def grid(rules, page):
    v = [r for r in rules if r.page == page and hasattr(r, "vertical")]
    h = [r for r in rules if r.page == page and not hasattr(r, "vertical")]
    return v, h


def overflowing(pdf):
    """Words inside a table cell that cross the cell's rules."""
    _, rules, _ = P.trace(pdf)
    bad, inside = [], 0
    by_page = {}
    for w in P.words(pdf):
        by_page.setdefault(w.page, []).append(w)
    for page, ws in by_page.items():
        v, h = grid(rules, page)
        if not v:
            continue
        for w in ws:
            cx, cy = (w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2
            cover = [r for r in v if r.vertical[0] <= cy <= r.vertical[1]]
            left = [r.x0 for r in cover if r.x0 <= cx]
            right = [r.x0 for r in cover if r.x0 >= cx]
            if not left or not right:
                continue
            inside += 1
            lx, rx = max(left), min(right)
            above = [r.y for r in h if r.y <= cy and r.x0 <= cx <= r.x1]
            below = [r.y for r in h if r.y >= cy and r.x0 <= cx <= r.x1]
            if w.x0 < lx + 0.5 or w.x1 > rx - 0.5 or \
                    (above and w.y0 < max(above) - 0.5) or (below and w.y1 > min(below) + 0.5):
                bad.append(w)
    return inside, bad


# 1. A 300-row table crosses pages; each page holding rows shows the header.
rows = "\n".join("| %d | Xã số %d của huyện | %d | %d,%d |" % (i, i, i * 37, i % 90, i % 10)
                 for i in range(1, 301))
md = HEAD + ("Biểu 01: Danh sách các xã\n\n| STT | Tên xã | Số hộ nghèo | Tỷ lệ (%) |\n"
             "|---|---|--:|--:|\n" + rows + "\n\nĐoạn văn sau bảng.\n")
rc, err, pdf = P.build(md, "long", tmp=tmp)
P.check(rc == 0 and err == "", "300-row table builds", err)
n = P.npages(pdf)
pages_with_rows = []
for pg in range(1, n + 1):
    t = P.pdftotext(pdf, pg, pg)
    if "Xã số" in t:
        pages_with_rows.append(pg)
        P.check("STT" in t and "Tên xã" in t and "Số hộ nghèo" in t,
                "page %d of the long table shows the header row" % pg)
P.check(len(pages_with_rows) >= 5, "the table crosses %d pages" % len(pages_with_rows))
stream = P.squash(" ".join(P.pdftotext(pdf, p, p) for p in pages_with_rows))
missing = [i for i in range(1, 301) if "Xã số %d của huyện" % i not in stream]
P.check(not missing, "no row is lost", missing[:10])
inside, bad = overflowing(pdf)
P.check(inside > 1000 and not bad, "no word leaves its cell (%d words checked)" % inside,
        bad[:5])
caption = [w for w in P.words(pdf) if w.text == "Biểu"]
P.check(caption and caption[0].page == pages_with_rows[0],
        "the table title stays on the table's first page")

# 2. A two-level header: "Trong đó" over two columns, vertical merges.
md = HEAD + """Đơn vị tính: triệu đồng

| TT | Nội dung | Tổng số | Trong đó | < |
|---|---|--:|--:|--:|
| ^ | ^ | ^ | Vốn đầu tư | Vốn sự nghiệp |
| 1 | Năm 2022 | 84.530 | 71.570 | 12.960 |
| 2 | Năm 2023 | 161.128 | 116.200 | 44.928 |
|  | **Tổng cộng** | **245.658** | **187.770** | **57.888** |
"""
rc, err, pdf = P.build(md, "merged", tmp=tmp)
P.check(rc == 0 and err == "", "two-level header builds", err)
spans, rules, _ = P.trace(pdf)
words = P.words(pdf)
v, h = grid(rules, 1)
xs = sorted(set(round(r.x0, 1) for r in v))
P.check(len(xs) == 6, "six column boundaries (%s)" % xs)
trong = [w for w in words if w.text == "Trong"]
do = [w for w in words if w.text == "đó"]
if trong and do and len(xs) == 6:
    cx = (trong[0].x0 + do[0].x1) / 2
    span_c = (xs[3] + xs[5]) / 2
    P.check(abs(cx - span_c) <= 2 * MM, "'Trong đó' centred over its two columns "
            "(%.1f vs %.1f pt)" % (cx, span_c))
    # the rule between the two header rows runs only under "Trong đó"
    hdr = sorted(set(round(r.y, 1) for r in h))
    mid = [r for r in h if trong[0].y1 < r.y < trong[0].y1 + 12]
    P.check(mid and all(r.x0 >= xs[3] - 0.1 for r in mid),
            "no rule inside the vertically merged cells", mid)
    inner = [r for r in v if abs(r.x0 - xs[4]) < 0.1 and r.vertical[1] <= trong[0].y1]
    P.check(not inner, "no rule inside the horizontally merged cell", inner)
    tt = [w for w in words if w.text == "TT"]
    rows12 = sorted(r.y for r in h if r.x0 <= xs[0] + 0.1)
    if tt and len(rows12) >= 2:
        P.check(rows12[0] < tt[0].y0 and tt[0].y1 < rows12[1] and
                abs((tt[0].y0 + tt[0].y1) / 2 - (rows12[0] + rows12[1]) / 2) < 3,
                "'TT' centred vertically over its two header rows")
bold = [s for s in spans if s.text.startswith("Tổng cộng")]
P.check(bold and bold[0].bold, "a total row written bold is bold")
hdr = [s for s in spans if s.text in ("Nội dung", "Vốn đầu tư")]
P.check(len(hdr) == 2 and all(s.bold for s in hdr), "header cells are bold")
num = [w for w in words if w.text == "84.530"]
P.check(num and abs(num[0].x1 - (xs[3] - 1.5 * MM)) < 1, "figures are right-aligned")
unit = [s for s in spans if s.text.startswith("Đơn vị tính")]
P.check(unit and unit[0].italic and abs(unit[0].x1 - (595.2756 - 15 * MM)) < 1,
        "'Đơn vị tính' is italic and right-aligned", unit)
inside, bad = overflowing(pdf)
P.check(inside > 10 and not bad, "no word leaves its cell", bad[:5])

# 3. Narrow columns: long words set the minimum width; nothing overflows.
md = HEAD + """| Mã | Tên công trình | Kinh phí | Ghi chú |
|---|---|--:|---|
| A1 | Đường giao thông nông thôn trung tâm xã - bản Chang Hỏng 1,2 xã Huổi Luông | 1.085.000.000 | Chuyển nguồn sang năm 2024 theo Nghị quyết số 111/NQ-HĐND |
| A2 | Sửa chữa trường THCS xã Mường So | 1.000 | |
"""
rc, err, pdf = P.build(md, "narrow", tmp=tmp)
inside, bad = overflowing(pdf)
P.check(rc == 0 and inside > 20 and not bad, "wrapped cells stay inside their cells",
        bad[:5])
w = [x for x in P.words(pdf) if x.text == "1.085.000.000"]
P.check(len(w) == 1, "a figure is never broken")

# 4. A landscape table, then portrait again; a row taller than a page.
md = HEAD + """Đoạn mở đầu.

<!-- ngang -->

Biểu 02: Bảng ngang

| TT | Nội dung | 2021 | 2022 | 2023 | 2024 | 2025 | Tổng |
|---|---|--:|--:|--:|--:|--:|--:|
| 1 | Hỗ trợ đầu tư phát triển hạ tầng | 71.570 | 116.200 | 85.417 | 0 | 0 | 273.187 |

Đoạn sau bảng.

| A | B |
|---|---|
| 1 | """ + " ".join(["Dòng chữ rất dài lặp lại để ô này cao hơn một trang."] * 140) + """ |
"""
rc, err, pdf = P.build(md, "land", tmp=tmp)
P.check(rc == 0 and "taller than a page" in err, "a row taller than a page is a warning",
        err)
spans, rules, heights = P.trace(pdf)
land = [i + 1 for i, h in enumerate(heights) if h < 600]
P.check(len(land) == 1, "exactly one landscape page (%s)" % land)
if land:
    t = P.pdftotext(pdf, land[0], land[0])
    P.check("Biểu 02" in t and "273.187" in t and "Đoạn" not in t,
            "the landscape page holds the table and its title only")
    after = P.pdftotext(pdf, land[0] + 1, land[0] + 1)
    P.check("Đoạn sau bảng" in after and heights[land[0]] > 800,
            "the text after it is on a portrait page")
tall = [i for i in range(1, len(heights) + 1) if "Dòng chữ rất dài" in
        P.pdftotext(pdf, i, i)]
P.check(len(tall) >= 2, "the tall row continues on the next page (%s)" % tall)
inside, bad = overflowing(pdf)
P.check(not bad, "no word leaves its cell", bad[:5])

# 5. A table never leaves a lone body row at a page foot or head, and a
# body cell ("Tổng cộng", a figure) stays on one line while headers wrap.
paras = "\n\n".join("Đoạn văn số %d dùng để đẩy bảng xuống gần cuối trang." % i
                     for i in range(1, 26))
rows = "\n".join("| %d | %d | %d | %d,%02d |" % (2010 + i, 800 + i, 600 + i, 70 + i % 9, i)
                 for i in range(1, 13))
md = HEAD + paras + """

Biểu 1. Bảng

| Năm hỗ trợ | Số hộ nghèo được kiểm tra (hộ) | Số hộ đã thoát nghèo (hộ) | Tỷ lệ thoát nghèo (%) |
|:--:|--:|--:|--:|
""" + rows + """
| **Tổng cộng** | **3.090** | **2.163** | **70,00** |
"""
rc, err, pdf = P.build(md, "foot", tmp=tmp)
P.check(rc == 0 and err == "", "a table near a page foot builds", err)
by_page = {}
for w in P.words(pdf):
    if w.text.isdigit() and len(w.text) == 4 and w.text.startswith("20"):
        by_page.setdefault(w.page, 0)
        by_page[w.page] += 1
spans, _, _ = P.trace(pdf)
tong = [s for s in spans if s.text.startswith("Tổng")]
lone = {p: n for p, n in by_page.items() if n < 2}
total_page = tong[0].page if tong else None
P.check(by_page and not lone and total_page in by_page,
        "at least two body rows on each side of the page break (%s)" % by_page)
P.check(tong and tong[0].text == "Tổng cộng", "'Tổng cộng' is not wrapped: %r"
        % (tong and tong[0].text))
hdr = [s.text for s in spans if s.bold and s.text.startswith("Năm")]
P.check(hdr and hdr[0] != "Năm hỗ trợ", "the header wraps instead (%s)" % hdr)

# 6. Every table of every sample keeps its words inside its cells.
for md_path in sorted(glob.glob(os.path.join(P.ROOT, "samples", "*", "bao-cao.md"))):
    if "|" not in open(md_path, encoding="utf-8").read():
        continue
    out = os.path.join(tmp, os.path.basename(os.path.dirname(md_path)) + ".pdf")
    rc, _, err = P.run("build", md_path, "-o", out)
    if rc == 0:
        inside, bad = overflowing(out)
        P.check(not bad, "%s: no word leaves its cell (%d checked)"
                % (os.path.basename(os.path.dirname(md_path)), inside), bad[:5])

P.done()
