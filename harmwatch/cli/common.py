"""What every command shares: the consoles, the run's context (``ctx.obj``), the store opener.

Why a context object and not module globals: the main callback reads ``--db`` and the group
reads the command's name; both go into the ``CliContext`` that Click hands to every
sub-command, so a command module needs nothing from ``harmwatch.cli`` but this, and two apps
(tests build their own) never share a database by accident.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..terminal import make_console

if TYPE_CHECKING:
    from ..store import Store

console = make_console()
err = Console(stderr=True)

READ_ONLY = frozenset({"incidents", "incident", "show", "export", "review log"})
"""Commands that only read: they refuse a database that does not exist instead of creating it."""


@dataclass
class CliContext:
    """One run of ``harmwatch``: what ``--db`` named and which command runs (``ctx.obj``)."""

    db: Optional[str] = None
    command: str = ""
    """The command being run ("ingest", "review log"), read off the arguments."""
    opener: Optional[Callable[[], "Store"]] = None
    """Opens the store instead of ``Store(db)`` (an app built by a test, or another tool)."""

    def open_store(self, create: Optional[bool] = None) -> "Store":
        """The database named by ``--db``. Read commands (``READ_ONLY``) never create one."""
        if self.opener is not None:
            return self.opener()
        from ..store import Store

        if create is None:
            create = self.command not in READ_ONLY
        return Store(self.db, create=create)


def state(ctx: typer.Context) -> CliContext:
    """The run's context; a command invoked without the main callback gets a default one."""
    return ctx.ensure_object(CliContext)


def open_store(ctx: typer.Context, create: Optional[bool] = None) -> "Store":
    return state(ctx).open_store(create)


def fail(exc: BaseException) -> "typer.Exit":
    """Print one ``error [Exxx]: ...`` line on stderr; the caller raises the returned Exit(1)."""
    err.print(f"[red]error[/red] {exc}", markup=True, highlight=False, soft_wrap=True)
    return typer.Exit(1)


def usage_error(message: str, code: int = 2) -> "typer.Exit":
    """Print ``message`` as it is on stderr; the caller raises the returned Exit(``code``)."""
    err.print(message, highlight=False, markup=False)
    return typer.Exit(code)


def progress() -> Progress:
    """The Rich bar on stderr (only on a terminal, gone when done)."""
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )


def fmt_range(low: Optional[int], high: Optional[int]) -> str:
    """``12``, ``3–45``, ``–30``, ``''``: a claim's or a toll's range as one cell."""
    if low is None and high is None:
        return ""
    if low == high:
        return str(low)
    return f"{'' if low is None else low}–{'' if high is None else high}"
