"""Issue 18 on the import page: map unknown words, check again and import without choosing
the file again; the uploaded file waits server-side under a token of the user's own.
"""

import io
import os
import re
import time

import pytest
from sqlalchemy import func, select

from registry import models
from registry.extensions import db
from registry.services import import_mappings, organisation
from tests.registry.city_workbook import ZONE, workbook_bytes

SHEET = {"Aplikasi": [["Nama Aplikasi", "Nama OPD", "Status", "Tahun Mulai", "Judul Lama"],
                      ["Sistem Kepegawaian", "Dinas A", "naktif", "-", "x"],
                      ["Portal Kota", "Dinas A", "aktif", "2019", "y"],
                      ["Arsip Digital", "Dinas B", "naktif", "-", "z"]]}


@pytest.fixture
def city(app, tmp_path):
    app.config["IMPORT_STAGING_DIR"] = str(tmp_path / "staged")
    return organisation.create_agency({"code": "KOTACONTOH", "name": "Pemerintah Kota Contoh",
                                       "kind": "kota", "zone": ZONE}, actor=None)


def upload(client, agency, sheets=SHEET, *, dry_run=True, **extra):
    data = {"agency_id": str(agency.id),
            "file": (io.BytesIO(workbook_bytes(sheets)), "inventaris.xlsx"), **extra}
    if dry_run:
        data["dry_run"] = "1"
    return client.post("/import", data=data, content_type="multipart/form-data")


def token_in(page):
    return re.search(r'name="token" value="([A-Za-z0-9_-]+)"', page)[1]


def applications():
    return db.session.scalar(select(func.count()).select_from(models.Application))


def test_an_unknown_word_is_mapped_on_the_page_and_the_file_imported_without_a_new_upload(
        client, auth, city):
    auth.login("architect")
    tried = upload(client, city)
    assert tried.status_code == 422
    page = tried.text
    # the word once, its rows, and the best guess preselected
    assert page.count("\u201cnaktif\u201d") == 1
    assert re.search(r"2 baris.*2, 4", page, re.S)
    assert re.search(r'<option value="retired" selected', page)
    assert "Judul Lama" in page  # an unknown header is offered for mapping too
    token = token_in(page)

    checked = client.post("/import/mappings", data={
        "token": token, "group": ["lifecycle", "header:applications"],
        "word": ["naktif", "judul lama"], "value": ["retired", "-"]})
    assert checked.status_code == 200, checked.text
    assert "Uji selesai" in checked.text
    assert "Impor sekarang" in checked.text
    assert applications() == 0
    saved = {(m.group, m.word, m.value) for m in import_mappings.list_mappings(city.id)}
    assert saved == {("lifecycle", "naktif", "retired"), ("header:applications", "judul lama", "")}

    done = client.post("/import", data={"token": token_in(checked.text)})
    assert done.status_code == 200
    assert "Impor selesai" in done.text
    assert applications() == 3
    again = client.post("/import", data={"token": token})
    assert again.status_code == 422
    assert "pilih berkasnya lagi" in again.text


def test_a_clean_dry_run_offers_import_now_with_the_domains_choice_kept(client, auth, city):
    auth.login("architect")
    sheets = {"Aplikasi": [["Nama Aplikasi", "Nama OPD", "Alamat Web"],
                           ["Portal Kota", "Dinas A", "WWW.KOTACONTOH.GO.ID/"]]}
    tried = upload(client, city, sheets, domains_from_urls="1")
    assert tried.status_code == 200
    assert "Impor sekarang" in tried.text
    assert re.search(r'name="domains_from_urls" value="1"', tried.text)
    done = client.post("/import", data={"token": token_in(tried.text), "domains_from_urls": "1"})
    assert done.status_code == 200
    assert "Impor selesai" in done.text
    assert db.session.scalar(select(models.DomainName.fqdn)) == "www.kotacontoh.go.id"


def test_the_problems_are_grouped_with_their_count_and_first_rows(client, auth, city):
    auth.login("architect")
    rows = [["Nama Aplikasi", "Kode OPD", "Tahun Mulai"]]
    rows += [[f"Aplikasi {n}", "HANTU", "-"] for n in range(30)]
    page = upload(client, city, {"Aplikasi": rows}).text
    assert "30 baris" in page
    assert "HANTU" in page
    assert page.count("\u201cHANTU\u201d") == 1
    assert "2, 3, 4, 5, 6, 7, 8, 9, 10, 11" in page
    assert "31</" not in page


def test_a_token_belongs_to_its_user_and_expires(client, auth, city, app, make_user):
    auth.login("architect", suffix="a")
    token = token_in(upload(client, city).text)
    client.post("/auth/logout")
    auth.login("architect", suffix="b")
    other = client.post("/import", data={"token": token})
    assert other.status_code == 422
    assert "pilih berkasnya lagi" in other.text
    client.post("/auth/logout")
    client.post("/auth/login", data={"email": "architect-a@uji.go.id",
                                     "password": "rahasia-uji-123"})
    staged = app.config["IMPORT_STAGING_DIR"]
    old = time.time() - 3 * 3600
    for name in os.listdir(staged):
        os.utime(os.path.join(staged, name), (old, old))
    expired = client.post("/import", data={"token": token})
    assert expired.status_code == 422
    assert "pilih berkasnya lagi" in expired.text
    assert not os.listdir(staged)  # an expired upload is removed


@pytest.mark.parametrize("token", ["../secret_key", "..%2Fsecret_key", "/etc/passwd", "x" * 500])
def test_a_token_is_never_a_path(client, auth, city, token):
    auth.login("architect")
    response = client.post("/import", data={"token": token})
    assert response.status_code == 422
    assert "pilih berkasnya lagi" in response.text


def test_remembered_mappings_are_listed_edited_and_deleted_on_their_page(client, auth, city):
    import_mappings.save_mappings(city.id, [("lifecycle", "naktif", "retired")], actor=None)
    auth.login("architect")
    page = client.get(f"/import/mappings?agency_id={city.id}")
    assert page.status_code == 200
    assert "naktif" in page.text
    [mapping] = import_mappings.list_mappings(city.id)
    edited = client.post(f"/import/mappings/{mapping.id}", data={"value": "development"})
    assert edited.status_code == 302
    assert import_mappings.list_mappings(city.id)[0].value == "development"
    deleted = client.post(f"/import/mappings/{mapping.id}/delete")
    assert deleted.status_code == 302
    assert import_mappings.list_mappings(city.id) == []


def test_a_reviewer_sees_no_mapping_page(client, auth, city):
    auth.login("reviewer")
    assert client.get("/import/mappings").status_code == 403
    assert client.post("/import/mappings", data={"token": "x"}).status_code == 403
