"""A place given as a distance and bearing from a town ("about 15 km south-east of Jowhar")."""
from __future__ import annotations

import pytest

from harmwatch.geo import haversine_km
from harmwatch.resolve import resolve_place
from harmwatch.resolve.places import find_places


def _only(text: str):
    found = find_places(text, qualifiers=False)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, town, km, lat_sign, lon_sign", [
    ("A strike hit a farm 30 kilometres north of Mosul.", "Mosul", 30, 1, 0),
    ("Shelling killed four people in a village some 20 km west of Aleppo.", "Aleppo", 20, 0, -1),
    ("The drone struck a car about 12 miles south-east of Kandahar.", "Kandahar", 19.3, -1, 1),
])
def test_an_offset_is_that_far_from_the_town_in_that_direction(text, town, km, lat_sign, lon_sign):
    ref = resolve_place(town)
    p = _only(text)
    assert p.resolved_name == ref.resolved_name and p.country == ref.country
    assert abs(haversine_km(ref.lat, ref.lon, p.lat, p.lon) - km) < 1.5
    if lat_sign:
        assert (p.lat - ref.lat) * lat_sign > 0
    if lon_sign:
        assert (p.lon - ref.lon) * lon_sign > 0
    assert text[p.span[0]:p.span[1]] == p.name


def test_a_homonym_abroad_before_an_offset_is_dropped():
    # the gazetteer's only Bagdad is in Arizona: the village is placed by its offset
    text = ("Two civilians were killed in an airstrike near the village of Bagdad, about 15 km "
            "south-east of Jowhar, in Somalia's Middle Shabelle region.")
    places = find_places(text, qualifiers=False)
    assert all(p.country == "SO" for p in places)
    jowhar = resolve_place("Jowhar", country="SO")
    offset = next(p for p in places if "Jowhar" in p.name)
    assert 10 < haversine_km(jowhar.lat, jowhar.lon, offset.lat, offset.lon) < 20


def test_a_village_near_its_offset_is_kept():
    # positive control: the gazetteer's reading agrees with the offset, so the finer place stays
    places = find_places("Shelling hit Ma'arat al-Nu'man, about 30 km south of Idlib.",
                         qualifiers=False)
    assert any("Nu" in p.name and "km" not in p.name for p in places)


def test_a_neighbourhood_on_the_edge_of_a_city_is_placed_in_that_city():
    places = find_places("Coalition strikes hit the Al-Daraiya neighbourhood on the western edge "
                         "of Raqqa.", qualifiers=False)
    raqqa = resolve_place("Raqqa")
    part = places[0]
    assert part.name == "Al-Daraiya" and part.precision == "neighbourhood"
    assert haversine_km(raqqa.lat, raqqa.lon, part.lat, part.lon) < 5


@pytest.mark.parametrize("text, resolved", [
    # the gazetteer's main spelling differs by a letter: still the city, with no country named
    ("A missile hit the regional administration building in Mykolaiv.", "Mykolayiv"),
    ("Shelling hit a factory in Zaporizhzhia on Monday.", "Zaporizhzhya"),
])
def test_a_big_city_spelled_another_way_is_that_city(text, resolved):
    [p] = find_places(text)
    assert p.resolved_name == resolved and p.precision == "city"


@pytest.mark.parametrize("text", [
    "Ahmad told reporters the market was hit.",  # an alias that is a first name
    "Two explosions hit the Turi market on Friday.",  # a short name near a big city's (Turin)
])
def test_a_near_spelling_needs_a_long_name_of_a_big_city(text):
    assert find_places(text) == []


@pytest.mark.parametrize("text, town", [
    ("An investigation found that the air strike on the Mariupol Drama Theatre killed close to "
     "600 people.", "Mariupol"),
    ("A suicide bomber attacked the Kabul Serena Hotel, killing eight people.", "Kabul"),
])
def test_the_town_in_a_buildings_name_places_the_event(text, town):
    from harmwatch.extract import extract_document
    from harmwatch.models import Document
    ex = extract_document(Document(id="f", text=text))
    assert [e.place.name for e in ex.events if e.place] == [town]


def _event_places(text: str, published: str = "2015-03-21") -> list[tuple[str, str]]:
    from harmwatch.extract import extract_document
    from harmwatch.models import Document
    ex = extract_document(Document(id="f", text=text, published=published))
    return [(e.place.resolved_name or e.place.name, e.place.country) for e in ex.events if e.place]


@pytest.mark.parametrize("text, town", [
    ("A car bomb exploded in the Somali capital on Saturday, killing at least 20 people.", "Mogadishu"),
    ("Suicide bombers killed 137 people at two mosques in the Yemeni capital on Friday.", "Sanaa"),
    ("A car bomb exploded in the Afghan capital, Kabul, on Saturday, killing 5 people.", "Kabul"),
])
def test_the_capital_named_by_its_country_is_the_city(text, town):
    assert _event_places(text)[0][0] == town


@pytest.mark.parametrize("text, abroad", [
    ("The death toll from Friday's suicide bombing near Madina Mosque on Al-Falah Road in Mastung "
     "rose to 52, hospital officials said.", "SA"),
    ("The death toll from Friday's suicide bombings at two Shiite mosques has risen to 137, the "
     "Houthi-controlled Saba news agency said. Hospitals in Sanaa appealed for blood.", "BF"),
    ("The airstrike hit a food factory, killing 14 workers, the Houthi-run Saba agency said.", "BF"),
])
def test_a_place_of_worship_or_an_outlet_is_not_named_after_a_town(text, abroad):
    places = _event_places(text)
    assert abroad not in {c for _, c in places}


def test_a_districts_point_is_its_seat_in_its_own_province():
    """Khogyani district of Nangarhar takes Khogyani town's point, not that of the Khugyani of
    Kandahar 500 km away."""
    (district,) = [p for p in find_places("The drone strike hit the Wazir Tangi area of Khogyani "
                                          "district, Nangarhar province, in eastern Afghanistan.")
                   if p.precision == "admin2"]
    assert district.admin1 == "Nangarhar" and haversine_km(district.lat, district.lon, 34.09, 70.18) < 30
