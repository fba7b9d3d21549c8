"""The day a source spoke is not the day of the event: "told the local radio on Sunday"."""
from __future__ import annotations

import datetime as dt

from harmwatch.extract import extract_document
from harmwatch.models import Document


def _event_day(text: str) -> str:
    ex = extract_document(Document(id="r", text=text, published=dt.date(2024, 3, 11)))
    assert ex.events, "control: the attack is found"
    return str(ex.events[0].date.start) if ex.events[0].date else ""


def test_a_day_after_told_and_several_words_is_the_reports():
    got = _event_day("Gunmen killed three villagers near the market, a police officer told the "
                     "local radio station on Sunday.")
    assert got != "2024-03-10"
    got = _event_day("Gunmen killed three villagers near the market on Friday, a police officer "
                     "told the local radio station on Sunday.")
    assert got == "2024-03-08"


def test_a_day_after_told_that_is_still_the_events():
    got = _event_day("A police officer told reporters that gunmen killed three villagers near "
                     "the market on Friday.")
    assert got == "2024-03-08"
