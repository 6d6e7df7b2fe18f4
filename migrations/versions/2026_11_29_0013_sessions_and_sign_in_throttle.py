"""sessions end on logout (a per-user generation), temporary passwords, an atomic sign-in throttle

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29 21:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_generation', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(),
                                      server_default=sa.false(), nullable=False))
    op.create_table('sign_in_throttles',
    sa.Column('key', sa.String(length=320), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('next_allowed_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_sign_in_throttles'))
    )
    with op.batch_alter_table('sign_in_throttles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_throttles_last_failure_at'),
                              ['last_failure_at'], unique=False)
    # failed sign-ins of the last minutes only; the new throttle starts afresh
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_attempts_email'))
        batch_op.drop_index(batch_op.f('ix_login_attempts_at'))
        batch_op.drop_index(batch_op.f('ix_login_attempts_address'))
    op.drop_table('login_attempts')


def downgrade():
    op.create_table('login_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('address', sa.String(length=45), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempts'))
    )
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_attempts_address'), ['address'], unique=False)
        batch_op.create_index(batch_op.f('ix_login_attempts_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_login_attempts_email'), ['email'], unique=False)
    with op.batch_alter_table('sign_in_throttles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_throttles_last_failure_at'))
    op.drop_table('sign_in_throttles')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
        batch_op.drop_column('session_generation')
