"""Writing documents and their extractions: a batch in a few statements, inside the caller's
transaction.

Why batches: the ingest loop writes each batch of documents in one transaction, and in a news
stream most of them are skipped by the relevance filter (an empty extraction). Written one at a
time each cost a dozen statements and a commit, ~2.5 ms of the writer's time; now each table
gets one DELETE ... IN and one multi-row INSERT per batch (docs/performance.md, stop 19). The
statements are built once, so SQLAlchemy only looks up their compiled form.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Optional

from sqlalchemy import BindParameter, Connection, Table, bindparam, delete, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from ..models import Document, Extraction
from . import mapping as m
from .schema import (
    ClaimRow, DeploymentRow, DocumentRow, EventRow, ExtractionRow, PlaceRow, QuoteRow, table_of,
)

DOCS = table_of(DocumentRow)
RUNS = table_of(ExtractionRow)
EVENTS = table_of(EventRow)
CLAIMS = table_of(ClaimRow)
DEPLOYMENTS = table_of(DeploymentRow)
QUOTES = table_of(QuoteRow)
PLACES = table_of(PlaceRow)

MACHINE = (CLAIMS, EVENTS, DEPLOYMENTS, QUOTES, PLACES, RUNS)
"""Every table of machine output, claims first: they reference events."""
IN_CHUNK = 500
"""Ids per ``IN (...)``: far below any backend's limit on bound parameters."""

_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
_STORED = select(DOCS.c.id).where(DOCS.c.id.in_(_IDS))
_DELETE = {t.name: delete(t).where(t.c.doc_id.in_(_IDS)) for t in MACHINE}
_INSERT = {t.name: insert(t) for t in (*MACHINE, DOCS)}
_INSERT_NEW = {name: d.insert(DOCS).on_conflict_do_nothing().returning(DOCS.c.id)
               for name, d in (("sqlite", sqlite), ("postgresql", postgresql))}
"""Per dialect: insert the documents not stored yet, give back the ids inserted. RETURNING,
not rowcount: psycopg 3 under SQLAlchemy 2.1 reports -1 for INSERTs."""


def chunks(ids: Sequence[str]) -> Iterator[list[str]]:
    for i in range(0, len(ids), IN_CHUNK):
        yield list(ids[i:i + IN_CHUNK])


def stored_ids(c: Connection, ids: Sequence[str]) -> set[str]:
    """Which of ``ids`` are stored, in one query per ``IN_CHUNK`` of them."""
    return {i for chunk in chunks(ids) for i in c.scalars(_STORED, {"ids": chunk})}


def insert_documents(c: Connection, docs: Sequence[Document],
                     now: Callable[[], dt.datetime]) -> set[str]:
    """Insert the documents whose id is not stored yet (the first of an id given twice);
    returns the ids inserted."""
    first: dict[str, dict[str, Any]] = {}
    for doc in docs:
        if doc.id not in first:
            first[doc.id] = m.document_row(doc) | {"ingested_at": now()}
    if not first:
        return set()
    ins = _INSERT_NEW.get(c.dialect.name)
    if ins is not None:  # one statement, and no window for another writer between check and insert
        return set(c.scalars(ins, list(first.values())))
    old = stored_ids(c, list(first))
    rows = [r for i, r in first.items() if i not in old]
    if rows:
        c.execute(_INSERT[DOCS.name], rows)
    return {r["id"] for r in rows}


def replace_extractions(c: Connection, extractions: Sequence[Extraction], version: Optional[str],
                        now: Callable[[], dt.datetime], *, check_stored: bool = True) -> None:
    """Replace all machine output of each extraction's document (the last one given for a
    document wins). Everything is validated before the first write; ``check_stored``: refuse
    a document that is not stored (the caller did not just insert it)."""
    last = {ex.document.id: ex for ex in extractions}
    planned = [(ex, m.plan_ids(ex)) for ex in extractions]  # validate before the first write
    planned = [(ex, ids) for ex, ids in planned if last[ex.document.id] is ex]
    doc_ids = list(last)
    if not doc_ids:
        return
    if check_stored:
        stored = stored_ids(c, doc_ids)
        missing = next((d for d in doc_ids if d not in stored), None)
        if missing is not None:
            raise ValueError(f"document {missing!r} is not stored: add it first")
    for table in MACHINE:
        for chunk in chunks(doc_ids):
            c.execute(_DELETE[table.name], {"ids": chunk})
    c.execute(_INSERT[RUNS.name], [
        dict(doc_id=ex.document.id, extractor_version=version, extracted_at=now(),
             sentences=[list(s) for s in ex.sentences]) for ex, _ in planned])
    for field, table, to_row in _STEPS:  # rows built step by step, inside the transaction
        rows = [row for ex, ids in planned for row in to_row(ex, ids, field)]
        if rows:
            c.execute(_INSERT[table.name], rows)
    rows = [m.place_row(p, doc_id=ex.document.id, ordinal=i)
            for ex, _ in planned for i, p in enumerate(ex.places)]
    if rows:
        c.execute(_INSERT[PLACES.name], rows)


def _records(ex: Extraction, ids: dict[str, list[str]], field: str) -> Iterator[tuple[int, Any, str]]:
    return ((i, x, g) for i, (x, g) in enumerate(zip(getattr(ex, field), ids[field])))


def _event_rows(ex: Extraction, ids: dict[str, list[str]], field: str) -> list[dict[str, Any]]:
    d = ex.document.id
    return [m.event_row(x, id=g, doc_id=d, ordinal=i) for i, x, g in _records(ex, ids, field)]


def _claim_rows(ex: Extraction, ids: dict[str, list[str]], field: str) -> list[dict[str, Any]]:
    d = ex.document.id
    event_gid = {ev.id: gid for ev, gid in zip(ex.events, ids["events"]) if ev.id}
    return [m.claim_row(x, id=g, doc_id=d, ordinal=i, event_id=event_gid.get(x.event))
            for i, x, g in _records(ex, ids, field)]


def _deployment_rows(ex: Extraction, ids: dict[str, list[str]], field: str) -> list[dict[str, Any]]:
    d = ex.document.id
    return [m.deployment_row(x, id=g, doc_id=d, ordinal=i) for i, x, g in _records(ex, ids, field)]


def _quote_rows(ex: Extraction, ids: dict[str, list[str]], field: str) -> list[dict[str, Any]]:
    d = ex.document.id
    return [m.quote_row(x, id=g, doc_id=d, ordinal=i) for i, x, g in _records(ex, ids, field)]


_STEPS: tuple[tuple[str, Table, Callable[[Extraction, dict[str, list[str]], str],
                                         list[dict[str, Any]]]], ...] = (
    ("events", EVENTS, _event_rows),
    ("casualties", CLAIMS, _claim_rows),
    ("deployments", DEPLOYMENTS, _deployment_rows),
    ("quotes", QUOTES, _quote_rows),
)
