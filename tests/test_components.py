"""Extraction as registered spaCy components (issue 8): they are in the pipeline in order, each
writes its spans on a sentence written for these tests, and the document-level assembly still
carries what crosses paragraphs (speakers). Worker processes: ``test_speed_batch``."""
from __future__ import annotations

import datetime as dt

from spacy.language import Language

from harmwatch.extract import extract_document
from harmwatch.extract.components import COMPONENTS, parse_many, pipeline
from harmwatch.extract.nlp import load
from harmwatch.models import Document

SENTENCE = "Gunmen killed five villagers in Kaduna on Tuesday, police said."
PUBLISHED = dt.date(2024, 3, 14)  # a Thursday: "Tuesday" is 12 March


def _doc(text: str = SENTENCE):
    ((_, doc),) = parse_many([Document(id="t1", text=text, published=PUBLISHED)])[0]
    return doc


def _spans(doc) -> dict[str, list[tuple[str, str]]]:
    return {key: [(s.text, s.label_) for s in group] for key, group in doc.spans.items()}


def test_components_are_registered_and_run_after_the_model_in_order():
    nlp = pipeline()
    assert all(Language.has_factory(name) for name in COMPONENTS)
    # the model's attribute ruler and lemmatizer run as one equivalent (components.tag_attrs)
    model = load().pipe_names
    at = model.index("attribute_ruler")
    assert model[at + 1] == "lemmatizer"
    assert nlp.pipe_names == model[:at] + ["tag_attrs"] + model[at + 2:] + list(COMPONENTS)
    assert "parser" in nlp.pipe_names and "harmwatch_triggers" not in load().pipe_names


def test_each_component_writes_its_spans():
    doc = _doc()
    spans = _spans(doc)
    (trigger,) = doc.spans["hw_triggers"]
    assert trigger.label_ == "Attack" and trigger._.hw_status == "occurred"
    assert spans["hw_figures"] == [("five", "killed")]
    assert spans["hw_dates"] == [("Tuesday", "day")]
    assert ("Kaduna", "GPE") in spans["hw_places"]
    (claim,) = doc._.hw_claims
    assert (claim.count_low, claim.group, claim.source, claim.doc_id) == (5, "civilians", None, "t1")
    (date,) = doc._.hw_dates
    assert date.start == dt.date(2024, 3, 12)


def test_deployment_quote_and_listed_victims_spans():
    doc = _doc('The army said it would send 300 troops to Kaduna. "We will not let this crime go '
               'unanswered," Governor Uba Sani said. A man and his son were killed.')
    spans = _spans(doc)
    assert [label for _, label in spans["hw_deployments"]] == ["planned"]
    assert "300 troops" in spans["hw_deployments"][0][0]
    assert spans["hw_quotes"] == [("We will not let this crime go unanswered", "QUOTE")]
    assert [label for _, label in spans["hw_listed"]] == ["killed"]


def test_records_carry_document_offsets():
    text = "Markets reopened in the capital.\n\n" + SENTENCE
    parsed = parse_many([Document(id="t2", text=text, published=PUBLISHED)])[0]
    off, doc = parsed[1]
    (claim,) = doc._.hw_claims
    assert off == text.index("Gunmen") and text[claim.span[0]:claim.span[1]] == "five villagers"
    (date,) = doc._.hw_dates
    assert text[date.span[0]:date.span[1]] == "Tuesday"


def test_speakers_are_carried_across_paragraphs_by_the_assembly():
    text = ("Colonel Ahmed Musa, the army spokesman, gave the figures on Wednesday.\n\n"
            '"The situation is under control and the attackers have fled," Musa said. '
            "He said gunmen killed five villagers in Kaduna on Tuesday.")
    ex = extract_document(Document(id="t3", text=text, published=PUBLISHED), relevance=False)
    (quote,) = ex.quotes
    assert quote.speaker == "Ahmed Musa"
    (claim,) = ex.casualties
    assert claim.count_low == 5 and claim.source is not None and "Musa" in claim.source
