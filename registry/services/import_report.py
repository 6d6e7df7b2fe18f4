"""What an import found, in a form people act on.

Every problem keeps its sheet, line and column; the report also groups them by kind ("13
baris: …", with the first rows), lists each unknown word and header once with the rows that
use it and the best guess of what it means, and counts the notes on data quality (blank words
read as unknown, addresses outside the zone, generated codes) that do not stop the import.
"""

from dataclasses import asdict, dataclass, field

from flask_babel import gettext as _

from arch_models.tabular import FIRST_LINES
from registry.i18n import N_

#: problems told apart by their value when grouped: each unknown word, each unknown reference
_BY_VALUE = {"unknown_choice", "unknown_reference"}

NOTE_MESSAGES = {
    "blank": N_("\u201c%(value)s\u201d di %(column)s dibaca sebagai tidak diketahui."),
    "mapped": N_("\u201c%(value)s\u201d di %(column)s dibaca sebagai \u201c%(detail)s\u201d "
                 "(pemetaan tersimpan)."),
    "mapped_blank": N_("\u201c%(value)s\u201d di %(column)s dibaca sebagai tidak diketahui "
                       "(pemetaan tersimpan)."),
    "example": N_("Baris contoh templat dilewati."),
    "normalised": N_("Alamat di %(column)s ditulis dalam bentuk baku, mis. %(examples)s."),
    "generated_code": N_("Tanpa %(column)s: diberi kode baru (%(examples)s)."),
    "matched_by_name": N_("Tanpa %(column)s: dicocokkan dengan data yang ada menurut OPD dan "
                          "nama (%(examples)s)."),
    "new_unit": N_("OPD \u201c%(value)s\u201d belum ada: dibuat dengan kode %(detail)s."),
    "outside_zone": N_("Alamat di luar zona %(detail)s disimpan apa adanya (mis. "
                       "%(examples)s)."),
    "ip": N_("Alamat memakai alamat IP, bukan nama domain (mis. %(examples)s)."),
    "localhost": N_("Alamat menunjuk ke localhost, tidak dapat dibuka dari luar (mis. "
                    "%(examples)s)."),
    "domain_created": N_("Nama domain dari alamat web ditambahkan ke register domain (mis. "
                         "%(examples)s)."),
    "domain_taken": N_("Nama domain sudah terdaftar pada instansi lain, tidak ditambahkan "
                       "(%(examples)s)."),
    "domain_other_app": N_("Nama domain sudah tercatat untuk aplikasi lain di berkas ini "
                           "(%(examples)s)."),
    "no_zone": N_("Instansi belum mempunyai zona domain: alamat tidak dapat didaftarkan "
                  "sebagai domain."),
}


@dataclass(frozen=True)
class RowProblem:
    """One problem of the file, as the report shows it."""

    sheet: str
    line: int
    column: str
    message: str
    #: the rule (arch_models.tabular.Problem values, and "rule" for the registry's own)
    code: str = "rule"
    value: str = ""
    #: the choice group of an unknown word
    group: str = ""


@dataclass
class SheetCounts:
    """What the import does to one sheet's records."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(kw_only=True)
class RowTally:
    """How many rows share something, with the line numbers of the first of them."""

    count: int = 0
    lines: list[int] = field(default_factory=list)

    def add(self, line, keep=FIRST_LINES):
        """Count one more row, keeping its line number while fewer than ``keep`` are kept."""
        self.count += 1
        if len(self.lines) < keep:
            self.lines.append(line)


@dataclass
class Group(RowTally):
    """Problems or notes of one kind, counted: the message, how many rows, the first ones."""

    sheet: str
    column: str
    kind: str
    message: str
    #: the word or value the group is about, if one
    value: str = ""

    @property
    def summary(self):
        """Return "13 baris: <message>" (or the message alone for the header row)."""
        if self.lines == [1] and self.count == 1:
            return self.message
        return _("%(n)s baris: %(message)s", n=self.count, message=self.message)


@dataclass
class UnknownWord(RowTally):
    """A word of a choice column the registry does not know, once, with the rows using it."""

    group: str
    sheet: str
    column: str
    word: str
    key: str
    guess: str | None = None
    options: list[tuple[str, str]] = field(default_factory=list)
    #: the --map option that maps it to the guess
    hint: str = ""


@dataclass
class UnknownHeader:
    """A header the registry does not know, with a few of its values and the best guess."""

    kind: str
    sheet: str
    header: str
    key: str
    samples: list[str] = field(default_factory=list)
    guess: str | None = None
    options: list[tuple[str, str]] = field(default_factory=list)
    hint: str = ""


class _Tally:
    __slots__ = ("count", "examples", "lines")

    def __init__(self):
        self.count, self.lines, self.examples = 0, [], []

    def add(self, line, example=None, count=1, lines=None, examples=()):
        self.count += count
        for n in (lines if lines is not None else [line]):
            if len(self.lines) < FIRST_LINES and n not in self.lines:
                self.lines.append(n)
        for ex in ([example] if example is not None else []) + list(examples):
            if len(self.examples) < 3 and ex not in self.examples:
                self.examples.append(ex)


@dataclass
class ImportReport:
    """The outcome of a dry run or an import."""

    dry_run: bool
    written: bool = False
    counts: dict[str, SheetCounts] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    ignored_columns: dict[str, list[str]] = field(default_factory=dict)
    rows: int = 0
    notes: list[Group] = field(default_factory=list)
    unknown_words: list[UnknownWord] = field(default_factory=list)
    unknown_headers: list[UnknownHeader] = field(default_factory=list)
    #: headers read through a remembered mapping: {sheet: {header: column}}
    mapped_columns: dict[str, dict[str, str]] = field(default_factory=dict)
    _tallies: dict = field(default_factory=dict, repr=False)
    _groups: list | None = field(default=None, repr=False)

    @property
    def ok(self):
        """Tell whether the file can be imported as it is."""
        return not self.problems

    def note(self, sheet, column, kind, line, *, value="", detail="", example=None):
        """Count one row for a data-quality note."""
        key = (sheet, column, kind, value, detail)
        tally = self._tallies.get(key)
        if tally is None:
            tally = self._tallies[key] = _Tally()
        tally.add(line, example)

    def add_tally(self, sheet, tally):
        """Take a note the sheet reader counted (arch_models.tabular.Tally)."""
        key = (sheet, tally.column, tally.kind, tally.value, tally.detail)
        mine = self._tallies.get(key)
        if mine is None:
            mine = self._tallies[key] = _Tally()
        mine.add(None, count=tally.count, lines=tally.lines, examples=tally.examples)

    def finish_notes(self, display=None):
        """Word the counted notes; ``display`` gives the word shown for a stored value."""
        display = display or {}
        self.notes = []
        for (sheet, column, kind, value, detail), tally in self._tallies.items():
            template = NOTE_MESSAGES["mapped_blank" if kind == "mapped" and not detail
                                     else kind]
            message = _(template, value=value, column=column,
                        detail=display.get(detail, detail),
                        examples=", ".join(tally.examples))
            self.notes.append(Group(sheet, column, kind, message, value,
                                    count=tally.count, lines=tally.lines))

    @property
    def problem_groups(self):
        """Return the problems grouped by sheet, column, rule (and word), first seen first."""
        if self._groups is None or sum(g.count for g in self._groups) != len(self.problems):
            groups = {}
            for p in self.problems:
                key = (p.sheet, p.column, p.code, p.value.lower() if p.code in _BY_VALUE else "")
                group = groups.get(key)
                if group is None:
                    group = groups[key] = Group(p.sheet, p.column, p.code, p.message)
                group.add(p.line)
            self._groups = list(groups.values())
        return self._groups


def report_to_json(report):
    """Return the report as plain JSON data, to keep as an import job's result."""
    return {"dry_run": report.dry_run, "written": report.written, "rows": report.rows,
            "counts": {kind: asdict(c) for kind, c in report.counts.items()},
            "problems": [asdict(p) for p in report.problems],
            "ignored_columns": report.ignored_columns,
            "mapped_columns": report.mapped_columns,
            "notes": [asdict(n) for n in report.notes],
            "unknown_words": [asdict(w) for w in report.unknown_words],
            "unknown_headers": [asdict(h) for h in report.unknown_headers]}


def report_from_json(data):
    """Rebuild the report ``report_to_json`` kept, for the same page as an inline import."""
    report = ImportReport(dry_run=data["dry_run"], written=data["written"], rows=data["rows"],
                          ignored_columns=data["ignored_columns"],
                          mapped_columns=data["mapped_columns"])
    report.counts = {kind: SheetCounts(**c) for kind, c in data["counts"].items()}
    report.problems = [RowProblem(**p) for p in data["problems"]]
    report.notes = [Group(**n) for n in data["notes"]]
    report.unknown_words = [UnknownWord(**w | {"options": [tuple(o) for o in w["options"]]})
                            for w in data["unknown_words"]]
    report.unknown_headers = [UnknownHeader(**h | {"options": [tuple(o) for o in h["options"]]})
                              for h in data["unknown_headers"]]
    return report
