"""A place named with the units around it: "Muaja (Ancuabe, Cabo Delgado)", "in Guanare,
Portuguesa state", "Nayrab in the northern countryside of Idleb".

Reports and event notes pin a small place down by naming its district and province after it.
Those names choose among homonyms (Salvador in Bahia is the Brazilian city, not El Salvador)
and vouch for a small place that a lone capitalised word could not (a village of 600 people is
a place when it lies in the province named beside it). The chain is only trusted where the
gazetteer agrees: some reading of the head must lie within some reading of a qualifier; names
that merely follow one another ("Aleppo, Idlib and Hama") share no such reading and are left
to the ordinary resolution.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from harmwatch.resolve.gazetteer import PRECISION_RANK, _Entry
from harmwatch.geo import haversine_km
from harmwatch.resolve.lookup import (
    _admin1_name, _Cand, _candidates, _entry_km, _rank, _subdivision_anchor,
)
from harmwatch.resolve.mentions import (
    ROAD_WORDS, _DIR_ALT, _NAME, _PLACE_PREPOSITIONS, _STOP, _Ctx, _overlaps, _word_before,
)
from harmwatch.resolve.names import country_from_adjective, norm_key

_UNIT_WORDS = {
    "province": "admin1", "governorate": "admin1", "state": "admin1", "region": "admin1",
    "oblast": "admin1", "prefecture": "admin1", "department": "admin1",
    "district": "admin2", "county": "admin2", "municipality": "admin2", "commune": "admin2",
    "lga": "admin2", "subdivision": "admin2", "sub-district": "admin2",
    "subdistrict": "admin2", "tehsil": "admin2", "upazila": "admin2", "woreda": "admin2",
    "zone": "admin2", "division": "admin2", "raion": "admin2", "rayon": "admin2",
    "parish": "admin2", "township": "admin2", "circle": "admin2", "block": "admin2",
    "city": "city", "town": "city", "village": "city", "locality": "city",
    "settlement": "city", "countryside": None, "area": None, "outskirts": None,
    "camp": "neighbourhood", "refugee camp": "neighbourhood",
}
"""Words naming the kind of unit after a name ("Kolofata subdivision", "Monagas state") and
the gazetteer precision they suggest (None: any)."""
_SETTLEMENT_KINDS = frozenset({"point", "neighbourhood", "city"})
_UNITS = frozenset({"admin1", "admin2", "region", "country"})
_UNIT_ALT = "|".join(sorted(map(re.escape, _UNIT_WORDS), key=len, reverse=True))
_NAME_RE = re.compile(rf"(?:(?i:the)\s+)?(?P<name>{_NAME})")
_UNIT_AFTER = re.compile(rf"\s+(?P<word>(?i:{_UNIT_ALT}))\b")
_SEP = re.compile(
    rf"\s*(?P<sep>(?:,\s*)?\s(?i:in|of|near)\s|\(|,)\s*"
    rf"(?:(?i:the)\s+)?(?:(?P<dir>(?i:{_DIR_ALT}))(?:\s*-\s*(?i:{_DIR_ALT}))?\s+)?"
    rf"(?:(?i:countryside|outskirts|suburbs|vicinity|province|district|region|state|"
    rf"governorate|area|part|parts)\s+of\s+(?:(?i:the)\s+)?)?")
"""What joins a name to the unit around it: "(", ",", "in", "in the northern countryside of"."""
_CLOSE = re.compile(r"\s*\)")
_LIST_END = re.compile(r"\s*,?\s+(?:and|or|&)\s+[A-Z]")
_MAX_QUALIFIERS = 4
_CITY_QUALIFIER_KM = 60.0
"""A district named after its seat ("Kismaayo" in "(Kismaayo, Lower Juba)") is written like a
town: a place within it lies this close to the town's point."""
_PART_KM = 3.0
_ADMIN2_KM = 150.0
_ADMIN2_ANCHOR_KM = 50.0
_ADMIN1_KM = 400.0
"""Where a unit's admin1 is unknown, how far a place within it may lie from its anchor."""
_FALLBACK_POP = 10_000


@dataclass
class Chain:
    """A head name and the unit names written after it, most specific first."""

    head: tuple[int, int]
    head_kind: Optional[str]
    qualifiers: list[tuple[int, int, Optional[str]]] = field(default_factory=list)
    comma_only: bool = True
    """Joined by commas alone ("Belgrade, Serbia"): weaker evidence than "(" or "in"."""
    bracket: bool = False
    """A qualifier stands in brackets ("Al Hishah (Misrata)")."""
    owners: list[tuple[int, int]] = field(default_factory=list)
    """The country before a qualifier's possessive ("in Burkina Faso's Boucle du Mouhoun")."""


_CAMPS = frozenset({"camp", "refugee camp"})
"""A camp's name includes the word ("Jabalia refugee camp" is not the town of Jabalia)."""


def _unit_word(text: str, end: int) -> tuple[Optional[str], int, bool]:
    """The unit word right after a name, if any: (kind, end after it, part of the name)."""
    m = _UNIT_AFTER.match(text, end)
    if not m:
        return None, end, False
    word = m.group("word").lower()
    return _UNIT_WORDS[word], m.end(), word in _CAMPS


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and text[e - 1] in ".,;:'\u2019)":
        e -= 1
    m = re.search(r"(?:'s|\u2019s)$", text[s:e])
    return s, (e - len(m.group(0)) if m else e)


_ROAD_END = re.compile(rf"\s{ROAD_WORDS}$")


def find_chains(text: str) -> list[Chain]:
    """Every capitalised name followed by one or more unit names, in text order."""
    chains: list[Chain] = []
    pos = 0
    for m in _NAME_RE.finditer(text):
        if m.start("name") < pos:
            continue
        hs, he = _trim(text, m.start("name"), m.end("name"))
        if he <= hs or country_from_adjective(text[hs:he]):
            continue  # "the Ukrainian city of Poltava": a nationality heads no chain
        if _ROAD_END.search(text, hs, he):
            continue  # "Jaffa Road in central Jerusalem": a street, and the city is a city
        head_kind, i, named = _unit_word(text, he)
        chain = Chain((hs, i if named else he), head_kind)
        depth = 0
        while len(chain.qualifiers) < _MAX_QUALIFIERS:
            sep = _SEP.match(text, i)
            if not sep:
                break
            word = sep.group("sep").strip(" ,").lower()
            if word == "(":
                if depth:
                    break
                depth = 1
                chain.bracket = True
            if word in ("in", "of", "near", "("):
                chain.comma_only = False
            n = _NAME_RE.match(text, sep.end())
            if not n:
                break
            qs, qe = _trim(text, n.start("name"), n.end("name"))
            if sep.group("dir") and sep.group("dir")[0].isupper():
                qs = sep.start("dir")  # "(Eastern Equatoria state)": the direction is named
            poss = list(re.finditer(r"(?:'s|\u2019s)\s+", text[qs:qe]))
            if poss:  # "in Myanmar's Sagaing region": the region, within the country
                chain.owners.append((qs, qs + poss[-1].start()))
                qs += poss[-1].end()
            if qe <= qs or text[qs:qe].lower() in _STOP:
                break
            kind, i, named = _unit_word(text, qe)
            if i == qe:
                i = n.end("name") if text[qe:n.end("name")].strip(".,;:") == "" else qe
            elif named:
                qe = i
            chain.qualifiers.append((qs, qe, kind))
            close = _CLOSE.match(text, i)
            if close and depth:
                i, depth = close.end(), 0
        if chain.comma_only and _LIST_END.match(text, i):
            continue  # "Aleppo, Idlib and Hama": a list of places, not a place and its units
        if chain.qualifiers:
            chains.append(chain)
            pos = chain.qualifiers[-1][1]
    return chains


def contains(whole: _Entry, part: _Entry) -> bool:
    """Can ``part`` lie within ``whole`` (a qualifier's reading)? Same country, and the same
    admin1, or close enough to the unit's anchor."""
    if not part.country or part.country != whole.country:
        return False
    if part.precision == "country" or (part == whole and part.precision not in _SETTLEMENT_KINDS):
        return False  # a unit does not vouch for itself ("Santa Fe (Santa Fe)" is the city)
    if whole.precision in ("country", "region"):
        return True
    if PRECISION_RANK[part.precision] > PRECISION_RANK[whole.precision]:
        return False
    km = _entry_km(part, whole)
    if whole.precision in ("neighbourhood", "point"):  # a camp, a quarter: next door
        return km is not None and km <= _PART_KM
    if whole.precision in _SETTLEMENT_KINDS:  # the seat of a district, never a smaller town
        return km is not None and km <= _CITY_QUALIFIER_KM and whole.pop >= part.pop
    a_whole, a_part = _admin1_name(whole), _admin1_name(part)
    if whole.precision == "admin1":
        if a_whole and a_part:
            return norm_key(a_whole) == norm_key(a_part)
        return km is not None and km <= _ADMIN1_KM
    if a_whole and a_part and norm_key(a_whole) == norm_key(a_part):
        return km is None or km <= _ADMIN2_KM
    # admin1 unknown or named otherwise by the two sources (reformed provinces): by distance
    # from the district's anchor
    if km is None and whole.sub_code and part.lat is not None:
        lat, lon = _subdivision_anchor(whole.sub_code, whole.country)
        km = None if lat is None else haversine_km(lat, lon, part.lat, part.lon)
    return km is not None and km <= _ADMIN2_ANCHOR_KM


@dataclass
class Reading:
    """A chain resolved: the entry of each resolved name, keyed by span."""

    head: Optional[tuple[tuple[int, int], _Entry, int]]
    """(span, entry, tier) of the most specific resolved name, or None."""
    qualifiers: list[tuple[tuple[int, int], _Entry]]
    """Qualifiers whose reading contains the head's."""
    unknown: list[tuple[int, int]] = field(default_factory=list)
    """Head words with no reading inside the units named after them: no namesake elsewhere
    may take them ("Kani township in Sagaing region" is not Kani in Japan)."""


def _usable(text: str, span: tuple[int, int]) -> bool:
    name = text[span[0]:span[1]]
    words = name.lower().split()
    return len(name) >= 3 and not (country_from_adjective(name)
                                   or (len(words) == 1 and words[0] in _STOP))


def _kind_ok(e: _Entry, kind: Optional[str]) -> bool:
    if kind == "city":
        return e.precision in _SETTLEMENT_KINDS
    if kind in ("admin1", "admin2"):
        return e.precision not in _SETTLEMENT_KINDS or e.source == "geonames"
    return True


def _head_spans(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The head, then its shorter word runs, longest and leftmost first (as for any mention):
    "in La Colonia Tovar, Aragua" → ..., "Colonia Tovar"."""
    words = [(span[0] + w.start(), span[0] + w.end())
             for w in re.finditer(r"\S+", text[span[0]:span[1]])]
    out = []
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            first, last = words[i], words[i + size - 1]
            if size < len(words) and (text[first[0]:first[1]].lower() in _STOP
                                      or text[last[0]:last[1]].lower() in _STOP):
                continue
            out.append((first[0], last[1]))
    return out


def _fallback(chain: Chain, quals, qcands, ctx: _Ctx, head_known: bool,
              head_person: bool) -> Optional[Reading]:
    """No two names agree, but the last is a unit of a country the document is about (if it
    names any): the names before it are places the gazetteer lacks, not namesakes elsewhere,
    and the unit (or, in brackets or after "in", a sizeable town) stands for them ("Al Hishah
    (Misrata)", "Kelly in the countryside of Idleb", "Ivirgarzama, Cochabamba"). Commas alone
    say less: there the head must be unknown to the gazetteer and no person's name ("Aleppo,
    Idlib" is two places; "Ahmed, Aleppo" a man and his town)."""
    if not quals or not qcands[-1]:
        return None
    if chain.comma_only and (head_known or head_person):
        return None
    # where the name's likeliest reading is a town, a unit of its country, not a namesake
    # abroad ("the National Hospital in Colombo" is not Colombo municipality, Brazil)
    first = next((c.entry for c in qcands[-1] if c.tier <= 1), None)
    units = [c for c in qcands[-1] if c.tier <= 1 and c.entry.precision in _UNITS
             and (first is None or first.precision not in _SETTLEMENT_KINDS
                  or c.entry.country == first.country)]
    towns = [c for c in qcands[-1][:1] if c.tier == 0 and c.entry.pop >= _FALLBACK_POP
             and c.entry.precision in _SETTLEMENT_KINDS and not chain.comma_only]
    best = (units or towns or [None])[0]
    if best is None or (ctx.all and best.entry.country not in ctx.all):
        return None
    s, end, _ = quals[-1]
    unknown = [chain.head] + [(qs, qe) for qs, qe, _ in quals[:-1]]
    if best.entry.precision == "country":
        return Reading(None, [], unknown)  # the country is read as usual
    return Reading(((s, end), best.entry, best.tier), [], unknown)


def resolve_chain(text: str, chain: Chain, ctx: _Ctx, blocked: list[tuple[int, int]],
                  persons: list[tuple[int, int]] = ()) -> Optional[Reading]:
    """The reading of the head that the most qualifiers contain (ties to the main name over
    an alias, then to the summed ranking scores), and of each qualifier the reading that
    contains it. When no reading of the head lies within a qualifier (a village the gazetteer
    lacks), the first qualifier is read as the head of the rest."""
    quals = [(s, e, k) for s, e, k in chain.qualifiers
             if _usable(text, (s, e)) and not _overlaps((s, e), blocked)]
    qcands: list[list[_Cand]] = []
    for s, e, kind in quals:
        cands = [c for c in _candidates(text[s:e]) if c.tier <= 2]
        qcands.append(_rank(cands, text[s:e], kind, None, ctx.all))
    heads = [(span, chain.head_kind) for span in _head_spans(text, chain.head)]
    heads = [(sp, k) for sp, k in heads if _usable(text, sp) and not _overlaps(sp, blocked)]
    head_known = any(c.tier <= 2 for sp, _ in heads for c in _candidates(text[sp[0]:sp[1]]))
    # "Ahmed Ali, Aleppo": a person's name before a comma needs two units to be a place,
    # unless it follows "in", "near"... ("in Villa Serena, Oakshire")
    head_person = (chain.comma_only and chain.head_kind is None and _overlaps(chain.head, persons)
                   and _word_before(text, chain.head[0]) not in _PLACE_PREPOSITIONS)
    # a near spelling ("Komandjari" for Komondjari) only where the wording says what it is
    max_tier = 2 if chain.comma_only and chain.head_kind is None else 3
    for level in range(len(quals)):
        countries = {q.entry.country for qc in qcands[level:] for q in qc}
        best = None
        for span, kind in heads:
            name = text[span[0]:span[1]]
            cands = [c for c in _candidates(name) if c.tier <= max_tier
                     and _kind_ok(c.entry, kind) and c.entry.country in countries]
            for c in _rank(cands, name, kind, None, ctx.all):
                support = [next((q for q in qc if contains(q.entry, c.entry)), None)
                           for qc in qcands[level:]]
                n = sum(q is not None for q in support)
                if level == 0 and head_person and n < 2:
                    continue
                key = (n, -c.tier, c.score + sum(q.score for q in support if q is not None))
                if n and (best is None or key > best[0]):
                    best = (key, span, c, support)
            if best is not None:
                break  # the longest head that agrees with a qualifier
        if best is not None:
            _, span, c, support = best
            qualifiers = [((s, e), q.entry) for (s, e, _), q in zip(quals[level:], support)
                          if q is not None]
            return Reading((span, c.entry, c.tier), qualifiers)
        # the head is unknown: the next name is read as the head of the rest
        s, e, kind = quals[level]
        heads = [((s, e), kind)] if not _overlaps((s, e), blocked) else []
    return _fallback(chain, quals, qcands, ctx, head_known, head_person)
