"""Indeks Pemdi: source of externally computed values, levels to reassess; data centre SOP

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 18:00:00

Existing assessments keep their instrument (``instrument_id``, PermenPANRB 59/2020): nothing
is rewritten, only columns are added.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('indicator_scores', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('source_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('to_reassess', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('data_centers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sop_ref', sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table('data_centers', schema=None) as batch_op:
        batch_op.drop_column('sop_ref')
    with op.batch_alter_table('indicator_scores', schema=None) as batch_op:
        batch_op.drop_column('to_reassess')
        batch_op.drop_column('source_date')
        batch_op.drop_column('source_name')
