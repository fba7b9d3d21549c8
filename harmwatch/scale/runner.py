"""Streamed corpora through the one orchestration path (``harmwatch.pipeline``).

Why this module is thin: the engines must give the same documents, claims and incidents, so
the reading, skipping, writing and reconciling are ``pipeline.ingest_documents``; an engine
only decides *where* extraction runs (a ``BatchMapper``: here, or on Dask workers). Resuming
is the default: documents are keyed by content (or a given id) and each is committed with its
extraction in one transaction, so a run killed at any point (SIGKILL included) is continued by
running it again, with nothing stored twice or lost.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ..pipeline import (
    BatchMapper, IngestReport, Outcome, extract_batch, ingest_documents, ingest_paths,
    serial_mapper,
)

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["BatchMapper", "IngestReport", "Outcome", "extract_batch", "ingest_documents",
           "ingest_stream", "serial_mapper"]


def ingest_stream(paths, store: "Store", *, mapper: Optional[BatchMapper] = None,
                  batch: int = 16) -> IngestReport:
    """Stream ``paths`` (read in bounded memory) into ``store`` through ``mapper`` (default:
    extract here, serially)."""
    return ingest_paths(paths, store, streamed=True, mapper=mapper, batch=batch)
