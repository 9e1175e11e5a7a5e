"""Malformed and hostile inputs (issue 7): every case in tests/bad/ and a
few generated ones must end with the documented exit status (DESIGN.md
§1: 1 input, 2 usage, 3 I/O) and exactly one line on stderr,
`FILE:LINE:COL: error: MESSAGE` (or `baocao: error: MESSAGE` when no place
applies), and must lose nothing: no output file appears, a previous one
keeps its bytes, no temporary file is left behind, no input changes.

A case is a folder tests/bad/NNN-name/ holding bao-cao.md, optionally
data/*.csv and other files, an `args` line, and `expect`: the exit status
and a regular expression the stderr line must match (tests/bad/README.md).
Each case runs in a copy in a scratch folder, from that folder, as
`baocao build bao-cao.md -o out.pdf ARGS`; every other case first finds a
previous out.pdf there (known bytes) that must survive.

Generated here rather than committed: a 10 MB line, a CSV with 10.000
columns, a YAML alias bomb, more than 10.000 YAML nodes, a 17 MB template,
a table of more than 1.000.000 rows, an expansion past 10 MB.
"""
import hashlib
import os
import re
import shlex
import shutil
import stat
import subprocess
import tempfile

import pdfutil as P

BAD = os.path.join(P.ROOT, "tests", "bad")
# FILE[:LINE[:COL]]: error: ..., FILE being the template, a CSV or a
# workbook as data/NAME.csv (.xlsx, .xls) or --set; or baocao: error: ... when no place applies.
FORMAT = re.compile(r"^(?:(?:bao-cao\.md|khong-co\.md|data/[^:/]+\.(?:csv|xlsx|xls)|--set)"
                    r"(?::\d+(?::\d+)?)?|baocao): error: \S")
PREVIOUS = b"%PDF-1.4\n% the previous good report: must survive a failed build\n"
SANITIZER = re.compile(r"AddressSanitizer|LeakSanitizer|runtime error:|"
                       r"UndefinedBehaviorSanitizer|Segmentation fault")
# A sanitizer report must not be mistaken for exit status 1.
ENV = {"ASAN_OPTIONS": "exitcode=86:detect_leaks=1",
       "UBSAN_OPTIONS": "exitcode=87:print_stacktrace=1"}


def snapshot(root):
    """{relative path: sha256} of every file under root."""
    out = {}
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            if not stat.S_ISREG(os.lstat(p).st_mode):  # FIFOs, devices, links
                out[os.path.relpath(p, root)] = "special %o" % os.lstat(p).st_mode
                continue
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root)] = hashlib.sha256(fh.read()).hexdigest()
    return out


def arg_bytes(a):
    """An args word; \\xNN writes a raw byte (invalid UTF-8 on purpose)."""
    if "\\x" not in a:
        return a
    return os.fsdecode(a.encode("latin-1").decode("unicode_escape").encode("latin-1"))


def command(words):
    """The baocao command line of a case. Pseudo-options: --input FILE
    names the template instead of bao-cao.md; --batch TABLE PATTERN runs
    `batch` with -d data --each TABLE -o PATTERN."""
    template, extra, out = "bao-cao.md", [], ["-o", "out.pdf"]
    cmd = "build"
    i = 0
    while i < len(words):
        w = words[i]
        if w == "--input":
            template = words[i + 1]
            i += 2
        elif w == "--batch":
            cmd = "batch"
            out = ["-d", "data", "--each", words[i + 1], "-o", words[i + 2]]
            i += 3
        elif w == "-o":
            out = ["-o", words[i + 1]]
            i += 2
        else:
            extra.append(w)
            i += 1
    return [cmd, template] + out + extra


def run_in(folder, argv):
    e = dict(os.environ)
    e.update(ENV)
    p = subprocess.run([P.BAOCAO] + argv, cwd=folder, env=e, capture_output=True,
                       timeout=60)
    return p.returncode, p.stderr.decode("utf-8", "replace")


def check_case(name, folder, argv, code, regex, previous):
    """Run one case in folder and check status, message and files."""
    out = os.path.join(folder, "out.pdf")
    if previous:
        with open(out, "wb") as f:
            f.write(PREVIOUS)
    before = snapshot(folder)
    rc, err = run_in(folder, argv)
    after = snapshot(folder)
    lines = err.splitlines()
    P.check(not SANITIZER.search(err), "%s: no sanitizer report" % name, err)
    P.check(rc == code, "%s: exit status %d" % (name, code), "got %d\n%s" % (rc, err))
    one = len(lines) == 1 and FORMAT.match(lines[0]) is not None
    P.check(one, "%s: one line 'FILE:LINE:COL: error: ...' or 'baocao: error: ...'"
            % name, err)
    P.check(bool(lines) and re.search(regex, lines[0]) is not None,
            "%s: the message says what is wrong" % name,
            "want /%s/\ngot  %s" % (regex, lines[0] if lines else "(nothing)"))
    new = sorted(set(after) - set(before))
    changed = sorted(k for k in before if after.get(k) != before[k])
    P.check(not new and not changed,
            "%s: nothing written (%s), inputs unchanged" %
            (name, "previous out.pdf kept" if previous else "no out.pdf"),
            "new: %s\nchanged or removed: %s" % (new, changed))


def run_folder_cases():
    cases = sorted(d for d in os.listdir(BAD) if os.path.isdir(os.path.join(BAD, d)))
    P.check(len(cases) >= 50, "tests/bad holds at least 50 cases (%d)" % len(cases))
    tmp = tempfile.mkdtemp(prefix="baocao-bad-")
    try:
        for i, name in enumerate(cases):
            src = os.path.join(BAD, name)
            with open(os.path.join(src, "expect"), encoding="utf-8") as f:
                code, regex = f.readline().rstrip("\n").split(" ", 1)
            words = []
            if os.path.exists(os.path.join(src, "args")):
                with open(os.path.join(src, "args"), encoding="utf-8") as f:
                    words = [arg_bytes(w) for w in shlex.split(f.read())]
            folder = os.path.join(tmp, name)
            shutil.copytree(src, folder)
            os.unlink(os.path.join(folder, "expect"))
            if os.path.exists(os.path.join(folder, "args")):
                os.unlink(os.path.join(folder, "args"))
            check_case(name, folder, command(words), int(code), regex, i % 2 == 1)
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


FM = "---\nco_quan: UBND HUYỆN PHONG THỔ\ntrich_yeu: Báo cáo thử\n---\n"


def generated(name, md, data, code, regex, argv=None, previous=True):
    tmp = tempfile.mkdtemp(prefix="baocao-bad-")
    try:
        folder = os.path.join(tmp, name)
        os.makedirs(os.path.join(folder, "data") if data else folder)
        with open(os.path.join(folder, "bao-cao.md"), "wb") as f:
            f.write(md if isinstance(md, bytes) else md.encode("utf-8"))
        for k, v in (data or {}).items():
            with open(os.path.join(folder, "data", k), "wb") as f:
                f.write(v if isinstance(v, bytes) else v.encode("utf-8"))
        check_case(name, folder, argv or command([]), code, regex, previous)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def special(name, kind, where, code, regex, argv=(), previous=True):
    """A case whose input is a FIFO, a device node (root only: made
    privately with mknod, never the real /dev/null), a link loop or a
    broken link at `where`, built in a scratch folder under a 20 s limit."""
    if kind == "device" and os.geteuid() != 0:
        P.check(True, "%s: skipped (needs root for mknod)" % name)
        return
    tmp = tempfile.mkdtemp(prefix="baocao-bad-")
    try:
        folder = os.path.join(tmp, name)
        os.makedirs(os.path.join(folder, "data"))
        with open(os.path.join(folder, "bao-cao.md"), "w", encoding="utf-8") as f:
            f.write(FM + "\nThân bài.\n")
        if where.startswith("f/"):
            shutil.copytree(os.path.join(P.ROOT, "build", "fonts"),
                            os.path.join(folder, "f"))
        p = os.path.join(folder, where)
        if kind == "fifo":
            os.mkfifo(p)
        elif kind == "device":
            os.mknod(p, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        elif kind == "loop":
            os.symlink(os.path.basename(p), p)
        elif kind == "dangling":
            os.symlink("khong-co.csv", p)
        if code == 0:
            e = dict(os.environ)
            e.update(ENV)
            r = subprocess.run([P.BAOCAO, "build", "bao-cao.md", "-o", "out.pdf"] + list(argv),
                               cwd=folder, env=e, capture_output=True, timeout=20)
            P.check(r.returncode == 0 and os.path.exists(os.path.join(folder, "out.pdf")),
                    "%s: skipped, the build goes on" % name, r.stderr.decode())
        else:
            check_case(name, folder, ["build", "bao-cao.md", "-o", "out.pdf"] + list(argv),
                       code, regex, previous)
        if kind == "device":
            P.check(stat.S_ISCHR(os.stat(p).st_mode), "%s: the device is still a device" % name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def mutated_font_case(what):
    import struct
    name = "font-" + what
    tmp = tempfile.mkdtemp(prefix="baocao-bad-")
    try:
        folder = os.path.join(tmp, name)
        shutil.copytree(os.path.join(P.ROOT, "build", "fonts"), os.path.join(folder, "f"))
        with open(os.path.join(folder, "bao-cao.md"), "w", encoding="utf-8") as f:
            f.write(FM + "\nThân bài.\n")
        path = os.path.join(folder, "f", "BaocaoSerif-Regular.ttf")
        b = bytearray(open(path, "rb").read())
        tabs = {}
        for i in range(struct.unpack(">H", b[4:6])[0]):
            e = 12 + 16 * i
            tabs[bytes(b[e:e + 4])] = struct.unpack(">II", b[e + 8:e + 16])
        if what == "loca-past-glyf":
            off, ln = tabs[b"loca"]
            long_loca = struct.unpack(">h", b[tabs[b"head"][0] + 50:tabs[b"head"][0] + 52])[0]
            if long_loca:
                struct.pack_into(">I", b, off + 4 * 5, 0x7FFFFFF0)
            else:
                struct.pack_into(">H", b, off + 2 * 5, 0xFFF0)
        else:
            struct.pack_into(">H", b, tabs[b"maxp"][0] + 4, 0xFFFF)
        open(path, "wb").write(b)
        check_case(name, folder, ["build", "bao-cao.md", "-o", "out.pdf", "--font-dir", "f"],
                   3, r"^baocao: error: cannot read TrueType font 'f/BaocaoSerif-Regular\.ttf'",
                   True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_generated_cases():
    # a 10 MB line (no line may exceed 1 MB)
    generated("10mb-line", FM + "\n" + "chữ " * ((10 << 20) // 6) + "\n", None, 1,
              r"^bao-cao\.md:6:\d+: error: line longer than 1 MB")
    # the same line in a CSV cell
    generated("csv-10mb-line", FM + "\n{{ count(t) }}\n",
              {"t.csv": "a\n" + "x" * (10 << 20) + "\n"}, 1,
              r"^data/t\.csv:2:\d+: error: line longer than 1 MB")
    # 10.000 columns (at most 1000)
    generated("csv-10000-columns", FM + "\n{{ count(t) }}\n",
              {"t.csv": ",".join("cot%d" % i for i in range(10000)) + "\n" +
               ",".join("1" for _ in range(10000)) + "\n"}, 1,
              r"^data/t\.csv:1:\d+: error: more than 1000 columns in one row")
    # billion laughs: never expanded, refused at the first alias
    bomb = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    for k in range(1, 10):
        prev, cur = chr(ord("a") + k - 1), chr(ord("a") + k)
        bomb += "%s: &%s [%s]\n" % (cur, cur, ",".join(["*" + prev] * 9))
    generated("yaml-billion-laughs", bomb + "---\nThân bài.\n", None, 1,
              r"^bao-cao\.md:3:\d+: error: front matter: aliases \(\*a\) are not supported")
    # more than 10.000 YAML nodes, no alias needed
    generated("yaml-too-many-nodes", "---\nds: [" + ",".join(["1"] * 10001) + "]\n---\n",
              None, 1, r"^bao-cao\.md:2:\d+: error: front matter too large or too deeply nested")
    # a template over 16 MB (short lines)
    generated("template-17mb", FM + "\nDòng văn bản.\n" * ((17 << 20) // 16), None, 1,
              r"^bao-cao\.md:1:1: error: file is larger than 16 MB")
    # a CSV over 16 MB
    generated("csv-17mb", FM + "\n{{ count(t) }}\n",
              {"t.csv": "a,b\n" + "1234567,7654321\n" * ((17 << 20) // 16)}, 1,
              r"^data/t\.csv:1:1: error: CSV file larger than 16 MB")
    # more than 1.000.000 rows
    generated("csv-too-many-rows", FM + "\n{{ count(t) }}\n",
              {"t.csv": "a\n" + "1\n" * 1000001}, 1,
              r"^data/t\.csv:1000002:1: error: more than 1000000 rows in one table")
    # an expansion past 10 MB (300 x 100 lines of 400 bytes; 30.000 lines)
    generated("expansion-too-large", FM + "\n{{#each t}}{{#each u}}Dòng {{ a }} " + "x" * 400 +
              "\n{{/each}}{{/each}}\n", {"t.csv": "a\n" + "".join("%d\n" % i for i in range(300)),
                                        "u.csv": "b\n" + "".join("%d\n" % i for i in range(100))},
              1, r"^bao-cao\.md:6:\d+: error: the expanded report is larger than 10 MB")
    # more than 500.000 lines after expansion (800 x 800 short lines)
    generated("expansion-too-many-lines", FM + "\n{{#each t}}{{#each t}}Dòng {{ a }}.\n"
              "{{/each}}{{/each}}\n", {"t.csv": "a\n" + "".join("%d\n" % i for i in range(800))},
              1, r"^bao-cao\.md:6:1: error: the expanded report has more than 500000 lines")
    # more than 100.000 {{ }} tags
    generated("template-too-many-tags", "---\nx: a\n---\n" + "{{ x }}\n" * 100001, None, 1,
              r"^bao-cao\.md:100004:1: error: more than 100000 \{\{ \}\} tags in one template")
    # issue 13: data folder entries that are not files are named for what
    # they are (never opened: a FIFO would hang the build)
    for kind, what in [("fifo", "a FIFO"), ("loop", "a symbolic link loop"),
                       ("dangling", "a broken symbolic link"), ("device", "a device")]:
        special("data-entry-" + kind, kind, "data/t.csv", 1,
                r"^data/t\.csv:1:1: error: this is %s" % re.escape(what))
    # an output that is not a regular file is never replaced (as root,
    # -o /dev/null once turned the device into a PDF)
    for kind, what in [("fifo", "a FIFO"), ("device", "a device")]:
        special("output-is-" + kind, kind, "out.pdf", 3,
                r"^baocao: error: cannot write 'out\.pdf': it is %s" % re.escape(what),
                previous=False)
    # a FIFO among the fonts is skipped, not read (the build used to hang)
    special("font-dir-fifo", "fifo", "f/zzz.ttf", 0, None, argv=["--font-dir", "f"],
            previous=False)
    # fonts whose tables libharu would trust: a glyph offset past 'glyf',
    # a glyph count larger than 'hmtx' holds (a random byte change in
    # 150 mutated fonts crashed or hung libharu 2.3.0 seven times)
    for what in ("loca-past-glyf", "maxp-glyphs"):
        mutated_font_case(what)
    # batch: an input error in one row stops nothing but that row (exit 1
    # and the summary), while a bad -o stops the batch before it writes
    # anything (covered by the folder cases)


# ---- inputs that crashed a fuzzer (tests/data/fuzz-regress/TARGET/) ----
# Replayed through the command line with the fuzzers' fixed dataset and
# scalars (fuzz/fuzz.h): whatever they are, the build ends with 0 or 1,
# every stderr line is a well-formed message and no sanitizer complains.
FUZZ_XA = ("\ufeffma;Tên xã;Hộ nghèo;Tổng số hộ;Tỷ lệ (%);Ghi chú\r\n"
           "sin-suoi-ho;Sin Suối Hồ;215;1.250;17,2;\r\n"
           "mu-sang;Mù Sang;180;980;18,37;\"có \"\"điểm\"\" mới\"\r\n"
           "dao-san;Dào San;0;870;0;x\r\n")
FUZZ_VON = ("nam,von_dt,von_sn,ten\n2022,383.032,\"1.234,5\",Năm đầu\n"
            "2023,-92,65,\n2024,999.999.999.999,0,Năm cuối\n")
FUZZ_SETS = ["nam=2025", "chu_tich=Lò Văn Một", "ten_huyen=Phong Thổ", "so_ho=1.250",
             "ty_le=92,65", "ngay=2024-06-05", "rong=", "lon=999.999.999.999.999.999"]
MESSAGE = re.compile(r"^(?:[^:]+(?::\d+(?::\d+)?)?|baocao): (?:error|warning|note): \S")


def run_fuzz_regressions():
    root = os.path.join(P.ROOT, "tests", "data", "fuzz-regress")
    if not os.path.isdir(root):
        return
    for target in sorted(os.listdir(root)):
        for name in sorted(os.listdir(os.path.join(root, target))):
            with open(os.path.join(root, target, name), "rb") as f:
                data = f.read()
            tmp = tempfile.mkdtemp(prefix="baocao-fuzz-")
            try:
                os.makedirs(os.path.join(tmp, "data"))
                files = {"data/xa.csv": FUZZ_XA.encode(), "data/von.csv": FUZZ_VON.encode()}
                if target == "csv":
                    files["data/t.csv"] = data
                    files["bao-cao.md"] = b"{{ count(t) }} {{ table t }}\n"
                else:
                    files["bao-cao.md"] = data
                for k, v in files.items():
                    with open(os.path.join(tmp, k), "wb") as f:
                        f.write(v)
                argv = ["build", "bao-cao.md", "-o", "out.pdf"]
                if target == "template":
                    for kv in FUZZ_SETS:
                        argv += ["--set", kv]
                rc, err = run_in(tmp, argv)
                label = "fuzz-regress/%s/%s" % (target, name)
                P.check(not SANITIZER.search(err), label + ": no sanitizer report", err)
                bad = [ln for ln in err.splitlines() if not MESSAGE.match(ln)]
                P.check(rc in (0, 1) and not bad,
                        label + ": exit 0 or 1, every message well-formed",
                        "rc=%d\n%s" % (rc, "\n".join(bad) or err))
            finally:
                shutil.rmtree(tmp, ignore_errors=True)


def run_good_build():
    """A build that succeeds loses nothing either: its inputs keep their
    bytes, and the previous PDF is replaced by a rename (a new file), never
    rewritten in place, with no temporary file left."""
    tmp = tempfile.mkdtemp(prefix="baocao-good-")
    try:
        src = os.path.join(P.ROOT, "samples", "phong-tho-2024")
        folder = os.path.join(tmp, "phong-tho-2024")
        shutil.copytree(src, folder)
        out = os.path.join(folder, "out.pdf")
        with open(out, "wb") as f:
            f.write(PREVIOUS)
        old_ino = os.stat(out).st_ino
        keep = os.path.join(tmp, "keep-old.pdf")  # a second link to the old file
        os.link(out, keep)
        before = snapshot(folder)
        rc, err = run_in(folder, ["build", "bao-cao.md", "-o", "out.pdf"])
        after = snapshot(folder)
        P.check(rc == 0 and not SANITIZER.search(err), "good build: exit 0", err)
        inputs = [k for k in before if k != "out.pdf"]
        P.check(all(after.get(k) == before[k] for k in inputs) and
                sorted(after) == sorted(before),
                "good build: every input keeps its bytes, no other file appears",
                sorted(set(after) ^ set(before)))
        with open(out, "rb") as f:
            head = f.read(5)
        with open(keep, "rb") as f:
            old = f.read()
        P.check(head == b"%PDF-" and os.stat(out).st_ino != old_ino and old == PREVIOUS,
                "good build: the new PDF is renamed into place (the old file is not "
                "rewritten)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


run_folder_cases()
run_generated_cases()
run_fuzz_regressions()
run_good_build()
P.done()
