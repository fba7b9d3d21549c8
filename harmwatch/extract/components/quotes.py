"""Direct quotes of a paragraph with the speaker its sentences give; "Carter" → "Ashton
Carter" needs the people named earlier in the document, so that is left to the assembly
(``quotes.resolve_speakers``)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..quotes import find_quotes
from .extensions import char_spans


@Language.component("harmwatch_quotes")
def quotes(doc: Doc) -> Doc:
    """``doc._.hw_quotes`` and ``doc.spans["hw_quotes"]`` (the quoted words, label QUOTE)."""
    found = find_quotes(doc, doc._.hw_offset, doc._.hw_doc_id)
    doc._.hw_quotes = found
    doc.spans["hw_quotes"] = char_spans(doc, ((fq.quote.span, "QUOTE") for fq in found))
    return doc
