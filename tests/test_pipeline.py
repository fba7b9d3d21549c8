"""The acceptance checks of the canonical sample, end to end through ingest and extract."""
import datetime as dt
import json

import pytest

from harmwatch.extract import extract_document
from harmwatch.ingest import read_file
from harmwatch.models import Document


@pytest.fixture(scope="module")
def sample_extraction(request):
    from conftest import SAMPLE

    if not SAMPLE.exists():
        pytest.skip(f"../shared is absent ({SAMPLE} not found)")
    (doc,) = read_file(SAMPLE)
    return doc, extract_document(doc)


def test_airstrike_event(sample_extraction):
    doc, ex = sample_extraction
    strikes = [e for e in ex.events if e.type == "Air/drone strike" and e.status == "occurred"]
    assert strikes, ex.events
    e = strikes[0]
    assert e.place.country == "SY" and "Aleppo" in (e.place.name, e.place.admin1)
    assert e.date.start == dt.date(2016, 7, 19)
    assert "US-led coalition" in e.actors


def test_casualty_claims(sample_extraction):
    doc, ex = sample_extraction
    asserted = {(c.count_low, c.count_high, c.group, c.outcome, c.source) for c in ex.casualties if c.modality == "asserted"}
    assert (200, None, "civilians", "killed", None) in asserted
    assert (None, 212, "civilians", "killed", "Al Jazeera") in asserted
    assert any(c[:4] == (56, 56, "civilians", "killed") for c in asserted)
    figures = {v for c in ex.casualties for v in (c.count_low, c.count_high)}
    assert 560 not in figures and 5000 not in figures
    refugees = [c for c in ex.casualties if c.outcome == "displaced"]
    assert refugees and all(c.modality == "hypothetical" for c in refugees)


def test_every_figure_points_at_its_words(sample_extraction):
    doc, ex = sample_extraction
    for c in ex.casualties:
        words = doc.text[c.span[0]:c.span[1]]
        assert c.number_text in words
        assert doc.text[c.sentence_span[0]:c.sentence_span[1]] == c.sentence


def test_planned_offensives(sample_extraction):
    doc, ex = sample_extraction
    planned = [e for e in ex.events if e.status == "planned"]
    assert any(e.place and e.place.name in ("Raqqa", "Mosul") for e in planned)
    occurred_places = {e.place.name for e in ex.events if e.status == "occurred" and e.place}
    assert not ({"Raqqa", "Mosul"} & occurred_places)


def test_deployments_and_quotes(sample_extraction):
    doc, ex = sample_extraction
    assert any(d.count == 560 and "troops" in d.asset and d.destination and d.destination.country == "IQ" for d in ex.deployments)
    assert any("Charles de Gaulle" in d.asset for d in ex.deployments)
    speakers = {q.speaker for q in ex.quotes}
    assert {"Ashton Carter", "Brett McGurk", "Jean-Yves Le Drian"} <= speakers


def test_output_record_is_the_format_contract():
    doc = Document.from_text("A drone strike killed four civilians in Kharkiv on Monday, officials said.",
                             id="t1", published=dt.date(2024, 5, 15))
    record = json.loads(extract_document(doc).to_json())
    assert record["document"]["id"] == "t1"
    (claim,) = record["casualties"]
    for key in ("count_low", "count_high", "qualifier", "group", "outcome", "modality", "source", "event", "span", "sentence"):
        assert key in claim
    (event,) = record["events"]
    assert event["type"] == "Air/drone strike" and event["status"] == "occurred"
    assert event["place"]["country"] == "UA" and event["date"]["start"] == "2024-05-13"
    assert event["toll"]["civilians_killed"] == [4, 4] and claim["event"] == event["id"]


def test_dateline_is_not_the_event_place_and_report_day_is_not_the_event_day():
    text = ("NAIROBI (Reuters) - Gunmen killed 9 villagers in an attack on Mandera in Kenya on Monday, "
            "police said on Wednesday.")
    ex = extract_document(Document.from_text(text, published=dt.date(2024, 3, 13)))
    (event,) = [e for e in ex.events if e.status == "occurred"]
    assert event.place.name == "Mandera"
    assert event.date.start == dt.date(2024, 3, 11)


def test_the_dateline_day_is_the_reports_not_the_events():
    text = ("SANAA, Oct 9 (Reuters) - Air strikes on a funeral hall in Sanaa on Saturday killed at least "
            "140 people, officials said.")
    ex = extract_document(Document.from_text(text, published=dt.date(2016, 10, 9)))
    (event,) = [e for e in ex.events if e.status == "occurred"]
    assert event.date.start == dt.date(2016, 10, 8)


@pytest.mark.parametrize("dateline", ["QUETTA, Pakistan, Sept 29 -", "QUETTA/ISLAMABAD, Sept 29 -"])
def test_a_dateline_with_country_and_day_or_two_towns_is_the_reports(dateline):
    text = (f"{dateline} A suicide bomber targeted a gathering in Pakistan's Balochistan province on "
            "Friday, killing at least 34 people. The blast happened near a mosque in Mastung district.")
    ex = extract_document(Document.from_text(text, published=dt.date(2023, 9, 29)))
    (event,) = [e for e in ex.events if e.status == "occurred"]
    assert event.place.name != "QUETTA" and event.date.text == "Friday"


def test_an_accented_dateline_is_not_the_event_place():
    text = ("BOGOTÁ — Dissidents attacked a police station in Suárez in Cauca province on Sunday, "
            "killing three police officers, the army said.")
    ex = extract_document(Document.from_text(text, published=dt.date(2024, 5, 21)))
    (event,) = [e for e in ex.events if e.status == "occurred"]
    assert event.place is None or event.place.name != "BOGOTÁ"


def test_country_adjective_keeps_a_far_city_out_of_the_event():
    text = ("A chemical attack on a Syrian town killed 40 people on Tuesday. "
            "Moscow said the strike hit a rebel depot.")
    ex = extract_document(Document.from_text(text, published=dt.date(2017, 4, 6)))
    first = ex.events[0]
    assert first.place is not None and first.place.country == "SY"


def _toll(text):
    ex = extract_document(Document.from_text(text, published=dt.date(2023, 10, 20)))
    return [e for e in ex.events if e.status == "occurred"][0].toll


def test_plural_victims_without_a_figure_count_as_two_in_the_toll_only():
    text = "An airstrike hit a house in Rafah on Tuesday, killing three civilians. Others were injured."
    toll = _toll(text)
    assert toll.killed == (3, 3) and toll.injured == (2, 2) and toll.unquantified == ["injured"]
    ex = extract_document(Document.from_text(text))
    assert [c.outcome for c in ex.casualties] == ["killed"]  # no invented claim


def test_no_injuries_is_not_a_plural_report():
    toll = _toll("An airstrike hit a house in Rafah on Tuesday, killing three civilians. There were no injuries.")
    assert toll.injured == (None, None)


def test_dozens_spans_one_to_two_dozen_in_the_toll():
    toll = _toll("An airstrike on a school in Gaza City on Monday killed 9 people and wounded dozens of others.")
    assert toll.injured == (12, 24)


def test_the_date_owned_by_the_event_wins():
    text = "Funerals were held on Wednesday for the victims of Monday's bombing in Kirkuk, which killed 7 people."
    ex = extract_document(Document.from_text(text, published=dt.date(2024, 5, 16)))
    event = [e for e in ex.events if e.status == "occurred"][0]
    assert event.date.start == dt.date(2024, 5, 13)


def test_a_running_total_does_not_enter_the_toll():
    text = ("An airstrike on a market in Rafah killed 11 people on Monday. More than 30,000 people "
            "have been killed in Gaza since the war began, the health ministry said.")
    ex = extract_document(Document.from_text(text, published=dt.date(2024, 3, 5)))
    event = [e for e in ex.events if e.status == "occurred"][0]
    assert event.toll.killed == (11, 11)
    assert any(c.scope == "cumulative" and c.count_low == 30000 for c in ex.casualties)


@pytest.mark.parametrize("text, killed", [
    ("Shelling of a village near Kherson on Sunday killed more than 20 people, officials said.", (21, 21)),
    ("A drone strike on a car in Tyre on Monday killed fewer than 5 people, residents said.", (4, 4)),
])
def test_a_strict_bound_counts_the_figure_it_implies_in_the_toll(text, killed):
    assert _toll(text).killed == killed


def test_a_first_report_gives_way_to_the_later_figure():
    text = ("An airstrike on a school in Khan Younis on Monday killed nine people, the civil defence said. "
            "Local media initially reported that four people were killed.")
    ex = extract_document(Document.from_text(text, published=dt.date(2023, 11, 6)))
    assert sorted((c.count_low, c.scope) for c in ex.casualties) == [(4, "superseded"), (9, "incident")]
    assert [e for e in ex.events if e.status == "occurred"][0].toll.killed == (9, 9)


def test_a_first_report_stands_when_nothing_replaced_it():
    toll = _toll("Shelling hit a market in Donetsk on Friday. Local officials initially reported six people killed.")
    assert toll.killed == (6, 6)


def test_unspecified_dead_join_the_civilian_toll_only_without_armed_victims():
    civ = _toll("An airstrike on a house in Rafah killed four civilians on Tuesday. "
                "A rights group cited five deaths in the strike.")
    assert civ.civilians_killed == (4, 5)
    mixed = _toll("An airstrike on a house in Rafah killed four civilians and two militants on Tuesday. "
                  "A rights group cited seven deaths in the strike.")
    assert mixed.civilians_killed == (4, 4)


def test_the_toll_low_is_the_lead_figure_and_later_counts_of_some_victims_do_not_lower_it():
    text = ("At least 12 people were killed in an airstrike on a house in Deir al-Balah on Monday. "
            "Relatives named five of the dead. A hospital said it had received four bodies. "
            "Another outlet put the toll at 15.")
    toll = _toll(text)
    assert toll.killed == (12, 15)
    ex = extract_document(Document.from_text(text, published=dt.date(2023, 10, 20)))
    assert {c.count_low for c in ex.casualties if c.outcome == "killed"} >= {12, 4, 15}  # all kept as claims


@pytest.mark.parametrize("text, killed", [
    # victims listed one by one, no figure: the toll counts them
    ("A woman and her infant daughter were killed in an airstrike on a house in Rafah on Tuesday.", (2, 2)),
    ("An airstrike in Rafah on Tuesday resulted in the killing of the journalist Yasser Haddad and his mother.", (2, 2)),
    # a listed victim with a figure inside the list: the list counts all of them
    ("An airstrike on a house in Rafah on Tuesday killed a woman and her four sons.", (5, 5)),
    # a figure elsewhere is the toll; a later list of some of the dead does not change it
    ("An airstrike on a house in Rafah on Tuesday killed nine people. Omar Haddad and his wife were among them.", (9, 9)),
])
def test_victims_listed_one_by_one_count_in_the_toll(text, killed):
    assert _toll(text).killed == killed


def test_figures_of_distinct_groups_in_one_sentence_add_up_and_are_not_a_list():
    toll = _toll("An airstrike on a house in Rafah on Tuesday killed four civilians and two militants.")
    assert toll.killed == (6, 6) and toll.civilians_killed == (4, 4)
    assert "killed" not in toll.unquantified


def test_dead_and_hurt_counted_together_fill_a_toll_with_no_other_figure():
    toll = _toll("An airstrike hit a school in Jabalia on Monday, leaving dozens of dead and wounded.")
    assert toll.killed == (12, 24) and toll.injured == (12, 24)
    ex = extract_document(Document.from_text("An airstrike hit a school in Jabalia on Monday, "
                                             "leaving dozens of dead and wounded."))
    assert ex.casualties == []  # never a claim


def test_dead_belong_to_the_strike_not_to_a_displacement_named_beside_them():
    text = ("An airstrike hit a house in Rafah on Thursday. Rescuers said 18 bodies were recovered "
            "from the home, which was housing displaced families.")
    ex = extract_document(Document.from_text(text, published=dt.date(2023, 10, 20)))
    strike = next(e for e in ex.events if e.type == "Air/drone strike")
    assert [c.event for c in ex.casualties if c.outcome == "killed"] == [strike.id]
    assert strike.toll.killed == (18, 18)


def test_a_later_mention_placed_only_in_a_region_is_the_same_strike():
    text = ("At least 18 people were killed in an airstrike on the al-Shati camp in Gaza on October 14. "
            "A family lost 11 relatives in the bombing, which hit homes across the Gaza Strip.")
    ex = extract_document(Document.from_text(text, published=dt.date(2023, 10, 15)))
    violent = [e for e in ex.events if e.status == "occurred"]
    assert len({c.event for c in ex.casualties}) == 1 and len(violent) == 1


def test_a_locked_database_is_not_replayed_a_document_at_a_time():
    """A batch that fails because the database is locked (no document at fault) raises at once;
    one that fails on a document is replayed a document at a time."""
    from sqlalchemy.exc import OperationalError

    from harmwatch.models import Document, Extraction
    from harmwatch.pipeline import _Run

    class Store:
        def __init__(self, exc):
            self.exc, self.single = exc, 0

        def add_documents_with_extractions(self, pairs):
            raise self.exc

        def add_document_with_extraction(self, doc, ex):
            self.single += 1
            return True

    docs = [Document(id=f"d{i}", text="x") for i in range(3)]
    results = [(d, Extraction(document={"id": d.id})) for d in docs]
    locked = Store(OperationalError("INSERT", {}, Exception("database is locked")))
    with pytest.raises(OperationalError):
        _Run(locked, force=False, on_step=None).write_batch(results)
    assert locked.single == 0
    faulty = Store(ValueError("bad document"))
    _Run(faulty, force=False, on_step=None).write_batch(results)
    assert faulty.single == 3


@pytest.mark.parametrize("text, actors", [
    ("An Israeli air strike hit a building near the church on Thursday, killing 18 people; the Israeli "
     "army said it had targeted a nearby Hamas command centre.", ["Israeli military"]),
    ("US Africa Command said it had carried out three air strikes against al-Shabaab targets in "
     "southern Somalia on Sunday, killing four militants.", ["US military"]),
    # the group acting stays: "Hamas fighters attacked an Israeli army position"
    ("Hamas fighters attacked an army position near Khan Younis on Sunday, killing two soldiers.",
     ["Hamas"]),
])
def test_an_armed_group_named_as_what_was_struck_is_no_actor_of_the_strike(text, actors):
    ex = extract_document(Document.from_text(text, published=dt.date(2023, 10, 20)))
    assert set([e.actors for e in ex.events if e.status == "occurred"][0]) == set(actors)
