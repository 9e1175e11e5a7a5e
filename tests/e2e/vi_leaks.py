"""Shared by test_messages.py: run every tests/bad case under a Vietnamese
locale and find English words left in its message (parts composed into a
message at run time that the catalogue never saw)."""
import os
import re
import shlex
import shutil
import subprocess
import tempfile

import pdfutil as P

BAD = os.path.join(P.ROOT, "tests", "bad")

# Words that only English text holds; Vietnamese has none of them (checked
# against po/vi.po's msgstr). "a" alone is left out: it is a column or
# variable name in many cases.
ENGLISH = re.compile(r"\b(the|is|are|of|not|cell|value|text|folder|must|and|or|with|"
                     r"row|column|sheet|error|file|cannot|number|date|name|"
                     r"workbook|plus|minus|which|this|that|has|have|no|into|from|"
                     r"directory|such|damaged|shows|formula|use|write|say)\b", re.I)


def strip_user(msg):
    """The message without what the user wrote: quoted text, paths,
    option names, the location and the severity."""
    msg = re.sub(r"^\S+?:(\d+:)*\s*(lỗi|cảnh báo|ghi chú|error|warning):\s*", "", msg)
    msg = re.sub(r"^baocao: (lỗi|error): ", "", msg)
    msg = re.sub(r"'[^']*'|\"[^\"]*\"|“[^”]*”|‘[^’]*’", "", msg)
    msg = re.sub(r"\S*[/\\.]\S*\.(csv|xlsx|xls|md|pdf|png|jpe?g|ttf)\b", "", msg)
    msg = re.sub(r"--[a-z-]+|\{\{.*?\}\}|\b[a-z_]+\([^)]*\)", "", msg)
    return msg


def argv(words):
    """The command line of a case (the pseudo-options of test_bad_inputs)."""
    template, extra, out, cmd = "bao-cao.md", [], ["-o", "out.pdf"], "build"
    i = 0
    while i < len(words):
        w = words[i]
        if w == "--input":
            template, i = words[i + 1], i + 2
        elif w == "--batch":
            cmd = "batch"
            out = ["-d", "data", "--each", words[i + 1], "-o", words[i + 2]]
            i += 3
        elif w == "-o":
            out, i = ["-o", words[i + 1]], i + 2
        else:
            extra.append(w)
            i += 1
    return [cmd, template] + out + extra


def bad_case_messages(env):
    """(case name, first stderr line) of every tests/bad case run with env."""
    tmp = tempfile.mkdtemp(prefix="baocao-vi-")
    out = []
    try:
        for name in sorted(os.listdir(BAD)):
            src = os.path.join(BAD, name)
            if not os.path.isdir(src):
                continue
            words = []
            if os.path.exists(os.path.join(src, "args")):
                with open(os.path.join(src, "args"), encoding="utf-8") as f:
                    text = f.read()
                if "\\x" in text:  # raw bytes on purpose: not a message test
                    continue
                words = shlex.split(text)
            folder = os.path.join(tmp, name)
            shutil.copytree(src, folder, symlinks=True)
            e = dict(os.environ)
            e.update(env)
            p = subprocess.run([P.BAOCAO] + argv(words), cwd=folder, env=e,
                               capture_output=True, timeout=60)
            lines = p.stderr.decode("utf-8", "replace").splitlines()
            out.append((name, lines[0] if lines else ""))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def leaks(lines):
    """[(name, line, words)] of the lines whose own words are English."""
    found = []
    for name, line in lines:
        words = sorted(set(w.lower() for w in ENGLISH.findall(strip_user(line))))
        if words:
            found.append((name, line, words))
    return found
