"""``harmwatch eval`` (score against annotated passages) and ``harmwatch bench`` (speed)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table

from ..errors import EvalInputError
from .common import console, err, progress

BASELINE = Path(__file__).resolve().parents[2] / "docs" / "eval-baseline.json"


def eval_(
    files: List[Path] = typer.Argument(..., help="Annotated JSONL files (../shared/eval/*.jsonl)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    record: bool = typer.Option(False, "--record", help="Record these figures as the regression baseline."),
    details: Optional[Path] = typer.Option(
        None, "--details", help="Write every item's prediction and verdict here (JSON Lines), for error analysis."),
) -> None:
    """Score the extractor against annotated passages (FORMAT.md)."""
    from ..evaluate import evaluate_file, render, update_baseline
    from ..extract import extract_documents

    for f in files:
        if not f.is_file():
            raise EvalInputError(f"{f}: no such file")
    results = []
    with progress() as bar:
        for f in files:
            task = bar.add_task(f"eval {f.name}", total=None)

            def extract_all(docs, task=task):
                """The extractor in batches, so the bar moves without losing batching."""
                bar.update(task, total=len(docs))
                out = []
                for i in range(0, len(docs), 32):
                    out += extract_documents(docs[i : i + 32])
                    bar.advance(task, len(docs[i : i + 32]))
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


def bench(
    corpus: Optional[List[Path]] = typer.Option(
        None, "--corpus", help="Files or folders to measure on (default: the built mixed news corpus)."),
    docs: int = typer.Option(5000, "--docs", min=1, help="Size of the built corpus (ignored with --corpus)."),
    conflict_sample: int = typer.Option(200, "--conflict-sample", min=1,
                                        help="Conflict articles timed for the conflict-dense figure."),
    as_json: bool = typer.Option(False, "--json", help="End with one JSON line of the figures."),
    processes: int = typer.Option(0, "--processes", min=0,
                                  help="Extraction worker processes (0: all cores, at most 2)."),
) -> None:
    """Measure speed (issue 10): end to end, extraction alone and the spaCy baseline, one run."""
    from .. import bench as b

    articles = b.corpus_from_paths(corpus) if corpus else b.build_corpus(docs)
    if not articles:
        err.print("nothing to measure")
        raise typer.Exit(1)
    result = b.run_bench(articles, conflict_sample=conflict_sample, processes=processes or None,
                         on_stage=lambda s: err.print(f"timing {s}...", highlight=False))
    t = Table("figure", "value", "issue 10 target", title="harmwatch bench")
    for row in b.rows(result):
        t.add_row(*row)
    console.print(t)
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")
