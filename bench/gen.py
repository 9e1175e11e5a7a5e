"""Deterministic inputs for the benchmark: reports of a given number of
pages mixing paragraphs, dash items, headings, tables and footnotes in
roughly the proportions of the Phong Thổ sample, a batch of commune
reports, and a large table."""
import os
import random

WORDS = ("quyết định kế hoạch thực hiện chương trình giảm nghèo bền vững huyện xã "
         "vốn đầu tư sự nghiệp giải ngân năm giai đoạn hỗ trợ hộ nghèo cận nghèo "
         "nhà ở sinh kế mô hình dinh dưỡng truyền thông giám sát đánh giá tổ chức "
         "triển khai công trình đường giao thông trường học nước sinh hoạt thủy lợi "
         "kinh phí kế hoạch vốn giao đạt triệu đồng").split()

FRONT = """---
co_quan: ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ
so: ""
ky_hieu: BC-UBND
dia_danh: Phong Thổ
ngay: 2024-06
trich_yeu: Tình hình thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững
ky:
  quyen_han: TM. ỦY BAN NHÂN DÂN
  chuc_vu: [KT. CHỦ TỊCH, PHÓ CHỦ TỊCH]
  ho_ten: Nguyễn Văn A
noi_nhan:
  - UBND tỉnh Lai Châu (b/c)
  - Lưu: VT, LĐTBXH
---

"""


def words(rnd, lo, hi):
    n = rnd.randint(lo, hi)
    return " ".join(rnd.choice(WORDS) for _ in range(n))


def figure(rnd):
    return "{:,}".format(rnd.randint(100, 400000)).replace(",", ".")


def report(pages, seed=1):
    """About `pages` A4 pages: one section per page."""
    rnd = random.Random(seed)
    out, notes = [FRONT], []
    for s in range(1, max(1, round(pages * 1.1)) + 1):
        if s % 6 == 1:
            out.append("# %d. PHẦN %s\n" % (s // 6 + 1, words(rnd, 3, 6).upper()))
        out.append("## %d. %s\n" % (s, words(rnd, 4, 9).capitalize()))
        for p in range(4):
            ref = ""
            if p == 1 and s % 5 == 0:
                notes.append(words(rnd, 15, 60))
                ref = "[^%d]" % len(notes)
            out.append("%s %s triệu đồng, đạt %d,%02d%%%s %s.\n" % (
                words(rnd, 40, 80).capitalize(), figure(rnd), rnd.randint(10, 99),
                rnd.randint(0, 99), ref, words(rnd, 5, 30)))
        for i in range(5):
            out.append("- %s %s triệu đồng.\n" % (words(rnd, 12, 35).capitalize(),
                                                  figure(rnd)))
        if s % 8 == 0:
            out.append("Biểu %d: %s\n\n| TT | Nội dung | Kế hoạch | Thực hiện | Tỷ lệ (%%) |\n"
                       "|---|---|--:|--:|--:|" % (s, words(rnd, 3, 6)))
            for r in range(1, 7):
                out[-1] += "\n| %d | %s | %s | %s | %d,%d |" % (
                    r, words(rnd, 2, 6), figure(rnd), figure(rnd), rnd.randint(10, 99),
                    rnd.randint(0, 9))
            out[-1] += "\n"
    out.append("Trên đây là báo cáo kết quả thực hiện./.\n")
    out += ["[^%d]: %s.\n" % (i + 1, n.capitalize()) for i, n in enumerate(notes)]
    return "\n".join(out)


COMMUNE = """---
co_quan_chu_quan: ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ
co_quan: "ỦY BAN NHÂN DÂN XÃ {{ ten_xa | hoa }}"
so: ""
ky_hieu: BC-UBND
dia_danh: "{{ ten_xa }}"
ngay: 2024-12
trich_yeu: "Kết quả thực hiện Chương trình giảm nghèo năm 2024 trên địa bàn xã {{ ten_xa }}"
ky:
  quyen_han: TM. ỦY BAN NHÂN DÂN
  chuc_vu: CHỦ TỊCH
  ho_ten: "{{ chu_tich }}"
noi_nhan:
  - UBND huyện Phong Thổ (b/c)
  - Lưu: VT
---

Thực hiện Kế hoạch số 98/KH-UBND của Ủy ban nhân dân huyện, Ủy ban nhân dân xã
{{ ten_xa }} báo cáo kết quả thực hiện Chương trình năm 2024 như sau:

# I. KẾT QUẢ THỰC HIỆN

Đầu năm toàn xã có {{ ho_ngheo_dau | so }} hộ nghèo trên tổng số {{ tong_ho | so }} hộ
(chiếm {{ pct(ho_ngheo_dau, tong_ho) | pct }}); đến cuối năm còn {{ ho_ngheo_cuoi | so }}
hộ, giảm {{ ho_ngheo_dau - ho_ngheo_cuoi | so }} hộ, tỷ lệ hộ nghèo còn
{{ pct(ho_ngheo_cuoi, tong_ho) | pct }}.

Tổng kinh phí được giao {{ von_giao | so }} triệu đồng, đã giải ngân {{ giai_ngan | so }}
triệu đồng, đạt {{ pct(giai_ngan, von_giao) | pct }} kế hoạch vốn.

| Nội dung | Kế hoạch | Thực hiện | Tỷ lệ (%) |
|---|--:|--:|--:|
| Hộ thoát nghèo | {{ ke_hoach_thoat | so }} | {{ ho_ngheo_dau - ho_ngheo_cuoi | so }} | {{ pct(ho_ngheo_dau - ho_ngheo_cuoi, ke_hoach_thoat) | so }} |
| Vốn giải ngân (triệu đồng) | {{ von_giao | so }} | {{ giai_ngan | so }} | {{ pct(giai_ngan, von_giao) | so }} |

# II. NHIỆM VỤ NĂM 2025

Phấn đấu giảm ít nhất {{ ke_hoach_thoat | so }} hộ nghèo; giải ngân 100% kế hoạch vốn
được giao; tiếp tục rà soát, hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo có hoàn cảnh
khó khăn trên địa bàn xã./.
"""


def communes(n, seed=3):
    rnd = random.Random(seed)
    names = ["Mường So", "Sì Lở Lầu", "Tung Qua Lìn", "Huổi Luông", "Ma Li Pho",
             "Lản Nhì Thàng", "Dào San", "Mù Sang", "Sin Suối Hồ", "Bản Lang"]
    rows = ["ma,ten_xa,chu_tich,tong_ho,ho_ngheo_dau,ho_ngheo_cuoi,ke_hoach_thoat,"
            "von_giao,giai_ngan"]
    for i in range(1, n + 1):
        tong = rnd.randint(400, 2500)
        dau = rnd.randint(tong // 10, tong // 2)
        cuoi = dau - rnd.randint(5, dau // 3)
        von = rnd.randint(500, 9000)
        rows.append('X%03d,"%s %d",Nguyễn Văn %s,%d,%d,%d,%d,"%s","%s"' % (
            i, rnd.choice(names), i, chr(65 + i % 26), tong, dau, cuoi,
            max(1, (dau - cuoi) + rnd.randint(-5, 10)), "{:,}".format(von).replace(",", "."),
            "{:,}".format(rnd.randint(von // 2, von)).replace(",", ".")))
    return COMMUNE, "\n".join(rows) + "\n"


def big_table(rows, seed=7):
    rnd = random.Random(seed)
    md = FRONT + ("Biểu 01: Danh sách hộ được hỗ trợ\n\nĐơn vị tính: triệu đồng\n\n"
                  "{{ table ho }}\n\nTổng kinh phí hỗ trợ: {{ sum(ho.kinh_phi) | so }} "
                  "triệu đồng./.\n")
    lines = ["STT,Họ và tên,Thôn bản,Nội dung hỗ trợ,Kinh phí"]
    for i in range(1, rows + 1):
        lines.append("%d,Hộ %s %d,Bản %d,%s,\"%d,%d\"" % (
            i, rnd.choice(WORDS).capitalize(), i, rnd.randint(1, 40),
            words(rnd, 2, 5), rnd.randint(1, 80), rnd.randint(0, 9)))
    return md, "\n".join(lines) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
