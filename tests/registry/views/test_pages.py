"""Pages: the sign-in gate, the inventory pages and forms, roles on every write route."""

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from registry import models
from registry.extensions import db
from tests.registry.builders import unchanged


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


PAGES = ["/", "/inventory/applications", "/inventory/units", "/changes/", "/auth/account",
         "/admin/users", "/docs/api", "/inventory/applications/new", "/inventory/units/new"]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitor_is_sent_to_the_login_page(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_login_page_is_in_indonesian_by_default(client):
    page = client.get("/auth/login").text
    assert "Masuk ke Registri SPBE" in page
    assert 'lang="id"' in page


def test_wrong_password_is_refused_with_a_message(client, make_user):
    user = make_user("viewer")
    response = client.post("/auth/login", data={"email": user.email, "password": "salah-sekali"})
    assert response.status_code == 401
    assert "Surel atau kata sandi salah" in response.text


def test_login_does_not_redirect_off_site(client, make_user):
    user = make_user("viewer")
    response = client.post("/auth/login?next=https://evil.example/x",
                           data={"email": user.email, "password": "rahasia-uji-123"})
    assert response.headers["Location"] == "/"


def test_deployments_hash_passwords_with_scrypt(app):
    from registry.config import Config

    assert Config.PASSWORD_HASH_METHOD == "scrypt"


def test_passwords_are_stored_hashed(make_user):
    user = make_user("viewer")
    from werkzeug.security import check_password_hash

    assert "rahasia-uji-123" not in user.password_hash
    assert check_password_hash(user.password_hash, "rahasia-uji-123")


def test_inventory_list_shows_filtered_rows(client, auth, make_application):
    auth.login("viewer")
    make_application(name="SIMPEG", kind="khusus")
    make_application(name="SRIKANDI", kind="umum")
    page = client.get("/inventory/applications?kind=umum").text
    assert "SRIKANDI" in page
    assert "SIMPEG" not in page
    assert "Inventaris Aplikasi" in page


def test_bad_filter_is_a_400_not_a_500(client, auth):
    auth.login("viewer")
    assert client.get("/inventory/applications?lifecycle=zombie").status_code == 400


def test_detail_page_shows_the_record_and_its_history(client, auth, make_application):
    auth.login("viewer")
    app = make_application(name="e-Kinerja")
    page = client.get(f"/inventory/applications/{app.id}").text
    assert "e-Kinerja" in page
    assert "Riwayat perubahan" in page
    assert "Sistem membuat aplikasi e-Kinerja" in page
    assert "Ubah" not in re.sub(r"<nav.*?</nav>", "", page, flags=re.S)  # a viewer can't edit


def test_create_form_saves_and_redirects(client, auth, unit):
    auth.login("architect")
    response = client.post("/inventory/applications/new", data={
        "code": "SIMPEG", "name": "SIMPEG", "owner_unit_id": str(unit.id), "kind": "khusus",
        "lifecycle": "production", "ict_controlled": "1", "started_on": "2024-02-01"})
    assert response.status_code == 302
    app = db.session.scalars(select(models.Application)).one()
    assert app.ict_controlled is True
    assert str(app.started_on) == "2024-02-01"


def test_create_form_with_errors_keeps_the_input_and_names_the_fields(client, auth, unit):
    auth.login("architect")
    response = client.post("/inventory/applications/new", data={
        "code": "bad code", "name": "", "owner_unit_id": str(unit.id), "url": "bukan-url",
        "description": "Deskripsi yang diketik"})
    assert response.status_code == 422
    page = response.text
    assert "Deskripsi yang diketik" in page
    assert "Wajib diisi." in page
    assert "Alamat web tidak sah" in page
    assert _count(models.Application) == 0


def test_stale_edit_is_refused_and_the_input_is_kept(client, auth, make_application):
    auth.login("architect")
    app = make_application(name="Asli")
    form = {"code": app.code, "name": "Perubahan saya", "owner_unit_id": str(app.owner_unit_id),
            "kind": "khusus", "lifecycle": "production", "version": "1"}
    from registry.services import inventory

    inventory.update_application(app.id, {"name": "Perubahan orang lain"}, actor=None,
                                 expected_version=1)
    with unchanged(models.Application, models.ChangeLog):
        response = client.post(f"/inventory/applications/{app.id}/edit", data=form)
    assert response.status_code == 409
    assert "Perubahan saya" in response.text
    assert "telah diubah orang lain" in response.text
    assert db.session.get(models.Application, app.id).name == "Perubahan orang lain"


def test_edit_form_saves_with_the_current_version(client, auth, make_application):
    auth.login("architect")
    app = make_application(name="Asli")
    form = {"code": app.code, "name": "Baru", "owner_unit_id": str(app.owner_unit_id),
            "kind": "umum", "lifecycle": "production", "version": str(app.version)}
    assert client.post(f"/inventory/applications/{app.id}/edit", data=form).status_code == 302
    db.session.refresh(app)
    assert (app.name, app.kind.value, app.version) == ("Baru", "umum", 2)


WRITE_ROLES = ["admin", "architect", "reviewer", "viewer", "opd_operator", "asesor"]


def _app_form(app):
    return {"code": app.code, "name": "Diubah", "owner_unit_id": str(app.owner_unit_id),
            "kind": "khusus", "lifecycle": "production", "version": str(app.version)}


EXPECTED = {  # role -> (create, edit own unit's, retire, delete, unit create, admin users)
    "admin": (302, 302, 302, 302, 302, 200),
    "architect": (302, 302, 302, 302, 302, 403),
    "reviewer": (403, 403, 403, 403, 403, 403),
    "viewer": (403, 403, 403, 403, 403, 403),
    "opd_operator": (403, 302, 302, 403, 403, 403),  # create: a request instead (17.6)
    "asesor": (403, 403, 403, 403, 403, 403),  # reads; writes only the external levels (20)
}


@pytest.mark.parametrize("role", WRITE_ROLES)
def test_every_write_route_by_role(client, auth, unit, make_application, role):
    auth.login(role)
    app, spare = make_application(), make_application()
    got = (
        client.post("/inventory/applications/new", data={
            "code": "NEW1", "name": "Baru", "owner_unit_id": str(unit.id)}).status_code,
        client.post(f"/inventory/applications/{app.id}/edit", data=_app_form(app)).status_code,
        client.post(f"/inventory/applications/{app.id}/retire", data={}).status_code,
        client.post(f"/inventory/applications/{spare.id}/delete").status_code,
        client.post("/inventory/units/new", data={
            "agency_id": str(unit.agency_id), "code": "BARU", "name": "Badan Baru"}).status_code,
        client.get("/admin/users").status_code,
    )
    assert got == EXPECTED[role]


def test_operator_cannot_edit_another_units_application(client, auth, make_application,
                                                        other_unit):
    auth.login("opd_operator")
    theirs = make_application(owner_unit_id=other_unit.id)
    with unchanged(models.Application, models.ChangeLog):
        response = client.post(f"/inventory/applications/{theirs.id}/edit",
                               data=_app_form(theirs))
    assert response.status_code == 403
    assert db.session.get(models.Application, theirs.id).name != "Diubah"


def test_unit_form_refuses_a_duplicate_code(client, auth, unit):
    auth.login("architect")
    with unchanged(models.Unit, models.ChangeLog):
        response = client.post("/inventory/units/new", data={
            "agency_id": str(unit.agency_id), "code": unit.code, "name": "Lain"})
    assert response.status_code == 422
    assert "sudah dipakai" in response.text


def test_admin_creates_a_user_and_the_password_policy_holds(client, auth, unit):
    auth.login("admin")
    with unchanged(models.User, models.ChangeLog):
        weak = client.post("/admin/users", data={"name": "B", "email": "b@uji.go.id",
                                                "role": "viewer", "password": "pendek"})
        operator = client.post("/admin/users", data={"name": "C", "email": "c@uji.go.id",
                                                    "role": "opd_operator",
                                                    "password": "panjang-sekali-1"})
    assert weak.status_code == 422
    assert "minimal 10 karakter" in weak.text
    assert operator.status_code == 422
    assert "wajib terikat" in operator.text
    ok = client.post("/admin/users", data={"name": "B", "email": "b@uji.go.id",
                                          "role": "viewer", "password": "panjang-sekali-1"})
    assert ok.status_code == 302


def test_account_page_creates_a_token_shown_once(client, auth):
    auth.login("viewer")
    page = client.post("/auth/account", data={"name": "skrip"}).text
    token = re.search(r"(spbe_[\w-]+)", page).group(1)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json[
        "role"] == "viewer"
    assert token not in client.get("/auth/account").text


def test_change_feed_page_lists_changes(client, auth, make_application):
    auth.login("reviewer")
    make_application(name="SIMDA")
    page = client.get("/changes/").text
    assert "SIMDA" in page
    assert "dibuat" in page


def test_forms_require_a_csrf_token_when_enabled(app, client, auth, unit):
    auth.login("architect")
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/inventory/units/new", data={
        "agency_id": str(unit.agency_id), "code": "X", "name": "Y"})
    assert response.status_code == 400
    assert _count(models.Unit) == 1


@pytest.mark.parametrize("size", [5, 50])
def test_list_page_runs_a_fixed_number_of_statements(client, auth, make_application,
                                                     count_queries, size):
    auth.login("viewer")
    for _ in range(60):
        make_application()
    with count_queries() as listing:
        assert client.get(f"/inventory/applications?per_page={size}").status_code == 200
    # user, inbox badges, count, page, agencies, unit choices, hosting choices
    assert len(listing) == 7, listing


def test_detail_page_statements_do_not_grow_with_links_reviews_or_history(
    client, auth, make_application, count_queries
):
    from registry.services import integrations, management

    auth.login("viewer")
    quiet, busy = make_application(), make_application()
    for n in range(12):
        partner = make_application()
        integrations.create_link({"provider_id": busy.id, "consumer_id": partner.id,
                                  "channel": "service_bus", "status": "active"}, actor=None)
        management.record_review(busy.id, {"reviewed_on": date(2025, 1, 1 + n),
                                           "reviewer": "Tim"}, actor=None)
    counts = []
    for app in (quiet, busy):
        with count_queries() as statements:
            assert client.get(f"/inventory/applications/{app.id}").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


def test_english_switch_translates_the_interface(client, auth):
    auth.login("viewer")
    client.get("/auth/language/en?next=/inventory/applications")
    page = client.get("/inventory/applications").text
    assert "Application inventory" in page
    assert 'lang="en"' in page


FORM_ERRORS = [
    ({"code": ""}, "Wajib diisi."),
    ({"code": "x" * 41}, "Paling banyak 40 karakter."),
    ({"name": "n" * 201}, "Paling banyak 200 karakter."),
    ({"owner_unit_id": "abc"}, "Harus berupa bilangan bulat."),
    ({"owner_unit_id": "99999"}, "OPD tidak dikenal."),
    ({"started_on": "31-12-2024"}, "Tanggal tidak sah"),
    ({"service_indicator": "99"}, "Harus antara 32 dan 47."),
    ({"kind": "lain"}, "Harus salah satu dari"),
    ({"hosting_id": "777"}, "Pusat data tidak dikenal."),
    ({"reference_code": "XYZ"}, "bukan kode referensi"),
]


@pytest.mark.parametrize(("change", "message"), FORM_ERRORS,
                         ids=[next(iter(c)) + str(i) for i, (c, _m) in enumerate(FORM_ERRORS)])
def test_application_form_names_each_bad_field(client, auth, unit, change, message):
    auth.login("architect")
    form = {"code": "OK1", "name": "Nama", "owner_unit_id": str(unit.id)} | change
    response = client.post("/inventory/applications/new", data=form)
    assert response.status_code == 422
    assert message in response.text
    assert _count(models.Application) == 0


def test_application_form_refuses_a_duplicate_code(client, auth, unit, make_application):
    auth.login("architect")
    make_application(code="DUP")
    with unchanged(models.Application, models.ChangeLog):
        response = client.post("/inventory/applications/new", data={
            "code": "DUP", "name": "Lain", "owner_unit_id": str(unit.id)})
    assert response.status_code == 422
    assert "sudah dipakai" in response.text

