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


def tenfold(tmp):
    """The Phong Thổ sample with its body ten times over (footnote labels
    renamed per copy), built against the same data: "ten times the
    content" of issue 8."""
    import re
    import shutil
    src = os.path.join(ROOT, "samples", "phong-tho-2024")
    text = open(os.path.join(src, "bao-cao.md"), encoding="utf-8").read()
    end = text.index("\n---", 3) + 4
    front, body = text[:end], text[end:]
    copies = []
    for k in range(10):
        copies.append(re.sub(r"\[\^(\w+)\]", lambda m: "[^c%d%s]" % (k, m.group(1)), body))
    dst = os.path.join(tmp, "phong-tho-x10")
    os.makedirs(dst, exist_ok=True)
    with open(os.path.join(dst, "bao-cao.md"), "w", encoding="utf-8") as f:
        f.write(front + "\n".join(copies))
    if not os.path.exists(os.path.join(dst, "data")):
        shutil.copytree(os.path.join(src, "data"), os.path.join(dst, "data"))
    return os.path.join(dst, "bao-cao.md")


_cases = cases


def cases(tmp, baocao):  # noqa: F811
    res = _cases(tmp, baocao)
    md = tenfold(tmp)
    out = os.path.join(tmp, "phong-tho-x10.pdf")
    res.append({"name": "sample phong-tho-2024 x10", "argv": [baocao, "build", md, "-o", out],
                "out": out, "note": "ten times the content"})
    return res
