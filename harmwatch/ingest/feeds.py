"""RSS and Atom feeds saved to disk: one document per entry.

feedparser is only ever given the file's bytes (wrapped in a stream), never a string, so it
cannot mistake its input for a URL or a path and fetch anything.
"""
from __future__ import annotations

import io
import re
from typing import Optional

from ..models import Document, IngestError
from .dates import parse_date
from .decode import DecodeError, ReadError, check_length, decode_bytes, normalise
from .htmltext import html_to_text
from .markdown import Block
from .text import drop_footer, join_broken

_HTTP = re.compile(r"^https?://\S+$")
_WS = re.compile(r"\s+")
_SAX_POSITION = re.compile(r"^<unknown>:(\d+):(\d+):\s*(.*)$", re.S)


def read_feed(path: str, data: bytes) -> list[Document | IngestError]:
    """Every entry of an RSS/Atom file, in file order; a bad entry is an error for that entry."""
    decode_bytes(data)  # same binary/encoding verdict as every other format
    import feedparser

    try:
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # feedparser is lenient, but it is third-party code on hostile input
        raise ReadError(f"feed could not be parsed: {type(exc).__name__}: {exc}")
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            raise ReadError(f"feed could not be parsed: {_describe(parsed.get('bozo_exception'))}")
        if not parsed.get("version"):
            raise ReadError("not an RSS or Atom feed")
        raise ReadError("feed has no entries")
    publisher = _clean((parsed.get("feed") or {}).get("title"))
    out: list[Document | IngestError] = []
    for n, entry in enumerate(entries, start=1):
        where = f"{path}#{n}"
        try:
            out.append(_entry(entry, where, publisher))
        except ReadError as exc:
            out.append(IngestError(path=where, reason=str(exc)))
    return out


def _describe(exc) -> str:
    """feedparser's reason without the SAX ``<unknown>:2:22:`` prefix (the file is known)."""
    text = str(exc)
    m = _SAX_POSITION.match(text)
    return f"{m.group(3)} (line {m.group(1)}, column {m.group(2)})" if m else text


def _entry(entry, where: str, publisher: Optional[str]) -> Document:
    text = _entry_text(entry)
    reason = check_length(text)
    if reason:
        raise ReadError("feed entry has no text" if reason == "empty document" else reason)
    return Document.from_text(
        text,
        title=_clean(entry.get("title")),
        author=_clean(entry.get("author")),
        publisher=publisher,
        published=_published(entry),
        url=_url(entry.get("link")),
        source_path=where,
        format="rss",
    )


def _entry_text(entry) -> str:
    """The fullest body the entry has: ``content`` (HTML or plain), else ``summary``."""
    candidates = [c for c in entry.get("content") or [] if isinstance(c, dict)]
    candidates.append({"value": entry.get("summary"), "type": (entry.get("summary_detail") or {}).get("type")})
    for item in candidates:
        value = item.get("value")
        if not isinstance(value, str) or not value.strip():
            continue
        try:
            value = normalise(value)
        except DecodeError as exc:
            raise ReadError(str(exc))
        text = value.strip() if item.get("type") == "text/plain" else html_to_text(value)
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        blocks = join_broken(drop_footer([Block(text=p, raw=p) for p in paragraphs]))
        text = "\n\n".join(b.text for b in blocks)
        if text:
            return text
    return ""


def _published(entry):
    """The publisher's own calendar day when the raw date string has it, else feedparser's (UTC)."""
    # dict.get: FeedParserDict.get would map a missing "published" to "updated" with a warning
    for key in ("published", "updated", "created", "published_parsed", "updated_parsed", "created_parsed"):
        date = parse_date(dict.get(entry, key))
        if date:
            return date
    return None


def _clean(value) -> Optional[str]:
    value = _WS.sub(" ", normalise(value)).strip() if isinstance(value, str) else None
    return value or None


def _url(value) -> Optional[str]:
    value = _clean(value)
    return value if value and _HTTP.match(value) else None
