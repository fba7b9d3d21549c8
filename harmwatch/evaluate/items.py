"""Reading an eval file: one JSON object a line, ``gold`` kept apart from the document.

The eval files live in ``../shared/eval`` and are third-party data: they are read from there,
never copied. The extractor only ever sees :func:`to_document` of an item, so it cannot peek at
the gold.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Literal, Optional

from harmwatch.models import Document

Kind = Literal["claims", "incidents", "subtypes", "clusters", "acled"]

# Which gold key tells which kind of file (FORMAT.md): claim-level news, Airwars incidents,
# CASE 2021 subtype labels; and harmwatch's own clustering file (gold incident id per report).
_KIND_KEYS: tuple[tuple[str, Kind], ...] = (
    ("incident", "clusters"),
    ("fatalities", "acled"),
    ("casualties", "claims"),
    ("killed_low", "incidents"),
    ("subtype", "subtypes"),
)


@dataclass(frozen=True)
class EvalItem:
    id: str
    text: str
    gold: dict[str, Any] = field(default_factory=dict)
    published: Optional[dt.date] = None
    title: Optional[str] = None
    url: Optional[str] = None


def _date(value: Any) -> Optional[dt.date]:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _incident_ranges(path: Path) -> dict[str, dict[str, Any]]:
    """``recon-dev.jsonl`` → ``recon-dev-incidents.json`` beside it (multi-report gold), if any."""
    sibling = path.with_name(path.stem + "-incidents.json")
    if not sibling.is_file():
        return {}
    with open(sibling, encoding="utf-8") as fh:
        data = json.load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"{sibling}: expected an object of incidents")
    return data


def _gold(obj: dict[str, Any], incidents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``gold``, or for multi-report files the report's top-level ``incident`` (and
    ``near_miss_of``) with that incident's killed range from the incidents file."""
    gold = dict(obj.get("gold") or {})
    if "incident" in obj and "incident" not in gold:
        gold["incident"] = obj["incident"]
        if obj.get("near_miss_of"):
            gold["near_miss_of"] = obj["near_miss_of"]
    inc = incidents.get(str(gold.get("incident")))
    if inc is not None:
        gold.setdefault("killed_range", [inc.get("killed_low"), inc.get("killed_high")])
        gold.setdefault("incident_reports", list(inc.get("reports") or []))
    return gold


def load_eval_file(path: str | Path) -> list[EvalItem]:
    """Items in file order; blank lines are skipped, a malformed line raises with its number."""
    incidents = _incident_ranges(Path(path))
    items: list[EvalItem] = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON: {exc}") from exc
            items.append(EvalItem(
                id=str(obj.get("id") or f"line-{n}"),
                text=obj.get("text") or "",
                gold=_gold(obj, incidents),
                published=_date(obj.get("published")),
                title=obj.get("title"),
                url=obj.get("url"),
            ))
    return items


def detect_kind(items: Iterable[EvalItem]) -> Kind:
    """The kind every item's gold agrees on; a mixed or unknown file is an error, not a guess."""
    kinds = set()
    for item in items:
        kind = next((k for key, k in _KIND_KEYS if key in item.gold), None)
        if kind is None:
            raise ValueError(f"item {item.id}: gold has none of {[k for k, _ in _KIND_KEYS]}")
        kinds.add(kind)
    if len(kinds) != 1:
        raise ValueError(f"cannot tell the eval file kind: {sorted(kinds) or 'no items'}")
    return kinds.pop()


def to_document(item: EvalItem) -> Document:
    """What the extractor is given: the passage and its metadata, never the gold."""
    return Document(id=item.id, text=item.text, title=item.title, url=item.url,
                    published=item.published, format="jsonl")
