"""The sample reports (build/samples/*.pdf, made by `make samples`): every
paragraph of the seed report they reproduce, in order; fonts embedded and
subset; size. Issue 2, acceptance 2 and 3.

A data-driven sample prints computed figures where the seed's own figures
disagree; its README lists each change in a table between the markers
<!-- seed-changes:begin --> and <!-- seed-changes:end -->. That table is the
only list: it is applied to the seed before the paragraphs are looked for,
so a change that is not in it fails the test, and so does a row whose seed
text does not occur exactly as many times as it says."""
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


def seed_changes(sample):
    """(seed text, printed text, times) rows of a sample README's table."""
    path = os.path.join(P.ROOT, "samples", sample, "README.md")
    text = P.nfc(open(path, encoding="utf-8").read())
    m = re.search(r"<!-- seed-changes:begin -->(.*?)<!-- seed-changes:end -->",
                  text, re.S)
    if not m:
        return []
    rows = []
    for line in m.group(1).splitlines():
        cells = re.match(r"^\|\s*`([^`]+)`\s*\|\s*`([^`]*)`\s*\|\s*(\d+)\s*\|", line)
        if cells:
            rows.append((cells.group(1), cells.group(2), int(cells.group(3))))
        elif line.startswith("| `"):
            P.check(False, "%s README: change row parses" % sample, line)
    return rows


def apply_changes(paras, changes, label):
    """The seed paragraphs as the data-driven sample prints them."""
    joined = "\n".join(paras)
    for old, new, times in changes:
        n = joined.count(old)
        P.check(n == times, "%s: seed text %r occurs %d time(s) as documented"
                % (label, old, times), "found %d" % n)
        joined = joined.replace(old, new)
    return joined.split("\n")


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
    changes = seed_changes("phong-tho-2024")
    P.check(len(changes) >= 10, "Phong Thổ README lists the changed figures (%d rows)"
            % len(changes))
    paras = apply_changes(seed_paragraphs("003_642f6efbb1de4362.txt",
                                          "Thực hiện Công văn số 1815"),
                          changes, "Phong Thổ")
    check_in_order(pt, paras, "Phong Thổ")
    # The seed's own versions of the changed figures are gone.
    stream = P.glyph_stream(pt, 14)
    stale = [old for old, new, _ in changes if old not in new and old in stream]
    P.check(not stale, "Phong Thổ: no seed figure that the data replaced is printed",
            "\n".join(stale))
    pdffonts_ok(pt, "Phong Thổ")
    size = os.path.getsize(pt)
    P.check(size < 300 * 1024, "Phong Thổ PDF is under 300 KB (%d bytes)" % size)

if os.path.exists(bg):
    check_in_order(bg, apply_changes(seed_paragraphs("002_89c437317d53fbba.txt",
                                                     "A. KẾT QUẢ THỰC HIỆN"),
                                     seed_changes("bac-giang-2020"), "Bắc Giang"),
                   "Bắc Giang")
    pdffonts_ok(bg, "Bắc Giang")

P.done()
