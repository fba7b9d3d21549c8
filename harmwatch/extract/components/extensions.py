"""The ``Doc``/``Span`` extensions the extraction components write, registered once here.

A paragraph Doc carries where it sits (``hw_offset`` in the document, the document's
``hw_published`` date and ``hw_doc_id``), set before ``nlp.pipe`` so that every record a
component makes has document offsets. What a component finds is a span group
(``doc.spans["hw_<name>"]``, for reading and display) and, where the extraction needs more
than a span, the records themselves on a ``Doc`` extension (kept in ``doc.user_data``, so
they survive pickling).
"""
from __future__ import annotations

from typing import Any, Iterable, Optional

from spacy.tokens import Doc, Span

from ..nlp import content_sents

DOC_EXTENSIONS: dict[str, Any] = {
    "hw_offset": 0,            # the paragraph's first character in the document
    "hw_published": None,      # the document's publication date (dates are read against it)
    "hw_doc_id": None,         # the document's id, copied into every record
    "hw_mentions": None,       # list[EventMention] (triggers)
    "hw_claims": None,         # list[CasualtyClaim], unattributed, in text order (claims)
    "hw_mixed": None,          # list[Listing]: one figure for the dead and hurt together (claims)
    "hw_listed": None,         # {sentence start: list[Listing]}: victims one by one (victims)
    "hw_unquantified": None,   # {sentence start: set of outcomes named with no figure} (victims)
    "hw_deployments": None,    # list[Deployment] (deployments)
    "hw_quotes": None,         # list[FoundQuote], speakers unresolved (quotes)
    "hw_dates": None,          # list[DateRange] (dates)
}
SPAN_EXTENSIONS: dict[str, Any] = {
    "hw_status": None,         # an event trigger's status: occurred, planned, ... (triggers)
}


def register() -> None:
    """Idempotent; run when this module is first imported (every component imports it)."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


sentences = content_sents
"""The paragraph's sentences that hold words, as ``nlp.sentences`` keeps them."""


def char_spans(doc: Doc, spans: Iterable[tuple[tuple[int, int], str]]) -> list[Span]:
    """Spans over document character offsets (``hw_offset`` taken off), widened to whole
    tokens; an offset pair that names no token is left out."""
    off = doc._.hw_offset
    out = []
    for (start, end), label in spans:
        span: Optional[Span] = doc.char_span(start - off, end - off, label=label, alignment_mode="expand")
        if span is not None:
            out.append(span)
    return out


register()
