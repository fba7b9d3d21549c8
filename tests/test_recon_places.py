"""Where and when a report's event happened, as clustering needs it: a wire dateline, a
country that speaks as its government, a street, a site or a tribe named like a town, a name's
Arabic article, a day named without a year. Texts written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from harmwatch.extract import extract_document
from harmwatch.models import Document
from harmwatch.resolve.places import find_places

D = dt.date


def ex(text: str, published: dt.date = D(2024, 5, 6)):
    return extract_document(Document(id="t", text=text, published=published))


def occurred_places(e) -> set[str]:
    return {v.place.name.lower() for v in e.events if v.status == "occurred" and v.place}


@pytest.mark.parametrize("text", [
    "KABUL, March 3 - A roadside bomb killed nine civilians travelling to a wedding in southern "
    "Afghanistan on Tuesday, officials said.",
    "BAMAKO, May 2 - Gunmen killed at least 20 villagers in central Mali on Sunday, the army said.",
    "DAMASCUS, Jan 9 (Reuters) - Air strikes killed 14 people in a market in north-western Syria "
    "on Monday, rescuers said.",
])
def test_an_event_put_in_a_part_of_the_country_is_not_at_the_dateline(text):
    e = ex(text)
    assert occurred_places(e).isdisjoint({"kabul", "bamako", "damascus"}), occurred_places(e)


def test_a_part_of_the_dateline_town_is_still_the_town():
    e = ex("BEIRUT, Aug 4 - An explosion in a warehouse in southern Beirut killed 12 people on "
           "Tuesday, the health ministry said.")
    assert "beirut" in occurred_places(e)


@pytest.mark.parametrize("text, country", [
    ("Troops raided a house in Gaza overnight. A spokesman said Israel regretted the harm to "
     "civilians. Medics said 11 people were killed.", "Israel"),
    ("Coalition jets bombed a bridge in Mosul on Friday. Officials said Britain apologised for "
     "the deaths. Local officials said 17 people were killed.", "Britain"),
])
def test_a_country_that_speaks_as_its_government_is_not_the_place(text, country):
    e = ex(text)
    toll = [v for v in e.events if v.toll.killed[0]]
    assert toll and all(v.place is not None and v.place.name != country for v in toll)


@pytest.mark.parametrize("text, city", [
    ("A bomb exploded at a cafe on Jaffa Road in central Jerusalem.", "Jerusalem"),
    ("A car bomb went off on Haifa Street in Baghdad.", "Baghdad"),
    ("A bomb exploded at a cafe on Murree Road in Rawalpindi.", "Rawalpindi"),
])
def test_a_street_named_before_its_town_leaves_the_town_a_city(text, city):
    places = [(p.name, p.precision) for p in find_places(text)]
    assert (city, "city") in places, places


def test_an_undated_reports_day_without_a_year_keeps_another_days_attack_apart():
    for text in ("Activists say 48 people were killed when jets bombed the market on 3 June. "
                 "Witnesses described two jets and a helicopter. It was worse than the October "
                 "2022 air strike on a wedding in the same district, which killed about 30 people.",
                 "Activists say 48 people were killed when jets bombed the market on 3 June. A "
                 "similar air strike on a wedding in October 2022 killed about 30 people."):
        e = extract_document(Document(id="t", text=text))  # no publication date
        owner = {c.count_low: c.event for c in e.casualties if c.outcome == "killed"}
        assert owner[48] != owner[30], text
    same_day = extract_document(Document(id="t", text=(
        "Activists say 48 people were killed when jets bombed the market on 3 June. The air "
        "strike on 3 June also destroyed a clinic, killing 2 nurses.")))
    owner = {c.count_low: c.event for c in same_day.casualties if c.outcome == "killed"}
    assert owner[48] == owner[2]  # control: the same day is the same raid


@pytest.mark.parametrize("text, name, country", [
    ("A bomb exploded outside the embassy in Dar es Salaam on Friday.", "Dar es Salaam", "TZ"),
    ("A bomb exploded in Dar es Salaam's Oyster Bay district.", "Oyster Bay", "TZ"),
    ("Shelling hit Deir ez-Zor on Monday.", "Deir ez-Zor", "SY"),
    ("A strike hit Gaza as Israel pressed on.", "Gaza", "PS"),  # control: "as" joins no names
])
def test_a_names_lower_case_article_keeps_the_name_whole(text, name, country):
    places = [(p.name, p.country) for p in find_places(text)]
    assert (name, country) in places, places


@pytest.mark.parametrize("text, tribe", [
    ("Members of the Turi tribe continued their sit-in outside the governor's office.", "Turi"),
    ("Gunmen from the Marehan clan attacked the village at dawn.", "Marehan"),
])
def test_a_tribe_or_clan_is_a_people_not_a_place(text, tribe):
    assert tribe not in {p.name for p in find_places(text)}


@pytest.mark.parametrize("text, site, town", [
    ("Troops fired on mourners at the Santa Cruz cemetery in Dili, killing dozens.", "Santa Cruz", "Dili"),
    ("A bomb went off at Lubyanka station in Moscow during the rush hour.", "Lubyanka", "Moscow"),
    ("A strike hit Nuseirat camp in Gaza overnight.", None, "Gaza"),  # control: a camp is a place
])
def test_a_site_named_before_its_town_is_not_a_town(text, site, town):
    names = {p.name for p in find_places(text)}
    assert town in names and (site is None or site not in names), names
