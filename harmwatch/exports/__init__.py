"""Standard exports of reconciled incidents: UCDP GED-like CSV, ACLED-like CSV, GeoJSON,
Parquet and JSONL. Column mappings: ``mappings.py``, documented in ``docs/exports.md``.

``export(format, incidents, path_or_stream)`` is the one entry point the CLI uses.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Iterable, Optional, Union

from ..reconcile.models import Incident
from .columns import Column, arrow_schema, date_columns, pandas_dtypes
from .mappings import columns, row
from .writers import geojson, write_csv, write_geojson, write_jsonl, write_parquet

FORMATS: tuple[str, ...] = ("ucdp-csv", "acled-csv", "geojson", "parquet", "jsonl")
ALIASES = {"csv": "ucdp-csv"}
BINARY = frozenset({"parquet"})

__all__ = ["FORMATS", "ALIASES", "Column", "arrow_schema", "columns", "date_columns", "export",
           "geojson", "pandas_dtypes", "row", "write_csv", "write_geojson", "write_jsonl",
           "write_parquet"]


def canonical(format: str) -> str:
    fmt = ALIASES.get(format, format)
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {format!r}: use one of "
                         f"{', '.join(FORMATS + tuple(ALIASES))}")
    return fmt


def export(format: str, incidents: Iterable[Incident],
           output: Optional[Union[str, Path, IO]] = None) -> int:
    """Write ``incidents`` as ``format`` to a path, an open file, or stdout; the count."""
    fmt = canonical(format)
    if fmt in BINARY:
        if output is None:
            output = sys.stdout.buffer
        return write_parquet(incidents, output if not isinstance(output, Path) else str(output))
    if isinstance(output, (str, Path)):
        with open(output, "w", encoding="utf-8", newline="") as fh:
            return _text(fmt, incidents, fh)
    return _text(fmt, incidents, output or sys.stdout)


def _text(fmt: str, incidents: Iterable[Incident], out: IO[str]) -> int:
    if fmt == "ucdp-csv":
        return write_csv(incidents, out, "ucdp")
    if fmt == "acled-csv":
        return write_csv(incidents, out, "acled")
    if fmt == "geojson":
        return write_geojson(incidents, out)
    return write_jsonl(incidents, out)
