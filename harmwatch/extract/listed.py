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
from functools import lru_cache
from typing import Optional

from spacy.tokens import Span, Token

from .lexicon import GROUP_WORDS
from . import lexicon
from .outcomes import fellow_victims
from .quantities import parse_number



@lru_cache(maxsize=1)
def victim_lexicon() -> dict[str, dict[str, str]]:
    """``data/lexicon/victims.tsv`` as {kind: {word: outcome}}: how predicates name victims."""
    table: dict[str, dict[str, str]] = {}
    for word, kind, outcome, *_ in lexicon.rows("victims.tsv"):
        table.setdefault(kind, {})[word] = outcome
    return table


# one person each: kin and person nouns in the singular
_ONE_PERSON = frozenset(
    "son daughter brother sister wife husband mother father nephew niece cousin grandson "
    "granddaughter grandchild grandmother grandfather uncle aunt relative neighbour neighbor "
    "fiance fiancee stepson stepdaughter".split()
) | {w for w in GROUP_WORDS if not w.endswith("s") and w not in ("police", "people", "family", "staff")}
_PRONOUNS = frozenset("him her he she".split())
_UNFULFILLED = frozenset("attempt try plan threaten seek want vow intend fail aim".split())
# "protests over the death of a teenager": a death the text looks back on, not this event's
_LOOKING_BACK = frozenset("over against after following about".split())


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
    sentence_span: Optional[tuple[int, int]] = None
    lone: bool = False
    """One victim neither named nor numbered ("a man was shot dead", "killing him"): the toll
    counts it only where the report gives no other word of that outcome."""


def _fatal(t: Token) -> bool:
    """"shot dead", "beaten to death", "fatally stabbed", "found dead"."""
    for c in t.children:
        if c.lower_ in ("dead", "fatally"):
            return True
        if c.lower_ == "to" and any(g.lower_ == "death" for g in c.children):
            return True
    nxt = [x.lower_ for x in t.doc[t.i + 1 : t.i + 3]]
    return nxt[:1] == ["dead"] or nxt == ["to", "death"]


def _victims(t: Token) -> tuple[list[Token], Optional[str]]:
    """The victim phrase heads of a killing word (``data/lexicon/victims.tsv``): object or
    passive subject of "kill" (of "shoot" with "dead"), subject of "die", "of"-object of "the
    killing/death/body of"."""
    lex, lemma = victim_lexicon(), t.lemma_.lower()
    if t.pos_ == "VERB" and t.dep_ == "xcomp" and t.head.lemma_.lower() in _UNFULFILLED:
        return [], None  # "attempted to kill a commander": nobody died
    if t.pos_ == "VERB":
        if lemma in lex.get("always", {}) or (lemma in lex.get("fatal", {}) and _fatal(t)):
            outcome = lex.get("always", {}).get(lemma) or lex["fatal"][lemma]
            heads = [c for c in t.children if c.dep_ in ("nsubjpass", "dobj")]
            if not heads and t.dep_ == "conj" and t.head.pos_ == "VERB":  # "were shot and killed"
                heads = [c for c in t.head.children if c.dep_ == "nsubjpass"]
            if t.dep_ == "relcl":  # "the minister, who was killed ...": the minister
                heads = [t.head if c.lower_ in ("who", "that") else c for c in heads]
            return heads, outcome
        if lemma in lex.get("subject", {}):
            return [c for c in t.children if c.dep_ == "nsubj"], lex["subject"][lemma]
    if t.pos_ == "NOUN" and t.lower_ in lex.get("noun", {}) and t.head.lower_ not in _LOOKING_BACK:
        return [g for p in t.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"], lex["noun"][t.lower_]
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


def _fellows(verb: Token) -> list[tuple[Token, int]]:
    """"the minister was killed with 13 others", "along with six of his guards": those beside
    the victim count with it (the phrase and its number)."""
    out = []
    for g in (g for p in verb.children if p.dep_ == "prep" and p.lower_ == "with"
              for g in p.children if g.dep_ == "pobj"):
        nouns = [g] + [x for o in g.children if o.lower_ == "of" for x in o.children if x.dep_ == "pobj"]
        numbers = [x for x in g.children if x.dep_ == "nummod"] + ([g] if g.like_num else [])
        n = parse_number(numbers[0].text) if numbers else None  # not "along with the bomber"
        if n and any(fellow_victims(x) is not None for x in nouns):
            out.append((g, n))
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


def _one_victim(c: Token) -> bool:
    """A single victim not named: "a man", "the district head", "a member of the police", "him"."""
    if c.lower_ in _PRONOUNS:
        return True
    if c.tag_ != "NN" or c.lower_ in victim_lexicon().get("notvictim", {}) or c.like_num:
        return False
    return any(d.dep_ in ("det", "poss") or d.lower_ in ("one",) for d in c.children) or c.lower_ in _ONE_PERSON


def listings(sent: Span, offset: int) -> list[Listing]:
    """Lists of victims in ``sent`` (two or more, or one named person), with document spans."""
    found = []
    for t in sent:
        heads, outcome = _victims(t)
        for n, head in enumerate(heads):
            members = _members(head)
            counts = [_count(c) or (1 if _one_victim(c) else None) for c in members]
            for fellow, count in _fellows(t) if n == 0 else []:
                members, counts = members + [fellow], counts + [count]
            if None in counts:
                continue
            if all(any(x.dep_ == "nummod" for x in c.children) for c in members) and not (
                    len(members) == 1 and counts[0] == 1):
                continue  # "four civilians and two militants": figures, already claims
            words = [x for c in members for x in c.subtree]
            start = min(x.idx for x in words)
            end = max(x.idx + len(x) for x in words)
            n = sum(counts)  # type: ignore[arg-type]
            lone = len(members) == 1 and not _named(head)
            found.append(Listing(n, n, "exact", outcome, (offset + start, offset + end),  # type: ignore[arg-type]
                                 (offset + sent.start_char, offset + sent.end_char), lone))
    return found
