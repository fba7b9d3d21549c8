"""Incident-clustering scoring (``tests/data/clustering-dev.jsonl``): gold incident id per report.

Conventions, stated so the figures can be read:

* A report's predicted incident is the incident holding its main event (``incident_event``
  over the events that can be incidents — occurred conflict events: the first with
  casualties, else the first). A report with no such event is an incident of its own.
* Pairwise scores over report pairs: a pair is positive when both reports have the same gold
  incident (a report whose ``incident`` is null, a near miss of none, is an incident of its
  own); predicted positive when they end up in the same predicted incident.
  precision = TP / (TP + FP), recall = TP / (TP + FN), F1 their harmonic mean.
* Reports are clustered the way the store does it (``harmwatch.reconcile``), from the
  extractions alone: no database, no review actions.
* Killed range (multi-report files with an ``-incidents.json`` beside them, FORMAT.md): for
  each gold incident with two or more reports that is not a near miss, the predicted
  incident holding most of its reports; its ``killed`` low/high (closed as in the Airwars
  scorer) against the gold range, exact and with both ends within 10 %.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Any, Sequence

from harmwatch.models import Extraction

from ._common import align, event_summary, f1, incident_event, ratio
from .incidents import close_pair
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
    by_id = {inc.id: inc for inc in incidents}
    gold, predicted, details = [], [], []
    for item, ex in zip(items, exs):
        event = incident_event(ex.model_copy(
            update={"events": [e for e in ex.events if clusterable(e)]}))
        gid = f"{item.id}:{event.id}" if event is not None else None
        pred = owner.get(gid) if gid else None
        predicted.append(pred or f"alone:{item.id}")
        incident = item.gold.get("incident")
        gold.append(str(incident) if incident is not None else f"alone:{item.id}")
        details.append({"id": item.id, "gold": gold[-1], "predicted": pred,
                        "event": event_summary(event)})
    figures: dict[str, Any] = pairwise(gold, predicted)
    figures.update(documents=len(items), gold_incidents=len(set(gold)),
                   predicted_incidents=len(set(predicted)))
    ranges = range_scores(items, predicted, by_id)
    if ranges is not None:
        figures.update(ranges[0])
        details.extend(ranges[1])
    return figures, details


def _within(pred: int, gold: int, tolerance: float = 0.10) -> bool:
    return abs(pred - gold) <= tolerance * gold if gold else pred == 0


def range_scores(items: Sequence[EvalItem], predicted: Sequence[str], by_id: dict
                 ) -> tuple[dict[str, Any], list[dict]] | None:
    """Killed range of each multi-report gold incident against its main predicted incident."""
    members: dict[str, list[int]] = defaultdict(list)
    gold_range: dict[str, Any] = {}
    for n, item in enumerate(items):
        g = item.gold
        if "killed_range" not in g or g.get("near_miss_of"):
            continue
        members[str(g["incident"])].append(n)
        gold_range[str(g["incident"])] = g["killed_range"]
    scored = {k: v for k, v in members.items() if len(v) >= 2}
    if not gold_range:
        return None
    exact = near = 0
    details = []
    for gid, rows in sorted(scored.items()):
        owner, _ = Counter(predicted[n] for n in rows).most_common(1)[0]
        inc = by_id.get(owner)
        fig = None
        if inc is not None:
            fig = inc.killed if not inc.killed.is_empty() else inc.civilians_killed
        pred = close_pair((fig.low, fig.high) if fig is not None else (None, None))
        want = close_pair(tuple(gold_range[gid]))
        ok_exact = pred == want
        ok_near = _within(pred[0], want[0]) and _within(pred[1], want[1])
        exact += ok_exact
        near += ok_near
        details.append({"incident": gid, "gold_killed": list(want), "killed": list(pred),
                        "exact": ok_exact, "within_10pct": ok_near, "predicted": owner})
    return ({"killed_range_exact": ratio(exact, len(scored)),
             "killed_within_10pct": ratio(near, len(scored)),
             "range_support": len(scored)}, details)
