"""The command line and the build's guarantees: usage and exit codes,
GNU-style messages, atomic writes, reproducible bytes, NFC input, missing
glyphs, default paths. Issue 2, acceptance 5 and 6; DESIGN.md §1."""
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata

import pdfutil as P

tmp = tempfile.mkdtemp(prefix="baocao-cli-")
GOOD = """---
co_quan: ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ
so: 12
ky_hieu: BC-UBND
dia_danh: Phong Thổ
ngay: 2024-03-15
trich_yeu: Kết quả thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững
ky:
  quyen_han: TM. ỦY BAN NHÂN DÂN
  chuc_vu: CHỦ TỊCH
  ho_ten: Nguyễn Văn A
noi_nhan:
  - UBND tỉnh Lai Châu (b/c)
  - Lưu: VT, LĐTBXH
---

# I. KẾT QUẢ THỰC HIỆN

Hỗ trợ nhà ở cho 299 hộ nghèo, hộ cận nghèo có hoàn cảnh khó khăn trên địa bàn
huyện (trong đó, hỗ trợ làm mới 285 hộ, sửa chữa 14 hộ), giải ngân 11.680/12.060
triệu đồng đạt 96,85% kế hoạch vốn./.
"""
GNU = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): error: .+$")


def write(name, text, mode="w"):
    p = os.path.join(tmp, name)
    with open(p, mode) as f:
        f.write(text)
    return p


# --help, --version, usage errors
rc, out, err = P.run("--help")
P.check(rc == 0 and "baocao build REPORT.md" in out, "--help prints usage, exit 0")
rc, out, err = P.run("--version")
P.check(rc == 0 and re.match(r"^baocao \d+\.\d+\.\d+\n$", out), "--version: %r" % out)
for args, what in [((), "no command"), (("frobnicate",), "unknown command"),
                   (("build",), "no REPORT.md"), (("build", "x.md", "--bogus"),
                                                  "unknown option"),
                   (("build", "x.md", "-o"), "option without its value"),
                   (("build", "x.md", "--data-locale", "fr"), "bad --data-locale"),
                   (("batch", "x.md"), "batch without --each")]:
    rc, out, err = P.run(*args)
    P.check(rc == 2 and "error:" in err, "usage error exits 2: " + what, err)

# A missing input is an I/O failure (3).
rc, out, err = P.run("build", os.path.join(tmp, "nope.md"))
P.check(rc == 3 and "error:" in err and "nope.md" in err, "missing input exits 3", err)

# A good build, from another working directory, with the default output name.
src = write("bao-cao.md", GOOD)
rc, out, err = P.run("build", src, cwd="/")
P.check(rc == 3, "an unwritable default output (cwd /) is an I/O error", err) \
    if os.geteuid() != 0 else None
work = tempfile.mkdtemp(prefix="baocao-cwd-")
rc, out, err = P.run("build", src, cwd=work)
pdf = os.path.join(work, "bao-cao.pdf")
P.check(rc == 0 and err == "" and os.path.exists(pdf),
        "build from another folder writes REPORT's stem .pdf in the cwd", err)
P.check(not [f for f in os.listdir(work) if ".tmp" in f], "no temporary file left")

# Reproducible bytes; SOURCE_DATE_EPOCH sets the date.
a, b = os.path.join(tmp, "a.pdf"), os.path.join(tmp, "b.pdf")
P.run("build", src, "-o", a)
P.run("build", src, "-o", b)
P.check(open(a, "rb").read() == open(b, "rb").read(), "same input, same bytes")
info = subprocess.run(["pdfinfo", a], capture_output=True, text=True).stdout
P.check("CreationDate" not in info, "no date in the PDF without SOURCE_DATE_EPOCH")
P.run("build", src, "-o", b, env={"SOURCE_DATE_EPOCH": "1718000000"})
info = subprocess.run(["pdfinfo", b], capture_output=True, text=True).stdout
P.check(re.search(r"CreationDate:.*2024", info), "SOURCE_DATE_EPOCH sets CreationDate")
P.check("Title:" in info and "Kết quả thực hiện" in info and
        "ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ" in info,
        "Title and Author come from trich_yeu and co_quan")

# `check` writes nothing, and refuses -o rather than ignore it.
cdir = tempfile.mkdtemp(prefix="baocao-check-")
rc, out, err = P.run("check", src, cwd=cdir)
P.check(rc == 0 and os.listdir(cdir) == [], "check exits 0 and writes no PDF", err)
rc, out, err = P.run("check", src, "-o", os.path.join(cdir, "x.pdf"))
P.check(rc == 2 and "-o is for build" in err and os.listdir(cdir) == [],
        "check -o is a usage error (exit 2), nothing written", err)

# A failed build leaves the previous PDF untouched and says FILE:LINE:COL.
good_bytes = open(a, "rb").read()
bad = write("bad.md", GOOD.replace("ky_hieu: BC-UBND", "ky_hieu: [BC-UBND"))
rc, out, err = P.run("build", bad, "-o", a)
lines = err.strip().splitlines()
m = GNU.match(lines[0]) if lines else None
P.check(rc == 1 and len(lines) == 1 and m and m.group("file") == bad,
        "broken YAML: one line FILE:LINE:COL: error:, exit 1", err)
P.check(m and m.group("line") in ("5", "6"), "the YAML error points at its line", err)
P.check(open(a, "rb").read() == good_bytes, "the existing PDF is untouched")
P.check(not [f for f in os.listdir(tmp) if ".tmp" in f], "no temporary file left")

# Unclosed front matter, invalid UTF-8, a character the font lacks.
rc, out, err = P.run("build", write("open.md", "---\nco_quan: X\n\nBody.\n"),
                     "-o", os.path.join(tmp, "o.pdf"))
P.check(rc == 1 and GNU.match(err.strip()) and ":1:1: error:" in err,
        "front matter without its closing '---' is an error at 1:1", err)
bad_utf8 = write("utf8.md", b"---\nco_quan: A\n---\n\nD\xc3\xb2ng m\xf4t.\n", "wb")
rc, out, err = P.run("build", bad_utf8, "-o", os.path.join(tmp, "u.pdf"))
P.check(rc == 1 and "utf8.md:5:7: error:" in err and "UTF-8" in err,
        "invalid UTF-8 is an error at its line and column", err)
P.check(not os.path.exists(os.path.join(tmp, "u.pdf")), "and no PDF is written")
cjk = write("cjk.md", GOOD.replace("giải ngân", "giải ngân 中"))
rc, out, err = P.run("build", cjk, "-o", os.path.join(tmp, "c.pdf"))
P.check(rc == 1 and "U+4E2D" in err and "BaocaoSerif" in err and
        re.match(r"^[^:]+cjk\.md:\d+(:\d+)?: error:", err),
        "a character the font lacks names code point, font and line", err)

# The output must not overwrite the template.
rc, out, err = P.run("build", src, "-o", src)
P.check(rc != 0 and open(src).read() == GOOD, "output equal to the input is refused", err)

# NFD input gives the same text (and bytes) as its NFC twin.
nfd = write("nfd.md", unicodedata.normalize("NFD", GOOD))
P.check(open(nfd, encoding="utf-8").read() != GOOD, "the NFD twin differs in bytes")
d = os.path.join(tmp, "nfd.pdf")
rc, out, err = P.run("build", nfd, "-o", d)
P.check(rc == 0, "NFD template builds", err)
P.check(P.pdftotext(d) == P.pdftotext(a), "NFD template extracts like its NFC twin")
P.check(open(d, "rb").read() == good_bytes, "and gives the same bytes")

# CRLF and a BOM are read like LF.
crlf = write("crlf.md", ("\ufeff" + GOOD).replace("\n", "\r\n"))
rc, out, err = P.run("build", crlf, "-o", os.path.join(tmp, "crlf.pdf"))
P.check(rc == 0 and P.pdftotext(os.path.join(tmp, "crlf.pdf")) == P.pdftotext(a),
        "a BOM and CRLF line ends read like LF", err)

# --set overrides header parts as well as the body's view of them.
md = ("---\nco_quan: UBND XÃ A\nngay: 2024-06\ndia_danh: Phong Thổ\n---\n\n"
      "Cơ quan: {{ co_quan }}; ngày: {{ ngay }}.\n\n- 1. Một ý có số.\n")
rc, err, out = P.build(md, "set", args=("--set", "co_quan=UBND XÃ B", "--set",
                                        "ngay=2024-06-15"))
t = P.nfc(P.pdftotext(out, layout=True)) if rc == 0 else ""
P.check(rc == 0 and t.lstrip().startswith("UBND XÃ B") and
        "Phong Thổ, ngày 15 tháng 6 năm 2024" in t and
        "Cơ quan: UBND XÃ B; ngày: 2024-06-15." in t,
        "--set changes the header's agency and date too", t[:300] + err)
P.check("- 1. Một ý có số." in t, "a dash item starting with '1.' keeps both markers")
# --data-locale c reads front-matter numbers the C way without a data folder.
md = '---\nco_quan: A\nx: "1234.5"\n---\n\n{{ x * 2 }}\n'
rc, err, out = P.build(md, "loc", args=("--data-locale", "c"))
P.check(rc == 0 and "2469" in P.pdftotext(out), "--data-locale c applies to "
        "front-matter values when there is no data folder", err)

shutil.rmtree(work, ignore_errors=True)
P.done()
