"""Storage: documents, their extractions, incidents and the analyst review log.

SQLite by default (``sqlite:///harmwatch.db`` or ``$HARMWATCH_DB``), any SQLAlchemy URL
(PostgreSQL for teams) otherwise. The schema is managed by Alembic migrations shipped in
``migrations/``; opening a ``Store`` upgrades the database to the latest revision.
"""
from .db import default_url, normalize_url
from .incidents import IncidentQuery
from .review import ReviewAction
from .store import AmbiguousIdError, Store

__all__ = ["AmbiguousIdError", "IncidentQuery", "ReviewAction", "Store", "default_url", "normalize_url"]
