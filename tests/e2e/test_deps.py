"""build --deps: a Make depfile naming the report, every data file read and
the font files; `make samples` uses them, so a second run rebuilds nothing
and touching one sample's CSV rebuilds that sample only. Issue 18,
acceptance 3."""
import os
import re
import shutil
import subprocess
import tempfile

import pdfutil as P

tmp = tempfile.mkdtemp(prefix="baocao-deps-")
MD = "---\nco_quan: UBND XÃ A\n---\n\nTổng {{ sum(von.so_tien) | so }} đồng.\n"
rc, err, out = P.build(MD, name="bao cao", tmp=tmp,
                       files={"data/von.csv": "nam,so_tien\n2023,1.000\n",
                              "data/khac.csv": "a\n1\n"},
                       args=("--deps", os.path.join(tmp, "bc.d")))
P.check(rc == 0, "build --deps succeeds", err)
d = open(os.path.join(tmp, "bc.d"), encoding="utf-8").read()
# make's words: split at blanks not escaped by a backslash
first = re.split(r"(?<!\\)\s+", d.split("\n\n")[0].replace("\\\n", " ").strip())
P.check(first[0] == out.replace(" ", "\\ ") + ":", "the target is the PDF", d)
names = [n.replace("\\ ", " ") for n in first[1:]]
P.check(os.path.join(tmp, "bao cao.md") in names, "the report is listed", d)
for csv in ("von.csv", "khac.csv"):
    P.check(os.path.join(tmp, "data", csv) in names, "data file %s is listed" % csv, d)
P.check(sum(n.endswith(".ttf") for n in names) == 4, "the four font files are listed", d)
P.check(all((n.replace(" ", "\\ ") + ":") in d.split("\n") for n in names),
        "an empty rule per dependency (gcc -MP), so a deleted file does not stop make", d)

# a real make with the depfile: rebuild only when an input changed
mk = os.path.join(tmp, "Makefile")
with open(mk, "w") as f:
    f.write("out.pdf: r.md\n\t%s build r.md -o out.pdf --deps out.d\n-include out.d\n"
            % P.BAOCAO)
shutil.copy(os.path.join(tmp, "bao cao.md"), os.path.join(tmp, "r.md"))


def make(*args):
    return subprocess.run(["make", "-C", tmp] + list(args), capture_output=True, text=True)


P.check(make().returncode == 0 and make("-q").returncode == 0, "make: built, then up to date")
old = os.stat(os.path.join(tmp, "out.pdf")).st_mtime
os.utime(os.path.join(tmp, "data", "von.csv"), (old + 5, old + 5))
P.check(make("-q").returncode == 1, "make: a newer CSV makes the PDF out of date")

# failure writes no depfile
os.remove(os.path.join(tmp, "bc.d"))
rc, err, _ = P.build(MD.replace("von.so_tien", "von.khong_co"), name="bao cao", tmp=tmp,
                     args=("--deps", os.path.join(tmp, "bc.d")))
P.check(rc == 1 and not os.path.exists(os.path.join(tmp, "bc.d")),
        "a failed build writes no depfile", err)
rc, _, err = P.run("check", os.path.join(tmp, "r.md"), "--deps", "x.d")
P.check(rc == 2, "--deps is a build option", err)

# The repository's own `make samples` (a no-op after `make test`'s samples
# step): then nothing to do; one touched CSV rebuilds one sample.
# (skipped while build/baocao is older than its sources: this test never
# rebuilds the program behind the running suite's back)
if subprocess.run(["make", "-C", P.ROOT, "-q", "build/baocao"],
                  capture_output=True).returncode == 0:
    subprocess.run(["make", "-s", "-C", P.ROOT, "samples"], capture_output=True)
    q = subprocess.run(["make", "-C", P.ROOT, "-q", "samples"], capture_output=True)
    P.check(q.returncode == 0, "make samples: a second run has nothing to do")
    csv = os.path.join(P.ROOT, "samples", "phong-tho-2024", "data", "von_nam.csv")
    st = os.stat(csv)
    pdf = os.stat(os.path.join(P.ROOT, "build", "samples", "phong-tho-2024.pdf"))
    try:
        os.utime(csv, (pdf.st_mtime + 5, pdf.st_mtime + 5))
        n = subprocess.run(["make", "-C", P.ROOT, "-n", "samples"], capture_output=True,
                           text=True).stdout
        cmds = [l for l in n.splitlines() if " build samples/" in l]
        P.check(len(cmds) == 1 and "phong-tho-2024" in cmds[0],
                "make samples after touching one CSV rebuilds that sample only", n)
    finally:
        os.utime(csv, ns=(st.st_atime_ns, st.st_mtime_ns))
shutil.rmtree(tmp)
P.done()
