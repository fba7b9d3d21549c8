"""Distinguishing cues: what tells two strikes on the same day in the same city apart.

Analysts separate "the market strike in Shujaiya this morning" from "the strike on a home in
Rimal in the evening" by the neighbourhood, the target and the time of day. This module reads
those three cues from the words describing an event; ``cluster`` keeps two events apart when
both name a cue of the same kind and the cues disagree. More words can only add cues, and a
cue present in only one report never separates, so extra context errs towards merging.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from ..extract import lexicon
from ..geo import haversine_km
from ..models import Place

# canonical target → pattern (case-insensitive, on word boundaries)
TARGETS: dict[str, str] = {
    "market": r"market(?:place)?s?|souk|bazaar",
    "hospital": r"hospitals?|clinics?|medical (?:centre|center|facility)",
    "school": r"schools?|kindergartens?|university|universities|madrass?as?|seminar(?:y|ies)",
    "mosque": r"mosques?|masjids?",
    "church": r"churche?s?|cathedral",
    "bakery": r"bakery|bakeries|bread (?:line|queue)s?",
    "camp": (r"(?:refugee|displacement|displaced|idp|tent) (?:camps?|sites?|settlements?)"
             r"|camps? for (?:the )?(?:internally )?(?:displaced|refugees)"),
    "shelter": r"shelters?",
    "residence": (r"(?:residential|apartment) (?:building|block|tower|complex)s?|homes?|houses?"
                  r"|apartments?|family home"),
    "vehicle": r"bus(?:es)?|minibus(?:es)?|vans?|trucks?|convoys?",
    "checkpoint": r"checkpoints?",
    "restaurant": r"restaurants?|caf[eé]s?",
    "hotel": r"hotels?",
    "wedding": r"weddings?",
    "funeral": r"funerals?",
    "aid": r"aid distribution|food distribution|distribution (?:point|site|centre|center)",
    "energy": r"power (?:plant|station)s?|substations?|energy (?:facility|infrastructure)",
    "station": r"(?:railway|train|bus) stations?",
    "police station": r"police stations?",
    "military base": r"(?:army|military|air) bases?|barracks",
    "airport": r"airports?",
}
_TARGET_RE = [(k, re.compile(rf"\b(?:{v})\b", re.I)) for k, v in TARGETS.items()]

# Mentions that are not the target: where the wounded went, who gave the figure.
_NOT_TARGET = re.compile(
    r"\b(?:taken|rushed|transferred|brought|admitted|evacuated|transported|moved|shifted|airlifted|flown)\s+to\s+"
    r"(?:the\s+|a\s+|nearby\s+|local\s+)?(?:[\w'-]+\s+){0,3}(?:hospitals?|clinics?)\b"
    r"|\b(?:hospitals?|clinics?)\s+(?:%s|%s)\b"
    r"|\baccording to\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}(?:hospitals?|clinics?)\b"
    # where the hurt are treated and their families search: "moved between hospitals and
    # mortuaries", "gathered at the hospitals", "treated in hospitals"
    r"|\b(?:between|among|across|around|outside|at|in)\s+(?:the\s+|local\s+|nearby\s+)?"
    r"(?:hospitals|clinics)\b|\b(?:hospitals?|clinics?)\s+and\s+(?:mortuaries|morgues)\b"
    # the aftermath: "funeral prayers for the victims of the madrassa strike"
    r"|\bfunerals?\s+(?:[\w'-]+\s+){0,6}?(?:for|of)\s+(?:the\s+)?(?:[\w'-]+\s+)?(?:victims|dead|those)\b"
    # and the remembrance: "a service at St Paul's Cathedral", "prayers at the mosque"
    r"|\b(?:services?|memorials?|vigils?|ceremon(?:y|ies)|masse?s?|prayers|commemorations?)\s+"
    r"(?:(?:was|were|is|are|being)\s+)?(?:held\s+)?(?:at|in)\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,3}"
    r"(?:cathedral|churche?s?|mosques?|synagogues?|temples?)\b"
    # who gave the figure, by where they work: "according to a deacon at the Church of St Mary"
    r"|\baccording to\s+(?:[\w'’-]+\s+){1,3}(?:at|of|from)\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,3}?"
    r"(?:cathedral|churche?s?|mosques?|synagogues?|temples?|hospitals?|clinics?|schools?|universit(?:y|ies))\b"
    # a title by the place someone heads: "Banani police station chief Salahuddin Khan"
    r"|\b(?:police\s+stations?|hospitals?|schools?|camps?)\s+(?:chiefs?|heads?|directors?|commanders?|principals?)\b"
    # a hospital counting or receiving the victims: "Medina hospital alone said it had taken in 73
    # bodies", "hospitals in the capital still reporting new casualties"
    r"|\b(?:hospitals?|clinics?)\s+(?:[\w'’-]+\s+){0,4}?(?:said|says|reported|reporting|told|received|"
    r"receiving|treated|treating|took\s+in|taken\s+in)\b"
    # where the hurt died or are treated: "two more of the injured dying at the Kandy General
    # Hospital" (a truck that was the bomb stays a vehicle: two reports of one truck bombing
    # share it, and masking it cost more pairs than it kept apart)
    r"|\b(?:died|dying|dies|succumbed|treated|treatment|recovering)\s+(?:[\w'-]+\s+){0,3}?(?:at|in)\s+"
    r"(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,3}(?:hospitals?|clinics?)\b"
    r"(?:\s*(?:,|and|,\s*and)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}(?:hospitals?|clinics?)\b)*"
    # a patient's state, with no article: "several remained in hospital", "taken to hospital"
    r"|\b(?:in|to|from)\s+hospital\b"
    # the past an attack is measured against: "the deadliest attack on Jolo since the January
    # 2019 cathedral bombing", "the worst since the attack on the market in 2015"
    r"|\bsince\s+(?:[\w'’-]+\s+){0,5}?(?:bombings?|attacks?|strikes?|blasts?|massacres?|shootings?|raids?)"
    r"(?:\s+(?:on|at|in|of)\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,2}?[\w'’-]+)?"
    # a home they were going to: "escorting a bride to her new home", "on their way home"
    r"|\b(?:new|way)\s+homes?\b|\b(?:returning|returned|heading|headed|going|went|travell?ing|"
    r"walking|driving)\s+(?:back\s+)?home\b"
    r"|\bvehicle-borne\b|\bsafe house\b|\bhouse of representatives\b|\bwhite house\b"
    r"|\bhome\s+(?:minister|ministry|secretary|office|affairs|department|guards?)\b"
    % ("|".join(sorted(lexicon.words("source_nouns.txt"))), "|".join(sorted(lexicon.SAY_VERBS))),
    re.I)

# time of day → hours it can mean (a circular day: "night" runs 21:00-06:00)
_TIMES: dict[str, tuple[int, int]] = {
    r"pre-?dawn|before dawn|early hours|small hours|after midnight|midnight": (0, 5),
    r"overnight|at night|night-?time|late (?:on )?\w+ night|\w+ night|tonight|last night": (21, 5),
    r"dawn|daybreak|sunrise|first light": (4, 7),
    r"early morning|early on \w+ morning": (4, 9),
    r"morning": (5, 11),
    r"midday|noon|lunchtime": (11, 14),
    r"afternoon": (12, 18),
    r"evening|dusk|sunset|iftar": (17, 22),
}
_TIME_RE = [(re.compile(rf"\b(?:{k})\b", re.I), v) for k, v in _TIMES.items()]
_CLOCK_RE = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?!\w)"
                       r"|\b([01]?\d|2[0-3]):([0-5]\d)\b(?!\s*(?:a\.?m|p\.?m))", re.I)
_ATTACK_WORDS = re.compile(
    r"\b(?:strikes?|struck|shell(?:s|ed|ing)?|bomb(?:s|ed|ing)?|blasts?|explo\w+|attack\w*|"
    r"hit|raids?|missiles?|drones?|rockets?|IEDs?|airstrikes?|air strikes?)\b", re.I)
# A time of day in a clause about the aftermath is not the strike's ("a girl who died of her
# wounds overnight", "up from 12 in the morning", "the search ended on Friday evening").
AFTERMATH_WORDS = (
    "died", "dies", "succumbed", "rose", "risen", "rises", "raised", "up from", "climbed",
    "reached", "recovered", "ended", "resumed", "buried", "funeral", "mourn", "said", "says",
    "told", "announced", "reported", "added", "later",
    # the rescue: "volunteers worked through the night at the market"
    "worked", "working", "searched", "searching", "dug", "digging", "volunteers", "rescuers",
)
_AFTERMATH_RE = re.compile(r"\b(?:%s)" % "|".join(re.escape(w) for w in AFTERMATH_WORDS), re.I)
_CLAUSE_END = re.compile(r"[,;:()\u2014\u2013]|\s-\s")

FINE_PRECISIONS = frozenset({"point", "neighbourhood"})
SPOT_SAME_KM = 1.0
"""Two named neighbourhoods/points closer than this are taken as the same spot."""


@dataclass(frozen=True)
class Spot:
    key: str
    lat: Optional[float] = None
    lon: Optional[float] = None


@dataclass(frozen=True)
class Cues:
    times: frozenset[int] = frozenset()
    targets: frozenset[str] = frozenset()
    spots: tuple[Spot, ...] = field(default_factory=tuple)


_APOSTROPHES = re.compile(r"['’`ʼʻ]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: Optional[str]) -> str:
    """Case-, diacritic- and punctuation-insensitive key ("Shuja'iyya" ~ "shujaiyya")."""
    if not text:
        return ""
    if len(text) <= 64:  # names and actors, folded again for every pair that compares them
        return _fold_short(text)
    return _fold(text)


@lru_cache(maxsize=8192)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    if text.isascii():  # most text: nothing to decompose (a per-character walk otherwise)
        s = text.lower()
    else:
        s = unicodedata.normalize("NFKD", text).translate(_combining_marks()).casefold()
    s = _APOSTROPHES.sub("", s)
    return " ".join(_NOT_ALNUM.sub(" ", s).split())


@lru_cache(maxsize=1)
def _combining_marks() -> dict[int, None]:
    """Every combining mark, to drop in one ``str.translate`` (a walk over a long report's
    characters in Python cost more than the rest of its folding)."""
    return {cp: None for cp in range(0x110000) if unicodedata.combining(chr(cp))}


def attack_sentences(sentences: Iterable[str]) -> list[str]:
    """The sentences of a report that describe an attack (where cues are worth reading)."""
    return [s for s in sentences if _ATTACK_WORDS.search(s)]


# A sentence that tells of another strike: "in a separate incident", "elsewhere", or a new
# attack introduced as such ("a drone strike hit...", "another strike") at a different target.
_NEW_ATTACK = re.compile(
    r"\b(?:a|an|another|a\s+second|a\s+further)\s+(?:[\w-]+\s+){0,2}?(?:strikes?|airstrikes?|"
    r"air\s+strikes?|shell(?:s|ing)?|bomb(?:s|ing)?|blasts?|explosions?|attacks?|raids?|"
    r"missiles?|drones?|rockets?)\b", re.I)


_EARLIER_TOLL = re.compile(
    r"\b(?:days?|weeks?|months?|years?)\s+(?:after|before)\s+(?:about\s+|around\s+|nearly\s+|"
    r"some\s+|at\s+least\s+|more\s+than\s+)?\d", re.I)
"""A figure right after a time offset is an earlier attack's ("The attack came three months
after about 160 herders were killed in ...")."""


def other_strike(sentence: str, event_sentence: str, places: Iterable[Place] = ()) -> bool:
    """Whether a figure's sentence tells of a strike other than the event's: its figures
    belong to that strike, not to this incident (a page on a market shelling that adds "in a
    separate incident, a drone strike hit a house in a camp, killing three")."""
    if not sentence or not event_sentence or sentence.strip() == event_sentence.strip():
        return False
    if lexicon.patterns("separate_events.txt").search(sentence) or _EARLIER_TOLL.search(sentence):
        return True
    # "the explosion at the hospital two days earlier, in which 471 died": an attack set apart
    # in time is as new as "a second strike"
    if not (_NEW_ATTACK.search(sentence) or lexicon.patterns("time_offsets.txt").search(sentence)):
        return False
    places = list(places)
    return conflict(cues_from([sentence], places), cues_from([event_sentence], places)) \
        in ("different targets", "different neighbourhoods")


def _hours(lo: int, hi: int) -> set[int]:
    return set(range(lo, hi + 1)) if lo <= hi else set(range(lo, 24)) | set(range(0, hi + 1))


def times_of_day(text: str) -> frozenset[int]:
    """Hours the strike can have happened at, from clauses not about its aftermath."""
    text = " ".join(c for c in _CLAUSE_END.split(text) if not _AFTERMATH_RE.search(c))
    hours: set[int] = set()
    for rx, (lo, hi) in _TIME_RE:
        if rx.search(text):
            hours |= _hours(lo, hi)
    for m in _CLOCK_RE.finditer(text):
        if m.group(1):
            h = int(m.group(1)) % 12 + (12 if m.group(3).lower().startswith("p") else 0)
        else:
            h = int(m.group(4))
        hours |= {(h - 1) % 24, h, (h + 1) % 24}
    return frozenset(hours)


def targets(text: str) -> frozenset[str]:
    clean = _NOT_TARGET.sub(" ", text)
    return frozenset(k for k, rx in _TARGET_RE if rx.search(clean))


def spots(text: str, places: Iterable[Place], own: Optional[Place] = None) -> tuple[Spot, ...]:
    """Neighbourhood- or point-level places named in ``text`` (plus the event's own place),
    except where the wounded were taken ("taken to St Mark's hospital")."""
    folded = f" {fold(text)} "
    kept = f" {fold(_NOT_TARGET.sub(' ', text))} "
    found: dict[str, Spot] = {}
    candidates = list(places) + ([own] if own is not None else [])
    for p in candidates:
        if p is None or p.precision not in FINE_PRECISIONS:
            continue
        key = fold(p.resolved_name or p.name)
        name = f" {fold(p.name)} "
        if name in kept or (p is own and name not in folded):
            found.setdefault(key, Spot(key, p.lat, p.lon))
    return tuple(sorted(found.values(), key=lambda s: s.key))


# A sentence telling a toll's revision ("another injured man died on Wednesday, taking the
# number killed in the market bombing to 40"): its day may be the revision's, not the strike's.
_REVISION = re.compile(
    r"\b(?:taking|bringing|raising|pushing)\s+(?:the\s+)?(?:overall\s+|death\s+)?"
    r"(?:number|toll|total|count)\b|\b(?:toll|number\s+of\s+(?:people\s+)?(?:dead|deaths|"
    r"killed|victims|people\s+killed))\b[^.;]{0,80}?\b(?:has\s+|had\s+)?(?:rose|risen|rises|"
    r"climbed|reached|increased|jumped|passed)\b", re.I)


_AFTERMATH = re.compile(
    r"\b(?:spent|spend|spends|began|begun|begin|started|start)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:burying|mourning|searching|clearing|digging|rebuilding)\b|"
    r"\b(?:burying|buried)\s+(?:the|their|its|his|her)\b|"
    r"\bclearing\s+(?:the\s+)?(?:rubble|debris)\b", re.I)
"""Days after a strike: the burials, the clearing of rubble ("spent Tuesday burying the dead
from the drone strike", "began clearing rubble on Sunday, four days after the bombing")."""


def tells_revision(sentence: str) -> bool:
    """Whether a sentence tells of a toll's revision (see ``_REVISION``) or of the days after
    the strike (``_AFTERMATH``): either way the day it names is on or after the strike's."""
    return bool(_REVISION.search(sentence or "") or _AFTERMATH.search(sentence or ""))


def only_where_taken(text: str, place: Optional[Place]) -> bool:
    """Whether the report names ``place`` only as where the wounded were taken: then it is
    no spot of the strike (the resolver may still have placed the event there)."""
    if place is None or not text:
        return False
    name = f" {fold(place.name)} "
    whole, without = _folded_report(text)
    return name in whole and name not in without


@lru_cache(maxsize=64)
def _folded_report(text: str) -> tuple[str, str]:
    """A report folded whole and without where the wounded were taken (asked once an event:
    folding a long report for each of its events was a tenth of reconciliation's time)."""
    return f" {fold(text)} ", f" {fold(_NOT_TARGET.sub(' ', text))} "


def cues_from(texts: Sequence[str], places: Iterable[Place] = (),
              own: Optional[Place] = None) -> Cues:
    text = "\n".join(t for t in texts if t)
    return Cues(times=times_of_day(text), targets=targets(text),
                spots=spots(text, places, own))


def same_spot(a: Spot, b: Spot) -> bool:
    if a.key == b.key:
        return True
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= SPOT_SAME_KM


_KIN_TARGETS = ({"restaurant", "bakery"},)
"""Targets one place can be called by: the Holey Artisan Bakery was a café."""


def _with_kin(targets: frozenset[str]) -> set[str]:
    return set(targets).union(*(kin for kin in _KIN_TARGETS if kin & targets))


def conflict(a: Cues, b: Cues) -> Optional[str]:
    """Why two events are distinct strikes, or ``None`` when no cue tells them apart."""
    if a.spots and b.spots and not any(same_spot(x, y) for x in a.spots for y in b.spots):
        return "different neighbourhoods"
    if a.targets and b.targets and not (_with_kin(a.targets) & _with_kin(b.targets)):
        return "different targets"
    if a.times and b.times and not (a.times & b.times):
        return "different times of day"
    return None


def shared(a: Cues, b: Cues) -> int:
    """How many cue kinds the two agree on (a tie-breaker when merging)."""
    n = int(bool(a.targets & b.targets)) + int(bool(a.times & b.times))
    return n + int(any(same_spot(x, y) for x in a.spots for y in b.spots))
