"""Harm named without a figure, each sentence: victims listed one by one ("a man and his son
were killed") and plural outcomes ("others were injured") the toll may still count."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..casualties import unquantified_outcomes
from ..listed import listings
from .extensions import char_spans, sentences


@Language.component("harmwatch_victims")
def victims(doc: Doc) -> Doc:
    """``doc._.hw_listed`` and ``doc._.hw_unquantified``, keyed by the sentence's first
    character in the paragraph; ``doc.spans["hw_listed"]`` (label = outcome)."""
    offset = doc._.hw_offset
    listed, unquantified = {}, {}
    for sent in sentences(doc):
        listed[sent.start_char] = listings(sent, offset)
        unquantified[sent.start_char] = unquantified_outcomes(sent)
    doc._.hw_listed = listed
    doc._.hw_unquantified = unquantified
    doc.spans["hw_listed"] = char_spans(doc, ((lst.span, lst.outcome) for ls in listed.values() for lst in ls))
    return doc
