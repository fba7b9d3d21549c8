"""Scoring harmwatch's output against the annotated eval files (``../shared/eval/FORMAT.md``).

The CLI's ``harmwatch eval FILE`` is ``render(evaluate_file(path, extract_documents), console)``;
``--record`` is ``update_baseline("docs/eval-baseline.json", results)``.
"""
from .baseline import check_against_baseline, load_baseline, update_baseline
from .items import EvalItem, detect_kind, load_eval_file, to_document
from .report import render
from .runner import EvalResult, evaluate_file, score, score_with_details

__all__ = [
    "EvalItem", "EvalResult", "check_against_baseline", "detect_kind", "evaluate_file",
    "load_baseline", "load_eval_file", "render", "score", "score_with_details", "to_document",
    "update_baseline",
]
