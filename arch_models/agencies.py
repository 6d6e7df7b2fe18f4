"""Setting up an instansi: its go.id zone as people type it, and its OPD list as pasted."""

import csv
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_DNS_NAME = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
#: words left out when a code is made from a name's initials
_SMALL_WORDS = {"dan", "&", "serta", "dari", "untuk", "pada", "di", "ke"}
_CODE_CHARACTERS = re.compile(r"[^A-Z0-9]")
#: columns of a pasted line: tab (from a spreadsheet), semicolon, or a vertical bar
_SEPARATORS = "\t;|"


def normalise_zone(text: str) -> str:
    """Return a zone as stored: lower case, without scheme, path, port or trailing dot.

    For example ``https://KotaContoh.go.id/`` → ``kotacontoh.go.id``.

    :raises ValueError: when what remains is not a DNS name of two labels or more.
    """
    text = (text or "").strip()
    if "://" in text:
        text = urlsplit(text).netloc
    host = text.split("/", 1)[0].split(":", 1)[0].strip().strip(".").lower()
    if host.startswith("www."):
        host = host[4:]
    if len(host) > 253 or not _DNS_NAME.match(host):
        raise ValueError(text)
    return host


@dataclass(frozen=True)
class UnitLine:
    """One OPD of a pasted list."""

    line: int
    code: str
    name: str
    acronym: str | None


@dataclass(frozen=True)
class LineProblem:
    """A line of the list that cannot be read, and why (a key the caller words)."""

    line: int
    problem: str  # "too_many_columns", "no_name", "duplicate_code", "duplicate_name", "bad_code"
    text: str


def parse_unit_list(text: str) -> tuple[list[UnitLine], list[LineProblem]]:
    """Read an OPD list, one per line: ``Name``, ``Code; Name`` or ``Code; Name; Acronym``.

    Tab, semicolon or bar separate the columns; a header line naming "nama" is skipped.

    A line without a code gets one made from the acronym, else from the name's initials
    ("Dinas Kesehatan" → ``DK``), numbered when it repeats. Every problem is reported at once.
    """
    units, problems, codes, names = [], [], set(), set()
    for number, raw in enumerate((text or "").splitlines(), start=1):
        columns = _columns(raw)
        if not columns or (number == 1 and any(c.lower() in ("nama", "nama opd") for c in columns)):
            continue
        if len(columns) > 3:
            problems.append(LineProblem(number, "too_many_columns", raw.strip()))
            continue
        code, name, acronym = _assign(columns)
        if not name:
            problems.append(LineProblem(number, "no_name", raw.strip()))
            continue
        if code and not re.match(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$", code):
            problems.append(LineProblem(number, "bad_code", code))
            continue
        code = code or _made_code(acronym or name, codes)
        if code.lower() in codes:
            problems.append(LineProblem(number, "duplicate_code", code))
            continue
        if name.lower() in names:
            problems.append(LineProblem(number, "duplicate_name", name))
            continue
        codes.add(code.lower())
        names.add(name.lower())
        units.append(UnitLine(number, code, name[:200], (acronym or None) and acronym[:40]))
    return units, problems


def _columns(raw):
    separator = next((s for s in _SEPARATORS if s in raw), None)
    if separator is None:
        return [raw.strip()] if raw.strip() else []
    row = next(csv.reader([raw], delimiter=separator))
    columns = [cell.strip() for cell in row]
    while columns and not columns[-1]:
        columns.pop()
    return columns


def _assign(columns):
    """Return (code, name, acronym) from one to three columns."""
    if len(columns) == 1:
        return "", columns[0], None
    if len(columns) == 2:
        return columns[0], columns[1], None
    return columns[0], columns[1], columns[2] or None


def _made_code(text, taken):
    """Return a code from an acronym, or from a name's initials, free among ``taken``."""
    words = [w for w in re.split(r"\s+", text.strip()) if w.lower() not in _SMALL_WORDS]
    base = text if len(words) == 1 else "".join(w[0] for w in words if w)
    base = _CODE_CHARACTERS.sub("", base.upper())[:32] or "OPD"
    code, n = base, 1
    while code.lower() in taken:
        n += 1
        code = f"{base}-{n}"
    return code
