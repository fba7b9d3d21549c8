"""Errors as RFC 9457 problem details (``application/problem+json``).

Why: a client (the web app, a script) must learn what was wrong and where without parsing
prose, and bad input must never surface as a 500 with a stack trace. Every error path of
the app ends here: our own ``Problem``s, FastAPI's validation errors and HTTP errors, and,
last, anything unexpected (logged, answered with a generic 500 problem, no internals).
"""
from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any, Optional, Union

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("harmwatch.api")


class InvalidParam(BaseModel):
    name: str
    reason: str


class ProblemDetails(BaseModel):
    """RFC 9457 fields, plus ``invalid_params`` (where the input was wrong)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: Optional[str] = None
    instance: Optional[str] = None
    invalid_params: list[InvalidParam] = []


class Problem(Exception):
    """Raise to answer with a problem document."""

    def __init__(self, status: int, detail: str, *, title: Optional[str] = None,
                 type: str = "about:blank", invalid_params: Optional[list[dict]] = None,
                 headers: Optional[dict[str, str]] = None):
        super().__init__(detail)
        self.status, self.detail, self.type = status, detail, type
        self.title = title or HTTPStatus(status).phrase
        self.invalid_params = invalid_params or []
        self.headers = headers


def problem_response(request: Request, status: int, detail: Optional[str], *,
                     title: Optional[str] = None, type: str = "about:blank",
                     invalid_params: Optional[list[dict]] = None,
                     headers: Optional[dict[str, str]] = None) -> JSONResponse:
    body: dict[str, Any] = {
        "type": type, "title": title or HTTPStatus(status).phrase, "status": status,
        "detail": detail, "instance": request.url.path,
        "invalid_params": invalid_params or [],
    }
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _where(loc: tuple) -> str:
    return ".".join(str(x) for x in loc)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into a problem document."""

    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem):
        return problem_response(request, exc.status, exc.detail, title=exc.title, type=exc.type,
                                invalid_params=exc.invalid_params, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        params = [{"name": _where(e.get("loc", ())), "reason": str(e.get("msg", "invalid"))}
                  for e in exc.errors()]
        where = ", ".join(p["name"] for p in params) or "the request"
        return problem_response(request, 422, f"invalid input in {where}",
                                title="Invalid request", invalid_params=params)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return problem_response(request, exc.status_code, detail,
                                headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return problem_response(request, 500, "an unexpected error occurred; it has been logged")


ERRORS: dict[Union[int, str], dict[str, Any]] = {
    code: {"model": ProblemDetails, "content": {MEDIA_TYPE: {}}}
    for code in (400, 401, 403, 404, 409, 413, 422)
}
"""OpenAPI ``responses=`` for routes: every error is a problem document."""
