"""Figures the sentence itself sets against its toll: the first report a later one replaced
("the original toll was 56", "up from 134", "revised from 95 to 35"), a part added to an
earlier count ("four more bodies, raising the toll to 78") and the parts of a total the
sentence gives ("45 dead in all")."""
from __future__ import annotations

import re

from spacy.tokens import Span

from ..models import CasualtyClaim
from .figures import Figure, tokens_for

_FIRST_REPORT = frozenset("initially originally previously".split())
_FIRST_REPORT_ADJ = frozenset("initial original earlier first preliminary previous".split())
_SINCE_THEN = frozenset("but while now later since then".split())
_FIRST_REPORT_VERBS = frozenset("report announce give say put count list record tell state".split())
_REPORT_WORDS = frozenset(
    "report reports reported toll tally figure figures count estimate estimates said posted".split())


def compared_with(sent: Span, q_first: int) -> bool:
    """"rose to 160, up from 134", "revised the toll to 57 from 67": the figure is the earlier
    toll the new one is compared with."""
    before = list(sent.doc[max(sent.start, q_first - 3) : q_first])
    words = [t.lower_ for t in before]
    return words[-2:] in (["up", "from"], ["down", "from"]) or (
        len(before) == 3 and words[0] == "to" and before[1].like_num and words[2] == "from")


def first_report(sent: Span, fig: Figure) -> bool:
    """"Safa initially reported two killed", "the original toll was 56", "up from 12": a figure
    the text itself says a later one replaced."""
    doc = sent.doc
    q_first = tokens_for(sent, fig.q.start, fig.q.end)[0]
    before = list(doc[max(sent.start, q_first - 8) : q_first])
    for i, t in enumerate(before):
        if any(b.lower_ in _SINCE_THEN for b in before[i + 1:]):
            continue  # "initially ..., but now 40": the figure is the later one
        if t.lower_ in _FIRST_REPORT:
            return True
        if t.lower_ in _FIRST_REPORT_ADJ and any(b.lower_ in _REPORT_WORDS for b in before[i + 1 : i + 3]):
            return True
        if t.lower_ == "first" and t.dep_ == "advmod" and t.head.pos_ == "VERB" \
                and t.head.lemma_.lower() in _FIRST_REPORT_VERBS and t.head.i < q_first:
            return True  # "the government first announced 95 dead, then ..."
    if compared_with(sent, q_first):
        return True
    after = [t.lower_ for t in doc[fig.last + 1 : min(sent.end, fig.last + 6)]]
    # "14 killed at first count; the toll later rose to 17"
    return ("earlier" in after[:3] and ("reported" in after[:3] or "previously" in after[:3])) \
        or any(after[i : i + 2] == ["at", "first"] for i in range(len(after)))


_INCREMENT = re.compile(
    r"^\s*(?:more|additional|further|other)\b[^.;:]{0,80}?,?\s*\b(?:bringing|raising|taking|pushing|lifting|"
    r"brought|raised|took|pushed)\s+(?:the|its|their)\s+[^.;:]{0,40}?\bto\s+(?:at\s+least\s+|more\s+than\s+|about\s+|some\s+)?\d", re.I)


_DIED_LATER = re.compile(r"^\s*more(?:\s+[\w-]+){0,3}?\s+(?:died|succumbed)\b", re.I)


def increment(sent: Span, fig: Figure) -> bool:
    """"recovered four more bodies, raising the number of dead to 78": the figure is a part of
    the total the sentence gives, not the toll."""
    after = sent.text[fig.q.end :]
    # "two more died, bringing the toll to 10" adds to an earlier figure (``events._with_more``)
    return bool(_INCREMENT.match(after)) and not _DIED_LATER.match(after)


def superseded(sent: Span, fig: Figure) -> bool:
    """"revised from 95 to 35": the first figure is the old one, the claim is the second."""
    doc = sent.doc
    return (
        fig.first > sent.start
        and doc[fig.first - 1].lower_ == "from"
        and fig.last + 2 < sent.end
        and doc[fig.last + 1].lower_ == "to"
        and doc[fig.last + 2].like_num
    )


_IN_ALL = re.compile(r"^\s*(?:(?:people|dead|killed|deaths)\s+)?(?:in\s+all|in\s+total|altogether|all\s+told)\b", re.I)


def with_totals(sent: Span, claims: list[tuple[CasualtyClaim, int, int]]) -> list[tuple[CasualtyClaim, int, int]]:
    """"killed 33 people as well as 12 of the attackers, 45 dead in all": the figures before
    the total are its parts, and the total counts people of every kind."""
    base = sent.start_char
    for k, (claim, _first, _last) in enumerate(claims):
        at = claim.span[1] - (claim.sentence_span or (base, 0))[0]
        if k and _IN_ALL.match(sent.text[at:]):
            for part, _, _ in claims[:k]:
                if part.outcome == claim.outcome:
                    part.subtotal = True
            claim.group, claim.group_text = "people", None
    return claims
