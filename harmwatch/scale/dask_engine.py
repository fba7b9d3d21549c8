"""Extraction on a Dask cluster: ``ingest_with_dask(paths, store, scheduler=None, workers=2)``.

Why this split: extraction (spaCy parse, number grammar, gazetteer) is the costly, pure part,
so it runs on the workers; reading stays in the driver (it streams, skips stored documents and
needs no shared file system: workers get the text), and every write goes through the driver's
one ``Store`` (``runner.ingest_stream``), so the database sees one writer and reconciliation
runs once at the end. Batches are submitted through a bounded window of futures, so a corpus
of millions of documents never sits in memory, on the driver or on the cluster.

Without ``scheduler`` a ``LocalCluster`` of ``workers`` processes (one thread each: the
extractor is CPU-bound Python) is started and stopped; with ``tcp://HOST:8786`` the run uses
that cluster, whose workers must have harmwatch installed (``pip install harmwatch``).
"""
from __future__ import annotations

from collections import deque
from contextlib import contextmanager
from typing import Callable, Iterator, Optional

from ..models import Document
from .runner import IngestReport, extract_batch, ingest_stream


@contextmanager
def dask_client(scheduler: Optional[str] = None, workers: int = 2, processes: bool = True):
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                      dashboard_address=None, silence_logs=40) as cluster, \
            Client(cluster) as client:
        yield client


def dask_mapper(client, window: Optional[int] = None, extract: Optional[Callable] = None):
    """Batches → futures on ``client``, at most ``window`` in flight; results in input order
    (so a run's writes, and its report, do not depend on which worker finished first)."""
    def run(batches: Iterator[list[Document]]):
        size = window or max(2, 2 * len(client.scheduler_info().get("workers", {})))
        pending: deque = deque()
        for batch in batches:
            pending.append(client.submit(extract_batch, batch, extract, pure=False))
            if len(pending) >= size:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    return run


def ingest_with_dask(paths, store, scheduler: Optional[str] = None, workers: int = 2, *,
                     batch: int = 16, processes: bool = True, client=None,
                     extract: Optional[Callable] = None) -> IngestReport:
    """Ingest ``paths`` into ``store`` with extraction on Dask; the same result as a
    single-process run (see tests/test_scale.py)."""
    if client is not None:
        return ingest_stream(paths, store, mapper=dask_mapper(client, extract=extract),
                             batch=batch)
    with dask_client(scheduler, workers, processes) as c:
        return ingest_stream(paths, store, mapper=dask_mapper(c, extract=extract), batch=batch)
