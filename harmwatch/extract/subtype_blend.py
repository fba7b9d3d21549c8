"""How the learned classifier and the trigger rules share an event's sub-type.

Decided by measurement (``docs/model-card-event-types.md``): the rules keep what they do well
and the model cannot see — the trigger span, planned/threatened status, negation, and whether
a passage with a trigger holds a conflict event — while the *sub-type* of the passage's main
event moves to the model's choice when the model prefers another conflict label over the
rules' one by a wide margin (``MARGIN``). A narrower margin cost on news snippets and the
project's own passages; replacing the rules outright lost 20+ points there. A passage with no
trigger at all gets an event only when the model is sure it tells one (``without_trigger``).
The model never turns an event into "not a conflict event", and never decides on labels it
saw too few examples of (``TRAINED_LABELS``).
"""
from __future__ import annotations

from typing import Optional, Sequence

from harmwatch.models import NOT_CONFLICT

from . import classifier
from .case_labels import NO_CASUALTY_LABELS

MARGIN = 0.4
"""Model's best conflict label must beat the model's probability of the rules' label by this."""
NO_TRIGGER_MIN_P = 0.8
"""A passage where no rule finds a trigger gets the model's conflict label as its event only
when the model gives that label at least this probability. Measured (model-card): on ACLED
notes it recovers most of the 12 % with no trigger ("shopkeepers rallied to ask ...",
"one army fired at the other's trenches"); on the project's own non-conflict passages, the
negatives of the claims sets and the benchmark's non-conflict news no text reaches it."""
MIN_TRAINED = 20
"""The model decides only between labels it learned from at least this many ACLED notes: on the
rarer ones (territory gained or lost, suicide bomb, base established, chemical weapon) the rules'
actor and weapon logic is what knows, and the model's guesses there cost on every check set."""
TRAINED_LABELS: frozenset[str] = frozenset({
    "Peaceful protest", "Attack", "Armed clash", "Mob violence", "Violent demonstration",
    "Protest with intervention", "Looting/property destruction", "Remote explosive/landmine/IED",
    "Abduction/forced disappearance", "Change to group/activity", "Other", "Grenade",
    "Excessive force against protesters", "Air/drone strike", "Disrupted weapons use", "Arrests",
    "Shelling/artillery/missile attack", "Sexual violence"})
"""Labels with >= MIN_TRAINED rows in acled-train.jsonl (counted when the model was built)."""
WHOLE_TEXT_SENTENCES = 3
"""Up to this many sentences the model reads the whole passage (an ACLED note, a snippet);
beyond, the main event's sentence and its neighbours."""


GENERIC: frozenset[str] = frozenset({"Attack"})
WEAPONS: frozenset[str] = frozenset({
    "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
    "Grenade", "Suicide bomb", "Chemical weapon"})
"""The rules' weapon-specific labels, which the model's generic "Attack" never replaces."""


def window(sentences: Sequence[str], main: int) -> str:
    """The text the model reads for the event of sentence ``main``."""
    if len(sentences) <= WHOLE_TEXT_SENTENCES:
        return " ".join(sentences)
    return " ".join(sentences[max(0, main - 1):main + 2])


UNSEEN_CODES: frozenset[str] = frozenset({"NATURAL_DISASTER", "MAN_MADE_DISASTER"})
"""Rule codes of non-conflict events the model never saw (ACLED codes no accidents): a chemical
plant that exploded looks like a bombing to it, so the rules' reading stands. Measured: letting
the model override these cost two case2021-dev accidents and gained nothing."""


def blend(rule_label: str, text: str, rule_code: Optional[str] = None,
          own: Optional[str] = None) -> Optional[tuple[str, float]]:
    """The model's label and probability when it overrides ``rule_label``, else ``None``.

    A trigger of non-conflict news ("fraud", "heavy rain", "denounce") in a passage the model is
    sure tells a conflict event ("250,000 people gathered ... to demand the resignation of") is
    read as a passage without a trigger: the model's label stands when ``without_trigger``'s
    bar would let it give one. When ``text`` is the trigger's sentence ``own`` with its
    neighbours, an event people are hurt in becomes one no one is (a protest, arrests) only
    when the model reads that in ``own`` too: "wounded in the attack on the posada ... died"
    followed by "Hundreds of residents marched ... demanding justice" is still the attack."""
    if not text.strip() or not classifier.model_available():
        return None
    if rule_label == NOT_CONFLICT:
        return None if rule_code in UNSEEN_CODES else _sure(text)
    if rule_label not in TRAINED_LABELS:
        return None
    best, p = _preferred(text, rule_label)
    if best is None or (best in GENERIC and rule_label in WEAPONS):
        return None  # ACLED codes violence by its weapon first: "an air raid" stays an air strike
    if (own and own != text and best in NO_CASUALTY_LABELS and rule_label not in NO_CASUALTY_LABELS
            and _preferred(own, rule_label)[0] != best):
        return None
    return best, p


def _preferred(text: str, rule_label: str) -> tuple[Optional[str], float]:
    """The model's conflict label for ``text`` when it beats ``rule_label`` by ``MARGIN``."""
    probs = classifier.subtype_probabilities([text])[0]
    conflict = {k: v for k, v in probs.items() if k != NOT_CONFLICT}
    best = max(conflict, key=lambda k: conflict[k])
    if best in TRAINED_LABELS and best != rule_label and \
            conflict[best] - probs.get(rule_label, 0.0) >= MARGIN:
        return best, round(conflict[best], 3)
    return None, 0.0


def without_trigger(sentences: Sequence[str]) -> Optional[tuple[str, float]]:
    """The model's conflict label and probability for a passage no trigger rule reached, when
    the model is sure of it (``NO_TRIGGER_MIN_P``), else ``None``."""
    text = window(sentences, 0)
    if not text.strip() or not classifier.model_available():
        return None
    return _sure(text)


def _sure(text: str) -> Optional[tuple[str, float]]:
    probs = classifier.subtype_probabilities([text])[0]
    conflict = {k: v for k, v in probs.items() if k in TRAINED_LABELS}
    if not conflict:
        return None
    best = max(conflict, key=lambda k: conflict[k])
    return (best, round(conflict[best], 3)) if conflict[best] >= NO_TRIGGER_MIN_P else None


__all__ = ["MARGIN", "MIN_TRAINED", "NO_TRIGGER_MIN_P", "TRAINED_LABELS", "UNSEEN_CODES", "blend", "window",
           "without_trigger"]
