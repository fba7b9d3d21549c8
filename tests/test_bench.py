"""The benchmark's behaviour (issue 10), not its timings: the corpus is reproducible, news-length,
about one in five about conflict, and the command ends with the JSON figures the issue names."""
from __future__ import annotations

import json
import re

from harmwatch.bench import build_corpus, conflict_passages

from helpers import run

PASSAGES = [  # written for this test
    "An air strike on a market in the town of Kelvane killed at least 12 civilians on Tuesday, "
    "a local official said, and wounded 30 others.",
    "Shelling of a residential district left four people dead and destroyed two schools, "
    "according to the regional health office.",
]
CONFLICT_WORDS = re.compile(
    r"\b(kill\w*|dead|death\w*|wound\w*|injur\w*|strike|strikes|shell\w*|bomb\w*|attack\w*|"
    r"militar\w*|troops?|soldiers?|war|civilians?|missiles?|drones?|casualt\w*)\b", re.I)


def test_corpus_is_deterministic():
    a = build_corpus(60, passages=PASSAGES)
    b = build_corpus(60, passages=PASSAGES)
    assert [(x.doc.id, x.doc.text, x.conflict) for x in a] == [(x.doc.id, x.doc.text, x.conflict) for x in b]
    other = build_corpus(60, passages=PASSAGES, seed=7)
    assert [x.doc.text for x in other] != [x.doc.text for x in a]


def test_corpus_share_and_length():
    corpus = build_corpus(200, passages=PASSAGES)
    assert len(corpus) == 200
    assert sum(a.conflict for a in corpus) == 40  # one in five
    words = [a.words for a in corpus]
    assert 550 <= sum(words) / len(words) <= 700
    assert min(words) >= 500 and max(words) <= 1000
    assert len({a.doc.id for a in corpus}) == 200


def test_non_conflict_articles_hold_no_conflict_words():
    corpus = build_corpus(100, passages=PASSAGES)
    calm = [a for a in corpus if not a.conflict]
    conflict = [a for a in corpus if a.conflict]
    assert calm and conflict
    assert not any(CONFLICT_WORDS.search(a.doc.text) for a in calm)
    assert all(CONFLICT_WORDS.search(a.doc.text) for a in conflict)  # positive control
    topics = {a.doc.title for a in calm}
    assert {"sports news", "business news", "weather news", "politics news"} <= topics


def test_conflict_passages_read_the_repo():
    assert len(conflict_passages(shared_eval=None)) >= 50


def test_bench_command_ends_with_json():
    res = run(["bench", "--docs", "40", "--conflict-sample", "6", "--json"])
    assert res.returncode == 0, res.stderr
    last = res.stdout.strip().splitlines()[-1]
    figures = json.loads(last)
    for key in ("articles_per_s_mixed", "articles_per_s_conflict", "spacy_baseline_articles_per_s",
                "ratio_vs_spacy", "peak_rss_mb", "words_per_s_mixed", "extraction_articles_per_s"):
        assert figures[key] > 0, key
    assert figures["documents"] == 40 and figures["conflict_documents"] == 8
    assert figures["conflict_sample_documents"] == 6
