"""Measure ingest throughput: single process, then Dask LocalCluster with 1, 2 ... workers.

    .venv/bin/python scripts/scale_bench.py CORPUS.jsonl [--copies 2] [--workers 1 2]

Each run ingests the same documents into a fresh SQLite database (copies of the corpus get
distinct ids so nothing is skipped); figures are documents per second end to end (reading,
extraction, writing, reconciliation), including the cluster's start-up. Used for docs/scale.md.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--serial", action="store_true", help="also time the single-process run")
    args = ap.parse_args()

    from harmwatch.scale.dask_engine import ingest_with_dask
    from harmwatch.scale.runner import ingest_stream
    from harmwatch.store import Store

    tmp = Path(tempfile.mkdtemp())
    corpus = tmp / "corpus.jsonl"
    n = make_corpus(args.corpus, args.copies, corpus)
    print(f"{n} documents")
    runs = ([("single process", None)] if args.serial else []) + \
        [(f"dask, {w} worker(s)", w) for w in args.workers]
    for label, workers in runs:
        with Store(str(tmp / f"{label.replace(' ', '_')}.db")) as store:
            t = time.perf_counter()
            if workers is None:
                r = ingest_stream([corpus], store)
            else:
                r = ingest_with_dask([corpus], store, workers=workers)
            secs = time.perf_counter() - t
        print(f"{label}: {r.added} docs in {secs:.1f} s = {r.added / secs:.1f} docs/s "
              f"({len(r.errors)} errors)", flush=True)


if __name__ == "__main__":
    main()
