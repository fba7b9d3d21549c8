"""Which reader a file needs: by extension first, by its first tag when the name says nothing."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}
_PREAMBLE = re.compile(r"^(?:\s+|<\?xml[^>]*\?>|<!--.*?-->)*", re.S)
_HTML = re.compile(r"<(?:!doctype\s+html|html)[\s>]", re.I)
_FEED = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]", re.I)


def by_extension(path: Path) -> Optional[str]:
    """``text``, ``markdown``, ``html``, ``feed``, ``jsonl``, or ``None`` for an unknown suffix."""
    return EXTENSIONS.get(path.suffix.lower())


def sniff(text: str) -> Optional[str]:
    """``html`` or ``feed`` from the first tag after any XML declaration and comments."""
    head = text[:4096]
    start = _PREAMBLE.match(head)
    rest = head[start.end():] if start else head
    if _HTML.match(rest):
        return "html"
    if _FEED.match(rest):
        return "feed"
    return None
