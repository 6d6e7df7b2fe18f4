"""The application API: shapes, errors named by field, roles, tokens and stale edits."""

import pytest
from sqlalchemy import func, select

from registry import models
from registry.extensions import db
from tests.registry.builders import snapshot, unchanged

URL = "/api/v1/applications"


def _body(unit, **overrides):
    return {"code": "EKIN", "name": "e-Kinerja", "owner_unit_id": unit.id} | overrides


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_anonymous_request_gets_401_json(client):
    response = client.get(URL)
    assert response.status_code == 401
    assert "errors" in response.json


def test_revoked_or_unknown_token_is_refused(client, make_user):
    from registry.services import users

    user = make_user("architect")
    row, token = users.create_token(user, "t", actor=None)
    assert client.get(URL, headers={"Authorization": f"Bearer {token}"}).status_code == 200
    users.revoke_token(row.id, actor=user)
    assert client.get(URL, headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert client.get(URL, headers={"Authorization": "Bearer nope"}).status_code == 401


def test_token_is_stored_only_as_a_hash(make_user):
    from registry.services import users

    _row, token = users.create_token(make_user("viewer"), "t", actor=None)
    stored = db.session.scalars(select(models.ApiToken.token_hash)).all()
    assert token not in stored
    assert len(stored[0]) == 64


def test_create_returns_201_with_the_derived_fields(client, unit, token_for):
    response = client.post(URL, json=_body(unit, reference_code="raa.2.2"),
                           headers=token_for("architect"))
    assert response.status_code == 201, response.json
    body = response.json
    assert body["owner_unit"] == {"id": unit.id, "code": "DINKES", "name": "Dinas Kesehatan"}
    assert body["reference_code"] == "RAA.02.02"
    assert body["integrated"] is False
    assert body["version"] == 1


BAD_FIELDS = [
    ({"name": None}, "name"),
    ({"code": ""}, "code"),
    ({"code": "x" * 41}, "code"),
    ({"code": "bad code!"}, "code"),
    ({"name": "n" * 201}, "name"),
    ({"owner_unit_id": "satu"}, "owner_unit_id"),
    ({"owner_unit_id": 99999}, "owner_unit_id"),
    ({"kind": "lain"}, "kind"),
    ({"lifecycle": "dead"}, "lifecycle"),
    ({"started_on": "kemarin"}, "started_on"),
    ({"url": "bukan url"}, "url"),
    ({"service_indicator": 12}, "service_indicator"),
    ({"ict_controlled": "mungkin"}, "ict_controlled"),
    ({"hosting_id": 424242}, "hosting_id"),
    ({"reference_code": "XYZ.1"}, "reference_code"),
    ({"surprise": 1}, "surprise"),
]


@pytest.mark.parametrize(("change", "field"), BAD_FIELDS, ids=[f for _c, f in BAD_FIELDS])
def test_bad_input_is_a_422_naming_the_field_and_writes_nothing(
    client, unit, token_for, change, field
):
    headers = token_for("architect")
    before = (_count(models.Application), _count(models.ChangeLog))
    response = client.post(URL, json=_body(unit) | change, headers=headers)
    assert response.status_code == 422
    assert field in response.json["errors"], response.json
    assert all(isinstance(m, str) and m for m in response.json["errors"][field])
    assert (_count(models.Application), _count(models.ChangeLog)) == before


def test_missing_required_fields_are_each_named(client, token_for):
    headers = token_for("architect")
    with unchanged(models.Application, models.ChangeLog):
        response = client.post(URL, json={}, headers=headers)
    assert response.status_code == 422
    assert {"code", "name", "owner_unit_id"} <= set(response.json["errors"])
    assert response.json["errors"]["name"] == ["Wajib diisi."]


def test_error_messages_follow_the_requested_language(client, token_for):
    response = client.post(URL, json={}, headers=token_for("architect") | {
        "Accept-Language": "en"})
    assert response.json["errors"]["name"] == ["Required."]


def test_duplicate_code_is_a_422_on_code(client, unit, token_for):
    headers = token_for("architect")
    assert client.post(URL, json=_body(unit), headers=headers).status_code == 201
    with unchanged(models.Application, models.ChangeLog):
        response = client.post(URL, json=_body(unit, name="Lain"), headers=headers)
    assert response.status_code == 422
    assert "code" in response.json["errors"]


def test_patch_with_a_stale_version_is_409_and_changes_nothing(client, make_application,
                                                                token_for):
    app = make_application(name="Asli")
    headers = token_for("architect")
    ok = client.patch(f"{URL}/{app.id}", json={"name": "Pertama", "version": 1}, headers=headers)
    assert ok.status_code == 200
    assert ok.json["version"] == 2
    with unchanged(models.Application, models.ChangeLog):
        stale = client.patch(f"{URL}/{app.id}", json={"name": "Kedua", "version": 1},
                             headers=headers)
    assert stale.status_code == 409
    assert "version" in stale.json["errors"]
    assert client.get(f"{URL}/{app.id}", headers=headers).json["name"] == "Pertama"


def test_patch_requires_the_version(client, make_application, token_for):
    app = make_application()
    headers = token_for("admin")
    with unchanged(models.Application, models.ChangeLog):
        response = client.patch(f"{URL}/{app.id}", json={"name": "x"}, headers=headers)
    assert response.status_code == 422
    assert "version" in response.json["errors"]


def test_unknown_application_is_404_json(client, token_for):
    response = client.get(f"{URL}/4040", headers=token_for("viewer"))
    assert response.status_code == 404
    assert "errors" in response.json


WRITE_ROLES = {
    "admin": True, "architect": True, "reviewer": False, "viewer": False, "opd_operator": True,
}


# an operator proposes a new application with a request instead (issue 17.6)
@pytest.mark.parametrize(("role", "allowed"), {**WRITE_ROLES, "opd_operator": False}.items())
def test_create_by_role(client, unit, token_for, role, allowed):
    headers = token_for(role)
    before = snapshot(models.Application, models.ChangeLog)
    response = client.post(URL, json=_body(unit), headers=headers)
    assert response.status_code == (201 if allowed else 403)
    if not allowed:
        assert snapshot(models.Application, models.ChangeLog) == before


@pytest.mark.parametrize(("role", "allowed"), WRITE_ROLES.items())
def test_patch_by_role(client, make_application, token_for, role, allowed):
    app = make_application()
    headers = token_for(role)
    before = snapshot(models.Application, models.ChangeLog)
    response = client.patch(f"{URL}/{app.id}", json={"name": "x", "version": 1},
                            headers=headers)
    assert response.status_code == (200 if allowed else 403)
    if not allowed:
        assert snapshot(models.Application, models.ChangeLog) == before


@pytest.mark.parametrize(("role", "allowed"), WRITE_ROLES.items())
def test_retire_by_role(client, make_application, token_for, role, allowed):
    app = make_application()
    headers = token_for(role)
    before = snapshot(models.Application, models.ChangeLog)
    response = client.post(f"{URL}/{app.id}/retire", json={}, headers=headers)
    assert response.status_code == (200 if allowed else 403)
    if not allowed:
        assert snapshot(models.Application, models.ChangeLog) == before


@pytest.mark.parametrize(("role", "allowed"), {**WRITE_ROLES, "opd_operator": False}.items())
def test_delete_by_role(client, make_application, token_for, role, allowed):
    app = make_application()
    headers = token_for(role)
    before = snapshot(models.Application, models.ChangeLog)
    response = client.delete(f"{URL}/{app.id}", headers=headers)
    assert response.status_code == (204 if allowed else 403)
    if not allowed:
        assert snapshot(models.Application, models.ChangeLog) == before


def test_operator_may_not_write_another_units_application(client, make_application,
                                                          other_unit, token_for):
    theirs = make_application(owner_unit_id=other_unit.id)
    headers = token_for("opd_operator")
    with unchanged(models.Application, models.ChangeLog):
        patch = client.patch(f"{URL}/{theirs.id}", json={"name": "x", "version": 1},
                             headers=headers)
        create = client.post(URL, json=_body(other_unit), headers=headers)
    assert (patch.status_code, create.status_code) == (403, 403)


def test_session_write_without_csrf_token_is_refused(app, client, unit, auth):
    auth.login("architect")
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(URL, json=_body(unit))
    assert response.status_code == 400
    assert _count(models.Application) == 0


def test_history_lists_create_and_update(client, make_application, token_for):
    app = make_application()
    headers = token_for("architect")
    client.patch(f"{URL}/{app.id}", json={"name": "Baru", "version": 1}, headers=headers)
    history = client.get(f"{URL}/{app.id}/history", headers=headers).json
    assert [h["action"] for h in history] == ["update", "create"]
    assert history[0]["changed_fields"] == ["name"]


def test_change_feed_lists_recent_changes(client, make_application, token_for):
    make_application()
    feed = client.get("/api/v1/changes?object_type=applications", headers=token_for("viewer"))
    assert feed.status_code == 200
    assert feed.json["total"] == 1
    assert feed.json["items"][0]["action"] == "create"


def test_list_filters_and_pages(client, make_application, token_for):
    for n in range(5):
        make_application(name=f"Aplikasi {n}", kind="umum" if n % 2 else "khusus")
    headers = token_for("viewer")
    body = client.get(f"{URL}?kind=umum&per_page=1&page=2&sort=-name", headers=headers).json
    assert body["total"] == 2
    assert body["page"] == 2
    assert [i["name"] for i in body["items"]] == ["Aplikasi 1"]


def test_bad_query_argument_is_422_naming_it(client, token_for):
    response = client.get(f"{URL}?per_page=5000", headers=token_for("viewer"))
    assert response.status_code == 422
    assert "per_page" in response.json["errors"]


@pytest.mark.parametrize("size", [5, 50])
def test_list_runs_a_fixed_number_of_statements(client, make_application, token_for,
                                                count_queries, size):
    for _ in range(60):
        make_application()
    headers = token_for("viewer")
    with count_queries() as statements:
        response = client.get(f"{URL}?per_page={size}", headers=headers)
    assert len(response.json["items"]) == size
    # user + token lookups, the count, the page: the same whatever the size
    assert len(statements) == 4, statements


def test_openapi_document_is_served_with_the_bearer_scheme(client, token_for):
    spec = client.get("/api/openapi.json", headers=token_for("viewer")).json
    assert "/api/v1/applications" in spec["paths"]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_a_token_names_the_user_even_beside_a_session_cookie(app, client, unit, auth, token_for):
    auth.login("viewer")
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(URL, json=_body(unit), headers=token_for("architect"))
    assert response.status_code == 201  # the architect's token, no CSRF token needed
    assert client.post(URL, json=_body(unit, code="X2")).status_code == 400  # the session
