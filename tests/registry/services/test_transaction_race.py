"""Issue 17.12: a write that loses a race on a unique constraint is a 409, not a 500."""

import pytest

from registry import models
from registry.errors import ConflictError
from registry.extensions import db
from registry.services._tx import transaction


def test_a_constraint_lost_to_another_writer_is_a_conflict(agency):
    with pytest.raises(ConflictError) as error, transaction():
        # what a second approval does when the first one has just created the record
        db.session.add(models.Agency(code=agency.code, name="Kembar", kind="provinsi"))
    assert "Orang lain" in error.value.message
    assert db.session.get(models.Agency, agency.id) is not None  # the session is usable
