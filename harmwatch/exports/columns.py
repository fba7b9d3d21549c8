"""Column types, defined once: CSV readers, Parquet schemas and docs all derive from here.

Why one table: an export is only useful if the file loads with the same types everywhere
(pandas, pyarrow, R, a spreadsheet). Each column names its kind once; ``pandas_dtypes`` /
``arrow_schema`` turn that into what each library wants, so the writers and the documented
dtypes cannot drift apart.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Literal, Sequence

Kind = Literal["string", "int", "float", "date", "json"]

PANDAS_DTYPE: dict[str, str] = {
    "string": "string", "int": "Int64", "float": "float64", "date": "string", "json": "string",
}
"""What ``pandas.read_csv(dtype=...)`` takes per kind (dates: parse with ``parse_dates``)."""


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    doc: str


def pandas_dtypes(columns: Sequence[Column]) -> dict[str, str]:
    """``dtype=`` for ``pandas.read_csv`` (dates are read as text; see ``date_columns``)."""
    return {c.name: PANDAS_DTYPE[c.kind] for c in columns}


def date_columns(columns: Sequence[Column]) -> list[str]:
    return [c.name for c in columns if c.kind == "date"]


def arrow_type(kind: Kind):
    import pyarrow as pa

    return {"string": pa.string(), "int": pa.int64(), "float": pa.float64(),
            "date": pa.date32(), "json": pa.string()}[kind]


def arrow_schema(columns: Sequence[Column]):
    import pyarrow as pa

    return pa.schema([pa.field(c.name, arrow_type(c.kind), nullable=True) for c in columns])


def to_text(value: Any, kind: Kind) -> str:
    """A CSV cell: empty for null, ISO dates, JSON text for nested values."""
    if value is None:
        return ""
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def to_json(value: Any, kind: Kind) -> Any:
    """A GeoJSON / JSON property: dates as ISO text, nested values kept as structures."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def to_arrow(value: Any, kind: Kind) -> Any:
    """A Parquet cell: nested values as JSON text (so every column is a flat type)."""
    if value is None:
        return None
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, default=str)
    return value
