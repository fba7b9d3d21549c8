"""Conversions between the pydantic records (``harmwatch.models``) and table rows.

Kept apart from the Store so the column layout is readable in one place and each direction
can be checked against the other (the round-trip test). Row dicts are plain ``{column: value}``
for bulk ``INSERT``; reading takes any row with the columns as attributes (a Core ``Row``).
"""
from __future__ import annotations

from typing import Any, Optional

from sqlalchemy import Row

from ..models import (
    CasualtyClaim, DateRange, Deployment, Document, Event, Extraction, Place, Quote, Span, Toll,
)

TOLL_FIELDS = ("killed", "injured", "civilians_killed", "children_killed")
ID_PREFIX = {"events": "e", "casualties": "c", "deployments": "d", "quotes": "q"}
"""Local ids given to records the extractor left without one (``c1``, ``c2``, ...)."""


def global_id(doc_id: str, local_id: str) -> str:
    """``"<doc_id>:<local_id>"``; a local id that already carries the prefix is kept."""
    prefix = f"{doc_id}:"
    return local_id if local_id.startswith(prefix) else prefix + local_id


def local_part(doc_id: str, gid: str) -> str:
    prefix = f"{doc_id}:"
    return gid[len(prefix):] if gid.startswith(prefix) else gid


def effective_local_ids(given: list[str], prefix: str) -> list[str]:
    """Keep the given ids; number the blank ones ``prefix1, prefix2, ...`` by position.

    Deterministic, so re-extracting the same text yields the same ids; numbers already taken
    by a given id are skipped. Raises ``ValueError`` on duplicate given ids.
    """
    taken = [i for i in given if i]
    if len(set(taken)) != len(taken):
        dupes = sorted({i for i in taken if taken.count(i) > 1})
        raise ValueError(f"duplicate ids in extraction: {dupes}")
    used, out, n = set(taken), [], 0
    for i in given:
        if not i:
            n += 1
            while f"{prefix}{n}" in used:
                n += 1
            i = f"{prefix}{n}"
        out.append(i)
    return out


def _span(start: Optional[int], end: Optional[int]) -> Optional[Span]:
    return None if start is None or end is None else (start, end)


def _split(span: Optional[Span]) -> tuple[Optional[int], Optional[int]]:
    return (None, None) if span is None else (span[0], span[1])


# -- documents ---------------------------------------------------------------------------------

def document_row(doc: Document) -> dict[str, Any]:
    return doc.model_dump()


def document_from_row(row: Row) -> Document:
    return Document(
        id=row.id, text=row.text, title=row.title, author=row.author, publisher=row.publisher,
        published=row.published, url=row.url, source_path=row.source_path, format=row.format,
    )


# -- events --------------------------------------------------------------------------------------

def event_row(ev: Event, *, id: str, doc_id: str, ordinal: int) -> dict[str, Any]:
    p, d = ev.place, ev.date
    row: dict[str, Any] = dict(
        id=id, doc_id=doc_id, local_id=ev.id, ordinal=ordinal, doc_id_given=ev.doc_id is not None,
        type=ev.type, status=ev.status, actors=list(ev.actors),
        place_name=p and p.name, country=p and p.country, admin1=p and p.admin1,
        lat=p and p.lat, lon=p and p.lon, place_precision=p and p.precision,
        geonameid=p and p.geonameid, place_resolved_name=p and p.resolved_name,
        has_date=d is not None, date_start=d and d.start, date_end=d and d.end,
        date_precision=d and d.precision, date_text=d and d.text,
        trigger=ev.trigger, sentence=ev.sentence,
    )
    row["place_span_start"], row["place_span_end"] = _split(p.span if p else None)
    row["date_span_start"], row["date_span_end"] = _split(d.span if d else None)
    row["span_start"], row["span_end"] = _split(ev.span)
    for f in TOLL_FIELDS:
        row[f"{f}_low"], row[f"{f}_high"] = getattr(ev.toll, f)
    row["toll_unquantified"] = list(ev.toll.unquantified) or None
    return row


def event_from_row(r: Row, *, as_saved: bool) -> Event:
    """``as_saved``: local id and the doc_id as the extractor wrote them; else global id + doc_id."""
    place = None
    if r.place_name is not None:
        place = Place(
            name=r.place_name, country=r.country, admin1=r.admin1, lat=r.lat, lon=r.lon,
            precision=r.place_precision, geonameid=r.geonameid,
            resolved_name=r.place_resolved_name, span=_span(r.place_span_start, r.place_span_end),
        )
    date = None
    if r.has_date:
        date = DateRange(
            start=r.date_start, end=r.date_end, precision=r.date_precision, text=r.date_text,
            span=_span(r.date_span_start, r.date_span_end),
        )
    toll = Toll(
        **{f: (getattr(r, f"{f}_low"), getattr(r, f"{f}_high")) for f in TOLL_FIELDS},
        unquantified=list(r.toll_unquantified or []),
    )
    return Event(
        id=r.local_id if as_saved else r.id,
        doc_id=_doc_id(r, as_saved),
        type=r.type, status=r.status, actors=list(r.actors), place=place, date=date, toll=toll,
        trigger=r.trigger, span=_span(r.span_start, r.span_end), sentence=r.sentence,
    )


def _doc_id(r: Row, as_saved: bool) -> Optional[str]:
    return r.doc_id if (r.doc_id_given or not as_saved) else None


# -- casualty claims -----------------------------------------------------------------------------

def claim_row(c: CasualtyClaim, *, id: str, doc_id: str, ordinal: int,
              event_id: Optional[str]) -> dict[str, Any]:
    row: dict[str, Any] = dict(
        id=id, doc_id=doc_id, local_id=c.id, ordinal=ordinal, doc_id_given=c.doc_id is not None,
        event_id=event_id, count_low=c.count_low, count_high=c.count_high,
        qualifier=c.qualifier, grp=c.group, group_text=c.group_text, outcome=c.outcome,
        modality=c.modality, source=c.source, sentence=c.sentence, number_text=c.number_text,
        subtotal=c.subtotal, scope=c.scope,
    )
    row["span_start"], row["span_end"] = _split(c.span)
    row["sentence_span_start"], row["sentence_span_end"] = _split(c.sentence_span)
    return row


def claim_from_row(r: Row, *, as_saved: bool, event_ref: Optional[str]) -> CasualtyClaim:
    """``event_ref`` is the event id to show: the local one as saved, or the global one."""
    return CasualtyClaim(
        id=r.local_id if as_saved else r.id, doc_id=_doc_id(r, as_saved), event=event_ref,
        count_low=r.count_low, count_high=r.count_high, qualifier=r.qualifier, group=r.grp,
        group_text=r.group_text, outcome=r.outcome, modality=r.modality, source=r.source,
        span=(r.span_start, r.span_end), sentence=r.sentence,
        sentence_span=_span(r.sentence_span_start, r.sentence_span_end),
        number_text=r.number_text, subtotal=r.subtotal, scope=r.scope,
    )


# -- deployments, quotes, places -----------------------------------------------------------------

def deployment_row(d: Deployment, *, id: str, doc_id: str, ordinal: int) -> dict[str, Any]:
    return dict(
        id=id, doc_id=doc_id, local_id=d.id, ordinal=ordinal, doc_id_given=d.doc_id is not None,
        count=d.count, qualifier=d.qualifier, asset=d.asset, actor=d.actor,
        destination=d.destination and d.destination.model_dump(mode="json"), status=d.status,
        span_start=d.span[0], span_end=d.span[1], sentence=d.sentence,
    )


def deployment_from_row(r: Row, *, as_saved: bool) -> Deployment:
    return Deployment(
        id=r.local_id if as_saved else r.id, doc_id=_doc_id(r, as_saved),
        count=r._mapping["count"],  # ``r.count`` type-checks as the tuple method
        qualifier=r.qualifier, asset=r.asset, actor=r.actor,
        destination=r.destination and Place.model_validate(r.destination), status=r.status,
        span=(r.span_start, r.span_end), sentence=r.sentence,
    )


def quote_row(q: Quote, *, id: str, doc_id: str, ordinal: int) -> dict[str, Any]:
    return dict(
        id=id, doc_id=doc_id, local_id=q.id, ordinal=ordinal, doc_id_given=q.doc_id is not None,
        text=q.text, speaker=q.speaker, role=q.role, span_start=q.span[0], span_end=q.span[1],
        sentence=q.sentence,
    )


def quote_from_row(r: Row, *, as_saved: bool) -> Quote:
    return Quote(
        id=r.local_id if as_saved else r.id, doc_id=_doc_id(r, as_saved), text=r.text,
        speaker=r.speaker, role=r.role, span=(r.span_start, r.span_end), sentence=r.sentence,
    )


def place_row(p: Place, *, doc_id: str, ordinal: int) -> dict[str, Any]:
    row = p.model_dump(exclude={"span"})
    row.update(doc_id=doc_id, ordinal=ordinal)
    row["span_start"], row["span_end"] = _split(p.span)
    return row


def place_from_row(r: Row) -> Place:
    return Place(
        name=r.name, country=r.country, admin1=r.admin1, lat=r.lat, lon=r.lon,
        precision=r.precision, geonameid=r.geonameid, resolved_name=r.resolved_name,
        span=_span(r.span_start, r.span_end),
    )


def plan_ids(ex: Extraction) -> dict[str, list[str]]:
    """Global ids for every record, after checking the extraction is consistent."""
    doc_id = ex.document.id
    ids: dict[str, list[str]] = {}
    for field, prefix in ID_PREFIX.items():
        records = getattr(ex, field)
        for r in records:
            if r.doc_id is not None and r.doc_id != doc_id:
                raise ValueError(f"{field} {r.id!r} has doc_id {r.doc_id!r}, not {doc_id!r}")
        local = effective_local_ids([r.id for r in records], prefix)
        gids = [global_id(doc_id, i) for i in local]
        if len(set(gids)) != len(gids):
            raise ValueError(f"{field}: ids collide once prefixed with the document id")
        ids[field] = gids
    event_ids = {ev.id for ev in ex.events if ev.id}
    dangling = sorted({c.event for c in ex.casualties if c.event and c.event not in event_ids})
    if dangling:
        raise ValueError(f"claims refer to events not in the extraction: {dangling}")
    return ids
