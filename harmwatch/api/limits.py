"""Request body size limit, enforced before the app parses anything.

A declared ``Content-Length`` over the limit is refused at once; a body without one (chunked)
is read here up to the limit and replayed to the app, so an oversized stream also gets a 413
problem rather than a parse error.
"""
from __future__ import annotations

import json

MEDIA = b"application/problem+json"


class BodyLimit:
    """ASGI middleware: a body over ``max_body`` bytes gets a 413 problem document."""

    def __init__(self, app, max_body: int):
        self.app, self.max_body = app, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                size = -1
            if size > self.max_body:
                return await self._reject(scope, send)
            return await self.app(scope, receive, send)
        chunks, seen = [], 0
        while True:
            msg = await receive()
            if msg["type"] != "http.request":
                return  # the client went away
            body = msg.get("body", b"")
            seen += len(body)
            if seen > self.max_body:
                return await self._reject(scope, send)
            chunks.append(body)
            if not msg.get("more_body"):
                break
        replay = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def replayed():
            return replay.pop() if replay else await receive()

        await self.app(scope, replayed, send)

    async def _reject(self, scope, send):
        body = json.dumps({
            "type": "about:blank", "title": "Content Too Large", "status": 413,
            "detail": f"the request body is larger than {self.max_body} bytes",
            "instance": scope.get("path"), "invalid_params": [],
        }).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", MEDIA),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
