"""Export the lists as XLSX or CSV, with the filters in use, in the import template's columns.

An exported sheet imports back unchanged: the same headers, and the words the importer reads
(aktif, Umum, Ya, SPLP). Columns after the template's are for reading only (the importer lists
them as ignored).
"""

from sqlalchemy import select

from arch_models.reference.import_sheets import EXPORT_WORDS, SHEETS
from registry import models
from registry.extensions import db
from registry.models.text_match import ci_like
from registry.services import domains, integrations, inventory
from registry.services.workbooks import csv_bytes, xlsx_bytes

KINDS = ("applications", "units", "links", "domains")


def _word(group, value):
    return EXPORT_WORDS[group].get(getattr(value, "value", value), "")


def _headers(kind, extra=()):
    return [c[1] for c in SHEETS[kind]["columns"]] + list(extra)


def _application_rows(filters):
    # The list's own statement, so the export has exactly the rows the page shows.
    stmt = inventory.list_statement(filters).execution_options(yield_per=2000)
    codes = dict(db.session.execute(select(models.DataCenter.id, models.DataCenter.code)).all())
    for app, integrated in db.session.execute(stmt):
        yield [app.code, app.name, app.acronym, app.description, _word("kind", app.kind),
               app.owner_unit.code, _word("lifecycle", app.lifecycle),
               app.started_on.year if app.started_on else None, app.reference_code,
               ", ".join(app.service_codes or []), codes.get(app.hosting_id), app.url,
               app.owner_unit.name, _word("yes_no", bool(integrated))]


def _unit_rows(filters):
    unit = models.Unit
    stmt = select(unit).order_by(unit.name)
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


def export_list(kind, filters, fmt):
    """Return the bytes of one list as ``xlsx`` or ``csv``."""
    rows_of, extra = _SOURCES[kind]
    header = _headers(kind, extra)
    rows = rows_of(filters)
    if fmt == "csv":
        return csv_bytes(header, rows)
    return xlsx_bytes([(SHEETS[kind]["title"], header, rows)])


def template_xlsx():
    """Return the import template: a sheet per kind with its headers, and the instructions."""
    sheets = [(spec["title"], [c[1] for c in spec["columns"]], []) for spec in SHEETS.values()]
    instructions = [
        ["Petunjuk pengisian"],
        ["Isi satu baris per data; baris judul (baris pertama yang berisi) jangan diubah."],
        ["Kolom bertanda wajib: " + "; ".join(
            f"{spec['title']}: " + ", ".join(c[1] for c in spec["columns"] if c[3])
            for spec in SHEETS.values())],
        ["Status aplikasi: aktif, nonaktif, direncanakan, pengembangan. Jenis: Umum atau "
         "Khusus. Ya/Tidak untuk kolom pilihan."],
        ["Kanal integrasi: SPLP, API, berkas, basis data, hyperlink. Hosting: kode pusat data, "
         "Lokal, Pusat/PDN atau Cloud."],
        ["Kode referensi ditulis seperti RAA.02.01 dan RAL.02.03 (beberapa dipisah koma)."],
        ["Sel kosong tidak menghapus data yang sudah ada. Impor yang sama dua kali tidak "
         "mengubah apa pun."],
    ]
    return xlsx_bytes([("Petunjuk", ["Registri SPBE — templat impor"], instructions), *sheets])


SCORECARD_HEADER = ["Peringkat", "Kode OPD", "OPD", "Skor", "Target", "Capaian (%)",
                    "Target tercapai", "Aplikasi hidup", "Terintegrasi SPLP", "Point-to-point",
                    "Di luar pusat data", "Belum direviu", "Reviu belum ditindaklanjuti",
                    "Belum dikonsultasikan unit TIK", "Belum dikonfirmasi 12 bulan",
                    "Domain aktif", "Domain tanpa TLS", "Domain tanpa aplikasi",
                    "Permintaan menunggu", "Pegawai bersertifikat"]


def scorecard_xlsx(scores, year, instrument):
    """Return the OPD scorecard of a year as XLSX (the performance-allowance process); one
    blocker column per architecture indicator of the year's instrument."""
    numbers = instrument.summary_indicators
    header = [*SCORECARD_HEADER, *(f"Hambatan {n}" for n in numbers)]

    def rows():
        for s in scores:
            f = s.facts
            blockers = f.blockers_for(instrument.blocker_targets)
            yield [s.rank, f.code, f.name, s.score, s.target,
                   round(100 * s.progress, 1) if s.progress is not None else None,
                   {True: "Ya", False: "Tidak", None: None}[s.target_met], f.live,
                   f.integrated, f.point_to_point, f.outside_dc, f.unreviewed, f.unfollowed,
                   f.unconsulted, f.stale, f.domains, f.domains_without_tls,
                   f.domains_without_app, f.pending_requests, f.certified_staff,
                   *(blockers.get(n, 0) for n in numbers)]

    return xlsx_bytes([(f"Skor OPD {year}", header, rows())])
