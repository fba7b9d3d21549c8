"""``harmwatch review ...``: analyst decisions, each audit-logged and replayed on every re-run.

Every command appends to the audit log first, then re-reconciles the incidents it touches
(``reconcile.actions``, shared with the API), so what is shown is what any later re-run will
produce. This module only resolves ids and turns a refused input into a usage error.
"""
from __future__ import annotations

import getpass
import json
import sys
from contextlib import contextmanager
from typing import Iterator, List, Optional

import typer
from rich.table import Table
from rich.text import Text

from ..reconcile import actions
from .common import console, open_store, usage_error
from .incidents import resolve_incident

review_app = typer.Typer(help="Analyst review: every decision is audit-logged and replayed on "
                              "each re-run.", no_args_is_help=True)

ANALYST = typer.Option(None, "--analyst", envvar="HARMWATCH_ANALYST",
                       help="Who decides (default: $HARMWATCH_ANALYST, else the login name).")
REASON = typer.Option(None, "--reason", help="Why (kept in the audit log).")


def _analyst(name: Optional[str]) -> str:
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name (containers): still log something
        return "unknown"


@contextmanager
def _refused() -> Iterator[None]:
    """An action's refusal as a usage error (exit 2) naming the option at fault."""
    try:
        yield
    except actions.ReviewInputError as exc:
        raise usage_error(f"Invalid value for --{exc.name.replace('_', '-')}: {exc.reason}")


def _logged(n: int, action: str, target: str) -> None:
    console.print(f"logged review action #{n}: {action} {target}", highlight=False)


@review_app.command("confirm")
def review_confirm(ctx: typer.Context, ident: str = typer.Argument(...),
                   grade: Optional[str] = typer.Option(
                       None, help="Also set the grade (Confirmed, Fair, Weak, Contested, Discounted)."),
                   analyst: Optional[str] = ANALYST, reason: Optional[str] = REASON) -> None:
    """Confirm an incident as it stands (optionally with a grade)."""
    with _refused():
        actions.parse_grade(grade)
    with open_store(ctx) as store, _refused():
        inc = resolve_incident(store, ident)
        _logged(actions.confirm(store, _analyst(analyst), inc, grade, reason), "confirm", inc.id)


@review_app.command("correct")
def review_correct(ctx: typer.Context, ident: str = typer.Argument(...),
                   field: str = typer.Option(..., "--field", help="e.g. killed_high, grade, "
                                             "type, date_start, place_name, lat."),
                   value: str = typer.Option(..., "--value", help="The right value ('' clears)."),
                   analyst: Optional[str] = ANALYST, reason: Optional[str] = REASON) -> None:
    """Correct one figure or field; the machine value is kept beside it. A count is 0 or more,
    a coordinate stays on the globe, and low <= best <= high must still hold."""
    with open_store(ctx) as store, _refused():
        inc = resolve_incident(store, ident)
        _logged(actions.correct(store, _analyst(analyst), inc, field, value, reason),
                "correct", inc.id)


@review_app.command("merge")
def review_merge(ctx: typer.Context,
                 idents: List[str] = typer.Argument(..., help="Two or more incidents; the "
                                                    "first id is kept."),
                 analyst: Optional[str] = ANALYST, reason: Optional[str] = REASON) -> None:
    """Merge incidents that are one strike."""
    with open_store(ctx) as store, _refused():
        incs = [resolve_incident(store, i) for i in idents]
        _logged(actions.merge(store, _analyst(analyst), incs, reason), "merge", incs[0].id)


@review_app.command("split")
def review_split(ctx: typer.Context, ident: str = typer.Argument(...),
                 events: str = typer.Option(..., "--events", help="Comma-separated event ids "
                                            "to move into a new incident."),
                 new_id: Optional[str] = typer.Option(None, help="Id of the new incident."),
                 analyst: Optional[str] = ANALYST, reason: Optional[str] = REASON) -> None:
    """Split events out of an incident into a new one."""
    with open_store(ctx) as store, _refused():
        inc = resolve_incident(store, ident)
        moved = []
        for e in (x.strip() for x in events.split(",") if x.strip()):
            try:  # an event id or a unique prefix of one
                found = store.find(e) if e not in inc.event_ids else ("event", e)
            except LookupError as exc:  # an ambiguous prefix
                raise usage_error(str(exc))
            if not found or found[0] != "event" or found[1] not in inc.event_ids:
                raise usage_error(f"{e!r} is not an event of {inc.id} ({', '.join(inc.event_ids)})")
            moved.append(found[1])
        n, new = actions.split(store, _analyst(analyst), inc, moved, new_id, reason)
        _logged(n, "split", inc.id)
        console.print(f"new incident {new}", highlight=False)


@review_app.command("reject-claim")
def review_reject(ctx: typer.Context,
                  claim: str = typer.Argument(..., help="Claim id (<doc>:c1, prefix allowed)."),
                  analyst: Optional[str] = ANALYST, reason: Optional[str] = REASON) -> None:
    """Mark a claim as wrong: it no longer counts for figures, timeline or grade."""
    with open_store(ctx) as store:
        found = store.find(claim)
        if not found or found[0] != "claim":
            raise usage_error(f"no claim {claim!r}")
        _logged(actions.reject_claim(store, _analyst(analyst), found[1], reason),
                "reject_claim", found[1])


@review_app.command("log")
def review_log(ctx: typer.Context,
               ident: Optional[str] = typer.Argument(None, help="Only this incident/claim."),
               as_json: bool = typer.Option(False, "--json", help="JSON lines.")) -> None:
    """The audit log: who decided what, when and why."""
    with open_store(ctx) as store:
        log = store.iter_review_actions()
        if ident:
            found = store.find(ident)
            key = found[1] if found else ident
            related = {key}
            if found and found[0] == "incident":
                inc = store.incident(key)
                related |= {str(r["id"]) for r in (inc.review if inc else [])}
            log = [a for a in log if a.target_id in related or str(a.id) in related
                   or key in (a.payload.get("incidents") or [])
                   or key == a.payload.get("new_id")]
    if as_json:
        for a in log:
            sys.stdout.write(json.dumps({**a.model_dump(), "created_at": a.created_at.isoformat()},
                                        default=str) + "\n")
        return
    t = Table("#", "when", "analyst", "action", "target", "details", "reason",
              title=f"{len(log)} review action(s)")
    for a in log:
        details = {k: v for k, v in a.payload.items() if k not in ("events", "from_events")}
        t.add_row(str(a.id), a.created_at.strftime("%Y-%m-%d %H:%M"), a.analyst, a.action,
                  a.target_id, Text(json.dumps(details, default=str)), Text(a.reason or ""))
    console.print(t)
