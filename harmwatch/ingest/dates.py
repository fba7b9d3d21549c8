"""Publication dates from the many ways sources write them.

A publication date is metadata, so an unreadable one is ``None`` and never an error. Only a
full day/month/year counts: a bare "Tuesday" or "July 2016" would be a guess.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re
import time
from typing import Optional

_MAX_LEN = 80
_HAS_DIGIT = re.compile(r"\d")
_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def parse_date(value: object) -> Optional[dt.date]:
    """The calendar date ``value`` names (as written, no time-zone shift), else ``None``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, time.struct_time):
        try:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
        except ValueError:
            return None
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s or len(s) > _MAX_LEN or not _HAS_DIGIT.search(s):
        return None
    return _iso(s) or _rfc2822(s) or _free_form(s)


def _iso(s: str) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(s).date()
    except ValueError:
        return None


def _rfc2822(s: str) -> Optional[dt.date]:
    """RSS dates ("Tue, 12 Mar 2024 18:00:00 +0300"), keeping the publisher's local day."""
    if "," not in s[:5] and not re.search(r"[+-]\d{4}$|GMT$|UT$", s):
        return None
    try:
        return email.utils.parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _free_form(s: str) -> Optional[dt.date]:
    try:
        import dateparser

        parsed = dateparser.parse(s, languages=["en"], settings=_SETTINGS)
    except Exception:  # dateparser raises assorted errors on odd strings; a date is optional
        return None
    return parsed.date() if parsed else None
