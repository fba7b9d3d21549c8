"""Markdown to plain prose, keeping sentences whole and paragraph breaks visible.

Later stages work on sentences and character offsets, so markup must go (``**``, ``#``,
``[text](url)``) while every word of the prose stays, in order. This is a small line-based
reader for what news exports contain, not a full CommonMark parser.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_HR = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_LIST = re.compile(r"^\s{0,3}(?:[-*+•]|\d{1,3}[.)])\s+")

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_CODE = re.compile(r"`+([^`]+?)`+")
_EMPHASIS = (
    re.compile(r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*"),
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    re.compile(r"(?<!\w)___(?=\S)(.+?)(?<=\S)___(?!\w)"),
    re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"),
    re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"),
    re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_HARD_BREAK = re.compile(r"(?:  +|\\)$")


@dataclass
class Block:
    """One paragraph-level unit: ``kind`` is ``para``, ``heading`` or ``list``."""

    text: str
    kind: str = "para"
    raw: str = ""


def strip_inline(s: str) -> str:
    """Remove inline markup, keeping the words a reader would see (images are dropped)."""
    s = _IMAGE.sub("", s)
    s = _LINK.sub(r"\1", s)
    s = _REF_LINK.sub(r"\1", s)
    s = _AUTOLINK.sub(r"\1", s)
    s = _TAG.sub("", s)
    s = _CODE.sub(r"\1", s)
    for pattern in _EMPHASIS:
        s = pattern.sub(r"\1", s)
    s = _ESCAPE.sub(r"\1", s)
    return html.unescape(s)


def to_blocks(lines: list[str]) -> list[Block]:
    """Group Markdown lines into blocks with markup removed.

    Soft-wrapped lines of a paragraph are joined with a space (Markdown renders them so);
    hard breaks and list items keep their own line.
    """
    blocks: list[Block] = []
    current: list[str] = []
    raw: list[str] = []
    kind = "para"
    in_fence = False

    def flush() -> None:
        nonlocal current, raw, kind
        text = "".join(current).strip()
        if text:
            blocks.append(Block(text=text, kind=kind, raw="\n".join(raw)))
        current, raw, kind = [], [], "para"

    for line in lines:
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            current.append(line.rstrip() + "\n")
            raw.append(line)
            continue
        if not line.strip():
            flush()
            continue
        if _SETEXT.match(line) and current and kind == "para" and "\n" not in "".join(current).strip():
            kind = "heading"
            flush()
            continue
        if _HR.match(line) or _REF_DEF.match(line):
            flush()
            continue
        heading = _ATX.match(line)
        if heading:
            flush()
            blocks.append(Block(text=strip_inline(heading.group(2) or "").strip(), kind="heading", raw=line))
            if not blocks[-1].text:
                blocks.pop()
            continue
        body = _QUOTE.sub("", line)
        item = _LIST.match(body)
        if item:
            if current and kind != "list":
                flush()
            kind = "list"
            if current and not current[-1].endswith("\n"):
                current.append("\n")
            body = body[item.end():]
        hard = bool(_HARD_BREAK.search(body))
        text = strip_inline(_HARD_BREAK.sub("", body).strip())
        if current and not current[-1].endswith("\n"):
            current.append(" ")
        current.append(text + ("\n" if hard else ""))
        raw.append(line)
    flush()
    return blocks
