"""baocao watch: rebuilds on a save of the report (written in place or by
rename, as editors do) and of a CSV of its data folder, keeps the last good
PDF byte-identical when a save breaks the template and prints the error with
its location, ends with status 0 on SIGTERM and SIGINT. Issue 18, acceptance 2."""
import os
import re
import signal
import subprocess
import tempfile
import threading
import time

import pdfutil as P

tmp = tempfile.mkdtemp(prefix="baocao-watch-")
MD = ("---\nco_quan: UBND XÃ A\n---\n\nTổng vốn {{ sum(von.so_tien) | so }} triệu đồng.\n")
os.makedirs(os.path.join(tmp, "data"))
with open(os.path.join(tmp, "data", "von.csv"), "w") as f:
    f.write("nam,so_tien\n2023,1.000\n")
rep = os.path.join(tmp, "r.md")
pdf = os.path.join(tmp, "r.pdf")
with open(rep, "w") as f:
    f.write(MD)

log = []


def start():
    p = subprocess.Popen([P.BAOCAO, "watch", "r.md"], cwd=tmp, stderr=subprocess.PIPE,
                         stdout=subprocess.DEVNULL, text=True)
    threading.Thread(target=lambda: [log.append(l) for l in p.stderr], daemon=True).start()
    return p


def wait_for(cond, secs):
    end = time.time() + secs
    while time.time() < end:
        if cond():
            return True
        time.sleep(0.02)
    return cond()


def content():
    try:
        with open(pdf, "rb") as f:
            return f.read()
    except OSError:
        return None


p = start()
P.check(wait_for(lambda: any("r.pdf" in l for l in log) and content(), 10),
        "watch builds at once and says so", "".join(log))
P.check(any(re.search(r"^\[\d\d:\d\d:\d\d\] .*r\.pdf.* \d+ ms", l) for l in log),
        "the status line has the time and how long the build took", "".join(log))
time.sleep(0.3)
first = content()

# 1. append a line in place: a new PDF within 2 s
t0 = time.time()
with open(rep, "a") as f:
    f.write("\nMột dòng mới thêm vào cuối.\n")
P.check(wait_for(lambda: content() not in (None, first), 2.0),
        "appending a line to the report changes the PDF within 2 s (%.2f s)"
        % (time.time() - t0))
time.sleep(0.3)
second = content()
P.check("Một dòng mới" in P.squash(P.pdftotext(pdf)), "the new PDF has the new line")

# 2. a broken save, by rename as vim and many editors do: errors with their
# location, the last good PDF untouched
n = len(log)
tmpf = os.path.join(tmp, ".r.md.swp-new")
with open(tmpf, "w") as f:
    f.write(MD + "\n{{ khong_co_ten_nay }}\n")
os.replace(tmpf, rep)
P.check(wait_for(lambda: any("khong_co_ten_nay" in l for l in log[n:]), 2.0),
        "a broken save prints its error", "".join(log[n:]))
err = [l for l in log[n:] if "khong_co_ten_nay" in l]
P.check(err and re.match(r"^r\.md:7:\d+: error: ", err[0]),
        "the error has its FILE:LINE:COL", err)
time.sleep(0.5)
P.check(content() == second, "the last good PDF stays byte-identical after a failed rebuild")
P.check(p.poll() is None, "watch keeps running after a failed rebuild")

# 3. fixed by rename again, then a change in the data folder
with open(tmpf, "w") as f:
    f.write(MD)
os.replace(tmpf, rep)
P.check(wait_for(lambda: content() not in (None, second), 2.0), "the fixed save rebuilds")
time.sleep(0.3)
third = content()
with open(os.path.join(tmp, "data", "von.csv"), "w") as f:
    f.write("nam,so_tien\n2023,2.500\n")
P.check(wait_for(lambda: content() not in (None, third) and
                 "2.500" in P.pdftotext(pdf), 2.0), "a changed CSV rebuilds")

# 4. a burst of saves gives one rebuild, not one per save
time.sleep(0.5)
n = len([l for l in log if "r.pdf" in l])
for i in range(5):
    with open(rep, "a") as f:
        f.write("\nDòng %d.\n" % i)
    time.sleep(0.01)
time.sleep(1.0)
m = len([l for l in log if "r.pdf" in l])
P.check(m - n == 1, "five quick saves give one rebuild (%d)" % (m - n), "".join(log[-6:]))
# a file the report does not use (here the PDF itself, written beside it) is no reason
time.sleep(1.0)
P.check(len([l for l in log if "r.pdf" in l]) == m, "writing the PDF does not trigger a rebuild")

# 4b. an image the report uses: replacing it (by rename) rebuilds
import struct
import zlib


def png(rgb):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    raw = b"".join(b"\0" + bytes(rgb) * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


os.makedirs(os.path.join(tmp, "anh"), exist_ok=True)
with open(os.path.join(tmp, "anh", "x.png"), "wb") as f:
    f.write(png((200, 0, 0)))
with open(rep, "a") as f:
    f.write("\n![Ảnh](anh/x.png)\n")
P.check(wait_for(lambda: content() and b"/Image" in content(), 3),
        "the report with an image builds",
        "".join(log[-3:]))
time.sleep(0.5)
before = content()
with open(os.path.join(tmp, "anh", ".x.png.new"), "wb") as f:
    f.write(png((0, 0, 200)))
os.replace(os.path.join(tmp, "anh", ".x.png.new"), os.path.join(tmp, "anh", "x.png"))
P.check(wait_for(lambda: content() not in (None, before), 2.0),
        "replacing an image the report uses rebuilds within 2 s", "".join(log[-3:]))

# 5. SIGTERM and SIGINT end it with status 0
p.send_signal(signal.SIGTERM)
try:
    rc = p.wait(timeout=5)
except subprocess.TimeoutExpired:
    p.kill()
    rc = "hung"
P.check(rc == 0, "SIGTERM ends watch with status 0 (%s)" % rc)
log.clear()
p = start()
wait_for(lambda: any("r.pdf" in l for l in log), 10)
p.send_signal(signal.SIGINT)
try:
    rc = p.wait(timeout=5)
except subprocess.TimeoutExpired:
    p.kill()
    rc = "hung"
P.check(rc == 0, "Ctrl-C (SIGINT) ends watch with status 0 (%s)" % rc)
# the PDF and the depfile written into the data folder start no rebuild
log.clear()
p = subprocess.Popen([P.BAOCAO, "watch", "r.md", "-o", "data/r.pdf", "--deps", "data/r.d"],
                     cwd=tmp, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
threading.Thread(target=lambda: [log.append(l) for l in p.stderr], daemon=True).start()
wait_for(lambda: any("r.pdf" in l for l in log), 10)
time.sleep(1.5)
P.check(len([l for l in log if "r.pdf" in l]) == 1 and
        os.path.exists(os.path.join(tmp, "data", "r.d")),
        "a PDF and depfile written into the data folder start no rebuild", "".join(log))
p.send_signal(signal.SIGTERM)
p.wait(timeout=5)
rc, _, err = P.run("watch")
P.check(rc == 2, "watch without a report is a usage error", err)
P.done()
