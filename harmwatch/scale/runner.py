"""The one driver loop behind every engine: stream documents, skip stored ones, extract in
batches (here, or on Dask workers), write each result through the store, reconcile once.

Why one loop: the engines must give the same documents, claims and incidents; sharing the
reading, skipping, writing and reconciling leaves the engine nothing to decide but *where*
``extract_document`` runs. Resuming is the default: documents are keyed by content (or a
given id) and each is committed with its extraction in one transaction, so a run killed at any
point (SIGKILL included) is continued by running it again, with nothing stored twice or lost.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator, Optional, Union

from ..models import Document, Extraction, IngestError
from .streams import iter_corpus

Outcome = Union[Extraction, str]
"""An extraction, or the reason extraction failed (a bug on one document loses only it)."""
BatchMapper = Callable[[Iterator[list[Document]]], Iterator[list[tuple[Document, Outcome]]]]


@dataclass
class IngestReport:
    added: int = 0
    skipped: int = 0
    """Already stored (a re-run, or a resumed run)."""
    reconciled: int = 0
    errors: list[IngestError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def docs_per_second(self) -> float:
        return self.added / self.seconds if self.seconds else 0.0


def extract_batch(docs: list[Document], extract: Optional[Callable] = None
                  ) -> list[tuple[Document, Outcome]]:
    """Run on a worker (or here): each document with its extraction or its failure reason."""
    if extract is None:
        from ..extract import extract_document as extract
    out: list[tuple[Document, Outcome]] = []
    for doc in docs:
        try:
            out.append((doc, extract(doc)))
        except Exception as exc:  # reported by the driver, the batch goes on
            out.append((doc, f"extraction failed: {exc!r}"))
    return out


def serial_mapper(extract: Optional[Callable] = None) -> BatchMapper:
    def run(batches: Iterator[list[Document]]):
        for batch in batches:
            yield extract_batch(batch, extract)
    return run


def batches_to_do(items: Iterable[Union[Document, IngestError]], store, report: IngestReport,
                  size: int) -> Iterator[list[Document]]:
    """New documents in batches of ``size``; errors and stored ones are counted, not sent."""
    def new_docs():
        for item in items:
            if isinstance(item, IngestError):
                report.errors.append(item)
            elif store.has_document(item.id):
                report.skipped += 1
            else:
                yield item
    it = new_docs()
    while batch := list(islice(it, size)):
        yield batch


def ingest_stream(paths, store, *, mapper: Optional[BatchMapper] = None, batch: int = 16,
                  on_document: Optional[Callable[[Document, Optional[str]], None]] = None
                  ) -> IngestReport:
    """Stream ``paths`` into ``store`` through ``mapper`` (default: extract here, serially)."""
    return ingest_documents(iter_corpus(paths), store, mapper=mapper, batch=batch,
                            on_document=on_document)


def ingest_documents(items: Iterable[Union[Document, IngestError]], store, *,
                     mapper: Optional[BatchMapper] = None, batch: int = 16,
                     on_document: Optional[Callable[[Document, Optional[str]], None]] = None
                     ) -> IngestReport:
    """Documents (and reading errors) from any source into ``store``; see ``ingest_stream``."""
    report = IngestReport()
    start = time.perf_counter()
    new_ids: set[str] = set()
    mapper = mapper or serial_mapper()
    for results in mapper(batches_to_do(items, store, report, batch)):
        for doc, outcome in results:
            if isinstance(outcome, str):
                report.errors.append(IngestError(path=doc.source_path or doc.id, reason=outcome))
            else:
                if store.add_document_with_extraction(doc, outcome):  # the one writer path
                    new_ids.add(doc.id)
                    report.added += 1
                else:
                    report.skipped += 1  # another writer stored it meanwhile
            if on_document:
                on_document(doc, outcome if isinstance(outcome, str) else None)
    from ..reconcile import reconcile_pending

    report.reconciled = reconcile_pending(store, new_ids)
    report.seconds = time.perf_counter() - start
    return report
