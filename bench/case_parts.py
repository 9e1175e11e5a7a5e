"""Issue 15: a report with 20 pictures (PNG, one with transparency, one
16-bit, the sample's JPEG) and 20 charts (bar, line, pie) from CSV data,
with text between them: images are read and checked once each, charts are
laid out as vector shapes."""
import os
import shutil
import struct
import zlib

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))


def png(path, w, h, seed, depth=8, alpha=False):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    ch = 4 if alpha else 3
    rows = []
    for y in range(h):
        if depth == 16:
            row = b"".join(struct.pack(">HHH", (x * 97 + seed * 1000) % 65536,
                                       (y * 131) % 65536, 30000) for x in range(w))
        else:
            row = bytes(((x + seed * 13) % 256 if k == 0 else (y * 2 + seed) % 256 if k == 1
                         else 128 if k == 2 else (x % 256)) for x in range(w) for k in range(ch))
        rows.append(b"\0" + row)
    ctype = 6 if alpha else 2
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype,
                                                                  0, 0, 0))
                + chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b""))


def cases(tmp, baocao):
    d = os.path.join(tmp, "parts")
    os.makedirs(os.path.join(d, "anh"), exist_ok=True)
    os.makedirs(os.path.join(d, "data"), exist_ok=True)
    for i in range(18):
        png(os.path.join(d, "anh", "h%02d.png" % i), 480, 300, i,
            depth=16 if i == 1 else 8, alpha=i == 2)
    shutil.copy(os.path.join(ROOT, "samples", "dau-tu-phong-tho-2024", "anh", "cau-treo.jpg"),
                os.path.join(d, "anh", "cau-treo.jpg"))
    shutil.copy(os.path.join(ROOT, "samples", "dau-tu-phong-tho-2024", "anh", "truong-hoc.png"),
                os.path.join(d, "anh", "truong-hoc.png"))
    with open(os.path.join(d, "data", "von.csv"), "w", encoding="utf-8") as f:
        f.write("Xã,Kế hoạch,Thực hiện,Năm trước\n")
        for i, x in enumerate(["Dào San", "Mù Sang", "Sin Suối Hồ", "Mường So", "Khổng Lào",
                               "Bản Lang", "Sì Lở Lầu", "Ma Li Pho"]):
            f.write('%s,"%d.%03d","%d.%03d,5","%d.%03d"\n' % (x, 3 + i % 4, 250 + i * 7,
                                                             2 + i % 5, 980 - i * 11,
                                                             2 + i % 3, 100 + i * 37))
    text = ("Trong kỳ báo cáo, các xã đã triển khai thực hiện kế hoạch vốn được giao, "
            "giải ngân đúng tiến độ, bảo đảm chất lượng công trình và hiệu quả đầu tư. ")
    parts = []
    imgs = ["h%02d.png" % i for i in range(18)] + ["cau-treo.jpg", "truong-hoc.png"]
    kinds = ["bar von x=xa y=ke_hoach,thuc_hien",
             "pie von x=xa y=ke_hoach",
             "line von x=xa y=ke_hoach,thuc_hien,nam_truoc",
             "bar von where ke_hoach > 4 x=xa y=thuc_hien"]
    for i in range(20):
        parts.append("# %s. PHẦN %d\n\n%s\n\n![Hình %d. Ảnh minh họa số %d](anh/%s \"%d%%\")\n\n"
                     "%s\n\nBiểu đồ %d. Số liệu vốn\n\n{{ chart %s }}\n"
                     % (str(i + 1), i + 1, text * 3, i + 1, i + 1, imgs[i],
                        50 + (i % 5) * 10, text * 2, i + 1, kinds[i % 4]))
    md = os.path.join(d, "bao-cao.md")
    with open(md, "w", encoding="utf-8") as f:
        f.write("---\nco_quan: ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ\ntrich_yeu: Thử hình và "
                "biểu đồ\n---\n\n" + "\n".join(parts))
    out = os.path.join(d, "bao-cao.pdf")
    return [{"name": "parts: 20 images + 20 charts", "argv": [baocao, "build", md, "-o", out],
             "out": out, "note": "issue 15"}]
