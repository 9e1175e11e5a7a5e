"""The three data-driven samples made from the short seeds (issue 9):
samples/mo-hinh-giam-ngheo-2020 (seed 000), giam-ngheo-huyen-2016-2020
(seed 001) and dien-bien-2018 (seed 004).

1. Each builds with the binary under test, with nothing on stderr, and its
   PDF holds the seed's paragraphs in order, after the documented changes
   of samples/NAME/differences.tsv (which the sample's README mirrors).
2. The derived figures (totals, rates, differences, averages, rounded
   "hơn N" / "khoảng N" amounts) are recomputed here from the sample's CSV
   files with Decimal, rounded half away from zero, formatted the
   Vietnamese way, and looked for in the PDF's text.
3. No warning: stderr is empty (checked with 1)."""
import csv
import os
import re
import tempfile
import unicodedata
from decimal import Decimal, ROUND_FLOOR, ROUND_HALF_UP

import pdfutil as P

SEEDS = os.path.join(P.ROOT, "tests", "data", "seeds")
SAMPLES = [
    ("mo-hinh-giam-ngheo-2020", "000_3f195f7c271f9517.txt"),
    ("giam-ngheo-huyen-2016-2020", "001_b27d8510531d9a06.txt"),
    ("dien-bien-2018", "004_6818a40c6c370b4f.txt"),
]


# ---- data and Vietnamese number forms --------------------------------

def name_of(header):
    """A CSV header as the template names it (DESIGN §2.3)."""
    s = unicodedata.normalize("NFD", header.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def num(cell):
    """A Vietnamese number cell: "1.234,5" -> Decimal("1234.5")."""
    return Decimal(cell.replace(".", "").replace(",", "."))


def table(sample, name):
    path = os.path.join(P.ROOT, "samples", sample, "data", name + ".csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    keys = [name_of(h) for h in rows[0]]
    return [dict(zip(keys, r)) for r in rows[1:]]


def col(rows, key):
    return [num(r[key]) for r in rows if r[key].strip()]


def row(rows, key, value):
    hits = [r for r in rows if r[key] == value]
    assert len(hits) == 1, (key, value, hits)
    return hits[0]


def rnd(x, n=0):
    return x.quantize(Decimal(1).scaleb(-n), rounding=ROUND_HALF_UP)


def floor(x):
    return x.quantize(Decimal(1), rounding=ROUND_FLOOR)


def so(x, n=None):
    """The `so` filter: '.' thousands, ',' decimals; up to 2 decimals with
    trailing zeros dropped, or exactly n."""
    x = rnd(x, 2 if n is None else n)
    s = "{:f}".format(abs(x))
    whole, _, frac = s.partition(".")
    if n is None:
        frac = frac.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups) + ("," + frac if frac else "")
    return ("-" if x < 0 else "") + out


def pct(part, whole):
    return part * 100 / whole


# ---- the seed, the changes, the PDF -----------------------------------

def differences(sample):
    """(seed text, printed text, times, reason) rows of differences.tsv."""
    path = os.path.join(P.ROOT, "samples", sample, "differences.tsv")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    P.check(rows and rows[0] == ["seed", "printed", "times", "reason"],
            "%s: differences.tsv has the header seed, printed, times, reason" % sample,
            rows[:1])
    return [(P.nfc(r[0]), P.nfc(r[1]), int(r[2]), r[3]) for r in rows[1:] if r]


def readme_mirrors(sample, diffs):
    """The README's table (between the seed-changes markers) lists the same
    rows as differences.tsv, in the same order."""
    path = os.path.join(P.ROOT, "samples", sample, "README.md")
    text = P.nfc(open(path, encoding="utf-8").read()) if os.path.exists(path) else ""
    m = re.search(r"<!-- seed-changes:begin -->(.*?)<!-- seed-changes:end -->",
                  text, re.S)
    rows = []
    for line in (m.group(1) if m else "").splitlines():
        c = re.match(r"^\|\s*`([^`]+)`\s*\|\s*`([^`]*)`\s*\|\s*(\d+)\s*\|", line)
        if c:
            rows.append((c.group(1), c.group(2), int(c.group(3))))
    P.check(m and rows == [d[:3] for d in diffs],
            "%s: README's table of differences mirrors differences.tsv" % sample,
            "README: %r\ntsv: %r" % (rows, [d[:3] for d in diffs]))


def seed_paragraphs(name, diffs, label):
    text = P.nfc(open(os.path.join(SEEDS, name), encoding="utf-8").read())
    for old, new, times, _ in diffs:
        n = text.count(old)
        P.check(n == times, "%s: seed text %r occurs %d time(s) as documented"
                % (label, old[:40], times), "found %d" % n)
        text = text.replace(old, new)
    return [l for l in (P.squash(l) for l in text.split("\n")) if l]


def in_order(stream, paras, label):
    pos, missing = 0, []
    for p in paras:
        i = stream.find(p, pos)
        if i < 0:
            missing.append(p)
        else:
            pos = i + len(p)
    P.check(paras and not missing, "%s: all %d seed paragraphs in order in the PDF"
            % (label, len(paras)), "\n".join("missing: " + m[:120] for m in missing[:5]))


def find_all(label, haystack, needles, where):
    absent = [n for n in needles if n not in haystack]
    P.check(not absent, "%s: %d computed figures found in the %s"
            % (label, len(needles), where), "\n".join("absent: " + a for a in absent))


def cells(pdf):
    """Words of the PDF as pdftotext reads them (table cells are words)."""
    return set(P.squash(P.pdftotext(pdf)).split(" "))


# ---- expected figures per sample --------------------------------------

def figures_000(s):
    mh, kt = table(s, "mo_hinh"), table(s, "kiem_tra")
    years = col(mh, "nam")
    mo, da, ho = col(mh, "so_mo_hinh"), col(mh, "so_du_an"), col(mh, "so_ho_huong_loi")
    kiem, thoat = col(kt, "so_ho_ngheo_duoc_kiem_tra"), col(kt, "so_ho_da_thoat_ngheo")
    rate = pct(sum(thoat), sum(kiem))
    prose = [
        "Sau hơn %s năm triển khai (%s-%s)" % (max(years) - min(years), min(years),
                                             max(years)),
        "thực hiện được %s mô hình và %s dự án với %s hộ được hưởng lợi"
        % (so(sum(mo)), so(sum(da)), so(sum(ho))),
        "cho thấy %s%% các hộ nghèo đã thoát nghèo" % so(rate),
    ]
    table_words = [so(a + b) for a, b in zip(mo, da)]
    table_words += [so(sum(mo) + sum(da)), so(sum(kiem)), so(sum(thoat)), so(rate, 2)]
    table_words += [so(pct(t, k), 2) for t, k in zip(thoat, kiem)]
    return prose, table_words


def figures_001(s):
    hn, cs, ch = table(s, "ho_ngheo"), table(s, "chinh_sach"), table(s, "chi_so")
    rate = {r["nam"]: pct(num(r["so_ho_ngheo"]), num(r["tong_so_ho"])) for r in hn}
    first, last = min(rate), max(rate)
    nyears = len(hn) - 1
    avg = (rate[first] - rate[last]) / nyears
    v = lambda ma: num(row(ch, "ma", ma)["gia_tri"])
    c = lambda ma, k: num(row(cs, "ma", ma)[k])
    kp = "kinh_phi_trieu_dong"
    prose = [
        "%s%% cán bộ, công chức" % so(pct(v("can_bo_tap_huan"), v("can_bo"))),
        "bình quân hàng năm là %s%% (theo kế hoạch từ %s%%- %s%%/năm)"
        % (so(avg), so(v("ke_hoach_giam_tu")), so(v("ke_hoach_giam_den"))),
        "góp phần giúp %s ngàn lượt hộ" % so(rnd(v("luot_ho_thoat_ngheo") / 1000)),
        "bảo đảm %s%% người nghèo" % so(pct(c("bhyt", "so_luong"),
                                          v("nguoi_ngheo_can_ngheo"))),
        "trong %d năm đã cấp %s thẻ" % (nyears, so(c("bhyt", "so_luong"))),
        "miễn giảm viện phí cho %s lượt người/%s triệu đồng"
        % (so(c("vien_phi", "so_luong")), so(c("vien_phi", kp), 3)),
        "%s mô hình phát triển sản xuất/%s hộ/%s triệu đồng"
        % (so(c("mo_hinh", "so_luong")), so(v("mo_hinh_so_ho")), so(c("mo_hinh", kp))),
    ]
    table_words = [so(sum(col(cs, kp)), 3), so(avg, 2)]
    table_words += [so(r, 2) for r in rate.values()]
    return prose, table_words


def figures_004(s):
    rs, hg, db, vn = (table(s, n) for n in ("ra_soat", "huyen_ngheo", "dia_ban", "von"))
    y = {r["nam"]: r for r in rs}
    n = lambda yr, k: num(y[yr][k])
    tinh = lambda yr: pct(n(yr, "ho_ngheo"), n(yr, "tong_so_ho"))
    huyen = lambda yr: pct(n(yr, "ho_ngheo_huyen_ngheo"), n(yr, "tong_so_ho_huyen_ngheo"))
    dt, sn = col(vn, "von_dau_tu_phat_trien"), col(vn, "von_su_nghiep")
    v = lambda ma, k: num(row(vn, "ma", ma)[k])
    tong = lambda ma: v(ma, "von_dau_tu_phat_trien") + v(ma, "von_su_nghiep")
    ty = lambda x: x / 1000                     # triệu đồng -> tỷ đồng
    prose = [
        "toàn tỉnh có hơn %s hộ nghèo (chiếm tỷ lệ %s%%)"
        % (so(floor(n("2018", "ho_ngheo") / 1000) * 1000), so(tinh("2018"))),
        "giảm hơn %s hộ nghèo so với năm 2017 (giảm %s%%)"
        % (so(floor((n("2017", "ho_ngheo") - n("2018", "ho_ngheo")) / 100) * 100),
           so(tinh("2017") - tinh("2018"))),
        "giảm từ %s%% năm 2017 xuống còn %s%% năm 2018" % (so(huyen("2017")),
                                                      so(huyen("2018"))),
        "giảm xuống còn khoảng %s hộ (giảm tỷ lệ hộ nghèo xuống còn %s%%)"
        % (so(rnd(n("2019", "ho_ngheo") / 1000) * 1000), so(tinh("2019"))),
        "giảm xuống còn khoảng %s hộ, tỷ lệ hộ nghèo tại các huyện nghèo giảm còn %s%%"
        % (so(rnd(n("2019", "ho_ngheo_huyen_ngheo") / 1000) * 1000), so(huyen("2019"))),
        "có %s huyện nghèo, trong đó có %s huyện nghèo nhóm 1 và %s huyện nghèo nhóm 2"
        % (so(sum(col(hg, "so_huyen"))), row(hg, "nhom", "Nhóm 1")["so_huyen"],
           row(hg, "nhom", "Nhóm 2")["so_huyen"]),
        "giảm nghèo bền vững hơn %s tỷ đồng. Trong đó, vốn đầu tư phát triển hơn %s "
        "tỷ đồng, vốn sự nghiệp hơn %s tỷ đồng"
        % (so(floor(ty(sum(dt) + sum(sn)))), so(floor(ty(sum(dt)))), so(floor(ty(sum(sn))))),
        "đầu tư về cơ sở hạ tầng hơn %s tỷ đồng" % so(floor(ty(v("30a", "von_dau_tu_phat_trien")))),
        "293/QĐ-TTg gần %s tỷ đồng; chương trình 135 hơn %s tỷ đồng"
        % (so(rnd(ty(tong("293")))), so(floor(ty(tong("135"))))),
    ]
    table_words = [so(a + b) for a, b in zip(dt, sn)]
    table_words += [so(sum(dt) + sum(sn)), so(sum(dt)), so(sum(sn))]
    table_words += [so(tinh(yr), 2) for yr in y] + [so(huyen(yr), 2) for yr in y]
    table_words += [so(n("2017", "ho_ngheo") - n("2018", "ho_ngheo")),
                    so(tinh("2017") - tinh("2018"), 2),
                    so(n("2017", "ho_ngheo_huyen_ngheo") - n("2018", "ho_ngheo_huyen_ngheo")),
                    so(huyen("2017") - huyen("2018"), 2)]
    return prose, table_words


FIGURES = {"000": figures_000, "001": figures_001, "004": figures_004}

# ---- run --------------------------------------------------------------

tmp = tempfile.mkdtemp(prefix="baocao-seed-samples-")
for sample, seed in SAMPLES:
    out = os.path.join(tmp, sample + ".pdf")
    rc, _, err = P.run("build", os.path.join(P.ROOT, "samples", sample, "bao-cao.md"),
                       "-o", out)
    if not P.check(rc == 0 and err == "", "%s builds with nothing on stderr" % sample,
                   "exit %d\n%s" % (rc, err)):
        continue
    diffs = differences(sample)
    readme_mirrors(sample, diffs)
    stream = P.glyph_stream(out, 14)
    in_order(stream, seed_paragraphs(seed, diffs, sample), sample)
    prose, words = FIGURES[seed[:3]](sample)
    find_all(sample, stream, [P.squash(p) for p in prose], "body text")
    have = cells(out)
    find_all(sample, have, words, "tables")

P.done()
