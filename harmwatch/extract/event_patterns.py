"""The event-trigger pattern language and its rules (``data/patterns/event_rules.txt``):
tokens matched against slots, giving a hit per rule match (code, weight, span, pattern id).

Rules are filed by their first slot (``_FirstSlotIndex``), so a sentence is only tried against
the rules its tokens can start: the same hits as trying every rule at every token, ~20 times
faster (issue 10; measured in docs/performance.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

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
        if slot.prefixes and f.startswith(slot.prefixes):  # one C call over the tuple
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


class _FirstSlotIndex:
    """Which rules a token can start, by table lookups instead of trying every rule at every
    token: each rule is filed under its first slot's words, prefixes, entity types and cased
    texts (a rule's first slot is never skipped, so a match must start at such a token)."""

    def __init__(self, rules: Sequence[_Rule]):
        self.exact: dict[str, list[int]] = {}
        self.prefix: dict[str, list[int]] = {}
        self.ent: dict[str, list[int]] = {}
        self.cased: dict[str, list[int]] = {}
        self.lower: dict[str, list[int]] = {}
        for n, rule in enumerate(rules):
            first = rule.slots[0]
            for table, keys in ((self.exact, first.exact), (self.prefix, first.prefixes),
                                (self.ent, first.ents), (self.cased, first.cased),
                                (self.lower, first.lower_only)):
                for key in keys:
                    table.setdefault(key, []).append(n)
        self.prefix_lengths = sorted({len(p) for p in self.prefix})

    def rules_at(self, t: _Tok) -> set[int]:
        """Indices of the rules whose first slot matches ``t`` (as :func:`_slot_matches`)."""
        found: set[int] = set()
        for f in t.forms:
            found.update(self.exact.get(f, ()))
            for n in self.prefix_lengths:
                if n > len(f):
                    break
                found.update(self.prefix.get(f[:n], ()))
        found.update(self.ent.get(t.ent, ()))
        found.update(self.cased.get(t.text, ()))
        found.update(self.lower.get(t.forms[0], ()))
        return found


_INDEX = _FirstSlotIndex(_RULES)


def _match_sentence(sent, sent_idx: int) -> list[_Hit]:
    """Every rule match in the sentence, rule by rule in file order, then by start token."""
    toks = _sentence_tokens(sent)
    starts = sorted((n, k) for k, t in enumerate(toks) for n in _INDEX.rules_at(t))
    hits: list[_Hit] = []
    for n, k in starts:
        rule = _RULES[n]
        end = _match_from(rule.slots, toks, 1, k + 1)
        if end is None:
            continue
        a, b = toks[k], toks[end - 1]
        hits.append(_Hit(rule.code, rule.weight, a.start, b.end, a.i, b.i + 1, sent_idx,
                         rule.source, pid=rule.pid))
    return hits
