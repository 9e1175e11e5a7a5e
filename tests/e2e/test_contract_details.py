"""Sentences of DESIGN.md §1-§2 that an audit found the program did not
keep, each checked from the outside: placeholders in front-matter values,
--set on the header's switches, FILE:LINE:COL on every input error, the
output stem, strict options, one-column CSVs, and PDF 1.4."""
import os
import re
import subprocess
import tempfile

import pdfutil as P

def text_of(pdf):
    return P.squash(P.pdftotext(pdf)) if os.path.exists(pdf) else ""


# Front-matter values may hold placeholders, expanded like the body.
rc, err, pdf = P.build("""---
ten_xa: Tân Lập
xa: "Xã {{ ten_xa | hoa }}"
hai: "{{ 1 + 1 }}"
co_quan: "ỦY BAN NHÂN DÂN {{ xa | hoa }}"
---
Báo cáo của {{ xa }}: {{ hai + 1 }} mục.
""")
t = text_of(pdf)
P.check(rc == 0 and "Báo cáo của Xã TÂN LẬP: 3 mục." in t,
        "a front-matter value's placeholders expand where the body uses it", err or t)
P.check("ỦY BAN NHÂN DÂN XÃ TÂN LẬP" in t,
        "a header part may use a value that holds placeholders", t)

rc, err, pdf = P.build("""---
a: "{{ b }}"
b: "x {{ a }}"
---
{{ a }}
""")
P.check(rc == 1 and re.search(r"/t\.md:2:5: error: 'a' uses its own value", err)
        and not os.path.exists(pdf),
        "values that use each other are an error at the value, no PDF", err)

# ... and in batch, per row.
tmp = tempfile.mkdtemp(prefix="baocao-batch-")
rc, err, _ = P.build("""---
ten_day_du: "Ủy ban nhân dân xã {{ ten_xa }}"
---
{{ ten_day_du }}.
""", tmp=tmp, files={"data/xa.csv": "ma,Tên xã\nTL,Tân Lập\nMS,Mường So\n"})
rc, _, err = P.run("batch", os.path.join(tmp, "t.md"), "-d", os.path.join(tmp, "data"),
                   "--each", "xa", "-o", os.path.join(tmp, "out", "{ma}.pdf"))
P.check(rc == 0 and "Ủy ban nhân dân xã Mường So." in text_of(os.path.join(tmp, "out", "MS.pdf"))
        and "Ủy ban nhân dân xã Tân Lập." in text_of(os.path.join(tmp, "out", "TL.pdf")),
        "batch: a front-matter value expands against each row", err)

# --set overrides the switches too, not only text parts.
doc = """---
co_quan: UBND HUYỆN A
du_thao: false
---
# Mở đầu

Nội dung.
"""
rc, err, pdf = P.build(doc, args=("--set", "du_thao=true", "--set", "danh_so_tu_dong=true"))
t = text_of(pdf)
P.check(rc == 0 and "DỰ THẢO" in t and "I. MỞ ĐẦU" in t,
        "--set du_thao=true / danh_so_tu_dong=true take effect", err or t)
rc, err, pdf = P.build(doc.replace("false", "true"), args=("--set", "du_thao=false"))
P.check(rc == 0 and "DỰ THẢO" not in text_of(pdf), "--set du_thao=false removes the mark", err)
rc, err, pdf = P.build(doc, args=("--set", "du_thao=maybe"))
P.check(rc == 1 and err.startswith("--set:1:9: error: 'du_thao' must be true or false"),
        "--set du_thao=maybe: an error pointing into the option", err)

# --set is input: UTF-8 checked with a column; its key must be a name.
rc, err, _ = P.build(doc, args=("--set", "a b=5"))
P.check(rc == 2 and "'a b' is not a name" in err, "--set with a key that is not a name: exit 2", err)
rc, err, _ = P.build(doc, args=("--set", "ngay=2024-13-04"))
P.check(rc == 1 and err.startswith("--set:1:6: error: 'ngay' is '2024-13-04'"),
        "a bad date given with --set points at the value", err)

# Every input error carries LINE:COL, a missing glyph included, once.
rc, err, _ = P.build("Dòng một.\n\nCó ký tự ☃ lạ.\n")
P.check(rc == 1 and "/t.md:3:10: error: the font" in err and err.count("\n") == 1,
        "a missing glyph is reported at its line and column", err)
rc, err, _ = P.build("{{#each t}}\nHàng {{ ten }} ☃.\n\n{{/each}}\n",
                     files={"data/t.csv": "Tên\na\nb\nc\n"})
P.check(rc == 1 and err.count("error:") == 1 and "/t.md:2:16: error:" in err,
        "a missing glyph in a loop is reported once, at the template line", err)
rc, err, _ = P.build("x {{ count(von) }}\n")
P.check(rc == 1 and "/t.md:1:12: error: unknown name 'von'" in err and "no data folder" in err,
        "an unknown name without a data folder says there is none", err)

# The output name is the stem of REPORT: any extension goes.
tmp = tempfile.mkdtemp(prefix="baocao-stem-")
with open(os.path.join(tmp, "bao-cao.markdown"), "w", encoding="utf-8") as f:
    f.write("Nội dung.\n")
rc, _, err = P.run("build", "bao-cao.markdown", cwd=tmp)
P.check(rc == 0 and os.path.exists(os.path.join(tmp, "bao-cao.pdf")),
        "bao-cao.markdown builds bao-cao.pdf", err)

# Strict command line and environment.
rc, _, err = P.run("--version", "extra")
P.check(rc == 2, "--version with an argument is a usage error", err)
rc, _, err = P.run("build", os.path.join(tmp, "bao-cao.markdown"), "-o",
                   os.path.join(tmp, "e.pdf"), env={"SOURCE_DATE_EPOCH": "abc"})
P.check(rc == 2 and "SOURCE_DATE_EPOCH" in err and not os.path.exists(os.path.join(tmp, "e.pdf")),
        "a malformed SOURCE_DATE_EPOCH is an error, not a silently undated file", err)
rc, _, err = P.run("build", os.path.join(tmp, "bao-cao.markdown"), "-o",
                   os.path.join(tmp, "e.pdf"), env={"SOURCE_DATE_EPOCH": "12\n34\x1b[1m"})
P.check(rc == 2 and err.splitlines() == [
    "baocao: error: SOURCE_DATE_EPOCH is '12 34\\x1B[1m'; it must be a number of seconds "
    "since 1970 (see 'baocao --help')"],
    "a SOURCE_DATE_EPOCH with a newline and an escape: one line, escaped", err)
rc, err, _ = P.build("---\ntrang:\n  thut_dau_dong: 11\n---\nx\n")
P.check(rc == 1 and "/t.md:3:18: error: 'thut_dau_dong' is 10 or 12.7" in err,
        "the first-line indent is 10 or 12.7 mm, nothing between", err)

# A CSV with one column has no delimiter: "1,5" is one cell.
rc, err, pdf = P.build("Tổng: {{ sum(t.gia) | so }}.\n",
                       files={"data/t.csv": "Giá\n1,5\n2,25\n"})
P.check(rc == 0 and "Tổng: 3,75." in text_of(pdf), "one-column CSV with decimal commas", err)

# A table is named like a column, so "Vốn-ĐT.csv" can be used.
rc, err, pdf = P.build("Tổng {{ sum(von_dt.von) | so }}, {{ count(von_dt) }} năm.\n",
                       files={"data/Vốn-ĐT.csv": "Năm,Vốn\n2024,1.500\n2025,700\n"})
P.check(rc == 0 and "Tổng 2.200, 2 năm." in text_of(pdf),
        "data/Vốn-ĐT.csv is the table von_dt", err)
rc, err, _ = P.build("x\n", files={"data/Vốn-ĐT.csv": "a\n1\n", "data/von_dt.csv": "a\n1\n"})
P.check(rc == 1 and "both give the table name 'von_dt'" in err,
        "two files giving one table name are an error", err)

# The decree asks for PDF 1.4 or later.
with open(pdf, "rb") as f:
    head = f.read(8)
P.check(head == b"%PDF-1.4", "the file is PDF 1.4", head)

# Italic faces say so in their descriptors (libharu wrote 0).
rc, err, pdf = P.build("Chữ *nghiêng* và ***đậm nghiêng*** và **đậm**.\n")
with open(pdf, "rb") as f:
    raw = f.read()
angles = re.findall(rb"/FontName /\w+\+([\w,-]+)\s*/ItalicAngle (-?\d+)", raw)
slanted = {name.decode() for name, a in angles if int(a) < -10}
P.check(len(angles) == 4 and slanted == {"BaocaoSerif-Italic,Italic", "BaocaoSerif-BoldItalic,Bold"},
        "ItalicAngle is set for the two italic faces only", angles)

# ---- the page (spec/decree30.md) ----

# The national title and motto are on every document, front matter or not.
rc, err, pdf = P.build("Nội dung báo cáo.\n")
t = text_of(pdf)
P.check(rc == 0 and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc" in t,
        "no front matter: the national title and motto are still there", t[:120])

# The symbol is in capitals.
rc, err, pdf = P.build("---\nco_quan: SỞ NỘI VỤ\nso: 7\nky_hieu: bc-snv\n---\nx\n")
P.check(rc == 0 and "Số: 07/BC-SNV" in text_of(pdf), "ky_hieu bc-snv prints as BC-SNV", err)

# "Phần I. Title": the part word on its own line, centred, lower case;
# the title under it in capitals, centred. "# Phần II" + "# Title" too.
rc, err, pdf = P.build("""---
trich_yeu: Tổng kết
---
# PHẦN I. Tình hình thực hiện

# I. Kết quả

Nội dung.

# Phần II

# Phương hướng năm sau

Nội dung.

# Phần thưởng cho tập thể

Nội dung.
""")
ws = P.words(pdf)
centre = (30 + (210 - 15)) / 2 * P.MM
lines = {}
for w in ws:
    lines.setdefault(round(w.y1), []).append(w)
by_text = {" ".join(x.text for x in sorted(v, key=lambda w: w.x0)): v for v in lines.values()}


def mid(text):
    v = by_text.get(text)
    return (min(w.x0 for w in v) + max(w.x1 for w in v)) / 2 if v else -1


for text in ("Phần I", "TÌNH HÌNH THỰC HIỆN", "Phần II", "PHƯƠNG HƯỚNG NĂM SAU"):
    P.check(abs(mid(text) - centre) < 1, "part heading line %r is centred (%.1f vs %.1f pt)"
            % (text, mid(text), centre), sorted(by_text))
P.check("I. KẾT QUẢ" in by_text and abs(mid("I. KẾT QUẢ") - centre) > 20,
        "a section heading under a part stays a section heading")
P.check("PHẦN THƯỞNG CHO TẬP THỂ" in by_text and abs(mid("PHẦN THƯỞNG CHO TẬP THỂ") - centre) > 20,
        "a heading that only starts with the word 'Phần' is not a part")

# A sentence that introduces a table is body text, a title above it is not.
rc, err, pdf = P.build("""Bảng dưới đây cho thấy kết quả:

| A | B |
|---|--:|
| x | 1 |

Bảng tổng hợp kết quả năm 2024

| A | B |
|---|--:|
| x | 1 |
""")
ws = P.words(pdf)
intro = [w for w in ws if w.text == "Bảng" and w.page == 1]
P.check(len(intro) == 2 and abs(intro[0].x0 - (30 * P.MM + 10 * P.MM)) < 0.5
        and abs(intro[1].x0 - (30 * P.MM + 10 * P.MM)) > 5,
        "'Bảng dưới đây ...:' keeps the body indent; 'Bảng tổng hợp ...' is a centred title",
        intro)

# Room for the signature and seal: about 28 mm (5 empty 14 pt lines).
rc, err, pdf = P.build("""---
ky:
  chuc_vu: [CHỦ TỊCH]
  ho_ten: Nguyễn Văn An
noi_nhan: [Lưu VT]
---
Nội dung./.
""")
ws = [w for w in P.words(pdf) if w.page == 1]
title = [w for w in ws if w.text == "TỊCH"]
name = [w for w in ws if w.text == "Nguyễn"]
gap = (name[0].y0 - title[0].y1) / P.MM if title and name else 0
P.check(25 <= gap <= 34, "the signature gap is %.1f mm (25-34, about 28)" % gap)

P.done()
