"""Resolve stage: place names, date expressions and actor names → canonical, sourced values.

Pure functions over offline data (installed gazetteer packages and small hand-written tables
in ``harmwatch/data``); the gazetteer is built lazily on first use and cached.
"""
from harmwatch.resolve.actors import actor_from_adjective, canonical_actor, find_actors
from harmwatch.resolve.dates import find_dates, resolve_date
from harmwatch.resolve.places import country_from_adjective, find_places, resolve_place

__all__ = [
    "actor_from_adjective", "canonical_actor", "country_from_adjective", "find_actors",
    "find_dates", "find_places", "resolve_date", "resolve_place",
]
