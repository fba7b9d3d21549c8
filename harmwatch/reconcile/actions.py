"""The analyst's review actions, once for every front end (``harmwatch review``, the web API).

Each action validates its input, appends one entry to the audit log (the same payload whoever
asks: ``events`` snapshot, ``field``/``value``, ``new_id`` ...) and re-reconciles the incidents
it touches, so what is shown is what any later re-run replays. Front ends resolve ids and turn
:class:`ReviewInputError` into their own errors (a CLI usage error, an HTTP problem).
"""
from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any, Iterable, Optional

from ..models import Grade, Incident
from .build import coerce_field
from .review import CORRECTABLE, FIGURE_FIELDS, mint_id

if TYPE_CHECKING:  # the front end hands its store in
    from ..store import Store

MAX_FIGURE = 10_000_000
"""A larger count is a typo, and would overflow an integer column."""
_BOUNDS = {"lat": (-90.0, 90.0), "lon": (-180.0, 180.0)}


class ReviewInputError(ValueError):
    """An action's input is wrong: ``name`` is the input at fault (``value``, ``events`` ...)."""

    def __init__(self, name: str, reason: str, status: int = 422):
        super().__init__(reason)
        self.name, self.reason, self.status = name, reason, status


def parse_grade(grade: Optional[str]) -> Optional[str]:
    if not grade:
        return None
    try:
        return Grade(grade.capitalize()).value
    except ValueError:
        raise ReviewInputError("grade", f"unknown grade {grade!r}")


def correction(inc: Incident, field: str, text: str, keep_order: bool = True) -> Any:
    """The stored form of an analyst's value for ``field`` ('' clears it), checked: a count is
    a whole number from 0, a coordinate stays on the globe, and (``keep_order``) a corrected
    figure keeps low <= best <= high with the incident's other figures (issue 10: ``--value
    -5`` was stored and shown as ``3–45–-5``)."""
    if field not in CORRECTABLE:
        raise ReviewInputError("field", f"must be one of {', '.join(CORRECTABLE)}")
    try:
        value = coerce_field(field, text) if text != "" else None
    except ValueError as exc:
        raise ReviewInputError("value", f"bad value for {field}: {exc}")
    if value is None:
        return None
    if field in FIGURE_FIELDS:
        if value < 0:
            raise ReviewInputError("value", f"{field} must be 0 or more, not {value}")
        if value > MAX_FIGURE:
            raise ReviewInputError("value", f"{field} must be at most {MAX_FIGURE:,}, not {value}")
        if keep_order:
            _check_order(inc, field, value)
    lo, hi = _BOUNDS.get(field, (None, None))
    if lo is not None and not (math.isfinite(value) and lo <= value <= hi):
        raise ReviewInputError("value", f"{field} must be between {lo:g} and {hi:g}, not {value}")
    if isinstance(value, Grade):
        return value.value
    return value.isoformat() if isinstance(value, dt.date) else value


def _check_order(inc: Incident, field: str, value: int) -> None:
    measure, part = field.rsplit("_", 1)
    fig = inc.figure(measure)
    parts = {p: getattr(fig, p) for p in ("low", "best", "high")} | {part: value}
    known = [(p, parts[p]) for p in ("low", "best", "high") if parts[p] is not None]
    for (a, x), (b, y) in zip(known, known[1:]):
        if x > y:
            raise ReviewInputError("value", f"{measure} {a} {x} would exceed {measure} {b} {y}: "
                                   f"correct both, {a} first if lowering")


def machine_value(inc: Incident, field: str) -> Any:
    """The machine's figure for ``field`` under any earlier correction."""
    measure, part = field.rsplit("_", 1)
    fig = inc.figure(measure)
    info = fig.corrected.get(part)
    return info.get("machine") if info else getattr(fig, part)


def touched(store: "Store", incidents: Iterable[Incident] = (), events: Iterable[str] = ()) -> None:
    """Re-reconcile the reports behind these incidents and events."""
    from . import reconcile_store

    docs = {e.split(":")[0] for inc in incidents for e in inc.event_ids}
    docs |= {e.split(":")[0] for e in events}
    reconcile_store(store, docs)


def _log(store: "Store", analyst: str, action: str, kind: str, target: str, payload: dict,
         reason: Optional[str]) -> int:
    return store.add_review_action(analyst, action, kind, target, payload, reason or None)


def confirm(store: "Store", analyst: str, inc: Incident, grade: Optional[str],
            reason: Optional[str]) -> int:
    grade = parse_grade(grade)
    payload = {"events": inc.event_ids} | ({"grade": grade} if grade else {})
    n = _log(store, analyst, "confirm", "incident", inc.id, payload, reason)
    touched(store, [inc])
    return n


def correct(store: "Store", analyst: str, inc: Incident, field: str, text: str,
            reason: Optional[str], keep_order: bool = True) -> int:
    stored = correction(inc, field, text, keep_order)
    payload = {"field": field, "value": stored, "events": inc.event_ids}
    if field in FIGURE_FIELDS:  # what the analyst saw, so a rebuild can tell if reports moved it
        payload["machine"] = machine_value(inc, field)
    n = _log(store, analyst, "correct", "incident", inc.id, payload, reason)
    touched(store, [inc])
    return n


def merge(store: "Store", analyst: str, incs: list[Incident], reason: Optional[str]) -> int:
    ids = list(dict.fromkeys(i.id for i in incs))
    if len(ids) < 2:
        raise ReviewInputError("incidents", "merge needs two different incidents")
    events = sorted({e for i in incs for e in i.event_ids})
    n = _log(store, analyst, "merge", "incident", ids[0], {"incidents": ids, "events": events},
             reason)
    touched(store, incs)
    return n


def split(store: "Store", analyst: str, inc: Incident, events: Iterable[str], new_id: Optional[str],
          reason: Optional[str]) -> tuple[int, str]:
    moved = sorted({e for e in events if e})
    stray = [e for e in moved if e not in inc.event_ids]
    if stray:
        raise ReviewInputError("events", f"not events of {inc.id}: {', '.join(stray)}")
    if not moved or len(moved) == len(inc.event_ids):
        raise ReviewInputError("events", "split needs some, but not all, of the incident's events")
    new = new_id or mint_id("split:" + ",".join(moved))
    if store.incident(new) is not None:
        raise ReviewInputError("new_id", f"incident {new} already exists", status=409)
    n = _log(store, analyst, "split", "incident", inc.id,
             {"events": moved, "new_id": new, "from_events": inc.event_ids}, reason)
    touched(store, [inc])
    return n, new


def reject_claim(store: "Store", analyst: str, claim_id: str, reason: Optional[str]) -> int:
    """``claim_id`` is a stored claim's full id."""
    event = next((c.event for c in store.claims_for_document(claim_id.split(":")[0])
                  if c.id == claim_id), None)
    n = _log(store, analyst, "reject_claim", "claim", claim_id, {"event": event}, reason)
    touched(store, events=[claim_id])
    return n
