"""The one orchestration path: documents → extraction in batches → store → reconciliation.

Why one path: the CLI's ``ingest`` (local or Dask), ``harmwatch watch`` and the API's upload
must give the same documents, claims and incidents, report the same failures and be equally
crash-safe; sharing the loop leaves each caller nothing to decide but where its documents come
from, *where* extraction runs (``mapper``: here, or on Dask workers) and how it shows progress
(``on_step``: the CLI draws a Rich bar and prints one line per failure).

Per document: an id already stored for another text is an error naming both sources, never a
silent drop; an id stored for the same text is skipped (unless ``force``); a new one is
extracted with the others of its batch, and the batch committed with its extractions in one
transaction (one commit a batch, not a document: docs/performance.md, stop 19).
Then every stored report no incident holds yet is reconciled in one exclusive transaction, so
a run killed at any point is continued by running it again, and two writers wait for each other.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Literal, Optional, Union

from sqlalchemy.exc import OperationalError

from .errors import DuplicateIdError
from .models import Document, Extraction, IngestError

if TYPE_CHECKING:
    from .store import Store

Outcome = Union[Extraction, str]
"""An extraction, or the repr of the exception extraction raised (a bug on one document
loses only that document)."""
BatchMapper = Callable[[Iterator[list[Document]]], Iterator[list[tuple[Document, Outcome]]]]
"""Batches of documents in, each document with its outcome out, in input order."""
StepKind = Literal["unreadable", "clash", "same", "stored", "failed"]
BATCH = 32
"""Documents extracted together by default: one ``nlp.pipe`` stream, and at most this many
extractions lost (never a stored document) when a run is killed."""


@dataclass(frozen=True)
class Step:
    """What happened to one input item: the progress callback's argument."""

    kind: StepKind
    path: str
    """The document's source path (or id), or the unreadable file's path."""
    reason: str = ""
    """Why it was refused or failed; for ``failed``, the exception's repr."""


@dataclass
class IngestReport:
    added: int = 0
    skipped: int = 0
    """Already stored (a re-run, a resumed run, or another writer stored it meanwhile)."""
    reconciled: int = 0
    errors: list[IngestError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def docs_per_second(self) -> float:
        return self.added / self.seconds if self.seconds else 0.0


def extract_batch(docs: list[Document], extract: Optional[Callable[[Document], Extraction]] = None
                  ) -> list[tuple[Document, Outcome]]:
    """Each document with its extraction or failure (runs here or on a Dask worker).

    The batch goes to ``extract_documents`` as one list (it batches the parse); if that raises,
    the documents are extracted one by one so only the faulty one is lost. ``extract``: a
    per-document extractor instead (tests, benchmarks)."""
    if extract is None:
        from .extract import extract_document, extract_documents

        try:
            return list(zip(docs, extract_documents(list(docs))))
        except Exception:  # find the document at fault; the others are still extracted
            extract = extract_document
    out: list[tuple[Document, Outcome]] = []
    one: Callable[[Document], Extraction] = extract
    for doc in docs:
        try:
            out.append((doc, one(doc)))
        except Exception as exc:  # reported by the driver, the batch goes on
            out.append((doc, repr(exc)))
    return out


def serial_mapper(extract: Optional[Callable[[Document], Extraction]] = None) -> BatchMapper:
    """Extraction in this process, one batch after another."""
    def run(batches: Iterator[list[Document]]) -> Iterator[list[tuple[Document, Outcome]]]:
        for batch in batches:
            yield extract_batch(batch, extract)
    return run


def resolve_processes(processes: int) -> int:
    """Worker processes for a ``--processes`` value: 0 (or less) means every core."""
    import os

    return processes if processes > 0 else max(1, os.cpu_count() or 1)


def process_mapper(processes: int,
                   extract: Optional[Callable[[Document], Extraction]] = None) -> BatchMapper:
    """Extraction in ``processes`` forked workers (the models, loaded before the fork, are
    shared), a few batches ahead of the one writer (the caller), results in input order."""
    from .parallel import ordered_map

    def run(batches: Iterator[list[Document]]) -> Iterator[list[tuple[Document, Outcome]]]:
        return ordered_map(extract_batch, batches, processes, extract)
    return run


def _where(doc: Document) -> str:
    return doc.source_path or doc.id


class _Run:
    """One ingest's state: the store, the report, the documents written, the callback."""

    def __init__(self, store: "Store", force: bool, on_step: Optional[Callable[[Step], None]],
                 lookahead: int = BATCH):
        self.store, self.force, self.on_step = store, force, on_step
        self.lookahead = max(1, lookahead)
        self.report = IngestReport()
        self.new_ids: set[str] = set()
        self.in_flight: dict[str, Document] = {}
        """Documents sent to extraction and not written yet: a second document with one of
        their ids is judged against them (it would otherwise replace their extraction)."""
        self.writes = 0
        """Writes so far: what the store said about an id is trusted until this run writes."""

    def step(self, kind: StepKind, path: str, reason: str = "") -> None:
        if self.on_step is not None:
            self.on_step(Step(kind, path, reason))

    def to_extract(self, items: Iterable[Union[Document, IngestError]]) -> Iterator[Document]:
        """The documents to extract; unreadable items, id clashes and stored texts are
        counted and reported here, never sent to extraction. Items are judged ``lookahead``
        at a time: the store is asked about their ids in one query, not two a document."""
        it = iter(items)
        while chunk := list(islice(it, self.lookahead)):
            yield from self._judge(chunk)

    def _judge(self, chunk: list[Union[Document, IngestError]]) -> Iterator[Document]:
        stored_now: dict[str, Document] = {}
        asked_at = None  # ``self.writes`` when the store was asked; asked again after a write
        for pos, item in enumerate(chunk):
            if isinstance(item, IngestError):
                self.report.errors.append(item)
                self.step("unreadable", item.path, item.reason)
                continue
            prior = self.in_flight.get(item.id)
            if prior is None and asked_at != self.writes:
                rest = [i.id for i in chunk[pos:] if isinstance(i, Document)]
                stored_now, asked_at = self.store.get_documents(rest), self.writes
            stored = prior or stored_now.get(item.id)
            if stored is not None and stored.text != item.text:
                clash = DuplicateIdError(
                    f"{_where(item)}: id {item.id!r} is already stored for a different text "
                    f"(from {stored.source_path or 'an earlier run'}); not stored")
                self.report.errors.append(IngestError(path=_where(item), reason=str(clash)))
                self.step("clash", _where(item), str(clash))
            elif stored is not None and (prior is not None or not self.force):
                self.report.skipped += 1
                self.step("same", _where(item))
            else:
                self.in_flight[item.id] = item
                yield item

    def write_batch(self, results: list[tuple[Document, Outcome]]) -> None:
        """Store a batch's documents with their extractions in one transaction (one commit and
        a few multi-row statements, where a document at a time cost a dozen statements and a
        commit: docs/performance.md, stop 19). If that fails, the batch is written a document
        at a time, so exactly the documents before the faulty one are stored, as they were
        when each was its own transaction, and its error is raised the same way; unless the
        database itself failed (locked past its busy timeout, full, gone), which no replay
        mends and which would only wait out the timeout again."""
        done = [(doc, ex) for doc, ex in results if not isinstance(ex, str)]
        self.writes += 1
        try:
            news = self.store.add_documents_with_extractions(done) if done else []
        except OperationalError:
            raise  # a locked, full or lost database: no document is at fault, nothing to replay
        except Exception:
            for doc, outcome in results:
                self.write(doc, outcome)
            return
        new_of = iter(news)
        for doc, outcome in results:
            self.write(doc, outcome, None if isinstance(outcome, str) else next(new_of))

    def write(self, doc: Document, outcome: Outcome, stored: Optional[bool] = None) -> None:
        """One document's outcome; ``stored``: already written (whether it was new), by
        ``write_batch``."""
        self.in_flight.pop(doc.id, None)
        self.writes += 1
        if isinstance(outcome, str):
            self.report.errors.append(IngestError(path=_where(doc),
                                                  reason=f"extraction failed: {outcome}"))
            self.step("failed", _where(doc), outcome)
            return
        new = stored if stored is not None else self.store.add_document_with_extraction(doc, outcome)
        if new or self.force:
            self.new_ids.add(doc.id)
            self.report.added += 1
            self.step("stored", _where(doc))
        else:  # another writer stored it meanwhile: its extraction is now ours, same text
            self.report.skipped += 1
            self.step("same", _where(doc))


def batched(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


def ingest_documents(items: Iterable[Union[Document, IngestError]], store: "Store", *,
                     mapper: Optional[BatchMapper] = None, batch: int = BATCH, force: bool = False,
                     processes: int = 1,
                     on_step: Optional[Callable[[Step], None]] = None) -> IngestReport:
    """Documents (and reading errors) from any source into ``store``, then reconciliation.

    ``mapper``: where extraction runs (default: here, ``batch`` documents at a time, or in
    ``processes`` worker processes when more than one; 0 = every core). Only this process
    writes to the store either way.
    ``force``: re-extract documents already stored. ``on_step``: called once per input item."""
    run = _Run(store, force, on_step, batch)
    start = time.perf_counter()
    if mapper is None:
        workers = resolve_processes(processes)
        mapper = process_mapper(workers) if workers > 1 else serial_mapper()
    for results in mapper(batched(run.to_extract(items), max(1, batch))):
        run.write_batch(results)  # the one writer path
    from .reconcile import reconcile_pending

    run.report.reconciled = reconcile_pending(store, run.new_ids)
    run.report.seconds = time.perf_counter() - start
    return run.report


def ingest_paths(paths: Iterable, store: "Store", *, streamed: bool = False,
                 **options) -> IngestReport:
    """``ingest_documents`` over files and folders. ``streamed``: read corpora in bounded
    memory (``scale.streams``; the store is the only judge of reused ids) instead of
    ``harmwatch.ingest`` (which also checks a JSONL file for ids reused within it)."""
    if streamed:
        from .scale.streams import iter_corpus

        return ingest_documents(iter_corpus(paths), store, **options)
    from .ingest import iter_documents

    return ingest_documents(iter_documents(paths), store, **options)
