"""Number phrases → ``count_low`` / ``count_high`` / ``qualifier`` (FORMAT.md conventions table).

One implementation of the counting conventions, used by every extractor that reads a figure
(casualties, deployments). Number words are converted with ``text2num``; the qualifier and
vague-quantity rules are ours because they encode the monitoring conventions, not arithmetic.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from text_to_num import text2num

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety"
).split()
_SCALES = ("hundred", "thousand", "million")
_WORD = r"(?:%s)" % "|".join(sorted(_UNITS + list(_SCALES), key=len, reverse=True))
# "two hundred and twelve", "twenty-one", "fifty six"
_WORDNUM = rf"{_WORD}(?:(?:[\s-]+|\s+and\s+){_WORD})*"
# a clock time ("1:38pm", "3.30am") is not a count: no digit may follow a colon or point
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)(?![:.]\d)(?!\s*(?:am|pm|a\.m\.|p\.m\.|GMT|hrs)\b)"
_SCALED = rf"(?:{_DIGITS})(?:\s+(?:million|thousand))?"
_ATOM = rf"(?:{_SCALED}|{_WORDNUM}|a\s+dozen|a\s+hundred|a\s+thousand)"

# Vague plurals: FORMAT.md gives their conventional lower bounds.
_VAGUE = {
    "dozens": 24, "several dozen": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
    "tens of thousands": 20000, "hundreds of thousands": 200000,
}
_VAGUE_RE = r"(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|several\s+dozen|dozens|scores|hundreds|thousands)"

# Qualifier phrases → (label, kind). kind: low = "N or more", high = "up to N", about = ±.
_QUALIFIERS: dict[str, tuple[str, str]] = {
    "at least": ("at least", "low"), "no fewer than": ("at least", "low"),
    "no less than": ("at least", "low"), "not less than": ("at least", "low"),
    "a minimum of": ("at least", "low"), "more than": ("more than", "low"),
    "over": ("over", "low"), "upwards of": ("more than", "low"), "in excess of": ("more than", "low"),
    "well over": ("over", "low"),
    "as many as": ("as many as", "high"), "up to": ("up to", "high"), "nearly": ("nearly", "high"),
    "as high as": ("as many as", "high"),
    "almost": ("almost", "high"), "fewer than": ("fewer than", "high"),
    "less than": ("fewer than", "high"), "just under": ("nearly", "high"),
    "under": ("fewer than", "high"), "a maximum of": ("up to", "high"),
    "about": ("about", "about"), "around": ("about", "about"), "some": ("about", "about"),
    "an estimated": ("about", "about"), "estimated": ("about", "about"),
    "roughly": ("about", "about"), "approximately": ("about", "about"),
    "close to": ("about", "about"), "an approximate": ("about", "about"),
    "approx.": ("about", "about"), "almost exactly": ("exact", "exact"),
}
_QUAL_RE = "|".join(re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True))

_RANGE = re.compile(
    rf"\b(?:between\s+(?P<a1>{_ATOM})\s+and\s+(?P<b1>{_ATOM})"
    rf"|(?:from\s+)?(?P<a2>{_ATOM})\s*(?:to|-|–|—)\s*(?P<b2>{_ATOM}))\b",
    re.I,
)
_SINGLE = re.compile(
    rf"(?:\b(?P<qual>{_QUAL_RE})[”\"’']?\s+)?"  # also 'the “more than” 27 killed'
    rf"(?:(?P<vague>\b{_VAGUE_RE}\b)|(?P<num>\b{_ATOM}\b))"
    rf"(?P<ormore>\s+or\s+more\b|\+)?",
    re.I,
)

_CODE = re.compile(r"(?<![\w-])[A-Za-z]{1,5}-\d+\b")
"""A number joined to letters by a hyphen names something: a district ("KM-4"), a weapon
("AK-47", "F-16", "Su-24"), a road ("M-5")."""
_CLOCK = re.compile(r"(?<![\d,.])\d{1,2}:\d{2}(?::\d{2})?(?!\d|,\d)"
                    # "between 9 and 10 pm": the first hour has no "pm" of its own
                    r"|(?<![\d,.])\d{1,2}(?:[:.]\d{2})?\s*(?:and|to|-|–)\s*\d{1,2}(?:[:.]\d{2})?\s*"
                    r"(?:am|pm|a\.m\.|p\.m\.|o['’]clock)(?!\w)", re.I)


@dataclass(frozen=True)
class Quantity:
    """A figure as written and what it means under the counting conventions."""

    start: int
    end: int
    low: Optional[int]
    high: Optional[int]
    qualifier: str
    text: str
    number_start: int
    """Start of the number itself (after any qualifier), for looking at what precedes it."""


def parse_number(text: str) -> Optional[int]:
    """``"5,000"`` → 5000, ``"twenty-one"`` → 21, ``"1.2 million"`` → 1200000, else None."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t in ("a dozen", "dozen"):
        return 12
    if t.startswith("a "):
        t = "one " + t[2:]
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", t):
        return int(t.replace(".", ""))  # "4.300 persons": a thousands point, as much of the world writes it
    m = re.fullmatch(r"([\d,]+(?:\.\d+)?)(?: (million|thousand))?", t)
    if m:
        try:
            value = float(m.group(1).replace(",", ""))
        except ValueError:
            return None
        value *= {"million": 1_000_000, "thousand": 1_000, None: 1}[m.group(2)]
        return int(round(value))
    try:
        return int(text2num(t.replace(" and ", " "), "en"))
    except (ValueError, TypeError):
        try:
            return int(text2num(t, "en"))
        except (ValueError, TypeError):
            return None


def _from_qualifier(qual: Optional[str], n: int) -> tuple[Optional[int], Optional[int], str]:
    if not qual:
        return n, n, "exact"
    label, kind = _QUALIFIERS[re.sub(r"\s+", " ", qual.lower())]
    if kind == "low":
        return n, None, label
    if kind == "high":
        return None, n, label
    return n, n, label


def find_quantities(text: str) -> list[Quantity]:
    """Every figure in ``text`` with its span, non-overlapping, in text order."""
    found: list[Quantity] = []
    # "at 16:22", "20:34": clock times hold no counts
    taken: list[tuple[int, int]] = [m.span() for m in _CLOCK.finditer(text)]
    taken += [m.span() for m in _CODE.finditer(text)]  # "KM-4", "AK-47", "F-16": names, not counts

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _RANGE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        a = parse_number(m.group("a1") or m.group("a2"))
        b = parse_number(m.group("b1") or m.group("b2"))
        if a is None or b is None or not (a <= b):  # "2-2 injuries" is Airwars' way of saying 2
            continue
        # "2003-2011" is a span of years, not a count.
        if 1900 <= a <= 2100 and 1900 <= b <= 2100:
            continue
        found.append(Quantity(m.start(), m.end(), a, b, "range", m.group(0), m.start()))
        taken.append((m.start(), m.end()))

    for m in _SINGLE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        qual = m.group("qual")
        if m.group("vague"):
            key = re.sub(r"\s+", " ", m.group("vague").lower())
            n = _VAGUE[key]
            low, high, label = n, None, key if key != "several dozen" else "dozens"
            if qual:
                label_q, kind = _QUALIFIERS[re.sub(r"\s+", " ", qual.lower())]
                if kind == "high":  # "up to hundreds": an upper bound with no lower one
                    low, high = None, n
        else:
            n = parse_number(m.group("num"))
            if n is None:
                continue
            low, high, label = _from_qualifier(qual, n)
            if m.group("ormore"):
                low, high, label = n, None, "at least"
            if m.group("num").lower().strip() == "a dozen" and not qual:
                label = "about"
        found.append(
            Quantity(m.start(), m.end(), low, high, label, m.group(0), m.start("vague") if m.group("vague") else m.start("num"))
        )
        taken.append((m.start(), m.end()))
    found.sort(key=lambda q: q.start)
    return found
