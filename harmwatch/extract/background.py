"""Figures of an earlier event told in passing: "the bloodiest attack on the city since
February 1994, when 68 people were killed in the same market", "anger over the 4 August port
explosion, which had killed more than 150 people". Wire copy measures an attack against the
last one, and a protest names what it is about, this way; the clause's dead are that earlier
event's. They go to that event (the one the report already dates that day, else one of their
own, dated by the clause) with the scope ``background``: reported, but never a toll (of this
event or that one, which the report does not cover).
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from typing import Optional, Sequence

from ..models import CasualtyClaim, DateRange, Event, Place
from ..resolve.dates import find_dates

_WHEN_AFTER_DATE = re.compile(r"^\s*,?\s*(?:\([^)]{0,40}\)\s*,?\s*)?when\b", re.I)
_SINCE_BEFORE = re.compile(r"\b(?:since|before|until)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.I)
_CLAUSE_END = re.compile(r"[,;—–()]|\.\s")
EARLIER = dt.timedelta(days=7)
"""A when-clause's date at least this long before the report's event (or, with no event
date, before publication) tells another event; "on Tuesday, when gunmen killed 5" is the
same one."""
GENERIC = "Attack"
LONG_BEFORE = dt.timedelta(days=30)
"""A sentence led by a date this long before publication, after the report's lead figure,
tells of another event ("It is not the first such killing in the area: in November 2020 at
least 54 people were killed ...")."""
_LED_BEFORE = re.compile(r"(?:^|[:;—–]\s*|,\s*(?:where|when)\s+)(?:back\s+|earlier\s+|also\s+|and\s+)?(?:in|on|during)?\s*$", re.I)
_MONTH_ALONE = re.compile(r"\b(?:in|during)\s+(?:early\s+|late\s+|mid-?)?((?-i:January|February|March|April|May|June|July|"
                          r"August|September|October|November|December))\b(?!\s*(?:\d|,\s*\d))", re.I)
"""A month named with no day or year ("In October, two car bombs ... killed 121"): with no
publication date nor a dated event to give it a year, still a time of its own."""
_CAME_AFTER = re.compile(
    r"\b(?:came|comes|coming|follows)\s+(?:less\s+than\s+|more\s+than\s+|just\s+|only\s+|barely\s+|nearly\s+|almost\s+)?"
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|\d+)\s+(?:days?|weeks?|months?|years?)\s+"
    r"after\s+(?:(?:the|a|an)\s+)?|as\s+|(?:the|a|an)\s+)[^.;:]{0,120}?(?:(?:,\s*|\s+)(?:where|which|that|when|in\s+which)|"
    r",\s*(?:killing|leaving)|(?P<verb>\s+(?:killed|massacred|slaughtered|left)))\b", re.I)
"""The event told is set against another: "The attack ... came less than three months after
the massacre of Ogossagou, where some 160 Fulani villagers were killed", "came two years after
a bomb wrecked the Israeli embassy, killing 29 people", "came less than three months after
suspected hunters killed some 160 herders", "came as fighting raged in the sixth day
of an offensive in which hundreds have been killed"."""
_SINCE_PAST = re.compile(
    r"\b(?:deadliest|worst|bloodiest|biggest|largest|heaviest|first|most\s+(?:serious|lethal|deadly|violent))\b"
    r"[^.;:]{0,80}?\bsince\s+", re.I)
"""A record set against the past: "the deadliest attack on the capital since 31 July, when 31
people were killed", "the worst attack on foreigners since a bombing on Djerba in 2002 killed
21": what follows "since" is the earlier event, whatever the report's dates."""


def _clause(sentence: str, base: int, date: DateRange) -> Optional[tuple[int, int]]:
    """The characters (absolute) of the when-clause that follows ``date`` in its sentence."""
    if date.span is None:
        return None
    at = date.span[1] - base
    m = _WHEN_AFTER_DATE.match(sentence[at:])
    if not m or at < 0 or at > len(sentence):
        return None
    start = at + m.end()
    end = _CLAUSE_END.search(sentence, start)
    return base + start, base + (end.start() if end else len(sentence))


_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
_RELATIVE_AFTER = re.compile(r"^[^.;:—–()]{0,80}?\b(?:which|that)\b", re.I)


def date_in_a_name(text: str, date: DateRange, base: int = 0, possessive: bool = False) -> bool:
    """The date is part of an event's name: "the 4 August explosion", "the March 11 bombings"
    (and, with ``possessive``, "Wednesday's truck bombing"). ``base``: where ``text`` starts."""
    if date.span is None:
        return False
    a, b = date.span[0] - base, date.span[1] - base
    return bool(_THE_BEFORE.search(text[max(0, a - 5) : a]) or (date.text or "").lower().startswith("the ")
                or (possessive and text[b : b + 2] in ("'s", "’s")))


def _named_clause(sentence: str, base: int, date: DateRange) -> Optional[tuple[int, int]]:
    """The relative clause on an event named with its date ("the 31 July riots, which had
    left six people dead", "Wednesday's truck bombing, which killed 90"): the date is part of
    that event's name."""
    if date.span is None or not date_in_a_name(sentence, date, base, possessive=True):
        return None
    at = date.span[1] - base
    m = _RELATIVE_AFTER.match(sentence[at:])
    if not m:
        return None
    start = at + m.end()
    end = _CLAUSE_END.search(sentence, start)
    return base + start, base + (end.start() if end else len(sentence))


def _earlier(date: DateRange, sentence: str, base: int, event: Optional[Event],
             published: Optional[dt.date], named: bool, latest: Optional[dt.date],
             borrowed: bool = False) -> bool:
    """The clause's date lies before the report's event: "since February 1994, when" or
    "since the 1989 bombing of ..., which" always does (a comparison with the past); a
    when-clause's date ends a week or more before the event's start (or publication); an
    event named with its date ("the 31 July riots") any day before the report's latest dated
    event (``latest``; with none, as a when-clause). When the report tells of nothing later,
    the named event is its own ("the toll from Wednesday's bombing, which killed 80, rose to 90"),
    unless the event, first named in another sentence, took its date from this very name
    (``borrowed``) and holds a toll told elsewhere ("the final toll of the explosions stood
    at 64 ... the cell behind last October's attacks, which killed 34"): then the name is
    set against publication."""
    if date.end is None and date.start is None:
        return False
    assert date.span is not None
    if _SINCE_BEFORE.search(sentence[: date.span[0] - base]):
        return True
    if named and latest is not None:
        end = date.end or date.start
        return end is not None and end < latest
    ref = event.date.start if event is not None and event.date and event.date.start \
        and not borrowed else published
    end = date.end or date.start
    if ref is None or end is None:
        return False
    return end <= ref - EARLIER


_ASSESSED_APART = re.compile(
    r"\b(?:assess(?:ed|es)?|counted|treated|recorded|documented)\s+(?:[\w'’-]+\s+){0,3}?separately\b", re.I)
_IN_SEPARATE = re.compile(r"\bin\s+separate\s+(?:incidents|attacks|strikes|shootings|raids)\b", re.I)


def _in_separate(c: CasualtyClaim) -> bool:
    """"including people shot in separate incidents": the figure holds other attacks' dead;
    "killed 34 in a strike on a camp, and in separate raids near the capital killed four
    more": only the figures after the words are the other attacks'."""
    m = _IN_SEPARATE.search(c.sentence or "")
    if m is None or not c.sentence_span:
        return False
    at = c.span[0] - c.sentence_span[0]
    return at > m.start() or bool(re.search(r"\b(?:including|among)\b", c.sentence[at : m.start()], re.I))


_AVENGED_BEFORE = re.compile(
    r"\b(?:avenge|avenging|avenged|revenge\s+for|retaliation\s+for|reprisal\s+for)\s+(?:the\s+)?"
    r"(?:killings?|deaths?|massacre|murders?|slaying)\s+of\s+(?:at\s+least\s+|some\s+|about\s+|nearly\s+)?$",
    re.I)
"""A motive told with its dead ("planned to avenge the killing of 18 Muslims in communal
violence", "in revenge for the deaths of 12 fighters"): an earlier event's."""


def assessed_apart(claims: Sequence[CasualtyClaim]) -> None:
    """A figure the text itself sets apart ("29 relatives killed ..., including people shot in
    separate incidents; those deaths are assessed separately", "7 killed, which Airwars assesses
    separately") or gives as the attack's motive ("to avenge the killing of 18") is reported
    but sets no toll: its scope becomes ``background``."""
    for c in claims:
        if c.scope != "incident" or not c.sentence:
            continue
        before = c.sentence[: c.span[0] - c.sentence_span[0]] if c.sentence_span else ""
        if _ASSESSED_APART.search(c.sentence) or _in_separate(c) or _AVENGED_BEFORE.search(before):
            c.scope = "background"


def split_off(claims: Sequence[CasualtyClaim], events: list[Event], dates: Sequence[DateRange],
              places: Sequence[Place], published: Optional[dt.date], doc_id: Optional[str],
              types_in: dict[tuple[int, int], str]) -> None:
    """Gives the figures of a past event's clause that event: one the report already tells
    of on that date, else one of their own (appended to ``events``, one a clause).
    ``dates`` are every date of the text, those after "since" included; ``types_in`` maps a
    trigger's span to its type (the clause's weapon, if named)."""
    by_id = {e.id: e for e in events}
    def latest(apart: Optional[tuple[int, int]] = None) -> Optional[dt.date]:
        """The latest day of the report's events, but for those dated by ``apart``."""
        return max((e.date.start for e in events if e.status == "occurred" and e.date
                    and e.date.start and e.date.span != apart), default=None)
    latest_day = latest()  # once: asked again only for a borrowed date, which is rare
    spanned = sorted(((d.span, d) for d in dates if d.span is not None), key=lambda x: x[0])
    starts = [span[0] for span, _ in spanned]
    made: dict[tuple[int, int], Event] = {}
    lead = min((c.sentence_span[0] for c in claims if c.sentence_span and c.outcome in ("killed", "injured")
                and c.modality == "asserted"), default=None)
    for c in claims:
        if not c.sentence or not c.sentence_span or c.event is None:
            continue
        base = c.sentence_span[0]
        came = _CAME_AFTER.search(c.sentence[: c.span[0] - base]) or _SINCE_PAST.search(c.sentence[: c.span[0] - base])
        if came:  # the other event's relative clause: its figures, dated by a date inside it
            end = _CLAUSE_END.search(c.sentence, c.span[1] - base)
            after = (base + came.end(), base + (end.start() if end else len(c.sentence)))
            if came.groupdict().get("verb"):  # "came a day after an air strike on a house killed 10"
                after = (base + came.start(), base + len(c.sentence))
                own = by_id.get(c.event)
                if own is not None and own.span and after[0] <= own.span[0] < after[1]:
                    continue  # the clause's strike is already an event of its own

            inside = next((d for span, d in spanned if after[0] <= span[0] and span[1] <= after[1]), None)
            _give(c, after, inside, made, events, places, doc_id, types_in, claims)
            continue
        # the dates between the sentence's start and the figure (by bisection: a scan of every
        # date for every figure made long documents quadratic, issue 10)
        before = [d for span, d in spanned[bisect_left(starts, base) : bisect_right(starts, c.span[0])]
                  if span[1] <= c.span[0]]
        for d in [*before, *_yearless(c, by_id.get(c.event), published, before),
                  *_undated_months(c, by_id.get(c.event), published, before)]:
            if d.span is None or not (base <= d.span[0] and d.span[1] <= c.span[0]):
                continue
            named = _named_clause(c.sentence, base, d)
            clause: Optional[tuple[int, int]] = named or _clause(c.sentence, base, d)
            own = by_id.get(c.event)
            borrowed = bool(clause and own is not None and own.date is not None
                            and own.date.span == d.span and own.span is not None
                            and not base <= own.span[0] < base + len(c.sentence)
                            and _holds_elsewhere(own, clause, claims))
            if clause is not None and not _earlier(d, c.sentence, base, own, published, named is not None,
                                                   latest(d.span) if borrowed else latest_day, borrowed):
                clause = None
            if clause is None and lead is not None and lead < base:
                clause = _led_clause(c.sentence, base, d, _reference(d, by_id.get(c.event), published))
            if clause is None or not (clause[0] <= c.span[0] and c.span[1] <= clause[1]):
                continue
            _give(c, clause, d, made, events, places, doc_id, types_in, claims)
            break
    # the report's own event does not keep the other's date ("in November 2020 ... when gunmen
    # attacked" dated the attack of the report's lead too)
    spent = {(e.date.span, e.date.start) for e in made.values() if e.date and e.date.span}
    mine = {id(e) for e in made.values()}
    for e in events:
        if id(e) not in mine and e.date and (e.date.span, e.date.start) in spent:
            e.date = None
        # nor its place ("in June an attack killed 28, and in late August another 23 died when
        # drones hit the Darnytskyi district": not where the report's own attack was)
        if id(e) not in mine and e.place and e.place.span and any(
                a <= e.place.span[0] and e.place.span[1] <= b for a, b in made):
            e.place = None


def _give(c: CasualtyClaim, clause: tuple[int, int], d: Optional[DateRange], made: dict[tuple[int, int], Event],
          events: list[Event], places: Sequence[Place], doc_id: Optional[str],
          types_in: dict[tuple[int, int], str], claims: Sequence[CasualtyClaim]) -> None:
    """The claim goes, as background, to the clause's event: one the report already tells of
    on that date, else one of the clause's own (made once a clause)."""
    if clause not in made:
        told = next((e for e in events if _told_again(e, c, d)
                     and not (e.id == c.event and _holds_elsewhere(e, clause, claims))), None)
        made[clause] = told or _event(f"e{len(events) + 1}", clause, c, d, places, doc_id, types_in)
        if told is None:
            events.append(made[clause])
    c.event, c.scope = made[clause].id, "background"


def _holds_elsewhere(e: Event, clause: tuple[int, int], claims: Sequence[CasualtyClaim]) -> bool:
    """The claim's own event also holds the report's toll told in another sentence ("In
    Yelwata in June, gunmen killed more than 100 ... On Christmas Eve 2023, attacks in Plateau
    State killed nearly 200"): the clause tells another event, not this one's."""
    return any(o.event == e.id and o.scope == "incident" and o.sentence_span
               and not (o.sentence_span[0] <= clause[0] < o.sentence_span[1]) for o in claims)


def _told_again(e: Event, c: CasualtyClaim, d: Optional[DateRange]) -> bool:
    """Whether ``e`` is the event the background clause dated ``d`` tells of: the claim's own
    event when dated by this very date, or another event of the report dated that day."""
    if d is None or e.status != "occurred" or e.date is None:
        return False
    if e.id == c.event:
        return d.span is not None and e.date.span == d.span
    return (e.date.start, e.date.end) == (d.start, d.end)


def _reference(d: DateRange, event: Optional[Event], published: Optional[dt.date]) -> Optional[dt.date]:
    """What a date leading a later sentence is set against: the publication date, else the
    report's event's own date (unless it was read from this very date)."""
    if published is not None:
        return published
    if event is None or event.date is None or event.date.span == d.span:
        return None
    return event.date.start


def _led_clause(sentence: str, base: int, date: DateRange, ref: Optional[dt.date]) -> Optional[tuple[int, int]]:
    """The rest of a sentence (to a semicolon) led by a date long before ``ref`` (publication,
    else the report's event): "in November 2020 at least 54 people were killed when gunmen
    attacked ...", "..., where in November gunmen attacked a bus". With nothing to compare
    with (no publication date, no dated event), a date leading a sentence after the report's
    lead figure tells of another time."""
    end = date.end or date.start
    if date.span is None or not _LED_BEFORE.search(sentence[: date.span[0] - base]):
        return None
    if ref is not None and (end is None or end > ref - LONG_BEFORE):
        return None
    stop = sentence.find(";", date.span[1] - base)
    return date.span[1], base + (stop if stop >= 0 else len(sentence))


def _yearless(c: CasualtyClaim, event: Optional[Event], published: Optional[dt.date],
              dates: Sequence[DateRange]) -> list[DateRange]:
    """With no publication date, "the 4 August port explosion" has no year to resolve with:
    the year is the one of the event the figure was tied to ("On 8 August 2020, protesters
    ... over the 4 August port explosion")."""
    if published is not None or event is None or event.date is None or event.date.start is None \
            or not c.sentence_span:
        return []
    seen = {d.span for d in dates}
    return [d for d in find_dates(c.sentence, event.date.start, offset=c.sentence_span[0])
            if d.span not in seen]


def _undated_months(c: CasualtyClaim, event: Optional[Event], published: Optional[dt.date],
                    dates: Sequence[DateRange]) -> list[DateRange]:
    """Months named alone before the figure where nothing gives them a year (``_MONTH_ALONE``):
    no publication date and no dated event."""
    if published is not None or (event is not None and event.date is not None and event.date.start is not None) \
            or not c.sentence_span:
        return []
    base = c.sentence_span[0]
    seen = {d.span for d in dates}
    out = []
    for m in _MONTH_ALONE.finditer(c.sentence[: c.span[0] - base]):
        span = (base + m.start(1), base + m.end(1))
        if span not in seen:
            out.append(DateRange(precision="month", text=m.group(1), span=span))
    return out


def _event(eid: str, clause: tuple[int, int], c: CasualtyClaim, date: Optional[DateRange],
           places: Sequence[Place], doc_id: Optional[str], types_in: dict[tuple[int, int], str]) -> Event:
    a, b = clause
    named_from = min(date.span[0], a) if date and date.span else a  # "the 4 August port explosion, which ..."
    kinds = [t for (s, e), t in sorted(types_in.items()) if named_from <= s and e <= b]
    where = [p for p in places if p.span and a <= p.span[0] and p.span[1] <= b and p.country]
    base = (c.sentence_span or c.span)[0]
    return Event(id=eid, type=kinds[0] if kinds else GENERIC, status="occurred", place=where[0] if where else None,
                 date=date.model_copy() if date and date.start else None, trigger=None, span=clause, sentence=c.sentence[a - base : b - base],
                 doc_id=doc_id)
