"""Reads the CLI has no single call for: filtered, sorted, cursor-paginated incidents,
documents without their texts, places and actors.

Incidents are filtered with the store's ``IncidentQuery`` (the CLI's own filters, so
``harmwatch incidents`` and ``GET /incidents`` agree) plus admin1 and a text search. Pages
use a keyset cursor (the last item's sort key and id), so adding incidents never shifts a
page; the cursor is opaque base64url JSON.
"""
from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any, Optional

from ..models import DocumentSummary, Incident
from ..store import IncidentQuery, Store
from .problems import Problem

SORTS = ("date", "-date", "killed", "-killed", "id", "updated", "-updated")


@dataclass(frozen=True)
class IncidentFilters(IncidentQuery):
    """The store's filters (``IncidentQuery``) and the API's own two: the admin1 name (any
    case) and words found anywhere in the incident, its sources' titles and sentences."""

    admin1: Optional[str] = None
    q: Optional[str] = None

    def matches(self, inc: Incident) -> bool:
        if not super().matches(inc):
            return False
        if self.admin1 and (inc.admin1 or "").casefold() != self.admin1.casefold():
            return False
        return not self.q or all(w in _haystack(inc) for w in self.q.casefold().split())


def _haystack(inc: Incident) -> str:
    parts = [inc.id, inc.type, inc.place_name, inc.admin1, inc.country, *inc.actors,
             inc.grade_reason]
    for s in inc.sources:
        parts += [s.title, s.publisher, *s.event_sentences]
    return " ".join(p for p in parts if p).casefold()


def filter_incidents(store: Store, f: IncidentFilters) -> list[Incident]:
    return store.incidents(f)


def _key(inc: Incident, sort: str) -> list:
    """A JSON-able, totally ordered key; missing values sort last either way."""
    field, desc = sort.lstrip("-"), sort.startswith("-")
    v: Optional[float]
    if field == "date":
        v = inc.date_start.toordinal() if inc.date_start else None
    elif field == "killed":
        v = next((x for x in (inc.killed.best, inc.killed.high, inc.killed.low)
                  if x is not None), None)
    elif field == "updated":
        v = inc.updated_at.timestamp() if inc.updated_at else None
    else:
        return [0, 0, "", inc.id]
    if v is None:
        return [1, 0, "", inc.id]
    return [0, -v if desc else v, "", inc.id]


def _cmp_key(key: list) -> tuple:
    return tuple(key[:3]) + (key[3],)


def encode_cursor(key: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> list:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        key = None
    if (not isinstance(key, list) or len(key) != 4 or not isinstance(key[0], int)
            or not isinstance(key[1], (int, float)) or not isinstance(key[2], str)
            or not isinstance(key[3], str)):
        raise Problem(400, "the cursor is not one this server gave out",
                      invalid_params=[{"name": "query.cursor", "reason": "malformed cursor"}])
    return key


def page(incs: list[Incident], sort: str, limit: int, cursor: Optional[str]
         ) -> tuple[list[Incident], Optional[str]]:
    keyed = sorted(((_key(i, sort), i) for i in incs), key=lambda p: _cmp_key(p[0]))
    if cursor:
        after = _cmp_key(decode_cursor(cursor))
        try:
            keyed = [p for p in keyed if _cmp_key(p[0]) > after]
        except TypeError:  # a cursor from another sort order
            raise Problem(400, "the cursor belongs to another sort order",
                          invalid_params=[{"name": "query.cursor", "reason": "wrong sort"}])
    chosen = keyed[:limit]
    nxt = encode_cursor(chosen[-1][0]) if len(keyed) > limit else None
    return [i for _, i in chosen], nxt


# -- documents ---------------------------------------------------------------------------------

def list_documents(store: Store, *, limit: int, cursor: Optional[str], q: Optional[str] = None
                   ) -> tuple[list[DocumentSummary], Optional[str]]:
    """Documents by id without their text, with how many claims each has."""
    rows = store.document_summaries(limit=limit + 1, after=cursor, title=q)
    nxt = rows[limit - 1].id if len(rows) > limit else None
    return rows[:limit], nxt


# -- places and actors -------------------------------------------------------------------------

def places(incs: list[Incident]) -> list[dict[str, Any]]:
    """Every place incidents happened at, with how many incidents and killed (best)."""
    out: dict[tuple, dict[str, Any]] = {}
    for i in incs:
        if not (i.place_name or i.country):
            continue
        key = (i.country, i.admin1, i.place_name)
        p = out.setdefault(key, {"country": i.country, "admin1": i.admin1, "name": i.place_name,
                                 "lat": i.lat, "lon": i.lon, "precision": i.place_precision,
                                 "incidents": 0, "killed_best": 0})
        p["incidents"] += 1
        p["killed_best"] += i.killed.best or 0
    return sorted(out.values(), key=lambda p: (-p["incidents"], str(p["name"])))


def actors(incs: list[Incident]) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for i in incs:
        for a in dict.fromkeys(i.actors):
            x = out.setdefault(a, {"name": a, "incidents": 0, "killed_best": 0})
            x["incidents"] += 1
            x["killed_best"] += i.killed.best or 0
    return sorted(out.values(), key=lambda a: (-a["incidents"], a["name"]))
