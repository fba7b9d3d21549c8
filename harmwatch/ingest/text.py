"""Plain-text and Markdown reports: header metadata off the top, clean prose as the body.

The body is what every later stage reads and points into with character offsets, so it is
built once here: paragraphs separated by a blank line, sentences never split by a stray line
break, no site footer.
"""
from __future__ import annotations

import re

from ..models import Document, IngestError
from .decode import MAX_TEXT_CHARS, ReadError, check_length, decode_bytes
from .header import split_header
from .markdown import Block, to_blocks

_TERMINAL = (".", "!", "?", '"', "'", "”", "’", ":")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_FOOTER = re.compile(
    r"^\W*(?:to contact|contact (?:us|the)|to subscribe|subscribe to|sign up for|follow us)\b", re.I
)
_LINKY = re.compile(r"\]\(|https?://|www\.", re.I)
_LINK_ONLY = re.compile(r"^\s*[*_]*(?:\[[^\]]*\]\([^)]*\)|<?https?://\S+>?|www\.\S+)[*_]*\s*$")
_FOOTER_MAX_CHARS = 300


def read_text(path: str, data: bytes) -> list[Document | IngestError]:
    """A ``.txt`` report."""
    return [parse(decode_bytes(data), path=path, markdown=False)]


def read_markdown(path: str, data: bytes) -> list[Document | IngestError]:
    """A ``.md`` report."""
    return [parse(decode_bytes(data), path=path, markdown=True)]


def parse(text: str, *, path: str, markdown: bool) -> Document:
    """Build the document from decoded text; raise :class:`ReadError` if no body is left."""
    if len(text) > 2 * MAX_TEXT_CHARS:  # refuse before parsing: even markup-heavy, too long
        raise ReadError(check_length(text) or "document text too long")
    meta, body_lines = split_header(text.split("\n"), markdown=markdown)
    blocks = to_blocks(body_lines) if markdown else plain_blocks(body_lines)
    body = "\n\n".join(b.text for b in join_broken(drop_footer(blocks)))
    reason = check_length(body)
    if reason:
        raise ReadError(reason)
    return Document.from_text(body, source_path=path, format="markdown" if markdown else "text", **meta)


def plain_blocks(lines: list[str]) -> list[Block]:
    """Paragraphs of a plain-text file.

    Inside a paragraph a line that does not end a sentence is a hard wrap and is joined to the
    next with a space; other line breaks (after a full stop, before a bullet) are kept.
    """
    blocks: list[Block] = []
    para: list[str] = []
    for line in lines + [""]:
        line = line.strip()
        if line:
            para.append(line)
            continue
        if para:
            text = para[0]
            for prev, nxt in zip(para, para[1:]):
                wrapped = not prev.endswith(_TERMINAL) and not _BULLET.match(nxt)
                text += (" " if wrapped else "\n") + nxt
            blocks.append(Block(text=text, kind="list" if _BULLET.match(para[0]) else "para", raw=text))
            para = []
    return blocks


def join_broken(blocks: list[Block]) -> list[Block]:
    """Rejoin a sentence split by a blank line (``the\\n\\nassaults`` → ``the assaults``).

    A paragraph ending without terminal punctuation followed by one starting in lower case is
    one sentence that an export broke in two.
    """
    heads: list[Block] = []
    texts: list[list[str]] = []
    raws: list[list[str]] = []
    for block in blocks:
        if (
            heads
            and "heading" not in (heads[-1].kind, block.kind)
            and not texts[-1][-1].endswith(_TERMINAL)
            and block.text[:1].islower()
        ):
            texts[-1].append(block.text)
            raws[-1].append(block.raw)
        else:
            heads.append(block)
            texts.append([block.text])
            raws.append([block.raw])
    return [Block(text=" ".join(t), kind=h.kind, raw="\n".join(r)) for h, t, r in zip(heads, texts, raws)]


def drop_footer(blocks: list[Block]) -> list[Block]:
    """Drop trailing "To contact us visit: <link>" lines; only clear contact/subscribe footers."""
    blocks = list(blocks)
    while blocks:
        last = blocks[-1]
        link_only = len(last.raw) <= _FOOTER_MAX_CHARS and _LINK_ONLY.match(last.raw)
        if len(blocks) >= 2 and link_only and _is_footer(blocks[-2], needs_link=False):
            del blocks[-2:]
        elif _is_footer(last, needs_link=True):
            del blocks[-1]
        else:
            break
    return blocks


def _is_footer(block: Block, *, needs_link: bool) -> bool:
    if len(block.text) > _FOOTER_MAX_CHARS or not _FOOTER.match(block.raw or block.text):
        return False
    return not needs_link or bool(_LINKY.search(block.raw))
