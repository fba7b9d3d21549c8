"""End to end: the real extractor and store on the synthetic clustering reports
(tests/data/clustering-dev.jsonl): clustering, ranges, incremental = full, analyst merge and
split surviving re-ingest, and the pairwise clustering figures as a floor."""
from __future__ import annotations

from pathlib import Path

import pytest

from harmwatch.evaluate import evaluate_file, load_eval_file, to_document
from harmwatch.reconcile import Incident, reconcile_extractions, reconcile_store
from harmwatch.store import Store

DATA = Path(__file__).resolve().parent / "data" / "clustering-dev.jsonl"

extract = pytest.importorskip("harmwatch.extract")
if not hasattr(extract, "extract_document"):
    pytest.skip("harmwatch.extract.extract_document is not defined yet", allow_module_level=True)


@pytest.fixture(scope="module")
def reports():
    items = load_eval_file(DATA)
    docs = [to_document(it) for it in items]
    try:
        extractions = extract.extract_documents(docs)
    except NotImplementedError as exc:  # a resolve stage still stubbed out
        pytest.skip(f"the extractor is not finished: {exc!r}")
    gold = {it.id: it.gold["incident"] for it in items}
    return docs, extractions, gold


def _ingest(store, docs, extractions, incremental=True):
    for doc, ex in zip(docs, extractions):
        store.add_document_with_extraction(doc, ex)
        if incremental:
            reconcile_store(store, {doc.id})
    if not incremental:
        reconcile_store(store)


def _by_doc(store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for row in store.iter_incidents():
        for e in row["event_ids"]:
            out.setdefault(e.split(":")[0], set()).add(row["id"])
    return out


def _incident_of(store, doc_id) -> Incident:
    [iid] = _by_doc(store)[doc_id] if len(_by_doc(store)[doc_id]) == 1 else sorted(
        _by_doc(store)[doc_id])[:1]
    return Incident.from_row(store.get_incident(iid))


def _partition(store) -> set[frozenset[str]]:
    return {frozenset(r["event_ids"]) for r in store.iter_incidents()}


def test_incremental_ingest_matches_full_and_ranges(tmp_path, reports):
    docs, extractions, _ = reports
    with Store(str(tmp_path / "inc.db")) as inc, Store(str(tmp_path / "full.db")) as full:
        _ingest(inc, docs, extractions)
        _ingest(full, docs, extractions, incremental=False)
        assert _partition(inc) == _partition(full)
        pure = reconcile_extractions(docs, extractions)  # what `harmwatch eval` scores
        assert {frozenset(i.event_ids) for i in pure} == _partition(full)
        assert {i.id: i.killed for i in pure} == {
            r["id"]: Incident.from_row(r).killed for r in full.iter_incidents()}
        market = _incident_of(inc, "cl01")
        idlib = {d for d, ids in _by_doc(inc).items() if market.id in ids}
        assert {"cl01", "cl02", "cl03"} <= idlib
        assert not idlib & {"cl05", "cl06"}  # Ariha, the same day: another strike
        assert market.killed.low == 12 and market.killed.high == 31
        assert market.killed.best == 27
        killed = [p for p in market.timeline if p.measure == "killed"]
        assert [p.published.isoformat() for p in killed] == sorted(
            p.published.isoformat() for p in killed)
        assert market.grade is not None and market.grade_reason
        kharkiv_6, kharkiv_7 = _incident_of(inc, "cl15"), _incident_of(inc, "cl18")
        assert kharkiv_6.id != kharkiv_7.id  # two days apart


def test_pairwise_clustering_figures_hold(reports):
    result = evaluate_file(DATA, lambda docs: reports[1])
    assert result.kind == "clusters"
    assert result.figures["pair_precision"] >= 0.9
    assert result.figures["pair_recall"] >= 0.55


def test_analyst_merge_and_split_survive_reingest(tmp_path, reports):
    docs, extractions, _ = reports
    with Store(str(tmp_path / "hw.db")) as store:
        _ingest(store, docs, extractions, incremental=False)
        a, b = _incident_of(store, "cl15"), _incident_of(store, "cl18")
        store.add_review_action("ana", "merge", "incident", a.id,
                                {"incidents": [a.id, b.id], "events": a.event_ids + b.event_ids},
                                "test: one attack")
        market = _incident_of(store, "cl01")
        moved = [e for e in market.event_ids if e.startswith("cl02:")]
        store.add_review_action("ana", "split", "incident", market.id,
                                {"events": moved, "new_id": "Isplit",
                                 "from_events": market.event_ids}, "test: split")
        reconcile_store(store)
        before = {r["id"]: set(r["event_ids"]) for r in store.iter_incidents()}
        assert set(a.event_ids) | set(b.event_ids) <= before[a.id] and b.id not in before
        assert before["Isplit"] == set(moved)
        # re-ingest: extraction again, documents re-saved, incremental then full re-runs
        again = extract.extract_documents(docs)
        for ex in again:
            store.save_extraction(ex)
        reconcile_store(store, {d.id for d in docs[:5]})
        reconcile_store(store)
        after = {r["id"]: set(r["event_ids"]) for r in store.iter_incidents()}
        assert after == before
