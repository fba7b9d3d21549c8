"""Event sub-type and event status: what kind of conflict event a text reports, and whether it
happened, is planned, or is threatened.

Public API
----------
``classify_event(text)``  → :class:`EventType` (an ACLED sub-event type or ``NOT_CONFLICT``,
                             a confidence, and the trigger words that decided it).
``event_status(sentence, trigger_span)`` → ``"occurred" | "planned" | "threatened"``.
``find_event_mentions(doc_or_text)`` → every event trigger of a passage as an
                             :class:`EventMention` (type, status, trigger, spans).
``CASE2021_LABELS``        → CASE 2021 task-2 codes mapped to our labels (used by evaluation).

How it works
------------
Trigger patterns (``data/patterns/event_rules.jsonl``, spaCy ``Matcher`` patterns with ids) are
matched over spaCy tokens (lower-case form *or* lemma, ``*`` = prefix; see the README there).
Every match is a *hit* with a CASE-2021-style code and a weight that encodes ACLED's precedence
(e.g. a suicide bomber beats "explosion", an intercepted missile is "Disrupted weapons use", not
a missile attack).  Context then re-labels generic hits:

* protest context (protesters, rally, demonstration ... in the nearby sentences) turns arrests,
  tear gas, dispersal into *Protest with intervention*, live fire on protesters into *Excessive
  force*, stones/arson/rioting into *Violent demonstration*; with no violent cue it is a
  *Peaceful protest*;
* a generic attack (gunmen, opened fire, attacked, killed ...) whose target includes armed forces
  (soldiers, police, a base, a checkpoint ...) outside the attacker's own noun phrase is an
  *Armed clash*; otherwise it is an *Attack* (violence against civilians);
* a territorial take-over (captured/seized/took control/recaptured + a place) goes to
  *Government regains territory* or *Non-state actor overtakes territory* according to the
  subject of the verb (army/government/troops vs rebels/militants/named armed groups), and to
  *Non-violent transfer of territory* when the text says the other side withdrew or there was no
  resistance;
* an explosion near industrial words (plant, factory, warehouse, gas tank ...) is a man-made
  disaster, not an IED;
* crime (smuggling, theft, counterfeit money ...), disasters, diplomacy (sanctions, summits)
  and attribution statements are ``NOT_CONFLICT``.

Attribution ("X claimed responsibility for ...", "denied it was behind ...") is classified as
``NOT_CONFLICT`` at passage level: the passage is *about who did it* (CASE 2021's ATTRIB code,
which is not an ACLED sub-event type).  ``find_event_mentions`` still returns the embedded
event (the suicide bombing, the attack) as its own mention, so the pipeline does not lose it.

A claim in a later sentence, after an event was reported, does not override that event, and a
negated claim ("no group has claimed the attack") is ignored.

The passage type is the best-scoring hit: weight × a small decay for later sentences (snippets
lead with their main event) × a penalty for planned/threatened events × a penalty for events
named only as the cause or backdrop of another ("fled *after the attacks*", "*condemned* the
attack").  Among protest sub-types ACLED's precedence decides (violent demonstrators >
excessive force > intervention > peaceful).  No sentence- or dev-set-specific rule is used:
every pattern is a general phrasing of the event class.

``find_event_mentions`` lists the passage's main event (the trigger ``classify_event`` decides
on) first, so "the first occurred event" of an extraction is the passage's type.

The sub-type of the main event then goes through ``subtype_blend``: a classifier trained on
real ACLED notes (``classifier``) overrides the rules' label where it is far more confident.
Figures, and why rules and model split the work this way: ``docs/model-card-event-types.md``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from harmwatch.models import NOT_CONFLICT

from . import nlp
from .case_labels import CASE2021_LABELS, LABELS, label_of  # noqa: F401  (public API)
from .event_context import _NOT_CONFLICT_CODES, _REMOTE, _analyse, _in_background
from .event_patterns import _Hit
from .realis import Status, _as_doc_and_offset, _lexical_status, _status_of_tokens


# --------------------------------------------------------------------------------------------
# Public records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventType:
    """The event sub-type of a text."""

    type: str
    """One of ``models.ACLED_SUBTYPES`` or ``models.NOT_CONFLICT``."""
    confidence: float
    trigger: Optional[str] = None
    """The words that decided it (``"Airstrikes"``), ``None`` when nothing matched."""
    trigger_span: Optional[tuple[int, int]] = None
    """Character offsets of ``trigger`` in the classified text."""
    code: Optional[str] = None
    """The finer CASE 2021 code behind ``type`` (``"MAN_MADE_DISASTER"`` for a not-conflict
    industrial explosion, ``"ATTRIB"`` for a claim of responsibility ...)."""


@dataclass(frozen=True)
class EventMention:
    """One event trigger of a passage."""

    type: str
    status: Status
    trigger: str
    trigger_span: tuple[int, int]
    """Offsets into the passage (the text of the Doc that was passed)."""
    sentence_span: tuple[int, int]
    confidence: float
    code: str
    main: bool = False
    """The passage's main event: the trigger ``classify_event`` decides on (listed first)."""


# --------------------------------------------------------------------------------------------
# spaCy
# --------------------------------------------------------------------------------------------


def get_nlp():
    """The project's one spaCy pipeline (``harmwatch.extract.nlp``)."""
    from .nlp import load

    return load()


def _parse(text: str):
    return get_nlp()(text)


def _is_parsed(doc) -> bool:
    return doc.has_annotation("DEP")


# --------------------------------------------------------------------------------------------
# Event status (the cues live in ``realis``)
# --------------------------------------------------------------------------------------------

def event_status(sentence: str, trigger_span: Optional[tuple[int, int]] = None,
                 parsed=None) -> Status:
    """Whether the event named at ``trigger_span`` (character offsets into ``sentence``)
    occurred, is planned, or is threatened.

    ``parsed`` may be a spaCy Doc or Span whose text is ``sentence`` (e.g. a sentence of an
    already parsed article), to avoid parsing again.  Without a trigger span, the sentence's
    strongest event trigger is used, else its root verb.
    """
    if parsed is None:
        parsed = _parse(sentence)
    doc, offset = _as_doc_and_offset(parsed)
    if trigger_span is None:
        sub = parsed.as_doc() if doc is not parsed else doc
        if len(sub) == 0:
            return "occurred"
        hits = _analyse(sub)
        if hits:
            best = max(hits, key=lambda h: (h.weight, -h.start))
            trigger_span = (best.start, best.end)
        else:
            root = next(iter(sub.sents)).root if _is_parsed(sub) else sub[0]
            trigger_span = (root.idx, root.idx + len(root.text))
    trig = doc.char_span(offset + trigger_span[0], offset + trigger_span[1],
                         alignment_mode="expand")
    if trig is None or len(trig) == 0:
        return _lexical_status(sentence, trigger_span[0])
    return _status_of_tokens(trig)


# --------------------------------------------------------------------------------------------
# Classification
# --------------------------------------------------------------------------------------------

_SENT_DECAY = (1.0, 0.93, 0.88)
_PROTEST_PRIORITY = ("VIOL_DEMONSTR", "FORCE_AGAINST_PROTEST", "PROTEST_WITH_INTER",
                     "PEACE_PROTEST")
_PROTEST_MIN = {"VIOL_DEMONSTR": 0.84, "FORCE_AGAINST_PROTEST": 0.8}
_BACKGROUND_FACTOR = 0.7
_IRREALIS_FACTOR = 0.8


_AFTERMATH = {"DISR_WEAP", "AGREEMENT", "ARREST"}
_AFTERMATH_FACTOR = 0.85
_EVIDENCE = 0.55  # the weight a trigger needs to name an event (find_event_mentions)


def _scored(doc, hits: list[_Hit]) -> list[tuple[float, _Hit]]:
    out = []
    first_violence = any(h.sent == 0 and h.code in _REMOTE | {"ARMED_CLASH", "ATTACK"} and h.weight >= 0.7
                         for h in hits)
    for h in hits:
        s = h.weight * _SENT_DECAY[min(h.sent, len(_SENT_DECAY) - 1)]
        if first_violence and h.sent > 0 and h.code in _AFTERMATH:
            s *= _AFTERMATH_FACTOR  # "... killing seven. A second device was defused": the aftermath
        if h.code not in _NOT_CONFLICT_CODES:
            if _status_of_tokens(doc[h.tok_start:h.tok_end]) != "occurred":
                s *= _IRREALIS_FACTOR
            if _in_background(doc, h):
                s *= _BACKGROUND_FACTOR
        out.append((s, h))
    return out


def _to_doc(text_or_doc):
    if isinstance(text_or_doc, str):
        return _parse(text_or_doc)
    doc = getattr(text_or_doc, "doc", text_or_doc)
    return text_or_doc if doc is text_or_doc else text_or_doc.as_doc()


def _decide(doc, hits: list[_Hit]) -> Optional[tuple[str, float, _Hit]]:
    """The passage's event: (code, confidence, deciding hit), None when there is no hit."""
    scored = _scored(doc, hits)
    if not scored:
        return None
    best: dict[str, tuple[float, _Hit]] = {}
    count: dict[str, int] = {}
    for s, h in scored:
        if h.weight >= _EVIDENCE:  # a bare "injured", "targeted" is no evidence of its own
            count[h.code] = count.get(h.code, 0) + 1
        if h.code not in best or s > best[h.code][0] + 1e-9:
            best[h.code] = (s, h)
    # the best hit per code, a small bonus for repeated evidence, earlier first on ties
    ranked = sorted(best.items(), key=lambda kv: (-(kv[1][0] + 0.01 * min(max(count.get(kv[0], 0) - 1, 0), 3)),
                                                   kv[1][1].start))
    code, (s, h) = ranked[0]
    if code in _PROTEST_PRIORITY:
        # One demonstration, several cues: ACLED's precedence decides, not the cue's weight
        # (violent demonstrators → Violent demonstration even if police then used force;
        # lethal force → Excessive force even if there was tear gas too).
        for c in _PROTEST_PRIORITY:
            if c in best and best[c][1].weight >= _PROTEST_MIN.get(c, 0.0) and abs(
                    best[c][1].sent - h.sent) <= 1:
                if c != code:
                    ranked.remove((c, best[c]))
                    ranked.insert(0, (c, best[c]))
                    code, (s, h) = c, best[c]
                    s = max(s, ranked[1][1][0])
                break
    runner = ranked[1][1][0] if len(ranked) > 1 else 0.0
    margin = min(1.0, max(0.0, (s - runner) / 0.2))
    conf = max(0.05, min(0.99, s * (0.75 + 0.25 * margin)))
    return code, round(conf, 3), h


def classify_event(text: str, parsed=None) -> EventType:
    """The ACLED sub-event type of a sentence or a short passage about one event.

    ``parsed``: an optional spaCy Doc (or Span) of ``text`` to avoid parsing it again.
    """
    doc = _to_doc(parsed if parsed is not None else text)
    decided = _decide(doc, _analyse(doc))
    if decided is None:
        return EventType(NOT_CONFLICT, 0.3, None, None, None)
    code, conf, h = decided
    learned = _learned(doc, code, h.sent)
    if learned is not None:
        code, conf = learned
    return EventType(label_of(code), conf, nlp.text(doc)[h.start:h.end], (h.start, h.end), code)


def _learned(doc, code: str, sent: int) -> Optional[tuple[str, float]]:
    """The learned classifier's (code, probability) where it overrides the rules' ``code``."""
    from .subtype_blend import blend, window

    sentences = [s.text for s in nlp.sents(doc)]
    got = blend(label_of(code), window(sentences, sent), code, sentences[sent] if sent < len(sentences) else None)
    return (_CODE_OF[got[0]], got[1]) if got else None


_CODE_OF = {label: code for code, label in CASE2021_LABELS.items() if label != NOT_CONFLICT}


# Generic, weak triggers dropped from a sentence that has a specific one.
_GENERIC = {"ATTACK", "OTHER", "DIPLO", "AGREEMENT", "PEACE_PROTEST"}


def _is_generic(h: _Hit) -> bool:
    return h.generic or h.code in _GENERIC


def find_event_mentions(doc_or_text, main_first: bool = True) -> list[EventMention]:
    """Every event trigger of a passage with its type and status.

    ``doc_or_text``: a text, or a spaCy Doc of it (offsets are into the Doc's text).

    The passage's main event (the trigger ``classify_event`` decides on, ``main=True``) comes
    first, so that "the first occurred event" of the passage is its main event; the others
    follow in text order (``main_first=False``: all in text order).  Within a sentence,
    overlapping triggers keep the strongest; generic ones (a bare "killed", "attacked",
    "talks") are dropped when the sentence has a more specific trigger; several cues of one
    demonstration are one mention (ACLED's precedence: violent > excessive force >
    intervention > peaceful); and triggers of the same type and status are one mention.
    """
    doc = _to_doc(doc_or_text)
    hits = _analyse(doc)
    decided = _decide(doc, hits)
    main_hit = decided[2] if decided and decided[2].weight >= 0.55 else None
    learned = _learned(doc, decided[0], decided[2].sent) if main_hit is not None else None
    sents = nlp.sents(doc)
    text = nlp.text(doc)
    by_sent: dict[int, list[_Hit]] = {}
    for h in hits:
        by_sent.setdefault(h.sent, []).append(h)
    out: list[EventMention] = []
    for si, hs in sorted(by_sent.items()):
        kept: list[_Hit] = [main_hit] if main_hit is not None and main_hit.sent == si else []
        for h in sorted(hs, key=lambda h: (-h.weight, h.start)):
            if h is main_hit:
                continue
            if any(k.start < h.end and h.start < k.end for k in kept):
                continue
            if h.weight < 0.55 or (kept and h.weight < 0.6):
                continue  # a bare "death", "targeting" names no event of its own
            if _is_generic(h) and any(not _is_generic(k) and k.weight >= 0.7 for k in kept):
                continue
            if kept and h.code in ("REM_EXPLOS",) and h.weight < 0.8 and any(
                    k.code in _REMOTE for k in kept):
                continue  # "the blast" of a suicide bombing is the same event
            if h.code in _PROTEST_PRIORITY and any(k.code in _PROTEST_PRIORITY for k in kept):
                continue  # one demonstration
            kept.append(h)
        # the protest cue that ACLED's precedence prefers speaks for the sentence
        for k_i, k in enumerate(kept):
            if k.code in _PROTEST_PRIORITY and k is not main_hit:
                for c in _PROTEST_PRIORITY:
                    alt = [h for h in hs if h.code == c and h.weight >= _PROTEST_MIN.get(c, 0.0)]
                    if alt:
                        kept[k_i] = alt[0]
                        break
        sent = sents[si]
        seen: set[tuple[str, str]] = set()
        for h in sorted(kept, key=lambda h: (h is not main_hit, h.start)):
            status = _status_of_tokens(doc[h.tok_start:h.tok_end])
            if (h.code, status) in seen:
                continue  # "a suicide bomber blew himself up": one event, two triggers
            seen.add((h.code, status))
            code = h.code
            if learned and h.code == main_hit.code and abs(h.sent - main_hit.sent) <= 1:
                code = learned[0]  # the main event's other triggers name the same event
            out.append(EventMention(label_of(code), status, text[h.start:h.end],
                                    (h.start, h.end), (sent.start_char, sent.end_char),
                                    round(h.weight, 3), code, main=h is main_hit))
    out.sort(key=lambda m: m.trigger_span)
    if main_first:
        out.sort(key=lambda m: not m.main)  # stable: the rest stay in text order
    return out


__all__ = ["CASE2021_LABELS", "EventMention", "EventType", "LABELS", "classify_event",
           "event_status", "find_event_mentions", "get_nlp", "label_of"]
