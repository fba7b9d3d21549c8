"""Candidate place mentions in running text: wording patterns, entities, capitalised words,
named parts of places, and the countries a document is about."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Iterator, Optional

from harmwatch.resolve.gazetteer import _gazetteer, geonames_countries
from harmwatch.resolve.lookup import _candidates
from harmwatch.resolve.names import country_from_adjective, loose_key

_ADMIN_WORDS = {"province": "admin1", "governorate": "admin1", "region": "admin1",
                "state": "admin1", "oblast": "admin1", "prefecture": "admin1",
                "department": "admin1", "district": "admin2", "county": "admin2",
                "municipality": "admin2", "commune": "admin2", "township": "admin2"}
_SETTLEMENT_WORDS = {"city": "city", "town": "city", "village": "city", "locality": "city",
                     "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood",
                     "camp": "neighbourhood", "suburb": "neighbourhood",
                     "quarter": "neighbourhood", "area": None}
_KIND_WORDS = {**_SETTLEMENT_WORDS, **_ADMIN_WORDS}
_DIRECTIONS = {"northern": "North", "southern": "South", "eastern": "East", "western": "West",
               "north": "North", "south": "South", "east": "East", "west": "West",
               "central": "Central", "northeastern": "North East", "northwestern": "North West",
               "southeastern": "South East", "southwestern": "South West",
               "northeast": "North East", "northwest": "North West",
               "southeast": "South East", "southwest": "South West",
               "north-east": "North East", "north-west": "North West",
               "south-east": "South East", "south-west": "South West",
               "north-eastern": "North East", "north-western": "North West",
               "south-eastern": "South East", "south-western": "South West"}
_LOCATIVE = frozenset("in at near outside around from into across towards toward to of on "
                      "over against within throughout via between beyond "
                      "inside struck hit bombed targeted shelled attacked east west north "
                      "south".split())
_TITLES = frozenset("""
mr mrs ms dr col gen lt sgt capt maj president minister secretary general colonel commander
spokesman spokeswoman spokesperson chief prince king queen emir envoy ambassador governor
mayor lieutenant captain major sergeant brigadier rep sen senator judge professor prof
""".split())
_STOP = frozenset("""
a an the and or but if of in on at to for from by with as is was were be been this that these
those it its he she they we you i his her their our my me him them us who whom which what when
where why how all any some no not one two three four five six seven eight nine ten
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december today yesterday tomorrow tonight
police army military government ministry health defence defense interior foreign security
forces force news agency reuters afp ap xinhua tass bbc cnn twitter telegram facebook x
instagram youtube un nato eu council committee commission office observatory organization
organisation union party front movement group brigades brigade battalion corps guard guards
hospital hospitals school university mosque church street road airport station bank red cross
crescent human rights watch amnesty international times post press television tv radio
channel statement report reports islamic jihad state coalition alliance democratic republic
people peoples popular national federal regional local central northern southern eastern
western north south east west middle upper lower greater new old great grand holy saint st
mount lake river sea gulf bay ocean valley desert island islands peninsula strait basin plain
city town village camp region province district governorate oblast county area neighbourhood
neighborhood quarter suburb sector operation day week month year night morning evening afternoon
time
""".split()) | _TITLES | frozenset(_DIRECTIONS)
"""Capitalised words that are not places by themselves (titles, weekdays, organisations...)."""

_ORG_WORDS = frozenset("""
ministry observatory council committee commission office organization organisation union
party front movement brigades brigade battalion corps guard guards university agency news
times post press television radio network institute forces force army police association
foundation fund programme program centre center court tribunal authority authorities
company corporation group watch international federation league operation
""".split())
_FEATURE_WORDS = frozenset("lake river mount mountains sea gulf bay ocean valley desert "
                           "island islands peninsula strait basin plain hills".split())
_NOT_PLACES = re.compile(
    r"\b(?:White House|Middle East|Al[- ]Jazeera|Al[- ]Arabiya|Washington Post|New York Times|"
    r"Times of Israel|Jerusalem Post|Human Rights Watch|Red Cross|Red Crescent|"
    r"Security Council|Pentagon|Kremlin|Capitol Hill|Downing Street|Elys[ée]e|"
    r"Operation(?:\s+[A-Z][\w'-]*){1,3}|"
    r"(?:[A-Z][\w'’-]*\s+){1,3}(?:[Nn]ews\s+[Aa]gency|agency|Mosque|Church|Cathedral|Temple|Shrine|Synagogue))\b")
"""Capitalised phrases that contain or resemble place names but are institutions, outlets
("the Saba news agency", "the Saba agency"; a tribal "Bajaur Agency" is a place) and places
of worship, named after a saint, a holy city or a battle more often than after the town they
stand in ("Madina Mosque" in Mastung)."""

_ADDRESSEE = re.compile(
    r"\b(?:called\s+on|calls\s+on|calling\s+on|urged|urges|urging|pressed|presses|asked|asks)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s+to\b")
"""A state addressed ("called on the United States to investigate the strike on Sa'ada"): who is
asked to act, not where anything happened."""

_KIN = re.compile(
    r"\b(?:daughters?|sons?|wife|husband|brothers?|sisters?|mother|father|cousins?|nephews?|nieces?|"
    r"uncles?|aunts?|grand(?:son|daughter|mother|father)s?|housekeeper|cook|driver|bodyguard)\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
"""A relative or servant named by name ("the housekeeper Elba Ramos and her daughter Celina"):
a person, however like a town the name is."""

_KIN_GROUP = re.compile(
    r"(?<![\w'\u2019])(?P<name>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?)\s+"
    r"(?i:tribe|tribes|tribesmen|clan|clans|sub-clan|subclan)\b")
""""members of the Turi tribe", "the Habar Gidir clan": a people, not the town of that name
(Turi in Estonia). Not "community": in Nigerian usage "Kwall community" is the village."""

_ART = r"(?:al|el|ad|an|ar|as|ash|at|az|ed|en|er|es|et|ez)"
_TOKEN = (rf"(?:{_ART}[-\u2010\u2011])?[A-Z\u00C0-\u024F][\w'\u2019\u2018`\-\u2010\u2011]*")
_CONNECT = r"(?:\s+(?:al|el|es|ez|ash|ad|ar|az|um|umm|bin|ibn|bani|abu|de|la|le|du|des|der|di|da|do|dos|das|del|of))?"
"""Lower-case words inside a place's name: "Dar es Salaam", "Ras al Khaimah", "Umm el Fahm";
not "as", "at", "an" ("in Gaza as Israel ...")."""
_NAME = rf"{_TOKEN}(?:{_CONNECT}\s+{_TOKEN})*"
_CAP_SEQ = re.compile(rf"(?<![\w'\u2019]){_NAME}")
ROAD_WORDS = (r"(?i:road|highway|motorway|expressway|street|avenue|boulevard|square|plaza|drive|lane|"
              r"crescent|terrace)\b")
_ROAD = re.compile(rf"(?<![\w'\u2019])(?P<name>{_NAME}(?:\s*-\s*{_NAME})*)\s+{ROAD_WORDS}")
""""Murree road in Rawalpindi", "the Quba-Baku highway": a road named after towns leads away
from them; the event is where the road is, not at the towns it names. Nor is a square a town
of its name ("Svobody Square in Kharkiv" is not Svobody, Russia)."""
_FACILITY_IN = re.compile(
    r"(?<![\w'\u2019])(?P<name>[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,2})\s+"
    r"(?i:hotel|mall|complex|stadium|bank|restaurant|caf[eé]|nightclub|club|theatre|theater|"
    r"cinema|embassy|compound|hospital|university|cemetery|graveyard|church|cathedral|mosque|"
    r"temple|shrine|school|academy|market|bazaar|prison|jail|station)"
    r"(?:\s+(?i:complex|compound|building))?"
    r"\s+(?:in|at|near)\s+(?:the\s+)?[A-Z]")
""""the Dusit hotel complex in Nairobi", "the Al-Shifa hospital in Gaza City", "the Santa Cruz
cemetery in Dili", "Lubyanka station in Moscow": a building's name, with the town it stands
in named next (a Dusit in Thailand, a Santa Cruz in Bolivia are no place of the attack). Not a
camp: "Nuseirat camp in Gaza" is a place."""
_FACILITIES_LISTED = re.compile(
    r"(?<![\w'\u2019])(?P<name>[A-Z][\w'\u2019-]*)\s+and\s+(?P<other>[A-Z][\w'\u2019-]*)\s+"
    r"(?i:hospitals|clinics|schools|mosques|churches|markets|prisons|stations)\b")
""""taken to Madina and Erdogan hospitals": two names sharing one plural facility noun are the
facilities' names, not towns (Madina in Saudi Arabia), unless the gazetteer knows the site
itself ("Al-Shifa and Al-Ahli hospitals")."""
_PATRON = re.compile(
    r"(?<![\w'\u2019-])(?P<name>[A-Z][\w'\u2019]+)-(?i:installed|backed|controlled|led|based|appointed|allied|"
    r"aligned|funded|sponsored|held|occupied|run|supported|friendly|imposed|brokered)\b")
""""the Moscow-installed head of the region", "Tehran-backed militias", "a Gaza-based
reporter": the capital as a patron or a base, not where the event happened."""
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")
_DIR_ALT = "|".join(sorted(map(re.escape, _DIRECTIONS), key=len, reverse=True))
_DIR_BEFORE = re.compile(rf"\b(?P<dir>(?i:{_DIR_ALT}))\s+(?:(?i:part of|parts of)\s+)?$")
_KIND_ALT = "|".join(sorted([*_KIND_WORDS, "refugee camp"], key=len, reverse=True))
_WORD_AFTER = re.compile(rf"\s+(?P<word>(?i:{_KIND_ALT}))\b")
_MODIFIER = (rf"(?i:{_DIR_ALT}|restive|embattled|besieged|rebel-held|government-held|"
             r"northernmost|southernmost|nearby|neighbouring|neighboring|coastal|port|border|"
             r"frontline|front-line|holy|ancient|historic|strategic|key|remote|small|mainly|"
             r"predominantly|largely|central)")
_WORD_BEFORE = re.compile(
    rf"(?:(?P<cc>{_TOKEN}(?:\s+{_TOKEN})?)(?:'s|\u2019s)\s+)?(?P<art>(?i:the|a|an)\s+)?"
    rf"(?P<mods>(?:(?:{_MODIFIER}|[A-Z][a-z]+)\s+){{0,3}})(?P<word>(?i:{_KIND_ALT}))\s+of\s+"
    rf"(?P<name>{_NAME})")
"""Modifiers between the article and the kind may include a nationality: "the central
Ukrainian city of Poltava", "the northern Syrian city of Aleppo", "the southern port city of
Aden" are cities (and in the nationality's country), not the provinces of their names."""
_KIND_OF = re.compile(rf"(?=(?i:{_KIND_ALT})\s+of\s)")
"""Where a kind word followed by "of" starts: the ``word`` of every ``_WORD_BEFORE`` match."""
_NOT_BEFORE_KIND = re.compile(r"[^\w\s'\u2019\u2018`\-\u2010\u2011\u00C0-\u024F]")
"""A character that no ``_WORD_BEFORE`` match holds before its kind word (punctuation)."""


def _words_before(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_WORD_BEFORE.finditer(text)``, tried only where one can start: in the
    run of word characters that ends at a kind word followed by "of" (tried at every
    character, the unanchored pattern took a quarter of place finding)."""
    pos = 0
    for a in [m.start() for m in _KIND_OF.finditer(text)]:
        if a < pos:
            continue
        for p in range(_run_start(text, pos, a), a + 1):
            m = _WORD_BEFORE.match(text, p)
            if m:
                yield m
                pos = m.end()
                break
        else:
            pos = a + 1


def _run_start(text: str, lo: int, end: int) -> int:
    """Where the run of characters before ``end`` that holds no ``_NOT_BEFORE_KIND`` starts
    (``lo`` at the earliest): looked for backwards, in widening windows, rather than listing
    every punctuation mark of the text."""
    width = 64
    while True:
        start = max(lo, end - width)
        last = None
        for last in _NOT_BEFORE_KIND.finditer(text, start, end):
            pass
        if last is not None:
            return last.end()
        if start == lo:
            return lo
        width *= 4


_PART_WORDS = {"neighbourhood": "neighbourhood", "neighborhood": "neighbourhood",
               "quarter": "neighbourhood", "suburb": "neighbourhood", "camp": "neighbourhood",
               "refugee camp": "neighbourhood", "district": "admin2", "area": None,
               "sector": None}
"""Nouns for a named part of a bigger place ("the Rimal district of Gaza City"), and the kind
of the part ("district" of a city is a neighbourhood: see ``_resolve_part``)."""
_CAMP_WORDS = frozenset({"camp", "refugee camp"})
_PART_ALT = "|".join(sorted(map(re.escape, _PART_WORDS), key=len, reverse=True))
_PART_OF = re.compile(
    rf"(?<![\w'\u2019])(?:(?i:the)\s+)?(?P<name>{_NAME})\s+(?P<word>(?i:{_PART_ALT}))\s+"
    rf"(?:of|in|(?i:on|at)\s+the\s+(?:(?i:{_DIR_ALT})\s+)?(?i:edge|edges|outskirts|fringes?)\s+of|"
    rf"(?i:in)\s+the\s+(?i:{_DIR_ALT})\s+of)\s+"
    rf"(?:(?i:the)\s+)?(?:(?P<dir>(?i:{_DIR_ALT}))\s+)?(?P<container>{_NAME})")
""""the Shujaiya neighbourhood of Gaza City", "the Mawasi area of Khan Younis", "the al-Rifai
neighbourhood of west Mosul" (a direction before the container: ``_Part.direction``), "the
Al-Daraiya neighbourhood on the western edge of Raqqa"."""
_PART_POSS = re.compile(
    rf"(?<![\w'\u2019])(?P<container>{_NAME})(?:'s|\u2019s)\s+(?P<name>{_NAME})\s+"
    rf"(?P<word>(?i:{_PART_ALT}))\b")
""""Gaza City's Rimal neighbourhood", "Kharkiv's Saltivka district"."""
_PLACE_PREPOSITIONS = frozenset("in at near outside inside around across within into towards "
                                "toward throughout".split())
"""Words after which a name is a place, not a person (people are not struck "in" someone)."""


@dataclass(frozen=True)
class _Ctx:
    """The countries a document is about.

    ``all`` bias the choice among namesakes (Rafah PS or EG); ``strict`` — the countries the
    text names, ties to a place, or was given — also make weakly supported places elsewhere
    unacceptable. A nationality that only qualifies an armed actor ("an Israeli airstrike",
    "a Russian missile") is in ``all`` but not ``strict``: attackers strike abroad.
    """
    all: tuple[str, ...] = ()
    strict: tuple[str, ...] = ()
    votes: tuple[tuple[str, str], ...] = ()
    """(loose name key, country) of the places a first pass found: each sets the scene for
    the others, but no name vouches for itself (an ambiguous "Ariha" resolved to the West
    Bank must not outvote the Idlib named elsewhere)."""

    @cached_property
    def _voters(self) -> dict[str, list[tuple[int, str]]]:
        """{country: [(index of a name's first vote for it, name key)] in vote order}, built
        once per context (a cache keyed by the votes re-hashed the whole tuple per name)."""
        out: dict[str, dict[str, int]] = {}
        for i, (k, cc) in enumerate(self.votes):
            out.setdefault(cc, {}).setdefault(k, i)
        return {cc: sorted((i, k) for k, i in keys.items()) for cc, keys in out.items()}

    def for_name(self, name: str) -> "_Ctx":
        """The context in which to resolve ``name``: the others' votes added."""
        if not self.votes:
            return self
        key = loose_key(name)
        # the countries voted for, in order, but those only this name voted for (a scan of
        # every vote for every name made long documents quadratic, issue 10)
        firsts = ((next((i for i, k in voters if k != key), None), cc)
                  for cc, voters in self._voters.items())
        extra = tuple(cc for _, cc in sorted((i, cc) for i, cc in firsts if i is not None))
        return _Ctx(self.all + tuple(c for c in extra if c not in self.all),
                    self.strict + tuple(c for c in extra if c not in self.strict))


@dataclass
class _Part:
    """"the X <part word> of Y" / "Y's X <part word>": X lies within Y."""
    start: int
    end: int
    word: str
    container: tuple[int, int]
    whole_end: int
    """End of "X <part word>" (a camp's name includes the word: "Nuseirat camp")."""
    direction: Optional[int] = None
    """Start of a direction word before the container ("of west Mosul", "of the Northern Gaza
    Strip"): part of the container's name when that name is a place, else only a direction."""


_FACILITY_AFTER = re.compile(
    r"\s+(?i:roundabout|street|road|hospital|school|mosque|square|tower|bridge|crossing|"
    r"junction|embassy|building|hall|center|centre|stadium|university|market)\b")


@dataclass
class _Mention:
    start: int
    end: int
    kind: Optional[str] = None
    strong: bool = False
    """From a pattern or a spaCy place entity rather than capitalisation alone."""
    country: Optional[str] = None
    subspans: bool = True
    query: Optional[str] = None
    """What to look up when it differs from the words ("North Gaza" for "northern Gaza")."""
    entity: bool = False
    """From a spaCy entity: its label is evidence of a place, not of which place."""


def _doc_countries(text: str, actor_spans: Iterable[tuple[int, int]] = ()) -> _Ctx:
    """Countries named or implied by an adjective anywhere in the text, most frequent first;
    strict unless every mention is an adjective within an armed actor's name ("Israeli
    jets", "a Russian missile": the attacker's nationality, not the place's)."""
    gz = _gazetteer()
    actor_spans = list(actor_spans)
    counts: dict[str, int] = {}
    strict: set[str] = set()
    addressed = [m.span("name") for m in _ADDRESSEE.finditer(text)]
    for m in _CAP_SEQ.finditer(text):
        if _inside(m.start(), addressed):
            continue  # "called on the United States to investigate": no country of the report
        starts = [m.start() + w.start() for w in re.finditer(r"\S+", m.group(0))]
        words = m.group(0).split()
        i = 0
        while i < len(words):
            for j in range(len(words), i, -1):
                phrase = _POSSESSIVE.sub("", " ".join(words[i:j]))
                cc = gz.country_names.get(phrase) or (
                    country_from_adjective(phrase) if j - i <= 2 else None)
                if cc and j == len(words) and _FACILITY_AFTER.match(text, m.end()):
                    cc = None  # "the Kuwait roundabout" is in Gaza
                if cc:
                    counts[cc] = counts.get(cc, 0) + 1
                    if phrase in gz.country_names or not (
                            _inside(starts[i], actor_spans)
                            or (j == len(words) and _ARMS_AFTER.match(text, m.end()))):
                        strict.add(cc)
                    i = j - 1
                    break
            i += 1
    ordered = tuple(sorted(counts, key=lambda c: -counts[c]))
    return _Ctx(ordered, tuple(c for c in ordered if c in strict))


ENTANGLED = {"IL": "PS", "PS": "IL"}
"""Countries whose places a report names under the other's name: nearly every report from
Gaza or the West Bank names Israel and none may name Palestine ("Israeli shells landed
outside the school in Jabaliya"): the other's places count as in the report's context."""


_ARMS_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:mortars?|shells?|shelling|missiles?|rockets?|jets?|warplanes?|"
    r"drones?|tanks?|troops|forces|soldiers|army|military|artillery|aircraft|(?:air)?strikes?|"
    r"bombs?|bombardment|gunboats?|navy|snipers?|bulldozers?|raids?|gunfire)\b", re.I)
"""An adjective before arms ("Israeli mortar shells", "Russian cruise missiles") names the
attacker's nationality, not the place's, even where the words are no actor alias."""


def _inside(pos: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim possessives, trailing punctuation and a leading "the" from a span."""
    m = _POSSESSIVE.search(text[start:end])
    if m:
        end -= len(m.group(0))
    while end > start and text[end - 1] in ".,;:-\u2010\u2011)(\"'":
        end -= 1
    if text[start:start + 4].lower() == "the ":
        start += 4
    return start, end


def _split_possessive(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """"Cameroon's Far North" → "Cameroon", "Far North"."""
    parts, s = [], start
    for m in re.finditer(r"(?:'s|\u2019s)(?=\s)", text[start:end]):
        parts.append((s, start + m.start()))
        s = start + m.end() + 1
    parts.append((s, end))
    return [p for p in (_clean(text, a, b) for a, b in parts) if p[1] > p[0]]


def _country_of(phrase: str) -> Optional[str]:
    return _gazetteer().country_names.get(phrase) or country_from_adjective(phrase)


def _parts(text: str) -> list[_Part]:
    """"the X neighbourhood of Y", "Y's X district": a named part X within a place Y."""
    out: list[_Part] = []
    for pattern in (_PART_OF, _PART_POSS):
        for m in pattern.finditer(text):
            xs, xe = _clean(text, m.start("name"), m.end("name"))
            cs, ce = _clean(text, m.start("container"), m.end("container"))
            word = m.group("word").lower()
            refugee = re.search(r"\s+(?i:refugee)$", text[xs:xe])
            if refugee and word == "camp":  # "the Bishit Refugee Camp in Rafah"
                xe, word = xs + refugee.start(), "refugee camp"
            if xe > xs and ce > cs:
                direction = m.start("dir") if "dir" in pattern.groupindex and m.group("dir") \
                    else None
                out.append(_Part(xs, xe, word, (cs, ce), m.end("word"), direction))
    return out


def _known_site(name: str) -> bool:
    """The gazetteer knows the site itself ("Al-Shifa", "Kamal Adwan Hospital")."""
    return any(c.tier <= 1 and c.entry.precision == "point" for c in _candidates(name))


def _mentions(text: str, entities: Optional[list[tuple[int, int, str]]],
              actors: list[tuple[int, int, str]]) -> tuple[
        list[_Mention], list[_Part], list[tuple[int, int]], list[tuple[int, int]]]:
    """Candidate mentions (wording patterns, entities, capitalised sequences), named parts
    of places, the spans that may not be places (armed actors, institutions) and spaCy's
    PERSON spans."""
    gz = _gazetteer()
    # spaCy's small model calls places people now and then ("Khan Sheikhun", "Mali"), so
    # PERSON spans only block what is not clearly a place of the document (see find_places)
    persons = [(s, e) for s, e, label in (entities or []) if label == "PERSON"]
    blocked = [(s, e) for s, e, _ in actors if text[s:e] not in gz.country_names]
    blocked += [m.span() for m in _NOT_PLACES.finditer(text)]
    blocked += [m.span("name") for m in _ROAD.finditer(text)]
    blocked += [m.span("name") for m in _FACILITY_IN.finditer(text)]
    blocked += [span for m in _FACILITIES_LISTED.finditer(text) for span in (m.span("name"), m.span("other"))
                if not _known_site(text[slice(*span)])]
    blocked += [m.span("name") for m in _PATRON.finditer(text)]
    blocked += [m.span("name") for m in _KIN.finditer(text)]
    blocked += [m.span("name") for m in _KIN_GROUP.finditer(text)]
    blocked += [m.span("name") for m in _ADDRESSEE.finditer(text)]
    # a capitalised run that spaCy partly calls an organisation ("Lockheed Martin") is no
    # place as a whole, and its words are not places either
    orgs = Spans(len(text), [(s, e) for s, e, label in (entities or []) if label == "ORG"])
    out: list[_Mention] = []

    # "Syria's northern province of Aleppo", "the town of X"; "a district of Tripoli" names
    # a part of Tripoli, so the kind only applies after "the"
    for m in _words_before(text):
        word = m.group("word").lower()
        art = (m.group("art") or "").strip().lower()
        kind = _KIND_WORDS.get(word) if art == "the" or m.group("cc") else None
        cc = _country_of(m.group("cc")) if m.group("cc") else next(
            (c for c in map(country_from_adjective, m.group("mods").split()) if c), None)
        s, e = _clean(text, m.start("name"), m.end("name"))
        out.append(_Mention(s, e, kind, True, cc))
    # "Idlib province", "Nuseirat camp", "northern Gaza", capitalised sequences
    for m in _CAP_SEQ.finditer(text):
        parts = _split_possessive(text, m.start(), m.end())
        after = _WORD_AFTER.match(text, m.end())
        for idx, (s, e) in enumerate(parts):
            last = idx == len(parts) - 1
            cc = _country_of(text[parts[idx - 1][0]:parts[idx - 1][1]]) if idx else None
            if last and after:
                word = after.group("word").lower()
                kind = "neighbourhood" if word == "refugee camp" else _KIND_WORDS.get(word)
                if word in ("camp", "refugee camp"):
                    # "Nuseirat camp" is itself a gazetteer name: try it whole first
                    out.append(_Mention(s, after.end(), "neighbourhood", True, cc,
                                        subspans=False))
                out.append(_Mention(s, e, kind, True, cc))
            d = _DIR_BEFORE.search(text, max(0, s - 40), s)
            if d:
                ds = d.start("dir")
                out.append(_Mention(ds, e, None, False, cc, subspans=False))
                out.append(_Mention(ds, e, None, False, cc, subspans=False,
                                    query=f"{_DIRECTIONS[d.group('dir').lower()]} "
                                          f"{text[s:e]}"))
            out.append(_Mention(s, e, None, False, cc, subspans=not _overlaps((s, e), orgs)))
    cased = any(ch.isupper() for ch in text)
    for s, e, label in entities or []:
        if label in ("GPE", "LOC", "FAC", "NORP", "ORG"):
            s, e = _clean(text, s, e)
            if e <= s or (label == "NORP" and country_from_adjective(text[s:e])):
                continue
            if cased and not any(ch.isupper() for ch in text[s:e]):
                continue  # "the metro bomber": in cased text a place is named with a capital
            kind = None
            tail = re.search(r"\s+(\w+)$", text[s:e])
            if tail and tail.group(1).lower() in _ADMIN_WORDS:  # "Macomia district"
                kind = _ADMIN_WORDS[tail.group(1).lower()]
                e = s + tail.start()
            out.append(_Mention(s, e, kind, label != "ORG", subspans=label != "ORG",
                                entity=True))
    # "the Yemeni capital" (not followed by its name, which is found by itself) is the city
    for m in _CAPITAL.finditer(text):
        cc = country_from_adjective(m.group("adj"))
        name = capital_of(cc) if cc else None
        if name:
            out.append(_Mention(m.start("adj"), m.end(), "city", True, cc, subspans=False, query=name))
    # "the Mariupol Drama Theatre", "the Kabul Serena Hotel": spaCy's organisation holds the
    # town the building stands in
    for s, e in orgs:
        town = _TOWN_FACILITY.match(text[s:e])
        if town:
            out.append(_Mention(s + town.start("name"), s + town.end("name"), None, False,
                                subspans=False))
    return out, _parts(text), blocked, persons


_CAPITAL = re.compile(r"\bthe\s+(?P<adj>[A-Z][\w'’-]+)\s+capital\b(?!\s*,?\s*[A-Z])")


def capital_of(cc: str) -> Optional[str]:
    """The name of a country's capital (GeoNames' country information), or None."""
    return geonames_countries().get(cc, {}).get("capital") or None


_TOWN_FACILITY = re.compile(
    r"^(?:[Tt]he\s+)?(?P<name>[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,3}\s+(?:Theatre|Theater|Hotel|"
    r"Hospital|School|Market|Mall|Stadium|Airport|Cinema|Museum|"
    r"Station)$")


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    if isinstance(spans, Spans):
        return spans.overlaps(a)
    return any(a[0] < e and s < a[1] for s, e in spans)


class Spans(list[tuple[int, int]]):
    """A list of (start, end) character spans that answers "does any overlap (a, b)?" from a
    mask of the characters they cover, so that asking it for every mention of a long document
    is linear, not quadratic (issue 10: a 400 KB report spent 40 s here). Empty spans cover
    nothing, so they are kept apart and asked one by one."""

    def __init__(self, size: int, spans: Iterable[tuple[int, int]] = ()):
        super().__init__()
        self._mask = bytearray(size)
        self._empty: list[tuple[int, int]] = []
        self.extend(spans)

    def append(self, span: tuple[int, int]) -> None:
        super().append(span)
        s, e = max(0, span[0]), min(len(self._mask), span[1])
        if e > s:
            self._mask[s:e] = b"\x01" * (e - s)
        else:
            self._empty.append(span)

    def extend(self, spans: Iterable[tuple[int, int]]) -> None:
        for span in spans:
            self.append(span)

    def overlaps(self, a: tuple[int, int]) -> bool:
        lo, hi = max(0, a[0]), min(len(self._mask), a[1])
        return (hi > lo and self._mask.find(1, lo, hi) >= 0) or (bool(self._empty) and any(
            a[0] < e and s < a[1] for s, e in self._empty))


def _subspans(text: str, m: _Mention) -> list[tuple[int, int]]:
    """The mention, then its word sub-spans longest first; none that would cut a feature
    name ("Lake Chad" is not Chad) or pick a word out of an organisation's name."""
    if not m.subspans:
        return [(m.start, m.end)]
    words = [(w.start() + m.start, w.end() + m.start)
             for w in re.finditer(r"\S+", text[m.start:m.end])]
    lowered = [text[s:e].lower().strip(".,;:") for s, e in words]
    if any(w in _FEATURE_WORDS for w in lowered):
        return [(m.start, m.end)]
    if any(w in _ORG_WORDS for w in lowered):
        return [(m.start, m.end)] if m.strong else []
    spans = []
    n = len(words)
    for size in range(n, 0, -1):
        for i in range(0, n - size + 1):
            if size < n and (lowered[i] in _STOP or lowered[i + size - 1] in _STOP):
                continue
            spans.append(_clean(text, words[i][0], words[i + size - 1][1]))
    return spans


def _word_before(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z-]+)\W*$", text[max(0, start - 30):start])
    return m.group(1).lower() if m else ""


def _word_after(text: str, end: int) -> str:
    m = re.match(r"\W*([A-Za-z-]+)", text[end:end + 30])
    return m.group(1).lower() if m else ""
