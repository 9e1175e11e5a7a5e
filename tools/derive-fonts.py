#!/usr/bin/python3
"""Derive baocao's embedded faces from the Liberation Serif files in fonts/.

Why: libharu 2.3.0 copies the tables it embeds (loca, hmtx, cmap, name ...)
whole, byte by byte, into every PDF, and parses them for every document;
with the full 2,600-glyph Liberation faces that cost more than the rest of
a build. The derived faces keep only Latin, Vietnamese and the punctuation
and symbols reports use, with glyphs in code point order so the cmap is a
few idDelta segments. Outlines and advance widths
are untouched, so Times New Roman metrics and line breaks stay exactly the
same. The SIL OFL reserves the name "Liberation" for unmodified fonts, so the
derived family is called "Baocao Serif" (fonts/LICENSE-OFL.txt covers it).

Usage: derive-fonts.py SRC_DIR OUT_DIR
"""
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

FACES = ["Regular", "Bold", "Italic", "BoldItalic"]
FAMILY = "Baocao Serif"

# Latin, Latin-1, Latin Extended-A/B (ơ ư), combining marks, Greek letters,
# Vietnamese (U+1EA0-1EF9), dashes, quotes, bullet, ellipsis, per mille,
# ₫ €, №, arrows, ∑ − √ ∞ ≠ ≤ ≥, ■ □. Each disjoint run costs a cmap
# segment that libharu scans 65,536 times per face, so the list is short.
UNICODES = ("U+0020-007E,U+00A0-024F,U+0300-036F,U+0384-03CE,U+1EA0-1EF9,"
            "U+2010-2022,U+2026,U+2030,U+20AB-20AC,U+2116,U+2190-2195,"
            "U+2211-2212,U+221A,U+221E,U+2260-2265,U+25A0-25A1")

VIETNAMESE = ("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY" "đĐ"
              + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))
              + "àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸìíỉĩịÌÍỈĨỊòóỏõọÒÓỎÕỌùúủũụÙÚỦŨỤỳýỷỹỵỲÝỶỸỴ")


def derive(src, out, style):
    # keep head.modified from the source: the same sources give the same
    # faces, so two checkouts write byte-identical PDFs
    font = TTFont(src, recalcTimestamp=False)
    opts = subset.Options()
    opts.hinting = False
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.drop_tables += ["FFTM", "GSUB", "GPOS", "GDEF", "kern"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=subset.parse_unicodes(UNICODES))
    sub.subset(font)

    # Glyphs in code point order: consecutive characters get consecutive
    # glyph ids, so each run of characters is one idDelta cmap segment.
    # Components are stored as glyph ids: resolve every glyph to names
    # before the order changes.
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyf[name].expand(glyf)
    cmap = font.getBestCmap()
    order = [".notdef"]
    seen = {".notdef"}
    for cp in sorted(cmap):
        g = cmap[cp]
        if g not in seen:
            order.append(g)
            seen.add(g)
    for g in font.getGlyphOrder():
        if g not in seen:
            order.append(g)
            seen.add(g)
    font.setGlyphOrder(order)
    font["glyf"].glyphOrder = order
    # keep only the Unicode BMP subtables (libharu reads format 4)
    font["cmap"].tables = [t for t in font["cmap"].tables
                           if (t.platformID, t.platEncID) in ((3, 1), (0, 3))]

    check(font, style)
    # libharu embeds the post table: drop its 800 glyph names
    font["post"].formatType = 3.0

    ps = "BaocaoSerif-" + style
    full = FAMILY + ("" if style == "Regular" else " " + {
        "Bold": "Bold", "Italic": "Italic", "BoldItalic": "Bold Italic"}[style])
    for rec in font["name"].names:
        if rec.nameID in (1, 16):
            rec.string = FAMILY
        elif rec.nameID in (4,):
            rec.string = full
        elif rec.nameID == 6:
            rec.string = ps
        elif rec.nameID == 3:
            rec.string = "baocao: " + ps
    font.save(out)


def check(font, style):
    """Every Vietnamese letter present; no nested composites (libharu 2.3.0
    drops the inner outlines of those: notes/libraries.md §1.3)."""
    cmap = font.getBestCmap()
    missing = [c for c in VIETNAMESE if ord(c) not in cmap]
    if missing:
        sys.exit("derive-fonts: %s lacks %s" % (style, "".join(missing)))
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        g = glyf[name]
        if g.isComposite():
            for comp in g.components:
                if glyf[comp.glyphName].isComposite():
                    sys.exit("derive-fonts: %s: nested composite glyph %s"
                             % (style, name))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    for style in FACES:
        derive("%s/LiberationSerif-%s.ttf" % (src, style),
               "%s/BaocaoSerif-%s.ttf" % (out, style), style)


if __name__ == "__main__":
    main()
