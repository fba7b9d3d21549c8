"""Writers: CSV (UCDP or ACLED layout), GeoJSON, Parquet, JSONL.

Why streaming writers: an export of years of incidents should not need them all in memory
twice; CSV and JSONL write row by row, Parquet in batches (row groups), GeoJSON feature by
feature. Each returns the number of incidents written.
"""
from __future__ import annotations

import csv
import json
from itertools import islice
from typing import IO, Iterable

from ..reconcile.models import Incident
from .columns import arrow_schema, to_arrow, to_json, to_text
from .mappings import columns, row


def write_csv(incidents: Iterable[Incident], out: IO[str], layout: str = "ucdp") -> int:
    cols = columns(layout)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in cols])
    n = 0
    for inc in incidents:
        r = row(inc, layout)
        writer.writerow([to_text(r[c.name], c.kind) for c in cols])
        n += 1
    return n


def feature(inc: Incident, layout: str = "ucdp") -> dict:
    """A GeoJSON Feature; no coordinates → null geometry (allowed by RFC 7946)."""
    r = row(inc, layout)
    props = {c.name: to_json(r[c.name], c.kind) for c in columns(layout)}
    geometry = None
    if inc.lat is not None and inc.lon is not None:
        geometry = {"type": "Point", "coordinates": [inc.lon, inc.lat]}
    return {"type": "Feature", "id": inc.id, "geometry": geometry, "properties": props}


def geojson(incidents: Iterable[Incident], layout: str = "ucdp") -> dict:
    return {"type": "FeatureCollection", "features": [feature(i, layout) for i in incidents]}


def write_geojson(incidents: Iterable[Incident], out: IO[str], layout: str = "ucdp") -> int:
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for inc in incidents:
        if n:
            out.write(",\n")
        out.write(json.dumps(feature(inc, layout), ensure_ascii=False, default=str))
        n += 1
    out.write("\n]}\n")
    return n


def write_jsonl(incidents: Iterable[Incident], out: IO[str]) -> int:
    """The whole incident record per line (every claim ref kept): lossless."""
    n = 0
    for inc in incidents:
        out.write(inc.model_dump_json() + "\n")
        n += 1
    return n


def write_parquet(incidents: Iterable[Incident], out, layout: str = "ucdp",
                  batch: int = 5000) -> int:
    """Typed columns (int64, float64, date32, string); nested values as JSON text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = columns(layout)
    schema = arrow_schema(cols)
    it = iter(incidents)
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        while True:
            chunk = list(islice(it, batch))
            if not chunk and n:
                break
            rows = [row(i, layout) for i in chunk]
            data = {c.name: [to_arrow(r[c.name], c.kind) for r in rows] for c in cols}
            writer.write_table(pa.Table.from_pydict(data, schema=schema))
            n += len(chunk)
            if not chunk:
                break
    return n
