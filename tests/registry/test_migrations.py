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
