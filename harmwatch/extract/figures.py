"""A figure in a sentence: its number phrase, the tokens it covers, the noun it counts."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span, Token

from .quantities import Quantity


@dataclass
class Figure:
    q: Quantity
    first: int  # token index range of the number within the doc
    last: int
    noun: Optional[Token] = None


def tokens_for(sent: Span, start: int, end: int) -> tuple[int, int]:
    """Doc token indices [first, last] covering sentence-relative chars [start, end)."""
    base = sent.start_char
    toks = [t for t in sent if t.idx < base + end and t.idx + len(t) > base + start]
    return toks[0].i, toks[-1].i
