"""Event-subtype scoring (``case2021-dev.jsonl``): CASE 2021 task 2 codes → ACLED labels.

The prediction is the type of the first occurred event (else the first event), or
``NOT_CONFLICT`` when the extractor found no event. F1 is computed here (no sklearn):
weighted F1 weights each gold label's F1 by its support; macro F1 averages over the labels
that occur in the gold (labels only ever predicted add no row, they only cost precision
elsewhere and recall of the true label).
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

from harmwatch.models import NOT_CONFLICT, Extraction

from ._common import align, ratio
from .items import EvalItem

from harmwatch.extract.event_types import CASE2021_LABELS


def gold_label(code: str) -> str:
    """ACLED label of a CASE 2021 code; an unknown code stays as written (and never matches)."""
    return CASE2021_LABELS.get(code, code)


def predicted_label(ex: Extraction) -> str:
    occurred = [e for e in ex.events if e.status == "occurred"]
    event = (occurred or ex.events or [None])[0]
    return event.type if event is not None else NOT_CONFLICT


def f1_scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float | int]:
    """Accuracy, weighted and macro F1 over the gold labels, and support."""
    support = Counter(gold)
    predicted = Counter(pred)
    correct = Counter(g for g, p in zip(gold, pred) if g == p)
    per_label: dict[str, float] = {}
    for label in support:
        p = correct[label] / predicted[label] if predicted[label] else 0.0
        r = correct[label] / support[label]
        per_label[label] = 2 * p * r / (p + r) if p + r else 0.0
    n = len(gold)
    weighted = sum(per_label[lbl] * support[lbl] for lbl in support) / n if n else 0.0
    macro = sum(per_label.values()) / len(per_label) if per_label else 0.0
    return {"weighted_f1": round(weighted, 4), "macro_f1": round(macro, 4),
            "accuracy": ratio(sum(correct.values()), n), "support": n}


def score(items: Sequence[EvalItem], extractions: Sequence[Extraction]
          ) -> tuple[dict[str, float | int], list[dict]]:
    exs = align(items, extractions)
    gold = [gold_label(str(it.gold.get("subtype"))) for it in items]
    pred = [predicted_label(ex) for ex in exs]
    details = [{"id": it.id, "code": it.gold.get("subtype"), "gold": g, "pred": p, "ok": g == p}
               for it, g, p in zip(items, gold, pred)]
    return f1_scores(gold, pred), details

