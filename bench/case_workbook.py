"""Issue 14, acceptance 5: a 10.000-row sheet of an .xlsx workbook read and
summed, beside the same data as a CSV file (target: within 3x of the CSV
time). The workbook is written here with zipfile (shared strings, number
cells, a title row and a two-row merged header as offices make them), so
the bench needs no python3-openpyxl. `bench/run -k workbook` prints both;
the note of the xlsx case gives the ratio's inputs."""
import os
import zipfile
from xml.sax.saxutils import escape

ROWS = 10000
TEMPLATE = """---
co_quan: ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ
trich_yeu: Tổng hợp kinh phí hỗ trợ
---

Tổng số hộ: {{ count(ho) | so }}; tổng kinh phí {{ sum(ho.kinh_phi_trieu_dong) | so }} triệu
đồng, đã giải ngân {{ sum(ho.kinh_phi_giai_ngan) | so }}; bình quân
{{ avg(ho.kinh_phi_trieu_dong) | so }} triệu đồng một hộ./.
"""
THON = ["bản Nà Củng", "bản Hua Pầu", "bản Pa Pe", "thôn Tân Hợp", "thôn Đoàn Kết"]


def rows():
    for i in range(ROWS):
        kp = 20 + (i * 37) % 41
        yield ("H%05d" % (i + 1), "Chủ hộ %d" % (i + 1), THON[i % len(THON)],
               kp + (i % 10) / 10.0, kp - (i * 13) % 7)


def write_csv(path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("Mã,Chủ hộ,Thôn,Kinh phí (triệu đồng),Kinh phí giải ngân\n")
        for ma, ten, thon, kp, gn in rows():
            f.write('%s,%s,%s,"%s",%d\n' % (ma, ten, thon, ("%g" % kp).replace(".", ","), gn))


def col(c):
    return "ABCDE"[c]


def write_xlsx(path):
    strings, index = [], {}

    def sst(s):
        if s not in index:
            index[s] = len(strings)
            strings.append(s)
        return index[s]

    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
           '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    out.append('<row r="1"><c r="A1" t="s"><v>%d</v></c></row>' % sst("DANH SÁCH HỘ ĐƯỢC HỖ TRỢ"))
    out.append('<row r="3"><c r="A3" t="s"><v>%d</v></c><c r="B3" t="s"><v>%d</v></c>'
               '<c r="C3" t="s"><v>%d</v></c><c r="D3" t="s"><v>%d</v></c></row>'
               % (sst("Mã"), sst("Chủ hộ"), sst("Thôn"), sst("Kinh phí")))
    out.append('<row r="4"><c r="D4" t="s"><v>%d</v></c><c r="E4" t="s"><v>%d</v></c></row>'
               % (sst("(triệu đồng)"), sst("giải ngân")))
    for i, (ma, ten, thon, kp, gn) in enumerate(rows()):
        r = 5 + i
        out.append('<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d" t="s"><v>%d</v></c>'
                   '<c r="C%d" t="s"><v>%d</v></c><c r="D%d"><v>%r</v></c><c r="E%d"><v>%d'
                   '</v></c></row>' % (r, r, sst(ma), r, sst(ten), r, sst(thon), r, kp, r, gn))
    out.append('</sheetData><mergeCells count="4"><mergeCell ref="A3:A4"/><mergeCell '
               'ref="B3:B4"/><mergeCell ref="C3:C4"/><mergeCell ref="D3:E3"/></mergeCells>'
               '</worksheet>')
    ns = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://'
                   'schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships %s><Relationship '
                   'Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>' % (ns, rel))
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.'
                   'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s"><sheets>'
                   '<sheet name="Hộ" sheetId="1" r:id="rId1"/></sheets></workbook>' % rel)
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships %s>'
                   '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
                   '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
                   '</Relationships>' % (ns, rel, rel))
        z.writestr("xl/worksheets/sheet1.xml", "".join(out))
        z.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst xmlns="http://schemas.'
                   'openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s'
                   '</sst>' % (len(strings), len(strings),
                               "".join("<si><t>%s</t></si>" % escape(s) for s in strings)))


def cases(tmp, baocao):
    res = []
    for kind in ("csv", "xlsx"):
        folder = os.path.join(tmp, "workbook-" + kind)
        os.makedirs(os.path.join(folder, "data"), exist_ok=True)
        with open(os.path.join(folder, "bao-cao.md"), "w", encoding="utf-8") as f:
            f.write(TEMPLATE)
        (write_csv if kind == "csv" else write_xlsx)(os.path.join(folder, "data", "ho." + kind))
        out = os.path.join(folder, "out.pdf")
        res.append({"name": "workbook 10000 rows %s" % kind,
                    "argv": [baocao, "build", os.path.join(folder, "bao-cao.md"), "-o", out],
                    "out": out,
                    "note": "read and summed; xlsx target <= 3x csv"})
    return res
