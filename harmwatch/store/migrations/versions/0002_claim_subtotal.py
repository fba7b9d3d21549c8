"""Casualty claims: ``subtotal`` (part of a larger figure of the same sentence).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 12:03:53.819971
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # sa.false() renders per dialect (0 on SQLite, false on PostgreSQL); existing rows get it.
    with op.batch_alter_table('casualty_claims', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('subtotal', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('casualty_claims', schema=None) as batch_op:
        batch_op.drop_column('subtotal')
