"""Page geometry read back from the PDF (mutool trace): margins, the header
block, rules measured from the text they underline, the closing block, page
numbers. Issue 2, acceptance 4; spec/decree30.md §2-§7."""
import os
import subprocess
import tempfile

import pdfutil as P

MM = P.MM
tmp = tempfile.mkdtemp(prefix="baocao-geom-")
pdf = os.path.join(tmp, "pt.pdf")
rc, _, err = P.run("build", os.path.join(P.ROOT, "samples/phong-tho-2024/bao-cao.md"),
                   "-o", pdf)
P.check(rc == 0, "Phong Thổ sample builds", err)
spans, rules, _ = P.trace(pdf)


def find(text, page=1, **kw):
    for s in spans:
        if s.page == page and s.text.startswith(text) and \
                all(getattr(s, k) == v for k, v in kw.items()):
            return s
    return None


def near(a, b, tol):
    return a is not None and b is not None and abs(a - b) <= tol


def centre(s):
    return (s.x0 + s.x1) / 2


# Body text: 30 mm from the left edge, justified lines end 15 mm from the right.
body = [s for s in spans if abs(s.size - 14) < 0.01 and not s.bold and not s.italic
        and s.y > 150 and (s.page == 1 or s.y > 20 * MM)]
left = min(s.x0 for s in body)
P.check(near(left, 30 * MM, 1 * MM), "body text starts 30 mm from the left edge "
        "(%.2f mm)" % (left / MM))
right_edge = 595.2756 - 15 * MM
# Lines: spans on one baseline. A body line followed by an unindented line
# of body text (not an item, not a heading) is not the last line of its
# paragraph, so it must be justified to the right margin.
rows = {}
for s in spans:
    if abs(s.size - 14) < 0.01 and (s.y > 240 if s.page == 1 else s.y > 20 * MM):
        rows.setdefault((s.page, round(s.y, 1)), []).append(s)
seq = sorted(rows.items())
full = []
for (ka, a), (kb, b) in zip(seq, seq[1:]):
    a0 = min(s.x0 for s in a)
    b0 = min(s.x0 for s in b)
    plain = lambda r: not any(s.bold or s.italic for s in r)
    if plain(a) and plain(b) and near(b0, 30 * MM, 0.2) and \
            not min(b, key=lambda s: s.x0).text[:2] in ("- ", "+ "):
        full.append((ka, max(s.x1 for s in a)))
far = [f for f in full if abs(f[1] - right_edge) > 1 * MM]
P.check(len(full) > 100 and not far, "%d justified lines end 15 mm from the right edge"
        % len(full), far[:3])
indented = [s for s in body if near(s.x0, 40 * MM, 0.2)]
P.check(len(indented) > 20, "paragraphs have a 10 mm first-line indent (%d)"
        % len(indented))

# Header block.
agency = find("ỦY BAN NHÂN DÂN", bold=True)
agency2 = find("HUYỆN PHONG THỔ", bold=True)
P.check(agency and agency2 and agency.size == 13, "agency in 13 pt bold", agency)
left_centre = 30 * MM + 65 * MM / 2
P.check(agency and near(centre(agency), left_centre, 2) and
        near(centre(agency2), left_centre, 2),
        "agency centred in the left column (x=%.1f mm)" % (left_centre / MM))
title = find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
motto = find("Độc lập - Tự do - Hạnh phúc")
right_centre = 95 * MM + 50 * MM
P.check(title and near(centre(title), right_centre, 2),
        "national title centred in the right column", title)
P.check(title and motto and title.bold and motto.bold and
        ((title.size, motto.size) in ((13, 14), (12, 13))),
        "national title 13 pt bold, motto 14 pt bold", (title, motto))
P.check(motto and near(centre(motto), right_centre, 2), "motto centred under it")


def rule_under(s, maxgap=14):
    """The rule just below span s, centred on it."""
    best = None
    for r in rules:
        if r.page == s.page and 0 < r.y - s.y < maxgap and \
                abs((r.x0 + r.x1) / 2 - centre(s)) < 3 and not hasattr(r, "vertical"):
            if best is None or r.y < best.y:
                best = r
    return best


r = rule_under(motto) if motto else None
P.check(r and near(r.length, motto.x1 - motto.x0, 1),
        "rule under the motto as long as the motto (%s vs %.1f pt)"
        % (r and "%.1f" % r.length, motto.x1 - motto.x0 if motto else 0))
r = rule_under(agency2) if agency2 else None
widest = max(agency.x1 - agency.x0, agency2.x1 - agency2.x0) if agency2 else 1
P.check(r and widest / 3 - 0.5 <= r.length <= widest / 2 + 0.5,
        "agency rule is 1/3-1/2 of the agency line (%s of %.1f pt)"
        % (r and "%.1f" % r.length, widest))
so = find("Số:")
date = find("Phong Thổ, ngày", italic=True)
P.check(so and date and near(so.y, date.y, 0.01), "'Số' and the date on one baseline",
        (so, date))
P.check(date and date.size in (13, 14) and date.italic, "date line 13-14 pt italic")
P.check(date and "ngày" in date.text and "tháng 6 năm 2024" in date.text,
        "draft date leaves the day blank: %r" % (date and date.text))

# Title block: the summary rule.
summary = [s for s in spans if s.page == 1 and s.bold and s.size == 14 and
           150 < s.y < 230 and s.text != "BÁO CÁO"]
sub = find("(Số liệu ước thực hiện", italic=True)
r = rule_under(sub, 14) if sub else None
w = max(s.x1 - s.x0 for s in summary) if summary else 1
P.check(r and w / 3 - 0.5 <= r.length <= w / 2 + 0.5,
        "summary rule is 1/3-1/2 of the widest summary line (%s of %.1f)"
        % (r and "%.1f" % r.length, w))
bc = find("BÁO CÁO")
P.check(bc and bc.bold and bc.size == 14 and near(centre(bc), 30 * MM + 165 * MM / 2, 1),
        "BÁO CÁO 14 pt bold, centred on the text width")

# Page numbers: none on page 1, centred in the top margin from page 2.
last = max(s.page for s in spans)
top1 = [s for s in spans if s.page == 1 and s.y < 20 * MM]
P.check(not top1, "page 1 has no page number", top1)
for pg in (2, last):
    n = [s for s in spans if s.page == pg and s.y < 20 * MM]
    P.check(len(n) == 1 and n[0].text == str(pg) and
            near(centre(n[0]), 30 * MM + 165 * MM / 2, 1) and 10 * MM < n[0].y < 20 * MM,
            "page %d has its number centred in the top margin" % pg, n)

# Closing block.
nn = find("Nơi nhận:", page=last)
tm = find("TM. ỦY BAN NHÂN DÂN", page=last)
P.check(nn and nn.size == 12 and nn.bold and nn.italic, "'Nơi nhận:' 12 pt bold italic", nn)
P.check(nn and tm and near(nn.y, tm.y, 0.01),
        "'Nơi nhận:' level with the first line of the signature block", (nn, tm))
P.check(nn and near(nn.x0, 30 * MM, 0.5), "'Nơi nhận:' flush with the left margin")
lines = [s for s in spans if s.page == last and nn and s.y > nn.y and
         abs(s.size - 11) < 0.01]
entries = []
for s in sorted(lines, key=lambda s: s.y):
    if s.text.startswith("- "):
        entries.append(s.text)
    elif entries:  # a wrapped entry continues under its text
        entries[-1] += " " + s.text
P.check(len(entries) == 6, "six recipients in 11 pt (%d)" % len(entries), entries)
P.check(entries and entries[-1].endswith("Lưu: VT, LĐTBXH.") and
        all(e.endswith(";") for e in entries[:-1]),
        "recipients end with ';' and the last with '.'", entries)
name = find("Nguyễn Văn A", page=last)
P.check(name and tm and near(centre(name), centre(tm), 1) and name.bold,
        "signer's name bold, centred under the title lines")

# A header with a parent agency, a number below 10 and a full date.
md = """---
co_quan_chu_quan: Ủy ban nhân dân tỉnh Lai Châu
co_quan: Sở Lao động - Thương binh và Xã hội
so: 5
ky_hieu: BC-SLĐTBXH
dia_danh: Lai Châu
ngay: 2024-02-05
trich_yeu: Kết quả thực hiện nhiệm vụ năm 2023
---

Nội dung báo cáo./.
"""
rc, err, out = P.build(md)
P.check(rc == 0, "report with a parent agency builds", err)
if rc == 0:
    spans2, rules2, _ = P.trace(out)
    get = lambda t: next((s for s in spans2 if s.text.startswith(t)), None)
    head = [s for s in spans2 if s.size == 13 and s.x1 < 95 * MM and s.y < 150
            and not s.text.startswith("Số")]
    regular = " ".join(s.text for s in head if not s.bold)
    boldtxt = " ".join(s.text for s in head if s.bold)
    P.check(regular == "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
            "parent agency upper case, 13 pt, not bold: %r" % regular)
    P.check(boldtxt == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" and
            min(s.y for s in head if s.bold) > max(s.y for s in head if not s.bold),
            "agency upper case, 13 pt bold, under it: %r" % boldtxt)
    s = get("Số:")
    P.check(s and s.text == "Số: 05/BC-SLĐTBXH", "number below 10 gets its zero: %r"
            % (s and s.text))
    d = get("Lai Châu, ngày")
    P.check(d and d.text == "Lai Châu, ngày 05 tháng 02 năm 2024",
            "date with leading zeros for day < 10 and month 2: %r" % (d and d.text))
    P.check(s and d and near(s.y, d.y, 0.01), "'Số' and date share a baseline")

# An agency "ỦY BAN NHÂN DÂN ..." too long for one line breaks after
# "ỦY BAN NHÂN DÂN"; a line break written in the front matter is kept.
md = """---
co_quan: ỦY BAN NHÂN DÂN HUYỆN X
trich_yeu: "Báo cáo dòng một\\nvà dòng hai"
---

Nội dung./.
"""
rc, err, out = P.build(md, "agency")
P.check(rc == 0, "a short district name builds", err)
if rc == 0:
    sp, _, _ = P.trace(out)
    lines = [s.text for s in sp if s.size == 13 and s.bold and s.x1 < 95 * MM]
    P.check(lines == ["ỦY BAN NHÂN DÂN", "HUYỆN X"],
            "the agency breaks after ỦY BAN NHÂN DÂN: %s" % lines)
    summ = [s.text for s in sp if s.size == 14 and s.bold and s.text != "BÁO CÁO"
            and s.page == 1 and 120 < s.y < 250]
    P.check(summ[:2] == ["Báo cáo dòng một", "và dòng hai"],
            "a line break in trich_yeu is kept: %s" % summ[:2])
    info = subprocess.run(["pdfinfo", out], capture_output=True, text=True).stdout
    P.check("Title:           Báo cáo dòng một và dòng hai" in info,
            "and the PDF title reads it as a space")

P.done()
