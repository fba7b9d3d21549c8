"""The event rules' first-slot index and last-slot cut only skip work: every rule run from every
token over the whole sentence gives the same hits in the same order. Sentences written for
this test."""
import pytest

from harmwatch.extract import nlp
from harmwatch.extract.event_patterns import _RULES, _kept_tokens, _match_sentence, _matchers

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


def _reference(sent):
    """Each rule's Matcher over the whole sentence with every token tagged as a start."""
    from spacy.tokens import Doc

    from harmwatch.extract.event_patterns import _START, _USER_DATA, _as_value, token_keys

    toks = _kept_tokens(sent)
    doc = Doc(sent.doc.vocab, words=[t.text for t in toks])
    doc.user_data[_USER_DATA] = [_as_value(token_keys(t)) for t in toks]
    out = []
    for rule, found in zip(_RULES, _matchers(sent.doc.vocab)):
        firsts = [k for k, t in enumerate(toks) if not rule.first.isdisjoint(token_keys(t))]
        if found is None:
            out += [(rule.code, rule.id, toks[k].idx, toks[k].idx + len(toks[k].text)) for k in firsts]
            continue
        matcher, order = found
        for k in firsts:
            doc[k].tag_ = _START
        best: dict = {}
        for mid, s, e in matcher(doc, allow_missing=True):
            best[s] = min(best.get(s, (9, 0)), (order[mid], e))
        for k in firsts:
            doc[k].tag = 0
        for s in sorted(best):
            b = toks[best[s][1] - 1]
            out.append((rule.code, rule.id, toks[s].idx, b.idx + len(b.text)))
    return out


@pytest.fixture(scope="module")
def sentences():
    return [(si, s) for si, s in enumerate(nlp.load()("  ".join(SENTENCES)).sents)]


def test_index_gives_the_same_hits_in_the_same_order(sentences):
    total = 0
    for si, sent in sentences:
        got = [(h.code, h.source, h.start, h.end) for h in _match_sentence(sent, si)]
        assert got == _reference(sent), sent.text
        total += len(got)
    assert total > 20  # control: the sentences do trigger many rules


def test_a_sentence_with_no_trigger_has_no_hit(sentences):
    last = sentences[-1][1]
    assert "Hawks" in last.text
    assert not [h for h in _match_sentence(last, 0) if not h.code.startswith("CTX_")]
