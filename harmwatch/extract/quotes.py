"""Direct quotes with their speaker and the speaker's role.

Short quoted phrases ("war on terror") are scare quotes, not speech: a quote needs a speech
verb next to it or enough words to be a statement.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span

from ..models import Quote
from . import nlp
from .attribution import find_attributions
from .lexicon import SAY_VERBS

_QUOTE = re.compile(r"[“\"]([^“”\"]{3,2000}?)[”\"]")
_MIN_WORDS = 5
_TRIM = " ,.;:\"“”'‘’"
_ROLE_HEADS = frozenset(
    "minister secretary spokesman spokeswoman spokesperson president commander official "
    "governor general chief envoy ambassador director mayor leader head".split()
)


def _split_role(doc: Doc, start: int, end: int) -> tuple[Optional[str], Optional[str]]:
    """"US Defense Secretary Ashton Carter" → ("Ashton Carter", "US Defense Secretary")."""
    span = doc[start:end]
    persons = [e for e in span.ents if e.label_ == "PERSON"]
    if not persons:
        return None, span.text
    p = persons[-1]
    role = " ".join(
        part.strip(_TRIM) for part in (doc[start : p.start].text, doc[p.end : end].text) if part.strip(_TRIM)
    )
    return p.text, role or None


class SpeakerBook:
    """People named so far, so "Carter said" gets "Ashton Carter" and "he stated" gets a name."""

    def __init__(self) -> None:
        self.people: dict[str, tuple[str, Optional[str]]] = {}
        self.last: Optional[tuple[str, Optional[str]]] = None

    def see(self, sent: Span) -> None:
        for ent in sent.ents:
            before = sent.doc[ent.start - 1] if ent.start > sent.start else None
            if before is not None and before.pos_ == "NOUN" and before.lower_ not in _ROLE_HEADS:
                continue  # "the aircraft carrier Charles de Gaulle" is a ship, not a speaker
            if ent.label_ == "PERSON":
                name = ent.text
                role = None
                left = sent.doc[max(sent.start, ent.start - 4) : ent.start]
                if any(t.lower_ in _ROLE_HEADS for t in left):
                    role = left.text.strip(_TRIM) or None
                full = self._full(name)
                if full is None or len(name) > len(full[0]):
                    self.people[name.split()[-1]] = (name, role or (full[1] if full else None))
                self.last = self.people.get(name.split()[-1], (name, role))

    def _full(self, name: str) -> Optional[tuple[str, Optional[str]]]:
        return self.people.get(name.split()[-1]) if name.split() else None

    def resolve(self, speaker: Optional[str], role: Optional[str]) -> tuple[Optional[str], Optional[str]]:
        if speaker is None:
            if role and role.lower() in ("he", "she", "they"):
                return self.last if self.last else (None, None)
            if role and any(w.lower() in _ROLE_HEADS for w in role.split()) and self.last:
                return self.last[0], role  # "the French Foreign Minister said" after naming him
            return None, role
        full = self._full(speaker)
        if full:
            return full[0], role or full[1]
        return speaker, role


@dataclass(frozen=True)
class FoundQuote:
    """A quote of one paragraph before its speaker is resolved against the people named so far."""

    quote: Quote
    """Speaker and role as the sentence gives them (unresolved)."""
    seen: int
    """Sentences of the paragraph the speaker book must have read before resolving it."""


def extract_quotes(parsed: list[tuple[int, Doc]], text: str, doc_id: Optional[str] = None) -> list[Quote]:
    """Quotes of a document from its parsed paragraphs ``[(offset, Doc)]``, in text order.

    A quote may run over several sentences; its speaker is looked for in the sentences it
    touches, outside the quotation marks. ``text`` is the document (each paragraph is a
    slice of it).
    """
    return resolve_speakers([(doc, find_quotes(doc, offset, doc_id)) for offset, doc in parsed])


def resolve_speakers(found: list[tuple[Doc, list[FoundQuote]]]) -> list[Quote]:
    """"Carter said" → "Ashton Carter": the speakers of each paragraph's quotes resolved
    against the people named before them in the document (paragraphs in order)."""
    quotes: list[Quote] = []
    book = SpeakerBook()
    for doc, paragraph_quotes in found:
        sents = nlp.sents(doc)
        seen = 0
        for fq in paragraph_quotes:
            for s in sents[seen : fq.seen]:
                book.see(s)
            seen = max(seen, fq.seen)
            speaker, role = book.resolve(fq.quote.speaker, fq.quote.role)
            quotes.append(fq.quote.model_copy(update={"speaker": speaker, "role": role}))
        for s in sents[seen:]:
            book.see(s)
    return quotes


def find_quotes(doc: Doc, offset: int = 0, doc_id: Optional[str] = None) -> list[FoundQuote]:
    """The quotes of one paragraph (``offset``: where it starts in the document)."""
    found: list[FoundQuote] = []
    sents = nlp.sents(doc)
    seen = 0
    text = nlp.text(doc)
    for m in _QUOTE.finditer(text):
        touching = [s for s in sents if s.start_char <= m.end() and s.end_char >= m.start()]
        while seen < len(sents) and sents[seen].start_char <= m.end():
            seen += 1
        body = m.group(1).strip()
        inside = range(m.start(), m.end())
        atts = [a for s in touching for a in find_attributions(s) if a.start not in inside]
        near_say = any(
            t.lower_ in SAY_VERBS and t.idx not in inside for s in touching for t in s
        )
        if not atts and not near_say:
            continue
        if len(body.split()) < _MIN_WORDS and not (atts and body[:1].isupper()):
            continue  # a scare quote
        speaker = role = None
        if atts:
            tok = doc[atts[0].speaker_token]
            toks = list(tok.subtree)
            speaker, role = _split_role(doc, toks[0].i, toks[-1].i + 1)
        q_start, q_end = m.start(1), m.end(1)
        while q_end > q_start and text[q_end - 1] in " ,;:":
            q_end -= 1  # "… to do more," said Carter: the comma is the sentence's, not his
        sentence = text[touching[0].start_char : touching[-1].end_char] if touching else body
        quote = Quote(text=text[q_start:q_end], speaker=speaker, role=role,
                      span=(offset + q_start, offset + q_end), sentence=sentence, doc_id=doc_id)
        found.append(FoundQuote(quote, seen))
    return found
