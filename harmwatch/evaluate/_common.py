"""Helpers shared by the three scorers: which event is "the incident", name folding, distance."""
from __future__ import annotations

import unicodedata
from typing import Iterable, Optional, Sequence

from harmwatch.models import DocumentRef, Event, Extraction

from .items import EvalItem


def fold(text: Optional[str]) -> str:
    """Case- and diacritic-insensitive form (``"Ḩalab"`` → ``"halab"``) for name comparisons."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def contains_either(a: Optional[str], b: Optional[str]) -> bool:
    """One folded string contains the other; an empty string matches nothing."""
    fa, fb = fold(a), fold(b)
    return bool(fa and fb) and (fa in fb or fb in fa)


def ratio(num: int, den: int) -> float:
    """A rate rounded for stable reports; 0.0 when there is nothing to measure (``den == 0``)."""
    return round(num / den, 4) if den else 0.0


def f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def align(items: Sequence[EvalItem], extractions: Iterable[Extraction]) -> list[Extraction]:
    """The extraction of each item, by document id (order-free); a missing one is empty.

    Matching by id rather than position means an extractor that drops or reorders documents
    is scored for what it returned, not shifted against the wrong gold.
    """
    by_id: dict[str, Extraction] = {}
    for ex in extractions:
        by_id.setdefault(ex.document.id, ex)
    return [by_id.get(it.id) or Extraction(document=DocumentRef(id=it.id)) for it in items]


def _linked(ex: Extraction, event: Event) -> bool:
    if any(c.event == event.id and c.modality == "asserted" for c in ex.casualties):
        return True
    toll = event.toll
    return any(v is not None for pair in (toll.killed, toll.injured, toll.civilians_killed)
               for v in pair)


def incident_event(ex: Extraction) -> Optional[Event]:
    """The event the passage is about: first occurred event with casualties, else first
    occurred event, else first event.

    "With casualties" means an asserted claim links to it or its toll has a figure: the toll is
    built from linked claims, so either shows the extractor tied harm to that event.
    """
    occurred = [e for e in ex.events if e.status == "occurred"]
    for e in occurred:
        if _linked(ex, e):
            return e
    if occurred:
        return occurred[0]
    return ex.events[0] if ex.events else None


def event_summary(event: Optional[Event]) -> Optional[dict]:
    """A short JSON view of the chosen event for the per-item details."""
    if event is None:
        return None
    return event.model_dump(mode="json", include={"id", "type", "status", "actors", "place",
                                                  "date", "toll"})
