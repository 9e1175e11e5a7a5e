"""Office data (issue 14): Excel workbooks and the CSV encodings Excel
writes, read back from real PDFs.

- A report over truong.xlsx (two sheets, title rows, a two-row merged
  header, dates, percent formulas with cached values, a total row, a note),
  diem.xls (header over two rows without merges, dates) and a Windows-1258
  CSV with ';' and Vietnamese numbers: every figure and name the template
  computes is in the PDF, computed here from the same data.
- {{ table }} of the sheet: "Học sinh" centred over "Tổng số" and "Nữ", no
  title and no note rows, figures right-aligned.
- Error cells, formulas without a cached value, and the hostile workbooks
  (truncated zip, huge shared-strings count, missing sheet XML, overlapping
  and reversed merges, a DTD, a zip bomb): one line at the file (and cell),
  exit 1, within 2 s and 200 MB, nothing written.
- Hints for "1 145" and "38 ha", "-" as 0, numbers whatever --data-locale,
  table names (STEM_SHEET, STEM), "did you mean" with sheet tables.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

try:  # the Debian packages python3-openpyxl and python3-xlwt
    import openpyxl  # noqa: F401
    import xlwt  # noqa: F401
except ImportError:
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

import pdfutil as P
import workbooks as W

HEAD = "---\nco_quan: UBND HUYỆN PHONG THỔ\ntrich_yeu: Thử\n---\n\n"


def folder(files):
    """A scratch report folder with data/ holding the given files
    ({name: bytes or a maker function of the path})."""
    tmp = tempfile.mkdtemp(prefix="baocao-wb-")
    os.makedirs(os.path.join(tmp, "data"))
    for name, content in files.items():
        p = os.path.join(tmp, "data", name)
        if callable(content):
            content(p)
        else:
            with open(p, "wb") as f:
                f.write(content)
    return tmp


def build(tmp, body, *args):
    src = os.path.join(tmp, "bao-cao.md")
    with open(src, "w", encoding="utf-8") as f:
        f.write(HEAD + body)
    out = os.path.join(tmp, "out.pdf")
    if os.path.exists(out):
        os.remove(out)
    rc, _, err = P.run("build", "bao-cao.md", "-o", "out.pdf", "--quiet", *args, cwd=tmp)
    return rc, err, out


def measured(tmp, body):
    """(exit status, stderr, seconds, max RSS MB) of a build."""
    with open(os.path.join(tmp, "bao-cao.md"), "w", encoding="utf-8") as f:
        f.write(HEAD + body)
    t0 = time.time()
    p = subprocess.run(["/usr/bin/time", "-f", "RSS %M", P.BAOCAO, "build", "bao-cao.md",
                        "-o", "out.pdf"], cwd=tmp, capture_output=True, text=True,
                       timeout=60)
    dt = time.time() - t0
    lines = [l for l in p.stderr.splitlines() if not l.startswith("Command exited")]
    rss = int(lines[-1].split()[1]) / 1024.0 if lines and lines[-1].startswith("RSS") else 0
    return p.returncode, "\n".join(lines[:-1]), dt, rss


# ASan's shadow memory and checks: the limits are for the optimised build.
SLOW = "asan" in P.BAOCAO
T_MAX, MB_MAX = (6, 600) if SLOW else (2, 200)


def so(n):
    """The `so` filter of a whole number: 3225 -> 3.225."""
    return "{:,}".format(n).replace(",", ".")


# ---- 1. the acceptance report -------------------------------------------

def acceptance():
    tmp = folder({"truong.xlsx": W.truong_xlsx, "diem.xls": W.diem_xls,
                  "xa.csv": W.xa_cp1258_csv, "ho.csv": W.ho_utf16_csv})
    body = (
        "Tổng số học sinh tiểu học: {{ truong_tieu_hoc[truong == \"\"].hoc_sinh_tong_so"
        " | so }}; nữ {{ sum(truong_tieu_hoc.hoc_sinh_nu) - "
        "truong_tieu_hoc[truong == \"\"].hoc_sinh_nu | so }}.\n\n"
        "{{#each truong_tieu_hoc where truong != \"\"}}- {{ truong }}: "
        "{{ hoc_sinh_tong_so | so }} em, nữ {{ ty_le_nu | so(1) }}%, "
        "{{ ngay_bao_cao | ngay }}.\n{{/each}}\n"
        "{{#each truong_thcs}}- {{ truong }}: {{ so_lop }} lớp, "
        "{{ dien_tich_m2 | so }} m2.\n{{/each}}\n"
        "{{#each diem}}- Điểm {{ diem_truong }} lập {{ ngay_thanh_lap | ngay }}: "
        "{{ hoc_sinh_tong_so }} học sinh, {{ hoc_sinh_nu }} nữ.\n{{/each}}\n"
        "Dân số ba xã: {{ sum(xa.dan_so) | so }} người; diện tích "
        "{{ sum(xa.dien_tich_ha) | so }} ha. Hộ nghèo: {{ sum(ho.so_ho_ngheo) }}.\n\n"
        "{{ table truong_tieu_hoc }}\n")
    rc, err, pdf = build(tmp, body)
    P.check(rc == 0, "acceptance report builds", err)
    if rc != 0:
        return
    warn = [l for l in err.splitlines() if "warning" in l]
    P.check(len(warn) == 2 and any(l.startswith("data/xa.csv:1:1: warning: read as "
                                                "Windows-1258") for l in warn)
            and any(l.startswith("data/ho.csv:1:1: warning: read as UTF-16")
                    for l in warn)
            and all('"CSV UTF-8 (Comma delimited) (*.csv)"' in l for l in warn),
            "one warning per converted CSV, naming the encoding and how to save "
            "as CSV UTF-8", err)
    text = P.squash(P.nfc(P.pdftotext(pdf)))
    tong = sum(t[2] for t in W.TIEU_HOC)
    nu = sum(t[3] for t in W.TIEU_HOC)
    want = ["Tổng số học sinh tiểu học: %s; nữ %s." % (so(tong), so(nu))]
    for stt, name, t, n, d in W.TIEU_HOC:
        pct = ("%.1f" % (round(n * 1000 / t) / 10)).replace(".", ",")
        want.append("%s: %s em, nữ %s%%, ngày %02d tháng %s năm %d." % (
            name, so(t), pct, d.day, ("%02d" % d.month) if d.month < 3 else d.month,
            d.year))
    want += ["THCS Mường So: 12 lớp, 420,5 m2.", "THCS Dào San: 9 lớp, 310,25 m2.",
             "Điểm Nậm Xe lập ngày 01 tháng 9 năm 2015: 85 học sinh, 40 nữ.",
             "Điểm Huổi Luông lập ngày 15 tháng 8 năm 2018: 62 học sinh, 31 nữ.",
             "Dân số ba xã: 4.184,5 người; diện tích 57,7 ha. Hộ nghèo: 243."]
    for w in want:
        P.check(P.squash(w) in text, "the PDF says: " + w, text[:1500])
    # 2. the table: merged header, no title, no note
    ws = P.words(pdf)
    hs = [w for w in ws if w.text == "Học"]
    sinh = [w for w in ws if w.text == "sinh" and hs and abs(w.y0 - hs[0].y0) < 1]
    tong_w = [w for w in ws if w.text == "Tổng" and hs and hs[0].y0 + 3 < w.y0 < hs[0].y0 + 40]
    nu_w = [w for w in ws if w.text == "Nữ" and hs and hs[0].y0 + 3 < w.y0 < hs[0].y0 + 40]
    if P.check(hs and sinh and tong_w and nu_w, "header words found",
               [w for w in ws if w.y0 > 300][:30]):
        mid_top = (hs[0].x0 + sinh[0].x1) / 2
        left, right = tong_w[0].x0, nu_w[0].x1
        P.check(left < mid_top < right and abs(mid_top - (left + right) / 2) < 25,
                "'Học sinh' is centred over 'Tổng số' and 'Nữ' (%.1f in %.1f-%.1f)" % (
                    mid_top, left, right))
        P.check(tong_w[0].y0 > hs[0].y1, "'Tổng số' is on a header row under "
                "'Học sinh'")
    P.check("BIỂU 01" not in text and "Đơn vị tính" not in text
            and "Ghi chú" not in text, "no title, unit or note row in the table", text)
    lines = P.pdftotext(pdf, layout=True)
    P.check(re.search(r"Tổng cộng\s+%s\s+%s" % (re.escape(so(tong)), re.escape(so(nu))),
                      lines) is not None, "the total row is in the table, figures grouped",
            lines)
    shutil.rmtree(tmp)


# ---- 3. cells that are errors -------------------------------------------

def cell_errors():
    tmp = folder({"truong.xlsx": lambda p: W.truong_xlsx(p, error_cell=True)})
    rc, err, pdf = build(tmp, "{{ count(truong_tieu_hoc) }}\n")
    P.check(rc == 1 and re.match(r'^data/truong\.xlsx:7:4: error: .*#DIV/0!.*\(sheet '
                                 r'"Tiểu học", cell D7\)$', err.strip()) is not None
            and len(err.strip().splitlines()) == 1,
            "an error cell is an error at its cell", err)
    P.check(not os.path.exists(pdf), "nothing written after an error cell")
    tmp2 = folder({"truong.xlsx": lambda p: W.truong_xlsx(p, formula_without_value=True)})
    rc, err, _ = build(tmp2, "{{ count(truong_tieu_hoc) }}\n")
    P.check(rc == 1 and re.match(r'^data/truong\.xlsx:9:3: error: the formula =SUM\(C6:C8\)'
                                 r' has no saved value.*\(sheet "Tiểu học", cell C9\)$',
                                 err.strip()) is not None,
            "a formula without a cached value is an error at its cell", err)
    shutil.rmtree(tmp)
    shutil.rmtree(tmp2)


# ---- 4. hostile workbooks ----------------------------------------------

def hostile():
    cases = W.hostile()
    for name, (data, want) in sorted(cases.items()):
        tmp = folder({"t.xlsx": data})
        prev = os.path.join(tmp, "out.pdf")
        with open(prev, "wb") as f:
            f.write(b"%PDF-1.4 previous")
        rc, err, dt, rss = measured(tmp, "{{ count(t) }}\n")
        lines = err.strip().splitlines()
        P.check(rc == 1 and len(lines) == 1 and lines[0].startswith("data/t.xlsx:")
                and " error: " in lines[0] and re.search(want, lines[0]) is not None,
                "%s: one line at the file, exit 1 (/%s/)" % (name, want), err)
        P.check(dt < T_MAX and rss < MB_MAX, "%s: %.2f s < %d s, %.0f MB < %d MB" % (
            name, dt, T_MAX, rss, MB_MAX))
        with open(prev, "rb") as f:
            P.check(f.read() == b"%PDF-1.4 previous", "%s: the previous PDF is kept" % name)
        shutil.rmtree(tmp)
    tmp = folder({"t.xlsx": lambda p: W.zip_bomb(p, 400)})
    size = os.path.getsize(os.path.join(tmp, "data", "t.xlsx"))
    rc, err, dt, rss = measured(tmp, "{{ count(t) }}\n")
    P.check(rc == 1 and re.match(r"^data/t\.xlsx:1:1: error: .*zip bomb", err.strip())
            is not None, "zip bomb (%d KB expanding to 400 MB) refused" % (size >> 10), err)
    P.check(dt < T_MAX and rss < MB_MAX, "zip bomb: %.2f s < %d s, %.0f MB < %d MB" % (
        dt, T_MAX, rss, MB_MAX))
    shutil.rmtree(tmp)


# ---- 5. cells as offices write them ---------------------------------------

def habits():
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Xã"
    ws.append(["Tên xã", "Số hộ", "Diện tích", "Ghi chú"])
    ws.append(["Mường So", "-", 12, "x"])
    ws.append(["Khổng Lào", 1234.5, 8, "y"])
    ws.append(["Dào San", "1 145", "38 ha", "z"])
    tmp = folder({"xa.xlsx": lambda p: wb.save(p)})
    rc, err, pdf = build(tmp, "{{ xa[ten_xa == \"Mường So\"].so_ho + 1 }} "
                              "{{ xa[ten_xa == \"Khổng Lào\"].so_ho | so }}\n")
    P.check(rc == 0 and "1 1.234,5" in P.pdftotext(pdf),
            "'-' is 0 in arithmetic; a number cell is a number (also STEM for a "
            "one-sheet workbook)", err)
    rc, err, pdf = build(tmp, "{{ xa[ten_xa == \"Khổng Lào\"].so_ho * 2 }}\n",
                         "--data-locale", "c")
    P.check(rc == 0 and "2469" in P.pdftotext(pdf),
            "number cells stay numbers with --data-locale c", err)
    rc, err, _ = build(tmp, "{{ sum(xa.so_ho) }}\n")
    P.check(rc == 1 and "1 145" in err and "write 1145" in err,
            "'1 145' gets a hint saying what to write", err)
    rc, err, _ = build(tmp, "{{ sum(xa_xa.dien_tich) }}\n")
    P.check(rc == 1 and "'38 ha'" in err and "write 38" in err and "header" in err,
            "'38 ha' gets a hint: the figure alone, the unit in the header", err)
    rc, err, _ = build(tmp, "{{ count(xa_x) }}\n")
    P.check(rc == 1 and "no CSV data" not in err and "xa_xa" in err,
            "only a workbook: 'did you mean' lists the sheet tables, no 'no CSV "
            "data was loaded'", err)
    rc, err, _ = build(tmp, "{{ sum(xa.so_hoo) }}\n")
    P.check(rc == 1 and "did you mean 'so_ho'" in err and 'xa.xlsx (sheet "Xã")' in err,
            "a misspelled column of a sheet gets 'did you mean'", err)
    shutil.rmtree(tmp)
    # an empty second sheet gives no table; STEM still names the one table
    wb2 = openpyxl.Workbook()
    wb2.active.append(["A", "B"])
    wb2.active.append([1, 2])
    wb2.create_sheet("Trống")
    tmp = folder({"so.xlsx": lambda p: wb2.save(p), "so_sheet.csv": b"x,y\n1,2\n"})
    rc, err, pdf = build(tmp, "{{ so.b }}{{ so_sheet.y }}\n")
    P.check(rc == 1 and "both give the table name 'so_sheet'" in err,
            "a sheet table and a CSV with one name is an error naming both", err)
    os.remove(os.path.join(tmp, "data", "so_sheet.csv"))
    rc, err, pdf = build(tmp, "{{ sum(so.b) }}/{{ sum(so_sheet.a) }}\n")
    P.check(rc == 0 and "2/1" in P.pdftotext(pdf),
            "an empty sheet is no table; the only table is also named STEM", err)
    shutil.rmtree(tmp)
    # a hidden sheet is a table; blank and styled-empty trailing columns are not
    wb3 = openpyxl.Workbook()
    ws = wb3.active
    ws.append(["Xã", "Số hộ", " ", None])
    ws.append(["Mường So", 12, None, None])
    ws["F2"].number_format = "0.00"  # styled, empty
    ws["F1"].number_format = "0.00"
    hid = wb3.create_sheet("Ẩn")
    hid.sheet_state = "hidden"
    hid.append(["A", "B"])
    hid.append([3, 4])
    tmp = folder({"an.xlsx": lambda p: wb3.save(p)})
    rc, err, pdf = build(tmp, "{{ sum(an_an.b) }}/{{ count(an_sheet) }}\n")
    P.check(rc == 0 and "4/1" in P.pdftotext(pdf), "a hidden sheet is a table", err)
    rc, out, err = P.run("data", "bao-cao.md", cwd=tmp)
    blocks = {b.split("\n")[0]: b for b in out.strip().split("\n\n")}
    P.check(rc == 0 and re.findall(r"^  (\w+)\s", blocks.get("an_sheet", ""), re.M)
            == ["xa", "so_ho"], "blank trailing columns are not columns", out)
    shutil.rmtree(tmp)


# ---- 6. du_lieu and `baocao data` ------------------------------------------

def du_lieu_and_data():
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Biểu 2"
    ws["A1"] = "BIỂU 02"
    ws["E1"] = "Mẫu số 3"  # two filled cells: the rule would take it as the header
    ws["A3"], ws["B3"], ws["C3"] = "Xã", "Số hộ", "Thu nhập"
    ws.append(["Mường So", 120, "1,234.5"])
    ws.append(["Dào San", 80, "2,000"])
    tmp = folder({"bieu.xlsx": lambda p: wb.save(p), "truong.xlsx": W.truong_xlsx})
    spec = ("---\nco_quan: UBND\ndu_lieu:\n  ho: {tep: bieu.xlsx, trang_tinh: \"Biểu 2\", "
            "dong_tieu_de: 3, so: c}\n---\n\n")
    with open(os.path.join(tmp, "bao-cao.md"), "w", encoding="utf-8") as f:
        f.write(spec + "{{ sum(ho.so_ho) }} {{ sum(ho.thu_nhap) | so }}\n")
    rc, _, err = P.run("build", "bao-cao.md", "-o", "out.pdf", cwd=tmp)
    P.check(rc == 0 and "200 3.234,5" in P.pdftotext(os.path.join(tmp, "out.pdf")),
            "du_lieu: tep, trang_tinh, dong_tieu_de and so: c read a sheet the rule "
            "cannot", err)
    rc, out, err = P.run("data", "bao-cao.md", cwd=tmp)
    P.check(rc == 0, "baocao data exits 0", err)
    blocks = {b.split("\n")[0].split()[0]: b for b in out.strip().split("\n\n")}
    P.check(set(blocks) == {"ho", "truong_tieu_hoc", "truong_thcs"},
            "baocao data lists every table (the du_lieu one, both sheets)", out)
    th = blocks.get("truong_tieu_hoc", "")
    P.check('data/truong.xlsx, sheet "Tiểu học", header rows 4-5, 4 rows' in th,
            "baocao data: file, sheet, header rows, row count", th)
    for col, kind, head, first in [("hoc_sinh_tong_so", "number", "Học sinh Tổng số", "1250"),
                                   ("truong", "text", "Trường", "TH Mường So"),
                                   ("ngay_bao_cao", "date", "Ngày báo cáo", "2024-05-31"),
                                   ("ty_le_nu", "number", "Tỷ lệ nữ", "48")]:
        P.check(re.search(r"^  %s\s+%s\s+\"%s\"\s+%s$" % (col, kind, re.escape(head),
                                                          re.escape(first)), th, re.M)
                is not None, "baocao data: %s %s \"%s\" %s" % (col, kind, head, first), th)
    P.check("numbers as 1234.5" in blocks.get("ho", ""), "baocao data shows so: c",
            blocks.get("ho"))
    with open(os.path.join(tmp, "bao-cao.md"), "w", encoding="utf-8") as f:
        f.write(spec + "{{#each truong_tieu_hc}}x{{/each}}\n")
    rc, _, err = P.run("build", "bao-cao.md", "-o", "out.pdf", cwd=tmp)
    P.check(rc == 1 and "did you mean 'truong_tieu_hoc'" in err and "truong_thcs" in err,
            "a misspelled table: 'did you mean' lists sheet tables", err)
    with open(os.path.join(tmp, "bao-cao.md"), "w", encoding="utf-8") as f:
        f.write(spec.replace("Biểu 2", "Biểu 3") + "x\n")
    rc, _, err = P.run("data", "bao-cao.md", cwd=tmp)
    P.check(rc == 1 and re.match(r'^bao-cao\.md:4:3: error: bieu\.xlsx has no sheet '
                                 r'"Biểu 3"; its sheets are: "Biểu 2"$', err.strip()),
            "du_lieu naming a missing sheet: error at its line, sheets listed", err)
    with open(os.path.join(tmp, "bao-cao.md"), "w", encoding="utf-8") as f:
        f.write(spec.replace("tep: bieu", "tep: bieu2") + "x\n")
    rc, _, err = P.run("data", "bao-cao.md", cwd=tmp)
    P.check(rc == 1 and "no file bieu2.xlsx" in err, "du_lieu naming a missing file", err)
    shutil.rmtree(tmp)
    tmp = tempfile.mkdtemp(prefix="baocao-wb-")
    with open(os.path.join(tmp, "bao-cao.md"), "w", encoding="utf-8") as f:
        f.write(HEAD + "x\n")
    rc, out, err = P.run("data", "bao-cao.md", cwd=tmp, env={"LANG": "C.UTF-8"})
    P.check(rc == 0 and out.startswith("no tables: there is no data folder"),
            "baocao data without a data folder says so", out + err)
    shutil.rmtree(tmp)


def xls_merges():
    tmp = folder({"gop.xls": W.gop_xls, "hong.xls": b"\xd0\xcf\x11\xe0" + b"\0" * 100})
    rc, err, pdf = build(tmp, "x\n")
    P.check(rc == 1 and re.match(r"^data/hong\.xls:1:1: error: cannot read the workbook",
                                 err.strip()) and len(err.strip().splitlines()) == 1,
            "a damaged .xls: one line at the file", err)
    os.remove(os.path.join(tmp, "data", "hong.xls"))
    rc, out, err = P.run("data", "bao-cao.md", cwd=tmp)
    P.check(rc == 0 and 'data/gop.xls, sheet "Xã", header rows 3-4, 2 rows' in out
            and re.search(r"^  so_ho_ngheo\s+number\s+\"Số hộ Nghèo\"\s+12$", out, re.M)
            and re.search(r"^  stt\s+number\s+\"STT\"\s+1$", out, re.M),
            ".xls merged ranges are read: a two-row header joined by merges", out)
    P.check('data/gop.xls, sheet "Dọc", header rows 3-4, 2 rows' in out,
            ".xls: a header merged down only (no text below) is read from the "
            "merges", out)
    rc, err, pdf = build(tmp, "{{ sum(gop_xa.so_ho_tong) }}/{{ sum(gop_xa.so_ho_ngheo) }}\n\n"
                              "{{ table gop_xa }}\n")
    text = P.pdftotext(pdf, layout=True) if rc == 0 else ""
    P.check(rc == 0 and "200/21" in text and re.search(r"Tổng\s+Nghèo", text),
            ".xls table: figures summed, lower header row printed", err + text)
    shutil.rmtree(tmp)


acceptance()
xls_merges()
du_lieu_and_data()
cell_errors()
hostile()
habits()
P.done()
