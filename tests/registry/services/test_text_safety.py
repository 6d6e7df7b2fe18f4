"""Issue 17.3-17.4 in the services: formulas exported as text, bad characters refused on import."""

import csv
import io

import pytest
from openpyxl import load_workbook

from registry.services import exporting, importing, inventory
from registry.services.inventory import ApplicationFilters

FORMULAS = ['=HYPERLINK("http://evil.example","klik")', "+1+1", "-2+3", "@SUM(A1)",
            "\tTAB", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("name", FORMULAS)
def test_formula_like_names_are_text_in_xlsx_and_prefixed_in_csv(agency, make_application, name):
    make_application(name=name)
    body = exporting.export_list("applications", ApplicationFilters(), "xlsx")
    sheet = load_workbook(io.BytesIO(body)).active
    [row] = [r for r in sheet.iter_rows(min_row=2) if r[1].value == name]
    assert row[1].data_type == "s"  # a string cell, never a formula
    text = exporting.export_list("applications", ApplicationFilters(), "csv").decode("utf-8-sig")
    cells = [r[1] for r in csv.reader(io.StringIO(text))][1:]
    assert "'" + name in cells
    assert name not in cells


def test_a_csv_export_with_formula_like_names_imports_back_unchanged(agency, make_application):
    make_application(name="=1+2 (bukan rumus)")
    body = exporting.export_list("applications", ApplicationFilters(), "csv")
    report = importing.import_file(io.BytesIO(body), "x.csv", agency_id=agency.id, actor=None,
                                   kind="applications")
    assert report.ok, report.problems
    assert report.counts["applications"].updated == 0, report.problems


def test_the_import_refuses_a_control_character_naming_the_cell(agency, unit):
    text = f"Kode Aplikasi;Nama Aplikasi;Kode OPD\nX1;Nama\x01Buruk;{unit.code}\n"
    report = importing.import_file(io.BytesIO(text.encode()), "aplikasi.csv",
                                   agency_id=agency.id, actor=None)
    assert not report.written
    [problem] = report.problems
    assert problem.column == "Nama Aplikasi"
    assert "karakter kendali" in problem.message


@pytest.mark.parametrize(("typed", "stored"), [
    ("simpeg.contohprov.go.id", "https://simpeg.contohprov.go.id"),
    ("http://lama.contohprov.go.id/app", "http://lama.contohprov.go.id/app"),
])
def test_the_import_takes_web_addresses_as_the_api_does(agency, unit, typed, stored):
    text = f"Kode Aplikasi;Nama Aplikasi;Kode OPD;Alamat Web\nW1;Web;{unit.code};{typed}\n"
    report = importing.import_file(io.BytesIO(text.encode()), "aplikasi.csv",
                                   agency_id=agency.id, actor=None)
    assert report.written, report.problems
    [app] = inventory.list_applications(ApplicationFilters(q="W1")).items
    assert app.url == stored


@pytest.mark.parametrize("typed", ["javascript:alert(1)", "ftp://berkas.go.id", "data:text/html,x",
                                   "bukan alamat"])
def test_the_import_refuses_what_is_not_a_web_address(agency, unit, typed):
    text = f"Kode Aplikasi;Nama Aplikasi;Kode OPD;Alamat Web\nW1;Web;{unit.code};{typed}\n"
    report = importing.import_file(io.BytesIO(text.encode()), "aplikasi.csv",
                                   agency_id=agency.id, actor=None)
    assert not report.written
    assert [p.column for p in report.problems] == ["Alamat Web"]
