"""Events of a document: mentions merged into events, with place, date, actors and toll.

Several mentions of one strike ("Airstrikes ... killed", "the strikes") become one event;
each casualty claim is linked to the event it reports, and the event's toll spans the
figures linked to it (low = the lead figure, high = the largest, "at least N" and "as many as
N" as N; see :func:`_span_of`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

from ..geo import SAME_SPOT_KM, haversine_km
from ..models import NOT_CONFLICT, CasualtyClaim, DateRange, Event, Place, Toll
from ..resolve.dates import other_day
from . import lexicon
from .case_labels import NO_CASUALTY_LABELS
from .listed import Listing
from .told_apart import LATER_DIED as _LATER_DIED, told_apart

_PRECISION_RANK = {"point": 0, "neighbourhood": 1, "city": 2, "admin2": 3, "admin1": 4, "country": 5, "region": 6, None: 9}
_GENERIC = "Attack"
# A report names one strike with several words ("airstrike", "the bombing", "the attack", "were
# killed"): within one document these are one event unless place or date say otherwise.
VIOLENCE = ("Suicide bomb", "Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon",
             "Remote explosive/landmine/IED", "Grenade", "Attack", "Armed clash")
"""Violent types, most specific first: merged mentions keep the earliest-listed type."""
_MAX_SAME_PLACE_KM = 10.0
_MAX_NEAR_TOWN_KM = 5.0
"""Two differently named places this close are read as one (a neighbourhood and its town)."""
_SPOTS = frozenset({"point", "neighbourhood"})


@dataclass
class Mention:
    """One event word in the text, before merging."""

    type: str
    status: str
    trigger: Optional[str]
    span: tuple[int, int]
    sentence_span: tuple[int, int]
    sentence: str
    places: list[Place] = field(default_factory=list)
    date: Optional[DateRange] = None
    actors: list[str] = field(default_factory=list)
    event_id: Optional[str] = None
    """Set by :func:`build_events`: the event this mention was merged into."""
    apart: bool = False
    """Set by :func:`build_events`: its event is told as another one (``told_apart``); figures
    of other sentences are not its."""


def _best_place(places: Sequence[Place]) -> Optional[Place]:
    """The most precise resolved place (a town beats its province beats its country); a sea
    or lake shared by several countries ("the Red Sea") counts though it has no country."""
    resolved = [p for p in places if p.country or (p.precision == "region" and p.lat is not None)]
    if not resolved:
        return None
    # a district the gazetteer cannot locate yields to its located province
    return min(resolved, key=lambda p: (p.lat is None, _PRECISION_RANK.get(p.precision, 9)))


def _km(a: Place, b: Place) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _compatible_type(a: str, b: str) -> bool:
    return a == b or (a in VIOLENCE and b in VIOLENCE)


def _compatible_place(a: Optional[Place], b: Optional[Place]) -> bool:
    if a is None or b is None:
        return True
    if a.country != b.country:
        return False
    fine = {"point", "neighbourhood", "city"}
    if a.precision in fine and b.precision in fine and None not in (a.lat, a.lon, b.lat, b.lon):
        # two towns named apart ("a strike in X ... in Y, a school was hit") are two places
        # unless one lies within the other's built-up area; the same name spelled or resolved
        # twice may be further off
        same = a.name.lower() == b.name.lower() or (a.geonameid is not None and a.geonameid == b.geonameid)
        if not same and a.precision in _SPOTS and b.precision in _SPOTS:
            return _km(a, b) <= SAME_SPOT_KM  # Shujaiya and the Jabalia camp: two strikes
        return _km(a, b) <= (_MAX_SAME_PLACE_KM if same else _MAX_NEAR_TOWN_KM)
    coarse = {"country", "region", "admin1"}
    if a.precision in coarse or b.precision in coarse:
        # a region ("Gaza Strip", "Darfur") spans provinces: it holds any place of its country
        wide = {"country", "region"}
        return a.precision in wide or b.precision in wide or a.admin1 == b.admin1 or not (a.admin1 and b.admin1)
    return (a.geonameid is not None and a.geonameid == b.geonameid) or a.name.lower() == b.name.lower()


def _compatible_date(a: Optional[DateRange], b: Optional[DateRange]) -> bool:
    if a is None or b is None or a.start is None or b.start is None:
        return True
    a_end, b_end = a.end or a.start, b.end or b.start
    return a.start <= b_end and b.start <= a_end


def _refines(old: Optional[Place], new: Place) -> bool:
    """A later, more precise place replaces the first one only when it lies within it: a report
    names the strike's place first and later mentions hospitals and other sites nearby."""
    if old is None:
        return True
    if _PRECISION_RANK.get(new.precision, 9) >= _PRECISION_RANK.get(old.precision, 9):
        return False
    if old.precision in ("admin1", "admin2", "country", "region"):
        return True
    if new.precision == "point":
        return False  # a named building is usually where victims were taken, not the strike
    return None in (old.lat, new.lat) or _km(old, new) <= 5.0


def _merge(ev: Event, m: Mention, place: Optional[Place]) -> None:
    if place is not None and _refines(ev.place, place):
        ev.place = place
    if m.date is not None and (ev.date is None or (ev.date.precision != "day" and m.date.precision == "day")
                               or _narrows(ev.date, m.date)) and not _background_year(ev, m):
        ev.date = m.date
    for a in m.actors:
        if a not in ev.actors:
            ev.actors = ev.actors + [a]
    if ev.type in VIOLENCE and m.type in VIOLENCE and VIOLENCE.index(m.type) < VIOLENCE.index(ev.type):
        if ev.type in (_GENERIC, "Armed clash") and m.type != _GENERIC:
            # a named weapon beats "the attack", "killed"; a bare "killed" names no other kind
            ev.type = m.type
            ev.trigger = m.trigger


def _narrows(old: DateRange, new: DateRange) -> bool:
    """"over three days in December ... The killings took place between Dec. 16 and 18": a
    shorter span inside the event's dates is the same event told more exactly."""
    if None in (old.start, old.end, new.start, new.end):
        return False
    assert old.start and old.end and new.start and new.end
    return old.start <= new.start and new.end <= old.end and new.end - new.start < old.end - old.start


def _background_year(ev: Event, m: Mention) -> bool:
    """A bare year in a later sentence ("... also claimed the downing of an airliner in 2015")
    tells of something else more often than it dates an event its first sentence left undated."""
    return (ev.date is None and m.date is not None and m.date.precision == "year"
            and ev.span is not None and m.sentence_span[0] > ev.span[1])


_LONGER_NAME = re.compile(r"^((?:[ \t]+[A-Z][\w'’-]*){1,3})[ \t]+([\w-]+)")


def _truncated(p: Place, m: Mention) -> bool:
    """The gazetteer matched only the start of a longer place name ("Ko" of "Ko Lin Taw
    village"): capitalised words and then a kind of place (``data/lexicon/place_kinds.txt``)
    follow it in the sentence. Such a match is often a homonym abroad. "Gaza City" (a kind
    right after the name) and "Kabul Police said" (no kind) are kept."""
    if p.span is None or not m.sentence or not (
            m.sentence_span[0] <= p.span[0] and p.span[1] <= m.sentence_span[1]):
        return False
    end = p.span[1] - m.sentence_span[0]
    nxt = _LONGER_NAME.match(m.sentence[end : end + 60])
    if nxt is None:
        return False
    kinds = lexicon.words("place_kinds.txt")
    return nxt.group(1).split()[0].lower() not in kinds and nxt.group(2).lower() in kinds


def build_events(mentions: Sequence[Mention], fallback_places: Sequence[Place], doc_id: Optional[str] = None,
                 dated: bool = True) -> list[Event]:
    """Merge mentions into events, in order of first mention.

    A mention joins an earlier event with the same status when the types agree (or one is the
    generic "Attack") and place and date do not contradict; otherwise it starts a new event.
    ``fallback_places`` (every place of the document, in text order) give an event the last
    place named before it when its own sentence names none; in a report with no date
    (``dated`` false), a day named without a year keeps its mention apart from another
    day's (``resolve.dates.other_day``). The passage's main mention comes
    first (``event_types.find_event_mentions``); :func:`lead_first` may later put the event
    of the report's lead figure before it.
    """
    events: list[Event] = []
    cut = {id(p) for m in mentions for p in [*m.places, *fallback_places] if _truncated(p, m)}
    fallback_places = [p for p in fallback_places if id(p) not in cut]
    elsewhen: set[str] = set()  # events told as apart in time: nothing else joins them
    for m in mentions:
        place = _best_place([p for p in m.places if id(p) not in cut])
        if place is None:
            before = [p for p in fallback_places if p.span and p.span[0] < m.sentence_span[0] and p.country]
            place = before[-1] if before else None
        target = None
        apart = told_apart(m.sentence, m.span[0] - m.sentence_span[0], m.span[1] - m.sentence_span[0],
                           dated=m.date is not None, violent=m.type in VIOLENCE,
                           after_violence=any(e.type in VIOLENCE for e in events))
        for ev in ([] if apart else events):
            if ev.id in elsewhen:
                continue
            if ev.status == m.status and _compatible_type(ev.type, m.type) and _compatible_place(ev.place, place) \
                    and _compatible_date(ev.date, m.date) \
                    and (dated or not other_day(ev.date, ev.sentence, m.date, m.sentence)):
                target = ev
                break
        if target is None:
            target = Event(
                id=f"e{len(events) + 1}", type=m.type, status=m.status, actors=list(m.actors),
                place=place, date=m.date, trigger=m.trigger, span=m.span, sentence=m.sentence, doc_id=doc_id,
            )
            events.append(target)
            if apart:
                elsewhen.add(target.id)
        else:
            _merge(target, m, place)
        m.event_id = target.id
        m.apart = target.id in elsewhen
    return events


# Events no one dies or is hurt in: a figure of dead or wounded is not theirs ("18 martyrs were
# recovered from the home that was housing displaced families" is the strike's, not "Other").
_NO_CASUALTIES = NO_CASUALTY_LABELS | {
    NOT_CONFLICT,  # "condemned the attack ..., where 29 were killed": the attack's dead
}


def event_at(position: int, sentence_span: tuple[int, int], mentions: Sequence[Mention], events: Sequence[Event],
             casualties: bool = False) -> Optional[str]:
    """The event a figure at ``position`` reports: one named in its sentence, else the last
    occurred event named before it, else the first named after it. A figure of dead or
    wounded (``casualties``) goes to an event people can be hurt in when the text has one."""
    occurred = {e.id for e in events if e.status == "occurred"}
    if casualties:
        harm = {e.id for e in events if e.id in occurred and e.type not in _NO_CASUALTIES}
        # else a non-conflict event ("the floods in Sindh, where 12 died"), never a peaceful
        # protest or looting: with neither, the figure is an orphan and gets an event of its own
        occurred = harm or {e.id for e in events if e.id in occurred and e.type == NOT_CONFLICT}
    named = sorted((m for m in mentions if m.event_id in occurred), key=lambda m: m.span[0])
    here = [m for m in named if m.sentence_span == sentence_span]
    if here:
        return here[0].event_id
    named = [m for m in named if not m.apart]
    before = [m for m in named if m.span[0] <= position]
    after = [m for m in named if m.span[0] > position]
    chosen = before[-1] if before else (after[0] if after else None)
    return chosen.event_id if chosen else None


_HARMS = ("killed", "injured")
_FIGHTERS = ("combatants", "soldiers", "police")


def orphan_sentences(claims: Sequence[CasualtyClaim], sentences: Sequence, listed: Sequence[tuple],
                     events: Sequence[Event]) -> list:
    """Sentences whose dead or hurt no occurred event can take ("three bodies were found", "a man
    was shot dead by two armed men": no conflict word the event rules know). ``listed`` are
    (sentence, listing) pairs. Every asserted figure of harm belongs to an event, so these get one
    — unless the sentence names a cause that is no violence ("died in the floods")."""
    spans = {c.sentence_span for c in claims if c.outcome in _HARMS and c.modality == "asserted"
             and c.scope != "cumulative" and c.event is None}
    if not any(e.status == "occurred" for e in events):  # else event_at links the listings
        spans |= {(s.start, s.end) for s, lst in listed if lst.outcome in _HARMS and lst.count_low}
    return [s for s in sentences if (s.start, s.end) in spans
            and not {t.lower_ for t in s.span} & lexicon.words("nonviolent.txt")]


def orphan_type(document: str, sentence: str, claims: Sequence[CasualtyClaim]) -> Optional[str]:
    """The type of an event made for a figure no trigger reached: the learned classifier's over
    the passage when its model ships (``classifier.predict_subtype``), else "Armed clash" when
    fighters died and "Attack" when others did. None when the classifier reads no conflict."""
    try:
        from . import classifier  # lazily: the model is large and may not be installed
        if classifier.model_available():
            label, _p = classifier.predict_subtype(document if len(document) <= 3000 else sentence)
            if label == "Not a conflict event":
                return None
            if label not in _NO_CASUALTIES:
                return label
    except ImportError:  # pragma: no cover - the classifier module is optional
        pass
    groups = {c.group for c in claims if c.outcome in _HARMS}
    return "Armed clash" if groups and groups <= set(_FIGHTERS) else _GENERIC


def link_claims(claims: Sequence[CasualtyClaim], mentions: Sequence[Mention], events: list[Event]) -> None:
    """Each claim to its event (:func:`event_at`), then :func:`lead_first`."""
    for c in claims:
        c.event = event_at(c.span[0], c.sentence_span or c.span, mentions, events,
                           casualties=c.outcome in ("killed", "injured"))
    lead_first(claims, mentions, events)


_REVISION_WEEK = dt.timedelta(days=7)


def _may_be_its_later_count(main: Event, lead: Event) -> bool:
    """The main event lies in the week before the lead figure's event: the lead figure may be
    the main event's toll dated by its report ("said on Sunday that 40 were killed ... the
    village was shelled on Friday"), as a toll's revision dates the revision (reconcile uses
    the same week), so the order is kept. Not when the two are placed apart ("killing 64 on
    the road near Prizren ... On Monday, missiles hit a train in southern Serbia")."""
    if main.date is None or lead.date is None or main.date.start is None or lead.date.start is None \
            or not _compatible_place(main.place, lead.place):
        return False
    return lead.date.start - _REVISION_WEEK <= main.date.start < lead.date.start


def lead_first(claims: Sequence[CasualtyClaim], mentions: Sequence[Mention], events: list[Event]) -> None:
    """A report leads with its main event: when the event put first (the passage's main trigger)
    is first named only after the sentence of the report's first figure of harm, and that
    figure belongs to another occurred event, that event goes first instead ("The toll from
    Friday's attack on the market has risen to 31 ... Late on Saturday, a roadside bomb hit a
    minibus": the market attack, not the minibus, is the report's). Reorders ``events`` in place."""
    occurred = [e for e in events if e.status == "occurred"]
    harm = sorted((c for c in claims if c.outcome in _HARMS and c.modality == "asserted"
                   and c.scope == "incident" and c.event), key=lambda c: c.span[0])
    if not occurred or not harm:
        return
    main, lead = occurred[0], next((e for e in occurred if e.id == harm[0].event), None)
    if lead is None or lead is main:
        return
    named = [m.span[0] for m in mentions if m.event_id == main.id]
    lead_end = (harm[0].sentence_span or harm[0].span)[1]
    if (named and min(named) >= lead_end and not _may_be_its_later_count(main, lead)) \
            or _one_day_of(lead, main):
        events.remove(lead)
        events.insert(events.index(main), lead)


def _one_day_of(day: Event, period: Event) -> bool:
    """"the wave of bombings that struck France in 1995 ... The deadliest, on 25 July 1995,
    killed eight": a campaign of a month or more is no incident; its day the lead figure
    belongs to is."""
    a, b = day.date, period.date
    if a is None or b is None or a.start is None or a.end is None or b.start is None or b.end is None:
        return False
    return (a.end - a.start).days < 2 and (b.end - b.start).days > 31 \
        and b.start <= a.start and a.end <= b.end


# Airwars reads "dozens" as a dozen to two dozen; the claim itself keeps FORMAT.md's 24-or-more.
_TOLL_VALUES = {"dozens": (12, 24)}
# "More than 30 killed" says at least 31 died, "fewer than 10" at most 9: the toll takes the
# figure the words imply (Airwars records "more than 27" as 28), the claim keeps FORMAT.md's N.
_STRICT_BOUND = {"more than": 1, "over": 1, "fewer than": -1}


def _toll_values(c: CasualtyClaim) -> tuple[Optional[int], Optional[int]]:
    if c.qualifier in _TOLL_VALUES:
        return _TOLL_VALUES[c.qualifier]
    step = _STRICT_BOUND.get(c.qualifier or "", 0)
    return tuple(None if v is None else max(v + step, 0) for v in (c.count_low, c.count_high))  # type: ignore[return-value]


def _summed(claims: Sequence[CasualtyClaim]) -> list[CasualtyClaim]:
    """"four civilians and two militants were killed": figures of distinct groups in one
    sentence add up to the sentence's figure (6), in the place of its first one."""
    by_sentence: dict[tuple, list[CasualtyClaim]] = {}
    for c in claims:
        by_sentence.setdefault(c.sentence_span or c.span, []).append(c)
    out = []
    for group in by_sentence.values():
        group = _with_more(group)
        groups = {c.group for c in group}
        if len(group) > 1 and len(groups) == len(group) and "people" not in groups:
            out.append(_added(group[0], group))
            continue
        doers = [c for c in group if _perpetrators(c)]
        victims = [c for c in group if not _perpetrators(c)]
        if doers and victims and "combatants" not in {c.group for c in victims}:
            # "148 people were killed ... before security forces killed the four attackers"
            out.append(_added(victims[0], [victims[0], *doers]))
            out.extend(victims[1:])
        else:
            out.extend(group)
    return out


# "two more later died", "another three succumbed": deaths after the count (not "22 others were
# wounded", the others than the dead, nor "two more bodies were recovered", maybe counted)
_MORE_AFTER = re.compile(r"^\s*(?:more" + _LATER_DIED + r"|others?(?:" + _LATER_DIED + r"|\s+later\b))", re.I)
"""Also "three others later", "two others died": with "others", the verb may be left out."""
_MORE_BEFORE = re.compile(r"\b(?:another|a\s+further)\s*$", re.I)


def _more(c: CasualtyClaim) -> bool:
    """"two more later died", "another three": victims on top of a figure given before."""
    if not c.sentence:
        return False
    a, _ = _in_sentence(c)
    after = a + len(c.number_text or "") if c.sentence[a:].startswith(c.number_text or "") else a
    return bool(_MORE_AFTER.match(c.sentence[after:]) or (
        _MORE_BEFORE.search(c.sentence[:a]) and re.match(_LATER_DIED, c.sentence[after:], re.I)))


def _with_more(group: list[CasualtyClaim]) -> list[CasualtyClaim]:
    """"Eight people were killed that day and two more later died": one figure of ten."""
    out: list[CasualtyClaim] = []
    for c in sorted(group, key=lambda c: c.span[0]):
        if out and _more(c) and c.group in (out[-1].group, "people"):
            out[-1] = _added(out[-1], [out[-1], c])
        else:
            out.append(c)
    return out


def _added(first: CasualtyClaim, figures: Sequence[CasualtyClaim]) -> CasualtyClaim:
    """``first`` standing for the sum of ``figures`` (each read as its toll values)."""
    bounds = [_toll_values(c) for c in figures]
    low = sum(lo if lo is not None else hi for lo, hi in bounds)  # type: ignore[misc]
    high = sum(hi if hi is not None else lo for lo, hi in bounds)  # type: ignore[misc]
    return first.model_copy(update={"count_low": low, "count_high": high, "qualifier": "sum"})


def _perpetrators(c: CasualtyClaim) -> bool:
    """A figure of the attack's own doers ("all three attackers were shot dead"), told by its
    noun: "shooters" or "kidnappers" are no group of their own."""
    words = (c.group_text or "").lower().split()
    return bool(words) and words[-1] in lexicon.PERPETRATOR_WORDS


def _in_sentence(c: CasualtyClaim) -> tuple[int, int]:
    """The claim's characters within its sentence."""
    base = (c.sentence_span or c.span)[0]
    return c.span[0] - base, c.span[1] - base


def _coordinated(claims: Sequence[CasualtyClaim]) -> list[CasualtyClaim]:
    """"four men and a woman were shot dead", "5 soldiers and 1 officer were killed": figures
    joined only by "and" or a comma count different victims, so they add up — whatever their
    groups — before children and women are set aside as shares of a total."""
    out: list[CasualtyClaim] = []
    for c in sorted(claims, key=lambda c: c.span[0]):
        prev = out[-1] if out else None
        if prev is not None and c.sentence and prev.sentence == c.sentence and prev.outcome == c.outcome \
                and prev.sentence_span == c.sentence_span:
            gap = c.sentence[_in_sentence(prev)[1] : _in_sentence(c)[0]]
            if _JOINED.fullmatch(gap) and _has_noun(prev) and _has_noun(c):
                (a_lo, a_hi), (b_lo, b_hi) = _toll_values(prev), _toll_values(c)
                lo = (a_lo if a_lo is not None else a_hi or 0) + (b_lo if b_lo is not None else b_hi or 0)
                hi = (a_hi if a_hi is not None else a_lo or 0) + (b_hi if b_hi is not None else b_lo or 0)
                group = prev.group if prev.group == c.group else "people"
                out[-1] = prev.model_copy(update={"count_low": lo, "count_high": hi, "qualifier": "sum",
                                                  "group": group, "span": (prev.span[0], c.span[1])})
                continue
        out.append(c)
    return out


def _has_noun(c: CasualtyClaim) -> bool:
    """The figure names its victims ("3 Arbakis", not the "15" of "at least 11 and up to 15")."""
    a, b = _in_sentence(c)
    rest = c.sentence[a:b].replace(c.number_text or "", "", 1).strip(" ,")
    return bool(re.search(r"[A-Za-z]{3,}", rest))


_JOINED = re.compile(r"\s*(?:,\s*)?(?:and\s+)?(?:another\s+|other\s+)?", re.I)
_SIDES = {"combatants": "armed", "soldiers": "state", "police": "state",
          "civilians": "unarmed", "children": "unarmed", "women": "unarmed"}
# "were also killed", "also died": "also" on the outcome itself (not "X also reported 18 dead")
_ALSO = re.compile(r"\balso\s+(?:been\s+)?(?:killed|died|dead|perished|wounded|injured|hurt|lost their lives)\b", re.I)
_TOTAL_BEFORE = re.compile(r"\(\s*(?:a\s+)?total\s+of\s*$", re.I)
_BARE_TOTAL = re.compile(
    r"^\W*(?:(?:a\s+)?total\s+of\s+)?#\s*(?:fatalities|fatality|deaths|death|dead|killed|people killed)?"
    r"(?:\s+(?:were\s+|was\s+)?(?:reported|confirmed|recorded|in total|overall))?\W*$", re.I)


def _is_total(c: CasualtyClaim) -> bool:
    """"(total of 12 fatalities)", "3 fatalities." as a sentence of its own: the report's own
    sum of its dead, which stands over the figures it adds up. (A source's "a total of eight"
    inside a sentence is one more figure: sources disagree, the range keeps them all.)"""
    if not c.sentence:
        return False
    a, b = _in_sentence(c)
    if _TOTAL_BEFORE.search(c.sentence[:a]):
        return True
    return bool(_BARE_TOTAL.match(c.sentence[:a] + "#" + c.sentence[b:]))


def _additional(c: CasualtyClaim, before: Sequence[CasualtyClaim]) -> bool:
    """A later figure adds to the toll rather than restating it: "7 militants were also killed",
    or victims on another side than every figure before ("2 soldiers ... 3 militants")."""
    if not c.sentence or any(b.sentence_span == c.sentence_span for b in before):
        return False
    groups = {b.group for b in before}
    if _perpetrators(c) and "combatants" not in groups:
        return True  # "Gunmen killed 12 villagers. Two of the attackers died": the doers' own dead
    if "people" in groups | {c.group} or c.group in groups:
        return False  # "two daughters ... were also killed": maybe some of the dead named before
    if _ALSO.search(c.sentence):
        return True
    sides = {_SIDES.get(b.group) for b in before}
    side = _SIDES.get(c.group)
    return side is not None and None not in sides and side not in sides


def _toll_range(claims: Sequence[CasualtyClaim]) -> tuple[Optional[int], Optional[int]]:
    """:func:`_span_of` over figures where later figures of other victims add to the first and
    the report's own total, when it gives one, is the low end."""
    ordered = sorted(claims, key=lambda c: c.span[0])
    totals = [c for c in ordered if _is_total(c)]
    rest = [c for c in ordered if not any(c is t for t in totals)]
    lead: list[CasualtyClaim] = []
    for c in rest:
        if not lead or _additional(c, lead):
            lead.append(c)
    low, high = _span_of(rest)
    if len(lead) > 1:
        bounds = [_toll_values(c) for c in lead]
        if all(lo is not None or hi is not None for lo, hi in bounds):
            low = sum(lo if lo is not None else hi for lo, hi in bounds)  # type: ignore[misc]
            high = max(high or 0, sum(hi if hi is not None else lo for lo, hi in bounds))  # type: ignore[misc]
    if totals:
        t_low, t_high = _span_of(totals[-1:])
        low = t_low
        high = max(v for v in (high, t_high, t_low) if v is not None)
    return low, high


def _span_of(claims: Sequence[CasualtyClaim]) -> tuple[Optional[int], Optional[int]]:
    """Low from the first figure given, high from the largest: both ends of a range, the N of
    "at least N" / "up to N".

    A report states its toll first ("At least 18 people were killed in a strike on ..."); the
    smaller figures after it are, in practice, counts of some of the victims (the named dead,
    one family, the bodies one hospital received) or earlier reports, so they do not lower the
    toll. Larger later figures do raise its high end. Every figure stays a claim of its own.
    """
    figures = [vals for c in sorted(claims, key=lambda c: c.span[0])
               if (vals := [v for v in _toll_values(c) if v is not None])]
    if not figures:
        return (None, None)
    return (min(figures[0]), max(v for vals in figures for v in vals))


_PLURAL_MINIMUM = (2, 2)
_ARMED = ("combatants", "soldiers", "police")


def _with_listings(claims: list[CasualtyClaim], listed: Sequence[Listing]) -> tuple[list[CasualtyClaim], set[str]]:
    """A list of victims stands for the figures inside it ("a woman" in "a woman and her four
    sons"), and for the outcome when no figure is given at all; otherwise it is left out.
    Returns the toll's figures and the outcomes a list counted in."""
    out, used = list(claims), set()
    for outcome in ("killed", "injured"):
        given = [c for c in claims if c.outcome == outcome]
        for lst in (x for x in listed if x.outcome == outcome):
            inside = [c for c in given if lst.span[0] <= c.span[0] and c.span[1] <= lst.span[1]]
            if (given and not inside) or (given and lst.lone):
                continue
            out = [c for c in out if not any(c is i for i in inside)]
            out.append(CasualtyClaim(count_low=lst.count_low, count_high=lst.count_high, qualifier=lst.qualifier,
                                     outcome=outcome, span=lst.span, sentence=""))  # type: ignore[arg-type]
            used.add(outcome)
    return out, used


def compute_tolls(
    claims: Sequence[CasualtyClaim], events: Sequence[Event], unquantified: Sequence[tuple[str, str]] = (),
    listed: Sequence[tuple[Optional[str], Listing]] = (),
) -> None:
    """Each event's [low, high] over its asserted claims (Airwars: "at least N" counts as N).

    ``unquantified`` are (event id, outcome) pairs for victims reported in the plural without a
    figure ("others were injured"): where the event has no figure for that outcome, Airwars'
    methodology counts them as at least two, and so does the toll (never the claims list).
    ``listed`` are (event id, listing) pairs for victims listed one by one (:mod:`.listed`);
    a toll that counts one records its outcome in ``toll.unquantified`` too.
    """
    for ev in events:
        mine = [c for c in claims if c.event == ev.id and c.modality == "asserted" and c.scope == "incident"]
        for outcome in ("killed", "injured"):  # an earlier figure stands when no later one is given
            if not any(c.outcome == outcome for c in mine):
                mine += [c for c in claims if c.event == ev.id and c.modality == "asserted"
                         and c.scope == "superseded" and c.outcome == outcome]
        mine, listed_outcomes = _with_listings(mine, [x for e, x in listed if e == ev.id])
        whole = [c for c in mine if not c.subtotal]
        # "two of his sons were killed", and no figure for everyone: the share is all we know
        whole += [c for c in mine if c.subtotal and not any(w.outcome == c.outcome for w in whole)]
        # "killed alongside her six children": a family's share, not the incident's total
        killed, injured = (
            [c for c in figs if c.group not in ("children", "women")] or figs
            for figs in (_coordinated([c for c in whole if c.outcome == o]) for o in _HARMS))
        each = [c for c in whole if c.outcome == "killed" and c.group not in ("children", "women")]
        civ = [c for c in each if c.group == "civilians"]
        if civ and not any(c.group in _ARMED for c in mine if c.outcome == "killed"):
            # "four civilians were killed ... others cited five deaths": with no armed victims
            # reported, the unspecified dead are the same civilians counted differently
            civ += [c for c in each if c.group == "people"]
        if not civ:  # "five people were killed, three of them civilians": the civilians' share
            civ = [c for c in mine if c.outcome == "killed" and c.subtotal and c.group == "civilians"]
        kids = [c for c in mine if c.outcome == "killed" and c.group == "children"]
        toll = Toll(
            killed=_toll_range(_summed(killed)), injured=_toll_range(_summed(injured)),
            civilians_killed=_span_of(civ), children_killed=_span_of(kids),
        )
        toll.unquantified = sorted(listed_outcomes)
        lone_only = {o for o in listed_outcomes
                     if all(x.lone for e, x in listed if e == ev.id and x.outcome == o)
                     and not any(c.outcome == o for c in whole if c.sentence)}
        for outcome in sorted({o for e, o in unquantified if e == ev.id}):
            # "a man was wounded ... others were hurt": the plural says two or more in all
            if outcome in ("killed", "injured") and (getattr(toll, outcome) == (None, None) or outcome in lone_only):
                setattr(toll, outcome, _PLURAL_MINIMUM)
                toll.unquantified = toll.unquantified + [outcome]
        ev.toll = toll
