"""The sample reports (build/samples/*.pdf, made by `make samples`): every
paragraph of the seed report they reproduce, in order; fonts embedded and
subset; size. Issue 2, acceptance 2 and 3."""
import os
import re
import subprocess
import tempfile

import pdfutil as P

SAMPLES = os.path.join(P.ROOT, "build", "samples")
SEEDS = os.path.join(P.ROOT, "tests", "data", "seeds")


def seed_paragraphs(name, first):
    """Body paragraphs of a seed file: from the line starting with `first`,
    without conversion artifacts and footnote definitions; a footnote
    reference becomes nothing (superscripts are not body text)."""
    text = open(os.path.join(SEEDS, name), encoding="utf-8").read()
    text = P.nfc(text)
    text = re.sub(r"\[(\d+):\s+.*?\]\s*(?=\n|$)", "", text, flags=re.S)
    text = re.sub(r"\[footnoteRef:\d+\]", "", text)
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)
    lines = [P.squash(l) for l in text.split("\n")]
    start = next(i for i, l in enumerate(lines) if l.startswith(first))
    return [l for l in lines[start:] if l]


def check_in_order(pdf, paras, label):
    stream = P.glyph_stream(pdf, 14)
    pos, missing = 0, []
    for p in paras:
        i = stream.find(p, pos)
        if i < 0:
            missing.append(p)
        else:
            pos = i + len(p)
    P.check(not missing, "%s: all %d seed paragraphs in order in the PDF"
            % (label, len(paras)),
            "\n".join("missing: " + m[:100] for m in missing[:5]))


def pdffonts_ok(pdf, label):
    out = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    rows = out.splitlines()[2:]
    bad = [r for r in rows if not re.search(r"\byes\s+yes\s+yes\b", r)]
    P.check(rows and not bad, "%s: every font embedded, subset, with Unicode map"
            % label, out)


for name in ("phong-tho-2024", "bac-giang-2020"):
    P.check(os.path.exists(os.path.join(SAMPLES, name + ".pdf")),
            "make samples wrote build/samples/%s.pdf" % name)

# Build them again with the binary under test (optimised or sanitized).
tmp = tempfile.mkdtemp(prefix="baocao-samples-")
built = {}
for name in ("phong-tho-2024", "bac-giang-2020"):
    out = os.path.join(tmp, name + ".pdf")
    rc, _, err = P.run("build", os.path.join(P.ROOT, "samples", name, "bao-cao.md"),
                       "-o", out)
    P.check(rc == 0 and err == "", "%s builds with no message" % name, err)
    built[name] = out
pt, bg = built["phong-tho-2024"], built["bac-giang-2020"]

if os.path.exists(pt):
    text = P.nfc(P.pdftotext(pt))
    for s in ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
              "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO", "Nơi nhận:"]:
        P.check(s in text, "Phong Thổ text has %r" % s)
    check_in_order(pt, seed_paragraphs("003_642f6efbb1de4362.txt",
                                       "Thực hiện Công văn số 1815"), "Phong Thổ")
    pdffonts_ok(pt, "Phong Thổ")
    size = os.path.getsize(pt)
    P.check(size < 300 * 1024, "Phong Thổ PDF is under 300 KB (%d bytes)" % size)

if os.path.exists(bg):
    check_in_order(bg, seed_paragraphs("002_89c437317d53fbba.txt",
                                       "A. KẾT QUẢ THỰC HIỆN"), "Bắc Giang")
    pdffonts_ok(bg, "Bắc Giang")

P.done()
