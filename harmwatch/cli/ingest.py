"""``harmwatch ingest`` and ``harmwatch extract``: thin front ends over ``harmwatch.pipeline``.

The command only reads its options, draws the progress bar and prints one line per failure
(from the pipeline's ``Step`` callback); reading, skipping, extracting, storing and
reconciling are the pipeline's, the same for the Dask engine, ``watch`` and the API.
"""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Callable, Iterable, Iterator, List, Optional

import typer
from rich.progress import Progress, TaskID
from rich.table import Table
from rich.text import Text

from ..models import Document, Extraction, IngestError
from ..terminal import OutputFormat
from .common import console, err, fmt_range, open_store, progress


class Engine(str, Enum):
    local = "local"
    dask = "dask"


def _processes(value: str) -> int:
    """``--processes``: a count, or 0 / "auto" for every core."""
    from ..pipeline import resolve_processes

    if value.strip().lower() == "auto":
        return resolve_processes(0)
    try:
        n = int(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a number or 'auto'") from None
    if n < 0:
        raise typer.BadParameter("must be 0 (every core), 'auto' or more")
    return resolve_processes(n)


PROCESSES = typer.Option("1", "--processes", help="Extraction worker processes (0 or auto: every core).")
BATCH_SIZE = typer.Option(32, "--batch-size", min=1, help="Documents parsed together (one nlp.pipe batch).")


def _say(step) -> None:
    """One stderr line for a refused or failed item (the ``Step`` of ``harmwatch.pipeline``)."""
    if step.kind == "unreadable":
        err.print(f"[red]skipped[/red] {step.path}: {step.reason}", highlight=False, markup=True)
    elif step.kind == "clash":
        err.print(f"[red]skipped[/red] {step.reason}", markup=True, highlight=False)
    elif step.kind == "failed":
        err.print(f"[red]failed[/red] {step.path}: extraction error {step.reason}", markup=True,
                  highlight=False)


def _on_step(bar: Progress, task: TaskID) -> Callable:
    def on_step(step) -> None:
        if step.kind != "unreadable":  # the bar counts documents read
            bar.advance(task)
        _say(step)
    return on_step


def ingest(
    ctx: typer.Context,
    paths: List[Path] = typer.Argument(..., help="Files or folders (recursive)."),
    force: bool = typer.Option(False, help="Re-extract documents that are already stored."),
    engine: Engine = typer.Option(Engine.local, "--engine",
                                  help="local (this process) or dask (extraction on Dask workers)."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="Dask scheduler address (tcp://HOST:8786); default a LocalCluster."),
    workers: int = typer.Option(2, "--workers", min=1, help="Workers of the LocalCluster (--engine dask)."),
    processes: str = PROCESSES,
    batch_size: int = BATCH_SIZE,
) -> None:
    """Read reports, extract claims and events, store them. Re-running is a no-op.

    Each report is committed with its extraction as it is read; incidents are then rebuilt for
    every stored report no incident holds yet, so a run killed half-way loses nothing: the next
    run reconciles what the killed one stored.
    """
    from ..pipeline import ingest_paths

    if engine is Engine.dask:
        _ingest_on_dask(ctx, paths, scheduler, workers)
    with open_store(ctx) as store, progress() as bar:
        task = bar.add_task("ingest", total=None)
        report = ingest_paths(paths, store, force=force, processes=_processes(processes),
                              batch=batch_size, on_step=_on_step(bar, task))
    console.print(f"{report.added} new document(s), {report.skipped} already stored, "
                  f"{len(report.errors)} error(s).")
    raise typer.Exit(1 if report.errors else 0)


def _ingest_on_dask(ctx: typer.Context, paths: List[Path], scheduler: Optional[str],
                    workers: int) -> None:
    """Extraction on Dask workers, one writer (this process), reconciliation once (docs/scale.md)."""
    from ..scale.dask_engine import ingest_with_dask

    with open_store(ctx) as store:
        report = ingest_with_dask(paths, store, scheduler=scheduler, workers=workers)
    for e in report.errors:
        err.print(f"[red]skipped[/red] {e.path}: {e.reason}", highlight=False, markup=True)
    console.print(f"{report.added} new document(s), {report.skipped} already stored, "
                  f"{len(report.errors)} error(s).")
    raise typer.Exit(1 if report.errors else 0)


def _read(paths: Iterable[Path], errors: list[IngestError]) -> Iterator[Document]:
    from ..ingest import iter_documents

    for item in iter_documents(paths):
        if isinstance(item, IngestError):
            errors.append(item)
            err.print(f"[red]skipped[/red] {item.path}: {item.reason}", highlight=False, markup=True)
        else:
            yield item


def extract(
    paths: List[Path] = typer.Argument(..., help="Files or folders; nothing is stored."),
    format: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", "-f",
                                        help="jsonl (one FORMAT.md object per document) or table."),
    processes: str = PROCESSES,
    batch_size: int = BATCH_SIZE,
) -> None:
    """Extract without a database: one JSON object per document (FORMAT.md)."""
    from ..extract import iter_extractions

    errors: list[IngestError] = []
    out = sys.stdout
    with progress() as bar:
        task = bar.add_task("extract", total=None)
        stream = iter_extractions(_read(paths, errors), batch_size=batch_size,
                                  n_process=_processes(processes))  # in input order
        for ex in stream:
            bar.advance(task)
            if format == OutputFormat.jsonl:
                out.write(ex.to_json() + "\n")
                out.flush()
            else:
                _print_extraction(ex)
    raise typer.Exit(1 if errors else 0)


def _print_extraction(ex: Extraction) -> None:
    console.rule(f"{ex.document.title or ex.document.id} ({ex.document.published or 'undated'})")
    t = Table("event", "type", "status", "place", "date", "actors", "killed", "injured", "civ. killed")
    for e in ex.events:
        t.add_row(
            e.id, e.type, e.status,
            (f"{e.place.name} ({e.place.country})" if e.place.country else e.place.name) if e.place else "",
            str(e.date.start) if e.date and e.date.start else "",
            ", ".join(e.actors), fmt_range(*e.toll.killed), fmt_range(*e.toll.injured),
            fmt_range(*e.toll.civilians_killed),
        )
    console.print(t)
    c = Table("count", "qualifier", "group", "outcome", "modality", "source", "event", "words")
    for cl in ex.casualties:
        c.add_row(fmt_range(cl.count_low, cl.count_high), cl.qualifier or "", cl.group, cl.outcome,
                  cl.modality, cl.source or "", cl.event or "", Text(cl.number_text or ""))
    console.print(c)
