"""What a report says around its figures, read as a reader would (issue 11): another event
told apart, countries that are parties or groups rather than places, sources that look like
places, aftermath dates, shares of a toll, reports looking back on a strike, and names two
reports share. Every text here is written for the test."""
from __future__ import annotations

import datetime as dt

import pytest

from harmwatch.extract import extract_document
from harmwatch.models import Document
from harmwatch.reconcile import reconcile_extractions
from harmwatch.reconcile.cues import other_strike
from harmwatch.reconcile.similarity import landmarks
from harmwatch.resolve.places import find_places
from harmwatch.extract import nlp


def run(text: str, published: dt.date | None = dt.date(2022, 3, 9), doc_id: str = "d"):
    return extract_document(Document(id=doc_id, text=text, published=published))


def lows(ex) -> list[int]:
    return [e.toll.killed[0] for e in ex.events if e.toll and e.toll.killed[0] is not None]


# -- another event, told apart ----------------------------------------------------------------

def test_a_separately_told_attack_keeps_its_figure_and_date_to_itself():
    ex = run("A car bomb killed 14 people at a bus station in Baidoa on Monday, officials said. "
             "Separately, militant attacks across the region killed dozens more in 2021.")
    first = ex.events[0]
    assert first.toll.killed == (14, 14)
    assert first.date is not None and first.date.start == dt.date(2022, 3, 7)
    assert len(ex.events) == 2 and ex.events[1].toll.killed[0] is not None


def test_another_attack_with_its_own_date_does_not_take_the_lead_figure():
    ex = run("Gunmen killed at least 40 villagers in a raid on Tillaberi, an inquiry found. "
             "Another attack on the same area in January 2020 killed 12 herders.",
             published=None)
    assert sorted(lows(ex)) == [12, 40]
    lead = ex.events[0]
    assert lead.toll.killed[0] == 40 and (lead.date is None or lead.date.start.year != 2020)


def test_without_a_separating_word_the_sentences_stay_one_event():
    ex = run("A car bomb killed 14 people at a bus station in Baidoa on Monday. "
             "The attack also wounded 30 people, officials said.")
    assert len([e for e in ex.events if e.status == "occurred"]) == 1


# -- countries that are no place of the event ---------------------------------------------------

def places_of(text: str) -> list[str]:
    parsed = nlp.parse(text)
    ents = [(off + e.start_char, off + e.end_char, e.label_) for off, d in parsed for e in d.ents]
    return [p.name for p in find_places(text, entities=ents)]


def test_a_country_sold_to_or_supplied_by_is_a_party_not_a_place():
    names = places_of("Fragments showed the bomb had been made in Ohio and sold to Saudi Arabia "
                      "by the United States, investigators in Yemen said.")
    assert "Yemen" in names
    assert "Saudi Arabia" not in names and "United States" not in names


def test_a_country_inside_a_group_name_is_no_place():
    names = places_of("The bomber got within a few metres of U.S. Marines at the gate in Kabul.")
    assert "Kabul" in names and not any(n.startswith("U.S") for n in names)


def test_a_word_of_a_company_name_is_no_town():
    names = places_of("The missile was made by Lockheed Martin and fired at a market in Aden.")
    assert "Aden" in names and "Martin" not in names


def test_a_town_after_in_is_kept_when_the_report_names_other_countries():
    names = places_of("Mourners gathered in Saada on Monday, chanting slogans against Saudi "
                      "Arabia and the United States.")
    assert "Saada" in names


# -- figures and dates ------------------------------------------------------------------------

def test_hospital_officials_are_a_source_not_where_the_victims_are():
    ex = run("The toll of the market blast in Quetta rose to 41 on Monday, including 9 "
             "children, hospital officials said.")
    killed = [c for c in ex.casualties if c.count_low == 41]
    assert killed and killed[0].outcome == "killed"
    hurt = run("Forty-one people were taken to hospital after the market blast in Quetta.")
    assert any(c.outcome == "injured" for c in hurt.casualties)


def test_the_overall_toll_of_one_attack_is_its_toll_not_a_running_total():
    ex = run("Officials now say 90 people died in Tuesday's bombing in Kabul, bringing the "
             "overall toll including 7 police officers to 97.")
    assert ex.events[0].toll.killed[0] == 90
    total = run("The overall death toll for the war has passed 9,000, the ministry said on "
                "Tuesday after a bombing in Kabul killed 12.")
    assert all(c.count_low != 9000 or c.scope == "cumulative" for c in total.casualties)


def test_a_funeral_day_is_not_the_day_of_the_attack():
    ex = run("Villagers buried their dead on Tuesday after an artillery attack on a wedding in "
             "Sloviansk that killed 11 people on Sunday.")
    assert ex.events[0].date is not None and ex.events[0].date.start == dt.date(2022, 3, 6)


def test_running_totals_of_a_war_with_an_adjective_or_a_length():
    for text in ("Officials say more than 300 people have been killed in twelve days of "
                 "Russian strikes on the city.",
                 "Monitors say more than 5,000 people have died in the nine-month uprising."):
        assert all(c.scope == "cumulative" for c in run(text).casualties if c.count_low)


def test_a_figure_right_after_a_time_offset_belongs_to_an_earlier_attack():
    event = "Gunmen attacked the village of Karu on Sunday, killing 30 people."
    assert other_strike("The attack came two months after about 80 herders were killed in a "
                        "nearby village.", event)
    assert not other_strike("Two days after the attack, rescuers found 12 more bodies.", event)


# -- reconciling reports ----------------------------------------------------------------------

def reconcile(*reports):
    docs = [Document(id=i, text=t, published=p) for i, t, p in reports]
    exs = [extract_document(d) for d in docs]
    return reconcile_extractions(docs, exs), exs


@pytest.mark.parametrize("first, second, low_high", [
    pytest.param(("a", "An air strike on a camp in Rafah killed 35 people on Sunday, medics said. The "
                       "army said it had killed two senior militants in the strike.", dt.date(2024, 5, 27)),
                 ("b", "The toll from Sunday's air strike on the camp in Rafah rose to 45, the health "
                       "ministry said.", dt.date(2024, 5, 28)),
                 (35, 45), id="militants among everyone killed"),
    pytest.param(("a", "Air strikes on a village near Kunduz on 2 November 2016 killed 33 civilians, the "
                       "investigation found. Two soldiers were killed in the fighting.", dt.date(2017, 1, 12)),
                 ("b", "Air strikes on a village near Kunduz on Wednesday night killed at least 26 "
                       "civilians, officials said.", dt.date(2016, 11, 4)),
                 (26, 33), id="soldiers beside the civilians"),
])
def test_a_share_of_the_victims_never_sets_the_low_end(first, second, low_high):
    incs, _ = reconcile(first, second)
    main = max(incs, key=lambda i: len(i.event_ids))
    assert (main.killed.low, main.killed.high) == low_high


def test_a_report_looking_back_months_later_joins_the_strike():
    incs, exs = reconcile(
        ("a", "An air strike hit the trauma hospital in Kunduz on Saturday, killing 19 people, "
              "the charity said.", dt.date(2015, 10, 3)),
        ("b", "A military review published on Friday concluded that the air strike on the "
              "hospital in Kunduz was caused by human error. The charity says the strike "
              "killed 42 people.", dt.date(2016, 4, 29)))
    owner = {e: i.id for i in incs for e in i.event_ids}
    assert owner[f"a:{exs[0].events[0].id}"] == owner[f"b:{exs[1].events[0].id}"]
    # without the review the later report is about another, recent strike
    incs, exs = reconcile(
        ("a", "An air strike hit the trauma hospital in Kunduz on Saturday, killing 19 people, "
              "the charity said.", dt.date(2015, 10, 3)),
        ("b", "An air strike hit a market in Kunduz, killing 42 people, the charity said.",
         dt.date(2016, 4, 29)))
    owner = {e: i.id for i in incs for e in i.event_ids}
    assert owner[f"a:{exs[0].events[0].id}"] != owner[f"b:{exs[1].events[0].id}"]


def test_landmarks_are_place_names_not_people_or_groups():
    text = ("Gunmen attacked the village of Tessit at dawn, a spokesman, Moussa Diallo, said. "
            "The Islamic State claimed the Tessit massacre.")
    marks = landmarks(text)
    assert "tessit" in marks
    assert not marks & {"moussa", "diallo", "islamic", "state"}


def test_a_landmark_may_start_with_a_three_letter_word():
    # "Lal", "Abu", "Tel", "Deh": the name's first word is short, the name is not
    marks = landmarks("The drums sounded again at the shrine of Lal Shahbaz Qalandar on Friday.")
    assert {"shahbaz", "qalandar"} <= marks


# -- stop 16: what a sentence around the figure says --------------------------------------------

def test_a_condemnation_takes_no_figure_from_the_attack_it_names():
    ex = run("Aid agencies condemned Tuesday's attack on a market in Kidal, where at least 17 "
             "people were killed.")
    [killed] = [c for c in ex.casualties if c.outcome == "killed"]
    event = next(e for e in ex.events if e.id == killed.event)
    assert event.type != "Not a conflict event" and event.toll.killed == (17, 17)
    # control: with no conflict event in the text, the figure still has an event
    flood = run("Officials condemned the slow response to the floods in Sindh, where 12 people died.")
    assert [c.event for c in flood.casualties if c.outcome == "killed"] != [None]


def test_fresh_raids_on_another_day_are_another_event():
    ex = run("Rescuers say 40 people died in the bombing of the main hospital in Aleppo. "
             "Fresh raids on Friday hit a clinic in another district, residents said.")
    first = ex.events[0]
    assert first.toll.killed == (40, 40) and first.date is None
    assert len(ex.events) == 2 and ex.events[1].date is not None
    # control: a first attack told as "new" is the report's event, dated
    only = run("New raids on Friday killed 9 people in Aleppo, residents said.")
    assert only.events[0].date is not None and only.events[0].toll.killed == (9, 9)


def test_where_the_wounded_were_taken_is_not_where_it_happened():
    ex = run("The toll from the bombing of the rally in Mastung rose to 60 after more of the "
             "wounded died in hospitals in Quetta.")
    assert ex.events[0].place is not None and ex.events[0].place.name == "Mastung"
    # control: a hospital the strike hit is where it happened
    hit = run("An air strike destroyed the main hospital in Quetta, killing 12 people.")
    assert hit.events[0].place is not None and hit.events[0].place.name == "Quetta"


def test_the_families_of_those_killed_are_no_new_event():
    ex = run("A suicide bomber killed 20 people at a rally in Mastung on Sunday. The provincial "
             "government in Quetta announced compensation for the families of those killed.")
    assert ex.events and all(e.place is not None and e.place.name == "Mastung" for e in ex.events)
    assert not any("compensation" in (e.sentence or "") for e in ex.events)


def test_hospitals_where_families_search_are_no_target():
    from harmwatch.reconcile.cues import targets
    assert targets("75 people died in the blast at the bus park, as relatives moved between "
                   "hospitals and mortuaries looking for the missing.") == {"vehicle"}
    assert targets("The strike hit the main hospital in the city.") == {"hospital"}  # control


# -- an earlier event measured against (stop 17) ------------------------------------------------

def test_a_when_clause_of_an_earlier_date_is_another_event():
    ex = run("A bomb hidden in a fuel truck killed 31 people at a checkpoint in Kismayo on Monday, "
             "police said. It was the worst attack on the port since March 2019, when 26 people "
             "died in a hotel siege.")
    main = next(e for e in ex.events if e.toll.killed[0] is not None)
    assert main.toll.killed == (31, 31)
    told = [c for c in ex.casualties if c.count_low == 26]
    assert [c.scope for c in told] == ["background"]  # reported, never a toll
    other = next(e for e in ex.events if e.id == told[0].event)
    assert other.id != main.id and other.date is not None and other.date.start == dt.date(2019, 3, 1)


def test_the_dead_of_an_event_named_with_its_date_are_that_event_s():
    # an ACLED-style note with no publication date: the year is the note's own
    ex = run("On 9 May 2023, hundreds of traders marched in Bamenda over the 2 May market fire, "
             "which had killed 12 people. Police dispersed them with tear gas.", published=None)
    told = [c for c in ex.casualties if c.count_low == 12]
    assert [c.scope for c in told] == ["background"]
    other = next(e for e in ex.events if e.id == told[0].event)
    assert other.date is not None and other.date.start == dt.date(2023, 5, 2)
    assert all(e.toll.killed == (None, None) for e in ex.events)


def test_a_when_clause_of_the_same_day_is_the_same_event():
    ex = run("Gunmen stormed the market in Baga on Monday, when they shot dead 9 traders, the "
             "mayor said.")
    assert [e.toll.killed for e in ex.events if e.toll.killed[0] is not None] == [(9, 9)]
    assert len([e for e in ex.events if e.status == "occurred"]) == 1


def test_a_toll_since_a_day_and_month_is_a_running_total():
    ex = run("Shells hit a clinic in Deir al-Balah on Sunday, killing 8 people, the ministry said. "
             "The overall death toll in the enclave since 9 October has passed 4,300.")
    assert lows(ex) == [8]
    assert [c.scope for c in ex.casualties if c.count_low == 4300] == ["cumulative"]


def test_a_date_in_the_name_of_another_event_does_not_date_this_one():
    ex = run("Suspects in the June 4 market bombings blew themselves up in a house in Mosul late "
             "on Saturday as police closed in, killing an officer, officials said.",
             published=dt.date(2022, 7, 18))
    dated = [e.date.start for e in ex.events if e.date is not None]
    assert dated and dated[0] == dt.date(2022, 7, 16)


def test_the_day_of_a_charge_does_not_date_the_killing():
    ex = run("Three policemen were charged on Tuesday with the murder of villagers in Kalay in "
             "May 2020, where 11 men were shot dead at a checkpoint.", published=dt.date(2022, 3, 9))
    ev = [e for e in ex.events if e.toll.killed == (11, 11)]
    assert ev and ev[0].date is not None and ev[0].date.start == dt.date(2020, 5, 1)


def test_where_the_victims_came_from_is_not_where_they_were_killed():
    ex = run("Nine people, among them displaced families from Homs and Hama, were killed in an air "
             "strike on a school in Maarat al-Numan on Monday.")
    ev = next(e for e in ex.events if e.toll.killed[0] is not None)
    assert ev.place is not None and ev.place.name == "Maarat al-Numan"


def test_a_toll_across_a_whole_city_is_no_one_strike_s():
    ex = run("An air strike on a house in the Tel al-Sultan area killed 7 people, medics said. "
             "At least 52 people were killed across Rafah in the overnight strikes, the ministry said.")
    assert lows(ex) == [7]
    assert [c.scope for c in ex.casualties if c.count_low == 52] == ["cumulative"]


def test_an_earlier_day_s_bombing_named_in_passing_keeps_its_dead():
    ex = run("Two blasts hit a funeral in Jalalabad on Saturday, killing at least 6 people. The "
             "mourners had gathered for a man shot during protests after Wednesday's truck "
             "bombing, which killed at least 70 people.", published=dt.date(2022, 3, 12))
    assert [c.scope for c in ex.casualties if c.count_low == 70] == ["background"]
    assert lows(ex) == [6]


def test_a_report_s_own_dated_event_named_with_its_day_is_no_background():
    """Control: nothing later is told, so Wednesday's bombing is the report's event."""
    ex = run("The toll from Wednesday's truck bombing, which killed at least 70 people in "
             "Jalalabad, rose to 81 on Thursday, officials said.", published=dt.date(2022, 3, 11))
    assert all(c.scope != "background" for c in ex.casualties)


def test_a_country_s_state_body_is_a_party_not_a_place():
    ex = run("The bombing was planned with the help of Iran's intelligence service, officials "
             "said, after a truck bomb killed 40 people on Wednesday.")
    assert all(p.name != "Iran" for p in ex.places)
    # control: a country as the place of the event stays
    ex = run("A truck bomb killed 40 people in Iran on Wednesday, officials said.")
    assert any(p.name == "Iran" for p in ex.places)


def test_a_campaign_s_record_told_around_its_figure_is_a_running_total():
    ex = run("At least 30 people were killed when suicide bombers struck a market in Konduga on "
             "Sunday. It bore the hallmarks of Boko Haram, whose decade-long insurgency has killed "
             "more than 27,000 people. Officials blamed a group that has killed thousands of "
             "civilians in the region.")
    assert sorted((c.count_low, c.scope) for c in ex.casualties) == [
        (30, "incident"), (2000, "cumulative"), (27000, "cumulative")]
    # a single attack's toll in the perfect tense stays the attack's
    assert [c.scope for c in run("The attack has killed 12 people so far, officials said.").casualties] == ["incident"]


def test_a_later_sentence_led_by_another_time_without_a_publication_date_is_background():
    for lead, other in (("In October, two car bombs outside the ministry in Mogadishu killed 121 people.", 121),
                        ("The attack is the latest in the zone, where in November gunmen attacked a bus "
                         "and killed 34 people.", 34),
                        ("In July 2018, a suicide bombing at a rally in Dringarh killed 149 people.", 149)):
        ex = run("Two car bombs went off in the town of Mahas on Wednesday, killing at least 19 people, "
                 f"police said. {lead}", published=None)
        scopes = {c.count_low: c.scope for c in ex.casualties}
        assert scopes == {19: "incident", other: "background"}, lead
    # the report's own month is no other time
    ex = run("On 4 October 2022, two car bombs in Mahas killed 19 people. In October, the toll "
             "rose to 35.", published=None)
    assert all(c.scope == "incident" for c in ex.casualties)


def test_a_record_set_against_the_past_is_background_whatever_the_dates():
    for other in ("This was the deadliest attack on the capital since 31 July, when 31 people "
                  "were killed.",
                  "It was the worst attack on foreigners in the country since a bombing on the "
                  "island of Djerba in 2002 killed 31 people."):
        for published in (None, dt.date(2025, 8, 29)):
            ex = run("A drone attack on the night of 28 August killed 23 people, including four "
                     f"children. {other}", published=published)
            scopes = {c.count_low: c.scope for c in ex.casualties if c.count_low != 4}
            assert scopes == {23: "incident", 31: "background"}, (other, published)
    # "since" without a record set: the report's own attack, told with its aftermath
    ex = run("Since the attack, which killed 20 people, the town has been under curfew.", published=None)
    assert [c.scope for c in ex.casualties] == ["incident"]


def test_the_harm_noun_before_of_says_what_the_figure_counts():
    ex = run("UNICEF condemned the killing of seven children and the injury of more than a dozen "
             "others in the attack on a school in Kumba.")
    assert sorted((c.count_low, c.outcome) for c in ex.casualties) == [(7, "killed"), (12, "injured")]


def test_a_share_named_among_the_dead_never_sets_the_low_end():
    incs, _ = reconcile(
        ("a", "Paramilitaries attacked the Zamzam camp on Friday, killing more than 100 people. "
              "Among the dead were nine staff members of an aid group.", dt.date(2025, 4, 13)),
        ("b", "The attack on Zamzam camp on Friday killed 120 people, the UN said. The dead "
              "included 20 children.", dt.date(2025, 4, 14)))
    main = max(incs, key=lambda i: len(i.event_ids))
    assert (main.killed.low, main.killed.high) == (100, 120)


def test_shares_and_increments_are_told_by_the_words_around_the_figure():
    from harmwatch.models import CasualtyClaim
    from harmwatch.reconcile.synthesis import is_part

    def part(sentence: str, number: str) -> bool:
        return is_part(CasualtyClaim(id="x", span=(0, 1), outcome="killed", count_low=1,
                                     sentence=sentence, number_text=number))
    assert part("It found that 101 civilians were killed, plus four in a neighbouring house.", "four")
    assert part("Seven soldiers were also killed, the army said.", "Seven")
    assert part("The wave of strikes, which also killed two people in Dnipro, hit five cities.", "two")
    assert part("A senior police officer on duty was among the dead, an official said.", "A senior police officer")
    assert part("The toll rose to 46, adding that the dead included 11 children.", "11")
    assert part("We remember the four Australians among the 20 people killed in 2005.", "four")
    assert part("In Nairobi, 12 US government employees and family members and 32 Kenyan employees "
                "of the embassy were among those killed.", "12")
    # the whole stays whole
    assert not part("We remember the four Australians among the 20 people killed in 2005.", "20")
    assert not part("It found that 101 civilians were killed, plus four in a neighbouring house.", "101")
    assert not part("Gunmen killed 12 people, and a police officer was among the dead.", "12")
    assert not part("Eleven children were among 16 people killed in the strike.", "16")
    # those killed out of a crowd are the victims, all of them; a share of the hurt stays a share
    assert not part("Soldiers stormed the church where hundreds of villagers had taken refuge and "
                    "killed at least 150 of them.", "at least 150")
    assert part("Thirty people were wounded, and eight of them died later in hospital.", "eight")
    assert part("Security forces killed three of them at the scene.", "three")
    assert part("Police fired on the gunmen and killed three of them.", "three")
    assert not part("A bomber rammed a convoy carrying police, killing at least 11 of them.", "at least 11")


def test_whom_a_report_blames_is_the_attack_s_actor_when_no_sentence_of_it_names_one():
    from harmwatch.resolve.blame import blamed

    assert blamed("All sources that named a belligerent blamed Israel.") == ["Israeli military"]
    assert blamed("The attack was blamed on al-Shabaab.") == ["al-Shabaab"]
    assert blamed("Locals held US forces responsible for the deaths.") == ["US military"]
    assert blamed("Residents of Sanaa blamed the Coalition.") == ["Saudi-led coalition"]
    # a party's accusation is one side's claim
    assert blamed("Russian-installed officials in the region blamed Ukraine.") == []
    # blame for something else is no blame for the attack
    assert blamed("He blamed the Houthis for operating near civilians.") == []
    ex = run("Between three and five civilians were killed when an airstrike hit a house in the "
             "camp on 9 November. Residents blamed Russian aircraft for the raid.")
    assert [e.actors for e in ex.events if e.toll.killed[0]] == [["Russian Armed Forces"]]
    # an attack whose own sentence names its doer keeps it
    ex = run("Gunmen from al-Shabaab killed five people in Mogadishu on Monday. Residents blamed "
             "the government for the lack of security.")
    assert [e.actors for e in ex.events if e.toll.killed[0]] == [["al-Shabaab"]]


def test_victims_named_by_nationality_are_a_share_of_the_report_s_toll():
    incs, _ = reconcile(
        ("a", "Militants attacked tourists at the temple near Luxor on Monday, killing at least 60 "
              "people, police said.", dt.date(1997, 11, 18)),
        ("b", "The six attackers killed 62 people at the temple near Luxor on Monday. Among them, 36 "
              "Swiss tourists died in the massacre.", dt.date(1997, 11, 20)))
    main = max(incs, key=lambda i: len(i.event_ids))
    assert (main.killed.low, main.killed.high) == (60, 62)


def test_the_figure_after_a_noun_and_among_is_the_whole():
    ex = run("We also remember the four Australians among the 20 people killed in the second bombings.")
    assert sorted((c.count_low, c.subtotal) for c in ex.casualties) == [(4, False), (20, False)]


def test_a_lowercase_word_is_no_place_in_cased_text():
    ex = run("Investigators have identified the metro bomber as Khalid El Bakraoui, whose brother "
             "blew himself up at the airport in Brussels.")
    assert [p.name for p in ex.places] == ["Brussels"]


def test_this_town_after_a_dateline_is_the_dateline_s_town():
    text = ("OMAGH, Northern Ireland, Aug 16 - A car bomb ripped through the crowded main street of "
            "this County Tyrone market town on Saturday, killing 28 people, police in Northern "
            "Ireland said.")
    main = next(e for e in run(text, published=dt.date(1998, 8, 16)).events if e.toll.killed[0])
    assert main.place is not None and main.place.name == "OMAGH"
    # without the anaphora the province stands: the bureau may report on its surroundings
    text = text.replace("this County Tyrone market town", "a County Tyrone market town")
    main = next(e for e in run(text, published=dt.date(1998, 8, 16)).events if e.toll.killed[0])
    assert main.place is not None and main.place.name != "OMAGH"


def test_two_dates_of_the_month_a_day_apart_are_two_strikes_unless_at_night():
    def owners(first: str, second: str):
        incs, exs = reconcile(("a", first, dt.date(2009, 9, 15)), ("b", second, dt.date(2009, 9, 16)))
        owner = {e: i.id for i in incs for e in i.event_ids}
        return owner[f"a:{exs[0].events[0].id}"], owner[f"b:{exs[1].events[0].id}"]

    a, b = owners("On the morning of 5 January 2009, an air strike hit a family home in the Zeitoun "
                  "neighbourhood of Gaza City, killing 21 people.",
                  "On 6 January 2009, at about 10:00, an air strike destroyed a family home in the "
                  "Zeitoun neighbourhood of Gaza City, killing 22 people.")
    assert a != b
    a, b = owners("Late on the night of 5 January 2009, an air strike hit a family home in the Zeitoun "
                  "neighbourhood of Gaza City, killing 21 people.",
                  "On 6 January 2009, an air strike destroyed a family home in the Zeitoun "
                  "neighbourhood of Gaza City, killing 22 people.")
    assert a == b
