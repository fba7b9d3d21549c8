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


def training_files() -> dict[str, str]:
    """``{file name: sha256}`` of the data the shipped model was trained on ({} if unknown)."""
    return {f["file"]: f["sha256"] for f in card().get("trained_on", [])}


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
    """``m.predict_proba(texts)``; for the shipped pipeline (a FeatureUnion of vectorisers into
    a linear model) without the union's joblib dispatch, which cost three times the model's
    own arithmetic on the one or two texts of each call. Same numbers."""
    steps = getattr(m, "named_steps", None)
    union = steps.get("features") if steps else None
    clf = steps.get("clf") if steps else None
    if union is None or clf is None or getattr(union, "transformer_weights", None) \
            or not hasattr(union, "transformer_list"):
        return m.predict_proba(texts)
    from scipy.sparse import hstack

    return clf.predict_proba(hstack([t.transform(texts) for _, t in union.transformer_list]).tocsr())


def predict_subtype(text: str, model=None) -> tuple[str, float]:
    """The most likely ACLED sub-event type (or ``NOT_CONFLICT``) of a text, with its probability."""
    probs = subtype_probabilities([text], model=model)[0]
    label = max(probs, key=lambda k: probs[k])
    return label, round(probs[label], 4)


__all__ = ["CARD_PATH", "LABELS", "card", "MODEL_PATH", "model_available", "normalise",
           "predict_subtype", "sha256", "subtype_probabilities", "training_files", "using_model"]
