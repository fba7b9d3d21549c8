"""Incident rows: what the store writes for an incident, and which incidents a query selects.

The store takes ``Incident`` records (``models.py``; also dicts, dataclasses or other pydantic
models), keeps the known fields in columns (so they can be filtered and indexed) and
everything else in the ``extra`` JSON column, so new fields need no migration.
``IncidentQuery`` is the one definition of the incident filters, shared by ``harmwatch
incidents``/``export`` and the API's ``GET /incidents``, so they always agree.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Optional, Union

from pydantic import BaseModel
from pydantic_core import to_jsonable_python
from sqlalchemy import Date, DateTime, Row

from ..models import Incident
from .db import as_utc
from .schema import IncidentRow, table_of

Links = Optional[Union[Mapping[str, Iterable[str]], Iterable[tuple[str, str]]]]

_TABLE = table_of(IncidentRow)
COLUMNS = {c.name for c in _TABLE.columns} - {"extra"}
_DATES = {c.name for c in _TABLE.columns if isinstance(c.type, Date)}
_TIMES = {c.name for c in _TABLE.columns if isinstance(c.type, DateTime)}


def jsonable(value: Any) -> Any:
    """Dates, tuples, models ... as plain JSON values (what a JSON column can hold)."""
    return to_jsonable_python(value)


def as_dict(obj: Any) -> dict[str, Any]:
    if isinstance(obj, BaseModel):
        return obj.model_dump()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    if isinstance(obj, Mapping):
        return dict(obj)
    raise TypeError(f"an incident must be a dict, dataclass or pydantic model, not {obj!r}")


def _from_json(name: str, value: Any) -> Any:
    """A stored ISO string back to the date or time the column holds."""
    if isinstance(value, str) and name in _DATES:
        return dt.date.fromisoformat(value)
    if isinstance(value, str) and name in _TIMES:
        return dt.datetime.fromisoformat(value)
    return value


def prepare(incidents: Iterable[Any], links: Links, *, now: dt.datetime
            ) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Rows for the incidents table and the (incident_id, event_id) pairs to link."""
    rows: list[dict[str, Any]] = []
    own_links: list[tuple[str, str]] = []
    for obj in incidents:
        data = as_dict(obj)
        event_ids = data.pop("event_ids", None) or []
        if not data.get("id"):
            raise ValueError(f"incident without an id: {data!r}")
        row = dict.fromkeys(COLUMNS) | {k: _from_json(k, v) for k, v in data.items() if k in COLUMNS}
        row["actors"] = jsonable(list(row.get("actors") or []))
        row["extra"] = jsonable({k: v for k, v in data.items() if k not in COLUMNS})
        row["updated_at"] = row["updated_at"] or now
        rows.append(row)
        own_links += [(str(row["id"]), str(e)) for e in event_ids]
    ids = [r["id"] for r in rows]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate incident ids")
    if links is None:
        pairs = own_links
    elif isinstance(links, Mapping):
        pairs = [(i, e) for i, events in links.items() for e in events]
    else:
        pairs = [(i, e) for i, e in links]
    unknown = sorted({i for i, _ in pairs} - set(ids))
    if unknown:
        raise ValueError(f"links name incidents not being written: {unknown}")
    return rows, list(dict.fromkeys(pairs))


def to_dicts(rows: Iterable[Row], links: Iterable[Row]) -> list[dict[str, Any]]:
    by_incident: dict[str, list[str]] = {}
    for link in links:
        by_incident.setdefault(link.incident_id, []).append(link.event_id)
    out = []
    for r in rows:
        d = r._asdict()
        extra = d.pop("extra") or {}
        d["updated_at"] = as_utc(d["updated_at"])
        d.update(extra)
        d["event_ids"] = by_incident.get(r.id, [])
        out.append(d)
    return out


@dataclasses.dataclass(frozen=True)
class IncidentQuery:
    """Filters over stored incidents; every one given must hold (dates: the ranges overlap)."""

    date_from: Optional[dt.date] = None
    date_to: Optional[dt.date] = None
    country: Optional[str] = None
    """ISO alpha-2, any case."""
    actor: Optional[str] = None
    """A case-insensitive substring of one actor."""
    type: Optional[str] = None
    """An ACLED sub-event type, exactly."""
    min_killed: Optional[int] = None
    """The highest of killed high, killed best and civilians killed high is at least this."""
    grade: Optional[str] = None
    """A grade name, any case."""

    def matches(self, inc: Incident) -> bool:
        start, end = inc.date_start, inc.date_end or inc.date_start
        if self.date_from and (end is None or end < self.date_from):
            return False
        if self.date_to and (start is None or start > self.date_to):
            return False
        if self.country and (inc.country or "").upper() != self.country.upper():
            return False
        if self.actor and not any(self.actor.casefold() in a.casefold() for a in inc.actors):
            return False
        if self.type and inc.type != self.type:
            return False
        if self.grade and (inc.grade.value if inc.grade else "").casefold() != self.grade.casefold():
            return False
        if self.min_killed is not None:
            top = max((v for v in (inc.killed.high, inc.killed.best, inc.civilians_killed.high)
                       if v is not None), default=None)
            if top is None or top < self.min_killed:
                return False
        return True
