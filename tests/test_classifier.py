"""The learned event sub-type classifier (extract/classifier.py, train/event_types.py).

Every sentence here was written for this test; no training or evaluation text is copied.
"""
from __future__ import annotations

import pytest

from harmwatch.extract import classifier
from harmwatch.extract.classifier import LABELS, normalise, predict_subtype, subtype_probabilities
from harmwatch.extract.subtype_blend import blend, window
from harmwatch.models import NOT_CONFLICT
from harmwatch.train.event_types import train

TINY = [
    ("Hundreds of teachers marched peacefully to demand higher pay.", "Peaceful protest"),
    ("Nurses held a sit-in outside the ministry over unpaid salaries.", "Peaceful protest"),
    ("Students rallied on campus against the fee increase.", "Peaceful protest"),
    ("Traders staged a peaceful demonstration against new market taxes.", "Peaceful protest"),
    ("Farmers protested in the town square against low crop prices.", "Peaceful protest"),
    ("Soldiers and rebels exchanged gunfire for hours near the river.", "Armed clash"),
    ("Militants attacked an army post and troops fought back until dawn.", "Armed clash"),
    ("Government troops clashed with insurgents on the outskirts of the town.", "Armed clash"),
    ("Fighting broke out between the militia and the police at a checkpoint.", "Armed clash"),
    ("Rebel fighters battled soldiers for control of the bridge.", "Armed clash"),
    ("Heavy rains caused floods that swept away dozens of homes.", NOT_CONFLICT),
    ("An earthquake shook the coastal region, damaging roads.", NOT_CONFLICT),
    ("A landslide buried several houses after days of rain.", NOT_CONFLICT),
    ("The river burst its banks and flooded farmland.", NOT_CONFLICT),
    ("A storm flattened crops and tore roofs off houses.", NOT_CONFLICT),
]


def test_normalise_hides_dates_numbers_and_names():
    t = normalise("On 3 March 2021, 12 people were killed in Springfield by Foo Brigade fighters.")
    assert "xdate" in t and "xnum" in t and "xname" in t
    assert "springfield" not in t and "2021" not in t and "foo" not in t
    # positive control: event words and common nouns survive
    assert "killed" in t and "fighters" in t and "people" in t


@pytest.fixture(scope="module")
def tiny_model():
    return train(TINY, seed=0)


def test_tiny_model_learns_its_classes(tiny_model):
    cases = {
        "Teachers marched to demand better pay.": "Peaceful protest",
        "Troops and rebels exchanged gunfire near the checkpoint.": "Armed clash",
        "Floods after heavy rains swept away homes.": NOT_CONFLICT,
    }
    for text, want in cases.items():
        assert predict_subtype(text, model=tiny_model)[0] == want, text


def test_tiny_model_is_deterministic(tiny_model):
    again = train(TINY, seed=0)
    texts = ["Rebels fought soldiers.", "Workers protested peacefully.", "A flood hit the valley."]
    a = subtype_probabilities(texts, model=tiny_model)
    b = subtype_probabilities(texts, model=again)
    assert a == b
    for row in a:
        assert set(row) == set(LABELS)
        assert abs(sum(row.values()) - 1.0) < 1e-6
        assert row["Air/drone strike"] == 0.0  # a label the tiny model never saw


def test_train_refuses_a_single_label():
    with pytest.raises(ValueError):
        train([(t, "Peaceful protest") for t, lab in TINY if lab == "Peaceful protest"])


SHIPPED = {
    # ("riot police" alone pulls the model to Violent demonstration: a known limit, see the card)
    "Police fired tear gas and water cannon to disperse demonstrators demanding the "
    "minister's resignation.": {"Protest with intervention", "Excessive force against protesters"},
    "Artillery shells and rockets hit residential blocks of the city overnight.":
        {"Shelling/artillery/missile attack"},
    "A roadside bomb exploded under a military truck, wounding three soldiers.":
        {"Remote explosive/landmine/IED"},
    "Several hundred workers gathered peacefully outside the factory to demand unpaid wages.":
        {"Peaceful protest"},
    "Gunmen stormed a village at night and shot dead four farmers in their homes.": {"Attack"},
}


@pytest.mark.skipif(not classifier.model_available(), reason="model not built")
def test_shipped_model_gives_sensible_labels():
    got = {t: predict_subtype(t) for t in SHIPPED}
    wrong = {t: g for t, g in got.items() if g[0] not in SHIPPED[t]}
    assert not wrong, wrong
    for label, p in got.values():
        assert label in LABELS and 0.0 < p <= 1.0


@pytest.mark.skipif(not classifier.model_available(), reason="model not built")
def test_blend_never_removes_a_conflict_event():
    text = "Artillery shells hit residential blocks of the city overnight."
    # a rule label the model strongly disagrees with is overridden by a conflict label
    over = blend("Peaceful protest", text)
    assert over is not None and over[0] != NOT_CONFLICT


def test_a_non_conflict_trigger_yields_to_a_sure_model_except_where_it_never_learned():
    """"250,000 gathered to demand the resignation ... over a fraud investigation": the rules'
    "fraud" says crime news, the model is sure of a protest; an exploding chemical plant stays
    an accident whatever the model, which never saw one."""
    from harmwatch.extract.subtype_blend import NO_TRIGGER_MIN_P

    text = "Thousands gathered in the square to demand the minister resign over a fraud inquiry."
    sure = {"Peaceful protest": NO_TRIGGER_MIN_P + 0.1, NOT_CONFLICT: 0.9 - NO_TRIGGER_MIN_P}
    with classifier.using_model(_Fixed(sure)):
        assert blend(NOT_CONFLICT, text, "ORG_CRIME") == ("Peaceful protest", round(NO_TRIGGER_MIN_P + 0.1, 3))
        assert blend(NOT_CONFLICT, text, "MAN_MADE_DISASTER") is None
        assert blend(NOT_CONFLICT, text, "NATURAL_DISASTER") is None
    unsure = {"Peaceful protest": NO_TRIGGER_MIN_P - 0.1, NOT_CONFLICT: 1.1 - NO_TRIGGER_MIN_P}
    with classifier.using_model(_Fixed(unsure)):
        assert blend(NOT_CONFLICT, text, "ORG_CRIME") is None


def test_the_models_generic_attack_never_replaces_a_weapon_the_rules_read():
    # ACLED codes violence by its weapon first: an air raid on a town stays an air strike
    sure = {"Attack": 0.9, "Air/drone strike": 0.05, "Armed clash": 0.05}
    with classifier.using_model(_Fixed(sure)):
        assert blend("Air/drone strike", "An air raid on the town killed five people.") is None
        # control: a label without a weapon still yields to a sure model
        assert blend("Armed clash", "Gunmen shot five villagers.") == ("Attack", 0.9)


def test_window_reads_short_passages_whole():
    sents = ["One.", "Two.", "Three.", "Four.", "Five."]
    assert window(sents[:3], 2) == "One. Two. Three."
    assert window(sents, 3) == "Three. Four. Five."


def test_trained_labels_match_the_training_data():
    """TRAINED_LABELS must be recounted when the training data changes."""
    import json
    from collections import Counter

    from harmwatch.extract.subtype_blend import MIN_TRAINED, TRAINED_LABELS
    from harmwatch.train.event_types import DEFAULT_DEV, DEFAULT_TRAIN

    if not (DEFAULT_TRAIN.exists() and DEFAULT_DEV.exists()):
        pytest.skip("no training data (../shared absent)")
    counts = Counter(json.loads(line)["gold"]["sub_event_type"]
                     for path in (DEFAULT_TRAIN, DEFAULT_DEV)
                     for line in path.open(encoding="utf-8") if line.strip())
    assert {k for k, v in counts.items() if v >= MIN_TRAINED} == TRAINED_LABELS
    assert "Peaceful protest" in TRAINED_LABELS and "Suicide bomb" not in TRAINED_LABELS


class _Fixed:
    """A stand-in model that gives every text the same probabilities (the thresholds are what
    is tested, not a model)."""

    def __init__(self, probs: dict[str, float]):
        self.classes_ = list(probs)
        self._row = [probs[c] for c in self.classes_]

    def predict_proba(self, texts):
        return [self._row for _ in texts]


def test_using_model_reaches_every_caller(tiny_model):
    with classifier.using_model(tiny_model):
        assert classifier.model_available()
        assert predict_subtype("Soldiers and rebels exchanged gunfire near the bridge.")[0] == "Armed clash"
        with classifier.using_model(_Fixed({"Peaceful protest": 0.9, NOT_CONFLICT: 0.1})):
            # the innermost model wins, and is dropped when its block ends
            assert predict_subtype("Soldiers and rebels exchanged gunfire.")[0] == "Peaceful protest"
        assert predict_subtype("Soldiers and rebels exchanged gunfire near the bridge.")[0] == "Armed clash"


def test_without_trigger_needs_a_sure_conflict_label():
    from harmwatch.extract.subtype_blend import NO_TRIGGER_MIN_P, without_trigger

    sents = ["Residents gathered outside the governor's office on Monday."]
    sure = {"Peaceful protest": NO_TRIGGER_MIN_P + 0.05, NOT_CONFLICT: 0.95 - NO_TRIGGER_MIN_P}
    with classifier.using_model(_Fixed(sure)):
        assert without_trigger(sents) == ("Peaceful protest", round(NO_TRIGGER_MIN_P + 0.05, 3))
        assert without_trigger([]) is None
    unsure = {"Peaceful protest": NO_TRIGGER_MIN_P - 0.1, NOT_CONFLICT: 1.1 - NO_TRIGGER_MIN_P}
    with classifier.using_model(_Fixed(unsure)):
        assert without_trigger(sents) is None
    # a label the model saw too few notes of never makes an event on its own
    with classifier.using_model(_Fixed({"Suicide bomb": 0.99, NOT_CONFLICT: 0.01})):
        assert without_trigger(sents) is None


def test_a_passage_without_trigger_gets_the_models_event_only_when_sure():
    from harmwatch.extract import extract_document
    from harmwatch.extract.subtype_blend import NO_TRIGGER_MIN_P
    from harmwatch.models import Document

    doc = Document(id="t1", text="On 4 March 2021, about 200 shopkeepers gathered in front of the "
                                 "town hall of Springfield to demand that the market reopen.")
    with classifier.using_model(_Fixed({"Peaceful protest": 0.1, NOT_CONFLICT: 0.9})):
        assert extract_document(doc).events == []
    with classifier.using_model(_Fixed({"Peaceful protest": NO_TRIGGER_MIN_P + 0.1,
                                        NOT_CONFLICT: 0.9 - NO_TRIGGER_MIN_P})):
        events = extract_document(doc).events
    assert [(e.type, e.status) for e in events] == [("Peaceful protest", "occurred")]
    assert events[0].date is not None and str(events[0].date.start) == "2021-03-04"


def test_the_card_names_what_the_model_was_trained_on():
    if not classifier.CARD_PATH.exists():
        pytest.skip("model card not built")
    files = classifier.training_files()
    assert "acled-train.jsonl" in files and all(len(h) == 64 for h in files.values())


def test_eval_says_when_the_model_was_trained_on_the_file(tmp_path, monkeypatch):
    from harmwatch.evaluate.runner import evaluate_file

    notes = tmp_path / "notes.jsonl"
    notes.write_text('{"id": "n1", "text": "On 2 May 2021, soldiers and rebels exchanged gunfire '
                     'near Springfield.", "gold": {"fatalities": 0, "sub_event_type": "Armed clash", '
                     '"event_date": "2021-05-02", "lat": 0.0, "lon": 0.0, "geo_precision": 1}}\n',
                     encoding="utf-8")

    def run():
        from harmwatch.extract import extract_documents

        return evaluate_file(notes, extract_documents).figures

    monkeypatch.setattr(classifier, "card", lambda: {})
    assert "model_trained_on_file" not in run()
    seen = {"trained_on": [{"file": "notes.jsonl", "sha256": classifier.sha256(notes)}],
            "figures": {"dev_pipeline_cv": {"subtype_weighted_f1": 0.5}}}
    monkeypatch.setattr(classifier, "card", lambda: seen)
    got = run()
    assert got["model_trained_on_file"] == 1 and got["cv_subtype_weighted_f1"] == 0.5
    # another file of the same name is not the one trained on
    seen["trained_on"][0]["sha256"] = "0" * 64
    assert "model_trained_on_file" not in run()


def test_fast_probabilities_equal_sklearns(tiny_model):
    """``_predict_proba`` computes tf-idf and softmax itself (sklearn's per-call overhead was
    a tenth of extraction): the numbers must be sklearn's, on seen, unseen and empty text,
    for the tiny model and the shipped one."""
    import numpy as np

    texts = [normalise(t) for t, _ in TINY] + [
        normalise("On 4 May 2020, unknown gunmen shot dead two farmers near Kaya."),
        normalise("Zzz qqq"), ""]
    models = [tiny_model] + ([classifier._load()] if classifier.model_available() else [])
    for m in models:
        assert classifier._fast_parts(m) is not None  # the fast path is the one taken
        got = classifier._predict_proba(m, texts)
        want = m.predict_proba(texts)
        assert got.shape == want.shape
        assert np.abs(got - want).max() < 1e-5
        assert (got.argmax(1) == want.argmax(1)).all()


class _ByWord:
    """A stand-in model that reads a protest wherever "marched" is, else an attack."""

    classes_ = ["Peaceful protest", "Attack", NOT_CONFLICT]

    def predict_proba(self, texts):
        return [[0.9, 0.05, 0.05] if "marched" in t else [0.05, 0.9, 0.05] for t in texts]


def test_neighbours_alone_do_not_turn_an_attack_into_a_protest():
    own = "One of the young people wounded in the attack on the party died in hospital."
    march = "Hundreds of residents marched in the town on Monday demanding justice."
    with classifier.using_model(_ByWord()):
        assert blend("Attack", f"{own} {march}", "ATTACK", own) is None
        assert blend("Attack", f"{own} {march}", "ATTACK") == ("Peaceful protest", 0.9)  # no sentence given
        # the trigger's own sentence reads a protest too: the model's label stands
        assert blend("Attack", f"{march} {own}", "ATTACK", march) == ("Peaceful protest", 0.9)
        # and a label people are hurt in is not held back by the sentence
        assert blend("Peaceful protest", f"{own} {march.replace('marched', 'walked')}", "PEACE_PROTEST",
                     march) == ("Attack", 0.9)
