"""The store: migrations, round trips, replacement, atomicity, queries, review log."""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect

from harmwatch.models import (
    CasualtyClaim, DateRange, Deployment, Document, Event, Extraction, Place, Quote, Toll,
)
from harmwatch.store import AmbiguousIdError, Store, default_url, normalize_url
from harmwatch.store import db as store_db
from harmwatch.store import mapping
from harmwatch.store.schema import metadata

D = dt.date


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "hw.db")) as s:
        yield s


def make_doc(text: str = "Airstrikes on Aleppo on Tuesday killed 56 civilians, activists said.",
             **meta) -> Document:
    meta.setdefault("title", "Strikes on Aleppo")
    meta.setdefault("published", D(2016, 7, 22))
    return Document.from_text(text, publisher="WSWS", url="https://example.org/a",
                              source_path="samples/a.md#2", format="markdown", **meta)


def make_extraction(doc: Document, *, country: str = "SY", killed: int = 56,
                    day: D = D(2016, 7, 19), actors=("US-led coalition",)) -> Extraction:
    e1 = Event(
        id="e1", type="Air/drone strike", actors=list(actors),
        place=Place(name="Aleppo", country=country, admin1="Aleppo", lat=36.2, lon=37.16,
                    precision="city", geonameid=170063, resolved_name="Ḩalab", span=(15, 21)),
        date=DateRange(start=day, end=day, precision="day", text="Tuesday", span=(25, 32)),
        toll=Toll(killed=(killed, 2 * killed), civilians_killed=(killed, None)),
        trigger="Airstrikes", span=(0, 10), sentence=doc.text,
    )
    e2 = Event(id="e2", type="Armed clash", status="threatened", date=DateRange(),
               doc_id=doc.id)  # an empty date and an explicit doc_id must survive too
    return Extraction(
        document=doc.ref(),
        events=[e1, e2],
        casualties=[
            CasualtyClaim(count_low=killed, count_high=killed, qualifier="exact",
                          group="civilians", group_text="civilians", source="activists",
                          event="e1", span=(33, 51), sentence=doc.text, sentence_span=(0, 68),
                          number_text=str(killed)),
            CasualtyClaim(id="c1", count_low=3, outcome="injured", modality="hypothetical",
                          span=(1, 2), sentence="s", subtotal=True, doc_id=doc.id),
        ],
        deployments=[Deployment(count=560, qualifier="exact", asset="US troops", actor="US",
                                destination=Place(name="Qayyarah", country="IQ", span=(3, 4)),
                                status="planned", span=(5, 9), sentence="d")],
        quotes=[Quote(text="We saw it", speaker="a resident", role="witness", span=(2, 11),
                      sentence='"We saw it," a resident said.')],
        places=[Place(name="Aleppo", country="SY"), Place(name="Qayyarah", lat=35.8, lon=43.3)],
        sentences=[(0, 68), (69, 80)],
    )


def table_count(s: Store, table: str) -> int:
    with s.engine.connect() as c:
        return c.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()


MACHINE_TABLES = ("events", "casualty_claims", "deployments", "quotes", "places", "extractions")


# -- schema and migrations ---------------------------------------------------------------------

def test_open_migrates_to_head_with_sqlite_pragmas(store):
    tables = set(inspect(store.engine).get_table_names())
    assert set(metadata.tables) <= tables and "alembic_version" in tables
    head = ScriptDirectory.from_config(store_db.alembic_config()).get_current_head()
    with store.engine.connect() as c:
        assert MigrationContext.configure(c).get_current_revision() == head
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def test_migrations_match_schema_declarations(store):
    with store.engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}),
                                metadata)
    assert diff == []


def test_downgrade_then_upgrade_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    Store(url).close()
    engine = store_db.make_engine(url)
    cfg = store_db.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    store_db.upgrade(engine)
    assert set(metadata.tables) <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_interrupted_migration_leaves_no_half_schema(tmp_path, monkeypatch):
    real_upgrade = command.upgrade

    def upgrade_then_crash(cfg, revision):
        real_upgrade(cfg, revision)
        raise RuntimeError("power cut")

    monkeypatch.setattr(store_db.command, "upgrade", upgrade_then_crash)
    path = tmp_path / "half.db"
    with pytest.raises(RuntimeError, match="power cut"):
        Store(str(path))
    names = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert names == []


def test_upgrade_from_first_revision_keeps_rows(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = store_db.make_engine(url)
    store_db.upgrade(engine, "0001")
    with engine.begin() as c:
        c.exec_driver_sql("INSERT INTO documents (id, text, ingested_at) VALUES ('d', 't', '2024-01-01')")
        c.exec_driver_sql(
            "INSERT INTO casualty_claims (id, doc_id, local_id, ordinal, doc_id_given, grp, outcome,"
            " modality, span_start, span_end, sentence)"
            " VALUES ('d:c1', 'd', 'c1', 0, 0, 'people', 'killed', 'asserted', 0, 1, 's')")
    engine.dispose()
    with Store(url) as s:
        [claim] = s.claims_for_document("d")
    assert claim.id == "d:c1" and claim.subtotal is False


# When this fails, models.py gained or lost a field: give it a column in schema.py, a migration
# in migrations/versions, and a line each way in mapping.py, then update the list here.
STORED_FIELDS = {
    Document: "id text title author publisher published url source_path format",
    Event: "id type status actors place date toll trigger span sentence doc_id",
    Place: "name country admin1 lat lon precision geonameid resolved_name span",
    DateRange: "start end precision text span",
    Toll: "killed injured civilians_killed children_killed unquantified",
    CasualtyClaim: "id count_low count_high qualifier group group_text outcome modality source "
                   "event span sentence sentence_span number_text subtotal scope doc_id",
    Deployment: "id count qualifier asset actor destination status span sentence doc_id",
    Quote: "id text speaker role span sentence doc_id",
    Extraction: "document casualties events deployments quotes places sentences",
}


@pytest.mark.parametrize("model", list(STORED_FIELDS), ids=lambda m: m.__name__)
def test_every_model_field_is_stored(model):
    assert set(model.model_fields) == set(STORED_FIELDS[model].split())


def test_reopening_keeps_data(tmp_path):
    path = str(tmp_path / "hw.db")
    doc = make_doc()
    with Store(path) as s:
        s.add_document(doc)
    with Store(path) as s:
        assert s.get_document(doc.id) == doc


# -- URLs ----------------------------------------------------------------------------------------

def test_default_url_and_plain_paths(monkeypatch, tmp_path):
    monkeypatch.delenv("HARMWATCH_DB", raising=False)
    assert default_url() == "sqlite:///harmwatch.db"
    assert normalize_url("postgresql://u@h/db") == "postgresql://u@h/db"
    assert normalize_url("data/x.db") == "sqlite:///data/x.db"
    monkeypatch.setenv("HARMWATCH_DB", str(tmp_path / "env.db"))
    assert default_url() == f"sqlite:///{tmp_path / 'env.db'}"


def test_store_uses_harmwatch_db_env(monkeypatch, tmp_path):
    monkeypatch.setenv("HARMWATCH_DB", f"sqlite:///{tmp_path / 'from-env.db'}")
    with Store() as s:
        s.add_document(make_doc())
    assert (tmp_path / "from-env.db").exists()


def test_plain_path_without_scheme_creates_parent_dirs(tmp_path):
    path = tmp_path / "nested" / "dir" / "hw.db"
    with Store(str(path)) as s:
        assert s.add_document(make_doc())
    rows = sqlite3.connect(path).execute("SELECT count(*) FROM documents").fetchone()
    assert rows == (1,)


# -- documents -----------------------------------------------------------------------------------

def test_add_document_is_idempotent(store):
    doc = make_doc()
    assert store.add_document(doc) is True
    assert store.add_document(doc) is False
    assert store.add_document(doc.model_copy(update={"title": "other"})) is False
    assert store.count_documents() == 1
    assert store.has_document(doc.id) and not store.has_document("nope")
    assert store.get_document(doc.id) == doc
    assert store.get_document("nope") is None


def test_iter_documents_reads_in_batches(store):
    docs = [make_doc(f"report number {i}") for i in range(7)]
    for d in docs:
        store.add_document(d)
    got = list(store.iter_documents(batch=3))
    assert got == sorted(docs, key=lambda d: d.id)


# -- extractions ---------------------------------------------------------------------------------

def test_extraction_round_trip_is_exact(store):
    doc = make_doc()
    ex = make_extraction(doc)
    assert store.add_document_with_extraction(doc, ex, extractor_version="test-1") is True
    got = store.get_extraction(doc.id)
    assert got == ex
    assert got.events[0].place.span == (15, 21) and isinstance(got.events[0].toll.killed, tuple)
    assert got.events[1].date == DateRange() and got.events[0].doc_id is None
    assert got.sentences == [(0, 68), (69, 80)]


def test_get_extraction_none_until_extracted(store):
    doc = make_doc()
    store.add_document(doc)
    assert store.get_extraction(doc.id) is None and not store.has_extraction(doc.id)
    empty = Extraction(document=doc.ref())
    store.save_extraction(empty)
    assert store.has_extraction(doc.id) and store.get_extraction(doc.id) == empty


def test_save_extraction_twice_replaces(store):
    doc = make_doc()
    ex = make_extraction(doc)
    store.add_document(doc)
    store.save_extraction(ex)
    store.save_extraction(ex)
    assert store.get_extraction(doc.id) == ex
    assert [table_count(store, t) for t in MACHINE_TABLES] == [2, 2, 1, 1, 2, 1]
    smaller = ex.model_copy(update={"events": ex.events[:1], "casualties": ex.casualties[:1],
                                    "quotes": [], "places": []})
    store.save_extraction(smaller)
    assert store.get_extraction(doc.id) == smaller
    assert [table_count(store, t) for t in MACHINE_TABLES] == [1, 1, 1, 0, 0, 1]


def test_blank_ids_get_deterministic_local_ids(store):
    doc = make_doc()
    store.add_document_with_extraction(doc, make_extraction(doc))
    # The first claim had no id, the second was "c1": the blank one becomes c2.
    assert [c.id for c in store.claims_for_document(doc.id)] == [f"{doc.id}:c2", f"{doc.id}:c1"]
    assert mapping.effective_local_ids(["", "e2", "", "e1"], "e") == ["e3", "e2", "e4", "e1"]


@pytest.mark.parametrize("change, message", [
    (lambda ex: ex.events.append(ex.events[0]), "duplicate ids"),
    (lambda ex: setattr(ex.casualties[0], "event", "e9"), "e9"),
    (lambda ex: setattr(ex.quotes[0], "doc_id", "elsewhere"), "elsewhere"),
])
def test_inconsistent_extraction_is_refused_without_changes(store, change, message):
    doc = make_doc()
    good = make_extraction(doc)
    store.add_document_with_extraction(doc, good)
    bad = good.model_copy(deep=True)
    change(bad)
    with pytest.raises(ValueError, match=message):
        store.save_extraction(bad)
    assert store.get_extraction(doc.id) == good


def test_save_extraction_needs_the_document(store):
    with pytest.raises(ValueError, match="not stored"):
        store.save_extraction(make_extraction(make_doc()))
    with pytest.raises(ValueError, match="extraction is for"):
        store.add_document_with_extraction(make_doc("other"), make_extraction(make_doc()))


def test_a_batch_is_stored_in_one_transaction(store):
    docs = [make_doc(f"report number {i}") for i in range(3)]
    store.add_document(docs[0])
    pairs = [(d, make_extraction(d, killed=i + 1)) for i, d in enumerate(docs)]
    pairs.append((docs[1], Extraction(document=docs[1].ref())))  # given twice: the last one wins
    assert store.add_documents_with_extractions(pairs) == [False, True, True, False]
    assert [store.get_extraction(d.id) for d in docs] == [
        pairs[0][1], Extraction(document=docs[1].ref()), pairs[2][1]]
    assert store.get_documents([docs[2].id, "nope", docs[0].id]) == {
        docs[2].id: docs[2], docs[0].id: docs[0]}


def test_a_failing_batch_stores_nothing(store, monkeypatch):
    good, bad = make_doc("report one"), make_doc("report two")
    broken = make_extraction(bad)
    broken.casualties[0].event = "e9"  # refers to no event
    with pytest.raises(ValueError, match="e9"):
        store.add_documents_with_extractions([(good, make_extraction(good)), (bad, broken)])
    assert store.count_documents() == 0


def _fail_on_claims(monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")
    monkeypatch.setattr(mapping, "claim_row", boom)


def test_failure_mid_transaction_leaves_nothing(store, monkeypatch):
    doc = make_doc()
    _fail_on_claims(monkeypatch)  # raised after the document and its events were inserted
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add_document_with_extraction(doc, make_extraction(doc))
    assert not store.has_document(doc.id) and store.count_documents() == 0
    assert [table_count(store, t) for t in MACHINE_TABLES] == [0] * len(MACHINE_TABLES)


def test_failed_reextraction_keeps_the_previous_one(store, monkeypatch):
    doc = make_doc()
    ex = make_extraction(doc)
    store.add_document_with_extraction(doc, ex)
    _fail_on_claims(monkeypatch)
    with pytest.raises(RuntimeError):
        store.save_extraction(make_extraction(doc, killed=99))
    assert store.get_extraction(doc.id) == ex


claims_strategy = st.builds(
    CasualtyClaim,
    count_low=st.none() | st.integers(0, 10**9),
    count_high=st.none() | st.integers(0, 10**9),
    qualifier=st.none() | st.text(),
    group=st.sampled_from(["civilians", "children", "people", "soldiers"]),
    group_text=st.none() | st.text(),
    outcome=st.sampled_from(["killed", "injured", "missing", "displaced"]),
    modality=st.sampled_from(["asserted", "hypothetical"]),
    source=st.none() | st.text(),
    span=st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)),
    sentence=st.text(),
    sentence_span=st.none() | st.tuples(st.integers(0, 99), st.integers(0, 99)),
    number_text=st.none() | st.text(),
    subtotal=st.booleans(),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(claims=st.lists(claims_strategy, max_size=4))
def test_claim_round_trip_property(store, claims):
    doc = make_doc()
    ex = Extraction(document=doc.ref(), casualties=claims)
    store.add_document_with_extraction(doc, ex)
    assert store.get_extraction(doc.id) == ex


# -- events and claims ---------------------------------------------------------------------------

@pytest.fixture
def three_docs(store):
    specs = [("Gaza report", "PS", 12, D(2023, 10, 9), ["Israeli military"]),
             ("Aleppo report", "SY", 56, D(2016, 7, 19), ["US-led coalition"]),
             ("Mosul report", "IQ", 3, D(2016, 11, 2), ["Islamic State", "Iraqi army"])]
    docs = {}
    for text, country, killed, day, actors in specs:
        doc = make_doc(text)
        store.add_document_with_extraction(
            doc, make_extraction(doc, country=country, killed=killed, day=day, actors=actors))
        docs[country] = doc
    return docs


def test_iter_events_filters(store, three_docs):
    def countries(**kw):
        return [e.place.country for e in store.iter_events(type="Air/drone strike", **kw)]

    assert countries() == ["SY", "IQ", "PS"]  # by date
    assert countries(date_from=D(2016, 8, 1)) == ["IQ", "PS"]
    assert countries(date_to=D(2016, 12, 31)) == ["SY", "IQ"]
    assert countries(date_from=D(2016, 7, 19), date_to=D(2016, 7, 19)) == ["SY"]
    assert countries(country="iq") == ["IQ"]
    assert countries(actor="islamic") == ["IQ"]
    assert countries(min_killed=24) == ["SY", "PS"]  # the high figure counts: 2 x killed
    assert countries(min_killed=6) == ["SY", "IQ", "PS"]
    assert store.iter_events(min_killed=113) == []
    assert len(store.iter_events()) == 6
    assert [e.type for e in store.iter_events(doc_id=three_docs["SY"].id)] == [
        "Air/drone strike", "Armed clash"]
    undated = store.iter_events(type="Armed clash")
    assert len(undated) == 3 and all(e.date.start is None for e in undated)


def test_min_killed_falls_back_to_civilians(store):
    doc = make_doc()
    ex = make_extraction(doc)
    ex.events[0].toll = Toll(civilians_killed=(4, 7))
    store.add_document_with_extraction(doc, ex)
    assert [e.id for e in store.iter_events(min_killed=7)] == [f"{doc.id}:e1"]
    assert store.iter_events(min_killed=8) == []


def test_query_views_use_global_ids(store, three_docs):
    doc = three_docs["SY"]
    event = store.get_event(f"{doc.id}:e1")
    assert event.id == f"{doc.id}:e1" and event.doc_id == doc.id
    assert event.place.resolved_name == "Ḩalab"
    assert store.get_event("missing:e1") is None
    claims = store.claims_for_event(event.id)
    assert [(c.id, c.event, c.doc_id, c.count_low) for c in claims] == [
        (f"{doc.id}:c2", event.id, doc.id, 56)]
    assert len(store.claims_for_document(doc.id)) == 2


# -- find ------------------------------------------------------------------------------------------

def test_find(store, three_docs):
    doc = three_docs["SY"]
    assert store.find(doc.id) == ("document", doc.id)
    assert store.find(doc.id[:6]) == ("document", doc.id)
    assert store.find(f"{doc.id}:e1") == ("event", f"{doc.id}:e1")
    assert store.find(f"{doc.id[:6]}:c2") == ("claim", f"{doc.id}:c2")
    assert store.find("zzzz") is None and store.find("") is None
    store.replace_incidents([{"id": "inc-1"}, {"id": "inc-2"}])
    assert store.find("inc-1") == ("incident", "inc-1")
    with pytest.raises(AmbiguousIdError) as err:
        store.find("inc-")
    assert [i for _, i in err.value.candidates] == ["inc-1", "inc-2"]


def test_find_treats_like_wildcards_literally(store):
    store.add_document(Document(id="a_b", text="x"))
    store.add_document(Document(id="axb", text="y"))
    assert store.find("a_") == ("document", "a_b")
    assert store.find("%") is None


# -- incidents -------------------------------------------------------------------------------------

@dataclasses.dataclass
class IncidentStub:
    id: str
    country: str
    date_start: D
    killed_best: int
    sources: list[str]


def test_incidents_replace_upsert_and_links(store, three_docs):
    sy, iq = three_docs["SY"], three_docs["IQ"]
    store.replace_incidents([
        {"id": "i1", "country": "SY", "date_start": "2016-07-19", "actors": ["US-led coalition"],
         "grade": "fair", "confidence": 0.8, "event_ids": [f"{sy.id}:e1"]},
        IncidentStub("i2", "IQ", D(2016, 11, 2), 3, ["a", "b"]),
    ], links=None)
    got = {i["id"]: i for i in store.iter_incidents()}
    assert got["i1"]["date_start"] == D(2016, 7, 19) and got["i1"]["confidence"] == 0.8
    assert got["i1"]["event_ids"] == [f"{sy.id}:e1"] and got["i2"]["event_ids"] == []
    assert got["i2"]["sources"] == ["a", "b"] and got["i2"]["killed_best"] == 3
    assert got["i1"]["updated_at"].tzinfo is not None

    store.upsert_incidents([{"id": "i2", "country": "IQ"}], links={"i2": [f"{iq.id}:e1"]})
    assert store.get_incident("i2")["event_ids"] == [f"{iq.id}:e1"]
    assert "sources" not in store.get_incident("i2")
    assert store.get_incident("i1")["grade"] == "fair"

    store.replace_incidents([{"id": "i3"}], links=[("i3", f"{sy.id}:e1"), ("i3", f"{iq.id}:e1")])
    assert [i["id"] for i in store.iter_incidents()] == ["i3"]
    assert store.get_incident("i1") is None
    assert table_count(store, "incident_events") == 2


def test_incident_links_survive_reextraction(store, three_docs):
    doc = three_docs["SY"]
    store.replace_incidents([{"id": "i1", "event_ids": [f"{doc.id}:e1"]}])
    store.save_extraction(store.get_extraction(doc.id))
    assert store.get_incident("i1")["event_ids"] == [f"{doc.id}:e1"]


def test_incident_input_is_validated(store):
    with pytest.raises(ValueError, match="without an id"):
        store.replace_incidents([{"country": "SY"}])
    with pytest.raises(ValueError, match="duplicate"):
        store.replace_incidents([{"id": "a"}, {"id": "a"}])
    with pytest.raises(ValueError, match="not being written"):
        store.upsert_incidents([{"id": "a"}], links={"b": ["x:e1"]})
    with pytest.raises(TypeError):
        store.replace_incidents(["i1"])


# -- review log ------------------------------------------------------------------------------------

def test_review_actions_persist_across_reextraction(store):
    doc = make_doc()
    store.add_document_with_extraction(doc, make_extraction(doc))
    claim_id = f"{doc.id}:c2"
    first = store.add_review_action("ana", "correct", "claim", claim_id,
                                    {"count_low": 50, "on": D(2016, 7, 20)}, "typo in source")
    second = store.add_review_action("ben", "confirm", "event", f"{doc.id}:e1")
    assert second > first
    store.save_extraction(make_extraction(doc, killed=57))
    store.save_extraction(make_extraction(doc, killed=58))
    log = store.iter_review_actions()
    assert [(a.id, a.analyst, a.action) for a in log] == [(first, "ana", "correct"),
                                                           (second, "ben", "confirm")]
    correction = store.iter_review_actions(claim_id)[0]
    assert correction.payload == {"count_low": 50, "on": "2016-07-20"}
    assert correction.reason == "typo in source" and correction.created_at.tzinfo is not None
    assert [a.id for a in store.iter_review_actions(target_kind="event")] == [second]
    assert [a.id for a in store.iter_review_actions(action="correct")] == [first]
    # The claim id is stable, so the correction still points at the re-extracted claim.
    assert claim_id in [c.id for c in store.claims_for_document(doc.id)]
    with pytest.raises(ValueError, match="analyst"):
        store.add_review_action("", "confirm", "event", "x")


def test_two_stores_on_one_file(tmp_path):
    path = str(tmp_path / "shared.db")
    with Store(path) as a, Store(path) as b:
        doc = make_doc()
        assert a.add_document_with_extraction(doc, make_extraction(doc))
        assert b.add_document(doc) is False
        assert b.get_extraction(doc.id) == make_extraction(doc)


# --- crash safety and concurrent writers (issue 10) ---------------------------------------------
# The corpus is written here (invented reports, no third-party text): ten strikes, each told by
# three outlets with different wording, so incidents merge reports and an interrupted
# reconciliation would show.

REPO = Path(__file__).resolve().parents[1]
HARMWATCH = [str(Path(sys.executable).parent / "harmwatch")]  # the installed entry point

_PLACES = ["Kharkiv", "Mosul", "Idlib", "Kherson", "Aden", "Goma", "Sirte", "Herat", "Gao", "Bakhmut"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
         "Monday", "Tuesday", "Wednesday"]
_OUTLETS = ["Daily Ledger", "Evening Courier", "Morning Wire"]
_WORDING = [
    "A missile strike on a residential building in {place} on {day} killed {k} civilians and "
    "wounded {w} others, the regional governor said.",
    "At least {k} people were killed and {w} injured when a missile hit an apartment block in "
    "{place} on {day}, local officials said.",
    "Rescuers in {place} said {k} civilians died after {day}'s missile attack on a housing block; "
    "{w} people were taken to hospital.",
]


def corpus() -> list[dict]:
    """30 short reports: 10 strikes x 3 outlets, dated so they cluster by day."""
    out = []
    for i, place in enumerate(_PLACES):
        for j, outlet in enumerate(_OUTLETS):
            text = _WORDING[j].format(place=place, day=_DAYS[i], k=3 + i, w=10 + 2 * i)
            out.append({"id": f"r{i:02d}-{j}", "text": text, "publisher": outlet,
                        "published": f"2024-04-{10 + i:02d}"})
    return out


from helpers import run, write_jsonl  # noqa: E402


def snapshot(db: Path) -> dict:
    """What a reader of the database sees: documents, and incidents as sets of events with tolls."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        docs = [r[0] for r in con.execute("SELECT id FROM documents ORDER BY id")]
        links = con.execute("SELECT incident_id, event_id FROM incident_events").fetchall()
        cols = [c[1] for c in con.execute("PRAGMA table_info(incidents)")]
        wanted = [c for c in ("killed_low", "killed_high", "injured_low", "injured_high",
                              "date_start", "type") if c in cols]
        rows = {r[0]: r[1:] for r in con.execute(f"SELECT id, {', '.join(wanted)} FROM incidents")}
    finally:
        con.close()
    members: dict[str, set] = {}
    for inc, ev in links:
        members.setdefault(inc, set()).add(ev)
    incidents = sorted((tuple(sorted(members.get(i, ()))), tuple(map(str, v))) for i, v in rows.items())
    return {"docs": docs, "links": links, "incidents": incidents}


def linked_twice(links: list) -> list:
    seen: dict[str, int] = {}
    for _, ev in links:
        seen[ev] = seen.get(ev, 0) + 1
    return sorted(e for e, n in seen.items() if n > 1)


def count_docs(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, dict]:
    """An uninterrupted ingest of the corpus: what every other run must equal."""
    tmp = tmp_path_factory.mktemp("ref")
    src = write_jsonl(tmp / "corpus.jsonl", corpus())
    db = tmp / "ref.db"
    res = run(["--db", db, "ingest", src])
    assert res.returncode == 0, res.stderr
    snap = snapshot(db)
    assert len(snap["docs"]) == 30 and snap["incidents"]
    # positive control: reports of one strike do merge, so a lost reconciliation would show
    assert any(len(evs) > 1 for evs, _ in snap["incidents"])
    return src, snap


def test_sigkill_mid_ingest_then_rerun_equals_an_uninterrupted_run(reference, tmp_path):
    src, expected = reference
    db = tmp_path / "killed.db"
    # two documents a batch: stores interleave with extraction, so the kill can land half-way
    # (a whole 30-document batch is written in a few milliseconds, between two polls)
    proc = subprocess.Popen([*HARMWATCH, "--db", str(db), "ingest", "--batch-size", "2", str(src)], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while count_docs(db) < 4 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = count_docs(db)
    assert 4 <= stored < 30  # killed half-way: some reports committed, not all
    interrupted = snapshot(db)
    assert not interrupted["incidents"] or len(interrupted["docs"]) < 30

    res = run(["--db", db, "ingest", src])
    assert res.returncode == 0, res.stderr
    assert f"{30 - stored} new document(s), {stored} already stored" in res.stdout
    after = snapshot(db)
    assert after["docs"] == expected["docs"]  # none lost, none twice (ids are the primary key)
    assert after["incidents"] == expected["incidents"]
    assert linked_twice(after["links"]) == []


def test_two_ingests_at_once_both_finish_and_link_each_event_once(reference, tmp_path):
    src, expected = reference
    rows = corpus()
    a = write_jsonl(tmp_path / "a.jsonl", rows[:20])
    b = write_jsonl(tmp_path / "b.jsonl", rows[10:])
    db = tmp_path / "shared.db"
    procs = [subprocess.Popen([*HARMWATCH, "--db", str(db), "ingest", str(p)], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for p in (a, b)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1][-2000:] for o in outs]
    snap = snapshot(db)
    assert snap["docs"] == expected["docs"]
    assert linked_twice(snap["links"]) == []
    linked = {ev for _, ev in snap["links"]}
    assert linked == {ev for _, ev in expected["links"]}  # every event in exactly one incident


def test_reconciliation_waits_for_another_writer(tmp_path):
    """The lock itself, without timing luck: a second reconciler waits for the first."""
    from harmwatch.reconcile import reconcile_pending
    from harmwatch.store import Store

    db = tmp_path / "lock.db"
    first, second = Store(str(db)), Store(str(db))
    order: list[str] = []
    entered = threading.Event()

    def hold():
        with first.exclusive():
            entered.set()
            time.sleep(1.0)
            order.append("first done")

    t = threading.Thread(target=hold)
    t.start()
    entered.wait(10)
    reconcile_pending(second)
    order.append("second done")
    t.join()
    first.close(), second.close()
    assert order == ["first done", "second done"]


