"""Helpers for the end-to-end tests: run baocao, read PDFs back with
poppler (pdftotext -bbox) and mupdf (mutool draw -F trace), and report
checks as TAP lines ("ok - ..." / "not ok - ...") that tests/run counts."""
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
BAOCAO = os.environ.get("BAOCAO", os.path.join(ROOT, "build", "baocao"))
MM = 72 / 25.4

failures = 0


def check(cond, msg, detail=None):
    global failures
    if cond:
        print("ok - " + msg)
    else:
        failures += 1
        print("not ok - " + msg)
        if detail is not None:
            for line in str(detail).splitlines()[:20]:
                print("#   " + line)
    return cond


def done():
    sys.exit(1 if failures else 0)


def run(*args, cwd=None, env=None):
    """Run baocao; returns (exit code, stdout, stderr)."""
    e = dict(os.environ)
    if env:
        e.update(env)
    p = subprocess.run([BAOCAO] + list(args), cwd=cwd, env=e,
                       capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def build(md_text, name="t", files=None, args=(), tmp=None):
    """Write md_text (and other files) to a scratch folder, build it and
    return (rc, stderr, pdf path)."""
    tmp = tmp or tempfile.mkdtemp(prefix="baocao-test-")
    src = os.path.join(tmp, name + ".md")
    with open(src, "w", encoding="utf-8") as f:
        f.write(md_text)
    for rel, content in (files or {}).items():
        p = os.path.join(tmp, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(p, mode) as f:
            f.write(content)
    out = os.path.join(tmp, name + ".pdf")
    rc, _, err = run("build", src, "-o", out, "--quiet", *args)
    return rc, err, out


def pdftotext(pdf, first=None, last=None, layout=False):
    cmd = ["pdftotext"]
    if layout:
        cmd.append("-layout")
    if first:
        cmd += ["-f", str(first)]
    if last:
        cmd += ["-l", str(last)]
    cmd += [pdf, "-"]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def npages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


class Word:
    def __init__(self, page, x0, y0, x1, y1, text):
        self.page, self.x0, self.y0, self.x1, self.y1, self.text = \
            page, x0, y0, x1, y1, text

    @property
    def h(self):
        return self.y1 - self.y0

    def __repr__(self):
        return "%s@p%d(%.1f,%.1f-%.1f,%.1f)" % (self.text, self.page, self.x0,
                                               self.y0, self.x1, self.y1)


def words(pdf):
    """Every word with its box (points, y down), per pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True,
                         text=True, check=True).stdout
    res, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                      r'yMax="([\d.]+)">(.*)</word>', line)
        if m:
            t = m.group(5).replace("&amp;", "&").replace("&lt;", "<") \
                .replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            res.append(Word(page, float(m.group(1)), float(m.group(2)),
                            float(m.group(3)), float(m.group(4)), t))
    return res


class Span:
    """A run of glyphs in one font and size on one baseline (mutool trace);
    coordinates in points, y measured down from the top of the page."""

    def __init__(self, page, font, size, y):
        self.page, self.font, self.size, self.y = page, font, size, y
        self.text, self.x0, self.x1 = "", None, None

    @property
    def bold(self):
        return "Bold" in self.font

    @property
    def italic(self):
        return "Italic" in self.font

    def __repr__(self):
        return "%r p%d %s %.1fpt x=%.1f-%.1f y=%.1f" % (
            self.text, self.page, self.font, self.size, self.x0, self.x1, self.y)


class Rule:
    def __init__(self, page, x0, x1, y, lw):
        self.page, self.x0, self.x1, self.y, self.lw = page, x0, x1, y, lw

    @property
    def length(self):
        return self.x1 - self.x0

    def __repr__(self):
        return "rule p%d x=%.1f-%.1f y=%.1f" % (self.page, self.x0, self.x1, self.y)


def trace_pages(pdf):
    """(page number, page height, <page> element) of `mutool draw -F trace`."""
    out = subprocess.run(["mutool", "draw", "-F", "trace", "-o", "-", pdf],
                         capture_output=True, text=True, check=True).stdout
    for pno, page in enumerate(ET.fromstring(out).iter("page"), 1):
        yield pno, float(page.get("mediabox").split()[3]), page


def trace(pdf):
    """(spans, rules, page heights) of every page, from mutool's trace."""
    spans, rules, heights = [], [], []
    for pno, h, page in trace_pages(pdf):
        heights.append(h)
        for el in page:
            if el.tag == "stroke_path":
                lw = float(el.get("linewidth"))
                pts = [(float(p.get("x")), float(p.get("y"))) for p in el
                       if p.tag in ("moveto", "lineto")]
                for (xa, ya), (xb, yb) in zip(pts[0::2], pts[1::2]):
                    if abs(ya - yb) < 0.01:
                        rules.append(Rule(pno, min(xa, xb), max(xa, xb), h - ya, lw))
                    elif abs(xa - xb) > 0.01:
                        continue  # a slanted line (a chart's), not a rule
                    else:
                        rules.append(Rule(pno, xa, xb, h - min(ya, yb), lw))
                        rules[-1].vertical = (h - max(ya, yb), h - min(ya, yb))
            elif el.tag == "fill_text":
                for sp in el:
                    size = float(sp.get("trm").split()[0])
                    font = sp.get("font")
                    cur = None
                    for g in sp:
                        x, y = float(g.get("x")), h - float(g.get("y"))
                        adv = float(g.get("adv")) * size
                        u = g.get("unicode")
                        if cur is None or abs(cur.y - y) > 0.01 or x < cur.pen - 0.5 \
                                or x > cur.pen + 0.6 * size:
                            cur = Span(pno, font, size, y)
                            cur.x0 = x
                            cur.x1 = x
                            cur.pen = x
                            spans.append(cur)
                        elif x > cur.pen + 0.01 and not cur.text.endswith(" "):
                            cur.text += " "
                        cur.text += u
                        cur.pen = x + adv
                        if u != " ":
                            cur.x1 = x + adv
    for s in spans:
        s.text = s.text.strip()
    return spans, rules, heights


def glyphs(pdf):
    """Every glyph: (page, size, x, y, advance, unicode), y down."""
    res = []
    for pno, h, page in trace_pages(pdf):
        for el in page.iter("span"):
            sz = float(el.get("trm").split()[0])
            for g in el:
                res.append((pno, sz, float(g.get("x")), h - float(g.get("y")),
                            float(g.get("adv")) * sz, g.get("unicode")))
    return res


def numbers_at(gl, size):
    """{page: [numbers]} of the digit groups set at `size` (superscripts)."""
    res = {}
    cur, last = None, None
    for (pg, sz, x, y, adv, u) in gl:
        if abs(sz - size) > 0.01 or not u.isdigit():
            cur = None
            continue
        if cur is not None and last and last[0] == pg and abs(last[1] - y) < 0.01 \
                and abs(last[2] - x) < 0.5:
            res[pg][-1] += u
        else:
            res.setdefault(pg, []).append(u)
            cur = True
        last = (pg, y, x + adv)
    return {p: [int(n) for n in v] for p, v in res.items()}


def glyph_stream(pdf, size, min_y=50):
    """Text of the glyphs set at `size` (body text), in drawing order, with
    a space wherever the pen jumps; glyphs of other sizes (superscripts,
    footnotes, header) are left out but keep the pen moving, so "2025",
    a superscript "2" and "." read "2025.". Page numbers (above min_y on
    pages after the first) are left out."""
    parts = []
    for pno, h, page in trace_pages(pdf):
        pen, base = None, None
        for el in page.iter("span"):
            sz = float(el.get("trm").split()[0])
            for g in el:
                x, y = float(g.get("x")), h - float(g.get("y"))
                adv = float(g.get("adv")) * sz
                if abs(sz - size) > 0.01 or (pno > 1 and y < min_y):
                    if pen is not None and abs(x - pen) < 0.5:
                        pen = x + adv
                    continue
                if pen is None or abs(y - base) > 0.5 or abs(x - pen) > 0.5:
                    parts.append(" ")
                parts.append(g.get("unicode"))
                pen, base = x + adv, y
    return squash("".join(parts))


def nfc(s):
    return unicodedata.normalize("NFC", s)


def squash(s):
    return re.sub(r"\s+", " ", nfc(s)).strip()
