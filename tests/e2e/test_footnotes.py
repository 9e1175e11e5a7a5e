"""Footnotes (issue 5): each footnote starts at the foot of the page that
references it, long ones continue on the next page, none is lost, refs stay
with their word; unreferenced definitions warn, missing ones are errors.
Issue 19: 11 pt by default (co_chu_chu_thich 10-12), the number hangs at
the left margin and every line of the text starts after it, a note
continued on the next page goes on plain (no "(tiếp theo)")."""
import os
import random
import re
import tempfile

import pdfutil as P

tmp = tempfile.mkdtemp(prefix="baocao-fn-")
BODY, FOOT = 14, 11  # body and (default) footnote sizes; superscripts are 0.65 of them


def check_pages(pdf, label, expect_total):
    gl = P.glyphs(pdf)
    # references in body text and in table cells (13 pt)
    body = P.numbers_at(gl, round(BODY * 0.65, 2))
    for pg, ns in P.numbers_at(gl, round(13 * 0.65, 2)).items():
        body.setdefault(pg, []).extend(ns)
    foot = P.numbers_at(gl, round(FOOT * 0.65, 2))
    seen, bad = set(), []
    for pg in sorted(set(body) | set(foot)):
        first = [n for n in body.get(pg, []) if n not in seen]
        seen.update(body.get(pg, []))
        if sorted(first) != sorted(foot.get(pg, [])):
            bad.append((pg, first, foot.get(pg, [])))
    P.check(not bad, "%s: on every page the foot starts the notes referenced there" % label,
            bad[:4])
    allfoot = [n for pg in sorted(foot) for n in foot[pg]]
    P.check(allfoot == list(range(1, expect_total + 1)),
            "%s: notes numbered 1..%d in order" % (label, expect_total),
            allfoot[:20])
    return body, foot


LEFT = 30 * 72 / 25.4  # the default left margin, points
INDENT = 10 * 72 / 25.4  # a note's later paragraph


def foot_lines(pdf, size=FOOT):
    """The footnote lines: {(page, baseline): [glyphs]} for text of the
    note size and the note numbers (superscripts of it), to 0.1 pt."""
    lines = {}
    sup = round(size * 0.65, 2)
    _, rules, _ = P.trace(pdf)
    # the short rule over the notes: a third of the 165 mm measure
    top = {r.page: r.y for r in rules if abs(r.x0 - LEFT) < 0.1 and
           abs(r.x1 - r.x0 - 165 * 72 / 25.4 / 3) < 0.2}
    for g in P.glyphs(pdf):
        if g[3] < top.get(g[0], 1e9):
            continue
        if g[1] == size:
            lines.setdefault((g[0], round(g[3], 1)), []).append(g)
        elif g[1] == sup and g[5].isdigit():  # raised 0.35 of the size
            lines.setdefault((g[0], round(g[3] + 0.35 * size, 1)), []).append(g)
    return lines


def foot_text(pdf, size=FOOT):
    """The notes' text under the rules, line by line, a space where the pen
    jumps (numbers left out): the closing block's 11 pt list is not in it."""
    parts = []
    for key, gl in sorted(foot_lines(pdf, size).items()):
        pen = None
        for g in sorted(gl, key=lambda g: g[2]):
            if g[1] != size:
                continue
            if pen is None or abs(g[2] - pen) > 0.5:
                parts.append(" ")
            parts.append(g[5])
            pen = g[2] + g[4]
    return P.squash("".join(parts))


def check_hanging(pdf, label, size=FOOT):
    """Numbers at the left margin; every text line of every note starts at
    one x after the widest number (a later paragraph of a note one
    indent further); a number sits on its note's first line."""
    lines = foot_lines(pdf, size)
    sup = round(size * 0.65, 2)
    nums, starts, bad = [], [], []
    for key in sorted(lines):
        gl = sorted(lines[key], key=lambda g: g[2])
        n = [g for g in gl if g[1] == sup]
        t = [g for g in gl if g[1] == size]
        if not t:
            bad.append(("no text", key))
            continue
        if n:
            nums.append((n[0][2], max(g[2] + g[4] for g in n), key))
            if n[0][2] > t[0][2]:
                bad.append(("number after text", key))
        starts.append((round(t[0][2], 2), key))
    P.check(nums and all(abs(x - LEFT) < 0.05 for x, _, _ in nums),
            "%s: every note number starts at the left margin" % label,
            [(x, k) for x, _, k in nums if abs(x - LEFT) >= 0.05][:5])
    xs = sorted(set(x for x, _ in starts))
    text_x = xs[0] if xs else 0
    odd = [(x, k) for x, k in starts
           if abs(x - text_x) > 0.05 and abs(x - text_x - INDENT) > 0.05]
    P.check(not odd and not bad,
            "%s: every note line starts at one x (%.2f pt), a later paragraph "
            "one indent on" % (label, text_x), (odd + bad)[:5])
    widest = max(r for _, r, _ in nums) if nums else 0
    P.check(widest < text_x - 0.5 * size * 0.25 and text_x - widest < size * 0.5,
            "%s: the text starts just after the widest number (%.2f < %.2f)"
            % (label, widest, text_x))
    return lines, text_x


# 1. The Phong Thổ sample.
pdf = os.path.join(tmp, "pt.pdf")
rc, _, err = P.run("build", os.path.join(P.ROOT, "samples/phong-tho-2024/bao-cao.md"),
                   "-o", pdf)
P.check(rc == 0, "Phong Thổ builds", err)
body, foot = check_pages(pdf, "Phong Thổ", 3)
notes = foot_text(pdf)
src = open(os.path.join(P.ROOT, "samples/phong-tho-2024/bao-cao.md"), encoding="utf-8").read()
defs = re.findall(r"^\[\^\d+\]: (.*(?:\n(?:    .*|[ \t]*))*)", src, re.M)
want = P.squash(" ".join(defs))
P.check(notes == want, "Phong Thổ: the footnote text reads back whole, across pages",
        "got:  %s\nwant: %s" % (notes[:200], want[:200]))
pg3 = [p for p, ns in foot.items() if 3 in ns]
if pg3:
    nxt = P.pdftotext(pdf, pg3[0] + 1, pg3[0] + 1)
    P.check("Năm 2023: Kế hoạch số 253/KH-UBND" in nxt,
            "the long third note continues at the foot of the next page")
    lines, text_x = check_hanging(pdf, "Phong Thổ")
    cont = sorted(k for k in lines if k[0] == pg3[0] + 1)
    first = sorted(lines[cont[0]], key=lambda g: g[2]) if cont else []
    P.check(first and first[0][1] == FOOT and abs(first[0][2] - text_x) < 0.05,
            "the continued note goes on at the text's x, with no number",
            first[:2])
    head = "".join(g[5] for g in first).replace(" ", "")
    flat = P.nfc(want).replace(" ", "")
    P.check(head and "tiếp" not in P.nfc(head).lower() and P.nfc(head) in flat,
            "the continuation is plain, the note's own words (no '(tiếp theo)'): %r"
            % head[:40])
else:
    P.check(False, "note 3 found at a page foot")

# 2. Stress: 200 notes of mixed lengths in ordinary paragraphs.
rnd = random.Random(5)
WORDS = ("quyết định kế hoạch thực hiện chương trình giảm nghèo bền vững huyện xã "
         "vốn đầu tư sự nghiệp giải ngân năm giai đoạn hỗ trợ hộ nghèo cận nghèo "
         "nhà ở sinh kế mô hình dinh dưỡng truyền thông giám sát đánh giá").split()


def sentence(n):
    return " ".join(rnd.choice(WORDS) for _ in range(n))


paras, defs = [], []
k = 1
while k <= 200:
    parts = []
    for _ in range(rnd.randint(1, 3)):
        if k > 200:
            break
        parts.append(sentence(rnd.randint(8, 60)) + "[^n%d]" % k)
        lines = rnd.choice([1, 1, 1, 2, 3, 5, 12, 30])
        defs.append("Chú thích %d: %s." % (k, sentence(lines * 14)))
        k += 1
    paras.append(" ".join(parts) + " " + sentence(rnd.randint(0, 40)) + ".")
md = "---\ntrich_yeu: Thử chú thích\n---\n\n" + "\n\n".join(paras) + "\n\n" + \
    "\n".join("[^n%d]: %s" % (i + 1, d) for i, d in enumerate(defs)) + "\n"
rc, err, pdf = P.build(md, "stress", tmp=tmp)
P.check(rc == 0 and err == "", "200-note document builds with no message", err)
check_pages(pdf, "stress", 200)
check_hanging(pdf, "stress (numbers 1-200)")
got = P.glyph_stream(pdf, FOOT)
want = P.squash(" ".join(defs))
P.check(got == want, "stress: the footnote text reads back whole and in order",
        "got:  ...%s\nwant: ...%s" % (got[-200:], want[-200:]))
P.check(P.npages(pdf) > 20, "the stress document has %d pages" % P.npages(pdf))

# 3. References in a heading, a list item and a table cell; bold in a note.
md = """---
trich_yeu: Chú thích ở nhiều chỗ
---

# I. TIÊU ĐỀ CÓ CHÚ THÍCH[^h]

- Ý có chú thích[^i].

| Nội dung | Số liệu |
|---|--:|
| Vốn đầu tư[^t] | 273.187 |

[^h]: Chú thích của tiêu đề, có **chữ đậm** và *chữ nghiêng*.
[^i]: Chú thích của ý.
[^t]: Chú thích trong ô bảng.
"""
rc, err, pdf = P.build(md, "places", tmp=tmp)
P.check(rc == 0 and err == "", "notes from a heading, an item and a cell", err)
body, foot = check_pages(pdf, "places", 3)
spans, _, _ = P.trace(pdf)
P.check(any(s.text.startswith("chữ đậm") and s.bold and s.size == FOOT for s in spans),
        "bold inside a footnote")

# 4. A reference never leaves its word: the superscript follows the word
# on the same line even at the end of a line.
gl = P.glyphs(pdf)
sup = [g for g in gl if abs(g[1] - 9.1) < 0.01]
ok = all(any(abs(b[2] + b[4] - s[2]) < 0.3 and abs(b[3] - s[3] - 4.9) < 0.5
             for b in gl if b[0] == s[0] and b[1] == 14) for s in sup)
P.check(sup and ok, "each reference sits right after its word on the same line")

# 5. The size: 11 pt unless the front matter sets 10-12; the number hangs
# at any size.
for size in (10, 12):
    md = ("---\ntrich_yeu: x\ntrang: {co_chu_chu_thich: %d}\n---\n\n"
          "Câu có chú thích[^a].\n\n[^a]: %s\n" % (size, sentence(60)))
    rc, err, pdf = P.build(md, "size%d" % size, tmp=tmp)
    P.check(rc == 0 and err == "", "co_chu_chu_thich: %d builds" % size, err)
    sizes = {g[1] for g in P.glyphs(pdf) if g[3] > 600}
    P.check(sizes == {size, round(size * 0.65, 2)},
            "co_chu_chu_thich: %d sets the notes at %d pt" % (size, size), sizes)
    check_hanging(pdf, "%d pt" % size, size)
md = "---\ntrich_yeu: x\n---\n\nCâu có chú thích[^a].\n\n[^a]: %s\n" % sentence(60)
rc, err, pdf = P.build(md, "size11", tmp=tmp)
sizes = {g[1] for g in P.glyphs(pdf) if g[3] > 600}
P.check(sizes == {11, 7.15}, "notes are 11 pt by default", sizes)

# 6. Errors and warnings.
md = "---\ntrich_yeu: x\n---\n\nCâu có chú thích[^a] và [^khong].\n\n[^a]: Có.\n"
rc, err, pdf = P.build(md, "missing", tmp=tmp)
P.check(rc == 1 and re.match(r"^.*missing\.md:5:25: error: footnote \[\^khong\] has no "
                             r"definition", err) and not os.path.exists(pdf),
        "a reference without a definition is an error at its position", err)
md = "---\ntrich_yeu: x\n---\n\nCâu.\n\n[^thua]: Không ai dùng.\n"
rc, err, pdf = P.build(md, "unused", tmp=tmp)
P.check(rc == 0 and re.match(r"^.*unused\.md:7:1: warning: footnote \[\^thua\] is "
                             r"defined but never referenced", err),
        "an unreferenced definition is a warning", err)
P.done()
