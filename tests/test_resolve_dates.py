"""Resolve stage, dates: expressions read against the publication date ("Tuesday", "last
week", "twenty-five years ago tonight", "Christmas Eve")."""
from __future__ import annotations

import datetime as dt

import pytest

from harmwatch.models import DateRange
from harmwatch.resolve import find_dates, resolve_date


FRI = dt.date(2016, 7, 22)  # a Friday


def day(y, m, d):
    return dt.date(y, m, d)


@pytest.mark.parametrize("expr,start,end,precision", [
    ("Tuesday", day(2016, 7, 19), day(2016, 7, 19), "day"),
    ("on Friday", FRI, FRI, "day"),  # the publication weekday is the publication day
    ("last Friday", day(2016, 7, 15), day(2016, 7, 15), "day"),
    ("last Thursday", day(2016, 7, 14), day(2016, 7, 14), "day"),  # not yesterday, the 21st
    ("yesterday", day(2016, 7, 21), day(2016, 7, 21), "day"),
    ("two days ago", day(2016, 7, 20), day(2016, 7, 20), "day"),
    ("last week", day(2016, 7, 11), day(2016, 7, 17), "week"),
    ("this week", day(2016, 7, 18), FRI, "week"),
    ("earlier this month", day(2016, 7, 1), FRI, "month"),
    ("this month", day(2016, 7, 1), FRI, "month"),
    ("last month", day(2016, 6, 1), day(2016, 6, 30), "month"),
    ("in March", day(2016, 3, 1), day(2016, 3, 31), "month"),
    ("in September", day(2015, 9, 1), day(2015, 9, 30), "month"),  # most recent September
    ("on 12 March", day(2016, 3, 12), day(2016, 3, 12), "day"),
    ("25 December", day(2015, 12, 25), day(2015, 12, 25), "day"),  # not after publication
    ("March 12, 2024", day(2024, 3, 12), day(2024, 3, 12), "day"),
    ("2024-03-12", day(2024, 3, 12), day(2024, 3, 12), "day"),
    ("12/03/2024", day(2024, 3, 12), day(2024, 3, 12), "day"),
    ("October 7th 2023", day(2023, 10, 7), day(2023, 10, 7), "day"),
    ("Sunday the 8th of October 2023", day(2023, 10, 8), day(2023, 10, 8), "day"),
    ("on the night of 9 July", day(2016, 7, 9), day(2016, 7, 9), "day"),
    ("last night", day(2016, 7, 21), day(2016, 7, 21), "day"),
    ("overnight", day(2016, 7, 21), day(2016, 7, 21), "day"),
    ("on Tuesday night", day(2016, 7, 19), day(2016, 7, 19), "day"),
    ("in 2015", day(2015, 1, 1), day(2015, 12, 31), "year"),
    ("2003-2011", day(2003, 1, 1), day(2011, 12, 31), "year"),
])
def test_resolve_date(expr, start, end, precision):
    r = resolve_date(expr, FRI)
    assert (r.start, r.end, r.precision) == (start, end, precision)


def test_relative_dates_need_a_publication_date():
    for expr in ("Tuesday", "yesterday", "last week", "in March", "9 October"):
        assert resolve_date(expr, None) is None
    r = resolve_date("7 October 2023", None)
    assert (r.start, r.precision) == (day(2023, 10, 7), "day")
    assert resolve_date("2023-10-07", None).start == day(2023, 10, 7)


def test_resolve_date_rejects_non_dates():
    assert resolve_date("may", FRI) is None
    assert resolve_date("", FRI) is None


def test_find_dates_spans_and_text():
    text = ("Airstrikes killed as many as 212 civilians in Aleppo on Tuesday, according to "
            "estimates published Thursday. Planning sessions were held this week.")
    found = find_dates(text, FRI)
    assert [d.text for d in found] == ["Tuesday", "Thursday", "this week"]
    assert all(text[d.span[0]:d.span[1]] == d.text for d in found)
    assert found[0].start == day(2016, 7, 19) and found[1].start == day(2016, 7, 21)


def test_find_dates_modal_may_and_year_ranges():
    text = ("The strikes may continue, modelled on the lessons of the 2003-2011 US occupation "
            "of Iraq. In May, 2000 people fled.")
    found = find_dates(text, FRI)
    assert [d.text for d in found] == ["2003-2011", "May"]
    assert found[0].precision == "year" and found[1].precision == "month"
    assert all(d.precision != "day" for d in found)


def test_find_dates_full_forms():
    text = ("On October 7th 2023, two civilians were killed. "
            "On Sunday the 8th of October 2023, more.")
    found = find_dates(text, None)
    assert [(d.text, d.start) for d in found] == [
        ("October 7th 2023", day(2023, 10, 7)),
        ("Sunday the 8th of October 2023", day(2023, 10, 8))]


WED = dt.date(2024, 2, 14)  # a Wednesday


def test_find_dates_reporting_day_and_possessive_event_day_both_found():
    text = "Funerals were held on Wednesday for the victims of Monday's bombing."
    found = find_dates(text, WED)
    assert [(d.text, d.start) for d in found] == [("Wednesday", WED),
                                                  ("Monday", day(2024, 2, 12))]
    assert all(text[d.span[0]:d.span[1]] == d.text for d in found)


@pytest.mark.parametrize("text,words,start", [
    ("Tuesday's strike killed five.", "Tuesday", day(2024, 2, 13)),
    ("Tuesday\u2019s strike killed five.", "Tuesday", day(2024, 2, 13)),
    ("The toll from Tuesday evening's bombing rose to 22.", "Tuesday evening", day(2024, 2, 13)),
    ("Monday night's attack killed two.", "Monday night", day(2024, 2, 12)),
    ("The death toll from last Monday's air raid rose.", "last Monday", day(2024, 2, 12)),
    ("Yesterday's raid killed three.", "Yesterday", day(2024, 2, 13)),
    ("Families buried the victims of Friday's drone strike.", "Friday", day(2024, 2, 9)),
])
def test_possessive_dates_span_the_date_words_only(text, words, start):
    found = find_dates(text, WED)
    assert [(d.text, d.start, d.precision) for d in found] == [(words, start, "day")]
    s, e = found[0].span
    assert text[s:e] == words and text[e] in "'\u2019"


def test_plural_weekday_is_no_date():
    assert find_dates("Mondays are market days in Idlib.", WED) == []


@pytest.mark.parametrize("expr", ["Monday's", "Monday\u2019s", "Tuesday evening's"])
def test_resolve_date_takes_possessives(expr):
    r = resolve_date(expr, WED)
    assert r is not None and r.precision == "day" and r.start.weekday() == (
        0 if expr.startswith("Monday") else 1)


def test_find_dates_without_publication_skips_relative():
    assert find_dates("They were killed on Tuesday, yesterday and last week.", None) == []


def test_date_range_type():
    assert isinstance(resolve_date("Tuesday", FRI), DateRange)


@pytest.mark.parametrize("text, start, end, precision", [
    # a compound number word is one number, not its last word ("five years ago")
    ("Twenty-five years ago, gunmen killed 147 worshippers.", dt.date(1990, 1, 1), dt.date(1990, 12, 31), "year"),
    ("thirty one years ago", dt.date(1984, 1, 1), dt.date(1984, 12, 31), "year"),
    # an anniversary names the day itself
    ("Twenty-five years ago tonight, 147 men were shot dead.", dt.date(1990, 8, 3), dt.date(1990, 8, 3), "day"),
    ("A year ago today, a bomb hit the market.", dt.date(2014, 8, 3), dt.date(2014, 8, 3), "day"),
    # "ten years since", "twenty years after": half a year either side of that many years back
    ("to mark ten years since rebels overran the camp", dt.date(2005, 2, 1), dt.date(2006, 2, 2), "year"),
    ("Twenty years after the massacre, survivors returned.", dt.date(1995, 2, 1), dt.date(1996, 2, 2), "year"),
    ("25 years on from the bombing", dt.date(1990, 2, 1), dt.date(1991, 2, 2), "year"),
    # holidays on a fixed day: the last one on or before the report, or the year given
    ("35 civilians were killed on Christmas Eve.", dt.date(2014, 12, 24), dt.date(2014, 12, 24), "day"),
    ("The attack on New Year's Day killed 12.", dt.date(2015, 1, 1), dt.date(2015, 1, 1), "day"),
    ("the tsunami of Christmas Day 2004", dt.date(2004, 12, 25), dt.date(2004, 12, 25), "day"),
])
def test_dates_in_years_ago_and_holidays(text, start, end, precision):
    found = find_dates(text, dt.date(2015, 8, 3))
    assert [(d.start, d.end, d.precision) for d in found] == [(start, end, precision)]


def test_a_holiday_without_a_report_date_is_no_date():
    assert find_dates("killed on Christmas Eve", None) == []


def test_two_days_of_one_month_are_one_span():
    pub = dt.date(2022, 12, 5)
    (d,) = find_dates("killed in Kishishe on 29 and 30 November, in reprisal", pub)
    assert (d.start, d.end, d.text) == (dt.date(2022, 11, 29), dt.date(2022, 11, 30), "29 and 30 November")
    (d,) = find_dates("on 12 to 14 March 2021", pub)
    assert (d.start, d.end) == (dt.date(2021, 3, 12), dt.date(2021, 3, 14))
    # one night across two days is dated by its morning
    assert [x.text for x in find_dates("on the night of 16-17 June 2025", pub)] == ["17 June 2025"]
    assert [x.text for x in find_dates("an overnight attack on the city on 16-17 June 2025", pub)][-1] == "17 June 2025"
    assert [x.text for x in find_dates("Overnight on 22-23 July 2023, drones hit", pub)][-1] == "23 July 2023"
    # "between" spans up to a month, in either order of day and month
    (d,) = find_dates("an operation carried out between March 23 and 31", pub)
    assert (d.start, d.end) == (dt.date(2022, 3, 23), dt.date(2022, 3, 31))
    (d,) = find_dates("between 23 and 31 March", pub)
    assert (d.start, d.end) == (dt.date(2022, 3, 23), dt.date(2022, 3, 31))
    # days too far apart are no span
    assert [x.text for x in find_dates("5 and 30 November", pub)] == ["30 November"]


@pytest.mark.parametrize("text, published, start, end", [
    ("Gunmen killed 50 villagers over the weekend.", dt.date(2022, 6, 13), dt.date(2022, 6, 11), dt.date(2022, 6, 12)),
    ("Fighting flared at the weekend, officials said.", dt.date(2024, 3, 6), dt.date(2024, 3, 2), dt.date(2024, 3, 3)),
])
def test_over_the_weekend_is_the_weekend_before_the_report(text, published, start, end):
    got = [d for d in find_dates(text, published) if "weekend" in d.text]
    assert [(d.start, d.end) for d in got] == [(start, end)]
