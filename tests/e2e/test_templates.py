"""The ready templates in templates/ (issue 3): every templates/*/bao-cao.md
builds from its example data with no message and passes `baocao check`;
templates/giam-ngheo-xa prints the figures re-computed here from its CSVs,
and follows its data and --set when they change (the "tăng" list, the
đạt/chưa đạt sentence, the Bằng chữ line). Also the worked example of
docs/template-guide.{en,vi}.md: its files are built as written there and
must give the result written there."""
import glob
import os
import re
import shutil
import subprocess
import tempfile
from decimal import ROUND_HALF_UP, Decimal

import pdfutil as P
from vndata import load, number, pct, ratio, so, total

TEMPLATES = os.path.join(P.ROOT, "templates")
tmp = tempfile.mkdtemp(prefix="baocao-templates-")

found = sorted(glob.glob(os.path.join(TEMPLATES, "*", "bao-cao.md")))
P.check(found, "templates/ holds at least one template", TEMPLATES)
for md in found:
    name = os.path.basename(os.path.dirname(md))
    P.check(os.path.exists(os.path.join(os.path.dirname(md), "README.md")),
            "%s has a README.md" % name)
    pdf = os.path.join(tmp, name + ".pdf")
    rc, out, err = P.run("build", md, "-o", pdf)
    P.check(rc == 0 and err == "" and out == "" and os.path.exists(pdf),
            "%s builds from its example data with no message" % name, err)
    rc, out, err = P.run("check", md)
    P.check(rc == 0 and err == "" and out == "", "%s passes baocao check silently" % name,
            err)


def words_in(text, phrases):
    return [p for p in phrases if p not in text]


# ---- giam-ngheo-xa: the figures come from the data ---------------------
XA = os.path.join(TEMPLATES, "giam-ngheo-xa")


def expected(data):
    thon, cs, von = load(data, "thon"), load(data, "chinh_sach"), load(data, "von")
    tong = total(thon, "tong_so_ho")
    dau, cuoi = total(thon, "ho_ngheo_dau_ky"), total(thon, "ho_ngheo_cuoi_ky")
    kh, gn = total(von, "ke_hoach"), total(von, "giai_ngan")
    # the template rounds both rates before subtracting them
    two = Decimal("0.01")
    giam = ratio(dau, tong).quantize(two, ROUND_HALF_UP) - \
        ratio(cuoi, tong).quantize(two, ROUND_HALF_UP)
    phrases = [
        "toàn xã có %s hộ nghèo, chiếm %s tổng số hộ" % (so(dau), pct(dau, tong)),
        "và %s hộ cận nghèo, chiếm %s" % (so(total(thon, "ho_can_ngheo_dau_ky")),
                                          pct(total(thon, "ho_can_ngheo_dau_ky"), tong)),
        "Trong kỳ có %s hộ thoát nghèo và %s hộ nghèo phát sinh mới"
        % (so(total(thon, "ho_thoat_ngheo")), so(total(thon, "ho_ngheo_phat_sinh"))),
        "toàn xã còn %s hộ nghèo trên tổng số %s hộ, chiếm %s" % (so(cuoi), so(tong),
                                                                  pct(cuoi, tong)),
        "Tỷ lệ hộ nghèo giảm %s điểm phần trăm" % so(giam),
        "Tổng kinh phí thực hiện các chính sách: %s triệu đồng" % so(total(cs, "kinh_phi")),
        "Tổng kế hoạch vốn năm 2024 là %s triệu đồng" % so(kh),
        "đã giải ngân %s triệu đồng, đạt %s kế hoạch" % (so(gn), pct(gn, kh)),
    ]
    for r in cs:
        phrases.append("%s: %s lượt, kinh phí %s triệu đồng" % (
            r["ten_chinh_sach"], so(number(r["so_luot"])), so(number(r["kinh_phi"]))))
    up = [r for r in thon if number(r["ho_ngheo_cuoi_ky"]) > number(r["ho_ngheo_dau_ky"])]
    if up:
        phrases.append("Số hộ nghèo tăng trong kỳ ở %d thôn, bản" % len(up))
        for r in up:
            phrases.append("%s: tăng %s hộ" % (r["thon_ban"], so(
                number(r["ho_ngheo_cuoi_ky"]) - number(r["ho_ngheo_dau_ky"]))))
    for r in von:
        left = number(r["ke_hoach"]) - number(r["giai_ngan"])
        if left > 0:
            phrases.append("%s: còn %s triệu đồng chưa giải ngân" % (r["noi_dung"], so(left)))
    rows = [[str(i + 1)] + [so(number(r[c])) for c in ("tong_so_ho", "ho_ngheo_dau_ky",
                                                        "ho_thoat_ngheo", "ho_ngheo_cuoi_ky")]
            + [so(ratio(number(r["ho_ngheo_cuoi_ky"]), number(r["tong_so_ho"])))]
            for i, r in enumerate(thon)]
    rows += [[str(i + 1), so(number(r["ke_hoach"])), so(number(r["giai_ngan"]))]
             for i, r in enumerate(von)]
    return phrases, rows, giam, up


def table_rows_missing(pdf, rows):
    lines = {}
    for w in P.words(pdf):
        lines.setdefault((w.page, round(w.y1)), []).append(w)
    lines = [[w.text for w in sorted(ws, key=lambda w: w.x0)] for ws in lines.values()]
    miss = []
    for row in rows:
        nums = row[1:]
        if not any(ln and ln[0] == row[0] and
                   " ".join(nums) in " ".join(ln) for ln in lines):
            miss.append(" | ".join(row))
    return miss


pdf = os.path.join(tmp, "giam-ngheo-xa.pdf")
if os.path.exists(pdf):
    phrases, rows, giam, up = expected(os.path.join(XA, "data"))
    text = P.glyph_stream(pdf, 14)
    miss = words_in(text, phrases)
    P.check(not miss, "giam-ngheo-xa: %d figures re-computed from the CSVs are in the text"
            % len(phrases), "\n".join(miss))
    miss = table_rows_missing(pdf, rows)
    P.check(not miss, "giam-ngheo-xa: Bảng 1 and Bảng 2 rows hold the data's figures",
            "\n".join(miss))
    P.check("Bằng chữ: Ba nghìn chín trăm hai mươi bảy triệu đồng" in text,
            "giam-ngheo-xa: the plan total in words (chu)")
    P.check("đạt chỉ tiêu đề ra" in text and "chưa đạt" not in text,
            "giam-ngheo-xa: %s points ≥ the 2,5 target: 'đạt chỉ tiêu'" % so(giam))
    plain = P.squash(P.pdftotext(pdf, 1, 1))
    P.check("ỦY BAN NHÂN DÂN XÃ TÂN LẬP" in plain.replace("\n", " ") and
            "Tân Lập, ngày" in plain and "HUYỆN MINH SƠN" in plain,
            "giam-ngheo-xa: header and place come from ten_xa / ten_huyen", plain[:300])

# Changed data and --set: the report follows.
copy = os.path.join(tmp, "xa")
shutil.copytree(XA, copy)
path = os.path.join(copy, "data", "thon.csv")
t = open(path, encoding="utf-8").read()
t = t.replace("Thôn Trung Tâm,213,12,5,0,7,", "Thôn Trung Tâm,213,12,5,9,16,")
open(path, "w", encoding="utf-8").write(t)
pdf2 = os.path.join(tmp, "changed.pdf")
rc, _, err = P.run("build", os.path.join(copy, "bao-cao.md"), "-o", pdf2,
                   "--set", "chi_tieu_giam=5", "--set", "ky_bao_cao=quý IV năm 2024")
P.check(rc == 0 and err == "", "giam-ngheo-xa builds with changed data and --set", err)
if rc == 0:
    phrases, rows, giam, up = expected(os.path.join(copy, "data"))
    phrases = [p.replace("năm 2024 là", "quý IV năm 2024 là") for p in phrases]
    text = P.glyph_stream(pdf2, 14)
    miss = words_in(text, phrases)
    P.check(not miss and len(up) == 2,
            "with a village's poor households up, the figures and the 'tăng' list follow",
            "\n".join(miss))
    P.check("chưa đạt chỉ tiêu đề ra" in text and "(chỉ tiêu giao: giảm 5 điểm" in text,
            "--set chi_tieu_giam=5: %s points < 5: 'chưa đạt chỉ tiêu'" % so(giam))
    info = subprocess.run(["pdfinfo", pdf2], capture_output=True, text=True).stdout
    P.check("giảm nghèo quý IV năm 2024 trên địa bàn xã Tân Lập" in info,
            "--set ky_bao_cao reaches the title (front-matter placeholders)", info)

# ---- the template guides' examples --------------------------------------
# <!-- example:PATH --> marks the worked example's files and its result;
# <!-- example[NAME]:PATH --> another example, which gets the worked
# example's data/ too. Every example is built and its result checked.
for lang in ("en", "vi"):
    guide = os.path.join(P.ROOT, "docs", "template-guide.%s.md" % lang)
    if not P.check(os.path.exists(guide), "docs/template-guide.%s.md exists" % lang):
        continue
    text = open(guide, encoding="utf-8").read()
    groups = {}
    for name, rel, body in re.findall(
            r"<!-- example(?:\[([\w-]+)\])?:(\S+) -->\n```[a-z]*\n(.*?)```", text, re.S):
        groups.setdefault(name, {})[rel] = body
    main = groups.get("", {})
    P.check(set(main) == {"data/von.csv", "bao-cao.md", "result"},
            "template-guide.%s.md: the example has its CSV, template and result" % lang,
            sorted(main))
    P.check(len(groups) >= 2, "template-guide.%s.md: more examples than the first" % lang,
            sorted(groups))
    for name, files in sorted(groups.items()):
        label = "template-guide.%s.md: example %s" % (lang, name or "1")
        if not P.check("result" in files and "bao-cao.md" in files,
                       label + " has a template and a result", sorted(files)):
            continue
        d = os.path.join(tmp, "guide-%s-%s" % (lang, name or "1"))
        merged = {k: v for k, v in main.items() if k.startswith("data/")}
        merged.update(files)
        for rel, body in merged.items():
            if rel == "result":
                continue
            os.makedirs(os.path.dirname(os.path.join(d, rel)), exist_ok=True)
            open(os.path.join(d, rel), "w", encoding="utf-8").write(body)
        # the examples are parts of a report: no check findings (--quiet)
        rc, _, err = P.run("build", "bao-cao.md", "--quiet", cwd=d)
        out = os.path.join(d, "bao-cao.pdf")
        P.check(rc == 0 and err == "" and os.path.exists(out),
                label + " builds as documented", err)
        if rc != 0:
            continue
        if name == "":
            body = P.glyph_stream(out, 14)
        else:
            body = P.squash(subprocess.run(["pdftotext", out, "-"], capture_output=True,
                                           text=True).stdout)
        want = P.squash(files["result"])
        P.check(want in body, label + ": the PDF says what the guide says",
                "want: %s\ngot:  %s" % (want, body[-600:]))

shutil.rmtree(tmp, ignore_errors=True)
P.done()
