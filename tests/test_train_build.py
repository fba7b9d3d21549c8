"""``harmwatch train event-types`` end to end on tiny files of our own: the model, its card
(the files trained on, by SHA-256) and the whole-extractor cross-validation on the dev notes."""
from __future__ import annotations

import json

from harmwatch.extract import classifier
from harmwatch.train.event_types import build

PROTESTS = ["On 3 May 2021, teachers marched peacefully in Springfield to demand higher pay.",
            "On 4 May 2021, nurses held a sit-in outside the ministry over unpaid salaries.",
            "On 5 May 2021, students rallied on campus against the fee increase.",
            "On 6 May 2021, traders staged a peaceful demonstration against new market taxes.",
            "On 7 May 2021, farmers protested in the town square against low crop prices.",
            "On 8 May 2021, drivers gathered at the depot to demand cheaper fuel."]
CLASHES = ["On 3 May 2021, soldiers and rebels exchanged gunfire for hours near the river.",
           "On 4 May 2021, militants attacked an army post and troops fought back until dawn.",
           "On 5 May 2021, government troops clashed with insurgents outside the town.",
           "On 6 May 2021, fighting broke out between the militia and police at a checkpoint.",
           "On 7 May 2021, rebel fighters battled soldiers for control of the bridge.",
           "On 8 May 2021, army units and gunmen fought in the hills for most of the day."]


def _notes(path, texts_labels):
    rows = [{"id": f"n{i}", "text": t, "gold": {"sub_event_type": lab, "fatalities": 0,
                                                "event_date": t[3:13], "geo_precision": 3}}
            for i, (t, lab) in enumerate(texts_labels)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_build_writes_the_model_its_card_and_cross_validates_the_dev_notes(tmp_path):
    pairs = [(t, "Peaceful protest") for t in PROTESTS] + [(t, "Armed clash") for t in CLASHES]
    train = _notes(tmp_path / "train.jsonl", pairs[::2])
    dev = _notes(tmp_path / "dev.jsonl", pairs[1::2])
    out = tmp_path / "m.skops"
    figures = build(train, out, seed=0, dev_path=dev, cv_folds=0, own=False,
                    dev_in_training=True, pipeline_folds=2, log=lambda s: None)
    assert out.exists() and figures["dev_rows"] == 6 and figures["train_rows"] == 6
    card = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert {f["file"]: f["sha256"] for f in card["trained_on"]} == {
        "train.jsonl": classifier.sha256(train), "dev.jsonl": classifier.sha256(dev)}
    cv = card["figures"]["dev_pipeline_cv"]
    assert cv["support"] == 6 and 0.0 <= cv["subtype_weighted_f1"] <= 1.0
    # held out instead: no CV of the extractor, the dev notes scored by the model alone
    figures = build(train, out, seed=0, dev_path=dev, cv_folds=0, own=False,
                    dev_in_training=False, pipeline_folds=2, log=lambda s: None)
    assert "dev_pipeline_cv" not in figures and "dev_weighted_f1" in figures
    card = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert [f["file"] for f in card["trained_on"]] == ["train.jsonl"]


def test_own_snippet_sets_are_read_as_training_rows_and_marked_when_scored(tmp_path, monkeypatch):
    from harmwatch.evaluate import runner
    from harmwatch.train.event_types import OWN_SNIPPET_FILES, own_files, read_own_all

    tsv = tmp_path / "p.tsv"
    tsv.write_text("# comment\nPEACE_PROTEST\tTeachers marched to demand pay.\n", encoding="utf-8")
    snip = tmp_path / "s.jsonl"
    snip.write_text(json.dumps({"id": "a", "text": "Jets pounded the town.", "gold": {"subtype": "AIR_STRIKE"}}) + "\n",
                    encoding="utf-8")
    assert read_own_all([tsv, snip]) == [("Teachers marched to demand pay.", "Peaceful protest"),
                                         ("Jets pounded the town.", "Air/drone strike")]
    # the later snippet sets stay checks: never trained on
    assert all("blind9" not in p.name for p in own_files())
    assert {p.name for p in own_files()} >= set(OWN_SNIPPET_FILES)
    # a file the model learned from is said to be one when it is scored
    digest = classifier.sha256(snip)
    monkeypatch.setattr(classifier, "card", lambda: {"own_passages": [{"file": "s.jsonl", "sha256": digest}]})
    assert runner._seen_in_training(snip) == {"model_trained_on_file": 1}
    snip.write_text(snip.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # another file of that name
    assert runner._seen_in_training(snip) == {}
