"""The Store: the one place that reads and writes the database.

Id conventions (why: claim and event ids must stay stable across re-extraction so analyst
corrections keyed by them keep applying):

* ``get_extraction(doc_id)`` returns the Extraction exactly as it was saved (local ids such as
  ``"e1"``, ``doc_id`` fields as the extractor set them).
* Every other reader (``iter_events``, ``get_event``, ``claims_for_*``) returns records with
  *global* ids, ``"<doc_id>:<local_id>"``, ``doc_id`` set, and a claim's ``event`` set to the
  global id of its event. Records saved with a blank id get ``e1``/``c1``/``d1``/``q1``-style
  local ids by position.

Every write is one transaction: a failure leaves the database as it was before the call.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal, Optional

from sqlalchemy import (
    Connection, Row, Table, bindparam, delete, exists, func, insert, select, text,
)
from sqlalchemy.exc import DBAPIError

from ..errors import DatabaseCorruptError, DatabaseMissingError, DatabaseOpenError, database_error
from ..models import (
    CasualtyClaim, Document, DocumentRef, DocumentSummary, Event, Extraction, Incident,
)
from . import incidents as inc
from . import mapping as m
from . import writes as w
from .db import WRITE, as_utc, default_url, make_engine, normalize_url, shown_url, sqlite_path, upgrade
from .review import ReviewAction, review_action_from_row
from .schema import IncidentEventRow, IncidentRow, ReviewActionRow, table_of
from .writes import CLAIMS, DEPLOYMENTS, DOCS, EVENTS, PLACES, QUOTES, RUNS

INCIDENTS = table_of(IncidentRow)
LINKS = table_of(IncidentEventRow)
REVIEW = table_of(ReviewActionRow)

_DOCS_IN = select(DOCS).where(DOCS.c.id.in_(bindparam("ids", expanding=True)))

Kind = Literal["document", "event", "claim", "incident"]

RECONCILE_LOCK = 0x6861726D  # PostgreSQL advisory lock key ("harm"): one reconciler at a time


class AmbiguousIdError(LookupError):
    """An id prefix matches more than one record; ``candidates`` lists some of them."""

    def __init__(self, query: str, candidates: Sequence[tuple[str, str]]):
        super().__init__(f"{query!r} is ambiguous: {', '.join(i for _, i in candidates)}")
        self.query, self.candidates = query, candidates


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Store:
    """A harmwatch database. ``Store(url)`` opens it and migrates it to the current schema.

    ``url`` is a SQLAlchemy URL or a plain file path (SQLite); ``None`` means ``default_url()``.
    """

    def __init__(self, url: Optional[str] = None, *, echo: bool = False, create: bool = True):
        """``create=False`` refuses a SQLite file that does not exist yet (read commands: a
        mistyped path must not silently give an empty database)."""
        self.url = normalize_url(url) if url else default_url()
        self._local = threading.local()
        shown = shown_url(self.url)
        path = sqlite_path(self.url)
        if path is not None and not create and not path.exists():
            raise DatabaseMissingError(f"no database at {path}",
                                       hint="check --db / $HARMWATCH_DB, or run `harmwatch ingest` first")
        if path is not None and path.is_dir():
            raise DatabaseOpenError(f"cannot open database {path}: it is a directory")
        try:
            self.engine = make_engine(self.url, echo=echo)
        except OSError as exc:
            raise DatabaseOpenError(f"cannot open database {shown}: {exc.strerror or exc}") from None
        except Exception as exc:  # a malformed URL, a missing driver
            raise DatabaseOpenError(f"cannot open database {shown}: {exc}") from None
        try:
            upgrade(self.engine)
        except DBAPIError as exc:
            self.engine.dispose()
            raise database_error(exc, shown) from None
        except Exception as exc:
            self.engine.dispose()
            if type(exc).__module__.startswith("alembic"):  # an unknown revision: not ours
                raise DatabaseCorruptError(f"{shown}: not a harmwatch database this version "
                                           f"can read ({exc})") from None
            raise
        except BaseException:
            self.engine.dispose()
            raise

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    def _pinned(self) -> Optional[Connection]:
        return getattr(self._local, "conn", None)

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        pinned = self._pinned()
        if pinned is not None:
            yield pinned
            return
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        pinned = self._pinned()
        if pinned is not None:  # inside ``exclusive()``: part of its one transaction
            yield pinned
            return
        with self.engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                yield conn

    @contextmanager
    def exclusive(self) -> Iterator["Store"]:
        """Run everything inside as one write transaction no other writer can interleave with.

        Why: reconciliation reads every incident, then rewrites some; two processes doing that
        at once would each link the same event to an incident of their own. SQLite takes the
        database write lock (``BEGIN IMMEDIATE``; other writers wait on ``busy_timeout``),
        PostgreSQL a transaction-level advisory lock. All of this store's reads and writes in
        the block (this thread) use that one connection; a failure rolls all of it back.
        """
        if self._pinned() is not None:
            yield self
            return
        with self.engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": RECONCILE_LOCK})
                self._local.conn = conn
                try:
                    yield self
                finally:
                    self._local.conn = None

    # -- documents -----------------------------------------------------------------------------

    def add_document(self, doc: Document) -> bool:
        """Insert ``doc``; ``False`` (and nothing changed) if its id is already stored."""
        with self._write() as c:
            return doc.id in w.insert_documents(c, [doc], _now)

    def add_document_with_extraction(
        self, doc: Document, ex: Extraction, *, extractor_version: Optional[str] = None
    ) -> bool:
        """Store the document (if new) and replace its extraction, both or neither.

        Returns whether the document was new.
        """
        return self.add_documents_with_extractions([(doc, ex)], extractor_version=extractor_version)[0]

    def add_documents_with_extractions(
        self, pairs: Sequence[tuple[Document, Extraction]], *,
        extractor_version: Optional[str] = None,
    ) -> list[bool]:
        """``add_document_with_extraction`` for a batch, all or nothing: one transaction and a
        few multi-row statements (the ingest loop's writer; ``store.writes``). Returns for each
        pair whether its document was new (an id given twice is new the first time only)."""
        for doc, ex in pairs:
            if ex.document.id != doc.id:
                raise ValueError(f"extraction is for {ex.document.id!r}, document is {doc.id!r}")
        with self._write() as c:
            inserted = w.insert_documents(c, [d for d, _ in pairs], _now)
            w.replace_extractions(c, [ex for _, ex in pairs], extractor_version, _now,
                                  check_stored=False)
        out = []
        for doc, _ in pairs:
            out.append(doc.id in inserted)
            inserted.discard(doc.id)
        return out

    def has_document(self, doc_id: str) -> bool:
        with self._read() as c:
            return bool(c.scalar(select(exists().where(DOCS.c.id == doc_id))))

    def get_document(self, doc_id: str) -> Optional[Document]:
        with self._read() as c:
            row = c.execute(select(DOCS).where(DOCS.c.id == doc_id)).first()
        return None if row is None else m.document_from_row(row)

    def get_documents(self, doc_ids: Sequence[str]) -> dict[str, Document]:
        """The stored ones of ``doc_ids`` by id, in one query per few hundred ids (the ingest
        loop judges a batch of documents at once)."""
        out: dict[str, Document] = {}
        with self._read() as c:
            for chunk in w.chunks(list(dict.fromkeys(doc_ids))):
                out.update((r.id, m.document_from_row(r)) for r in c.execute(_DOCS_IN, {"ids": chunk}))
        return out

    def iter_documents(self, *, batch: int = 200) -> Iterator[Document]:
        """All documents by id, read in batches (no connection is held between batches)."""
        last = None
        while True:
            q = select(DOCS).order_by(DOCS.c.id).limit(batch)
            if last is not None:
                q = q.where(DOCS.c.id > last)
            with self._read() as c:
                rows = c.execute(q).all()
            yield from map(m.document_from_row, rows)
            if len(rows) < batch:
                return
            last = rows[-1].id

    def document_refs(self) -> dict[str, DocumentRef]:
        """Every document's metadata by id, without reading the texts (reconciliation needs
        the publication dates and publishers of all reports)."""
        q = select(*(DOCS.c[f] for f in DocumentRef.model_fields))
        with self._read() as c:
            return {r.id: DocumentRef(**r._asdict()) for r in c.execute(q)}

    def document_summaries(self, *, limit: int, after: Optional[str] = None,
                           title: Optional[str] = None) -> list[DocumentSummary]:
        """Documents by id after ``after`` (a keyset page), without their text, each with how
        many claims it has; ``title``: only those whose title contains it (any case)."""
        n_claims = (select(CLAIMS.c.doc_id, func.count().label("n")).group_by(CLAIMS.c.doc_id)
                    .subquery())
        fields = [f for f in DocumentSummary.model_fields if f != "claims"]
        q = (select(*(DOCS.c[f] for f in fields), func.coalesce(n_claims.c.n, 0).label("claims"))
             .outerjoin(n_claims, n_claims.c.doc_id == DOCS.c.id).order_by(DOCS.c.id).limit(limit))
        if after:
            q = q.where(DOCS.c.id > after)
        if title:
            q = q.where(func.lower(DOCS.c.title).contains(title.lower(), autoescape=True))
        with self._read() as c:
            rows = [r._asdict() for r in c.execute(q)]
        # SQLite drops the zone of ``ingested_at``; it is stored in UTC
        return [DocumentSummary(**(r | {"ingested_at": as_utc(r["ingested_at"])})) for r in rows]

    def count_documents(self) -> int:
        with self._read() as c:
            return c.scalar(select(func.count()).select_from(DOCS)) or 0

    # -- extractions ---------------------------------------------------------------------------

    def save_extraction(self, ex: Extraction, *, extractor_version: Optional[str] = None) -> None:
        """Replace all machine output of ``ex.document.id`` in one transaction.

        The document must be stored already. Review actions are never touched.
        Raises ``ValueError`` for duplicate ids, a claim pointing at an event the extraction
        does not have, or a record whose ``doc_id`` names another document.
        """
        with self._write() as c:
            w.replace_extractions(c, [ex], extractor_version, _now)

    def has_extraction(self, doc_id: str) -> bool:
        with self._read() as c:
            return bool(c.scalar(select(exists().where(RUNS.c.doc_id == doc_id))))

    def get_extraction(self, doc_id: str) -> Optional[Extraction]:
        """The extraction as saved, or ``None`` if the document was never extracted."""
        with self._read() as c:
            ref = c.execute(
                select(*(DOCS.c[f] for f in DocumentRef.model_fields), RUNS.c.sentences)
                .join(RUNS, RUNS.c.doc_id == DOCS.c.id).where(DOCS.c.id == doc_id)
            ).first()
            if ref is None:
                return None
            events = self._rows(c, EVENTS, doc_id)
            claims = self._rows(c, CLAIMS, doc_id)
            deployments = self._rows(c, DEPLOYMENTS, doc_id)
            quotes = self._rows(c, QUOTES, doc_id)
            places = self._rows(c, PLACES, doc_id)
        local = {r.id: r.local_id for r in events}
        fields = ref._asdict()
        sentences = [(a, b) for a, b in fields.pop("sentences") or ()]
        return Extraction(
            document=DocumentRef(**fields), sentences=sentences,
            events=[m.event_from_row(r, as_saved=True) for r in events],
            casualties=[
                m.claim_from_row(r, as_saved=True, event_ref=local.get(r.event_id)) for r in claims
            ],
            deployments=[m.deployment_from_row(r, as_saved=True) for r in deployments],
            quotes=[m.quote_from_row(r, as_saved=True) for r in quotes],
            places=[m.place_from_row(r) for r in places],
        )

    @staticmethod
    def _rows(c: Connection, table: Table, doc_id: str) -> list[Row]:
        return list(c.execute(
            select(table).where(table.c.doc_id == doc_id).order_by(table.c.ordinal)
        ).all())

    # -- events and claims ---------------------------------------------------------------------

    def iter_events(
        self,
        *,
        date_from: Optional[dt.date] = None,
        date_to: Optional[dt.date] = None,
        country: Optional[str] = None,
        actor: Optional[str] = None,
        type: Optional[str] = None,
        min_killed: Optional[int] = None,
        doc_id: Optional[str] = None,
    ) -> list[Event]:
        """Events (global ids, ``doc_id`` set) by date, then id. All filters combine (AND).

        * ``date_from``/``date_to``: the event's date range overlaps ``[date_from, date_to]``;
          undated events are left out when either is given.
        * ``country``: ISO alpha-2, any case. ``type``: exact ACLED sub-event type.
        * ``actor``: case-insensitive substring of any actor (matched in Python, so non-ASCII
          names compare the same on every backend).
        * ``min_killed``: the highest killed figure (``toll.killed`` high, else low, else the
          civilians_killed figures) is at least this.
        """
        e = EVENTS.c
        q = select(EVENTS)
        if date_from is not None:
            q = q.where(func.coalesce(e.date_end, e.date_start) >= date_from)
        if date_to is not None:
            q = q.where(func.coalesce(e.date_start, e.date_end) <= date_to)
        if country:
            q = q.where(e.country == country.upper())
        if type:
            q = q.where(e.type == type)
        if doc_id:
            q = q.where(e.doc_id == doc_id)
        if min_killed is not None:
            killed = func.coalesce(e.killed_high, e.killed_low, e.civilians_killed_high,
                                   e.civilians_killed_low)
            q = q.where(killed >= min_killed)
        q = q.order_by(e.date_start.is_(None), e.date_start, e.id)
        with self._read() as c:
            rows = c.execute(q).all()
        events = [m.event_from_row(r, as_saved=False) for r in rows]
        if actor:
            needle = actor.casefold()
            events = [ev for ev in events if any(needle in a.casefold() for a in ev.actors)]
        return events

    def get_event(self, event_id: str) -> Optional[Event]:
        """The event by global id (``"<doc_id>:e1"``), with that id and ``doc_id`` set."""
        with self._read() as c:
            row = c.execute(select(EVENTS).where(EVENTS.c.id == event_id)).first()
        return None if row is None else m.event_from_row(row, as_saved=False)

    def claims_for_event(self, event_id: str) -> list[CasualtyClaim]:
        return self._claims(CLAIMS.c.event_id == event_id)

    def claims_for_document(self, doc_id: str) -> list[CasualtyClaim]:
        return self._claims(CLAIMS.c.doc_id == doc_id)

    def unlinked_events(self) -> list[Event]:
        """Events no incident links to: the reports reconciliation has not reached yet (an
        ingest killed between storing a report and reconciling it leaves these behind)."""
        linked = select(LINKS.c.event_id)
        q = select(EVENTS).where(EVENTS.c.id.not_in(linked)).order_by(EVENTS.c.id)
        with self._read() as c:
            rows = c.execute(q).all()
        return [m.event_from_row(r, as_saved=False) for r in rows]

    def _claims(self, where) -> list[CasualtyClaim]:
        q = select(CLAIMS).where(where).order_by(CLAIMS.c.doc_id, CLAIMS.c.ordinal)
        with self._read() as c:
            rows = c.execute(q).all()
        return [m.claim_from_row(r, as_saved=False, event_ref=r.event_id) for r in rows]

    # -- lookup --------------------------------------------------------------------------------

    def find(self, query: str) -> Optional[tuple[Kind, str]]:
        """Resolve what a user typed to ``(kind, id)``; ``None`` if nothing matches.

        Tries, in order: an exact id of any kind; a unique prefix of a document or incident id;
        ``<doc-id-prefix>:<local id>`` for events and claims. Raises ``AmbiguousIdError`` when
        a prefix matches several records.
        """
        query = query.strip()
        if not query:
            return None
        in_doc: list[tuple[Kind, Any]] = [("event", EVENTS.c.id), ("claim", CLAIMS.c.id)]
        exact = [("document", DOCS.c.id), *in_doc, ("incident", INCIDENTS.c.id)]
        with self._read() as c:
            for kind, col in exact:
                if c.scalar(select(exists().where(col == query))):
                    return kind, query
            hits = self._prefix(c, query)
            if not hits and ":" in query:
                head, _, local = query.rpartition(":")
                docs = [i for k, i in self._prefix(c, head) if k == "document"]
                if len(docs) == 1:
                    gid = m.global_id(docs[0], local)
                    for kind, col in in_doc:
                        if c.scalar(select(exists().where(col == gid))):
                            return kind, gid
        if len(hits) > 1:
            raise AmbiguousIdError(query, hits)
        return hits[0] if hits else None

    @staticmethod
    def _prefix(c: Connection, prefix: str, limit: int = 10) -> list[tuple[Kind, str]]:
        hits: list[tuple[Kind, str]] = []
        tables: tuple[tuple[Kind, Any], ...] = (("document", DOCS.c.id), ("incident", INCIDENTS.c.id))
        for kind, col in tables:
            q = select(col).where(col.startswith(prefix, autoescape=True)).order_by(col)
            hits += [(kind, i) for i in c.scalars(q.limit(limit))]
        return hits

    # -- incidents -----------------------------------------------------------------------------

    def replace_incidents(self, incidents: Iterable[Any], links: inc.Links = None) -> None:
        """Make ``incidents`` the whole incident table (and their links), atomically.

        Each incident is a dict, dataclass or pydantic model with at least ``id``; keys that
        are not columns are kept in ``extra``. ``links`` maps incident id to event ids (or is
        a list of ``(incident_id, event_id)`` pairs); when ``None``, each incident's own
        ``event_ids`` are used.
        """
        self._write_incidents(incidents, links, replace_all=True)

    def upsert_incidents(self, incidents: Iterable[Any], links: inc.Links = None,
                         remove: Iterable[str] = ()) -> None:
        """Insert or replace these incidents (by id) and set their links, and delete the
        incidents ``remove`` names (an incremental re-clustering), in one transaction."""
        self._write_incidents(incidents, links, replace_all=False, remove=remove)

    def _write_incidents(self, incidents: Iterable[Any], links: inc.Links,
                         replace_all: bool, remove: Iterable[str] = ()) -> None:
        rows, pairs = inc.prepare(incidents, links, now=_now())
        ids = sorted({r["id"] for r in rows} | set(remove))
        with self._write() as c:
            if replace_all:
                c.execute(delete(LINKS))
                c.execute(delete(INCIDENTS))
            elif ids:
                c.execute(delete(LINKS).where(LINKS.c.incident_id.in_(ids)))
                c.execute(delete(INCIDENTS).where(INCIDENTS.c.id.in_(ids)))
            if rows:
                c.execute(insert(INCIDENTS), rows)
            if pairs:
                c.execute(insert(LINKS), [dict(incident_id=i, event_id=e) for i, e in pairs])

    def incidents(self, query: Optional[inc.IncidentQuery] = None) -> list[Incident]:
        """Stored incidents matching ``query`` (all when ``None``) as records, by date
        (``iter_incidents``: every one, as dicts)."""
        found = (Incident.from_row(r) for r in self.iter_incidents())
        return [i for i in found if query is None or query.matches(i)]

    def incident(self, incident_id: str) -> Optional[Incident]:
        row = self.get_incident(incident_id)
        return None if row is None else Incident.from_row(row)

    def save_incidents(self, incidents: Sequence[Incident], *,
                       remove: Optional[Iterable[str]] = None) -> None:
        """Store reconciled incidents. ``remove=None``: they become the whole table; else they
        replace the incidents of the same ids and those ``remove`` names are deleted (an
        incremental re-clustering), in one transaction either way."""
        rows = [i.to_row() for i in incidents]
        if remove is None:
            self.replace_incidents(rows)
        else:
            self.upsert_incidents(rows, remove=remove)

    def incident_events(self) -> dict[str, list[str]]:
        """Each incident's event ids (by incident date, then id), without reading the records."""
        q = select(INCIDENTS.c.id).order_by(INCIDENTS.c.date_start.is_(None),
                                            INCIDENTS.c.date_start, INCIDENTS.c.id)
        lq = select(LINKS).order_by(LINKS.c.incident_id, LINKS.c.event_id)
        with self._read() as c:
            out: dict[str, list[str]] = {i: [] for i in c.scalars(q)}
            for link in c.execute(lq):
                out.setdefault(link.incident_id, []).append(link.event_id)
        return out

    def iter_incidents(self) -> list[dict[str, Any]]:
        """Incidents as dicts (columns, ``extra`` keys merged in, ``event_ids``), by date."""
        return self._incidents(None)

    def get_incident(self, incident_id: str) -> Optional[dict[str, Any]]:
        found = self._incidents(incident_id)
        return found[0] if found else None

    def _incidents(self, incident_id: Optional[str]) -> list[dict[str, Any]]:
        q = select(INCIDENTS)
        lq = select(LINKS).order_by(LINKS.c.incident_id, LINKS.c.event_id)
        if incident_id is not None:
            q, lq = q.where(INCIDENTS.c.id == incident_id), lq.where(
                LINKS.c.incident_id == incident_id)
        q = q.order_by(INCIDENTS.c.date_start.is_(None), INCIDENTS.c.date_start, INCIDENTS.c.id)
        with self._read() as c:
            rows = c.execute(q).all()
            links = c.execute(lq).all()
        return inc.to_dicts(rows, links)

    # -- review log ----------------------------------------------------------------------------

    def add_review_action(
        self,
        analyst: str,
        action: str,
        target_kind: str,
        target_id: str,
        payload: Optional[dict[str, Any]] = None,
        reason: Optional[str] = None,
    ) -> int:
        """Append an analyst decision to the audit log; returns its id (increasing)."""
        for name, value in (("analyst", analyst), ("action", action),
                            ("target_kind", target_kind), ("target_id", target_id)):
            if not value:
                raise ValueError(f"{name} is required")
        row = dict(created_at=_now(), analyst=analyst, action=action, target_kind=target_kind,
                   target_id=target_id, payload=inc.jsonable(payload or {}), reason=reason)
        with self._write() as c:
            key = c.execute(insert(REVIEW).values(row)).inserted_primary_key
            assert key is not None  # an INSERT of one row always has one
            return int(key[0])

    def iter_review_actions(
        self,
        target_id: Optional[str] = None,
        *,
        target_kind: Optional[str] = None,
        action: Optional[str] = None,
    ) -> list[ReviewAction]:
        """The log in the order it was written, optionally for one target, kind or action."""
        q = select(REVIEW).order_by(REVIEW.c.id)
        if target_id is not None:
            q = q.where(REVIEW.c.target_id == target_id)
        if target_kind is not None:
            q = q.where(REVIEW.c.target_kind == target_kind)
        if action is not None:
            q = q.where(REVIEW.c.action == action)
        with self._read() as c:
            return [review_action_from_row(r) for r in c.execute(q)]
