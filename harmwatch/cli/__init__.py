"""The ``harmwatch`` command (Typer + Rich): the app, its ``--db`` option and its error handling.

The commands live in the modules of this package (``ingest``, ``show``, ``incidents``,
``review``, ``evaluation``) and in the packages they front (``watch.cli``, ``api.cli``,
``train.cli``); each reads the run's ``CliContext`` from Typer's context (``ctx.obj``: the
database, the command), so none imports this module and no state is global.
"""
from __future__ import annotations

from typing import Optional

import typer
from typer.core import TyperGroup

from ..errors import HarmwatchError, OutputError, database_error
from .common import CliContext, fail

HELP = "The ``harmwatch`` command: ingest, extract, list incidents, show sources, evaluate."


def _hoist_db(args: list[str]) -> list[str]:
    """Move ``--db X`` / ``--db=X`` found after a command name to the front, where the main
    callback reads it: the README shows ``harmwatch incidents --db x.db``."""
    front, rest, i = [], [], 0
    while i < len(args):
        a = args[i]
        if a == "--":
            rest += args[i:]
            break
        if a == "--db" and i + 1 < len(args):
            front += args[i : i + 2]
            i += 2
            continue
        if a.startswith("--db="):
            front.append(a)
        else:
            rest.append(a)
        i += 1
    return front + rest


def _command_name(args: list[str]) -> str:
    """The command being run ("ingest", "review log"), read off the arguments."""
    words = [a for a in args if not a.startswith("-")]
    db_values = {args[i + 1] for i, a in enumerate(args[:-1]) if a == "--db"}
    words = [w for w in words if w not in db_values]
    return " ".join(words[:2]) if words[:1] == ["review"] else (words[:1] or [""])[0]


class _Group(TyperGroup):
    """The top-level group: ``--db`` anywhere, and user-facing failures as one line."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        args = _hoist_db(list(args))
        run = ctx.ensure_object(CliContext)
        run.command = _command_name(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except HarmwatchError as exc:
            raise fail(exc)
        except OSError as exc:  # an output file in a missing folder, a full disk
            where = f"{exc.filename}: " if exc.filename else ""
            raise fail(OutputError(f"{where}{exc.strerror or exc}"))
        except Exception as exc:
            from sqlalchemy.exc import DBAPIError

            if isinstance(exc, DBAPIError):
                run = ctx.find_object(CliContext)
                raise fail(database_error(exc, (run.db if run else None) or "the database"))
            raise


app = typer.Typer(help=HELP, no_args_is_help=True, add_completion=False, cls=_Group)


@app.callback()
def main(
    ctx: typer.Context,
    db: Optional[str] = typer.Option(
        None, "--db", envvar="HARMWATCH_DB", help="Database URL or SQLite path (default ./harmwatch.db)."
    ),
) -> None:
    """Turn news reports about armed conflict into a sourced record of civilian harm."""
    ctx.ensure_object(CliContext).db = db


def _register() -> None:
    """Every command, in the order ``harmwatch --help`` lists them."""
    from ..api.cli import register as register_api
    from ..train.cli import app as train_app  # typer only; training code loads lazily
    from ..watch.cli import register as register_watch
    from . import evaluation, incidents, ingest, review, show

    app.command("ingest")(ingest.ingest)
    app.command("extract")(ingest.extract)
    app.command("show")(show.show)
    app.command("eval")(evaluation.eval_)
    app.command("bench")(evaluation.bench)
    app.command("incidents")(incidents.incidents_cmd)
    app.command("incident")(incidents.incident_cmd)
    app.command("export")(incidents.export_cmd)
    app.add_typer(review.review_app, name="review")
    register_watch(app)
    register_api(app)
    app.add_typer(train_app, name="train")


_register()

__all__ = ["CliContext", "app", "main"]
