"""``harmwatch train``: rebuild the shipped models from the training data in ``../shared``."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False)


@app.command("event-types")
def event_types(
    train: Optional[Path] = typer.Option(None, "--train", help="ACLED notes JSONL (default ../shared/train/acled-train.jsonl)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Where to write the model (default: the shipped one)."),
    dev: Optional[Path] = typer.Option(None, "--dev", help="Held-out ACLED notes to score (default ../shared/eval/acled-dev.jsonl)."),
    seed: int = typer.Option(0, "--seed", help="Random seed (the shipped model uses 0)."),
    cv: int = typer.Option(3, "--cv", help="Cross-validation folds on the training data (0: skip)."),
    dev_in_training: bool = typer.Option(True, "--dev-in-training/--dev-held-out",
                                         help="Also train on the dev notes (the shipped model does); their figure is then cross-validated."),
    pipeline_cv: int = typer.Option(5, "--pipeline-cv", help="Folds of the whole-extractor cross-validation on the dev notes (0: skip)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Train the event sub-type classifier; print cross-validated and held-out figures."""
    from . import event_types as et

    train_path = train or et.DEFAULT_TRAIN
    if not train_path.exists():
        typer.echo(f"no training data at {train_path}", err=True)
        raise typer.Exit(2)
    figures = et.build(train_path, out or et.MODEL_PATH, seed, dev or et.DEFAULT_DEV, cv,
                       dev_in_training=dev_in_training, pipeline_folds=pipeline_cv, log=(lambda s: typer.echo(s, err=True)) if as_json else typer.echo)
    if as_json:
        typer.echo(json.dumps(figures, indent=1))
