"""The recorded figures (``docs/eval-baseline.json``) and the check that they do not fall.

Which figures are checked, and how:

* floats are rates in [0, 1] where higher is better: a failure when the new value is more
  than ``tolerance`` (2 points) below the recorded one;
* ``LOWER_IS_BETTER`` counts (false positives on negative passages): a failure when the new
  value rises above the recorded one at all — one more spurious casualty is a real regression;
* other integers (tp, fp, fn, supports) are context, not checked: they move with the rates.

A figure or file that was recorded but is no longer produced is a failure too, so renaming a
figure cannot silently drop it from the guard.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Mapping, Union

from .runner import EvalResult

LOWER_IS_BETTER = frozenset({"negatives_fp", "negatives_passages_with_fp"})
_EPS = 1e-9

Results = Union[Iterable[EvalResult], Mapping[str, Mapping[str, float | int]]]


def _as_mapping(results: Results) -> dict[str, Mapping[str, float | int]]:
    if isinstance(results, Mapping):
        return dict(results)
    return {r.file: r.figures for r in results}


def load_baseline(path: str | Path) -> dict[str, dict[str, float | int]]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def update_baseline(path: str | Path, results: Results) -> dict[str, dict[str, float | int]]:
    """Record the figures of ``results`` (replacing those files' entries, keeping the others)."""
    path = Path(path)
    data = load_baseline(path) if path.exists() else {}
    for name, figures in _as_mapping(results).items():
        data[name] = dict(figures)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return data


def check_against_baseline(results: Results, baseline: Mapping[str, Mapping[str, float | int]],
                           tolerance: float = 0.02) -> list[str]:
    """Human-readable failures; empty when nothing fell."""
    current = _as_mapping(results)
    failures: list[str] = []
    for name, recorded in baseline.items():
        if not recorded:
            continue
        if name not in current:
            failures.append(f"{name} recorded in the baseline but not evaluated")
            continue
        figures = current[name]
        for fig, old in recorded.items():
            new = figures.get(fig)
            if new is None:
                failures.append(f"{name} {fig} missing (recorded {old})")
            elif fig in LOWER_IS_BETTER:
                if new > old:
                    failures.append(f"{name} {fig} {new} > recorded {old}")
            elif isinstance(old, float) and new < old - tolerance - _EPS:
                failures.append(f"{name} {fig} {new:.4f} < recorded {old:.4f} − {tolerance}")
    return failures
