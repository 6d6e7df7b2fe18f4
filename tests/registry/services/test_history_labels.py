"""Issue 19.4 in the services: every logged column has a label or is bookkeeping."""


from registry.extensions import db
from registry.labels import LABELS
from registry.services import (
    changelog,
)
from registry.services.history_view import HIDDEN, UNLOGGED


def test_every_logged_column_has_a_label_or_is_bookkeeping():
    unlabelled = {}
    for mapper in db.Model.registry.mappers:
        table = mapper.local_table.name
        if table in UNLOGGED:
            continue
        for attr in mapper.column_attrs:
            key = attr.key
            if key in changelog._NOISE or key in ("password_hash", "session_generation"):
                continue
            if key not in HIDDEN and key not in LABELS["field"]:
                unlabelled.setdefault(table, []).append(key)
    assert unlabelled == {}
