"""The web app: server-rendered pages (Jinja2, autoescaped) plus one script for the map.

Fully offline: Leaflet and its marker-cluster plugin are served from the installed
``xstatic-leaflet*`` packages' own directories, country outlines from the ``countryinfo``
package's data (Natural Earth-derived), so nothing is copied into the repo and nothing is
fetched from a CDN or a tile server. ``mount(app)`` adds pages, assets and security headers.
"""
from .pages import mount

__all__ = ["mount"]
