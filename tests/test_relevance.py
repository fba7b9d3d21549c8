"""The relevance filter before the parser: conflict news passes, other news is skipped.

Sentences written for these tests. The filter's recall on the evaluation sets (no document with
a gold claim or event rejected) is measured in docs/performance.md.
"""
import pytest

from harmwatch.extract import extract_document, extract_documents
from harmwatch.extract.relevance import entries, first_cue, is_relevant
from harmwatch.models import Document

CONFLICT = [
    "Two civilians were killed when a shell hit their house on Monday.",
    "Gunmen opened fire on a bus near the market, wounding nine passengers.",
    "The militia seized the district headquarters after a day of fighting.",
    "Hundreds of teachers marched on parliament to demand unpaid wages.",
    "Police detained 14 people after the rally turned violent.",
    "A roadside device exploded under a patrol vehicle north of the town.",
    "Thousands have fled their villages since the offensive began.",
    "The bodies of three farmers were recovered from the river.",
    "Residents said the soldiers torched at least 40 homes.",
]

OTHER = [
    "The Harbour Hawks won the cup semi-final 3-1 after extra time on Saturday.",
    "Quarterly revenue at the retailer rose 12 percent to 950 million dollars.",
    "Forecasters expect sunshine and a high of 24 degrees across the coast tomorrow.",
    "The council approved a new cycle lane and a budget for two libraries.",
    "Diesel prices fell for a third week, the energy regulator said.",  # "die" is no prefix
    "Chief executive officers of the three banks met investors in Osaka.",
]


@pytest.mark.parametrize("text", CONFLICT)
def test_conflict_sentences_pass(text):
    assert is_relevant(text), text


@pytest.mark.parametrize("text", OTHER)
def test_other_news_is_skipped(text):
    assert not is_relevant(text), first_cue(text)


def test_words_match_at_a_word_start_only():
    assert is_relevant("Rockets landed near the airport.")
    assert not is_relevant("The skill of the squad was clear.")  # "kill" inside a word
    assert first_cue("They were KILLED in the ambush.").lower() == "killed"


def test_lexicons_that_name_harm_are_included():
    words = set(entries())
    assert {"killed", "wounded", "displaced"} <= words  # extract/lexicon.py outcome words
    assert {"assassinated", "died", "succumbed"} <= words  # victims.tsv predicates, inflected
    assert "find" not in words  # a "fatal" predicate of victims.tsv needs "dead" to harm


def test_a_skipped_document_keeps_its_record_but_is_empty():
    doc = Document.from_text(OTHER[0])
    ex = extract_document(doc)
    assert ex.document.id == doc.id
    assert not (ex.casualties or ex.events or ex.places or ex.quotes)
    # positive control: without the filter the same text is parsed (its place is found)
    parsed = extract_document(Document.from_text(OTHER[2] + " Lisbon stays dry."), relevance=False)
    assert parsed.document.id and parsed.places


def test_a_relevant_document_is_extracted():
    ex = extract_document(Document.from_text(CONFLICT[0]))
    assert [(c.count_low, c.outcome) for c in ex.casualties] == [(2, "killed")]
    assert extract_documents([Document.from_text(CONFLICT[0])])[0] == ex


def test_no_document_with_gold_is_rejected():
    """Recall guard: every annotated document with a claim or conflict event passes the filter
    (training/ ships with the repo; ../shared/eval is measured too where present)."""
    from pathlib import Path

    from harmwatch.extract.relevance import recall_report

    repo = Path(__file__).resolve().parents[1]
    files = sorted((repo / "training").glob("*.jsonl")) + sorted((repo.parent / "shared" / "eval").glob("*.jsonl"))
    rows = recall_report(files)
    assert sum(r[2] for r in rows) > 500  # control: the files were read and hold gold
    assert [r for r in rows if r[4]] == []
