"""A polite HTTP client for feeds and articles (httpx).

Why each piece: news sites throttle or block crawlers that hammer them, so requests to one
host are spaced by a minimum interval and say who they are (User-Agent with a contact URL);
feeds are polled often, so conditional GET (ETag / Last-Modified) turns an unchanged feed into
a 304 with no body; networks fail, so timeouts and 5xx/429 answers are retried with
exponential backoff, and a failure after the last retry is an error for that URL only.
"""
from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Optional
from urllib.parse import urlsplit

import httpx

from .. import __version__

USER_AGENT = (f"harmwatch/{__version__} (civilian-harm monitoring; "
              "+https://github.com/harmwatch/harmwatch)")
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class FetchError(Exception):
    """A URL that could not be fetched after every retry; ``reason`` says why."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason


@dataclass
class Response:
    url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    etag: Optional[str] = None
    last_modified: Optional[str] = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class HostLimiter:
    """At most one request per ``interval`` seconds to each host (thread-safe)."""

    interval: float = 1.0
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _next: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            now = self.clock()
            at = max(now, self._next.get(host, now))
            self._next[host] = at + self.interval
        if at > now:
            self.sleep(at - now)


class Fetcher:
    """GET with timeouts, retries with backoff, conditional headers and a per-host limit."""

    def __init__(self, *, timeout: float = 20.0, retries: int = 3, backoff: float = 1.0,
                 per_host_interval: float = 1.0, user_agent: str = USER_AGENT,
                 max_bytes: int = 20 * 1024 * 1024, transport=None):
        self.retries, self.backoff, self.max_bytes = retries, backoff, max_bytes
        self.limiter = HostLimiter(per_host_interval)
        self.client = httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=True,
                                   headers={"User-Agent": user_agent}, transport=transport)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, *, etag: Optional[str] = None,
            last_modified: Optional[str] = None) -> Response:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        reason = "no attempt"
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1) * (1 + random.random() / 4))
            self.limiter.wait(url)
            try:
                r = self._get(url, headers)
            except httpx.TimeoutException:
                reason = "timed out"
                continue
            except httpx.TransportError as exc:
                reason = f"connection failed: {exc}"
                continue
            if r.status in RETRY_STATUS:
                reason = f"HTTP {r.status}"
                continue
            if r.status >= 400:
                raise FetchError(url, f"HTTP {r.status}")  # 404, 403: retrying will not help
            return r
        raise FetchError(url, f"{reason} (after {self.retries + 1} attempts)")

    def _get(self, url: str, headers: dict) -> Response:
        with self.client.stream("GET", url, headers=headers) as r:
            body = bytearray()
            if r.status_code == 200:
                for chunk in r.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise FetchError(url, f"larger than {self.max_bytes // 2**20} MB")
            return Response(url=str(r.url), status=r.status_code, content=bytes(body),
                            content_type=r.headers.get("content-type", "").split(";")[0]
                            .strip().lower(),
                            etag=r.headers.get("etag"),
                            last_modified=r.headers.get("last-modified"))
