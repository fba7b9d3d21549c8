"""Train the event sub-type classifier (``harmwatch/data/models/event-types.skops``).

``train(rows, seed)`` is pure: rows of ``(text, label)`` in, a fitted scikit-learn pipeline out.
``build(...)`` reads ACLED's notes (``../shared/train/acled-train.jsonl`` and the dev notes
``../shared/eval/acled-dev.jsonl``) plus the project's own written example passages
(``training/event_*.tsv``, the batches not kept for measuring), trains, writes the model with
skops and its card, and cross-validates (the whole extractor on the dev notes).

Model (chosen by measurement, see ``docs/model-card-event-types.md``): TF-IDF word 1-2-grams +
character 2-5-grams of the normalised text (``extract.classifier.normalise``) into a linear model
with balanced class weights (logistic regression: probabilities without a calibration step).
Feature counts are capped so the shipped file stays a few MB.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Iterable, Optional, Sequence

import numpy as np

from harmwatch.extract.classifier import LABELS, MODEL_PATH, normalise, sha256

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
DEFAULT_TRAIN = SHARED / "train" / "acled-train.jsonl"
DEFAULT_DEV = SHARED / "eval" / "acled-dev.jsonl"
OWN_DIR = ROOT / "training"
# Own written batches used as extra training data (non-conflict classes ACLED lacks, rare
# classes, the news register ACLED's notes do not have). Every batch of passages and the first
# eight snippet sets, once measured, are trained on; the later snippet sets (event-snippets-blind9
# and on) are NOT: they stay the check of the model on unseen text.
OWN_TRAIN_FILES = ("event_sentences.tsv", "event_passages_heldout.tsv",
                   "event_passages_heldout2.tsv", "event_passages_heldout3.tsv",
                   "event_passages_heldout4.tsv", "event_passages_heldout5.tsv",
                   "event_passages_heldout6.tsv", "event_passages_heldout7.tsv")
OWN_SNIPPET_FILES = ("event-snippets-blind.jsonl", "event-snippets-blind2.jsonl",
                     "event-snippets-blind3.jsonl", "event-snippets-blind4.jsonl",
                     "event-snippets-blind5.jsonl", "event-snippets-blind6.jsonl",
                     "event-snippets-blind7.jsonl", "event-snippets-blind8.jsonl")
"""News snippets in the eval format (``gold.subtype``, CASE 2021 codes)."""

WORD_FEATURES = 20000
CHAR_FEATURES = 30000
C = 10.0
MIN_EXAMPLES = 2


def _pipeline(seed: int):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion([
        ("word", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                                 max_features=WORD_FEATURES, dtype=np.float32)),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3,
                                 sublinear_tf=True, max_features=CHAR_FEATURES,
                                 dtype=np.float32)),
    ])
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000, random_state=seed)
    return Pipeline([("features", features), ("clf", clf)])


def _usable(rows: Sequence[tuple[str, str]], least: int = MIN_EXAMPLES) -> list[tuple[str, str]]:
    """Rows whose label is known and has at least ``least`` examples."""
    counts = Counter(label for _, label in rows)
    return [(t, lab) for t, lab in rows if lab in LABELS and counts[lab] >= least]


def train(rows: Sequence[tuple[str, str]], seed: int = 0):
    """Fit the classifier on ``(text, label)`` rows; deterministic for a given seed.

    The fitted pipeline takes *normalised* text (``classifier.normalise``); use it through
    ``classifier.subtype_probabilities(texts, model=...)``.
    """
    rows = _usable(rows)
    if len({lab for _, lab in rows}) < 2:
        raise ValueError("need at least two labels with enough examples to train")
    model = _pipeline(seed)
    model.fit([normalise(t) for t, _ in rows], [lab for _, lab in rows])
    _shrink(model)
    return model


def _shrink(model) -> None:
    """Store weights as float32, vocabularies with plain ints (skops writes one file per numpy
    scalar), and drop the tf-idf stop-word sets: size, not behaviour."""
    est = model.named_steps["clf"]
    est.coef_ = est.coef_.astype(np.float32)
    est.intercept_ = est.intercept_.astype(np.float32)
    for _, vec in model.named_steps["features"].transformer_list:
        vec.vocabulary_ = {k: int(v) for k, v in vec.vocabulary_.items()}
        if hasattr(vec, "stop_words_"):
            del vec.stop_words_


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


def read_acled(path: Path) -> list[tuple[str, str]]:
    """``(text, sub_event_type)`` of an ACLED-notes JSONL file (``gold.sub_event_type``)."""
    out = []
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                out.append((r["text"], r["gold"]["sub_event_type"]))
    return out


def read_own(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """``(text, label)`` of the project's own ``CODE<TAB>text`` files (CASE 2021 codes)."""
    from harmwatch.extract.event_types import CASE2021_LABELS

    out = []
    for p in paths:
        for line in Path(p).open(encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                code, text = line.rstrip("\n").split("\t", 1)
                out.append((text, CASE2021_LABELS[code]))
    return out


def read_snippets(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """``(text, label)`` of the project's own snippet sets (eval format, ``gold.subtype``)."""
    from harmwatch.extract.event_types import CASE2021_LABELS

    out = []
    for p in paths:
        with Path(p).open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    r = json.loads(line)
                    out.append((r["text"], CASE2021_LABELS[r["gold"]["subtype"]]))
    return out


def own_files() -> list[Path]:
    """The own training files present in the checkout (passages, then snippet sets)."""
    return [OWN_DIR / f for f in (*OWN_TRAIN_FILES, *OWN_SNIPPET_FILES) if (OWN_DIR / f).exists()]


def read_own_all(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """Rows of own files of either format (``.tsv`` passages, ``.jsonl`` snippets)."""
    paths = list(paths)
    return (read_own(p for p in paths if p.suffix == ".tsv")
            + read_snippets(p for p in paths if p.suffix == ".jsonl"))


# --------------------------------------------------------------------------------------------
# Measurement
# --------------------------------------------------------------------------------------------


def weighted_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """The weighted F1 ``harmwatch eval`` reports (one definition for training and eval)."""
    from harmwatch.evaluate.subtypes import f1_scores

    return float(f1_scores(gold, pred)["weighted_f1"])


def predict(model, texts: Sequence[str]) -> list[str]:
    return list(model.predict([normalise(t) for t in texts]))


def cross_validate(rows: Sequence[tuple[str, str]], seed: int = 0, folds: int = 5) -> float:
    """Weighted F1 of ``folds``-fold stratified cross-validation over ``rows``."""
    from sklearn.model_selection import StratifiedKFold

    rows = _usable(rows, folds)
    labels = [lab for _, lab in rows]
    gold, pred = [], []
    for tr, te in StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed).split(rows, labels):
        m = train([rows[i] for i in tr], seed)
        pred += predict(m, [rows[i][0] for i in te])
        gold += [labels[i] for i in te]
    return weighted_f1(gold, pred)


def save(model, out: Path) -> int:
    import skops.io as sio

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    from zipfile import ZIP_DEFLATED

    sio.dump(model, out, compression=ZIP_DEFLATED, compresslevel=9)
    return out.stat().st_size


def build(train_path: Path = DEFAULT_TRAIN, out: Path = MODEL_PATH, seed: int = 0,
          dev_path: Optional[Path] = DEFAULT_DEV, cv_folds: int = 3, own: bool = True,
          dev_in_training: bool = True, pipeline_folds: int = 5, log=print) -> dict:
    """Train on ``train_path`` (+ own passages, + ``dev_path`` unless ``dev_in_training`` is
    off), write ``out`` and its card (``out`` with ``.json``: the files trained on, with their
    SHA-256, and the figures), and report cross-validated figures.

    ACLED's dev notes come from 100+ countries where the training notes come from five, so the
    shipped model learns from them too; their figure is then the whole extractor's,
    cross-validated over ``pipeline_folds`` folds (``pipeline_cv``), never a score on notes
    the model has seen."""
    t0 = time.time()
    rows = read_acled(train_path)
    own_paths = own_files() if own else []
    own_rows = read_own_all(own_paths)
    dev_file: Optional[Path] = Path(dev_path) if dev_path is not None and Path(dev_path).exists() else None
    dev_rows = read_acled(dev_file) if dev_file is not None and dev_in_training else []
    log(f"training rows: {len(rows)} ACLED notes + {len(dev_rows)} dev notes + {len(own_rows)} own passages")
    figures: dict = {"train_rows": len(rows), "dev_rows": len(dev_rows), "own_rows": len(own_rows),
                     "seed": seed}
    model = train(rows + own_rows + dev_rows, seed)
    if dev_file is not None and not dev_rows:
        dev = read_acled(dev_file)
        figures["dev_weighted_f1"] = weighted_f1([lab for _, lab in dev], predict(model, [t for t, _ in dev]))
        log(f"held-out weighted F1 ({dev_file.name}, model alone): {figures['dev_weighted_f1']:.3f}")
    figures["bytes"] = save(model, out)
    log(f"wrote {out} ({figures['bytes'] / 1e6:.1f} MB) in {time.time() - t0:.0f}s")
    if cv_folds:
        figures["cv_weighted_f1"] = cross_validate(rows + own_rows, seed, cv_folds)
        log(f"{cv_folds}-fold cross-validated weighted F1 (training notes, model alone): {figures['cv_weighted_f1']:.3f}")
    trained_on = [Path(train_path)] + ([dev_file] if dev_file is not None and dev_rows else [])
    card = {"model": Path(out).name, "seed": seed,
            "trained_on": [{"file": p.name, "sha256": sha256(p)} for p in trained_on],
            "own_passages": [{"file": p.name, "sha256": sha256(p)} for p in own_paths], "figures": figures}

    def write_card() -> None:
        Path(out).with_suffix(".json").write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")

    write_card()
    if dev_file is not None and dev_rows and pipeline_folds:
        from .pipeline_cv import cross_validate_pipeline

        log(f"{pipeline_folds}-fold cross-validation of the whole extractor on {dev_file.name}:")
        cv = cross_validate_pipeline(dev_file, rows + own_rows, train, seed, pipeline_folds, log)
        figures["dev_pipeline_cv"] = cv
        log(f"  sub-type weighted F1 {cv['subtype_weighted_f1']:.3f}, fatalities exact "
            f"{cv['fatalities_exact']:.3f}, place within 5 km {cv['place_within_5km_town']:.3f}")
        write_card()
    return figures


__all__ = ["build", "cross_validate", "own_files", "read_acled", "read_own", "read_own_all", "read_snippets", "save",
           "sha256", "train", "weighted_f1"]
