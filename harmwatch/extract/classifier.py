"""Learned event sub-type classifier (ACLED sub-event types), trained on real ACLED notes.

Public API
----------
``subtype_probabilities(texts)`` → one ``{label: probability}`` per text over
                                   ``models.ACLED_SUBTYPES`` + ``NOT_CONFLICT``.
``predict_subtype(text)``        → ``(label, probability)`` of the most likely label.
``normalise(text)``              → the text as the model sees it (shared by training).

The model (``harmwatch/data/models/event-types.skops``) is a scikit-learn pipeline stored with
skops (no pickle), built by ``harmwatch train event-types`` (``harmwatch.train.event_types``),
loaded lazily once. Data, figures and limits: ``docs/model-card-event-types.md``.

Why normalise: ACLED notes open with a date, carry counts and name places and country-specific
actors. A model fed them raw learns "Kenya → protest", not event words; the notes it is used on
come from other countries. Dates, numbers and capitalised names become placeholder tokens, so
only the event vocabulary (and words such as "police", "militants", "protesters") is left.
"""
from __future__ import annotations

import json
import re
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Optional

from harmwatch.models import ACLED_SUBTYPES, NOT_CONFLICT

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "models" / "event-types.skops"
CARD_PATH = MODEL_PATH.with_suffix(".json")
"""What the shipped model was trained on (file names and SHA-256) and its cross-validated figures."""
LABELS: tuple[str, ...] = tuple(ACLED_SUBTYPES) + (NOT_CONFLICT,)

_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE_RE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}(?:,?\s+\d{{4}})?|{_MONTHS}\s+\d{{1,2}}"
    rf"(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|{_MONTHS}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"\d{{1,2}}/\d{{1,2}}/\d{{2,4}})\b", re.I)
_WEEKDAY_RE = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
_NUM_RE = re.compile(r"\b\d[\d,.]*\b")
_BRACKETS_RE = re.compile(r"\[[^\]]*\]")
# A capitalised word that does not open a sentence: a name (place, person, group, outlet).
_NAME_RE = re.compile(r"(?<![.!?:;]\s)(?<!^)\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def normalise(text: str) -> str:
    """Replace dates, numbers and capitalised names with placeholder tokens; lower-case."""
    t = _BRACKETS_RE.sub(" ", text)
    t = _DATE_RE.sub(" xdate ", t)
    t = _WEEKDAY_RE.sub(" xday ", t)
    t = _NUM_RE.sub(" xnum ", t)
    t = _NAME_RE.sub(" xname ", t)
    t = re.sub(r"\s+", " ", t).strip()
    return t.lower()


_lock = threading.Lock()
_TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.")


@lru_cache(maxsize=1)
def _load(path: Optional[str] = None):
    """The shipped model (skops; only the types it was saved with are trusted)."""
    import skops.io as sio

    p = Path(path) if path else MODEL_PATH
    with _lock:
        untrusted = sio.get_untrusted_types(file=p)
        foreign = [t for t in untrusted if not t.startswith(_TRUSTED_PREFIXES)]
        if foreign:
            raise ValueError(f"{p}: refusing to load types {foreign}")
        return sio.load(p, trusted=untrusted)


def model_available() -> bool:
    return bool(_active) or MODEL_PATH.exists()


_active: list = []


@contextmanager
def using_model(model):
    """Make ``model`` the one every caller gets while the block runs: cross-validation runs the
    whole extractor with each fold's model on the notes that model never saw."""
    _active.append(model)
    try:
        yield model
    finally:
        _active.pop()


@lru_cache(maxsize=1)
def card() -> dict:
    """The shipped model's card (``CARD_PATH``): files trained on, seed, figures; {} if absent."""
    try:
        data = json.loads(CARD_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def sha256(path: Path) -> str:
    """A file's SHA-256, as the card records the data the model was trained on."""
    import hashlib

    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def training_files(own: bool = False) -> dict[str, str]:
    """``{file name: sha256}`` of the ACLED notes the shipped model was trained on (with
    ``own``: the project's own passages and snippet sets instead; {} if unknown)."""
    entries = card().get("own_passages" if own else "trained_on", [])
    return {f["file"]: f["sha256"] for f in entries if isinstance(f, dict)}


def subtype_probabilities(texts: list[str], model=None) -> list[dict[str, float]]:
    """Probability of every label (``LABELS``) for each text; labels the model never saw get 0."""
    if not texts:
        return []
    m = model if model is not None else (_active[-1] if _active else _load())
    probs = _predict_proba(m, [normalise(t) for t in texts])
    classes = list(m.classes_)
    out = []
    for row in probs:
        d = {lab: 0.0 for lab in LABELS}
        for c, p in zip(classes, row):
            d[c] = float(p)
        out.append(d)
    return out


def _predict_proba(m, texts: list[str]):
    """``m.predict_proba(texts)``; for the shipped pipeline (a FeatureUnion of tf-idf
    vectorisers into a multinomial linear model) computed from the fitted vocabularies,
    idf weights and coefficients directly: sklearn's per-call validation and sparse-matrix
    building cost ten times the arithmetic on the one text of each call (about a tenth of a
    conflict article's extraction). Same numbers (``tests/test_classifier.py``)."""
    fast = _fast_parts(m)
    if fast is None:
        return m.predict_proba(texts)
    import numpy as np

    parts, coef, intercept = fast
    out = np.empty((len(texts), coef.shape[0]))
    for row, text in enumerate(texts):
        cols, vals = [], []
        for analyse, vocabulary, idf, sublinear, offset in parts:
            counts: dict[int, int] = {}
            for term in analyse(text):
                j = vocabulary.get(term)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            if not counts:
                continue
            idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            w = (np.log(tf) + 1.0 if sublinear else tf) * idf[idx]
            norm = float(np.sqrt(w @ w))
            cols.append(idx + offset)
            vals.append(w / norm if norm else w)
        scores = intercept.copy()
        if cols:
            scores += coef[:, np.concatenate(cols)] @ np.concatenate(vals)
        scores -= scores.max()
        e = np.exp(scores)
        out[row] = e / e.sum()
    return out


def _fast_parts(m):
    """What ``_predict_proba`` needs of a tf-idf union into a multinomial logistic regression
    (cached on the model), or None for any other model (then sklearn predicts)."""
    cached = getattr(m, "_hw_fast", False)
    if cached is not False:
        return cached
    parts = None
    steps = getattr(m, "named_steps", None) or {}
    union, clf = steps.get("features"), steps.get("clf")
    vecs = [v for _, v in getattr(union, "transformer_list", [])]
    if clf is not None and vecs and not getattr(union, "transformer_weights", None) \
            and type(clf).__name__ == "LogisticRegression" and len(clf.classes_) > 2 \
            and all(type(v).__name__ == "TfidfVectorizer" and v.norm == "l2" and v.use_idf
                    and not v.binary for v in vecs):
        import numpy as np

        parts, offset = [], 0
        for v in vecs:
            parts.append((v.build_analyzer(), v.vocabulary_, np.asarray(v.idf_, dtype=np.float64),
                          bool(v.sublinear_tf), offset))
            offset += len(v.vocabulary_)
        parts = (parts, np.asarray(clf.coef_, dtype=np.float64),
                 np.asarray(clf.intercept_, dtype=np.float64))
    try:
        m._hw_fast = parts
    except AttributeError:  # pragma: no cover - a model that takes no attributes
        pass
    return parts


def predict_subtype(text: str, model=None) -> tuple[str, float]:
    """The most likely ACLED sub-event type (or ``NOT_CONFLICT``) of a text, with its probability."""
    probs = subtype_probabilities([text], model=model)[0]
    label = max(probs, key=lambda k: probs[k])
    return label, round(probs[label], 4)


__all__ = ["CARD_PATH", "LABELS", "card", "MODEL_PATH", "model_available", "normalise",
           "predict_subtype", "sha256", "subtype_probabilities", "training_files", "using_model"]
