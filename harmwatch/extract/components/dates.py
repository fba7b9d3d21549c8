"""Date expressions of a paragraph, read against the document's publication date
(``doc._.hw_published``): "Tuesday" is the Tuesday before it."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...resolve.dates import find_dates
from ..nlp import text
from .extensions import char_spans


@Language.component("harmwatch_dates")
def dates(doc: Doc) -> Doc:
    """``doc._.hw_dates`` and ``doc.spans["hw_dates"]`` (label = precision). Which date is the
    event's (not a dateline's, not "police said Wednesday") is the assembly's call."""
    found = find_dates(text(doc), doc._.hw_published, doc._.hw_offset)
    doc._.hw_dates = found
    doc.spans["hw_dates"] = char_spans(doc, ((d.span, d.precision or "") for d in found if d.span))
    return doc
