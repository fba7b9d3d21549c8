"""Every asserted figure of dead or hurt reaches an event's toll (issue 11, item 2).

Sentences here are written for these tests. Where a test needs "no event word in reach", the
event rules are switched off (monkeypatched to find nothing), so the test exercises the path
that gives an orphan figure its own event whatever words the rules learn later.
"""
from __future__ import annotations

import pytest

import harmwatch.extract.components.triggers as triggers
from harmwatch.extract import extract_document
from harmwatch.models import Document

_VIOLENT = {"Attack", "Armed clash", "Air/drone strike", "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED", "Grenade", "Suicide bomb", "Mob violence",
            "Excessive force against protesters", "Violent demonstration", "Sexual violence",
            "Abduction/forced disappearance", "Government regains territory",
            "Non-state actor overtakes territory", "Protest with intervention"}


def run(text: str):
    return extract_document(Document(id="t", text=text))


def killed_low(ex) -> int:
    """As the ACLED scorer reads a note: the largest killed low over occurred events, else 0."""
    lows = [e.toll.killed[0] if e.toll.killed[0] is not None else e.toll.killed[1]
            for e in ex.events if e.status == "occurred"]
    return max([v for v in lows if v is not None], default=0)


@pytest.fixture
def no_event_words(monkeypatch):
    """The event rules find nothing: every figure is an orphan."""
    monkeypatch.setattr(triggers, "find_event_mentions", lambda doc: [])


@pytest.mark.parametrize("text, killed", [
    ("A shopkeeper was shot dead by two men on a motorbike in Kisumu on Sunday.", 1),
    ("Four bodies were found in a shallow grave outside the village of Mbau on Tuesday.", 4),
    ("Two herders were hacked to death near the river.", 2),
    ("The body of a trader was discovered near the market.", 1),
    ("A local councillor and his driver were killed on the road to the airport.", 2),
    ("The second suspect died in hospital on Wednesday.", 1),
])
def test_a_figure_with_no_event_word_still_reaches_a_toll(no_event_words, text, killed):
    ex = run(text)
    assert killed_low(ex) == killed
    made = [e for e in ex.events if e.status == "occurred"]
    assert len(made) == 1 and made[0].trigger is None and made[0].type in _VIOLENT
    assert all(c.event == made[0].id for c in ex.casualties if c.outcome == "killed")


def test_an_orphan_event_takes_the_sentence_place_and_date(no_event_words):
    ex = run("On 3 March 2021, three fishermen were shot dead near Bossaso.")
    (ev,) = ex.events
    assert ev.toll.killed == (3, 3)
    assert ev.date is not None and ev.date.start.isoformat() == "2021-03-03"
    assert ev.place is not None and ev.place.country == "SO"


def test_orphan_type_follows_the_victims_without_the_classifier(no_event_words, monkeypatch):
    import harmwatch.extract.classifier as classifier
    monkeypatch.setattr(classifier, "model_available", lambda: False)
    fighters = run("Six insurgents were killed near the border on Monday.")
    others = run("Six villagers were killed near the border on Monday.")
    assert [e.type for e in fighters.events] == ["Armed clash"]
    assert [e.type for e in others.events] == ["Attack"]


@pytest.mark.parametrize("text", [
    "The ministry hired 300 teachers and opened 5 new schools in the district last year.",
    "Twelve people drowned when their ferry capsized on the lake on Sunday.",
    "Eight people died of cholera in the camp this week, health officials said.",
])
def test_non_conflict_text_with_numbers_gets_no_event_of_its_own(no_event_words, text):
    assert run(text).events == []


def test_positive_control_for_the_non_conflict_check(no_event_words):
    """The same shape of sentence with a violent death does get an event."""
    ex = run("Twelve people were shot dead on the ferry on Sunday.")
    assert killed_low(ex) == 12


@pytest.mark.parametrize("text, killed", [
    ("Soldiers fought militants near Diffa; 5 militants and 2 soldiers were killed.", 7),
    ("Two policemen were killed when gunmen attacked a checkpoint. Officials said 4 attackers "
     "were also killed.", 6),
    ("Gunmen attacked an army post on Friday, killing three soldiers. The army said troops "
     "killed 9 militants in the fighting.", 12),
    ("An army operation killed 14 fighters of the group in the hills.", 14),
])
def test_fighters_deaths_count_in_the_killed_toll(text, killed):
    assert killed_low(run(text)) == killed


def test_civilian_toll_keeps_only_civilians_when_fighters_died_too():
    ex = run("Gunmen attacked the market, killing 4 civilians. Troops said 3 gunmen were also killed.")
    (ev,) = [e for e in ex.events if e.toll.killed != (None, None)]
    assert ev.toll.killed == (7, 7)
    assert ev.toll.civilians_killed == (4, 4)


@pytest.mark.parametrize("text", [
    "A drone strike killed five people, three of them civilians.",
    "A drone strike killed five people. A tribal elder said that three of the dead were civilians.",
])
def test_the_civilians_share_of_a_mixed_toll_is_the_civilian_toll(text):
    (ev,) = [e for e in run(text).events if e.toll.killed != (None, None)]
    assert ev.toll.killed == (5, 5) and ev.toll.civilians_killed == (3, 3)


def test_restated_figures_of_one_group_are_not_added():
    """Positive control for summing: the same dead told twice stay counted once."""
    ex = run("An airstrike killed 12 civilians in the town. Residents said 12 civilians died.")
    assert killed_low(ex) == 12


def test_a_bare_total_sentence_is_the_low_end():
    ex = run("Gunmen ambushed a convoy near Gao. Two drivers died. Five fatalities.")
    assert killed_low(ex) == 5


def test_victims_joined_by_and_add_up_whatever_their_groups():
    ex = run("Gunmen opened fire at a wedding; three men and two women were killed.")
    assert killed_low(ex) == 5


def test_denied_or_open_outcomes_are_no_toll():
    for text in ("Gunmen raided the village. No one was reported killed or injured.",
                 "Rebels shelled the town. Fatalities unreported.",
                 "Rebels shelled the town. The number of casualties could not be confirmed."):
        ex = run(text)
        assert all(e.toll.killed == (None, None) and e.toll.injured == (None, None) for e in ex.events), text
    # positive control: plural outcomes with no figure do count (at least two)
    ex = run("Gunmen raided the village. Several people were injured.")
    assert any(e.toll.injured == (2, 2) for e in ex.events)


def test_a_participle_after_the_victims_is_not_their_outcome():
    """Demo fault: "five people [sheltering ...] were injured, and about 4,000 displaced people
    had been staying there" read as 5 displaced and 4,000 injured."""
    ex = run("Medics said seven people sheltering in the clinic were wounded, and that some 2,500 "
             "displaced people had been living on the site.")
    got = sorted((c.outcome, c.count_low) for c in ex.casualties)
    assert got == [("displaced", 2500), ("injured", 7)]
    # positive control: a participle with nothing after it still gives its own outcome
    ex = run("Aid workers said 300 families sheltering in the school.")
    assert [(c.outcome, c.count_low) for c in ex.casualties] == [("displaced", 300)]


def test_a_month_is_not_a_hedge():
    ex = run("On 9 May 2021, gunmen killed six villagers near Tillia.")
    assert [c.modality for c in ex.casualties] == ["asserted"]
    ex = run("Officials said the fighting may kill 50 people.")  # positive control: the modal
    assert [c.modality for c in ex.casualties] == ["hypothetical"]


def test_the_doers_and_the_attempted_are_no_victims():
    assert killed_low(run("A woman was shot to death in the market by about three armed men.")) == 1
    assert killed_low(run("Gunmen tried to kill a judge in Herat on Monday.")) == 0
    # positive control: the same killing carried out
    assert killed_low(run("Gunmen killed a judge in Herat on Monday.")) == 1


def test_a_later_day_naming_the_attack_dates_an_undated_event():
    """'... has risen to 20, the governor said early Friday. Those wounded in the Thursday night
    air strike ...': the later day names the strike itself; a later day of something else does not."""
    import datetime as dt

    from harmwatch.extract import extract_document
    from harmwatch.models import Document

    lead = ("The toll of soldiers killed in an air strike in the north has risen to 20, the "
            "governor said early Friday. ")
    named = extract_document(Document(id="a", published=dt.date(2020, 2, 28), text=lead +
                                      "Others wounded in the Thursday night air strike were treated in hospitals."))
    other = extract_document(Document(id="b", published=dt.date(2020, 2, 28), text=lead +
                                      "The wounded were moved to hospitals on Thursday."))
    assert [e.date.start for e in named.events if e.date] == [dt.date(2020, 2, 27)]
    assert other.events and all(e.date is None for e in other.events)


@pytest.mark.parametrize("text, killed", [
    # the doers' own dead, in the victims' sentence or the next one
    ("Armed men raided a bus depot in Garoua and killed 11 travellers before soldiers shot dead "
     "the three gunmen.", 14),
    ("Nine worshippers were killed when assailants stormed a mosque in Maiduguri. "
     "Two of the attackers died in the exchange of fire.", 11),
    ("25 people, among them four guards, were killed, and two bombers died in the blasts.", 27),
    # doers named by what they did: kidnappers, raiders, hijackers
    ("The three kidnappers were shot dead by troops who freed the hostages; two hostages also "
     "died.", 5),
    ("Five villagers were killed by raiders who stormed the village; two raiders were killed.", 7),
    # positive control: fighters of another side are not the doers, and a share is no addition
    ("Nine people were killed in the clash, including two militants.", 9),
    # the attackers counted as they act are no dead of the attack
    ("305 people were killed at the mosque, where 25 to 30 gunmen, some carrying black flags, "
     "surrounded the building and fired through its windows.", 305),
    ("Five soldiers were killed in the ambush, in which about 40 fighters attacked the convoy.", 5),
    ("Two people were killed when gunmen opened fire; four attackers died.", 6),
])
def test_the_attackers_own_dead_add_to_a_toll_of_people(text, killed):
    assert killed_low(run(text)) == killed


@pytest.mark.parametrize("text, killed", [
    ("The mayor's office first gave a toll of 12; it was later put at 19.", 19),
    ("The army first announced 40 dead, then revised the toll to 31.", 31),
    ("At least 9 people were killed at first count; the toll later rose to 15.", 15),
    ("The police first reported 30 dead before lowering the figure to 27.", 27),
    ("The toll was revised twice; a parliamentary inquiry later put it at 212.", 212),
    ("Six people were killed on Monday and two more later died of their wounds.", 8),
    ("Twelve died on the spot and three others later at the health centre.", 15),
    ("Gunmen killed five people; two others died in hospital.", 7),
    # positive controls: a figure that stands, and "more" that counts no later death
    ("Twelve people were killed, the governor said.", 12),
    ("Thirteen people were killed; two more bodies were recovered the next morning.", 13),
])
def test_a_revised_toll_counts_as_revised(text, killed):
    assert killed_low(run("A car bomb exploded at a market in Kirkuk on Sunday. " + text)) == killed


def test_others_wounded_are_not_more_of_the_same():
    ex = run("A shell hit a school in Kramatorsk on Monday. 30 people were killed and around 90 "
             "injured; officials said 30 were killed and around 90 others had been wounded.")
    (ev,) = [e for e in ex.events if e.status == "occurred"]
    assert ev.toll.injured == (90, 90)


@pytest.mark.parametrize("text, injured", [
    # casualties someone is looking into are not said to have happened
    ("A drone strike hit a farm near Jowhar, killing a farmer. AFRICOM said it was assessing "
     "reports of civilian casualties.", (None, None)),
    # positive control: plural victims with no figure count as at least two (Airwars)
    ("A drone strike hit a farm near Jowhar, killing a farmer. Others were injured.", (2, 2)),
])
def test_reports_of_casualties_are_no_casualties(text, injured):
    ex = run(text)
    main = next(e for e in ex.events if e.toll.killed != (None, None))
    assert main.toll.injured == injured


def test_a_later_death_told_by_its_rank_raises_the_toll():
    (ev,) = [e for e in run("Shelling killed three people in the town on Friday. On Sunday a fourth "
                            "victim died of his wounds in hospital.").events if e.toll.killed != (None, None)]
    assert ev.toll.killed == (3, 4)
    late = [c for c in run("Shelling killed three people in the town on Friday. On Sunday a fourth "
                           "victim died of his wounds.").casualties if c.count_low == 4]
    assert late and late[0].number_text == "fourth"  # traced to the ordinal itself
    # a death not yet told, and a rank that is no death, change nothing
    (ev,) = [e for e in run("Shelling killed three people on Friday. Doctors said a third man may "
                            "have died.").events if e.toll.killed != (None, None)]
    assert ev.toll.killed == (3, 3)
    assert all(c.count_low != 2 for c in run("The second man was arrested on Friday.").casualties)


@pytest.mark.parametrize("text, killed", [
    ("Eleven of the children were killed when the shell hit the school.", (11, 11)),
    ("Two of the men were wounded when the patrol was ambushed.", None),
    ("Five people were killed in the raid, three of them civilians.", (5, 5)),  # control
])
def test_a_share_with_no_figure_for_everyone_is_the_toll(text, killed):
    ev = next(e for e in run(text).events if e.status == "occurred")
    if killed is None:
        assert ev.toll.injured == (2, 2) and ev.toll.killed == (None, None)
    else:
        assert ev.toll.killed == killed
