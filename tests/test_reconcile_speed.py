"""Reconciliation's shortcuts (issue 10) decide exactly what the long way decides: the sweep
that pairs events only within a country finds every pair loose compatibility accepts, and a
first run's shortcut past the closure gives the closure's answer. Events built here."""
from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import given, settings, strategies as st

from harmwatch.models import DateRange, Event, Place
from harmwatch.reconcile.cluster import (UNDATED_WINDOW, EventItem, candidate_pairs, edges,
                                        loose_score, score)
from harmwatch.reconcile.store_io import affected_events, connected_events
from harmwatch.reconcile.synthesis import Meta

PLACES = [
    None,
    Place(name="Idlib", country="SY", admin1="Idlib", lat=35.93, lon=36.63, precision="city"),
    Place(name="Maarat al-Numan", country="SY", admin1="Idlib", lat=35.64, lon=36.67,
          precision="city"),
    Place(name="Syria", country="SY", precision="country"),
    Place(name="Gaza City", country="PS", admin1="Gaza", lat=31.50, lon=34.47, precision="city"),
    Place(name="Kharkiv", country="UA", admin1="Kharkiv", lat=49.98, lon=36.25, precision="city"),
    Place(name="somewhere", precision="city"),  # resolved to no country
]
TYPES = ["Air/drone strike", "Shelling/artillery/missile attack", "Armed clash", "Attack",
         "Peaceful protest"]
DAY0 = dt.date(2024, 3, 1)


@st.composite
def items(draw) -> list[EventItem]:
    n = draw(st.integers(2, 18))
    out = []
    for i in range(n):
        start = draw(st.one_of(st.none(), st.integers(0, 12)))
        published = draw(st.one_of(st.none(), st.integers(0, 14)))
        out.append(EventItem(
            id=f"d{draw(st.integers(0, 6))}:e{i}", doc_id="", type=draw(st.sampled_from(TYPES)),
            place=draw(st.sampled_from(PLACES)),
            start=None if start is None else DAY0 + dt.timedelta(days=start),
            end=None if start is None else DAY0 + dt.timedelta(days=start + draw(st.integers(0, 3))),
            precision="day", published=None if published is None else DAY0 + dt.timedelta(published),
            actors=draw(st.sampled_from([frozenset(), frozenset({"x"}), frozenset({"y"})]))))
    return [EventItem(**{**it.__dict__, "doc_id": it.id.split(":")[0]}) for it in out]


@settings(max_examples=300, deadline=None)
@given(items())
def test_blocked_sweep_finds_every_compatible_pair_once(evs):
    yielded = [frozenset((a.id, b.id)) for a, b in candidate_pairs(evs, UNDATED_WINDOW)]
    assert len(yielded) == len(set(yielded))
    for judge, loose in ((score, False), (loose_score, True)):
        every = {(min(a.id, b.id), max(a.id, b.id)): judge(a, b)
                 for a, b in itertools.combinations(evs, 2) if judge(a, b) is not None}
        assert edges(evs, loose=loose) == every


def _event(doc: str, n: int, place: Place | None, day: int) -> Event:
    return Event(id=f"{doc}:e{n}", doc_id=doc, type="Air/drone strike", place=place,
                 date=DateRange(start=DAY0 + dt.timedelta(day), precision="day"))


def test_first_run_shortcut_equals_the_closure():
    events = [_event("a", 1, PLACES[1], 0), _event("a", 2, PLACES[4], 3),
              _event("b", 1, PLACES[1], 0), _event("c", 1, PLACES[5], 9)]
    meta = {d: Meta() for d in "abc"}
    previous = {"inc-1": ["a:e1", "b:e1", "gone:e4"], "inc-2": ["c:e1", "c:e7"]}
    groups = [{"b:e1", "c:e1"}, {"z:e1", "z:e2"}]
    docs = {"a", "b", "c"}
    want = connected_events(events, meta, previous, groups, docs)
    assert affected_events(events, meta, previous, groups, docs) == want
    assert "c:e7" in want and "gone:e4" not in want and "z:e1" not in want
    # not a first run: the closure itself (b shares a's strike; c and d are elsewhere)
    with_d = events + [_event("d", 1, PLACES[5], 30)]
    assert affected_events(with_d, meta | {"d": Meta()}, {}, [], {"a"}) == {"a:e1", "a:e2", "b:e1"}
