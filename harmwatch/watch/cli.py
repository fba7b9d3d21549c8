"""``harmwatch watch FEEDS.txt|feeds.opml [--every 15m] [--once]``; ``register(app)`` adds it.

The store comes from Typer's context: ``ctx.obj`` is the main app's run context (its
``open_store()`` honours ``--db``), so this module never imports the main CLI (no import
cycle) and keeps no global.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

err = Console(stderr=True)


def watch_cmd(
    ctx: typer.Context,
    feeds: Path = typer.Argument(..., help="Feed list: one URL per line, or an OPML file."),
    every: str = typer.Option("15m", "--every", help="Poll interval (30s, 15m, 1h)."),
    once: bool = typer.Option(False, "--once", help="Poll every feed once, then stop."),
    state: Optional[Path] = typer.Option(None, "--state", help="Where feed validators and "
                                         "seen links are kept (default: FEEDS.state.json)."),
    timeout: float = typer.Option(20.0, help="Seconds before a request times out."),
    per_host: float = typer.Option(2.0, "--per-host", help="Seconds between requests to "
                                   "one host."),
) -> None:
    """Poll RSS/Atom feeds, fetch each new article, extract its text and ingest it."""
    from .http import Fetcher
    from .watcher import Watcher, parse_every, read_feed_list, run

    urls = read_feed_list(feeds)
    if not urls:
        raise typer.BadParameter(f"no feed URLs in {feeds}")
    interval = parse_every(every)
    state = state or feeds.with_name(feeds.name + ".state.json")
    with _open_store(ctx) as store, Fetcher(timeout=timeout, per_host_interval=per_host) as fetcher:
        w = Watcher(urls, store, fetcher=fetcher, state_path=state, retry_after=interval,
                    log=lambda m: err.print(m, highlight=False, markup=False))
        report = run(w, interval, once)
    ing = report.ingest
    err.print(f"{report.feeds_changed} feed(s) changed, {report.feeds_not_modified} not "
              f"modified, {len(report.feed_errors)} failed; {report.articles} article(s) "
              f"fetched, {ing.added} new document(s), {len(report.article_errors)} article "
              f"error(s)", highlight=False)
    raise typer.Exit(1 if report.feed_errors else 0)


def _open_store(ctx: typer.Context):
    """The store the main app's ``--db`` names; the default database outside it."""
    if ctx.obj is not None:
        return ctx.obj.open_store()
    from ..store import Store

    return Store()


def register(app: typer.Typer) -> None:
    """Add ``watch`` to ``app``, whose context object opens the store (``open_store()``)."""
    app.command("watch")(watch_cmd)
