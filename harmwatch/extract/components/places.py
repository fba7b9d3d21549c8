"""Place-name evidence of a paragraph: the entities the place resolver reads.

Which place a name is (Rafah PS or EG) depends on the countries of the whole document, found
in two passes, so resolution stays with the document (``resolve.places.find_places``); the
paragraph gives it the GPE/LOC/FAC/NORP/ORG spans, and PERSON spans that block a name.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


PLACE_EVIDENCE = frozenset({"GPE", "LOC", "FAC", "NORP", "ORG", "PERSON"})
"""The entity labels ``find_places`` reads; it ignores the others."""


@Language.component("harmwatch_places")
def places(doc: Doc) -> Doc:
    """``doc.spans["hw_places"]``: the paragraph's entities of those labels, in order."""
    doc.spans["hw_places"] = [e for e in doc.ents if e.label_ in PLACE_EVIDENCE]
    return doc
