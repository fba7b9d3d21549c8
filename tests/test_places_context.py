"""Places read with the units named around them (issue 11, item 3), and water bodies.

Sentences are written for these tests. Each case names a homonym the gazetteer really has, so
that reading the name without its context would give a different place.
"""
from __future__ import annotations

import pytest

from harmwatch.extract.events import _best_place
from harmwatch.resolve import find_places, resolve_place
from harmwatch.resolve.context import find_chains


def _by_name(places, name):
    return [p for p in places if p.name == name]


# ------------------------------------------------------------------ chains of units

def test_chain_finder_reads_brackets_commas_and_countryside():
    text = ("Gunmen raided Muaja (Ancuabe, Cabo Delgado) at dawn; a march in Guanare, "
            "Portuguesa state, followed, and shells fell near Kelly in the northern "
            "countryside of Idleb.")
    chains = {text[c.head[0]:c.head[1]]: [text[s:e] for s, e, _ in c.qualifiers]
              for c in find_chains(text)}
    assert chains["Muaja"] == ["Ancuabe", "Cabo Delgado"]
    assert chains["Guanare"] == ["Portuguesa"]
    assert chains["Kelly"] == ["Idleb"]


def test_a_list_of_places_is_no_chain():
    text = "Jets struck Aleppo, Idlib and Hama overnight."
    assert find_chains(text) == []
    names = [p.name for p in find_places(text, qualifiers=False)]
    assert names == ["Aleppo", "Idlib", "Hama"]  # none is dropped as a "qualifier"


def test_bracketed_district_and_province_choose_the_homonym():
    # without context "Salvador" is the country El Salvador
    assert resolve_place("Salvador").country == "SV"
    places = find_places("Teachers marched through Salvador (Bahia) to demand back pay.")
    (salvador,) = _by_name(places, "Salvador")
    assert salvador.country == "BR" and salvador.admin1 == "Bahia"
    assert salvador.precision == "city"


def test_comma_and_state_word_choose_the_homonym():
    bare = find_places("A bus was torched in Guadalupe overnight.")
    text = "A bus was torched in Guadalupe, Zacatecas state, overnight."
    (guadalupe,) = _by_name(find_places(text), "Guadalupe")
    assert guadalupe.country == "MX" and guadalupe.admin1 == "Zacatecas"
    # the positive control: the bare name is read elsewhere, or not at all
    assert not bare or bare[0].admin1 != "Zacatecas"


def test_countryside_of_reads_the_unit_when_the_village_is_unknown():
    text = "Artillery shelled Qarqoor Zaytun in the western countryside of Hama."
    places = find_places(text)
    assert [p.name for p in places] == ["Hama"]
    assert places[0].country == "SY"


def test_unknown_head_is_no_namesake_abroad():
    # "Kani" alone is a town in Japan; within Sagaing region it is no Japanese town
    assert resolve_place("Kani").country == "JP"
    places = find_places("Jets bombed a school in Kani township in Myanmar's Sagaing region.")
    assert all(p.country == "MM" for p in places)
    assert [p.name for p in places] == ["Sagaing"]


def test_document_country_prefers_the_local_namesake():
    # Los Angeles Tetela is a town of Puebla, Mexico: not Los Angeles in the US
    text = "Armed men shot a shopkeeper in Los Angeles Tetela, Puebla, on Sunday."
    (place,) = [p for p in find_places(text, qualifiers=False)]
    assert place.country == "MX" and place.admin1 == "Puebla"
    assert resolve_place("Los Angeles").country == "US"  # control: alone it is the US city


def test_most_specific_place_wins_over_its_province():
    text = "Police dispersed a sit-in in Satna town (Satna, Madhya Pradesh) on Friday."
    everything = find_places(text)
    specific = find_places(text, qualifiers=False)
    assert {p.precision for p in everything} >= {"city", "admin1"}
    assert [p.name for p in specific] == ["Satna"]
    assert specific[0].admin1 == "Madhya Pradesh"
    assert _best_place(everything).precision == "city"


def test_town_in_brackets_stands_in_for_an_unknown_village():
    places = find_places("Drones struck positions in Bir Zaafrani (Misrata) overnight.")
    assert [p.name for p in places] == ["Misrata"]
    assert places[0].country == "LY"


# ------------------------------------------------------------------ water bodies

@pytest.mark.parametrize("text, name", [
    ("Missiles were fired at a cargo ship in the southern Red Sea.", "southern Red Sea"),
    ("A tanker was hit in the Gulf of Aden on Monday.", "Gulf of Aden"),
])
def test_sea_is_a_region_without_a_country(text, name):
    (place,) = find_places(text)
    assert place.name == name
    assert place.country is None and place.precision == "region"
    assert _best_place([place]) is place  # an event at sea keeps its place


def test_province_named_after_a_sea_keeps_its_country():
    places = find_places("Floods cut roads in Port Sudan, Red Sea state, on Monday.")
    assert [(p.name, p.country) for p in places] == [("Port Sudan", "SD"), ("Red Sea", "SD")]


def test_sea_port_city_phrase_keeps_the_city_as_event_place():
    text = "An air strike hit the harbour of the Red Sea port city of Hodeidah."
    places = find_places(text)
    assert {p.name for p in places} == {"Red Sea", "Hodeidah"}
    best = _best_place(places)
    assert best.name == "Hodeidah" and best.country == "YE"


def test_capital_named_like_its_province_is_the_city():
    # "(Valparaiso)" after Valparaiso names the region around the city: the head is the city
    text = "Firefighters protested in Valparaiso (Valparaiso) against budget cuts."
    places = find_places(text, qualifiers=False)
    assert [(p.name, p.precision) for p in places] == [("Valparaiso", "city")]
    assert places[0].country == "CL"
    assert {p.precision for p in find_places(text)} == {"city", "admin1"}  # both were read


def test_capitalised_direction_belongs_to_the_unit_name():
    # "Eastern Equatoria" is a state; read as "eastern" + "Equatoria" it is another state
    text = "Drivers protested in Torit town (Eastern Equatoria state) on Monday."
    places = find_places(text)
    assert [(p.name, p.precision) for p in places] == [
        ("Torit", "city"), ("Eastern Equatoria", "admin1")]
    assert all(p.country == "SS" for p in places)
