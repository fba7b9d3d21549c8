"""HTML markup to paragraphs of plain text with lxml.

Used for feed entries (already the article, so no boilerplate removal is wanted) and as the
fallback when trafilatura finds no main text in a page. Block elements become paragraph
breaks, ``<br>`` a line break, and the source's own line wrapping becomes spaces.
"""
from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

_SKIP = ("script", "style", "noscript", "template", "head", "iframe", "object", "svg", "math")
_BOILERPLATE = ("nav", "header", "footer", "aside", "form", "button", "select")
_BLOCK = frozenset(
    "address article blockquote dd details dialog div dl dt fieldset figcaption figure h1 h2 h3 h4 "
    "h5 h6 hr li main ol p pre section table tbody thead tfoot tr td th ul body html".split()
)
_PARA, _LINE = "\ue000", "\ue001"  # private-use sentinels, removed from input first
_SPACE = re.compile(r"\s+")


def parse_html(markup: str) -> etree._Element | None:
    """A tolerant lxml parse of a page or fragment; ``None`` when there is nothing to parse.

    The markup is handed over as UTF-8 bytes so that an ``<?xml encoding=...?>`` declaration
    in it can neither break nor mislead the parser.
    """
    if not markup.strip():
        return None
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        return lxml_html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def html_to_text(markup: str, *, drop_boilerplate: bool = False) -> str:
    """Visible text of ``markup`` as paragraphs separated by blank lines."""
    root = parse_html(markup)
    if root is None:
        return ""
    return tree_to_text(root, drop_boilerplate=drop_boilerplate)


def tree_to_text(root: etree._Element, *, drop_boilerplate: bool = False) -> str:
    """Visible text of a parsed tree (which is modified: skipped elements are removed)."""
    etree.strip_elements(root, *_SKIP, with_tail=False)
    if drop_boilerplate:
        etree.strip_elements(root, *_BOILERPLATE, with_tail=False)
    out: list[str] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCK:
                out.append(_PARA)
            elif tag == "br":
                out.append(_LINE)
            if el.text and isinstance(el.tag, str):
                out.append(_clean(el.text))
        else:
            if tag in _BLOCK:
                out.append(_PARA)
            if el.tail and el is not root:
                out.append(_clean(el.tail))
    return _assemble("".join(out))


def _clean(s: str) -> str:
    return s.replace(_PARA, " ").replace(_LINE, " ")


def _assemble(raw: str) -> str:
    paragraphs = []
    for para in raw.split(_PARA):
        lines = [_SPACE.sub(" ", line).strip() for line in para.split(_LINE)]
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)
