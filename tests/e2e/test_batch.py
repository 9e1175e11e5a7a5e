"""`baocao batch`: one report per row of a table (issue 3, acceptance 4;
DESIGN.md §1 and §2.1).

A commune table xa.csv (ma, ten_xa, ho_ngheo, ...) and a report whose front
matter holds placeholders (co_quan "ỦY BAN NHÂN DÂN XÃ {{ ten_xa | hoa }}",
dia_danh "{{ ten_xa }}") and whose body computes from the row and from a
second table. Checked: one PDF per row named from `-o 'out/{ma}.pdf'`
(folders created), each PDF's header, place, metadata and figures are its
row's (pdftotext, figures re-computed here), a bad row is reported with its
row number while the other rows are still written, exit 1 and the summary
line "batch: N written, M failed".
"""
import os
import re
import shutil
import subprocess
import tempfile

import pdfutil as P
from vndata import number, so

REPORT = """---
co_quan_chu_quan: ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ
co_quan: "ỦY BAN NHÂN DÂN XÃ {{ ten_xa | hoa }}"
so: ""
ky_hieu: BC-UBND
dia_danh: "{{ ten_xa }}"
ngay: 2024-12
trich_yeu: "Kết quả giảm nghèo năm {{ nam }} của xã {{ ten_xa }}"
nam: 2024
ky:
  quyen_han: TM. ỦY BAN NHÂN DÂN
  chuc_vu: CHỦ TỊCH
  ho_ten: "{{ chu_tich }}"
---

Năm {{ nam }}, xã {{ ten_xa }} còn {{ ho_ngheo | so }} hộ nghèo trên tổng số {{ tong_so_ho | so }} hộ, chiếm {{ pct(ho_ngheo, tong_so_ho) | pct }}; giảm {{ ho_ngheo_dau_ky - ho_ngheo | so }} hộ so với đầu kỳ.

Chỉ tiêu huyện giao: {{ chi_tieu[ma_xa == ma].giam | so }} hộ; đạt {{ pct(ho_ngheo_dau_ky - ho_ngheo, chi_tieu[ma_xa == ma].giam) | pct }} chỉ tiêu.
"""
# The report line holding the figures is line 16 (front matter 1-14, a
# blank line 15); "Năm {{ nam }}, xã {{ ten_xa }} còn {{ " is 38 columns.
BAD_LOC = "bc.md:16:39:"

XA = [  # ma, ten_xa, ho_ngheo, ho_ngheo_dau_ky, tong_so_ho, chu_tich
    ("sin-suoi-ho", "Sin Suối Hồ", "215", "300", "1.250", "Lò Văn Một"),
    ("mu-sang", "Mù Sang", "180", "240", "980", "Phàn Văn Hai"),
    ("dao-san", "Dào San", "x", "150", "870", "Lý A Ba"),
    ("ma-li-pho", "Ma Li Pho", "95", "130", "640", "Tẩn Thị Bốn"),
]
CHI_TIEU = "ma_xa,giam\nsin-suoi-ho,90\nmu-sang,60\ndao-san,40\nma-li-pho,30\n" \
           "tung-qua-lin,20\n../thoat,10\n"


def csv_text(rows):
    head = "ma,ten_xa,ho_ngheo,ho_ngheo_dau_ky,tong_so_ho,chu_tich\n"
    return head + "".join(",".join('"%s"' % c if "," in c else c for c in r) + "\n"
                          for r in rows)


def hoa(s):
    return s.upper()


def setup(rows):
    d = tempfile.mkdtemp(prefix="baocao-batch-")
    os.makedirs(os.path.join(d, "data"))
    open(os.path.join(d, "bc.md"), "w", encoding="utf-8").write(REPORT)
    open(os.path.join(d, "data", "xa.csv"), "w", encoding="utf-8").write(csv_text(rows))
    open(os.path.join(d, "data", "chi_tieu.csv"), "w", encoding="utf-8").write(CHI_TIEU)
    return d


def check_pdf(pdf, row, others):
    ma, ten, hn, dk, tong, ct = row
    text = P.squash(P.pdftotext(pdf))
    giam = {l.split(",")[0]: l.split(",")[1] for l in CHI_TIEU.split()[1:]}[ma]
    want = [
        "ỦY BAN NHÂN DÂN XÃ " + hoa(ten),
        ten + ", ngày",
        "Kết quả giảm nghèo năm 2024 của xã " + ten,
        "Năm 2024, xã %s còn %s hộ nghèo trên tổng số %s hộ, chiếm %s%%; giảm %s hộ"
        % (ten, so(number(hn)), so(number(tong)), so(number(hn) * 100 / number(tong)),
           so(number(dk) - number(hn))),
        "Chỉ tiêu huyện giao: %s hộ; đạt %s%% chỉ tiêu" % (
            so(number(giam)), so((number(dk) - number(hn)) * 100 / number(giam))),
        ct,
    ]
    miss = [w for w in want if w not in text]
    P.check(not miss, "%s: header, place, title, figures and signer are the row's"
            % os.path.basename(pdf), "\n".join(miss) + "\n---\n" + text[:600])
    stray = [o[1] for o in others if o[1] in text]
    P.check(not stray, "%s: no other commune's name in it" % os.path.basename(pdf), stray)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    P.check("Kết quả giảm nghèo năm 2024 của xã " + ten in info and
            "ỦY BAN NHÂN DÂN XÃ " + hoa(ten) in info,
            "%s: Title and Author are the row's" % os.path.basename(pdf), info)


# ---- a batch with one bad row -----------------------------------------
d = setup(XA)
rc, out, err = P.run("batch", "bc.md", "--quiet", "-d", "data", "--each", "xa",
                     "-o", "out/2024/{ma}.pdf", cwd=d)
lines = err.splitlines()
P.check(rc == 1, "a failed row makes batch exit 1", "rc=%d" % rc)
P.check(lines and lines[-1] == "baocao: error: batch: 3 written, 1 failed",
        "summary line 'baocao: error: batch: 3 written, 1 failed' ends stderr", err)
errs = [l for l in lines if ": error: " in l and "error: batch: " not in l]
P.check(len(errs) == 1 and errs[0].startswith(BAD_LOC + " error: ") and
        "cell 'x' at data/xa.csv:4:17 (row 3, column ho_ngheo) is not a number" in errs[0],
        "the bad row's error: FILE:LINE:COL of the template, the cell, its row number",
        err)
P.check(re.search(r"row 3\b.*dao-san\.pdf", err) is not None,
        "the bad row is named with its row number and the file not written", err)
outdir = os.path.join(d, "out", "2024")
names = sorted(os.listdir(outdir)) if os.path.isdir(outdir) else []
P.check(names == ["ma-li-pho.pdf", "mu-sang.pdf", "sin-suoi-ho.pdf"],
        "one PDF per good row, named from -o 'out/2024/{ma}.pdf' (folders created)",
        names)
for row in XA:
    pdf = os.path.join(outdir, row[0] + ".pdf")
    if row[2] != "x" and os.path.exists(pdf):
        check_pdf(pdf, row, [o for o in XA if o is not row])

# ---- a clean batch: every row written, exit 0 --------------------------
good = [r for r in XA if r[2] != "x"] + [
    ("tung-qua-lin", "Tung Qua Lìn", "120", "140", "1.005", "Vàng Văn Năm"),
]
d2 = setup(good)
rc, out, err = P.run("batch", "bc.md", "--quiet", "-d", "data", "--each", "xa", "-o", "out/{ma}.pdf",
                     cwd=d2)
P.check(rc == 0 and err.splitlines() == ["batch: 4 written, 0 failed"],
        "a clean batch exits 0 and says 'batch: 4 written, 0 failed'", err)
names = sorted(os.listdir(os.path.join(d2, "out"))) if rc == 0 else []
P.check(names == ["ma-li-pho.pdf", "mu-sang.pdf", "sin-suoi-ho.pdf", "tung-qua-lin.pdf"],
        "file names from the rows", names)
if rc == 0:
    for row in good:
        check_pdf(os.path.join(d2, "out", row[0] + ".pdf"), row,
                  [o for o in good if o is not row])
left = [f for _, _, fs in os.walk(d2) for f in fs if ".tmp" in f]
P.check(not left, "no temporary files left", left)

# ---- values that cannot name a file: that row refused, the others written
# (issue 13): empty, absolute, '/', '..', a leading dot, control characters
for bad, why in [("", "is empty"), ("/tmp/baocao-thoat", "starts with '/'"),
                 ("../thoat", "starts with '.'"), ("a/b", "path separator"),
                 ("x..y", "contains '..'"), (".an", "starts with '.'"),
                 ("a\tb", "control character")]:
    rows = good[:2] + [(bad.replace("\\t", "\t"), "Thoát", "1", "11", "100", "Sáu")]
    d3 = setup(rows)
    rc, out, err = P.run("batch", "bc.md", "--quiet", "-d", "data", "--each", "xa",
                         "-o", "out/{ma}.pdf", cwd=d3)
    lines = err.splitlines()
    P.check(rc == 1 and len(lines) == 2 and
            lines[0].startswith("data/xa.csv:4:1: error: row 3: the value ") and
            why in lines[0] and "this row is not written" in lines[0] and
            lines[1] == "baocao: error: batch: 2 written, 1 failed",
            "value %r: row 3 refused at its cell, the batch goes on, exit 1" % bad, err)
    written = sorted(os.path.relpath(os.path.join(a, f), d3)
                     for a, _, fs in os.walk(d3) for f in fs if f.endswith(".pdf"))
    P.check(written == ["out/mu-sang.pdf", "out/sin-suoi-ho.pdf"],
            "value %r: only the good rows' files, inside out/" % bad, written)
    P.check(not os.path.exists("/tmp/baocao-thoat.pdf") and
            not os.path.exists(os.path.join(d3, "thoat.pdf")),
            "value %r: nothing written outside out/" % bad)
    shutil.rmtree(d3, ignore_errors=True)

# ---- usage errors ---------------------------------------------------------
rc, _, err = P.run("batch", "bc.md", "--quiet", "-d", "data", "--each", "xa", "-o", "out/{khong_co}.pdf",
                   cwd=d2)
P.check(rc == 2 and "khong_co" in err and "ma, ten_xa" in err,
        "an unknown {column} in -o is a usage error listing the columns", err)
rc, _, err = P.run("batch", "bc.md", "--quiet", "-d", "data", "--each", "xaa", "-o", "out/{ma}.pdf",
                   cwd=d2)
P.check(rc == 2 and "xaa" in err, "--each with an unknown table is a usage error", err)

shutil.rmtree(d, ignore_errors=True)
shutil.rmtree(d2, ignore_errors=True)
P.done()
