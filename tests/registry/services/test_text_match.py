"""ci_like: case-insensitive LIKE in each database's own form."""

import pytest
from sqlalchemy import column, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import default

from registry import models
from registry.extensions import db
from registry.models.text_match import ci_like


@pytest.mark.parametrize(("dialect", "start"), [
    (sqlite.dialect(), "name LIKE ?"),  # SQLite's LIKE ignores ASCII case; lower() is slower
    (postgresql.dialect(), "name ILIKE %(ci_like_1)s"),
    (default.DefaultDialect(), "lower(name) LIKE lower(:ci_like_1)"),
])
def test_each_database_gets_its_own_case_insensitive_like(dialect, start):
    assert str(ci_like(column("name"), "%x%").compile(dialect=dialect)).startswith(start)


def test_it_ignores_case_on_the_test_database(make_application):
    make_application(name="Sistem Informasi Kepegawaian")
    make_application(name="Portal Pariwisata")
    found = db.session.scalars(select(models.Application.name).where(
        ci_like(models.Application.name, "%KEPEGAWAIAN%"))).all()
    assert found == ["Sistem Informasi Kepegawaian"]
