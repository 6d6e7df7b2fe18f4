"""The migrations build, from empty, exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from registry.extensions import db
from registry.models.text_match import in_declared_schema


def test_migrations_from_empty_build_the_models_schema(app):
    db.drop_all()
    try:
        upgrade()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": in_declared_schema})
            diff = compare_metadata(context, db.metadata)
        assert diff == []
        assert {"applications", "integration_links", "change_log", "users"} <= set(
            inspect(db.engine).get_table_names()
        )
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    finally:
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        db.drop_all()
        db.create_all()


def test_migration_0011_keeps_every_assessment_of_the_last_release(app):
    """An assessment stored before the Indeks Pemdi keeps 59/2020 and every score."""
    db.drop_all()
    try:
        upgrade(revision="0010")
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO agencies (id, code, name, kind, created_at, updated_at)"
                " VALUES (1, 'LAMA', 'Provinsi Lama', 'provinsi', CURRENT_TIMESTAMP,"
                " CURRENT_TIMESTAMP)")
            conn.exec_driver_sql(
                "INSERT INTO assessments (id, agency_id, year, instrument_id, status, version,"
                " created_at, updated_at) VALUES (1, 1, 2025, 'permenpanrb-59-2020', 'final', 1,"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
            for number in range(1, 48):
                conn.exec_driver_sql(
                    "INSERT INTO indicator_scores (assessment_id, indicator, computed_level,"
                    " entered_level, evidence, version, created_at, updated_at) VALUES"
                    f" (1, {number}, 2, {3 if number == 18 else 'NULL'}, '[]', 1,"
                    " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
        upgrade()
        with db.engine.connect() as conn:
            kept = conn.exec_driver_sql(
                "SELECT instrument_id, status FROM assessments").all()
            scores = conn.exec_driver_sql(
                "SELECT indicator, entered_level, to_reassess, source_name FROM indicator_scores"
                " ORDER BY indicator").all()
        assert [tuple(row) for row in kept] == [("permenpanrb-59-2020", "final")]
        assert len(scores) == 47
        assert scores[17][:2] == (18, 3)
        assert all(not row[2] and row[3] is None for row in scores)
    finally:
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        db.drop_all()
        db.create_all()


def _agency_and_unit(conn):
    conn.exec_driver_sql(
        "INSERT INTO agencies (id, code, name, kind, created_at, updated_at) VALUES"
        " (1, 'LAMA', 'Provinsi Lama', 'provinsi', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
    conn.exec_driver_sql(
        "INSERT INTO units (id, agency_id, code, name, is_ict_unit, version, created_at,"
        " updated_at) VALUES (1, 1, 'DINKES', 'Dinas Kesehatan', false, 1,"
        " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")


def test_migration_0012_reports_codes_that_clash_by_case_and_then_enforces_them(app,
                                                                                 monkeypatch):
    """Issue 17.8: unique whatever the case, as a constraint of both databases."""
    import pytest
    from sqlalchemy.exc import IntegrityError

    db.drop_all()
    try:
        upgrade(revision="0011")
        with db.engine.begin() as conn:
            _agency_and_unit(conn)
            conn.exec_driver_sql(
                "INSERT INTO units (id, agency_id, code, name, is_ict_unit, version, created_at,"
                " updated_at) VALUES (2, 1, 'dinkes', 'Kembar', false, 1, CURRENT_TIMESTAMP,"
                " CURRENT_TIMESTAMP)")
        import flask_migrate

        reported = []
        monkeypatch.setattr(flask_migrate.log, "error", reported.append)
        with pytest.raises(SystemExit):  # Flask-Migrate logs the error and exits
            upgrade()
        assert "units: kode 'dinkes' dipakai 2 kali" in " ".join(reported)
        with db.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE units SET code = 'DINKES-2' WHERE id = 2")
        upgrade()
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO units (id, agency_id, code, name, is_ict_unit, version, created_at,"
                " updated_at) VALUES (3, 1, 'Dinkes', 'Kembar lagi', false, 1,"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
    finally:
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        db.drop_all()
        db.create_all()
