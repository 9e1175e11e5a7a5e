#!/usr/bin/env python3
"""Draws the pictures of samples/dau-tu-phong-tho-2024/anh/ (no photo of a
real building ships with baocao): a school under the mountains as an RGB
PNG, and a suspension bridge as a grey PNG that the sample's README turns
into a JPEG with pdftoppm. Pure Python (zlib), deterministic."""
import math
import struct
import sys
import zlib


def png(path, w, h, rows, channels):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    ctype = {1: 0, 3: 2}[channels]
    raw = b"".join(b"\0" + bytes(r) for r in rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, ctype, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def school(path, w=960, h=560):
    rows = []
    for y in range(h):
        r = bytearray()
        for x in range(w):
            t = y / h
            col = (int(120 + 100 * t), int(170 + 60 * t), int(230 - 20 * t))  # sky
            m1 = h * 0.45 + 60 * math.sin(x / 90.0) + 30 * math.sin(x / 37.0)
            m2 = h * 0.55 + 40 * math.sin(x / 60.0 + 1.3)
            if y > m1:
                col = (70, 110, 90)
            if y > m2:
                col = (90, 140, 80)
            if y > h * 0.78:
                col = (150, 150, 140)  # yard
            bx0, bx1, by0, by1 = w * 0.22, w * 0.78, h * 0.50, h * 0.80
            if bx0 <= x <= bx1 and by0 <= y <= by1:
                col = (235, 225, 190)  # walls
                if (int((x - bx0) / 48) % 2 == 1 and by0 + 25 < y < by0 + 70) or \
                        (int((x - bx0) / 48) % 2 == 1 and by0 + 95 < y < by0 + 140):
                    col = (80, 120, 170)  # windows
                if abs(x - w / 2) < 26 and y > by1 - 70:
                    col = (120, 70, 40)  # door
            # roof
            if by0 - 70 <= y < by0 and abs(x - w / 2) <= (bx1 - bx0) / 2 + 20 - (by0 - y) * 0.9:
                col = (170, 50, 40)
            # flag pole and flag
            if abs(x - w * 0.86) < 2 and h * 0.35 < y < h * 0.80:
                col = (60, 60, 60)
            if w * 0.86 < x < w * 0.86 + 60 and h * 0.35 < y < h * 0.35 + 40:
                col = (220, 30, 30)
                if (x - w * 0.86 - 30) ** 2 + (y - h * 0.35 - 20) ** 2 < 80:
                    col = (250, 220, 0)
            r += bytes(col)
        rows.append(r)
    png(path, w, h, rows, 3)


def bridge(path, w=800, h=480):
    rows = []
    for y in range(h):
        r = bytearray()
        for x in range(w):
            v = int(200 - 60 * y / h)
            if y > h * 0.7 + 10 * math.sin(x / 30):
                v = 110 + int(20 * math.sin(x / 7 + y / 5))  # river
            for tx in (w * 0.2, w * 0.8):
                if abs(x - tx) < 8 and h * 0.2 < y < h * 0.72:
                    v = 40
            sag = h * 0.2 + 0.0009 * (x - w / 2) ** 2 * 1.2
            if w * 0.2 <= x <= w * 0.8 and abs(y - (h * 0.62 - (h * 0.42 - sag) * 0.0)) < 0:
                v = 40
            cable = h * 0.2 + (h * 0.35) * (1 - ((x - w / 2) / (w * 0.3)) ** 2)
            if w * 0.2 <= x <= w * 0.8 and abs(y - cable) < 2:
                v = 30
            if w * 0.2 <= x <= w * 0.8 and abs(y - h * 0.6) < 4:
                v = 60  # deck
            if w * 0.2 <= x <= w * 0.8 and int(x) % 24 == 0 and cable < y < h * 0.6:
                v = 70  # hangers
            r.append(max(0, min(255, v)))
        rows.append(r)
    png(path, w, h, rows, 1)
    to_jpeg(path, w, h, rows)


def to_jpeg(png_path, w, h, rows):
    """A JPEG of the grey picture: a one-page PDF holding it at 72 dpi,
    drawn by poppler's pdftoppm -jpeg (Python has no JPEG encoder)."""
    import subprocess
    data = zlib.compress(b"".join(bytes(r) for r in rows))
    content = b"q %d 0 0 %d 0 0 cm /I Do Q" % (w, h)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
            b"/Resources << /XObject << /I 5 0 R >> >> >>" % (w, h),
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(data))
            + data + b"\nendstream"]
    out, offs = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    pdf = png_path[:-4] + ".pdf"
    with open(pdf, "wb") as f:
        f.write(out)
    subprocess.run(["pdftoppm", "-r", "72", "-jpeg", "-jpegopt", "quality=85", "-singlefile",
                    pdf, png_path[:-4]], check=True)
    import os
    os.remove(pdf)
    os.remove(png_path)


if __name__ == "__main__":
    d = sys.argv[1] if len(sys.argv) > 1 else "."
    school(d + "/truong-hoc.png")
    bridge(d + "/cau-treo.png")
