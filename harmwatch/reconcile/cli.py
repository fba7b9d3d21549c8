"""CLI for incidents: list, show, review, export. ``register(app, open_store)`` adds them to harmwatch's.

The database comes from the main app's ``--db`` (its store opener, handed to ``register``: no
circular import). Every review command appends to the audit log first, then re-reconciles
the incidents it touches, so what is shown is what any later re-run will produce.
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import sys
from enum import Enum
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Callable, Iterator, List, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..terminal import OutputFormat, make_console
from . import actions
from .models import MEASURES, Grade, Incident
from .view import _fig, show_incident

console = make_console()
err = Console(stderr=True)
review_app = typer.Typer(help="Analyst review: every decision is audit-logged and replayed on "
                              "each re-run.", no_args_is_help=True)

ANALYST = typer.Option(None, "--analyst", envvar="HARMWATCH_ANALYST",
                       help="Who decides (default: $HARMWATCH_ANALYST, else the login name).")
REASON = typer.Option(None, "--reason", help="Why (kept in the audit log).")


class ExportFormat(str, Enum):
    ucdp_csv = "ucdp-csv"
    csv = "csv"
    acled_csv = "acled-csv"
    geojson = "geojson"
    parquet = "parquet"
    jsonl = "jsonl"


_OPENER: list[Callable[[], Any]] = []
"""The main app's store opener (it honours ``--db``), handed over by :func:`register`."""


def _store():
    if not _OPENER:
        raise RuntimeError("reconcile.cli.register(app, open_store) was not called")
    return _OPENER[-1]()


def _analyst(name: Optional[str]) -> str:
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name (containers): still log something
        return "unknown"


def _fail(message: str, code: int = 2) -> None:
    err.print(message, highlight=False, markup=False)
    raise typer.Exit(code)


# -- loading and filtering -----------------------------------------------------------------

def _date(value: Optional[str], name: str) -> Optional[dt.date]:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{name} must be YYYY-MM-DD, not {value!r}")


def load_incidents(store, *, date_from=None, date_to=None, country=None, actor=None,
                   type=None, min_killed=None, grade=None) -> list[Incident]:
    """Stored incidents matching every filter (dates: the incident's range overlaps)."""
    out = []
    for row in store.iter_incidents():
        inc = Incident.from_row(row)
        start, end = inc.date_start, inc.date_end or inc.date_start
        if date_from and (end is None or end < date_from):
            continue
        if date_to and (start is None or start > date_to):
            continue
        if country and (inc.country or "").upper() != country.upper():
            continue
        if actor and not any(actor.casefold() in a.casefold() for a in inc.actors):
            continue
        if type and inc.type != type:
            continue
        if grade and (inc.grade.value if inc.grade else "").casefold() != grade.casefold():
            continue
        if min_killed is not None:
            top = max((v for v in (inc.killed.high, inc.killed.best, inc.civilians_killed.high)
                       if v is not None), default=None)
            if top is None or top < min_killed:
                continue
        out.append(inc)
    return out


WEAK_EVIDENCE = frozenset({Grade.WEAK, Grade.DISCOUNTED})


def listed(inc: Incident) -> bool:
    """Whether ``incidents`` lists it by default: a reader counts an incident by its harm, or
    by evidence of it from several sources; an event with neither (a lone report of arrests,
    a ceasefire, a strike that hurt no one) is kept, but shown only with ``--all``."""
    harm = any(not inc.figure(m).is_empty() for m in MEASURES)
    return harm or inc.grade not in WEAK_EVIDENCE or inc.status != "unreviewed"


def _resolve_incident(store, ident: str) -> Incident:
    """An incident id or unique prefix; an event or claim id gives its incident."""
    from harmwatch.store import AmbiguousIdError

    try:
        found = store.find(ident)
    except AmbiguousIdError as exc:
        _fail(str(exc))
    if found is None:
        _fail(f"no incident {ident!r}")
    kind, key = found
    if kind == "incident":
        return Incident.from_row(store.get_incident(key))
    if kind in ("event", "claim"):
        event = key if kind == "event" else next(
            (c.event for c in store.claims_for_document(key.split(":")[0]) if c.id == key), None)
        for row in store.iter_incidents():
            if event in (row.get("event_ids") or []):
                return Incident.from_row(row)
    _fail(f"{ident!r} is a {kind}, and no incident contains it")


# -- incidents / incident --------------------------------------------------------------------

def incidents_cmd(
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
    with _store() as store:
        incs = load_incidents(store, date_from=_date(date_from, "--from"),
                              date_to=_date(date_to, "--to"), country=country, actor=actor,
                              type=type, min_killed=min_killed, grade=grade)
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
                  Text(", ".join(inc.actors)), _fig(inc, "killed"),
                  _fig(inc, "civilians_killed"), _fig(inc, "injured"),
                  inc.grade.value if inc.grade else "", str(len(inc.doc_ids)), inc.status)
    console.print(t)


def incident_cmd(
    ident: str = typer.Argument(..., help="Incident id or unique prefix (or an event/claim id)."),
    as_json: bool = typer.Option(False, "--json", help="The whole record as JSON."),
) -> None:
    """One incident: range, grade, timeline and the sentences behind every figure."""
    with _store() as store:
        inc = _resolve_incident(store, ident)
    if as_json:
        sys.stdout.write(inc.model_dump_json(indent=2) + "\n")
    else:
        show_incident(inc, console)


# -- review ------------------------------------------------------------------------------------

@contextmanager
def _refused() -> Iterator[None]:
    """An action's refusal as a usage error (exit 2) naming the option at fault."""
    try:
        yield
    except actions.ReviewInputError as exc:
        _fail(f"Invalid value for --{exc.name.replace('_', '-')}: {exc.reason}")


def _logged(n: int, action: str, target: str) -> None:
    console.print(f"logged review action #{n}: {action} {target}", highlight=False)


@review_app.command("confirm")
def review_confirm(ident: str = typer.Argument(...), grade: Optional[str] = typer.Option(
        None, help="Also set the grade (Confirmed, Fair, Weak, Contested, Discounted)."),
        analyst: Optional[str] = ANALYST, reason: Optional[str] = REASON) -> None:
    """Confirm an incident as it stands (optionally with a grade)."""
    with _refused():
        actions.parse_grade(grade)
    with _store() as store, _refused():
        inc = _resolve_incident(store, ident)
        _logged(actions.confirm(store, _analyst(analyst), inc, grade, reason), "confirm", inc.id)


@review_app.command("correct")
def review_correct(ident: str = typer.Argument(...),
                   field: str = typer.Option(..., "--field", help="e.g. killed_high, grade, "
                                             "type, date_start, place_name, lat."),
                   value: str = typer.Option(..., "--value", help="The right value ('' clears)."),
                   analyst: Optional[str] = ANALYST, reason: Optional[str] = REASON) -> None:
    """Correct one figure or field; the machine value is kept beside it. A count is 0 or more,
    a coordinate stays on the globe, and low <= best <= high must still hold."""
    with _store() as store, _refused():
        inc = _resolve_incident(store, ident)
        _logged(actions.correct(store, _analyst(analyst), inc, field, value, reason),
                "correct", inc.id)


@review_app.command("merge")
def review_merge(idents: List[str] = typer.Argument(..., help="Two or more incidents; the "
                                                    "first id is kept."),
                 analyst: Optional[str] = ANALYST, reason: Optional[str] = REASON) -> None:
    """Merge incidents that are one strike."""
    with _store() as store, _refused():
        incs = [_resolve_incident(store, i) for i in idents]
        _logged(actions.merge(store, _analyst(analyst), incs, reason), "merge", incs[0].id)


@review_app.command("split")
def review_split(ident: str = typer.Argument(...),
                 events: str = typer.Option(..., "--events", help="Comma-separated event ids "
                                            "to move into a new incident."),
                 new_id: Optional[str] = typer.Option(None, help="Id of the new incident."),
                 analyst: Optional[str] = ANALYST, reason: Optional[str] = REASON) -> None:
    """Split events out of an incident into a new one."""
    with _store() as store, _refused():
        inc = _resolve_incident(store, ident)
        moved = []
        for e in (x.strip() for x in events.split(",") if x.strip()):
            try:  # an event id or a unique prefix of one
                found = store.find(e) if e not in inc.event_ids else ("event", e)
            except LookupError as exc:  # an ambiguous prefix
                _fail(str(exc))
            if not found or found[0] != "event" or found[1] not in inc.event_ids:
                _fail(f"{e!r} is not an event of {inc.id} ({', '.join(inc.event_ids)})")
            moved.append(found[1])
        n, new = actions.split(store, _analyst(analyst), inc, moved, new_id, reason)
        _logged(n, "split", inc.id)
        console.print(f"new incident {new}", highlight=False)


@review_app.command("reject-claim")
def review_reject(claim: str = typer.Argument(..., help="Claim id (<doc>:c1, prefix allowed)."),
                  analyst: Optional[str] = ANALYST, reason: Optional[str] = REASON) -> None:
    """Mark a claim as wrong: it no longer counts for figures, timeline or grade."""
    with _store() as store:
        found = store.find(claim)
        if not found or found[0] != "claim":
            _fail(f"no claim {claim!r}")
        _logged(actions.reject_claim(store, _analyst(analyst), found[1], reason),
                "reject_claim", found[1])


@review_app.command("log")
def review_log(ident: Optional[str] = typer.Argument(None, help="Only this incident/claim."),
               as_json: bool = typer.Option(False, "--json", help="JSON lines.")) -> None:
    """The audit log: who decided what, when and why."""
    with _store() as store:
        actions = store.iter_review_actions()
        if ident:
            found = store.find(ident)
            key = found[1] if found else ident
            related = {key}
            if found and found[0] == "incident":
                inc = Incident.from_row(store.get_incident(key))
                related |= {str(r["id"]) for r in inc.review}
            actions = [a for a in actions if a.target_id in related or str(a.id) in related
                       or key in (a.payload.get("incidents") or [])
                       or key == a.payload.get("new_id")]
    if as_json:
        for a in actions:
            sys.stdout.write(json.dumps({**a.__dict__, "created_at": a.created_at.isoformat()},
                                        default=str) + "\n")
        return
    t = Table("#", "when", "analyst", "action", "target", "details", "reason",
              title=f"{len(actions)} review action(s)")
    for a in actions:
        details = {k: v for k, v in a.payload.items() if k not in ("events", "from_events")}
        t.add_row(str(a.id), a.created_at.strftime("%Y-%m-%d %H:%M"), a.analyst, a.action,
                  a.target_id, Text(json.dumps(details, default=str)), Text(a.reason or ""))
    console.print(t)


# -- export ------------------------------------------------------------------------------------

def export_cmd(
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
    from harmwatch.exports import canonical, export

    try:
        fmt = canonical(format.value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc))
    if fmt == "parquet" and output is None:
        raise typer.BadParameter("--format parquet needs --output FILE")
    with _store() as store:
        incs = load_incidents(store, date_from=_date(date_from, "--from"),
                              date_to=_date(date_to, "--to"), country=country,
                              min_killed=min_killed)
    n = export(fmt, incs, output)
    if output:
        err.print(f"{n} incident(s) written to {output}", highlight=False)


# -- registration --------------------------------------------------------------------------

COMMANDS = {"incidents": incidents_cmd, "incident": incident_cmd, "export": export_cmd}


def register(app: typer.Typer, open_store: Callable[[], Any]) -> None:
    """Add ``incidents``, ``incident``, ``review ...`` and ``export`` to ``app`` (replacing
    commands of the same names, so the main app's older ``incidents`` does not shadow ours).
    ``open_store`` is the main app's opener: passed in, so this module never imports
    ``harmwatch.cli`` (no import cycle)."""
    _OPENER.append(open_store)
    def name_of(info) -> str:
        return info.name or (info.callback.__name__.replace("_", "-") if info.callback else "")

    app.registered_commands[:] = [c for c in app.registered_commands
                                  if name_of(c) not in COMMANDS]
    app.registered_groups[:] = [g for g in app.registered_groups if g.name != "review"]
    for name, fn in COMMANDS.items():
        app.command(name)(fn)
    app.add_typer(review_app, name="review")
