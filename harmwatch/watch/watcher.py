"""Poll RSS/Atom feeds, fetch each new article, extract its text, ingest it.

Why the state file: a watcher runs for months; it must remember each feed's ETag and
Last-Modified (so an unchanged feed costs a 304) and which article links it has already
stored, across restarts, without a schema change. It is JSON beside the database, written
atomically (temp file + rename). A feed that fails is reported, backed off (doubling, capped)
and retried on a later poll; the other feeds go on. An article that times out is retried on
the next poll; one that is not a web page or text is reported once and not fetched again.
"""
from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional
from xml.etree import ElementTree

from ..ingest import read_bytes
from ..models import Document, IngestError
from ..pipeline import IngestReport, ingest_documents
from .http import Fetcher, FetchError

ARTICLE_TYPES = {"text/html": "article.html", "application/xhtml+xml": "article.html",
                 "text/plain": "article.txt"}
"""Content types read as articles, and the file name that picks their reader."""
MAX_SEEN_PER_FEED = 5000
MAX_BACKOFF = 6 * 3600.0


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs from a text file (one per line, ``#`` comments) or an OPML file."""
    data = Path(path).read_bytes()
    head = data.lstrip()[:200].lower()
    if path.suffix.lower() == ".opml" or head.startswith(b"<?xml") or b"<opml" in head:
        root = ElementTree.fromstring(data)
        return list(dict.fromkeys(u for o in root.iter("outline") if (u := o.get("xmlUrl"))))
    urls = []
    for line in data.decode("utf-8", "replace").splitlines():
        line = re.sub(r"(^|\s)#.*$", "", line).strip()  # a comment, not a URL's #fragment
        if line:
            urls.append(line)
    return list(dict.fromkeys(urls))


@dataclass
class PollReport:
    feeds_changed: int = 0
    feeds_not_modified: int = 0
    feeds_waiting: int = 0
    """Failed earlier and not due for a retry yet."""
    feed_errors: list[tuple[str, str]] = field(default_factory=list)
    articles: int = 0
    article_errors: list[tuple[str, str]] = field(default_factory=list)
    ingest: IngestReport = field(default_factory=IngestReport)


class State:
    """Per-feed validators, failures and seen article links, kept in a JSON file."""

    def __init__(self, path: Optional[Path]):
        self.path = Path(path) if path else None
        self.data: dict = {"feeds": {}}
        if self.path and self.path.exists():
            try:
                self.data = json.loads(self.path.read_text(encoding="utf-8"))
            except ValueError:
                pass  # a corrupt state only costs re-fetching: the store skips stored texts
        self.data.setdefault("feeds", {})

    def feed(self, url: str) -> dict:
        return self.data["feeds"].setdefault(url, {"seen": []})

    def save(self) -> None:
        if not self.path:
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(self.data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.path)


class Watcher:
    def __init__(self, feeds: list[str], store, *, fetcher: Optional[Fetcher] = None,
                 state_path: Optional[Path] = None, retry_after: float = 900.0,
                 clock: Callable[[], float] = time.time,
                 log: Callable[[str], None] = lambda message: None):
        self.feeds, self.store, self.log, self.clock = feeds, store, log, clock
        self.fetcher = fetcher or Fetcher()
        self.state = State(state_path)
        self.retry_after = retry_after

    def poll(self) -> PollReport:
        """One pass over every feed that is due; new articles are ingested, then reconciled."""
        report = PollReport()
        docs: list[Document] = []
        pending: list[tuple[dict, str]] = []
        for url in self.feeds:
            st = self.state.feed(url)
            if st.get("retry_at", 0) > self.clock():
                report.feeds_waiting += 1
                continue
            try:
                entries = self._feed(url, st, report)
            except FetchError as exc:
                self._failed(url, st, exc.reason, report)
                continue
            except Exception as exc:  # a parser bug on one feed must not stop the others
                self._failed(url, st, f"{type(exc).__name__}: {exc}", report)
                continue
            st.pop("retry_at", None)
            st["failures"] = 0
            seen = set(st["seen"])
            for link, entry in entries:
                if link in seen:
                    continue
                found = self._article(link, entry, report)
                if found is None:
                    continue  # retry on the next poll
                docs.extend(found)
                pending.append((st, link))
        if docs:
            report.ingest = ingest_documents(docs, self.store)
        for st, link in pending:  # only now: a crash before storing re-fetches next time
            st["seen"] = (st["seen"] + [link])[-MAX_SEEN_PER_FEED:]
        self.state.save()
        return report

    def _failed(self, url: str, st: dict, reason: str, report: PollReport) -> None:
        st["failures"] = st.get("failures", 0) + 1
        st["last_error"] = reason
        delay = min(self.retry_after * 2 ** (st["failures"] - 1), MAX_BACKOFF)
        st["retry_at"] = self.clock() + delay
        report.feed_errors.append((url, reason))
        self.log(f"feed failed: {url}: {reason} (retry in {delay:.0f} s)")

    def _feed(self, url: str, st: dict, report: PollReport) -> list[tuple[str, object]]:
        import feedparser

        r = self.fetcher.get(url, etag=st.get("etag"), last_modified=st.get("last_modified"))
        if r.not_modified:
            report.feeds_not_modified += 1
            return []
        parsed = feedparser.parse(r.content)
        if parsed.bozo and not parsed.entries:
            raise FetchError(url, f"not a feed: {parsed.get('bozo_exception')}")
        st["etag"], st["last_modified"] = r.etag, r.last_modified
        report.feeds_changed += 1
        st["title"] = parsed.feed.get("title")
        return [(e.get("link"), e) for e in parsed.entries if e.get("link")]

    def _article(self, link: str, entry, report: PollReport) -> Optional[list[Document]]:
        """The article's documents; ``[]`` for a permanent failure, ``None`` to retry later."""
        try:
            r = self.fetcher.get(link)
        except FetchError as exc:
            report.article_errors.append((link, exc.reason))
            self.log(f"article failed: {link}: {exc.reason}")
            permanent = exc.reason.startswith("HTTP 4") or "larger than" in exc.reason
            return [] if permanent else None
        name = ARTICLE_TYPES.get(r.content_type)
        if name is None:
            reason = f"not an article (content type {r.content_type or 'unknown'})"
            report.article_errors.append((link, reason))
            self.log(f"article skipped: {link}: {reason}")
            return []
        report.articles += 1
        out = []
        for item in read_bytes(r.content, name, where=link):
            if isinstance(item, IngestError):
                report.article_errors.append((link, item.reason))
                continue
            out.append(_with_entry_meta(item, link, entry))
        return out


def _with_entry_meta(doc: Document, link: str, entry) -> Document:
    """What the page did not say, the feed entry may: its URL, date and publisher."""
    from ..ingest.dates import parse_date

    update: dict[str, object] = {"url": doc.url or link}
    if doc.published is None:
        update["published"] = parse_date(entry.get("published") or entry.get("updated"))
    return doc.model_copy(update={k: v for k, v in update.items() if v is not None})


def parse_every(value: str) -> float:
    """``"15m"``, ``"30s"``, ``"2h"`` or plain seconds → seconds."""
    value = value.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    if value and value[-1] in units:
        return float(value[:-1]) * units[value[-1]]
    return float(value)


def run(watcher: Watcher, every: float, once: bool,
        sleep: Callable[[float], None] = time.sleep) -> PollReport:
    while True:
        report = watcher.poll()
        if once:
            return report
        sleep(every)
