"""The ``harmwatch`` command: ingest, extract, list incidents, show sources, evaluate."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Iterable, Iterator, List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from .errors import DuplicateIdError, EvalInputError, HarmwatchError, OutputError, database_error
from .models import Document, Extraction, IngestError
from .terminal import OutputFormat, make_console

console = make_console()
err = Console(stderr=True)

READ_ONLY = frozenset({"incidents", "incident", "show", "export", "review log"})
"""Commands that only read: they refuse a database that does not exist instead of creating it."""


def fail(exc: BaseException) -> "typer.Exit":
    """Print one ``error [Exxx]: ...`` line on stderr; the caller raises the returned Exit(1)."""
    err.print(f"[red]error[/red] {exc}", markup=True, highlight=False, soft_wrap=True)
    return typer.Exit(1)


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


class _Group(TyperGroup):
    """The top-level group: ``--db`` anywhere, and user-facing failures as one line."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        args = _hoist_db(list(args))
        words = [a for a in args if not a.startswith("-")]
        db_values = {args[i + 1] for i, a in enumerate(args[:-1]) if a == "--db"}
        words = [w for w in words if w not in db_values]
        _State.command = " ".join(words[:2]) if words[:1] == ["review"] else (words[:1] or [""])[0]
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
                raise fail(database_error(exc, _State.db or "the database"))
            raise


app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False, cls=_Group)

BASELINE = Path(__file__).resolve().parents[1] / "docs" / "eval-baseline.json"


class _State:
    db: Optional[str] = None
    command: str = ""
    """The command being run ("ingest", "review log"), read off the arguments."""


@app.callback()
def main(
    db: Optional[str] = typer.Option(
        None, "--db", envvar="HARMWATCH_DB", help="Database URL or SQLite path (default ./harmwatch.db)."
    ),
) -> None:
    """Turn news reports about armed conflict into a sourced record of civilian harm."""
    _State.db = db


def _store(create: Optional[bool] = None):
    """The database named by ``--db``. Read commands (``READ_ONLY``) never create one."""
    from .store import Store

    if create is None:
        create = _State.command not in READ_ONLY
    return Store(_State.db, create=create)


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )


def _read(paths: Iterable[Path], errors: list[IngestError]) -> Iterator[Document]:
    from .ingest import iter_documents

    for item in iter_documents(paths):
        if isinstance(item, IngestError):
            errors.append(item)
            err.print(f"[red]skipped[/red] {item.path}: {item.reason}", highlight=False, markup=True)
        else:
            yield item


class Engine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def ingest(
    paths: List[Path] = typer.Argument(..., help="Files or folders (recursive)."),
    force: bool = typer.Option(False, help="Re-extract documents that are already stored."),
    engine: Engine = typer.Option(Engine.local, "--engine",
                                  help="local (this process) or dask (extraction on Dask workers)."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="Dask scheduler address (tcp://HOST:8786); default a LocalCluster."),
    workers: int = typer.Option(2, "--workers", min=1, help="Workers of the LocalCluster (--engine dask)."),
) -> None:
    """Read reports, extract claims and events, store them. Re-running is a no-op.

    Each report is committed with its extraction as it is read; incidents are then rebuilt for
    every stored report no incident holds yet, so a run killed half-way loses nothing: the next
    run reconciles what the killed one stored.
    """
    from .extract import extract_document

    if engine is Engine.dask:
        _ingest_on_dask(paths, scheduler, workers)

    errors: list[IngestError] = []
    added = same = 0
    new_ids: set[str] = set()
    with _store() as store, _progress() as progress:
        task = progress.add_task("ingest", total=None)
        for doc in _read(paths, errors):
            progress.advance(task)
            stored = store.get_document(doc.id) if store.has_document(doc.id) else None
            if stored is not None and stored.text != doc.text:
                clash = DuplicateIdError(
                    f"{doc.source_path or doc.id}: id {doc.id!r} is already stored for a different text "
                    f"(from {stored.source_path or 'an earlier run'}); not stored")
                errors.append(IngestError(path=doc.source_path or doc.id, reason=str(clash)))
                err.print(f"[red]skipped[/red] {clash}", markup=True, highlight=False)
                continue
            if stored is not None and not force:
                same += 1
                continue
            try:
                ex = extract_document(doc)
            except Exception as exc:  # a bug on one document must not lose the others
                errors.append(IngestError(path=doc.source_path or doc.id, reason=f"extraction failed: {exc!r}"))
                err.print(f"[red]failed[/red] {doc.source_path or doc.id}: extraction error {exc!r}", markup=True, highlight=False)
                continue
            store.add_document_with_extraction(doc, ex)
            new_ids.add(doc.id)
            added += 1
        from .reconcile import reconcile_pending

        reconcile_pending(store, new_ids)
    console.print(f"{added} new document(s), {same} already stored, {len(errors)} error(s).")
    raise typer.Exit(1 if errors else 0)


def _ingest_on_dask(paths: List[Path], scheduler: Optional[str], workers: int) -> None:
    """Extraction on Dask workers, one writer (this process), reconciliation once (docs/scale.md)."""
    from .scale.dask_engine import ingest_with_dask

    with _store() as store:
        report = ingest_with_dask(paths, store, scheduler=scheduler, workers=workers)
    for e in report.errors:
        err.print(f"[red]skipped[/red] {e.path}: {e.reason}", highlight=False, markup=True)
    console.print(f"{report.added} new document(s), {report.skipped} already stored, "
                  f"{len(report.errors)} error(s).")
    raise typer.Exit(1 if report.errors else 0)


@app.command()
def extract(
    paths: List[Path] = typer.Argument(..., help="Files or folders; nothing is stored."),
    format: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", "-f",
                                        help="jsonl (one FORMAT.md object per document) or table."),
) -> None:
    """Extract without a database: one JSON object per document (FORMAT.md)."""
    from .extract import extract_document

    errors: list[IngestError] = []
    out = sys.stdout
    with _progress() as progress:
        task = progress.add_task("extract", total=None)
        for doc in _read(paths, errors):
            ex = extract_document(doc)
            progress.advance(task)
            if format == OutputFormat.jsonl:
                out.write(ex.to_json() + "\n")
                out.flush()
            else:
                _print_extraction(ex)
    raise typer.Exit(1 if errors else 0)


def _range(low: Optional[int], high: Optional[int]) -> str:
    if low is None and high is None:
        return ""
    if low == high:
        return str(low)
    return f"{'' if low is None else low}–{'' if high is None else high}"


def _print_extraction(ex: Extraction) -> None:
    console.rule(f"{ex.document.title or ex.document.id} ({ex.document.published or 'undated'})")
    t = Table("event", "type", "status", "place", "date", "actors", "killed", "injured", "civ. killed")
    for e in ex.events:
        t.add_row(
            e.id, e.type, e.status,
            (f"{e.place.name} ({e.place.country})" if e.place.country else e.place.name) if e.place else "",
            str(e.date.start) if e.date and e.date.start else "",
            ", ".join(e.actors), _range(*e.toll.killed), _range(*e.toll.injured), _range(*e.toll.civilians_killed),
        )
    console.print(t)
    c = Table("count", "qualifier", "group", "outcome", "modality", "source", "event", "words")
    for cl in ex.casualties:
        c.add_row(_range(cl.count_low, cl.count_high), cl.qualifier or "", cl.group, cl.outcome,
                  cl.modality, cl.source or "", cl.event or "", Text(cl.number_text or ""))
    console.print(c)


def _highlight(sentence: str, sentence_start: Optional[int], span: tuple[int, int]) -> Text:
    """The sentence with the figure's words in bold: what a reviewer checks the number against."""
    text = Text(sentence)
    if sentence_start is not None:
        a, b = span[0] - sentence_start, span[1] - sentence_start
        if 0 <= a < b <= len(sentence):
            text.stylize("bold reverse", a, b)
    return text


@app.command()
def show(ident: str = typer.Argument(..., help="A document id (or unique prefix) or an event id.")) -> None:
    """A document's or an event's figures, each with its sentence highlighted."""
    with _store() as store:
        from .store import AmbiguousIdError

        try:
            found = store.find(ident)
        except AmbiguousIdError as exc:
            err.print(f"{ident!r} is ambiguous: {exc}")
            raise typer.Exit(2)
        if found is None:
            err.print(f"nothing found for {ident!r}")
            raise typer.Exit(2)
        kind, key = found
        if kind == "document":
            doc = store.get_document(key)
            ex = store.get_extraction(key)
            console.rule(f"{doc.title or doc.id}")
            console.print(f"id {doc.id} · published {doc.published or 'unknown'} · {doc.publisher or ''} {doc.url or ''}", highlight=False)
            claims = ex.casualties if ex else []
            events = ex.events if ex else []
        elif kind == "event":
            event = store.get_event(key)
            events = [event] if event else []
            claims = store.claims_for_event(key)
        elif kind == "claim":
            doc_id = key.split(":")[0]
            events, claims = [], [c for c in store.claims_for_document(doc_id) if c.id == key]
        else:
            err.print(f"{key} is an incident: use `harmwatch incident {key}`")
            raise typer.Exit(2)
        for e in events:
            console.print(
                Text.assemble((f"{e.id} ", "bold"), f"{e.type} [{e.status}] ",
                              f"{e.place.name}, {e.place.country} " if e.place else "",
                              f"{e.date.start} " if e.date and e.date.start else "",
                              ", ".join(e.actors),
                              f"  killed {_range(*e.toll.killed)} injured {_range(*e.toll.injured)}")
            )
        for c in claims:
            console.print(
                Text.assemble(
                    (f"{_range(c.count_low, c.count_high)} {c.group} {c.outcome}", "bold"),
                    f" ({c.qualifier}; {c.modality}; source: {c.source or 'none given'})",
                )
            )
            start = c.sentence_span[0] if c.sentence_span else None
            console.print(Text("   ").append(_highlight(c.sentence, start, c.span)))


@app.command(name="eval")
def eval_(
    files: List[Path] = typer.Argument(..., help="Annotated JSONL files (../shared/eval/*.jsonl)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    record: bool = typer.Option(False, "--record", help="Record these figures as the regression baseline."),
    details: Optional[Path] = typer.Option(
        None, "--details", help="Write every item's prediction and verdict here (JSON Lines), for error analysis."),
) -> None:
    """Score the extractor against annotated passages (FORMAT.md)."""
    from .evaluate import evaluate_file, render, update_baseline
    from .extract import extract_documents

    for f in files:
        if not f.is_file():
            raise EvalInputError(f"{f}: no such file")
    results = []
    with _progress() as progress:
        for f in files:
            task = progress.add_task(f"eval {f.name}", total=None)

            def extract_all(docs, task=task):
                """The extractor in batches, so the bar moves without losing batching."""
                progress.update(task, total=len(docs))
                out = []
                for i in range(0, len(docs), 32):
                    out += extract_documents(docs[i : i + 32])
                    progress.advance(task, len(docs[i : i + 32]))
                return out

            try:
                results.append(evaluate_file(f, extract_all))
            except (ValueError, KeyError) as exc:  # an unknown gold kind, a malformed item
                raise EvalInputError(f"{f}: {exc}") from None
    if details is not None:
        with open(details, "w", encoding="utf-8") as fh:
            for r in results:
                for row in r.details:
                    fh.write(json.dumps({"file": r.file, **row}, ensure_ascii=False, default=str) + "\n")
    if as_json:
        sys.stdout.write(json.dumps({r.file: r.figures for r in results}, indent=2, default=str) + "\n")
    else:
        render(results, console)
    if record:
        update_baseline(BASELINE, results)
        err.print(f"recorded in {BASELINE}")


@app.command()
def bench(
    corpus: Optional[List[Path]] = typer.Option(
        None, "--corpus", help="Files or folders to measure on (default: the built mixed news corpus)."),
    docs: int = typer.Option(5000, "--docs", min=1, help="Size of the built corpus (ignored with --corpus)."),
    conflict_sample: int = typer.Option(200, "--conflict-sample", min=1,
                                        help="Conflict articles timed for the conflict-dense figure."),
    as_json: bool = typer.Option(False, "--json", help="End with one JSON line of the figures."),
) -> None:
    """Measure speed (issue 10): end to end, extraction alone and the spaCy baseline, one run."""
    from . import bench as b

    articles = b.corpus_from_paths(corpus) if corpus else b.build_corpus(docs)
    if not articles:
        err.print("nothing to measure")
        raise typer.Exit(1)
    result = b.run_bench(articles, conflict_sample=conflict_sample,
                         on_stage=lambda s: err.print(f"timing {s}...", highlight=False))
    t = Table("figure", "value", "issue 10 target", title="harmwatch bench")
    for row in b.rows(result):
        t.add_row(*row)
    console.print(t)
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")


def _register_reconcile() -> None:
    from .reconcile.cli import register

    register(app, _store)


_register_reconcile()


def _register_watch() -> None:
    from .watch.cli import register

    register(app, _store)


_register_watch()


def _register_api() -> None:
    from .api.cli import register

    register(app, lambda: _State.db)


_register_api()

from .train.cli import app as train_app  # noqa: E402  (typer only; training code loads lazily)

app.add_typer(train_app, name="train")

if __name__ == "__main__":  # pragma: no cover
    app()
