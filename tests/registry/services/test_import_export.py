"""Import from real-looking spreadsheets, all or nothing; export what the lists show."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from registry import models
from registry.errors import PermissionDeniedError, ValidationFailedError
from registry.extensions import db
from registry.services import domains, exporting, importing
from registry.services.inventory import ApplicationFilters
from tests.registry.builders import APPS, BAD, GOOD, LINKS, UNITS, import_sheets, row_count


def app_with_code(code):
    return db.session.scalar(select(models.Application).where(models.Application.code == code))


def test_a_clean_spreadsheet_imports_completely_and_twice_changes_nothing(agency, centres):
    report = import_sheets(agency, GOOD)
    assert report.ok, report.problems
    assert report.written, report.problems
    assert {k: (c.created, c.updated, c.unchanged) for k, c in report.counts.items()} == {
        "units": (2, 0, 0), "applications": (3, 0, 0), "links": (2, 0, 0), "domains": (2, 0, 0)}
    simpeg = app_with_code("SIMPEG")
    assert simpeg.description == "Data pegawai.\nMutasi dan pensiun."
    assert (simpeg.lifecycle.value, simpeg.kind.value, simpeg.started_on) == (
        "production", "khusus", date(2019, 1, 1))
    assert simpeg.reference_code == "RAA.02.01"
    assert simpeg.service_codes == ["RAL.02.03", "RAL.02.05"]
    assert simpeg.hosting.code == "DC-PROV"
    assert simpeg.owner_unit.name == "Badan Kepegawaian Daerah"
    siasn = app_with_code("SIASN")
    assert (siasn.kind.value, siasn.hosting.code, siasn.started_on.year) == ("umum", "PDN", 2021)
    portal = app_with_code("PORTAL")
    assert portal.lifecycle.value == "retired"
    assert len(portal.description) == 3000
    link = db.session.scalar(select(models.IntegrationLink).where(
        models.IntegrationLink.channel == "service_bus"))
    assert (link.provider.code, link.consumer.code, link.status.value) == (
        "SIASN", "SIMPEG", "active")
    domain = db.session.scalar(select(models.DomainName).where(
        models.DomainName.fqdn == "simpeg.contohprov.go.id"))
    assert domain.tls_expires_on == date(2026, 12, 31)
    assert domain.application.code == "SIMPEG"
    assert row_count(models.ChangeLog) - 3 == 9  # agency and centres, then one row per record

    logged, versions = row_count(models.ChangeLog), simpeg.version
    again = import_sheets(agency, GOOD)
    assert again.written
    assert {k: (c.created, c.updated) for k, c in again.counts.items()} == {
        k: (0, 0) for k in ("units", "applications", "links", "domains")}
    assert row_count(models.ChangeLog) == logged
    db.session.refresh(simpeg)
    assert simpeg.version == versions


def test_a_changed_cell_updates_that_record_only_and_logs_it(agency, centres):
    import_sheets(agency, GOOD)
    changed = {k: [list(r) for r in v] for k, v in GOOD.items()}
    changed["Aplikasi"][1][6] = "pengembangan"
    changed["Aplikasi"][2][11] = "  "  # a blank cell erases nothing
    report = import_sheets(agency, changed)
    assert report.counts["applications"].updated == 1
    simpeg = app_with_code("SIMPEG")
    assert simpeg.lifecycle.value == "development"
    assert simpeg.version == 2
    entry = db.session.scalar(select(models.ChangeLog).order_by(models.ChangeLog.id.desc()))
    assert (entry.before["lifecycle"], entry.after["lifecycle"]) == ("production", "development")
    assert entry.object_id == simpeg.id


def test_every_bad_row_is_named_and_nothing_is_written(agency, centres):
    before = row_count(models.ChangeLog)
    report = import_sheets(agency, BAD)
    assert not report.ok
    assert not report.written
    found = {(p.sheet, p.line, p.column): p.message for p in report.problems}
    expected = {
        ("OPD", 2, "Unit TIK"): "bukan Ya atau Tidak",
        ("OPD", 3, "Kode OPD"): "sudah ada di baris 2",
        ("Aplikasi", 2, "Nama Aplikasi"): "Wajib diisi",
        ("Aplikasi", 3, "Jenis"): "Umum, Khusus",
        ("Aplikasi", 3, "Tahun Mulai"): "bukan tahun",
        ("Aplikasi", 3, "Kode RAA"): "bukan kode RAA",
        ("Aplikasi", 4, "Nama Aplikasi"): "paling banyak 200",
        ("Aplikasi", 4, "Status"): "aktif, nonaktif",
        ("Integrasi", 2, "Kode Aplikasi Konsumen"): "dirinya sendiri",
        ("Integrasi", 3, "Kanal"): "SPLP, API",
        ("Domain", 2, "Nama Domain"): "zona contohprov.go.id",
        ("Domain", 3, "Nama Domain"): "huruf, angka",
        ("Domain", 4, "Di Indonesia"): "bukan Ya atau Tidak",
        ("Domain", 4, "TLS Berlaku Sampai"): "bukan tanggal",
    }
    for where, fragment in expected.items():
        assert where in found, (where, found)
        assert fragment in found[where], (where, found[where])
    assert row_count(models.ChangeLog) == before
    assert row_count(models.Unit) == 0
    assert row_count(models.Application) == 0


def test_references_to_unknown_records_and_hosting_are_named(agency, centres):
    sheets = {"Aplikasi": [APPS, ["A1", "Satu", None, None, None, "TIDAKADA", None, None, None,
                                  None, None, None],
                           ["A2", "Dua", None, None, None, "BKD", None, None, None, None,
                            "Mars", None]],
              "OPD": [UNITS, ["BKD", "Badan Kepegawaian Daerah", None, None]],
              "Integrasi": [LINKS, ["A2", "HANTU", "SPLP", None, None, None]]}
    report = import_sheets(agency, sheets)
    found = {(p.sheet, p.line, p.column): p.message for p in report.problems}
    assert "TIDAKADA" in found[("Aplikasi", 2, "Kode OPD")]
    assert "Mars" in found[("Aplikasi", 3, "Hosting")]
    assert "HANTU" in found[("Integrasi", 2, "Kode Aplikasi Konsumen")]
    assert row_count(models.Unit) == 0


def test_a_sheet_missing_a_required_column_is_refused_whole(agency):
    report = import_sheets(agency, {"Aplikasi": [["Kode Aplikasi", "Nama"], ["A1", "Satu"]]})
    assert [(p.line, p.column) for p in report.problems] == [(1, "Kode OPD")]


def test_a_dry_run_reports_and_writes_nothing(agency, centres):
    report = import_sheets(agency, GOOD, dry_run=True)
    assert report.ok
    assert not report.written
    assert report.counts["applications"].created == 3
    assert row_count(models.Application) == 0


def test_a_csv_with_semicolons_in_windows_encoding_imports(agency):
    text = "Kode OPD;Nama OPD;Singkatan;Catatan\nDISPORA;Dinas Pemuda dan Olahraga;Dispora;é\n"
    report = importing.import_file(io.BytesIO(text.encode("cp1252")), "opd.csv",
                                   agency_id=agency.id, actor=None)
    assert report.written
    assert report.counts["units"].created == 1
    assert report.ignored_columns == {"OPD": ["Catatan"]}


@pytest.mark.parametrize(("name", "body", "fragment"), [
    ("data.txt", b"x", ".xlsx atau .csv"),
    ("data.xlsx", b"not a zip", "bukan XLSX"),
    ("data.csv", b"", "tidak berisi data"),
    ("data.csv", b"Warna;Rasa\nmerah;manis\n", "tidak dikenali"),
])
def test_a_file_that_is_not_a_usable_spreadsheet_is_refused(agency, name, body, fragment):
    with pytest.raises(ValidationFailedError) as error:
        importing.import_file(io.BytesIO(body), name, agency_id=agency.id, actor=None)
    assert fragment in error.value.errors["file"][0]


def test_only_maintainers_import(agency, make_user):
    for role in ("opd_operator", "reviewer", "viewer"):
        with pytest.raises(PermissionDeniedError):
            import_sheets(agency, GOOD, actor=make_user(role, suffix=role))


def test_an_export_imports_back_unchanged_and_keeps_the_filter(agency, centres):
    import_sheets(agency, GOOD)
    body = exporting.export_list("applications", ApplicationFilters(q="simpeg"), "xlsx")
    sheet = load_workbook(io.BytesIO(body)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Kode Aplikasi", "Nama Aplikasi", "Singkatan")
    assert [r[0] for r in rows[1:]] == ["SIMPEG"]
    for kind, filters in (("applications", ApplicationFilters()), ("units", {}),
                          ("links", importing_links_filters()),
                          ("domains", domains.DomainFilters())):
        for fmt in ("xlsx", "csv"):
            body = exporting.export_list(kind, filters, fmt)
            report = importing.import_file(io.BytesIO(body), f"x.{fmt}", agency_id=agency.id,
                                           actor=None, kind=kind)
            assert report.ok, (kind, fmt, report.problems)
            counts = report.counts[kind]
            assert (counts.created, counts.updated) == (0, 0), (kind, fmt, counts)
            assert counts.unchanged > 0


def importing_links_filters():
    from registry.services.integrations import LinkFilters

    return LinkFilters()


def test_the_template_has_a_sheet_per_kind_with_its_headers():
    book = load_workbook(io.BytesIO(exporting.template_xlsx()))
    assert book.sheetnames == ["Petunjuk", "OPD", "Aplikasi", "Integrasi", "Domain"]
    # required columns are marked "*" (issue 18); the names also read follow the template's
    header = [c.value.removesuffix(" *") for c in book["Aplikasi"][1]]
    assert header[:len(APPS)] == APPS


def test_retiring_through_an_import_retires_the_applications_links(agency, unit,
                                                                    make_application):
    """Issue 16: an import that says 'nonaktif' retires the application and its links."""
    provider, consumer = make_application(code="SIMA"), make_application(code="SIMB")
    with db.session.begin_nested():
        db.session.add(models.IntegrationLink(
            agency_id=agency.id, provider_id=provider.id, consumer_id=consumer.id,
            channel="service_bus", status="active"))
    db.session.commit()
    text = ("Kode Aplikasi;Nama Aplikasi;Kode OPD;Status\n"
            f"SIMA;{provider.name};{unit.code};nonaktif\n")
    report = importing.import_file(io.BytesIO(text.encode()), "aplikasi.csv",
                                   agency_id=agency.id, actor=None)
    assert report.written, report.problems
    link = db.session.scalars(select(models.IntegrationLink)).one()
    db.session.refresh(link)
    assert link.status.value == "retired"
    logged = db.session.scalars(select(models.ChangeLog).where(
        models.ChangeLog.object_type == "integration_links")).all()
    assert [entry.after for entry in logged] == [{"status": "retired"}]
