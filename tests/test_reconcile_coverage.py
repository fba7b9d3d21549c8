"""Reconciling coverage as real outlets write it: aftermath inside a report, undated follow-ups,
outlets that name the weapon differently, and figures that are not the incident's toll.
Every text here is written for the test (issue 11, item 4)."""
from __future__ import annotations

import datetime as dt

from typer.testing import CliRunner

from harmwatch.models import CasualtyClaim, DateRange, Event, Place
from harmwatch.reconcile import reconcile_store
from harmwatch.reconcile.build import DocInfo, Evidence, build_incidents
from harmwatch.reconcile.cues import other_strike, times_of_day
from harmwatch.reconcile.synthesis import Meta
from harmwatch.store import Store

from test_reconcile import AIR, IED, KHARKIV, MOGADISHU, SHELL, Builder, k, same
from test_reconcile_cli import make_app

D = dt.date
SUICIDE = "Suicide bomb"
BAIDOA = Place(name="Baidoa", country="SO", admin1="Bay", lat=3.1138, lon=43.6498,
               precision="city", geonameid=64435)
MARIUPOL_OBLAST = Place(name="Donetsk", country="UA", admin1="Donetsk", lat=48.0159,
                        lon=37.8028, precision="city", geonameid=709717)
SARAJEVO = Place(name="Sarajevo", country="BA", admin1="Federation of Bosnia and Herzegovina",
                 lat=43.8486, lon=18.3564, precision="city", geonameid=3191281)
SLOVIANSK = Place(name="Sloviansk", country="UA", admin1="Donetsk", lat=48.8667, lon=37.6167,
                  precision="city", geonameid=696643)


def report_of_several(doc_id, published, text, events, claims):
    """One report with several events: ``events`` as (type, place, day, sentence),
    ``claims`` as (event index, claim dict)."""
    evs = [Event(id=f"{doc_id}:e{i}", doc_id=doc_id, type=t, place=p, sentence=s,
                 date=DateRange(start=d, end=d, precision="day") if d else None)
           for i, (t, p, d, s) in enumerate(events, 1)]
    cls = []
    for n, (i, c) in enumerate(claims, 1):
        c.setdefault("span", (0, 1))
        cls.append(CasualtyClaim(id=f"{doc_id}:c{n}", doc_id=doc_id, event=evs[i].id, **c))
    info = DocInfo(meta=Meta(published=published, url=f"https://{doc_id}.example/"), text=text)
    return evs, cls, info


# -- aftermath ---------------------------------------------------------------------------------

def test_aftermath_of_a_report_joins_its_strike_and_adds_no_incident():
    day = D(2024, 2, 3)
    text = ("A car bomb tore through a crowded street in Baidoa on Saturday, killing 14 people. "
            "Police later arrested four suspects and seized two rifles. "
            "Mourners marched through the town on Sunday to protest the killings.")
    evs, cls, info = report_of_several("bd1", day, text, [
        (IED, BAIDOA, day, text.split(". ")[0]),
        ("Arrests", BAIDOA, day, text.split(". ")[1]),
        ("Peaceful protest", BAIDOA, D(2024, 2, 4), text.split(". ")[2]),
    ], [(0, dict(k(14), sentence=text.split(". ")[0]))])
    incs = build_incidents(Evidence(events=evs, claims=cls, docs={"bd1": info}))
    assert len(incs) == 1
    inc = incs[0]
    assert set(inc.event_ids) == {"bd1:e1", "bd1:e2", "bd1:e3"}
    assert inc.type == IED and inc.date_start == day  # the aftermath says nothing of these
    assert inc.killed.low == 14


def test_a_report_of_two_harmful_events_stays_two_incidents():
    """Control: only events without harm are folded; a second strike with victims is not."""
    day = D(2024, 2, 3)
    text = ("A car bomb killed 14 people in Baidoa on Saturday. "
            "In Mogadishu, a roadside bomb killed three soldiers.")
    first, second = text.split(". ")
    evs, cls, info = report_of_several("bd2", day, text, [
        (IED, BAIDOA, day, first), (IED, MOGADISHU, day, second),
    ], [(0, dict(k(14), sentence=first)), (1, dict(k(3, group="soldiers"), sentence=second))])
    assert len(build_incidents(Evidence(events=evs, claims=cls, docs={"bd2": info}))) == 2


def _store_with(tmp_path, builder):
    path = str(tmp_path / "hw.db")
    with Store(path) as s:
        for d in builder.documents:
            s.add_document_with_extraction(builder.documents[d], builder.extractions[d])
        reconcile_store(s)
    return path


def test_incidents_hides_events_without_harm_and_with_weak_evidence(tmp_path):
    b = Builder()
    day = D(2024, 3, 9)
    b.report("calm", day, "Both sides announced a ceasefire in Baidoa on Saturday.",
             type="Agreement", place=BAIDOA, day=day)
    b.report("hit", day, "A roadside bomb killed five people in Mogadishu on Saturday.",
             type=IED, place=MOGADISHU, day=day, claims=[k(5)])
    db = _store_with(tmp_path, b)
    run = lambda *a: CliRunner().invoke(make_app(), ["--db", db, "incidents", *a],
                                        catch_exceptions=False)
    shown = run("--format", "jsonl").stdout
    assert "hit:e1" in shown and "calm:e1" not in shown
    table = run().stdout
    assert "1 incident(s)" in table and "--all" in table
    everything = run("--all", "--format", "jsonl").stdout
    assert "hit:e1" in everything and "calm:e1" in everything


# -- undated reports ---------------------------------------------------------------------------

def test_undated_report_without_a_place_joins_by_its_words():
    b = Builder()
    day = D(2023, 8, 19)
    b.report("u1", day, "A truck bomb exploded at the Shabelle fish market checkpoint in "
             "Mogadishu on Saturday, killing 22 traders and porters.", type=IED,
             place=MOGADISHU, day=day, claims=[k(22)])
    b.report("u2", None, "Porters at the Shabelle fish market are still clearing the "
             "wreckage left by the truck bomb at the checkpoint, which killed 25.", type=IED,
             claims=[k(25)])
    b.report("u3", None, "Farmers in the Bay region say the rains have failed and a "
             "roadside bomb wrecked a water truck, killing two.", type=IED, claims=[k(2)])
    incs = b.incidents()
    assert same(incs, "u1", "u2")
    assert not same(incs, "u1", "u3")  # control: no shared words, no place: left alone


def test_undated_report_that_names_the_other_reports_place_joins_it():
    b = Builder()
    day = D(2022, 5, 2)
    b.report("s1", day, "A missile hit a bus depot in Sloviansk on Monday, killing nine.",
             type=SHELL, place=SLOVIANSK, day=day, claims=[k(9)])
    b.report("s2", None, "The regional governor said the strike on the Sloviansk bus depot "
             "on Monday killed 11.", type=SHELL, place=MARIUPOL_OBLAST, day=day,
             claims=[k(11)])
    incs = b.incidents()
    assert same(incs, "s1", "s2")
    assert {i.killed.low for i in incs if "s1:e1" in i.event_ids} == {9}


# -- type families -----------------------------------------------------------------------------

def test_a_bombing_of_unnamed_weapon_matches_any_explosive_type():
    b = Builder()
    day = D(2021, 6, 12)
    b.report("t1", day, "Warplanes struck the main market of Baidoa on Saturday, killing 30.",
             type=AIR, place=BAIDOA, day=day, claims=[k(30)])
    b.report("t2", day, "The bombing of Baidoa on Saturday killed 33, officials said.",
             type=IED, place=BAIDOA, day=day, claims=[k(33)])
    assert same(b.incidents(), "t1", "t2")  # "the bombing" names no weapon: it fits
    c = Builder()
    c.report("t1", day, "Warplanes struck the main market of Baidoa on Saturday, killing 30.",
             type=AIR, place=BAIDOA, day=day, claims=[k(30)])
    c.report("t3", day, "A suicide bomber blew himself up in Baidoa on Saturday, killing 30.",
             type=SUICIDE, place=BAIDOA, day=day, claims=[k(30)])
    assert not same(c.incidents(), "t1", "t3")  # control: warplanes and a suicide bomber


# -- figures that are not the toll -------------------------------------------------------------

def test_parts_increments_and_other_strikes_never_set_the_low_end():
    b = Builder()
    day = D(2024, 5, 14)
    first = "Shells hit the grain market in Baidoa on Tuesday, killing 19 people."
    other = ("In a separate incident, a drone hit a house in a camp outside the town, "
             "killing two women.")
    b.report("f1", day, f"{first} {other}", type=SHELL, place=BAIDOA, day=day,
             sentence=first,
             claims=[dict(k(19), sentence=first), dict(k(2, group="women"), sentence=other)])
    later = "Rescuers recovered four more bodies from the market on Wednesday."
    b.report("f2", D(2024, 5, 15), "The toll from Tuesday's shelling of the Baidoa grain "
             f"market rose to 23, eight of them children. {later}", type=SHELL, place=BAIDOA,
             day=day, claims=[k(23), k(8, group="children"),
                              dict(k(4, number_text="four"), sentence=later)])
    b.report("f3", D(2024, 5, 16), "Seven children were among the dead of the market "
             "shelling in Baidoa, a charity said.", type=SHELL, place=BAIDOA, day=day,
             claims=[k(7, group="children", number_text="Seven")])
    incs = b.incidents()
    assert same(incs, "f1", "f2", "f3")
    inc = incs[0]
    assert (inc.killed.low, inc.killed.high) == (19, 23)
    assert not any(c.claim_id == "f1:c2" for c in inc.killed.claims)  # the other strike


def test_a_report_naming_only_children_still_gives_the_low():
    """Control: with no figure for all the victims, a part is all there is."""
    b = Builder()
    day = D(2024, 5, 14)
    b.report("c1", day, "Shells hit a school in Baidoa on Tuesday, killing six children.",
             type=SHELL, place=BAIDOA, day=day, claims=[k(6, group="children")])
    assert b.incidents()[0].killed.low == 6


def test_an_earlier_count_spans_the_range_but_is_never_the_best():
    b = Builder()
    day = D(2023, 6, 27)
    b.report("r1", D(2023, 6, 29), "The number killed by the missile that hit a cafe in "
             "Kharkiv on Tuesday has risen to 11, up from 4 on the first night.", type=SHELL,
             place=KHARKIV, day=day,
             claims=[k(11), dict(k(4), subtotal=True, scope="superseded")])
    inc = b.incidents()[0]
    assert (inc.killed.low, inc.killed.best, inc.killed.high) == (4, 11, 11)


def test_other_strike_is_told_by_words_not_by_any_second_sentence():
    event = "Shells hit the grain market in Baidoa on Tuesday, killing 19 people."
    assert other_strike("In a separate incident, a drone killed two women in a camp.", event)
    assert other_strike("A drone strike hit a house in the camp, killing two women.", event)
    assert not other_strike("Most of the 19 dead were traders at the market.", event)
    assert not other_strike(event, event)


def test_a_time_told_of_the_aftermath_does_not_separate_reports():
    assert times_of_day("A glide bomb hit the block on Thursday afternoon.")
    assert not times_of_day("The toll rose to five, including a boy who died in hospital "
                            "overnight, the service said.")
    b = Builder()
    day = D(2024, 6, 6)
    b.report("k1", day, "A glide bomb hit an apartment block in Kharkiv on Thursday "
             "afternoon, killing three.", place=KHARKIV, day=day, claims=[k(3)])
    b.report("k2", D(2024, 6, 7), "The number killed when a glide bomb hit an apartment block "
             "in Kharkiv on Thursday has risen to five, including a girl who died overnight.",
             place=KHARKIV, day=day, claims=[k(5)])
    assert same(b.incidents(), "k1", "k2")


def test_loose_compatibility_covers_every_merge_made_on_words():
    """Incremental runs load what ``loose_score`` connects, without the reports' words: it
    must allow every pair ``score`` allows with them (else a re-run would differ)."""
    from harmwatch.reconcile.build import event_items
    from harmwatch.reconcile.cluster import EventItem, loose_score, score

    b = Builder()
    day = D(2022, 5, 2)
    b.report("w1", day, "A missile hit a bus depot in Sloviansk on Monday, killing nine.",
             type=SHELL, place=SLOVIANSK, day=day, claims=[k(9)])
    b.report("w2", None, "The regional governor said the strike on the Sloviansk bus depot "
             "killed 11.", type=AIR, place=MARIUPOL_OBLAST, day=day, claims=[k(11)])
    b.report("w3", D(2022, 5, 6), "Another wounded man died on Thursday, taking the number "
             "killed at the Sloviansk depot to 12.", type="Attack", place=SLOVIANSK,
             day=D(2022, 5, 5), claims=[k(12)])
    b.report("w4", None, "The bombing of the bus depot killed 12, officials said.",
             type=IED, claims=[k(12)])
    ev = b.evidence()
    rich = {it.id: it for it in event_items(ev.events, ev.claims, ev.docs)}
    bare = {e.id: EventItem.from_event(e) for e in ev.events}
    merged = [(x, y) for x in rich for y in rich if x < y and score(rich[x], rich[y])]
    assert ("w1:e1", "w3:e1") in merged  # positive control: a merge that rests on words
    assert all(loose_score(bare[x], bare[y]) is not None for x, y in merged)


def test_undated_report_without_a_place_joins_by_a_shared_toll():
    def run(toll):
        b = Builder()
        day = D(2023, 3, 5)
        b.report("g1", day, "A drone struck a crowded livestock auction near Baidoa on "
                 "Sunday, killing 27 herders.", type=AIR, place=BAIDOA, day=day, claims=[k(27)])
        b.report("g2", None, f"Families buried {toll} people on Tuesday; the United Nations "
                 "called for an inquiry.", type=AIR, claims=[k(toll)])
        return same(b.incidents(), "g1", "g2")

    assert run(27)
    assert not run(4)  # control: a small figure anyone could give is no evidence


def test_undated_report_without_a_place_joins_by_a_target_few_strikes_share():
    def run(target):
        b = Builder()
        day = D(2022, 11, 8)
        b.report("t1", day, f"Helicopters fired rockets on a {target} near Bakool on Tuesday, "
                 "killing 31 people, regional administrators told reporters in the provincial "
                 "capital.", type=AIR, place=BAIDOA, day=day, claims=[k(31)])
        b.report("t2", None, f"Relatives said 35 people died when aircraft struck the {target} "
                 "at night; officials denied it and promised compensation after elders "
                 "complained.", type=AIR, claims=[k(35)])
        return same(b.incidents(), "t1", "t2")

    assert run("wedding") and run("funeral")  # one word in common, with no place or date
    assert not run("market")  # control: markets are hit too often to tell strikes apart


def test_a_towns_capture_and_the_killing_in_it_are_one_incident():
    def run(kind_a, text_a, kind_b, text_b):
        b = Builder()
        day = D(2021, 6, 5)
        b.report("c1", day, text_a, type=kind_a, place=ZARIA, day=day, claims=[k(138)])
        b.report("c2", D(2021, 6, 7), text_b, type=kind_b, place=ZARIA, day=day, claims=[k(160)])
        return same(b.incidents(), "c1", "c2")

    taken = "Fighters overran the town overnight and went from house to house; 138 died."
    shot = "Survivors described gunmen shooting residents as they fled; the toll rose to 160."
    assert run("Non-state actor overtakes territory", taken, "Armed clash", shot)
    assert run("Non-state actor overtakes territory", taken, "Attack", shot)
    # control: two kinds of weapon in one town are two blasts
    assert not run(IED, "A roadside bomb tore through a bus at the gate; 138 died.",
                   AIR, "Jets bombed the barracks at dawn; the toll rose to 160.")


def test_a_word_for_many_does_not_set_the_low_end_beside_counts():
    b = Builder()
    day = D(2024, 5, 14)
    b.report("v1", day, "Shells hit the grain market in Baidoa on Tuesday, killing 31 people.",
             type=SHELL, place=BAIDOA, day=day, claims=[k(31)])
    b.report("v2", day, "Dozens of people were killed when shells hit the Baidoa grain market "
             "on Tuesday.", type=SHELL, place=BAIDOA, day=day,
             claims=[k(24, qualifier="dozens", number_text="Dozens")])
    b.report("v3", D(2024, 5, 15), "The toll from the shelling of the Baidoa grain market rose "
             "to 36.", type=SHELL, place=BAIDOA, day=day, claims=[k(36)])
    inc = b.incidents()[0]
    assert same([inc], "v1", "v2", "v3")
    assert (inc.killed.low, inc.killed.high) == (31, 36)


def test_a_word_for_many_is_the_low_end_where_nobody_counts():
    """Control: with no count, "dozens" is all the reports say."""
    b = Builder()
    day = D(2024, 5, 14)
    b.report("w1", day, "Dozens of people were killed when shells hit the Baidoa grain market "
             "on Tuesday.", type=SHELL, place=BAIDOA, day=day,
             claims=[k(24, qualifier="dozens", number_text="Dozens")])
    assert b.incidents()[0].killed.low == 24


def test_an_undated_report_naming_a_day_without_a_year_keeps_to_that_day():
    b = Builder()
    feb, aug = D(1994, 2, 5), D(1995, 8, 28)
    b.report("s1", feb, "A shell hit the central market in Sarajevo on Saturday, killing 66.",
             type=SHELL, place=SARAJEVO, day=feb, claims=[k(66)])
    b.report("s2", aug, "Shells hit a street beside the central market in Sarajevo on Monday, "
             "killing 37.", type=SHELL, place=SARAJEVO, day=aug, claims=[k(37)])
    # worded like the August report, so only the day can tell them apart
    told = ("68 people died when shells hit a street beside the central market in Sarajevo on "
            "February 5th.")
    b.report("s3", None, told, type=SHELL, place=SARAJEVO, day=None, sentence=told,
             claims=[k(68)])
    incs = b.incidents()
    assert same(incs, "s1", "s3") and not same(incs, "s2", "s3")


def test_naming_only_a_country_does_not_join_an_event_placed_at_that_country():
    israel = Place(name="Israel", country="IL", lat=31.769, lon=35.216, precision="country")
    b = Builder()
    day = D(2014, 7, 30)
    b.report("n1", day, "Rockets fired from Gaza hit southern Israel on Wednesday, wounding 3.",
             type=SHELL, place=israel, day=day, claims=[k(3, outcome="injured")])
    b.report("n2", None, "Shells struck a school sheltering families in the north of the strip, "
             "killing 17; the army of Israel said it was looking into it.", type=SHELL, place=None,
             day=None, claims=[k(17)])
    assert not same(b.incidents(), "n1", "n2")


# -- stop 23 (recon-blind13) -------------------------------------------------------------------

ZARIA = Place(name="Zaria", country="NG", admin1="Kaduna", lat=11.0855, lon=7.7199, precision="city")
GIKONGORO = Place(name="Gikongoro", country="RW", admin1="Southern", lat=-2.4640, lon=29.5739,
                  precision="city")
KIBEHO = Place(name="Kibeho", country="RW", admin1="Southern", lat=-2.4640, lon=29.5739,
               precision="neighbourhood")
KIGALI = Place(name="Kigali", country="RW", admin1="Kigali", lat=-1.9499, lon=30.0588,
               precision="city")


def test_troops_firing_on_a_crowd_are_one_incident_whatever_each_outlet_calls_it():
    b = Builder()
    day = D(2015, 12, 12)
    b.report("z1", day, "Clashes at the mosque in Zaria between sect members and soldiers left "
             "hundreds dead.", type="Violent demonstration", place=ZARIA, day=day, claims=[k(300)])
    b.report("z2", D(2015, 12, 14), "Troops attacked the sect's mosque in Zaria, killing 347.",
             type="Attack", place=ZARIA, day=day, claims=[k(347)])
    b.report("z3", D(2015, 12, 14), "Gunmen attacked a bus at the market in Zaria, killing 4.",
             type="Attack", place=ZARIA, day=day, claims=[k(4)])
    incs = b.incidents()
    assert same(incs, "z1", "z2")  # the same target: a mosque
    assert not same(incs, "z1", "z3")  # control: a crowd and an attack elsewhere in town


def test_rebels_taking_a_town_and_killing_in_it_are_the_attack_others_report():
    b = Builder()
    day = D(2014, 4, 15)
    bentiu = Place(name="Bentiu", country="SS", admin1="Unity", lat=9.2333, lon=29.8333,
                   precision="city")
    b.report("b1", day, "After rebels took control of Bentiu, more than 200 civilians sheltering "
             "in a mosque were killed.", type="Non-state actor overtakes territory", place=bentiu,
             day=day, claims=[k(200, "more than")])
    b.report("b2", D(2014, 4, 22), "Gunmen killed more than 200 people at a mosque in Bentiu.",
             type="Attack", place=bentiu, day=day, claims=[k(200, "more than")])
    assert same(b.incidents(), "b1", "b2")


def test_a_site_one_report_placed_still_names_it_for_a_report_that_could_not():
    from harmwatch.reconcile.similarity import landmarks
    text = "Troops fired on displaced Hutus at the Kibeho camp in south-western Rwanda."
    assert "kibeho" in landmarks(text, [KIBEHO])  # placed as a site: still a landmark
    assert "kibeho" not in landmarks(text, [KIBEHO.model_copy(update={"precision": "city"})])
    b = Builder()
    day = D(1995, 4, 22)
    b.report("k1", None, "The government regrets the loss of life at the Kibeho camp in Gikongoro "
             "prefecture, where 338 died.", type="Armed clash", place=GIKONGORO, day=day,
             claims=[k(338)])
    b.docs["k1"].places = [GIKONGORO, KIBEHO]
    b.report("k2", D(1995, 4, 24), "KIGALI - Troops opened fire at the Kibeho camp, killing at "
             "least 2,000, UN officials said.", type="Armed clash", place=KIGALI, claims=[k(2000)])
    assert same(b.incidents(), "k1", "k2")


def test_a_report_without_a_place_joined_by_its_village_does_not_keep_the_town_out():
    zlitan = Place(name="Zlitan", country="LY", admin1="Misratah", lat=32.4674, lon=14.5687,
                   precision="city")
    b = Builder()
    day = D(2011, 8, 8)
    # joins m3 first and most strongly: the village both name and the 85 both give
    b.report("m2", D(2012, 5, 14), "NATO strikes on two family compounds in Majer killed 34 "
             "civilians; the figure of 85 dead given at the time could not be confirmed.",
             type=AIR, day=day, actors=["NATO"], claims=[k(34), k(85)])
    b.report("m3", D(2011, 8, 9), "NATO air strikes on family compounds killed 85 civilians in "
             "the village of Majer near Zlitan, the government said.", type=AIR, place=zlitan,
             day=day, actors=["NATO"], claims=[k(85)])
    # the alliance's own account: the town, no figure, no date
    b.report("m1", None, "NATO said its aircraft struck compounds near Zlitan used by "
             "pro-Qadhafi forces and that the strikes on the compounds were legitimate.",
             type=AIR, place=zlitan, actors=["NATO"])
    incs = b.incidents()
    assert same(incs, "m1", "m2", "m3")


def test_a_named_site_is_a_landmark_two_reports_share():
    from harmwatch.reconcile.similarity import landmarks
    assert "westgate" in landmarks("Gunmen attacked the Westgate shopping centre in 2013.")
    assert "nasser" in landmarks("An Israeli strike on Nasser hospital killed 20.")
    assert "westgate" not in landmarks("Westgate said the talks went well.")  # control: no site


def test_the_attackers_own_deaths_are_no_part_of_the_victims_toll():
    b = Builder()
    day = D(2025, 3, 12)
    text = ("The military ended the standoff on the train, killing all 33 attackers; 21 passengers "
            "had been killed by the militants.")
    b.report("j1", day, text, type="Attack", day=day, place=MOGADISHU,
             claims=[k(33, group="combatants"), k(21)])
    b.claims[0] = b.claims[0].model_copy(update={"group_text": "attackers"})
    b.report("j2", day, "Gunmen who seized the train killed 26 passengers and soldiers.", type="Attack",
             day=day, place=MOGADISHU, claims=[k(26)])
    inc = next(i for i in b.incidents() if "j1" in i.doc_ids)
    assert (inc.killed.low, inc.killed.high) == (21, 26)
    # control: soldiers killed in the attack are victims and still count
    b2 = Builder()
    b2.report("s1", day, "Gunmen killed 12 soldiers at the base.", type="Attack", day=day,
              place=MOGADISHU, claims=[k(12, group="combatants")])
    b2.claims[0] = b2.claims[0].model_copy(update={"group_text": "soldiers"})
    assert b2.incidents()[0].killed.low == 12
