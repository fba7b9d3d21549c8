"""Saved web pages: the article's text and metadata, without navigation, ads or footers.

trafilatura does the main-content extraction and reads title, author, date and site name;
the page's own ``article:published_time`` wins over any date it infers, and its automatic date
search in the page text is turned off (a "Copyright 2019" line is not a publication date).
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Optional

from ..models import Document, IngestError
from .dates import parse_date
from .decode import ReadError, check_length, decode_bytes
from .htmltext import parse_html, tree_to_text
from .markdown import Block
from .text import drop_footer, join_broken

_PUBLISHED_META = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@name='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
)
_HTTP = re.compile(r"^https?://\S+$")
_WS = re.compile(r"\s+")


def read_html(path: str, data: bytes) -> list[Document | IngestError]:
    """A ``.html`` page: one document."""
    markup = decode_bytes(data)
    tree = parse_html(markup)
    if tree is None:
        raise ReadError("no article text found in HTML")
    published = _meta_published(tree)
    extracted = _trafilatura(copy.deepcopy(tree))
    meta = {
        "title": _clean(getattr(extracted, "title", None)),
        "author": _clean(getattr(extracted, "author", None)),
        "publisher": _clean(getattr(extracted, "sitename", None)),
        "url": _url(getattr(extracted, "url", None)),
        "published": published or parse_date(getattr(extracted, "date", None)),
    }
    text = getattr(extracted, "text", None) or ""
    paragraphs = [p for p in map(_line, text.split("\n")) if p]
    if not paragraphs:
        fallback = tree_to_text(tree, drop_boilerplate=True)
        paragraphs = [p for p in fallback.split("\n\n") if p.strip()]
    if paragraphs and meta["title"] and _same(paragraphs[0], meta["title"]):
        paragraphs = paragraphs[1:]  # the headline is metadata, as in Markdown
    if not paragraphs:
        raise ReadError("no article text found in HTML")
    blocks = join_broken(drop_footer([Block(text=p, raw=p) for p in paragraphs]))
    body = "\n\n".join(b.text for b in blocks)
    reason = check_length(body)
    if reason:
        raise ReadError(reason)
    return [Document.from_text(body, source_path=path, format="html", **meta)]


def _line(line: str) -> str:
    """One line of trafilatura's text output, without the pipes it draws around table rows."""
    line = line.strip()
    if len(line) > 1 and line.startswith("|") and line.endswith("|"):
        line = line[1:-1].strip()
    return line


def _trafilatura(tree):
    """trafilatura's result object, or ``None`` when it finds nothing (or fails)."""
    import trafilatura
    from trafilatura.settings import set_date_params

    try:
        return trafilatura.bare_extraction(
            tree,
            include_comments=False,
            favor_precision=True,
            include_tables=True,
            with_metadata=True,
            date_extraction_params=set_date_params(False),
        )
    except Exception:  # a third-party parser on hostile input: fall back to plain lxml text
        return None


def _meta_published(tree) -> Optional[dt.date]:
    for xpath in _PUBLISHED_META:
        for value in tree.xpath(xpath):
            date = parse_date(str(value))
            if date:
                return date
    return None


def _clean(value: Optional[str]) -> Optional[str]:
    value = _WS.sub(" ", value).strip() if isinstance(value, str) else None
    return value or None


def _url(value: Optional[str]) -> Optional[str]:
    value = _clean(value)
    return value if value and _HTTP.match(value) else None


def _same(a: str, b: str) -> bool:
    return _WS.sub(" ", a).strip().casefold() == _WS.sub(" ", b).strip().casefold()
