"""Issue 17.3-17.4: formula-like text is exported as text, and control characters, broken
Unicode and invisible-only names are refused on every input path (and never break an export)."""

import csv
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from registry import models
from registry.extensions import db
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
    assert "'" + name in cells and name not in cells


def test_a_csv_export_with_formula_like_names_imports_back_unchanged(agency, make_application):
    make_application(name="=1+2 (bukan rumus)")
    body = exporting.export_list("applications", ApplicationFilters(), "csv")
    report = importing.import_file(io.BytesIO(body), "x.csv", agency_id=agency.id, actor=None,
                                   kind="applications")
    assert report.ok and report.counts["applications"].updated == 0, report.problems


@pytest.mark.parametrize("name", ["Aplikasi\x01", "\u200b\u200b", "a\ud800b", "x\x1fy"])
def test_the_api_refuses_control_broken_or_invisible_names(client, unit, token_for, name):
    response = client.post("/api/v1/applications", headers=token_for("architect"), json={
        "code": "BAD-1", "name": name, "owner_unit_id": unit.id, "kind": "khusus",
        "lifecycle": "production"})
    assert response.status_code == 422 and "name" in response.json["errors"]


def test_the_import_refuses_a_control_character_naming_the_cell(agency, unit):
    text = f"Kode Aplikasi;Nama Aplikasi;Kode OPD\nX1;Nama\x01Buruk;{unit.code}\n"
    report = importing.import_file(io.BytesIO(text.encode()), "aplikasi.csv",
                                   agency_id=agency.id, actor=None)
    assert not report.written
    [problem] = report.problems
    assert problem.column == "Nama Aplikasi" and "karakter kendali" in problem.message


def test_stored_control_characters_never_break_the_exports(client, auth, agency,
                                                           make_application):
    app = make_application(name="Lama")
    # a record stored before input refused it
    db.session.execute(update(models.Application).where(models.Application.id == app.id)
                       .values(name="Lama\x01\x02"))
    db.session.commit()
    auth.login("viewer")
    for path in ("/export/applications.xlsx", "/export/applications.csv",
                 f"/integrations/archimate.xml?agency={agency.id}",
                 "/integrations/diagram.svg?kind=landscape"):
        assert client.get(path).status_code == 200, path
    assert inventory.get_application(app.id).name == "Lama\x01\x02"


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
