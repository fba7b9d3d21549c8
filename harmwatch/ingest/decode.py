"""Bytes to clean text: the one place that decides what counts as a readable text file.

Every reader goes through here so that encodings, newlines and Unicode forms are handled the
same way whatever the format, and the same content always yields the same string (and so the
same document id).
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Optional

MAX_BYTES = 20 * 1024 * 1024
"""Files larger than this are refused, not read (a news report is kilobytes)."""

MAX_TEXT_CHARS = 2_000_000
"""A single document's text longer than this is refused, never silently truncated."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.I)
_SURROGATE = re.compile("[\ud800-\udfff]")


class ReadError(ValueError):
    """Input that cannot become a document; ``str(err)`` is the reason shown to the user."""


class DecodeError(ReadError):
    """The bytes are not text we can read."""


def decode_bytes(data: bytes, *, declared: Optional[str] = None) -> str:
    """Decode file bytes to normalised text, or raise :class:`DecodeError` with a reason.

    Order: a BOM wins; then UTF-8; then an encoding the document declares (HTML/XML);
    then cp1252/latin-1, but only when the bytes look like text, so that binary junk is
    reported rather than turned into mojibake.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return normalise(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding.upper()} text after byte-order mark: {exc.reason}")
    if b"\x00" in data:
        raise DecodeError("binary file (NUL bytes)")
    try:
        return normalise(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    for encoding in _candidates(data, declared):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        return normalise(text)
    raise DecodeError("not valid UTF-8 or any known encoding")


def _candidates(data: bytes, declared: Optional[str]) -> list[str]:
    """Fallback encodings worth trying, most specific first; none for binary-looking data."""
    out = []
    name = declared or sniff_declared_encoding(data)
    if name:
        try:
            canonical = codecs.lookup(name).name
        except LookupError:
            canonical = None
        if canonical and canonical not in ("utf-8", "utf-16", "utf-32") and not canonical.startswith("utf_"):
            out.append(canonical)
    if looks_like_text(data):
        out += ["cp1252", "latin-1"]
    return out


def sniff_declared_encoding(data: bytes) -> Optional[str]:
    """The charset an HTML/XML document declares in its first 2 kB, if any."""
    m = _DECLARED.search(data[:2048])
    return m.group(1).decode("ascii") if m else None


def looks_like_text(data: bytes) -> bool:
    """True when single-byte bytes are plausibly prose: few control bytes, mostly ASCII.

    Real cp1252/latin-1 news text is overwhelmingly ASCII with some accented letters and
    curly quotes; random binary is not.
    """
    if not data:
        return True
    sample = data[:65536]
    controls = sum(1 for b in sample if b in _CONTROL)
    ascii_printable = sum(1 for b in sample if 32 <= b < 127 or b in (9, 10, 13))
    return controls <= len(sample) * 0.01 and ascii_printable >= len(sample) * 0.7


def normalise(text: str) -> str:
    """Newlines to ``\\n``, Unicode to NFC; lone surrogates are refused (they cannot be stored)."""
    if _SURROGATE.search(text):
        raise DecodeError("text contains invalid Unicode (lone surrogate code points)")
    if "\x00" in text:
        raise DecodeError("binary file (NUL bytes)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def check_length(text: str) -> Optional[str]:
    """The reason a document text is unacceptable (empty, too long), or ``None``."""
    if not text.strip():
        return "empty document"
    if len(text) > MAX_TEXT_CHARS:
        return f"document text longer than the {MAX_TEXT_CHARS:,}-character limit ({len(text):,} characters)"
    return None
