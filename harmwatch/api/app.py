"""The FastAPI application: API under ``/api/v1``, web app at ``/``, one store."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from fastapi import FastAPI

from ..store import Store
from . import problems, routes_read, routes_write
from .limits import BodyLimit

API = "/api/v1"


@dataclass
class Settings:
    db: Optional[str] = None
    """Database URL or SQLite path (``None``: ``$HARMWATCH_DB``, else ./harmwatch.db)."""
    read_token_required: bool = False
    """Close reads too: every request then needs a token."""
    max_body: int = 2 * 1024 * 1024
    """Largest request body accepted, in bytes (a news article is far smaller)."""
    web: bool = True
    """Serve the web app beside the API."""


def create_app(settings: Optional[Settings] = None, *, store: Optional[Store] = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="harmwatch", version="1",
        description="Sourced, geolocated, reconciled records of civilian harm: documents, "
                    "incidents, the claims behind every figure, and the analyst review log.",
        openapi_url=f"{API}/openapi.json", docs_url=f"{API}/docs", redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store or Store(settings.db)
    problems.install(app)
    app.include_router(routes_read.router, prefix=API)
    app.include_router(routes_write.router, prefix=API)
    if settings.web:
        from ..web import mount

        mount(app)
    app.add_middleware(BodyLimit, max_body=settings.max_body)
    return app
