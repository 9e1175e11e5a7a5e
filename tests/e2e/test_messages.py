"""Messages in Vietnamese under a Vietnamese locale, English otherwise; the
same locations, exit codes and PDF bytes; every message in the sources has
a Vietnamese translation in po/vi.po. Issue 18, acceptance 4. This machine
(like a fresh CI one) has no vi_VN locale generated: `locale -a` does not
list it, so the catalogue must not depend on setlocale."""
import os
import re
import subprocess
import tempfile

import pdfutil as P

tmp = tempfile.mkdtemp(prefix="baocao-msg-")
BAD = "---\nco_quan: UBND XÃ A\n---\n\nĐoạn đầu.\n\nTổng {{ khong_co_ten }} hộ.\n"
src = os.path.join(tmp, "r.md")
with open(src, "w") as f:
    f.write(BAD)
CLEAN = {k: "" for k in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}


def run(env, *args):
    e = dict(CLEAN)
    e.update(env)
    return P.run(*args, env=e)


locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout
print("# vi_VN locale generated here: %s" % ("vi_VN" in locales))

rc, _, err = run({"LANG": "vi_VN.UTF-8"}, "build", src, "-o", os.path.join(tmp, "r.pdf"))
P.check(rc == 1 and re.match(r"^%s:7:\d+: lỗi: không có tên 'khong_co_ten'" % re.escape(src), err),
        "LANG=vi_VN.UTF-8: FILE:LINE:COL: lỗi: ... in Vietnamese, exit 1", err)
rc2, _, err2 = run({"LANG": "C.UTF-8"}, "build", src, "-o", os.path.join(tmp, "r.pdf"))
P.check(rc2 == 1 and re.match(r"^%s:7:\d+: error: unknown name 'khong_co_ten'" % re.escape(src),
                              err2), "LANG=C.UTF-8: English", err2)
P.check(err.split(": ")[0] == err2.split(": ")[0], "the location is the same in both languages")
rc, _, err = run({}, "build", src, "-o", os.path.join(tmp, "r.pdf"))
P.check("error: unknown name" in err, "no locale variables: English", err)

# gettext's order: LC_ALL before LC_MESSAGES before LANG; LANGUAGE (a list)
# before all of them, except under the C locale
for env, vi in [({"LANGUAGE": "vi", "LANG": "en_US.UTF-8"}, True),
                ({"LANGUAGE": "fr:vi", "LANG": "fr_FR.UTF-8"}, True),
                ({"LANGUAGE": "en:vi", "LANG": "vi_VN.UTF-8"}, False),
                ({"LANGUAGE": "vi", "LANG": "C"}, False),
                ({"LC_ALL": "en_US.UTF-8", "LANG": "vi_VN.UTF-8"}, False),
                ({"LC_ALL": "vi_VN", "LANG": "en_US.UTF-8"}, True),
                ({"LC_MESSAGES": "vi_VN.UTF-8", "LANG": "en_US.UTF-8"}, True),
                ({"LANG": "vi"}, True)]:
    rc, _, err = run(env, "build", src, "-o", os.path.join(tmp, "r.pdf"))
    P.check(("lỗi:" in err) == vi and rc == 1,
            "%s: %s" % (" ".join("%s=%s" % kv for kv in env.items()),
                        "Vietnamese" if vi else "English"), err)

VI = {"LANG": "vi_VN.UTF-8"}
rc, _, err = run(VI, "frobnicate")
P.check(rc == 2 and err.startswith("baocao: lỗi: không có lệnh 'frobnicate'"),
        "usage errors in Vietnamese, exit 2", err)
rc, out, _ = run(VI, "--help")
P.check(rc == 0 and "Cách dùng" in out and "--deps" in out, "--help in Vietnamese", out[:200])
rc, out, _ = run(VI, "build", "--help")
P.check(rc == 0 and "Cách dùng: baocao build" in out, "build --help in Vietnamese")
good = os.path.join(tmp, "ok.md")
with open(good, "w") as f:
    f.write("---\nco_quan: UBND XÃ A\n---\n\nĐoạn văn.\n")
rc, _, err = run(VI, "check", good)
P.check(rc == 0 and "cảnh báo: chưa có 'trich_yeu'" in err, "check's warnings in Vietnamese", err)
# the language changes no byte of the PDF
pdfs = []
for env in (VI, {"LANG": "C.UTF-8"}):
    out = os.path.join(tmp, "ok-%d.pdf" % len(pdfs))
    rc, _, err = run(dict(env, SOURCE_DATE_EPOCH="1700000000"), "build", good, "-o", out)
    pdfs.append(open(out, "rb").read() if rc == 0 else None)
P.check(pdfs[0] and pdfs[0] == pdfs[1], "the PDF is the same bytes in both languages")

# every message in the sources has a Vietnamese translation
pot = os.path.join(tmp, "baocao.pot")
mk = open(os.path.join(P.ROOT, "Makefile")).read()
keys = re.search(r"XGETTEXT_KEYS := (.*?)\n\n", mk, re.S).group(1).replace("\\\n", " ").split()
srcs = sorted(os.path.join(P.ROOT, "generator", f) for f in os.listdir(
    os.path.join(P.ROOT, "generator")) if f.endswith((".c", ".h")))
x = subprocess.run(["xgettext", "--from-code=UTF-8", "--language=C", "--no-location",
                    "-o", pot] + keys + srcs, capture_output=True, text=True)
P.check(x.returncode == 0, "xgettext reads the sources", x.stderr)


def msgids(path):
    text = subprocess.run(["msgcat", "--no-wrap", path], capture_output=True,
                          text=True).stdout
    out = {}
    for m in re.finditer(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', text, re.M):
        unq = lambda s: "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', s))
        out[unq(m.group(1))] = unq(m.group(2))
    return out


want = msgids(pot)
have = msgids(os.path.join(P.ROOT, "po", "vi.po"))
missing = [m for m in want if m and not have.get(m)]
P.check(len(want) > 100 and not missing,
        "every message in generator/*.[ch] (%d) has a Vietnamese translation in po/vi.po "
        "(run `make pot`, then translate the empty msgstr)" % len(want), "\n".join(missing))
c = subprocess.run(["msgfmt", "--check", "-o", "/dev/null",
                    os.path.join(P.ROOT, "po", "vi.po")], capture_output=True, text=True)
P.check(c.returncode == 0, "msgfmt --check po/vi.po (formats match)", c.stderr)

# ---- no English left inside a Vietnamese message ----
# Parts composed into a message at run time (a cell's place, a key's role,
# a file's kind, the system's reason, a lint finding's detail) must come
# through the catalogue too: every tests/bad case, and the linter's
# findings, read under LANG=vi with what the user wrote taken out.
import vi_leaks  # noqa: E402

VI_ONLY = dict(CLEAN, LANG="vi_VN.UTF-8")
bad = vi_leaks.bad_case_messages(VI_ONLY)
leaks = vi_leaks.leaks(bad)
P.check(len(bad) > 100 and not leaks,
        "LANG=vi: no English words in the messages of %d tests/bad cases" % len(bad),
        "\n".join("%s %s\n    %s" % (n, w, l) for n, l, w in leaks))
LINT = ("---\nco_quan: UBND XÃ A\n---\n\n# I. KẾT QUẢ\n\nTỷ lệ đạt 30.05%, vốn 1,234,567 "
        "đồng. Họp ngày 31/02/2024 và 29/02/2023; ngày 15 tháng 13 năm 2024.\n\n"
        "| TT | Xã | Hộ |\n|---|---|--:|\n| 1 | Mường So | 10 |\n| 2 | Bản Lang | 20 |\n"
        "| | Tổng cộng | 31 |\n\n| | Tổng cộng | 5 |\n|---|---|\n| 1 | 2 |\n\n"
        "# III. NHIỆM VỤ\n\nLàm tiếp.\n")
lsrc = os.path.join(tmp, "lint.md")
with open(lsrc, "w") as f:
    f.write(LINT)
rc, _, err = run({"LANG": "vi_VN.UTF-8"}, "check", lsrc)
found = [("check", l) for l in err.splitlines()]
leaks = vi_leaks.leaks(found)
P.check(rc == 0 and len(found) >= 6 and not leaks,
        "LANG=vi: the linter's findings (tong, so, ngay, muc, bo-cuc) hold no English",
        err + "\n".join(str(x) for x in leaks))
P.check(bool(vi_leaks.leaks([("en", "x.md:1:1: error: cell 'a' at data/t.csv:2:1 (row 1, "
                                     "column a) is not a number")])),
        "the English-word check finds an English message (it can fail)")
P.done()
