"""Ingest: files and folders of news reports in, :class:`Document` records out.

Reads plain text, Markdown, saved HTML pages, RSS/Atom feeds and JSON Lines. Bad input never
stops a run: each unreadable file, feed entry or JSONL line becomes an :class:`IngestError`
with a reason a person can act on, and reading goes on with the rest.

    for item in iter_documents(["samples/"]):
        if isinstance(item, IngestError): ...
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Callable, Iterable, Iterator, Union

from ..models import Document, IngestError
from .decode import MAX_BYTES, MAX_TEXT_CHARS, ReadError, decode_bytes
from .feeds import read_feed
from .html import read_html
from .jsonl import read_jsonl
from .sniff import EXTENSIONS, by_extension, sniff
from .text import read_markdown, read_text

__all__ = [
    "Document", "IngestError", "MAX_BYTES", "MAX_TEXT_CHARS", "EXTENSIONS",
    "iter_documents", "read_file", "read_bytes",
]

Item = Union[Document, IngestError]
PathLike = Union[str, "os.PathLike[str]"]

_READERS: dict[str, Callable[[str, bytes], list[Item]]] = {
    "text": read_text,
    "markdown": read_markdown,
    "html": read_html,
    "feed": read_feed,
    "jsonl": read_jsonl,
}


def iter_documents(paths: Iterable[PathLike]) -> Iterator[Item]:
    """Documents and errors from files and folders, in a stable order.

    A folder is walked recursively in sorted order, skipping hidden files and folders (``.git``)
    and ``README*`` notes; a file named explicitly is always read. A single path is accepted too.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield from read_file(path)


def read_file(path: PathLike) -> list[Item]:
    """Every document in one file (several for feeds and JSONL), or the errors explaining why not."""
    path = Path(path)
    where = str(path)
    try:
        data = _read_bytes(path)
    except ReadError as exc:
        return [IngestError(path=where, reason=str(exc))]
    return read_bytes(data, path)


def read_bytes(data: bytes, path: PathLike) -> list[Item]:
    """Read ``data`` as if it were the content of ``path`` (the name picks the reader)."""
    path = Path(path)
    where = str(path)
    try:
        kind = _kind(path, data)
        return [with_headline(item) for item in _READERS[kind](where, data)]
    except ReadError as exc:
        return [IngestError(path=where, reason=str(exc))]
    except Exception as exc:  # a bug or a third-party failure: report it, never end the run
        return [IngestError(path=where, reason=f"unexpected error while reading: {type(exc).__name__}: {exc}")]


def with_headline(item: Item) -> Item:
    """Put an article's headline back at the head of its text.

    Headlines carry claims ("US air raids kill more than 200 civilians") and every figure must
    point into ``Document.text``, so the headline is the text's first paragraph. JSONL text is
    the user's own and is kept as given.
    """
    if not isinstance(item, Document) or not item.title or item.format == "jsonl":
        return item
    if item.text.lstrip().startswith(item.title.strip()):
        return item
    meta = item.model_dump(exclude={"id", "text"})
    return Document.from_text(f"{item.title.strip()}\n\n{item.text}", **meta)


def _kind(path: Path, data: bytes) -> str:
    """The reader for this file: the extension decides, content sniffing fills the gaps."""
    kind = by_extension(path)
    if kind in (None, "feed"):
        sniffed = sniff(decode_bytes(data))
        if kind is None:
            return sniffed or "text"
        if sniffed == "html":
            return "html"  # a page saved as .xml
    return kind


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what is missing, unreadable, not a file or too big."""
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise ReadError("is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise ReadError("not a regular file")  # a FIFO or device would block or never end
        if st.st_size > MAX_BYTES:
            raise ReadError(_too_big())
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except PermissionError:
        raise ReadError("permission denied")
    except FileNotFoundError:
        raise ReadError("no such file or directory")
    except OSError as exc:
        raise ReadError(f"could not read file: {exc.strerror or exc}")
    if len(data) > MAX_BYTES:
        raise ReadError(_too_big())
    return data


def _too_big() -> str:
    return f"file larger than {MAX_BYTES // (1024 * 1024)} MB limit"


def _walk(root: Path) -> Iterator[Item]:
    errors: list[OSError] = []
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(
            Path(dirpath, name) for name in filenames
            if not name.startswith(".") and not name.upper().startswith("README")
        )
    for err in errors:
        reason = "permission denied" if isinstance(err, PermissionError) else f"could not list folder: {err.strerror or err}"
        yield IngestError(path=str(err.filename or root), reason=reason)
    for path in sorted(found, key=lambda p: p.relative_to(root).parts):
        yield from read_file(path)
