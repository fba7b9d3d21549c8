"""``harmwatch incidents``, ``incident`` and ``export``: reading the reconciled record.

Filters are the store's ``IncidentQuery`` (the API's ``GET /incidents`` uses the same), so
the CLI and the web desk always list the same incidents.
"""
from __future__ import annotations

import datetime as dt
import sys
from enum import Enum
from pathlib import Path
from typing import NoReturn, Optional

import typer
from rich.table import Table
from rich.text import Text

from ..models import MEASURES, Grade, Incident
from ..reconcile.view import figure_cell, show_incident
from ..store import IncidentQuery
from ..terminal import OutputFormat
from .common import console, err, open_store, usage_error

WEAK_EVIDENCE = frozenset({Grade.WEAK, Grade.DISCOUNTED})


class ExportFormat(str, Enum):
    ucdp_csv = "ucdp-csv"
    csv = "csv"
    acled_csv = "acled-csv"
    geojson = "geojson"
    parquet = "parquet"
    jsonl = "jsonl"


def parse_date(value: Optional[str], name: str) -> Optional[dt.date]:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{name} must be YYYY-MM-DD, not {value!r}")


def listed(inc: Incident) -> bool:
    """Whether ``incidents`` lists it by default: a reader counts an incident by its harm, or
    by evidence of it from several sources; an event with neither (a lone report of arrests,
    a ceasefire, a strike that hurt no one) is kept, but shown only with ``--all``."""
    harm = any(not inc.figure(m).is_empty() for m in MEASURES)
    return harm or inc.grade not in WEAK_EVIDENCE or inc.status != "unreviewed"


def resolve_incident(store, ident: str) -> Incident:
    """An incident id or unique prefix; an event or claim id gives its incident. A usage
    error (exit 2) when nothing fits."""
    from ..store import AmbiguousIdError

    def fail(message: str) -> NoReturn:
        raise usage_error(message)

    try:
        found = store.find(ident)
    except AmbiguousIdError as exc:
        fail(str(exc))
    if found is None:
        fail(f"no incident {ident!r}")
    kind, key = found
    if kind == "incident":
        return store.incident(key)
    if kind in ("event", "claim"):
        event = key if kind == "event" else next(
            (c.event for c in store.claims_for_document(key.split(":")[0]) if c.id == key), None)
        for inc in store.incidents():
            if event in inc.event_ids:
                return inc
    fail(f"{ident!r} is a {kind}, and no incident contains it")


def incidents_cmd(
    ctx: typer.Context,
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="table or jsonl."),
    date_from: Optional[str] = typer.Option(None, "--from", help="Earliest date (YYYY-MM-DD)."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Latest date (YYYY-MM-DD)."),
    country: Optional[str] = typer.Option(None, help="ISO 3166-1 alpha-2 code."),
    actor: Optional[str] = typer.Option(None, help="Actor name (substring)."),
    type: Optional[str] = typer.Option(None, "--type", help="ACLED sub-event type, exactly."),
    min_killed: Optional[int] = typer.Option(None, help="At least this many killed (high)."),
    grade: Optional[str] = typer.Option(None, help="Confirmed, Fair, Weak, Contested, Discounted."),
    show_all: bool = typer.Option(False, "--all", help="Also list events without harm and "
                                  "with weak evidence (hidden by default)."),
) -> None:
    """Reconciled incidents: place, date, type, actors, killed low–best–high, grade.
    Events with no reported harm and weak evidence are hidden unless ``--all``."""
    query = IncidentQuery(date_from=parse_date(date_from, "--from"),
                          date_to=parse_date(date_to, "--to"), country=country, actor=actor,
                          type=type, min_killed=min_killed, grade=grade)
    with open_store(ctx) as store:
        incs = store.incidents(query)
    hidden = 0 if show_all else sum(not listed(i) for i in incs)
    if not show_all:
        incs = [i for i in incs if listed(i)]
    if format == OutputFormat.jsonl:
        for inc in incs:
            sys.stdout.write(inc.model_dump_json() + "\n")
        return
    t = Table("id", "date", "type", "place", "actors", "killed", "civilians", "injured",
              "grade", "reports", "review", title=f"{len(incs)} incident(s)",
              caption=(f"{hidden} event(s) without harm and with weak evidence hidden "
                       f"(--all shows them)") if hidden else None)
    for inc in incs:
        place = ", ".join(x for x in (inc.place_name, inc.country) if x)
        t.add_row(inc.id, str(inc.date_start or ""), inc.type or "", place,
                  Text(", ".join(inc.actors)), figure_cell(inc, "killed"),
                  figure_cell(inc, "civilians_killed"), figure_cell(inc, "injured"),
                  inc.grade.value if inc.grade else "", str(len(inc.doc_ids)),
                  inc.status + ("!" if inc.contradicted else ""))
    console.print(t)


def incident_cmd(
    ctx: typer.Context,
    ident: str = typer.Argument(..., help="Incident id or unique prefix (or an event/claim id)."),
    as_json: bool = typer.Option(False, "--json", help="The whole record as JSON."),
) -> None:
    """One incident: range, grade, timeline and the sentences behind every figure."""
    with open_store(ctx) as store:
        inc = resolve_incident(store, ident)
    if as_json:
        sys.stdout.write(inc.model_dump_json(indent=2) + "\n")
    else:
        show_incident(inc, console)


def export_cmd(
    ctx: typer.Context,
    format: ExportFormat = typer.Option(ExportFormat.ucdp_csv, "--format", "-f",
                                        help="ucdp-csv (alias csv), acled-csv, geojson, parquet, jsonl."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File (default stdout)."),
    date_from: Optional[str] = typer.Option(None, "--from", help="Earliest date (YYYY-MM-DD)."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Latest date (YYYY-MM-DD)."),
    country: Optional[str] = typer.Option(None, help="ISO 3166 alpha-2 code, e.g. SD."),
    min_killed: Optional[int] = typer.Option(None, help="Only incidents with at least this many killed."),
) -> None:
    """Export incidents: UCDP GED or ACLED-style CSV, GeoJSON, Parquet or JSONL
    (column mappings in docs/exports.md)."""
    from ..exports import canonical, export

    try:
        fmt = canonical(format.value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc))
    if fmt == "parquet" and output is None:
        raise typer.BadParameter("--format parquet needs --output FILE")
    query = IncidentQuery(date_from=parse_date(date_from, "--from"),
                          date_to=parse_date(date_to, "--to"), country=country,
                          min_killed=min_killed)
    with open_store(ctx) as store:
        incs = store.incidents(query)
    n = export(fmt, incs, output)
    if output:
        err.print(f"{n} incident(s) written to {output}", highlight=False)
