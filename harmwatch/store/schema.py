"""The database tables, declared once (SQLAlchemy 2.0 declarative).

Why the shapes are what they are:

* Machine output (events, claims, deployments, quotes, places) is keyed by ``doc_id`` and is
  replaced wholesale when a document is re-extracted. Its primary keys are *global* ids,
  ``"<doc_id>:<local_id>"`` (``"3f2a…:e1"``): document ids are content hashes and local ids are
  deterministic, so the same text extracted twice gets the same ids, and analyst corrections
  keyed by them (``review_actions``) survive re-processing.
* Values the analysis filters on (dates, country, tolls) are real columns with indices; values
  that are only ever read back whole (actors, a deployment's destination) are JSON.
* Vocabularies (event type, outcome, status, ...) are plain strings, not database enums: the
  pydantic models validate them and the taxonomy can grow without a migration.
* ``local_id`` and ``doc_id_given`` / ``has_date`` keep what the extractor actually wrote, so
  ``Store.get_extraction`` gives back a model equal to the one saved.
* Nothing from the review stage has a foreign key to machine output: re-extraction deletes
  and re-inserts those rows, and the audit log must not go with them.

Changing anything here needs a new Alembic revision in ``migrations/versions`` (the tests check
that the migrations and these declarations agree).
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import (
    JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer, MetaData, String, Table, Text,
)
from sqlalchemy import false
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Deterministic constraint names: PostgreSQL and SQLite batch migrations need names to alter.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


metadata = Base.metadata


def table_of(row: type[Base]) -> Table:
    """The Core table of a mapped class, typed as one (Core statements take tables)."""
    table = row.__table__
    assert isinstance(table, Table)
    return table

_DOC_FK = "CASCADE"
"""What deleting a document does to its records."""


def _doc_id() -> Mapped[str]:
    return mapped_column(ForeignKey("documents.id", ondelete=_DOC_FK), index=True)


class _DocumentRecord:
    """Columns every per-document record has: a global id ("<doc>:e1"), the document, the id
    as the extractor wrote it, its position, and whether the extractor set its doc_id."""

    id: Mapped[str] = mapped_column(String, primary_key=True)
    local_id: Mapped[str] = mapped_column(String)
    ordinal: Mapped[int] = mapped_column(Integer)
    doc_id_given: Mapped[bool] = mapped_column(Boolean)

    @declared_attr
    def doc_id(cls) -> Mapped[str]:
        return _doc_id()


class _PlaceColumns:
    """Where an event or incident happened: filtered on (country) and mapped (lat, lon)."""

    place_name: Mapped[Optional[str]] = mapped_column(String)
    country: Mapped[Optional[str]] = mapped_column(String(2), index=True)
    admin1: Mapped[Optional[str]] = mapped_column(String)
    lat: Mapped[Optional[float]] = mapped_column(Float)
    lon: Mapped[Optional[float]] = mapped_column(Float)
    place_precision: Mapped[Optional[str]] = mapped_column(String)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[Optional[str]] = mapped_column(Text)
    author: Mapped[Optional[str]] = mapped_column(String)
    publisher: Mapped[Optional[str]] = mapped_column(String)
    published: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    url: Mapped[Optional[str]] = mapped_column(Text)
    source_path: Mapped[Optional[str]] = mapped_column(Text)
    format: Mapped[Optional[str]] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ExtractionRow(Base):
    """One row per extracted document: tells "extracted, found nothing" from "not extracted"."""

    __tablename__ = "extractions"

    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete=_DOC_FK), primary_key=True)
    extractor_version: Mapped[Optional[str]] = mapped_column(String)
    extracted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    sentences: Mapped[Optional[list[list[int]]]] = mapped_column(JSON(none_as_null=True))
    """The parser's sentence spans ``[[start, end], ...]`` (null: extracted before 0006)."""


class EventRow(_DocumentRecord, _PlaceColumns, Base):
    __tablename__ = "events"

    type: Mapped[str] = mapped_column(String, index=True)
    status: Mapped[str] = mapped_column(String)
    actors: Mapped[list[str]] = mapped_column(JSON)
    # place (with _PlaceColumns)
    geonameid: Mapped[Optional[int]] = mapped_column(Integer)
    place_resolved_name: Mapped[Optional[str]] = mapped_column(String)
    place_span_start: Mapped[Optional[int]] = mapped_column(Integer)
    place_span_end: Mapped[Optional[int]] = mapped_column(Integer)
    # date
    has_date: Mapped[bool] = mapped_column(Boolean)
    date_start: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    date_end: Mapped[Optional[dt.date]] = mapped_column(Date)
    date_precision: Mapped[Optional[str]] = mapped_column(String)
    date_text: Mapped[Optional[str]] = mapped_column(Text)
    date_span_start: Mapped[Optional[int]] = mapped_column(Integer)
    date_span_end: Mapped[Optional[int]] = mapped_column(Integer)
    # toll
    killed_low: Mapped[Optional[int]] = mapped_column(Integer)
    killed_high: Mapped[Optional[int]] = mapped_column(Integer)
    injured_low: Mapped[Optional[int]] = mapped_column(Integer)
    injured_high: Mapped[Optional[int]] = mapped_column(Integer)
    civilians_killed_low: Mapped[Optional[int]] = mapped_column(Integer)
    civilians_killed_high: Mapped[Optional[int]] = mapped_column(Integer)
    children_killed_low: Mapped[Optional[int]] = mapped_column(Integer)
    children_killed_high: Mapped[Optional[int]] = mapped_column(Integer)
    toll_unquantified: Mapped[Optional[list[str]]] = mapped_column(JSON(none_as_null=True))
    # evidence
    trigger: Mapped[Optional[str]] = mapped_column(Text)
    span_start: Mapped[Optional[int]] = mapped_column(Integer)
    span_end: Mapped[Optional[int]] = mapped_column(Integer)
    sentence: Mapped[Optional[str]] = mapped_column(Text)


class ClaimRow(_DocumentRecord, Base):
    __tablename__ = "casualty_claims"

    event_id: Mapped[Optional[str]] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True
    )
    count_low: Mapped[Optional[int]] = mapped_column(Integer)
    count_high: Mapped[Optional[int]] = mapped_column(Integer)
    qualifier: Mapped[Optional[str]] = mapped_column(String)
    grp: Mapped[str] = mapped_column(String)
    group_text: Mapped[Optional[str]] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String)
    modality: Mapped[str] = mapped_column(String)
    source: Mapped[Optional[str]] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)
    sentence_span_start: Mapped[Optional[int]] = mapped_column(Integer)
    sentence_span_end: Mapped[Optional[int]] = mapped_column(Integer)
    number_text: Mapped[Optional[str]] = mapped_column(Text)
    subtotal: Mapped[bool] = mapped_column(Boolean, server_default=false())
    scope: Mapped[str] = mapped_column(String, server_default="incident")


class DeploymentRow(_DocumentRecord, Base):
    __tablename__ = "deployments"

    count: Mapped[Optional[int]] = mapped_column(Integer)
    qualifier: Mapped[Optional[str]] = mapped_column(String)
    asset: Mapped[str] = mapped_column(Text)
    actor: Mapped[Optional[str]] = mapped_column(String)
    destination: Mapped[Optional[dict[str, Any]]] = mapped_column(JSON(none_as_null=True))
    status: Mapped[str] = mapped_column(String)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)


class QuoteRow(_DocumentRecord, Base):
    __tablename__ = "quotes"

    text: Mapped[str] = mapped_column(Text)
    speaker: Mapped[Optional[str]] = mapped_column(String)
    role: Mapped[Optional[str]] = mapped_column(String)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(Text)


class PlaceRow(Base):
    """Every place resolved in a document (``Extraction.places``), in text order."""

    __tablename__ = "places"

    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete=_DOC_FK), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    country: Mapped[Optional[str]] = mapped_column(String(2))
    admin1: Mapped[Optional[str]] = mapped_column(String)
    lat: Mapped[Optional[float]] = mapped_column(Float)
    lon: Mapped[Optional[float]] = mapped_column(Float)
    precision: Mapped[Optional[str]] = mapped_column(String)
    geonameid: Mapped[Optional[int]] = mapped_column(Integer)
    resolved_name: Mapped[Optional[str]] = mapped_column(String)
    span_start: Mapped[Optional[int]] = mapped_column(Integer)
    span_end: Mapped[Optional[int]] = mapped_column(Integer)


class IncidentRow(_PlaceColumns, Base):
    """A real-world incident reconciled from events of one or more documents.

    The reconcile stage owns the meaning of these columns; fields it adds later without a
    migration go to ``extra`` (JSON).
    """

    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    type: Mapped[Optional[str]] = mapped_column(String)
    status: Mapped[Optional[str]] = mapped_column(String)
    date_start: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    date_end: Mapped[Optional[dt.date]] = mapped_column(Date)
    killed_low: Mapped[Optional[int]] = mapped_column(Integer)
    killed_best: Mapped[Optional[int]] = mapped_column(Integer)
    killed_high: Mapped[Optional[int]] = mapped_column(Integer)
    injured_low: Mapped[Optional[int]] = mapped_column(Integer)
    injured_best: Mapped[Optional[int]] = mapped_column(Integer)
    injured_high: Mapped[Optional[int]] = mapped_column(Integer)
    civilians_killed_low: Mapped[Optional[int]] = mapped_column(Integer)
    civilians_killed_best: Mapped[Optional[int]] = mapped_column(Integer)
    civilians_killed_high: Mapped[Optional[int]] = mapped_column(Integer)
    children_killed_low: Mapped[Optional[int]] = mapped_column(Integer)
    children_killed_best: Mapped[Optional[int]] = mapped_column(Integer)
    children_killed_high: Mapped[Optional[int]] = mapped_column(Integer)
    grade: Mapped[Optional[str]] = mapped_column(String)
    grade_reason: Mapped[Optional[str]] = mapped_column(Text)
    actors: Mapped[list[str]] = mapped_column(JSON)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class IncidentEventRow(Base):
    """Which events an incident is made of.

    ``event_id`` has no foreign key on purpose: re-extracting a document deletes and re-inserts
    its events under the same stable ids, and the link should not vanish in between.
    """

    __tablename__ = "incident_events"

    incident_id: Mapped[str] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[str] = mapped_column(String, primary_key=True, index=True)


class ReviewActionRow(Base):
    """Append-only audit log of analyst decisions, keyed by stable ids (never by row FKs)."""

    __tablename__ = "review_actions"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are never reused, even after a delete

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    analyst: Mapped[str] = mapped_column(String)
    action: Mapped[str] = mapped_column(String)
    target_kind: Mapped[str] = mapped_column(String)
    target_id: Mapped[str] = mapped_column(String, index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[Optional[str]] = mapped_column(Text)


class ApiTokenRow(Base):
    """A bearer token of the web API: only its SHA-256 is kept, never the token itself.

    ``lookup`` (a random public part of the token) finds the row; the secret is then compared
    in constant time, so a guess learns nothing from timing.
    """

    __tablename__ = "api_tokens"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String)
    role: Mapped[str] = mapped_column(String)
    lookup: Mapped[str] = mapped_column(String, unique=True)
    token_hash: Mapped[str] = mapped_column(String)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[bool] = mapped_column(Boolean, server_default=false())
