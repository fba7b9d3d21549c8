"""Cross-validated figures of the whole extractor on ACLED notes the shipped model trains on.

The shipped event-type model learns from ``acled-dev.jsonl`` as well as ``acled-train.jsonl``
(the dev notes come from 100+ countries, the training notes from five). Scoring the extractor
on notes its model has seen would flatter it, so the figure reported for ``acled-dev`` is
cross-validated: the notes are split into folds, a model is trained without each fold, and
the *whole extractor* (rules, blend, places, dates, tolls) runs on that fold with that model.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Callable, Sequence

from harmwatch.evaluate.items import load_eval_file, to_document
from harmwatch.evaluate.runner import score
from harmwatch.extract import classifier, extract_documents


def folds_of(labels: Sequence[str], folds: int, seed: int) -> list[list[int]]:
    """Stratified folds (indices); labels too rare to stratify share one stratum."""
    from sklearn.model_selection import StratifiedKFold

    counts = Counter(labels)
    strata = [lab if counts[lab] >= folds else "(rare)" for lab in labels]
    split = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    return [list(test) for _, test in split.split(list(labels), strata)]


def cross_validate_pipeline(dev_path: Path, base_rows: Sequence[tuple[str, str]],
                            train: Callable, seed: int = 0, folds: int = 5,
                            log: Callable[[str], None] = print) -> dict:
    """The ``acled`` figures of ``dev_path`` where every note was extracted with a model
    trained on ``base_rows`` plus the other folds' notes (``train(rows, seed)``)."""
    items = load_eval_file(dev_path)
    rows = [(it.text, str(it.gold.get("sub_event_type"))) for it in items]
    extractions: list = [None] * len(items)
    for k, test in enumerate(folds_of([lab for _, lab in rows], folds, seed), 1):
        held = set(test)
        model = train(list(base_rows) + [r for i, r in enumerate(rows) if i not in held], seed)
        with classifier.using_model(model):
            for i, ex in zip(test, extract_documents([to_document(items[i]) for i in test])):
                extractions[i] = ex
        log(f"  fold {k}/{folds}: {len(test)} notes extracted with a model that never saw them")
    return score(items, extractions, "acled")


__all__ = ["cross_validate_pipeline", "folds_of"]
