"""Ingest: files and folders of news reports in, :class:`Document` records out.

Reads plain text, Markdown, saved HTML pages, RSS/Atom feeds and JSON Lines. Bad input never
stops a run: each unreadable file, feed entry or JSONL line becomes an :class:`IngestError`
with a reason a person can act on, and reading goes on with the rest.

    for item in iter_documents(["samples/"]):
        if isinstance(item, IngestError): ...
"""
from __future__ import annotations

import codecs
import gzip
import os
import stat
import zlib
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, Optional, Union

from ..models import Document, IngestError
from .decode import MAX_BYTES, MAX_TEXT_CHARS, ReadError, decode_bytes
from .feeds import read_feed
from .html import read_html
from .jsonl import MAX_LINE_BYTES, iter_jsonl, read_jsonl
from .sniff import EXTENSIONS, by_extension, sniff
from .text import read_markdown, read_text

__all__ = [
    "Document", "IngestError", "MAX_BYTES", "MAX_TEXT_CHARS", "MAX_GZIP_RATIO", "EXTENSIONS",
    "iter_documents", "iter_file", "read_file", "read_bytes",
]

MAX_GZIP_RATIO = 200
"""A ``.gz`` file expanding more than this many times (and past ``MAX_BYTES``) is refused as a
decompression bomb: news text compresses 3-10 times, a bomb of zeros a thousand."""
_UNICODE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-16/32: lines are not b"\n"

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
            yield from iter_file(path)


def read_file(path: PathLike) -> list[Item]:
    """Every document in one file (several for feeds and JSONL), or the errors explaining why not."""
    return list(iter_file(path))


def iter_file(path: PathLike) -> Iterator[Item]:
    """Like :func:`read_file`, but JSON Lines are streamed: the size limits apply per document
    (a corpus of many small reports in one file is never refused for its total size).

    ``name.ext.gz`` is read as ``name.ext`` after decompression, with a bound on the ratio.
    """
    path = Path(path)
    where = str(path)
    gz = path.suffix.lower() == ".gz"
    inner = path.with_suffix("") if gz else path
    try:
        compressed = _check_file(path, limit=not gz and by_extension(inner) != "jsonl")
        if by_extension(inner) == "jsonl":
            with _open(path, gz) as fh:
                head = fh.peek(4)[:4] if hasattr(fh, "peek") else b""
                if not head.startswith(_UNICODE_BOMS) and not head.startswith(codecs.BOM_UTF32_LE):
                    found = False
                    for item in iter_jsonl(where, _lines(fh, compressed if gz else None)):
                        found = True
                        yield item
                    if not found:
                        yield IngestError(path=where, reason="empty document")
                    return
        data = _read_bytes(path, gz=gz, compressed=compressed)
    except ReadError as exc:
        yield IngestError(path=where, reason=str(exc))
        return
    yield from read_bytes(data, inner, where=where)


def read_bytes(data: bytes, path: PathLike, *, where: Optional[str] = None) -> list[Item]:
    """Read ``data`` as if it were the content of ``path`` (the name picks the reader)."""
    path = Path(path)
    where = where or str(path)
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


def _check_file(path: Path, *, limit: bool) -> int:
    """The file's size, refusing what is missing, not a file, or (``limit``) too big."""
    try:
        st = path.stat()
    except PermissionError:
        raise ReadError("permission denied")
    except FileNotFoundError:
        raise ReadError("no such file or directory")
    except OSError as exc:  # a symlink loop, a name too long ...
        raise ReadError(f"could not read file: {exc.strerror or exc}")
    if stat.S_ISDIR(st.st_mode):
        raise ReadError("is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError("not a regular file")  # a FIFO or device would block or never end
    if limit and st.st_size > MAX_BYTES:
        raise ReadError(_too_big())
    return st.st_size


class _File:
    """Opens a file for reading, turning OS and gzip failures into :class:`ReadError`."""

    def __init__(self, path: Path, gz: bool):
        self.path, self.gz, self.fh = path, gz, None

    def __enter__(self) -> BinaryIO:
        try:
            raw = self.path.open("rb")
        except PermissionError:
            raise ReadError("permission denied")
        except OSError as exc:
            raise ReadError(f"could not read file: {exc.strerror or exc}")
        self.fh = gzip.GzipFile(fileobj=raw, mode="rb") if self.gz else raw
        self.raw = raw
        return self.fh

    def __exit__(self, kind, exc, tb) -> bool:
        try:
            self.fh.close()
            self.raw.close()
        except Exception:
            pass
        if exc is None or isinstance(exc, (ReadError, GeneratorExit)):
            return False
        if isinstance(exc, (gzip.BadGzipFile, EOFError, zlib.error)):
            raise ReadError(f"not a valid gzip file: {exc}") from None
        if isinstance(exc, OSError):
            raise ReadError(f"could not read file: {exc.strerror or exc}") from None
        return False


def _open(path: Path, gz: bool) -> _File:
    return _File(path, gz)


def _lines(fh: BinaryIO, compressed: Optional[int]) -> Iterator[tuple[int, Optional[bytes]]]:
    """``(line number, bytes)``, ``None`` for a line over ``MAX_LINE_BYTES`` (skipped without
    holding it in memory); for gzip input, stops with an error past the bomb ratio."""
    total, budget = 0, None
    if compressed is not None:
        budget = max(MAX_BYTES, compressed * MAX_GZIP_RATIO)
    lineno = 0
    while True:
        line = fh.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        lineno += 1
        total += len(line)
        too_long = len(line) > MAX_LINE_BYTES
        while too_long and not line.endswith(b"\n"):  # skip the rest of a giant line
            line = fh.readline(1 << 20)
            total += len(line)
            if not line or (budget is not None and total > budget):
                break
        if budget is not None and total > budget:
            raise ReadError(_bomb(budget))
        yield lineno, None if too_long else line


def _read_bytes(path: Path, *, gz: bool = False, compressed: int = 0) -> bytes:
    """The whole (decompressed) file, refusing it past ``MAX_BYTES``."""
    with _open(path, gz) as fh:
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ReadError(_bomb(MAX_BYTES) if gz else _too_big())
    return data


def _bomb(limit: int) -> str:
    return (f"decompressed size over {limit // (1024 * 1024)} MB "
            f"(more than {MAX_GZIP_RATIO}x the compressed file): refused as a decompression bomb")


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
        yield from iter_file(path)
