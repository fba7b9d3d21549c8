"""The word lists of harmwatch/data/lexicon: one loader, no duplicates, no contradictions."""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from harmwatch.extract import lexicon

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(p.name for p in lexicon.LEXICON_DIR.iterdir() if p.suffix in (".txt", ".tsv"))
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "harmwatch").rglob("*.py"))


def test_there_are_lexicon_files():
    assert {"nonviolent.txt", "victims.tsv", "relevance.txt"} <= set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_every_file_is_read_by_the_code_and_through_the_one_loader(name):
    assert name in SOURCE, f"data/lexicon/{name} is read by nothing"
    # the loader is the only place that opens lexicon files
    readers = [p for p in (ROOT / "harmwatch").rglob("*.py")
               if re.search(r'["\']%s["\'][^\n]*\)\s*\.(?:read_text|open)' % re.escape(name),
                            p.read_text(encoding="utf-8"))]
    assert readers == [], readers


@pytest.mark.parametrize("name", FILES)
def test_no_entry_is_listed_twice(name):
    seen: dict[str, int] = defaultdict(int)
    for entry in lexicon.lines(name):  # a table's key: its word and kind ("murder" verb, noun)
        seen["\t".join(entry.lower().split("\t")[:2])] += 1
    twice = sorted(k for k, n in seen.items() if n > 1)
    assert twice == [], f"{name}: {twice}"


def test_regular_expression_lists_compile():
    for name in ("running_totals.txt", "time_offsets.txt"):
        pat = lexicon.patterns(name)
        assert pat.pattern.count("(?:") > 1
    assert lexicon.patterns("time_offsets.txt").search("Two days later a second blast hit")
    assert not lexicon.patterns("time_offsets.txt").search("The market reopened")  # control


def test_victims_table_gives_each_word_one_reading_per_kind():
    readings: dict[tuple[str, str], set[str]] = defaultdict(set)
    for word, kind, outcome, *_ in lexicon.rows("victims.tsv"):
        readings[(word, kind)].add(outcome)
    assert readings  # positive control: the table is read
    assert {k: v for k, v in readings.items() if len(v) > 1} == {}


def test_lists_that_exclude_each_other_do_not_overlap():
    """A cause of death that is no political violence is never also a verb of harm that makes
    an event real, nor a word of the event vocabulary; a word naming a kind of place is no
    event noun."""
    nonviolent = lexicon.words("nonviolent.txt")
    harm = lexicon.words("harm_verbs.txt")
    places = lexicon.words("place_kinds.txt")
    assert nonviolent and harm and places
    assert nonviolent & harm == set()
    assert nonviolent & set(lexicon.EVENT_NOUNS) == set()
    assert places & set(lexicon.EVENT_NOUNS) == set()
    assert places & harm == set()


def test_the_relevance_filter_covers_every_outcome_word():
    from harmwatch.extract.relevance import entries

    listed = set(entries())
    assert set(lexicon.OUTCOME_WORDS) <= listed
    assert "kill*" in listed or "killed" in listed
