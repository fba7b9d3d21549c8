"""Scale-out: streamed corpora (JSONL, JSONL.gz, Parquet) in bounded memory, a Dask run equal
to a single-process run, and a run killed with SIGKILL that resumes with nothing stored twice
or lost. Every report here is text written for these tests."""
from __future__ import annotations

import gzip
import json
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from harmwatch.models import Document, IngestError
from harmwatch.scale.runner import ingest_stream
from harmwatch.scale.streams import iter_corpus
from harmwatch.store import Store

TOWNS = ["Aleppo", "Idlib", "Mosul", "Taiz", "Raqqa", "Homs", "Marib", "Daraa"]


def report(i: int) -> dict:
    """Reports 0-2 tell one Aleppo strike with a rising toll; the rest are distinct strikes."""
    if i < 3:
        text = (f"Airstrikes on a market in Aleppo on July {19} killed {[12, 20, 27][i]} "
                f"civilians, rescuers said, in an update published on July {20 + i}.")
        return {"id": f"r{i:03d}", "text": text, "published": f"2016-07-{20 + i}",
                "publisher": ["Agency A", "Agency B", "Agency C"][i], "title": "Aleppo strike"}
    town = TOWNS[i % len(TOWNS)]
    text = (f"Shelling hit a residential area of {town} on March {i % 27 + 1}, 2019, killing "
            f"{i + 2} people and wounding {i + 6} others, local officials said. Report {i}.")
    return {"id": f"r{i:03d}", "text": text, "published": f"2019-03-{i % 27 + 2:02d}",
            "publisher": "Agency D", "title": f"Shelling in {town}"}


def write_jsonl(path: Path, n: int, start: int = 0) -> Path:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as fh:
        for i in range(start, start + n):
            fh.write(json.dumps(report(i)) + "\n")
    return path


def write_parquet(path: Path, n: int, start: int = 0, row_group: int = 4) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [report(i) for i in range(start, start + n)]
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group)
    return path


def docs_of(items) -> list[Document]:
    items = list(items)
    assert not [i for i in items if isinstance(i, IngestError)]
    return items


# -- streams ---------------------------------------------------------------------------------

def test_jsonl_gzip_and_parquet_give_the_same_documents(tmp_path):
    a = docs_of(iter_corpus([write_jsonl(tmp_path / "a.jsonl", 10)]))
    b = docs_of(iter_corpus([write_jsonl(tmp_path / "b.jsonl.gz", 10)]))
    c = docs_of(iter_corpus([write_parquet(tmp_path / "c.parquet", 10)]))
    assert len(a) == 10
    strip = lambda docs: [d.model_dump(exclude={"source_path"}) for d in docs]  # noqa: E731
    assert strip(a) == strip(b) == strip(c)
    assert a[0].id == "r000" and a[0].published.isoformat() == "2016-07-20"
    assert c[3].source_path.endswith("c.parquet#4")


def test_bad_lines_are_reported_and_reading_goes_on(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_text(json.dumps(report(0)) + "\n{not json\n\n" + json.dumps({"title": "x"}) + "\n"
                 + json.dumps(report(1)) + "\n", encoding="utf-8")
    items = list(iter_corpus([p]))
    assert [type(i).__name__ for i in items] == ["Document", "IngestError", "IngestError",
                                                 "Document"]
    assert items[1].path.endswith("#2") and items[2].path.endswith("#4")


@pytest.mark.parametrize("name", ["big.jsonl.gz", "big.parquet"])
def test_streaming_memory_does_not_grow_with_the_corpus(tmp_path, name):
    """Peak memory while reading 20,000 documents stays far below the corpus size."""
    n = 20_000
    path = tmp_path / name
    if name.endswith(".parquet"):
        write_parquet(path, n, row_group=2000)
    else:
        write_jsonl(path, n)
    size = sum(len(json.dumps(report(i))) for i in range(n))
    tracemalloc.start()
    count = sum(1 for item in iter_corpus([path], batch_rows=500)
                if isinstance(item, Document))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == n
    assert size > 3_000_000  # positive control: the corpus is big enough to notice
    assert peak < size / 4, f"peak {peak} bytes for a {size}-byte corpus"


# -- Dask equals single-process ----------------------------------------------------------------

def snapshot(store: Store):
    docs = sorted((d.id, d.text) for d in store.iter_documents())
    extractions = {d: store.get_extraction(d).model_dump(mode="json") for d, _ in docs}
    claims = sorted((c.id, c.count_low, c.count_high, c.span) for d, _ in docs
                    for c in store.claims_for_document(d))
    incidents = sorted(
        (json.dumps({k: v for k, v in row.items() if k != "updated_at"}, sort_keys=True,
                    default=str)) for row in store.iter_incidents())
    return docs, extractions, claims, incidents


def test_dask_run_equals_single_process_run(tmp_path):
    pytest.importorskip("distributed")
    from harmwatch.scale.dask_engine import dask_client, ingest_with_dask

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "part-1.jsonl", 7)
    write_parquet(corpus / "part-2.parquet", 5, start=7)
    (corpus / "note.md").write_text("# Strike in Homs\n\nA drone strike in Homs on May 3, "
                                    "2020 killed four civilians, a monitor said.\n")
    with Store(str(tmp_path / "single.db")) as single:
        one = ingest_stream([corpus], single, batch=3)
        expected = snapshot(single)
    with Store(str(tmp_path / "dask.db")) as store, \
            dask_client(workers=2, processes=False) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        two = ingest_with_dask([corpus], store, client=client, batch=3)
        got = snapshot(store)
    assert one.added == two.added == 13 and not one.errors and not two.errors
    assert got[0] == expected[0]                        # documents
    assert got[1] == expected[1]                        # extractions, record by record
    assert got[2] == expected[2] and len(got[2]) >= 13  # claims (positive control: found)
    assert got[3] == expected[3] and len(got[3]) < 13   # incidents: the Aleppo reports merge


# -- resume after SIGKILL ----------------------------------------------------------------------

CHILD = """
import sys, time
from harmwatch.extract import extract_document
from harmwatch.scale.runner import ingest_stream, serial_mapper
from harmwatch.store import Store

def slow(doc):  # slow enough for the test to kill the run half-way
    time.sleep(float(sys.argv[3]))
    return extract_document(doc)

with Store(sys.argv[1]) as s:
    r = ingest_stream([sys.argv[2]], s, mapper=serial_mapper(slow), batch=1)
print(r.added, r.skipped, len(r.errors))
"""


def test_a_run_killed_with_sigkill_resumes_without_duplicates_or_losses(tmp_path):
    n = 24
    corpus = write_jsonl(tmp_path / "corpus.jsonl.gz", n)
    db = str(tmp_path / "hw.db")
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    child = subprocess.Popen([sys.executable, str(script), db, str(corpus), "0.3"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stored = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.2)
        if Path(db).exists():
            with Store(db) as s:
                stored = s.count_documents()
            if stored >= 3:
                break
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    with Store(db) as s:
        at_kill = s.count_documents()
    assert 3 <= at_kill < n, "the run must have been killed half-way"
    done = subprocess.run([sys.executable, str(script), db, str(corpus), "0"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    added, skipped, errors = map(int, done.stdout.split())
    assert skipped == at_kill and added == n - at_kill and errors == 0
    with Store(db) as s:
        ids = [d.id for d in s.iter_documents()]
        assert sorted(ids) == [f"r{i:03d}" for i in range(n)]
        assert all(s.has_extraction(i) for i in ids)
        linked = [e for row in s.iter_incidents() for e in row.get("event_ids") or []]
        assert linked and len(linked) == len(set(linked))
        # the killed run stored reports it never reconciled: the resumed run did
        from harmwatch.reconcile.build import clusterable
        assert not [e for e in s.unlinked_events() if clusterable(e)]


def test_cli_ingest_engine_dask_equals_local(tmp_path):
    """`harmwatch ingest --engine dask` stores what a local run stores, through the CLI."""
    import subprocess
    import sys

    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": f"r{i}", "published": "2024-03-0%d" % (i % 9 + 1),
                                            "text": t}) for i, t in enumerate([
        "A car bomb exploded at a checkpoint in Kirkuk on Monday, killing 7 people, police said.",
        "Gunmen attacked a village near Maiduguri on Friday, killing 12 civilians, officials said.",
        "Protesters marched peacefully through the centre of Lagos on Tuesday.",
    ])) + "\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "harmwatch.cli"]
    counts = {}
    for engine in ("local", "dask"):
        db = tmp_path / f"{engine}.db"
        run = subprocess.run([*cmd, "--db", str(db), "ingest", "--engine", engine, "--workers", "1",
                              str(corpus)], capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        assert "3 new document(s)" in run.stdout
        listed = subprocess.run([*cmd, "--db", str(db), "incidents", "--all", "--format", "jsonl"],
                                capture_output=True, text=True, timeout=120)
        counts[engine] = sorted(json.dumps(json.loads(line)["killed"].get("high"))
                                for line in listed.stdout.splitlines() if line.strip())
    assert "12" in counts["local"], "the local run must find the village attack's toll (control)"
    assert counts["dask"] == counts["local"]
