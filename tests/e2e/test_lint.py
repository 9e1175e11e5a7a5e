"""`baocao check` as a linter (issue 16; DESIGN.md §1 --strict, --error-format
json, and §5): the rules tong, so, ngay, muc and bo-cuc, each on broken
reports (positive) and on the false-alarm traps (negative); silencing
comments; build and batch print the same findings unless --quiet; JSON
objects for every diagnostic; the issue's acceptance report."""
import json
import os
import re
import tempfile

import pdfutil as P

FRONT = """---
co_quan: ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ
so: 12
ky_hieu: BC-UBND
dia_danh: Phong Thổ
ngay: 2024-03-15
trich_yeu: Kết quả thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững
ky:
  quyen_han: TM. ỦY BAN NHÂN DÂN
  chuc_vu: CHỦ TỊCH
  ho_ten: Nguyễn Văn A
noi_nhan:
  - UBND tỉnh Lai Châu (b/c)
  - Lưu: VT, LĐTBXH
---
"""
BODY0 = FRONT.count("\n") + 1  # template line of the body's first line
END = "\nTrên đây là báo cáo của Ủy ban nhân dân huyện./.\n"


def write(body, files=None, front=FRONT, name="r.md"):
    tmp = tempfile.mkdtemp(prefix="baocao-lint-")
    src = os.path.join(tmp, name)
    with open(src, "w", encoding="utf-8") as f:
        f.write(front + body)
    for rel, content in (files or {}).items():
        p = os.path.join(tmp, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w", encoding="utf-8") as f:
            f.write(content)
    return tmp, src


def lint(body, files=None, front=FRONT, args=(), cmd="check"):
    """Run check with JSON output; returns (rc, findings, raw stderr) with
    findings as dicts whose 'bline' is the line within the body (1-based)."""
    tmp, src = write(body, files, front)
    extra = ("-o", os.path.join(tmp, "out.pdf")) if cmd == "build" else ()
    rc, out, err = P.run(cmd, src, "--error-format", "json", *extra, *args)
    objs = []
    for line in err.splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            objs.append({"rule": "?", "message": line, "line": 0})
            continue
        o["bline"] = (o.get("line") or 0) - BODY0 + 1
        objs.append(o)
    return rc, objs, err


def rules(objs, rule=None):
    return [o for o in objs if rule is None or o.get("rule") == rule]


def expect(body, rule, n, what, files=None, lines=None, front=FRONT, contains=None):
    rc, objs, err = lint(body, files, front)
    got = rules(objs, rule)
    ok = rc == 0 and len(got) == n
    if ok and lines is not None:
        ok = [o["bline"] for o in got] == lines
    if ok and contains is not None:
        ok = all(c in got[0]["message"] for c in contains)
    P.check(ok, "%s: %s (%d %s finding%s)" % (rule, what, n, rule, "" if n == 1 else "s"),
            err)
    return got


def table(rows, head="| TT | Nội dung | Số lượng | Kinh phí |", align="|:--:|---|--:|--:|"):
    return "\n".join([head, align] + rows) + "\n"


# ---------------------------------------------------------------- tong +
T_OK = ["| 1 | Xã A | 10 | 1.200 |", "| 2 | Xã B | 15 | 800 |"]
got = expect("# I. Số liệu\n\n" + table(T_OK + ["| | **Tổng cộng** | **25** | **2.100** |"]) + END,
             "tong", 1, "a bottom total wrong in one column, right in the other",
             lines=[7], contains=["Tổng cộng", "Kinh phí", "2.100", "2.000"])
P.check(got and got[0]["column"] == 30, "tong: the finding points at the wrong cell",
        got)
expect(table(["| | Tổng cộng | 25 | 2.000 |"] + T_OK[:1] + ["| 2 | Xã B | 16 | 800 |"]) + END,
       "tong", 1, "a total in the first body row (below it)", lines=[3],
       contains=["Số lượng", "25", "26", "below"])
expect(table(T_OK + ["| | Cộng | 26 | 2.000 |"]) + END, "tong", 1, "'Cộng' row")
expect(table(T_OK + ["| | Tổng số | 25 | 2.001 |"]) + END, "tong", 1, "'Tổng số' row")
expect(table(T_OK + ["| | TỔNG | 24 | 2.000 |"]) + END, "tong", 1, "'TỔNG' in capitals")
GROUPS = ["| I | Huyện A | 30 | 3.000 |", "| 1 | Xã A1 | 10 | 1.000 |",
          "| 2 | Xã A2 | 20 | 2.000 |", "| II | Huyện B | 5 | 500 |",
          "| 1 | Xã B1 | 5 | 500 |"]
expect(table(GROUPS + ["| | Tổng cộng | 70 | 3.500 |"]) + END, "tong", 1,
       "groups I, II with sub-rows: a total counting the sub-rows twice is wrong",
       contains=["70", "35"])
TD = ["| 1 | Vốn ngân sách | 100 | 1.000 |", "| | Trong đó: vốn đầu tư | 60 | 600 |",
      "| 2 | Vốn huy động | 50 | 500 |"]
expect(table(TD + ["| | Tổng cộng | 210 | 1.500 |"]) + END, "tong", 1,
       "a total that adds the 'Trong đó' row is wrong", contains=["210", "150"])
expect(table(["| 1 | Xã A | 12,5 | 7,25 |", "| 2 | Xã B | 3,5 | 1,5 |",
              "| | Tổng cộng | 16 | 9,5 |"]) + END, "tong", 1,
       "decimal figures: 9,5 is not 7,25 + 1,5", contains=["9,50", "8,75"])
expect("| Đơn vị | Số hộ |\n|---|--:|\n| Xã A | 10 |\n| Xã B | 20 |\n| Tổng cộng | 31 |\n" + END,
       "tong", 1, "a table without an order column")
expect(table(["| I | Huyện A | | |", "| 1 | Xã A1 | 10 | 100 |", "| 2 | Xã A2 | 20 | 200 |",
              "| | Cộng | 30 | 300 |", "| II | Huyện B | | |", "| 1 | Xã B1 | 5 | 50 |",
              "| | Cộng | 6 | 50 |", "| | Tổng cộng | 36 | 350 |"]) + END, "tong", 1,
       "a group's subtotal 'Cộng' that is wrong (the grand total adds the subtotals)",
       lines=[9], contains=["6", "5"])
CSV = {"data/xa.csv": "Xã,Số hộ\nXã A,120\nXã B,80\n"}
expect("| Xã | Số hộ |\n|---|--:|\n{{#each xa}}\n| {{ xa }} | {{ so_ho | so }} |\n{{/each}}\n"
       "| **Tổng cộng** | **210** |\n" + END, "tong", 1,
       "rows computed from data, a hand-typed total", files=CSV, lines=[6])
expect(table(T_OK + ["| | Tổng cộng toàn huyện | 25 | 2.200 |"]) + END, "tong", 1,
       "'Tổng cộng toàn huyện'")

# ---------------------------------------------------------------- tong -
expect(table(T_OK + ["| | **Tổng cộng** | **25** | **2.000** |"]) + END, "tong", 0,
       "a right total")
expect(table(["| | Tổng cộng | 25 | 2.000 |"] + T_OK) + END, "tong", 0,
       "a right total at the top")
expect(table(GROUPS + ["| | Tổng cộng | 35 | 3.500 |"]) + END, "tong", 0,
       "groups with figures: the total adds the groups, not their sub-rows again")
expect(table(["| | Tổng cộng | 35 | 3.500 |"] + GROUPS) + END, "tong", 0,
       "groups with figures, total at the top")
expect(table(["| I | Huyện A | | |", "| 1 | Xã A1 | 10 | 1.000 |", "| 2 | Xã A2 | 20 | 2.000 |",
              "| II | Huyện B | | |", "| 1 | Xã B1 | 5 | 500 |",
              "| | Tổng cộng | 35 | 3.500 |"]) + END, "tong", 0,
       "group rows without figures: their sub-rows are added")
expect(table(TD + ["| | Tổng cộng | 150 | 1.500 |"]) + END, "tong", 0,
       "'Trong đó' rows are not added twice")
expect(table(["| 1 | Vốn ngân sách | 100 | 1.000 |", "| | Trong đó: | | |",
              "| | - Trung ương | 70 | 700 |", "| | - Địa phương | 20 | 200 |",
              "| 2 | Vốn huy động | 50 | 500 |", "| | Tổng cộng | 150 | 1.500 |"]) + END,
       "tong", 0, "a 'Trong đó:' row heading dashed sub-rows")
expect(table(["| 1 | Vốn ngân sách | 100 | 1.000 |", "| | - Trung ương | 70 | 700 |",
              "| | - Địa phương | 30 | 300 |", "| 2 | Vốn huy động | 50 | 500 |",
              "| | Tổng cộng | 150 | 1.500 |"]) + END, "tong", 0,
       "dashed sub-rows of a numbered row are its details")
expect(table(["| 1 | Vốn ngân sách | 100 | 1.000 |", "| | Vốn trung ương | 70 | 700 |",
              "| | Vốn địa phương | 30 | 300 |", "| 2 | Vốn huy động | 50 | 500 |",
              "| | Tổng cộng | 150 | 1.500 |"]) + END, "tong", 0,
       "unnumbered rows under a numbered one are read as its details")
expect(table(["| 1 | Xã A | 10 | 50 |", "| 2 | Xã B | 20 | 70 |", "| | Tổng cộng | 30 | 60 |"],
             head="| TT | Đơn vị | Số hộ | Tỷ lệ (%) |") + END, "tong", 0,
       "a percentage column is not a sum")
expect(table(["| 1 | Hộ nghèo | hộ | 120 |", "| 2 | Hộ cận nghèo | hộ | 80 |",
              "| | Cộng | | 200 |"], head="| TT | Chỉ tiêu | ĐVT | Số lượng |") + END,
       "tong", 0, "a unit column is skipped")
expect(table(["| 1 | Tổng số hộ | 1.000 | |", "| 2 | Số hộ nghèo | 300 | |",
              "| 3 | Số hộ cận nghèo | 200 | |"]) + END, "tong", 0,
       "'Tổng số hộ' in an indicator table is not a total row")
expect(table(["| 1 | Cộng đồng dân cư | 10 | 100 |", "| 2 | Doanh nghiệp | 5 | 50 |",
              "| 3 | Cộng tác viên | 1 | 1 |"]) + END, "tong", 0,
       "'Cộng đồng' is not 'Cộng'")
expect(table(["| I | Huyện A | | |", "| 1 | Xã A1 | 10 | 100 |", "| 2 | Xã A2 | 20 | 200 |",
              "| | Cộng | 30 | 300 |", "| II | Huyện B | | |", "| 1 | Xã B1 | 5 | 50 |",
              "| | Cộng | 5 | 50 |", "| | Tổng cộng | 35 | 350 |"]) + END, "tong", 0,
       "subtotals of groups and a grand total")
expect(table(["| 1 | Xã A | 1,33 | 1 |", "| 2 | Xã B | 1,33 | 1 |", "| 3 | Xã C | 1,33 | 1 |",
              "| | Tổng cộng | 4,00 | 3 |"]) + END, "tong", 0,
       "rounded decimals within half a unit each")
expect(table(T_OK[:1] + ["| 2 | Xã B | 1,500.5 | 800 |", "| | Tổng cộng | 25 | 2.000 |"])
       + END, "tong", 0, "a column with an English figure is not guessed at")
expect("| Xã | Số hộ |\n|---|--:|\n{{#each xa}}\n| {{ xa }} | {{ so_ho | so }} |\n{{/each}}\n"
       "| **Tổng cộng** | **{{ sum(xa.so_ho) | so }}** |\n" + END, "tong", 0,
       "rows and total computed from data", files=CSV)

FORM = "| STT | Xã | Kế hoạch | Thực hiện | 3=2/1 |\n|:-:|---|--:|--:|--:|\n| A | B | 1 | 2 | 3=2/1 |\n"
expect(FORM.replace("3=2/1 |\n|:", "Tỷ lệ (%) |\n|:") + "| 1 | Xã A | 100 | 90 | 90,0 |\n"
       "| 2 | Xã B | 200 | 150 | 75,0 |\n| | Tổng cộng | 300 | 240 | 80,0 |\n" + END, "tong", 0,
       "a form's column-number row and its ratio column (3=2/1)")
expect(FORM + "| 1 | Xã A | 100 | 90 | 90,0 |\n| 2 | Xã B | 200 | 150 | 75,0 |\n"
       "| | Tổng cộng | 300 | 250 | 80,0 |\n" + END, "tong", 1,
       "a form's total under a column-number row, named by its words",
       contains=["'Thực hiện'", "250", "240"])
expect("| TT | Xã | Số hộ |\n|---|---|--:|\n| 1 | A | 10 |\n| 2 | B | 20 |\n"
       "| | Tổng cộng | 35 |\n" + END, "tong", 1,
       "a first data row '1 | A | 10' is data, not a column-number row (its 10 is counted)",
       contains=["35", "30"])
expect("| TT | Xã | Số hộ |\n|---|---|--:|\n| 1 | A | 10 |\n| 2 | B | 20 |\n"
       "| | Tổng cộng | 30 |\n" + END, "tong", 0,
       "one-letter names in the first data row: the total of both rows is right")

# ---------------------------------------------------------------- so +
expect("Tỷ lệ giải ngân đạt 30.05% kế hoạch.\n" + END, "so", 1, "'30.05%' in a sentence",
       lines=[1], contains=["30.05%", "30,05%"])
expect("Tổng kinh phí 1,234,567 đồng.\n" + END, "so", 1, "'1,234,567' grouped with commas",
       contains=["1.234.567"])
expect("Trồng mới 12.5 ha rừng.\n" + END, "so", 1, "'12.5 ha'", contains=["12,5 ha"])
expect("Vốn 1,234.5 triệu đồng.\n" + END, "so", 1, "'1,234.5 triệu'", contains=["1.234,5"])
expect("Giải ngân đạt 92,65% kế hoạch, năm trước đạt 92.65%.\n" + END, "so", 1,
       "a document mixing 92,65% and 92.65%", contains=["92.65%"])
expect("Kinh phí 3.5 tỷ đồng.\n" + END, "so", 1, "'3.5 tỷ đồng'")
expect(table(["| 1 | Xã A | 12.5 | 1.000 |", "| 2 | Xã B | 10 | 1.000 |"]) + END, "so", 1,
       "a table cell '12.5' in a figure column", lines=[3])
expect(table(["| 1 | Xã A | 30.05% | 1.000 |"]) + END, "so", 1, "a table cell '30.05%'")
expect("Tỷ lệ hộ nghèo {{ ty_le }}% năm {{ nam }}.\n" + END, "so", 1,
       "a figure inserted as written", front=FRONT.replace(
           "---\n", "---\nty_le: '4.25'\nnam: 2024\n", 1))
expect("Làm mới 0.5 km đường.\n" + END, "so", 1, "'0.5 km'")
expect("Cấp 1,000,000 liều vắc xin.\n" + END, "so", 1, "'1,000,000' without a unit")
expect("Thu nhập tăng 2.25 lần.\n" + END, "so", 1, "'2.25 lần'")

# ---------------------------------------------------------------- so -
for text, what in [
        ("Phần mềm phiên bản 2.0 đã được cài.", "a version '2.0'"),
        ("Kế hoạch ngày 12.01.2024 của huyện.", "a date '12.01.2024'"),
        ("Theo Quyết định số 19/QĐ-UBND và 1722/QĐ-TTg.", "document numbers"),
        ("Xem mục 1.2.3 và mục 2.3 của khoản 1.2.", "section numbers"),
        ("Họp lúc 8.30 sáng, hoặc 8h30.", "times '8.30' and '8h30'"),
        ("Giảm 1.5-2 điểm, giai đoạn 2016-2020, tỷ lệ 1,7-2%.", "ranges"),
        ("Đạt 92,65%, vốn 1.234.567 đồng, 1.234,5 triệu và 5,257 triệu đồng.",
         "Vietnamese figures"),
        ("Cuộc cách mạng công nghiệp 4.0 và chuyển đổi số.", "'công nghiệp 4.0'"),
        ("Giải ngân 66.313/71.570 triệu đồng.", "a ratio of figures"),
        ("Mã `30.05%` trong mã, [liên kết](http://a.vn/1.5%) và v1.2.", "code, links, v1.2"),
        ("Văn bản <!-- 30.05% --> không in.", "an HTML comment"),
        ("Diện tích 12.500 ha, 1.000 km.", "Vietnamese thousands before a unit")]:
    expect(text + "\n" + END, "so", 0, what)
expect(table(["| 1.1 | Xã A | 10 | 1.000 |", "| 1.2 | Xã B | 20 | 1.000 |"]) + END, "so", 0,
       "order numbers '1.1' in the TT column")
expect(table(["| 1 | Họp | 8.30 | 1.000 |"], head="| TT | Nội dung | Thời gian | Kinh phí |")
       + END, "so", 0, "a time column")

# ---------------------------------------------------------------- ngay +
expect("Hạn nộp báo cáo là 31/02/2024.\n" + END, "ngay", 1, "'31/02/2024'", lines=[1],
       contains=["31/02/2024", "29/02/2024"])
expect("Họp ngày 30 tháng 02 năm 2024 tại huyện.\n" + END, "ngay", 1,
       "'ngày 30 tháng 02 năm 2024'", contains=["ngày 29 tháng 02 năm 2024"])
expect("Kiểm tra ngày 29/02/2023.\n" + END, "ngay", 1, "29/02/2023 (not a leap year)",
       contains=["28/02/2023"])
expect("Hạn chót 31/04/2024.\n" + END, "ngay", 1, "'31/04/2024'", contains=["30/04/2024"])
expect("Hạn chót 31-06-2024.\n" + END, "ngay", 1, "'31-06-2024'", contains=["30-06-2024"])
expect("Hạn chót 31.09.2024.\n" + END, "ngay", 1, "'31.09.2024'")
expect("Tổ chức vào ngày 30/02 hằng năm.\n" + END, "ngay", 1, "'ngày 30/02' without a year")
expect("Số liệu đến 2024-02-30.\n" + END, "ngay", 1, "'2024-02-30'")
expect("Họp ngày 31 tháng 11 năm 2024.\n" + END, "ngay", 1, "'ngày 31 tháng 11'")
expect("Báo cáo trước 12/31/2024.\n" + END, "ngay", 1, "'12/31/2024': day and month swapped",
       contains=["31/12/2024"])
expect("Họp ngày 15 tháng 13 năm 2024.\n" + END, "ngay", 1, "'tháng 13'")
expect("| Nội dung | Ngày |\n|---|---|\n| Họp | 30/02/2024 |\n" + END, "ngay", 1,
       "a date in a table cell", lines=[3])

# ---------------------------------------------------------------- ngay -
for text, what in [
        ("Kiểm tra ngày 29/02/2024.", "29/02/2024 (a leap year)"),
        ("Phong Thổ, ngày 05 tháng 02 năm 2024.", "a right written date"),
        ("Hết ngày 31/12/2024 và 30/4/2024.", "right dates"),
        ("Kế hoạch ngày 12.01.2024.", "a dotted date"),
        ("Số liệu tháng 02/2024 và quý 4/2024.", "month and year only"),
        ("Quyết định số 1722/QĐ-TTg ngày 02/9/2016.", "a decision and its date"),
        ("Giải ngân 66.313/71.570 triệu đồng.", "a ratio"),
        ("Giai đoạn 2016-2020 và 2021-2025.", "periods"),
        ("Thông tư số 10/2024/TT-BTC.", "a circular's number"),
        ("Mã `31/02/2024` trong mã.", "a code span"),
        ("Một nửa (1/2) số hộ, tỷ lệ 31/02.", "fractions without 'ngày'"),
        ("Ngày 30 tháng 4 năm 2024.", "30 April"),
        ("Mã số 99/99/9999 và 12/45/2024.", "numbers that cannot be a day and month")]:
    expect(text + "\n" + END, "ngay", 0, what)

# ---------------------------------------------------------------- muc +
expect("# I. Một\n\n# II. Hai\n\n# IV. Bốn\n" + END, "muc", 1, "I, II, IV", lines=[5],
       contains=["IV", "III"])
expect("# I. A\n\n## 1. Một\n\n## 2. Hai\n\n## 2. Hai nữa\n" + END, "muc", 1, "1, 2, 2",
       lines=[7], contains=["repeats", "3"])
expect("## 1. A\n\n### 1.1. B\n\n### 1.3. C\n" + END, "muc", 1, "1.1, 1.3",
       contains=["1.2"])
expect("### 1.1. A\n\n#### a) x\n\n#### b) y\n\n#### d) z\n" + END, "muc", 1, "a), b), d)")
expect("# A. Một\n\n# B. Hai\n\n# D. Bốn\n" + END, "muc", 1, "A, B, D")
expect("# Phần I. TỔNG QUAN\n\n# I. A\n\n# Phần III. KẾT LUẬN\n\n# I. B\n" + END, "muc", 1,
       "parts Phần I, Phần III", lines=[5])
expect("# I. A\n\n## 1. x\n\n## 2. y\n\n# II. B\n\n## 1. x\n\n## 3. z\n" + END, "muc", 1,
       "1, 3 under the second parent", lines=[11])
expect("# Phần I\n\n# I. A\n\n# II. B\n\n# Phần II\n\n# I. C\n\n# III. D\n" + END, "muc", 1,
       "I, III in the second part", lines=[11])
expect("## 1. A\n\n## 5. B\n\n## 2. C\n" + END, "muc", 2, "1, 5, 2 (a skip, then back)")
expect("### 2.1. A\n\n### 2.1. B\n" + END, "muc", 1, "2.1, 2.1")
expect("# I. A\n\n# II. B\n\n# II. C\n" + END, "muc", 1, "I, II, II")

# ---------------------------------------------------------------- muc -
for text, what in [
        ("# I. A\n\n# II. B\n\n# III. C\n", "I, II, III"),
        ("# I. A\n\n## 1. x\n\n## 2. y\n\n# II. B\n\n## 1. x\n\n## 2. y\n",
         "numbers restart under each parent"),
        ("# Phần I\n\n# I. A\n\n# II. B\n\n# Phần II\n\n# I. C\n\n# II. D\n",
         "numbers restart after 'Phần'"),
        ("# A. X\n\n# I. A\n\n# II. B\n\n# B. Y\n\n# I. C\n", "A, I, II, B, I"),
        ("# A. X\n\n# B. Y\n\n# C. Z\n\n# D. W\n", "A, B, C, D (C is a letter)"),
        ("# D. X\n\n# Đ. Y\n\n# E. Z\n", "D, Đ, E (Vietnamese alphabet)"),
        ("# I. A\n\n## Mở đầu\n\n# II. B\n", "headings without numbers"),
        ("## 1. A\n\n### 1.1. x\n\n### 1.2. y\n\n## 2. B\n\n### 2.1. z\n", "1.1, 1.2, 2.1"),
        ("### 1.1. A\n\n#### a) x\n\n#### b) y\n\n### 1.2. B\n\n#### a) z\n",
         "points restart under each subsection"),
        ("# Năm 2024\n\n# Năm 2025\n", "years are not numbers"),
        ("## 1. A\n\n#### a. x\n\n#### b. y\n\n## 2. B\n\n#### a) z\n\n#### b) w\n",
         "'a.' and 'a)' styles"),
        ("# III. A\n\n# IV. B\n", "a list may start anywhere")]:
    expect(text + END, "muc", 0, what)
expect("# Kết quả\n\n## Chỉ đạo\n\n## Tồn tại\n\n# Kiến nghị\n" + END, "muc", 0,
       "danh_so_tu_dong numbers in order",
       front=FRONT.replace("---\n", "---\ndanh_so_tu_dong: true\n", 1))

# ---------------------------------------------------------------- silencing
expect("<!-- baocao: bo-qua tong -->\n" + table(T_OK + ["| | Tổng cộng | 26 | 2.000 |"]) +
       "\nĐạt 30.05%.\n" + END, "tong", 0, "'bo-qua tong' before a table silences it")
rc, objs, err = lint("Mở đầu.\n\n<!-- baocao: bo-qua tong -->\n" +
                     table(T_OK + ["| | Tổng cộng | 26 | 2.000 |"]) + "\n" +
                     table(T_OK + ["| | Tổng cộng | 26 | 2.000 |"]) + END)
P.check(len(rules(objs, "tong")) == 1 and rules(objs, "tong")[0]["bline"] == 14,
        "a silencing comment covers the next table only", err)
rc, objs, err = lint("Đạt 30.05% kế hoạch. <!-- baocao: bo-qua so -->\n\nĐạt 40.05% kế hoạch.\n" + END)
P.check([o["bline"] for o in rules(objs, "so")] == [3],
        "an inline comment silences its own line", err)
rc, objs, err = lint("<!-- baocao: bo-qua so, ngay -->\n\nĐạt 30.05% ngày 31/02/2024.\n\n"
                     "# I. A\n\n# III. B\n" + END)
P.check(not rules(objs, "so") and not rules(objs, "ngay") and len(rules(objs, "muc")) == 1,
        "a comment at the top of the body silences its rules in the whole document", err)
rc, objs, err = lint("<!-- baocao: bỏ qua -->\n\nĐạt 30.05% ngày 31/02/2024.\n",
                     front="---\nco_quan: A\n---\n")
P.check(not objs, "'bỏ qua' with no rule silences every rule, bo-cuc included", err)
rc, objs, err = lint("<!-- baocao: bo-qua tongg -->\n\nVăn bản.\n" + END)
P.check(len(objs) == 1 and objs[0]["severity"] == "warning" and "tongg" in objs[0]["message"]
        and objs[0]["rule"] is None, "an unknown rule name is a warning", err)

# ---------------------------------------------------------------- bo-cuc
rc, objs, err = lint("Thân bài.\n", front="---\nco_quan: A\n---\n")
P.check(rc == 0 and len(objs) == 6 and all(o["rule"] == "bo-cuc" for o in objs),
        "bo-cuc: each missing part and the end mark (6)", err)
rc, objs, err = lint(END, front=FRONT.replace("  - Lưu: VT, LĐTBXH\n", ""))
P.check([o["rule"] for o in objs] == ["bo-cuc"] and "Lưu" in objs[0]["message"],
        "bo-cuc: Nơi nhận not ending in 'Lưu: VT'", err)
rc, objs, err = lint(END, front=FRONT.replace("  - UBND tỉnh", "  - Như trên;\n  - UBND tỉnh"))
P.check([o["rule"] for o in objs] == ["bo-cuc"] and "kinh_gui" in objs[0]["message"],
        "bo-cuc: 'Như trên' without Kính gửi", err)
rc, objs, err = lint(END, front=FRONT.replace(
    "noi_nhan:", "kinh_gui: UBND tỉnh Lai Châu\nnoi_nhan:\n  - Như trên;"))
P.check(objs == [], "bo-cuc: a complete report has no finding", err)

# ---------------------------------------------------------------- build, batch, --quiet
BAD = "Đạt 30.05% kế hoạch.\n"
tmp, src = write(BAD, front="---\nco_quan: A\n---\n")
out = os.path.join(tmp, "o.pdf")
rc, _, err = P.run("build", src, "-o", out)
lines = err.strip().splitlines()
P.check(rc == 0 and os.path.exists(out) and len(lines) == 7 and
        "[so]" in err and err.count("[bo-cuc]") == 6 and "'./.'" in err,
        "build prints check's findings, the structural ones included", err)
rc, _, err = P.run("build", src, "-o", out, "--quiet")
P.check(rc == 0 and err == "", "build --quiet prints none", err)
rc, _, err = P.run("check", src, "--quiet")
P.check(rc == 0 and err == "", "check --quiet prints none", err)
rc, _, err = P.run("build", src, "-o", out, "--strict")
P.check(rc == 1 and "[so]" in err, "build --strict fails on a finding", err)
tmp, src = write("Tỷ lệ {{ ty_le }}%, đạt 30.05% ({{ xa }}).\n" + END,
                 files={"data/xa.csv": "Xã,Tỷ lệ\nXã A,4.25\nXã B,5\nXã C,\"6,5\"\n"})
rc, out, err = P.run("batch", src, "--each", "xa", "-o", os.path.join(tmp, "out/{xa}.pdf"))
P.check(rc == 0 and err.count("30.05%") == 1 and err.count("4.25%") == 1 and
        "batch: 3 written" in err,
        "batch prints each finding once, and a row's own finding for that row", err)
rc, out, err = P.run("batch", src, "--each", "xa", "-o", os.path.join(tmp, "out/{xa}.pdf"),
                     "--error-format", "json")
objs = [json.loads(l) for l in err.splitlines()]
P.check(rc == 0 and [o["rule"] for o in objs] == ["so", "so", None] and
        objs[-1]["severity"] == "note" and "3 written" in objs[-1]["message"],
        "batch --error-format json: findings and the summary as objects", err)

# ---------------------------------------------------------------- JSON for errors
tmp, src = write("Số {{ khong_co }}.\n" + END)
rc, out, err = P.run("check", src, "--error-format", "json")
objs = [json.loads(l) for l in err.splitlines()]
P.check(rc == 1 and len(objs) == 1 and objs[0]["severity"] == "error" and
        objs[0]["rule"] is None and objs[0]["file"] == src and objs[0]["line"] == BODY0 and
        objs[0]["column"] > 1 and set(objs[0]) == {"file", "line", "column", "severity",
                                                   "message", "rule", "hint"},
        "an input error is a JSON object too", err)
rc, out, err = P.run("build", src, "--error-format", "json", "--bogus")
objs = [json.loads(l) for l in err.splitlines()]
P.check(rc == 2 and len(objs) == 1 and objs[0]["file"] is None and "--bogus" in
        objs[0]["message"], "a usage error is a JSON object", err)
rc, out, err = P.run("build", src, "--error-format", "xml")
P.check(rc == 2 and "--error-format" in err, "--error-format xml is a usage error", err)

# ---------------------------------------------------------------- the acceptance report
ACC = FRONT + """
# I. KẾT QUẢ THỰC HIỆN

Năm 2024, tỷ lệ giải ngân đạt 92,65% kế hoạch; phần vốn sự nghiệp đạt 30.05% do
giao chậm (Quyết định số 19/QĐ-UBND ngày 12.01.2024, phần mềm phiên bản 2.0).

| TT | Đơn vị | Vốn đầu tư | Vốn sự nghiệp |
|:--:|--------|-----------:|--------------:|
| 1 | Xã Mường So | 1.200 | 300 |
| 2 | Xã Khổng Lào | 800 | 250 |
| | **Tổng cộng** | **2.100** | **550** |

# II. TỒN TẠI, HẠN CHẾ

Hạn tổng hợp số liệu là 31/02/2024, chậm so với kế hoạch.

| TT | Nội dung | Số hộ |
|:--:|----------|------:|
| 1 | Hộ nghèo | 120 |
| 2 | Hộ cận nghèo | 80 |
| | Cộng | 200 |

# IV. KIẾN NGHỊ

Đề nghị UBND tỉnh xem xét, hỗ trợ./.
"""
tmp = tempfile.mkdtemp(prefix="baocao-lint-")
src = os.path.join(tmp, "bao-cao.md")
with open(src, "w", encoding="utf-8") as f:
    f.write(ACC)
want = [(BODY0 + 3, "so"), (BODY0 + 10, "tong"), (BODY0 + 14, "ngay"), (BODY0 + 22, "muc")]
rc, out, err = P.run("check", src)
found = [(int(m.group(1)), m.group(2)) for m in
         re.finditer(r"^.*bao-cao\.md:(\d+):\d+: warning: .* \[([a-z-]+)\]$", err, re.M)]
P.check(rc == 0 and found == want and len(err.strip().splitlines()) == 4,
        "acceptance: exactly four findings tong, so, ngay, muc at their lines, exit 0", err)
rc, out, err = P.run("check", src, "--strict")
P.check(rc == 1 and len(err.strip().splitlines()) == 4, "acceptance: --strict exits 1", err)
rc, out, err = P.run("check", src, "--error-format", "json")
objs = [json.loads(l) for l in err.splitlines()]
P.check(rc == 0 and [(o["line"], o["rule"]) for o in objs] == want and
        all(o["severity"] == "warning" and o["file"] == src and o["hint"] for o in objs),
        "acceptance: --error-format json gives the four objects", err)

# ---------------------------------------------------------------- the samples
for name in sorted(os.listdir(os.path.join(P.ROOT, "samples"))):
    md = os.path.join(P.ROOT, "samples", name, "bao-cao.md")
    if not os.path.exists(md):
        continue
    rc, out, err = P.run("check", md, "--strict")
    P.check(rc == 0 and err == "", "sample %s: no finding" % name, err)
P.done()
