"""The scores must not fall: each figure recorded in docs/eval-baseline.json is a floor.

Runs the real extractor on the shared dev files and fails when a rate drops more than 2 points
below its recorded value, or a "lower is better" count (false positives on negative passages)
rises (see ``harmwatch.evaluate.baseline``). Re-record with ``harmwatch eval --record`` after a
real improvement, so the floor rises with the work.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from harmwatch.evaluate import check_against_baseline, evaluate_file, load_baseline

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT.parent / "shared" / "eval"
BASELINE = ROOT / "docs" / "eval-baseline.json"
FILES = {
    "news-dev.jsonl": EVAL_DIR / "news-dev.jsonl",
    "airwars-dev.jsonl": EVAL_DIR / "airwars-dev.jsonl",
    "case2021-dev.jsonl": EVAL_DIR / "case2021-dev.jsonl",
    "acled-dev.jsonl": EVAL_DIR / "acled-dev.jsonl",
    "recon-dev.jsonl": EVAL_DIR / "recon-dev.jsonl",
    # the project's own files: always present, so these floors hold in every clone
    "clustering-dev.jsonl": ROOT / "tests" / "data" / "clustering-dev.jsonl",
    "claims-blind.jsonl": ROOT / "training" / "claims-blind.jsonl",
    "claims-blind2.jsonl": ROOT / "training" / "claims-blind2.jsonl",
    "claims-blind3.jsonl": ROOT / "training" / "claims-blind3.jsonl",
    "claims-blind4.jsonl": ROOT / "training" / "claims-blind4.jsonl",
    "claims-blind5.jsonl": ROOT / "training" / "claims-blind5.jsonl",
    "claims-blind6.jsonl": ROOT / "training" / "claims-blind6.jsonl",
    # written blind for issue 11: held-out checks, never tuned on
    "recon-blind.jsonl": ROOT / "training" / "recon-blind.jsonl",
    "recon-blind2.jsonl": ROOT / "training" / "recon-blind2.jsonl",  # studied at stop 15
    "recon-blind3.jsonl": ROOT / "training" / "recon-blind3.jsonl",  # studied at stop 16
    "recon-blind4.jsonl": ROOT / "training" / "recon-blind4.jsonl",  # studied at stop 17
    # written blind at stop 17 (first sight on 3c38e29): recon-blind5 and claims-blind7 never
    # studied; airwars-blind, acled-blind2, event-snippets-blind2 studied on their first half
    "recon-blind5.jsonl": ROOT / "training" / "recon-blind5.jsonl",
    "claims-blind7.jsonl": ROOT / "training" / "claims-blind7.jsonl",
    "airwars-blind.jsonl": ROOT / "training" / "airwars-blind.jsonl",
    "acled-blind2.jsonl": ROOT / "training" / "acled-blind2.jsonl",
    "event-snippets-blind2.jsonl": ROOT / "training" / "event-snippets-blind2.jsonl",
    "event-snippets-blind.jsonl": ROOT / "training" / "event-snippets-blind.jsonl",
    "acled-blind.jsonl": ROOT / "training" / "acled-blind.jsonl",
    # written blind at stop 18 (first sight on 24f1699): recon-blind6 studied whole,
    # airwars-blind2 studied on its odd lines
    "recon-blind6.jsonl": ROOT / "training" / "recon-blind6.jsonl",
    "airwars-blind2.jsonl": ROOT / "training" / "airwars-blind2.jsonl",
    # written blind at stop 18, measured at the end of it; recon-blind7 studied at stop 19
    "recon-blind7.jsonl": ROOT / "training" / "recon-blind7.jsonl",
    "claims-blind8.jsonl": ROOT / "training" / "claims-blind8.jsonl",
    # written blind at stop 19 (first sight on 3458434): acled-blind3 studied (tolls, sub-types),
    # event-snippets-blind3 read for its OTHER snippets only; the other three never studied
    "recon-blind8.jsonl": ROOT / "training" / "recon-blind8.jsonl",
    "claims-blind9.jsonl": ROOT / "training" / "claims-blind9.jsonl",
    "acled-blind3.jsonl": ROOT / "training" / "acled-blind3.jsonl",
    "airwars-blind3.jsonl": ROOT / "training" / "airwars-blind3.jsonl",
    "event-snippets-blind3.jsonl": ROOT / "training" / "event-snippets-blind3.jsonl",
    # written blind at stop 20 (first sight on 067183b): recon-blind9 studied later that stop, the
    # other two never
    "recon-blind9.jsonl": ROOT / "training" / "recon-blind9.jsonl",
    "airwars-blind4.jsonl": ROOT / "training" / "airwars-blind4.jsonl",
    "event-snippets-blind4.jsonl": ROOT / "training" / "event-snippets-blind4.jsonl",
    # written blind at stop 20 while recon-blind9 was studied (first sight on dc61b18)
    "recon-blind10.jsonl": ROOT / "training" / "recon-blind10.jsonl",
    # written blind at stop 21 (first sight on 3e5b955): recon-blind11 studied that stop,
    # airwars-blind5 never
    "recon-blind11.jsonl": ROOT / "training" / "recon-blind11.jsonl",
    "airwars-blind5.jsonl": ROOT / "training" / "airwars-blind5.jsonl",
    # written blind at stop 22 (first sight on adce33e, docs/first-sight/): recon-blind12 studied
    # late that stop, the other three never
    "recon-blind12.jsonl": ROOT / "training" / "recon-blind12.jsonl",
    "airwars-blind6.jsonl": ROOT / "training" / "airwars-blind6.jsonl",
    "acled-blind4.jsonl": ROOT / "training" / "acled-blind4.jsonl",
    "event-snippets-blind5.jsonl": ROOT / "training" / "event-snippets-blind5.jsonl",
    # written blind late at stop 22 (first sight on ff14466) while recon-blind12 was studied;
    # studied at stop 23
    "recon-blind13.jsonl": ROOT / "training" / "recon-blind13.jsonl",
    # written blind at stop 23 (first sight on 4f72fd1, docs/first-sight/): studied late at stop 23
    "recon-blind14.jsonl": ROOT / "training" / "recon-blind14.jsonl",
    "event-snippets-blind6.jsonl": ROOT / "training" / "event-snippets-blind6.jsonl",
    # written blind at stop 23 (first sight on dde2fdc): studied at stop 24
    "recon-blind15.jsonl": ROOT / "training" / "recon-blind15.jsonl",
    "acled-blind5.jsonl": ROOT / "training" / "acled-blind5.jsonl",
    # written blind at stop 24 (first sight on ea05bae): recon-blind16 studied later that stop,
    # airwars-blind7's killed misses at stop 25
    "recon-blind16.jsonl": ROOT / "training" / "recon-blind16.jsonl",
    "airwars-blind7.jsonl": ROOT / "training" / "airwars-blind7.jsonl",
    # written blind at stop 24 (first sight on ab21cea, docs/first-sight/): never studied;
    # the snippets never trained on
    "recon-blind17.jsonl": ROOT / "training" / "recon-blind17.jsonl",
    "event-snippets-blind7.jsonl": ROOT / "training" / "event-snippets-blind7.jsonl",
    # written blind late at stop 24 while recon-blind17 was studied (first sight in
    # docs/first-sight/): studied at stop 25
    "recon-blind18.jsonl": ROOT / "training" / "recon-blind18.jsonl",
    # written blind at the end of stop 24 (first sight on 73163ec): its killed misses studied at stop 25
    "airwars-blind8.jsonl": ROOT / "training" / "airwars-blind8.jsonl",
    # written blind at stop 25 (first sight on 9f9acbe, docs/first-sight/): recon-blind19 studied
    # later that stop, the others never; the snippets never trained on
    "recon-blind19.jsonl": ROOT / "training" / "recon-blind19.jsonl",
    "airwars-blind9.jsonl": ROOT / "training" / "airwars-blind9.jsonl",
    "airwars-blind10.jsonl": ROOT / "training" / "airwars-blind10.jsonl",
    "event-snippets-blind8.jsonl": ROOT / "training" / "event-snippets-blind8.jsonl",
    "event-snippets-blind9.jsonl": ROOT / "training" / "event-snippets-blind9.jsonl",
    # written blind at stop 25 while recon-blind19 was studied (first sight on dcbd47b): never studied
    "recon-blind20.jsonl": ROOT / "training" / "recon-blind20.jsonl",
    "recon-blind21.jsonl": ROOT / "training" / "recon-blind21.jsonl",
    "recon-blind22.jsonl": ROOT / "training" / "recon-blind22.jsonl",
    "recon-blind23.jsonl": ROOT / "training" / "recon-blind23.jsonl",
    "recon-blind24.jsonl": ROOT / "training" / "recon-blind24.jsonl",
    "recon-blind25.jsonl": ROOT / "training" / "recon-blind25.jsonl",
    "recon-blind26.jsonl": ROOT / "training" / "recon-blind26.jsonl",
    "recon-blind27.jsonl": ROOT / "training" / "recon-blind27.jsonl",
    "recon-blind28.jsonl": ROOT / "training" / "recon-blind28.jsonl",
}


def test_baseline_file_lists_every_eval_file():
    baseline = load_baseline(BASELINE)
    assert set(FILES) <= set(baseline), "docs/eval-baseline.json must have an entry per file"


@pytest.mark.parametrize("name", list(FILES))
def test_scores_do_not_fall(name):
    from harmwatch.extract import extract_documents

    path = FILES[name]
    if not path.exists():
        pytest.skip(f"eval data not available: {path} is absent (shared/eval is not in the repo)")
    result = evaluate_file(path, extract_documents)
    baseline = load_baseline(BASELINE)
    failures = check_against_baseline([result], {name: baseline.get(name, {})})
    assert not failures, "scores fell below docs/eval-baseline.json:\n" + "\n".join(failures)
