"""Rich tables of the figures, one per eval file (what ``harmwatch eval`` prints)."""
from __future__ import annotations

from typing import Iterable, Optional

from rich.console import Console
from rich.table import Table

from .runner import EvalResult


def figures_table(result: EvalResult) -> Table:
    table = Table(title=f"{result.file} ({result.kind})", title_justify="left")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for name, value in result.figures.items():
        table.add_row(name, f"{value:.3f}" if isinstance(value, float) else str(value))
    if result.figures.get("model_trained_on_file"):
        table.caption = ("the shipped event-type model was trained on this file: the held-out "
                         "figures are the cv_* ones (harmwatch train event-types)")
    return table


def render(result: EvalResult | Iterable[EvalResult], console: Optional[Console] = None) -> None:
    """Print one table per result; accepts a single result or several."""
    console = console or Console()
    results = [result] if isinstance(result, EvalResult) else list(result)
    for r in results:
        console.print(figures_table(r))
