"""``--processes`` and ``--batch-size`` (issue 10): worker processes only extract, the caller
is the one writer, so a run with two workers stores the same documents and incidents as a run
with one; ``extract`` prints the same bytes whatever its batch size. Reports written for
these tests, plus the repo's ``samples/``."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from harmwatch.pipeline import process_mapper, resolve_processes, serial_mapper
from harmwatch.store import Store
from helpers import REPO, run

REPORTS = {
    "a.txt": "An air strike on a bakery in the town of Testburg killed 7 civilians on Monday, "
             "a local council said. Another 11 people were wounded.",
    "b.txt": "Shelling hit a school in Testburg on Monday, killing seven civilians and wounding "
             "eleven, according to a rescue group.",
    "c.txt": "The football club won its third match in a row on Saturday.",
    "d.txt": "A drone strike on a car near the village of Sampleford killed two men on 3 May, "
             "a monitoring group reported.",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("reports")
    for name, text in REPORTS.items():
        (root / name).write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "samples", root / "samples")
    return root


def _stored(db: Path) -> tuple[list, list]:
    with Store(str(db)) as store:
        docs = sorted((d.id, d.text) for d in store.iter_documents())
        incidents = sorted((sorted(i.doc_ids), sorted(i.event_ids), i.type, i.place_name,
                            i.killed.model_dump_json()) for i in store.incidents())
    return docs, incidents


def test_two_processes_store_what_one_stores(folder: Path, tmp_path: Path) -> None:
    out = {}
    for n in ("1", "2"):
        db = tmp_path / f"p{n}.db"
        r = run(["--db", db, "ingest", folder, "--processes", n, "--batch-size", "3"])
        assert r.returncode in (0, 1), r.stderr  # samples may hold a deliberately bad row
        out[n] = (_stored(db), r.returncode, sorted(r.stderr.splitlines()))
    docs, incidents = out["1"][0]
    assert len(docs) > len(REPORTS) and incidents  # positive control: something was stored
    assert out["2"] == out["1"]
    again = run(["--db", tmp_path / "p2.db", "ingest", folder, "--processes", "2"])
    assert "0 new document(s)" in again.stdout  # idempotent with workers too


def test_extract_output_same_for_batch_sizes(folder: Path) -> None:
    one = run(["extract", folder, "--batch-size", "1"])
    many = run(["extract", folder, "--batch-size", "16", "--processes", "2"])
    assert one.stdout and one.stdout.count("\n") > len(REPORTS)
    assert many.stdout == one.stdout
    assert many.returncode == one.returncode


def test_resolve_processes_and_bad_value() -> None:
    assert resolve_processes(3) == 3
    assert resolve_processes(0) >= 1
    r = run(["extract", REPO / "samples", "--processes", "many"])
    assert r.returncode == 2 and "auto" in r.stderr


def fake(doc):
    """A per-document extractor that fails on one marked text (no model needed)."""
    if "FAIL" in doc.text:
        raise ValueError("marked")
    return doc.id


def test_process_mapper_keeps_order_and_failures() -> None:
    from harmwatch.models import Document

    docs = [Document.from_text(f"report {i}" + (" FAIL" if i == 4 else "")) for i in range(9)]
    batches = [docs[i:i + 2] for i in range(0, 9, 2)]
    serial = [r for b in serial_mapper(fake)(iter(batches)) for r in b]
    forked = [r for b in process_mapper(2, fake)(iter(batches)) for r in b]
    assert [d.id for d, _ in forked] == [d.id for d in docs]
    assert forked == serial
    assert isinstance(forked[4][1], str) and "marked" in forked[4][1]
