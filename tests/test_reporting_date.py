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


def test_the_day_a_source_spoke_or_revised_a_toll_is_not_the_event_s():
    got = _event_day("A gunman killed at least 80 people at a youth camp on the island, police said "
                     "early on Saturday.")
    assert got != "2024-03-09"
    got = _event_day("The police on Monday revised the number killed in the bombing on the island "
                     "from 86 to 68.")
    assert got != "2024-03-11"
    # the day an attack happened, before its verb, stays the event's
    assert _event_day("Gunmen on Friday killed three villagers near the market.") == "2024-03-08"


def test_the_day_a_report_was_released_is_the_reports():
    got = _event_day("Gunmen killed 30 people in the village of Kiri, a rights group said in a "
                     "report released on Saturday.")
    assert got != "2024-03-09"
    got = _event_day("Gunmen killed 30 people in the village of Kiri on Thursday, the ministry "
                     "said in a statement issued on Saturday.")
    assert got == "2024-03-07"  # control: the attack's own day stays


def test_the_day_a_killing_is_remembered_is_not_its_day():
    got = _event_day("Relatives gathered at the graves on Sunday to remember the 40 worshippers "
                     "gunmen killed at the mosque.")
    assert got != "2024-03-10"
    got = _event_day("Relatives gathered at the mosque on Sunday, where gunmen killed 40 "
                     "worshippers.")
    assert got == "2024-03-10"  # control: no remembrance, the sentence's day
