"""HTML pages and static assets of the web app, mounted on the API's FastAPI app."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..reconcile.models import Incident
from ..reconcile.review import CORRECTABLE
from . import render
from .assets import STATIC, TEMPLATES, VENDOR, VERSIONS, countries_geojson

templates = Jinja2Templates(directory=str(TEMPLATES))  # autoescape on for .html
templates.env.tests["http_url"] = lambda u: isinstance(u, str) and u.lower().startswith(
    ("http://", "https://"))  # a javascript: URL from an article never becomes a link
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")
"""Defence in depth only: pages are safe because every text is escaped, not because of this."""


def _page(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
    ctx |= {"grade_mark": render.GRADE_MARK, "versions": VERSIONS}
    return templates.TemplateResponse(request, name, ctx, status_code=status)


def _not_found(request: Request, what: str) -> HTMLResponse:
    return _page(request, "missing.html", status=404, what=what)


def _closed(request: Request) -> bool:
    """Server-rendered pages cannot carry a bearer token: with reads closed they show none."""
    return request.app.state.settings.read_token_required


def mount(app: FastAPI) -> None:
    for name, folder in VENDOR.items():
        app.mount(f"/static/vendor/{name}", StaticFiles(directory=str(folder)), name=name)
    app.mount("/static/app", StaticFiles(directory=str(STATIC)), name="app-static")

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        resp = await call_next(request)
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        return resp

    @app.get("/static/basemap/countries.geojson", include_in_schema=False)
    def _countries():
        return Response(countries_geojson(), media_type="application/geo+json",
                        headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request):
        return _page(request, "map.html")

    @app.get("/signin", response_class=HTMLResponse, include_in_schema=False)
    def signin(request: Request):
        return _page(request, "signin.html")

    @app.get("/incidents/{incident_id}", response_class=HTMLResponse, include_in_schema=False)
    def incident_page(request: Request, incident_id: str):
        from ..api.review import trail

        if _closed(request):
            return _page(request, "closed.html", status=401)
        store = request.app.state.store
        row = store.get_incident(incident_id)
        if row is None:
            return _not_found(request, f"incident {incident_id}")
        inc = Incident.from_row(row)
        return _page(request, "incident.html", inc=inc, figures=render.figure_rows(inc),
                     sources=render.sources(inc), chart=render.toll_chart(inc),
                     audit=list(reversed(trail(store, inc))), correctable=CORRECTABLE,
                     grades=list(render.GRADE_MARK))

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str):
        if _closed(request):
            return _page(request, "closed.html", status=401)
        store = request.app.state.store
        doc = store.get_document(doc_id)
        if doc is None:
            return _not_found(request, f"document {doc_id}")
        claims = store.claims_for_document(doc_id)
        segments = render.document_segments(doc.text, [(c.span[0], c.span[1], c.id)
                                                        for c in claims])
        return _page(request, "document.html", doc=doc, claims=claims, segments=segments)
