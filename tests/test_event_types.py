"""Event sub-type classification and event status (harmwatch.extract.event_types).

Example sentences are our own (not the CASE 2021 dev snippets); the dev set is only read, in
place, by the last test, which is skipped when ../shared/eval is not there.
"""
from __future__ import annotations

import dataclasses
import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harmwatch.extract.event_types import (
    CASE2021_LABELS,
    LABELS,
    EventMention,
    EventType,
    classify_event,
    event_status,
    find_event_mentions,
    get_nlp,
)
from harmwatch.extract import extract_document
from harmwatch.models import ACLED_SUBTYPES, NOT_CONFLICT, Document

ROOT = Path(__file__).resolve().parents[1]

# --------------------------------------------------------------------------------------------
# One or more of our own sentences per class
# --------------------------------------------------------------------------------------------

EXAMPLES = [
    ("Airstrikes killed 12 civilians on Tuesday.", "Air/drone strike"),
    ("A drone strike hit a car carrying militants near the border.", "Air/drone strike"),
    ("Government warplanes bombed the rebel-held town overnight.", "Air/drone strike"),
    ("Separatists shelled residential areas of the city, wounding five people.",
     "Shelling/artillery/missile attack"),
    ("Two mortar rounds landed near the parliament on Thursday.",
     "Shelling/artillery/missile attack"),
    ("Rockets fired from across the border hit a school.", "Shelling/artillery/missile attack"),
    ("A roadside bomb killed four soldiers in the north.", "Remote explosive/landmine/IED"),
    ("Three farmers were wounded when their tractor hit a landmine.",
     "Remote explosive/landmine/IED"),
    ("A car bomb exploded outside the police headquarters.", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a mosque, killing 27 worshippers.", "Suicide bomb"),
    ("Two attackers wearing explosive vests detonated them at a checkpoint.", "Suicide bomb"),
    ("Militants lobbed a grenade at a police patrol, injuring two officers.", "Grenade"),
    ("A hand grenade was thrown into a crowded bar.", "Grenade"),
    ("Doctors treated dozens of people after a suspected chlorine attack on the town.",
     "Chemical weapon"),
    ("Inspectors concluded that sarin was used against civilians.", "Chemical weapon"),
    ("Heavy fighting broke out between the army and rebels on the outskirts of the city.",
     "Armed clash"),
    ("Insurgents ambushed an army patrol, killing six soldiers.", "Armed clash"),
    ("Two police officers were killed when gunmen attacked their post.", "Armed clash"),
    ("Armed men opened fire on worshippers leaving a church, killing five people.", "Attack"),
    ("Gunmen raided a village and killed 23 residents.", "Attack"),
    ("Unidentified attackers shot dead a journalist outside his home.", "Attack"),
    ("Gunmen abducted more than 80 schoolchildren from a boarding school.",
     "Abduction/forced disappearance"),
    ("Pirates kidnapped six crew members from a tanker.", "Abduction/forced disappearance"),
    ("Soldiers raped at least ten women during the raid, a UN report said.",
     "Sexual violence"),
    ("The army said it had retaken the town from the militants.",
     "Government regains territory"),
    ("Government forces recaptured the airport from rebels on Saturday.",
     "Government regains territory"),
    ("Islamist militants seized control of a key port on Wednesday.",
     "Non-state actor overtakes territory"),
    ("The Taliban overran a district headquarters in the north.",
     "Non-state actor overtakes territory"),
    ("Thousands of people marched through the capital to demand the minister's resignation.",
     "Peaceful protest"),
    ("Teachers staged a sit-in outside the ministry over unpaid salaries.", "Peaceful protest"),
    ("Police fired tear gas to disperse hundreds of protesters outside parliament.",
     "Protest with intervention"),
    ("Dozens of demonstrators were detained as police broke up a rally.",
     "Protest with intervention"),
    ("Security forces opened fire on demonstrators, killing at least seven people.",
     "Excessive force against protesters"),
    ("Troops used live ammunition against peaceful protesters.",
     "Excessive force against protesters"),
    ("Protesters threw stones at police and set fire to several cars.",
     "Violent demonstration"),
    ("Rioters torched a police station after the verdict.", "Violent demonstration"),
    ("A mob lynched a man accused of stealing a motorcycle.", "Mob violence"),
    ("Angry villagers beat two suspected thieves to death.", "Mob violence"),
    ("The warring parties signed a ceasefire agreement on Sunday.", "Agreement"),
    ("The two sides agreed to exchange hundreds of prisoners.", "Agreement"),
    ("Police arrested three men suspected of planning attacks on churches.", "Arrests"),
    ("Security forces detained a senior opposition figure at his home.", "Arrests"),
    ("Authorities imposed a night curfew in the city after the unrest.",
     "Change to group/activity"),
    ("Hundreds of fighters defected from the rebel group.", "Change to group/activity"),
    ("Police seized a large cache of weapons and ammunition in a raid on a farmhouse.",
     "Disrupted weapons use"),
    ("Air defences intercepted two drones launched towards the capital.",
     "Disrupted weapons use"),
    ("Bomb disposal experts defused an explosive device found under a bridge.",
     "Disrupted weapons use"),
    ("Foreign troops set up a military outpost near the border crossing.",
     "Headquarters or base established"),
    ("Militiamen looted the hospital and set fire to the pharmacy.",
     "Looting/property destruction"),
    ("Government troops withdrew from the town, which the rebels entered without a fight.",
     "Non-violent transfer of territory"),
    ("The militia handed over control of the airport to the national army.",
     "Non-violent transfer of territory"),
    ("Aid agencies said 50,000 people have been displaced by the violence.", "Other"),
    # not conflict events
    ("A magnitude 6.1 earthquake struck the region, killing at least 30 people.", NOT_CONFLICT),
    ("Twenty people died when a bus collided with a truck on the highway.", NOT_CONFLICT),
    ("A gas explosion destroyed a residential building in the city centre.", NOT_CONFLICT),
    ("A fire broke out at a garment factory, killing 12 workers.", NOT_CONFLICT),
    ("Police broke up a drug trafficking ring and seized 200 kilograms of cocaine.",
     NOT_CONFLICT),
    ("The European Union announced new sanctions against the officials.", NOT_CONFLICT),
    ("The Islamic State group claimed responsibility for the bombing.", NOT_CONFLICT),
    ("The weather was pleasant and the market was busy on Sunday.", NOT_CONFLICT),
]


@pytest.mark.parametrize("text,label", EXAMPLES)
def test_examples(text, label):
    et = classify_event(text)
    assert et.type == label, (text, et)


def test_every_output_label_has_an_example():
    assert {lab for _, lab in EXAMPLES} == set(LABELS)


def test_event_type_record():
    text = "Airstrikes killed 12 civilians on Tuesday."
    et = classify_event(text)
    assert isinstance(et, EventType)
    assert et.type == "Air/drone strike"
    assert 0.0 < et.confidence <= 1.0
    assert et.trigger == "Airstrikes"
    assert et.trigger_span == (0, 10)
    assert text[slice(*et.trigger_span)] == et.trigger
    with pytest.raises(dataclasses.FrozenInstanceError):
        et.type = "Attack"  # type: ignore[misc]


def test_no_event():
    et = classify_event("")
    assert et.type == NOT_CONFLICT and et.trigger is None and et.trigger_span is None


def test_priority_suicide_beats_explosion_and_intercept_beats_missile():
    assert classify_event("A suicide bomber caused a huge explosion at the gate.").type == \
        "Suicide bomb"
    assert classify_event("Air defences intercepted a missile fired at the city.").type == \
        "Disrupted weapons use"
    assert classify_event("Police found grenades and rifles hidden in a house.").type == \
        "Disrupted weapons use"


def test_context_decides():
    # an explosion at a plant is an accident, not an IED
    assert classify_event("An explosion ripped through a chemical plant, killing six.").type == \
        NOT_CONFLICT
    # the same verb, a different actor
    assert classify_event("Rebels captured the town after days of fighting.").type == \
        "Non-state actor overtakes territory"
    assert classify_event("Troops captured the town after days of fighting.").type == \
        "Government regains territory"
    # arrests at a demonstration are an intervention in the protest
    assert classify_event("Police arrested 40 people at an anti-government protest.").type == \
        "Protest with intervention"
    # an attack on soldiers is a clash, on villagers an attack
    assert classify_event("Militants attacked an army checkpoint, killing four soldiers.").type \
        == "Armed clash"
    assert classify_event("Militants attacked a village, killing four farmers.").type == "Attack"


def test_parsed_doc_is_accepted():
    text = "Rebels shelled the city on Monday."
    doc = get_nlp()(text)
    assert classify_event(text, parsed=doc) == classify_event(text)


def test_case2021_labels():
    assert len(CASE2021_LABELS) == 30
    assert set(CASE2021_LABELS.values()) == set(ACLED_SUBTYPES) | {NOT_CONFLICT}
    for code in ("NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME", "DIPLO", "ATTRIB"):
        assert CASE2021_LABELS[code] == NOT_CONFLICT
    assert CASE2021_LABELS["AIR_STRIKE"] == "Air/drone strike"
    assert CASE2021_LABELS["ART_MISS_ATTACK"] == "Shelling/artillery/missile attack"


# --------------------------------------------------------------------------------------------
# Status
# --------------------------------------------------------------------------------------------

STATUS = [
    ("The Pentagon is planning an offensive on Mosul.", "offensive", "planned"),
    ("Airstrikes killed 12 civilians on Tuesday.", "Airstrikes", "occurred"),
    ("The group threatened to attack the base.", "attack", "threatened"),
    ("Commanders held planning sessions for the attacks on Raqqa.", "attacks", "planned"),
    ("Iraqi forces are preparing an offensive to retake the city.", "offensive", "planned"),
    ("The army will launch an offensive next week.", "offensive", "planned"),
    ("The coalition plans to strike the city.", "strike", "planned"),
    ("The offensive is expected to begin on Monday.", "offensive", "planned"),
    ("Residents fear the upcoming offensive on the city.", "offensive", "planned"),
    ("Troops massed for a forthcoming offensive.", "offensive", "planned"),
    ("It is the final countdown for the offensives on Mosul and Raqqa.", "offensives", "planned"),
    ("An attack on the city is imminent, officials said.", "attack", "planned"),
    ("Turkey is poised to launch a ground offensive in Syria.", "offensive", "planned"),
    ("Iran threatened to strike US bases.", "strike", "threatened"),
    ("Hezbollah vowed to retaliate for the strike.", "retaliate", "threatened"),
    ("Hezbollah vowed to retaliate for the strike.", "strike", "occurred"),
    ("The militants warned they would attack the city.", "attack", "threatened"),
    ("He threatened a wave of attacks on the capital.", "attacks", "threatened"),
    ("Officials warned that airstrikes killed civilians.", "airstrikes", "occurred"),
    ("The rebels said they had captured the town.", "captured", "occurred"),
    ("The attack was planned by IS and killed 20 people.", "attack", "occurred"),
    ("The offensive, which began last week, has killed 40 people.", "offensive", "occurred"),
    ("Forces loyal to the government launched an offensive on Sunday.", "offensive", "occurred"),
]


@pytest.mark.parametrize("sentence,word,expected", STATUS)
def test_event_status(sentence, word, expected):
    i = sentence.index(word)
    assert event_status(sentence, (i, i + len(word))) == expected


def test_event_status_without_span_and_with_span_object():
    assert event_status("The army will launch an offensive next week.") == "planned"
    text = "Airstrikes hit the town. The army will launch an offensive next week."
    doc = get_nlp()(text)
    second = list(doc.sents)[1]
    i = second.text.index("offensive")
    assert event_status(second.text, (i, i + 9), parsed=second) == "planned"
    assert event_status(second.text, (i, i + 9), parsed=doc[second.start:second.end]) == \
        "planned"


# --------------------------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------------------------

def test_mentions_airstrike_and_planned_offensive():
    text = ("Airstrikes killed 12 civilians in Raqqa on Tuesday. Meanwhile Iraqi forces are "
            "preparing an offensive to retake Mosul.")
    ms = find_event_mentions(text)
    assert all(isinstance(m, EventMention) for m in ms)
    got = {(m.type, m.status) for m in ms}
    assert ("Air/drone strike", "occurred") in got
    assert ("Armed clash", "planned") in got
    for m in ms:
        assert text[slice(*m.trigger_span)] == m.trigger
        assert m.sentence_span[0] <= m.trigger_span[0] < m.trigger_span[1] <= m.sentence_span[1]
    # the main event first, the rest in text order; or all in text order on request
    assert ms[0].main and ms[0].type == classify_event(text).type
    assert sum(m.main for m in ms) == 1
    assert ms[1:] == sorted(ms[1:], key=lambda m: m.trigger_span)
    in_order = find_event_mentions(text, main_first=False)
    assert in_order == sorted(ms, key=lambda m: m.trigger_span)


def test_first_mention_is_the_passage_type():
    # a generic "killed" before the weapon, a protest with several cues, an attribution
    for text in (
        "Two soldiers were killed on Sunday when a roadside bomb hit their vehicle.",
        "Police arrested dozens after protesters threw stones at officers.",
        "Islamic State claimed responsibility for the suicide bombing that killed 30 people.",
        "Residents fled after militants shelled the town with mortars filled with chlorine.",
    ):
        ms = find_event_mentions(text)
        assert ms and ms[0].type == classify_event(text).type, (text, ms)


def test_mentions_accept_doc_and_drop_generic_words():
    text = "A suicide bomber blew himself up at a market, killing 20 people."
    doc = get_nlp()(text)
    ms = find_event_mentions(doc)
    assert [m.type for m in ms] == ["Suicide bomb"]
    assert find_event_mentions("") == []


def test_attribution_passage_keeps_the_embedded_event():
    text = "Islamic State claimed responsibility for the suicide bombing that killed 30 people."
    assert classify_event(text).type == NOT_CONFLICT
    assert "Suicide bomb" in {m.type for m in find_event_mentions(text)}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_never_crashes_and_spans_are_valid(text):
    et = classify_event(text)
    assert et.type in LABELS
    if et.trigger_span is not None:
        assert text[slice(*et.trigger_span)] == et.trigger
    for m in find_event_mentions(text):
        assert m.type in LABELS and m.status in ("occurred", "planned", "threatened")
        assert text[slice(*m.trigger_span)] == m.trigger
    assert event_status(text) in ("occurred", "planned", "threatened")
    if text:
        assert event_status(text, (0, min(len(text), 5))) in ("occurred", "planned",
                                                              "threatened")


# --------------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------------

def _measure():
    spec = importlib.util.spec_from_file_location("measure_event_types",
                                                  ROOT / "scripts" / "measure_event_types.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


OWN_DATA = ROOT / "training" / "event_sentences.tsv"


@pytest.mark.skipif(not OWN_DATA.exists(), reason="training/event_sentences.tsv not present")
def test_own_sentences_score():
    res, _ = _measure().evaluate(OWN_DATA)
    assert res["weighted_f1"] >= 0.95


def _eval_file() -> Path | None:
    for base in (ROOT.parent / "shared" / "eval", Path("/work/shared/eval")):
        if (base / "case2021-dev.jsonl").exists():
            return base / "case2021-dev.jsonl"
    return None


# Rules alone measured 0.967 weighted F1 on case2021-dev (the set they were written against).
# The learned classifier now overrides the rules' sub-type where it is far more confident
# (extract/subtype_blend.py): 0.940 here, in exchange for +6 points on real ACLED notes and +1.7
# on a fresh blind news set. The floor is the blended figure minus 0.02.
CASE2021_DEV_FLOOR = 0.92


@pytest.mark.skipif(_eval_file() is None,
                    reason="../shared/eval/case2021-dev.jsonl not available (third-party "
                           "evaluation data, not shipped with the repository)")
def test_case2021_dev_weighted_f1():
    path = _eval_file()
    assert path is not None
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    assert len(rows) > 100
    res, _ = _measure().evaluate(path)
    assert res["weighted_f1"] >= CASE2021_DEV_FLOOR, res


def test_possible_events_are_not_reported_as_occurred():
    from harmwatch.extract.event_types import find_event_mentions

    for text in ("Militants may attack the base next week.", "The army could launch an assault on the town."):
        assert all(m.status != "occurred" for m in find_event_mentions(text)), text


def test_what_a_victim_was_treated_for_is_not_the_event():
    got = find_event_mentions("Police detained the activist at the airport on his return from "
                              "Berlin, where he had been treated for sarin poisoning.")
    assert got and got[0].type == "Arrests"


def test_a_bare_killed_does_not_turn_fighting_into_an_attack():
    from harmwatch.extract import extract_document
    from harmwatch.models import Document

    ex = extract_document(Document(id="f", text=(
        "On 3 May 2022, fighting broke out between the army and a militia in Kadugli. "
        "Residents said 12 people were killed.")))
    assert ex.events and ex.events[0].type == "Armed clash"


def test_a_trigger_word_inside_the_name_of_a_body_names_no_event():
    got = find_event_mentions("Hundreds of students marched in Enugu on Friday, demanding that "
                              "the Anti-Kidnapping Unit be disbanded.")
    assert got and got[0].type == "Peaceful protest"
    assert "Kidnapping" not in [m.trigger for m in got]  # the protest is told by "marched"
    # control: the same word outside a name is an event
    assert find_event_mentions("Gunmen kidnapped nine students in Enugu on Friday.")[0].type == \
        "Abduction/forced disappearance"


def test_a_bomb_near_fuel_is_planted_an_explosion_at_a_depot_is_an_accident():
    bomb = find_event_mentions("A bomb hidden in a fuel tanker killed 14 people at a checkpoint "
                               "in Baidoa on Monday.")
    assert bomb and bomb[0].type == "Remote explosive/landmine/IED"
    depot = find_event_mentions("An explosion at a fuel depot killed 12 workers in Lagos on Monday.")
    assert depot and depot[0].type == NOT_CONFLICT


@pytest.mark.parametrize("text", [
    "Bodies were pulled from the charred shells of shops for two days.",
    "Only the gutted shell of the hotel was left standing.",
    "Firefighters searched the shells of burned cars along the road.",
])
def test_the_shell_of_a_building_is_no_shelling(text):
    assert "Shelling/artillery/missile attack" not in [m.type for m in find_event_mentions(text)]


def test_shells_fired_are_still_shelling():
    for text in ("Shells hit the market, killing five.", "Troops fired shells at the town."):
        assert [m.type for m in find_event_mentions(text)][:1] == ["Shelling/artillery/missile attack"]


@pytest.mark.parametrize("text", [
    "The store was hit by two glide bombs dropped from Russian aircraft, killing 19 people.",
    "Guided bombs struck a crowded hypermarket on Saturday, killing six people.",
])
def test_bombs_dropped_from_aircraft_are_an_air_strike(text):
    ex = extract_document(Document(id="a", text=text))
    assert [e.type for e in ex.events][:1] == ["Air/drone strike"]


def test_a_bomb_that_exploded_is_still_an_ied():
    ex = extract_document(Document(id="a", text="A bomb exploded in a market in Kabul, killing six people."))
    assert [e.type for e in ex.events][:1] == ["Remote explosive/landmine/IED"]


@pytest.mark.parametrize("text", [
    "Local officials said 50 people were killed and 80 injured in the Israeli strikes on Nuseirat camp "
    "on Saturday. The army said it targeted a militant commander. The attacks drew wide condemnation, "
    "alongside the explosion at a school a week earlier.",
    "Health officials said 31 people were killed and dozens injured in Russian strikes on the market in "
    "Izium. Moscow said it targeted a fuel depot. The attacks became a symbol of the war, alongside the "
    "blast at the theatre days before.",
])
def test_weak_words_are_no_repeated_evidence_for_a_generic_attack(text):
    # "injured", "targeted" name no event of their own: they may not lift a later "the attacks"
    # over the strike the passage leads with
    assert classify_event(text).type == "Air/drone strike"
