"""A day told against the one named before it: "The day before, shelling hit the village of
Qarayusifli", "Two days later, a drone struck the same road". The sentence names no date of
its own, so without this it would borrow the earlier day (or none) and join that event; its
day is the last day named before it, moved by the offset."""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, insort
from typing import Callable, Optional, Sequence

from ..models import DateRange
from .events import Mention
from .quantities import parse_number

_LEAD = re.compile(
    r"^\W*(?:(?:on\s+)?(?:the\s+)?(?P<which>next|following|previous|preceding)\s+(?:day|night|morning|evening)"
    r"|(?P<n>\w+)\s+(?:day|night)s?\s+(?P<dir>before|earlier|after|later)"
    r"|(?P<h>[\w-]+)\s+hours\s+(?P<hdir>before|earlier|after|later))\b", re.I)
_BACK = frozenset({"before", "earlier", "previous", "preceding"})
_TOLD_AFTER = re.compile(
    r"\s*,?\s*(?:[\w'’.-]+\s+){0,6}?(?:said|says|reported|announced|confirmed|revised|raised|"
    r"lowered|updated|put|gave|told|stated)\b", re.I)
"""The offset leads a statement: "The next day the Ministry of Health said that 45 had been
killed" is the day of a count, not of an attack."""


def _shift(sentence: str) -> Optional[tuple[int, tuple[int, int]]]:
    """Days the sentence's lead moves from the day before it, and where the words are."""
    m = _LEAD.match(sentence)
    if not m or _TOLD_AFTER.match(sentence, m.end()):
        return None
    word = (m.group("which") or m.group("dir") or m.group("hdir")).lower()
    if m.group("h"):  # "Twenty-four hours later": whole days only
        hours = parse_number(m.group("h"))
        n = hours // 24 if hours and hours % 24 == 0 else None
    else:
        n = 1 if m.group("which") or m.group("n").lower() in ("the", "a") else parse_number(m.group("n"))
    if n is None or n > 31:
        return None
    return (-n if word in _BACK else n), (m.start(), m.end())


def date_offsets(mentions: Sequence[Mention], keep: Callable[[DateRange], bool] = lambda d: True,
                 dates: Sequence[DateRange] = ()) -> None:
    """Dates the undated mentions whose sentence leads with a day offset, in place; ``keep``
    says whether such a day is the event's ("The next day the ministry said ..." is a count's).
    The day moved from is the last one named before the sentence, by a mention or among the
    report's ``dates`` ("on 4 January soldiers herded them into the house. Twenty-four hours
    later, forces shelled it": the herding is no event)."""
    named = sorted((d.span[1], d.start) for d in dates
                   if d.span and d.precision == "day" and d.start is not None and keep(d))
    for m in sorted(mentions, key=lambda x: x.sentence_span[0]):
        # the last day named before the sentence (by bisection: long reports hold thousands)
        i = bisect_left(named, (m.sentence_span[0] + 1, dt.date.min))
        if m.date is None and i:
            got = _shift(m.sentence)
            if got is not None:
                day = named[i - 1][1] + dt.timedelta(days=got[0])
                s, (a, b) = m.sentence_span[0], got[1]
                d = DateRange(start=day, end=day, precision="day", text=m.sentence[a:b].strip(" ,"),
                              span=(s + a, s + b))
                if keep(d):
                    m.date = d
                    insort(named, (s + b, day))
                continue
        if m.date is not None and m.date.precision == "day" and m.date.start is not None and m.date.span:
            insort(named, (m.date.span[1], m.date.start))
