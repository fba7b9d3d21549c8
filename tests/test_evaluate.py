"""Unit tests of the scorer on hand-built gold and extractions (never the shared dev files)."""
from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from hypothesis import given, strategies as st
from rich.console import Console

from harmwatch.evaluate import (
    EvalItem, check_against_baseline, detect_kind, evaluate_file, load_baseline,
    load_eval_file, render, score, score_with_details, to_document, update_baseline,
)
from harmwatch.evaluate._common import incident_event
from harmwatch.geo import haversine_km
from harmwatch.evaluate.claims import source_matches
from harmwatch.evaluate.incidents import belligerent_matches, close_pair
from harmwatch.evaluate.subtypes import f1_scores, gold_label
from harmwatch.models import (
    NOT_CONFLICT, CasualtyClaim, DateRange, DocumentRef, Event, Extraction, Place, Toll,
)


def claim(low, high, outcome="killed", group="people", source=None, modality="asserted",
          event="e1") -> CasualtyClaim:
    return CasualtyClaim(count_low=low, count_high=high, outcome=outcome, group=group,
                         source=source, modality=modality, event=event, span=(0, 1),
                         sentence="s")


def extraction(doc_id, claims=(), events=()) -> Extraction:
    return Extraction(document=DocumentRef(id=doc_id), casualties=list(claims),
                      events=list(events))


def gold_claim(low, high, outcome="killed", group="people", source=None) -> dict:
    return {"count_low": low, "count_high": high, "outcome": outcome, "group": group,
            "source": source}


def news_item(id_, casualties=(), locations=(), event_date=None, negative=False) -> EvalItem:
    return EvalItem(id=id_, text="t", gold={
        "casualties": list(casualties), "locations": list(locations),
        "event_date": event_date, "negative": negative})


# --- claims -----------------------------------------------------------------------------

ALEPPO = Event(id="e1", type="Air/drone strike",
               place=Place(name="Aleppo", country="SY", admin1="Aleppo"),
               date=DateRange(start=dt.date(2016, 7, 19)))


def test_perfect_claims_extraction_scores_one():
    item = news_item("d1", [gold_claim(None, 212, group="civilians", source="Al Jazeera"),
                            gold_claim(16, 16, "injured")],
                     [{"name": "Aleppo", "country": "SY"}], "2016-07-19")
    ex = extraction("d1", [claim(None, 212, group="civilians", source="Al Jazeera"),
                           claim(16, 16, "injured")], [ALEPPO])
    figures = score([item], [ex], "claims")
    for name in ("precision", "recall", "f1", "group_accuracy", "source_accuracy",
                 "place_accuracy", "date_accuracy", "f1_all"):
        assert figures[name] == 1.0, name
    assert (figures["tp"], figures["fp"], figures["fn"]) == (2, 0, 0)


def test_wrong_count_is_a_false_positive_and_a_false_negative():
    item = news_item("d1", [gold_claim(4, None)])
    figures, details = score_with_details([item], [extraction("d1", [claim(4, 4)])], "claims")
    assert (figures["tp"], figures["fp"], figures["fn"]) == (0, 1, 1)
    assert figures["f1"] == 0.0
    assert details[0]["missed"] == [gold_claim(4, None)]
    assert details[0]["spurious"][0]["count_high"] == 4


def test_outcome_must_match_too():
    item = news_item("d1", [gold_claim(5, 5, "injured")])
    figures = score([item], [extraction("d1", [claim(5, 5, "killed")])], "claims")
    assert (figures["tp"], figures["fp"], figures["fn"]) == (0, 1, 1)


def test_matching_is_one_to_one():
    item = news_item("d1", [gold_claim(10, 10)])
    figures = score([item], [extraction("d1", [claim(10, 10), claim(10, 10)])], "claims")
    assert (figures["tp"], figures["fp"], figures["fn"]) == (1, 1, 0)
    assert figures["precision"] == 0.5 and figures["recall"] == 1.0


def test_hypothetical_claims_are_ignored():
    item = news_item("d1", [gold_claim(3, 3)])
    ex = extraction("d1", [claim(3, 3), claim(1000, 1000, modality="hypothetical")])
    figures = score([item], [ex], "claims")
    assert (figures["tp"], figures["fp"]) == (1, 0)
    neg = news_item("n1", negative=True)
    figures = score([neg], [extraction("n1", [claim(None, 10000, modality="hypothetical")])],
                    "claims")
    assert figures["negatives_fp"] == 0


def test_negatives_are_counted_apart():
    items = [news_item("d1", [gold_claim(3, 3)]), news_item("n1", negative=True),
             news_item("n2", negative=True)]
    exs = [extraction("d1", [claim(3, 3)]),
           extraction("n1", [claim(1000, 1000), claim(None, 10000)]), extraction("n2")]
    figures = score(items, exs, "claims")
    assert figures["negatives_fp"] == 2
    assert figures["negatives_passages_with_fp"] == 1
    assert figures["negatives_passages"] == 2
    assert figures["precision"] == 1.0          # over non-negative passages
    assert figures["precision_all"] == round(1 / 3, 4)


def test_source_rule():
    assert source_matches("Al Jazeera", "al jazeera")
    assert source_matches("police", "a police source")
    assert source_matches("the regional governor Pavlo Kyrylenko", "the regional governor")
    assert source_matches(None, None) and source_matches("", None)
    assert not source_matches(None, "police")
    assert not source_matches("Reuters", "police")


def test_group_and_source_accuracy_over_matched_claims():
    item = news_item("d1", [gold_claim(5, 5, group="children", source="UNICEF"),
                            gold_claim(7, 7, source="police")])
    ex = extraction("d1", [claim(5, 5, group="people", source="UNICEF said"),
                           claim(7, 7, source="Reuters"), claim(99, 99)])
    figures = score([item], [ex], "claims")
    assert figures["tp"] == 2
    assert figures["group_accuracy"] == 0.5
    assert figures["source_accuracy"] == 0.5


def test_place_needs_country_and_name_with_diacritics_folded():
    locs = [{"name": "Halab", "country": "SY"}]
    item = news_item("d1", locations=locs)
    ok = Event(id="e1", type="Attack", place=Place(name="the city", country="SY",
                                                   resolved_name="Ḩalab"))
    wrong_country = Event(id="e1", type="Attack", place=Place(name="Halab", country="TR"))
    assert score([item], [extraction("d1", events=[ok])], "claims")["place_accuracy"] == 1.0
    assert score([item], [extraction("d1", events=[wrong_country])],
                 "claims")["place_accuracy"] == 0.0
    assert score([item], [extraction("d1")], "claims")["place_accuracy"] == 0.0


def test_incident_event_prefers_occurred_event_with_casualties():
    planned = Event(id="e1", type="Attack", status="planned")
    plain = Event(id="e2", type="Armed clash")
    harmful = Event(id="e3", type="Air/drone strike")
    ex = extraction("d", [claim(3, 3, event="e3"), claim(1, 1, event="e2",
                                                          modality="hypothetical")],
                    [planned, plain, harmful])
    assert incident_event(ex).id == "e3"
    assert incident_event(extraction("d", events=[planned, plain])).id == "e2"
    assert incident_event(extraction("d", events=[planned])).id == "e1"
    assert incident_event(extraction("d")) is None


def test_reports_of_no_incident_are_each_their_own():
    """A near miss with ``incident: null`` belongs to no incident: two such reports left
    apart are no missed pair (they were once all one gold incident named "None")."""
    items = [EvalItem(id=i, text="t", gold={"incident": g})
             for i, g in (("a", "X"), ("b", "X"), ("c", None), ("d", None))]
    figures = score(items, [extraction(i.id) for i in items], "clusters")
    assert figures["gold_incidents"] == 3
    assert (figures["pairs_tp"], figures["pairs_fp"], figures["pairs_fn"]) == (0, 0, 1)


def test_extractions_are_aligned_by_id_not_position():
    items = [news_item("a", [gold_claim(1, 1)]), news_item("b", [gold_claim(2, 2)])]
    exs = [extraction("b", [claim(2, 2)]), extraction("a", [claim(1, 1)])]
    assert score(items, exs, "claims")["f1"] == 1.0
    assert score(items, exs[:1], "claims")["recall"] == 0.5


@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(0, 500)),
                          st.one_of(st.none(), st.integers(0, 500)),
                          st.sampled_from(["killed", "injured", "missing", "displaced"])),
                min_size=1, max_size=6))
def test_gold_fed_back_always_scores_one(rows):
    item = news_item("d", [gold_claim(lo, hi, out) for lo, hi, out in rows])
    ex = extraction("d", [claim(lo, hi, out) for lo, hi, out in rows])
    figures = score([item], [ex], "claims")
    assert figures["f1"] == 1.0 and figures["group_accuracy"] == 1.0


# --- incidents --------------------------------------------------------------------------

def airwars_item(killed=(2, 2), injured=(None, None), date="2023-10-07", lat=31.30,
                 lon=34.32, belligerent="Israeli Military") -> EvalItem:
    return EvalItem(id="a1", text="t", gold={
        "killed_low": killed[0], "killed_high": killed[1], "injured_low": injured[0],
        "injured_high": injured[1], "event_date": date, "lat": lat, "lon": lon,
        "belligerent": belligerent})


def strike(killed=(None, None), civ=(None, None), injured=(None, None), lat=None, lon=None,
           actors=(), date=None) -> Event:
    return Event(id="e1", type="Air/drone strike", actors=list(actors),
                 toll=Toll(killed=killed, civilians_killed=civ, injured=injured),
                 place=Place(name="x", lat=lat, lon=lon) if lat is not None else None,
                 date=DateRange(start=date) if date else None)


def incidents(item, event):
    return score([item], [extraction(item.id, events=[event] if event else [])], "incidents")


def test_haversine_and_5km():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)
    item = airwars_item(lat=31.30, lon=34.32)
    near = strike(lat=31.33, lon=34.32)    # ~3.3 km north
    far = strike(lat=31.36, lon=34.32)     # ~6.7 km north
    assert incidents(item, near)["place_within_5km"] == 1.0
    assert incidents(item, far)["place_within_5km"] == 0.0
    assert incidents(item, strike())["place_within_5km"] == 0.0   # no coordinates = miss
    no_gold = incidents(airwars_item(lat=None, lon=None), near)
    assert no_gold["coords_support"] == 0


def test_none_bound_is_closed_on_the_known_bound():
    assert close_pair((None, 5)) == (5, 5)
    assert close_pair((3, None)) == (3, 3)
    assert close_pair((None, None)) == (0, 0)
    figures = incidents(airwars_item(killed=(5, 5)), strike(killed=(None, 5)))
    assert figures["killed_exact"] == 1.0 and figures["killed_high_in_range"] == 1.0


def test_killed_prefers_civilians_and_range_checks():
    item = airwars_item(killed=(4, 6))
    figures = incidents(item, strike(killed=(4, 9), civ=(4, 6)))
    assert figures["killed_exact"] == 1.0
    figures = incidents(item, strike(killed=(2, 5)))       # no civilian figure → killed
    assert (figures["killed_exact"], figures["killed_high_in_range"]) == (0.0, 1.0)
    figures = incidents(item, strike(killed=(4, 9)))
    assert figures["killed_high_in_range"] == 0.0


def test_gold_zero_or_null_and_no_prediction_is_exact():
    for gold in ((0, 0), (None, None)):
        figures = incidents(airwars_item(killed=gold), None)
        assert figures["killed_exact"] == 1.0 and figures["killed_high_in_range"] == 1.0
        assert incidents(airwars_item(killed=gold), strike(killed=(3, 3)))["killed_exact"] == 0
    assert incidents(airwars_item(killed=(2, 2)), None)["killed_exact"] == 0.0
    figures = incidents(airwars_item(injured=(12, 24)), strike(injured=(None, 20)))
    assert (figures["injured_exact"], figures["injured_high_in_range"]) == (0.0, 1.0)


def test_date_and_belligerent():
    item = airwars_item()
    ev = strike(actors=["Israeli forces"], date=dt.date(2023, 10, 7))
    figures = incidents(item, ev)
    assert figures["date_exact"] == 1.0 and figures["belligerent_found"] == 1.0
    assert belligerent_matches(["IDF"], "Israeli Military")
    assert belligerent_matches(["Israel"], "Israeli Military")
    assert belligerent_matches(["the Israeli military"], "Israeli Military")
    assert not belligerent_matches(["Syrian military"], "Israeli Military")
    assert not belligerent_matches([], "Israeli Military")
    assert belligerent_matches(["U.S.-led coalition"], "US Military")


# --- subtypes ---------------------------------------------------------------------------

def test_weighted_and_macro_f1_by_hand():
    # gold A A A B, pred A A B B:  A: p=1, r=2/3, F1=0.8;  B: p=1/2, r=1, F1=2/3.
    f = f1_scores(["A", "A", "A", "B"], ["A", "A", "B", "B"])
    assert f["weighted_f1"] == round((0.8 * 3 + 2 / 3 * 1) / 4, 4)    # 0.7667
    assert f["macro_f1"] == round((0.8 + 2 / 3) / 2, 4)               # 0.7333
    assert f["accuracy"] == 0.75 and f["support"] == 4
    # a label only predicted costs the true label's recall but adds no macro row
    f = f1_scores(["A", "A"], ["A", "C"])
    assert f["macro_f1"] == round(2 * 1 * 0.5 / 1.5, 4)


def test_subtype_codes_and_predictions():
    assert gold_label("AIR_STRIKE") == "Air/drone strike"
    assert gold_label("DIPLO") == NOT_CONFLICT
    items = [EvalItem(id="c1", text="t", gold={"subtype": "AIR_STRIKE"}),
             EvalItem(id="c2", text="t", gold={"subtype": "NATURAL_DISASTER"}),
             EvalItem(id="c3", text="t", gold={"subtype": "ARMED_CLASH"})]
    exs = [extraction("c1", events=[Event(id="e0", type="Attack", status="planned"),
                                    Event(id="e1", type="Air/drone strike")]),
           extraction("c2"),
           extraction("c3", events=[Event(id="e1", type="Attack")])]
    figures, details = score_with_details(items, exs, "subtypes")
    assert figures["accuracy"] == round(2 / 3, 4)
    assert [d["pred"] for d in details] == ["Air/drone strike", NOT_CONFLICT, "Attack"]


# --- files, kinds, end to end -----------------------------------------------------------

def test_detect_kind():
    assert detect_kind([news_item("d")]) == "claims"
    assert detect_kind([airwars_item()]) == "incidents"
    assert detect_kind([EvalItem(id="c", text="t", gold={"subtype": "OTHER"})]) == "subtypes"
    with pytest.raises(ValueError):
        detect_kind([news_item("d"), airwars_item()])
    with pytest.raises(ValueError):
        detect_kind([])


def test_load_evaluate_render_and_json(tmp_path):
    path = tmp_path / "tiny.jsonl"
    rows = [{"id": "d1", "published": "2016-07-22", "title": "T", "url": None,
             "text": "Airstrikes killed 5 people.",
             "gold": {"negative": False, "casualties": [gold_claim(5, 5)], "locations": [],
                      "event_date": None}}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    items = load_eval_file(path)
    doc = to_document(items[0])
    assert (doc.id, doc.published, doc.title) == ("d1", dt.date(2016, 7, 22), "T")
    assert "gold" not in doc.model_dump()

    seen = []

    def extract(docs):
        seen.extend(docs)
        return [extraction(d.id, [claim(5, 5)]) for d in docs]

    result = evaluate_file(path, extract)
    assert [d.id for d in seen] == ["d1"]
    assert result.kind == "claims" and result.file == "tiny.jsonl"
    assert result.figures["f1"] == 1.0
    assert json.loads(result.to_json())["figures"]["tp"] == 1
    console = Console(record=True, width=100, file=io.StringIO())
    render(result, console)
    text = console.export_text()
    assert "tiny.jsonl" in text and "f1" in text


# --- baseline ---------------------------------------------------------------------------

def test_baseline_tolerance_and_directions(tmp_path):
    recorded = {"news-dev.jsonl": {"f1": 0.80, "tp": 30, "negatives_fp": 1}}
    assert check_against_baseline({"news-dev.jsonl": {"f1": 0.79, "tp": 2,
                                                      "negatives_fp": 0}}, recorded) == []
    assert check_against_baseline({"news-dev.jsonl": {"f1": 0.78, "tp": 30,
                                                      "negatives_fp": 1}}, recorded) == []
    fails = check_against_baseline({"news-dev.jsonl": {"f1": 0.77, "tp": 30,
                                                       "negatives_fp": 1}}, recorded)
    assert len(fails) == 1 and "f1" in fails[0] and "0.8" in fails[0]
    fails = check_against_baseline({"news-dev.jsonl": {"f1": 0.9, "tp": 30,
                                                       "negatives_fp": 2}}, recorded)
    assert len(fails) == 1 and "negatives_fp" in fails[0]
    assert check_against_baseline({"news-dev.jsonl": {"tp": 30, "negatives_fp": 0}},
                                  recorded)[0].startswith("news-dev.jsonl f1 missing")
    assert check_against_baseline({}, recorded)          # recorded file not evaluated
    assert check_against_baseline({}, {"news-dev.jsonl": {}}) == []   # nothing recorded yet


def test_update_baseline_round_trip(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_text('{"other.jsonl": {"f1": 0.5}}')
    item = news_item("d1", [gold_claim(1, 1)])
    figures = score([item], [extraction("d1", [claim(1, 1)])], "claims")
    update_baseline(path, {"news-dev.jsonl": figures})
    data = load_baseline(path)
    assert data["other.jsonl"] == {"f1": 0.5} and data["news-dev.jsonl"]["f1"] == 1.0
    assert check_against_baseline({"news-dev.jsonl": figures, "other.jsonl": {"f1": 0.5}},
                                  data) == []
