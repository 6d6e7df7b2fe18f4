"""Export the lists as XLSX or CSV, with the filters in use, in the import template's columns.

An exported sheet imports back unchanged: the same headers, and the words the importer reads
(aktif, Umum, Ya, SPLP). Columns after the template's are for reading only (the importer lists
them as ignored).
"""

import dataclasses
import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import func, select

from arch_models.reference.import_sheets import COLUMN_HELP, EXAMPLES, EXPORT_WORDS, SHEETS
from arch_models.tabular import all_columns
from registry import models
from registry.extensions import db
from registry.models.text_match import ci_like, nocase
from registry.services import domains, integrations, inventory
from registry.services.workbooks import write_csv, write_xlsx, xlsx_bytes

KINDS = ("applications", "units", "links", "domains")


def _word(group, value):
    return EXPORT_WORDS[group].get(getattr(value, "value", value), "")


def _headers(kind, extra=()):
    return [c[1] for c in SHEETS[kind]["columns"]] + list(extra)


def _application_rows(filters):
    # The list's own statement, so the export has exactly the rows the page shows.
    stmt = inventory.list_statement(filters).execution_options(yield_per=2000)
    codes = dict(db.session.execute(select(models.DataCenter.id, models.DataCenter.code)).all())
    # an export that fails half-way closes its cursor (on PostgreSQL a server-side one) at once
    with db.session.execute(stmt) as result:
        for app, integrated in result:
            yield [app.code, app.name, app.acronym, app.description, _word("kind", app.kind),
                   app.owner_unit.code, _word("lifecycle", app.lifecycle),
                   app.started_on.year if app.started_on else None, app.reference_code,
                   ", ".join(app.service_codes or []), codes.get(app.hosting_id), app.url,
                   app.owner_unit.name, _word("yes_no", bool(integrated))]


def _unit_rows(filters):
    unit = models.Unit
    stmt = select(unit).order_by(nocase(unit.name), unit.id)
    if filters.get("agency_id"):
        stmt = stmt.where(unit.agency_id == filters["agency_id"])
    if filters.get("q"):
        stmt = stmt.where(ci_like(unit.name, f"%{filters['q']}%"))
    for u in db.session.scalars(stmt):
        yield [u.code, u.name, u.acronym, _word("yes_no", u.is_ict_unit)]


def _link_rows(filters):
    for link in integrations.iter_links(filters):
        yield [link.provider.code, link.consumer.code, _word("channel", link.channel),
               link.data_exchanged, link.protocol, _word("link_status", link.status),
               link.provider.name, link.consumer.name]


def _domain_rows(filters):
    for d in domains.iter_domains(filters):
        yield [d.fqdn, d.unit.code, d.application.code if d.application else None,
               _word("domain_status", d.status), d.technical_contact,
               _word("yes_no", d.hosted_in_indonesia), d.tls_expires_on]


_SOURCES = {
    "applications": (_application_rows, ("Nama OPD", "Terintegrasi SPLP")),
    "units": (_unit_rows, ()),
    "links": (_link_rows, ("Nama Aplikasi Penyedia", "Nama Aplikasi Konsumen")),
    "domains": (_domain_rows, ()),
}


#: the formats a list is exported in
FORMATS = ("xlsx", "csv")


#: the media type of each format (as the immediate download sends it)
MEDIA_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "csv": "text/csv; charset=utf-8"}


def export_list(kind, filters, fmt):
    """Return the bytes of one list as ``xlsx`` or ``csv``."""
    out = io.BytesIO()
    write_list(out, kind, filters, fmt)
    return out.getvalue()


def write_list(handle, kind, filters, fmt, *, on_rows=None):
    """Write one list as ``xlsx`` or ``csv`` into the binary ``handle``.

    ``on_rows(n)``, if given, hears how many rows were written so far, every thousand rows.
    """
    rows_of, extra = _SOURCES[kind]
    header = _headers(kind, extra)
    rows = rows_of(filters)
    if on_rows is not None:
        rows = _counted(rows, on_rows)
    if fmt == "csv":
        write_csv(handle, header, rows)
    else:
        write_xlsx(handle, [(SHEETS[kind]["title"], header, rows)])


def _counted(rows, on_rows, every=1000):
    n = 0
    for row in rows:
        yield row
        n += 1
        if n % every == 0:
            on_rows(n)
    on_rows(n)


def count_rows(kind, filters):
    """Return how many rows the export of one list holds, counted by the database."""
    if kind == "applications":
        return inventory.count_applications(filters)
    if kind == "links":
        return integrations.count_links(filters)
    if kind == "domains":
        return domains.list_domains(filters, per_page=1).total
    unit = models.Unit
    stmt = select(func.count()).select_from(unit)
    if filters.get("agency_id"):
        stmt = stmt.where(unit.agency_id == filters["agency_id"])
    if filters.get("q"):
        stmt = stmt.where(ci_like(unit.name, f"%{filters['q']}%"))
    return db.session.scalar(stmt)


#: the filters of each list, as its service takes them (the units take a plain dict)
_FILTER_TYPES = {"applications": inventory.ApplicationFilters,
                 "links": integrations.LinkFilters, "domains": domains.DomainFilters}


def filters_to_json(kind, filters):
    """Return a list's filters as JSON data, for a job's parameters."""
    data = dataclasses.asdict(filters) if kind in _FILTER_TYPES else dict(filters)
    return {key: getattr(value, "value", value) for key, value in data.items()}


def filters_from_json(kind, data):
    """Return the filters ``filters_to_json`` gave as JSON data."""
    return _FILTER_TYPES[kind](**data) if kind in _FILTER_TYPES else dict(data)


#: the words a choice column's drop-down offers (others are still read, or mapped on import)
_DROP_DOWNS = {
    "yes_no": ("Ya", "Tidak"),
    "hosting": ("Lokal", "Pusat", "PDN Sementara", "Cloud", "Kolokasi", "Ruang server OPD"),
}
#: how many rows of a sheet get the drop-downs
_TEMPLATE_ROWS = 5000


def _drop_down(kind, key):
    family, _, group = kind.partition(":")
    if family == "choice":
        return tuple(EXPORT_WORDS[group].values())
    return _DROP_DOWNS.get("yes_no" if kind == "yes_no" else key)


def template_xlsx():
    """Return the import template.

    An explanation sheet (each column, in Indonesian), then a sheet per kind with its headers
    (required ones marked "*"), example rows to overwrite, and drop-down lists on the choice
    columns.
    """
    book = Workbook()
    guide = book.active
    guide.title = "Petunjuk"
    bold, required_fill = Font(bold=True), PatternFill("solid", fgColor="FFF2CC")
    example_font = Font(italic=True, color="808080")
    guide.append(["Registri SPBE \u2014 templat impor"])
    guide["A1"].font = Font(bold=True, size=14)
    for text in (
        "Isi satu baris per data di lembar OPD, Aplikasi, Integrasi dan Domain; baris judul "
        "jangan diubah. Lembar yang tidak diperlukan boleh dihapus.",
        "Baris contoh (huruf miring abu-abu, nama diawali \u201cContoh:\u201d) boleh ditimpa "
        "atau dihapus; bila dibiarkan, baris itu dilewati saat impor.",
        "Kolom bertanda * wajib diisi. Kode boleh kosong: registri memberi kode sendiri dan "
        "mengenali baris itu lagi menurut OPD dan namanya pada impor berikutnya.",
        "Sel kosong, \u201c-\u201d, \u201cn/a\u201d, \u201c?\u201d, \u201ctidak ada\u201d "
        "dan \u201cbelum ada\u201d berarti tidak diketahui. Sel kosong tidak menghapus data "
        "yang sudah ada; impor yang sama dua kali tidak mengubah apa pun.",
        "Kolom pilihan punya daftar pilihan; kata lain (mis. singkatan sendiri) dapat "
        "dipetakan di halaman impor dan diingat untuk impor berikutnya.",
    ):
        guide.append([text])
    guide.append([])
    guide.append(["Lembar", "Kolom", "Wajib", "Isi", "Contoh"])
    for cell in guide[guide.max_row]:
        cell.font = bold
    for kind, spec in SHEETS.items():
        one_of = {key for group in spec.get("one_of", ()) for key in group}
        for key, title, _kind, required, _max, _aliases in all_columns(kind):
            need = "Ya" if required else ("Salah satu" if key in one_of else "")
            example = next((e.get(key) for e in EXAMPLES.get(kind, ()) if e.get(key)), None)
            guide.append([spec["title"], title, need, COLUMN_HELP[kind].get(key, ""),
                          None if example is None else str(example)])
    for column, width in zip("ABCDE", (12, 26, 11, 90, 34), strict=True):
        guide.column_dimensions[column].width = width
    for row in guide.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    for kind, spec in SHEETS.items():
        sheet = book.create_sheet(spec["title"])
        columns = all_columns(kind)
        sheet.append([title + (" *" if required else "")
                      for _key, title, _kind, required, _max, _aliases in columns])
        for cell, (key, _title, _kind, required, _max, _aliases) in zip(
                sheet[1], columns, strict=True):
            cell.font = bold
            if required:
                cell.fill = required_fill
            help_text = COLUMN_HELP[kind].get(key)
            if help_text:
                cell.comment = Comment(help_text, "Registri SPBE", width=300, height=120)
            sheet.column_dimensions[cell.column_letter].width = max(14, len(cell.value) + 4)
        for example in EXAMPLES.get(kind, ()):
            sheet.append([example.get(c[0]) for c in columns])
            for cell in sheet[sheet.max_row]:
                cell.font = example_font
        sheet.freeze_panes = "A2"
        for index, (key, title, kind_of, _required, _max, _aliases) in enumerate(columns, 1):
            words = _drop_down(kind_of, key)
            if not words:
                continue
            letter = sheet.cell(1, index).column_letter
            check = DataValidation(
                type="list", formula1='"' + ",".join(words) + '"', allow_blank=True,
                showErrorMessage=True, errorStyle="information", errorTitle=title,
                error="Kata lain tetap dibaca, atau dapat dipetakan di halaman impor.")
            check.add(f"{letter}2:{letter}{_TEMPLATE_ROWS}")
            sheet.add_data_validation(check)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


SCORECARD_HEADER = ["Peringkat", "Kode OPD", "OPD", "Skor", "Target", "Capaian (%)",
                    "Target tercapai", "Aplikasi hidup", "Terintegrasi SPLP", "Point-to-point",
                    "Di luar pusat data", "Belum direviu", "Reviu belum ditindaklanjuti",
                    "Belum dikonsultasikan unit TIK", "Belum dikonfirmasi 12 bulan",
                    "Domain aktif", "Domain tanpa TLS", "Domain tanpa aplikasi",
                    "Permintaan menunggu", "Pegawai bersertifikat"]


def scorecard_xlsx(scores, year, instrument, blockers):
    """Return the OPD scorecard of a year as XLSX (the performance-allowance process).

    One blocker column per architecture indicator of the year's instrument, counted as the blockers
    page counts (``opd_scorecard.blocker_counts``).
    """
    numbers = instrument.summary_indicators
    header = [*SCORECARD_HEADER, *(f"Hambatan {n}" for n in numbers)]

    def rows():
        for s in scores:
            f = s.facts
            counts = blockers.get(f.unit_id, {})
            yield [s.rank, f.code, f.name, s.score, s.target,
                   round(100 * s.progress, 1) if s.progress is not None else None,
                   {True: "Ya", False: "Tidak", None: None}[s.target_met], f.live,
                   f.integrated, f.point_to_point, f.outside_dc, f.unreviewed, f.unfollowed,
                   f.unconsulted, f.stale, f.domains, f.domains_without_tls,
                   f.domains_without_app, f.pending_requests, f.certified_staff,
                   *(counts.get(n, 0) for n in numbers)]

    return xlsx_bytes([(f"Skor OPD {year}", header, rows())])
