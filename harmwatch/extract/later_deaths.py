"""A later death told by its rank: "a fourth victim, Abdel Qader al-Ali, died of his wounds",
"a twelfth person had died". The ordinal is the toll at that time (the fourth death makes
four), so it becomes a figure of its own, traced to the ordinal word, and raises the high end
of the event's toll like any later, larger count (``events._span_of``)."""
from __future__ import annotations

import re
from typing import Sequence

from ..models import CasualtyClaim

ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
_LATER_DEATH = re.compile(
    r"\b(?:a|the)\s+(?P<ord>%s)\s+(?:victim|person|man|woman|child|boy|girl|civilian|resident|"
    r"casualty|patient)\b(?P<rest>[^.;]{0,80}?)\b(?:had\s+|has\s+|later\s+)?"
    r"(?:died|succumbed|dies|passed\s+away)\b" % "|".join(ORDINALS), re.I)
_NOT_YET = re.compile(r"\b(?:may|might|could|feared|not|no)\b", re.I)
"""'a third man "may have died"': not a death."""


def later_deaths(text: str, sentences: Sequence[tuple[int, int]]) -> list[CasualtyClaim]:
    """A killed figure for each later death told by its rank, with the span of the ordinal."""
    out = []
    for start, end in sentences:
        sentence = text[start:end]
        for m in _LATER_DEATH.finditer(sentence):
            if _NOT_YET.search(m.group("rest")):
                continue
            n = ORDINALS[m.group("ord").lower()]
            out.append(CasualtyClaim(
                count_low=n, count_high=n, qualifier="exact", outcome="killed",
                span=(start + m.start("ord"), start + m.end("ord")), sentence=sentence,
                sentence_span=(start, end), number_text=m.group("ord")))
    return out
