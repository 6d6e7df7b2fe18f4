"""Issue 17.7: sessions end when they should (logout, deactivation, idle time, a new password),
and admins manage accounts on a page and from the command line.
"""

import time

import pytest

from registry import models
from registry.extensions import db
from registry.services import users
from tests.conftest import PASSWORD, RequestScopedClient


def _sign_in(app, user, password=PASSWORD):
    """Return a new client (another browser) signed in as ``user``."""
    app.test_client_class = RequestScopedClient
    browser = app.test_client()
    response = browser.post("/auth/login", data={"email": user.email, "password": password})
    assert response.status_code == 302, response.text
    return browser


def _is_signed_in(browser):
    return browser.get("/inventory/applications").status_code == 200


def _session_cookie(browser):
    return browser.get_cookie("session").value


def test_a_session_cookie_saved_before_logout_is_dead_after_it(app, make_user):
    user = make_user("viewer")
    browser = _sign_in(app, user)
    saved = _session_cookie(browser)
    assert browser.post("/auth/logout").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", saved)
    response = thief.get("/inventory/applications")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_logout_ends_every_session_of_that_user(app, make_user):
    user = make_user("viewer")
    office, phone = _sign_in(app, user), _sign_in(app, user)
    assert _is_signed_in(phone)
    office.post("/auth/logout")
    assert not _is_signed_in(phone)


def test_an_idle_session_expires(app, make_user):
    user = make_user("viewer")
    browser = _sign_in(app, user)
    idle = app.config["REGISTRY_SESSION_IDLE_MINUTES"]
    assert idle == 8 * 60
    with browser.session_transaction() as session:
        session["seen"] = int(time.time()) - idle * 60 - 5
    response = browser.get("/inventory/applications")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
    page = browser.get(response.headers["Location"])
    assert "tidak aktif" in page.text


def test_an_active_session_stays(app, make_user):
    user = make_user("viewer")
    browser = _sign_in(app, user)
    with browser.session_transaction() as session:
        session["seen"] = int(time.time()) - 60
    assert _is_signed_in(browser)


def test_a_deactivated_user_loses_sessions_and_tokens(app, client, auth, make_user):
    viewer = make_user("viewer")
    browser = _sign_in(app, viewer)
    _row, token = users.create_token(viewer, "skrip", actor=None)
    auth.login("admin")
    response = client.post(f"/admin/users/{viewer.id}/active", data={"active": "0"})
    assert response.status_code == 302
    assert not _is_signed_in(browser)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}
                      ).status_code == 401
    refused = app.test_client().post("/auth/login", data={"email": viewer.email,
                                                          "password": PASSWORD})
    assert refused.status_code == 401
    assert "dinonaktifkan" in client.get("/admin/users").text


def test_an_admin_changes_a_role_and_the_unit_rule_holds(client, auth, make_user, unit):
    viewer = make_user("viewer")
    auth.login("admin")
    missing = client.post(f"/admin/users/{viewer.id}/role", data={"role": "opd_operator"})
    assert missing.status_code == 422
    assert "Operator OPD wajib terikat" in missing.text
    done = client.post(f"/admin/users/{viewer.id}/role",
                       data={"role": "opd_operator", "unit_id": str(unit.id)})
    assert done.status_code == 302
    db.session.expire_all()
    changed = db.session.get(models.User, viewer.id)
    assert changed.role == models.Role.OPD_OPERATOR
    assert changed.unit_id == unit.id


def test_the_last_admin_cannot_lock_everyone_out(client, auth):
    admin = auth.login("admin")
    demoted = client.post(f"/admin/users/{admin.id}/role", data={"role": "viewer"})
    assert demoted.status_code == 409
    assert "admin" in demoted.text.lower()
    closed = client.post(f"/admin/users/{admin.id}/active", data={"active": "0"})
    assert closed.status_code == 409
    db.session.expire_all()
    assert db.session.get(models.User, admin.id).active


def test_a_temporary_password_must_be_changed_at_the_next_sign_in(app, client, auth, make_user):
    viewer = make_user("viewer")
    browser = _sign_in(app, viewer)
    auth.login("admin")
    response = client.post(f"/admin/users/{viewer.id}/password")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    temporary = response.text.split('data-temporary-password="')[1].split('"')[0]
    assert len(temporary) >= 12
    assert not _is_signed_in(browser)  # the old sessions end with the old password
    assert app.test_client().post("/auth/login", data={"email": viewer.email,
                                                       "password": PASSWORD}).status_code == 401
    fresh = _sign_in(app, viewer, temporary)
    sent = fresh.get("/inventory/applications")
    assert sent.status_code == 302
    assert "/auth/password" in sent.headers["Location"]
    assert fresh.get("/api/v1/me").status_code == 403
    changed = fresh.post("/auth/password", data={
        "current_password": temporary, "new_password": "Kopi7Tubruk!", "repeat": "Kopi7Tubruk!"})
    assert changed.status_code == 302
    assert _is_signed_in(fresh)


@pytest.mark.parametrize(("form", "field"), [
    ({"current_password": "salah-salah-9", "new_password": "Kopi7Tubruk!",
      "repeat": "Kopi7Tubruk!"}, "current_password"),
    ({"current_password": PASSWORD, "new_password": "aaaaaaaaa1", "repeat": "aaaaaaaaa1"},
     "new_password"),
    ({"current_password": PASSWORD, "new_password": "Kopi7Tubruk!", "repeat": "Kopi7Tubruk?"},
     "repeat"),
    ({"current_password": PASSWORD, "new_password": PASSWORD, "repeat": PASSWORD},
     "new_password"),
])
def test_changing_ones_password_names_what_is_wrong(client, auth, form, field):
    auth.login("viewer")
    response = client.post("/auth/password", data=form)
    assert response.status_code == 422
    assert f'class="form-control is-invalid" id="f-{field}"' in response.text


def test_changing_ones_password_ends_the_other_sessions_only(app, client, auth):
    user = auth.login("viewer")
    other = _sign_in(app, user)
    response = client.post("/auth/password", data={
        "current_password": PASSWORD, "new_password": "Kopi7Tubruk!", "repeat": "Kopi7Tubruk!"})
    assert response.status_code == 302
    assert _is_signed_in(client)
    assert not _is_signed_in(other)
    _sign_in(app, user, "Kopi7Tubruk!")


def test_account_writes_are_logged_without_secrets(client, auth, make_user):
    viewer = make_user("viewer")
    auth.login("admin")
    client.post(f"/admin/users/{viewer.id}/active", data={"active": "0"})
    client.post(f"/admin/users/{viewer.id}/password")
    entries = db.session.scalars(db.select(models.ChangeLog).where(
        models.ChangeLog.object_type == "users", models.ChangeLog.object_id == viewer.id)).all()
    text = repr([(e.before, e.after) for e in entries])
    assert "active" in text
    assert "password_hash" not in text
    assert "pbkdf2" not in text


@pytest.mark.parametrize("role", ["viewer", "architect", "reviewer", "opd_operator"])
def test_only_admins_manage_accounts(client, auth, make_user, role):
    target = make_user("viewer", suffix="target")
    auth.login(role)
    for path, data in ((f"/admin/users/{target.id}/active", {"active": "0"}),
                       (f"/admin/users/{target.id}/role", {"role": "admin"}),
                       (f"/admin/users/{target.id}/password", {})):
        assert client.post(path, data=data).status_code == 403
    db.session.expire_all()
    assert db.session.get(models.User, target.id).active


def test_the_cli_deactivates_changes_roles_and_sets_passwords(runner, make_user, unit):
    viewer = make_user("viewer")
    result = runner.invoke(args=["user", "role", viewer.email, "opd_operator",
                                 "--unit", unit.code])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["user", "password", viewer.email.upper()])
    assert result.exit_code == 0, result.output
    temporary = result.output.strip().splitlines()[-1]
    assert users.authenticate(viewer.email, temporary) is not None
    result = runner.invoke(args=["user", "deactivate", viewer.email])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    changed = db.session.get(models.User, viewer.id)
    assert not changed.active
    assert changed.role == models.Role.OPD_OPERATOR
    assert changed.must_change_password
    missing = runner.invoke(args=["user", "deactivate", "tidak-ada@uji.go.id"])
    assert missing.exit_code != 0
    assert "tidak ditemukan" in missing.output
    result = runner.invoke(args=["user", "activate", viewer.email])
    assert result.exit_code == 0
    assert db.session.get(models.User, viewer.id).active
