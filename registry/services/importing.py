"""Import OPDs, applications, integration links and domains from XLSX or CSV.

Three steps: read the file into sheets (registry.services.workbooks), parse every row
(arch_models.tabular, with the words and headers the instansi taught it), then plan against
the database: what to create, what to change, and every problem of every sheet with its line
and column, in one pass. A dry run stops there. A real import refuses the whole file while any
problem remains, and otherwise writes the plan in one transaction (all or nothing), upserting
by code so that importing the same file twice changes nothing the second time.

Spreadsheets come as people typed them: "-" or "belum ada" means unknown; a row without a code
gets one (APP-0001, an OPD its acronym) and is found again by its OPD and normalised name; an
OPD may be named instead of coded; addresses are stored normalised, and those outside the
instansi's zone are noted, not refused. A blank cell never erases what the registry knows.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from flask_babel import gettext as _
from sqlalchemy import bindparam, insert, or_, select, update
from sqlalchemy.orm import aliased

from arch_models.import_rules import (
    CodeSequence,
    guess_choice,
    guess_column,
    host_class,
    name_key,
    word_key,
)
from arch_models.landscape import AppKind, Lifecycle, LinkStatus
from arch_models.reference.import_sheets import EXPORT_WORDS, SHEETS, SYNONYMS
from arch_models.requests import syntax_problems
from arch_models.tabular import Problem, all_columns, normalise_header, parse_sheet
from registry import models
from registry.errors import ValidationFailedError
from registry.extensions import db
from registry.i18n import N_
from registry.models.base import utcnow
from registry.schemas.common import TEXT_MESSAGES
from registry.services import changelog, import_mappings
from registry.services._tx import transaction
from registry.services.import_report import (
    ImportReport,
    RowProblem,
    SheetCounts,
    UnknownHeader,
    UnknownWord,
)
from registry.services.permissions import INVENTORY_MAINTAINERS, require_role
from registry.services.workbooks import read_sheets

__all__ = ["ImportReport", "RowProblem", "SheetCounts", "import_file"]

#: the order sheets are planned and written in: later ones refer to earlier ones
ORDER = ("units", "applications", "links", "domains")

MESSAGES = {
    Problem.REQUIRED: N_("Wajib diisi."),
    Problem.TOO_LONG: N_("Terlalu panjang: paling banyak %(detail)s karakter."),
    Problem.NOT_YES_NO: N_("\u201c%(value)s\u201d bukan Ya atau Tidak."),
    Problem.NOT_A_YEAR: N_("\u201c%(value)s\u201d bukan tahun (contoh: 2019)."),
    Problem.NOT_A_DATE: N_("\u201c%(value)s\u201d bukan tanggal (contoh: 2026-12-31 atau "
                           "31/12/2026)."),
    Problem.UNKNOWN_CHOICE: N_("\u201c%(value)s\u201d tidak dikenal; gunakan salah satu dari: "
                               "%(detail)s."),
    Problem.BAD_CODE: N_("\u201c%(value)s\u201d bukan kode %(detail)s yang sah (contoh: "
                         "%(detail)s.02.01)."),
    Problem.MISSING_COLUMN: N_("Kolom wajib ini tidak ada di baris judul."),
    Problem.DUPLICATE_COLUMN: N_("Kolom ini muncul dua kali."),
    Problem.DUPLICATE_ROW: N_("\u201c%(value)s\u201d sudah ada di baris %(detail)s."),
    Problem.BAD_TEXT: N_("\u201c%(value)s\u201d: %(detail)s"),
    Problem.NOT_A_URL: N_("\u201c%(value)s\u201d bukan alamat web http atau https (contoh: "
                          "https://simpeg.contohprov.go.id)."),
}

#: the word the import reads for a stored value, to show what a mapped word became
_WORD_OF_VALUE = {value: word for group in ("lifecycle", "kind", "channel", "link_status",
                                            "domain_status")
                  for value, word in EXPORT_WORDS[group].items()}
#: a reference to a row that has problems of its own: known, but nothing is planned for it
_PENDING = ""
_MISSING = object()
_NO_HOSTING = object()


@dataclass
class _Plan:
    """What will be written, per sheet: new rows, and (id, changes, before) for updates."""

    creates: dict[str, list[dict]] = field(default_factory=lambda: {k: [] for k in ORDER})
    updates: dict[str, list[tuple[int, dict, dict]]] = field(
        default_factory=lambda: {k: [] for k in ORDER})


def import_file(stream, filename, *, agency_id, actor, dry_run=False, kind=None,
                progress: Callable[[str, int], None] | None = None, maps=(),
                domains_from_urls=False):
    """Check a spreadsheet and, unless a dry run or a problem stops it, write it all.

    ``maps`` are ``--map`` options ("Status:naktif=nonaktif"): used for this import and
    remembered for the instansi when it is written. ``domains_from_urls`` adds the hosts of
    the applications' addresses under the instansi's zone to the domain register.
    ``progress(event, n)`` hears ("total", rows expected), ("rows", rows read) and
    ("writing", records to write), for a progress bar.
    """
    require_role(actor, *INVENTORY_MAINTAINERS)
    agency = db.session.get(models.Agency, agency_id)
    if agency is None:
        raise ValidationFailedError(_("Instansi tidak dikenal."),
                                    errors={"agency_id": [_("Instansi tidak dikenal.")]})
    taught = import_mappings.taught(agency.id)
    extra = import_mappings.items_from_specs(agency.id, maps) if maps else []
    taught.add(extra)
    report = ImportReport(dry_run=dry_run)
    sheets = read_sheets(stream, filename, kind=kind, headers=taught.headers)
    tell = progress or (lambda _event, _n: None)
    tell("total", sum(sheet[4] for sheet in sheets.values()))
    parsed = {}
    for sheet_kind, (title, header, rows, first_line, _size) in sheets.items():
        sheet = parse_sheet(sheet_kind, header, _counted(rows, tell), first_line=first_line,
                            words=taught.words, headers=taught.headers.get(sheet_kind))
        parsed[sheet_kind] = sheet
        report.rows += len(sheet.rows)
        if sheet.ignored_columns:
            report.ignored_columns[title] = sheet.ignored_columns
        if sheet.mapped_columns:
            report.mapped_columns[title] = sheet.mapped_columns
        report.problems += [_problem(title, e) for e in sheet.errors]
        for tally in sheet.notes:
            report.add_tally(title, tally)
    titles = {k: sheets[k][0] for k in sheets}
    planner = _Planner(agency, report, titles, taught, domains_from_urls)
    plan = planner.plan(parsed)
    _explain_unknowns(report, parsed, titles, agency,
                      [(c.code, c.name, c.kind) for c in planner.centres])
    report.finish_notes(_WORD_OF_VALUE)
    if dry_run or not report.ok:
        return report
    tell("writing", sum(len(v) for v in plan.creates.values())
         + sum(len(v) for v in plan.updates.values()))
    with transaction():
        _write(plan, agency, actor)
        if extra:
            import_mappings.save_mappings(agency.id, extra, actor=actor)
    report.written = True
    return report


def _counted(rows, tell, every=1000):
    """Pass rows through, telling how many were read every ``every`` rows."""
    done = 0
    for done, row in enumerate(rows, start=1):
        if done % every == 0:
            tell("rows", every)
        yield row
    tell("rows", done % every)


def _problem(title, error):
    template = MESSAGES[error.problem]
    detail = error.detail
    if error.problem is Problem.BAD_TEXT:
        detail = _(TEXT_MESSAGES[detail])
    return RowProblem(title, error.line, error.column,
                      _(template, value=error.value, detail=detail), error.problem.value,
                      error.value, error.group)


def _column_title(kind, key):
    return next(c[1] for c in all_columns(kind) if c[0] == key)


def _explain_unknowns(report, parsed, titles, agency, centres):
    """List each unknown word and header once.

    Each with its rows, its best guess and the values it may be mapped to.
    """
    words, vocabularies, choices = {}, {}, {}
    for p in report.problems:
        if p.code != Problem.UNKNOWN_CHOICE.value or not p.group:
            continue
        key = (p.group, word_key(p.value))
        found = words.get(key)
        if found is None:
            if p.group not in vocabularies:
                vocabularies[p.group] = import_mappings.vocabulary(agency.id, p.group, centres)
                choices[p.group] = import_mappings.options(agency.id, p.group)
            guess = guess_choice(p.value, vocabularies[p.group])
            found = words[key] = UnknownWord(
                p.group, p.sheet, p.column, p.value, key[1], guess=guess,
                options=choices[p.group],
                hint=import_mappings.spec_for(p.group, p.value, guess) if guess else "")
        found.add(p.line, keep=10)
    report.unknown_words = list(words.values())
    for kind, sheet in parsed.items():
        if not sheet.unknown_columns:
            continue
        columns = {c[0]: c for c in all_columns(kind)}
        free = {key: (c[1], c[0], *c[5]) for key, c in columns.items()
                if key not in sheet.present}
        titles_to_keys = {c[1]: key for key, c in columns.items()}
        missing = [titles_to_keys[e.column] for e in sheet.errors
                   if e.problem is Problem.MISSING_COLUMN and e.column in titles_to_keys]
        group = import_mappings.header_group(kind)
        for header, samples in sheet.unknown_columns.items():
            guess = guess_column(header, free, samples=samples,
                                 kinds={k: c[2] for k, c in columns.items()}, missing=missing)
            report.unknown_headers.append(UnknownHeader(
                kind, titles[kind], header, normalise_header(header), samples, guess,
                import_mappings.options(agency.id, group),
                import_mappings.spec_for(group, header, guess) if guess else ""))


def _rows(sheet):
    """Return the sheet's rows in file order as (line, values, readable)."""
    rows = [(line, values, True) for line, values in sheet.rows]
    if sheet.bad_rows:
        rows += [(line, values, False) for line, values in sheet.bad_rows]
        rows.sort(key=lambda row: row[0])
    return rows


class _Planner:
    """Resolves codes and names against the file and the database, and sorts rows into a plan.

    References stay codes until the write, when the earlier sheets' new rows have their ids.
    Rows with problems of their own are still checked for references, so one pass names every
    problem; nothing is planned for them.
    """

    def __init__(self, agency, report, titles, taught, domains_from_urls):
        self.agency, self.report, self.titles = agency, report, titles
        self.words = taught.words
        self.domains_from_urls = domains_from_urls
        self.zone = (agency.zone or "").lower().rstrip(".") or None
        self.plan_ = _Plan()
        #: hosts under the zone from the applications' addresses: (host, unit, app, line)
        self.url_hosts = []
        self.domains = None
        self.planned_fqdns = {}

    def _title(self, kind):
        return self.titles.get(kind, SHEETS[kind]["title"])

    def fail(self, kind, line, key, message, *, code="rule", value="", group=""):
        self.report.problems.append(RowProblem(self._title(kind), line, _column_title(kind, key),
                                               message, code, value, group))

    def note(self, kind, key, note_kind, line, **kwargs):
        self.report.note(self._title(kind), _column_title(kind, key) if key else "", note_kind,
                         line, **kwargs)

    # -- what the registry holds ----------------------------------------------------------------

    def plan(self, parsed):
        unit, app = models.Unit, models.Application
        self.existing_units = {r.code.lower(): r for r in db.session.execute(
            select(unit.id, unit.code, unit.name, unit.acronym, unit.is_ict_unit)
            .where(unit.agency_id == self.agency.id).order_by(unit.id))}
        self.units = {key: r.code for key, r in self.existing_units.items()}
        self.unit_names, self.unit_acronyms, self.units_by_name = {}, {}, {}
        for r in self.existing_units.values():
            self._index_unit(r.code, r.name, r.acronym)
            self.units_by_name.setdefault(name_key(r.name), r)
        self.existing_apps = {r.code.lower(): r for r in db.session.execute(
            select(app.id, app.code, app.name, app.acronym, app.description, app.kind,
                   unit.code.label("unit_code"), app.lifecycle, app.started_on,
                   app.reference_code, app.service_codes, app.hosting_id, app.url)
            .join(unit, unit.id == app.owner_unit_id)
            .where(app.agency_id == self.agency.id).order_by(app.id))}
        self.apps = {key: row.code for key, row in self.existing_apps.items()}
        self.app_names, self.apps_by_unit_name = {}, {}
        for row in self.existing_apps.values():
            key = name_key(row.name)
            self.apps_by_unit_name.setdefault((row.unit_code.lower(), key), row)
            self._index_app_name(key, row.code)
        #: applications retired in the registry or by this file: their links are retired too
        self.retired = {key for key, row in self.existing_apps.items()
                        if row.lifecycle == Lifecycle.RETIRED}
        centre = models.DataCenter
        self.centres = list(db.session.execute(
            select(centre.id, centre.code, centre.name, centre.kind)
            .where(centre.agency_id == self.agency.id).order_by(centre.id)))
        self.centre_codes = {c.code.lower(): c.id for c in self.centres}
        self.centre_names = {}
        for c in self.centres:
            self.centre_names.setdefault(name_key(c.name), c.id)
        for kind, known in (("units", self.units), ("applications", self.apps)):
            if kind in parsed:
                known.update((key.lower(), key) for key in parsed[kind].keys
                             if key.lower() not in known)
        #: a sheet refused whole (a required column missing) says nothing about its records:
        #: references to them wait for the fixed file rather than being reported unknown
        self.unreadable = {kind for kind, sheet in parsed.items() if any(
            e.problem is Problem.MISSING_COLUMN for e in sheet.errors)}
        self.unit_codes = CodeSequence("OPD-", self.units.values(), width=3)
        self.app_codes = CodeSequence("APP-", self.apps.values(), width=4)
        for kind in ORDER:
            if kind in parsed:
                getattr(self, f"_plan_{kind}")(parsed[kind])
        if self.domains_from_urls:
            self._plan_domains_from_urls()
        return self.plan_

    def _index_unit(self, code, name, acronym):
        self.unit_names.setdefault(name_key(name), code)
        key = name_key(acronym) if acronym else ""
        if key:
            self.unit_acronyms[key] = code if self.unit_acronyms.get(key, code) == code else None

    def _index_app_name(self, key, code):
        if not key:
            return
        known = self.app_names.get(key, _MISSING)
        if known is _MISSING:
            self.app_names[key] = code
        elif known != code:
            self.app_names[key] = None  # two applications of one name: only a code tells

    def _upsert(self, kind, found, values):
        """File the row as a create, an update of the fields that differ, or unchanged."""
        counts = self.report.counts.setdefault(kind, SheetCounts())
        if found is None:
            self.plan_.creates[kind].append(values)
            counts.created += 1
            return
        before = {k: changelog.jsonable(v) for k, v in found._mapping.items()}
        changes = {k: v for k, v in values.items() if before.get(k) != changelog.jsonable(v)}
        if changes:
            self.plan_.updates[kind].append((found.id, changes, before))
            counts.updated += 1
        else:
            counts.unchanged += 1

    # -- references -----------------------------------------------------------------------------

    def _resolve_unit(self, text):
        """Return the code of the OPD a cell names by code, name or acronym, or None."""
        found = self.units.get(text.lower())
        if found is None:
            key = name_key(text)
            found = self.unit_names.get(key)
            if found is None:
                found = self.unit_acronyms.get(key)
        return found

    def _unit_ref(self, kind, line, values, *, readable):
        """Return the code of the row's OPD, None when unknown (reported), or _PENDING.

        An OPD a name alone introduces is created.
        """
        code, name = values.pop("unit_code", None), values.pop("unit_name", None)
        if not (code or name):
            return _PENDING  # reported by the reader: an OPD is required
        for text in (code, name):
            if text:
                found = self._resolve_unit(text)
                if found is not None:
                    return found
        if "units" in self.unreadable:
            return _PENDING
        if name or (code and " " in code.strip()):
            if not readable:
                return _PENDING
            given = code if name and code and " " not in code.strip() else None
            return self._new_unit(kind, line, name or code, given,
                                  "unit_name" if name else "unit_code")
        self.fail(kind, line, "unit_code", _(
            "OPD \u201c%(code)s\u201d tidak dikenal: tidak ada di registri maupun di lembar "
            "OPD berkas ini.", code=code), code="unknown_reference", value=code)
        return None

    def _new_unit(self, kind, line, name, code, key):
        if not (code and self.unit_codes.take(code)):
            code = self.unit_codes()
        values = {"code": code, "name": name[:200]}
        self.plan_.creates["units"].append(values)
        self.report.counts.setdefault("units", SheetCounts()).created += 1
        self.units[code.lower()] = code
        self._index_unit(code, name, None)
        self.note(kind, key, "new_unit", line, value=name, detail=code)
        return code

    def _app_ref(self, kind, line, key, code, name):
        """Return the code of the application a row names by code or name.

        Or None (reported), or _PENDING (an application of this file with problems of its own).
        """
        if code:
            found = self.apps.get(code.lower())
            if found is not None:
                return found
        name_column = key.replace("_code", "_name")
        if name:
            found = self.app_names.get(name_key(name), _MISSING)
            if found is None:
                self.fail(kind, line, name_column, _(
                    "Nama aplikasi \u201c%(name)s\u201d dipakai lebih dari satu aplikasi: tulis "
                    "kodenya.", name=name), code="unknown_reference", value=name)
                return None
            if found is not _MISSING and (found or not code):
                return found
        if "applications" in self.unreadable:
            return _PENDING
        typed = code or name
        self.fail(kind, line, key if code else name_column, _(
            "Aplikasi \u201c%(code)s\u201d tidak dikenal: tidak ada di registri maupun di "
            "lembar Aplikasi berkas ini.", code=typed), code="unknown_reference", value=typed)
        return None

    def _duplicate(self, kind, line, key, value, first):
        self.fail(kind, line, key, _(MESSAGES[Problem.DUPLICATE_ROW], value=value, detail=first),
                  code=Problem.DUPLICATE_ROW.value, value=value)

    # -- sheets ---------------------------------------------------------------------------------

    def _plan_units(self, sheet):
        seen = {}
        for line, values, readable in _rows(sheet):
            code, name = values.get("code"), values.get("name") or ""
            key = name_key(name)
            found = None
            if code:
                found = self.existing_units.get(code.lower())
            elif key:
                if key in seen:
                    self._duplicate("units", line, "name", name, seen[key])
                    continue
                found = self.units_by_name.get(key)
            if key:
                seen.setdefault(key, line)
            if not readable:
                if not code and key:
                    self.unit_names.setdefault(key, _PENDING)
                continue
            if found is not None:
                values["code"] = found.code
                if not code:
                    values["name"] = found.name  # the same name, as the registry writes it
                    self.note("units", "code", "matched_by_name", line, example=found.code)
            elif not code:
                values["code"] = self._free_unit_code(values.get("acronym"))
                self.note("units", "code", "generated_code", line, example=values["code"])
            self._upsert("units", found, values)
            self.units.setdefault(values["code"].lower(), values["code"])
            self._index_unit(values["code"], values["name"], values.get("acronym"))

    def _free_unit_code(self, acronym):
        """Return an OPD code: its acronym in capitals when free, else the next OPD-001.

        Capitals as the registry's OPD codes are.
        """
        candidate = "".join(ch for ch in (acronym or "") if ch.isalnum()).upper()[:40]
        if candidate and not candidate.isdigit() and self.unit_codes.take(candidate):
            return candidate
        return self.unit_codes()

    def _hosting_id(self, line, text):
        """Return the data centre a hosting cell names (by mapping, code, name or kind).

        Or _NO_HOSTING for a word mapped to unknown, or None (reported).
        """
        key = word_key(text)
        mapped = self.words.get("hosting", {}).get(key)
        if mapped is not None:
            self.note("applications", "hosting", "mapped", line, value=key, detail=mapped)
            if mapped == "":
                return _NO_HOSTING
            if mapped.lower() in self.centre_codes:
                return self.centre_codes[mapped.lower()]
        found = self.centre_codes.get(text.lower()) or self.centre_names.get(name_key(text))
        if found:
            return found
        center_kind = SYNONYMS["hosting"].get(text.lower()) or SYNONYMS["hosting"].get(key)
        for centre in self.centres:
            if center_kind and centre.kind == center_kind:
                return centre.id
        self.fail("applications", line, "hosting", _(
            "Hosting \u201c%(value)s\u201d tidak dikenal: tulis kode atau nama pusat data instansi "
            "ini, atau Lokal, Pusat/PDN, Cloud.", value=text),
            code=Problem.UNKNOWN_CHOICE.value, value=text, group="hosting")
        return None

    def _plan_applications(self, sheet):
        seen = {}
        for line, values, readable in _rows(sheet):
            unit_code = self._unit_ref("applications", line, values, readable=readable)
            hosting = values.pop("hosting", None)
            hosting_id = self._hosting_id(line, hosting) if hosting else None
            code, name = values.get("code"), values.get("name")
            key = name_key(name) if name else ""
            found = None
            if code:
                found = self.existing_apps.get(code.lower())
            elif unit_code and key:
                where = (unit_code.lower(), key)
                if where in seen:
                    self._duplicate("applications", line, "name", name, seen[where])
                    continue
                seen[where] = line
                found = self.apps_by_unit_name.get(where)
            if not readable or not unit_code or (hosting and hosting_id is None):
                if not code:
                    self._index_app_name(key, _PENDING)
                continue
            values["unit_code"] = unit_code
            if hosting_id is not None and hosting_id is not _NO_HOSTING:
                values["hosting_id"] = hosting_id
            year = values.pop("started_year", None)
            if year is not None and not (found and found.started_on
                                         and found.started_on.year == year):
                values["started_on"] = date(year, 1, 1)
            if found:
                values["code"] = found.code
                if not code:
                    values["name"] = found.name
                    self.note("applications", "code", "matched_by_name", line,
                              example=found.code)
            elif not code:
                values["code"] = self.app_codes()
                self.note("applications", "code", "generated_code", line, example=values["code"])
            if "lifecycle" in values:
                retired = values["lifecycle"] == Lifecycle.RETIRED.value
                (self.retired.add if retired else self.retired.discard)(values["code"].lower())
            if values.get("url"):
                self._check_address(line, values["url"], unit_code, values["code"])
            self._upsert("applications", found, values)
            self.apps.setdefault(values["code"].lower(), values["code"])
            self._index_app_name(key, values["code"])

    def _check_address(self, line, url, unit_code, app_code):
        """Note an address elsewhere; keep a host under the zone for the domain register."""
        host = (urlsplit(url).hostname or "").rstrip(".")
        where = host_class(host, self.zone)
        if where == "outside":
            self.note("applications", "url", "outside_zone", line, detail=self.zone,
                      example=host)
        elif where in ("ip", "localhost"):
            self.note("applications", "url", where, line, example=host)
        elif self.domains_from_urls:
            if where == "zone":
                self.url_hosts.append((host, unit_code, app_code, line))
            elif where is None:
                self.note("applications", "url", "no_zone", line)

    def _plan_links(self, sheet):
        link = models.IntegrationLink
        provider, consumer = aliased(models.Application), aliased(models.Application)
        existing = {}
        for r in db.session.execute(
                select(link.id, provider.code.label("provider_code"),
                       consumer.code.label("consumer_code"), link.channel, link.data_exchanged,
                       link.protocol, link.status)
                .join(provider, provider.id == link.provider_id)
                .join(consumer, consumer.id == link.consumer_id)
                .where(link.agency_id == self.agency.id).order_by(link.id)):
            existing.setdefault((r.provider_code.lower(), r.consumer_code.lower(),
                                 r.channel.value), r)
        seen = {}
        for line, values, readable in _rows(sheet):
            source = self._app_ref("links", line, "provider_code",
                                   values.pop("provider_code", None),
                                   values.pop("provider_name", None))
            target = self._app_ref("links", line, "consumer_code",
                                   values.pop("consumer_code", None),
                                   values.pop("consumer_name", None))
            if not source or not target:
                continue
            if source.lower() == target.lower():
                self.fail("links", line, "consumer_code", _(
                    "Aplikasi tidak dapat bertukar data dengan dirinya sendiri."))
                continue
            key = (source.lower(), target.lower(), values.get("channel"))
            if key in seen:
                self._duplicate("links", line, "provider_code", source, seen[key])
                continue
            seen[key] = line
            if not readable:
                continue
            values.update(provider_code=source, consumer_code=target)
            if {source.lower(), target.lower()} & self.retired:
                values["status"] = LinkStatus.RETIRED.value  # a retired one exchanges nothing
            self._upsert("links", existing.get(key), values)

    def _load_domains(self):
        if self.domains is None:
            domain, unit, app = models.DomainName, models.Unit, models.Application
            self.domains = {r.fqdn: r for r in db.session.execute(
                select(domain.id, domain.agency_id, domain.fqdn, unit.code.label("unit_code"),
                       app.code.label("application_code"), domain.status,
                       domain.technical_contact, domain.hosted_in_indonesia,
                       domain.tls_expires_on)
                .join(unit, unit.id == domain.unit_id)
                .outerjoin(app, app.id == domain.application_id))}
        return self.domains

    def _plan_domains(self, sheet):
        existing = self._load_domains()
        zone = self.zone
        for line, values, readable in _rows(sheet):
            fqdn = (values.get("fqdn") or "").lower().rstrip(".")
            found, valid = existing.get(fqdn), bool(fqdn)
            if fqdn and zone and not (fqdn == zone or fqdn.endswith("." + zone)):
                self.fail("domains", line, "fqdn", _(
                    "Nama domain harus berada di bawah zona %(zone)s.", zone=zone))
                valid = False
            elif fqdn and any(syntax_problems(label) for label in fqdn.split(".")):
                self.fail("domains", line, "fqdn", _(
                    "Setiap bagian nama domain hanya boleh huruf, angka dan tanda hubung (1–63 "
                    "karakter, tidak diawali atau diakhiri tanda hubung)."))
                valid = False
            elif found is not None and found.agency_id != self.agency.id:
                self.fail("domains", line, "fqdn", _(
                    "Nama domain %(fqdn)s sudah terdaftar.", fqdn=fqdn))
                valid = False
            unit_code = self._unit_ref("domains", line, values, readable=readable)
            typed = values.pop("application_code", None), values.pop("application_name", None)
            app_code = self._app_ref("domains", line, "application_code", *typed) if any(
                typed) else None
            if (not readable or not valid or not unit_code
                    or (any(typed) and not app_code)):
                continue
            values.update(fqdn=fqdn, unit_code=unit_code)
            if app_code:
                values["application_code"] = app_code
            self.planned_fqdns[fqdn] = app_code
            self._upsert("domains", found, values)

    def _plan_domains_from_urls(self):
        """Add each host under the zone to the domain register, owned by the application's OPD.

        A host the Domain sheet or the registry has already is left as it is.
        """
        existing = self._load_domains() if self.url_hosts else {}
        for host, unit_code, app_code, line in self.url_hosts:
            if host in self.planned_fqdns:
                if self.planned_fqdns[host] not in (app_code, None):
                    self.note("applications", "url", "domain_other_app", line, example=host)
                continue
            self.planned_fqdns[host] = app_code
            if any(syntax_problems(label) for label in host.split(".")):
                continue
            found = existing.get(host)
            if found is not None:
                if found.agency_id != self.agency.id:
                    self.note("applications", "url", "domain_taken", line, example=host)
                else:
                    self.report.counts.setdefault("domains", SheetCounts()).unchanged += 1
                continue
            self._upsert("domains", None, {"fqdn": host, "unit_code": unit_code,
                                           "application_code": app_code, "status": "active"})
            self.note("applications", "url", "domain_created", line, example=host)


# -- writing ------------------------------------------------------------------------------------

#: model, the plan's fields stored as they are, and code fields -> (id column, sheet of the code)
_TARGETS = {
    "units": (models.Unit, ("code", "name", "acronym", "is_ict_unit"), {}),
    "applications": (models.Application,
                     ("code", "name", "acronym", "description", "kind", "lifecycle",
                      "started_on", "reference_code", "service_codes", "hosting_id", "url"),
                     {"unit_code": ("owner_unit_id", "units")}),
    "links": (models.IntegrationLink, ("channel", "data_exchanged", "protocol", "status"),
              {"provider_code": ("provider_id", "applications"),
               "consumer_code": ("consumer_id", "applications")}),
    "domains": (models.DomainName,
                ("fqdn", "status", "technical_contact", "hosted_in_indonesia",
                 "tls_expires_on"),
                {"unit_code": ("unit_id", "units"),
                 "application_code": ("application_id", "applications")}),
}

#: what a new record gets where the file says nothing
_DEFAULTS = {
    "units": {"is_ict_unit": False},
    "applications": {"kind": AppKind.KHUSUS.value, "lifecycle": Lifecycle.PRODUCTION.value,
                     "service_codes": [], "data_codes": [], "ict_controlled": False},
    "links": {"status": LinkStatus.ACTIVE.value, "direction": "provider_to_consumer"},
    "domains": {"status": "active", "hosted_in_indonesia": True},
}


def _ids_by_code(kind, agency_id):
    model = models.Unit if kind == "units" else models.Application
    return {code.lower(): id_ for id_, code in db.session.execute(
        select(model.id, model.code).where(model.agency_id == agency_id))}


def _columns_of(kind, values, ids):
    _model, plain, refs = _TARGETS[kind]
    row = {k: values[k] for k in plain if k in values}
    for code_key, (column, target) in refs.items():
        if code_key in values:
            code = values[code_key]
            row[column] = ids[target][code.lower()] if code else None
    return row


def _label(kind, values):
    if kind == "links":
        return f"{values['provider_code']} → {values['consumer_code']}"
    return str(values.get("name") or values.get("fqdn") or values.get("code"))[:300]


def _write(plan, agency, actor):
    """Write the plan in bulk, sheet by sheet, with one change-log row per record."""
    now = utcnow()
    ids, log = {}, []
    entry = {"actor_id": actor.id if actor else None, "actor_name": changelog.actor_label(actor),
             "agency_id": agency.id, "at": now, "reason": _("Impor berkas")}
    for kind in ORDER:
        model = _TARGETS[kind][0]
        table = model.__table__
        creates = plan.creates[kind]
        if creates:
            rows = [_DEFAULTS[kind] | _columns_of(kind, values, ids)
                    | {"agency_id": agency.id, "version": 1, "created_at": now,
                       "updated_at": now} for values in creates]
            # one executemany needs the same keys in every row: a cell left blank is NULL
            keys = set().union(*rows)
            rows = [dict.fromkeys(keys) | row for row in rows]
            new_ids = _insert(kind, table, rows, creates, agency.id, ids)
            log += [entry | {"action": "create", "object_type": table.name, "object_id": id_,
                             "object_repr": _label(kind, values), "before": None,
                             "after": {k: changelog.jsonable(v) for k, v in values.items()}}
                    for id_, values in zip(new_ids, creates, strict=True)]
        for columns, group in _by_changed_columns(kind, plan.updates[kind], ids).items():
            statement = (update(table).where(table.c.id == bindparam("_id"))
                         .values({**{c: bindparam(f"_{c}") for c in columns},
                                  "version": table.c.version + 1, "updated_at": now}))
            db.session.execute(statement, [
                {"_id": id_, **{f"_{c}": v for c, v in _columns_of(kind, changes, ids).items()}}
                for id_, changes, _before in group])
            log += [entry | {"action": "update", "object_type": table.name, "object_id": id_,
                             "object_repr": _label(kind, before | changes), "before": before,
                             "after": before | {k: changelog.jsonable(v)
                                                for k, v in changes.items()}}
                    for id_, changes, before in group]
        if kind in ("units", "applications"):
            ids[kind] = _ids_by_code(kind, agency.id)
    log += _retire_links_of_retired(agency.id, entry, now)
    for start in range(0, len(log), 5000):
        db.session.execute(insert(models.ChangeLog.__table__), log[start:start + 5000])


def _retire_links_of_retired(agency_id, entry, now):
    """Retire the links still active on a retired application; return their change-log rows.

    The application was retired by this file or before: a retired application exchanges nothing.
    """
    app, link = models.Application, models.IntegrationLink
    retired = select(app.id).where(app.agency_id == agency_id,
                                   app.lifecycle == Lifecycle.RETIRED)
    found = db.session.execute(select(link.id, link.status).where(
        link.agency_id == agency_id, link.status != LinkStatus.RETIRED,
        or_(link.provider_id.in_(retired), link.consumer_id.in_(retired)))).all()
    if not found:
        return []
    db.session.execute(update(link).where(link.id.in_([id_ for id_, _status in found]))
                       .values(status=LinkStatus.RETIRED, version=link.version + 1,
                               updated_at=now), execution_options={"synchronize_session": False})
    return [entry | {"action": "update", "object_type": "integration_links", "object_id": id_,
                     "object_repr": f"#{id_}", "before": {"status": status.value},
                     "after": {"status": LinkStatus.RETIRED.value}}
            for id_, status in found]


def _insert(kind, table, rows, creates, agency_id, ids):
    """Insert the rows; return their new ids in order.

    Rows keyed by code go in without RETURNING and their ids are read back by code: psycopg
    parses each multi-row INSERT ... RETURNING statement in Python, which cost 15 of the 30 s
    of importing 30,000 applications into PostgreSQL; a plain executemany is pipelined.
    """
    if kind not in ("units", "applications"):
        return db.session.scalars(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).all()
    db.session.execute(insert(table), rows)
    ids[kind] = _ids_by_code(kind, agency_id)
    return [ids[kind][values["code"].lower()] for values in creates]


def _by_changed_columns(kind, updates, ids):
    """Group updates by the columns they change, so each group is one executemany."""
    groups = {}
    for id_, changes, before in updates:
        columns = tuple(sorted(_columns_of(kind, changes, ids)))
        groups.setdefault(columns, []).append((id_, changes, before))
    return groups
