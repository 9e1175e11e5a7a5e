"""Workbooks for the tests, made the way offices make them: python3-openpyxl
(.xlsx) and python3-xlwt (.xls), Debian packages. openpyxl writes formulas
without their cached values (only Excel or LibreOffice compute them), so
`with_cached_values` writes the values into the sheet XML afterwards, as
Excel would have. Windows-1258 and UTF-16 CSVs as Excel writes them.

Also the hostile files: a truncated zip, a huge shared-strings count, a
sheet whose XML is missing, overlapping and reversed merged ranges, a zip
bomb. Run as a script it (re)writes tests/data/workbooks/.
"""
import datetime
import io
import os
import re
import sys
import unicodedata
import zipfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
COMMITTED = os.path.join(ROOT, "tests", "data", "workbooks")

# The "real-shaped" form: what truong.xlsx, sheet "Tiểu học", holds.
TIEU_HOC = [  # STT, Trường, Tổng số, Nữ, Ngày báo cáo
    (1, "TH Mường So", 1250, 600, datetime.date(2024, 5, 31)),
    (2, "TH Khổng Lào", 830, 410, datetime.date(2024, 5, 30)),
    (3, "TH Sin Suối Hồ", 1145, 560, datetime.date(2024, 6, 3)),
]
THCS = [("THCS Mường So", 12, 420.5), ("THCS Dào San", 9, 310.25)]


def truong_xlsx(path, error_cell=False, formula_without_value=False):
    """Two sheets. "Tiểu học": title rows, "Đơn vị tính", a two-row merged
    header (STT and Trường merged down, "Học sinh" merged over "Tổng số" and
    "Nữ", "Tỷ lệ nữ" merged down), dates, a percent-formatted formula with
    its cached value, a total row merged across A:B with SUM formulas, a
    note under the table. "THCS": a plain one-row header."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tiểu học"
    ws["A1"] = "BIỂU 01 - TÌNH HÌNH HỌC SINH TIỂU HỌC NĂM HỌC 2023-2024"
    ws.merge_cells("A1:F1")
    ws["A2"] = "Đơn vị tính: học sinh"
    ws["A4"] = "STT"
    ws.merge_cells("A4:A5")
    ws["B4"] = "Trường"
    ws.merge_cells("B4:B5")
    ws["C4"] = "Học sinh"
    ws.merge_cells("C4:D4")
    ws["C5"] = "Tổng số"
    ws["D5"] = "Nữ"
    ws["E4"] = "Tỷ lệ nữ"
    ws.merge_cells("E4:E5")
    ws["F4"] = "Ngày báo cáo"
    ws.merge_cells("F4:F5")
    cached = {}
    for i, (stt, name, tong, nu, day) in enumerate(TIEU_HOC):
        r = 6 + i
        ws.cell(r, 1, stt)
        ws.cell(r, 2, name)
        ws.cell(r, 3, tong)
        ws.cell(r, 4, nu)
        c = ws.cell(r, 5, "=D%d/C%d" % (r, r))
        c.number_format = "0.0%"
        cached["E%d" % r] = repr(nu / tong)
        d = ws.cell(r, 6, day)
        d.number_format = "dd/mm/yyyy"
    total = 6 + len(TIEU_HOC)
    ws.cell(total, 1, "Tổng cộng")
    ws.merge_cells("A%d:B%d" % (total, total))
    ws.cell(total, 3, "=SUM(C6:C%d)" % (total - 1))
    ws.cell(total, 4, "=SUM(D6:D%d)" % (total - 1))
    cached["C%d" % total] = str(sum(t[2] for t in TIEU_HOC))
    cached["D%d" % total] = str(sum(t[3] for t in TIEU_HOC))
    if error_cell:  # D7: #DIV/0! as Excel saves it
        ws["D7"] = "=1/0"
        cached["D7"] = "#DIV/0!"
    if formula_without_value:
        cached.pop("C%d" % total)
    ws.cell(total + 2, 1, "Ghi chú: số liệu đến ngày 31/5/2024; trường TH Sin "
            "Suối Hồ báo cáo chậm.")
    ws2 = wb.create_sheet("THCS")
    ws2.append(["Trường", "Số lớp", "Diện tích (m2)"])
    for row in THCS:
        ws2.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    data = with_cached_values(buf.getvalue(), "xl/worksheets/sheet1.xml", cached)
    with open(path, "wb") as f:
        f.write(data)


def with_cached_values(xlsx, part, values):
    """The workbook with <v> written into the formula cells named in
    values ({"E6": "0.48"}), and t="e" for error values, as Excel saves."""
    zin = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    zout = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == part:
            xml = data.decode("utf-8")

            def fill(m):
                ref, attrs, formula = m.group(1), m.group(2), m.group(3)
                if ref not in values:
                    return m.group(0)
                v = values[ref]
                attrs = re.sub(r'\s+t="[^"]*"', "", attrs)
                if v.startswith("#"):
                    attrs += ' t="e"'
                return '<c r="%s"%s><f>%s</f><v>%s</v></c>' % (ref, attrs, formula, v)
            xml = re.sub(r'<c r="([A-Z]+\d+)"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?</c>',
                         fill, xml)
            xml = re.sub(r'<c r="([A-Z]+\d+)"([^>]*)><f>([^<]*)</f></c>', fill, xml)
            data = xml.encode("utf-8")
        zout.writestr(item, data)
    zout.close()
    return out.getvalue()


def diem_xls(path):
    """A legacy .xls: a title row, a two-row header without merges that
    libfreexl could report ("Học sinh" over "Tổng số" and "Nữ"), a date
    column."""
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Điểm trường")
    date = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    ws.write(0, 0, "DANH SÁCH ĐIỂM TRƯỜNG")
    ws.write(2, 0, "Điểm trường")
    ws.write(2, 1, "Ngày thành lập")
    ws.write(2, 2, "Học sinh")
    ws.write(3, 2, "Tổng số")
    ws.write(3, 3, "Nữ")
    rows = [("Nậm Xe", datetime.date(2015, 9, 1), 85, 40),
            ("Huổi Luông", datetime.date(2018, 8, 15), 62, 31)]
    for i, (name, day, tong, nu) in enumerate(rows):
        ws.write(4 + i, 0, name)
        ws.write(4 + i, 1, day, date)
        ws.write(4 + i, 2, tong)
        ws.write(4 + i, 3, nu)
    wb.save(path)
    return rows


def gop_xls(path):
    """An .xls whose header is two rows joined only by merged cells: STT and
    Xã merged down, "Số hộ" merged across over "Tổng" and "Nghèo"."""
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Xã")
    ws.write(0, 0, "BIỂU SỐ HỘ")
    ws.write_merge(2, 3, 0, 0, "STT")
    ws.write_merge(2, 3, 1, 1, "Xã")
    ws.write_merge(2, 2, 2, 3, "Số hộ")
    ws.write(3, 2, "Tổng")
    ws.write(3, 3, "Nghèo")
    ws.write_merge(2, 3, 4, 4, "Ghi chú")
    ws.write(4, 0, 1)
    ws.write(4, 1, "Mường So")
    ws.write(4, 2, 120)
    ws.write(4, 3, 12)
    ws.write(4, 4, "x")
    ws.write(5, 0, 2)
    ws.write(5, 1, "Dào San")
    ws.write(5, 2, 80)
    ws.write(5, 3, 9)
    wb.add_sheet("Trống")
    # a header merged down only: without reading the merges, the table
    # would end at the empty row 4
    ws = wb.add_sheet("Dọc")
    ws.write_merge(2, 3, 0, 0, "STT")
    ws.write_merge(2, 3, 1, 1, "Xã")
    ws.write_merge(2, 3, 2, 2, "Số hộ")
    ws.write(4, 0, 1)
    ws.write(4, 1, "Mường So")
    ws.write(4, 2, 120)
    ws.write(5, 0, 2)
    ws.write(5, 1, "Dào San")
    ws.write(5, 2, 80)
    wb.save(path)


def cp1258(text):
    """Text as Excel's "CSV" on Vietnamese Windows writes it: base letters
    precomposed where the code page has them, tone marks as combining
    bytes (Python's codec cannot encode the decomposed form)."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out += base.encode("cp1258") + "".join(c for c in d if c in tones).encode("cp1258")
    return out


def xa_cp1258_csv(path):
    """A Windows-1258 CSV with ';' and Vietnamese numbers."""
    with open(path, "wb") as f:
        f.write(cp1258("Tên xã;Dân số;Diện tích (ha)\r\nMường So;1.250,5;38,2\r\n"
                       "Khổng Lào;830;12\r\nSin Suối Hồ;2.104;7,5\r\n"))


def ho_utf16_csv(path):
    """Excel's "Unicode Text": UTF-16 LE with a BOM, tab-separated."""
    with open(path, "wb") as f:
        f.write("Tên xã\tSố hộ nghèo\r\nMường So\t145\r\nKhổng Lào\t98\r\n"
                .encode("utf-16"))


# ---- hostile workbooks ------------------------------------------------

def _minimal(sheet_xml=None, sst=None, extra=None, drop=()):
    """A small valid .xlsx written by hand, with parts replaced or left out."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.'
        'openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.'
        'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
        'name="Trang 1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns='
        '"http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '</Relationships>',
        "xl/sharedStrings.xml": sst or '<?xml version="1.0"?><sst xmlns="http://'
        'schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" '
        'uniqueCount="2"><si><t>Xã</t></si><si><t>Số hộ</t></si></sst>',
        "xl/worksheets/sheet1.xml": sheet_xml or SHEET % "",
    }
    parts.update(extra or {})
    buf = io.BytesIO()
    z = zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED)
    for name, text in parts.items():
        if name not in drop:
            z.writestr(name, text)
    z.close()
    return buf.getvalue()


SHEET = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
         'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
         '<c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is>'
         '<t>Mường So</t></is></c><c r="B2"><v>145</v></c></row></sheetData>%s'
         '</worksheet>')


def hostile():
    """{name: bytes} of damaged and hostile .xlsx files, with the message
    each must give."""
    good = _minimal()
    out = {}
    out["truncated"] = (good[: len(good) // 2], r"truncated|damaged|not a zip")
    out["huge-sst-count"] = (_minimal(sst='<?xml version="1.0"?><sst xmlns="http://'
                                      'schemas.openxmlformats.org/spreadsheetml/2006/'
                                      'main" count="4294967295" uniqueCount='
                                      '"4294967295"><si><t>Xã</t></si></sst>'),
                             r"shared string 1, which the workbook does not have")
    out["missing-sheet-xml"] = (_minimal(drop=("xl/worksheets/sheet1.xml",)),
                                r'sheet "Trang 1" is missing from the workbook')
    out["overlapping-merges"] = (
        _minimal(sheet_xml=SHEET % '<mergeCells count="2"><mergeCell ref="A1:B2"/>'
                 '<mergeCell ref="B2:C3"/></mergeCells>'),
        r"merged ranges A1:B2 and B2:C3 overlap")
    out["reversed-merge"] = (
        _minimal(sheet_xml=SHEET % '<mergeCells count="1"><mergeCell ref="B2:A1"/>'
                 '</mergeCells>'),
        r"merged range B2:A1 ends before it starts")
    out["not-a-zip"] = (b"STT,Ten\n1,a\n", r"not an \.xlsx workbook")
    out["dtd"] = (_minimal(sheet_xml='<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a '
                           '"aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><worksheet/>'),
                  r"holds a DTD")
    return out


def zip_bomb(path, mb=400):
    """A sheet that inflates to `mb` MB of blanks from well under 1 MB."""
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    good = zipfile.ZipFile(io.BytesIO(_minimal()))
    for item in good.infolist():
        if item.filename != "xl/worksheets/sheet1.xml":
            z.writestr(item, good.read(item.filename))
    zi = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
    zi.compress_type = zipfile.ZIP_DEFLATED
    with z.open(zi, "w", force_zip64=True) as f:
        f.write(b'<?xml version="1.0"?><worksheet><sheetData>')
        chunk = b" " * (1 << 20)
        for _ in range(mb):
            f.write(chunk)
        f.write(b"</sheetData></worksheet>")
    z.close()


def write_committed():
    os.makedirs(COMMITTED, exist_ok=True)
    truong_xlsx(os.path.join(COMMITTED, "truong.xlsx"))
    truong_xlsx(os.path.join(COMMITTED, "truong-loi.xlsx"), error_cell=True)
    diem_xls(os.path.join(COMMITTED, "diem.xls"))
    xa_cp1258_csv(os.path.join(COMMITTED, "xa-cp1258.csv"))
    ho_utf16_csv(os.path.join(COMMITTED, "ho-utf16.csv"))


if __name__ == "__main__":
    write_committed()
    print("wrote", COMMITTED, file=sys.stderr)
