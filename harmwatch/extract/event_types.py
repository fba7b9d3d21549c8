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
A lexicon of trigger patterns (``_RULES``) is matched over spaCy tokens (lower-case form *or*
lemma, ``*`` = prefix).  Every match is a *hit* with a CASE-2021-style code and a weight that
encodes ACLED's precedence (e.g. a suicide bomber beats "explosion", an intercepted missile is
"Disrupted weapons use", not a missile attack).  Context then re-labels generic hits:

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

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal, Optional, Sequence

from harmwatch.models import ACLED_SUBTYPES, NOT_CONFLICT

Status = Literal["occurred", "planned", "threatened"]


# --------------------------------------------------------------------------------------------
# Label sets
# --------------------------------------------------------------------------------------------

CASE2021_LABELS: dict[str, str] = {
    "AIR_STRIKE": "Air/drone strike",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SUIC_BOMB": "Suicide bomb",
    "GRENADE": "Grenade",
    "CHEM_WEAP": "Chemical weapon",
    "ARMED_CLASH": "Armed clash",
    "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "SEX_VIOL": "Sexual violence",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    # CASE 2021 codes that are not ACLED sub-event types.
    "NATURAL_DISASTER": NOT_CONFLICT,
    "MAN_MADE_DISASTER": NOT_CONFLICT,
    "ORG_CRIME": NOT_CONFLICT,
    "DIPLO": NOT_CONFLICT,
    "ATTRIB": NOT_CONFLICT,
}
"""CASE 2021 task-2 code → ACLED sub-event type (``models.ACLED_SUBTYPES``) or ``NOT_CONFLICT``."""

assert set(CASE2021_LABELS.values()) == set(ACLED_SUBTYPES) | {NOT_CONFLICT}

LABELS: tuple[str, ...] = tuple(ACLED_SUBTYPES) + (NOT_CONFLICT,)


def label_of(code: str) -> str:
    """The output label of an internal (CASE 2021) code."""
    return CASE2021_LABELS[code]


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
# A small pattern language over tokens
# --------------------------------------------------------------------------------------------
# A pattern is a space-separated sequence of slots.  A slot is a set of alternatives separated
# by "|"; an alternative matches a token whose lower-case form or lemma equals it, or starts with
# it when it ends in "*"; "@NAME" expands a word class below; "%GPE" matches an entity type;
# "=IS" matches the exact (case-sensitive) text, "^assault" the lower-case form only (not the
# lemma, so it does not match "assaulted").  A slot prefixed by "?" is optional.  "~N" lets
# up to N arbitrary tokens sit between two slots (never across a sentence).  Hyphen tokens are
# skipped, so "cease fire" also matches "cease-fire".

_PATTERNS = Path(__file__).resolve().parents[1] / "data" / "patterns"


def _load_classes(path: Path) -> dict[str, str]:
    rows = (ln.rstrip("\n").split("\t", 1) for ln in path.open(encoding="utf-8")
            if ln.strip() and not ln.startswith("#"))
    return {name: alts for name, alts in rows}


_CLASSES: dict[str, str] = _load_classes(_PATTERNS / "event_classes.tsv")

# Rules (data/patterns/event_rules.txt): "CODE weight | pattern ; pattern ; ...". Weight encodes
# ACLED precedence. Pseudo-codes: CTX_* mark context (not events), VETO_<CODE|ALL> removes
# overlapping hits.
_RULE_TEXT = (_PATTERNS / "event_rules.txt").read_text(encoding="utf-8")


@dataclass(frozen=True)
class _Slot:
    exact: frozenset
    prefixes: tuple
    ents: frozenset
    cased: frozenset
    lower_only: frozenset = frozenset()
    optional: bool = False
    gap: int = 0  # up to this many arbitrary tokens may precede the slot


@dataclass(frozen=True)
class _Rule:
    code: str
    weight: float
    slots: tuple
    source: str
    pid: str = ""
    """The pattern's id (``{id}`` in the rule file) for context checks; "" when unnamed."""


def _expand(alt: str) -> list[str]:
    if alt.startswith("@"):
        return _CLASSES[alt[1:]].split("|")
    return [alt]


def _make_slot(text: str, gap: int) -> _Slot:
    optional = text.startswith("?")
    if optional:
        text = text[1:]
    text = text.strip("()")
    exact, prefixes, ents, cased, lower_only = set(), [], set(), set(), set()
    for raw in text.split("|"):
        for alt in _expand(raw):
            alt = alt.strip()
            if not alt:
                continue
            if alt.startswith("%"):
                ents.add(alt[1:])
            elif alt.startswith("="):
                cased.add(alt[1:])
            elif alt.startswith("^"):
                lower_only.add(alt[1:].lower())
            elif alt.endswith("*"):
                prefixes.append(alt[:-1].lower())
            else:
                exact.add(alt.lower())
    return _Slot(frozenset(exact), tuple(sorted(set(prefixes))), frozenset(ents), frozenset(cased),
                 frozenset(lower_only), optional, gap)


def _compile(pattern: str) -> tuple:
    slots, gap = [], 0
    for part in pattern.split():
        if part.startswith("~") and part[1:].isdigit():
            gap = int(part[1:])
            continue
        slots.append(_make_slot(part, gap))
        gap = 0
    return tuple(slots)


def _pattern_id(pat: str) -> tuple[str, str]:
    """``"{fell} fell|falls ..."`` → ``("fell", "fell|falls ...")``; no id → ``""``."""
    m = re.match(r"\{(\w+)\}\s*", pat)
    return (m.group(1), pat[m.end():]) if m else ("", pat)


def _load_rules(text: str) -> list[_Rule]:
    rules = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        head, _, body = line.partition("|")
        code, weight = head.split()
        for pat in body.split(" ; "):
            pat = pat.strip()
            pid, pat = _pattern_id(pat)
            if pat:
                rules.append(_Rule(code, float(weight), _compile(pat), pat, pid))
    return rules


_RULES: list[_Rule] = _load_rules(_RULE_TEXT)


class _Tok:
    __slots__ = ("i", "forms", "ent", "text", "start", "end")

    def __init__(self, tok):
        self.i = tok.i
        lower = tok.lower_
        lemma = tok.lemma_.lower() if tok.lemma_ else lower
        self.forms = (lower,) if lemma == lower else (lower, lemma)
        self.ent = tok.ent_type_
        self.text = tok.text
        self.start = tok.idx
        self.end = tok.idx + len(tok.text)


def _slot_matches(slot: _Slot, t: _Tok) -> bool:
    for f in t.forms:
        if f in slot.exact:
            return True
        for p in slot.prefixes:
            if f.startswith(p):
                return True
    if slot.ents and t.ent in slot.ents:
        return True
    if slot.cased and t.text in slot.cased:
        return True
    if slot.lower_only and t.forms[0] in slot.lower_only:
        return True
    return False


def _match_from(slots: Sequence[_Slot], toks: Sequence[_Tok], si: int, ti: int) -> Optional[int]:
    """Match slots[si:] starting at toks[ti] (gap of slots[si] already allowed for);
    returns the index after the last matched token, or None."""
    if si == len(slots):
        return ti
    slot = slots[si]
    for g in range(0, (slot.gap if si > 0 else 0) + 1):
        j = ti + g
        if j >= len(toks):
            break
        if _slot_matches(slot, toks[j]):
            end = _match_from(slots, toks, si + 1, j + 1)
            if end is not None:
                return end
    if slot.optional:
        return _match_from(slots, toks, si + 1, ti)
    return None


@dataclass
class _Hit:
    code: str
    weight: float
    start: int  # char offsets
    end: int
    tok_start: int  # spaCy token indices [start, end)
    tok_end: int
    sent: int
    source: str
    pid: str = ""
    generic: bool = False
    """From a generic trigger (a bare "killed", "attacked", "gunmen"), even if context turned it
    into an armed clash."""


_SKIP_PUNCT = {"-", "–", "—", '"', "“", "”", "'", "‘", "’", "``", "''"}


def _sentence_tokens(sent) -> list[_Tok]:
    return [_Tok(t) for t in sent
            if not (t.is_punct and t.text in _SKIP_PUNCT) and not t.is_space]


def _match_sentence(sent, sent_idx: int) -> list[_Hit]:
    toks = _sentence_tokens(sent)
    hits: list[_Hit] = []
    for rule in _RULES:
        first = rule.slots[0]
        for k in range(len(toks)):
            if not _slot_matches(first, toks[k]):
                continue
            end = _match_from(rule.slots, toks, 1, k + 1)
            if end is None:
                continue
            a, b = toks[k], toks[end - 1]
            hits.append(_Hit(rule.code, rule.weight, a.start, b.end, a.i, b.i + 1, sent_idx,
                             rule.source, pid=rule.pid))
    return hits


# --------------------------------------------------------------------------------------------
# Context and re-labelling
# --------------------------------------------------------------------------------------------

_GOV_WORDS = {
    "government", "governmental", "army", "armies", "military", "troops", "troop", "soldiers",
    "soldier", "trooper", "troopers", "police", "marines", "regime", "loyalist", "loyalists",
    "saa", "national", "security", "peshmerga", "defence", "defense", "navy", "gendarmerie",
    "fardc", "afp", "idf", "federal", "coalition", "amisom", "commandos", "paratroopers",
    "battalion", "brigade", "division",
}
_NONSTATE_WORDS = {
    "rebel", "rebels", "militant", "militants", "insurgent", "insurgents", "jihadist",
    "jihadists", "terrorist", "terrorists", "militia", "militias", "militiamen", "fighters",
    "shabaab", "shabab", "taliban", "isis", "isil", "daesh", "houthi", "houthis", "boko",
    "haram", "opposition", "mai", "hts", "npa", "tahrir", "extremists", "gunmen",
    "separatists", "separatist", "guerrillas", "guerrilla", "bandits", "qaeda", "islamist",
    "islamists", "jihadi", "maoists", "maoist", "ypg", "sdf", "pkk", "farc", "eln",
    "janjaweed", "rsf", "haftar", "lna",
}
_SOURCE_HEADS = {"official", "officials", "source", "sources", "spokesman", "spokesperson",
                 "spokeswoman", "statement", "chief", "commissioner", "commander", "report",
                 "reports", "media", "agency"}
_SPEECH = set(_CLASSES["SPEECH"].split("|"))
_ARMED_SLOT = _make_slot("@ARMED", 0)
_PLACE_SLOT = _make_slot("@PLACE", 0)
_WEAPON_SLOT = _make_slot("@WEAPON", 0)
_PERSONS_SLOT = _make_slot("@PERSONS", 0)

_PROTEST_CODES = {"PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST",
                  "VIOL_DEMONSTR"}
_REMOTE = {"AIR_STRIKE", "ART_MISS_ATTACK", "REM_EXPLOS", "SUIC_BOMB", "GRENADE", "CHEM_WEAP"}
_NOT_CONFLICT_CODES = {c for c, l in CASE2021_LABELS.items() if l == NOT_CONFLICT}
_CIVILIAN_VICTIMS = {"civilian", "villager", "resident", "worshipper", "worshiper", "passenger",
                     "student", "pupil", "child", "woman", "farmer", "herder", "shopper",
                     "pilgrim", "journalist", "teacher", "family", "mourner", "schoolchild",
                     "schoolgirl", "schoolboy", "christian", "muslim", "refugee", "migrant"}
_CASUALTY_VERBS = {"kill", "injure", "wound", "die", "hurt", "maim", "leave", "cause"}
_REACTION_VERBS = {"condemn", "denounce", "deplore", "criticise", "criticize", "investigate",
                   "mourn", "commemorate", "mark", "remember", "probe", "decry", "slam"}
_BACKGROUND_MARKS = {"after", "following", "amid", "amidst", "since", "because", "before",
                     "despite", "wake", "response", "retaliation", "revenge", "over"}


def _near(hits: Iterable[_Hit], code: str, sent: int, window: int) -> bool:
    return any(h.code == code and abs(h.sent - sent) <= window for h in hits)


def _tok_forms(tok) -> set[str]:
    return {tok.lower_, tok.lemma_.lower()}


def _doer_head(verb):
    """Head token of the doer of ``verb``: its active subject or its passive ``by`` agent (a
    passive subject is the victim, not the doer).  None when there is none."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj", "expl"):
            return c
    for c in verb.children:
        if c.dep_ == "agent":
            return next((x for x in c.children if x.dep_ == "pobj"), c)
    if verb.head is verb:
        return None
    # conjoined verbs share the subject of the first conjunct; "X attacked ..., killing 12
    # soldiers": the participle shares the main verb's subject
    if verb.dep_ == "conj" or (verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG"):
        return _doer_head(verb.head)
    # "Unidentified militants killed ..." mis-parsed as a reduced relative clause (acl); climb
    # out of nested ones ("Soldiers backed by militias seized ...")
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and (
            verb.tag_ == "VBD" or any(c.dep_ == "dobj" for c in verb.children)):
        n = verb.head
        for _ in range(4):
            p = n.head
            if n.dep_ == "pobj" and p.dep_ in ("agent", "prep") and p.head.dep_ == "acl" \
                    and p.head.head.pos_ in ("NOUN", "PROPN"):
                n = p.head.head
            else:
                break
        return n
    return None


def _subject_tokens(verb) -> set[int]:
    """Token indices of the doer's phrase of ``verb`` (see ``_doer_head``)."""
    d = _doer_head(verb)
    if d is None:
        return set()
    if d.i < verb.i and verb in d.subtree:  # a reduced relative: the noun phrase before it
        return {t.i for t in d.subtree if t.i < verb.i}
    return {t.i for t in d.subtree}


def _reporting_tokens(sent) -> set[int]:
    """Tokens of the source attributions ("police said", "according to security officials")."""
    out: set[int] = set()
    for t in sent:
        if t.lemma_.lower() in _SPEECH and t.pos_ in ("VERB", "AUX"):
            for c in t.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    out.update(x.i for x in c.subtree)
        if t.lower_ == "according":
            out.update(c.i for c in t.subtree)
        if t.lower_ in _SOURCE_HEADS:
            out.update(x.i for x in t.subtree)
    return out


def _governing_verb(tok):
    """The verb a trigger token belongs to (itself, or the verb its noun phrase hangs on)."""
    t = tok
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head is t:
            return t
        t = t.head
    return t


def _armed_target(doc, hit: _Hit) -> bool:
    """Does the sentence of an attack name armed forces other than the attacker (and other than
    the sources quoted)?  Then the attack is an armed clash, not violence against civilians."""
    sent = doc[hit.tok_start].sent
    excluded = set(range(hit.tok_start, hit.tok_end))
    if _is_parsed(doc):
        root = doc[hit.tok_start:hit.tok_end].root
        verb = _governing_verb(root)
        if root.pos_ in ("VERB", "AUX") or root.dep_ == "nsubj":
            excluded |= _subject_tokens(verb)
        # "Taliban attacks", "IS's attack": modifiers of a noun trigger are the attacker
        for c in root.children:
            if c.dep_ in ("compound", "poss", "amod", "nmod"):
                excluded.update(x.i for x in c.subtree)
        if root.dep_ == "nsubj":  # "gunmen" as trigger: its noun phrase is the attacker
            excluded.update(x.i for x in root.subtree)
        excluded |= _reporting_tokens(sent)
        # the doers of every verb above the trigger, and of the sentence's main verb
        x = root
        for _ in range(10):
            if x.pos_ in ("VERB", "AUX"):
                excluded |= _subject_tokens(x)
            if x.head is x:
                break
            x = x.head
        for t in sent:
            if t.dep_ == "ROOT":
                excluded |= _subject_tokens(t)
    if _is_parsed(doc):
        # "executed five civilians they accused of spying for the army": explicit civilian
        # victims of the trigger verb make it an attack whatever else the sentence names
        verb = _governing_verb(doc[hit.tok_start:hit.tok_end].root)
        for c in verb.children:
            if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _CIVILIAN_VICTIMS:
                return False
    for t in sent:
        if t.i in excluded:
            continue
        low = t.lower_
        if low in ("post", "posts") and not any(
                x.lower_ in ("police", "army", "military", "security", "border", "observation")
                for x in t.lefts):
            continue
        if low == "security" and t.head.lower_ not in ("forces", "personnel", "force", "post",
                                                       "posts", "checkpoint", "guards"):
            continue
        if low in ("camp", "camps", "base", "bases", "unit", "units") and any(
                x.lower_ in ("refugee", "refugees", "displaced", "idp", "idps", "customer",
                             "fan", "care", "housing", "migrants", "displacement")
                for x in t.subtree):
            continue
        if low == "position" or low == "positions":
            if not any(x.lower_ in ("defence", "defense", "military", "army", "enemy", "their",
                                    "its", "rebel", "government", "forward")
                       for x in t.lefts):
                continue
        if _slot_matches(_ARMED_SLOT, _Tok(t)):
            return True
    return False


def _side_of_words(words: set[str]) -> Optional[str]:
    nonstate = bool(words & _NONSTATE_WORDS)
    gov = bool(words & _GOV_WORDS)
    if nonstate and not gov:
        return "nonstate"
    if gov and not nonstate:
        return "gov"
    return None


def _armed_victims(doc, hit: _Hit) -> bool:
    """For a bare casualty word ("were killed", "died"): are the victims armed forces?"""
    if not _is_parsed(doc):
        return False
    verb = _governing_verb(doc[hit.tok_start:hit.tok_end].root)
    for c in verb.children:
        if c.dep_ in ("nsubjpass", "nsubj"):
            if any(_slot_matches(_ARMED_SLOT, _Tok(t)) and t.lower_ not in ("security", "post")
                   for t in c.subtree):
                return True
    return False


def _state_bomber(doc, hit: _Hit) -> bool:
    """Is a bare "bomb/bombed/bombing" done by a state's forces (its doer, or the nationality
    or army modifying the noun)?  Then it is an air strike, not an IED."""
    if not _is_parsed(doc):
        return False
    root = doc[hit.tok_start:hit.tok_end].root
    words: set[str] = set()
    norp = False
    toks = []
    if root.pos_ in ("VERB", "AUX"):
        toks = [doc[i] for i in _subject_tokens(root)]
    else:
        for c in root.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod"):
                toks.extend(c.subtree)
            if c.dep_ == "prep" and c.lower_ == "by":
                toks.extend(c.subtree)
    for t in toks:
        words |= _tok_forms(t)
        norp = norp or t.ent_type_ == "NORP" or t.ent_type_ == "GPE"
    if words & _NONSTATE_WORDS or "suicide" in words:
        return False
    return bool(words & (_GOV_WORDS | {"forces", "warplanes", "jets", "aircraft", "planes"})) or norp


def _is_verb_hit(doc, hit: _Hit) -> bool:
    return _is_parsed(doc) and doc[hit.tok_start:hit.tok_end].root.pos_ == "VERB"


def _is_passive(doc, hit: _Hit) -> bool:
    """"was caught", "were detained": the subject is who it happened to, not who did it."""
    root = doc[hit.tok_start:hit.tok_end].root
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in root.children)


def _actor_side(doc, hit: _Hit, after: bool = False) -> Optional[str]:
    """'gov' or 'nonstate' from the doer of a territorial verb (subject or ``by`` agent): the
    head noun of the subject first ("Soldiers backed by militias" → gov, "Turkish-backed rebel
    fighters" → nonstate), then its modifiers, then the whole phrase.  ``after``: the doer
    follows the trigger ("the town fell to the insurgents")."""
    sent = doc[hit.tok_start].sent
    if after:
        words = set()
        for t in doc[hit.tok_start:hit.tok_end]:
            words |= _tok_forms(t)
        return _side_of_words(words)
    idx: set[int] = set()
    if _is_parsed(doc):
        verb = _governing_verb(doc[hit.tok_start:hit.tok_end].root)
        hd = _doer_head(verb)
        for _ in range(3):  # "The army said it had retaken ...": the pronoun's antecedent
            if hd is None or hd.pos_ != "PRON" or verb.head is verb:
                break
            verb = verb.head
            hd = _doer_head(verb)
        if hd is not None:
            side = _side_of_words(_tok_forms(hd))
            if side:
                return side
            mods: set[str] = set()
            for c in hd.children:
                if c.dep_ in ("compound", "amod", "poss", "nmod"):
                    for x in c.subtree:
                        mods |= _tok_forms(x)
            if "rebel" in mods or "rebels" in mods or "opposition" in mods:
                return "nonstate"
            side = _side_of_words(mods)
            if side:
                return side
        idx = _subject_tokens(verb)
    if not idx:  # no parse or no subject: the clause to the left of the trigger
        idx = {t.i for t in sent if t.i < hit.tok_start}
    words: set[str] = set()
    for i in idx:
        words |= _tok_forms(doc[i])
    nonstate = bool(words & _NONSTATE_WORDS)
    gov = bool(words & _GOV_WORDS)
    backed = any(w.endswith("backed") for w in words)
    if nonstate and ({"rebel", "rebels", "opposition"} & words or backed or not gov):
        return "nonstate"
    if gov:
        return "gov"
    return None


_REGAIN_RE = re.compile(r"\b(re-?captur|regain|retook|retake|retaken|restor|liberat|reconquer|"
                        r"(took|taken|take|seized|won|win) back)", re.I)


def _territory_object_ok(doc, hit: _Hit) -> bool:
    """'captured the town' yes, 'captured a commander in the town' no: the place must be the
    object of the verb (possibly through "parts of", "control of", a conjunction)."""
    if not _is_parsed(doc):
        return True
    span = doc[hit.tok_start:hit.tok_end]
    if any(t.lower_ in ("control", "over", "hands", "centre", "center", "pocket", "free") for t in span):
        return True
    verb = span[0]
    if any(c.dep_ == "nsubjpass" and _slot_matches(_PLACE_SLOT, _Tok(c)) for c in verb.children):
        return True
    for t in reversed(span):
        if not _slot_matches(_PLACE_SLOT, _Tok(t)):
            continue
        x = t
        for _ in range(8):
            if x.i == verb.i:
                return True
            if x.dep_ == "pobj" and x.head.lower_ not in ("of", "into", "towards", "toward"):
                break
            if x.dep_ in ("nsubj",):
                break
            if x.head is x:
                break
            x = x.head
    return False


def _in_background(doc, hit: _Hit) -> bool:
    """Is the trigger inside an 'after ...', 'amid ...', 'in response to ...' adjunct (the cause or
    the backdrop of the sentence's main event)?"""
    if not _is_parsed(doc):
        return False
    t = doc[hit.tok_start:hit.tok_end].root
    if hit.code in ("ATTACK", "ARMED_CLASH", "REM_EXPLOS") and hit.weight < 0.8 and \
            t.dep_ in ("dobj", "nsubjpass") and t.head.lemma_.lower() in _REACTION_VERBS:
        return True  # "condemned the attack": a reaction to the event, not its report
    for _ in range(10):
        if t.dep_ == "pobj" and t.head.lower_ in _BACKGROUND_MARKS:
            # "were killed after an airstrike": the cause of the casualties is the event
            return _governing_verb(t.head).lemma_.lower() not in _CASUALTY_VERBS
        if t.lower_ in ("wake", "response", "retaliation", "revenge") and t.dep_ == "pobj":
            return True
        if t.dep_ == "pobj" and t.head.lower_ in ("for", "over", "in") and t.head.head.lower_ in _CHARGED:
            return True  # "a commander wanted for the 2019 massacre": the charge, not the event
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS
                                     for c in t.children):
            return t.head.lemma_.lower() not in _CASUALTY_VERBS
        if t.head is t:
            return False
        t = t.head
    return False


_CHARGED = {"wanted", "convicted", "charged", "accused", "tried", "sentenced", "jailed", "indicted",
            "prosecuted", "suspected", "implicated", "guilty"}
_PRONOUN_PERSONS = {"he", "she", "they", "him", "her", "them", "who", "i", "we"}


def _passive_subject_is_person(doc, hit: _Hit) -> bool:
    if not _is_parsed(doc):
        return False
    verb = _governing_verb(doc[hit.tok_start:hit.tok_end].root)
    subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not subj:
        return False
    t = subj[0]
    if t.lower_ in ("that", "which", "who") and verb.dep_ == "relcl":
        t = verb.head
    return (t.lower_ in _PRONOUN_PERSONS or t.ent_type_ == "PERSON"
            or _slot_matches(_PERSONS_SLOT, _Tok(t)) or t.lemma_.lower() in (
                "man", "woman", "boy", "girl", "child", "person", "people", "activist",
                "official", "leader", "member", "son", "daughter", "husband", "wife"))


def _has_object(doc, hit: _Hit) -> bool:
    if not _is_parsed(doc):
        return False
    return any(c.dep_ == "dobj" for t in doc[hit.tok_start:hit.tok_end] for c in t.children)


def _negated(doc, hit: _Hit) -> bool:
    """'No group has claimed ...', 'did not claim ...'."""
    if not _is_parsed(doc):
        return False
    verb = _governing_verb(doc[hit.tok_start:hit.tok_end].root)
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    d = _doer_head(verb)
    return d is not None and any(c.lower_ in ("no", "none") for c in d.children) or (
        d is not None and d.lower_ in ("nobody", "none", "no-one"))


def _is_modifier(doc, hit: _Hit) -> bool:
    """A one-word trigger used as an adjective ("detained activists")."""
    if not _is_parsed(doc) or hit.tok_end - hit.tok_start != 1:
        return False
    t = doc[hit.tok_start]
    return t.dep_ == "amod" or (t.dep_ == "acl" and t.i < t.head.i)


def _weapon_is_modifier(doc, hit: _Hit) -> bool:
    """'seized a rocket-launching site': the weapon word only modifies a place."""
    if not _is_parsed(doc):
        return False
    for t in doc[hit.tok_start:hit.tok_end]:
        if not _slot_matches(_WEAPON_SLOT, _Tok(t)):
            continue
        x = t
        for _ in range(3):
            if x.dep_ not in ("compound", "amod", "npadvmod", "nmod", "dep"):
                break
            x = x.head
            if _slot_matches(_PLACE_SLOT, _Tok(x)) and x.pos_ == "NOUN":
                return True
        return False
    return False


def _relabel(doc, hits: list[_Hit]) -> list[_Hit]:
    """Apply context: vetoes, protest, armed targets, territory actors, industrial explosions."""
    vetoes = [h for h in hits if h.code.startswith("VETO_")]

    def vetoed(h: _Hit) -> bool:
        for v in vetoes:
            target = v.code[5:]
            if target in ("ALL", h.code) and v.start < h.end and h.start < v.end:
                return True
        return False

    hits = [h for h in hits if not h.code.startswith("VETO_") and not vetoed(h)]
    ctx = [h for h in hits if h.code.startswith("CTX_")]
    events = [h for h in hits if not h.code.startswith("CTX_")]
    disrupted = [h for h in events if h.code == "DISR_WEAP"]
    withdrawals = [h.sent for h in events
                   if h.code == "NON_VIOL_TERRIT_TRANSFER" and h.weight >= 0.9]
    out: list[_Hit] = list(ctx)
    # arrests ahead of a planned rally are arrests; at one that is held, an intervention
    held = [c for c in ctx if c.code != "CTX_PROTEST" or _status_of_tokens(doc[c.tok_start:c.tok_end]) == "occurred"]
    for h in events:
        protest = _near(ctx, "CTX_PROTEST", h.sent, 2)
        protest_here = _near(ctx, "CTX_PROTEST", h.sent, 0)
        crowd = _near(ctx, "CTX_CROWD", h.sent, 1)
        code, w = h.code, h.weight
        if code in ("ARREST", "INTER_WEAK") and _is_modifier(doc, h):
            continue  # "the release of detained activists": no arrest here
        if code == "INTER_WEAK":
            if not (protest or crowd):
                continue  # "broke up", "prevented" mean nothing without a demonstration
            code = "PROTEST_WITH_INTER"
        elif code in ("FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR") and not protest and not (
                crowd and code == "FORCE_AGAINST_PROTEST"):
            continue  # stones, "violence", "shot at the crowd" need a demonstration
        if code == "PEACE_PROTEST" and w < 0.5 and not protest:
            continue
        if code in _REMOTE and any(
                (d.start <= h.start and h.end <= d.end)
                or (d.sent == h.sent and d.start < h.start and h.tok_end - h.tok_start == 1)
                for d in disrupted):
            continue  # "grenades were found", "a depot containing grenades": what was seized
        if code == "DISR_WEAP" and _weapon_is_modifier(doc, h):
            continue
        if code == "DISR_WEAP" and w < 0.95 and _actor_side(doc, h) == "nonstate":
            continue  # weapons taken by the attackers are loot of an attack, not disrupted use
        if code == "ABDUCT_PASSIVE":
            if not _passive_subject_is_person(doc, h):
                continue  # "the airport that had been seized by militants"
            code = "ABDUCT_DISSAP"
        if code == "PEACE_PROTEST" and doc.text[h.start:h.end].lower() in (
                "protest", "protests", "protested", "protesting") and any(
                x.code == "DIPLO" and x.weight >= 0.6 and x.sent == h.sent for x in events):
            continue  # "recalled its ambassador in protest at ...", "summoned the envoy to protest"
        if code == "ABDUCT_SEIZE":
            if any(x.code == "ARREST" and x.sent == h.sent for x in events):
                continue
            code = "ABDUCT_DISSAP"
        if code == "ATTRIB":
            if _negated(doc, h):
                continue  # "no group has claimed the attack"
            if any((x.sent < h.sent or (x.sent == h.sent and x.start < h.start and _is_verb_hit(doc, x)))
                   and x.weight >= 0.7 and not x.code.startswith(("ATTRIB", "CTX_")) for x in events):
                w = min(w, 0.6)  # a later claim does not outweigh the event reported first
        if code == "MOB_VIOL" and protest and not re.search(
                r"mob|lynch|vigilant|rival|opposing|counter|duel|rall|protest|march|demonstr|vigil",
                doc.text[h.start:h.end], re.I):
            code, w = "VIOL_DEMONSTR", 0.86
        if protest_here and code in ("NATURAL_DISASTER", "MAN_MADE_DISASTER"):
            if re.search(r"fire|blaze|burn", doc.text[h.start:h.end], re.I):
                code, w = "VIOL_DEMONSTR", 0.84
            else:
                continue  # what the protest is about, not the event
        if code == "ARREST" and _is_verb_hit(doc, h) and not _is_passive(doc, h) and _actor_side(doc, h) == "nonstate":
            code = "ABDUCT_DISSAP"  # "Houthi rebels detained nine UN staff": no authority arrests
        if code == "ARREST" and _near(held, "CTX_PROTEST", h.sent, 1):
            code, w = "PROTEST_WITH_INTER", 0.78
        if code == "PROPERTY_DISTRUCT" and protest:
            code, w = "VIOL_DEMONSTR", 0.86
        if code == "ATTACK" and protest_here:
            if w >= 0.6 and _actor_side(doc, h) == "gov":
                code, w = "FORCE_AGAINST_PROTEST", 0.9  # "police shot dead two people as demonstrators ..."
            else:
                continue  # violence at a demonstration is decided by the protest rules
        if code == "ARMED_CLASH" and protest and h.pid == "fight":
            code, w = "VIOL_DEMONSTR", 0.84
        if code == "MAN_MADE_DISASTER" and w < 0.8 and _has_object(doc, h):
            continue  # "to collapse ISIS control over Mosul": not a building collapsing
        if code == "REM_EXPLOS" and w < 0.8 and _near(ctx, "CTX_INDUSTRIAL", h.sent, 0):
            code, w = "MAN_MADE_DISASTER", 0.8
        if code == "MOB_VIOL" and h.pid == "fight" and any(
                t.lower_ in ("police", "policemen", "troops", "soldiers", "security", "officers")
                for t in doc[h.tok_start].sent if t.i >= h.tok_start):
            if not protest:
                continue  # a crowd fighting the security forces: not mob violence
            code, w = "VIOL_DEMONSTR", 0.86
        if code == "MOB_VIOL" and h.pid == "attack_rally":
            if _actor_side(doc, h) == "gov":
                code, w = "FORCE_AGAINST_PROTEST", 0.9
        if code == "ATTACK" and (_armed_victims(doc, h) if w < 0.5 else _armed_target(doc, h)):
            code, w = "ARMED_CLASH", w + 0.02
        if code == "REM_EXPLOS" and w < 0.8 and re.match(r"bomb(ed|ing|s)?$",
                                                        doc.text[h.start:h.end], re.I):
            if _state_bomber(doc, h):
                code, w = "AIR_STRIKE", 0.72  # "Israeli forces bombed the house"
        if code == "TERRITORY":
            fell = h.pid == "fell"
            if h.pid not in ("advance", "fell") and not _territory_object_ok(doc, h):
                continue
            if any(abs(ws - h.sent) <= 1 for ws in withdrawals):
                code = "NON_VIOL_TERRIT_TRANSFER"  # taken after the other side withdrew
            else:
                side = _actor_side(doc, h, after=fell)
                if side is None:
                    side = "gov" if _REGAIN_RE.search(doc.text[h.start:h.end]) else "nonstate"
                code = "GOV_REGAINS_TERIT" if side == "gov" else "NON_STATE_ACTOR_OVERTAKES_TER"
        out.append(_Hit(code, w, h.start, h.end, h.tok_start, h.tok_end, h.sent, h.source, h.pid,
                        generic=h.code == "ATTACK" and h.weight < 0.8))
    # Killing people outranks burning their houses (ACLED codes the attack, not the damage).
    lethal = {h.sent for h in out if h.code in ("ATTACK", "ARMED_CLASH")
              and re.search(r"kill|massacr|shot|shoot|fire|execut|behead|slaughter", h.source)}
    for h in out:
        if h.code == "PROPERTY_DISTRUCT" and h.sent in lethal:
            h.weight = min(h.weight, 0.55)
        # an abduction during a killing spree is part of the attack
        if h.code == "ABDUCT_DISSAP" and h.sent in lethal:
            h.weight = min(h.weight, 0.6)
    return out


def _dedupe(hits: list[_Hit]) -> list[_Hit]:
    """Among overlapping hits of the same code keep the heaviest (then the longest)."""
    hits = sorted(hits, key=lambda h: (-h.weight, -(h.end - h.start), h.start))
    kept: list[_Hit] = []
    for h in hits:
        if any(k.start < h.end and h.start < k.end and k.code == h.code for k in kept):
            continue
        kept.append(h)
    return sorted(kept, key=lambda h: (h.start, -h.weight))


def _analyse(doc) -> list[_Hit]:
    """All event hits of a parsed text (context markers removed), in text order."""
    hits: list[_Hit] = []
    for si, sent in enumerate(doc.sents):
        hits.extend(_match_sentence(sent, si))
    return [h for h in _dedupe(_relabel(doc, hits)) if not h.code.startswith("CTX_")]


# --------------------------------------------------------------------------------------------
# Event status
# --------------------------------------------------------------------------------------------

_PLAN_VERBS = {"plan", "prepare", "intend", "expect", "aim", "schedule", "mull", "consider",
               "poise", "gear", "propose", "seek", "ready", "mass", "order", "authorize",
               "authorise", "approve", "decide", "plot", "vote"}
_PLAN_NOUNS = {"plan", "planning", "preparation", "countdown", "readiness", "prelude",
               "buildup", "plot", "blueprint", "rehearsal", "intention", "session"}
_PLAN_MODS = {"upcoming", "forthcoming", "planned", "imminent", "impending", "expected",
              "looming", "future", "potential", "possible", "proposed", "anticipated",
              "prospective", "long-awaited", "promised", "likely", "intended", "next",
              "coming", "planning"}
_THREAT_MODS = {"threatened"}
_PLAN_FOR_HEADS = {"detail", "discussion", "talk", "strategy", "meeting", "session", "request",
                   "call", "push", "drive", "preparation", "plan", "readiness", "countdown",
                   "ready", "prepare", "preparing", "gear", "brace", "mobilize", "mobilise",
                   "rehearsal", "blueprint", "proposal", "option", "options"}
_THREAT_VERBS = {"threaten", "vow", "warn", "pledge", "promise", "swear", "vowe"}
_THREAT_NOUNS = {"threat", "warning", "ultimatum", "vow", "pledge"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d"}
_POSSIBLE_AUX = {"could", "may", "might"}
_STOP_PREPS = {"after", "following", "since", "over", "amid", "despite", "because", "during",
               "in", "from", "by", "as", "with", "against", "at", "near", "outside", "inside"}
_LINK_PREPS = {"for", "on", "to", "toward", "towards"}
_LEXICAL_PLAN = re.compile(
    r"\b(plan(s|ned|ning)?\s+(to|for|an?|the)|prepar(e|es|ed|ing|ations?)\s+(to|for|an?|the)|"
    r"(is|are|was|were)\s+(expected|set|poised|due|scheduled|about)\s+to|will|going\s+to|"
    r"upcoming|forthcoming|imminent|impending|countdown|planning)\b", re.I)
_LEXICAL_THREAT = re.compile(
    r"\b(threat(en|ens|ened|ening)?|vow(s|ed|ing)?|warn(s|ed|ing)?|pledg(e|es|ed|ing)|"
    r"swore|sworn)\b", re.I)


def _realis_clause(t) -> bool:
    """A finite past/perfect verb with no modal: a reported fact ("warned that X killed ...")."""
    if t.pos_ not in ("VERB", "AUX"):
        return False
    modal = any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in t.children)
    if modal:
        return False
    return t.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have"
                                  for c in t.children)


def _cue_status(x, above_trigger: bool) -> Optional[Status]:
    """Status cue carried by token ``x`` of the trigger's chain (or by its modifiers)."""
    lem = x.lemma_.lower()
    low = x.lower_
    found: Optional[Status] = None
    if above_trigger:
        if lem in _THREAT_VERBS or lem in _THREAT_NOUNS or low in ("threats", "warnings"):
            return "threatened"
        if lem in _PLAN_VERBS or lem in _PLAN_NOUNS or low in ("plans", "preparations"):
            found = "planned"
        if low in ("poised", "ready", "about", "set", "due", "scheduled") and any(
                c.dep_ == "xcomp" for c in x.children):
            found = "planned"
    if x.pos_ in ("VERB", "AUX"):
        for c in x.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX | _POSSIBLE_AUX:
                found = "planned"  # "will strike", "could launch an offensive": not (yet) done
        if low == "going" and any(c.dep_ == "xcomp" for c in x.children):
            found = "planned"
    for c in x.children:
        if above_trigger and c.dep_ in ("acomp", "attr") and c.lower_ in _PLAN_MODS:
            found = "planned"  # "an attack is imminent"
        if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX"):
            kids = {k.lower_ for k in c.children if k.dep_ in ("aux", "auxpass")}
            if c.lemma_.lower() in _PLAN_VERBS and ("being" in kids or c.tag_ == "VBG"):
                found = "planned"  # "the slaughter being prepared against Raqqa"
            elif "to" in kids and ("be" in kids or c.tag_ == "VBN"):
                found = "planned"  # "an operation to be conducted"
        if c.dep_ in ("amod", "compound", "nmod", "acl"):
            cl = c.lower_
            if cl in _THREAT_MODS and c.dep_ != "acl":
                return "threatened"
            if cl in _PLAN_MODS and c.dep_ != "acl":
                found = "planned"
            if c.lemma_.lower() in ("plan", "planning", "preparation") and c.dep_ != "acl":
                found = "planned"
    return found


def _status_of_tokens(trig) -> Status:
    """Status of a trigger (a spaCy Span) from the dependency parse: climb from the trigger to
    the verbs that govern it, looking for future auxiliaries (will, would), verbs and nouns of
    planning (plan, prepare, expect, preparations, countdown), modifiers (upcoming, imminent)
    and verbs of threat (threaten, vow, warn).  The climb stops at a reported fact (a finite
    past-tense clause) and at adjuncts of cause or time ("after", "for the strike" under
    "retaliate"), which name an event that has happened."""
    doc = trig.doc
    if not _is_parsed(doc):
        sent = trig.sent if doc.has_annotation("SENT_START") else doc[:]
        return _lexical_status(sent.text, trig.start_char - sent.start_char)
    tok = trig.root
    chain = [tok]
    plan_for = False
    t = tok
    for _ in range(12):
        h = t.head
        if h is t:
            break
        if t.dep_ in ("nsubj", "nsubjpass") and any(
                _realis_clause(v) and v.lemma_.lower() not in _PLAN_VERBS | _THREAT_VERBS
                for v in [h] + [c for c in h.children if c.dep_ == "conj"]):
            # "The attack ... killed 20 people": the event did something, so it happened
            break
        if t.dep_ == "pobj" and h.lower_ in _STOP_PREPS:
            break
        if t.dep_ == "pobj" and h.lower_ in _LINK_PREPS:
            # "planning sessions for the attacks", "countdown to the offensive", "plans for an
            # offensive": the word the preposition hangs on decides (with its object), no higher.
            hh = h.head
            if hh.lemma_.lower() in ("retaliate", "revenge", "avenge", "punish", "respond",
                                     "response", "retaliation", "blame", "responsibility",
                                     "condemn", "apologize", "apologise", "compensate"):
                break
            if h.lower_ == "for" and hh.lemma_.lower() in _PLAN_FOR_HEADS:
                plan_for = True  # "the details for a massive assault", "talks for a truce"
            chain.append(hh)
            chain.extend(c for c in hh.children
                         if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and c.i != h.i)
            break
        if t.dep_ in ("ccomp", "conj", "advcl", "relcl", "parataxis", "acl") and _realis_clause(t):
            break
        if t.dep_ in ("relcl", "advcl", "acl", "conj") and not any(
                c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in t.children):
            if t.dep_ != "conj" or t.pos_ in ("VERB", "AUX"):
                break
        chain.append(h)
        t = h
    status: Status = "planned" if plan_for else "occurred"
    for i, x in enumerate(chain):
        cue = _cue_status(x, above_trigger=i > 0)
        if cue == "threatened":
            return "threatened"
        if cue == "planned":
            status = "planned"
    return status


def _lexical_status(sentence: str, pos: int) -> Status:
    """Fallback without a parse: cue words in the clause before the trigger."""
    left = sentence[max(0, pos - 60):pos]
    left = re.split(r"[;:.!?]|\b(?:but|while|after|since)\b", left)[-1]
    if _LEXICAL_THREAT.search(left):
        return "threatened"
    if _LEXICAL_PLAN.search(left):
        return "planned"
    return "occurred"


def _as_doc_and_offset(parsed):
    """(Doc, char offset of ``parsed`` in it) for a Doc or a Span."""
    doc = getattr(parsed, "doc", parsed)
    if doc is parsed:
        return doc, 0
    return doc, parsed.start_char


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
        count[h.code] = count.get(h.code, 0) + 1
        if h.code not in best or s > best[h.code][0] + 1e-9:
            best[h.code] = (s, h)
    # the best hit per code, a small bonus for repeated evidence, earlier first on ties
    ranked = sorted(best.items(), key=lambda kv: (-(kv[1][0] + 0.01 * min(count[kv[0]] - 1, 3)),
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
    return EventType(label_of(code), conf, doc.text[h.start:h.end], (h.start, h.end), code)


def _learned(doc, code: str, sent: int) -> Optional[tuple[str, float]]:
    """The learned classifier's (code, probability) where it overrides the rules' ``code``."""
    from .subtype_blend import blend, window

    got = blend(label_of(code), window([s.text for s in doc.sents], sent))
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
    sents = list(doc.sents)
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
            out.append(EventMention(label_of(code), status, doc.text[h.start:h.end],
                                    (h.start, h.end), (sent.start_char, sent.end_char),
                                    round(h.weight, 3), code, main=h is main_hit))
    out.sort(key=lambda m: m.trigger_span)
    if main_first:
        out.sort(key=lambda m: not m.main)  # stable: the rest stay in text order
    return out


__all__ = ["CASE2021_LABELS", "EventMention", "EventType", "LABELS", "classify_event",
           "event_status", "find_event_mentions", "get_nlp", "label_of"]
