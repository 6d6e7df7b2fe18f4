"""Import OPDs, applications, integration links and domains from XLSX or CSV.

Three steps: read the file into sheets (registry.services.workbooks), parse every row
(arch_models.tabular), then plan against the database: what to create, what to change, and every
problem with its line and column. A dry run stops there. A real import refuses the whole file
while any problem remains, and otherwise writes the plan in one transaction (all or nothing),
upserting by code so that importing the same file twice changes nothing the second time.
A blank cell never erases what the registry knows.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import bindparam, insert, or_, select, update
from sqlalchemy.orm import aliased

from arch_models.landscape import AppKind, Lifecycle, LinkStatus
from arch_models.reference.import_sheets import SHEETS, SYNONYMS
from arch_models.requests import syntax_problems
from arch_models.tabular import Problem, parse_sheet
from registry import models
from registry.errors import ValidationFailedError
from registry.extensions import db
from registry.i18n import N_
from registry.models.base import utcnow
from registry.schemas.common import TEXT_MESSAGES
from registry.services import changelog
from registry.services._tx import transaction
from registry.services.permissions import INVENTORY_MAINTAINERS, require_role
from registry.services.workbooks import read_sheets

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


@dataclass(frozen=True)
class RowProblem:
    """One problem of the file, as the report shows it."""

    sheet: str
    line: int
    column: str
    message: str


@dataclass
class SheetCounts:
    """What the import does to one sheet's records."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    """The outcome of a dry run or an import."""

    dry_run: bool
    written: bool = False
    counts: dict[str, SheetCounts] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    ignored_columns: dict[str, list[str]] = field(default_factory=dict)
    rows: int = 0

    @property
    def ok(self):
        """Tell whether the file can be imported as it is."""
        return not self.problems


@dataclass
class _Plan:
    """What will be written, per sheet: new rows, and (id, changes, before) for updates."""

    creates: dict[str, list[dict]] = field(default_factory=lambda: {k: [] for k in ORDER})
    updates: dict[str, list[tuple[int, dict, dict]]] = field(
        default_factory=lambda: {k: [] for k in ORDER})


def import_file(stream, filename, *, agency_id, actor, dry_run=False, kind=None,
                progress: Callable[[str, int], None] | None = None):
    """Check a spreadsheet and, unless a dry run or a problem stops it, write it all.

    ``progress(event, n)`` hears ("total", rows expected), ("rows", rows read) and
    ("writing", records to write), for a progress bar.
    """
    require_role(actor, *INVENTORY_MAINTAINERS)
    agency = db.session.get(models.Agency, agency_id)
    if agency is None:
        raise ValidationFailedError(_("Instansi tidak dikenal."),
                                    errors={"agency_id": [_("Instansi tidak dikenal.")]})
    report = ImportReport(dry_run=dry_run)
    sheets = read_sheets(stream, filename, kind=kind)
    tell = progress or (lambda _event, _n: None)
    tell("total", sum(sheet[4] for sheet in sheets.values()))
    parsed = {}
    for sheet_kind, (title, header, rows, first_line, _size) in sheets.items():
        sheet = parse_sheet(sheet_kind, header, _counted(rows, tell), first_line=first_line)
        parsed[sheet_kind] = sheet
        report.rows += len(sheet.rows)
        if sheet.ignored_columns:
            report.ignored_columns[title] = sheet.ignored_columns
        report.problems += [_problem(title, e) for e in sheet.errors]
    plan = _Planner(agency, report, {k: sheets[k][0] for k in sheets}).plan(parsed)
    if dry_run or not report.ok:
        return report
    tell("writing", sum(len(v) for v in plan.creates.values())
         + sum(len(v) for v in plan.updates.values()))
    with transaction():
        _write(plan, agency, actor)
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
                      _(template, value=error.value, detail=detail))


def _column_title(kind, key):
    return next(c[1] for c in SHEETS[kind]["columns"] if c[0] == key)


class _Planner:
    """Resolves codes against the file and the database, and sorts rows into a plan.

    References stay codes until the write, when the earlier sheets' new rows have their ids.
    """

    def __init__(self, agency, report, titles):
        self.agency, self.report, self.titles = agency, report, titles
        self.plan_ = _Plan()

    def fail(self, kind, line, key, message):
        self.report.problems.append(
            RowProblem(self.titles.get(kind, SHEETS[kind]["title"]), line,
                       _column_title(kind, key), message))

    def plan(self, parsed):
        unit, app = models.Unit, models.Application
        self.units = {code.lower(): code for code in db.session.scalars(
            select(unit.code).where(unit.agency_id == self.agency.id))}
        self.existing_apps = {r.code.lower(): r for r in db.session.execute(
            select(app.id, app.code, app.name, app.acronym, app.description, app.kind,
                   unit.code.label("unit_code"), app.lifecycle, app.started_on,
                   app.reference_code, app.service_codes, app.hosting_id, app.url)
            .join(unit, unit.id == app.owner_unit_id)
            .where(app.agency_id == self.agency.id))}
        self.apps = {key: row.code for key, row in self.existing_apps.items()}
        #: applications retired in the registry or by this file: their links are retired too
        self.retired = {key for key, row in self.existing_apps.items()
                        if row.lifecycle == Lifecycle.RETIRED}
        self.centers = list(db.session.execute(
            select(models.DataCenter.id, models.DataCenter.code, models.DataCenter.kind)
            .where(models.DataCenter.agency_id == self.agency.id)
            .order_by(models.DataCenter.id)))
        for kind, known in (("units", self.units), ("applications", self.apps)):
            if kind in parsed:
                known.update((key.lower(), key) for key in parsed[kind].keys
                             if key.lower() not in known)
        for kind in ORDER:
            if kind in parsed:
                getattr(self, f"_plan_{kind}")(parsed[kind].rows)
        return self.plan_

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

    def _known(self, known, kind, line, key, code, message):
        """Return the canonical code of a reference, or report it unknown and return None."""
        found = known.get(code.lower())
        if found is None:
            self.fail(kind, line, key, message % {"code": code})
        return found

    def _unit_code(self, kind, line, code):
        return self._known(self.units, kind, line, "unit_code", code, _(
            "OPD \u201c%(code)s\u201d tidak dikenal: tidak ada di registri maupun di lembar "
            "OPD berkas ini."))

    def _app_code(self, kind, line, key, code):
        return self._known(self.apps, kind, line, key, code, _(
            "Aplikasi \u201c%(code)s\u201d tidak dikenal: tidak ada di registri maupun di "
            "lembar Aplikasi berkas ini."))

    def _plan_units(self, rows):
        unit = models.Unit
        existing = {r.code.lower(): r for r in db.session.execute(
            select(unit.id, unit.code, unit.name, unit.acronym, unit.is_ict_unit)
            .where(unit.agency_id == self.agency.id))}
        for _line, values in rows:
            found = existing.get(values["code"].lower())
            if found:
                values["code"] = found.code
            self._upsert("units", found, values)
            self.units.setdefault(values["code"].lower(), values["code"])

    def _hosting_id(self, line, text):
        center_kind = SYNONYMS["hosting"].get(text.lower())
        for id_, code, kind in self.centers:
            if code.lower() == text.lower() or (center_kind and kind == center_kind):
                return id_
        self.fail("applications", line, "hosting", _(
            "Hosting \u201c%(value)s\u201d tidak dikenal: tulis kode pusat data instansi ini, "
            "atau Lokal, Pusat/PDN, Cloud.", value=text))
        return None

    def _plan_applications(self, rows):
        for line, values in rows:
            found = self.existing_apps.get(values["code"].lower())
            unit_code = self._unit_code("applications", line, values["unit_code"])
            hosting = values.pop("hosting", None)
            hosting_id = self._hosting_id(line, hosting) if hosting else None
            if unit_code is None or (hosting and hosting_id is None):
                continue
            values["unit_code"] = unit_code
            if hosting_id is not None:
                values["hosting_id"] = hosting_id
            year = values.pop("started_year", None)
            if year is not None and not (found and found.started_on
                                         and found.started_on.year == year):
                values["started_on"] = date(year, 1, 1)
            if found:
                values["code"] = found.code
            if "lifecycle" in values:
                retired = values["lifecycle"] == Lifecycle.RETIRED.value
                (self.retired.add if retired else self.retired.discard)(values["code"].lower())
            self._upsert("applications", found, values)
            self.apps.setdefault(values["code"].lower(), values["code"])

    def _plan_links(self, rows):
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
        for line, values in rows:
            source = self._app_code("links", line, "provider_code", values["provider_code"])
            target = self._app_code("links", line, "consumer_code", values["consumer_code"])
            if source is None or target is None:
                continue
            if source.lower() == target.lower():
                self.fail("links", line, "consumer_code", _(
                    "Aplikasi tidak dapat bertukar data dengan dirinya sendiri."))
                continue
            values.update(provider_code=source, consumer_code=target)
            if {source.lower(), target.lower()} & self.retired:
                values["status"] = LinkStatus.RETIRED.value  # a retired one exchanges nothing
            self._upsert("links", existing.get((source.lower(), target.lower(),
                                                values["channel"])), values)

    def _plan_domains(self, rows):
        domain, unit, app = models.DomainName, models.Unit, models.Application
        existing = {r.fqdn: r for r in db.session.execute(
            select(domain.id, domain.agency_id, domain.fqdn, unit.code.label("unit_code"),
                   app.code.label("application_code"), domain.status,
                   domain.technical_contact, domain.hosted_in_indonesia, domain.tls_expires_on)
            .join(unit, unit.id == domain.unit_id)
            .outerjoin(app, app.id == domain.application_id))}
        zone = (self.agency.zone or "").lower()
        for line, values in rows:
            fqdn = values["fqdn"].lower().rstrip(".")
            if zone and not (fqdn == zone or fqdn.endswith("." + zone)):
                self.fail("domains", line, "fqdn", _(
                    "Nama domain harus berada di bawah zona %(zone)s.", zone=zone))
                continue
            if any(syntax_problems(label) for label in fqdn.split(".")):
                self.fail("domains", line, "fqdn", _(
                    "Setiap bagian nama domain hanya boleh huruf, angka dan tanda hubung (1–63 "
                    "karakter, tidak diawali atau diakhiri tanda hubung)."))
                continue
            found = existing.get(fqdn)
            if found is not None and found.agency_id != self.agency.id:
                self.fail("domains", line, "fqdn", _(
                    "Nama domain %(fqdn)s sudah terdaftar.", fqdn=fqdn))
                continue
            unit_code = self._unit_code("domains", line, values["unit_code"])
            app_code = values.get("application_code")
            if app_code:
                app_code = self._app_code("domains", line, "application_code", app_code)
            if unit_code is None or (values.get("application_code") and app_code is None):
                continue
            values.update(fqdn=fqdn, unit_code=unit_code)
            if app_code:
                values["application_code"] = app_code
            self._upsert("domains", found, values)


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
    """Retire the links still active on a retired application (retired by this file or
    before): a retired application exchanges nothing. Return their change-log rows."""
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
