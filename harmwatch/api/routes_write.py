"""Writes: review actions, ingesting a report, tokens. Each needs a bearer token."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool

from ..models import Document
from ..store.tokens import ApiToken, create_token
from . import auth, review
from .problems import ERRORS, Problem
from .schemas import (
    ConfirmIn, CorrectIn, IngestDone, IngestIn, Me, MergeIn, RejectIn, ReviewDone, SplitIn,
    TokenIn, TokenOut,
)

router = APIRouter(responses=ERRORS)


def _store(request: Request):
    return request.app.state.store


@router.get("/me", response_model=Me, tags=["auth"])
def me(tok: ApiToken = Depends(auth.analyst)):
    """Who the token is (the web app's sign-in checks a token with this)."""
    return Me(name=tok.name, role=tok.role)


@router.post("/incidents/{incident_id}/confirm", response_model=ReviewDone, tags=["review"])
def confirm(request: Request, incident_id: str, body: ConfirmIn,
            tok: ApiToken = Depends(auth.analyst)):
    """Confirm an incident as it stands (optionally with a grade)."""
    n = review.confirm(_store(request), tok.name, incident_id,
                       body.grade.value if body.grade else None, body.reason)
    return ReviewDone(action_id=n, analyst=tok.name, incident=incident_id)


@router.post("/incidents/{incident_id}/correct", response_model=ReviewDone, tags=["review"])
def correct(request: Request, incident_id: str, body: CorrectIn,
            tok: ApiToken = Depends(auth.analyst)):
    """Correct one figure or field; the machine value is kept beside it."""
    n = review.correct(_store(request), tok.name, incident_id, body.field, body.value,
                       body.reason)
    return ReviewDone(action_id=n, analyst=tok.name, incident=incident_id)


@router.post("/incidents/merge", response_model=ReviewDone, tags=["review"])
def merge(request: Request, body: MergeIn, tok: ApiToken = Depends(auth.analyst)):
    """Merge incidents that are one strike; the first id is kept."""
    n = review.merge(_store(request), tok.name, body.incidents, body.reason)
    return ReviewDone(action_id=n, analyst=tok.name, incident=body.incidents[0])


@router.post("/incidents/{incident_id}/split", response_model=ReviewDone, tags=["review"])
def split(request: Request, incident_id: str, body: SplitIn,
          tok: ApiToken = Depends(auth.analyst)):
    """Move some of an incident's events into a new incident."""
    n, new = review.split(_store(request), tok.name, incident_id, body.events, body.new_id,
                          body.reason)
    return ReviewDone(action_id=n, analyst=tok.name, incident=incident_id, new_incident=new)


@router.post("/claims/{claim_id}/reject", response_model=ReviewDone, tags=["review"])
def reject(request: Request, claim_id: str, body: RejectIn,
           tok: ApiToken = Depends(auth.analyst)):
    """Mark a claim as wrong: it no longer counts for figures, timeline or grade."""
    n = review.reject_claim(_store(request), tok.name, claim_id, body.reason)
    return ReviewDone(action_id=n, analyst=tok.name)


def _read(body: IngestIn) -> Document:
    from ..ingest import read_bytes

    if (body.text is None) == (body.html is None):
        raise Problem(422, "give exactly one of text or html", invalid_params=[
            {"name": "body.text", "reason": "exactly one of text and html is required"}])
    data, name = ((body.text, "upload.txt") if body.text is not None
                  else (body.html or "", "upload.html"))
    items = read_bytes(data.encode("utf-8", "surrogatepass"), name)
    docs = [d for d in items if isinstance(d, Document)]
    if not docs:
        reason = "; ".join(getattr(e, "reason", "unreadable") for e in items) or "no text found"
        raise Problem(422, f"the report could not be read: {reason}", invalid_params=[
            {"name": "body.html" if body.html is not None else "body.text", "reason": reason}])
    doc = docs[0]
    meta = {k: v for k, v in body.model_dump(include={"title", "publisher", "published", "url"})
            .items() if v is not None}
    return doc.model_copy(update=meta) if meta else doc


@router.post("/documents", response_model=IngestDone, status_code=201, tags=["documents"])
async def ingest(request: Request, body: IngestIn, tok: ApiToken = Depends(auth.analyst)):
    """Ingest one report (text or HTML): extract, store, reconcile the incidents it touches.

    Posting the same text again changes nothing (``new`` is false)."""
    return await run_in_threadpool(_ingest, _store(request), body)


def _ingest(store, body: IngestIn) -> IngestDone:
    """Through the one ingest path (``harmwatch.pipeline``), as ``harmwatch ingest`` would."""
    from ..pipeline import ingest_documents

    doc = _read(body)
    report = ingest_documents([doc], store)
    if report.errors:  # an extractor bug: answered as an unexpected error (500), and logged
        raise RuntimeError(report.errors[0].reason)
    mine = doc.id + ":"
    ids = [i for i, events in store.incident_events().items()
           if any(e.startswith(mine) for e in events)]
    return IngestDone(id=doc.id, new=report.added == 1,
                      claims=len(store.claims_for_document(doc.id)),
                      events=len(store.iter_events(doc_id=doc.id)), incidents=ids)


@router.post("/tokens", response_model=TokenOut, status_code=201, tags=["auth"])
def new_token(request: Request, body: TokenIn, tok: ApiToken = Depends(auth.admin)):
    """Create a token (admins only); the token is in this answer and nowhere else."""
    token, rec = create_token(_store(request), body.name, body.role)
    return TokenOut(token=token, id=rec.id, name=rec.name, role=rec.role)
