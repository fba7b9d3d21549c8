"""Great-circle distance, the one measure of "nearby" every stage shares."""
import math

EARTH_RADIUS_KM = 6371.0088
SAME_SPOT_KM = 0.5
"""Two differently named neighbourhoods (or sites) are one place only when this close: a
report's two named spots are two events (extract), two reports' are two incidents (reconcile)."""


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))
