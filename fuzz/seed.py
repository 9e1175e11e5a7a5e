#!/usr/bin/env python3
"""Fill build/fuzz/corpus/TARGET with seeds: the hand-written ones in
fuzz/seeds/TARGET/ plus pieces of the samples, templates and test data
(samples/*/bao-cao.md, templates/*/bao-cao.md, every CSV under samples/,
templates/ and tests/data/, the templates the end-to-end tests write).
Long templates are cut at blank lines into pieces below the target's
max_len, so libFuzzer sees whole constructs, not truncated ones.
Usage: fuzz/seed.py CORPUS_DIR TARGET MAX_LEN"""
import glob
import hashlib
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))


def split_front(text):
    m = re.match(r"---\n(.*?\n)(---|\.\.\.)\n", text, re.S)
    if not m:
        return "", text
    return text[:m.end()], text[m.end():]


def pieces(body, limit):
    out, cur = [], ""
    for para in re.split(r"(?<=\n)\n", body):
        if cur and len((cur + para).encode()) > limit:
            out.append(cur)
            cur = ""
        cur += para + ("\n" if not para.endswith("\n") else "")
    if cur:
        out.append(cur)
    return [p for p in out if len(p.encode()) <= limit]


def templates():
    files = sorted(glob.glob(os.path.join(ROOT, "samples", "*", "bao-cao.md")) +
                   glob.glob(os.path.join(ROOT, "templates", "*", "bao-cao.md")))
    for f in files:
        yield open(f, encoding="utf-8").read()
    # templates written by the end-to-end tests (triple-quoted strings
    # that hold front matter or placeholders)
    for f in sorted(glob.glob(os.path.join(ROOT, "tests", "e2e", "test_*.py"))):
        src = open(f, encoding="utf-8").read()
        for m in re.finditer(r'"""(.*?)"""', src, re.S):
            t = m.group(1)
            if t.startswith("---\n") or "{{" in t:
                yield t


def csvs():
    pats = ["samples/*/data/*.csv", "templates/*/data/*.csv", "tests/data/csv/*.csv"]
    for p in pats:
        for f in sorted(glob.glob(os.path.join(ROOT, p))):
            yield open(f, "rb").read()


def xlsx_parts():
    """The committed workbooks whole, and their XML parts as fuzz_xlsx
    takes them: sheet, shared strings, styles, workbook, joined by two
    NUL bytes."""
    import zipfile
    for f in sorted(glob.glob(os.path.join(ROOT, "tests", "data", "workbooks", "*.xlsx"))):
        raw = open(f, "rb").read()
        yield raw
        z = zipfile.ZipFile(f)
        names = z.namelist()
        parts = [z.read(n) if n in names else b"" for n in
                 ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
                  "xl/workbook.xml")]
        yield b"\0\0".join(parts)
        yield parts[0]
    for f in sorted(glob.glob(os.path.join(ROOT, "tests", "data", "workbooks", "*.xls"))):
        yield open(f, "rb").read()


def seeds(target, limit):
    for f in sorted(glob.glob(os.path.join(ROOT, "fuzz", "seeds", target, "*"))):
        yield open(f, "rb").read()
    if target in ("font", "diag"):  # only the hand-made seeds
        return
    if target == "csv":
        for c in csvs():
            yield c[:limit]
        return
    if target == "xlsx":
        yield from xlsx_parts()
        return
    for t in templates():
        front, body = split_front(t)
        if target == "frontmatter":
            if front:
                yield front.encode()
            continue
        for p in pieces(body, limit - (len(front.encode()) if target == "pipeline" else 0)):
            yield ((front if target == "pipeline" else "") + p).encode()


def main():
    corpus, target, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(corpus, exist_ok=True)
    n = 0
    for s in seeds(target, limit):
        if not s or len(s) > limit:
            continue
        name = os.path.join(corpus, "seed-" + hashlib.sha1(s).hexdigest()[:16])
        if not os.path.exists(name):
            open(name, "wb").write(s)
            n += 1
    print("%s: %d new seeds in %s" % (target, n, corpus))


main()
