"""Initial schema: documents, machine output, incidents, review log.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 11:59:43.710584
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('documents',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('author', sa.String(), nullable=True),
    sa.Column('publisher', sa.String(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('source_path', sa.Text(), nullable=True),
    sa.Column('format', sa.String(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents'))
    )
    op.create_index(op.f('ix_documents_published'), 'documents', ['published'])

    op.create_table('incidents',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('type', sa.String(), nullable=True),
    sa.Column('status', sa.String(), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('admin1', sa.String(), nullable=True),
    sa.Column('place_name', sa.String(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('place_precision', sa.String(), nullable=True),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('killed_low', sa.Integer(), nullable=True),
    sa.Column('killed_best', sa.Integer(), nullable=True),
    sa.Column('killed_high', sa.Integer(), nullable=True),
    sa.Column('injured_low', sa.Integer(), nullable=True),
    sa.Column('injured_best', sa.Integer(), nullable=True),
    sa.Column('injured_high', sa.Integer(), nullable=True),
    sa.Column('civilians_killed_low', sa.Integer(), nullable=True),
    sa.Column('civilians_killed_best', sa.Integer(), nullable=True),
    sa.Column('civilians_killed_high', sa.Integer(), nullable=True),
    sa.Column('children_killed_low', sa.Integer(), nullable=True),
    sa.Column('children_killed_best', sa.Integer(), nullable=True),
    sa.Column('children_killed_high', sa.Integer(), nullable=True),
    sa.Column('grade', sa.String(), nullable=True),
    sa.Column('grade_reason', sa.Text(), nullable=True),
    sa.Column('actors', sa.JSON(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents'))
    )
    op.create_index(op.f('ix_incidents_country'), 'incidents', ['country'])
    op.create_index(op.f('ix_incidents_date_start'), 'incidents', ['date_start'])

    op.create_table('review_actions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('analyst', sa.String(), nullable=False),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('target_kind', sa.String(), nullable=False),
    sa.Column('target_id', sa.String(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_actions')),
    sqlite_autoincrement=True
    )
    op.create_index(op.f('ix_review_actions_target_id'), 'review_actions', ['target_id'])

    op.create_table('deployments',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('doc_id', sa.String(), nullable=False),
    sa.Column('local_id', sa.String(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('doc_id_given', sa.Boolean(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=True),
    sa.Column('qualifier', sa.String(), nullable=True),
    sa.Column('asset', sa.Text(), nullable=False),
    sa.Column('actor', sa.String(), nullable=True),
    sa.Column('destination', sa.JSON(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.id'], name=op.f('fk_deployments_doc_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deployments'))
    )
    op.create_index(op.f('ix_deployments_doc_id'), 'deployments', ['doc_id'])

    op.create_table('events',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('doc_id', sa.String(), nullable=False),
    sa.Column('local_id', sa.String(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('doc_id_given', sa.Boolean(), nullable=False),
    sa.Column('type', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('actors', sa.JSON(), nullable=False),
    sa.Column('place_name', sa.String(), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('admin1', sa.String(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('place_precision', sa.String(), nullable=True),
    sa.Column('geonameid', sa.Integer(), nullable=True),
    sa.Column('place_resolved_name', sa.String(), nullable=True),
    sa.Column('place_span_start', sa.Integer(), nullable=True),
    sa.Column('place_span_end', sa.Integer(), nullable=True),
    sa.Column('has_date', sa.Boolean(), nullable=False),
    sa.Column('date_start', sa.Date(), nullable=True),
    sa.Column('date_end', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.String(), nullable=True),
    sa.Column('date_text', sa.Text(), nullable=True),
    sa.Column('date_span_start', sa.Integer(), nullable=True),
    sa.Column('date_span_end', sa.Integer(), nullable=True),
    sa.Column('killed_low', sa.Integer(), nullable=True),
    sa.Column('killed_high', sa.Integer(), nullable=True),
    sa.Column('injured_low', sa.Integer(), nullable=True),
    sa.Column('injured_high', sa.Integer(), nullable=True),
    sa.Column('civilians_killed_low', sa.Integer(), nullable=True),
    sa.Column('civilians_killed_high', sa.Integer(), nullable=True),
    sa.Column('children_killed_low', sa.Integer(), nullable=True),
    sa.Column('children_killed_high', sa.Integer(), nullable=True),
    sa.Column('trigger', sa.Text(), nullable=True),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.Column('sentence', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.id'], name=op.f('fk_events_doc_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    op.create_index(op.f('ix_events_country'), 'events', ['country'])
    op.create_index(op.f('ix_events_date_start'), 'events', ['date_start'])
    op.create_index(op.f('ix_events_doc_id'), 'events', ['doc_id'])
    op.create_index(op.f('ix_events_type'), 'events', ['type'])

    op.create_table('extractions',
    sa.Column('doc_id', sa.String(), nullable=False),
    sa.Column('extractor_version', sa.String(), nullable=True),
    sa.Column('extracted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.id'], name=op.f('fk_extractions_doc_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('doc_id', name=op.f('pk_extractions'))
    )
    op.create_table('incident_events',
    sa.Column('incident_id', sa.String(), nullable=False),
    sa.Column('event_id', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_events_incident_id_incidents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('incident_id', 'event_id', name=op.f('pk_incident_events'))
    )
    op.create_index(op.f('ix_incident_events_event_id'), 'incident_events', ['event_id'])

    op.create_table('places',
    sa.Column('doc_id', sa.String(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('admin1', sa.String(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('precision', sa.String(), nullable=True),
    sa.Column('geonameid', sa.Integer(), nullable=True),
    sa.Column('resolved_name', sa.String(), nullable=True),
    sa.Column('span_start', sa.Integer(), nullable=True),
    sa.Column('span_end', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.id'], name=op.f('fk_places_doc_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('doc_id', 'ordinal', name=op.f('pk_places'))
    )
    op.create_table('quotes',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('doc_id', sa.String(), nullable=False),
    sa.Column('local_id', sa.String(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('doc_id_given', sa.Boolean(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('speaker', sa.String(), nullable=True),
    sa.Column('role', sa.String(), nullable=True),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.id'], name=op.f('fk_quotes_doc_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quotes'))
    )
    op.create_index(op.f('ix_quotes_doc_id'), 'quotes', ['doc_id'])

    op.create_table('casualty_claims',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('doc_id', sa.String(), nullable=False),
    sa.Column('local_id', sa.String(), nullable=False),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('doc_id_given', sa.Boolean(), nullable=False),
    sa.Column('event_id', sa.String(), nullable=True),
    sa.Column('count_low', sa.Integer(), nullable=True),
    sa.Column('count_high', sa.Integer(), nullable=True),
    sa.Column('qualifier', sa.String(), nullable=True),
    sa.Column('grp', sa.String(), nullable=False),
    sa.Column('group_text', sa.Text(), nullable=True),
    sa.Column('outcome', sa.String(), nullable=False),
    sa.Column('modality', sa.String(), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('span_start', sa.Integer(), nullable=False),
    sa.Column('span_end', sa.Integer(), nullable=False),
    sa.Column('sentence', sa.Text(), nullable=False),
    sa.Column('sentence_span_start', sa.Integer(), nullable=True),
    sa.Column('sentence_span_end', sa.Integer(), nullable=True),
    sa.Column('number_text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['doc_id'], ['documents.id'], name=op.f('fk_casualty_claims_doc_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_casualty_claims_event_id_events'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casualty_claims'))
    )
    op.create_index(op.f('ix_casualty_claims_doc_id'), 'casualty_claims', ['doc_id'])
    op.create_index(op.f('ix_casualty_claims_event_id'), 'casualty_claims', ['event_id'])


def downgrade() -> None:
    op.drop_table('casualty_claims')
    op.drop_table('quotes')
    op.drop_table('places')
    op.drop_table('incident_events')
    op.drop_table('extractions')
    op.drop_table('events')
    op.drop_table('deployments')
    op.drop_table('review_actions')
    op.drop_table('incidents')
    op.drop_table('documents')
