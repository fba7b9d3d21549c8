"""Reconcile stage on hand-built events and claims: clustering, figures, timeline, grades,
review replay, incremental store updates (no extractor needed)."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest

from harmwatch.models import CasualtyClaim, DateRange, Document, Event, Extraction, Place
from harmwatch.reconcile import Grade, reconcile_extractions, reconcile_store
from harmwatch.reconcile.build import DocInfo, Evidence, build_incidents
from harmwatch.reconcile.cluster import EventItem, actor_score, cluster, why_apart
from harmwatch.reconcile.cues import conflict, cues_from, targets, times_of_day
from harmwatch.reconcile.models import Incident
from harmwatch.reconcile.synthesis import Meta, figure
from harmwatch.reconcile.timeline import toll_path
from harmwatch.store import Store
from harmwatch.store.review import ReviewAction

D = dt.date

IDLIB = Place(name="Idlib", country="SY", admin1="Idlib", lat=35.9306, lon=36.6339,
              precision="city", geonameid=169389)
IDLIB_PROV = Place(name="Idlib province", country="SY", admin1="Idlib", lat=35.9306,
                   lon=36.6339, precision="admin1")
MAARAT = Place(name="Maarat al-Numan", country="SY", admin1="Idlib", lat=35.6437, lon=36.6717,
               precision="city", geonameid=166365)
GAZA = Place(name="Gaza City", country="PS", admin1="Gaza", lat=31.5017, lon=34.4668,
             precision="city", geonameid=281133)
SHUJAIYA = Place(name="Shujaiya", resolved_name="Shuja'iyya", country="PS", admin1="Gaza",
                 lat=31.4970, lon=34.4770, precision="neighbourhood")
RIMAL = Place(name="Rimal", resolved_name="Al-Rimal", country="PS", admin1="Gaza", lat=31.5200,
              lon=34.4500, precision="neighbourhood")
KHAN_YUNIS = Place(name="Khan Yunis", country="PS", admin1="Khan Yunis", lat=31.3402,
                   lon=34.3063, precision="city")
KHARKIV = Place(name="Kharkiv", country="UA", admin1="Kharkiv", lat=49.9808, lon=36.2527,
                precision="city", geonameid=706483)
MOGADISHU = Place(name="Mogadishu", country="SO", admin1="Banaadir", lat=2.0371, lon=45.3438,
                  precision="city", geonameid=53654)

AIR = "Air/drone strike"
SHELL = "Shelling/artillery/missile attack"
IED = "Remote explosive/landmine/IED"


class Builder:
    """Reports as the store would give them back: global ids, claims linked to events."""

    def __init__(self):
        self.docs: dict[str, DocInfo] = {}
        self.events: list[Event] = []
        self.claims: list[CasualtyClaim] = []
        self.documents: dict[str, Document] = {}
        self.extractions: dict[str, Extraction] = {}

    def report(self, doc_id, published, text, *, type=AIR, place=None, day=None, actors=(),
               precision="day", end=None, publisher=None, url=None, title=None, claims=(),
               sentence=None):
        ev = Event(id=f"{doc_id}:e1", doc_id=doc_id, type=type, actors=list(actors),
                   place=place, date=DateRange(start=day, end=end or day, precision=precision)
                   if day else None, sentence=sentence or text.split(". ")[0])
        cls = []
        for i, c in enumerate(claims, 1):
            c.setdefault("sentence", text)
            c.setdefault("span", (0, 1))
            cls.append(CasualtyClaim(id=f"{doc_id}:c{i}", doc_id=doc_id, event=ev.id, **c))
        meta = Meta(published=published, publisher=publisher, url=url or
                    f"https://{doc_id}.example/news", title=title)
        self.docs[doc_id] = DocInfo(meta=meta, text=text)
        self.events.append(ev)
        self.claims += cls
        doc = Document(id=doc_id, text=text, published=published, publisher=publisher,
                       url=meta.url, title=title)
        self.documents[doc_id] = doc
        local_ev = ev.model_copy(update={"id": "e1", "doc_id": None})
        local_cl = [c.model_copy(update={"id": c.id.split(":")[1], "doc_id": None,
                                         "event": "e1"}) for c in cls]
        self.extractions[doc_id] = Extraction(document=doc.ref(), events=[local_ev],
                                              casualties=local_cl)
        return ev

    def evidence(self, actions=(), previous=None) -> Evidence:
        return Evidence(events=list(self.events), claims=list(self.claims), docs=dict(self.docs),
                        actions=list(actions), previous=previous or {})

    def incidents(self, actions=(), previous=None) -> list[Incident]:
        return build_incidents(self.evidence(actions, previous))


def k(n, qualifier="exact", low=None, high=None, group="people", outcome="killed", source=None,
      subtotal=False, number_text=None, modality="asserted"):
    lo = n if low is None and qualifier not in ("as many as", "up to") else low
    hi = n if high is None and qualifier not in ("at least", "more than", "dozens") else high
    return dict(count_low=lo, count_high=hi, qualifier=qualifier, group=group,
                outcome=outcome, source=source, subtotal=subtotal, modality=modality,
                number_text=number_text or (f"{qualifier} {n}" if qualifier != "exact" else str(n)))


def idlib_market(b: Builder) -> None:
    b.report("idl1", D(2019, 7, 22), "An airstrike hit a crowded market in Idlib on Monday "
             "morning, killing 12 people, the White Helmets said.", place=IDLIB,
             day=D(2019, 7, 22), actors=["Syrian government forces"], publisher="Levant Wire",
             claims=[k(12, source="the White Helmets")])
    b.report("idl2", D(2019, 7, 23), "The death toll from Monday's strike on the Idlib "
             "vegetable market rose to 27, including five children, rescuers said.",
             place=IDLIB, day=D(2019, 7, 22), publisher="North Syria Today",
             claims=[k(27, source="rescuers"), k(5, group="children", subtotal=True,
                                                  source="rescuers")])
    b.report("idl3", D(2019, 7, 24), "Syrian warplanes bombed a market in Idlib province "
             "this week; as many as 31 civilians were killed, a monitor said.",
             place=IDLIB_PROV, day=D(2019, 7, 21), end=D(2019, 7, 24), precision="week",
             actors=["Syrian government forces"], publisher="Observer Daily",
             claims=[k(31, "as many as", group="civilians", source="a monitor")])
    b.report("idl4", D(2019, 7, 23), "Residents of Idlib buried the dead on Tuesday after "
             "Monday's market strike, which killed 27.", type="Attack", place=IDLIB,
             day=D(2019, 7, 22), publisher="Levant Wire", claims=[k(27)])


def ids_by_doc(incidents) -> dict[str, str]:
    return {e.split(":")[0]: inc.id for inc in incidents for e in inc.event_ids}


def same(incidents, *docs) -> bool:
    where = ids_by_doc(incidents)
    return len({where[d] for d in docs}) == 1


# -- clustering --------------------------------------------------------------------------------

def test_one_strike_reported_four_ways_is_one_incident_with_range_and_timeline():
    b = Builder()
    idlib_market(b)
    b.report("maa1", D(2019, 7, 22), "A strike on a bakery in Maarat al-Numan on Monday "
             "killed 4.", place=MAARAT, day=D(2019, 7, 22), claims=[k(4)])
    incs = b.incidents()
    assert same(incs, "idl1", "idl2", "idl3", "idl4")
    assert not same(incs, "idl1", "maa1")
    market = next(i for i in incs if "idl1:e1" in i.event_ids)
    assert (market.killed.low, market.killed.best, market.killed.high) == (12, 27, 31)
    assert market.killed.low_claims == ["idl1:c1"]
    assert market.killed.high_claims == ["idl3:c1"]
    assert set(market.killed.best_claims) <= {"idl2:c1", "idl4:c1"}
    assert (market.civilians_killed.low, market.civilians_killed.high) == (31, 31)
    assert market.children_killed.best == 5
    assert toll_path(market.timeline) == "12 → 27 → as many as 31"
    assert market.place_name == "Idlib" and market.date_start == D(2019, 7, 22)
    assert market.type == AIR and market.actors == ["Syrian government forces"]
    assert market.grade is Grade.FAIR and "Levant Wire" in market.grade_reason
    ref = market.killed.claims[0]
    assert ref.published and ref.sentence and ref.span and ref.doc_id


def test_two_strikes_same_day_same_city_different_neighbourhoods_stay_apart():
    b = Builder()
    day = D(2023, 10, 12)
    b.report("shu1", day, "An Israeli airstrike hit a market in Shujaiya on Thursday morning, "
             "killing 9.", place=SHUJAIYA, day=day, actors=["Israeli military"], claims=[k(9)])
    b.report("shu2", D(2023, 10, 13), "Nine people died when a strike hit the Shujaiya market "
             "in Gaza City yesterday morning.", place=SHUJAIYA, day=day, claims=[k(9)])
    b.report("rim1", day, "A strike flattened a family home in Rimal on Thursday evening, "
             "killing 14.", place=RIMAL, day=day, actors=["Israeli military"], claims=[k(14)])
    b.report("rim2", D(2023, 10, 13), "Fourteen members of one family were killed in an "
             "evening strike on their house in Gaza City's Rimal district.", place=GAZA,
             day=day, claims=[k(14)])
    b.report("gen1", day, "Israeli airstrikes on Gaza City killed 9 people in the morning.",
             place=GAZA, day=day, actors=["Israeli military"], claims=[k(9)])
    b.report("khy1", day, "An airstrike hit a home in Khan Yunis on Thursday evening.",
             place=KHAN_YUNIS, day=day, actors=["Israeli military"])
    incs = b.incidents()
    assert same(incs, "shu1", "shu2", "gen1")
    assert same(incs, "rim1", "rim2")
    assert not same(incs, "shu1", "rim1")
    assert not same(incs, "rim1", "khy1")
    assert len(incs) == 3


def test_times_of_day_and_targets_tell_city_level_reports_apart():
    b = Builder()
    day = D(2024, 1, 5)
    b.report("a", day, "A missile hit Kharkiv at dawn.", type=SHELL, place=KHARKIV, day=day)
    b.report("b", day, "Russian missiles struck Kharkiv in the evening.", type=SHELL,
             place=KHARKIV, day=day)
    b.report("c", day, "A missile struck a hotel in Kharkiv.", type=SHELL, place=KHARKIV,
             day=day)
    b.report("d", day, "A missile struck a school in Kharkiv.", type=SHELL, place=KHARKIV,
             day=day)
    items = [EventItem.from_event(e, cues=cues_from([e.sentence])) for e in b.events]
    by = {it.doc_id: it for it in items}
    assert why_apart(by["a"], by["b"]) == "different times of day"
    assert why_apart(by["c"], by["d"]) == "different targets"
    assert why_apart(by["a"], by["c"]) is None


def test_neighbourhood_named_in_the_text_separates_city_level_events():
    b = Builder()
    day = D(2023, 10, 12)
    b.report("x", day, "A strike hit Gaza City; the blast levelled a building in Rimal.",
             place=GAZA, day=day)
    b.report("y", day, "A strike hit Gaza City; residents of Shujaiya dug through rubble.",
             place=GAZA, day=day)
    b.docs["x"].places = [GAZA, RIMAL]
    b.docs["y"].places = [GAZA, SHUJAIYA]
    assert not same(b.incidents(), "x", "y")
    b.docs["y"].places = [GAZA]
    assert same(b.incidents(), "x", "y")


def test_date_precision_is_respected():
    b = Builder()
    b.report("a", D(2024, 3, 2), "Shelling hit Kharkiv on Friday.", type=SHELL, place=KHARKIV,
             day=D(2024, 3, 1))
    b.report("b", D(2024, 3, 30), "Shelling of Kharkiv in March killed 3.", type=SHELL,
             place=KHARKIV, day=D(2024, 3, 1), end=D(2024, 3, 31), precision="month")
    b.report("c", D(2024, 3, 5), "Shelling hit Kharkiv on Monday.", type=SHELL, place=KHARKIV,
             day=D(2024, 3, 4))
    b.report("d", D(2024, 3, 2), "Shelling hit Kharkiv late on Thursday.", type=SHELL,
             place=KHARKIV, day=D(2024, 2, 29))
    items = {it.doc_id: it for it in (EventItem.from_event(e) for e in b.events)}
    assert why_apart(items["a"], items["b"]) is None  # a month contains the day
    assert why_apart(items["a"], items["c"]) == "dates do not overlap"  # 3 days apart
    assert why_apart(items["a"], items["d"]) is None  # one day of slack between days


def test_undated_report_is_placed_in_the_week_before_publication():
    b = Builder()
    b.report("a", D(2024, 3, 2), "Shelling hit Kharkiv on Friday.", type=SHELL, place=KHARKIV,
             day=D(2024, 3, 1))
    b.report("b", D(2024, 3, 3), "Shelling hit Kharkiv.", type=SHELL, place=KHARKIV)
    b.report("c", D(2024, 4, 3), "Shelling hit Kharkiv.", type=SHELL, place=KHARKIV)
    items = {it.doc_id: it for it in (EventItem.from_event(e, published=b.docs[e.doc_id]
                                                           .meta.published) for e in b.events)}
    assert why_apart(items["a"], items["b"]) is None
    assert why_apart(items["a"], items["c"]) == "dates do not overlap"


def test_a_day_of_burials_or_clearing_rubble_lies_after_the_strike():
    # the aftermath report's only day is days after the bombing: the strike lies on or
    # before it, as for a toll's revision; a plain report of another day stays apart
    b = Builder()
    b.report("a", D(2024, 3, 6), "A car bomb killed 40 in Kharkiv on Wednesday.", type=IED,
             place=KHARKIV, day=D(2024, 3, 6))
    b.report("b", D(2024, 3, 10), "Traders began clearing rubble on Sunday, four days after "
             "the car bomb that killed 40.", type=IED, place=KHARKIV, day=D(2024, 3, 10))
    b.report("c", D(2024, 3, 12), "Residents spent Tuesday burying the dead from the car bomb "
             "in Kharkiv.", type=IED, place=KHARKIV, day=D(2024, 3, 12))
    b.report("d", D(2024, 3, 10), "A car bomb killed 3 in Kharkiv on Sunday.", type=IED,
             place=KHARKIV, day=D(2024, 3, 10))
    incs = b.incidents()
    assert same(incs, "a", "b", "c")
    assert not same(incs, "a", "d")


def test_a_states_forces_are_their_coalitions():
    b = Builder()
    day = D(2017, 3, 17)
    mosul = Place(name="Mosul", country="IQ", admin1="Nineveh", lat=36.335, lon=43.119,
                  precision="city")
    b.report("a", day, "US aircraft struck a house in Mosul.", place=mosul, day=day,
             actors=["US military"])
    b.report("b", day, "Coalition aircraft struck a house in Mosul.", place=mosul, day=day,
             actors=["US-led coalition"])
    b.report("c", day, "Syrian jets struck a house in Mosul.", place=mosul, day=day,
             actors=["Syrian government forces"])
    it = {i.doc_id: i for i in (EventItem.from_event(e) for e in b.events)}
    assert actor_score(it["a"].actors, it["b"].actors) == 0.5
    assert actor_score(it["b"].actors, it["c"].actors) is None
    assert actor_score(it["a"].actors, it["c"].actors) is None


def test_place_precision_and_type_compatibility():
    b = Builder()
    day = D(2022, 6, 1)
    b.report("a", day, "A car bomb exploded in Mogadishu.", type=IED, place=MOGADISHU, day=day)
    b.report("b", day, "A suicide bomber struck Mogadishu.", type="Suicide bomb",
             place=MOGADISHU, day=day)
    b.report("c", day, "An attack in Mogadishu.", type="Attack", place=MOGADISHU, day=day)
    b.report("d", day, "An airstrike near Mogadishu.", type=AIR, place=MOGADISHU, day=day)
    b.report("e", day, "A bomb in Kharkiv.", type=IED, place=KHARKIV, day=day)
    it = {i.doc_id: i for i in (EventItem.from_event(e) for e in b.events)}
    assert why_apart(it["a"], it["b"]) is None
    assert why_apart(it["a"], it["c"]) is None
    assert why_apart(it["a"], it["d"]) == "different kinds of weapon and no shared cue"
    assert why_apart(it["a"], it["e"]) == "places or actors incompatible"
    b.report("f", day, "Protesters marched in Mogadishu.", type="Peaceful protest",
             place=MOGADISHU, day=day)
    assert why_apart(EventItem.from_event(b.events[-1]), it["a"]) == "incompatible types"
    # one crowd is a protest "dispersed" to one outlet and a violent demonstration to another
    b.report("g", day, "Troops stormed the sit-in in Mogadishu.", type="Violent demonstration",
             place=MOGADISHU, day=day)
    assert why_apart(EventItem.from_event(b.events[-2]), EventItem.from_event(b.events[-1])) is None
    # "bombing" is an IED to one outlet and an air raid to another: a shared target merges
    market = cues_from(["The bombing hit the market."])
    x = EventItem.from_event(b.events[0], cues=market)
    y = EventItem.from_event(b.events[3], cues=market)
    assert why_apart(x, y) is None


def test_competing_attributions_merge_only_when_strong_and_are_contested():
    b = Builder()
    day = D(2024, 1, 5)
    b.report("ru", day, "Russian missiles struck a market in Kharkiv, killing 5.", type=SHELL,
             place=KHARKIV, day=day, actors=["Russian Armed Forces"], claims=[k(5)])
    b.report("ua", day, "Moscow said a Ukrainian air-defence missile fell on the Kharkiv "
             "market, killing 5.", type=SHELL, place=KHARKIV, day=day,
             actors=["Ukrainian Armed Forces"], claims=[k(5)])
    b.report("ru2", D(2024, 1, 7), "Ukrainian shelling hit Kharkiv on Saturday.", type=SHELL,
             place=KHARKIV, day=D(2024, 1, 6), actors=["Ukrainian Armed Forces"])
    incs = b.incidents()
    assert same(incs, "ru", "ua")
    inc = next(i for i in incs if "ru:e1" in i.event_ids)
    assert inc.grade is Grade.CONTESTED and "competing attributions" in inc.grade_reason
    assert not same(incs, "ru", "ru2")  # different actors and not the same day


def test_clustering_is_independent_of_input_order():
    b = Builder()
    idlib_market(b)
    base = cluster([EventItem.from_event(e) for e in b.events])
    for perm in itertools.permutations(b.events):
        assert cluster([EventItem.from_event(e) for e in perm]) == base


def test_hospital_as_destination_is_not_a_target():
    assert targets("The wounded were taken to al-Shifa hospital.") == frozenset()
    assert targets("Hospital officials said 12 died.") == frozenset()
    assert targets("The strike hit a hospital.") == {"hospital"}
    assert times_of_day("at 3 pm") & times_of_day("in the afternoon")
    assert conflict(cues_from(["in the morning"]), cues_from(["in the evening"]))


def test_a_camp_for_internally_displaced_persons_is_a_camp():
    assert targets("A missile struck a camp for internally displaced persons near the border.") == {"camp"}


# -- figures -----------------------------------------------------------------------------------

def _claims(*specs, doc="d", published=None):
    out = []
    for i, s in enumerate(specs, 1):
        s.setdefault("sentence", f"sentence {i}")
        out.append(CasualtyClaim(id=f"{doc}:c{i}", doc_id=doc, span=(0, 1), **s))
    return out


def test_subtotals_and_group_sums():
    claims = _claims(k(30), k(12, group="children", subtotal=True))
    meta = {"d": Meta(published=D(2020, 1, 1))}
    assert (figure(claims, "killed", meta).low, figure(claims, "killed", meta).high) == (30, 30)
    assert figure(claims, "children_killed", meta).best == 12
    both = [CasualtyClaim(id=f"d:c{i}", doc_id="d", span=(0, 1), sentence="s",
                          sentence_span=(0, 40), **kw)
            for i, kw in enumerate([k(12, group="civilians"), k(3, group="soldiers")], 1)]
    f = figure(both, "killed", meta)
    assert (f.low, f.best, f.high) == (15, 15, 15) and f.best_claims == ["d:c1", "d:c2"]
    assert figure(both, "civilians_killed", meta).best == 12


def test_group_figure_within_a_people_total_is_read_as_part_of_it():
    claims = [CasualtyClaim(id=f"d:c{i}", doc_id="d", span=(0, 1), sentence="s",
                            sentence_span=(0, 60), **kw)
              for i, kw in enumerate([k(27), k(5, group="children")], 1)]
    f = figure(claims, "killed", {})
    assert (f.low, f.high) == (27, 27)
    assert figure(claims, "children_killed", {}).best == 5


def test_best_is_most_recent_firm_figure_and_ceilings_only_give_the_high():
    a = _claims(k(56), doc="a")
    b = _claims(k(212, "as many as"), doc="b")
    meta = {"a": Meta(published=D(2016, 7, 19)), "b": Meta(published=D(2016, 7, 21))}
    f = figure(a + b, "killed", meta)
    assert (f.low, f.best, f.high) == (56, 56, 212)
    c = _claims(k(80, "at least"), doc="c")
    meta["c"] = Meta(published=D(2016, 7, 22))
    f = figure(a + b + c, "killed", meta)
    assert (f.low, f.best, f.high) == (56, 80, 212) and f.best_claims == ["c:c1"]
    only = figure(b, "killed", meta)
    assert (only.low, only.best, only.high) == (212, 212, 212)


def test_hypothetical_and_rejected_claims_do_not_count():
    claims = _claims(k(10), k(500, modality="hypothetical"), k(99))
    f = figure(claims, "killed", {}, rejected={"d:c3"})
    assert (f.low, f.high) == (10, 10)


# -- grading -----------------------------------------------------------------------------------

def test_grades():
    b = Builder()
    day = D(2022, 6, 1)
    b.report("s1", day, "A car bomb killed 8 in Mogadishu. Al-Shabaab claimed responsibility "
             "for the attack.", type=IED, place=MOGADISHU, day=day, actors=["al-Shabaab"],
             claims=[k(8)])
    [one] = b.incidents()
    assert one.grade is Grade.CONFIRMED and "al-Shabaab" in one.grade_reason

    b = Builder()
    b.report("w1", day, "A car bomb killed 8 in Mogadishu, police said.", type=IED,
             place=MOGADISHU, day=day, claims=[k(8, source="police")], publisher="Horn Post")
    [one] = b.incidents()
    assert one.grade is Grade.WEAK and "Horn Post" in one.grade_reason

    b.report("w2", D(2022, 6, 3), "Officials said the blast in Mogadishu on Wednesday caused "
             "no casualties; no one was hurt.", type=IED, place=MOGADISHU, day=day)
    [one] = b.incidents()
    assert one.grade is Grade.DISCOUNTED and "no one was hurt" in one.grade_reason

    b = Builder()
    b.report("c1", day, "An Israeli strike killed 4 in Rimal, the Israeli military said.",
             place=RIMAL, day=day, actors=["Israeli military"],
             claims=[k(4, source="the Israeli military")])
    [one] = b.incidents()
    assert one.grade is Grade.CONFIRMED

    b = Builder()
    b.report("x1", day, "Shelling hit Kharkiv; Russia denied targeting civilians.", type=SHELL,
             place=KHARKIV, day=day)
    [one] = b.incidents()
    assert one.grade is Grade.CONTESTED


def test_claims_tied_to_a_non_conflict_event_move_to_the_strike_of_the_same_sentence():
    b = Builder()
    day = D(2022, 6, 1)
    text = ("Al-Shabaab claimed responsibility for the car bombing in Mogadishu, in which 10 "
            "people died.")
    strike = b.report("m1", day, text, type=IED, place=MOGADISHU, day=day, sentence=text,
                      claims=[k(10)])
    claim_ev = strike.model_copy(update={"id": "m1:e2", "type": "Not a conflict event"})
    b.events.append(claim_ev)
    b.claims = [c.model_copy(update={"event": "m1:e2"}) for c in b.claims]
    b.claims.append(CasualtyClaim(**{**k(10), "id": "m1:c9", "doc_id": "m1", "span": (0, 1),
                                     "sentence": text}))  # unlinked: stays out
    [inc] = b.incidents()
    assert inc.event_ids == ["m1:e1"] and inc.killed.best == 10
    assert [r.claim_id for r in inc.killed.claims] == ["m1:c1"]


# -- review replay -----------------------------------------------------------------------------

def action(i, kind, target, payload=None, kind_of="incident", reason="checked"):
    return ReviewAction(id=i, created_at=dt.datetime(2024, 1, i, tzinfo=dt.timezone.utc),
                        analyst="ana", action=kind, target_kind=kind_of, target_id=target,
                        payload=payload or {}, reason=reason)


def test_review_merge_split_correct_confirm_reject_replay():
    b = Builder()
    idlib_market(b)
    b.report("maa1", D(2019, 7, 22), "A strike on a bakery in Maarat al-Numan on Monday "
             "killed 4.", place=MAARAT, day=D(2019, 7, 22), claims=[k(4)])
    incs = b.incidents()
    market = next(i for i in incs if "idl1:e1" in i.event_ids)
    other = next(i for i in incs if "maa1:e1" in i.event_ids)
    merge = action(1, "merge", market.id, {"incidents": [market.id, other.id],
                                           "events": market.event_ids + other.event_ids})
    [merged] = b.incidents([merge])
    assert merged.id == market.id and len(merged.event_ids) == 5
    assert merged.review[0]["action"] == "merge"
    split = action(2, "split", market.id, {"events": ["maa1:e1"], "new_id": "Ibakery",
                                           "from_events": merged.event_ids})
    correct = action(3, "correct", market.id, {"field": "killed_high", "value": 30,
                                               "events": market.event_ids})
    confirm = action(4, "confirm", "Ibakery", {"events": ["maa1:e1"], "grade": "Confirmed"})
    reject = action(5, "reject_claim", "idl1:c1", kind_of="claim")
    incs = b.incidents([merge, split, correct, confirm, reject])
    by = {i.id: i for i in incs}
    assert set(by) == {market.id, "Ibakery"}
    m = by[market.id]
    assert m.killed.high == 30 and m.killed.corrected["high"]["machine"] == 31
    assert m.killed.low == 27  # the rejected 12 no longer counts
    assert m.status == "corrected"
    assert by["Ibakery"].status == "confirmed" and by["Ibakery"].grade is Grade.CONFIRMED
    assert "set by analyst ana" in by["Ibakery"].grade_reason


def test_ids_are_kept_from_stored_incidents_and_follow_events():
    b = Builder()
    idlib_market(b)
    [first] = b.incidents()
    # a stored incident with another id but the same events keeps that id
    [again] = b.incidents(previous={"Iold": first.event_ids[:2]})
    assert again.id == "Iold"
    # a correction keyed on an id that vanished follows its events
    fix = action(1, "correct", "Igone", {"field": "killed_best", "value": 28,
                                         "events": first.event_ids})
    [fixed] = b.incidents([fix])
    assert fixed.killed.best == 28 and fixed.id == "Igone"


def test_reconcile_extractions_uses_global_ids():
    b = Builder()
    idlib_market(b)
    incs = reconcile_extractions(list(b.documents.values()), list(b.extractions.values()))
    assert len(incs) == 1 and incs[0].event_ids[0] == "idl1:e1"
    assert incs[0].killed.best == 27


# -- store: incremental updates and persistence ------------------------------------------------

@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "hw.db")) as s:
        yield s


def _ingest(store, b: Builder, doc_id: str) -> None:
    store.add_document_with_extraction(b.documents[doc_id], b.extractions[doc_id])


def _gaza(b: Builder) -> None:
    day = D(2023, 10, 12)
    b.report("shu1", day, "An Israeli airstrike hit a market in Shujaiya on Thursday morning, "
             "killing 9.", place=SHUJAIYA, day=day, actors=["Israeli military"], claims=[k(9)])
    b.report("rim1", day, "A strike flattened a family home in Rimal on Thursday evening, "
             "killing 14.", place=RIMAL, day=day, actors=["Israeli military"], claims=[k(14)])
    b.report("rim2", D(2023, 10, 13), "Fourteen members of one family were killed in an "
             "evening strike on their house in Gaza City's Rimal district.", place=GAZA,
             day=day, claims=[k(14), k(16, "at least")])


def _partition(incidents) -> set[frozenset[str]]:
    return {frozenset(i["event_ids"] if isinstance(i, dict) else i.event_ids) for i in incidents}


def test_incremental_equals_full_and_leaves_other_incidents_alone(store, tmp_path):
    b = Builder()
    idlib_market(b)
    _gaza(b)
    order = ["idl1", "shu1", "idl2", "rim1", "idl3", "rim2", "idl4"]
    for d in order:
        _ingest(store, b, d)
        reconcile_store(store, {d})
    incremental = store.iter_incidents()
    with Store(str(tmp_path / "full.db")) as full:
        for d in order:
            _ingest(full, b, d)
        reconcile_store(full)
        assert _partition(full.iter_incidents()) == _partition(incremental)
    gaza_before = {i["id"]: i["updated_at"] for i in incremental if i["country"] == "PS"}
    # a new Idlib report touches the Idlib incident only
    b.report("idl5", D(2019, 7, 26), "The toll of the Idlib market strike reached 29, "
             "rescuers said.", place=IDLIB, day=D(2019, 7, 22), claims=[k(29)])
    _ingest(store, b, "idl5")
    written = reconcile_store(store, {"idl5"})
    assert [len(i.event_ids) for i in written] == [5]
    after = {i["id"]: i["updated_at"] for i in store.iter_incidents() if i["country"] == "PS"}
    assert after == gaza_before
    market = Incident.from_row(store.get_incident(written[0].id))
    assert market.killed.best == 29 and market.killed.high == 31
    assert [p.published for p in market.timeline if p.measure == "killed"] == sorted(
        p.published for p in market.timeline if p.measure == "killed")


def test_merge_and_split_survive_reingest(store):
    b = Builder()
    idlib_market(b)
    _gaza(b)
    for d in b.documents:
        _ingest(store, b, d)
    reconcile_store(store)
    incs = [Incident.from_row(i) for i in store.iter_incidents()]
    market = next(i for i in incs if "idl1:e1" in i.event_ids)
    shu = next(i for i in incs if "shu1:e1" in i.event_ids)
    rim = next(i for i in incs if "rim1:e1" in i.event_ids)
    store.add_review_action("ana", "merge", "incident", shu.id,
                            {"incidents": [shu.id, rim.id],
                             "events": shu.event_ids + rim.event_ids}, "same strike")
    store.add_review_action("ana", "split", "incident", market.id,
                            {"events": ["idl3:e1"], "new_id": "Isplit",
                             "from_events": market.event_ids}, "another market")
    store.add_review_action("ana", "correct", "incident", market.id,
                            {"field": "killed_low", "value": 10, "events": market.event_ids})
    reconcile_store(store)
    # re-extraction of every report, then both kinds of re-processing
    for d in b.documents:
        store.save_extraction(b.extractions[d])
    reconcile_store(store, {"idl2", "rim2"})
    check = {i["id"]: set(i["event_ids"]) for i in store.iter_incidents()}
    assert check[shu.id] == {"shu1:e1", "rim1:e1", "rim2:e1"}
    assert check["Isplit"] == {"idl3:e1"}
    assert check[market.id] == {"idl1:e1", "idl2:e1", "idl4:e1"}
    assert rim.id not in check
    reconcile_store(store)
    assert {i["id"]: set(i["event_ids"]) for i in store.iter_incidents()} == check
    m = Incident.from_row(store.get_incident(market.id))
    assert m.killed.low == 10 and m.status == "corrected"
    assert {a["action"] for a in m.review} == {"split", "correct"}


def test_an_event_without_a_place_is_not_merged_on_a_guess():
    b = Builder()
    day = D(2023, 11, 14)
    b.report("p1", day, "An Israeli airstrike destroyed a home on Tuesday evening.", day=day,
             actors=["Israeli military"])
    b.report("p2", day, "An Israeli airstrike hit a house on Tuesday evening.", day=day,
             actors=["Israeli military"])
    assert len(b.incidents()) == 2


def test_grading_reads_the_stored_sentences():
    """Reconcile reads the sentences extraction stored, and splits the text itself (the
    same way) only for records stored without them."""
    day = D(2022, 6, 1)
    text = "Officials said the blast in Mogadishu caused no casualties; no one was hurt."
    reasons = []
    for stored in (None, [text[:59], text[60:]]):
        b = Builder()
        b.report("w2", day, text, type=IED, place=MOGADISHU, day=day)
        b.docs["w2"].sentences = stored
        [one] = b.incidents()
        assert one.grade is Grade.DISCOUNTED
        reasons.append(one.grade_reason)
    assert "no one was hurt" in reasons[0]  # control: the parser's one sentence, quoted whole
    assert "no casualties;" in reasons[1] and "no one was hurt" not in reasons[1]


def test_two_reports_leads_are_merged_before_an_attack_one_of_them_recalls(monkeypatch):
    # a1 and b1 lead their reports; c2 is an attack report c recalls, a2 another strike report
    # a tells. b1 resembles c2 a little more than a1, and a2 fits b1 and c2: merged in score
    # order, a2 joins b1 and c2 first and keeps a1 (its own report's lead) out of them.
    from harmwatch.reconcile import cluster as cl

    def item(id_: str, lead: bool) -> EventItem:
        return EventItem(id=id_, doc_id=id_.split(":")[0], type="Air/drone strike", lead=lead)

    items = [item("a:e1", True), item("a:e2", False), item("b:e1", True), item("c:e2", False)]
    scores = {("a:e1", "b:e1"): 3.2, ("b:e1", "c:e2"): 3.3, ("a:e2", "c:e2"): 3.25,
              ("a:e2", "b:e1"): 3.24, ("a:e1", "c:e2"): 3.1}
    monkeypatch.setattr(cl, "edges", lambda its, loose=False: dict(scores))
    owner = {e: i for i, g in enumerate(cluster(items)) for e in g}
    assert owner["a:e1"] == owner["b:e1"] and owner["a:e2"] != owner["a:e1"]
    # control: with no lead the score order decides
    items = [EventItem(**{**it.__dict__, "lead": False}) for it in items]
    owner = {e: i for i, g in enumerate(cluster(items)) for e in g}
    assert owner["a:e2"] == owner["b:e1"] != owner["a:e1"]
