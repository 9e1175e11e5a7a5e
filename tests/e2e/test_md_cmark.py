"""Markdown is read through cmark-gfm alone (issue 12): footnote
references and definitions are those cmark-gfm finds, so inline code and
escaped brackets holding "[^x]" print as written, labels ignore case as
cmark's do, and a definition cmark-gfm drops is reported where it stands."""
import re
import tempfile

import pdfutil as P

tmp = tempfile.mkdtemp(prefix="baocao-mdcmark-")
FM = "---\ntrich_yeu: Báo cáo thử\n---\n\n"


def body_text(pdf):
    return P.squash(P.pdftotext(pdf))


# 1. inline code holding [^x]: no footnote, printed as written
md = FM + "Cú pháp chú thích là `[^x]` trong văn bản, và `a [^ghi-chu] b`.\n"
rc, err, pdf = P.build(md, "code", tmp=tmp)
P.check(rc == 0 and err == "", "inline code holding [^x] builds with no message", err)
if rc == 0:
    t = body_text(pdf)
    P.check("là [^x] trong" in t and "a [^ghi-chu] b" in t,
            "inline code holding [^x] prints as written", t[-300:])
    P.check(not P.numbers_at(P.glyphs(pdf), round(14 * 0.65, 2)),
            "no superscript number was set for it")

# 2. an escaped bracket: text, not a reference
md = FM + "Viết \\[^1] để ghi chú.\n"
rc, err, pdf = P.build(md, "escaped", tmp=tmp)
P.check(rc == 0 and err == "" and "Viết [^1] để" in body_text(pdf),
        "\\[^1] prints as [^1] with no message", err)

# 3. labels ignore case, as cmark-gfm's do: [^Nguon] finds [^nguon]
md = FM + "Số liệu[^Nguon].\n\n[^nguon]: Cục Thống kê.\n"
rc, err, pdf = P.build(md, "case", tmp=tmp)
P.check(rc == 0 and err == "", "a reference finds its definition whatever the case", err)
if rc == 0:
    P.check("Cục Thống kê." in body_text(pdf), "and its note is printed")

# 4. a reference inside inline code next to a real one: only the real one
md = FM + "Mã `[^a]` và câu[^a].\n\n[^a]: Ghi chú A.\n"
rc, err, pdf = P.build(md, "mixed", tmp=tmp)
t = body_text(pdf) if rc == 0 else ""
P.check(rc == 0 and err == "" and "Mã [^a] và" in t and "Ghi chú A." in t,
        "code [^a] stays text while the reference [^a] gets its note", err)

# 5. a real reference with no definition is still an error at its column
md = FM + "Câu `[^a]` và câu[^b].\n"
rc, err, pdf = P.build(md, "undef", tmp=tmp)
P.check(rc == 1 and re.match(r"^.*undef\.md:5:18: error: footnote \[\^b\] has no "
                             r"definition", err) and "[^a]" not in err,
        "only the real reference is an error, at its column", err)

# 6. definitions cmark-gfm drops: unused, in a quote, or a second one
md = FM + "Câu[^a].\n\n[^a]: Một.\n[^a]: Hai.\n\n> [^q]: Trong trích dẫn.\n"
rc, err, pdf = P.build(md, "unused", tmp=tmp)
lines = err.splitlines()
P.check(rc == 0 and len(lines) == 2 and
        re.match(r"^.*unused\.md:8:1: warning: footnote \[\^a\] is defined twice", lines[0])
        and re.match(r"^.*unused\.md:10:3: warning: footnote \[\^q\] is defined but never "
                     r"referenced", lines[1]),
        "a second definition and an unused one in a quote are warnings at them", err)

# 7. an indented code block holding "[^x]: ..." is code, not a definition
md = FM + "Đoạn văn.\n\n    [^x]: không phải chú thích\n"
rc, err, pdf = P.build(md, "indented", tmp=tmp)
P.check(rc == 0 and "footnote" not in err, "an indented [^x]: line is no definition", err)

# 8. the cells of a table in a quote are counted before cmark-gfm too
md = FM + "> |" + "a|" * 60 + "\n> |" + "-|" * 60 + "\n" + "> x\n" * 10000
rc, err, pdf = P.build(md, "quoted-bomb", tmp=tmp)
P.check(rc == 1 and re.match(r"^.*quoted-bomb\.md:5:1: error: the tables have more "
                             r"than 500000 cells in all", err),
        "a table bomb inside a quote is refused before cmark-gfm", err)
P.done()
