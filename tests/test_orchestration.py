"""The one orchestration path (``harmwatch.pipeline``): what every front end relies on when it
ingests (new, stored, clashing, failing documents; reconciliation of what a killed run left),
and that no front end writes documents any other way. The extractor is replaced by a small
fake here (texts and places written for these tests), so only the orchestration is tested."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

import harmwatch.extract as extract_pkg
from harmwatch import pipeline
from harmwatch.models import DateRange, Document, Event, Extraction, IngestError, Place
from harmwatch.pipeline import extract_batch, ingest_documents, serial_mapper
from harmwatch.store import Store

PKG = Path(__file__).resolve().parents[1] / "harmwatch"


def fake_extract(doc: Document) -> Extraction:
    """One air strike per report, in a made-up town; a text with POISON makes it raise."""
    if "POISON" in doc.text:
        raise ValueError("boom")
    strike = Event(id="e1", type="Air/drone strike", sentence=doc.text,
                   place=Place(name="Testville", country="SY", lat=36.2, lon=37.1,
                               precision="city"),
                   date=DateRange(start=dt.date(2024, 1, 2), end=dt.date(2024, 1, 2),
                                  precision="day"))
    return Extraction(document=doc.ref(), events=[strike])


def doc(text: str, **meta) -> Document:
    return Document.from_text(text, published=dt.date(2024, 1, 3), **meta)


A = doc("Jets struck a market in Testville on Tuesday, residents said.")
B = doc("An air strike hit Testville's market on Tuesday, a monitor reported.")
POISON = doc("POISON text that the fake extractor refuses.")


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "hw.db")) as s:
        yield s


def run(items, store, **kw):
    steps = []
    report = ingest_documents(items, store, mapper=serial_mapper(fake_extract),
                              on_step=steps.append, **kw)
    return report, [(s.kind, s.path) for s in steps]


def test_new_documents_are_stored_and_reconciled_and_a_rerun_is_a_no_op(store):
    report, steps = run([A, B], store)
    assert (report.added, report.skipped, report.errors) == (2, 0, [])
    assert steps == [("stored", A.id), ("stored", B.id)]
    incidents = store.incidents()
    assert incidents and {e.split(":")[0] for i in incidents for e in i.event_ids} == {A.id, B.id}
    again, steps = run([A, B], store)
    assert (again.added, again.skipped, again.errors) == (0, 2, [])
    assert [k for k, _ in steps] == ["same", "same"]


def test_force_re_extracts_stored_documents(store):
    run([A], store)
    report, steps = run([A], store, force=True)
    assert (report.added, report.skipped) == (1, 0) and steps == [("stored", A.id)]


def test_an_id_reused_for_another_text_is_an_error_not_a_silent_drop(store):
    run([A.model_copy(update={"source_path": "first.jsonl#1"})], store)
    other = Document(id=A.id, text="A different text under the same id.",
                     source_path="second.jsonl#4")
    report, steps = run([other], store)
    assert report.added == 0 and len(report.errors) == 1
    reason = report.errors[0].reason
    assert "already stored for a different text" in reason and "first.jsonl#1" in reason
    assert steps == [("clash", "second.jsonl#4")]
    assert store.get_document(A.id).text == A.text  # the stored one is kept


def test_one_id_twice_in_a_batch_is_judged_like_a_stored_one(store):
    clash = Document(id=A.id, text="Another text under the first one's id.", source_path="b.txt")
    report, steps = run([A.model_copy(update={"source_path": "a.txt"}), A, clash], store, batch=8)
    assert (report.added, report.skipped) == (1, 1)
    assert [k for k, _ in steps] == ["same", "clash", "stored"]
    assert "from a.txt" in report.errors[0].reason
    ex = store.get_extraction(A.id)  # the first text's extraction, not the clashing one's
    assert ex is not None and ex.events[0].sentence == A.text


def test_a_failing_document_loses_only_itself(store):
    report, steps = run([A, POISON, B], store, batch=3)
    assert report.added == 2 and store.has_document(A.id) and store.has_document(B.id)
    assert not store.has_document(POISON.id)
    assert [e.reason for e in report.errors] == ["extraction failed: ValueError('boom')"]
    assert [k for k, _ in steps] == ["stored", "failed", "stored"]


def test_a_batch_that_cannot_be_stored_keeps_the_documents_before_the_faulty_one(store):
    """A batch is one transaction; when it fails it is written a document at a time, so what
    is stored (and the error) is what per-document transactions gave."""
    def dangling(doc: Document) -> Extraction:
        ex = fake_extract(doc)
        if doc.id == B.id:
            ex.events[0].id = "e1"
            ex.events.append(ex.events[0].model_copy())  # a duplicate event id: refused
        return ex
    with pytest.raises(ValueError, match="duplicate ids"):
        ingest_documents([A, B, POISON], store, mapper=serial_mapper(dangling), batch=3)
    assert store.has_document(A.id) and not store.has_document(B.id)


def test_unreadable_items_are_counted_and_reported(store):
    bad = IngestError(path="broken.html", reason="no text found")
    report, steps = run([bad, A], store)
    assert report.errors == [bad] and report.added == 1
    assert steps == [("unreadable", "broken.html"), ("stored", A.id)]


def test_reports_a_killed_run_stored_are_reconciled_by_the_next_run(store):
    store.add_document_with_extraction(A, fake_extract(A))  # killed before reconciling
    assert store.incidents() == []
    report, steps = run([], store)
    assert report.reconciled == 1 and steps == []
    assert [e for i in store.incidents() for e in i.event_ids] == [f"{A.id}:e1"]


def test_a_batch_is_extracted_in_one_call_and_per_document_when_that_fails(monkeypatch):
    calls = []

    def batched(docs, *a, **kw):
        calls.append(len(docs))
        if any("POISON" in d.text for d in docs):
            raise ValueError("boom")
        return [fake_extract(d) for d in docs]

    monkeypatch.setattr(extract_pkg, "extract_documents", batched)
    monkeypatch.setattr(extract_pkg, "extract_document", fake_extract)
    good = extract_batch([A, B])
    assert calls == [2] and all(isinstance(o, Extraction) for _, o in good) and len(good) == 2
    mixed = extract_batch([A, POISON, B])
    assert [type(o).__name__ for _, o in mixed] == ["Extraction", "str", "Extraction"]
    assert mixed[1][1] == "ValueError('boom')"


def test_cli_ingest_prints_through_the_pipeline(tmp_path, monkeypatch):
    """The command's counts, error lines and exit status, with the extractor faked."""
    from harmwatch.cli import app

    real = pipeline.ingest_documents
    monkeypatch.setattr(pipeline, "ingest_documents",
                        lambda items, store, **kw: real(items, store,
                                                        mapper=serial_mapper(fake_extract), **kw))
    (tmp_path / "a.txt").write_text(A.text)
    (tmp_path / "p.txt").write_text(POISON.text)
    db = str(tmp_path / "hw.db")
    first = CliRunner().invoke(app, ["--db", db, "ingest", str(tmp_path / "a.txt"),
                                     str(tmp_path / "p.txt")])
    assert first.exit_code == 1
    out = " ".join(first.output.split())
    assert "1 new document(s), 0 already stored, 1 error(s)." in out
    assert "extraction error ValueError('boom')" in out
    again = CliRunner().invoke(app, ["--db", db, "ingest", str(tmp_path / "a.txt")])
    assert again.exit_code == 0 and "0 new document(s), 1 already stored, 0 error(s)." in again.output


def test_documents_are_written_only_by_the_pipeline():
    """No front end (CLI, API, watch, Dask) stores a document and its extraction itself."""
    writes = (".add_document_with_extraction(", ".add_documents_with_extractions(")
    writers = {p.relative_to(PKG).as_posix() for p in PKG.rglob("*.py")
               if any(w in p.read_text(encoding="utf-8") for w in writes)}
    assert "pipeline.py" in writers  # the check sees the one writer it allows
    assert writers - {"pipeline.py", "store/store.py"} == set(), writers  # the store: one = a batch of one


def test_only_the_store_touches_the_database():
    """Reconcile, the API and the CLI read and write through typed ``Store`` methods, never
    its engine or tables (issue 8: ``reconcile/store_io.py`` used to query them directly)."""
    def users(pattern: str) -> set[str]:
        return {p.relative_to(PKG).as_posix() for p in PKG.rglob("*.py")
                if "migrations" not in p.parts and pattern in p.read_text(encoding="utf-8")}

    engine, tables = users(".engine"), users("__table__") | users("store.schema")
    assert "store/store.py" in engine and "store/schema.py" in tables  # the check sees them
    outside = {p for p in engine | tables if not p.startswith("store/")}
    assert outside == set(), outside
