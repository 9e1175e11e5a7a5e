"""The shape of the sources (issue 12): library internals are read in one
file per library, each refusing to compile against a version it was not
written for. Reads generator/ and compiles pdfhack.c and cmarkhack.c
against copies of the installed headers with another version number."""
import glob
import os
import re
import shutil
import subprocess
import tempfile

import pdfutil as P

GEN = os.path.join(P.ROOT, "generator")
SOURCES = sorted(glob.glob(os.path.join(GEN, "*.[ch]")))
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)


def includes(path):
    with open(path, encoding="utf-8") as f:
        return INCLUDE.findall(f.read())


def who_includes(pred):
    return sorted(os.path.basename(s) for s in SOURCES if any(pred(h) for h in includes(s)))


# libharu: hpdf.h is its public API (read with opaque handles, HPDF_SHARED);
# every other hpdf_*.h is its internals.
PUBLIC_HPDF = {"hpdf.h", "hpdf_types.h", "hpdf_consts.h"}
users = who_includes(lambda h: h.startswith("hpdf") and h not in PUBLIC_HPDF)
P.check(users == ["pdfhack.c"], "libharu's private headers are included by pdfhack.c alone",
        users)
users = who_includes(lambda h: h.startswith("cmark-gfm/"))
P.check(users == ["cmarkhack.c"], "cmark-gfm's private headers are included by "
        "cmarkhack.c alone", users)
# nothing outside pdfhack.c sees libharu's structs: hpdf.h is reached
# through pdfhack.h, which makes the handles opaque
direct = who_includes(lambda h: h == "hpdf.h")
P.check(direct == ["pdfhack.h"], "only pdfhack.h includes hpdf.h", direct)


def compile_with_version(src, headers, edit):
    """Compile src against copies of the installed headers (glob pattern
    headers in /usr/include) with edit applied to them; (rc, stderr)."""
    tmp = tempfile.mkdtemp(prefix="baocao-structure-")
    try:
        for h in glob.glob(os.path.join("/usr/include", headers)):
            dst = os.path.join(tmp, os.path.relpath(h, "/usr/include"))
            if os.path.isdir(h):
                shutil.copytree(h, dst)
            else:
                shutil.copy(h, dst)
        edit(tmp)
        p = subprocess.run(["cc", "-std=c11", "-D_DEFAULT_SOURCE", "-fsyntax-only",
                            "-I", tmp, "-I", GEN, os.path.join(GEN, src)],
                           capture_output=True, text=True)
        return p.returncode, p.stderr
    finally:
        shutil.rmtree(tmp)


def sub(path, old, new):
    with open(path) as f:
        s = f.read()
    assert old in s, (path, old)
    with open(path, "w") as f:
        f.write(s.replace(old, new))


# the unchanged copies compile: the check below fails for the version alone
rc, err = compile_with_version("pdfhack.c", "hpdf*.h", lambda d: None)
P.check(rc == 0, "pdfhack.c compiles against copies of libharu 2.3.0's headers", err)
rc, err = compile_with_version(
    "pdfhack.c", "hpdf*.h",
    lambda d: (sub(os.path.join(d, "hpdf_version.h"), "MINOR_VERSION 3", "MINOR_VERSION 4"),
               sub(os.path.join(d, "hpdf_version.h"), '"2.3.0"', '"2.4.0"')))
P.check(rc != 0 and "written for libharu 2.3.0" in err and "this libharu is 2.4.0" in err,
        "pdfhack.c refuses libharu 2.4.0 with a clear message", err)

rc, err = compile_with_version("cmarkhack.c", "cmark-gfm*", lambda d: None)
P.check(rc == 0, "cmarkhack.c compiles against copies of cmark-gfm's headers", err)
rc, err = compile_with_version(
    "cmarkhack.c", "cmark-gfm*",
    lambda d: sub(os.path.join(d, "cmark-gfm_version.h"), "(0 << 8) | 6)", "(0 << 8) | 13)"))
P.check(rc != 0 and "written for cmark-gfm 0.29.0.gfm.6" in err,
        "cmarkhack.c refuses another cmark-gfm with a clear message", err)


def file_sizes():
    """One job per file: no generator/*.c over 1000 lines (issue 12)."""
    long = []
    for src in SOURCES:
        if src.endswith(".c"):
            with open(src, encoding="utf-8") as f:
                n = sum(1 for _ in f)
            if n > 1000:
                long.append("%s: %d lines" % (os.path.basename(src), n))
    P.check(not long, "no generator/*.c is over 1000 lines", long)


file_sizes()

def call_graph():
    """file -> files it calls into, from the objects' symbol tables (nm):
    a symbol a file needs (U) and another defines (T, D, B, R)."""
    objdir = os.path.join(P.ROOT, "build", "obj")
    defs, needs = {}, {}
    for o in sorted(glob.glob(os.path.join(objdir, "*.o"))):
        name = os.path.basename(o)[:-2]
        out = subprocess.run(["nm", o], capture_output=True, text=True).stdout
        defs[name] = {l.split()[2] for l in out.splitlines()
                      if len(l.split()) == 3 and l.split()[1] in "TDBR"}
        needs[name] = {l.split()[1] for l in out.splitlines()
                       if len(l.split()) == 2 and l.split()[0] == "U"}
    owner = {sym: n for n, ds in defs.items() for sym in ds}
    return {n: {owner[s] for s in needs[n] if s in owner and owner[s] != n} for n in defs}


def cycles(graph):
    """The strongly connected components of more than one file (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def layout_line():
    """The layout stage is a line (issue 12): no layout file calls into a
    file that calls into it, directly or around a circle."""
    graph = call_graph()
    P.check(len(graph) > 40, "nm reads the objects in build/obj (%d)" % len(graph))
    stage = {n for n in graph if n.startswith("layout") or n == "lines"}
    found = cycles(graph)
    in_stage = [c for c in found if set(c) & stage]
    P.check(not in_stage, "no call circle among the layout files (%s)" % ", ".join(sorted(stage)),
            in_stage)
    P.check(graph.get("layout_text") is not None and
            not (graph["layout_text"] & (stage - {"layout_text", "lines"})),
            "layout_text, the bottom of the layout stage, calls no layout file but lines (line breaking)",
            sorted(graph.get("layout_text", ())))
    print("# call circles elsewhere in generator/: %s" % (found or "none"))
    # and the headers: only the layout files include layout_int.h
    users = who_includes(lambda h: h == "layout_int.h")
    P.check(all(u.startswith("layout") for u in users),
            "layout_int.h is included by layout files alone", users)


layout_line()
P.done()
