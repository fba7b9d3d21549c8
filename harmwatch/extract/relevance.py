"""A cheap test before the parser: can this document hold a casualty claim or a conflict event?

Why: most of a day's news is sport, business, weather and politics. Parsing it with spaCy and
running the event rules over it is most of the cost of extraction and finds nothing, so a
document that names no harm, no violence, no armed actor and no unrest skips the parser and
gets an empty extraction (the document itself is kept).

The words are data: ``data/lexicon/relevance.txt`` plus, at load time, every outcome word of
:mod:`.lexicon` (a claim needs one) and every victim predicate of ``data/lexicon/victims.tsv``.
One compiled regular expression over the raw text; its recall on every evaluation set (no
document with a gold claim or event may be rejected) is measured in ``docs/performance.md``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .lexicon import EVENT_NOUNS, OUTCOME_WORDS

LEXICON = Path(__file__).resolve().parents[1] / "data" / "lexicon" / "relevance.txt"
_VICTIMS = LEXICON.with_name("victims.tsv")
_VICTIM_KINDS = ("always", "subject", "noun")
"""victims.tsv kinds that name harm by themselves; "fatal" verbs ("shot him dead") need "dead",
"death" or "fatally", which the lexicon has, and "notvictim" names no harm."""


def entries() -> list[str]:
    """Every entry: ``"kill*"`` (a prefix) or ``"war"`` (a whole word), lowercase."""
    words = [ln.strip().lower() for ln in LEXICON.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.lstrip().startswith("#")]
    words += sorted(OUTCOME_WORDS) + sorted(EVENT_NOUNS)
    for line in _VICTIMS.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 2 and not line.startswith("#") and cols[1] in _VICTIM_KINDS:
            words += _inflections(cols[0].lower())
    return sorted(set(words))


def _inflections(lemma: str) -> list[str]:
    """The regular forms of a verb or noun lemma ("die" → "dies", "died", "dying"); irregular
    ones ("slain", "shot") are in the lexicon file. Whole words: a prefix "die*" took "diesel"."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("ie"):
        forms.add(lemma[:-2] + "ying")
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "stab" → "stabbed"
    return sorted(forms)


@lru_cache(maxsize=1)
def _matcher() -> re.Pattern:
    prefixes = [w[:-1] for w in entries() if w.endswith("*")]
    whole = [w for w in entries() if not w.endswith("*")]

    def alt(ws):
        # a phrase ("to the streets") allows any run of spaces between its words
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(ws, key=len, reverse=True))
    # a word starts where no letter precedes (spaCy splits "anti-war", "5-killed" there too)
    return re.compile(rf"(?<![^\W\d_])(?:(?:{alt(prefixes)})|(?:{alt(whole)})(?![^\W\d_]))", re.I)


def is_relevant(text: str) -> bool:
    """True when ``text`` names anything a claim or a conflict event needs (see the module)."""
    return _matcher().search(text) is not None


def first_cue(text: str) -> str | None:
    """The first word that made ``text`` relevant (for explaining a decision), else None."""
    m = _matcher().search(text)
    if m is None:
        return None
    rest = re.match(r"[^\W_]*", text[m.end():])
    return m.group(0) + (rest.group(0) if rest else "")
