"""How a report frames its event (issue 11): the town of a wire dateline when the text names
no other, a day that dates a toll's revision rather than the attack, the earlier attacks a
report sets its own against, and which of two events in one sentence a place belongs to.
Every text here is written for the test."""
from __future__ import annotations

import datetime as dt

import pytest

from harmwatch.extract import extract_document
from harmwatch.models import Document


def run(text: str, published: dt.date | None = dt.date(2021, 6, 12)):
    return extract_document(Document(id="d", text=text, published=published))


def main(ex):
    return next(e for e in ex.events if e.status == "occurred")


# -- the dateline's town ----------------------------------------------------------------------

def test_an_unplaced_attack_takes_the_town_of_its_dateline():
    ex = run("QUETTA: At least 14 people were killed on Friday when a bomb went off in a crowded "
             "vegetable market near the main bus stand, a police official said.")
    place = main(ex).place
    assert place is not None and place.country == "PK" and place.resolved_name == "Quetta"
    # the dateline stays out of the places found in the text: it is where the report was filed
    assert all(p.span[0] > 6 for p in ex.places if p.span)


def test_a_place_in_the_text_beats_the_dateline():
    ex = run("KABUL — A roadside bomb killed six policemen in Ghazni province on Friday, officials said.")
    assert main(ex).place is not None and main(ex).place.name == "Ghazni"


def test_a_dateline_abroad_does_not_place_an_event_told_of_another_country():
    ex = run("NAIROBI, Kenya — Militants stormed a hotel and killed 20 guests, Somalia's police said.")
    place = main(ex).place
    assert place is None or place.country != "KE"


# -- a place of unknown size ------------------------------------------------------------------

def test_a_town_without_a_population_figure_is_a_place_after_in():
    # GeoNames knows Parachinar but gives it no population; the parser calls it a place
    ex = run("Twin blasts killed 25 shoppers in Parachinar on Friday, officials said.")
    assert main(ex).place is not None and main(ex).place.country == "PK"


# -- the day of a revised toll ----------------------------------------------------------------

def test_the_day_a_toll_rose_is_not_the_day_of_the_attack():
    ex = run("The death toll from the truck bombing in Mogadishu rose to 41 on Saturday, hospital "
             "staff said.")
    ev = main(ex)
    assert ev.toll.killed == (41, 41)
    assert ev.date is None or ev.date.start != dt.date(2021, 6, 12)
    # control: the attack's own day is kept
    ex = run("A truck bombing in Mogadishu killed 41 people on Saturday, hospital staff said.")
    assert main(ex).date is not None and main(ex).date.start == dt.date(2021, 6, 12)


# -- earlier attacks the report compares its own with ------------------------------------------

def test_a_comparison_with_an_earlier_named_bombing_keeps_that_bombing_s_dead_apart():
    ex = run("The number of dead rose to 22, prosecutors said. It was the worst attack on the port "
             "since the 2004 bombing of a ferry terminal, which killed more than 100 people.",
             published=None)
    assert main(ex).toll.killed == (22, 22)


def test_an_attack_that_came_months_after_another_does_not_take_its_dead():
    ex = run("Gunmen killed 12 villagers in Koro on Sunday, officials said. The raid came two months "
             "after the massacre of Dioura, where some 80 herders were killed.")
    assert main(ex).toll.killed == (12, 12)
    other = [c for c in ex.casualties if c.count_low == 80]
    assert other and other[0].scope == "background" and other[0].event != main(ex).id


def test_a_sentence_led_by_an_old_date_tells_another_attack():
    ex = run("Gunmen killed between 30 and 45 villagers in an overnight raid, survivors said. "
             "It was not the first raid in the district: in March 2019 at least 19 people were "
             "killed when fighters stormed a nearby market.")
    ev = main(ex)
    assert ev.toll.killed == (30, 45)
    assert ev.date is None or ev.date.start.year == 2021  # not the old raid's month
    old = [c for c in ex.casualties if c.count_low == 19]
    assert old and old[0].scope == "background"


def test_a_date_leading_the_report_s_first_figure_is_its_own():
    ex = run("In March 2019, at least 19 people were killed when fighters stormed a market, a report "
             "released on Friday found.")
    assert main(ex).toll.killed[0] == 19  # the report's only attack, however old
    assert all(c.scope != "background" for c in ex.casualties)


# -- two events in one sentence ---------------------------------------------------------------

def test_each_event_of_a_sentence_takes_the_place_nearest_its_word():
    ex = run("Hundreds held vigils in Nairobi on Sunday for the victims of the killings in Mandera, "
             "which left 28 people dead.")
    harmful = [e for e in ex.events if e.toll and e.toll.killed[0] == 28]
    assert harmful and harmful[0].place is not None and harmful[0].place.name == "Mandera"


def test_two_named_neighbourhoods_hit_the_same_day_are_two_events():
    ex = extract_document(Document(id="n", published="2014-07-30", text=(
        "At least 15 Palestinians were killed on Wednesday afternoon when Israeli shells struck "
        "a crowded market in the Shujaiya neighbourhood east of Gaza City. At dawn the same "
        "day, shells hit a UN school in the Jabalia refugee camp, killing at least 16.")))
    tolls = sorted(e.toll.killed for e in ex.events if e.toll.killed != (None, None))
    assert tolls == [(15, 15), (16, 16)]


@pytest.mark.parametrize("text, year", [
    ("Relatives gathered on Thursday to remember the 2009 massacre in Maguindanao.", 2009),
    ("On Monday a court heard evidence about the 2016 bombing of the market in Kabul.", 2016),
])
def test_a_year_in_the_events_own_name_dates_it(text, year):
    ex = extract_document(Document(id="y", published="2019-12-19", text=text))
    assert [e.date.start.year for e in ex.events if e.date] == [year]


def test_a_bare_year_in_a_later_sentence_does_not_date_the_lead_event():
    ex = extract_document(Document(id="z", text=(
        "Egypt's public prosecutor says 305 people were killed at the al-Rawda mosque, where "
        "gunmen fired through its doors and windows. The attack exposes the failure of years of "
        "military campaigns against the insurgency in northern Sinai. The Islamic State "
        "affiliate there also claimed the downing of a Russian airliner over the peninsula in "
        "2015, which killed all 224 people on board.")))
    lead = next(e for e in ex.events if e.toll.killed[0] == 305)
    assert lead.date is None
