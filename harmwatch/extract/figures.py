"""A figure in a sentence: its number phrase, the tokens it covers, the noun it counts."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Optional

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, Token

from .quantities import Quantity


@dataclass
class Figure:
    q: Quantity
    first: int  # token index range of the number within the doc
    last: int
    noun: Optional[Token] = None


_bounds: list = [None, [], []]
"""The last Doc asked about, its tokens' first and end characters (a Doc is asked about for
each of its figures, and walking a sentence's tokens each time was a hot spot)."""


def _token_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    if _bounds[0] is not doc:
        cols = doc.to_array([IDX, LENGTH]).tolist()
        _bounds[:] = [doc, [i for i, _ in cols], [i + n for i, n in cols]]
    return _bounds[1], _bounds[2]


def tokens_for(sent: Span, start: int, end: int) -> tuple[int, int]:
    """Doc token indices [first, last] covering sentence-relative chars [start, end)."""
    starts, ends = _token_bounds(sent.doc)
    base = sent.start_char
    first = bisect_right(ends, base + start, sent.start, sent.end)
    last = bisect_left(starts, base + end, sent.start, sent.end) - 1
    if first > last:
        raise IndexError(f"no token of the sentence covers characters {start}-{end}")
    return first, last
