"""Turning whatever the reconcile stage hands over into incident rows, and back.

The reconcile stage will define its own Incident model later; until then the store takes
dicts, dataclasses or pydantic models, keeps the known fields in columns (so they can be
filtered and indexed) and everything else in the ``extra`` JSON column, so new fields need
no migration.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Optional, Union

from pydantic import BaseModel
from pydantic_core import to_jsonable_python
from sqlalchemy import Date, DateTime, Row

from .db import as_utc
from .schema import IncidentRow

Links = Optional[Union[Mapping[str, Iterable[str]], Iterable[tuple[str, str]]]]

_TABLE = IncidentRow.__table__
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


def _coerce(name: str, value: Any) -> Any:
    if isinstance(value, str) and name in _DATES:
        return dt.date.fromisoformat(value)
    if isinstance(value, str) and name in _TIMES:
        return dt.datetime.fromisoformat(value)
    return value


def prepare(incidents: Iterable[Any], links: Links, *, now: dt.datetime
            ) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Rows for the incidents table and the (incident_id, event_id) pairs to link."""
    rows, own_links = [], []
    for obj in incidents:
        data = as_dict(obj)
        event_ids = data.pop("event_ids", None) or []
        if not data.get("id"):
            raise ValueError(f"incident without an id: {data!r}")
        row = dict.fromkeys(COLUMNS) | {k: _coerce(k, v) for k, v in data.items() if k in COLUMNS}
        row["actors"] = jsonable(list(row.get("actors") or []))
        row["extra"] = jsonable({k: v for k, v in data.items() if k not in COLUMNS})
        row["updated_at"] = row["updated_at"] or now
        rows.append(row)
        own_links += [(row["id"], e) for e in event_ids]
    ids = [r["id"] for r in rows]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate incident ids")
    if links is None:
        pairs = own_links
    elif isinstance(links, Mapping):
        pairs = [(i, e) for i, events in links.items() for e in events]
    else:
        pairs = [tuple(p) for p in links]
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
