"""Review actions over HTTP: the same :mod:`harmwatch.reconcile.actions` as ``harmwatch
review``, so the API and the CLI write one audit log that every re-run replays. The analyst is
always the token's name; refused input becomes a problem naming the body field.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, Optional, Union

from ..reconcile import actions
from ..models import Incident, ReviewAction
from ..store import AmbiguousIdError
from .problems import Problem

Value = Union[str, int, float, None]


@contextmanager
def _as_problem() -> Iterator[None]:
    """An action's refusal as a problem naming the body field at fault."""
    try:
        yield
    except actions.ReviewInputError as exc:
        raise Problem(exc.status, f"body.{exc.name}: {exc.reason}",
                      invalid_params=[{"name": f"body.{exc.name}", "reason": exc.reason}])


def get_incident(store, ident: str) -> Incident:
    inc = store.incident(ident)
    if inc is None:
        raise Problem(404, f"no incident {ident!r}")
    return inc


def confirm(store, analyst: str, ident: str, grade: Optional[str], reason: Optional[str]) -> int:
    with _as_problem():
        actions.parse_grade(grade)  # a bad grade is refused before a missing incident
        return actions.confirm(store, analyst, get_incident(store, ident), grade, reason)


def correct(store, analyst: str, ident: str, field: str, value: Value,
            reason: Optional[str]) -> int:
    with _as_problem():
        # the API never required low <= best <= high (its tests correct best above high): kept
        return actions.correct(store, analyst, get_incident(store, ident), field,
                               "" if value is None else str(value), reason, keep_order=False)


def merge(store, analyst: str, idents: list[str], reason: Optional[str]) -> int:
    with _as_problem():
        return actions.merge(store, analyst, [get_incident(store, i) for i in idents], reason)


def split(store, analyst: str, ident: str, events: list[str], new_id: Optional[str],
          reason: Optional[str]) -> tuple[int, str]:
    with _as_problem():
        return actions.split(store, analyst, get_incident(store, ident), events, new_id, reason)


def reject_claim(store, analyst: str, claim_id: str, reason: Optional[str]) -> int:
    try:
        found = store.find(claim_id)
    except AmbiguousIdError as exc:
        raise Problem(404, str(exc))
    if not found or found[0] != "claim":
        raise Problem(404, f"no claim {claim_id!r}")
    return actions.reject_claim(store, analyst, found[1], reason)


def trail(store, inc: Incident) -> list[ReviewAction]:
    """The audit entries of one incident (as ``harmwatch review log ID`` selects them)."""
    related = {inc.id} | {str(r.get("id")) for r in inc.review}
    claims = {c.id for e in inc.event_ids for c in store.claims_for_event(e)}
    out = []
    for a in store.iter_review_actions():
        if (a.target_id in related or str(a.id) in related or a.target_id in claims
                or inc.id in (a.payload.get("incidents") or []) or inc.id == a.payload.get("new_id")):
            out.append(a)
    return out
