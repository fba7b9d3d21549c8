"""Reconcile stage: the events of many reports → one sourced incident record per strike.

* ``reconcile_store(store, doc_ids=None)``: recompute and store the incidents (incrementally
  for the events of ``doc_ids`` and the incidents they touch; everything when ``None``),
  replaying the analyst review log so no human decision is overwritten.
* ``reconcile_extractions(docs, extractions)``: the same without a database (evaluation,
  tests), with the store's global ids (``"<doc_id>:e1"``).

Modules: ``cluster`` (which events are one incident), ``cues`` (what tells strikes apart),
``synthesis`` (low/best/high), ``timeline``, ``grading``, ``review`` (replaying the log),
``build`` (assembling incidents), ``actions`` (review actions), ``store_io`` (database);
the commands over them are in ``harmwatch.cli``.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from ..models import Document, Extraction
from ..store.mapping import ID_PREFIX, effective_local_ids, global_id
from ..models import ReviewAction
from .build import DocInfo, Evidence, build_incidents
from .models import ClaimRef, Grade, Incident, IncidentFigure, SourceRef, TimelinePoint
from .store_io import reconcile_pending, reconcile_store
from .synthesis import Meta

__all__ = [
    "ClaimRef", "Grade", "Incident", "IncidentFigure", "SourceRef", "TimelinePoint",
    "evidence_from_extractions", "reconcile_extractions", "reconcile_pending", "reconcile_store",
]


def evidence_from_extractions(docs: Sequence[Document], extractions: Iterable[Extraction],
                              actions: Sequence[ReviewAction] = ()) -> Evidence:
    """Extractions with their ids made global, as the store would give them back."""
    by_id = {d.id: d for d in docs}
    events, claims, infos = [], [], {}
    for ex in extractions:
        doc_id = ex.document.id
        d = by_id.get(doc_id)
        ref = ex.document
        infos[doc_id] = DocInfo.of(
            Meta(published=ref.published or (d.published if d else None),
                 publisher=ref.publisher or (d.publisher if d else None),
                 title=ref.title or (d.title if d else None),
                 url=ref.url or (d.url if d else None)),
            d.text if d else "", ex)
        ev_local = effective_local_ids([e.id for e in ex.events], ID_PREFIX["events"])
        gid = {e.id: global_id(doc_id, lid) for e, lid in zip(ex.events, ev_local) if e.id}
        for e, lid in zip(ex.events, ev_local):
            events.append(e.model_copy(update={"id": global_id(doc_id, lid), "doc_id": doc_id}))
        cl_local = effective_local_ids([c.id for c in ex.casualties], ID_PREFIX["casualties"])
        for c, lid in zip(ex.casualties, cl_local):
            claims.append(c.model_copy(update={"id": global_id(doc_id, lid), "doc_id": doc_id,
                                               "event": gid.get(c.event) if c.event else None}))
    return Evidence(events=events, claims=claims, docs=infos, actions=list(actions))


def reconcile_extractions(docs: Sequence[Document], extractions: Iterable[Extraction],
                          actions: Sequence[ReviewAction] = ()) -> list[Incident]:
    return build_incidents(evidence_from_extractions(docs, extractions, actions))
