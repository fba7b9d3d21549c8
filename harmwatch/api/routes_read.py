"""GET endpoints: documents, incidents, claims, places, actors, the audit log, exports."""
from __future__ import annotations

import datetime as dt
import io
from typing import Literal, Optional

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ..models import Grade, Incident
from ..store import AmbiguousIdError
from . import auth, queries
from .problems import ERRORS, Problem
from .review import get_incident, trail
from .schemas import (
    Actor, AuditEntry, ClaimDetail, DocumentDetail, DocumentPage, DocumentSummary, Highlight,
    IncidentPage, IncidentSummary, Place, Range,
)

router = APIRouter(dependencies=[Depends(auth.reader)], responses=ERRORS)


def _store(request: Request):
    return request.app.state.store


class Filters:
    """The incident filters, as query parameters (the CLI's, plus admin1 and ``q``)."""

    def __init__(
        self,
        date_from: Optional[dt.date] = Query(None, description="Earliest date (YYYY-MM-DD)."),
        date_to: Optional[dt.date] = Query(None, description="Latest date (YYYY-MM-DD)."),
        country: Optional[str] = Query(None, max_length=2, description="ISO alpha-2."),
        admin1: Optional[str] = Query(None, max_length=200),
        actor: Optional[str] = Query(None, max_length=200, description="Substring of an actor."),
        type: Optional[str] = Query(None, max_length=200, description="ACLED sub-event type."),
        grade: Optional[Grade] = Query(None),
        min_killed: Optional[int] = Query(None, ge=0, le=10_000_000),
        q: Optional[str] = Query(None, max_length=200, description="Words to search for."),
    ):
        if date_from and date_to and date_from > date_to:
            raise Problem(400, "date_from is after date_to", invalid_params=[
                {"name": "query.date_from", "reason": "after date_to"}])
        self.value = queries.IncidentFilters(
            date_from=date_from, date_to=date_to, country=country, admin1=admin1, actor=actor,
            type=type, grade=grade.value if grade else None, min_killed=min_killed, q=q)


def _summary(i: Incident) -> IncidentSummary:
    def rng(m: str) -> Range:
        f = i.figure(m)
        return Range(low=f.low, best=f.best, high=f.high)

    return IncidentSummary(
        id=i.id, type=i.type, status=i.status, date_start=i.date_start, date_end=i.date_end,
        country=i.country, admin1=i.admin1, place_name=i.place_name, lat=i.lat, lon=i.lon,
        actors=i.actors, killed=rng("killed"), civilians_killed=rng("civilians_killed"),
        injured=rng("injured"), grade=i.grade, documents=len(i.doc_ids))


# -- documents ---------------------------------------------------------------------------------

@router.get("/documents", response_model=DocumentPage, tags=["documents"])
def list_documents(request: Request, limit: int = Query(50, ge=1, le=500),
                   cursor: Optional[str] = Query(None, max_length=200),
                   q: Optional[str] = Query(None, max_length=200, description="In the title.")):
    """Documents by id, without their text (``cursor``: the ``next_cursor`` of the last page)."""
    rows, nxt = queries.list_documents(_store(request), limit=limit, cursor=cursor, q=q)
    return DocumentPage(items=rows, next_cursor=nxt)


@router.get("/documents/{doc_id}", response_model=DocumentDetail, tags=["documents"])
def get_document(request: Request, doc_id: str):
    """A document with its text, its claims and events, and the span of every figure."""
    store = _store(request)
    doc = store.get_document(doc_id)
    if doc is None:
        raise Problem(404, f"no document {doc_id!r}")
    claims = store.claims_for_document(doc_id)
    events = store.iter_events(doc_id=doc_id)
    marks = [Highlight(claim_id=c.id, start=c.span[0], end=c.span[1],
                       text=doc.text[c.span[0]:c.span[1]])
             for c in claims if 0 <= c.span[0] < c.span[1] <= len(doc.text)]
    return DocumentDetail(**doc.model_dump(exclude={"source_path"}), claims=len(claims),
                          claim_records=claims, events=events, highlights=marks)


# -- incidents ---------------------------------------------------------------------------------

@router.get("/incidents", response_model=IncidentPage, tags=["incidents"])
def list_incidents(request: Request, filters: Filters = Depends(),
                   sort: Literal[queries.SORTS] = Query("date"),  # type: ignore[valid-type]
                   limit: int = Query(50, ge=1, le=1000),
                   cursor: Optional[str] = Query(None, max_length=500)):
    """Incidents matching every filter, sorted, one page at a time (keyset cursor)."""
    incs = queries.filter_incidents(_store(request), filters.value)
    chosen, nxt = queries.page(incs, sort, limit, cursor)
    return IncidentPage(items=[_summary(i) for i in chosen], next_cursor=nxt, total=len(incs))


@router.get("/incidents/{incident_id}", response_model=Incident, tags=["incidents"])
def incident(request: Request, incident_id: str):
    """One incident: low/best/high with the claims behind each, grade and reasons, the toll
    timeline, and every claim with its document, span and sentence."""
    return get_incident(_store(request), incident_id)


@router.get("/incidents/{incident_id}/audit", response_model=list[AuditEntry],
            tags=["review"])
def incident_audit(request: Request, incident_id: str):
    """The review actions about this incident and its claims, oldest first."""
    store = _store(request)
    return trail(store, get_incident(store, incident_id))


@router.get("/review-log", response_model=list[AuditEntry], tags=["review"])
def review_log(request: Request, analyst: Optional[str] = Query(None, max_length=100),
               limit: int = Query(200, ge=1, le=5000)):
    """The whole audit log, newest first."""
    actions = _store(request).iter_review_actions()
    if analyst:
        actions = [a for a in actions if a.analyst == analyst]
    return list(reversed(actions[-limit:]))


# -- claims, places, actors --------------------------------------------------------------------

@router.get("/claims/{claim_id}", response_model=ClaimDetail, tags=["claims"])
def claim(request: Request, claim_id: str):
    """One claim (``<doc_id>:c1``) with its document."""
    store = _store(request)
    doc_id = claim_id.split(":")[0]
    found = next((c for c in store.claims_for_document(doc_id) if c.id == claim_id), None)
    doc = store.get_document(doc_id) if found else None
    if found is None or doc is None:
        raise Problem(404, f"no claim {claim_id!r}")
    return ClaimDetail(claim=found, document=DocumentSummary(**doc.model_dump(
        include={"id", "title", "author", "publisher", "published", "url", "format"})))


@router.get("/claims", response_model=list[ClaimDetail], tags=["claims"])
def claims(request: Request, doc_id: Optional[str] = Query(None, max_length=100),
           event_id: Optional[str] = Query(None, max_length=200)):
    """The claims of one document or one event."""
    store = _store(request)
    if not doc_id and not event_id:
        raise Problem(400, "give doc_id or event_id", invalid_params=[
            {"name": "query.doc_id", "reason": "doc_id or event_id is required"}])
    found = store.claims_for_event(event_id) if event_id else store.claims_for_document(doc_id)
    if doc_id:
        found = [c for c in found if c.doc_id == doc_id]
    docs = {}
    out = []
    for c in found:
        if c.doc_id not in docs:
            d = store.get_document(c.doc_id)
            docs[c.doc_id] = DocumentSummary(**d.model_dump(include={
                "id", "title", "author", "publisher", "published", "url", "format"}))
        out.append(ClaimDetail(claim=c, document=docs[c.doc_id]))
    return out


@router.get("/places", response_model=list[Place], tags=["places"])
def places(request: Request, filters: Filters = Depends()):
    """Where the incidents are, with how many and their killed (best) summed."""
    return queries.places(queries.filter_incidents(_store(request), filters.value))


@router.get("/actors", response_model=list[Actor], tags=["actors"])
def actors(request: Request, filters: Filters = Depends()):
    """Actors named in incidents, with how many incidents and killed (best) summed."""
    return queries.actors(queries.filter_incidents(_store(request), filters.value))


@router.get("/find", tags=["documents"])
def find(request: Request, q: str = Query(..., min_length=1, max_length=200)) -> dict:
    """What an id or unique prefix names: ``{"kind": ..., "id": ...}``."""
    try:
        found = _store(request).find(q)
    except AmbiguousIdError as exc:
        raise Problem(409, str(exc))
    if found is None:
        raise Problem(404, f"nothing found for {q!r}")
    return {"kind": found[0], "id": found[1]}


# -- exports -----------------------------------------------------------------------------------

EXPORT_MEDIA = {"ucdp-csv": "text/csv; charset=utf-8", "acled-csv": "text/csv; charset=utf-8",
                "geojson": "application/geo+json", "jsonl": "application/jsonl",
                "parquet": "application/vnd.apache.parquet"}
EXPORT_SUFFIX = {"ucdp-csv": "csv", "acled-csv": "csv", "geojson": "geojson", "jsonl": "jsonl",
                 "parquet": "parquet"}


@router.get("/exports/incidents", tags=["exports"],
            responses={200: {"content": {m: {} for m in set(EXPORT_MEDIA.values())}}})
def export(request: Request,
           format: Literal["csv", "ucdp-csv", "acled-csv", "geojson", "jsonl", "parquet"] = Query(
               "csv", description="The CLI's export formats (csv = ucdp-csv)."),
           filters: Filters = Depends()):
    """The CLI's exports (``harmwatch export --format``) of the incidents matching the filters."""
    from ..exports import canonical, export as write

    fmt = canonical(format)
    incs = queries.filter_incidents(_store(request), filters.value)
    if fmt == "parquet":
        buf = io.BytesIO()
        write(fmt, incs, buf)
        body: bytes = buf.getvalue()
    else:
        text = io.StringIO()
        write(fmt, incs, text)
        body = text.getvalue().encode("utf-8")
    name = f"incidents-{fmt}.{EXPORT_SUFFIX[fmt]}"
    return Response(body, media_type=EXPORT_MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
