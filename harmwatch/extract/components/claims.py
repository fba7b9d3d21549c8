"""Casualty claims of each sentence: a figure tied to an outcome ("five villagers" killed).

Attribution stays with the document (``extract._extract``): "he said" may name a speaker of an
earlier paragraph, so the claims here have no source yet.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..casualties import sentence_claims
from ..listed import Listing
from .extensions import sentences


@Language.component("harmwatch_claims")
def claims(doc: Doc) -> Doc:
    """``doc._.hw_claims`` and, in the same order, ``doc.spans["hw_figures"]`` (the figure's
    tokens, label = outcome: the assembly attributes each claim from its figure's token);
    ``doc._.hw_mixed``: figures of dead and hurt together, which only the toll counts."""
    offset, doc_id = doc._.hw_offset, doc._.hw_doc_id
    found, figures, mixed = [], [], []
    for sent in sentences(doc):
        box: list[Listing] = []  # sentence_claims appends to it
        for claim, first, last in sentence_claims(sent, offset, doc_id, box):
            found.append(claim)
            figures.append(Span(doc, first, last + 1, label=claim.outcome))
        mixed += box
    doc._.hw_claims = found
    doc._.hw_mixed = mixed
    doc.spans["hw_figures"] = figures
    return doc
