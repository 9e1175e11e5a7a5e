"""Typesetting quality (issue 6): Knuth-Plass against greedy breaking on
the samples' justified lines; no widows, orphans or headings at a page foot;
outline and document info."""
import json
import os
import re
import subprocess
import tempfile

import pdfutil as P

tmp = tempfile.mkdtemp(prefix="baocao-ts-")
RIGHT = 595.2756 - 15 * P.MM
SPACE = 0.25  # Liberation Serif / Times: the space is 512/2048 em


def spacing(pdf):
    """Per justified body line (regular 14 pt text reaching the right
    margin): the largest gap between words as a multiple of the space."""
    lines = {}
    for g in P.glyphs(pdf):
        if g[1] == 14:
            lines.setdefault((g[0], round(g[3], 1)), []).append(g)
    ratios = []
    for key, gs in lines.items():
        gs.sort(key=lambda g: g[2])
        ink = [g for g in gs if g[5] != " "]
        if not ink or abs(ink[-1][2] + ink[-1][4] - RIGHT) > 0.5:
            continue  # ragged: a last line, centred or right-aligned text
        worst, prev_end, gap_open = 0.0, None, False
        for g in gs:
            if g[5] == " ":
                gap_open = True
                continue
            if prev_end is not None and gap_open:
                worst = max(worst, (g[2] - prev_end) / (SPACE * 14))
            gap_open = False
            prev_end = g[2] + g[4]
        if worst:
            ratios.append(worst)
    return ratios


def stats(md, *extra):
    rc, _, err = P.run("check", md, "--stats", *extra)
    m = dict(re.findall(r"(\w+)=([\d.]+)", err))
    return {k: float(v) for k, v in m.items()}


for name in ("phong-tho-2024", "bac-giang-2020"):
    md = os.path.join(P.ROOT, "samples", name, "bao-cao.md")
    kp, gr = os.path.join(tmp, name + ".pdf"), os.path.join(tmp, name + "-greedy.pdf")
    P.run("build", md, "-o", kp)
    P.run("build", md, "-o", gr, "--greedy")
    a, b = spacing(kp), spacing(gr)
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    print("# %s: Knuth-Plass mean %.3f max %.3f over %d lines; greedy mean %.3f max %.3f"
          " over %d lines" % (name, ma, max(a), len(a), mb, max(b), len(b)))
    P.check(ma < mb, "%s: Knuth-Plass lowers the mean largest space (%.3f < %.3f)"
            % (name, ma, mb))
    P.check(max(a) < max(b), "%s: and the maximum (%.3f < %.3f)" % (name, max(a), max(b)))
    wide = [r for r in a if r > 2.0 + 1e-3]
    st = stats(md)
    print("# %s: %d justified lines wider than 2.0x; %d paragraphs have no feasible "
          "breaks within 2.0x" % (name, len(wide), st.get("infeasible_paras", -1)))
    P.check(len(wide) == st.get("wide_lines") and
            (not wide or st.get("infeasible_paras", 0) > 0),
            "%s: lines over 2.0x only where no feasible break exists (%d lines, "
            "%d paragraphs)" % (name, len(wide), st.get("infeasible_paras", 0)))

    # Widows, orphans, headings at the foot: from the page builder's records.
    dump = os.path.join(tmp, name + ".layout")
    P.run("check", md, "--dump-layout", dump)
    recs = []
    for line in open(dump):
        if line.startswith("#"):
            continue
        pg, kind, block, ln, nl, y, h = line.split()
        recs.append((int(pg), kind, int(block), int(ln), int(nl)))
    pages = sorted(set(r[0] for r in recs))
    bad = []
    for pg in pages:
        body = [r for r in recs if r[0] == pg and r[1] in ("line", "heading", "row", "box")]
        if not body:
            continue
        first, last = body[0], body[-1]
        if pg > 1 and first[1] == "line" and first[4] > 1 and first[3] == first[4] - 1:
            bad.append((pg, "widow", first))
        if pg < pages[-1] and last[1] == "line" and last[4] > 1 and last[3] == 0:
            bad.append((pg, "orphan", last))
        if pg < pages[-1] and last[1] == "heading":
            bad.append((pg, "heading at the foot", last))
    P.check(recs and not bad, "%s: no widow, orphan or heading at a page foot (%d pages)"
            % (name, len(pages)), bad)
    # The records agree with the PDF: same number of body lines per page.
    n_rec = {pg: sum(1 for r in recs if r[0] == pg and r[1] in ("line", "heading"))
             for pg in pages}
    lines14 = {}
    for g in P.glyphs(kp):
        if g[1] == 14 and (g[0] > 1 or g[3] > 240) and g[3] > 20 * P.MM:
            lines14.setdefault(g[0], set()).add(round(g[3], 1))
    # page 1 also holds the date and the title block, the last page the
    # signature block (14 pt too): compare the pages between
    diff = [(pg, n_rec[pg], len(lines14.get(pg, ()))) for pg in pages[1:-1]
            if n_rec[pg] != len(lines14.get(pg, ()))]
    P.check(not diff, "%s: the page records match the lines on every page" % name, diff)

# Outline and document info.
pdf = os.path.join(tmp, "phong-tho-2024.pdf")
info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
P.check("Title:           Tình hình thực hiện Chương trình" in info and
        "Author:          ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ" in info and
        "Subject:         BÁO CÁO" in info and re.search(r"Creator:\s+baocao \d", info),
        "pdfinfo shows Title, Author, Subject and Creator", info)
js = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", pdf],
                               capture_output=True, text=True).stdout)


def flatten(items, level=1):
    for it in items:
        yield level, it["title"]
        yield from flatten(it["kids"], level + 1)


outline = list(flatten(js["outlines"]))
src = open(os.path.join(P.ROOT, "samples/phong-tho-2024/bao-cao.md"), encoding="utf-8").read()
# A heading hangs under the nearest heading of a higher level: "#### a)"
# right under "## 1." is one level below it in the outline.
heads, stack = [], []
for m in re.finditer(r"^(#{1,4}) (.*)$", src, re.M):
    lv = len(m.group(1))
    while stack and stack[-1] >= lv:
        stack.pop()
    stack.append(lv)
    heads.append((len(stack), P.squash(m.group(2).replace("\\", ""))))
got = [(lv, P.squash(t)) for lv, t in outline]
P.check(got == heads, "the outline lists every heading at its level (%d)" % len(heads),
        [x for x in zip(got, heads) if x[0] != x[1]][:3])
cat = subprocess.run(["mutool", "show", pdf, "trailer/Root"], capture_output=True,
                     text=True).stdout
P.check("/PageMode /UseOutlines" in cat and "/OpenAction" in cat and "/PageLabels" in cat,
        "the viewer opens at page 1 with the outline shown; pages are labelled")
P.done()
