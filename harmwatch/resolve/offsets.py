"""A place given as a distance and bearing from a known one: "near the village of Bagdad,
about 15 km south-east of Jowhar", "a farm 30 kilometres north of Mosul".

Assessments and event notes pin villages the gazetteer lacks to a town it knows. The town
named after "N km <direction> of" is a reference, not where the strike was: the place is the
point that far from it. A village named just before the offset whose gazetteer reading lies
far from that point is a homonym (a Bagdad in Arizona, a Dārayyā near Damascus) and is
dropped; one that lies near it is kept, being finer than the estimate.
"""
from __future__ import annotations

import math
import re
from typing import Optional

from harmwatch.geo import haversine_km
from harmwatch.resolve.dates import NUMBER_WORDS, word_number
from harmwatch.models import Place

_BEARINGS = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180,
             "southwest": 225, "west": 270, "northwest": 315}
_DIRECTION = r"(?:north|south)(?:[- ]?(?:east|west))?|east|west"
_OFFSET = re.compile(
    rf"(?:(?:about|around|some|roughly|approximately|nearly|almost|just|over|less\s+than|"
    rf"more\s+than)\s+)?(?<![-\w.,])(?P<n>\d+(?:\.\d+)?|{NUMBER_WORDS})\s*-?\s*"
    r"(?P<unit>km|kms|kilomet(?:re|er)s?|miles?)\s+(?:\([^)]{1,20}\)\s+)?"
    rf"(?:to\s+the\s+)?(?P<dir>{_DIRECTION})\s+of\s+(?:the\s+)?"
    r"(?:(?:city|town|village|capital|district|provincial\s+capital)\s+of\s+)?$", re.I)
_BEFORE = 90
"""Characters before a place within which its offset phrase must end."""
_HEAD = re.compile(r"^\s*,?\s*(?:(?:which\s+(?:is|lies)|located|situated|lying)\s+)?$", re.I)
"""What may join a village to its offset: "Bagdad, about 15 km ...", "Bagdad, which lies ..."."""
_SLACK_KM = 10.0


def _destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    b = math.radians(bearing)
    dlat = km * math.cos(b) / 111.2
    dlon = km * math.sin(b) / (111.2 * max(0.01, math.cos(math.radians(lat))))
    return round(lat + dlat, 4), round(lon + dlon, 4)


def _offset_of(text: str, p: Place) -> Optional[tuple[int, float, float]]:
    """(start of the phrase, km, bearing) when ``p`` is named as an offset's reference."""
    if p.span is None or p.lat is None or p.lon is None:
        return None
    m = _OFFSET.search(text[max(0, p.span[0] - _BEFORE):p.span[0]])
    if m is None:
        return None
    km = float(word_number(m["n"]))  # "a few" or "several" km give no distance, so no offset
    if m["unit"].lower().startswith("mi"):
        km *= 1.609
    bearing = _BEARINGS[re.sub(r"[- ]", "", m["dir"].lower())]
    return max(0, p.span[0] - _BEFORE) + m.start(), km, bearing


def apply_offsets(text: str, places: list[Place]) -> list[Place]:
    """``places`` with each offset's reference replaced by the point it gives, and a homonym
    named just before it dropped."""
    out: list[Optional[Place]] = list(places)
    for i, p in enumerate(places):
        got = _offset_of(text, p)
        if got is None or p.span is None or p.lat is None or p.lon is None:
            continue
        start, km, bearing = got
        lat, lon = _destination(p.lat, p.lon, bearing, km)
        out[i] = p.model_copy(update={
            "name": text[start:p.span[1]], "lat": lat, "lon": lon, "geonameid": None,
            "span": (start, p.span[1]), "precision": "city" if p.precision in (
                "point", "neighbourhood", "city") else p.precision})
        for j, head in enumerate(places[:i]):
            if head.span is None or not _HEAD.match(text[head.span[1]:start]):
                continue
            far = head.lat is None or head.lon is None or head.country != p.country or \
                haversine_km(head.lat, head.lon, lat, lon) > km + _SLACK_KM
            if far:
                out[j] = None
    return [p for p in out if p is not None]
