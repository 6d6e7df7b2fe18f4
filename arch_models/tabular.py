"""Read spreadsheet rows as people really type them: stray spaces, Indonesian words, text years.

Pure functions over cell values (str, int, float, date, datetime or None). Problems come back as
codes with the offending value, so the registry words them in the reader's language and names
the line and the column.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from arch_models.errors import InvalidReferenceCodeError
from arch_models.refcodes import normalise_reference_code
from arch_models.reference.import_sheets import CHOICE_HINTS, SHEETS, SYNONYMS
from arch_models.text import FORMULA_STARTS, printable, text_problem, web_address

__all__ = ["CellError", "ParsedSheet", "Problem", "normalise_header", "parse_sheet"]

_SPACES = re.compile(r"\s+")
_MONTHS = {name: n for n, name in enumerate(
    ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
     "oktober", "november", "desember"), start=1)}
_MONTHS.update({name[:3]: n for name, n in list(_MONTHS.items())})
_MONTHS.update({"agu": 8, "agt": 8, "okt": 10, "des": 12, "peb": 2, "nop": 11})


class Problem(enum.StrEnum):
    """Why a cell, a row or a header cannot be taken."""

    REQUIRED = "required"
    TOO_LONG = "too_long"
    NOT_YES_NO = "not_yes_no"
    NOT_A_YEAR = "not_a_year"
    NOT_A_DATE = "not_a_date"
    UNKNOWN_CHOICE = "unknown_choice"
    BAD_CODE = "bad_code"
    MISSING_COLUMN = "missing_column"
    DUPLICATE_COLUMN = "duplicate_column"
    DUPLICATE_ROW = "duplicate_row"
    #: filled in by the registry: references to records that do not exist, rule breaks
    UNKNOWN_REFERENCE = "unknown_reference"
    RULE = "rule"
    #: control characters, broken Unicode, only invisible characters (detail: why)
    BAD_TEXT = "bad_text"
    NOT_A_URL = "not_a_url"


@dataclass(frozen=True)
class CellError:
    """One problem: the spreadsheet line (1 = header), the column header, and the value."""

    line: int
    column: str
    problem: Problem
    value: str = ""
    #: what the rule allows: a maximum length, the choices, the line of the first copy
    detail: str = ""


@dataclass
class ParsedSheet:
    """The rows of one sheet that could be read, and every problem found."""

    kind: str
    rows: list[tuple[int, dict]] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    #: the key of every row that has one, problems or not, so references to it are not
    #: reported a second time as unknown
    keys: list[str] = field(default_factory=list)


def normalise_header(text) -> str:
    """Return a header as compared: lower case, single spaces, no punctuation at the ends."""
    return _SPACES.sub(" ", str(text or "").replace("\xa0", " ")).strip(" :*.").lower()


def _header_map(kind):
    mapping = {}
    for key, header, _kind, _required, _max, aliases in SHEETS[kind]["columns"]:
        for name in (header, key, *aliases):
            mapping.setdefault(normalise_header(name), key)
    return mapping


def _columns(kind):
    return {c[0]: c for c in SHEETS[kind]["columns"]}


def clean_text(value, *, long=False):
    """Return a cell as text, or None when empty: spaces trimmed, whole numbers without ".0"."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    text = str(value).replace("\xa0", " ")
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        text = text[1:]  # the prefix an export puts before formula-like text
    if long:
        text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.strip().splitlines())
    else:
        text = _SPACES.sub(" ", text).strip()
    return text or None


def _choice_key(text):
    """Return a choice as compared loosely: "Non-Aktif" and "non_aktif" read "non aktif"."""
    return _SPACES.sub(" ", text.lower().replace("_", " ").replace("-", " ")).strip()


def parse_yes_no(text):
    """Return True or False for the words people use, or raise ValueError."""
    key = text.strip().lower()
    if key in SYNONYMS["yes_no"]:
        return SYNONYMS["yes_no"][key]
    raise ValueError(text)


def parse_choice(text, group):
    """Return the stored value a word stands for in ``group``, or raise ValueError."""
    words = SYNONYMS[group]
    for key in (text.strip().lower(), _choice_key(text)):
        if key in words:
            return words[key]
    raise ValueError(text)


def parse_year(value):
    """Return a year from 2019, 2019.0, "2019", "Th. 2019"; raise ValueError otherwise."""
    text = clean_text(value) or ""
    match = re.fullmatch(r"(?:th\.?|tahun)?\s*(\d{4})(?:\.0+)?", text.lower())
    if not match or not 1950 <= int(match[1]) <= 2100:
        raise ValueError(text)
    return int(match[1])


def parse_date(value):
    """Return a date from a date cell, ISO text, 31/01/2026, 31-01-2026 or "31 Januari 2026"."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = (clean_text(value) or "").lower()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if match:
        return date(int(match[3]), int(match[2]), int(match[1]))
    match = re.fullmatch(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", text)
    if match and match[2] in _MONTHS:
        return date(int(match[3]), _MONTHS[match[2]], int(match[1]))
    raise ValueError(text)


def _parse_cell(kind, raw):
    """Return the value of one non-empty cell, or raise ValueError/InvalidReferenceCodeError."""
    if kind == "long_text":
        return clean_text(raw, long=True)
    if kind == "text":
        return clean_text(raw)
    text = clean_text(raw)
    if kind == "url":
        return web_address(text)
    if kind == "yes_no":
        return parse_yes_no(text)
    if kind == "year":
        return parse_year(raw)
    if kind == "date":
        return parse_date(raw)
    family, _, arg = kind.partition(":")
    if family == "choice":
        return parse_choice(text, arg)
    if family == "code":
        return normalise_reference_code(text, prefix=arg)
    if family == "codes":
        parts = [p.strip() for p in re.split(r"[,;\n]", text) if p.strip()]
        return sorted({normalise_reference_code(p, prefix=arg) for p in parts})
    raise AssertionError(f"unknown column kind {kind}")


_PROBLEM_OF_KIND = {"yes_no": Problem.NOT_YES_NO, "year": Problem.NOT_A_YEAR,
                    "date": Problem.NOT_A_DATE, "choice": Problem.UNKNOWN_CHOICE,
                    "code": Problem.BAD_CODE, "codes": Problem.BAD_CODE,
                    "url": Problem.NOT_A_URL}


def _detail_of(kind):
    family, _, arg = kind.partition(":")
    if kind == "yes_no":
        return CHOICE_HINTS["yes_no"]
    if family == "choice":
        return CHOICE_HINTS[arg]
    if family in ("code", "codes"):
        return arg
    return ""


def parse_sheet(kind: str, header: Sequence, rows: Iterable[Sequence], *,
                first_line: int = 2) -> ParsedSheet:
    """Read one sheet: map its headers, then every row; blank rows are skipped.

    A sheet whose required columns are missing yields only that problem: its rows mean nothing.
    """
    sheet = ParsedSheet(kind)
    mapping, columns = _header_map(kind), _columns(kind)
    positions = {}
    for index, title in enumerate(header):
        name = normalise_header(title)
        if not name:
            continue
        key = mapping.get(name)
        if key is None:
            sheet.ignored_columns.append(str(title).strip())
        elif key in positions:
            sheet.errors.append(CellError(1, str(title).strip(), Problem.DUPLICATE_COLUMN))
        else:
            positions[key] = index
    for key, title, _kind, required, _max, _aliases in SHEETS[kind]["columns"]:
        if required and key not in positions:
            sheet.errors.append(CellError(1, title, Problem.MISSING_COLUMN))
    if sheet.errors:
        return sheet
    seen = {}
    key_columns = SHEETS[kind]["key"]
    for line, row in enumerate(rows, start=first_line):
        cells = {key: row[i] if i < len(row) else None for key, i in positions.items()}
        if all(clean_text(v) is None for v in cells.values()):
            continue
        values, errors = _parse_row(columns, cells, line)
        sheet.errors.extend(errors)
        # a second row with the same key is named even when either row has other problems
        identity = tuple(str(values.get(k) or "").lower() for k in key_columns)
        if all(identity) and identity in seen:
            sheet.errors.append(CellError(line, columns[key_columns[0]][1], Problem.DUPLICATE_ROW,
                                          str(values.get(key_columns[0]) or ""),
                                          str(seen[identity])))
            continue
        seen.setdefault(identity, line)
        if identity[0]:
            sheet.keys.append(str(values[key_columns[0]]))
        if not errors:
            sheet.rows.append((line, values))
    return sheet


def _parse_row(columns, cells, line):
    values, errors = {}, []
    for key, (_key, title, kind, required, max_length, _aliases) in columns.items():
        raw = cells.get(key)
        why = text_problem(raw) if isinstance(raw, str) else None
        if why:
            errors.append(CellError(line, title, Problem.BAD_TEXT, printable(raw)[:40], why))
            continue
        if clean_text(raw) is None:
            if required:
                errors.append(CellError(line, title, Problem.REQUIRED))
            continue
        try:
            value = _parse_cell(kind, raw)
        except (ValueError, InvalidReferenceCodeError):
            problem = _PROBLEM_OF_KIND[kind.partition(":")[0]]
            errors.append(CellError(line, title, problem, clean_text(raw) or "", _detail_of(kind)))
            continue
        if max_length and isinstance(value, str) and len(value) > max_length:
            errors.append(CellError(line, title, Problem.TOO_LONG, value[:40] + "…",
                                    str(max_length)))
            continue
        values[key] = value
    return values, errors
