"""Issue 8: reports of 1, 10, 100 and 1.000 pages; line breaking and page
building alone (check) at 100 and 200 pages; a batch of 500 commune
reports; a 10.000-row table."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import gen  # noqa: E402


def cases(tmp, baocao):
    res = []
    for pages in (1, 10, 100, 1000):
        md = os.path.join(tmp, "pages%d.md" % pages)
        gen.write(md, gen.report(pages))
        out = os.path.join(tmp, "pages%d.pdf" % pages)
        res.append({"name": "report ~%d pages" % pages,
                    "argv": [baocao, "build", md, "-o", out], "out": out})
    for pages in (100, 200):
        md = os.path.join(tmp, "pages%d.md" % pages)
        gen.write(md, gen.report(pages))
        res.append({"name": "check (no PDF) ~%d pages" % pages,
                    "argv": [baocao, "check", md], "pages": pages,
                    "note": "layout only"})
    md, csv = gen.communes(500)
    gen.write(os.path.join(tmp, "batch", "bao-cao.md"), md)
    gen.write(os.path.join(tmp, "batch", "data", "xa.csv"), csv)
    res.append({"name": "batch 500 communes",
                "argv": [baocao, "batch", os.path.join(tmp, "batch", "bao-cao.md"),
                         "-d", os.path.join(tmp, "batch", "data"), "--each", "xa",
                         "-o", os.path.join(tmp, "batch", "out", "{ma}.pdf")],
                "pages": 1000, "note": "500 reports of 2 pages"})
    md, csv = gen.big_table(10000)
    gen.write(os.path.join(tmp, "big", "bao-cao.md"), md)
    gen.write(os.path.join(tmp, "big", "data", "ho.csv"), csv)
    out = os.path.join(tmp, "big.pdf")
    res.append({"name": "table 10.000 rows",
                "argv": [baocao, "build", os.path.join(tmp, "big", "bao-cao.md"), "-o", out],
                "out": out})
    return res
