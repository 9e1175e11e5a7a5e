"""Footnotes (issue 5): each footnote starts at the foot of the page that
references it, long ones continue on the next page, none is lost, refs stay
with their word; unreferenced definitions warn, missing ones are errors."""
import os
import random
import re
import tempfile

import pdfutil as P

tmp = tempfile.mkdtemp(prefix="baocao-fn-")
BODY, FOOT = 14, 12  # body and footnote sizes; superscripts are 0.65 of them


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


# 1. The Phong Thổ sample.
pdf = os.path.join(tmp, "pt.pdf")
rc, _, err = P.run("build", os.path.join(P.ROOT, "samples/phong-tho-2024/bao-cao.md"),
                   "-o", pdf)
P.check(rc == 0, "Phong Thổ builds", err)
body, foot = check_pages(pdf, "Phong Thổ", 3)
# (the closing block's "Nơi nhận:" is the only other 12 pt text)
notes = P.glyph_stream(pdf, FOOT).replace(" Nơi nhận:", "")
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
P.check(any(s.text.startswith("chữ đậm") and s.bold and s.size == 12 for s in spans),
        "bold inside a footnote")

# 4. A reference never leaves its word: the superscript follows the word
# on the same line even at the end of a line.
gl = P.glyphs(pdf)
sup = [g for g in gl if abs(g[1] - 9.1) < 0.01]
ok = all(any(abs(b[2] + b[4] - s[2]) < 0.3 and abs(b[3] - s[3] - 4.9) < 0.5
             for b in gl if b[0] == s[0] and b[1] == 14) for s in sup)
P.check(sup and ok, "each reference sits right after its word on the same line")

# 5. Errors and warnings.
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
