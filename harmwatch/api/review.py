"""Review actions over HTTP, logged exactly as ``harmwatch review`` logs them.

Same actions, same payloads (``events`` snapshot, ``field``/``value``, ``new_id``...), same
``Store.add_review_action`` call, then the same incremental re-reconcile of the incidents
touched, so the API and the CLI write one audit log that every re-run replays. The analyst
is always the token's name.
"""
from __future__ import annotations

import datetime as dt
import math
from typing import Any, Optional, Union

from ..reconcile import reconcile_store
from ..reconcile.build import coerce_field
from ..reconcile.models import Grade, Incident
from ..reconcile.review import CORRECTABLE, mint_id
from ..store import AmbiguousIdError
from .problems import Problem

Value = Union[str, int, float, None]
LIMITS = {"lat": 90.0, "lon": 180.0}
MAX_FIGURE = 10_000_000  # larger is a typo, and would overflow an integer column


def _bad(name: str, reason: str, status: int = 422) -> Problem:
    return Problem(status, f"{name}: {reason}", invalid_params=[{"name": name, "reason": reason}])


def get_incident(store, ident: str) -> Incident:
    row = store.get_incident(ident)
    if row is None:
        raise Problem(404, f"no incident {ident!r}")
    return Incident.from_row(row)


def _reconcile(store, incidents=(), events=()) -> None:
    docs = {e.split(":")[0] for inc in incidents for e in inc.event_ids}
    docs |= {e.split(":")[0] for e in events}
    reconcile_store(store, docs)


def _log(store, analyst: str, action: str, kind: str, target: str, payload: dict,
         reason: Optional[str]) -> int:
    return store.add_review_action(analyst, action, kind, target, payload, reason or None)


def confirm(store, analyst: str, ident: str, grade: Optional[str], reason: Optional[str]) -> int:
    if grade:
        try:
            grade = Grade(grade.capitalize()).value
        except ValueError:
            raise _bad("body.grade", f"unknown grade {grade!r}")
    inc = get_incident(store, ident)
    payload = {"events": inc.event_ids} | ({"grade": grade} if grade else {})
    n = _log(store, analyst, "confirm", "incident", inc.id, payload, reason)
    _reconcile(store, [inc])
    return n


def correct(store, analyst: str, ident: str, field: str, value: Value,
            reason: Optional[str]) -> int:
    if field not in CORRECTABLE:
        raise _bad("body.field", f"must be one of {', '.join(CORRECTABLE)}")
    text = "" if value is None else str(value)
    try:
        parsed = coerce_field(field, text) if text != "" else None
    except ValueError as exc:
        raise _bad("body.value", f"bad value for {field}: {exc}")
    if isinstance(parsed, int) and not isinstance(parsed, bool) and not 0 <= parsed <= MAX_FIGURE:
        raise _bad("body.value", f"a figure is a whole number from 0 to {MAX_FIGURE}")
    if isinstance(parsed, float) and not (math.isfinite(parsed) and abs(parsed) <= LIMITS[field]):
        raise _bad("body.value", f"{field} must be a number within ±{LIMITS[field]}")
    stored: Any = parsed.value if isinstance(parsed, Grade) else (
        parsed.isoformat() if isinstance(parsed, dt.date) else parsed)
    inc = get_incident(store, ident)
    n = _log(store, analyst, "correct", "incident", inc.id,
             {"field": field, "value": stored, "events": inc.event_ids}, reason)
    _reconcile(store, [inc])
    return n


def merge(store, analyst: str, idents: list[str], reason: Optional[str]) -> int:
    incs = [get_incident(store, i) for i in idents]
    ids = list(dict.fromkeys(i.id for i in incs))
    if len(ids) < 2:
        raise _bad("body.incidents", "merge needs two different incidents")
    events = sorted({e for i in incs for e in i.event_ids})
    n = _log(store, analyst, "merge", "incident", ids[0], {"incidents": ids, "events": events},
             reason)
    _reconcile(store, incs)
    return n


def split(store, analyst: str, ident: str, events: list[str], new_id: Optional[str],
          reason: Optional[str]) -> tuple[int, str]:
    inc = get_incident(store, ident)
    moved = sorted({e for e in events if e})
    stray = [e for e in moved if e not in inc.event_ids]
    if stray:
        raise _bad("body.events", f"not events of {inc.id}: {', '.join(stray)}")
    if not moved or len(moved) == len(inc.event_ids):
        raise _bad("body.events", "split needs some, but not all, of the incident's events")
    new = new_id or mint_id("split:" + ",".join(moved))
    if store.get_incident(new) is not None:
        raise _bad("body.new_id", f"incident {new} already exists", status=409)
    n = _log(store, analyst, "split", "incident", inc.id,
             {"events": moved, "new_id": new, "from_events": inc.event_ids}, reason)
    _reconcile(store, [inc])
    return n, new


def reject_claim(store, analyst: str, claim_id: str, reason: Optional[str]) -> int:
    try:
        found = store.find(claim_id)
    except AmbiguousIdError as exc:
        raise Problem(404, str(exc))
    if not found or found[0] != "claim":
        raise Problem(404, f"no claim {claim_id!r}")
    key = found[1]
    event = next((c.event for c in store.claims_for_document(key.split(":")[0]) if c.id == key),
                 None)
    n = _log(store, analyst, "reject_claim", "claim", key, {"event": event}, reason)
    _reconcile(store, events=[key])
    return n


def trail(store, inc: Incident) -> list:
    """The audit entries of one incident (as ``harmwatch review log ID`` selects them)."""
    related = {inc.id} | {str(r.get("id")) for r in inc.review}
    claims = {c.id for e in inc.event_ids for c in store.claims_for_event(e)}
    out = []
    for a in store.iter_review_actions():
        if (a.target_id in related or str(a.id) in related or a.target_id in claims
                or inc.id in (a.payload.get("incidents") or []) or inc.id == a.payload.get("new_id")):
            out.append(a)
    return out
