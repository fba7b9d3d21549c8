"""Analyst decisions replayed over the machine clustering, so no re-run can undo them.

The audit log (``Store.add_review_action``) is the only place decisions live; every
re-processing clusters the events afresh and then replays the log in id order:

* ``merge``  (target: the incident to keep) — payload ``incidents`` and ``events``: every
  cluster holding one of those events (or named like one of those incidents) becomes one;
* ``split``  (target: the incident split) — payload ``events`` (moved out), ``new_id``: those
  events form their own incident, the rest keeps the target id;
* ``correct`` (target: incident) — payload ``field``, ``value``: an override of one figure or
  field; ``confirm`` (target: incident) — the incident is confirmed as is (optional ``grade``);
* ``reject_claim`` (target: claim) — the claim no longer counts for figures, timeline, grade.

Every incident-level payload also keeps ``events``: the incident's events when the analyst
acted. If the incident id no longer exists (its events were re-clustered under another id),
the action applies to the cluster holding most of those events, so decisions follow the
evidence, not an id. Ids come first from the review log (merge/split name incidents), then
from the incidents stored before (the one sharing most events keeps its id), and only then
are minted from the cluster's earliest report, so review actions keyed on ids keep applying.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from ..store.review import ReviewAction

ACTIONS = ("confirm", "correct", "merge", "split", "reject_claim")
FIGURE_FIELDS = tuple(f"{m}_{p}" for m in ("killed", "injured", "civilians_killed",
                                           "children_killed") for p in ("low", "best", "high"))
TEXT_FIELDS = ("grade", "grade_reason", "type", "place_name", "country", "admin1",
               "date_start", "date_end")
FLOAT_FIELDS = ("lat", "lon")
CORRECTABLE = FIGURE_FIELDS + TEXT_FIELDS + FLOAT_FIELDS


@dataclass
class Working:
    """A cluster while the log is replayed."""

    id: str
    events: list[str]
    applied: list[dict[str, Any]] = field(default_factory=list)
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    confirmed: Optional[dict[str, Any]] = None


def mint_id(anchor_event: str) -> str:
    """A new incident id from the event of the earliest report: ``I`` + 10 hex digits."""
    return "I" + hashlib.sha1(anchor_event.encode("utf-8")).hexdigest()[:10]


def assign_ids(clusters: Sequence[Sequence[str]], previous: Mapping[str, Iterable[str]],
               anchor: Callable[[Sequence[str]], str]) -> list[Working]:
    """Machine clusters named: the stored incident sharing most events keeps its id (greedy,
    largest overlap first, ties by id); the others get ``mint_id(anchor(cluster))``."""
    prev = {pid: set(evs) for pid, evs in previous.items()}
    owner: dict[str, list[str]] = {}
    for pid, evs in prev.items():
        for e in evs:
            owner.setdefault(e, []).append(pid)
    scored = []
    for i, cl in enumerate(clusters):
        counts: dict[str, int] = {}
        for e in cl:
            for pid in owner.get(e, ()):
                counts[pid] = counts.get(pid, 0) + 1
        scored += [(-n, pid, i) for pid, n in counts.items()]
    names: dict[int, str] = {}
    used: set[str] = set()
    for _, pid, i in sorted(scored):
        if i not in names and pid not in used:
            names[i] = pid
            used.add(pid)
    out = []
    for i, cl in enumerate(clusters):
        name = names.get(i) or mint_id(anchor(cl))
        while name in used and names.get(i) != name:
            name = mint_id(name)
        used.add(name)
        out.append(Working(id=name, events=list(cl)))
    return out


def summary(a: ReviewAction) -> dict[str, Any]:
    return {"id": a.id, "action": a.action, "analyst": a.analyst,
            "at": a.created_at.isoformat() if a.created_at else None,
            "target": a.target_id, "reason": a.reason,
            "payload": {k: v for k, v in a.payload.items() if k != "events"}}


def _locate(clusters: list[Working], target: str, snapshot: Iterable[str]) -> Optional[Working]:
    for c in clusters:
        if c.id == target:
            return c
    snap = set(snapshot)
    best = max(clusters, key=lambda c: (len(snap & set(c.events)), c.id == target), default=None)
    return best if best is not None and snap & set(best.events) else None


def _merge(clusters: list[Working], a: ReviewAction) -> list[Working]:
    names = set(a.payload.get("incidents") or []) | {a.target_id}
    events = set(a.payload.get("events") or [])
    hit = [c for c in clusters if c.id in names or events & set(c.events)]
    if not hit:
        return clusters
    keep = Working(id=a.target_id, events=sorted({e for c in hit for e in c.events}))
    for c in hit:  # decisions already taken on the parts stay with the whole
        keep.applied += c.applied
        keep.overrides.update(c.overrides)
        keep.confirmed = c.confirmed or keep.confirmed
    keep.applied.append(summary(a))
    return [c for c in clusters if c not in hit] + [keep]


def _split(clusters: list[Working], a: ReviewAction) -> list[Working]:
    moved = set(a.payload.get("events") or [])
    source = _locate(clusters, a.target_id, a.payload.get("from_events") or moved)
    present = {e for c in clusters for e in c.events} & moved
    if source is None or not present:
        return clusters
    out = []
    for c in clusters:
        rest = [e for e in c.events if e not in moved]
        if c is source:
            c.id = a.target_id
        if rest:
            c.events = rest
            out.append(c)
    new = Working(id=a.payload.get("new_id") or mint_id(min(present)), events=sorted(present))
    new.applied.append(summary(a))
    source.applied.append(summary(a))
    return out + [new]


def _override(c: Working, a: ReviewAction) -> None:
    fld, value = a.payload.get("field"), a.payload.get("value")
    if fld not in CORRECTABLE:
        return
    c.overrides[fld] = {"value": value, "analyst": a.analyst, "action_id": a.id,
                        "at": a.created_at.isoformat() if a.created_at else None,
                        "reason": a.reason}
    if "machine" in a.payload:  # absent in entries logged before issue 10
        c.overrides[fld]["machine_then"] = a.payload["machine"]


def replay(clusters: list[Working], actions: Sequence[ReviewAction],
           events_present: Optional[set[str]] = None) -> tuple[list[Working], set[str]]:
    """Apply the log (in id order) to the named clusters; returns them and rejected claims.

    ``events_present``: the events being reconciled now. An incident-level action none of
    whose events is among them concerns another part of the record and is skipped.
    """
    rejected: set[str] = set()
    for a in sorted(actions, key=lambda x: x.id):
        if a.action == "reject_claim":
            rejected.add(a.target_id)
            continue
        snapshot = set(a.payload.get("events") or []) | set(a.payload.get("from_events") or [])
        if events_present is not None and snapshot and not (snapshot & events_present):
            continue
        if a.action == "merge":
            clusters = _merge(clusters, a)
        elif a.action == "split":
            clusters = _split(clusters, a)
        elif a.action in ("correct", "confirm"):
            c = _locate(clusters, a.target_id, snapshot)
            if c is None:
                continue
            c.id = a.target_id  # the analyst's name for it sticks
            c.applied.append(summary(a))
            if a.action == "correct":
                _override(c, a)
            else:
                c.confirmed = summary(a)
                if a.payload.get("grade"):
                    c.overrides["grade"] = {"value": a.payload["grade"], "analyst": a.analyst,
                                            "action_id": a.id, "reason": a.reason}
    return _unique(clusters), rejected


def _unique(clusters: list[Working]) -> list[Working]:
    seen: set[str] = set()
    for c in sorted(clusters, key=lambda c: (-len(c.applied), min(c.events))):
        while c.id in seen:
            c.id = mint_id(c.id)
        seen.add(c.id)
    return sorted(clusters, key=lambda c: min(c.events))


def merge_groups(actions: Sequence[ReviewAction]) -> list[set[str]]:
    """Event sets that analysts tied together (incremental runs must load them together)."""
    return [set(a.payload.get("events") or []) | set(a.payload.get("from_events") or [])
            for a in actions if a.action in ("merge", "split")]
