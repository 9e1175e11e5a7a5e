"""Issue 3, acceptance 5: a template looping over a generated table of
10 000 and 20 000 rows stays linear (2x rows <= 2.3x time). Each size is
run with `check` (expansion, Markdown and layout, no PDF) and with `build`
(everything). The CSV is generated deterministically into the bench's tmp
folder; the template makes one table row per data row with a few figures
computed per row, then totals (as a real annex table does).

Compare the pairs: `bench/run -k rows` prints them; the ratio of the
20000 case to the 10000 case should stay <= 2.3."""
import os

TEMPLATE = """---
co_quan: ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ
so: ""
ky_hieu: BC-UBND
dia_danh: Phong Thổ
ngay: 2024-06
trich_yeu: Danh sách hộ được hỗ trợ (biểu kèm theo)
ky:
  quyen_han: TM. ỦY BAN NHÂN DÂN
  chuc_vu: CHỦ TỊCH
  ho_ten: Nguyễn Văn A
noi_nhan:
  - Lưu: VT
---

Tổng số hộ: {{ count(ho) | so }}; tổng kinh phí {{ sum(ho.kinh_phi) | so }} triệu đồng, bình quân {{ avg(ho.kinh_phi) | so }} triệu đồng một hộ.

Biểu 1: Danh sách hộ được hỗ trợ

Đơn vị tính: triệu đồng

| TT | Mã hộ | Chủ hộ | Thôn, bản | Kinh phí | Đã giải ngân | Tỷ lệ |
|:--:|-------|--------|-----------|---------:|-------------:|------:|
{{#each ho where kinh_phi > 0}}
| {{ stt }} | {{ ma }} | {{ chu_ho }} | {{ thon | hoa }} | {{ kinh_phi | so }} | {{ giai_ngan | so }} | {{ pct(giai_ngan, kinh_phi) | pct }} |
{{/each}}
| | **Tổng cộng** | | | **{{ sum(ho.kinh_phi) | so }}** | **{{ sum(ho.giai_ngan) | so }}** | **{{ pct(sum(ho.giai_ngan), sum(ho.kinh_phi)) | pct }}** |

Danh sách gồm {{ count(ho) | so }} hộ./.
"""

HO = ["Lò Văn", "Vàng Thị", "Tẩn Văn", "Phàn Thị", "Lý A", "Giàng Thị", "Sùng A", "Chảo Văn"]
TEN = ["Páo", "Mỷ", "Chử", "Dế", "Sính", "Pà", "Tả", "Lử", "Chang", "Xá"]
THON = ["bản Nà Củng", "bản Hua Pầu", "bản Pa Pe", "thôn Tân Hợp", "thôn Đoàn Kết",
        "bản Lả Mường", "bản Phiêng Pẳng", "thôn Trung Tâm"]


def make(folder, n):
    os.makedirs(os.path.join(folder, "data"), exist_ok=True)
    md = os.path.join(folder, "bao-cao.md")
    with open(md, "w", encoding="utf-8") as f:
        f.write(TEMPLATE)
    with open(os.path.join(folder, "data", "ho.csv"), "w", encoding="utf-8") as f:
        f.write("Mã,Chủ hộ,Thôn,Kinh phí,Giải ngân\n")
        for i in range(n):
            kp = 20 + (i * 37) % 41  # 20..60 triệu
            gn = kp - (i * 13) % 7
            f.write("H%05d,%s %s,%s,\"%d,%d\",%d\n" % (
                i + 1, HO[i % len(HO)], TEN[(i // len(HO)) % len(TEN)],
                THON[i % len(THON)], kp, i % 10, gn))
    return md


def cases(tmp, baocao):
    res = []
    for n in (10000, 20000):
        folder = os.path.join(tmp, "rows%d" % n)
        md = make(folder, n)
        res.append({"name": "template rows %d check" % n,
                    "argv": [baocao, "check", md],
                    "note": "expand + layout, no PDF"})
    for n in (10000, 20000):
        folder = os.path.join(tmp, "rows%d" % n)
        out = os.path.join(folder, "out.pdf")
        res.append({"name": "template rows %d build" % n,
                    "argv": [baocao, "build", os.path.join(folder, "bao-cao.md"), "-o", out],
                    "out": out})
    return res
