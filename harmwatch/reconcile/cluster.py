"""Events of many reports → clusters, one per real-world incident (pure functions).

Two events may belong together when type, date, place and actors are compatible, each judged
at the precision the report gives ("Tuesday" is a day, "last week" a week; a neighbourhood is
a point within 2 km, a city 10 km, a province its admin1), and when no distinguishing cue
(another neighbourhood, another target, another time of day) tells them apart.

Why complete linkage: a city-level report ("strikes on Gaza City killed 30") is compatible
with both the Shujaiya and the Rimal strike of that day, but those two are not compatible
with each other. Merging greedily by score and only when *every* cross pair is compatible
keeps distinct strikes apart while the vague report joins the one it resembles most.
The result depends only on the set of events (edges are ordered by score, then ids), so
clustering one connected component gives the same clusters as clustering everything: that is
what makes incremental re-processing exact.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Iterable, Optional, Sequence

from ..models import Event, Place
from ..geo import SAME_SPOT_KM, haversine_km
from .cues import Cues, conflict, fold, shared
from .similarity import names_place, names_province, similarity

GENERIC_TYPES = frozenset({"Attack", "Other"})
VIOLENT_TYPES = frozenset({
    "Armed clash", "Air/drone strike", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Chemical weapon", "Attack",
    "Abduction/forced disappearance", "Sexual violence", "Mob violence", "Other",
    "Looting/property destruction", "Excessive force against protesters",
})
TYPE_FAMILIES = (
    # outlets call the same strike an airstrike, a missile strike or shelling
    frozenset({"Air/drone strike", "Shelling/artillery/missile attack"}),
    # a car bomb is an IED to one and a suicide attack to another
    frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}),
)
EXPLOSIVE_TYPES = frozenset().union(*TYPE_FAMILIES)
"""Across these two families a merge needs a shared cue (same target, time or spot)."""
DEMONSTRATION_TYPES = frozenset({
    "Peaceful protest", "Protest with intervention", "Excessive force against protesters",
    "Violent demonstration", "Mob violence"})
"""One protest is peaceful to one outlet, "dispersed" or "stormed" to the next, violent to
the authorities: the same crowd on the same day and place is one incident."""
LOOSE_FAMILIES = (
    # troops firing on a crowd are an attack to one outlet, a clash or a riot to the next
    DEMONSTRATION_TYPES | {"Attack", "Armed clash"},
    # rebels who took a town and killed people in it: a takeover to one, an attack to another
    frozenset({"Non-state actor overtakes territory", "Government regains territory",
               "Attack", "Armed clash"}),
)
"""Across these (but within no closer family) a merge needs a shared cue."""

PLACE_RANK = {"point": 0, "neighbourhood": 1, "city": 2, "admin2": 3, "admin1": 4,
              "region": 5, "country": 6}
DISTANCE_KM = {"point": 2.0, "neighbourhood": 2.0, "city": 10.0, "admin2": 30.0,
               "admin1": 100.0, "region": 150.0, "country": None}
"""How far apart two places may be, by the coarser of their precisions (None: same country)."""
UNSURE_TYPE = 0.1
"""Score of two violent types where one report's words name no weapon, or both name the same."""
NAMED_PLACE = 0.3
"""Score of two places too far apart (or one unknown) when a report names the other's place."""
PROVINCE_HOMONYM = 0.5
"""Score of a city named like the other place's province when the report means the province."""
ATTACH_SIMILARITY = 0.15
"""Least word similarity for an event with no place to join a cluster (``attach``)."""
SHARED_FIGURE = 10
"""A toll at least this large given by both reports counts as much as ``ATTACH_SIMILARITY``
of words (small figures are too common to tell incidents apart)."""
UNDATED_WINDOW = dt.timedelta(days=7)
"""An event whose report gives no date is taken to lie in the week before publication."""
LOOKING_BACK_WINDOW = dt.timedelta(days=3 * 366)
"""... or in these years before it when the report looks back on it (an inquiry's findings,
a trial, an anniversary: ``data/lexicon/looking_back.txt``)."""


@dataclass(frozen=True)
class EventItem:
    """An event as clustering sees it: the record plus its report's date and cues."""

    id: str
    doc_id: str
    type: str
    actors: frozenset[str] = frozenset()
    place: Optional[Place] = None
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    precision: Optional[str] = None
    published: Optional[dt.date] = None
    cues: Cues = field(default_factory=Cues)
    means: Optional[frozenset[str]] = None
    """Weapons its words name (``similarity.means``); None: words not read (then the type
    is taken at its word)."""
    words: frozenset[str] = frozenset()
    """Content words about the event, for text similarity."""
    text: str = ""
    """The report's folded text, to see whether it names another report's place."""
    figures: frozenset[int] = frozenset()
    """The figures its report gives for it (a shared toll is evidence for ``attach``)."""
    landmarks: frozenset[str] = frozenset()
    """Names of places its report uses that are no resolved place (``similarity.landmarks``)."""
    looking_back: bool = False
    """Its sentence looks back on it long after (an inquiry, a trial, an anniversary)."""
    revision: bool = False
    """Its sentence tells a toll's revision: its day is when the toll changed, so the strike
    lies on or before it (within ``UNDATED_WINDOW``)."""
    month_day: Optional[tuple[int, int]] = None
    """Undated, with no publication date, but its sentence names a day without a year
    ("on February 5th"): enough to tell it from a strike on another day of the year."""
    lead: bool = False
    """Its report's first figure of harm is its: what the report is about, not an attack it
    recalls."""
    calendar_day: bool = False
    """Its day is written as a date of the month ("5 January 2009"), not as a weekday or
    "yesterday" that an outlet may count from another day."""

    @classmethod
    def from_event(cls, ev: Event, *, published: Optional[dt.date] = None,
                   cues: Optional[Cues] = None, means: Optional[frozenset[str]] = None,
                   words: frozenset[str] = frozenset(), text: str = "",
                   revision: bool = False, figures: frozenset[int] = frozenset(),
                   landmarks: frozenset[str] = frozenset(), looking_back: bool = False,
                   month_day: Optional[tuple[int, int]] = None, lead: bool = False) -> "EventItem":
        d = ev.date
        return cls(
            id=ev.id, doc_id=ev.doc_id or ev.id.split(":")[0], type=ev.type,
            actors=frozenset(fold(a) for a in ev.actors if a), place=ev.place,
            start=d.start if d else None, end=(d.end or d.start) if d else None,
            precision=d.precision if d else None, published=published, cues=cues or Cues(),
            means=means, words=words, text=text, revision=revision, figures=figures,
            landmarks=landmarks, looking_back=looking_back,
            month_day=month_day if d is None or d.start is None else None, lead=lead,
            calendar_day=bool(d and d.precision == "day" and d.text and _CALENDAR.search(d.text)),
        )

    def interval(self) -> Optional[tuple[dt.date, dt.date]]:
        if self.start is not None and self.revision and self.is_day(revised=False):
            return self.start - UNDATED_WINDOW, self.start
        if self.start is not None:
            return self.start, max(self.end or self.start, self.start)
        if self.published is not None:
            window = LOOKING_BACK_WINDOW if self.looking_back else UNDATED_WINDOW
            return self.published - window, self.published
        return None

    def is_day(self, revised: bool = True) -> bool:
        if revised and self.revision:
            return False
        return self.start is not None and self.precision in (None, "day") and (
            self.end is None or self.end == self.start)


# -- pairwise judgements ---------------------------------------------------------------------

def type_score(a: str, b: str) -> Optional[float]:
    if a == b:
        return 1.0
    if (a in GENERIC_TYPES and b in VIOLENT_TYPES) or (b in GENERIC_TYPES and a in VIOLENT_TYPES):
        return 0.5
    if any(a in f and b in f for f in (*TYPE_FAMILIES, DEMONSTRATION_TYPES)):
        return 0.3
    if a in EXPLOSIVE_TYPES and b in EXPLOSIVE_TYPES:
        return 0.0  # "bombing" reads as an IED to one outlet, an air raid to another
    if any(a in f and b in f for f in LOOSE_FAMILIES):
        return 0.0
    return None


def date_score(a: EventItem, b: EventItem) -> Optional[float]:
    """Overlap of the two date ranges; one day of slack between two day-precision dates
    (a strike late at night is "Monday" to one outlet and "Tuesday" to the next)."""
    ia, ib = a.interval(), b.interval()
    if ia is None or ib is None:
        return _by_month_day(a, b)
    tolerance = 1  # "late on Friday" is Saturday to the next outlet; "late March" April 1
    gap = max((ib[0] - ia[1]).days, (ia[0] - ib[1]).days, 0)
    if gap > tolerance or (gap == 1 and _two_calendar_days(a, b)):
        return None
    if a.is_day() and b.is_day():
        return 1.5 if gap == 0 and a.start == b.start else 0.6
    if a.start is None or b.start is None:
        return 0.2
    return 0.4


_CALENDAR = re.compile(r"\b[0-3]?\d(?:st|nd|rd|th)?\b(?!:)")
_NIGHT = frozenset({21, 22, 23, 0, 1, 2, 3})


def _two_calendar_days(a: EventItem, b: EventItem) -> bool:
    """Two dates of the month a day apart ("5 January", "6 January 2009"), neither at night:
    two strikes, not one that a late hour or a weekday counted from another day put on the
    next day."""
    return (a.calendar_day and b.calendar_day and a.is_day() and b.is_day()
            and not (a.cues.times & _NIGHT) and not (b.cues.times & _NIGHT))


def _by_month_day(a: EventItem, b: EventItem) -> Optional[float]:
    """Score of two events one of which has no date, by the day of the year one report
    names without a year ("on February 5th"): another day is another strike."""
    days = []
    for x in (a, b):
        if x.month_day is not None:
            days.append([x.month_day])
        elif x.is_day() and x.start is not None:
            days.append([(d.month, d.day) for d in (x.start - dt.timedelta(days=1), x.start,
                                                    x.start + dt.timedelta(days=1))])
    if len(days) < 2:
        return 0.1
    return 0.6 if set(days[0]) & set(days[1]) else None


def _same_name(a: Place, b: Place) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    return fold(a.resolved_name or a.name) == fold(b.resolved_name or b.name)


def place_score(a: Optional[Place], b: Optional[Place]) -> Optional[float]:
    """Nearness judged at the coarser precision; ``None`` means too far apart."""
    if a is None or b is None:
        return None
    if a.country and b.country and a.country != b.country:
        return None
    same = _same_name(a, b)
    coarse = max(PLACE_RANK.get(a.precision or "city", 2), PLACE_RANK.get(b.precision or "city", 2))
    level = next(k for k, v in PLACE_RANK.items() if v == coarse)
    has_coords = None not in (a.lat, a.lon, b.lat, b.lon)
    km = haversine_km(a.lat, a.lon, b.lat, b.lon) if has_coords else None
    if a.precision in ("point", "neighbourhood") and b.precision in ("point", "neighbourhood"):
        if not same and a.precision == b.precision and (km is None or km > SAME_SPOT_KM):
            return None  # two named neighbourhoods (or two named sites) are two places
    limit = DISTANCE_KM[level]
    if level == "admin1" and a.admin1 and b.admin1 and fold(a.admin1) == fold(b.admin1):
        return 1.0 if same else 0.6
    if limit is None:  # country level: the same country is all one can say
        return 0.3 if a.country and a.country == b.country else None
    if km is None:
        if same:
            return 1.0
        if level in ("admin1", "region") and a.admin1 and b.admin1:
            return 0.5 if fold(a.admin1) == fold(b.admin1) else None
        return None
    if km > limit:
        return None
    return (1.0 - km / limit) * 0.5 + (0.5 if same else 0.0) + (0.2 if coarse <= 2 else 0.0)


COALITION_OF = {
    "us military": "us led coalition", "british military": "us led coalition",
    "french military": "us led coalition", "australian military": "us led coalition",
    "saudi military": "saudi led coalition", "emirati military": "saudi led coalition",
}
"""A state's forces are their coalition's (folded names): one outlet says "US aircraft",
the next "coalition aircraft", of one strike."""


def _with_coalitions(actors: frozenset[str]) -> frozenset[str]:
    return actors | {COALITION_OF[x] for x in actors if x in COALITION_OF}


def actor_score(a: frozenset[str], b: frozenset[str]) -> Optional[float]:
    if not a or not b:
        return 0.2
    if a & b:  # the common case first: this runs for every candidate pair
        return 0.5
    return 0.5 if _with_coalitions(a) & _with_coalitions(b) else None


def kind_score(a: EventItem, b: EventItem) -> Optional[float]:
    """``type_score``, except that two violent events whose words do not disagree on the
    weapon are compatible: a report that only says "the bombing", "the raid" or "the
    assault" was typed without evidence of the weapon (``similarity.MEANS``)."""
    ts = type_score(a.type, b.type)
    if ts is not None and ts > 0:
        return ts
    if a.means is None or b.means is None or a.type not in VIOLENT_TYPES \
            or b.type not in VIOLENT_TYPES:
        return ts
    if not a.means or not b.means or (a.means & b.means):
        return UNSURE_TYPE
    return ts


def where_score(a: EventItem, b: EventItem) -> Optional[float]:
    """``place_score``, or ``NAMED_PLACE`` when the places disagree (or one is unknown) but
    one report names the other's place: an outlet placing "the prison in the northern suburb
    of Qadisiya" at the city means Qadisiya."""
    ps = place_score(a.place, b.place)
    if ps is not None:
        return ps
    pa, pb = a.place, b.place
    if pa is not None and pb is not None and pa.country and pb.country and pa.country != pb.country:
        return None
    if _names_finer(a.text, pb) or _names_finer(b.text, pa) or a.landmarks & b.landmarks:
        return NAMED_PLACE
    if pa is not None and pb is not None and (_province_homonym(a, pb) or _province_homonym(b, pa)):
        return PROVINCE_HOMONYM
    return None


def _names_finer(folded_text: str, place: Optional[Place]) -> bool:
    """The text names ``place`` and it is finer than a country: nearly every report from Gaza
    names Israel, so naming a country tells nothing of which strike it is."""
    return place is not None and place.precision != "country" and names_place(folded_text, place)


def _province_homonym(x: EventItem, other: Place) -> bool:
    """``x`` was placed at a city named like ``other``'s province, and its report uses that
    name for the province ("the Hama countryside"): the two places are one province."""
    p = x.place
    return (p is not None and p.precision == "city" and bool(other.admin1)
            and fold(p.name) == fold(other.admin1) and names_province(x.text, p.name))


def _strong(a: EventItem, b: EventItem) -> bool:
    """Same day, same type, same town or closer: enough to merge despite other doubts."""
    if not (a.is_day() and b.is_day() and a.start == b.start and a.type == b.type):
        return False
    pa, pb = a.place, b.place
    return (pa is not None and pb is not None
            and max(PLACE_RANK.get(pa.precision or "city", 2),
                    PLACE_RANK.get(pb.precision or "city", 2)) <= 2)


def loose_score(a: EventItem, b: EventItem) -> Optional[float]:
    """Compatibility on date and country of violent events: a superset of ``score``'s
    edges (which may rest on words: ``kind_score``, ``where_score``, ``attach``), used to
    find everything a new report could touch."""
    return _base(a, b, permissive=True)


def _base(a: EventItem, b: EventItem, permissive: bool = False) -> Optional[float]:
    """Compatibility on type, date, place and actors (no cues)."""
    if a.doc_id == b.doc_id:
        return None  # the extractor already separated a report's own events
    ts, ds = kind_score(a, b), date_score(a, b)
    if permissive and ds is None:  # either may turn out to tell a toll's revision
        ds = date_score(replace(a, revision=True), replace(b, revision=True))
    if permissive:  # the words may yet make any two violent events fit
        ts = ts if ts is not None else (
            UNSURE_TYPE if a.type in VIOLENT_TYPES and b.type in VIOLENT_TYPES else None)
    if ts is None or ds is None:
        return None
    ps = where_score(a, b)
    if ps is None and permissive:
        pa, pb = a.place, b.place  # a named place or shared words may yet join them
        same_country = pa is None or pb is None or not (pa.country and pb.country) \
            or pa.country == pb.country
        ps = NAMED_PLACE if same_country else None
    acts = actor_score(a.actors, b.actors)
    if ps is None:
        # too far apart, or no place on one side: a strike that could have been anywhere
        # (Gaza City or Khan Younis) is left alone rather than merged on a guess (an event
        # with no place may still join a cluster by its words: ``attach``)
        return None
    if acts is None:
        if not _strong(a, b):
            return None
        acts = 0.0  # competing attributions: merged, graded Contested
    return ts + ds + ps + acts


def score(a: EventItem, b: EventItem) -> Optional[float]:
    """The merge score of two events, or ``None`` when they must stay apart."""
    base = _base(a, b)
    if base is None or conflict(a.cues, b.cues):
        return None
    agree = shared(a.cues, b.cues)
    if kind_score(a, b) == 0.0 and not agree and not _one_town_taken(a, b):
        return None
    return base + 0.5 * agree + similarity(a.words, b.words)


def _one_town_taken(a: EventItem, b: EventItem) -> bool:
    """Two kinds of a loose family in one named town ("the fall of Khojaly", "the massacre
    in Khojaly"): a town's capture and the killing in it are told as either, and one town
    is rarely both attacked and taken by different hands in the same days. Not two kinds
    of weapon: an IED and an air strike in one town are two blasts."""
    pa, pb = a.place, b.place
    return (pa is not None and pb is not None and a.type not in EXPLOSIVE_TYPES
            and b.type not in EXPLOSIVE_TYPES
            and PLACE_RANK.get(pa.precision or "city", 2) <= 2
            and PLACE_RANK.get(pb.precision or "city", 2) <= 2 and _same_name(pa, pb))


def why_apart(a: EventItem, b: EventItem) -> Optional[str]:
    """A human reason two events were not merged (for tests and debugging)."""
    if a.doc_id == b.doc_id:
        return "same report"
    if kind_score(a, b) is None:
        return "incompatible types"
    if date_score(a, b) is None:
        return "dates do not overlap"
    if _base(a, b) is None:
        return "places or actors incompatible"
    if kind_score(a, b) == 0.0 and not shared(a.cues, b.cues):
        return "different kinds of weapon and no shared cue"
    return conflict(a.cues, b.cues)


# -- clustering --------------------------------------------------------------------------------

def _country(it: EventItem) -> Optional[str]:
    return it.place.country if it.place is not None and it.place.country else None


def candidate_pairs(items: Sequence[EventItem], slack: dt.timedelta = dt.timedelta(0)
                    ) -> Iterable[tuple[EventItem, EventItem]]:
    """Pairs whose date ranges can overlap (a sweep over start dates, not all n² pairs) and
    whose places can be one country (``where_score`` never joins two countries): an event
    placed in a country meets only events of that country and events with no country.
    ``slack``: how much earlier an event may turn out to start (``loose_score`` reads any
    day as a possible revision, a week after the strike)."""
    dated = sorted((it for it in items if it.interval()), key=lambda it: (it.interval()[0], it.id))
    undated = [it for it in items if not it.interval()]
    starts = [it.interval()[0] for it in dated]
    ends = [it.interval()[1] for it in dated]
    countries = [_country(it) for it in dated]
    by_country: dict[Optional[str], list[int]] = {}
    for i, c in enumerate(countries):
        by_country.setdefault(c, []).append(i)
    everyone = list(range(len(dated)))
    for i, a in enumerate(dated):
        reach = ends[i] + dt.timedelta(days=1) + slack
        c = countries[i]
        # a placeless event meets everyone after it; a placed one its country and the placeless
        lanes = [everyone] if c is None else [by_country[c], by_country.get(None, [])]
        for lane in lanes:
            for j in lane[bisect_right(lane, i):]:
                if starts[j] > reach:
                    break
                yield a, dated[j]
    for i, a in enumerate(undated):
        c = _country(a)
        for b in list(dated) + undated[i + 1:]:
            if c is None or _country(b) in (None, c):
                yield a, b


def edges(items: Sequence[EventItem], *, loose: bool = False) -> dict[tuple[str, str], float]:
    judge = loose_score if loose else score
    out = {}
    for a, b in candidate_pairs(items, slack=UNDATED_WINDOW if loose else dt.timedelta(0)):
        s = judge(a, b)
        if s is not None:
            out[(min(a.id, b.id), max(a.id, b.id))] = s
    return out


LEAD_PAIR = 0.5
"""Added to the merge order (not the score) of two reports' lead events."""


class _UnionFind:
    def __init__(self, ids: Iterable[str]):
        self.parent = {i: i for i in ids}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> str:
        ra, rb = sorted((self.find(a), self.find(b)))
        self.parent[rb] = ra
        return ra


def cluster(items: Sequence[EventItem]) -> list[list[str]]:
    """Event ids grouped into incidents; each group and the list sorted, deterministic."""
    ids = sorted({it.id for it in items})
    by_id = {it.id: it for it in items}
    pairs = edges(items)
    uf = _UnionFind(ids)
    members = {i: [i] for i in ids}

    def agree(x: str, y: str) -> bool:
        # an event with no place has no edge to the cluster's other places, only nothing
        # against them: it joined on one report naming its village, the rest may follow
        if (min(x, y), max(x, y)) in pairs:
            return True
        ex, ey = by_id[x], by_id[y]
        return (ex.place is None or ey.place is None) and fits(ex, ey) and (
            _shared_evidence(ex, ey) or similarity(ex.words, ey.words) >= ATTACH_SIMILARITY)

    # two reports' lead events that agree are merged before an attack one of them recalls: a
    # recalled strike joined first would keep its report's own lead out (a report's events
    # never share an incident)
    lead = {it.id for it in items if it.lead}
    def rank(kv: tuple[tuple[str, str], float]) -> tuple[float, tuple[str, str]]:
        (x, y), s = kv
        return -(s + LEAD_PAIR * (x in lead and y in lead)), kv[0]

    for (a, b), _ in sorted(pairs.items(), key=rank):
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            continue
        if all(agree(x, y) for x in members[ra] for y in members[rb]):
            root = uf.union(ra, rb)
            other = rb if root == ra else ra
            members[root] = sorted(members[root] + members.pop(other))
    return sorted((sorted(m) for m in attach(items, list(members.values()))), key=lambda m: m[0])


def fits(x: EventItem, m: EventItem) -> bool:
    """Whether ``x`` (an event with no place) could be the same strike as ``m``: nothing
    but the place is checked, and nothing may disagree."""
    ks = kind_score(x, m)
    return (x.doc_id != m.doc_id and ks is not None and date_score(x, m) is not None
            and actor_score(x.actors, m.actors) is not None and not conflict(x.cues, m.cues)
            and (ks > 0 or bool(shared(x.cues, m.cues))))


COMMON_TARGETS = frozenset({"residence", "vehicle", "market", "hospital", "shelter"})
"""Targets too common to tell one strike from another by themselves (a wedding party, a
church or a police station is rarely hit twice in a week of one country), or named as often
for where the victims were taken or counted as for what was hit ("lists compiled with a
local hospital", "people took shelter")."""


def _shared_evidence(a: EventItem, b: EventItem) -> bool:
    return (any(n >= SHARED_FIGURE for n in a.figures & b.figures) or bool(a.landmarks & b.landmarks)
            or bool((a.cues.targets & b.cues.targets) - COMMON_TARGETS))


def attach(items: Sequence[EventItem], groups: list[list[str]]) -> list[list[str]]:
    """Events with no place, still alone, join the cluster with a place whose reports they
    resemble most in words and tolls (``ATTACH_SIMILARITY``), if nothing in it disagrees: "the truck
    bomb at the Shabelle fish market checkpoint" needs no city to be the Mogadishu bombing."""
    by_id = {it.id: it for it in items}
    groups = [list(g) for g in groups]
    for g in sorted((g for g in groups if len(g) == 1 and by_id[g[0]].place is None),
                    key=lambda g: g[0]):
        x = by_id[g[0]]
        best, best_sim = None, ATTACH_SIMILARITY
        for other in groups:
            if other is g or not any(by_id[m].place is not None for m in other) \
                    or not all(fits(x, by_id[m]) for m in other):
                continue  # two events with no place have nothing to agree on
            sim = max(similarity(x.words, by_id[m].words)
                      + (ATTACH_SIMILARITY if _shared_evidence(x, by_id[m]) else 0.0) for m in other)
            if sim >= best_sim and (best is None or sim > best_sim or other[0] < best[0]):
                best, best_sim = other, sim
        if best is not None:
            best.append(x.id)
            g.clear()
    return [sorted(g) for g in groups if g]


def components(items: Sequence[EventItem], seeds: Iterable[str]) -> set[str]:
    """Ids of every item connected to ``seeds`` by loose compatibility."""
    pairs = edges(items, loose=True)
    adjacent: dict[str, set[str]] = {}
    for a, b in pairs:
        adjacent.setdefault(a, set()).add(b)
        adjacent.setdefault(b, set()).add(a)
    seen, todo = set(), [s for s in seeds]
    while todo:
        x = todo.pop()
        if x in seen:
            continue
        seen.add(x)
        todo.extend(adjacent.get(x, ()))
    return seen
