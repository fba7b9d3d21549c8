"""Where the web app's third-party files come from: installed, versioned packages."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import xstatic.pkg.leaflet as leaflet
import xstatic.pkg.leaflet_markercluster as markercluster

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
VENDOR = {
    "leaflet": Path(leaflet.BASE_DIR),
    "markercluster": Path(markercluster.BASE_DIR),
}
VERSIONS = {"leaflet": leaflet.VERSION, "markercluster": markercluster.VERSION}


def _countryinfo_dir() -> Path:
    import countryinfo

    return Path(countryinfo.__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def countries_geojson() -> bytes:
    """Every country outline in ``countryinfo``'s data as one FeatureCollection (built once).

    Empty (and the map shows no outlines) if the package has no shapes: never a fetch.
    """
    features = []
    folder = _countryinfo_dir()
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        shape = data.get("geoJSON") or {}
        for f in shape.get("features") or []:
            geom = f.get("geometry")
            if geom and geom.get("type") in ("Polygon", "MultiPolygon"):
                features.append({"type": "Feature", "geometry": geom,
                                 "properties": {"name": data.get("name")}})
    return json.dumps({"type": "FeatureCollection", "features": features},
                      separators=(",", ":")).encode()
