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
from arch_models.import_rules import is_blank_word, word_key
from arch_models.refcodes import normalise_reference_code
from arch_models.reference.import_sheets import (
    CHOICE_HINTS,
    EXAMPLES,
    ROW_NUMBER_HEADERS,
    SHEETS,
    SYNONYMS,
)
from arch_models.text import FORMULA_STARTS, printable, text_problem, web_address

__all__ = ["FIRST_LINES", "CellError", "ParsedSheet", "Problem", "Tally", "all_columns",
           "normalise_header", "parse_sheet"]

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
    #: the choice group of an unknown word (lifecycle, kind, channel, …), so it can be mapped
    group: str = ""


#: how many line numbers a tally keeps: a report names the first rows, and counts the rest
FIRST_LINES = 10


@dataclass
class Tally:
    """One thing noted on many rows, counted once: "136 rows: '-' in Tahun Mulai"."""

    column: str
    kind: str
    value: str = ""
    detail: str = ""
    count: int = 0
    lines: list[int] = field(default_factory=list)
    #: a few distinct examples, where the note stands for many values ("a → b")
    examples: list[str] = field(default_factory=list)

    def add(self, line: int, example: str | None = None) -> None:
        """Count one more row (and keep its example while there are few)."""
        self.count += 1
        if len(self.lines) < FIRST_LINES:
            self.lines.append(line)
        if example is not None and len(self.examples) < 3 and example not in self.examples:
            self.examples.append(example)


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
    #: rows with a problem, with the values that could be read: their references are checked
    #: too, so one pass names every problem
    bad_rows: list[tuple[int, dict]] = field(default_factory=list)
    #: headers the registry does not know (nor a row number, nor remembered as ignored), with a
    #: few of their values, to be mapped to a column
    unknown_columns: dict[str, list[str]] = field(default_factory=dict)
    #: remembered header mappings used: header as typed -> column key
    mapped_columns: dict[str, str] = field(default_factory=dict)
    tallies: dict[tuple, Tally] = field(default_factory=dict)

    @property
    def notes(self) -> list[Tally]:
        """Return what was read in a way worth telling (blank words, mapped words, examples)."""
        return list(self.tallies.values())

    #: the column keys the header has
    present: set[str] = field(default_factory=set)

    def note(self, line, column, kind, value="", detail="", example=None):
        """Count one row for the note (column, kind, value, detail)."""
        key = (column, kind, value, detail)
        tally = self.tallies.get(key)
        if tally is None:
            tally = self.tallies[key] = Tally(column, kind, value, detail)
        tally.add(line, example)


def normalise_header(text) -> str:
    """Return a header as compared: lower case, single spaces, no punctuation at the ends."""
    return _SPACES.sub(" ", str(text or "").replace("\xa0", " ")).strip(" :*.").lower()


def all_columns(kind):
    """Return the columns of a sheet kind: the template's, then those also read."""
    return SHEETS[kind]["columns"] + SHEETS[kind].get("also", ())


def _header_map(kind):
    mapping = {}
    for key, header, _kind, _required, _max, aliases in all_columns(kind):
        for name in (header, key, *aliases):
            mapping.setdefault(normalise_header(name), key)
    return mapping


def _columns(kind):
    return {c[0]: c for c in all_columns(kind)}


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


def parse_yes_no(text):
    """Return True or False for the words people use, or raise ValueError."""
    key = text.strip().lower()
    if key in SYNONYMS["yes_no"]:
        return SYNONYMS["yes_no"][key]
    raise ValueError(text)


def parse_choice(text, group):
    """Return the stored value a word stands for in ``group``, or raise ValueError."""
    words = SYNONYMS[group]
    for key in (text.strip().lower(), word_key(text)):
        if key in words:
            return words[key]
    raise ValueError(text)


def parse_year(value):
    """Return a year from 2019, 2019.0, "2019", "Th. 2019" or a date; raise ValueError otherwise."""
    if isinstance(value, date):
        return value.year
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


def _parse_cell(kind, raw, text=None):
    """Return the value of one non-empty cell, or raise ValueError/InvalidReferenceCodeError.

    ``text`` is the cell as clean_text reads it, if known.
    """
    if kind == "long_text":
        return clean_text(raw, long=True)
    if text is None:
        text = clean_text(raw)
    if kind == "text":
        return text
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


#: how many values of an unknown column a report shows, to help map it
_SAMPLES = 5


def parse_sheet(kind: str, header: Sequence, rows: Iterable[Sequence], *,
                first_line: int = 2, words: dict | None = None,
                headers: dict | None = None) -> ParsedSheet:
    """Read one sheet: map its headers, then every row; blank rows are skipped.

    ``words`` ({choice group: {word key: stored value, "" for unknown}}) and ``headers``
    ({normalised header: column key, "" to ignore}) are what the instansi taught the import
    before. A sheet whose required columns are missing yields only that problem (its rows
    mean nothing), and a few values of its unknown columns, to map one of them.
    """
    sheet = ParsedSheet(kind)
    spec = SHEETS[kind]
    mapping, columns = _header_map(kind), _columns(kind)
    headers = headers or {}
    positions, unknown = {}, {}
    for index, title in enumerate(header):
        name = normalise_header(title)
        if not name:
            continue
        shown = str(title).strip()
        key = headers.get(name)
        if key is not None and key not in columns and key != "":
            key = None  # a remembered column the sheet no longer has
        if key == "":
            sheet.ignored_columns.append(shown)
            continue
        if key is not None:
            sheet.mapped_columns[shown] = key
        else:
            key = mapping.get(name)
        if key is None:
            sheet.ignored_columns.append(shown)
            if name not in ROW_NUMBER_HEADERS:
                unknown[index] = shown
                sheet.unknown_columns[shown] = []
        elif key in positions:
            sheet.errors.append(CellError(1, shown, Problem.DUPLICATE_COLUMN))
        else:
            positions[key] = index
    for key, title, _kind, required, _max, _aliases in all_columns(kind):
        if required and key not in positions:
            sheet.errors.append(CellError(1, title, Problem.MISSING_COLUMN))
    for group in spec.get("one_of", ()):
        if not any(key in positions for key in group):
            sheet.errors.append(CellError(1, columns[group[0]][1], Problem.MISSING_COLUMN))
    sheet.present = set(positions)
    if sheet.errors:
        if unknown:
            _sample_only(sheet, unknown, rows)
        return sheet
    seen = {}
    key_columns = spec["key"]
    probe, examples = _example_probe(kind, positions)
    for line, row in enumerate(rows, start=first_line):
        size = len(row)
        cells = {key: row[i] if i < size else None for key, i in positions.items()}
        if all(clean_text(v) is None for v in cells.values()):
            continue
        if probe and clean_text(cells[probe]) in examples and _is_example(kind, cells):
            sheet.note(line, "", "example")
            continue
        if unknown:
            _sample(sheet, unknown, row)
        values, errors = _parse_row(columns, cells, line, sheet, words or {})
        for group in spec.get("one_of", ()):
            titles = {columns[k][1] for k in group}
            if not any(k in values for k in group) and not any(
                    e.column in titles for e in errors):
                errors.append(CellError(line, columns[group[0]][1], Problem.REQUIRED))
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
        (sheet.bad_rows if errors else sheet.rows).append((line, values))
    return sheet


def _sample(sheet, unknown, row):
    size = len(row)
    for index, title in unknown.items():
        found = sheet.unknown_columns[title]
        if len(found) < _SAMPLES and index < size:
            text = clean_text(row[index])
            if text and not is_blank_word(text) and text not in found:
                found.append(printable(text)[:80])


def _sample_only(sheet, unknown, rows, limit=200):
    """Collect a few values of the unknown columns from the first rows of a refused sheet."""
    for count, row in enumerate(rows):
        if count >= limit or all(len(v) >= _SAMPLES for v in sheet.unknown_columns.values()):
            break
        _sample(sheet, unknown, row)


def _example_probe(kind, positions):
    """Return a column whose value tells an example row quickly, and the examples' values.

    Only a sheet with every column of the template's examples can hold them.
    """
    examples = EXAMPLES.get(kind, ())
    if not examples or not set(examples[0]) <= set(positions):
        return None, set()
    for key in positions:
        values = {clean_text(e.get(key)) for e in examples}
        if examples and None not in values:
            return key, values
    return None, set()


def _is_example(kind, cells):
    """Tell whether the row is one of the template's example rows, left as it was."""
    return any(all(clean_text(cells[k]) == clean_text(example.get(k)) for k in cells)
               for example in EXAMPLES.get(kind, ()))


def _parse_row(columns, cells, line, sheet, words):
    values, errors = {}, []
    for key, raw in cells.items():
        _key, title, kind, required, max_length, _aliases = columns[key]
        if raw is None:
            if required:
                errors.append(CellError(line, title, Problem.REQUIRED))
            continue
        why = text_problem(raw) if isinstance(raw, str) else None
        if why:
            errors.append(CellError(line, title, Problem.BAD_TEXT, printable(raw)[:40], why))
            continue
        text = clean_text(raw)
        if text is None:
            if required:
                errors.append(CellError(line, title, Problem.REQUIRED))
            continue
        family, _, group = kind.partition(":")
        if family == "choice" and words.get(group):
            meaning = words[group].get(word_key(text))
            if meaning is not None:
                sheet.note(line, title, "mapped", word_key(text), meaning)
                if meaning:
                    values[key] = meaning
                continue
        if is_blank_word(text) and not (kind == "yes_no" and text.lower() in SYNONYMS["yes_no"]):
            if required:
                errors.append(CellError(line, title, Problem.REQUIRED))
            else:
                sheet.note(line, title, "blank", text)
            continue
        try:
            value = _parse_cell(kind, raw, text)
        except (ValueError, InvalidReferenceCodeError):
            problem = _PROBLEM_OF_KIND[family]
            errors.append(CellError(line, title, problem, text, _detail_of(kind),
                                    group if family == "choice" else ""))
            continue
        if max_length and isinstance(value, str) and len(value) > max_length:
            errors.append(CellError(line, title, Problem.TOO_LONG, value[:40] + "…",
                                    str(max_length)))
            continue
        if kind == "url" and value != text:
            sheet.note(line, title, "normalised", example=f"{text} \u2192 {value}")
        values[key] = value
    return values, errors
