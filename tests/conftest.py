"""Fixtures: the app on a fresh database (SQLite in memory, or REGISTRY_TEST_DATABASE_URL)."""

import os
import re
from datetime import date

import pytest
from flask import g
from flask.testing import FlaskClient
from sqlalchemy import event

from registry import create_app, models
from registry.extensions import db
from registry.services import inventory, organisation, users

EXTERNAL_DB = os.environ.get("REGISTRY_TEST_DATABASE_URL")
PASSWORD = "rahasia-uji-123"


def _test_config():
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": EXTERNAL_DB or "sqlite://",
        "WTF_CSRF_ENABLED": False,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # hashing cost is not under test
        # one test client signs in hundreds of times a minute; test_sign_in_throttle lowers these
        "REGISTRY_RATELIMIT_SIGN_IN": "100000 per minute",
        "REGISTRY_RATELIMIT_CATALOGUE": "100000 per minute",
    }


_schema_ready = False


@pytest.fixture
def app(tmp_path_factory):
    """Return an app on an empty database; the schema is built once for an external database.

    Evidence files and staged imports go to fresh folders of the test's own, never into
    instance/.
    """
    global _schema_ready
    app = create_app(_test_config()
                     | {"REGISTRY_EVIDENCE_DIR": str(tmp_path_factory.mktemp("evidence")),
                        "IMPORT_STAGING_DIR": str(tmp_path_factory.mktemp("staged"))})
    with app.app_context():
        if not EXTERNAL_DB:
            db.create_all()
        elif not _schema_ready:
            db.drop_all()
            db.create_all()
            _schema_ready = True
        yield app
        db.session.remove()
        if EXTERNAL_DB:
            _empty_all_tables()
        else:
            db.drop_all()
        db.engine.dispose()  # each test's app has its own pool; close it


def _empty_all_tables():
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(t.name for t in db.metadata.sorted_tables)
            conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        else:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())


class RequestScopedClient(FlaskClient):
    """A test client whose requests each start with no remembered user, as in production.

    The tests keep one app context open, so ``g`` (where Flask-Login caches the user) would
    otherwise outlive a request.
    """

    def open(self, *args, **kwargs):
        for key in ("_login_user", "token_auth"):
            g.pop(key, None)
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app):
    """Return a test client."""
    app.test_client_class = RequestScopedClient
    return app.test_client()


@pytest.fixture
def runner(app):
    """Return a CLI runner."""
    return app.test_cli_runner()


@pytest.fixture
def agency(app):
    """Return the province every test works in."""
    return organisation.create_agency(
        {"code": "CONTOHPROV", "name": "Pemerintah Provinsi Contoh", "kind": "provinsi",
         "zone": "contohprov.go.id"},
        actor=None,
    )


@pytest.fixture
def make_unit(agency):
    """Return a callable that creates an OPD through the service."""
    counter = iter(range(1, 10_000))

    def make(**overrides):
        n = next(counter)
        data = {"agency_id": agency.id, "code": f"OPD{n}", "name": f"Dinas Uji {n}",
                "acronym": f"DU{n}", "is_ict_unit": False} | overrides
        return organisation.create_unit(data, actor=None)

    return make


@pytest.fixture
def unit(make_unit):
    """Return one OPD."""
    return make_unit(code="DINKES", name="Dinas Kesehatan", acronym="Dinkes")


@pytest.fixture
def other_unit(make_unit):
    """Return a second OPD."""
    return make_unit(code="DISDIK", name="Dinas Pendidikan", acronym="Disdik")


@pytest.fixture
def make_application(unit):
    """Return a callable that creates an application through the service."""
    counter = iter(range(1, 100_000))

    def make(**overrides):
        n = next(counter)
        data = {"code": f"APP-{n:04d}", "name": f"Sistem Informasi Uji {n}",
                "owner_unit_id": unit.id, "kind": "khusus", "lifecycle": "production",
                "started_on": date(2024, 1, 1)} | overrides
        return inventory.create_application(data, actor=None)

    return make


@pytest.fixture
def make_user(unit):
    """Return a callable that creates a user of a role (an operator belongs to ``unit``)."""

    def make(role, **overrides):
        role = models.Role(role)
        data = {"email": f"{role.value}-{overrides.get('suffix', '')}@uji.go.id",
                "name": f"Pengguna {role.value}", "role": role, "password": PASSWORD,
                "unit_id": unit.id if role == models.Role.OPD_OPERATOR else None}
        data.update({k: v for k, v in overrides.items() if k != "suffix"})
        return users.create_user(data, actor=None)

    return make


class AuthActions:
    """Sign a test client in as a user of some role."""

    def __init__(self, client, make_user):
        self._client, self._make_user = client, make_user

    def login(self, role="admin", **overrides):
        """Create a user of ``role`` and sign in as it; return the user."""
        user = self._make_user(role, **overrides)
        response = self._client.post(
            "/auth/login", data={"email": user.email, "password": PASSWORD}
        )
        assert response.status_code == 302, response.text
        return user


@pytest.fixture
def auth(client, make_user):
    """Return the sign-in helper."""
    return AuthActions(client, make_user)


@pytest.fixture
def token_for(make_user):
    """Return a callable giving an API bearer header for a new user of a role."""

    def make(role, **overrides):
        user = make_user(role, **overrides)
        _row, token = users.create_token(user, "uji", actor=None)
        return {"Authorization": f"Bearer {token}"}

    return make


@pytest.fixture
def count_queries(app):
    """Return a context manager that counts the SQL statements run inside it."""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        statements = []

        def before(conn, cursor, statement, *args):
            if not re.match(r"\s*(SAVEPOINT|RELEASE|ROLLBACK)", statement):
                statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", before)
        try:
            yield statements
        finally:
            event.remove(db.engine, "before_cursor_execute", before)

    return counting
