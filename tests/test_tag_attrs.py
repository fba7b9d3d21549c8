"""The fast attribute ruler + lemmatizer gives the model's own tokens, attribute for attribute."""
import json

import pytest
import spacy

from harmwatch.extract import nlp as model
from harmwatch.extract.components import pipeline, tag_attrs

from conftest import REPO, SHARED

_ATTRS = ("tag_", "pos_", "morph", "lemma_", "dep_", "ent_type_")


def _texts_of(paths) -> list[str]:
    texts = []
    for path in paths:
        if path.suffix == ".jsonl":
            texts += [json.loads(ln).get("text") or "" for ln in path.read_text().splitlines() if ln.strip()]
        else:
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return texts


def _differences(texts: list[str]) -> list[tuple]:
    base = spacy.load(model.MODEL)
    fast = spacy.load(model.MODEL)
    assert tag_attrs.replace_in(fast)
    paras = [p for t in texts for _, p in model.paragraphs(t)]
    out = []
    for a, b in zip(base.pipe(paras), fast.pipe(paras)):
        for x, y in zip(a, b):
            got = [str(getattr(y, k)) for k in _ATTRS]
            want = [str(getattr(x, k)) for k in _ATTRS]
            if got != want:
                out.append((x.text, want, got))
    return out


HARD = [
    "I ain't gonna say it wasn't him, but there is nothing we can do. Let's go, y'all.",
    "She'd have been killed had they not gotten out; it's theirs, not ours, and that's that.",
    "Those who were there said that, once the shelling began, everyone ran.\n\n  \n",
    "Somebody's gotta tell 'em: we're doin' nothin' wrong, c'mon.",
]


def test_same_tokens_as_the_model_on_the_samples_and_hard_cases():
    texts = HARD + _texts_of(sorted((REPO / "samples").glob("*.*")))
    assert _differences(texts) == []


def test_same_tokens_as_the_model_on_the_evaluation_texts():
    paths = sorted((SHARED / "eval").glob("*.jsonl"))
    if not paths:
        pytest.skip(f"../shared is absent ({SHARED / 'eval'} not found)")
    assert _differences(_texts_of(paths)[::7]) == []


def test_the_pipeline_uses_it():
    names = pipeline().pipe_names
    assert "tag_attrs" in names and "attribute_ruler" not in names and "lemmatizer" not in names


def test_patterns_it_cannot_read_keep_spacys_components():
    tag = {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}}
    word = {"patterns": [[{"LOWER": "it", "TAG": "PRP"}]], "attrs": {"POS": "PRON"}}
    reads_pos = {"patterns": [[{"POS": "NOUN"}]], "attrs": {"LEMMA": "x"}}
    assert tag_attrs.split_patterns([tag, word]) == ([tag], [word])
    assert tag_attrs.split_patterns([word, tag]) is None  # no tag map first
    assert tag_attrs.split_patterns([tag, word, tag]) == ([tag], [word, tag])  # later: an exception
    optional = {"patterns": [[{"LOWER": "a"}, {"LOWER": "b", "OP": "?"}]], "attrs": {"LEMMA": "x"}}
    assert tag_attrs.split_patterns([tag, optional]) is None  # quantifiers are the Matcher's
    assert tag_attrs.split_patterns([tag, reads_pos]) is None  # an exception reading POS
    nlp = spacy.load(model.MODEL)
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add_patterns([reads_pos])
    assert not tag_attrs.replace_in(nlp)
    assert "attribute_ruler" in nlp.pipe_names and "lemmatizer" in nlp.pipe_names
