"""Extraction as a spaCy pipeline (issue 8): registered components, one a file, that each
analyse a paragraph and write what they find on its Doc (``doc.spans["hw_<name>"]`` and the
``doc._.hw_*`` extensions of :mod:`.extensions`).

    nlp = pipeline()           # the model's parser and NER, then COMPONENTS
    parsed = parse_many(docs)  # one nlp.pipe over every paragraph of the documents

What needs the whole document (attribution carried across sentences, speakers named earlier,
place resolution, events merged, tolls) is the assembly's, in ``harmwatch.extract``.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ...models import Document
from .. import nlp as model
from . import claims, dates, deployments, places, quotes, tag_attrs, triggers, victims  # noqa: F401 - registers them

COMPONENTS = (
    "harmwatch_places", "harmwatch_dates", "harmwatch_triggers", "harmwatch_claims",
    "harmwatch_victims", "harmwatch_deployments", "harmwatch_quotes",
)
"""In pipeline order, after the model's own components. None reads another's output."""

PIPE_BATCH = 128
"""Paragraphs per ``nlp.pipe`` batch."""


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The model's components (shared with :func:`nlp.load`, not loaded twice; its attribute
    ruler and lemmatizer as one faster equivalent, :mod:`.tag_attrs`) followed by ours;
    ``nlp.load()`` itself stays a plain parser for those that only parse a text."""
    base = model.load()
    nlp = Language(base.vocab, max_length=base.max_length)
    nlp.tokenizer = base.tokenizer
    for name in base.pipe_names:
        nlp.add_pipe(name, source=base)
    tag_attrs.replace_in(nlp)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def _paragraph_docs(nlp: Language, pieces: list[list[tuple[int, str]]],
                    documents: Sequence[Document]) -> Iterator[Doc]:
    """Unprocessed Docs that know where they are (``hw_offset``, ``hw_published``, ``hw_doc_id``)."""
    for ps, d in zip(pieces, documents):
        for off, text in ps:
            doc = nlp.make_doc(text)
            doc.user_data[model.TEXT_KEY] = text  # so that no component joins its tokens again
            doc._.hw_offset, doc._.hw_published, doc._.hw_doc_id = off, d.published, d.id
            yield doc


def parse_many(documents: Sequence[Document]) -> list[list[tuple[int, Doc]]]:
    """Run the pipeline over the paragraphs of several documents in one ``nlp.pipe`` stream
    (spaCy's batching pays across documents, not within one short one): ``[(offset, Doc)]``
    for each document. Not spaCy's ``n_process``: it sends Docs back through ``to_bytes``,
    whose msgpack cannot carry the records (dates, pydantic models) in ``doc.user_data``;
    ``extract.iter_extractions`` forks workers that run pipeline and assembly both."""
    nlp = pipeline()
    pieces = [list(model.paragraphs(d.text)) for d in documents]
    docs = nlp.pipe(_paragraph_docs(nlp, pieces, documents), batch_size=PIPE_BATCH)
    return [[(off, next(docs)) for off, _ in ps] for ps in pieces]


__all__ = ["COMPONENTS", "PIPE_BATCH", "parse_many", "pipeline"]
