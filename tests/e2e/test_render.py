"""The PDF writer: every Vietnamese letter in every face extracts as
itself; the files pass qpdf's structure check; poppler reads them without
a warning; a report whose embedded font subset is an exact multiple of
libharu's 4 KB stream buffers still builds (it used to fail)."""
import os
import subprocess
import sys
import tempfile

import pdfutil as P

sys.path.insert(0, os.path.join(P.ROOT, "bench"))
import gen  # noqa: E402

tmp = tempfile.mkdtemp(prefix="baocao-render-")
LETTERS = ("aăâbcdđeêghiklmnoôơpqrstuưvxy AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY "
           + "".join(chr(c) for c in range(0x1EA0, 0x1EFA)) +
           " àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ ÀÁẢÃẠÈÉẺẼẸÌÍỈĨỊÒÓỎÕỌÙÚỦŨỤỲÝỶỸỴ "
           "0123456789 .,;:!?()[]/-–—“”‘’…%§№°•*+=<>\"'&")
# words of at most 12 characters, so no word is wider than a line
words = [w[i:i + 12] for w in LETTERS.split() for i in range(0, len(w), 12)]
esc = lambda w: "".join("\\" + ch if ch in "*[]<>&_`\\" else ch for ch in w)
md = "---\ntrich_yeu: Bảng chữ\n---\n\n"
for mark in ("", "**", "*", "***"):
    md += mark + " ".join(esc(w) for w in words) + mark + "\n\n"
rc, err, pdf = P.build(md, "letters", tmp=tmp)
P.check(rc == 0 and err == "", "a page of every letter in four faces builds", err)
gl = P.glyphs(pdf)
fonts = set()
out = subprocess.run(["mutool", "draw", "-F", "trace", "-o", "-", pdf],
                     capture_output=True, text=True).stdout
for face in ("Regular", "Bold,", "Italic,", "BoldItalic,"):
    P.check("BaocaoSerif-" + face in out, "face %s is used" % face)
body = (P.glyph_stream(pdf, 14).replace("Độc lập - Tự do - Hạnh phúc ", "", 1)
        .replace("BÁO CÁO Bảng chữ ", "", 1))
want = P.squash(" ".join(words * 4))
P.check(body == want, "every letter extracts as itself in every face",
        "got:  %s\nwant: %s" % (body[:300], want[:300]))
p = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True)
P.check(p.stderr == "", "poppler reads it without a warning", p.stderr[:300])

# Structure check of every sample.
for d in sorted(os.listdir(os.path.join(P.ROOT, "samples"))):
    src = os.path.join(P.ROOT, "samples", d, "bao-cao.md")
    if not os.path.exists(src):
        continue
    out = os.path.join(tmp, d + ".pdf")
    rc, _, err = P.run("build", src, "-o", out)
    q = subprocess.run(["qpdf", "--check", out], capture_output=True, text=True)
    P.check(rc == 0 and q.returncode == 0, "%s: qpdf --check passes" % d,
            q.stdout[-300:] + q.stderr[-300:])

# The batch row whose regular-face subset came out at 28672 bytes.
md, csv = gen.communes(500)
rows = csv.splitlines()
one = os.path.join(tmp, "one")
gen.write(os.path.join(one, "bao-cao.md"), md)
gen.write(os.path.join(one, "data", "xa.csv"), rows[0] + "\n" + rows[296] + "\n")
rc, _, err = P.run("batch", os.path.join(one, "bao-cao.md"), "-d",
                   os.path.join(one, "data"), "--each", "xa", "-o",
                   os.path.join(one, "out", "{ma}.pdf"))
pdf = os.path.join(one, "out", "X296.pdf")
P.check(rc == 0 and os.path.exists(pdf) and "Tung Qua Lìn 296" in P.pdftotext(pdf),
        "a font subset of exactly 7 x 4 KB embeds (libharu seek workaround)", err)
# ---- the derived faces are reproducible ----------------------------------
# Two checkouts must write the same PDF bytes, so the faces derived from
# fonts/ keep the source's head.modified (fontTools would stamp "now").
fdir = os.path.join(os.path.dirname(P.BAOCAO), "fonts")


def head_modified(path):
    """head.modified of a TrueType file, read from its table directory."""
    import struct
    data = open(path, "rb").read()
    ntables = struct.unpack(">H", data[4:6])[0]
    for i in range(ntables):
        tag, _, off, _ = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        if tag == b"head":
            return struct.unpack(">q", data[off + 28:off + 36])[0]
    return None


for face in ("Regular", "Bold", "Italic", "BoldItalic"):
    derived = os.path.join(fdir, "BaocaoSerif-%s.ttf" % face)
    src = os.path.join(P.ROOT, "fonts", "LiberationSerif-%s.ttf" % face)
    if not P.check(os.path.exists(derived), "derived face %s is beside the program" % face,
                   derived):
        continue
    got, want = head_modified(derived), head_modified(src)
    P.check(got is not None and got == want,
            "BaocaoSerif-%s keeps the source's head.modified" % face, "%s != %s" % (got, want))
P.done()
