"""How a report's sentences tell one event from another and who died in it: victims killed
"with 13 others", a day told against the one before ("The day before, shelling hit ..."), a
month named in a report with no date, an earlier attack named with its date, a campaign and
its deadliest day, the town where hospital officials speak. Texts written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from harmwatch.extract import extract_document
from harmwatch.models import Document
from harmwatch.resolve.dates import month_day, month_days
from harmwatch.resolve.places import find_places

D = dt.date


def ex(text: str, published: dt.date | None = D(2024, 5, 6)):
    return extract_document(Document(id="t", text=text, published=published))


def occurred(e):
    return [v for v in e.events if v.status == "occurred"]


def killed(e) -> list[tuple[int | None, int | None, str]]:
    return [(c.count_low, c.count_high, c.scope) for c in e.casualties
            if c.outcome == "killed"]


# -- victims beside the named one ---------------------------------------------------------------

@pytest.mark.parametrize("text, figure, toll", [
    ("The commander was killed with 13 others in an air strike on Sunday.", 13, 14),
    ("The governor was killed along with six of his guards when a roadside bomb hit his car "
     "on Monday.", 6, 7),
    ("He died together with four civilians when the shell hit the market on Friday.", 4, 5),
    ("The minister, who was killed along with 13 others when a suicide bomber struck the race, "
     "was buried on Tuesday.", 13, 14),
])
def test_people_killed_with_a_victim_are_a_figure_and_count_with_the_victim(text, figure, toll):
    e = ex(text)
    assert [(lo, hi) for lo, hi, _ in killed(e)] == [(figure, figure)]
    assert occurred(e)[0].toll.killed == (toll, toll)


@pytest.mark.parametrize("text", [
    "Two soldiers were wounded in a firefight with about 40 rebels near the border on Sunday.",
    "Police clashed with 30 protesters outside the ministry on Sunday.",
])
def test_the_other_side_of_a_fight_is_no_victim(text):
    e = ex(text)
    assert all(lo not in (30, 40) for lo, _, _ in killed(e)), killed(e)


@pytest.mark.parametrize("text", [
    "An air strike on a car on Monday night killed five people, four foreign aid workers and "
    "their driver, medical sources said.",
    "Shelling killed five people, three of them children, on Monday.",
])
def test_a_smaller_figure_naming_some_of_the_dead_is_a_part(text):
    e = ex(text)
    parts = [c for c in e.casualties if c.count_low in (3, 4)]
    assert parts and all(c.subtotal for c in parts)
    assert occurred(e)[0].toll.killed == (5, 5)


def test_a_list_of_groups_parsed_as_apposition_still_adds_up():
    e = ex("44 SAF members, 18 rebel fighters and five civilians were killed.")
    assert occurred(e)[0].toll.killed == (67, 67)


def test_an_attacker_killed_along_with_the_victims_adds_no_victim():
    e = ex("Twenty-two people, many of them children, were killed along with the bomber, and "
           "hundreds were hurt.")
    assert occurred(e)[0].toll.killed == (22, 22)


def test_hostage_takers_split_by_the_tokenizer_are_still_the_doers():
    e = ex("Officially, 130 hostages died before the theatre was stormed; all 40 hostage-takers were "
           "killed.", published=D(2011, 12, 20))
    assert [(c.count_low, c.group) for c in e.casualties] == [(130, "people"), (40, "combatants")]


def test_a_victim_named_in_a_relative_clause_counts_once():
    e = ex("Funerals were held for the aid worker who was shot dead at a checkpoint on Monday.")
    assert occurred(e)[0].toll.killed == (1, 1)


# -- a day told against the day before ------------------------------------------------------------

@pytest.mark.parametrize("lead, day", [
    ("The day before,", D(2020, 10, 27)),
    ("A day earlier,", D(2020, 10, 27)),
    ("Two days later,", D(2020, 10, 30)),
    ("On the following day,", D(2020, 10, 29)),
    ("Twenty-four hours later,", D(2020, 10, 29)),
    ("48 hours earlier,", D(2020, 10, 26)),
])
def test_a_day_offset_dates_the_sentence_from_the_day_named_before_it(lead, day):
    e = ex("A rocket attack on the town centre on 28 October 2020 killed 21 civilians. "
           f"{lead} shelling hit a nearby village, killing five civilians.", published=None)
    dates = sorted(v.date.start for v in occurred(e) if v.date)
    assert dates == sorted([D(2020, 10, 28), day]), dates
    fives = [v for v in occurred(e) for c in e.casualties if c.event == v.id and c.count_low == 5]
    assert fives and fives[0].date.start == day


def test_a_later_count_the_next_day_stays_the_same_event():
    e = ex("A rocket attack on the town centre on 28 October 2020 killed 21 civilians. "
           "The next day the toll rose to 25.", published=None)
    assert len(occurred(e)) == 1 and occurred(e)[0].toll.killed == (21, 25)


def test_a_count_given_the_next_day_is_no_attack_of_that_day():
    e = ex("On the evening of Sunday 26 May 2024, 35 civilians were killed when an air strike set "
           "fire to a camp in Rafah. The next day the Ministry of Health said that 45 people had "
           "been killed, including 8 children.", published=None)
    assert len(occurred(e)) == 1 and occurred(e)[0].toll.killed == (35, 45)


# -- a month or a day named without a year ------------------------------------------------------

def test_a_month_named_in_an_undated_report_keeps_its_attack_apart():
    e = ex("Thousands attended the funeral of the minister, who was killed when a suicide bomber "
           "struck a marathon on April 6. In January, another minister died when a roadside "
           "bomb hit his vehicle outside the capital.", published=None)
    assert len([v for v in occurred(e) if v.type != "Not a conflict event"]) >= 2


def test_a_month_later_in_the_sentence_dates_something_else():
    e = ex("Late on 15 January 2016, armed men abducted a surgeon and his wife, who had run a "
           "clinic in Djibo for decades. A jihadist group claimed the kidnapping; the wife was "
           "released in February.", published=None)
    assert len([v for v in occurred(e) if v.type.startswith("Abduction")]) == 1


def test_month_days_reads_a_day_or_every_day_of_a_month():
    assert month_days("killed on April 6") == frozenset({(4, 6)})
    january = month_days("In January, a roadside bomb hit his car.")
    assert january is not None and len(january) == 31 and {m for m, _ in january} == {1}
    assert month_days("The bomb went off at dawn.") is None
    assert month_days("The group claimed it; she was released in February.") is None


def test_a_feast_used_as_a_name_does_not_hide_the_day_beside_it():
    assert month_day("a bomber struck a New Year marathon on April 6") == (4, 6)
    assert month_day("gunmen attacked revellers on New Year's Day") == (1, 1)


# -- an earlier attack named with its date -------------------------------------------------------

def test_a_dated_earlier_attack_does_not_date_the_report_s_own_toll():
    e = ex("The health ministry said the final toll of the explosions in the resort stood at 64 "
           "dead. Police said they had identified suspects linked to the cell behind last "
           "October's attacks on two hotels in the south, which killed 34 people.",
           published=D(2005, 7, 27))
    assert (34, 34, "background") in killed(e)
    own = next(v for v in occurred(e) for c in e.casualties if c.event == v.id and c.count_low == 64)
    assert own.date is None or own.date.start >= D(2005, 7, 1)


@pytest.mark.parametrize("text, own, motive", [
    ("The blasts on February 14, 1998 killed 58 people. The prosecution said the bombings were "
     "planned to avenge the killing of 18 Muslims in communal violence in November 1997.", 58, 18),
    ("Gunmen killed 12 villagers on Sunday in revenge for the deaths of three herders, police "
     "said.", 12, 3),
])
def test_the_dead_an_attack_avenges_are_no_part_of_its_toll(text, own, motive):
    e = ex(text, published=D(2007, 8, 1))
    assert (own, own, "incident") in killed(e) and (motive, motive, "background") in killed(e)
    assert occurred(e)[0].toll.killed == (own, own)


@pytest.mark.parametrize("text, total, high", [
    ("A ceasefire has been agreed between rival tribes after three days of violence in which at "
     "least 82 people have been killed, officials say. The fighting broke out after gunmen "
     "ambushed a convoy on Thursday, killing 42 people.", 82, None),
    ("The mission said 42 people died in the fire at the trade unions building on 2 May. Six "
     "others had been shot dead earlier during clashes in the city centre, bringing the day's "
     "toll to 48.", 48, 48),
])
def test_a_total_over_days_of_violence_or_a_whole_day_is_no_incident_toll(text, total, high):
    e = ex(text, published=D(2024, 11, 24))
    assert (total, high, "cumulative") in killed(e), killed(e)
    assert all(v.toll.killed[1] != total for v in occurred(e))


def test_a_report_about_a_dated_raid_keeps_the_raid_s_toll():
    e = ex("An inquiry found that the president bypassed the chain of command in planning the "
           "January 25 raid in the village in which 44 police commandos were killed.",
           published=D(2015, 3, 13))
    assert (44, 44, "incident") in killed(e)


# -- a campaign and its deadliest day ------------------------------------------------------------

def test_the_deadliest_day_of_a_campaign_is_the_report_s_main_event():
    e = ex("A man was sentenced to life in prison for his part in the wave of bombings that "
           "struck France in 1995. The deadliest of the attacks, on 25 July 1995, tore through a "
           "commuter train at Saint-Michel station, killing eight people. Over the following "
           "months the network planted bombs at the Maison-Blanche metro station and near the Arc "
           "de Triomphe, wounding dozens more.", published=None)
    main = occurred(e)[0]
    assert main.date is not None and main.date.start == main.date.end == D(1995, 7, 25)


# -- where hospital officials speak, places named in passing ---------------------------------------

def test_the_town_where_hospital_officials_speak_is_the_strike_s_when_nothing_else_is_named():
    e = ex("Hospital officials in Sharm el-Sheikh said on Sunday that 88 people had died in the "
           "bombings that struck the resort early on Saturday. The attacks were the deadliest in "
           "Egypt since the 1997 massacre of tourists in Luxor.", published=D(2005, 7, 24))
    assert occurred(e)[0].place is not None and occurred(e)[0].place.name == "Sharm el-Sheikh"


def _placed(e) -> set[str]:
    """The names and countries of the places the report's occurred events were put at."""
    return {x for v in occurred(e) if v.place for x in (v.place.name, v.place.country) if x}


@pytest.mark.parametrize("text, published, not_there", [
    pytest.param("Aircraft bombed a line of refugee cars on a road in the mountains on Friday, killing "
                 "41 people. The regional president accused Moscow of waging war on civilians. "
                 "Witnesses said rockets fired from the air hit the cars as they fled.",
                 D(1999, 10, 31), {"Moscow"}, id="a capital accused is a party"),
    pytest.param("Gunmen attacked a bus on a road in the hills on Friday, killing 12 people. The "
                 "governor blamed Kabul for failing to secure the road. Survivors said the attackers "
                 "fired on the bus for an hour.", D(1999, 10, 31), {"Kabul"}, id="a capital blamed is a party"),
    pytest.param("The court linked Iran to the 1992 suicide bombing of the embassy in the capital, "
                 "which killed 22 people.", D(2024, 4, 12), {"IR"}, id="a country a court links to a bombing"),
    pytest.param("U.S. soldiers fired on a crowd of protesters outside a school late Monday, killing 13 "
                 "Iraqis and wounding about 75, hospital officials said.", D(2003, 4, 29), {"US"},
                 id="the troops' own country"),
    pytest.param("At least 39 people were killed in Sunday's car bomb blast at a crowded market in the "
                 "capital, the ambulance service said. His teams had carried many of the dead and "
                 "injured to Madina and Erdogan hospitals. Witnesses said the car was parked outside a "
                 "restaurant before it exploded.", D(2017, 2, 20), {"Madina"},
                 id="where the dead and injured were carried"),
    pytest.param("Security forces killed at least 36 refugees during a protest in an eastern town near "
                 "the borders with Rwanda and Burundi on Friday, the UN mission said.", D(2017, 9, 16),
                 {"RW", "BI"}, id="neighbours along a border"),
    pytest.param("Survivors of last week's massacre in the camp who reached the border town of Adré "
                 "described fighters going from house to house and shooting men and boys. More than "
                 "800 people were killed, aid agencies said.", D(2023, 11, 20), {"Adré"},
                 id="where survivors reached"),
    pytest.param("Rebels attacked a school near the town on Sunday, killing 20 students. The rebels, "
                 "now based in eastern Congo, have attacked civilians for years.", D(2018, 6, 8), {"CD"},
                 id="where a group is based"),
    pytest.param("Jihadists attacked a passenger boat on the Niger river near the town on Thursday, "
                 "killing 49 civilians.", D(2023, 9, 7), {"NE"}, id="a river named like a country"),
])
def test_a_place_named_in_passing_is_not_where_it_happened(text, published, not_there):
    assert not _placed(ex(text, published=published)) & not_there


def test_a_district_named_so_is_a_district_before_a_bigger_province_of_that_name():
    places = find_places("Troops fired on a pick-up truck near Oting in Mon district, killing six.")
    assert [(p.country, p.precision) for p in places] == [("IN", "admin2")]


def test_a_town_named_after_a_facility_is_read_in_its_likeliest_country():
    places = find_places("Two of the wounded died at the National Hospital in Colombo.")
    assert [p.country for p in places] == ["LK"]


# -- another attack set apart by an offset after its name, a court's day -----------------------------

def test_an_attack_dated_by_an_offset_after_its_name_is_another_event():
    e = ex("Relatives gathered on Sunday to mark ten years since the bombing of the railway station "
           "in the city on 4 May 2014, which killed 31 people. They also remembered the attack on "
           "the central market two months later, in which 19 people were killed.",
           published=D(2024, 5, 5))
    own = next(v for v in occurred(e) for c in e.casualties if c.event == v.id and c.count_low == 31)
    other = next(v for v in occurred(e) for c in e.casualties if c.event == v.id and c.count_low == 19)
    assert own is not other and own.toll.killed == (31, 31)
    assert other.date is None or other.date.start != D(2014, 5, 4)


@pytest.mark.parametrize("text, year", [
    ("The European court ruled on Tuesday that the state had violated the right to life of the "
     "hostages in the 1995 hospital siege, in which 130 people died.", 1995),
])
def test_a_court_s_day_does_not_date_the_attack_named_with_its_year(text, year):
    e = ex(text, published=D(2012, 3, 9))
    dated = [v for v in occurred(e) if v.date is not None]
    assert dated and all(v.date.start.year == year for v in dated), [v.date for v in dated]


# -- where those who count work -------------------------------------------------------------------

@pytest.mark.parametrize("text, place", [
    ("The toll of the massacre at the hamlet of Ouled Allel, near Larbaa, is higher than announced: "
     "according to hospital sources in Blida and Larbaa, more than 50 people died.", "Larbaa"),
    ("Villagers near Gwoza were attacked at night; according to security sources in Maiduguri, 30 "
     "people died.", "Gwoza"),
])
def test_the_town_of_hospital_sources_is_not_the_place_when_another_is_named(text, place):
    e = ex(text, published=D(2024, 5, 6))
    assert [v.place.name for v in occurred(e) if v.place] == [place]


# -- a report's lead, a day admitted, a weekday of last week, a day of that year -----------------------

def test_a_lead_attack_placed_apart_from_an_earlier_one_stays_the_report_s_main_event():
    e = ex("Officials said aircraft attacked a column of refugees on the road near Prizren on "
           "Wednesday, killing 64 people. On Monday, missiles hit a passenger train on a bridge in "
           "southern Serbia, killing at least 10 people.", published=D(1999, 4, 14))
    main = occurred(e)[0]
    assert main.toll.killed == (64, 64) and main.date.start == D(1999, 4, 14)


@pytest.mark.parametrize("verb", ["acknowledged", "admitted", "denied"])
def test_the_day_a_party_admits_or_denies_is_not_the_attack_s(verb):
    e = ex(f"The alliance {verb} on Thursday that one of its pilots had bombed a civilian vehicle "
           "near the town, after officials said jets had killed 75 refugees on Wednesday.",
           published=D(1999, 4, 15))
    assert occurred(e)[0].date.start == D(1999, 4, 14)


def test_a_weekday_of_last_week_is_not_this_week_s():
    e = ex("Soldiers say they have found the bodies of at least 50 villagers in a village that was "
           "attacked by militiamen at dawn on Friday last week.", published=D(1993, 4, 24))
    assert occurred(e)[0].date.start == D(1993, 4, 16)


def test_a_day_of_that_year_takes_the_year_named_before_it():
    e = ex("The tribunal found him guilty of crimes against civilians in the valley in 1993, "
           "including the attack on the village on April 16 of that year, in which 116 people "
           "were killed.", published=D(2000, 3, 3))
    assert occurred(e)[0].date.start == D(1993, 4, 16)


# -- a district abroad ------------------------------------------------------------

def test_a_named_district_is_read_even_when_the_report_names_another_country():
    places = find_places("Villagers gathered at the school in Bundibugyo district on Sunday. The "
                         "rebels, now based in eastern Congo, deny it.")
    assert ("UG", "admin2") in [(p.country, p.precision) for p in places]


# -- a toll of violence, a place before "said", another place "meanwhile" ----------------

def test_the_toll_from_days_of_violence_is_an_event_of_its_own():
    e = ex("The toll from three days of violence in the state capital has risen to 129 dead, doctors "
           "said on Tuesday. Meanwhile in neighbouring provinces, clashes between two tribes on Monday "
           "killed at least 55 people. About 300,000 people were killed in the conflict that began in "
           "2003.", published=D(2021, 1, 19))
    tolls = sorted(v.toll.killed for v in occurred(e) if v.toll.killed != (None, None))
    assert tolls == [(55, 55), (129, 129)], tolls
    assert (300000, 300000, "cumulative") in killed(e)


def test_a_place_after_in_is_a_place_even_before_said():
    places = find_places("The toll rose to 83, the committee of doctors in West Darfur said on Sunday.")
    assert [(p.name, p.precision) for p in places] == [("West Darfur", "admin1")]


def test_a_shorter_span_told_later_dates_the_event_more_exactly():
    e = ex("At least 890 people were killed over three days in December in clashes between two "
           "communities, the UN said on Wednesday. The killings took place between Dec. 16 and 18 in "
           "four villages.", published=D(2019, 1, 16))
    d = occurred(e)[0].date
    assert (d.start, d.end) == (D(2018, 12, 16), D(2018, 12, 18))


def test_the_day_a_court_finds_a_state_responsible_is_not_the_killing_s():
    e = ex("The court on Thursday found the state responsible for the killing of 11 civilians in the "
           "suburb during a security sweep on 5 February 2000.", published=D(2007, 7, 27))
    assert occurred(e)[0].date.start == D(2000, 2, 5)


@pytest.mark.parametrize("sentence, figure", [
    ("Human rights groups say more than 6,000 people have died since the rebels began their "
     "uprising.", 6000),
    ("Abuses went unpunished in the region, where tens of thousands of civilians died in two wars.", 20000),
    ("Across Kherson oblast, 23 people were killed during the day.", 23),
])
def test_deaths_since_an_uprising_in_two_wars_or_across_a_province_are_running_totals(sentence, figure):
    e = ex("An army patrol killed 69 villagers in the hamlet on Sunday. " + sentence, published=D(2020, 1, 1))
    assert occurred(e)[0].toll.killed == (69, 69)
    assert [c.scope for c in e.casualties if (c.count_low or c.count_high) == figure] == ["cumulative"]


@pytest.mark.parametrize("code", ["KM-4", "AK-47", "COVID-19"])
def test_a_number_joined_to_letters_names_something_and_counts_nobody(code):
    e = ex(f"The toll from the attack near {code} has risen to 41, police said.", published=D(2020, 1, 1))
    assert [c.count_low for c in e.casualties] == [41]
