"""baocao init: a small working report (template, CSV, Vietnamese README)
that builds, never overwriting a file; --list and --mau. Issue 18,
acceptance 1."""
import os
import tempfile

import pdfutil as P

tmp = tempfile.mkdtemp(prefix="baocao-init-")
rc, out, err = P.run("init", "moi", cwd=tmp)
P.check(rc == 0, "init moi succeeds", err)
d = os.path.join(tmp, "moi")
for f in ("bao-cao.md", "README.md", "data/thon.csv"):
    P.check(os.path.isfile(os.path.join(d, f)), "init wrote " + f)
readme = open(os.path.join(d, "README.md"), encoding="utf-8").read()
P.check("Tạo tệp PDF" in readme and "baocao build" in readme, "the README is in Vietnamese")
md = open(os.path.join(d, "bao-cao.md"), encoding="utf-8").read()
for what, s in [("a computed figure", "sum("), ("a loop", "{{#each"), ("a table", "|:--:|"),
                ("a footnote", "[^1]:"), ("the header", "trich_yeu:")]:
    P.check(s in md, "the template shows " + what)
rc, out, err = P.run("build", "bao-cao.md", cwd=d)
pdf = os.path.join(d, "bao-cao.pdf")
P.check(rc == 0 and os.path.exists(pdf), "the new report builds", err)
text = P.squash(P.pdftotext(pdf))
P.check("298 hộ" in text and "11,41%" in text, "with its computed figures", text[:300])

# a second init refuses and changes nothing
with open(os.path.join(d, "bao-cao.md"), "a", encoding="utf-8") as f:
    f.write("\nSửa của tôi.\n")
before = {f: open(os.path.join(d, f), "rb").read() for f in ("bao-cao.md", "README.md")}
rc, out, err = P.run("init", "moi", cwd=tmp)
P.check(rc == 2 and "moi/bao-cao.md" in err and "overwrite" in err,
        "a second init moi refuses (exit 2) and names the file", err)
P.check(all(open(os.path.join(d, f), "rb").read() == b for f, b in before.items()),
        "nothing was overwritten")
# one file in the way is enough to write nothing
e = os.path.join(tmp, "mot")
os.makedirs(os.path.join(e, "data"))
open(os.path.join(e, "data", "thon.csv"), "w").write("x\n1\n")
rc, out, err = P.run("init", "mot", cwd=tmp)
P.check(rc == 2 and sorted(os.listdir(e)) == ["data"], "one existing file: nothing written", err)
# a folder with other files is fine
o = os.path.join(tmp, "khac")
os.makedirs(o)
open(os.path.join(o, "ghi-chu.txt"), "w").write("x")
rc, out, err = P.run("init", "khac", cwd=tmp)
P.check(rc == 0 and os.path.exists(os.path.join(o, "bao-cao.md")),
        "init into a folder holding other files", err)

# default folder, --list, --mau
rc, out, err = P.run("init", cwd=tmp)
P.check(rc == 0 and os.path.isfile(os.path.join(tmp, "bao-cao", "bao-cao.md")),
        "the default folder is bao-cao/", err)
rc, out, err = P.run("init", "--list")
P.check(rc == 0 and "co-ban" in out and "giam-ngheo-xa" in out, "init --list", out)
rc, out, err = P.run("init", "xa", "--mau", "giam-ngheo-xa", cwd=tmp)
P.check(rc == 0, "init --mau giam-ngheo-xa", err)
rc, out, err = P.run("build", "bao-cao.md", cwd=os.path.join(tmp, "xa"))
P.check(rc == 0, "that template builds too", err)
for args in (("--mau", "khong-co"), ("--mau", "../co-ban"), ("--bogus",), ("a", "b")):
    rc, out, err = P.run("init", "y", *args, cwd=tmp) if args[0] != "a" else P.run("init", *args, cwd=tmp)
    P.check(rc == 2 and "error:" in err, "init %s is a usage error" % " ".join(args), err)
rc, out, err = P.run("init", "--help")
P.check(rc == 0 and "--mau" in out and "--list" in out, "init --help")
P.done()
