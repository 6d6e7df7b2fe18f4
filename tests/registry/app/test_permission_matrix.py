"""Every route, every role: no 5xx anywhere, and a viewer writes nothing.

The routes are read from the app's URL map, so a new route is covered the day it is added.
Writes that touch another OPD are tried on each surface: an operator is sent to a request,
architects and admins write directly, and nobody decides their own request.
"""

import re
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select
from werkzeug.routing import IntegerConverter

from registry import models
from registry.extensions import db
from registry.services import demo, domains, integrations
from registry.services import requests as requests_service

ROLES = {"admin": "admin@demo.go.id", "architect": "arsitek@demo.go.id",
         "reviewer": "reviewer@demo.go.id", "opd_operator": "operator@demo.go.id",
         "viewer": "viewer@demo.go.id", "asesor": "asesor@demo.go.id"}
#: values for the text parts of paths (numbers are record ids: 1 exists in the demo)
TEXT_ARGS = {"area": "ict_assets", "code": "en", "kind": "data-centers", "fmt": "svg",
             "list_name": "applications", "key": "infrastructure", "filename": "registry.css"}
#: writes that are a viewer's own business: signing out, its language, tokens and inbox
PERSONAL = {"auth.logout", "auth.account", "auth.revoke_token", "requests.mark_read",
            "api_requests.NotificationsRead", "auth.login"}
SKIP = {"static", "bootstrap.static"}


@pytest.fixture
def landscape(app):
    demo.load_demo(apps=40, links=50)


def _path(rule):
    values = {}
    for name, converter in rule._converters.items():
        values[name] = 1 if isinstance(converter, IntegerConverter) else TEXT_ARGS[name]
    path = rule.rule
    for name, value in values.items():
        path = re.sub(rf"<(?:[a-z]+:)?{name}>", str(value), path)
    return path


def _routes(app, methods):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        if rule.endpoint in SKIP:
            continue
        for method in sorted(rule.methods & methods):
            yield rule, method, _path(rule)


def _sign_in(client, role):
    response = client.post("/auth/login", data={"email": ROLES[role],
                                                "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302, role


def _row_counts():
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables if table.name != "sign_in_throttles"}


@pytest.mark.parametrize("role", sorted(ROLES))
def test_no_page_fails_for_any_role(client, landscape, app, role):
    _sign_in(client, role)
    failures = []
    for rule, _method, path in _routes(app, {"GET"}):
        if rule.endpoint == "auth.set_language":
            continue
        status = client.get(path).status_code
        if status >= 500:
            failures.append((path, status))
    assert failures == []


@pytest.mark.parametrize("role", sorted(ROLES))
def test_no_write_fails_with_a_500_for_any_role(client, landscape, app, role):
    _sign_in(client, role)
    failures = []
    for rule, method, path in _routes(app, {"POST", "PUT", "PATCH", "DELETE"}):
        if rule.endpoint == "auth.logout":
            continue
        body = {"json": {}} if path.startswith("/api/") else {"data": {}}
        status = client.open(path, method=method, **body).status_code
        if status >= 500:
            failures.append((method, path, status))
    assert failures == []


def test_a_viewer_writes_nothing_anywhere(client, landscape, app):
    _sign_in(client, "viewer")
    before = _row_counts()
    wrote = []
    for rule, method, path in _routes(app, {"POST", "PUT", "PATCH", "DELETE"}):
        if rule.endpoint in PERSONAL:
            continue
        body = {"json": {"version": 1, "name": "x", "action": "approve", "reason": "x"}} \
            if path.startswith("/api/") else {"data": {"version": "1", "name": "x",
                                                       "action": "approve", "reason": "x"}}
        status = client.open(path, method=method, **body).status_code
        if status < 300 or _row_counts() != before:
            wrote.append((method, path, status))
            before = _row_counts()
    assert wrote == []


# -- cross-OPD writes: an operator asks, a maintainer writes (issue 17.6) -----------------------

#: the tables a cross-OPD write would change directly
WATCHED = ("applications", "integration_links", "domain_names")


def _demo_user(email):
    return db.session.scalar(select(models.User).where(models.User.email == email))


@pytest.fixture
def cross_opd(landscape):
    """Return the demo operator's records and another OPD's, set up for cross-OPD writes."""
    operator = _demo_user(ROLES["opd_operator"])
    app = models.Application
    live = select(app).where(app.lifecycle == "production").order_by(app.id)
    ours = db.session.scalars(live.where(app.owner_unit_id == operator.unit_id).limit(2)).all()
    theirs = db.session.scalars(live.where(app.owner_unit_id != operator.unit_id)
                                .limit(1)).one()
    assert len(ours) == 2

    def link(provider, consumer):
        return integrations.create_link({
            "provider_id": provider.id, "consumer_id": consumer.id, "channel": "file_transfer",
            "status": "active", "data_exchanged": f"Matriks {provider.id}-{consumer.id}"},
            actor=None)

    zone = operator.unit.agency.zone
    return SimpleNamespace(
        ours=ours, theirs=theirs, own_link=link(*ours), cross_link=link(theirs, ours[0]),
        own_domain=domains.create_domain({"fqdn": f"matriks.{zone}",
                                          "unit_id": operator.unit_id}, actor=None))


def _link_body(x, link, **change):
    values = {"provider_id": link.provider_id, "consumer_id": link.consumer_id,
              "channel": "file_transfer", "status": "active", "version": link.version}
    return values | change


def _domain_body(x):
    domain = x.own_domain
    return {"fqdn": domain.fqdn, "unit_id": domain.unit_id, "status": "active",
            "application_id": x.theirs.id, "version": domain.version}


def _new_application(x):
    return {"code": "MATRIKS-1", "name": "Aplikasi Matriks", "kind": "khusus",
            "lifecycle": "planned", "owner_unit_id": x.ours[0].owner_unit_id}


#: name -> (method, path, body): each touches another OPD, or adds an application directly
CROSS_OPD_WRITES = {
    "api: new link to another OPD": (
        "POST", lambda x: "/api/v1/integration-links",
        lambda x: {"provider_id": x.ours[0].id, "consumer_id": x.theirs.id,
                   "channel": "service_bus", "status": "active"}),
    "page: new link to another OPD": (
        "POST", lambda x: "/integrations/links/new",
        lambda x: {"provider_id": x.theirs.id, "consumer_id": x.ours[1].id,
                   "channel": "service_bus", "status": "active"}),
    "api: own link re-pointed": (
        "PATCH", lambda x: f"/api/v1/integration-links/{x.own_link.id}",
        lambda x: {"consumer_id": x.theirs.id, "version": x.own_link.version}),
    "page: own link re-pointed": (
        "POST", lambda x: f"/integrations/links/{x.own_link.id}/edit",
        lambda x: _link_body(x, x.own_link, consumer_id=x.theirs.id)),
    "api: cross-OPD link retired": (
        "PATCH", lambda x: f"/api/v1/integration-links/{x.cross_link.id}",
        lambda x: {"status": "retired", "version": x.cross_link.version}),
    "page: cross-OPD link retired": (
        "POST", lambda x: f"/integrations/links/{x.cross_link.id}/edit",
        lambda x: _link_body(x, x.cross_link, status="retired")),
    "api: own domain on another OPD's application": (
        "PATCH", lambda x: f"/api/v1/domains/{x.own_domain.id}", _domain_body),
    "page: own domain on another OPD's application": (
        "POST", lambda x: f"/domains/{x.own_domain.id}/edit", _domain_body),
    "api: new application directly": (
        "POST", lambda x: "/api/v1/applications", _new_application),
    "page: new application directly": (
        "POST", lambda x: "/inventory/applications/new", _new_application),
}


def _fingerprint():
    """Return every watched row's id and version: any direct write shows here."""
    return {name: db.session.execute(select(table.c.id, table.c.version)
                                     .order_by(table.c.id)).all()
            for name, table in db.metadata.tables.items() if name in WATCHED}


def _send(client, method, path, body):
    payload = {"json": body} if path.startswith("/api/") else {"data": body}
    return client.open(path, method=method, **payload)


@pytest.mark.parametrize("case", sorted(CROSS_OPD_WRITES))
@pytest.mark.parametrize("role", ["opd_operator", "architect", "admin"])
def test_cross_opd_writes_need_a_request_for_an_operator_only(client, cross_opd, role, case):
    method, path, body = CROSS_OPD_WRITES[case]
    _sign_in(client, role)
    before = _fingerprint()
    response = _send(client, method, path(cross_opd), body(cross_opd))
    if role == "opd_operator":
        assert response.status_code == 403, (case, response.status_code)
        assert _fingerprint() == before, case
    else:
        assert response.status_code < 400, (case, response.status_code, response.text[:300])
        assert _fingerprint() != before, case


@pytest.mark.parametrize("surface", ["api", "page"])
@pytest.mark.parametrize("role", ["architect", "admin"])
def test_nobody_decides_their_own_request(client, landscape, role, surface):
    maker = _demo_user(ROLES[role])
    unit_id = _demo_user(ROLES["opd_operator"]).unit_id
    req = requests_service.create_request("application", {
        "unit_id": unit_id, "name": "Aplikasi Empat Mata", "purpose": "Uji maker-checker"},
        actor=maker)
    requests_service.transition(req.id, "submit", actor=maker, justification="Tetap perlu")
    _sign_in(client, role)
    path, body = (f"/api/v1/requests/{req.id}/transitions", {"action": "approve"}) \
        if surface == "api" else (f"/requests/{req.id}/transition", {"action": "approve"})
    response = _send(client, "POST", path, body)
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(models.Request, req.id).state.value == "submitted"


#: the asesor's own writes (issue 20): the external levels of a sent assessment's indicator
ASESOR_WRITES = {"assessments.record_external", "api_assessments.IndicatorExternal"}


def test_an_asesor_writes_nothing_but_the_external_levels(client, landscape, app):
    _sign_in(client, "asesor")
    before = _row_counts()
    wrote = []
    for rule, method, path in _routes(app, {"POST", "PUT", "PATCH", "DELETE"}):
        if rule.endpoint in PERSONAL | ASESOR_WRITES:
            continue
        body = {"json": {"version": 1, "name": "x", "action": "fill", "reason": "x"}} \
            if path.startswith("/api/") else {"data": {"version": "1", "name": "x",
                                                       "action": "fill", "reason": "x"}}
        status = client.open(path, method=method, **body).status_code
        if status < 300 or _row_counts() != before:
            wrote.append((method, path, status))
            before = _row_counts()
    assert wrote == []
