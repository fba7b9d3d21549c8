"""Sentences that tell of another attack than the one before: "Separately, ...", "Three weeks
after the market raid, a drone strike on a depot killed 4", "another attack on the village in
February 2020", "the bombing of the community centre two years later, in which 85 died". Such an
attack is never merged into the report's earlier event, even when place and date cannot tell
them apart."""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon

LATER_DIED = r"(?:\s+(?:people|persons|victims|of\s+them|later|subsequently|also|have|had))*\s+(?:died|succumbed)\b"


_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an|another)\s+(?:[\w-]+\s+){0,2}$", re.I)


def told_apart(sentence: str, at: int, end: int, *, dated: bool, violent: bool,
               after_violence: bool) -> bool:
    """Whether the attack whose trigger spans ``at``–``end`` of ``sentence`` is another event:
    one introduced as new ("a", "another") in a sentence set apart in time, one in a sentence
    that says so ("Separately, ...", "In a separate attack, ..."), "another attack" with a
    date of its own (``dated``: "Another attack on the village in February 2020 killed 31"),
    after an attack already told (``after_violence``) one introduced as fresh, further or new
    with a day of its own ("Fresh raids on Friday hit a clinic"), and one dated by an offset
    after its name. Only attacks (``violent``) are told apart so."""
    if not violent or not sentence:
        return False
    if lexicon.patterns("separate_events.txt").match(sentence.lstrip()):
        return True
    # the offset must come before the attack it dates ("up from 213 announced a day earlier"
    # dates a count, not the bombing named before it)
    before = sentence[max(0, at - 40) : at]
    if dated and (_ANOTHER_BEFORE.search(before) or (_FRESH_BEFORE.search(before) and after_violence)):
        return True
    # "recalled the bombing of the community centre two years later, in which 85 were killed":
    # the offset set after the attack's name dates that attack apart
    if offset_apart(sentence, end):
        return True
    if _LONG_AGO_LEAD.match(sentence) and not _COUNT_WORDS.search(sentence):
        return True  # "Two weeks earlier, the same road had been the scene of air strikes"
    if not lexicon.patterns("time_offsets.txt").search(sentence[:at]):
        return False
    # "Five days later, bombers struck the consulate, killing 30 more": victims on top of the
    # ones told, at another time (not "two more later died", the same attack's)
    return bool(_INDEFINITE_BEFORE.search(before) or _SAID_APART.search(sentence) or (
        _MORE_VICTIMS.search(sentence[at:]) and not re.search(LATER_DIED, sentence[at:], re.I)))


_LONG_AGO_LEAD = re.compile(
    r"^\W*(?:[\w-]+\s+(?:weeks?|months?|years?|decades?)|(?:a|the)\s+(?:previous|preceding|following|next)\s+"
    r"(?:week|month|year)|(?:a\s+)?(?:week|month|year))\s+(?:earlier|later|before|after)?\s*,", re.I)
"""A sentence led by an offset of weeks or more ("Two weeks earlier, ...", "A year later, ..."):
never the day of the attack told before it (a day's offset is dated by ``day_offsets``)."""
_COUNT_WORDS = re.compile(r"\b(?:toll|tally|count|rose|risen|climbed|reached|died|succumbed|said|says|"
                          r"announced|confirmed)\b", re.I)
"""A count given weeks later ("A week later the toll had risen to 50") is the same attack's."""


# "On the previous day, shelling of the district killed 5; Airwars assesses that as a separate
# incident": a sentence set apart in time that says it tells of another incident
_SAID_APART = re.compile(r"\bseparate(?:ly)?\b|\bunrelated\b", re.I)


_MORE_VICTIMS = re.compile(r"\b(?:killing|leaving|wounding|injuring)\s+(?:another\s+[\w,-]+|[\w,-]+\s+more\b(?!\s+than))", re.I)


_OFFSET_AFTER = (
    r"(?:\s+(?:of|on|at|in|against|near)\s+(?:the\s+|a\s+)?(?:[^\W\d][\w'’.-]*\s+){0,6}?)?\s*"
    r"[\w-]+\s+(?:days?|weeks?|months?|years?)\s+(?:later|earlier)\b")
"""An attack's name, with no date of its own ("the Mai Kadra killings of November 9 three days
later" dates a report, not the killings), then an offset."""


@lru_cache(maxsize=1)
def _named_offset() -> re.Pattern[str]:
    nouns = "|".join(sorted(lexicon.EVENT_NOUNS, key=len, reverse=True))
    return re.compile(rf"\b(?:{nouns})\b{_OFFSET_AFTER}", re.I)


def offset_apart(sentence: str, end: int) -> bool:
    """Whether the sentence, up to its trigger's ``end``, names an attack dated by an offset
    from another day ("remembered the attack on the market two months later, in which 19 were
    killed"): neither that day's nor the last one named."""
    return bool(_named_offset().search(sentence, 0, min(len(sentence), end + 90)))


_ANOTHER_BEFORE = re.compile(r"\banother\s+(?:[\w-]+\s+){0,2}$", re.I)
_FRESH_BEFORE = re.compile(r"\b(?:fresh|further|new)\s+(?:[\w-]+\s+){0,1}$", re.I)
