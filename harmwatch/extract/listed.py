"""Victims listed one by one: "a woman and her infant were killed", "killed Muhammad Ghaboun",
"the killing of journalist Yasser Abu Namous and his mother".

Such a list carries no figure, so it is never a casualty claim (FORMAT.md scores numbers only),
but it does say how many people a report names: the toll uses it where the report gives no
figure for that outcome, or where the list holds a figure of its own ("a woman" in "a woman
and her four sons"). Each victim counts one; a numbered victim noun ("her four sons") counts
its number; a plural without a number ("their children") makes the list uncountable.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span, Token

from .lexicon import GROUP_WORDS
from .quantities import parse_number

# one person each: kin and person nouns in the singular
_ONE_PERSON = frozenset(
    "son daughter brother sister wife husband mother father nephew niece cousin grandson "
    "granddaughter grandchild grandmother grandfather uncle aunt relative neighbour neighbor "
    "fiance fiancee stepson stepdaughter".split()
) | {w for w in GROUP_WORDS if not w.endswith("s") and w not in ("police", "people", "family", "staff")}
_KILLING_VERBS = {"kill": "killed", "martyr": "killed", "injure": "injured", "wound": "injured"}
_KILLING_NOUNS = {"killing": "killed", "killings": "killed", "death": "killed", "deaths": "killed"}


@dataclass(frozen=True)
class Listing:
    """A figure the toll may count that is no claim: victims listed one by one, or one figure
    for the dead and the hurt together (``casualties.MIXED``)."""

    count_low: Optional[int]
    count_high: Optional[int]
    qualifier: str
    outcome: str
    span: tuple[int, int]
    """Document characters of the list or figure."""


def _victims(t: Token) -> tuple[list[Token], Optional[str]]:
    """The victim phrase heads of a killing word: object or passive subject of "kill", subject
    of "die", "of"-object of "the killing/death of"."""
    lemma = t.lemma_.lower()
    if t.pos_ == "VERB" and lemma in _KILLING_VERBS:
        return [c for c in t.children if c.dep_ in ("nsubjpass", "dobj")], _KILLING_VERBS[lemma]
    if t.pos_ == "VERB" and lemma == "die":
        return [c for c in t.children if c.dep_ == "nsubj"], "killed"
    if t.pos_ == "NOUN" and t.lower_ in _KILLING_NOUNS:
        return [g for p in t.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"], _KILLING_NOUNS[t.lower_]
    return [], None


def _named(t: Token) -> bool:
    return t.pos_ == "PROPN" and t.ent_type_ == "PERSON"


def _members(head: Token) -> list[Token]:
    """The head and its conjuncts, also those hung on its name ("the journalist Yasser Haddad
    and his mother": "mother" is parsed as a conjunct of "Haddad")."""
    out = [head] + [c for c in head.conjuncts if c.i > head.i]
    if any(c.dep_ == "nummod" for c in head.children):
        return out  # "two civilians, Anwar Nassar and his son": the names are the two
    for a in (a for a in head.children if a.dep_ == "appos" and _named(a)):
        out += [c for c in a.conjuncts if c.i > a.i and c not in out]
    return out


def _count(c: Token) -> Optional[int]:
    numbers = [x for x in c.children if x.dep_ == "nummod"]
    if numbers:
        return parse_number(numbers[0].text)  # "her four sons"
    if c.pos_ == "PROPN" and c.ent_type_ == "PERSON" or any(_named(a) for a in c.children if a.dep_ == "appos"):
        return 1  # "Yasser Haddad", "the journalist Yasser Haddad"
    if c.lower_ in _ONE_PERSON and c.tag_ == "NN":
        return 1
    return None  # "their children", "the house": not countable people


def listings(sent: Span, offset: int) -> list[Listing]:
    """Lists of victims in ``sent`` (two or more, or one named person), with document spans."""
    found = []
    for t in sent:
        heads, outcome = _victims(t)
        for head in heads:
            members = _members(head)
            counts = [_count(c) for c in members]
            if None in counts or not (len(members) > 1 or counts[0] == 1 and _named(head)):
                continue
            if all(any(x.dep_ == "nummod" for x in c.children) for c in members):
                continue  # "four civilians and two militants": figures, already claims
            words = [x for c in members for x in c.subtree]
            start = min(x.idx for x in words)
            end = max(x.idx + len(x) for x in words)
            n = sum(counts)  # type: ignore[arg-type]
            found.append(Listing(n, n, "exact", outcome, (offset + start, offset + end)))  # type: ignore[arg-type]
    return found
