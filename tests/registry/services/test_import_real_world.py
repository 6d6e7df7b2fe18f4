"""Issue 18: a city's hand-typed inventory imports with no edit to the file.

On a fresh database (the agency only), the workbook of ``city_workbook`` comes in whole once its
one unknown word is mapped on the command line; the mapping is remembered, and importing the
file again adds and changes nothing.
"""

import re
from datetime import date

from sqlalchemy import select

from registry import models
from registry.extensions import db
from registry.services import import_mappings, importing, organisation
from tests.registry.builders import city_sheet, import_city_bytes, row_count
from tests.registry.city_workbook import (
    APPLICATIONS,
    DASH_YEARS,
    NAKTIF,
    OPDS,
    application_rows,
    workbook_bytes,
)


def test_the_workbook_has_every_habit_of_the_issue():
    rows = [expected for _row, expected in application_rows()]
    assert len(rows) == APPLICATIONS >= 150
    assert len(OPDS) >= 30
    assert sum(r["year"] == "-" for r in rows) == DASH_YEARS
    assert sum(r["status"] == "naktif" for r in rows) == NAKTIF
    assert len({(r["opd"], r["name"]) for r in rows}) == APPLICATIONS
    assert len({r["name"] for r in rows}) < APPLICATIONS  # names repeat across OPDs


def test_an_opd_named_only_in_the_application_sheet_is_created_once(city):
    body = city_sheet([["Satu", "Dinas Baru", "aktif"], ["Dua", "DINAS BARU", "aktif"]])
    report = import_city_bytes(city, body)
    assert report.written, report.problems
    assert report.counts["units"].created == 1
    [unit] = db.session.scalars(select(models.Unit)).all()
    assert unit.name == "Dinas Baru"
    assert unit.code
    assert any(n.kind == "new_unit" for n in report.notes)


def test_rows_without_codes_match_what_is_there_by_opd_and_name(city):
    unit = organisation.create_unit({"agency_id": city.id, "code": "DINKES",
                                     "name": "Dinas Kesehatan", "acronym": "Dinkes"}, actor=None)
    from registry.services import inventory

    kept = inventory.create_application({
        "code": "SIMPUS", "name": "Sistem Informasi Puskesmas", "owner_unit_id": unit.id,
        "kind": "khusus", "lifecycle": "production"}, actor=None)
    body = city_sheet([["SISTEM INFORMASI  PUSKESMAS.", "dinkes", "Non Aktif"],
                       ["Sistem Informasi Puskesmas", "Dinas Sosial", "aktif"]])
    report = import_city_bytes(city, body)
    assert report.written, report.problems
    assert (report.counts["applications"].created, report.counts["applications"].updated) == (1, 1)
    db.session.refresh(kept)
    assert (kept.code, kept.name, kept.lifecycle.value) == (
        "SIMPUS", "Sistem Informasi Puskesmas", "retired")
    other = db.session.scalar(select(models.Application).where(models.Application.id != kept.id))
    assert re.fullmatch(r"APP-\d{4}", other.code)
    assert other.owner_unit.name == "Dinas Sosial"


def test_two_rows_of_one_opd_with_one_name_are_a_duplicate(city):
    report = import_city_bytes(
        city, city_sheet([["Satu", "Dinas A", "aktif"], ["SATU", "dinas a", "aktif"]]))
    assert [(p.line, p.code) for p in report.problems] == [(3, "duplicate_row")]


def test_without_the_choice_no_domain_is_added(city, city_file):
    import_city_bytes(city, city_file.read_bytes(), maps=["Status:naktif=nonaktif"])
    assert row_count(models.DomainName) == 0


def test_every_problem_of_every_sheet_comes_in_one_pass_grouped(city):
    units = [["Kode OPD", "Nama OPD", "Unit TIK"], ["DINA", "Dinas A", "mungkin"],
             ["DINB", None, None]]
    apps = [["Kode Aplikasi", "Nama Aplikasi", "Kode OPD", "Tahun Mulai", "Status"]]
    apps += [[f"A{n}", f"Aplikasi {n}", "DINA", "20x9", "aktif"] for n in range(12)]
    apps += [["B1", "Bad", "HANTU", "dua ribu", "hidup"]]  # a bad row still has its OPD checked
    links = [["Kode Aplikasi Penyedia", "Kode Aplikasi Konsumen", "Kanal"],
             ["A1", "ZZZ", "SPLP"]]
    body = workbook_bytes({"OPD": units, "Aplikasi": apps, "Integrasi": links})
    report = import_city_bytes(city, body)
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
    body = city_sheet([["A", "Dinas A", "https://siasn.bkn.go.id/"],
                       ["B", "Dinas A", "192.168.1.20/app"],
                       ["C", "Dinas A", "http://localhost"]], header=header)
    report = import_city_bytes(city, body)
    assert report.written, report.problems
    kinds = {n.kind: n for n in report.notes}
    assert {"outside_zone", "ip", "localhost"} <= set(kinds)
    assert kinds["outside_zone"].count == 1
    assert kinds["outside_zone"].lines == [2]
    refused = import_city_bytes(
        city, city_sheet([["D", "Dinas A", "javascript:alert(1)"]], header=header))
    assert [p.column for p in refused.problems] == ["Alamat Web"]


def test_mappings_are_listed_edited_and_deleted_and_the_edit_is_applied(city):
    body = city_sheet([["Satu", "Dinas A", "naktif"]])
    import_city_bytes(city, body, maps=["Status:naktif=nonaktif"])
    [mapping] = import_mappings.list_mappings(city.id)
    import_mappings.update_mapping(mapping.id, "pengembangan", actor=None)
    import_city_bytes(city, body)
    assert db.session.scalar(select(models.Application.lifecycle)).value == "development"
    import_mappings.delete_mapping(mapping.id, actor=None)
    assert import_mappings.list_mappings(city.id) == []
    assert not import_city_bytes(city, body).ok
    logged = db.session.scalars(select(models.ChangeLog.action).where(
        models.ChangeLog.object_type == "import_mappings")).all()
    assert [a.value for a in logged] == ["create", "update", "delete"]


def test_a_year_typed_as_a_date_reads_as_its_year(city):
    header = ("Nama Aplikasi", "Nama OPD", "Tahun Mulai")
    report = import_city_bytes(
        city, city_sheet([["A", "Dinas A", date(2017, 3, 1)]], header=header))
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
    assert "Nama Aplikasi *" in header
    assert "Kode Aplikasi" in header
    assert "Nama OPD" in header
    assert apps.max_row >= 3  # example rows under the header
    validated = {str(dv.sqref).split(":")[0][:-1]: dv
                 for dv in apps.data_validations.dataValidation}
    status_column = apps.cell(1, header.index("Status") + 1).column_letter
    assert status_column in validated
    assert "nonaktif" in validated[status_column].formula1
    explained = [row for row in book["Petunjuk"].iter_rows(values_only=True)
                 if row and row[0] == "Aplikasi"]
    assert {row[1] for row in explained} >= {"Nama Aplikasi", "Status", "Tahun Mulai"}
    # the template as downloaded imports cleanly, its examples skipped
    report = import_city_bytes(city, exporting.template_xlsx())
    assert report.ok, report.problems
    assert report.rows == 0, report.problems
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
    report = import_city_bytes(city, out.getvalue())
    assert report.written, report.problems
    assert db.session.scalar(select(models.Application.url)) == "https://simpus.kotacontoh.go.id"


def test_map_options_name_another_sheet_and_read_a_dash_as_unknown(city):
    assert import_mappings.items_from_specs(city.id, [
        "Integrasi.Status:jalan=aktif", "Status:lihat ket=-", "Kanal:esb prov=SPLP"]) == [
        ("link_status", "jalan", "active"), ("lifecycle", "lihat ket", ""),
        ("channel", "esb prov", "service_bus")]
    ignored = import_mappings.items_from_specs(city.id, ["Header:Keterangan Lama=-"])
    assert {item[2] for item in ignored} == {""}
    assert len(ignored) == 4


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
    report = import_city_bytes(city, body)
    [problem] = report.problems
    assert (problem.line, problem.column) == (3, "Nama Aplikasi Konsumen")
    assert "lebih dari satu" in problem.message
    del links[2]
    report = import_city_bytes(
        city, workbook_bytes({"Aplikasi": apps, "Integrasi": links, "Domain": domains}))
    assert report.written, report.problems
    link = db.session.scalars(select(models.IntegrationLink)).one()
    assert (link.provider.name, link.consumer.name) == ("Satu", "Dua")
    domain = db.session.scalars(select(models.DomainName)).one()
    assert (domain.application.name, domain.unit.name) == ("Satu", "Dinas A")


def test_a_blank_word_erases_nothing(city):
    header = ("Nama Aplikasi", "Nama OPD", "Alamat Web", "Tahun Mulai", "Status")
    import_city_bytes(
        city, city_sheet([["Satu", "Dinas A", "satu.kotacontoh.go.id", 2019, "aktif"]],
                         header=header))
    again = import_city_bytes(
        city, city_sheet([["Satu", "Dinas A", "-", "belum ada", "?"]], header=header))
    assert again.counts["applications"].unchanged == 1, again.problems
    app_ = db.session.scalars(select(models.Application)).one()
    assert (app_.url, app_.started_on.year, app_.lifecycle.value) == (
        "https://satu.kotacontoh.go.id", 2019, "production")


def test_a_sheet_refused_whole_does_not_make_its_references_unknown(city):
    body = workbook_bytes({
        "Aplikasi": [["Kode Aplikasi", "judul", "Nama OPD"], ["A1", "Satu", "Dinas A"]],
        "Integrasi": [["Kode Aplikasi Penyedia", "Kode Aplikasi Konsumen", "Kanal"],
                      ["A1", "A2", "SPLP"]]})
    report = import_city_bytes(city, body)
    assert [(p.sheet, p.column, p.code) for p in report.problems] == [
        ("Aplikasi", "Nama Aplikasi", "missing_column")]
