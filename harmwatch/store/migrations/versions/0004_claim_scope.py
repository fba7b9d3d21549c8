"""Casualty claims: ``scope`` (incident figure or cumulative running total).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 13:50:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('casualty_claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scope', sa.String(), server_default='incident', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('casualty_claims', schema=None) as batch_op:
        batch_op.drop_column('scope')
