"""Front matter (DESIGN.md §2.1): Kính gửi, the draft mark, page settings
within the decree's ranges, automatic heading numbers, parts left out when
their keys are absent, and `check`'s warnings about missing parts."""
import os
import re
import tempfile

import pdfutil as P

MM = P.MM


def spans_of(md, *args):
    rc, err, pdf = P.build(md, args=args)
    if rc != 0:
        return rc, err, [], pdf
    sp, _, _ = P.trace(pdf)
    return rc, err, sp, pdf


BASE = """---
co_quan: ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ
so: 3
ky_hieu: BC-UBND
dia_danh: Phong Thổ
ngay: 2024-03-15
trich_yeu: Kết quả thực hiện nhiệm vụ năm 2024
%s---

%s
"""
PARA = ("Nội dung báo cáo được căn đều hai bên, thụt đầu dòng, cách đoạn sau sáu "
        "điểm, có đủ chữ để xuống dòng nhiều lần trên trang giấy khổ A4 theo quy "
        "định của Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ "
        "về công tác văn thư./.")

# Kính gửi: one recipient on one line, several aligned one per line.
rc, err, sp, _ = spans_of(BASE % ("kinh_gui: Ủy ban nhân dân tỉnh Lai Châu\n", PARA))
kg = [s.text for s in sp if s.text.startswith("Kính gửi")]
P.check(rc == 0 and kg == ["Kính gửi: Ủy ban nhân dân tỉnh Lai Châu"],
        "one recipient: 'Kính gửi: X' on one line, no stop added (%s)" % kg, err)
rc, err, sp, _ = spans_of(BASE % ("kinh_gui:\n  - Ủy ban nhân dân tỉnh Lai Châu\n"
                                  "  - Sở Lao động - Thương binh và Xã hội\n", PARA))
_, _, pdf = P.build(BASE % ("kinh_gui:\n  - Ủy ban nhân dân tỉnh Lai Châu\n"
                            "  - Sở Lao động - Thương binh và Xã hội\n", PARA))
ws = [w for w in P.words(pdf) if w.page == 1 and 150 < w.y0 < 300]
gui = [w for w in ws if w.text == "gửi:"]
# the recipients' leading dashes: the first word right after "gửi:" and
# the first word of the next line
dash = sorted([w for w in ws if w.text == "-"], key=lambda w: (w.y0, w.x0))
dash = [d for i, d in enumerate(dash) if i == 0 or d.y0 != dash[i - 1].y0]
lines = P.squash(P.pdftotext(pdf)).split("Kính gửi:")[1].strip()[:90] if rc == 0 else ""
P.check(len(dash) >= 2 and abs(dash[0].x0 - dash[1].x0) < 0.01 and
        lines.startswith("- Ủy ban nhân dân tỉnh Lai Châu; - Sở Lao động - Thương binh "
                         "và Xã hội."),
        "several recipients: one per line, dashes aligned, ';' then '.'", (dash, lines))
# ND30 II.9.d: several recipients start on the next line ("xuống dòng"),
# the dashes under the colon (its left edge: 0.278 em of Times at 14 pt)
colon_x = gui[0].x1 - 0.278 * 14 if gui else 0
P.check(gui and dash and dash[0].y0 > gui[0].y1 - 1 and abs(dash[0].x0 - colon_x) < 0.5,
        "several recipients: 'Kính gửi:' alone, the dashes under its colon",
        (gui, dash[:1], colon_x))

# The draft mark.
rc, err, sp, _ = spans_of(BASE % ("du_thao: true\n", PARA))
d = [s for s in sp if s.text == "DỰ THẢO"]
P.check(rc == 0 and d and d[0].bold and d[0].y < 20 * MM, "du_thao: 'DỰ THẢO' in the top "
        "margin of page 1", d)

# Page settings: margins 25/20/35/20, 13 pt, 1.5 lines, 12.7 mm indent.
trang = ("trang:\n  le: {tren: 25, duoi: 20, trai: 35, phai: 20}\n  co_chu: 13\n"
         "  gian_dong: 1.5\n  thut_dau_dong: 12.7\n")
rc, err, sp, _ = spans_of(BASE % (trang, PARA + "\n\n" + PARA))
body = [s for s in sp if s.size == 13 and not s.bold and s.y > 200]
P.check(rc == 0 and body, "page settings build", err)
if body:
    x0 = min(s.x0 for s in body)
    x1 = max(s.x1 for s in body)
    P.check(abs(x0 - 35 * MM) < 0.5 and abs(x1 - (210 - 20) * MM) < 0.5,
            "margins 35/20 mm (%.1f, %.1f mm)" % (x0 / MM, x1 / MM))
    ys = sorted(set(round(s.y, 2) for s in body))
    pitch = min(b - a for a, b in zip(ys, ys[1:]))
    P.check(abs(pitch - 1.5 * 1.15 * 13) < 0.05, "1.5 lines at 13 pt: %.2f pt" % pitch)
    ind = [s for s in body if abs(s.x0 - (35 + 12.7) * MM) < 0.3]
    P.check(len(ind) == 2, "12.7 mm first-line indent")
for bad, where in (("trang:\n  co_chu: 16\n", ":9:11:"), ("trang:\n  le: {trai: 20}\n", ":9:14:")):
    rc, err, pdf = P.build(BASE % (bad, PARA))
    P.check(rc == 1 and where in err and "Decree 30 allows" in err,
            "a setting outside the decree's range is an error at its value (%s)" % where,
            err)

# Automatic heading numbers.
md = BASE % ("danh_so_tu_dong: true\n", "# Kết quả\n\n## Công tác chỉ đạo\n\n"
             "### Văn bản\n\n#### Điểm thứ nhất\n\n#### Điểm thứ hai\n\n## Tồn tại\n\n"
             "# Kiến nghị\n\n" + PARA)
rc, err, sp, _ = spans_of(md)
heads = [s.text for s in sp if (s.bold or s.italic) and s.size == 14 and s.y > 150
         and s.text not in ("BÁO CÁO", "Kết quả thực hiện nhiệm vụ năm 2024")
         and not s.text.startswith("Độc lập")]
want = ["I. KẾT QUẢ", "1. Công tác chỉ đạo", "1.1. Văn bản", "a) Điểm thứ nhất",
        "b) Điểm thứ hai", "2. Tồn tại", "II. KIẾN NGHỊ"]
P.check(heads == want, "danh_so_tu_dong numbers headings I., 1., 1.1., a): %s" % heads)

# Absent keys: no signature, no Nơi nhận, default type name; check warns.
rc, err, sp, pdf = spans_of("---\nco_quan: A\n---\n\n" + PARA)
t = P.pdftotext(pdf)
P.check(rc == 0 and "BÁO CÁO" in t and "Nơi nhận" not in t and "Số:" not in t and
        "ngày" not in t.split("BÁO CÁO")[0], "absent keys leave their parts out", t[:200])
tmp = tempfile.mkdtemp()
src = os.path.join(tmp, "r.md")
open(src, "w", encoding="utf-8").write("---\nco_quan: A\n---\n\nThân bài.\n")
rc, out, err = P.run("check", src)
lines = err.strip().splitlines()
P.check(rc == 0 and len(lines) == 6 and all(re.match(r"^.*r\.md:\d+(:\d+)?: warning: ", l)
                                            for l in lines),
        "check warns about each missing part and the end mark (%d)" % len(lines), err)
P.done()
