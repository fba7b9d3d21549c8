"""Batch equals single (issue 10): a document extracted alone and inside a batch gives the same
record, whatever the batch size, the filter's decisions around it, or the worker processes.

Texts written for this test.
"""
import random

import pytest

from harmwatch.extract import extract_document, extract_documents, iter_extractions
from harmwatch.models import Document

PARAGRAPHS = [
    "An air strike on a market in the town of Saraqib killed at least 11 civilians on Sunday, "
    "the local council said.",
    "Two soldiers were wounded when their convoy hit a roadside bomb near Gao, the army said.",
    "Hundreds of students marched to the ministry on Friday to demand lower fees; police fired "
    "tear gas and arrested 12 of them.",
    "\"We buried six of our neighbours today,\" said a resident of the camp, who asked not to be "
    "named.",
    "Fighting between the army and the rebels forced some 3,000 families to flee their homes in "
    "North Kivu, according to the United Nations.",
    "The Valley Kings won the derby 2-0 in front of 40,000 fans on Saturday evening.",
    "Shares in the bank rose 4 percent after it reported record profits for the quarter.",
    "Rain is expected across the north on Tuesday, with temperatures near 12 degrees.",
    "The government said 450 troops would be deployed to the border region next month.",
]


def _corpus(n: int = 50) -> list[Document]:
    rng = random.Random(7)
    docs = []
    for i in range(n):
        paras = rng.sample(PARAGRAPHS, rng.randint(1, 4))
        docs.append(Document(id=f"t{i:03d}", text="\n\n".join(paras)))
    return docs


@pytest.fixture(scope="module")
def corpus():
    docs = _corpus()
    return docs, [extract_document(d).to_json() for d in docs]


def test_batch_equals_single(corpus):
    docs, single = corpus
    for size in (1, 7, 50):
        assert [e.to_json() for e in extract_documents(docs, batch_size=size)] == single
    # controls: the corpus has both extracted and skipped documents, so the check can fail
    assert any('"casualties":[{' in s for s in single)
    assert any('"events":[],"deployments":[],"quotes":[],"places":[]' in s for s in single)


def test_stream_keeps_input_order(corpus):
    docs, single = corpus
    streamed = iter_extractions(iter(docs), batch_size=8)
    assert [e.document.id for e in streamed] == [d.id for d in docs]


def test_worker_processes_give_the_same_records(corpus):
    docs, single = corpus
    assert [e.to_json() for e in extract_documents(docs, batch_size=8, n_process=2)] == single


def test_old_call_still_works():
    doc = Document(id="x", text=PARAGRAPHS[1])
    (ex,) = extract_documents([doc])
    assert ex == extract_document(doc) and ex.casualties
