"""Troop and weapon deployments of each sentence ("the US will send 560 more troops to Iraq")."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...resolve.actors import canonical_actor
from ...resolve.places import resolve_place
from ..deployments import extract_deployments
from .extensions import char_spans, sentences


@Language.component("harmwatch_deployments")
def deployments(doc: Doc) -> Doc:
    """``doc._.hw_deployments`` and ``doc.spans["hw_deployments"]`` (label = status)."""
    found = [
        d for sent in sentences(doc)
        for d in extract_deployments(sent, doc._.hw_offset, resolve_place=resolve_place,
                                     canonical_actor=canonical_actor, doc_id=doc._.hw_doc_id)
    ]
    doc._.hw_deployments = found
    doc.spans["hw_deployments"] = char_spans(doc, ((d.span, d.status) for d in found))
    return doc
