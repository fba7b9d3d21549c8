"""The event-pattern matcher's first-slot index finds exactly the hits of trying every rule at
every token (the matcher it replaced, kept here as the reference). Sentences written for this test.
"""
import pytest

from harmwatch.extract import nlp
from harmwatch.extract.event_patterns import _RULES, _match_from, _match_sentence, _sentence_tokens, _slot_matches

SENTENCES = [
    "An air strike on the market killed 11 civilians and wounded dozens more on Sunday.",
    "Militants ambushed a police convoy near the border, and a gun battle lasted two hours.",
    "Protesters hurled stones at officers, who fired tear gas to disperse the crowd.",
    "A roadside bomb exploded as the patrol passed; a second device was defused by the army.",
    "The rebels withdrew from the town without a fight after talks on a ceasefire.",
    "Gunmen abducted four aid workers and set fire to the clinic.",
    "Security forces arrested 30 people suspected of smuggling weapons across the river.",
    "The cease-fire collapsed when rockets slammed into a school in the capital.",
    "Flooding forced thousands from their homes, and a bus crash killed nine.",
    "The Harbour Hawks won the league final 2-1 in front of a sold-out crowd.",
]


def _reference(sent, si):
    """Every rule at every token, in rule order (the matcher before the index)."""
    toks = _sentence_tokens(sent)
    out = []
    for rule in _RULES:
        for k, t in enumerate(toks):
            if _slot_matches(rule.slots[0], t):
                end = _match_from(rule.slots, toks, 1, k + 1)
                if end is not None:
                    out.append((rule.code, rule.source, toks[k].start, toks[end - 1].end))
    return out


@pytest.fixture(scope="module")
def sentences():
    return [(si, s) for off, doc in nlp.parse("\n\n".join(SENTENCES)) for si, s in enumerate(doc.sents)]


def test_index_gives_the_same_hits_in_the_same_order(sentences):
    total = 0
    for si, sent in sentences:
        got = [(h.code, h.source, h.start, h.end) for h in _match_sentence(sent, si)]
        assert got == _reference(sent, si), sent.text
        total += len(got)
    assert total > 20  # control: the sentences do trigger many rules


def test_a_sentence_with_no_trigger_has_no_hit(sentences):
    last = sentences[-1][1]
    assert "Hawks" in last.text
    assert not [h for h in _match_sentence(last, 0) if not h.code.startswith("CTX_")]
