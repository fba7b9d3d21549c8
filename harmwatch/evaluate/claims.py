"""Claim-level scoring (``news-dev.jsonl``): casualty claims, group, source, place, date.

A predicted claim matches a gold claim of the same passage when outcome, count_low and
count_high are equal (FORMAT.md). Matching is one-to-one and greedy, in predicted order; among
gold claims with the same key it takes the one that also agrees on group and source, so the
group/source accuracies are not lowered by an arbitrary pairing.

Precision/recall/F1 are over non-negative passages; asserted claims on negative passages are
counted apart (``negatives_fp``) so a regression there is visible on its own. ``precision_all``
and ``f1_all`` also count those as false positives (FORMAT.md's "over all passages").
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional, Sequence

from harmwatch.models import CasualtyClaim, Extraction

from ._common import align, contains_either, event_summary, f1, fold, incident_event, ratio
from .items import EvalItem


def source_matches(pred: Optional[str], gold: Optional[str]) -> bool:
    """Case-insensitive containment either way, or both absent (FORMAT.md)."""
    if not fold(pred) and not fold(gold):
        return True
    return contains_either(pred, gold)


def _key(claim: Any) -> tuple:
    if isinstance(claim, CasualtyClaim):
        return (claim.outcome, claim.count_low, claim.count_high)
    return (claim.get("outcome"), claim.get("count_low"), claim.get("count_high"))


def match_claims(pred: Sequence[CasualtyClaim], gold: Sequence[dict]
                 ) -> tuple[list[tuple[CasualtyClaim, dict]], list[CasualtyClaim], list[dict]]:
    """(matched pairs, spurious predictions, missed gold) for one passage."""
    free = list(range(len(gold)))
    pairs, spurious = [], []
    for p in pred:
        cands = [i for i in free if _key(gold[i]) == _key(p)]
        if not cands:
            spurious.append(p)
            continue
        best = max(cands, key=lambda i: (gold[i].get("group") == p.group)
                   + source_matches(p.source, gold[i].get("source")))
        free.remove(best)
        pairs.append((p, gold[best]))
    return pairs, spurious, [gold[i] for i in free]


def place_matches(ex: Extraction, locations: Sequence[dict]) -> bool:
    """Incident place has a gold country and a name/admin1/resolved name matching a gold name."""
    event = incident_event(ex)
    place = event.place if event else None
    if place is None:
        return False
    if not place.country or place.country.upper() not in {
            str(loc.get("country") or "").upper() for loc in locations}:
        return False
    names = [place.name, place.admin1, place.resolved_name]
    return any(contains_either(n, loc.get("name")) for n in names for loc in locations)


def date_matches(ex: Extraction, event_date: str) -> bool:
    event = incident_event(ex)
    start: Optional[dt.date] = event.date.start if event and event.date else None
    return start is not None and start.isoformat() == str(event_date)[:10]


def _claim_view(c: CasualtyClaim) -> dict:
    return c.model_dump(mode="json", include={"count_low", "count_high", "qualifier", "group",
                                              "outcome", "source", "span", "sentence"})


def score(items: Sequence[EvalItem], extractions: Sequence[Extraction]
          ) -> tuple[dict[str, float | int], list[dict]]:
    exs = align(items, extractions)
    tp = fp = fn = group_ok = source_ok = 0
    neg_fp = neg_passages_fp = neg_passages = 0
    place_ok = place_n = date_ok = date_n = 0
    details: list[dict] = []
    for item, ex in zip(items, exs):
        gold = item.gold
        asserted = [c for c in ex.casualties if c.modality == "asserted"]
        row: dict[str, Any] = {"id": item.id}
        if gold.get("negative"):
            neg_passages += 1
            neg_fp += len(asserted)
            neg_passages_fp += bool(asserted)
            row.update(negative=True, spurious=[_claim_view(c) for c in asserted])
            details.append(row)
            continue
        # FORMAT.md: what the text only predicts or fears is not counted, on either side
        gold_claims = [g for g in gold.get("casualties") or [] if g.get("modality") != "hypothetical"]
        pairs, spurious, missed = match_claims(asserted, gold_claims)
        tp, fp, fn = tp + len(pairs), fp + len(spurious), fn + len(missed)
        wrong_group = [(p, g) for p, g in pairs if p.group != g.get("group")]
        wrong_source = [(p, g) for p, g in pairs if not source_matches(p.source, g.get("source"))]
        group_ok += len(pairs) - len(wrong_group)
        source_ok += len(pairs) - len(wrong_source)
        row.update(
            missed=missed, spurious=[_claim_view(c) for c in spurious],
            wrong_group=[{"pred": p.group, "gold": g.get("group"), "span": g.get("span")}
                         for p, g in wrong_group],
            wrong_source=[{"pred": p.source, "gold": g.get("source"), "span": g.get("span")}
                          for p, g in wrong_source],
        )
        if gold.get("locations"):
            place_n += 1
            row["place_ok"] = place_matches(ex, gold["locations"])
            place_ok += row["place_ok"]
        if gold.get("event_date"):
            date_n += 1
            row["date_ok"] = date_matches(ex, gold["event_date"])
            date_ok += row["date_ok"]
        row["event"] = event_summary(incident_event(ex))
        details.append(row)
    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    precision_all = ratio(tp, tp + fp + neg_fp)
    figures: dict[str, float | int] = {
        "precision": precision, "recall": recall, "f1": f1(precision, recall),
        "precision_all": precision_all, "f1_all": f1(precision_all, recall),
        "tp": tp, "fp": fp, "fn": fn,
        "group_accuracy": ratio(group_ok, tp), "source_accuracy": ratio(source_ok, tp),
        "place_accuracy": ratio(place_ok, place_n), "place_support": place_n,
        "date_accuracy": ratio(date_ok, date_n), "date_support": date_n,
        "negatives_fp": neg_fp, "negatives_passages_with_fp": neg_passages_fp,
        "negatives_passages": neg_passages,
    }
    return figures, details
