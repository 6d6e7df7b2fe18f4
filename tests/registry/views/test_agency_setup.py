"""Issue 18.1: an empty registry is set up by its first admin (page or command line), and admins
add further instansi.
"""

import io

from registry import models
from registry.extensions import db
from tests.conftest import PASSWORD

FORM = {"name": "Pemerintah Kota Contoh", "kind": "kota", "code": "KOTACONTOH",
        "zone": "https://www.KotaContoh.go.id/", "units": (
            "Kode\tNama\tSingkatan\n"
            "DINKES\tDinas Kesehatan\tDinkes\n"
            "Badan Perencanaan Pembangunan Daerah\r\n"
            "DISDIK; Dinas Pendidikan\n")}


def test_the_first_admin_lands_on_the_set_up_page(app, client):
    from registry.services import users

    admin = users.create_user({"email": "admin@kotacontoh.go.id", "name": "Admin",
                               "role": "admin", "password": PASSWORD}, actor=None)
    response = client.post("/auth/login", data={"email": admin.email, "password": PASSWORD})
    assert response.headers["Location"].endswith("/admin/agencies/new")
    page = client.get("/")
    assert page.headers["Location"].endswith("/admin/agencies/new")
    form = client.get("/admin/agencies/new")
    assert "Siapkan instansi Anda" in form.text

    done = client.post("/admin/agencies/new", data=FORM)
    assert done.status_code == 302
    assert "/import" in done.headers["Location"]
    agency = db.session.scalar(db.select(models.Agency))
    assert (agency.code, agency.kind, agency.zone) == ("KOTACONTOH", models.AgencyKind.KOTA,
                                                       "kotacontoh.go.id")
    assert sorted((u.code, u.name) for u in agency.units) == [
        ("BPPD", "Badan Perencanaan Pembangunan Daerah"), ("DINKES", "Dinas Kesehatan"),
        ("DISDIK", "Dinas Pendidikan")]
    assert client.get("/").headers["Location"].endswith("/overview")
    listed = client.get("/admin/agencies")
    assert "KOTACONTOH" in listed.text
    assert "kotacontoh.go.id" in listed.text


def test_a_viewer_of_an_empty_registry_is_told_to_wait(client):
    from registry.services import users

    viewer = users.create_user({"email": "v@kotacontoh.go.id", "name": "V", "role": "viewer",
                                "password": PASSWORD}, actor=None)
    client.post("/auth/login", data={"email": viewer.email, "password": PASSWORD})
    page = client.get("/")
    assert page.status_code == 200
    assert "belum disiapkan" in page.text
    assert client.get("/admin/agencies/new").status_code == 403
    assert client.post("/admin/agencies/new", data=FORM).status_code == 403


def test_bad_set_up_input_names_every_field_and_writes_nothing(client, auth, agency):
    auth.login("admin")
    bad = FORM | {"code": "kota contoh", "zone": "bukan zona", "kind": "desa",
                  "units": "Dinas Kesehatan\nDINKES;Dinas Sosial;Dinsos;lebih\ndinas kesehatan"}
    response = client.post("/admin/agencies/new", data=bad)
    assert response.status_code == 422
    for field in ("code", "kind"):
        assert f'is-invalid" id="f-{field}"' in response.text
    fixed = FORM | {"units": bad["units"], "zone": "bukan zona"}
    response = client.post("/admin/agencies/new", data=fixed)
    assert response.status_code == 422
    assert "baris 2" in response.text
    assert "baris 3" in response.text
    assert 'is-invalid" id="f-zone"' in response.text
    assert db.session.scalar(db.select(db.func.count(models.Agency.id))) == 1


def test_a_second_agency_with_a_used_code_is_refused(client, auth, agency):
    auth.login("admin")
    response = client.post("/admin/agencies/new", data=FORM | {"code": agency.code.lower()})
    assert response.status_code == 422
    assert "sudah dipakai" in response.text


def test_the_opd_list_may_be_uploaded(client, auth, agency):
    auth.login("admin")
    data = FORM | {"units": "", "units_file": (io.BytesIO(
        "Dinas Sosial\nDISPAR;Dinas Pariwisata\n".encode("utf-8-sig")), "opd.csv")}
    response = client.post("/admin/agencies/new", data=data,
                           content_type="multipart/form-data")
    assert response.status_code == 302
    created = db.session.scalar(db.select(models.Agency).where(models.Agency.code == "KOTACONTOH"))
    assert sorted(u.code for u in created.units) == ["DISPAR", "DS"]
    binary = FORM | {"units_file": (io.BytesIO(b"PK\x03\x04\x00\x00"), "opd.xlsx"), "code": "X2"}
    refused = client.post("/admin/agencies/new", data=binary, content_type="multipart/form-data")
    assert refused.status_code == 422
    assert "XLSX" in refused.text
