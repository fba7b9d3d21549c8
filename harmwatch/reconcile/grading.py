"""An Airwars-style grade with its reason, as far as the text supports it (pure functions).

Airwars grades an incident by the evidence: Confirmed (a belligerent accepted responsibility),
Fair (two or more credible independent sources), Weak (a single source), Contested (competing
attributions), Discounted (later shown not to have caused harm). Machines cannot weigh
credibility, so the rules read only what reports say, checked in this order:

1. Discounted: the most recent report says nobody was harmed and gives no figure itself.
2. Confirmed: a sentence says an actor of the incident acknowledged / admitted / claimed
   responsibility (without a negation: "has not acknowledged" does not count), or a
   belligerent of the incident is the source of a casualty figure.
3. Contested: reports attribute the incident to different actors (disjoint actor sets), or a
   report says an actor denied it or that the sides blamed each other. One report blaming
   one actor is an attribution, not a dispute.
4. Fair: two or more reports, from distinct outlets or citing distinct sources.
5. Weak: otherwise.

The reason is a sentence naming the reports and sources, stored next to the grade.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence
from urllib.parse import urlparse

from ..models import CasualtyClaim, Event
from ..resolve.actors import canonical_actor, find_actors
from .cues import fold
from .models import Grade
from .synthesis import Meta, usable

NO_HARM = re.compile(
    r"\b(?:no(?:\s+one|body)\s+(?:was|were|had been|has been)\s+(?:hurt|injured|killed|harmed|"
    r"wounded)|no\s+(?:civilian\s+)?(?:casualties|injuries|deaths|fatalities)\s+(?:were|was|"
    r"have been|had been)?\s*(?:reported|caused|recorded)?|no\s+one\s+died|caused\s+no\s+"
    r"(?:casualties|injuries|deaths)|without\s+(?:causing\s+)?(?:casualties|injuries))", re.I)
ACKNOWLEDGED = re.compile(
    r"\b(?:acknowledged|admitted|accepted responsibility|claimed responsibility|"
    r"took responsibility|claimed the (?:attack|bombing|strike)|"
    r"confirmed (?:that )?it (?:had )?(?:carried out|conducted|struck|launched|targeted))\b", re.I)
NEGATION = re.compile(r"\b(?:not|never|no group|no one|nobody|denied|denies|yet to|neither)\b",
                      re.I)
DISPUTED = re.compile(
    r"\b(?:denied|denies|deny)\s+(?:any\s+)?(?:involvement|responsibility|carrying out|"
    r"targeting|striking|that|it|the\s+(?:claims?|reports?|accusations?|allegations?))"
    r"|\b(?:blamed|accused)\s+each other|\btraded\s+(?:blame|accusations)"
    r"|\b(?:rejected|disputed)\s+(?:the\s+)?(?:claims?|reports?|accounts?|accusations?)", re.I)
NON_CIVILIAN = frozenset({"combatants", "soldiers", "police"})


@dataclass(frozen=True)
class Report:
    """A report of the incident as grading reads it."""

    doc_id: str
    sentences: Sequence[str] = ()
    """Its sentences as extraction split them."""
    meta: Meta = field(default_factory=Meta)


def outlet(doc_id: str, meta: Optional[Meta]) -> str:
    """Who published it: the publisher, else the web domain, else the document itself."""
    if meta is not None and meta.publisher:
        return meta.publisher
    if meta is not None and meta.url:
        host = urlparse(meta.url).netloc.lower()
        if host:
            return host[4:] if host.startswith("www.") else host
    return f"document {doc_id[:10]}"


def _date(meta: Meta) -> str:
    return meta.published.isoformat() if meta.published else "undated"


def _quote(sentence: str, limit: int = 140) -> str:
    s = " ".join(sentence.split())
    return f"“{s if len(s) <= limit else s[:limit - 1] + '…'}”"


def _names(items: Iterable[str], limit: int = 4) -> str:
    items = list(dict.fromkeys(i for i in items if i))
    more = len(items) - limit
    shown = ", ".join(items[:limit])
    return shown + (f" and {more} more" if more > 0 else "")


def _discounted(reports: Sequence[Report], claims: Sequence[CasualtyClaim], rejected
                ) -> Optional[str]:
    dated = sorted(reports, key=lambda r: r.meta.published or dt.date.min)
    if not dated:
        return None
    latest = dated[-1]
    if any(r.meta.published == latest.meta.published for r in dated[:-1]):
        return None  # same-day reports disagree: not "later shown"
    if any(usable(c, rejected) and c.doc_id == latest.doc_id and c.outcome in ("killed", "injured")
           for c in claims):
        return None
    for s in latest.sentences:
        if NO_HARM.search(s):
            later = "a later report" if len(reports) > 1 else "the only report"
            return (f"{later} ({outlet(latest.doc_id, latest.meta)}, {_date(latest.meta)}) "
                    f"says no one was harmed: {_quote(s)}")
    return None


def _confirmed(actors: set[str], reports: Sequence[Report], claims: Sequence[CasualtyClaim],
               meta: dict[str, Meta], rejected) -> Optional[str]:
    for r in reports:
        for s in r.sentences:
            if not ACKNOWLEDGED.search(s) or NEGATION.search(s):
                continue
            named = {canon for _, _, canon in find_actors(s)}
            hit = [a for a in sorted(named) if not actors or fold(a) in actors]
            if hit:
                return (f"{hit[0]} acknowledged it ({outlet(r.doc_id, r.meta)}, "
                        f"{_date(r.meta)}): {_quote(s)}")
    for c in claims:
        if not usable(c, rejected) or not c.source or c.group in NON_CIVILIAN:
            continue
        who = canonical_actor(c.source)
        if who and fold(who) in actors:
            m = meta.get(c.doc_id or "") or Meta()
            return (f"{who}, a party to the incident, gave the figure "
                    f"({c.number_text or c.count_low} {c.group} {c.outcome}) in "
                    f"{outlet(c.doc_id or '', m)}, {_date(m)}")
    return None


def _contested(events: Sequence[Event], reports: Sequence[Report]) -> Optional[str]:
    named = [(e, frozenset(e.actors)) for e in events if e.actors]
    for i, (a, sa) in enumerate(named):
        for b, sb in named[i + 1:]:
            if not ({fold(x) for x in sa} & {fold(x) for x in sb}):
                return (f"competing attributions: {', '.join(sorted(sa))} in one report, "
                        f"{', '.join(sorted(sb))} in another")
    for r in reports:
        for s in r.sentences:
            if DISPUTED.search(s):
                return f"disputed ({outlet(r.doc_id, r.meta)}, {_date(r.meta)}): {_quote(s)}"
    return None


def grade(events: Sequence[Event], claims: Sequence[CasualtyClaim], reports: Sequence[Report],
          rejected: Iterable[str] = ()) -> tuple[Grade, str]:
    """The grade of an incident and the human reason for it."""
    rejected = set(rejected)
    meta = {r.doc_id: r.meta for r in reports}
    actors = {fold(a) for e in events for a in e.actors}
    if (why := _discounted(reports, claims, rejected)):
        return Grade.DISCOUNTED, f"Discounted: {why}."
    if (why := _confirmed(actors, reports, claims, meta, rejected)):
        return Grade.CONFIRMED, f"Confirmed: {why}."
    if (why := _contested(events, reports)):
        return Grade.CONTESTED, f"Contested: {why}."
    outlets = [outlet(r.doc_id, r.meta) for r in reports]
    cited = sorted({c.source for c in claims if usable(c, rejected) and c.source},
                   key=str.casefold)
    citing = f", citing {_names(cited)}" if cited else ""
    distinct_sources = len({fold(s) for s in cited})
    if len(reports) >= 2 and (len(set(outlets)) >= 2 or distinct_sources >= 2):
        return Grade.FAIR, (f"Fair: {len(reports)} reports from {len(set(outlets))} outlet(s) "
                            f"({_names(outlets)}){citing}.")
    if len(reports) >= 2:
        return Grade.WEAK, (f"Weak: {len(reports)} reports, all from {_names(outlets)} "
                            f"and one source{citing}.")
    only = outlets[0] if outlets else "no report"
    return Grade.WEAK, f"Weak: a single source ({only}{citing})."
