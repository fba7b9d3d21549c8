"""Reading the evidence from the store and writing incidents back, fully or incrementally.

Incremental runs must give exactly what a full run would, for the part they touch. Clustering
is decided within connected components of the loose-compatibility graph (see ``cluster``), so
the run loads the new reports' events, everything connected to them, every event of a stored
incident it touches and every event an analyst tied to those (merge/split), repeats until
nothing is added, and rebuilds only those incidents. The others are left as stored.
"""
from __future__ import annotations

from typing import Iterable, Optional

from typing import TYPE_CHECKING

from ..models import CasualtyClaim, Event, Incident
from .build import DocInfo, Evidence, build_incidents, clusterable
from .cluster import EventItem, edges
from .review import merge_groups
from .synthesis import Meta

if TYPE_CHECKING:  # the store is handed in; reconcile never opens one
    from ..store import Store


def doc_meta(store: "Store") -> dict[str, Meta]:
    """Publication metadata of every document, without reading the texts."""
    return {i: Meta(published=r.published, publisher=r.publisher, title=r.title, url=r.url)
            for i, r in store.document_refs().items()}


def load_docs(store: "Store", doc_ids: Iterable[str], meta: dict[str, Meta]
              ) -> tuple[dict[str, DocInfo], list[CasualtyClaim]]:
    docs: dict[str, DocInfo] = {}
    claims: list[CasualtyClaim] = []
    for d in sorted(set(doc_ids)):
        doc = store.get_document(d)
        ex = store.get_extraction(d)
        docs[d] = DocInfo.of(meta.get(d) or Meta(), doc.text if doc else "", ex)
        claims += store.claims_for_document(d)
    return docs, claims


def affected_events(events: list[Event], meta: dict[str, Meta], previous: dict[str, list[str]],
                    groups: list[set[str]], doc_ids: set[str]) -> set[str]:
    """Ids of the events an update of ``doc_ids`` can change (see the module doc)."""
    if all(e.doc_id in doc_ids for e in events):  # a first run: every event is a seed, and
        # the closure would add only the ids of these reports that ties still name
        return {e.id for e in events} | {x for tie in [*previous.values(), *groups] for x in tie
                                         if x.split(":")[0] in doc_ids}
    return connected_events(events, meta, previous, groups, doc_ids)


def connected_events(events: list[Event], meta: dict[str, Meta], previous: dict[str, list[str]],
                     groups: list[set[str]], doc_ids: set[str]) -> set[str]:
    """``affected_events`` by the closure over loose compatibility and ties."""
    present = {e.id for e in events}
    items = [EventItem.from_event(e, published=(meta.get(e.doc_id or "") or Meta()).published)
             for e in events]
    adjacent: dict[str, set[str]] = {}
    for a, b in edges(items, loose=True):
        adjacent.setdefault(a, set()).add(b)
        adjacent.setdefault(b, set()).add(a)
    by_doc: dict[str, set[str]] = {}
    for e in events:  # a report's events are read together (its aftermath joins its strike)
        by_doc.setdefault(e.doc_id or "", set()).add(e.id)
    ties = [set(evs) for evs in previous.values()] + groups + list(by_doc.values())
    for tie in ties:
        for x in tie:
            adjacent.setdefault(x, set()).update(tie)
    seeds = {e.id for e in events if e.doc_id in doc_ids}
    seeds |= {e for tie in ties if any(x.split(":")[0] in doc_ids for x in tie) for e in tie}
    seen, todo = set(), list(seeds)
    while todo:
        x = todo.pop()
        if x not in seen:
            seen.add(x)
            todo.extend(adjacent.get(x, ()))
    return seen & present | {x for x in seen if x.split(":")[0] in doc_ids}


def reconcile_store(store: "Store", doc_ids: Optional[set[str]] = None) -> list[Incident]:
    """Recompute the incidents touched by ``doc_ids`` (all when ``None``) and store them.

    Returns the incidents written. Analyst decisions are replayed, never overwritten.
    """
    every = store.iter_events()
    events = [e for e in every if clusterable(e)]
    meta = doc_meta(store)
    stored = store.incident_events()
    actions = store.iter_review_actions()
    if doc_ids is None:
        chosen, touched = events, set(stored)
    else:
        doc_ids = set(doc_ids)
        keep = affected_events(events, meta, stored, merge_groups(actions), doc_ids)
        chosen = [e for e in events if e.id in keep]
        touched = {pid for pid, evs in stored.items() if set(evs) & keep}
    docs, claims = load_docs(store, {e.doc_id for e in chosen if e.doc_id}, meta)
    for e in events:  # a report's cues depend on all its events, not only those reloaded
        if e.doc_id in docs:
            info = docs[e.doc_id]
            info.events = (info.events or 0) + 1
    others = [e for e in every if not clusterable(e) and e.doc_id in docs]  # for ``relink``
    evidence = Evidence(events=chosen + others, claims=claims, docs=docs, actions=actions,
                        previous={pid: stored[pid] for pid in touched})
    incidents = build_incidents(evidence)
    store.save_incidents(incidents, remove=None if doc_ids is None else touched)
    return incidents


def reconcile_pending(store: "Store", doc_ids: Iterable[str] = ()) -> int:
    """Rebuild the incidents of ``doc_ids`` and of every stored report whose events no incident
    holds yet (a run killed after storing them), inside one exclusive transaction so two
    writers never interleave. Returns how many reports were reconciled."""
    with store.exclusive():
        pending = set(doc_ids) | {e.doc_id for e in store.unlinked_events()
                                  if clusterable(e) and e.doc_id}
        if pending:
            reconcile_store(store, pending)
    return len(pending)
