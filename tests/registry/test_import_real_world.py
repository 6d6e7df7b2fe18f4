"""Issue 18: a city's hand-typed inventory imports with no edit to the file.

On a fresh database (the agency only), the workbook of ``city_workbook`` comes in whole once its
one unknown word is mapped on the command line; the mapping is remembered, and importing the
file again adds and changes nothing.
"""

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from registry import models
from registry.extensions import db
from registry.services import import_mappings, importing, infrastructure, organisation
from tests.registry.city_workbook import (
    APPLICATIONS,
    DASH_YEARS,
    NAKTIF,
    OPDS,
    ZONE,
    application_rows,
    city_sheets,
    workbook_bytes,
)

STORED_STATUS = {"aktif": "production", "naktif": "retired", "nonaktif": "retired",
                 "pengembangan": "development", "direncanakan": "planned",
                 "dalam pengembangan": "development", "tidak aktif": "retired",
                 "non aktif": "retired"}


@pytest.fixture
def city(app):
    """The instansi, created as the lead's set-up does, on an otherwise empty registry."""
    return organisation.create_agency({"code": "KOTACONTOH", "name": "Pemerintah Kota Contoh",
                                       "kind": "kota", "zone": ZONE}, actor=None)


@pytest.fixture
def city_file(tmp_path):
    path = tmp_path / "inventaris-kota.xlsx"
    path.write_bytes(workbook_bytes(city_sheets()))
    return path


def count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_the_workbook_has_every_habit_of_the_issue():
    rows = [expected for _row, expected in application_rows()]
    assert len(rows) == APPLICATIONS >= 150 and len(OPDS) >= 30
    assert sum(r["year"] == "-" for r in rows) == DASH_YEARS
    assert sum(r["status"] == "naktif" for r in rows) == NAKTIF
    assert len({(r["opd"], r["name"]) for r in rows}) == APPLICATIONS
    assert len({r["name"] for r in rows}) < APPLICATIONS  # names repeat across OPDs


def test_a_hand_typed_city_inventory_comes_in_whole_after_one_map_and_again_changes_nothing(
        runner, city, city_file):
    refused = runner.invoke(args=["import", str(city_file)])
    assert refused.exit_code == 1, refused.output
    out = refused.output
    # the unknown word is named once, with its rows and the option that maps it
    assert out.count("\u201cnaktif\u201d") == 1, out
    assert f"{NAKTIF} baris" in out and '--map "Status:naktif=nonaktif"' in out
    # problems come grouped, not one line per row
    assert len(out.splitlines()) < 40, out
    assert count(models.Application) == 0 and count(models.Unit) == 0

    done = runner.invoke(args=["import", str(city_file), "--map", "Status:naktif=nonaktif"])
    assert done.exit_code == 0, done.output
    assert f"{DASH_YEARS} baris: \u201c-\u201d di Tahun Mulai dibaca sebagai tidak diketahui" \
        in done.output
    assert f"applications: {APPLICATIONS} baru" in done.output
    assert f"units: {len(OPDS)} baru" in done.output
    assert "di luar zona" in done.output and "alamat IP" in done.output
    assert "localhost" in done.output
    assert "Keterangan Tambahan" in done.output  # a column it does not know: listed, no error

    apps = db.session.scalars(select(models.Application)).all()
    assert len(apps) == APPLICATIONS
    assert all(re.fullmatch(r"APP-\d{4}", a.code) for a in apps)
    assert len({a.code for a in apps}) == APPLICATIONS
    by_key = {(a.owner_unit.name, a.name): a for a in apps}
    assert {u.name for u in db.session.scalars(select(models.Unit))} == {n for n, _ in OPDS}
    for _row, expected in application_rows():
        stored = by_key[(expected["opd"], expected["name"])]
        word = " ".join(expected["status"].lower().split())
        assert stored.lifecycle.value == STORED_STATUS[word], expected
        assert stored.url == expected["url"], expected
        if expected["year"] in ("-", "belum ada", "\u2014"):
            assert stored.started_on is None
        else:
            assert stored.started_on.year in (2015, 2018, 2019, 2020)
    assert count(models.Application, models.Application.started_on.is_(None)) >= DASH_YEARS
    assert [(m.group, m.word, m.value) for m in import_mappings.list_mappings(city.id)] == [
        ("lifecycle", "naktif", "retired")]

    logged = count(models.ChangeLog)
    again = runner.invoke(args=["import", str(city_file)])
    assert again.exit_code == 0, again.output
    assert (f"applications: 0 baru, 0 diperbarui, {APPLICATIONS} tidak berubah"
            in again.output)
    assert f"units: 0 baru, 0 diperbarui, {len(OPDS)} tidak berubah" in again.output
    assert count(models.ChangeLog) == logged
    assert {a.code for a in db.session.scalars(select(models.Application))} == {
        a.code for a in apps}


def test_a_dry_run_with_a_map_saves_nothing_not_even_the_map(runner, city, city_file):
    tried = runner.invoke(args=["import", str(city_file), "--dry-run",
                                "--map", "Status:naktif=nonaktif"])
    assert tried.exit_code == 0, tried.output
    assert count(models.Application) == 0
    assert import_mappings.list_mappings(city.id) == []


def test_a_bad_map_option_is_refused_with_the_words_it_knows(runner, city, city_file):
    result = runner.invoke(args=["import", str(city_file), "--map", "Status:naktif=hidup"])
    assert result.exit_code != 0
    assert "hidup" in result.output and "nonaktif" in result.output
    result = runner.invoke(args=["import", str(city_file), "--map", "Warna:x=y"])
    assert result.exit_code != 0 and "Warna" in result.output


def sheet_of(rows, header=("Nama Aplikasi", "Nama OPD", "Status")):
    return workbook_bytes({"Aplikasi": [list(header), *rows]})


def run(agency, body, **kwargs):
    import io

    return importing.import_file(io.BytesIO(body), "inventaris.xlsx", agency_id=agency.id,
                                 actor=None, **kwargs)


def test_a_header_the_registry_does_not_know_is_mapped_and_remembered(runner, city, tmp_path):
    path = tmp_path / "judul.xlsx"
    path.write_bytes(sheet_of([["Sistem Kepegawaian", "Dinas Kesehatan", "aktif"]],
                              header=("judul", "OPD", "Status")))
    report = run(city, path.read_bytes(), dry_run=True)
    assert [(p.column, p.code) for p in report.problems] == [("Nama Aplikasi", "missing_column")]
    [unknown] = report.unknown_headers
    assert (unknown.header, unknown.guess, unknown.samples) == (
        "judul", "name", ["Sistem Kepegawaian"])
    refused = runner.invoke(args=["import", str(path)])
    assert refused.exit_code == 1 and '--map "Header:judul=Nama Aplikasi"' in refused.output
    done = runner.invoke(args=["import", str(path), "--map", "Header:judul=Nama Aplikasi"])
    assert done.exit_code == 0, done.output
    assert db.session.scalars(select(models.Application.name)).all() == ["Sistem Kepegawaian"]
    assert run(city, path.read_bytes()).counts["applications"].unchanged == 1


def test_an_opd_named_only_in_the_application_sheet_is_created_once(city):
    body = sheet_of([["Satu", "Dinas Baru", "aktif"], ["Dua", "DINAS BARU", "aktif"]])
    report = run(city, body)
    assert report.written, report.problems
    assert report.counts["units"].created == 1
    [unit] = db.session.scalars(select(models.Unit)).all()
    assert unit.name == "Dinas Baru" and unit.code
    assert any(n.kind == "new_unit" for n in report.notes)


def test_rows_without_codes_match_what_is_there_by_opd_and_name(city):
    unit = organisation.create_unit({"agency_id": city.id, "code": "DINKES",
                                     "name": "Dinas Kesehatan", "acronym": "Dinkes"}, actor=None)
    from registry.services import inventory

    kept = inventory.create_application({
        "code": "SIMPUS", "name": "Sistem Informasi Puskesmas", "owner_unit_id": unit.id,
        "kind": "khusus", "lifecycle": "production"}, actor=None)
    body = sheet_of([["SISTEM INFORMASI  PUSKESMAS.", "dinkes", "Non Aktif"],
                     ["Sistem Informasi Puskesmas", "Dinas Sosial", "aktif"]])
    report = run(city, body)
    assert report.written, report.problems
    assert (report.counts["applications"].created, report.counts["applications"].updated) == (1, 1)
    db.session.refresh(kept)
    assert (kept.code, kept.name, kept.lifecycle.value) == (
        "SIMPUS", "Sistem Informasi Puskesmas", "retired")
    other = db.session.scalar(select(models.Application).where(models.Application.id != kept.id))
    assert re.fullmatch(r"APP-\d{4}", other.code) and other.owner_unit.name == "Dinas Sosial"


def test_two_rows_of_one_opd_with_one_name_are_a_duplicate(city):
    report = run(city, sheet_of([["Satu", "Dinas A", "aktif"], ["SATU", "dinas a", "aktif"]]))
    assert [(p.line, p.code) for p in report.problems] == [(3, "duplicate_row")]


@pytest.fixture
def centres(city):
    for code, name, kind in (("DC-PEMDA", "Pusat Data Pemda", "own"),
                             ("PDNS", "PDN Sementara", "pdns")):
        infrastructure.create_record(models.DataCenter, {"agency_id": city.id, "code": code,
                                                         "name": name, "kind": kind}, actor=None)


def test_hosting_is_read_by_the_names_the_pages_show(city, centres, runner, tmp_path):
    header = ("Nama Aplikasi", "Nama OPD", "Hosting")
    rows = [["A", "Dinas A", "Pusat Data Pemda"], ["B", "Dinas A", "PUSAT DATA PEMDA"],
            ["C", "Dinas A", "dc-pemda"], ["D", "Dinas A", "PDN Sementara"],
            ["E", "Dinas A", "Pusat data sendiri"], ["F", "Dinas A", "Server Dinas"],
            ["G", "Dinas A", "Server Dinas"]]
    path = tmp_path / "hosting.xlsx"
    path.write_bytes(sheet_of(rows, header=header))
    report = run(city, path.read_bytes(), dry_run=True)
    [unknown] = report.unknown_words
    assert (unknown.group, unknown.word, unknown.lines, unknown.guess) == (
        "hosting", "Server Dinas", [7, 8], None)
    assert ("DC-PEMDA", "Pusat Data Pemda (DC-PEMDA)") in unknown.options
    done = runner.invoke(args=["import", str(path), "--map",
                               "Hosting:server dinas=Pusat Data Pemda"])
    assert done.exit_code == 0, done.output
    hosted = dict(db.session.execute(select(models.Application.name, models.DataCenter.code)
                                     .join(models.DataCenter,
                                           models.DataCenter.id == models.Application.hosting_id))
                  .all())
    assert hosted == {"A": "DC-PEMDA", "B": "DC-PEMDA", "C": "DC-PEMDA", "D": "PDNS",
                      "E": "DC-PEMDA", "F": "DC-PEMDA", "G": "DC-PEMDA"}


def test_hosts_under_the_zone_become_domains_when_asked(city, runner, city_file):
    done = runner.invoke(args=["import", str(city_file), "--map", "Status:naktif=nonaktif",
                               "--domains-from-urls"])
    assert done.exit_code == 0, done.output
    domains = {d.fqdn: d for d in db.session.scalars(select(models.DomainName))}
    assert set(domains) == {"simpeg.kotacontoh.go.id", "sipd.kotacontoh.go.id",
                            "www.kotacontoh.go.id", "sipp.kotacontoh.go.id",
                            "lapor.kotacontoh.go.id"}
    simpeg = domains["simpeg.kotacontoh.go.id"]
    assert simpeg.application.url == "https://simpeg.kotacontoh.go.id"
    assert simpeg.unit_id == simpeg.application.owner_unit_id
    logged = count(models.ChangeLog)
    again = runner.invoke(args=["import", str(city_file), "--domains-from-urls"])
    assert again.exit_code == 0 and "domains: 0 baru, 0 diperbarui" in again.output
    assert count(models.ChangeLog) == logged


def test_without_the_choice_no_domain_is_added(city, city_file):
    run(city, city_file.read_bytes(), maps=["Status:naktif=nonaktif"])
    assert count(models.DomainName) == 0


def test_every_problem_of_every_sheet_comes_in_one_pass_grouped(city):
    units = [["Kode OPD", "Nama OPD", "Unit TIK"], ["DINA", "Dinas A", "mungkin"],
             ["DINB", None, None]]
    apps = [["Kode Aplikasi", "Nama Aplikasi", "Kode OPD", "Tahun Mulai", "Status"]]
    apps += [[f"A{n}", f"Aplikasi {n}", "DINA", "20x9", "aktif"] for n in range(12)]
    apps += [["B1", "Bad", "HANTU", "dua ribu", "hidup"]]  # a bad row still has its OPD checked
    links = [["Kode Aplikasi Penyedia", "Kode Aplikasi Konsumen", "Kanal"],
             ["A1", "ZZZ", "SPLP"]]
    body = workbook_bytes({"OPD": units, "Aplikasi": apps, "Integrasi": links})
    report = run(city, body)
    assert not report.written
    found = {(p.sheet, p.line, p.column) for p in report.problems}
    assert {("OPD", 2, "Unit TIK"), ("OPD", 3, "Nama OPD"), ("Aplikasi", 14, "Kode OPD"),
            ("Aplikasi", 14, "Status"), ("Integrasi", 2, "Kode Aplikasi Konsumen")} <= found
    years = next(g for g in report.problem_groups if g.column == "Tahun Mulai")
    assert (years.sheet, years.count, years.lines[:3]) == ("Aplikasi", 13, [2, 3, 4])
    assert len(years.lines) <= 10
    assert "13 baris" in years.summary


def test_addresses_elsewhere_are_kept_and_noted_and_javascript_is_refused(city):
    header = ("Nama Aplikasi", "Nama OPD", "Alamat Web")
    body = sheet_of([["A", "Dinas A", "https://siasn.bkn.go.id/"],
                     ["B", "Dinas A", "192.168.1.20/app"],
                     ["C", "Dinas A", "http://localhost"]], header=header)
    report = run(city, body)
    assert report.written, report.problems
    kinds = {n.kind: n for n in report.notes}
    assert {"outside_zone", "ip", "localhost"} <= set(kinds)
    assert kinds["outside_zone"].count == 1 and kinds["outside_zone"].lines == [2]
    refused = run(city, sheet_of([["D", "Dinas A", "javascript:alert(1)"]], header=header))
    assert [p.column for p in refused.problems] == ["Alamat Web"]


def test_mappings_are_listed_edited_and_deleted_and_the_edit_is_applied(city):
    body = sheet_of([["Satu", "Dinas A", "naktif"]])
    run(city, body, maps=["Status:naktif=nonaktif"])
    [mapping] = import_mappings.list_mappings(city.id)
    import_mappings.update_mapping(mapping.id, "pengembangan", actor=None)
    run(city, body)
    assert db.session.scalar(select(models.Application.lifecycle)).value == "development"
    import_mappings.delete_mapping(mapping.id, actor=None)
    assert import_mappings.list_mappings(city.id) == []
    assert not run(city, body).ok
    logged = db.session.scalars(select(models.ChangeLog.action).where(
        models.ChangeLog.object_type == "import_mappings")).all()
    assert [a.value for a in logged] == ["create", "update", "delete"]


def test_a_year_typed_as_a_date_reads_as_its_year(city):
    header = ("Nama Aplikasi", "Nama OPD", "Tahun Mulai")
    report = run(city, sheet_of([["A", "Dinas A", date(2017, 3, 1)]], header=header))
    assert report.written, report.problems
    assert db.session.scalar(select(models.Application.started_on)) == date(2017, 1, 1)


def test_the_template_has_examples_drop_downs_marks_and_an_explanation(city):
    import io

    from openpyxl import load_workbook

    from registry.services import exporting

    book = load_workbook(io.BytesIO(exporting.template_xlsx()))
    assert book.sheetnames[:5] == ["Petunjuk", "OPD", "Aplikasi", "Integrasi", "Domain"]
    apps = book["Aplikasi"]
    header = [c.value for c in apps[1]]
    assert "Nama Aplikasi *" in header and "Kode Aplikasi" in header and "Nama OPD" in header
    assert apps.max_row >= 3  # example rows under the header
    validated = {str(dv.sqref).split(":")[0][:-1]: dv
                 for dv in apps.data_validations.dataValidation}
    status_column = apps.cell(1, header.index("Status") + 1).column_letter
    assert status_column in validated and "nonaktif" in validated[status_column].formula1
    explained = [row for row in book["Petunjuk"].iter_rows(values_only=True)
                 if row and row[0] == "Aplikasi"]
    assert {row[1] for row in explained} >= {"Nama Aplikasi", "Status", "Tahun Mulai"}
    # the template as downloaded imports cleanly, its examples skipped
    report = run(city, exporting.template_xlsx())
    assert report.ok and report.rows == 0, report.problems
    assert any(n.kind == "example" for n in report.notes)


def test_the_template_filled_in_imports(city):
    import io

    from openpyxl import load_workbook

    from registry.services import exporting

    book = load_workbook(io.BytesIO(exporting.template_xlsx()))
    book["OPD"].append([None, "Dinas Kesehatan", "Dinkes", "Tidak"])
    book["Aplikasi"].append([None, "Sistem Informasi Puskesmas", None, None, "Khusus", None,
                             "aktif", "-", None, None, None, "simpus.kotacontoh.go.id",
                             "Dinas Kesehatan"])
    out = io.BytesIO()
    book.save(out)
    report = run(city, out.getvalue())
    assert report.written, report.problems
    assert db.session.scalar(select(models.Application.url)) == "https://simpus.kotacontoh.go.id"



def test_map_options_name_another_sheet_and_read_a_dash_as_unknown(city):
    assert import_mappings.items_from_specs(city.id, [
        "Integrasi.Status:jalan=aktif", "Status:lihat ket=-", "Kanal:esb prov=SPLP"]) == [
        ("link_status", "jalan", "active"), ("lifecycle", "lihat ket", ""),
        ("channel", "esb prov", "service_bus")]
    ignored = import_mappings.items_from_specs(city.id, ["Header:Keterangan Lama=-"])
    assert {item[2] for item in ignored} == {""} and len(ignored) == 4


def test_a_csv_is_recognised_by_a_remembered_header(city):
    import io

    import_mappings.save_mappings(city.id, [("header:applications", "judul", "name")],
                                  actor=None)
    text = "judul;OPD;Status\nSistem Arsip;Dinas A;aktif\n"
    report = importing.import_file(io.BytesIO(text.encode()), "aplikasi.csv",
                                   agency_id=city.id, actor=None)
    assert report.written, report.problems
    assert db.session.scalar(select(models.Application.name)) == "Sistem Arsip"


def test_links_and_domains_may_name_what_has_no_code(city):
    apps = [["Nama Aplikasi", "Nama OPD"], ["Satu", "Dinas A"], ["Dua", "Dinas A"],
            ["Kembar", "Dinas A"], ["Kembar", "Dinas B"]]
    links = [["Nama Aplikasi Penyedia", "Nama Aplikasi Konsumen", "Kanal"],
             ["Satu", "DUA", "SPLP"], ["Satu", "Kembar", "API"]]
    domains = [["Nama Domain", "Nama OPD", "Nama Aplikasi"],
               ["satu.kotacontoh.go.id", "dinas a", "satu"]]
    body = workbook_bytes({"Aplikasi": apps, "Integrasi": links, "Domain": domains})
    report = run(city, body)
    [problem] = report.problems
    assert (problem.line, problem.column) == (3, "Nama Aplikasi Konsumen")
    assert "lebih dari satu" in problem.message
    del links[2]
    report = run(city, workbook_bytes({"Aplikasi": apps, "Integrasi": links, "Domain": domains}))
    assert report.written, report.problems
    link = db.session.scalars(select(models.IntegrationLink)).one()
    assert (link.provider.name, link.consumer.name) == ("Satu", "Dua")
    domain = db.session.scalars(select(models.DomainName)).one()
    assert (domain.application.name, domain.unit.name) == ("Satu", "Dinas A")


def test_a_blank_word_erases_nothing(city):
    header = ("Nama Aplikasi", "Nama OPD", "Alamat Web", "Tahun Mulai", "Status")
    run(city, sheet_of([["Satu", "Dinas A", "satu.kotacontoh.go.id", 2019, "aktif"]],
                       header=header))
    again = run(city, sheet_of([["Satu", "Dinas A", "-", "belum ada", "?"]], header=header))
    assert again.counts["applications"].unchanged == 1, again.problems
    app_ = db.session.scalars(select(models.Application)).one()
    assert (app_.url, app_.started_on.year, app_.lifecycle.value) == (
        "https://satu.kotacontoh.go.id", 2019, "production")


def test_a_sheet_refused_whole_does_not_make_its_references_unknown(city):
    body = workbook_bytes({
        "Aplikasi": [["Kode Aplikasi", "judul", "Nama OPD"], ["A1", "Satu", "Dinas A"]],
        "Integrasi": [["Kode Aplikasi Penyedia", "Kode Aplikasi Konsumen", "Kanal"],
                      ["A1", "A2", "SPLP"]]})
    report = run(city, body)
    assert [(p.sheet, p.column, p.code) for p in report.problems] == [
        ("Aplikasi", "Nama Aplikasi", "missing_column")]
