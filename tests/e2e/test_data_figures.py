"""The Phong Thổ sample's figures come from its data (issue 3, acceptance 3).

Every total, plan, carry-over and rate of sections II and III, and the
cells of the two tables built from the data, are re-computed here from
samples/phong-tho-2024/data/*.csv (csv module, Vietnamese numbers, Decimal
arithmetic, rounding half away from zero) and looked for, written the
Vietnamese way ("72,39%", "383.032 triệu"), in the PDF's body text
(P.glyph_stream) and table lines (pdftotext -bbox).

Then the same checks run against a copy of the sample whose CSV cells were
changed: the new figures must appear (the template computes, it does not
hard-code), and the original PDF must fail the checks made from the changed
data (the checks can fail).
"""
import os
import re
import shutil
import tempfile
from decimal import Decimal

import pdfutil as P
from vndata import load, number, pct, so

SAMPLE = os.path.join(P.ROOT, "samples", "phong-tho-2024")


# ---- what the PDF must say, computed from the data ---------------------

# Figures of a line that the seed's prose does not mention (so the
# template does not print them): Dự án 1's 2024 vốn sự nghiệp is given as
# its plan and carry-over, and the 109 left of the 2023 vốn đầu tư is not
# mentioned.
UNPRINTED = {("1-2024-sn", "giao"), ("1-2023-dt", "left")}

def expectations(data_dir):
    """(body phrases per scope, table rows) the report must show.
    A scope is "II" or a project number; phrases are looked for in that
    part of the body text."""
    vn = load(data_dir, "von_nam")
    da = load(data_dir, "du_an")
    dn = load(data_dir, "du_an_nam")
    hd = load(data_dir, "huy_dong")
    for r in vn:
        r["y"] = int(r["nam"])
        for k in ("von_dau_tu", "von_su_nghiep", "giai_ngan_dt", "giai_ngan_sn"):
            r[k] = number(r[k])
    for r in dn:
        r["p"], r["y"] = int(r["du_an"]), int(r["nam"])
        for k in ("chuyen_sang", "giao", "giai_ngan"):
            r[k] = number(r[k])
    for r in hd:
        r["so_tien"], r["so_ho"] = number(r["so_tien"]), number(r["so_ho"])

    def tot(rows, col):
        return sum((r[col] for r in rows if r[col] is not None), Decimal(0))

    ph = {"II": []}
    years = sorted(r["y"] for r in vn)
    DT, SN = tot(vn, "von_dau_tu"), tot(vn, "von_su_nghiep")
    ph["II"].append("là %s triệu đồng, Trong đó: Vốn đầu tư: %s triệu đồng; Vốn sự "
                    "nghiệp: %s triệu đồng" % (so(DT + SN), so(DT), so(SN)))
    for r in vn:
        ph["II"].append("Năm %d nguồn vốn giao %s triệu đồng trong đó vốn đầu tư %s "
                        "triệu đồng, vốn sự nghiệp %s triệu đồng"
                        % (r["y"], so(r["von_dau_tu"] + r["von_su_nghiep"]),
                           so(r["von_dau_tu"]), so(r["von_su_nghiep"])))
    for col, gcol, kind in (("von_dau_tu", "giai_ngan_dt", "đầu tư"),
                            ("von_su_nghiep", "giai_ngan_sn", "sự nghiệp")):
        T, G = tot(vn, col), tot(vn, gcol)
        ph["II"].append("Nguồn vốn %s" % kind)
        ph["II"].append("giải ngân %s/%s triệu đồng" % (so(G), so(T)))
        ph["II"].append("đạt %s kế hoạch vốn" % pct(G, T))
        for y in years:
            row = next(r for r in vn if r["y"] == y)
            # the plan of year y: allocated up to y, minus disbursed before y
            plan = tot([r for r in vn if r["y"] <= y], col) - \
                tot([r for r in vn if r["y"] < y], gcol)
            if row[gcol] is None:
                ph["II"].append("năm %d vốn %s triệu đồng" % (y, so(plan)))
                continue
            ph["II"].append("%s/%s triệu đồng" % (so(row[gcol]), so(plan)))
            if y != years[0] or col == "von_su_nghiep":
                ph["II"].append("đạt %s" % pct(row[gcol], plan))
            carry = plan - row[gcol]
            if carry and y != years[-1]:
                ph["II"].append(" %s triệu đồng;" % so(carry))
    ph["II"].append("Tổng huy động: %s triệu đồng" % so(tot(hd, "so_tien")))
    for r in hd:
        ph["II"].append(" %s triệu đồng" % so(r["so_tien"]))
        ph["II"].append("cho %s hộ" % so(r["so_ho"]))

    code = {r["ma"]: r for r in dn}

    def plan(r):
        return r["chuyen_sang"] + r["giao"]

    for p in sorted({r["p"] for r in dn}):
        rows = [r for r in dn if r["p"] == p]
        out = ph[p] = ["%s triệu đồng" % so(tot(rows, "giao"))]
        for y in sorted({r["y"] for r in rows}):
            yr = [r for r in rows if r["y"] == y]
            cs, g = tot(yr, "chuyen_sang"), tot(yr, "giao")
            out.append(" %s triệu đồng" % so(cs + g))  # the year's plan
            if cs and p != 1:  # Dự án 1 splits its years by source instead
                out.append(" %s triệu đồng" % so(cs))
                out.append(" %s triệu đồng" % so(g))
        for r in rows:
            if r["chuyen_sang"]:
                out.append(" %s triệu đồng" % so(plan(r)))
                out.append(" %s triệu" % so(r["chuyen_sang"]))
            if r["giao"] and (r["ma"], "giao") not in UNPRINTED:
                out.append(" %s triệu" % so(r["giao"]))
            if not r["giai_ngan"]:
                continue
            # Dự án 4 reports the carried-in money's disbursement on its own
            base = r["chuyen_sang"] if p == 4 else plan(r)
            if r["ma"] == "2-2022":  # recorded for the year: see README
                yr = [x for x in rows if x["y"] == r["y"]]
                base = tot(yr, "chuyen_sang") + tot(yr, "giao")
            out.append("%s/%s triệu đồng" % (so(r["giai_ngan"]), so(base)))
            out.append("đạt %s" % pct(r["giai_ngan"], base))
            if base - r["giai_ngan"] and (r["ma"], "left") not in UNPRINTED:
                out.append(" %s triệu" % so(base - r["giai_ngan"]))
    # year totals of Dự án 7, 2023 (the seed's 1.046 / 75,96%)
    y7 = [r for r in dn if r["p"] == 7 and r["y"] == 2023]
    g7, k7 = tot(y7, "giai_ngan"), tot(y7, "chuyen_sang") + tot(y7, "giao")
    ph[7].append("giải ngân %s/%s triệu đồng, đạt %s kế hoạch vốn" % (so(g7), so(k7),
                                                                     pct(g7, k7)))

    tables = [[str(r["y"]), so(r["von_dau_tu"] + r["von_su_nghiep"]),
               so(r["von_dau_tu"]), so(r["von_su_nghiep"])] for r in vn]
    tables.append(["Tổng cộng", so(DT + SN), so(DT), so(SN)])
    for d in da:
        rows = [r for r in dn if r["p"] == int(d["ma_du_an"])]
        tables.append([d["ma_du_an"]] + [so(tot([r for r in rows if r["y"] == y], "giao"))
                                         for y in years] + [so(tot(rows, "giao"))])
    tables.append(["Tổng cộng"] + [so(tot([r for r in dn if r["y"] == y], "giao"))
                                   for y in years] + [so(tot(dn, "giao"))])
    return ph, tables, (vn, dn, code)


# ---- looking for them ---------------------------------------------------

def scopes(stream):
    """The body text split into section II and the projects of III."""
    i2 = stream.find("II. TÌNH HÌNH HUY ĐỘNG")
    i3 = stream.find("III. KẾT QUẢ THỰC HIỆN")
    i4 = stream.find("IV. KẾT QUẢ THỰC HIỆN MỤC TIÊU")
    parts = {"II": stream[i2:i3]}
    heads = [(m.start(), int(m.group(1)))
             for m in re.finditer(r"Dự án (\d): [A-ZĐ]", stream[i3:i4])]
    for k, (pos, p) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else i4 - i3
        parts[p] = stream[i3 + pos:i3 + end]
    return parts


def found(phrase, text):
    """phrase in text, and a figure at its edges is not part of a longer
    figure ("6 triệu" does not match inside "16 triệu")."""
    pat = re.escape(phrase)
    if phrase[0].isdigit():
        pat = r"(?<![\d.,])" + pat
    if phrase[-1].isdigit() or phrase.endswith("%"):
        pat += r"(?![\d])"
    return re.search(pat, text) is not None


def table_lines(pdf):
    """Words on one line (same page and baseline), left to right."""
    lines = {}
    for w in P.words(pdf):
        lines.setdefault((w.page, round(w.y1)), []).append(w)
    return [[w.text for w in sorted(ws, key=lambda w: w.x0)] for ws in lines.values()]


def missing(pdf, ph, tables):
    stream = P.glyph_stream(pdf, 14)
    parts = scopes(stream)
    miss = []
    for scope, phrases in ph.items():
        text = parts.get(scope, "")
        if not text:
            miss.append("no text for scope %s" % scope)
        miss += ["[%s] %s" % (scope, p) for p in phrases if not found(p, text)]
    lines = table_lines(pdf)
    num = re.compile(r"^\d{1,3}(\.\d{3})*$")
    for row in tables:
        want = row[1:]
        ok = False
        for ln in lines:
            if not ln or (ln[0] != row[0] and " ".join(ln[:2]) != row[0]):
                continue
            if [t for t in ln if num.match(t)][-len(want):] == want:
                ok = True
        if not ok:
            miss.append("table row %s" % " | ".join(row))
    return miss


tmp = tempfile.mkdtemp(prefix="baocao-figures-")
pdf = os.path.join(tmp, "phong-tho.pdf")
rc, _, err = P.run("build", os.path.join(SAMPLE, "bao-cao.md"), "-o", pdf)
P.check(rc == 0 and err == "", "the sample builds with no message", err)

ph, tables, (vn, dn, code) = expectations(os.path.join(SAMPLE, "data"))
n = sum(len(v) for v in ph.values())
P.check(n > 150, "%d figures re-computed from the CSVs" % n)

# The data agree with each other (where the seed does).
for y in sorted({r["y"] for r in dn}):
    for src, col in (("ĐT", "von_dau_tu"), ("SN", "von_su_nghiep")):
        s = sum(r["giao"] for r in dn if r["y"] == y and r["nguon"] == src)
        v = next(r[col] for r in vn if r["y"] == y)
        P.check(s == v, "du_an_nam.csv %s %d adds up to von_nam.csv (%s)" % (src, y, so(v)),
                "%s != %s" % (so(s), so(v)))
P.check(len(code) == len(dn), "du_an_nam.csv codes are unique")

if rc == 0:
    miss = missing(pdf, ph, tables)
    P.check(not miss, "every re-computed figure is in the PDF", "\n".join(miss))
    stream = P.glyph_stream(pdf, 14)
    for phrase in ["đạt 72,39% kế hoạch vốn giao giai đoạn", "383.032 triệu đồng",
                   "đạt 46% kế hoạch vốn", "đạt 11,71%", "giải ngân 1.098/1.377",
                   "là 3.912 triệu đồng", "chuyển sang 2023 4.672"]:
        P.check(phrase in stream, "the PDF says %r" % phrase)
    for stale in ["73%", "2033", "30.05%", "81.82%", "100%%", "5,257", "3.913"]:
        P.check(not found(stale, stream), "the seed's %r is not printed" % stale)

# Change the data: the report follows it, and the old PDF fails the checks.
copy = os.path.join(tmp, "sample")
shutil.copytree(SAMPLE, copy)


def edit(name, fn):
    path = os.path.join(copy, "data", name + ".csv")
    text = open(path, encoding="utf-8").read()
    new = fn(text)
    assert new != text, name
    open(path, "w", encoding="utf-8").write(new)


edit("von_nam", lambda t: t.replace("2024,85.417,51.957,10.000,", "2024,85.417,51.957,20.500,"))
edit("du_an_nam", lambda t: t.replace("7-2023-1,7,2023,SN,Tiểu dự án 1: Nâng cao năng lực "
                                      "thực hiện Chương trình,6,852,696",
                                      "7-2023-1,7,2023,SN,Tiểu dự án 1: Nâng cao năng lực "
                                      "thực hiện Chương trình,6,852,700")
     .replace("3-2023-2,3,2023,SN,Tiểu dự án 2: Cải thiện dinh dưỡng,0,1.128,339",
              "3-2023-2,3,2023,SN,Tiểu dự án 2: Cải thiện dinh dưỡng,0,1.128,340"))
pdf2 = os.path.join(tmp, "changed.pdf")
rc, _, err = P.run("build", os.path.join(copy, "bao-cao.md"), "-o", pdf2)
P.check(rc == 0 and err == "", "the sample with changed data builds", err)
ph2, tables2, _ = expectations(os.path.join(copy, "data"))
if rc == 0:
    miss = missing(pdf2, ph2, tables2)
    P.check(not miss, "with changed data, every re-computed figure is in the new PDF",
            "\n".join(miss))
    s2 = P.glyph_stream(pdf2, 14)
    P.check("đạt 24,0%" not in s2 and "đạt 24%" in s2 and "20.500/85.417" in s2,
            "10.000 → 20.500 disbursed in 2024: 24%, written without decimals")
    P.check("giải ngân 1.102/1.377" in s2 and "đạt 30,14%" in s2,
            "changed cells flow into the totals (1.102) and rates (340/1.128 = 30,14%)")
if os.path.exists(pdf):
    wrong = missing(pdf, ph2, tables2)
    P.check(len(wrong) >= 5, "the original PDF fails the checks made from the "
            "changed data (%d figures differ)" % len(wrong))

shutil.rmtree(tmp, ignore_errors=True)
P.done()
