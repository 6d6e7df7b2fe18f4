"""The import page and the export downloads, through HTTP."""

import io

from openpyxl import load_workbook

from tests.registry.builders import BAD, GOOD, workbook


def upload(client, agency, sheets, *, dry_run):
    data = {"agency_id": str(agency.id), "file": (workbook(sheets), "inventaris.xlsx")}
    if dry_run:
        data["dry_run"] = "1"
    return client.post("/import", data=data, content_type="multipart/form-data")


def test_an_architect_tries_a_file_then_imports_it(client, auth, agency):
    auth.login("architect")
    page = client.get("/import")
    assert page.status_code == 200
    assert "Unduh templat" in page.text
    tried = upload(client, agency, BAD, dry_run=True)
    assert tried.status_code == 422
    assert "tidak ada yang disimpan" in tried.text
    assert "bukan tahun" in tried.text
    sheets = {"OPD": GOOD["OPD"]}
    done = upload(client, agency, sheets, dry_run=False)
    assert done.status_code == 200
    assert "Impor selesai" in done.text


def test_a_reviewer_cannot_import_and_a_bad_upload_is_a_422(client, auth, agency):
    auth.login("reviewer", suffix="r")
    assert client.get("/import").status_code == 403
    client.post("/auth/logout")
    auth.login("admin", suffix="a")
    missing = client.post("/import", data={"agency_id": str(agency.id)},
                          content_type="multipart/form-data")
    assert missing.status_code == 422
    assert "Pilih berkas" in missing.text
    wrong = client.post("/import", data={"agency_id": str(agency.id),
                                         "file": (io.BytesIO(b"MZ"), "virus.exe")},
                        content_type="multipart/form-data")
    assert wrong.status_code == 422
    assert ".xlsx atau .csv" in wrong.text


def test_downloads_follow_the_list_filters(client, auth, make_application):
    make_application(name="SIMPEG", code="SIMPEG")
    make_application(name="Portal", code="PORTAL")
    auth.login("viewer")
    xlsx = client.get("/export/applications.xlsx?q=simpeg&page=3")
    assert xlsx.status_code == 200
    assert xlsx.mimetype.endswith("spreadsheetml.sheet")
    rows = list(load_workbook(io.BytesIO(xlsx.data)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["SIMPEG"]
    csv = client.get("/export/applications.csv?lifecycle=production")
    assert csv.data.decode("utf-8-sig").count("\n") == 3
    assert client.get("/export/units.csv").status_code == 200
    assert client.get("/export/links.xlsx?channel=bogus").status_code == 400
    assert client.get("/export/secrets.csv").status_code == 404
    template = client.get("/import/template.xlsx")
    assert template.status_code == 200
