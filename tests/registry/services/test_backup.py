"""Backup and restore through the service: the reader, refusals and who may do it."""

import io
import json

import pytest
from sqlalchemy import select

from registry import models
from registry.errors import ConflictError
from registry.extensions import db
from registry.services import backup, organisation
from tests.registry.builders import total_rows, wipe_schema


def test_the_header_must_come_before_the_tables(small_backup):
    document = json.loads(small_backup)
    reordered = json.dumps({"tables": document.pop("tables")} | document)
    with pytest.raises(backup.BackupFormatError, match="sebelum \"tables\""):
        backup.restore(io.StringIO(reordered))
    assert total_rows() == 0


def test_restore_reads_a_parsed_document_and_a_binary_stream_alike(small_backup):
    counts = backup.restore(json.loads(small_backup))
    assert counts["units"] == 3
    assert counts["agencies"] == 1
    again = io.StringIO()
    backup.export_all(again)
    assert again.getvalue() == small_backup
    wipe_schema()
    backup.restore(io.BytesIO(small_backup.encode()))
    assert backup.table_counts()["units"] == 3


def test_the_reader_copes_with_rows_split_across_chunks(small_backup, monkeypatch):
    monkeypatch.setattr(backup._JsonReader, "CHUNK", 7)
    backup.restore(io.BytesIO(small_backup.replace("Unit 1", "Unit ünï 1").encode()))
    assert db.session.scalar(select(models.Unit.name).where(models.Unit.code == "U1")) == \
        "Unit ünï 1"


def test_a_non_empty_database_is_refused_by_the_service_with_its_tables(small_backup):
    organisation.create_agency({"code": "LAIN", "name": "Lain", "kind": "kota"}, actor=None)
    with pytest.raises(ConflictError) as caught:
        backup.restore(io.StringIO(small_backup))
    assert caught.value.errors == {"tables": {"agencies": 1, "change_log": 1}}
    assert "agencies (1), change_log (1)" in caught.value.message


def test_only_an_admin_may_export_or_restore(small_backup, make_user):
    from registry.errors import PermissionDeniedError

    architect = make_user("architect")
    with pytest.raises(PermissionDeniedError):
        backup.export_all(io.StringIO(), actor=architect)
    with pytest.raises(PermissionDeniedError):
        backup.restore(io.StringIO(small_backup), actor=architect)


def test_restore_refuses_a_database_migrated_to_another_revision(small_backup):
    from sqlalchemy import text

    with db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
        conn.execute(text("INSERT INTO alembic_version VALUES ('0001')"))
    try:
        with pytest.raises(ConflictError, match="revisi skema 0001.*flask db upgrade"):
            backup.restore(io.StringIO(small_backup))
        assert total_rows() == 0
    finally:
        db.session.remove()
        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE alembic_version"))
