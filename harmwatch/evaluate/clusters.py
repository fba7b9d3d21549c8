"""Incident-clustering scoring (``tests/data/clustering-dev.jsonl``): gold incident id per report.

Conventions, stated so the figures can be read:

* A report's predicted incident is the incident holding its main event (``incident_event``
  over the events that can be incidents — occurred conflict events: the first with
  casualties, else the first). A report with no such event is an incident of its own.
* Pairwise scores over report pairs: a pair is positive when both reports have the same gold
  incident; predicted positive when they end up in the same predicted incident.
  precision = TP / (TP + FP), recall = TP / (TP + FN), F1 their harmonic mean.
* Reports are clustered the way the store does it (``harmwatch.reconcile``), from the
  extractions alone: no database, no review actions.
"""
from __future__ import annotations

from itertools import combinations
from typing import Any, Sequence

from harmwatch.models import Extraction

from ._common import align, event_summary, f1, incident_event, ratio
from .items import EvalItem, to_document


def pairwise(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float | int]:
    """Pairwise precision/recall/F1 of two labellings of the same items."""
    tp = fp = fn = 0
    for i, j in combinations(range(len(gold)), 2):
        same_gold, same_pred = gold[i] == gold[j], predicted[i] == predicted[j]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return {"pair_precision": p, "pair_recall": r, "pair_f1": f1(p, r),
            "pairs_tp": tp, "pairs_fp": fp, "pairs_fn": fn}


def score(items: Sequence[EvalItem], extractions: Sequence[Extraction]
          ) -> tuple[dict[str, float | int], list[dict]]:
    from harmwatch.reconcile import reconcile_extractions
    from harmwatch.reconcile.build import clusterable

    exs = align(items, extractions)
    incidents = reconcile_extractions([to_document(it) for it in items], exs)
    owner = {e: inc.id for inc in incidents for e in inc.event_ids}
    gold, predicted, details = [], [], []
    for item, ex in zip(items, exs):
        event = incident_event(ex.model_copy(
            update={"events": [e for e in ex.events if clusterable(e)]}))
        gid = f"{item.id}:{event.id}" if event is not None else None
        pred = owner.get(gid) if gid else None
        predicted.append(pred or f"alone:{item.id}")
        gold.append(str(item.gold.get("incident")))
        details.append({"id": item.id, "gold": gold[-1], "predicted": pred,
                        "event": event_summary(event)})
    figures: dict[str, Any] = pairwise(gold, predicted)
    figures.update(documents=len(items), gold_incidents=len(set(gold)),
                   predicted_incidents=len(set(predicted)))
    return figures, details
