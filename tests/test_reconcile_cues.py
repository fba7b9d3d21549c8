"""What tells two strikes apart and what does not: the words that are no target of the strike
(where the hurt were taken, who gave the figure, remembrance), times of day told of the
aftermath, and the words every toll report shares. Every text here is written for the test."""
from __future__ import annotations

from harmwatch.reconcile.cues import conflict, cues_from, targets, times_of_day


def test_remembrance_and_funerals_are_no_targets():
    assert targets("Ten years after four suicide bombers killed 52 people, families joined a "
                   "service at St Paul's Cathedral.") == frozenset()
    assert targets("Thousands attended funeral prayers on Tuesday for the victims of the "
                   "madrassa strike.") == {"school"}
    assert targets("A suicide bomber struck a mosque during Friday prayers.") == {"mosque"}
    assert targets("A drone struck a funeral in the village.") == {"funeral"}


def test_who_gave_the_figure_by_where_they_work_is_no_target():
    assert targets("As many as 300 people were killed in the town, according to a priest at the "
                   "Cathedral of St George who helped bury them.") == frozenset()
    assert targets("Twelve were killed, according to a nurse at the district hospital.") == frozenset()
    assert targets("Gunmen stormed a church in the town, killing 30.") == {"church"}


def test_a_masjid_is_a_mosque():
    assert targets("The toll from the bombing at the Jamia Masjid rose to 62.") == {"mosque"}
    assert targets("The air strike hit a hospital in the north.") == {"hospital"}


def test_a_title_by_the_place_someone_heads_is_no_target():
    assert targets("Banani police station chief Salahuddin Khan died of his wounds.") == frozenset()
    assert targets("Gunmen stormed a police station in the town.") == {"police station"}


def test_a_bakery_cafe_and_a_restaurant_can_be_one_target():
    bakery = cues_from(["gunmen stormed the Holey Artisan Bakery"])
    cafe = cues_from(["gunmen stormed a restaurant in the diplomatic quarter"])
    market = cues_from(["gunmen stormed a market in the old city"])
    assert conflict(bakery, cafe) is None
    assert conflict(bakery, market) == "different targets"


def test_a_home_someone_was_going_to_is_no_target():
    assert targets("The strike killed 47 people, most of them women and children escorting a bride "
                   "to her new home.") == frozenset()
    assert targets("The shell hit a minibus of workers heading home from the fields.") == {"vehicle"}
    assert targets("A missile destroyed the family home in the village.") == {"residence"}


def test_the_past_an_attack_is_measured_against_is_no_target():
    assert targets("It was the deadliest attack on the town since the January 2019 cathedral bombing, "
                   "which killed more than 20 people.") == frozenset()
    assert targets("It was the worst attack since the bombing of the market in 2015.") == frozenset()
    assert targets("A bomb went off near a military truck in the market.") == {"vehicle", "market"}


def test_the_night_rescuers_worked_through_is_not_the_strike_s():
    assert times_of_day("Volunteers worked through the night at the market, where warplanes struck "
                        "three times.") == frozenset()
    assert times_of_day("Warplanes struck the market at night.")


def test_where_the_hurt_died_is_no_target():
    assert targets("The toll rose to 16, with two more of the injured dying at the Kandy General "
                   "Hospital.") == frozenset()
    assert targets("A roadside bomb hit a bus carrying workers.") == {"vehicle"}


def test_a_home_minister_and_hospitals_that_count_or_take_in_the_hurt_are_no_targets():
    assert targets("Medina hospital alone said it had taken in 73 bodies.") == frozenset()
    assert targets("The toll rose to 149, the province's home minister said.") == frozenset()
    assert targets("More than 120 people were injured and shifted to hospitals in the city.") == frozenset()
    assert targets("A shell hit their home.") == {"residence"}


def test_patients_in_hospital_and_a_list_of_treating_hospitals_are_no_targets():
    assert targets("Several of the wounded remained in hospital in a serious condition.") == frozenset()
    assert targets("Twelve were taken to hospital after the blast.") == frozenset()
    assert targets("The injured are receiving treatment at the Kano City Teaching Hospital, the "
                   "Murtala Specialist Hospital and other facilities.") == frozenset()
    assert targets("A missile hit the hospital in the city centre.") == {"hospital"}  # control


def test_a_displacement_site_is_a_camp():
    assert targets("Gunmen burned the displacement site beside the mission.") == {"camp"}
    assert targets("Shelling hit an IDP settlement near the town.") == {"camp"}


def test_news_words_every_toll_report_uses_are_no_shared_subject():
    from harmwatch.reconcile.similarity import content_words, similarity
    a = content_words("The toll rose to 49 yesterday as bodies were recovered from the tunnel.")
    b = content_words("The toll rose to 22 yesterday as bodies were pulled from the hotel.")
    c = content_words("Rescuers pulled bodies from the collapsed tunnel under the station.")
    assert similarity(a, b) < similarity(a, c)
