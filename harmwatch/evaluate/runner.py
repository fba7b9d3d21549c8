"""One entry point per eval file: load, extract, score, keep the details for error analysis."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from harmwatch.models import Document, Extraction

from . import acled, claims, clusters, incidents, subtypes
from .items import EvalItem, Kind, detect_kind, load_eval_file, to_document

Scorer = Callable[[Sequence[EvalItem], Sequence[Extraction]],
                  tuple[dict[str, float | int], list[dict]]]
SCORERS: dict[str, Scorer] = {
    "claims": claims.score, "incidents": incidents.score, "subtypes": subtypes.score,
    "clusters": clusters.score, "acled": acled.score,
}


@dataclass
class EvalResult:
    file: str
    """The eval file's name (``news-dev.jsonl``): the key in ``docs/eval-baseline.json``."""
    kind: Kind
    figures: dict[str, float | int]
    details: list[dict[str, Any]] = field(default_factory=list)
    path: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, default=str)


def score_with_details(items: Sequence[EvalItem], extractions: Sequence[Extraction],
                       kind: Kind) -> tuple[dict[str, float | int], list[dict]]:
    if kind not in SCORERS:
        raise ValueError(f"unknown eval kind {kind!r}; expected one of {sorted(SCORERS)}")
    return SCORERS[kind](items, extractions)


def score(items: Sequence[EvalItem], extractions: Sequence[Extraction],
          kind: Kind) -> dict[str, float | int]:
    """The figures only: a pure function of gold and output (FORMAT.md "What is scored")."""
    return score_with_details(items, extractions, kind)[0]


def evaluate_file(path: str | Path,
                  extract: Callable[[list[Document]], list[Extraction]]) -> EvalResult:
    """Feed the file's passages (without gold) to ``extract`` and score what comes back."""
    items = load_eval_file(path)
    kind = detect_kind(items)
    extractions = extract([to_document(it) for it in items])
    figures, details = score_with_details(items, extractions, kind)
    figures.update(_seen_in_training(Path(path)))
    return EvalResult(file=Path(path).name, kind=kind, figures=figures, details=details,
                      path=str(path))


def _seen_in_training(path: Path) -> dict[str, float | int]:
    """When the shipped event-type model was trained on this very file, its sub-type figure
    is no held-out one: say so (``model_trained_on_file``), with the whole extractor's
    cross-validated figures from the model's card (``cv_*``, ``harmwatch train event-types``)."""
    from harmwatch.extract import classifier

    own = classifier.training_files(own=True)
    if path.name in own and own[path.name] == classifier.sha256(path):
        return {"model_trained_on_file": 1}  # one of the project's own snippet sets
    trained = classifier.training_files()
    if path.name not in trained or trained[path.name] != classifier.sha256(path):
        return {}
    cv = classifier.card().get("figures", {}).get("dev_pipeline_cv", {})
    keys = ("subtype_weighted_f1", "fatalities_exact", "fatalities_exact_nonzero", "place_within_5km_town")
    return {"model_trained_on_file": 1, **{f"cv_{k}": cv[k] for k in keys if k in cv}}
