"""Incidents as CSV (UCDP GED / ACLED-like columns) and GeoJSON (pure functions).

Why these columns: analysts load exports next to UCDP GED and ACLED data, so names follow
theirs where a field means the same (``where_prec``, ``date_prec``, ``source_article``...),
with harmwatch's own figures (low/best/high per measure), grade and review state added. The
toll timeline is a JSON string in CSV and a list property in GeoJSON.
"""
from __future__ import annotations

import csv
import json
from typing import Any, Iterable, TextIO

from .models import FIGURE_PARTS, MEASURES, Incident
from .timeline import toll_path

WHERE_PREC = {"point": 1, "neighbourhood": 1, "city": 2, "admin2": 3, "admin1": 4,
              "region": 5, "country": 6}
"""UCDP GED ``where_prec``: 1 exact place … 6 country."""
DATE_PREC = {"day": 1, "week": 2, "month": 3, "year": 4}

CSV_COLUMNS: tuple[str, ...] = (
    "id", "date_start", "date_end", "date_prec", "sub_event_type", "country", "admin1", "where",
    "latitude", "longitude", "where_prec", "actors",
    *(f"{m}_{p}" for m in MEASURES for p in FIGURE_PARTS),
    "grade", "grade_reason", "review_status", "number_of_sources", "number_of_documents",
    "source_article", "source_headline", "source_date", "source_office", "toll_path",
    "timeline", "event_ids",
)


def _sources(inc: Incident) -> dict[str, str]:
    return {
        "source_article": "; ".join(s.url or s.doc_id for s in inc.sources),
        "source_headline": "; ".join(s.title or "" for s in inc.sources),
        "source_date": "; ".join(s.published.isoformat() if s.published else ""
                                 for s in inc.sources),
        "source_office": "; ".join(dict.fromkeys(s.publisher for s in inc.sources
                                                 if s.publisher)),
    }


def record(inc: Incident) -> dict[str, Any]:
    """One flat record: the CSV row and the GeoJSON properties share it."""
    row: dict[str, Any] = {
        "id": inc.id,
        "date_start": inc.date_start.isoformat() if inc.date_start else None,
        "date_end": inc.date_end.isoformat() if inc.date_end else None,
        "date_prec": DATE_PREC.get(inc.date_precision or ""),
        "sub_event_type": inc.type, "country": inc.country, "admin1": inc.admin1,
        "where": inc.place_name, "latitude": inc.lat, "longitude": inc.lon,
        "where_prec": WHERE_PREC.get(inc.place_precision or ""),
        "actors": "; ".join(inc.actors),
        "grade": inc.grade.value if inc.grade else None, "grade_reason": inc.grade_reason,
        "review_status": inc.status,
        "number_of_sources": len({s.publisher or s.url or s.doc_id for s in inc.sources}),
        "number_of_documents": len(inc.doc_ids),
        "toll_path": toll_path(inc.timeline),
        "timeline": [p.model_dump(mode="json") for p in inc.timeline],
        "event_ids": "; ".join(inc.event_ids),
    }
    for m in MEASURES:
        fig = inc.figure(m)
        for p in FIGURE_PARTS:
            row[f"{m}_{p}"] = getattr(fig, p)
    row.update(_sources(inc))
    return {c: row.get(c) for c in CSV_COLUMNS}


def write_csv(incidents: Iterable[Incident], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for inc in incidents:
        row = record(inc)
        row["timeline"] = json.dumps(row["timeline"], ensure_ascii=False)
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        n += 1
    return n


def geojson(incidents: Iterable[Incident]) -> dict[str, Any]:
    """A FeatureCollection; incidents without coordinates have a null geometry (RFC 7946)."""
    features = []
    for inc in incidents:
        props = record(inc)
        geometry = None
        if inc.lat is not None and inc.lon is not None:
            geometry = {"type": "Point", "coordinates": [inc.lon, inc.lat]}
        features.append({"type": "Feature", "id": inc.id, "geometry": geometry,
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}
