"""Events: ``toll_unquantified`` (outcomes reported in the plural with no figure).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 12:55:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('toll_unquantified', sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('toll_unquantified')
