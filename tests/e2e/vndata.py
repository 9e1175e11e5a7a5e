"""Reading CSV data and writing figures the way baocao does (DESIGN.md
§2.2-2.3), independently of its C code, for tests that re-compute a
report's figures: plain column names, Vietnamese number cells, Decimal
arithmetic, the `so` and `pct` filters (rounded half away from zero)."""
import csv
import os
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal


def plain(header):
    """A header's plain column name: no diacritics, đ→d, lower case,
    every other run of characters → '_'."""
    s = header.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")


def number(text):
    """A Vietnamese number cell ("71.570", "92,65", "1.234,5") as a
    Decimal; None when empty; ValueError when not a number."""
    t = text.strip()
    if not t:
        return None
    if not re.fullmatch(r"-?\d{1,3}(\.\d{3})*(,\d+)?|-?\d+(,\d+)?", t):
        raise ValueError("not a Vietnamese number: %r" % text)
    return Decimal(t.replace(".", "").replace(",", "."))


def load(data_dir, name):
    """Rows of DATA_DIR/NAME.csv as dicts keyed by plain column names
    (',' or ';' delimiter, as detected from the header row)."""
    with open(os.path.join(data_dir, name + ".csv"), encoding="utf-8-sig",
              newline="") as f:
        text = f.read()
    first = text.split("\n", 1)[0]
    delim = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(text.splitlines(), delimiter=delim))
    names = [plain(h) for h in rows[0]]
    return [dict(zip(names, r)) for r in rows[1:] if r]


def total(rows, col):
    """Sum of a column, empty cells skipped (as sum() does)."""
    return sum((number(r[col]) for r in rows if number(r[col]) is not None),
               Decimal(0))


def so(x, decimals=None):
    """The `so` filter: '.' thousands, ',' decimals; at most two decimals
    with trailing zeros dropped, or exactly `decimals`."""
    d = 2 if decimals is None else decimals
    q = Decimal(x).quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP)
    sign = "-" if q < 0 else ""
    whole, frac = (format(abs(q), "f").split(".") + [""])[:2]
    whole = re.sub(r"(\d)(?=(\d{3})+$)", r"\1.", whole)
    if decimals is None:
        frac = frac.rstrip("0")
    return sign + whole + ("," + frac if frac else "")


def pct(part, whole):
    """`pct(part, whole) | pct`."""
    return so(Decimal(part) * 100 / Decimal(whole)) + "%"


def ratio(part, whole):
    """pct(part, whole) as a Decimal (for further arithmetic)."""
    return Decimal(part) * 100 / Decimal(whole)
