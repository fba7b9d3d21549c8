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
_ATX = re.compile(r"^\s{0,3}#{1,6}(?:\s|$)")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_HR = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_LIST = re.compile(r"^\s{0,3}(?:[-*+•]|\d{1,3}[.)])\s+")

# Each bracket class excludes its own opening delimiter, so a failed match stops at the next
# one: hostile lines ("[[[[..." a megabyte long) stay linear instead of quadratic.
_IMAGE = re.compile(r"!\[[^\[\]\n]*\](?:\((?:[^()\s]|\([^()\n]*\))*(?:\s+\"[^\"\n]*\")?\)|\[[^\[\]\n]*\])")
_LINK = re.compile(r"\[([^\[\]\n]*)\]\((?:[^()\s]|\([^()\n]*\))*(?:\s+\"[^\"\n]*\")?\)")
_REF_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_CODE = (re.compile(r"``([^`\n]+)``"), re.compile(r"`([^`\n]+)`"))
# Emphasis markers are dropped where they touch a word on one side only, without pairing them:
# linear, and "**x**", "_x_", "~~x~~" lose their markers while "2*3" and snake_case keep theirs.
_EMPHASIS_OPEN = re.compile(r"(?<![\w*_~])(?:\*{1,3}|_{1,3}|~~)(?=[^\s*_~])")
_EMPHASIS_CLOSE = re.compile(r"(?<=[^\s*_~])(?:\*{1,3}|_{1,3}|~~)(?![\w*_~])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_MARKUP_CHARS = re.compile(r"[\[<`*_~\\&]")
_SHIELD = 0xF0000  # escaped ASCII punctuation is parked in a private-use plane meanwhile
_SHIELDED = re.compile("[\U000F0000-\U000F007F]")


@dataclass
class Block:
    """One paragraph-level unit: ``kind`` is ``para``, ``heading`` or ``list``."""

    text: str
    kind: str = "para"
    raw: str = ""


def strip_inline(s: str) -> str:
    """Remove inline markup, keeping the words a reader would see (images are dropped)."""
    if not _MARKUP_CHARS.search(s):
        return s
    s = _ESCAPE.sub(lambda m: chr(_SHIELD + ord(m.group(1))), s)  # "\*" is a literal star
    s = _IMAGE.sub("", s)
    s = _LINK.sub(r"\1", s)
    s = _REF_LINK.sub(r"\1", s)
    s = _AUTOLINK.sub(r"\1", s)
    s = _TAG.sub("", s)
    for code in _CODE:
        s = code.sub(r"\1", s)
    s = _EMPHASIS_CLOSE.sub("", _EMPHASIS_OPEN.sub("", s))
    s = _SHIELDED.sub(lambda m: chr(ord(m.group()) - _SHIELD), s)
    return html.unescape(s)


def heading_text(line: str) -> str:
    """The words of an ATX heading line (``## Title ##`` → ``Title``); string operations only."""
    text = line.strip().lstrip("#")
    stripped = text.rstrip("#")
    if stripped != text and (not stripped or stripped[-1].isspace()):
        text = stripped  # closing hashes count only after a space
    return text.strip()


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
        if _SETEXT.match(line) and len(raw) == 1 and kind == "para":
            kind = "heading"
            flush()
            continue
        if _HR.match(line) or _REF_DEF.match(line):
            flush()
            continue
        if _ATX.match(line):
            flush()
            text = strip_inline(heading_text(line))
            if text:
                blocks.append(Block(text=text, kind="heading", raw=line))
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
        hard = body.endswith(("  ", "\\"))
        text = strip_inline(body.rstrip("\\").strip())
        if current and not current[-1].endswith("\n"):
            current.append(" ")
        current.append(text + ("\n" if hard else ""))
        raw.append(line)
    flush()
    return blocks
