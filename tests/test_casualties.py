"""Casualty claims from sentences written for these tests (not the eval passages)."""
import pytest

from harmwatch.extract import nlp
from harmwatch.extract.attribution import SourceTracker
from harmwatch.extract.casualties import extract_claims


def claims(text):
    tracker = SourceTracker()
    out = []
    for s in nlp.sentences(nlp.parse(text)):
        out += extract_claims(s.span, s.offset, tracker.source_for(s.span))
    return out


def keys(text):
    return [(c.count_low, c.count_high, c.outcome, c.group) for c in claims(text) if c.modality == "asserted"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Shelling killed 14 civilians in the market.", [(14, 14, "killed", "civilians")]),
        ("At least nine soldiers died when their convoy hit a mine.", [(9, None, "killed", "soldiers")]),
        ("The blast left 23 people dead and 40 wounded.", [(23, 23, "killed", "people"), (40, 40, "injured", "people")]),
        ("Gunmen killed three police officers and wounded five others.",
         [(3, 3, "killed", "police"), (5, 5, "injured", "police")]),
        ("Eleven children were among those injured.", [(11, 11, "injured", "children")]),
        ("The death toll has risen to 43, including 12 children.",
         [(43, 43, "killed", "people"), (12, 12, "killed", "children")]),
        ("Up to 30 people remain missing after the raid.", [(None, 30, "missing", "people")]),
        ("Dozens of militants were killed in the fighting.", [(24, None, "killed", "combatants")]),
        ("Fighting has displaced tens of thousands of residents.", [(20000, None, "displaced", "civilians")]),
        ("A court sentenced 14 rebels to death for the attack.", []),
        ("The camp, where about 80,000 refugees live, has no clinic.", []),
        ("The convoy was hit at 14:35 near the bridge.", []),
        ("Two men were killed and six people, among them three children, were hurt by the blast.",
         [(2, 2, "killed", "people"), (6, 6, "injured", "people"), (3, 3, "injured", "children")]),
        ("Four women were among 19 people killed in the raid.",
         [(4, 4, "killed", "women"), (19, 19, "killed", "people")]),
        ("A nurse at the clinic put the dead at as many as 45.", [(None, 45, "killed", "people")]),
        ("The blast wounded three passers-by.", [(3, 3, "injured", "people")]),
        ("Police recorded 320 homicides in the city.", [(320, 320, "killed", "people")]),
        ("Rescuers recovered four martyrs from the rubble.", [(4, 4, "killed", "people")]),
        # coordinated figures share one predicate
        ("The elder said three men and two boys were among the dead.",
         [(3, 3, "killed", "people"), (2, 2, "killed", "children")]),
        ("Nine pilgrims had lost their lives, the bishop said.", [(9, 9, "killed", "people")]),
        ("The army said it had eliminated four gunmen.", [(4, 4, "killed", "combatants")]),
        ("Villagers helped bury 14 people on Sunday.", [(14, 14, "killed", "people")]),
        ("Police found the bodies of seven men near the highway.", [(7, 7, "killed", "people")]),
        # doers named by their work are people even when the lexicon does not list them
        ("Gunmen shot dead three loggers and two beekeepers.",
         [(3, 3, "killed", "people"), (2, 2, "killed", "people")]),
        ("About 800 families sought refuge in the school.", [(800, 800, "displaced", "people")]),
        ("Twelve displaced persons were killed in the camp.", [(12, 12, "killed", "people")]),
        # dead and hurt counted together are a figure of neither
        ("More than 300 people were killed or injured in the month.", []),
        ("Medics spoke of dozens of dead and wounded.", []),
        # the other side of a fight is no victim
        ("Two soldiers were wounded in a gunfight with about 30 rebels.", [(2, 2, "injured", "soldiers")]),
        # a single victim inside a figure's list or subset is counted by the figure
        ("Seven people, including a nurse, were killed.", [(7, 7, "killed", "people")]),
        ("A court sentenced 12 men to death and nine others to prison terms.", []),
        ("The prosecutor sought the death penalty for 15 of the accused.", []),
        ("The convoy was attacked by about 50 gunmen and some of them were killed.", []),
        ("Flash Update No. 02: the situation remains tense.", []),
        ("Some 4.300 persons were displaced, the ombudsman said.", [(4300, 4300, "displaced", "people")]),
        ("The group said it killed 5 soldiers, but this could not be independently confirmed.",
         [(5, 5, "killed", "soldiers")]),
        ("A strike killed 11 members of one family.", [(11, 11, "killed", "people")]),
        ("Shelling killed five displaced people in the camp.", [(5, 5, "killed", "people")]),
        ("The toll rose to 160 on Monday, up from at least 134 announced at the weekend.",
         [(160, 160, "killed", "people"), (134, None, "killed", "people")]),
        ("Doctors said they were treating about a dozen people.", [(12, 12, "injured", "people")]),
        ("A hospital received the bodies of 29 children and 48 wounded people.",
         [(29, 29, "killed", "children"), (48, 48, "injured", "people")]),
        ("The strike killed 50 people, including five children, as thousands of civilians waited at the station.",
         [(50, 50, "killed", "people"), (5, 5, "killed", "children")]),
        ("Shelling forced about 2,000 families to leave Ariha.", [(2000, 2000, "displaced", "people")]),
        ("At least 35 identified civilians belonging to two families were killed.",
         [(35, None, "killed", "civilians")]),
        ("A post spoke of the “more than” 27 killed, and 100 were wounded.",
         [(27, None, "killed", "people"), (100, 100, "injured", "people")]),
        ("Three policemen were killed and five wounded in the ambush.",
         [(3, 3, "killed", "police"), (5, 5, "injured", "police")]),
        ("Five civilians and a policeman were killed.", [(5, 5, "killed", "civilians")]),
        ("The army said it killed nine members of an armed group near the border.",
         [(9, 9, "killed", "combatants")]),
        ("The strike killed six members of the Haddad family.", [(6, 6, "killed", "people")]),
        ("A strike killed his brother, Omar Said, a teacher, on Monday.", []),
        ("Her daughter, 30 or 31 years old, was wounded.", []),
    ],
)
def test_claims(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon will send 3,000 troops to the region.",
        "He won 52 per cent of the vote, or 1,200,000 votes.",
        "About 20 rockets landed in the area on 12 March 2024.",
        "The convoy of 40 trucks reached the city after 3 days.",
        "A man aged 45 was arrested at 10:30 in the morning.",
        "The war, which began in 2014, has lasted ten years.",
        "Rebels killed villagers in Kishishe on 29 and 30 November, officials said.",
        "A special court had in 2015 sentenced five of the accused to death and seven to life imprisonment.",
        "Most of the dead were children younger than 14.",
        "Most of those killed were men older than 60, relatives said.",
    ],
)
def test_numbers_that_are_not_casualties(text):
    assert keys(text) == []


def test_predictions_are_hypothetical():
    (c,) = claims("Aid agencies warned the offensive could displace 50,000 people.")
    assert c.modality == "hypothetical" and c.outcome == "displaced"


def test_attribution_and_pronouns():
    text = ("Dr Amal Haddad, director of the city hospital, spoke to reporters. "
            "She said 17 people were killed. According to the civil defence, 30 were injured.")
    cs = claims(text)
    assert [(c.count_low, c.source) for c in cs] == [(17, "Dr Amal Haddad, director of the city hospital"),
                                                     (30, "the civil defence")]


def test_superseded_figure_is_not_a_claim():
    assert keys("The ministry said the toll had been revised from 60 to 45.") == [(45, 45, "killed", "people")]


def test_spans_and_sentences_trace_back():
    text = "Intro paragraph here.\n\nA drone strike killed at least 8 civilians, medics said."
    (c,) = claims(text)
    assert text[c.span[0]:c.span[1]] == "at least 8 civilians"
    assert text[c.sentence_span[0]:c.sentence_span[1]] == c.sentence
    assert c.source == "medics"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Militants killed eight villagers, five of them children.",
         [(8, 8, "killed", "civilians"), (5, 5, "killed", "children")]),
        ("Three of the gunmen were shot dead by police.", [(3, 3, "killed", "combatants")]),
        ("Four fishermen were among the injured.", [(4, 4, "injured", "people")]),
        ("The strike killed 15 Yemenis.", [(15, 15, "killed", "people")]),
        ("Shelling wounded 40 people, among them six civilian contractors.",
         [(40, 40, "injured", "people"), (6, 6, "injured", "civilians")]),
        ("Doctors treated 70 wounded civilians overnight.", [(70, 70, "injured", "civilians")]),
        ("Two other men were taken to hospital with gunshot wounds.", [(2, 2, "injured", "people")]),
        ("The raid killed 30 people, including 9 women and four boys.",
         [(30, 30, "killed", "people"), (9, 9, "killed", "women"), (4, 4, "killed", "children")]),
        # the group as the predicate of the figure's copula
        ("A tribal elder said that three of the dead were civilians.", [(3, 3, "killed", "civilians")]),
        ("Officials said all five dead were militants.", [(5, 5, "killed", "combatants")]),
        ("Two of the wounded were soldiers, the army said.", [(2, 2, "injured", "soldiers")]),
    ],
)
def test_partitives_subsets_and_person_nouns(text, expected):
    assert keys(text) == expected


def test_subsets_are_marked_and_do_not_lower_a_toll():
    cs = claims("A bomb killed 30 people, including 9 women. Seven of those killed were police officers.")
    assert [c.subtotal for c in cs] == [False, True, True]


def test_short_back_reference_gets_the_full_name():
    text = ("Sudan's Ministry of Health reported heavy fighting on Monday. "
            "At least 12 civilians were killed, the ministry said.")
    (c,) = claims(text)
    assert c.source == "Sudan's Ministry of Health"


def test_estimate_verbs_attribute_and_datelines_are_no_speakers():
    (c,) = claims("A United Nations assessment put the toll at about 400.")
    assert c.source == "A United Nations assessment" and c.outcome == "killed"
    (c,) = claims("KABUL (AFP) - A bomb killed six worshippers at a mosque, police said.")
    assert c.source == "police"


def test_single_named_victim_counts_as_one():
    (c,) = claims("On Monday a paramedic Hatem Saleh (41 years old) was killed near the crossing.")
    assert (c.count_low, c.count_high, c.outcome) == (1, 1, "killed")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("About 6,000 residents were forced to flee their homes.", [(6000, 6000, "displaced", "civilians")]),
        ("Twelve people were admitted to hospital.", [(12, 12, "injured", "people")]),
        ("Among the dead: 4 soldiers, 2 police officers and 9 civilians.",
         [(4, 4, "killed", "soldiers"), (2, 2, "killed", "police"), (9, 9, "killed", "civilians")]),
        ("The army said it had neutralised 30 terrorists.", [(30, 30, "killed", "combatants")]),
        ("The death toll has passed 1,200.", [(1200, None, "killed", "people")]),
        ("KHARTOUM — The death toll from the market shelling rose to 40, up from 25.",
         [(40, 40, "killed", "people"), (25, 25, "killed", "people")]),
    ],
)
def test_displacement_and_outcome_idioms(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Two officials said the talks had failed.",
        "A doctor at the city hospital said supplies were running low.",
        "Children under 15 were evacuated first.",
        "A doctor said he had counted 12 gunshot wounds in an hour.",
        "Gunmen wounded 5 people on Monday when four suicide bombers hit the market.",
    ],
)
def test_speakers_ages_and_other_clauses_are_not_victims(text):
    got = keys(text)
    assert all(k[0] not in (1, 2, 4, 12, 15) for k in got), got


def test_running_totals_are_cumulative_not_incident_figures():
    cs = claims("The strike killed 11 people on Monday. More than 30,000 people have been killed "
                "since the war began, the ministry said.")
    assert [(c.count_low, c.scope) for c in cs] == [(11, "incident"), (30000, "cumulative")]


def test_a_qualifier_covers_a_coordinated_figure():
    assert keys("Since Monday at least 23 soldiers and 26 civilians have been killed.") == [
        (23, None, "killed", "soldiers"), (26, None, "killed", "civilians")]


def test_data_that_show_a_figure_are_its_source():
    (c,) = claims("At least 40 people have been wounded in the north, Israeli figures show.")
    assert c.source == "Israeli figures"


def test_speaker_behind_an_appositive_and_a_group_back_reference():
    (c,) = claims("Shelling killed six civilians, the Civil Defence, known as the White Helmets, said.")
    assert c.source and "White Helmets" in c.source
    cs = claims("Human Rights Watch said the raid began on Monday. Eight soldiers died, the group added.")
    assert cs[-1].source == "Human Rights Watch"
    (c,) = claims("The toll rose to 19, up from 12 reported earlier.")[:1]
    assert c.source is None


@pytest.mark.parametrize("text, source", [
    # a back-reference takes the fuller name of the speaker before it
    ("The provincial governor said the shelling began at dawn. Six people were killed, the governor added.",
     "The provincial governor"),
    ("Two security sources said the convoy was ambushed. Five soldiers died, the sources said.",
     "Two security sources"),
    # "the group": the organisation that spoke before, not the last capitalised name
    ("GOMA, Congo — The Congo Doctors Union said clashes reached Goma on Monday. The group said 12 people were killed.",
     "The Congo Doctors Union"),
    # an all-capital acronym is a speaker when it is not a dateline
    ("Nine children were killed by the blast, UNICEF said.", "UNICEF"),
    ("The Syrian Observatory for Human Rights put the death toll at 11 and said 23 people were wounded.",
     "The Syrian Observatory for Human Rights"),
    ("A police spokesperson gave a lower toll of 17 dead.", "A police spokesperson"),
    ("The North Kivu health directorate said the camp was shelled. Six people died, the health directorate said.",
     "The North Kivu health directorate"),
    ("BAMAKO — The army said on Monday it had killed 20 militants.", "The army"),
])
def test_sources_resolved_across_sentences(text, source):
    cs = [c for c in claims(text) if c.modality == "asserted"]
    assert cs and all(c.source == source for c in cs)


def test_a_passive_report_names_no_speaker():
    cs = claims("On Monday, a man named Omar Haddad was reported killed by a drone strike.")
    assert cs and cs[0].source is None


def test_outcome_word_lists_keep_their_line_boundaries():
    # the lists are written as concatenated string lines: a missing space would weld two words
    from harmwatch.extract.lexicon import OUTCOME_WORDS
    for word in ("fatality", "homicide", "eliminated", "slain", "neutralized", "hurt", "maimed"):
        assert word in OUTCOME_WORDS
    assert all(len(w) <= 14 for w in OUTCOME_WORDS)


def _doc_sources(text):
    import datetime as dt

    from harmwatch.extract import extract_document
    from harmwatch.models import Document
    ex = extract_document(Document.from_text(text, published=dt.date(2024, 5, 1)))
    return {(c.count_low, c.count_high): c.source for c in ex.casualties}


def test_each_figure_takes_the_speaker_whose_verb_governs_it():
    got = _doc_sources("Shelling killed between eight and 10 people on Monday, medical sources said, "
                       "while local officials put the number of wounded at 30-40.")
    assert got[(8, 10)] == "medical sources" and got[(30, 40)] == "local officials"


def test_a_toll_reported_in_a_relative_clause_is_its_reporters():
    got = _doc_sources("The government said the death toll of 95 that the village chief first reported "
                       "was wrong. It said the number of people killed was 35.")
    assert got[(95, 95)] == "the village chief" and got[(35, 35)] == "The government"


def test_a_pronoun_takes_the_speaker_of_its_own_sentence_first():
    got = _doc_sources("Rescuers said 11 people were killed in the strike on the school. The army said it "
                       "had hit a command room; it said three fighters were killed.")
    assert got[(3, 3)] == "The army"


def test_a_hedge_in_the_next_clause_is_not_the_figures():
    cs = claims("The ministry raised the toll to 90 dead and more than 400 wounded, and warned that it could rise.")
    assert [(c.count_low, c.modality) for c in cs] == [(90, "asserted"), (400, "asserted")]


def test_an_aside_about_the_victims_does_not_say_what_happened_to_them():
    # "displaced" in the aside (parsed as a verb) describes the victims; "were killed" is the predicate
    assert keys("Between 12 and 19 villagers, most of them displaced families from Hama, were "
                "killed in the raid on Kafr Zita.") == [(12, 19, "killed", "civilians")]


@pytest.mark.parametrize("text, group", [
    ("Eleven service members were killed when the convoy was ambushed.", "soldiers"),
    ("Four army personnel died in the blast.", "soldiers"),
    ("Six crew members were killed in the missile strike.", "people"),  # control: not a force
])
def test_members_of_a_force_are_its_group(text, group):
    assert [g for *_, g in keys(text)] == [group]


def test_a_toll_that_passed_a_figure_is_more_than_it():
    assert keys("The death toll in the province has passed 1,200, officials said.") == \
        [(1200, None, "killed", "people")]
    assert keys("The death toll rose to 1,200, officials said.") == [(1200, 1200, "killed", "people")]


def test_a_share_set_off_by_commas_does_not_hide_the_predicate():
    # parsed with "civilians" as the object of "established": "were killed" must still be read
    assert keys("The UN said that staff had established that 106 civilians, 24 of them "
                "children, were killed when air strikes hit the market.") == \
        [(106, 106, "killed", "civilians"), (24, 24, "killed", "children")]


@pytest.mark.parametrize("text, expected", [
    ("The death toll in the bombing ranged between 115 and 130.", [(115, 130, "killed", "people")]),
    ("Estimates of the number killed in the raid vary from 20 to 35.", [(20, 35, "killed", "people")]),
    ("Prices ranged between 115 and 130 dollars.", []),
    ("The victims' ages ranged from 8 to 15.", []),
])
def test_a_toll_that_ranges_or_varies(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Local officials put the death toll as high as 120.", [(None, 120, "killed", "people")]),
    ("The number killed in the bombing has risen to 23 as more of the wounded died.",
     [(23, 23, "killed", "people")]),
    ("The toll rose to 40 as rescuers pulled more of the injured from the rubble.",
     [(40, 40, "killed", "people")]),
])
def test_as_high_as_and_a_clause_after_the_figure(text, expected):
    assert keys(text) == expected


def test_a_toll_broken_down_after_a_dash_is_read_as_its_parts():
    cs = claims("The military bombed a school on Monday, killing 22 people - 20 children and two "
                "teachers - according to local sources.")
    assert [(c.count_low, c.subtotal) for c in cs] == [(22, False), (20, True), (2, True)]
    # a clause of its own after the dash is not a part
    cs = claims("The blast killed 12 people - 30 others were wounded.")
    assert [(c.count_low, c.outcome, c.subtotal) for c in cs] == [(12, "killed", False), (30, "injured", False)]


def test_under_the_rubble_is_missing_and_pulled_alive_is_no_one():
    assert keys("Officials said 195 people were killed, with 120 still under the rubble and 777 injured.") == [
        (195, 195, "killed", "people"), (120, 120, "missing", "people"), (777, 777, "injured", "people")]
    assert keys("At least 30 people were killed, and 20 were pulled alive from the rubble.") == [
        (30, None, "killed", "people")]


def test_a_total_of_the_first_months_of_a_year_is_a_running_total():
    cs = claims("The United Nations recorded close to 700 civilian deaths in the first six months of this year.")
    assert [c.scope for c in cs] == ["cumulative"]
    cs = claims("The bombing in the first week of May killed 12 people.")
    assert [c.scope for c in cs] == ["incident"]


def test_what_has_killed_since_a_time_is_a_running_total():
    assert [c.scope for c in claims("Drug violence has killed more than 40,000 people since Calderon "
                                    "took office in late 2006.")] == ["cumulative"]
    assert [c.scope for c in claims("The bombing killed 40 people shortly after it hit the market.")] == ["incident"]


def test_militiamen_and_mercenaries_are_combatants():
    assert keys('The army said its jets had struck rebel gatherings, killing "dozens of rebels and foreign '
                'mercenaries".') == [(24, None, "killed", "combatants")]
    assert keys("Twelve militiamen were killed in the clash.") == [(12, 12, "killed", "combatants")]


def test_a_day_s_toll_across_a_country_is_a_running_total():
    assert [c.scope for c in claims("Israeli strikes across Lebanon that day killed 51 people, according "
                                    "to the health ministry.")] == ["cumulative"]


@pytest.mark.parametrize("text", [
    "The monitor reported hundreds of civilian deaths in the city that month; those are assessed separately.",
    "More than 300 people had been killed in the first three days of the offensive, health officials said.",
    "It was the deadliest strike of the eight-day operation, in which more than 160 people were killed.",
])
def test_a_month_s_or_an_operation_s_toll_is_a_running_total(text):
    assert [c.scope for c in claims(text)] == ["cumulative"]
