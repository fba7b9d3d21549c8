"""Title, byline, dateline and similar metadata lines at the top of a text or Markdown report.

Saved articles usually start with a headline, an author and a date before the body
(``# Title`` / ``**Author**`` / ``**22 July 2016**``, or ``Published: 2016-07-22``). They are
document metadata, not prose: leaving them in the body would make "22 July 2016" look like an
event date. Anything not clearly metadata stops the header and stays in the body.
"""
from __future__ import annotations

import re
from typing import Optional

from .dates import parse_date
from .markdown import heading_text, strip_inline

_MAX_HEADER_LINES = 12
_KEYS = {
    "title": "title", "headline": "title",
    "by": "author", "author": "author", "authors": "author", "byline": "author",
    "published": "published", "date": "published", "dateline": "published",
    "source": "publisher", "publisher": "publisher",
    "url": "url", "link": "url",
}
_KEY_VALUE = re.compile(
    r"^[*_]{0,2}(" + "|".join(_KEYS) + r")[*_]{0,2}[ \t]*:[ \t]*(.*)$", re.I
)
_BOLD = re.compile(r"^([*_]{1,2})(?=\S)(.+?)(?<=\S)\1$")
_BY = re.compile(r"^by[\s:]+(.+)$", re.I)
_ATX = re.compile(r"^#{1,6}\s")
_SETEXT_H1 = re.compile(r"^=+$")
_URL = re.compile(r"https?://[^\s)\]>\"']+")
_NAME_WORD = re.compile(r"^(?:[A-Z][a-zà-ÿ'’.-]*(?:[-'’][A-Za-zà-ÿ]+)*|[A-Z]\.)$")
_PARTICLES = {"al", "el", "bin", "ibn", "de", "del", "da", "di", "du", "le", "la", "van", "von", "der", "den", "ter", "abu"}
_NOT_NAMES = {
    "News", "Breaking", "Update", "Updated", "Live", "Report", "Reports", "Analysis", "Opinion",
    "Editorial", "Exclusive", "World", "Middle", "East", "Africa", "Europe", "Asia", "Americas",
    "Latest", "Photos", "Video", "Watch", "Read", "More", "Home", "Menu", "The", "In", "On",
}
_CREDIT = re.compile(r"^[A-Z][\w'’.-]*(?:[ ,&/|]+[\w'’.-]+){0,7}$")
"""A short credit line: up to eight words, capitalised, no sentence punctuation or digits."""
_SPLIT_AUTHORS = re.compile(r"\s*(?:,\s*and\s+|,|\band\b|&)\s*")


def looks_like_name(s: str) -> bool:
    """2–4 capitalised words, no digits (``Thomas Gaist``, ``Amira al-Hassan``), or several such."""
    parts = [p for p in _SPLIT_AUTHORS.split(s.strip()) if p]
    return bool(parts) and len(parts) <= 4 and all(_one_name(p) for p in parts)


def _one_name(s: str) -> bool:
    words = s.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in s) or not words[0][:1].isupper():
        return False
    core = [w for w in words if w.lower() not in _PARTICLES and not w.lower().startswith(("al-", "el-"))]
    if not 1 <= len(core) <= 4 or all(w.isupper() and len(w) > 2 for w in core):
        return False  # too long, or shouting ("BREAKING NEWS")
    return all(_NAME_WORD.match(w) and w not in _NOT_NAMES for w in core)


def split_header(lines: list[str], *, markdown: bool) -> tuple[dict, list[str]]:
    """Read metadata lines off the top of ``lines``: ``(meta, body_lines)``.

    ``meta`` may hold title, author, publisher, published (a date) and url.
    """
    meta: dict = {}
    i = _skip_blank(lines, 0)
    i = _front_matter(lines, i, meta)
    seen = 0
    while i < len(lines) and seen < _MAX_HEADER_LINES:
        line = lines[i].strip().rstrip("\\").strip()
        if not line:
            i += 1
            continue
        step = _header_line(lines, i, line, meta, markdown=markdown, first=seen == 0)
        if not step:
            break
        i += step
        seen += 1
    return meta, lines[i:]


def _header_line(lines: list[str], i: int, line: str, meta: dict, *, markdown: bool, first: bool) -> int:
    """How many lines the metadata item at ``i`` takes (0: it is body, stop)."""
    if markdown and first:
        if _ATX.match(line):
            title = strip_inline(heading_text(line)).strip()
            if title:
                meta["title"] = title
            return 1 if title else 0
        if i + 1 < len(lines) and _SETEXT_H1.match(lines[i + 1].strip()):
            meta["title"] = strip_inline(line).strip()
            return 2
    kv = _KEY_VALUE.match(line)
    if kv and _kv_value(kv):
        _set(meta, _KEYS[kv.group(1).lower()], _kv_value(kv))
        return 1
    if markdown:
        bold = _BOLD.match(line)
        if bold:
            return 1 if _classify(strip_inline(bold.group(2)).strip(), meta) else 0
    by = _BY.match(line)
    if by and len(line) <= 100:
        author = _byline(strip_inline(by.group(1)), credit=True)
        if author:
            meta.setdefault("author", author)
            return 1
        return 0
    if "published" not in meta and len(line) <= 40 and parse_date(strip_inline(line)):
        meta["published"] = parse_date(strip_inline(line))
        return 1
    if not markdown and first and _headline(lines, i, line):
        meta["title"] = line
        return 1
    return 0


def _classify(inner: str, meta: dict) -> bool:
    """A bold header line: a date, a byline or a name. False if it is none of these."""
    if "published" not in meta:
        date = parse_date(inner)
        if date:
            meta["published"] = date
            return True
    by = _BY.match(inner)
    author = _byline(by.group(1), credit=True) if by else (inner if looks_like_name(inner) else None)
    if "author" not in meta and author:
        meta["author"] = author
        return True
    kv = _KEY_VALUE.match(inner)
    if kv and _kv_value(kv):
        _set(meta, _KEYS[kv.group(1).lower()], _kv_value(kv))
        return True
    return False


def _kv_value(match: re.Match) -> str:
    """The value of a ``Key: value`` line without the bold markers around it."""
    return match.group(2).strip().strip("*_").strip()


def _byline(value: str, *, credit: bool = False) -> Optional[str]:
    """The author in "Jane Doe", "Jane Doe, Reuters" or "Jane Doe | Staff"; ``None`` if no name.

    With ``credit`` (the line said "By ..."), a desk credit with no person's name counts too
    ("By Staff, Agencies", "By Our Correspondent"): the "By" already marks it a byline, and
    refusing it would end the header and leave the date line below it in the body.
    """
    value = value.strip()
    if looks_like_name(value):
        return value
    lead = re.split(r"\s*[,|;(]\s*|\s+[-–—]\s+", value, maxsplit=1)[0].strip()
    if looks_like_name(lead):
        return lead
    return value if credit and _CREDIT.match(value) and not any(c.isdigit() for c in value) else None


def _headline(lines: list[str], i: int, line: str) -> bool:
    """A plain-text first line is a title when short, unpunctuated, set apart, with a body after."""
    if len(line) > 200 or line.endswith((".", ":", ",", ";")):
        return False
    nxt = i + 1
    if nxt >= len(lines) or lines[nxt].strip():
        return False  # no blank line after it: it is the start of a paragraph
    return any(l.strip() for l in lines[nxt:])


def _set(meta: dict, field: str, value: str) -> None:
    if field in meta:
        return
    if field == "url":
        url = _URL.search(value)
        if url:
            meta["url"] = url.group(0)
        return
    value = strip_inline(value).strip()
    if field == "published":
        date = parse_date(value)
        if date:
            meta["published"] = date
    elif value:
        meta[field] = value


def _skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _front_matter(lines: list[str], i: int, meta: dict) -> int:
    """A YAML-style ``---`` block of ``key: value`` lines; unknown keys are ignored."""
    if i >= len(lines) or lines[i].strip() != "---":
        return i
    for j in range(i + 1, min(len(lines), i + 60)):
        if lines[j].strip() in ("---", "..."):
            for line in lines[i + 1:j]:
                key, sep, value = line.partition(":")
                field = _KEYS.get(key.strip().lower())
                if sep and field and value.strip():
                    _set(meta, field, value.strip().strip("\"'"))
            return _skip_blank(lines, j + 1)
    return i
