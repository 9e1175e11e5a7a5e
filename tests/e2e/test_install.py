"""make install PREFIX=DIR gives a working DIR/bin/baocao that finds its
fonts, templates and messages; the man page renders; make uninstall removes
every file. Issue 18, acceptance 5 (the .deb is built by hand: README)."""
import os
import shutil
import subprocess
import tempfile

import pdfutil as P

# (skipped while the build is older than its sources: this test never
# rebuilds the program behind the running suite's back)
if subprocess.run(["make", "-C", P.ROOT, "-q", "all"], capture_output=True).returncode:
    print("# build/ is not up to date; run make first")
    P.done()
tmp = tempfile.mkdtemp(prefix="baocao-install-")
stage = os.path.join(tmp, "stage")
r = subprocess.run(["make", "-s", "-C", P.ROOT, "install", "PREFIX=" + stage],
                   capture_output=True, text=True)
P.check(r.returncode == 0, "make install PREFIX=stage", r.stderr)
exe = os.path.join(stage, "bin", "baocao")
for f in ("share/man/man1/baocao.1", "share/bash-completion/completions/baocao",
          "share/locale/vi/LC_MESSAGES/baocao.mo", "share/baocao/templates/co-ban/bao-cao.md",
          "share/baocao/fonts/BaocaoSerif-Regular.ttf", "share/doc/baocao/template-guide.vi.md"):
    P.check(os.path.isfile(os.path.join(stage, f)), "installed " + f)
work = os.path.join(tmp, "work")
os.makedirs(work)
env = dict(os.environ, LANG="C.UTF-8", LANGUAGE="", LC_ALL="", LC_MESSAGES="")
r = subprocess.run([exe, "init", "moi"], cwd=work, capture_output=True, text=True, env=env)
P.check(r.returncode == 0, "stage/bin/baocao init finds its templates", r.stderr)
r = subprocess.run([exe, "build", "bao-cao.md"], cwd=os.path.join(work, "moi"),
                   capture_output=True, text=True, env=env)
pdf = os.path.join(work, "moi", "bao-cao.pdf")
P.check(r.returncode == 0 and os.path.exists(pdf) and "298" in P.pdftotext(pdf),
        "stage/bin/baocao build finds its fonts", r.stderr)
r = subprocess.run([exe, "build", "khong-co.md"], cwd=work, capture_output=True, text=True,
                   env=dict(env, LANG="vi_VN.UTF-8"))
P.check(r.returncode == 3 and "lỗi: không đọc được" in r.stderr,
        "stage/bin/baocao finds its Vietnamese messages", r.stderr)
if shutil.which("man"):  # man-db is not in every minimal image
    r = subprocess.run(["man", "-l", os.path.join(stage, "share/man/man1/baocao.1")],
                       capture_output=True, text=True, env=dict(env, MANWIDTH="80"))
    P.check(r.returncode == 0 and "EXIT STATUS" in r.stdout and "baocao watch" in r.stdout,
            "man -l renders the page", r.stderr)
r = subprocess.run(["make", "-s", "-C", P.ROOT, "uninstall", "PREFIX=" + stage],
                   capture_output=True, text=True)
left = [os.path.join(d, f) for d, _, fs in os.walk(stage) for f in fs]
P.check(r.returncode == 0 and not left, "make uninstall removes every file", left)
shutil.rmtree(tmp)
P.done()
