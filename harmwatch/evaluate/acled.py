"""ACLED-note scoring (``acled-dev.jsonl``): fatalities, sub-event type, date, coordinates.

Conventions (FORMAT.md "ACLED notes"), stated so the figures can be read:

* Fatalities: the largest killed low end over the note's occurred events (a half-open toll
  counts its known end), 0 when none; compared exactly with ACLED's count of all deaths.
  Rows whose gold ``fatalities`` is null (split or default-coded deaths) are not scored.
  ``fatalities_exact_nonzero`` is the same over rows where ACLED counts any death.
* Sub-event type: the first occurred event's type (else the first event's, else
  ``Not a conflict event``), weighted F1 over the gold labels.
* Date: that event's ``date.start`` against ``event_date``.
* Place: that event's coordinates within 5 km of ACLED's point where ACLED coded the town
  itself (``geo_precision`` 1), within 50 km where it coded a nearby area (2); missing
  coordinates are a miss.
"""
from __future__ import annotations

from typing import Any, Optional, Sequence

from harmwatch.models import Event, Extraction

from ..geo import haversine_km
from ._common import align, event_summary, ratio
from .items import EvalItem
from .subtypes import f1_scores, predicted_label

_RADIUS_KM = {1: 5.0, 2: 50.0}


def _first_occurred(ex: Extraction) -> Optional[Event]:
    occurred = [e for e in ex.events if e.status == "occurred"]
    return (occurred or ex.events or [None])[0]


def predicted_fatalities(ex: Extraction) -> int:
    best = 0
    for e in ex.events:
        if e.status != "occurred":
            continue
        low, high = e.toll.killed
        value = low if low is not None else high
        if value is not None:
            best = max(best, value)
    return best


def score(items: Sequence[EvalItem], extractions: Sequence[Extraction]
          ) -> tuple[dict[str, float | int], list[dict]]:
    exs = align(items, extractions)
    fat_n = fat_ok = nz_n = nz_ok = date_n = date_ok = 0
    geo: dict[int, list[int]] = {1: [0, 0], 2: [0, 0]}
    gold_types, pred_types, details = [], [], []
    for item, ex in zip(items, exs):
        g = item.gold
        event = _first_occurred(ex)
        row: dict[str, Any] = {"id": item.id, "event": event_summary(event)}
        if g.get("fatalities") is not None:
            pred = predicted_fatalities(ex)
            ok = pred == int(g["fatalities"])
            fat_n += 1
            fat_ok += ok
            if int(g["fatalities"]) > 0:
                nz_n += 1
                nz_ok += ok
            row.update(fatalities=pred, gold_fatalities=g["fatalities"], fatalities_ok=ok)
        gold_types.append(str(g.get("sub_event_type")))
        pred_types.append(predicted_label(ex))
        row.update(gold_type=gold_types[-1], type=pred_types[-1],
                   type_ok=gold_types[-1] == pred_types[-1])
        if g.get("event_date"):
            date_n += 1
            start = event.date.start if event and event.date else None
            row["date_ok"] = start is not None and start.isoformat() == str(g["event_date"])[:10]
            date_ok += row["date_ok"]
        prec = g.get("geo_precision")
        if prec in _RADIUS_KM and g.get("lat") is not None and g.get("lon") is not None:
            place = event.place if event else None
            km = (haversine_km(place.lat, place.lon, g["lat"], g["lon"])
                  if place and place.lat is not None and place.lon is not None else None)
            ok = km is not None and km <= _RADIUS_KM[prec]
            geo[prec][0] += 1
            geo[prec][1] += ok
            row.update(km=None if km is None else round(km, 1), place_ok=ok,
                       gold_place=[g.get("location"), g.get("admin1"), g.get("country")])
        details.append(row)
    types = f1_scores(gold_types, pred_types)
    figures: dict[str, float | int] = {
        "fatalities_exact": ratio(fat_ok, fat_n), "fatalities_support": fat_n,
        "fatalities_exact_nonzero": ratio(nz_ok, nz_n), "fatalities_nonzero_support": nz_n,
        "subtype_weighted_f1": types["weighted_f1"], "subtype_macro_f1": types["macro_f1"],
        "subtype_accuracy": types["accuracy"],
        "date_exact": ratio(date_ok, date_n), "date_support": date_n,
        "place_within_5km_town": ratio(geo[1][1], geo[1][0]), "place_town_support": geo[1][0],
        "place_within_50km_area": ratio(geo[2][1], geo[2][0]), "place_area_support": geo[2][0],
        "support": len(items),
    }
    return figures, details
