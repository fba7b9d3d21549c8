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

from . import lexicon
from .lexicon import EVENT_NOUNS, OUTCOME_WORDS

LEXICON = Path(__file__).resolve().parents[1] / "data" / "lexicon" / "relevance.txt"
_VICTIMS = LEXICON.with_name("victims.tsv")
_VICTIM_KINDS = ("always", "subject", "noun")
"""victims.tsv kinds that name harm by themselves; "fatal" verbs ("shot him dead") need "dead",
"death" or "fatally", which the lexicon has, and "notvictim" names no harm."""


def entries() -> list[str]:
    """Every entry: ``"kill*"`` (a prefix) or ``"war"`` (a whole word), lowercase."""
    words = [w.lower() for w in lexicon.lines(LEXICON.name)]
    words += sorted(OUTCOME_WORDS) + sorted(EVENT_NOUNS)
    for cols in lexicon.rows(_VICTIMS.name):
        if len(cols) >= 2 and cols[1] in _VICTIM_KINDS:
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


_PREFIX_END, _WORD_END = "*", "$"


def _trie_regex(words: list[str]) -> str:
    """One regex over ``words`` as a trie ("kill*", "war", "to the streets"): an alternation of
    500 words tried one by one at every character took ~3 ms an article, the trie ~10× less."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w.rstrip("*"):
            node = node.setdefault(ch, {})
        node[_PREFIX_END if w.endswith("*") else _WORD_END] = {}

    def build(node: dict) -> str:
        if _PREFIX_END in node:
            return ""  # any ending: the match is made
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + build(child)
                for ch, child in sorted(node.items()) if ch != _WORD_END]
        if _WORD_END in node:
            alts.append(r"(?![^\W\d_])")  # a whole word ends here
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return build(trie)


@lru_cache(maxsize=1)
def _matcher() -> re.Pattern:
    # a word starts where no letter precedes (spaCy splits "anti-war", "5-killed" there too);
    # a phrase ("to the streets") allows any run of spaces between its words
    return re.compile(r"(?<![^\W\d_])" + _trie_regex(entries()), re.I)


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


_NOT_CONFLICT_CODES = frozenset({"NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME", "DIPLO", "ATTRIB", "OTHER"})
"""Codes of no conflict event with harm: "OTHER" labels political news too (a debt default, an
election result, a court ruling), where the extractor finds no event with or without the filter."""


def _has_gold(gold) -> bool:
    """Whether an eval item's gold holds a claim or a conflict event (FORMAT.md's kinds)."""
    if not isinstance(gold, dict):
        return True  # recon sets: every report belongs to an incident
    if "subtype" in gold:
        return gold["subtype"] not in _NOT_CONFLICT_CODES
    if "casualties" in gold:
        return bool(gold["casualties"]) or (gold.get("event_type") not in (None, "none")
                                            and not gold.get("negative"))
    return True  # ACLED notes and Airwars assessments are events


def recall_report(paths) -> list[tuple[str, int, int, int, int]]:
    """Per annotated JSONL file: (name, documents, with gold, rejected, gold rejected)."""
    import json

    rows = []
    for path in map(Path, paths):
        items = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        gold = [_has_gold(it.get("gold")) for it in items]
        rejected = [not is_relevant(it.get("text") or "") for it in items]
        rows.append((path.name, len(items), sum(gold), sum(rejected),
                     sum(g and r for g, r in zip(gold, rejected))))
    return rows


if __name__ == "__main__":  # python -m harmwatch.extract.relevance ../shared/eval/*.jsonl
    import sys

    total = [0, 0, 0, 0]
    for name, *counts in recall_report(sys.argv[1:]):
        print(f"{name:30} documents {counts[0]:5}  with gold {counts[1]:5}  rejected {counts[2]:4}  "
              f"gold rejected {counts[3]}")
        total = [a + b for a, b in zip(total, counts)]
    print(f"{'total':30} documents {total[0]:5}  with gold {total[1]:5}  rejected {total[2]:4}  "
          f"gold rejected {total[3]}")
