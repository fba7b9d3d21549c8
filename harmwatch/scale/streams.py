"""Corpora of millions of documents, read in bounded memory.

Why separate from ``harmwatch.ingest``: that reader checks a JSONL file for ids reused with
another text by remembering every id it has seen, which grows with the corpus. Here nothing
is remembered between documents: JSONL (plain or gzip) is read line by line, Parquet row group
by row group (pyarrow ``iter_batches``), and the store is the one authority on duplicates
(documents are keyed by content hash or given id, so a re-run skips what is stored). Each line
or row goes through the same validation as ``harmwatch ingest`` (``ingest.jsonl``), so a
document reads the same either way. Other files (text, HTML, feeds) are small and go to
``harmwatch.ingest`` unchanged.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import os
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from ..ingest import iter_file
from ..ingest.jsonl import MAX_LINE_BYTES, iter_jsonl
from ..models import Document, IngestError

Item = Union[Document, IngestError]
STREAMED = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".parquet")
PARQUET_COLUMNS = ("id", "text", "title", "author", "publisher", "source", "published", "url")
"""Columns read from a Parquet corpus (others are never loaded)."""


def is_streamed(path: Path) -> bool:
    return path.name.lower().endswith(STREAMED)


def iter_corpus(paths: Iterable[Union[str, os.PathLike]], *, batch_rows: int = 1024
                ) -> Iterator[Item]:
    """Documents and errors from files and folders, in a stable order, never a whole file."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for path in map(Path, paths):
        files = _walk(path) if path.is_dir() else [path]
        for f in files:
            yield from iter_path(f, batch_rows=batch_rows)


def iter_path(path: Path, *, batch_rows: int = 1024) -> Iterator[Item]:
    name = path.name.lower()
    if name.endswith(".parquet"):
        yield from iter_parquet(path, batch_rows=batch_rows)
    elif is_streamed(path):
        yield from iter_jsonl_stream(path)
    else:
        yield from iter_file(path)


def _walk(root: Path) -> list[Path]:
    """Files under ``root`` in sorted order, skipping hidden ones and README notes (as ingest)."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath, n) for n in filenames
                     if not n.startswith(".") and not n.upper().startswith("README"))
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def iter_jsonl_stream(path: Path) -> Iterator[Item]:
    """One document per line; a line over ``MAX_LINE_BYTES`` is skipped without being held."""
    where = str(path)
    try:
        raw = path.open("rb")
    except OSError as exc:
        yield IngestError(path=where, reason=f"could not read file: {exc.strerror or exc}")
        return
    with raw:
        fh = gzip.GzipFile(fileobj=raw, mode="rb") if path.name.lower().endswith(".gz") else raw
        lineno = 0
        try:
            while True:
                line = fh.readline(MAX_LINE_BYTES + 1)
                if not line:
                    return
                lineno += 1
                if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                    while line and not line.endswith(b"\n"):  # drain the rest of the line
                        line = fh.readline(MAX_LINE_BYTES)
                    yield IngestError(path=f"{where}#{lineno}", reason=f"JSONL line {lineno}: "
                                      "longer than the per-document limit")
                    continue
                item = _document(line, where, lineno)
                if item is not None:
                    yield item
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            yield IngestError(path=f"{where}#{lineno + 1}", reason=f"could not read: {exc}")


def _document(line: bytes, where: str, lineno: int) -> Optional[Item]:
    """One line through ``ingest.jsonl`` (given alone, so it remembers nothing across lines)."""
    return next(iter_jsonl(where, [(lineno, line)]), None)


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def iter_parquet(path: Path, *, batch_rows: int = 1024) -> Iterator[Item]:
    """Rows as documents, ``batch_rows`` at a time (a row group is never loaded whole when it
    is bigger); only the columns harmwatch reads are decoded."""
    import pyarrow.parquet as pq

    where = str(path)
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # not a Parquet file, unreadable
        yield IngestError(path=where, reason=f"not a readable Parquet file: {exc}")
        return
    names = set(pf.schema_arrow.names)
    if "text" not in names:
        yield IngestError(path=where, reason="Parquet file has no 'text' column")
        return
    cols = [c for c in PARQUET_COLUMNS if c in names]
    row = 0
    for batch in pf.iter_batches(batch_size=batch_rows, columns=cols):
        for rec in batch.to_pylist():
            row += 1
            obj = {k: _plain(v) for k, v in rec.items() if v is not None}
            item = _document(json.dumps(obj, ensure_ascii=False).encode("utf-8"), where, row)
            if isinstance(item, IngestError):
                item = item.model_copy(update={"reason": item.reason.replace(
                    f"JSONL line {row}", f"Parquet row {row}")})
            if item is not None:
                yield item
