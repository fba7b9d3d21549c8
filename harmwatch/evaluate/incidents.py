"""Incident-level scoring (``airwars-dev.jsonl``): one incident per passage, Airwars summary as gold.

Conventions (chosen here, stated so the figures can be read):

* The predicted figure is the incident event's ``toll.civilians_killed`` when it has any
  figure, else ``toll.killed``; injured is ``toll.injured``.
* A half-open range is closed on the known bound: ``[None, 5]`` → ``(5, 5)``, ``[3, None]`` →
  ``(3, 3)`` (the toll already counts "at least N" as N).
* "No figure" is zero, on both sides: a gold ``null–null`` means Airwars reports nobody killed
  (injured), and a prediction with no event or a ``[None, None]`` toll says the same. So gold
  0–0 (or null–null) against no prediction is exact and in range; against any figure it is not
  exact (0 is in range only if 0 is).
* ``*_high_in_range``: the predicted high lies within ``[gold low, gold high]``.
* Date, coordinates and belligerent are scored only on items whose gold has them; missing
  predicted coordinates are a miss.
"""
from __future__ import annotations

import re
from typing import Any, Optional, Sequence

from harmwatch.models import Event, Extraction

from ..geo import haversine_km
from ._common import align, event_summary, fold, incident_event, ratio
from .items import EvalItem

Pair = tuple[Optional[int], Optional[int]]

# Country names, adjectives and common force acronyms → one key, so "Israeli Military" is
# found in actors like "Israel", "IDF" or "Israeli forces" (but not "Syrian military").
_COUNTRY_WORDS: dict[str, str] = {
    **dict.fromkeys(["israel", "israeli", "israelis", "idf", "iaf"], "IL"),
    **dict.fromkeys(["palestine", "palestinian", "palestinians", "hamas"], "PS"),
    **dict.fromkeys(["russia", "russian", "russians"], "RU"),
    **dict.fromkeys(["ukraine", "ukrainian", "ukrainians"], "UA"),
    **dict.fromkeys(["us", "u.s", "usa", "america", "american", "americans"], "US"),
    **dict.fromkeys(["uk", "britain", "british"], "GB"),
    **dict.fromkeys(["france", "french"], "FR"),
    **dict.fromkeys(["syria", "syrian"], "SY"),
    **dict.fromkeys(["iraq", "iraqi"], "IQ"),
    **dict.fromkeys(["iran", "iranian"], "IR"),
    **dict.fromkeys(["turkey", "turkish", "turkiye"], "TR"),
    **dict.fromkeys(["saudi", "saudis"], "SA"),
    **dict.fromkeys(["yemen", "yemeni"], "YE"),
    **dict.fromkeys(["lebanon", "lebanese", "hezbollah"], "LB"),
    **dict.fromkeys(["egypt", "egyptian"], "EG"),
    **dict.fromkeys(["libya", "libyan"], "LY"),
    **dict.fromkeys(["nigeria", "nigerian"], "NG"),
    **dict.fromkeys(["myanmar", "burmese"], "MM"),
    **dict.fromkeys(["afghanistan", "afghan"], "AF"),
    **dict.fromkeys(["pakistan", "pakistani"], "PK"),
    **dict.fromkeys(["india", "indian"], "IN"),
    **dict.fromkeys(["ethiopia", "ethiopian"], "ET"),
    **dict.fromkeys(["somalia", "somali"], "SO"),
    **dict.fromkeys(["sudan", "sudanese"], "SD"),
}


def _countries(text: str) -> set[str]:
    tokens = (t.strip(".") for t in re.findall(r"[a-z.]+", fold(text)))
    return {_COUNTRY_WORDS[t] for t in tokens if t in _COUNTRY_WORDS}


def belligerent_matches(actors: Sequence[str], gold: str) -> bool:
    """An actor contains (or is contained in) the gold name, or shares its country word."""
    g, gc = fold(gold), _countries(gold)
    for actor in actors:
        a = fold(actor)
        if a and g and (a in g or g in a):
            return True
        if gc & _countries(actor):
            return True
    return False


def close_pair(pair: Pair) -> tuple[int, int]:
    """``[None, 5]`` → (5, 5); ``[None, None]`` → (0, 0) ("no figure" is zero)."""
    low, high = pair
    low = high if low is None else low
    high = low if high is None else high
    return (low or 0, high or 0)


def predicted_killed(event: Optional[Event]) -> Pair:
    if event is None:
        return (None, None)
    civ = event.toll.civilians_killed
    return civ if any(v is not None for v in civ) else event.toll.killed


def range_scores(pred: Pair, gold_low: Any, gold_high: Any) -> tuple[bool, bool]:
    """(exact, predicted high within the gold range) after closing both ranges."""
    p, g = close_pair(pred), close_pair((gold_low, gold_high))
    return p == g, g[0] <= p[1] <= g[1]


def score(items: Sequence[EvalItem], extractions: Sequence[Extraction]
          ) -> tuple[dict[str, float | int], list[dict]]:
    exs = align(items, extractions)
    n = len(items)
    counts = dict.fromkeys(["killed_exact", "killed_high_in_range", "injured_exact",
                            "injured_high_in_range", "date_exact", "place_within_5km",
                            "belligerent_found"], 0)
    date_n = coords_n = bell_n = 0
    details = []
    for item, ex in zip(items, exs):
        g, event = item.gold, incident_event(ex)
        row: dict[str, Any] = {"id": item.id, "event": event_summary(event)}
        row["killed_exact"], row["killed_high_in_range"] = range_scores(
            predicted_killed(event), g.get("killed_low"), g.get("killed_high"))
        row["injured_exact"], row["injured_high_in_range"] = range_scores(
            event.toll.injured if event else (None, None),
            g.get("injured_low"), g.get("injured_high"))
        row["gold_killed"] = [g.get("killed_low"), g.get("killed_high")]
        row["gold_injured"] = [g.get("injured_low"), g.get("injured_high")]
        if g.get("event_date"):
            date_n += 1
            start = event.date.start if event and event.date else None
            row["date_exact"] = start is not None and start.isoformat() == g["event_date"][:10]
        if g.get("lat") is not None and g.get("lon") is not None:
            coords_n += 1
            place = event.place if event else None
            row["place_within_5km"] = bool(
                place and place.lat is not None and place.lon is not None
                and haversine_km(place.lat, place.lon, g["lat"], g["lon"]) <= 5.0)
        if g.get("belligerent"):
            bell_n += 1
            row["belligerent_found"] = belligerent_matches(event.actors if event else [],
                                                           g["belligerent"])
        for key in counts:
            counts[key] += bool(row.get(key))
        details.append(row)
    den = {"date_exact": date_n, "place_within_5km": coords_n, "belligerent_found": bell_n}
    figures: dict[str, float | int] = {k: ratio(v, den.get(k, n)) for k, v in counts.items()}
    figures.update(support=n, date_support=date_n, coords_support=coords_n,
                   belligerent_support=bell_n)
    return figures, details
