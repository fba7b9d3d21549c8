"""Measure ingest throughput: single process, then Dask LocalCluster with 1, 2 ... workers.

    .venv/bin/python scripts/scale_bench.py CORPUS.jsonl [--copies 2] [--workers 1 2]

Each run ingests the same documents into a fresh SQLite database (copies of the corpus get
distinct ids so nothing is skipped); figures are documents per second end to end (reading,
extraction, writing, reconciliation), including the cluster's start-up
(``--warm``: after it, and after every worker has loaded the model). Used for docs/scale.md.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path


def make_corpus(paths: list[str], copies: int, out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for k in range(copies):
            for p in paths:
                for line in open(p, encoding="utf-8"):
                    if not line.strip():
                        continue
                    obj = json.loads(line)
                    obj = {key: obj.get(key) for key in ("text", "title", "published", "url")}
                    obj["id"] = f"copy{k}-{n}"
                    fh.write(json.dumps(obj) + "\n")
                    n += 1
    return n


def _warm() -> None:
    from harmwatch.extract import extract_document
    from harmwatch.models import Document

    extract_document(Document.from_text("A strike in Aleppo on Monday killed 3 people."))


def _cpu() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_utime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--serial", action="store_true", help="also time the single-process run")
    ap.add_argument("--warm", action="store_true", help="start the cluster and load the model "
                    "on every worker before timing (steady-state throughput)")
    args = ap.parse_args()

    from harmwatch.scale.dask_engine import dask_client, ingest_with_dask
    from harmwatch.scale.runner import ingest_stream
    from harmwatch.store import Store

    tmp = Path(tempfile.mkdtemp())
    corpus = tmp / "corpus.jsonl"
    n = make_corpus(args.corpus, args.copies, corpus)
    print(f"{n} documents")
    runs = ([("single process", None)] if args.serial else []) + \
        [(f"dask, {w} worker(s)", w) for w in args.workers]
    for label, workers in runs:
        with Store(str(tmp / f"{label.replace(' ', '_')}.db")) as store, \
                (dask_client(workers=workers) if workers else nullcontext()) as client:
            if args.warm:  # load the spaCy model first: time the steady state only
                if client is not None:
                    client.run(_warm)
                else:
                    _warm()
            cpu0 = client.run(_cpu) if client is not None else {}
            t = time.perf_counter()
            if workers is None:
                r = ingest_stream([corpus], store)
            else:
                r = ingest_with_dask([corpus], store, client=client)
            secs = time.perf_counter() - t
            cpu = ({w: round(c - cpu0[w], 1) for w, c in client.run(_cpu).items()}
                   if client is not None else {})
        print(f"{label}: {r.added} docs in {secs:.1f} s = {r.added / secs:.1f} docs/s "
              f"({len(r.errors)} errors)"
              + (f"; worker CPU s: {sorted(cpu.values())}" if cpu else ""), flush=True)


if __name__ == "__main__":
    main()
