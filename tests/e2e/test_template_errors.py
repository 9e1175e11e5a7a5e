"""Every mistake a hand editor makes in a template or its data is one line
FILE:LINE:COL: error: MESSAGE on stderr, exit status 1, and no PDF
(issue 3, acceptance 2; DESIGN.md §1 and §2).

Each case builds a tiny report in its own temp folder, from that folder
(`baocao build bc.md -d data -o out.pdf`), so FILE is "bc.md" and a CSV is
"data/NAME.csv". Each case runs twice: with no out.pdf (none may appear)
and with an out.pdf already there (its bytes must stay). No temporary file
may be left either.

Lines and columns are counted by hand: columns count characters (not
bytes) from 1, so "Vốn: " is 5 columns. The report's first lines are

    1  ---
    2  co_quan: ỦY BAN NHÂN DÂN XÃ A
    3  nam_bao_cao: 2024
    4  ---
    5
    6  Dòng đầu.
    7
    8  <the body under test starts here>

The end of the file tests --set and --data-locale.
"""
import os
import re
import shutil
import tempfile

import pdfutil as P

HEAD = "---\nco_quan: ỦY BAN NHÂN DÂN XÃ A\nnam_bao_cao: 2024\n---\n\nDòng đầu.\n\n"
VON = "nam,von_dt,von_sn\n2022,1.000,200\n2023,2.500,300\n2024,3.000,200\n"
VON_X = "nam,von_dt,von_sn\n2022,1.000,200\n2023,2.500,x\n2024,3.000,\n"
OLD = b"%PDF-1.4 a previous good build\n"
root = tempfile.mkdtemp(prefix="baocao-errors-")
ncase = 0


def setup(body, data=None, head=HEAD):
    global ncase
    ncase += 1
    d = os.path.join(root, "c%02d" % ncase)
    os.makedirs(os.path.join(d, "data"))
    with open(os.path.join(d, "bc.md"), "w", encoding="utf-8") as f:
        f.write(head + body)
    for name, text in (data if data is not None else {"von": VON}).items():
        with open(os.path.join(d, "data", name + ".csv"), "w", encoding="utf-8") as f:
            f.write(text)
    return d


def error_case(what, body, prefix, needle, data=None, head=HEAD, args=()):
    """Build twice and check the single GNU line, exit 1, no output."""
    d = setup(body, data, head)
    out = os.path.join(d, "out.pdf")
    argv = ["build", "bc.md", "-d", "data", "-o", "out.pdf"] + list(args)
    rc, _, err = P.run(*argv, cwd=d)
    lines = err.splitlines()
    P.check(rc == 1 and len(lines) == 1 and lines[0].startswith(prefix + " error: ")
            and needle in lines[0],
            "%s: exit 1, one line %r ... %r" % (what, prefix + " error:", needle),
            "rc=%d stderr=%r" % (rc, err))
    P.check(not os.path.exists(out), "%s: no PDF written" % what)
    with open(out, "wb") as f:
        f.write(OLD)
    rc2, _, err2 = P.run(*argv, cwd=d)
    P.check(rc2 == 1 and err2 == err and open(out, "rb").read() == OLD,
            "%s: an existing PDF is left untouched" % what, err2)
    left = [f for f in os.listdir(d) if f not in ("bc.md", "data", "out.pdf")]
    P.check(not left, "%s: no temporary file left" % what, left)


def build_ok(body, data=None, head=HEAD, args=()):
    d = setup(body, data, head)
    rc, _, err = P.run("build", "bc.md", "-d", "data", "-o", "out.pdf", "--quiet", *args,
                       cwd=d)
    pdf = os.path.join(d, "out.pdf")
    return rc, err, (P.squash(P.pdftotext(pdf)) if rc == 0 else "")


# ---- names -------------------------------------------------------------
# "Năm " is 4 columns, "{{ " 5-7: the name starts at column 8.
error_case("unknown name", "Năm {{ nam_bao_cao_x }}.\n", "bc.md:8:8:",
           "unknown name 'nam_bao_cao_x'; did you mean 'nam_bao_cao'?")
# Inside a loop the hint lists the row's columns. "- " is 2 columns,
# "{{ " 3-5: the name is at 9:6 (the loop's body line).
error_case("unknown name in a loop", "{{#each von}}\n- {{ nams }}\n{{/each}}\n", "bc.md:9:6:",
           "did you mean 'nam'? columns of von.csv are: nam, von_dt, von_sn")
# "Vốn: " is 5 columns, "{{ " 6-8, "sum(" 9-12, "von." 13-16: the column
# name starts at 17.
error_case("unknown column (suggestion)", "Vốn: {{ sum(von.von_dtt) }}.\n", "bc.md:8:17:",
           "unknown column 'von_dtt' in von.csv; did you mean 'von_dt'? "
           "columns are: nam, von_dt, von_sn")
error_case("unknown column (the list)", "Vốn: {{ sum(von.von_dau_tu) }}.\n", "bc.md:8:17:",
           "unknown column 'von_dau_tu' in von.csv; columns are: nam, von_dt, von_sn")
error_case("unknown column in a lookup", "Vốn: {{ von[nam == 2022].von_dtt }}.\n",
           "bc.md:8:26:", "did you mean 'von_dt'?")  # "von[nam == 2022]." is 9-25
# The table name starts at 13.
error_case("unknown table", "Vốn: {{ sum(vonn.von_dt) }}.\n", "bc.md:8:13:",
           "unknown table 'vonn'; did you mean 'von'? tables are: von")
error_case("unknown table in #each", "{{#each vonn}}\nx\n{{/each}}\n", "bc.md:8:9:",
           "unknown table 'vonn'; did you mean 'von'?")  # "{{#each " is 1-8

# ---- numbers -----------------------------------------------------------
# sum(von.von_sn): reported at its argument (column 13), naming the cell:
# "2023,2.500,x" puts the x at line 3, column 12 of von.csv.
error_case("non-number cell in sum()", "Vốn: {{ sum(von.von_sn) }}.\n", "bc.md:8:13:",
           "cell 'x' at data/von.csv:3:12 (row 2, column von_sn) is not a number",
           data={"von": VON_X})
# A lookup in arithmetic: reported at the lookup (column 9).
error_case("non-number cell in arithmetic", "Vốn: {{ von[nam == 2023].von_sn + 1 }}.\n",
           "bc.md:8:9:", "cell 'x' at data/von.csv:3:12 (row 2, column von_sn)",
           data={"von": VON_X})
# "2024,3.000," leaves the last cell empty: line 4, column 12.
error_case("empty cell in arithmetic", "Vốn: {{ von[nam == 2024].von_sn * 2 }}.\n",
           "bc.md:8:9:", "cell at data/von.csv:4:12 (row 3, column von_sn) is empty, "
           "not a number", data={"von": VON_X})
# Inside a loop, on the third row only: line 9 is the loop's body line.
# "- " 1-2, "{{ " 3-5, "von_dt " 6-12: the '/' is at 13.
error_case("division by zero in a loop (third row)",
           "{{#each von}}\n- {{ von_dt / (nam - 2024) }}\n{{/each}}\n", "bc.md:9:13:",
           "division by zero")
# "Tỷ lệ: " is 7 columns, "{{ " 8-10, "5 " 11-12: '/' at 13.
error_case("division by zero", "Tỷ lệ: {{ 5 / (2 - 2) }}.\n", "bc.md:8:13:",
           "division by zero")
# pct is at column 11.
error_case("pct(x, 0)", "Tỷ lệ: {{ pct(5, von[nam == 2022].von_dt - 1000) | pct }}.\n",
           "bc.md:8:11:", "division by zero in pct()")

# ---- lookups -----------------------------------------------------------
error_case("lookup matching no row", "Vốn: {{ von[nam == 2030].von_dt }}.\n", "bc.md:8:9:",
           "no row of von.csv matches [nam == 2030]")
error_case("lookup matching several rows", "Vốn: {{ von[von_sn == 200].von_dt }}.\n",
           "bc.md:8:9:", "2 rows of von.csv match [von_sn == 200] (lines 2, 4); "
           "a lookup must match exactly one row")

# ---- block tags: the error points at the opening tag -------------------
error_case("unclosed #each", "{{#each von}}\n- {{ nam }}\n", "bc.md:8:1:",
           "{{#each}} is never closed (missing {{/each}})")
# "Mở đầu " is 7 columns: the tag starts at 8.
error_case("unclosed #if", "Mở đầu {{#if nam_bao_cao}} có.\n\nHết.\n", "bc.md:8:8:",
           "{{#if}} is never closed (missing {{/if}})")
error_case("#each closed by /if", "{{#each von}}\n- {{ nam }}\n{{/if}}\n", "bc.md:8:1:",
           "{{#each}} is closed by {{/if}} at line 10; close it with {{/each}}")
error_case("#if closed by /each", "{{#if nam_bao_cao}}\nx\n{{/each}}\n", "bc.md:8:1:",
           "{{#if}} is closed by {{/each}} at line 10; close it with {{/if}}")
error_case("inner block left open", "{{#each von}}\n{{#if nam}}\n- {{ nam }}\n{{/each}}\n",
           "bc.md:9:1:", "{{#if}} is closed by {{/each}} at line 11")
error_case("closing tag without an opening", "x\n\n{{/each}}\n", "bc.md:10:1:",
           "{{/each}} without an opening {{#each}}")
error_case("'{{' never closed", "Vốn: {{ sum(von.von_dt) .\n", "bc.md:8:6:",
           "'{{' is never closed")

# ---- filters -----------------------------------------------------------
# "Vốn: {{ 5 | " is 12 columns: the filter name is at 13.
error_case("unknown filter (suggestion)", "Vốn: {{ 5 | pcd }}.\n", "bc.md:8:13:",
           "unknown filter 'pcd'; did you mean 'pct'? filters are: so, so(n), pct")
error_case("unknown filter (the list)", "Vốn: {{ 5 | tien }}.\n", "bc.md:8:13:",
           "unknown filter 'tien'; filters are: so, so(n), pct, pct(n), so_gach, so_gach(n), ngay, ngay_ngan, chu, hoa, thuong, viet_hoa_dau")

# ---- bad CSV: reported as DATA_DIR/NAME.csv:LINE:COL -------------------
error_case("unterminated quote", "x\n", "data/xa.csv:2:3:",
           "quoted field is never closed",
           data={"von": VON, "xa": 'ma,ten\n1,"Xã A\n2,Xã B\n'})
# "2,Xã B," is 7 columns: the extra cell starts at 8.
error_case("ragged row (too many cells)", "x\n", "data/xa.csv:3:8:",
           "row has 3 cells, header has 2",
           data={"von": VON, "xa": "ma,ten\n1,Xã A\n2,Xã B,thừa\n"})
error_case("ragged row (too few cells)", "x\n", "data/xa.csv:3:1:",
           "row has 1 cell, header has 2", data={"von": VON, "xa": "ma,ten\n1,Xã A\n2\n"})
error_case("ragged row (';' file)", "x\n", "data/xa.csv:3:8:",
           "row has 3 cells, header has 2",
           data={"von": VON, "xa": "ma;ten\n1;Xã A\n2;Xã B;\n"})
error_case("text after a closing quote", "x\n", "data/xa.csv:3:8:",
           "unexpected text after the closing quote",
           data={"von": VON, "xa": 'ma,ten\n1,Xã A\n2,"Xã "B"\n'})
# Without -d, DATA_DIR is data/ beside the report.
d = setup("x\n", {"von": VON, "xa": 'ma,ten\n1,"Xã A\n'})
rc, _, err = P.run("build", "bc.md", "-o", "out.pdf", cwd=d)
P.check(rc == 1 and re.match(r"^(\./)?data/xa\.csv:2:3: error: ", err)
        and len(err.splitlines()) == 1 and not os.path.exists(os.path.join(d, "out.pdf")),
        "default data folder: the CSV error names data/xa.csv:2:3", err)

# ---- front matter placeholders -----------------------------------------
# co_quan: "ỦY BAN NHÂN DÂN XÃ {{ ten_xaa | hoa }}": "co_quan: " is 9
# columns, the quote 10, "ỦY BAN NHÂN DÂN XÃ " 11-29, "{{ " 30-32: the
# name is at 2:33.
error_case("front-matter placeholder", "x\n", "bc.md:2:33:",
           "unknown name 'ten_xaa'",
           head='---\nco_quan: "ỦY BAN NHÂN DÂN XÃ {{ ten_xaa | hoa }}"\n---\n\n')
# The same unquoted (it does not start with {{): 1 column to the left.
error_case("front-matter placeholder, plain value", "x\n", "bc.md:2:32:",
           "unknown name 'ten_xaa'",
           head='---\nco_quan: ỦY BAN NHÂN DÂN XÃ {{ ten_xaa | hoa }}\n---\n\n')
# In the signature block: "  ho_ten: '" is 11 columns, "{{ " 12-14.
error_case("placeholder in ky.ho_ten", "x\n", "bc.md:5:15:", "unknown name 'nguoi_ky'",
           head="---\nky:\n  quyen_han: TM. ỦY BAN NHÂN DÂN\n  chuc_vu: CHỦ TỊCH\n"
                "  ho_ten: '{{ nguoi_ky }}'\n---\n\n")
# A value starting with {{ must be quoted (YAML reads it as a map);
# "dia_danh: " is 10 columns.
error_case("unquoted {{ value", "x\n", "bc.md:3:11:",
           "a value starting with '{{' must be quoted",
           head="---\nco_quan: ỦY BAN NHÂN DÂN XÃ A\ndia_danh: {{ ten_xa }}\n---\n\n")

# ---- --set KEY=VALUE ---------------------------------------------------
body = "Năm {{ nam_bao_cao }}, năm sau {{ nam_bao_cao + 1 }}; {{ ty_le * 2 | so }}.\n"
head = HEAD.replace("nam_bao_cao: 2024\n", 'nam_bao_cao: 2024\nty_le: "12,5"\n')
rc, err, text = build_ok(body, head=head)
P.check(rc == 0 and "Năm 2024, năm sau 2025; 25." in text,
        "front-matter scalars: as written, and as numbers in arithmetic ('12,5' × 2)",
        err + text[-300:])
rc, err, text = build_ok(body, head=head, args=("--set", "nam_bao_cao=2025",
                                                 "--set", "ty_le=7,5"))
P.check(rc == 0 and err == "" and "Năm 2025, năm sau 2026; 15." in text,
        "--set overrides front-matter values (2025, 7,5 × 2 = 15)", err + text[-300:])
rc, err, text = build_ok(body, head=head, args=("--set", "nam_bao_cao=2025",
                                                 "--set", "nam_bao_cao=2026"))
P.check(rc == 0 and "Năm 2026, năm sau 2027" in text, "the last --set wins", err)
rc, err, text = build_ok("Kỳ: {{ ky_bao_cao }}.\n", args=("--set", "ky_bao_cao=Quý II/2024"))
P.check(rc == 0 and "Kỳ: Quý II/2024." in text, "--set adds a name the front matter lacks",
        err)
# --set values are read like CSV cells: "7.5" is not a Vietnamese number.
# This head has one more line (ty_le), so the body is line 9; "Năm " is 4
# columns, "{{ nam_bao_cao }}" 17, ", năm sau " 10, "{{ nam_bao_cao + 1 }}"
# 21, "; {{ " 5: ty_le starts at 58.
error_case("--set value that is not a number", body, "bc.md:9:58:",
           "value '7.5' of 'ty_le' (--set) is not a number; Vietnamese numbers use ',' "
           "for decimals and '.' for thousands: write 7,5", head=head,
           args=("--set", "ty_le=7.5"))
rc, _, err = P.run("build", "x.md", "--set", "nam_bao_cao")
P.check(rc == 2 and "KEY=VALUE" in err, "--set without '=' is a usage error (exit 2)", err)

# ---- --data-locale -----------------------------------------------------
C_DATA = {"so_lieu": "ten,gia_tri\nA,1234.5\nB,\"1,000.25\"\n"}
body = "Tổng {{ sum(so_lieu.gia_tri) | so }}; ô {{ so_lieu[ten == \"B\"].gia_tri }}.\n"
rc, err, text = build_ok(body, C_DATA, args=("--data-locale", "c"))
P.check(rc == 0 and err == "" and "Tổng 2.234,75; ô 1,000.25." in text,
        "--data-locale c reads 1234.5 and 1,000.25; output stays Vietnamese, cells "
        "print as written", err + text[-200:])
# The default (vi) reads "1234.5" as text: 1234.5 is at line 2, column 3;
# "Tổng {{ sum(" is 12 columns, so_lieu starts at 13.
error_case("C-style number with the default locale", body, "bc.md:8:13:",
           "cell '1234.5' at data/so_lieu.csv:2:3 (row 1, column gia_tri) is not a "
           "number; Vietnamese numbers use ',' for decimals and '.' for thousands: "
           "write 1.234,5 (or use --data-locale c)", data=C_DATA)
VI_DATA = {"so_lieu": "ten,gia_tri\nA,\"1.234,5\"\nB,\"1.000,25\"\n"}
rc, err, text = build_ok(body, VI_DATA)
P.check(rc == 0 and "Tổng 2.234,75; ô 1.000,25." in text,
        "the default reads Vietnamese cells (1.234,5)", err + text[-200:])
error_case("Vietnamese number with --data-locale c", body, "bc.md:8:13:",
           "cell '1.234,5' at data/so_lieu.csv:2:3 (row 1, column gia_tri) is not a "
           "number; the data is read with --data-locale c", data=VI_DATA,
           args=("--data-locale", "c"))

shutil.rmtree(root, ignore_errors=True)
P.done()
