"""codes unique whatever their case

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 19:40:00

``APP-0001`` and ``app-0001`` are one code: a unique index on ``lower(code)`` (per agency where
codes are per agency), on SQLite and PostgreSQL alike. The models do not declare these
expression indexes (tests/registry/app/test_migrations.py leaves ``*_code_nocase`` out of the
comparison); the services check the same rule first and answer with the field's message.

Codes that already clash are reported, table by table, and nothing is changed: rename one of
each pair, then run the upgrade again.
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

#: table -> the columns that scope its codes
TABLES = {
    "agencies": (),
    "units": ("agency_id",),
    "applications": ("agency_id",),
    "data_centers": ("agency_id",),
    "networks": ("agency_id",),
    "service_buses": ("agency_id",),
    "initiatives": ("agency_id",),
    "reference_entries": ("agency_id",),
}


def _clashes(bind, table, scope):
    columns = ", ".join((*scope, "lower(code)"))
    rows = bind.execute(sa.text(
        f"SELECT {columns}, count(*) FROM {table} GROUP BY {columns} HAVING count(*) > 1"
    )).all()
    return [f"{table}: kode {row[-2]!r} dipakai {row[-1]} kali"
            + (f" (instansi #{row[0]})" if scope else "") for row in rows]


def upgrade():
    bind = op.get_bind()
    problems = [p for table, scope in TABLES.items() for p in _clashes(bind, table, scope)]
    if problems:
        raise RuntimeError("Kode yang hanya berbeda huruf besar/kecil harus dibedakan dulu: "
                           + "; ".join(problems) + ".")
    for table, scope in TABLES.items():
        columns = ", ".join((*scope, "lower(code)"))
        op.execute(f"CREATE UNIQUE INDEX ix_{table}_code_nocase ON {table} ({columns})")


def downgrade():
    for table in TABLES:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_code_nocase")
