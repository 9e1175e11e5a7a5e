"""The sample reports as users build them."""
import glob
import os

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))


def cases(tmp, baocao):
    res = []
    for md in sorted(glob.glob(os.path.join(ROOT, "samples", "*", "bao-cao.md"))):
        name = os.path.basename(os.path.dirname(md))
        out = os.path.join(tmp, name + ".pdf")
        res.append({"name": "sample " + name, "argv": [baocao, "build", md, "-o", out],
                    "out": out})
    return res
