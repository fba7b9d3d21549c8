"""JSON Lines: one document per line, the format of the evaluation sets and of bulk exports.

The text is kept as given (only newlines and Unicode form are normalised) so that character
offsets computed on it match the source. An ``id`` on the line is kept, so results can be
joined back to the input; unknown keys (``gold``, ``origin``) are ignored.
"""
from __future__ import annotations

import json
import re
from typing import Iterable, Iterator, Optional, Union

from ..models import Document, IngestError, content_id
from .dates import parse_date
from .decode import MAX_TEXT_CHARS, ReadError, check_length, decode_bytes, normalise

MAX_LINE_BYTES = MAX_TEXT_CHARS * 6 + 65536
"""A JSONL line may hold one document of up to ``MAX_TEXT_CHARS`` characters (``\\uXXXX`` escapes take 6 bytes)."""

_WS = re.compile(r"\s+")


def read_jsonl(path: str, data: bytes) -> list[Document | IngestError]:
    """Every non-blank line as a document; a bad line is an error for that line only."""
    text = decode_bytes(data)
    out = list(iter_jsonl(path, enumerate(text.split("\n"), start=1)))
    if not out:
        raise ReadError("empty document")
    return out


def iter_jsonl(path: str, lines: Iterable[tuple[int, Union[str, bytes, None]]]
               ) -> Iterator[Document | IngestError]:
    """Documents from numbered lines (``None``: a line over the size limit), streaming.

    Bytes are decoded line by line, so one badly encoded line costs that line only. An ``id``
    used again with different text is an error naming both lines: keeping the first and
    dropping the second without a word would lose a report.
    """
    seen: dict[str, tuple[int, str]] = {}
    for lineno, line in lines:
        where = f"{path}#{lineno}"
        if line is None:
            yield IngestError(path=where, reason=f"JSONL line {lineno}: line longer than the "
                                                 f"{MAX_LINE_BYTES // (1024 * 1024)} MB per-document limit")
            continue
        try:
            if isinstance(line, bytes):
                line = decode_bytes(line)
            if not line.strip():
                continue
            doc = _line(line, where)
        except ReadError as exc:
            yield IngestError(path=where, reason=f"JSONL line {lineno}: {exc}")
            continue
        digest = content_id(doc.text)
        first = seen.setdefault(doc.id, (lineno, digest))
        if first[1] != digest:
            yield IngestError(path=where, reason=f"JSONL line {lineno}: id {doc.id!r} is already used "
                                                 f"on line {first[0]} for a different text (ids must be unique)")
            continue
        yield doc


def _line(line: str, where: str) -> Document:
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise ReadError(f"invalid JSON: {exc}")
    if not isinstance(obj, dict):
        raise ReadError(f"expected a JSON object, got {type(obj).__name__}")
    if "text" not in obj:
        raise ReadError("no 'text' field")
    text = obj["text"]
    if not isinstance(text, str):
        raise ReadError(f"'text' is a {type(text).__name__}, not a string")
    text = normalise(text)
    reason = check_length(text)
    if reason:
        raise ReadError("empty 'text'" if reason == "empty document" else reason)
    return Document.from_text(
        text,
        id=_id(obj.get("id")),
        title=_string(obj.get("title")),
        author=_string(obj.get("author")),
        publisher=_string(obj.get("publisher")) or _string(obj.get("source")),
        published=parse_date(obj.get("published")),
        url=_string(obj.get("url")),
        source_path=where,
        format="jsonl",
    )


def _id(value) -> Optional[str]:
    """A given id is kept verbatim (as a string); ``None`` or blank means "use the content hash"."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, str)):
        value = normalise(str(value)).strip()
        return value or None
    raise ReadError(f"'id' must be a string or an integer, got {type(value).__name__}")


def _string(value) -> Optional[str]:
    if not isinstance(value, str):
        return None
    value = _WS.sub(" ", normalise(value)).strip()
    return value or None
