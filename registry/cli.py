"""Flask commands: demo data, users and tokens, analysis, import and export, backups.

Every command is listed once in ``COMMANDS`` at the end, which the app factory registers; a
command kept in its own module (the job worker in ``registry/jobs/cli.py``) is imported here and
listed there too.
"""

import json
import os
import sys
import tempfile
import time
from contextlib import contextmanager

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import func, select

from arch_models.errors import DomainError
from arch_models.reference.instrument import InstrumentError
from registry import models
from registry.assessments import report as assessment_report
from registry.clock import local_today
from registry.errors import RegistryError
from registry.extensions import db
from registry.jobs.cli import worker_command
from registry.schemas.analysis import BlockerReportSchema
from registry.schemas.inventory import AgencyFormSchema
from registry.services import (
    analysis,
    assessments,
    backup,
    demo,
    domains,
    evidence,
    exporting,
    importing,
    instruments,
    opd_scorecard,
    organisation,
    users,
)
from registry.services.archimate import export_archimate
from registry.services.instruments import check_file
from registry.services.integrations import LinkFilters
from registry.services.inventory import ApplicationFilters
from registry.web import diagram_urls


def _fail(message):
    click.echo(click.style(message, fg="red"), err=True)
    sys.exit(1)


def _error_text(error):
    details = "; ".join(
        f"{field}: {' '.join(map(str, msgs))}" for field, msgs in error.errors.items()
    )
    return f"{error.message} {details}".strip()


@contextmanager
def _replacing(path, prefix, suffix):
    """Yield the descriptor of a new file beside ``path`` that replaces it once the block ends.

    A failed write leaves the previous file whole; mkstemp's mode 0600 stays. A RegistryError
    ends the command with its message.
    """
    fd, partial = tempfile.mkstemp(prefix=prefix, suffix=suffix,
                                   dir=os.path.dirname(os.path.abspath(path)))
    try:
        yield fd
        os.replace(partial, path)
    except RegistryError as error:
        os.unlink(partial)
        _fail(_error_text(error))
    except BaseException:
        os.unlink(partial)
        raise


@click.command("demo")
@click.option("--agencies", default=1, show_default=True, type=click.IntRange(min=1))
@click.option("--apps", default=300, show_default=True, type=click.IntRange(min=0))
@click.option("--links", default=None, type=click.IntRange(min=0), help="Default: 1.4 × apps.")
@click.option("--seed", default=2026, show_default=True, type=int)
@click.option("--if-empty", is_flag=True, help="Do nothing (exit 0) when data is already there.")
@with_appcontext
def demo_command(agencies, apps, links, seed, if_empty):
    """Load the deterministic demo dataset into an empty database."""
    if if_empty and not demo.database_is_empty():
        click.echo("Basis data sudah berisi data; demo tidak dimuat ulang.")
        return
    started = time.perf_counter()
    try:
        counts = demo.load_demo(
            agencies=agencies, apps=apps, links=links, seed=seed,
            progress=lambda msg: click.echo(f"  … {msg}"),
        )
    except RegistryError as error:
        _fail(_error_text(error))
    elapsed = time.perf_counter() - started
    click.echo(
        "Demo dimuat dalam {:.1f} s: {agencies} instansi, {units} OPD, {applications} aplikasi, "
        "{links} tautan, {domains} domain.".format(elapsed, **counts)
    )


def _unit_id(unit_code, agency_code):
    """Return the id of the OPD with this code (within --agency when given), or None."""
    if not unit_code:
        return None
    stmt = select(models.Unit.id).join(models.Agency).where(
        func.lower(models.Unit.code) == unit_code.strip().lower())
    if agency_code:
        stmt = stmt.where(func.lower(models.Agency.code) == agency_code.strip().lower())
    found = db.session.scalars(stmt).all()
    if len(found) != 1:
        _fail(f"--unit: {'tidak ditemukan' if not found else 'ambigu, beri --agency'}.")
    return found[0]


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice([r.value for r in models.Role]))
@click.option("--unit", "unit_code", default=None, help="Unit code, for an opd_operator.")
@click.option("--agency", "agency_code", default=None, help="Agency code of --unit.")
@click.password_option(help="Asked for when not given.")
@with_appcontext
def create_user_command(email, name, role, unit_code, agency_code, password):
    """Create a user with a role (an OPD operator needs --unit)."""
    unit_id = _unit_id(unit_code, agency_code)
    try:
        user = users.create_user(
            {"email": email, "name": name, "role": role, "unit_id": unit_id, "password": password},
            actor=None,
        )
    except RegistryError as error:
        _fail(_error_text(error))
    click.echo(f"Pengguna {user.email} ({user.role.value}) dibuat.")


@click.command("create-token")
@click.option("--email", required=True)
@click.option("--name", default="cli", show_default=True)
@with_appcontext
def create_token_command(email, name):
    """Create an API token for a user and print it (it is shown only once)."""
    user = db.session.scalar(
        select(models.User).where(func.lower(models.User.email) == email.lower())
    )
    if user is None:
        _fail("--email: pengguna tidak ditemukan.")
    _row, token = users.create_token(user, name, actor=None)
    click.echo(token)


@click.command("create-agency")
@click.option("--code", required=True)
@click.option("--name", required=True)
@click.option("--kind", required=True, type=click.Choice([k.value for k in models.AgencyKind]))
@click.option("--zone", default=None, help="The go.id zone, e.g. kotacontoh.go.id.")
@click.option("--units", "units_file", type=click.File(encoding="utf-8-sig"), default=None,
              help="OPD list, one a line: Name, Code;Name or Code;Name;Acronym.")
@with_appcontext
def create_agency_command(code, name, kind, zone, units_file):
    """Create an instansi (and its OPDs) on a fresh registry, before the first import."""
    data = {"code": code, "name": name, "kind": kind, "zone": zone}
    try:
        data = AgencyFormSchema().load({k: v for k, v in data.items() if v is not None})
    except ValidationError as error:
        _fail(_error_text(RegistryError("Instansi belum dibuat.", errors=error.messages)))
    agency, units = _run(lambda: organisation.set_up_agency(
        data, units_file.read() if units_file else "", actor=None))
    click.echo(f"Instansi {agency.code} ({agency.name}) dibuat dengan {len(units)} OPD.")


@click.group("user")
def user_group():
    """Manage accounts: deactivate, activate, change a role, set a temporary password, unlock."""


def _user(email):
    user = users.user_by_email(email)
    if user is None:
        _fail(f"{email}: pengguna tidak ditemukan.")
    return user


def _run(call):
    try:
        return call()
    except RegistryError as error:
        _fail(_error_text(error))


@user_group.command("deactivate")
@click.argument("email")
@with_appcontext
def user_deactivate_command(email):
    """Deactivate a user: every session and API token stops at once."""
    user = _run(lambda: users.set_active(_user(email).id, False, actor=None))
    click.echo(f"Pengguna {user.email} dinonaktifkan; semua sesinya berakhir.")


@user_group.command("activate")
@click.argument("email")
@with_appcontext
def user_activate_command(email):
    """Activate a user again."""
    user = _run(lambda: users.set_active(_user(email).id, True, actor=None))
    click.echo(f"Pengguna {user.email} diaktifkan.")


@user_group.command("role")
@click.argument("email")
@click.argument("role", type=click.Choice([r.value for r in models.Role]))
@click.option("--unit", "unit_code", default=None, help="Unit code, for an opd_operator.")
@click.option("--agency", "agency_code", default=None, help="Agency code of --unit.")
@with_appcontext
def user_role_command(email, role, unit_code, agency_code):
    """Give a user another role (an OPD operator needs --unit)."""
    data = {"role": role, "unit_id": _unit_id(unit_code, agency_code)}
    user = _run(lambda: users.change_role(_user(email).id, data, actor=None))
    click.echo(f"Peran {user.email} kini {user.role.value}.")


@user_group.command("password")
@click.argument("email")
@with_appcontext
def user_password_command(email):
    """Set a temporary password (printed last, once); the user changes it at sign-in."""
    user, password = _run(lambda: users.set_temporary_password(_user(email).id, actor=None))
    click.echo(f"Sandi sementara {user.email} (wajib diganti saat masuk; sesi lama berakhir):")
    click.echo(password)


@user_group.command("unlock")
@click.argument("email")
@with_appcontext
def user_unlock_command(email):
    """Let a user whose sign-in is slowed down by failures try again at once."""
    user = _run(lambda: users.unlock_sign_in(_user(email).id, actor=None))
    click.echo(f"Masuk untuk {user.email} dibuka kembali.")


@click.command("blockers")
@click.option("--agency", "agency_code", default=None, help="Agency code (default: the first).")
@click.option("--year", type=click.IntRange(2018, 2100), default=None,
              help="Evaluation year whose instrument the blockers are read for (default: this "
                   "year).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@with_appcontext
def blockers_command(agency_code, year, as_json):
    """Print what stands between the agency and level 5, per indicator and record.

    It is read for the instrument of the year.
    """
    try:
        report = analysis.blocker_report(analysis.resolve_agency(agency_code=agency_code),
                                         year=year)
    except RegistryError as error:
        _fail(_error_text(error))
    if as_json:
        click.echo(json.dumps(BlockerReportSchema().dump(report), ensure_ascii=False, indent=2))
        return
    click.echo(f"{report.agency.name} — per {report.as_of.isoformat()}, dibaca untuk"
               f" {report.instrument.name}")
    for summary in report.summary:
        name = report.indicator_name(summary.indicator)
        click.echo(f"  Indikator {summary.indicator:>2} {name}: maks. level {summary.max_level}"
                   f" — {summary.text}")


@click.command("diagram")
@click.option("--kind", type=click.Choice(["landscape", "opd", "app", "blockers"]),
              default="landscape", show_default=True)
@click.option("--target", type=int, default=None, help="Unit id (opd) or application id (app).")
@click.option("--agency", "agency_code", default=None)
@click.option("--depth", type=click.IntRange(1, 2), default=1, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["svg", "png", "dot"]), default="svg",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True)
@with_appcontext
def diagram_command(kind, target, agency_code, depth, fmt, output):
    """Draw an integration diagram into a file."""
    try:
        agency = analysis.resolve_agency(agency_code=agency_code)
        with current_app.test_request_context():  # node links are the app's own URLs
            dot = analysis.build_diagram(agency, kind, target=target, depth=depth,
                                         **diagram_urls())
        body = analysis.render_diagram(dot, fmt)
    except RegistryError as error:
        _fail(_error_text(error))
    except DomainError as error:
        _fail(str(error))
    with open(output, "wb") as handle:
        handle.write(body)
    click.echo(f"{output}: {len(body)} bytes")


@click.command("score")
@click.option("--agency", "agency_code", default=None, help="Agency code (default: the first).")
@click.option("--year", type=click.IntRange(2018, 2100), default=None,
              help="Evaluation year (default: this year).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@with_appcontext
def score_command(agency_code, year, as_json):
    """Print an agency's levels, sub-indices, index and predicate for a year.

    It is scored under the instrument of the year (Indeks SPBE of 59/2020 through 2025, Indeks Pemdi
    from 2026).

    The year's assessment counts when there is one; otherwise the levels the registry computes
    are scored live (every other indicator at 1).
    """
    year = year or local_today().year
    try:
        doc = assessments.score_document(analysis.resolve_agency(agency_code=agency_code), year)
    except RegistryError as error:
        _fail(_error_text(error))
    if as_json:
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    source = {"live": "dihitung langsung dari data registri (belum ada penilaian)",
              "assessment_draft": "penilaian mandiri (draf)",
              "assessment_final": "penilaian mandiri (final)"}[doc["source"]]
    click.echo(f"{doc['agency']} {doc['year']} — {source} — {doc['instrument_name']}")
    click.echo(f"{doc['index_name']} {doc['index']:.3f} ({doc['index_rounded']:.2f}):"
               f" {doc['predicate']}")
    for domain in doc["domains"]:
        click.echo(f"  Domain {domain['number']} {domain['name']}: {domain['index']:.3f}")
    for aspect in doc["aspects"] if not doc["domains"] else ():
        click.echo(f"  Aspek {aspect['number']} {aspect['name']}: {aspect['index']:.3f}")
    for row in doc["indicators"]:
        click.echo(f"  {row['number']:>2} {row['name'][:60]:<60} level {row['level']}"
                   f" {row['level_name']} ({row['source']})")


@click.command("check-instrument")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def check_instrument_command(path):
    """Check an evaluation instrument file before configuring it.

    JSON or YAML, with domains or aspects only.
    """
    try:
        loaded = check_file(path)
    except InstrumentError as error:
        _fail(str(error))
    total = sum(i.weight for i in loaded.indicators)
    years = f"{loaded.valid_from or '…'}–{loaded.valid_until or '…'}"
    structure = f"{len(loaded.domains)} domain, " if loaded.domains else "tanpa domain, "
    click.echo(f"{loaded.id}: {loaded.name} ({loaded.index_name}, tahun {years}) — {structure}"
               f"{len(loaded.aspects)} aspek, {len(loaded.indicators)} indikator, bobot {total},"
               f" {len(loaded.predicates)} predikat. Dapat dipakai.")


# A group, so that more formats (xlsx, csv) join it as subcommands: `flask export <format>`.
@click.group("export")
def export_group():
    """Export the registry's architecture to files other tools read."""


@export_group.command("archimate")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.option("--agency", "agency_code", default=None, help="Agency code (default: the first).")
@with_appcontext
def export_archimate_command(path, agency_code):
    """Write an agency's architecture as an ArchiMate 3.1 exchange file (Archi imports it)."""
    try:
        body = export_archimate(agency_code=agency_code)
    except RegistryError as error:
        _fail(_error_text(error))
    with open(path, "wb") as handle:
        handle.write(body)
    click.echo(f"{path}: {len(body)} bytes")


def _agency_for(agency_code):
    stmt = select(models.Agency).order_by(models.Agency.id)
    if agency_code:
        stmt = stmt.where(models.Agency.code == agency_code)
    agency = db.session.scalars(stmt).first()
    if agency is None:
        _fail(f"Instansi {agency_code or ''} tidak ditemukan.".replace("  ", " "))
    return agency


class _RowsBar:
    """A progress bar on stderr fed by the importer's ("total" | "rows" | "writing", n)."""

    def __init__(self):
        self.bar = None

    def hear(self, event, n):
        if event == "total":
            self.bar = click.progressbar(length=max(n, 1), label="Membaca baris", file=sys.stderr)
            self.bar.__enter__()
        elif event == "rows" and self.bar is not None:
            self.bar.update(n)
        elif event == "writing":
            self.close()
            click.echo(f"Menyimpan {n} data …", err=True)

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@click.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check every row and report; write nothing.")
@click.option("--agency", "agency_code", default=None, help="Agency code (default: the first).")
@click.option("--kind", type=click.Choice(["units", "applications", "links", "domains"]),
              default=None, help="What a CSV holds (default: read from its headers).")
@click.option("--map", "maps", multiple=True, metavar="COLUMN:WORD=MEANING",
              help='Read WORD in COLUMN as MEANING, e.g. "Status:naktif=nonaktif", or a header '
                   'as a column: "Header:judul=Nama Aplikasi". Repeatable; remembered for the '
                   "agency once the import is written.")
@click.option("--domains-from-urls", is_flag=True,
              help="Add the hosts of the applications' addresses under the agency's zone to the "
                   "domain register.")
@with_appcontext
def import_command(path, dry_run, agency_code, kind, maps, domains_from_urls):
    """Import OPDs, applications, links and domains from an XLSX or CSV file (all or nothing)."""
    agency = _agency_for(agency_code)
    bar = _RowsBar()
    try:
        with open(path, "rb") as handle:
            report = importing.import_file(handle, path, agency_id=agency.id, actor=None,
                                           dry_run=dry_run, kind=kind, progress=bar.hear,
                                           maps=maps, domains_from_urls=domains_from_urls)
    except RegistryError as error:
        bar.close()
        _fail(_error_text(error))
    bar.close()

    def rows(lines, count):
        shown = ", ".join(map(str, lines))
        return shown + (", \u2026" if count > len(lines) else "")

    for sheet, columns in report.ignored_columns.items():
        click.echo(f"{sheet}: kolom diabaikan: {', '.join(columns)}")
    for sheet, columns in report.mapped_columns.items():
        click.echo(f"{sheet}: kolom dipetakan: "
                   + ", ".join(f"{typed} \u2192 {key}" for typed, key in columns.items()))
    for kind_name, counts in report.counts.items():
        click.echo(f"{kind_name}: {counts.created} baru, {counts.updated} diperbarui, "
                   f"{counts.unchanged} tidak berubah")
    for note in report.notes:
        where = f" (baris {rows(note.lines, note.count)})" if note.lines else ""
        click.echo(f"Catatan {note.sheet}: {note.summary}{where}")
    for word in report.unknown_words:
        guess = f"; tebakan: {word.hint}" if word.hint else ""
        click.echo(f"{word.sheet}, kolom {word.column}: \u201c{word.word}\u201d tidak dikenal "
                   f"({word.count} baris: {rows(word.lines, word.count)}){guess}", err=True)
    for header in report.unknown_headers:
        if header.hint:
            click.echo(f"{header.sheet}: kolom \u201c{header.header}\u201d tidak dikenal; "
                       f"tebakan: {header.hint}", err=True)
    if report.problems:
        for group in report.problem_groups:
            if group.kind == "unknown_choice":
                continue  # each unknown word is listed once above
            if group.count == 1:
                click.echo(f"{group.sheet}, baris {group.lines[0]}, kolom {group.column}: "
                           f"{group.message}", err=True)
            else:
                click.echo(f"{group.sheet}, kolom {group.column}, {group.count} baris "
                           f"({rows(group.lines, group.count)}): {group.message}", err=True)
        _fail(f"{len(report.problems)} masalah; tidak ada yang disimpan."
              + (" Petakan kata yang tidak dikenal dengan --map." if report.unknown_words
                 else ""))
    click.echo("Uji selesai; tidak ada yang disimpan." if dry_run else
               f"Impor selesai: {report.rows} baris.")


@export_group.command("list")
@click.argument("name", type=click.Choice(["applications", "units", "links", "domains"]))
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@click.option("--agency", "agency_code", default=None, help="Agency code (default: all).")
@with_appcontext
def export_list_command(name, path, agency_code):
    """Write one list as XLSX or CSV (by the file's suffix), in the import template's columns."""
    fmt = "csv" if path.lower().endswith(".csv") else "xlsx"
    agency_id = _agency_for(agency_code).id if agency_code else None
    filters = {"applications": ApplicationFilters(agency_id=agency_id),
               "links": LinkFilters(agency_id=agency_id),
               "domains": domains.DomainFilters(agency_id=agency_id),
               "units": {"agency_id": agency_id}}[name]
    body = exporting.export_list(name, filters, fmt)
    with open(path, "wb") as handle:
        handle.write(body)
    click.echo(f"{path}: {len(body)} bytes")


@click.command("opd-scorecard")
@click.option("--year", type=click.IntRange(2000, 2100), default=None,
              help="Year of the targets (default: this year).")
@click.option("--agency", "agency_code", default=None, help="Agency code (default: all).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@with_appcontext
def opd_scorecard_command(year, agency_code, as_json):
    """Print every OPD's score, target, progress and rank."""
    year = year or local_today().year
    agency_id = _agency_for(agency_code).id if agency_code else None
    scores = opd_scorecard.scorecards(year, agency_id)
    used = instruments.for_agency_year(agency_id, year)
    if as_json:
        blockers = opd_scorecard.blocker_counts(scores, year)
        click.echo(json.dumps({"year": year, "instrument": used.id,
                               "opds": [opd_scorecard.as_dict(s, used, blockers)
                                        for s in scores]},
                              ensure_ascii=False, indent=2))
        return
    for s in scores:
        score = f"{s.score:5.1f}" if s.score is not None else "    —"
        target = f"{s.target:5.1f}" if s.target is not None else "    —"
        click.echo(f"{s.rank or '—':>3}  {score}  target {target}  {s.facts.code:<12} "
                   f"{s.facts.name}")


# Full backup and restore (issue 7): every table, one deterministic JSON document.
@click.command("export-all")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def export_all_command(path):
    """Write every table's rows (the change log included) to one JSON backup file."""
    started = time.perf_counter()
    # The file holds password and token hashes: mode 0600 (see _replacing).
    folder = backup.evidence_folder_for(path)  # the evidence files go beside the document
    with (_replacing(path, ".export-all-", ".json") as fd,
          os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle):
        counts = backup.export_all(handle, evidence_folder=folder)
    click.echo(_("%(rows)s baris dari %(tables)s tabel ditulis ke %(path)s dalam %(seconds)s s.",
                 rows=sum(counts.values()), tables=len(counts), path=path,
                 seconds=f"{time.perf_counter() - started:.1f}"))
    if files := backup.evidence_file_count():
        click.echo(_("%(n)s berkas bukti ditulis ke %(folder)s.", n=files, folder=folder))


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--replace", is_flag=True,
              help="Empty the registry's tables first, in the same transaction.")
@click.option("--yes", is_flag=True, help="Do not ask before --replace empties the registry.")
@with_appcontext
def restore_command(path, replace, yes):
    """Load a backup written by export-all, all or nothing, into an empty database."""
    if replace and not yes:
        present = {name: n for name, n in backup.table_counts().items() if n}
        if present:
            click.confirm(_("Seluruh isi registri (%(rows)s baris dalam %(tables)s tabel) akan "
                            "dihapus dan diganti isi %(path)s. Lanjutkan?",
                            rows=sum(present.values()), tables=len(present), path=path),
                          abort=True)
    started = time.perf_counter()
    folder = backup.evidence_folder_for(path)
    try:
        counts = backup.restore(path, replace=replace, evidence_folder=folder)
    except RegistryError as error:
        message = error.message
        if "tables" in error.errors:  # the database is not empty
            message += " " + _("Pakai --replace untuk mengosongkan registri lalu memulihkan, "
                               "dalam satu transaksi.")
        raise click.ClickException(message) from error
    click.echo(_("%(rows)s baris dipulihkan dari %(path)s dalam %(seconds)s s:",
                 rows=sum(counts.values()), path=path,
                 seconds=f"{time.perf_counter() - started:.1f}"))
    for name, count in counts.items():
        click.echo(f"  {name}: {count}")
    if files := backup.evidence_file_count():
        click.echo(_("%(n)s berkas bukti diperiksa (SHA-256) dan dipulihkan dari %(folder)s.",
                     n=files, folder=folder))


# The evidence pack of an assessment (issue 20): the report as PDF, every file, the index.
@click.command("evidence-pack")
@click.option("--agency", "agency_code", required=True, help="Agency code.")
@click.option("--year", type=click.IntRange(2018, 2100), required=True,
              help="Evaluation year of the assessment.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True,
              help="The ZIP file to write.")
@with_appcontext
def evidence_pack_command(agency_code, year, output):
    """Write an assessment's evidence pack.

    The report as PDF, every evidence file in a folder per indicator, and an index sheet with names,
    indicators and SHA-256 hashes.
    """
    agency = _run(lambda: analysis.resolve_agency(agency_code=agency_code))
    assessment = assessments.find_assessment(agency.id, year)
    if assessment is None:
        _fail(f"Belum ada penilaian {agency.code} tahun {year}.")
    with (_replacing(output, ".evidence-pack-", ".zip") as fd, os.fdopen(fd, "wb") as handle,
          current_app.test_request_context()):
        entries = assessment_report.write_pack(assessment, handle)
    gaps = evidence.completeness(assessment, assessments.instrument_of(assessment))
    click.echo(f"{output}: {len({e.file.sha256 for e in entries})} berkas pada "
               f"{len({e.indicator for e in entries})} indikator, "
               f"{os.path.getsize(output)} bytes.")
    if gaps:
        click.echo("Indikator di atas level 1 tanpa berkas bukti: "
                   + ", ".join(f"{g.indicator} (level {g.level})" for g in gaps))


#: every command the app registers; a command kept in a module of its own is imported above and
#: added here
COMMANDS = (
    demo_command, create_agency_command, create_user_command, create_token_command, user_group,
    blockers_command, diagram_command, score_command, check_instrument_command, export_group,
    import_command, opd_scorecard_command, export_all_command, restore_command,
    evidence_pack_command,
    worker_command,
)
