"""The no-write check of builders.py: it sees an insert, an update and a delete, not a read."""

import pytest

from registry import models
from registry.extensions import db
from tests.registry.builders import unchanged


def _insert(make_application, app):
    make_application(code="LAIN", name="Lain")


def _update(make_application, app):
    app.name = "Nama Baru"
    db.session.commit()


def _delete(make_application, app):
    db.session.delete(app)
    db.session.commit()


def test_unchanged_passes_over_a_read(make_application):
    app = make_application()
    with unchanged(models.Application):
        db.session.get(models.Application, app.id)


@pytest.mark.parametrize("write", [_insert, _update, _delete])
def test_unchanged_fails_on_any_write(make_application, write):
    app = make_application()
    check = unchanged(models.Application)
    check.__enter__()
    write(make_application, app)
    with pytest.raises(AssertionError, match="Application changed"):
        check.__exit__(None, None, None)
