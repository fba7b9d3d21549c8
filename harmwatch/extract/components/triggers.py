"""Event triggers of a paragraph ("killed", "airstrike", "protest"), typed and with a status."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..event_types import find_event_mentions
from . import extensions  # noqa: F401 - the extensions written here


@Language.component("harmwatch_triggers")
def triggers(doc: Doc) -> Doc:
    """``doc._.hw_mentions`` (the main event first, then text order) and ``doc.spans
    ["hw_triggers"]``: one span a mention, label = event type, ``span._.hw_status``."""
    mentions = find_event_mentions(doc)
    doc._.hw_mentions = mentions
    spans = []
    for m in mentions:
        span = doc.char_span(*m.trigger_span, label=m.type, alignment_mode="expand")
        if span is not None:
            span._.hw_status = m.status
            spans.append(span)
    doc.spans["hw_triggers"] = spans
    return doc
