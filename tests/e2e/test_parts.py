"""Report parts (issue 15): images (PNG with alpha, palette, 16 bits,
interlaced; JPEG baseline, progressive, CMYK), charts drawn from the data
(bar, line, pie: geometry measured from the PDF), their errors, and
appendices (Phụ lục). Images are made here: PNGs with zlib, JPEGs with
pdftoppm from a small PDF."""
import math
import os
import re
import shutil
import struct
import subprocess
import tempfile
import zlib

import pdfutil as P

TW = (210 - 30 - 15) * P.MM  # text width, default margins

FM = """---
co_quan: ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ
so: 5
ky_hieu: BC-UBND
dia_danh: Phong Thổ
ngay: 2024-06-05
trich_yeu: Kết quả thực hiện
---

"""


def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)


def png(w, h, ctype, depth, pixel, plte=None, trns=None, interlace=False):
    raw = b""
    if interlace:
        passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4),
                  (1, 0, 2, 2), (0, 1, 1, 2)]
        for x0, y0, dx, dy in passes:
            xs, ys = range(x0, w, dx), range(y0, h, dy)
            if xs and ys:
                for y in ys:
                    raw += b"\0" + b"".join(pixel(x, y) for x in xs)
    else:
        for y in range(h):
            raw += b"\0" + b"".join(pixel(x, y) for x in range(w))
    d = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0,
                                                          1 if interlace else 0))
    if plte:
        d += chunk(b"PLTE", plte)
    if trns:
        d += chunk(b"tRNS", trns)
    return d + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


W, H = 64, 40
IMAGES = {
    "rgba.png": png(W, H, 6, 8, lambda x, y: bytes([x * 4, y * 6, 128, 255 if x < 32 else 80])),
    "pal.png": png(W, H, 3, 8, lambda x, y: bytes([(x // 8 + y // 8) % 4]),
                   plte=bytes([255, 0, 0, 0, 255, 0, 0, 0, 255, 200, 200, 200]),
                   trns=bytes([255, 255, 128, 0])),
    "rgb16.png": png(W, H, 2, 16, lambda x, y: struct.pack(">HHH", x * 1000, y * 1500, 30000)),
    "gray16.png": png(W, H, 0, 16, lambda x, y: struct.pack(">H", x * 1000)),
    "inter.png": png(W, H, 2, 8, lambda x, y: bytes([x * 4, y * 6, 128]), interlace=True),
    "wide.png": png(2400, 8, 0, 8, lambda x, y: bytes([x % 256])),
}
# 64 px at 300 dpi (pHYs: 11811 pixels per metre) is 15.36 pt wide
IMAGES["dpi.png"] = (IMAGES["rgba.png"][:33] +
                     chunk(b"pHYs", struct.pack(">IIB", 11811, 11811, 1)) +
                     IMAGES["rgba.png"][33:])

tmp = tempfile.mkdtemp(prefix="baocao-parts-")
anh = os.path.join(tmp, "anh")
os.makedirs(anh)
for n, d in IMAGES.items():
    with open(os.path.join(anh, n), "wb") as f:
        f.write(d)
# JPEGs: a small PDF page drawn by pdftoppm as baseline, progressive, CMYK
rc, err, seedpdf = P.build(FM + "Trang mẫu để chụp ảnh.\n", tmp=tempfile.mkdtemp())
for name, opts in (("base", ["-jpeg"]), ("prog", ["-jpeg", "-jpegopt", "progressive=y"]),
                   ("cmyk", ["-jpegcmyk"])):
    subprocess.run(["pdftoppm", "-r", "20", "-f", "1", "-l", "1", "-singlefile"] + opts +
                   [seedpdf, os.path.join(anh, name)], check=True)
SOF = {}
for name in ("base", "prog", "cmyk"):
    d = open(os.path.join(anh, name + ".jpg"), "rb").read()
    SOF[name] = (d.find(b"\xff\xc2") > 0, d.find(b"\xff\xee") > 0)
P.check(SOF["prog"][0] and not SOF["base"][0] and SOF["cmyk"][1],
        "test JPEGs: a progressive one and an Adobe CMYK one", SOF)


def images_of(pdf):
    """(page, x, y_top, width, height, pixel width) of every drawn image."""
    res = []
    for pno, h, page in P.trace_pages(pdf):
        for el in page.iter("fill_image"):
            # the trace's device space is y-down: f is the image's top
            a, _, _, d, e, f = [float(v) for v in el.get("transform").split()]
            res.append((pno, e, f, a, d, int(el.get("width"))))
    return res


def image_objects(pdf):
    data = open(pdf, "rb").read()
    return len(re.findall(rb"/Subtype\s*/Image", data))


# ---- images ----------------------------------------------------------------
md = FM + """# I. ẢNH

Đoạn mở đầu.

![Hình 1. Ảnh có kênh trong suốt](anh/rgba.png "60%")

![Hình 2. Ảnh bảng màu](anh/pal.png "80mm")

![](anh/rgb16.png "50%")

![Ảnh xám 16 bit](anh/gray16.png "40%")

![Ảnh xen kẽ](anh/inter.png "30%")

![Ảnh rộng](anh/wide.png)

![Ảnh JPEG thường](anh/base.jpg "50%")

![Ảnh JPEG lũy tiến](anh/prog.jpg "50%")

![Ảnh JPEG CMYK](anh/cmyk.jpg "50%")

![Lần nữa](anh/rgba.png "20%")

![Ảnh nhỏ giữ cỡ](anh/inter.png)

![Ảnh 300 dpi](anh/dpi.png)

Hết.
"""
rc, err, pdf = P.build(md, tmp=tmp)
P.check(rc == 0, "a report with PNG and JPEG images builds", err)
imgs = images_of(pdf) if rc == 0 else []
P.check(len(imgs) == 12, "every image is drawn (12 uses)", imgs)
once = md.replace('![Lần nữa](anh/rgba.png "20%")', "")
rc1, _, pdf1 = P.build(once, tmp=tmp, name="once")
P.check(rc == 0 and rc1 == 0 and image_objects(pdf) == image_objects(pdf1),
        "the image used twice is embedded once (as many image objects as with one use)",
        (image_objects(pdf), image_objects(pdf1)))
if len(imgs) == 12:
    P.check(all(w <= TW + 0.01 for _, _, _, w, _, _ in imgs), "no image is wider than the text",
            imgs)
    P.check(abs(imgs[0][3] - 0.6 * TW) < 0.5, "the '60%' image is 0.6 of the text width",
            (imgs[0][3], TW))
    P.check(abs(imgs[1][3] - 80 * P.MM) < 0.5, "the '80mm' image is 80 mm wide", imgs[1])
    P.check(abs(imgs[5][3] - TW) < 0.5, "a 2400-pixel image is scaled down to the text width",
            imgs[5])
    P.check(abs(imgs[10][3] - 48) < 0.5, "a small image keeps its size (64 px at 96 dpi)",
            imgs[10])
    P.check(abs(imgs[11][3] - 64 * 72 / 299.9994) < 0.1,
            "a PNG's pHYs resolution gives its natural size (64 px at 300 dpi)", imgs[11])
    left = 30 * P.MM
    P.check(all(abs((x - left) - (left + TW - x - w)) < 0.5 for _, x, _, w, _, _ in imgs),
            "images are centred")
    P.check(all(abs(hh / w - H / W) < 0.01 for _, _, _, w, hh, pw in imgs if pw == W),
            "aspect ratio kept")
if rc == 0:
    raw = open(pdf, "rb").read()
    P.check(raw.count(b"/Predictor 15") >= 3 and b"/SMask" in raw,
            "plain gray/RGB PNGs go in as they are (Flate + PNG predictors); RGBA gets a mask")
spans, _, heights = P.trace(pdf) if rc == 0 else ([], [], [])
cap = [s for s in spans if s.text.startswith("Hình 1. Ảnh có kênh")]
P.check(len(cap) == 1 and cap[0].italic, "caption read back, in italics", cap)
if cap and imgs:
    pg, x, top, w, hh, _ = imgs[0]
    P.check(cap[0].page == pg and 0 < cap[0].y - (top + hh) < 30,
            "the caption sits right under its image", (cap[0], imgs[0]))
    mid = (cap[0].x0 + cap[0].x1) / 2
    P.check(abs(mid - (30 * P.MM + TW / 2)) < 1, "the caption is centred", cap[0])
txt = P.pdftotext(pdf) if rc == 0 else ""
for c in ("Ảnh bảng màu", "Ảnh xám 16 bit", "Ảnh JPEG CMYK", "Ảnh JPEG lũy tiến"):
    P.check(c in txt, "caption '%s' read back" % c)
# each image and its caption on one page
if rc == 0:
    for s in [s for s in spans if s.text in ("Ảnh JPEG thường", "Ảnh JPEG lũy tiến",
                                                 "Ảnh JPEG CMYK", "Ảnh rộng")]:
        above = [i for i in imgs if i[0] == s.page and i[2] + i[4] < s.y]
        P.check(above, "caption '%s' has its image on its page" % s.text, (s, imgs))

# 16-bit samples drawn right: the 16-bit gray ramp is one ramp, not two copies
if rc == 0:
    shot = os.path.join(tmp, "shot")
    pno = imgs[3][0]
    subprocess.run(["pdftoppm", "-r", "72", "-gray", "-f", str(pno), "-l", str(pno),
                    "-singlefile", pdf, shot], check=True)
    raw = open(shot + ".pgm", "rb").read()
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", raw)
    pw_, ph_ = int(m.group(1)), int(m.group(2))
    px = raw[m.end():]
    _, x, top, w, hh, _ = imgs[3]
    row = int(top + hh / 2)
    vals = [px[row * pw_ + int(x + w * f)] for f in (0.05, 0.45, 0.55, 0.95)]
    P.check(vals[0] < vals[1] < vals[2] < vals[3],
            "a 16-bit gray image is one smooth ramp (libharu draws two copies)", vals)

# the previous PDF is untouched by a failed build
before = open(pdf, "rb").read()
bad = md.replace("anh/pal.png", "anh/khong-co.png")
rc2, err2, _ = P.build(bad, tmp=tmp)
line = bad.splitlines().index('![Hình 2. Ảnh bảng màu](anh/khong-co.png "80mm")') + 1
P.check(rc2 == 1 and re.search(r"t\.md:%d:1: error: .*khong-co\.png" % line, err2),
        "a missing image: exit 1, FILE:LINE:COL: error naming the file", err2)
P.check(open(pdf, "rb").read() == before, "the previous PDF is untouched")


def err_of(body, files=None, expect=None, what=""):
    rc, err, _ = P.build(FM + body, tmp=tempfile.mkdtemp(), files=files)
    ok = rc == 1 and re.search(r"^\S+\.md:\d+:\d+: error: ", err, re.M) and \
        (expect is None or re.search(expect, err))
    P.check(ok, what, err)
    return err


err_of("![x](anh/a.gif)\n", {"anh/a.gif": b"GIF89a" + b"\0" * 20}, r"a\.gif.*GIF",
       "a GIF image is an error naming the format")
huge = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")
err_of("![x](anh/a.png)\n", {"anh/a.png": huge}, r"20000 x 20000",
       "an image over the pixel limit is an error")
err_of("![x](anh/a.png)\n", {"anh/a.png": IMAGES["rgba.png"][:60]}, r"damaged",
       "a truncated PNG is an error")
err_of("![x](anh/a.jpg)\n", {"anh/a.jpg": b"\xff\xd8\xff\xe0\0\x10JFIF" + b"\0" * 10},
       r"damaged JPEG", "a JPEG without a frame header is an error")
bad = bytearray(IMAGES["rgba.png"])
i = bad.find(b"IDAT")
bad[i + 20:i + 40] = b"\xff" * 20
err_of("![x](anh/a.png)\n", {"anh/a.png": bytes(bad)}, r"damaged PNG",
       "a PNG with damaged pixel data is an error (libharu would abort)")
cut = open(os.path.join(anh, "base.jpg"), "rb").read()
err_of("![x](anh/a.jpg)\n", {"anh/a.jpg": cut[:len(cut) // 2]}, r"cut off",
       "a cut-off JPEG is an error")
err_of("Chữ và ![x](anh/rgba.png) ảnh.\n", {"anh/rgba.png": IMAGES["rgba.png"]},
       r"t\.md:10:8: error: an image must stand", "an image inside text is an error at its column")
err_of('![x](anh/rgba.png "to")\n', {"anh/rgba.png": IMAGES["rgba.png"]}, r"not a width",
       "a title that is not a width is an error")
err_of("![x](https://example.org/a.png)\n", None, r"web address",
       "a web address is an error")

# ---- charts ------------------------------------------------------------------
DATA = {
    "data/von.csv": "Năm,Vốn đầu tư (triệu đồng),Vốn sự nghiệp (triệu đồng)\n"
                    '2021,"84.530","12.300,5"\n2022,"96.210","15.120"\n'
                    '2023,"120.450","9.870,25"\n2024,"75.300","20.000"\n',
    "data/nguon.csv": "Nguồn vốn,Số tiền\nNgân sách trung ương,\"84.530\"\n"
                      "Ngân sách tỉnh,\"32.100\"\nNgân sách huyện,\"12.500\"\n"
                      "Vốn lồng ghép,\"5.250,5\"\n",
    "data/am.csv": "ten,gia_tri\nA,5\nB,-2\n",
    "data/chu.csv": "ten,gia_tri\nA,5\nB,nhiều\n",
}
VON = [84530, 96210, 120450, 75300]
SN = [12300.5, 15120, 9870.25, 20000]
NGUON = [84530, 32100, 12500, 5250.5]
md = FM + """# I. BIỂU ĐỒ

Biểu đồ 1. Vốn đầu tư và vốn sự nghiệp

{{ chart bar von x=nam y=von_dau_tu_trieu_dong,von_su_nghiep_trieu_dong }}

Biểu đồ 2. Cơ cấu nguồn vốn

{{ chart pie nguon x=nguon_von y=so_tien }}

Biểu đồ 3. Xu hướng vốn

{{ chart line von where nam >= 2022 x=nam y=von_dau_tu_trieu_dong }}
"""
rc, err, pdf = P.build(md, tmp=tempfile.mkdtemp(), files=DATA)
P.check(rc == 0, "a report with bar, pie and line charts builds", err)


def paths(pdf, tag="fill_path"):
    """Per page: (page height, [(grey, [(op, [(x, y)...])...])...]) in y-down points."""
    res = []
    for pno, h, page in P.trace_pages(pdf):
        items = []
        for el in page.iter(tag):
            segs = []
            for p in el:
                if p.tag in ("moveto", "lineto"):
                    segs.append((p.tag, [(float(p.get("x")), h - float(p.get("y")))]))
                elif p.tag == "curveto":
                    segs.append((p.tag, [(float(p.get("x" + k)), h - float(p.get("y" + k)))
                                         for k in "123"]))
                elif p.tag == "closepath":
                    segs.append((p.tag, []))
            items.append((float(el.get("color") or 0), segs))
        res.append((pno, items))
    return res


if rc == 0:
    txt = P.pdftotext(pdf)
    for s in ("84.530", "12.300,5", "120.450", "9.870,25", "100.000",
              "Vốn đầu tư (triệu đồng)", "Vốn sự nghiệp (triệu đồng)", "84.530 (62,9%)",
              "5.250,5 (3,9%)", "Ngân sách trung ương", "Biểu đồ 2. Cơ cấu nguồn vốn"):
        P.check(s in txt, "chart text '%s' reads back" % s)
    P.check("84530" not in txt and "12300.5" not in txt, "no number in the English form")
    pg = paths(pdf)
    # bars: the filled rectangles with the two series' grey levels
    rects = []
    for pno, items in pg:
        for grey, segs in items:
            pts = [p for op, ps in segs for p in ps]
            if len(segs) == 5 and [s[0] for s in segs] == ["moveto", "lineto", "lineto",
                                                         "lineto", "closepath"]:
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                w, h = max(xs) - min(xs), max(ys) - min(ys)
                if w > 15 and h > 1:
                    rects.append((pno, grey, min(xs), max(ys), w, h))
    bars = [r for r in rects if r[1] in (0.3, 0.78)]
    P.check(len(bars) == 8, "8 bars drawn as vector rectangles", rects)
    if len(bars) == 8:
        bars.sort(key=lambda r: r[2])
        vals = [v for pair in zip(VON, SN) for v in pair]
        k = bars[0][5] / vals[0]
        P.check(all(abs(b[5] - k * v) < 0.5 for b, v in zip(bars, vals)),
                "bar heights proportional to the values within 0.5 pt",
                [(round(b[5], 2), round(k * v, 2)) for b, v in zip(bars, vals)])
        P.check(len({round(b[3], 2) for b in bars}) == 1, "bars stand on one baseline")
        P.check(len({b[1] for b in bars[0::2]}) == 1 and bars[0][1] != bars[1][1],
                "the two series differ in grey level")
    # pie: slices start at the centre, go to the rim, then arcs
    slices = []
    for pno, items in pg:
        for grey, segs in items:
            if len(segs) >= 3 and segs[0][0] == "moveto" and segs[1][0] == "lineto" \
                    and segs[2][0] == "curveto":
                c = segs[0][1][0]
                a = segs[1][1][0]
                e = [ps for op, ps in segs if op == "curveto"][-1][-1]
                r = math.hypot(a[0] - c[0], a[1] - c[1])
                ang = lambda p: math.degrees(math.atan2(p[0] - c[0], -(p[1] - c[1]))) % 360
                slices.append((ang(a), ang(e), r, grey))
    P.check(len(slices) == 4, "4 pie slices drawn as vector paths", slices)
    if len(slices) == 4:
        tot = sum(NGUON)
        start = 0.0
        ok = True
        for (a0, a1, r, _), v in zip(slices, NGUON):
            sweep = (a1 - a0) % 360
            want = v / tot * 360
            ok &= abs(a0 - start % 360) < 0.5 and abs(sweep - want) < 0.5
            start += want
        P.check(ok, "pie angles within 0.5 degrees of the values' shares",
                [(round(a0, 2), round((a1 - a0) % 360, 2)) for a0, a1, _, _ in slices])
        P.check(len({s[3] for s in slices}) == 4, "each slice has its own fill")
    # line: a stroked polyline through 3 points, one per year kept by `where`
    lines = []
    for pno, h, page in P.trace_pages(pdf):
        for el in page.iter("stroke_path"):
            pts = [p for p in el if p.tag in ("moveto", "lineto")]
            if float(el.get("linewidth")) > 1.3 and len(pts) == 3:
                lines.append([(float(p.get("x")), h - float(p.get("y"))) for p in pts])
    P.check(len(lines) == 1, "the line chart's series is one vector polyline of 3 points", lines)
    if lines:
        ys = [p[1] for p in lines[0]]
        d1, d2 = ys[0] - ys[1], ys[2] - ys[1]
        P.check(abs(d1 / (120450 - 96210) - d2 / (120450 - 75300)) < 0.001,
                "line points at heights proportional to the values")
    spans, _, _ = P.trace(pdf)
    cap = [s for s in spans if s.text.startswith("Biểu đồ 1.")]
    P.check(cap and cap[0].bold, "the chart's title paragraph is set as a title", cap)
    lab = [s for s in spans if s.text == "120.450"]
    P.check(lab and 12 <= lab[0].size <= 13, "labels at the table size (12-13 pt)", lab)

# the title keeps with its chart: push the chart to the next page
filler = "\n\n".join(["Đoạn văn bản dài dùng để lấp đầy trang báo cáo này cho đủ."] * 30)
rc, err, pdf = P.build(FM + filler + "\n\nBiểu đồ 9. Giữ với biểu đồ\n\n"
                       "{{ chart bar von x=nam y=von_dau_tu_trieu_dong }}\n",
                       tmp=tempfile.mkdtemp(), files=DATA)
if P.check(rc == 0, "a chart after a page of text builds", err):
    spans, _, _ = P.trace(pdf)
    t = [s for s in spans if s.text.startswith("Biểu đồ 9")]
    v = [s for s in spans if s.text == "120.450"]
    P.check(t and v and t[0].page == v[0].page, "a chart's title stays on the chart's page",
            (t, v))

# small slices side by side: their labels do not overlap
NHO = {"data/nho.csv": 'Nguồn,Tiền\nLớn,900\nNhỏ một,12\nNhỏ hai,10\nNhỏ ba,8\nNhỏ bốn,9\nVừa,200\n'}
rc, err, pdf = P.build(FM + "{{ chart pie nho x=nguon y=tien }}\n", tmp=tempfile.mkdtemp(),
                       files=NHO)
if P.check(rc == 0, "a pie with four small slices builds", err):
    labs = [w for w in P.words(pdf) if re.fullmatch(r"\(\d+(,\d)?%\)", w.text)]
    over = [(a_, b_) for i, a_ in enumerate(labs) for b_ in labs[i + 1:]
            if a_.x0 < b_.x1 and b_.x0 < a_.x1 and a_.y0 < b_.y1 - 0.5 and b_.y0 < a_.y1 - 0.5]
    P.check(len(labs) == 6 and not over, "pie labels of small slices do not overlap",
            (labs, over))

TAG = "{{ chart %s }}\n"
err_of(TAG % "bar khong_co x=a y=b", DATA, r":10:\d+: error: unknown table 'khong_co'",
       "unknown table in a chart")
err_of(TAG % "bar von x=nam y=von_dau_tu", DATA,
       r":10:\d+: error: unknown column 'von_dau_tu'.*columns are", "unknown column in a chart")
err_of(TAG % "bar chu x=ten y=gia_tri", DATA, r":10:\d+: error: .*nhiều",
       "a non-number y cell in a chart")
err_of(TAG % "pie am x=ten y=gia_tri", DATA, r":10:\d+: error: a pie cannot show the negative",
       "negative values in a pie")
many = "ten,gia_tri\n" + "".join("D%d,%d\n" % (i, i) for i in range(60))
err_of(TAG % "line nhieu x=ten y=gia_tri", {"data/nhieu.csv": many},
       r":10:\d+: error: .*at most 40", "more than a sane number of points")
err_of(TAG % "pie nhieu x=ten y=gia_tri", {"data/nhieu.csv": many},
       r"at most 12", "more than 12 pie slices")
err_of(TAG % "donut von x=nam y=von_dau_tu_trieu_dong", DATA, r"unknown chart kind 'donut'",
       "unknown chart kind")
err_of(TAG % "bar von y=von_dau_tu_trieu_dong", DATA, r"needs x=COLUMN",
       "a chart without x=")
err_of("Chữ {{ chart bar von x=nam y=von_dau_tu_trieu_dong }}\n", DATA, r"line of its own",
       "a chart inside text")
err_of("{{ chart bar von x=nam y=von_dau_tu_trieu_dong }} và chữ\n", DATA, r"line of its own",
       "text after a chart on its line")

# ---- appendices ---------------------------------------------------------------
APP_FM = FM.replace("---\n\n", """ky:
  quyen_han: TM. ỦY BAN NHÂN DÂN
  chuc_vu: CHỦ TỊCH
  ho_ten: Nguyễn Văn A
noi_nhan:
  - UBND tỉnh Lai Châu (b/c);
  - Lưu: VT.
---

""", 1)
rows = "".join("| %d | Công trình số %d | %d |\n" % (i, i, 1000 * i) for i in range(1, 61))
md = APP_FM + """# I. KẾT QUẢ

Nội dung báo cáo, chi tiết tại Phụ lục I và Phụ lục II kèm theo./.

# Phụ lục I. Danh mục công trình hoàn thành

Biểu đồ 1. Vốn đầu tư

{{ chart bar von x=nam y=von_dau_tu_trieu_dong }}

Biểu đồ 2. Nguồn vốn

{{ chart pie nguon x=nguon_von y=so_tien }}

# Phụ lục II. Chi tiết vốn theo công trình
<!-- ngang -->

| STT | Công trình | Vốn (triệu đồng) |
|--:|---|--:|
""" + rows
rc, err, pdf = P.build(md, tmp=tempfile.mkdtemp(), files=DATA)
P.check(rc == 0, "a report with two appendices builds", err)
if rc == 0:
    n = P.npages(pdf)
    pages = [P.pdftotext(pdf, i, i) for i in range(1, n + 1)]
    flat = [" ".join(t.split()) for t in pages]
    ref = ("(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 6 năm 2024 của Ủy ban nhân dân "
           "huyện Phong Thổ)")
    a1 = [i for i, t in enumerate(flat) if t.startswith("Phụ lục I DANH MỤC")]
    a2 = [i for i, t in enumerate(flat) if re.match(r"(\d+ )?Phụ lục II CHI TIẾT", t)]
    P.check(len(a1) == 1 and len(a2) == 1 and a1[0] < a2[0],
            "each appendix starts its own page with 'Phụ lục I' / 'Phụ lục II'",
            [t[:60] for t in flat])
    if a1 and a2:
        P.check(ref in flat[a1[0]] and ref in flat[a2[0]],
                "the reference line, from the front matter, under each appendix title",
                (flat[a1[0]][:200], flat[a2[0]][:200]))
        P.check("Nguyễn Văn A" in flat[a1[0] - 1] and "Nguyễn Văn A" not in flat[a1[0]],
                "appendices come after the signature block")
        P.check(all("CỘNG HÒA" not in t for t in flat[a1[0]:]),
                "no national header on appendix pages")
        P.check(n - a2[0] >= 2, "the landscape appendix runs over several pages", n - a2[0])
        spans, rules, heights = P.trace(pdf)
        top_nums = {}
        for sp in spans:
            if sp.y < 20 * P.MM and re.fullmatch(r"\d+", sp.text):
                top_nums[sp.page] = sp.text
        p2 = a2[0] + 1  # 1-based first page of appendix II
        P.check(p2 not in top_nums and top_nums.get(p2 + 1) == "2",
                "an appendix's second page shows page number 2 (its first none)", top_nums)
        P.check(a1[0] + 1 not in top_nums, "an appendix's first page shows no number",
                top_nums)
        info = subprocess.run(["pdfinfo", "-f", "1", "-l", str(n), pdf],
                              capture_output=True, text=True).stdout
        sizes = re.findall(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", info)
        land = [int(p) for p, w, h in sizes if float(w) > float(h)]
        P.check(land == list(range(p2, n + 1)), "<!-- ngang --> makes the appendix landscape",
                sizes)
        app = [sp for sp in spans if sp.text in ("Phụ lục I", "Phụ lục II")]
        P.check(len(app) == 2 and all(sp.bold and abs(sp.size - 14) < 0.1 for sp in app),
                "'Phụ lục I' lines in 14 pt bold", app)
        for sp in app:
            pw = 297 if sp.page >= p2 else 210
            mid = 30 * P.MM + (pw - 45) * P.MM / 2
            P.check(abs((sp.x0 + sp.x1) / 2 - mid) < 1, "'%s' centred" % sp.text, sp)
        refsp = [sp for sp in spans if sp.text.startswith("(Kèm theo")]
        P.check(refsp and all(sp.italic for sp in refsp), "the reference line is italic", refsp)
    out = subprocess.run(["mutool", "show", pdf, "outline"], capture_output=True,
                         text=True).stdout
    P.check("Phụ lục I. DANH MỤC CÔNG TRÌNH HOÀN THÀNH" in out and
            "Phụ lục II. CHI TIẾT VỐN THEO CÔNG TRÌNH" in out,
            "the outline lists both appendices", out)
    qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"],
                         capture_output=True).stdout
    P.check(b"/P (PL I-)" in qdf and b"/P (PL II-)" in qdf,
            "page labels say where you are (PL I-1, PL II-2)")
    # ten_co_quan names the agency in the reference line
    rc, err, pdf = P.build(md.replace("ky_hieu:", "ten_co_quan: UBND huyện Phong Thổ\nky_hieu:"),
                           tmp=tempfile.mkdtemp(), files=DATA)
    P.check(rc == 0 and "của UBND huyện Phong Thổ)" in " ".join(P.pdftotext(pdf).split()),
            "ten_co_quan gives the agency's name in the reference line", err)
    # check does not ask for "./." at the end of an appendix
    rc, out_, err = P.run("check", os.path.join(os.path.dirname(pdf), "t.md"))
    P.check("./." not in err, "the end mark is looked for at the end of the body, not of "
            "the last appendix", err)

# "# PHỤ LỤC 01" then "## Title": the title; a lone appendix without a number
rc, err, pdf = P.build(APP_FM + "# I. NỘI DUNG\n\nNội dung./.\n\n# PHỤ LỤC 01\n\n"
                       "## Danh sách xã\n\nMột.\n\n# Phụ lục: Bảng kê\n\nHai.\n",
                       tmp=tempfile.mkdtemp())
if P.check(rc == 0, "appendices written as '# PHỤ LỤC 01' + '## Title' and 'Phụ lục: Title' build",
           err):
    n = P.npages(pdf)
    flat = [" ".join(P.pdftotext(pdf, i, i).split()) for i in range(1, n + 1)]
    P.check(any(t.startswith("Phụ lục 01 DANH SÁCH XÃ (Kèm theo") for t in flat) and
            any(t.startswith("Phụ lục BẢNG KÊ (Kèm theo") for t in flat),
            "the heading after a bare 'Phụ lục 01' is its title; 'Phụ lục: Title' works", flat)

# ---- Biểu conventions -----------------------------------------------------------
rows = "".join("| %d | Xã số %d | %d | %d | 90 |\n" % (i, i, 100 * i, 90 * i) for i in range(1, 70))
md = FM + """# Phần thứ nhất. Kết quả thực hiện

Biểu số 01. Tổng hợp kết quả

| STT | Đơn vị | Kế hoạch | Thực hiện | Tỷ lệ (%) |
|:-:|---|--:|--:|--:|
| A | B | 1 | 2 | 3=2/1 |
""" + rows + """
Bảng số liệu thường:

| a | b | c |
|---|---|---|
| 1 | 2 | 3 |
| 4 | 5 | 6 |

{{ table von tong="Tổng cộng" }}

# PHẦN THỨ HAI - PHƯƠNG HƯỚNG NHIỆM VỤ

Nội dung phần hai.
"""
rc, err, pdf = P.build(md, tmp=tempfile.mkdtemp(), files=DATA)
if P.check(rc == 0, "a report with Biểu conventions builds", err):
    spans, _, _ = P.trace(pdf)
    hdr = [sp for sp in spans if sp.text == "3=2/1"]
    P.check(len(hdr) >= 2 and len({sp.page for sp in hdr}) == len(hdr),
            "the column-number row is repeated with the header on every page", hdr)
    heads = [sp for sp in spans if sp.text == "Kế hoạch"]
    P.check(len(heads) == len(hdr), "... right under the header", (heads, hdr))
    ones = [sp for sp in spans if sp.text == "1" and sp.page == hdr[0].page
            and abs(sp.y - hdr[0].y) < 0.5]
    col = [sp for sp in spans if sp.text == "100"]
    P.check(ones and col and (ones[0].x1 - col[0].x1) < -2,
            "column numbers are centred (figures stay right-aligned)", (ones, col))
    total = [sp for sp in spans if sp.text.startswith("Tổng cộng")]
    P.check(total and total[0].bold, "tong=\"Tổng cộng\" appends a bold total row", total)
    txt = " ".join(P.pdftotext(pdf).split())
    P.check("Tổng cộng 376.490 57.290,75" in txt,
            "the total row sums the figure columns exactly (years are not added)", txt[-300:])
    parts = [sp for sp in spans if sp.text in ("Phần thứ nhất", "Phần thứ hai")]
    P.check(len(parts) == 2 and all(sp.bold for sp in parts),
            "'Phần thứ nhất' / 'PHẦN THỨ HAI' are part lines", parts)
    for sp in parts:
        P.check(abs((sp.x0 + sp.x1) / 2 - (30 * P.MM + TW / 2)) < 1, "'%s' centred" % sp.text)
    titles = [sp for sp in spans if sp.text in ("KẾT QUẢ THỰC HIỆN", "PHƯƠNG HƯỚNG NHIỆM VỤ")]
    P.check(len(titles) == 2, "part titles in capitals on their own line", titles)
    # a plain first data row of 1, 2, 3 is data, not column numbers
    a = [sp for sp in spans if sp.text == "a"]
    one = [sp for sp in spans if a and sp.text == "1" and sp.page == a[0].page
           and 0 < sp.y - a[0].y < 30]
    P.check(one and abs((one[0].x0 + one[0].x1) / 2 - (a[0].x0 + a[0].x1) / 2) > 2,
            "a table whose first row is 1 | 2 | 3 keeps it as data (aligned as figures, "
            "not centred like the header)", (one, a))
err_of('{{ table von tong=Tổng }}\n', DATA, r'tong="LABEL"', "tong= needs a quoted label")

# tong= with groups marked in the data (rows I, II with no figures): subtotals
GRP = {"data/nhom.csv": "STT,Nội dung,Kế hoạch,Thực hiện\nI,Vốn đầu tư,,\n"
                        '1,Đường giao thông,"1.200","1.150"\n2,Nhà văn hóa,800,"750,5"\n'
                        "II,Vốn sự nghiệp,,\n1,Đào tạo nghề,300,280\n"
                        '2,Truyền thông,"150,25",120\n'}
rc, err, pdf = P.build(FM + '{{ table nhom tong="Tổng cộng" }}\n', tmp=tempfile.mkdtemp(),
                       files=GRP)
if P.check(rc == 0, "a grouped table with tong= builds", err):
    spans, _, _ = P.trace(pdf)

    def row_of(first):
        sp = [s_ for s_ in spans if s_.text == first]
        return sorted((s_.x0, s_.text, s_.bold) for s_ in spans
                      if sp and abs(s_.y - sp[0].y) < 0.5) if sp else []
    r1, r2, tot = row_of("Vốn đầu tư"), row_of("Vốn sự nghiệp"), row_of("Tổng cộng")
    P.check([t for _, t, _ in r1] == ["I", "Vốn đầu tư", "2.000", "1.900,5"] and
            all(b for _, _, b in r1), "group I gets its bold subtotal row", r1)
    P.check([t for _, t, _ in r2] == ["II", "Vốn sự nghiệp", "450,25", "400"],
            "group II gets its subtotal", r2)
    P.check([t for _, t, _ in tot] == ["Tổng cộng", "2.450,25", "2.300,5"],
            "the total adds the body rows once (not the subtotals), label in the names column",
            tot)
    rc, _, err = P.run("check", os.path.join(os.path.dirname(pdf), "t.md"))
    P.check("[tong]" not in err, "check's tong rule agrees with the sums", err)

# ---- the parts sample -------------------------------------------------------------
out = os.path.join(tempfile.mkdtemp(), "s.pdf")
rc, _, err = P.run("build", os.path.join(P.ROOT, "samples", "dau-tu-phong-tho-2024", "bao-cao.md"),
                   "-o", out)
if P.check(rc == 0 and err == "", "the parts sample builds with no message", err):
    txt = " ".join(P.pdftotext(out).split())
    for s_ in ("Biểu đồ 1. Vốn được giao theo năm", "116.200", "51.957,5",
               "292.187 (75,8%)", "Hình 1. Trường mầm non", "Hình 2. Cầu treo",
               "Phụ lục I", "Phụ lục II", "3=2/1"):
        P.check(s_ in txt, "the parts sample shows %r" % s_)
    spans, _, _ = P.trace(out)
    tot = [sp for sp in spans if sp.text == "Tổng cộng" and sp.page == spans[-1].page]
    row = sorted(sp.text for sp in spans if tot and sp.page == tot[0].page
                 and abs(sp.y - tot[0].y) < 0.5)
    P.check(row == sorted(["Tổng cộng", "207.700", "140.900", "115.581"]),
            "the landscape appendix's table ends with its total row", row)
    P.check(len(images_of(out)) == 2, "the parts sample draws its two pictures")

# ---- line chart labels: where two series cross, neither label sits on a
# point of the other (the higher point's label above, the lower's below) ----
CROSS = {"data/von.csv": "Năm,Kế hoạch,Thực hiện\n2020,60.000,58.200\n2021,72.000,75.300\n"
         "2022,80.500,79.100\n2023,91.000,92.400\n2024,98.000,97.650\n"}
rc, err, pdf = P.build("---\nco_quan: UBND HUYỆN A\n---\nBiểu đồ 1. Vốn\n\n"
                       "{{ chart line von x=nam y=ke_hoach,thuc_hien }}\n\nHết./.\n",
                       files=CROSS)
P.check(rc == 0, "a line chart of two crossing series builds", err)
if rc == 0:
    pts = []
    for pno, h, page in P.trace_pages(pdf):
        for el in page.iter("stroke_path"):
            ps = [q for q in el if q.tag in ("moveto", "lineto")]
            if float(el.get("linewidth")) > 1.3 and len(ps) == 5:
                pts += [(float(q.get("x")), h - float(q.get("y"))) for q in ps]
    P.check(len(pts) == 10, "two polylines of 5 points", pts)
    labels = {w.text: w for w in P.words(pdf) if re.fullmatch(r"\d+\.\d{3}", w.text)}
    vals = ["60.000", "58.200", "72.000", "75.300", "80.500", "79.100", "91.000", "92.400",
            "98.000", "97.650"]
    P.check(all(v in labels for v in vals), "every data label reads back", sorted(labels))
    hits = [(v, x, y) for v in vals if v in labels for x, y in pts
            if labels[v].x0 - 3 < x < labels[v].x1 + 3 and labels[v].y0 - 3 < y < labels[v].y1 + 3]
    P.check(not hits, "no data label box comes within 3 pt of a line's point (marker)", hits)
    order = [(hi, lo) for hi, lo in [("60.000", "58.200"), ("75.300", "72.000"),
                                     ("80.500", "79.100"), ("92.400", "91.000"),
                                     ("98.000", "97.650")]
             if hi in labels and lo in labels and not labels[hi].y1 <= labels[lo].y0]
    P.check(not order, "at each year the higher value's label is above the lower's", order)

P.done()
