"""Every route, every role: no 5xx anywhere, and a viewer writes nothing.

The routes are read from the app's URL map, so a new route is covered the day it is added.
"""

import re

import pytest
from sqlalchemy import func, select
from werkzeug.routing import IntegerConverter

from registry.extensions import db
from registry.services import demo

ROLES = {"admin": "admin@demo.go.id", "architect": "arsitek@demo.go.id",
         "reviewer": "reviewer@demo.go.id", "opd_operator": "operator@demo.go.id",
         "viewer": "viewer@demo.go.id"}
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
            for table in db.metadata.sorted_tables if table.name != "login_attempts"}


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
