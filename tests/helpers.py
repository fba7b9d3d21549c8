"""Helpers several test files share: the sample store, the CLI as a subprocess, JSONL corpora."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HARMWATCH = [str(Path(sys.executable).parent / "harmwatch")]  # the installed entry point


def ingest_samples(store) -> None:
    """The repo's own sample reports, extracted, stored and reconciled (no ../shared needed)."""
    from harmwatch.extract import extract_document
    from harmwatch.ingest import iter_documents
    from harmwatch.models import Document
    from harmwatch.reconcile import reconcile_store

    for doc in iter_documents([REPO / "samples"]):
        if isinstance(doc, Document) and not store.has_document(doc.id):
            store.add_document_with_extraction(doc, extract_document(doc))
    reconcile_store(store)


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def run(args: list, **kw) -> subprocess.CompletedProcess:
    """``harmwatch ARGS`` in a subprocess, from the repo root."""
    return subprocess.run([*HARMWATCH, *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, timeout=300, **kw)
