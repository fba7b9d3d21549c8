"""Date expressions in news text → ``DateRange`` (start, end, precision), relative to the
publication date.

News dates incidents relative to the day it is published ("on Tuesday", "last week"), so
the publication date anchors everything relative; without it, relative expressions give
``None`` (never a guess) while absolute ones ("7 October 2023") still resolve. The
expressions are found by our own patterns, because ``dateparser.search_dates`` spans take in
stray words and it reads "May" the modal verb as a month; ``dateparser`` interprets what the
patterns do not cover. Conventions, chosen for incident reporting:

* a weekday is the most recent such day on or before publication: "on Friday" in a Friday
  article is that day (``dateparser`` would go back a week), "last Friday" the week before;
  a possessive ("Monday's bombing", "Tuesday evening's strike", "yesterday's raid") dates
  the noun after it, and its span and text stop before the "'s";
* "last night"/"overnight" is the night before publication, dated by its evening;
  "Tuesday night" is Tuesday;
* a day and month without a year take the publication year, or the year before if that
  would fall after publication ("April 16 of that year" takes the year named before it);
  "in March" is the most recent March (up to publication); "Friday last week" is the
  Friday of the week before publication's;
* "last week" is Monday–Sunday of the previous week, "this week" Monday up to publication,
  likewise for months and years;
* a year alone ("in 2016", "the 2003-2011 occupation") has precision ``year``;
* ``12/03/2024`` is read day-first (international usage) unless that is impossible.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from calendar import monthrange
from typing import Callable, Optional

from text_to_num import text2num

from harmwatch.models import DateRange

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
               "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON_FULL = "|".join(m.capitalize() for m in _MONTHS)
_MON = (rf"(?P<mon>(?i:{'|'.join(_MONTHS)})|(?:{'|'.join(a.capitalize() for a in _MONTH_ABBR)}"
        r")\.?)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_UNIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
NUMBER_WORDS = (r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                rf"(?:[-\s](?:{_UNIT_WORDS}))?|thirteen|fourteen|fifteen|sixteen|seventeen|"
                rf"eighteen|nineteen|ten|eleven|twelve|{_UNIT_WORDS}")
"""A number in words up to 99, longest forms first: "twenty-five years ago" is one number, not
"five years ago" (``word_number`` gives its value)."""
_NUM = rf"(?P<n>\d{{1,3}}|{NUMBER_WORDS}|an|a)"
_PART = r"(?:\s+(?P<part>night|morning|evening|afternoon|overnight))?"


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _month_range(y: int, m: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, m, 1), dt.date(y, m, monthrange(y, m)[1])


def _clip(start: dt.date, end: dt.date, pub: Optional[dt.date]) -> tuple[dt.date, dt.date]:
    """A range reported as past ends at publication at the latest."""
    if pub and start <= pub < end:
        end = pub
    return start, end


def _month_num(token: str) -> int:
    t = token.lower().rstrip(".")
    return _MONTHS.get(t) or _MONTH_ABBR[t]


def _dmy(day: int, month: int, year: Optional[str], pub: Optional[dt.date]):
    if year:
        y = int(year)
    elif pub:
        y = pub.year
        try:
            if dt.date(y, month, day) > pub:
                y -= 1
        except ValueError:
            return None
    else:
        return None
    try:
        d = dt.date(y, month, day)
    except ValueError:
        return None
    return d, d, "day"


# each handler: (match, published) → (start, end, precision) | None
def _h_iso(m, pub):
    try:
        d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return d, d, "day"


def _h_numeric(m, pub):
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    day, month = (b, a) if a <= 12 < b else (a, b)  # day-first unless impossible
    try:
        d = dt.date(y, month, day)
    except ValueError:
        return None
    return d, d, "day"


def _h_day_month(m, pub):
    return _dmy(int(m["day"]), _month_num(m["mon"]), m["year"], pub)


def _h_day_pair(m, pub):
    """"on 29 and 30 November", "29-30 November 2022", "between March 23 and 31": the days
    between, one span (a week at most, a month after "between"). "The night of
    16-17 June", "an overnight attack on Kyiv on 16-17 June": one night, dated by its morning
    (the second day's own pattern)."""
    if re.search(r"\b(?:night|overnight)\b[^.;,]{0,50}$", m.string[: m.start()], re.I):
        return None
    first = _dmy(int(m["d1"]), _month_num(m["mon"]), m["year"], pub)
    last = _dmy(int(m["day"]), _month_num(m["mon"]), m["year"], pub)
    between = re.search(r"\b(?:between|from)\s+$", m.string[: m.start()], re.I)
    if first is None or last is None or not 0 < (last[0] - first[0]).days <= (31 if between else 7):
        return None
    return first[0], last[0], "week" if (last[0] - first[0]).days <= 7 else "month"


def _h_month_year(m, pub):
    s, e = _month_range(int(m["year"]), _month_num(m["mon"]))
    s, e = _clip(s, e, pub)
    return s, e, "month"


def _h_month(m, pub):
    if pub is None:
        return None
    month = _month_num(m["mon"])
    y = pub.year if month <= pub.month else pub.year - 1
    if (m["mod"] or "").lower() == "last" and month == pub.month:
        y -= 1
    s, e = _clip(*_month_range(y, month), pub)
    return s, e, "month"


def _h_weekday(m, pub):
    if pub is None:
        return None
    wd = _WEEKDAYS.index(m["wd"].lower())
    back = (pub.weekday() - wd) % 7
    mod = (m["mod"] or "").lower()
    if m["lastweek"]:  # "on Friday last week": that day of the week before publication's
        d = _monday(pub) - dt.timedelta(days=7 - wd)
    elif mod == "next":
        d = pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
    else:
        if mod == "last" and back <= 1:  # on a Tuesday, yesterday is not "last Monday"
            back += 7
        d = pub - dt.timedelta(days=back)
    return d, d, "day"


def _h_relative_day(m, pub):
    if pub is None:
        return None
    w = " ".join(m.group(0).lower().split())
    if "day before yesterday" in w:
        d = pub - dt.timedelta(days=2)
    elif "yesterday" in w or "last night" in w or "overnight" in w:
        d = pub - dt.timedelta(days=1)
    else:  # today, tonight, this morning/afternoon/evening
        d = pub
    return d, d, "day"


def word_number(word: str) -> float:
    """"25", "2.5", "twenty-five", "a" as a number (words by ``text2num``, as
    ``extract.quantities`` reads them)."""
    w = word.lower()
    if w[0].isdigit():
        return float(w)
    if w in ("a", "an"):
        return 1
    return text2num(re.sub(r"[-\s]+", " ", w), "en")


def _h_ago(m, pub):
    if pub is None:
        return None
    n = int(word_number(m["n"]))
    unit = m["unit"].lower().rstrip("s")
    if unit == "year" and m["today"]:  # "25 years ago tonight": the anniversary's day
        d = _years_before(pub, n)
        return d, d, "day"
    if unit == "day":
        d = pub - dt.timedelta(days=n)
        return d, d, "day"
    if unit == "week":
        s = _monday(pub - dt.timedelta(weeks=n))
        return s, s + dt.timedelta(days=6), "week"
    if unit == "month":
        y, mo = divmod(pub.year * 12 + pub.month - 1 - n, 12)
        s, e = _month_range(y, mo + 1)
        return s, e, "month"
    y = pub.year - n
    return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"


def _h_years_since(m, pub):
    """"ten years since": a year either side of half a year (9.5 to 10.5 years before)."""
    if pub is None:
        return None
    n = int(word_number(m["n"]))
    if n < 1:
        return None
    half = dt.timedelta(days=183)
    return _years_before(pub, n) - half, _years_before(pub, n) + half, "year"


def _years_before(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year - n)
    except ValueError:  # 29 February
        return d.replace(year=d.year - n, day=28)


FIXED_DAY = re.compile(r"(?i)\bchristmas|\bnew\s+year")
"""A holiday that names a day of the year by itself."""
_HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
             "new year's eve": (12, 31), "new year's day": (1, 1), "new year's": (1, 1),
             "new year": (1, 1)}
"""Feasts on a fixed day that news dates events by ("killed on Christmas Eve")."""


_OTHER_CALENDARS = re.compile(r"(?i)\b(?:lunar|chinese|persian|iranian|jewish|islamic|hijri|"
                              r"tamil|sinhala|sinhalese|thai|vietnamese|kurdish|ethiopian|"
                              r"orthodox)\s+$")


def _h_holiday(m, pub):
    if _OTHER_CALENDARS.search(m.string[max(0, m.start() - 20):m.start()]):
        return None  # "the Lunar New Year": not the first of January
    name = re.sub(r"\s+", " ", m["holiday"].lower().replace("’", "'")).replace("years", "year's")
    month, day = _HOLIDAYS[name]
    if m["year"]:
        d = dt.date(int(m["year"]), month, day)
    elif pub is None:
        return None
    else:  # the last one on or before the report
        d = dt.date(pub.year, month, day)
        d = d if d <= pub else d.replace(year=pub.year - 1)
    return d, d, "day"


def _h_period(m, pub):
    if pub is None:
        return None
    which, unit = m["which"].lower(), m["unit"].lower()
    past = which in ("last", "previous")
    if unit == "weekend":
        sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        if past and pub.weekday() in (5, 6) and sat == pub - dt.timedelta(days=pub.weekday() - 5):
            sat -= dt.timedelta(days=7)
        return sat, sat + dt.timedelta(days=1), "week"
    if which == "past":  # the past week/month/year: the span up to publication
        days = {"week": 7, "month": 30, "year": 365}[unit]
        return pub - dt.timedelta(days=days - 1), pub, {"week": "week", "month": "month",
                                                        "year": "year"}[unit]
    if unit == "week":
        s = _monday(pub) - dt.timedelta(days=7 if past else 0)
        e = s + dt.timedelta(days=6)
        return (*_clip(s, e, pub), "week")
    if unit == "month":
        y, mo = (pub.year, pub.month)
        if past:
            y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
        return (*_clip(*_month_range(y, mo), pub), "month")
    y = pub.year - 1 if past else pub.year
    return (*_clip(dt.date(y, 1, 1), dt.date(y, 12, 31), pub), "year")


def _h_year_range(m, pub):
    a, b = int(m["y1"]), int(m["y2"])
    if not a <= b <= a + 100:
        return None
    return dt.date(a, 1, 1), dt.date(b, 12, 31), "year"


def _h_year(m, pub):
    y = int(m["year"])
    return (*_clip(dt.date(y, 1, 1), dt.date(y, 12, 31), pub), "year")


_NEEDLES: dict[str, re.Pattern] = {
    "year": re.compile(r"(?:19|20)\d\d"),
    "day month": re.compile(rf"\d(?:st|nd|rd|th)?(?:\s+of)?\s+{_MON}"),
    "month day": re.compile(rf"{_MON}\s+\d"),
    "Month": re.compile(_MON_FULL),
    "Weekday": re.compile("day"),  # every weekday's name ends so
    "time of day": re.compile(r"(?i:day|night|morning|afternoon|evening)"),
    "ago": re.compile(r"(?i:ago)"),
    "years": re.compile(r"(?i:years)"),
    "holiday": re.compile(r"(?i:christmas|new)"),
    "Year": re.compile("Year"),
    "period": re.compile(r"(?i:week|month|year)"),
    "weekend": re.compile(r"(?i:weekend)"),
}
"""Words without which a pattern of ``_PATTERNS`` cannot match (its third item names them):
a paragraph without them is not scanned for it (most paragraphs name no month, no year).
Each needle is a piece of its patterns, with the same case rules."""


_PATTERNS: list[tuple[re.Pattern, Callable, tuple[str, ...]]] = [
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), _h_iso, ('year',)),
    (re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)\b"), _h_numeric, ('year',)),
    # "Sunday the 8th of October 2023", "7 October 2023", "9 October"
    (re.compile(rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON}(?:,?\s+{_YEAR})?"
                rf"(?!\w)"), _h_day_month, ('day month',)),
    # "29 and 30 November", "29-30 November 2022": two days
    (re.compile(rf"\b(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:and|&|-|\u2013|to)\s*{_DAY}(?:\s+of)?\s+{_MON}"
                rf"(?:,?\s+{_YEAR})?(?!\w)"), _h_day_pair, ('day month',)),
    # "March 23 and 31", "March 23-31, 2022"
    (re.compile(rf"\b{_MON}\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:and|&|-|\u2013|to)\s*{_DAY}"
                rf"(?:,?\s+{_YEAR})?(?!\w)"), _h_day_pair, ('month day',)),
    # "October 7th 2023", "March 12, 2024", "Saturday, October 7"
    (re.compile(rf"\b(?:{_WD},?\s+)?{_MON}\s+{_DAY}(?:,?\s+{_YEAR})?(?!\w)"), _h_day_month, ('month day',)),
    (re.compile(rf"\b(?P<mon>{_MON_FULL})\s+{_YEAR}"), _h_month_year, ('Month', 'year')),
    # a month name alone only after words that make it a date: not "the strikes may continue"
    (re.compile(rf"(?:\b(?i:in|of|since|until|till|during|throughout|by|from|through|"
                rf"before|after|between|and)\s+|(?<![\w-])(?=(?i:early|late|mid|last|this)))"
                rf"(?P<mod>(?i:early|late|mid-?|last|this)\s*)?(?P<mon>{_MON_FULL})\b(?!\s+\d)"),
     _h_month, ('Month',)),
    # "Monday's bombing": the span is the day's name, never its possessive; "Mondays" is
    # no date
    (re.compile(rf"\b(?:(?P<mod>(?i:last|this|next|past|early|late))\s+)?{_WD}(?!\w)"
                rf"{_PART}(?P<lastweek>\s+(?i:of\s+)?(?i:last|the\s+previous)\s+week\b)?"), _h_weekday, ('Weekday',)),
    (re.compile(r"\b(?i:(?:the\s+)?day\s+before\s+yesterday|yesterday(?:\s+(?:morning|"
                r"afternoon|evening))?|(?:late\s+|early\s+)?last\s+night|overnight|today|"
                r"tonight|earlier\s+today|this\s+(?:morning|afternoon|evening))\b"),
     _h_relative_day, ('time of day',)),
    (re.compile(rf"\b(?i:{_NUM}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago"
                r"(?P<today>,?\s+(?:today|tonight|this\s+(?:week|morning|evening|afternoon)))?)\b"),
     _h_ago, ('ago',)),
    # an anniversary: "ten years since the army overran the camp", "twenty years after the
    # massacre", "25 years on from the bombing" date what follows to that year
    (re.compile(rf"\b(?i:{_NUM}\s+years\s+(?:since|after|on\s+from))\b"), _h_years_since, ('years',)),
    (re.compile(r"\b(?i:(?P<holiday>christmas\s+eve|christmas\s+day|christmas|new\s+year['’]?s\s+"
                r"(?:eve|day)))\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"), _h_holiday, ('holiday',)),
    # "the New Year's attack", "a New Year party" (capitalised: "in the new year" looks ahead)
    (re.compile(r"\b(?P<holiday>New\s+Year(?:['’]s)?)(?!['’\w]|\s+(?i:eve|day)\b)"
                r"(?P<year>)"), _h_holiday, ('Year',)),
    (re.compile(r"\b(?i:(?:earlier\s+|later\s+)?(?:the\s+)?(?P<which>last|this|past|previous)"
                r"\s+(?P<unit>week|weekend|month|year))\b"), _h_period, ('period',)),
    # "killed 50 civilians over the weekend": the weekend on or before the report
    (re.compile(r"\b(?i:(?:over|at|on|during)\s+the\s+(?P<unit>weekend))\b(?P<which>)"), _h_period, ('weekend',)),
    (re.compile(r"\b(?P<y1>(?:19|20)\d\d)\s*[-\u2013\u2014]\s*(?P<y2>(?:19|20)\d\d)\b"),
     _h_year_range, ('year',)),
    # a year alone, only where the words make it a date (not "2000 people")
    (re.compile(r"(?:\b(?i:in|since|of|during|until|till|by|from|before|after|early|late|"
                r"mid|through|throughout|between|and|the)\s+|(?<=mid-))"
                r"(?P<year>(?:19|20)\d\d)\b(?![-\u2013]\d|\s*(?:people|civilians|troops|"
                r"soldiers|dead|deaths|killed|casualties|children|women|men|fighters))"),
     _h_year, ('year',)),
]


def _matches(text: str, published: Optional[dt.date], offset: int = 0) -> list[DateRange]:
    found: list[tuple[int, int, tuple]] = []
    present: dict[str, bool] = {}
    for pattern, handler, needles in _PATTERNS:
        if not all(_has(text, n, present) for n in needles):
            continue
        for m in pattern.finditer(text):
            got = handler(m, published)
            if got is None:
                continue
            s, e = m.span()
            # spans hold the date words only, not the preposition that licensed them
            lead = re.match(r"(?i:in|of|since|until|till|during|throughout|by|from|through|"
                            r"before|after|between|and|the|on)\s+", text[s:e])
            if lead and handler in (_h_month, _h_year):
                s += lead.end()
            found.append((s, e, got))
    # longest first, then earliest; drop overlaps
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    kept: list[tuple[int, int, tuple]] = []
    for s, e, got in found:
        if all(e <= ks or s >= ke for ks, ke, _ in kept):
            kept.append((s, e, got))
    kept.sort(key=lambda f: f[0])
    return [DateRange(start=got[0], end=got[1], precision=got[2], text=text[s:e],
                      span=(offset + s, offset + e))
            for s, e, got in kept]


def _has(text: str, needle: str, present: dict[str, bool]) -> bool:
    """Whether ``text`` holds ``_NEEDLES[needle]`` (searched once a text: ``present``)."""
    got = present.get(needle)
    if got is None:
        got = present[needle] = _NEEDLES[needle].search(text) is not None
    return got


def find_dates(text: str, published: Optional[dt.date], offset: int = 0) -> list[DateRange]:
    """Date expressions in ``text``, in text order, each with ``span`` and ``text``
    (``offset`` is added to the spans: ``text`` is a paragraph starting there)."""
    if not text:
        return []
    return _that_year(text, _matches(text, published, offset), offset)


_THAT_YEAR = re.compile(r"\s+(?:of\s+)?(?:that|the\s+same)\s+year\b", re.I)
_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _that_year(text: str, dates: list[DateRange], offset: int) -> list[DateRange]:
    """"in 1993, including the attack on the village on April 16 of that year": a day and
    month take the year named last before them, not the publication's."""
    out = []
    for i, d in enumerate(dates):
        year = None
        if d.span and d.precision == "day" and d.start and not _A_YEAR.search(d.text or "") \
                and _THAT_YEAR.match(text, d.span[1] - offset):
            year = next((int(_A_YEAR.findall(p.text or "")[-1]) for p in reversed(dates[:i])
                         if _A_YEAR.search(p.text or "")), None)
        if year is not None:
            try:
                day = d.start.replace(year=year)
            except ValueError:
                day = None
            if day is not None:
                d = d.model_copy(update={"start": day, "end": day})
        out.append(d)
    return out


_FILLER = re.compile(r"(?i)^(?:on|in|at|during|since|the|of|night|morning|evening|"
                     r"afternoon|early|late|hours|['\u2019]s\b|[,\s])*$")


def resolve_date(expr: str, published: Optional[dt.date]) -> Optional[DateRange]:
    """Interpret one date expression ("Tuesday", "last week", "12 March 2024") or None.

    Our patterns first (they must account for the whole expression but filler words like
    "on the night of"); then ``dateparser`` for anything else, with the publication date as
    the base and dates preferred from the past.
    """
    if not expr or not expr.strip():
        return None
    expr = expr.strip()
    if isinstance(published, dt.datetime):
        published = published.date()
    found = _matches(expr, published)
    if found:
        rest = expr
        for d in sorted(found, key=lambda d: -d.span[0]):
            rest = rest[:d.span[0]] + " " + rest[d.span[1]:]
        if _FILLER.match(rest):
            best = max(found, key=lambda d: d.span[1] - d.span[0])
            return best.model_copy(update={"span": None, "text": expr})
    if re.fullmatch(r"(?i)\s*(?:may|march)\s*", expr):
        return None  # a bare "may"/"march" is no date
    return _dateparser_fallback(expr, published)


def _dateparser_fallback(expr: str, published: Optional[dt.date]) -> Optional[DateRange]:
    has_year = re.search(r"\b(?:19|20)\d\d\b", expr) is not None
    if published is None and not has_year:
        return None  # relative or year-less: never guess without a publication date
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime(published.year, published.month,
                                                published.day, 12)
    else:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    try:
        parsed = dateparser.parse(expr, languages=["en"], settings=settings)
    except Exception:  # noqa: BLE001 - dateparser raises on odd input; no date then
        return None
    if parsed is None:
        return None
    d = parsed.date()
    return DateRange(start=d, end=d, precision="day", text=expr)


_SOME_YEAR = dt.date(2001, 12, 31)
_MONTH_NAMED = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.I)


@lru_cache(maxsize=4096)
def month_days(sentence: str) -> Optional[frozenset[tuple[int, int]]]:
    """The (month, day) pairs a date the sentence names without a year may be: one for "on
    April 6", every day of the month for a sentence led by "In January," (a month later in the
    sentence may date something else: "claimed the kidnapping; she was released in February")."""
    md = month_day(sentence)
    if md is not None:
        return frozenset({md})
    for d in find_dates(sentence, _SOME_YEAR):
        if d.precision == "month" and d.start is not None and d.end is not None and d.text \
                and d.span is not None and _MONTH_LEADS.match(sentence[: d.span[0]]) \
                and _MONTH_NAMED.search(d.text) and not re.search(r"\d{4}", d.text):
            return frozenset((d.start.month, day) for day in range(1, d.end.day + 1))
    return None


_MONTH_LEADS = re.compile(r"^\W*(?:(?:early|late|later|earlier)\s+)?(?:in|during)?\s*$", re.I)


@lru_cache(maxsize=4096)
def month_day(sentence: str) -> Optional[tuple[int, int]]:
    """(month, day) of a date the sentence names without a year ("on February 5th"), for a
    report with no publication date to read it against."""
    days = [d for d in find_dates(sentence, _SOME_YEAR)
            if d.precision == "day" and d.start is not None and d.text
            and not re.search(r"\d{4}", d.text)]
    # a month and day first: a feast named beside it ("a New Year race on April 6") is no date
    for named in (_MONTH_NAMED, FIXED_DAY):
        for d in days:
            if named.search(d.text or "") and d.start is not None:
                return d.start.month, d.start.day
    return None


_ONE_DAY = dt.timedelta(days=1)


def other_day(a: Optional[DateRange], a_sentence: Optional[str], b: Optional[DateRange],
              b_sentence: Optional[str]) -> bool:
    """One sentence names a day with no year to place it ("killed on 11 April", in a report
    with no date of its own) and the other a different day or month: two attacks ("... the
    October 2022 strike on a concert in Hpakant", "in January, a roadside bomb ...")."""
    def days(d: Optional[DateRange], sentence: Optional[str]) -> Optional[set[tuple[int, int]]]:
        if d is not None and d.start is not None:
            end = max(d.end or d.start, d.start)
            if (end - d.start).days > 62:  # a year or a season: any day may be in it
                return None
            return {(x.month, x.day) for x in (d.start - _ONE_DAY + _ONE_DAY * i
                                                    for i in range((end - d.start).days + 3))}
        named = month_days(sentence) if d is None and sentence else None
        return set(named) if named else None
    if a is not None and b is not None:
        return False  # both dated: ``_compatible_date``
    da, db = days(a, a_sentence), days(b, b_sentence)
    return da is not None and db is not None and not da & db
