"""Event-trigger rules (``data/patterns/event_rules.jsonl``, described in the README there) matched
with spaCy's ``Matcher``, giving a hit per rule match (code, weight, span, pattern id).

A rule is a spaCy token pattern over the ``hw_keys`` token extension: the keys a token offers
(its lower-case form and lemma, ``prefix*`` keys, ``%ENT``, ``=Text``, ``^lower``) must
intersect a slot's alternatives. spaCy tries every pattern of a Matcher at every token (all
rules in one Matcher measured ~270x slower than the matcher this replaced), so a first-slot
index finds where each rule can start, and each rule has its own Matcher, run only over the
tokens from those starts to the last token offering a key of the rule's last slot (~1.1x).

The Matcher returns every (start, end) a pattern can match; the hits are those of the
first-match backtracking matcher this replaced: with required slots only, the first match found
from a start is the one that ends first, and an optional slot present beats it absent (such a
pattern is split into a "present" and an "absent" variant, tried in that order, see
:func:`_variants`). ``tests/test_matcher_identity.py`` checks this against that matcher.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from . import lexicon

_PATTERNS = Path(__file__).resolve().parents[1] / "data" / "patterns"
EXTENSION = "hw_keys"
"""The token extension the patterns read (a frozenset of keys, see :func:`token_keys`)."""
_USER_DATA = "hw_keys_of_tokens"
"""``Doc.user_data`` entry holding each token's keys in the doc the rules are matched on."""


def _load_classes(path: Path) -> dict[str, tuple[str, ...]]:
    rows = (ln.rstrip("\n").split("\t", 1) for ln in path.open(encoding="utf-8")
            if ln.strip() and not ln.startswith("#"))
    return {name: tuple(alts.split("|")) for name, alts in rows}


CLASSES: dict[str, tuple[str, ...]] = _load_classes(_PATTERNS / "event_classes.tsv")
"""Word classes (``@NAME`` in a pattern), also read by the context checks."""


def _normalise(alt: str) -> str:
    """A class member as a key: words, ``prefix*`` and ``^lower`` keys are lower-case."""
    alt = alt.strip()
    return alt if alt.startswith(("%", "=")) else alt.lower()


def _expand(alts: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for alt in alts:
        if alt.startswith("@"):
            out.update(_normalise(a) for a in CLASSES[alt[1:]] if a.strip())
        elif alt:
            out.add(_normalise(alt))
    return frozenset(out)


@dataclass(frozen=True)
class _Rule:
    id: str
    """Unique, stable pattern id (``event_rules.jsonl``)."""
    code: str
    weight: float
    variants: tuple[tuple[dict[str, Any], ...], ...]
    """spaCy patterns with word classes expanded, in the order their matches are preferred."""
    first: frozenset[str]
    """The first slot's keys (the first-slot index files the rule under them)."""
    last: frozenset[str]
    """The last slot's keys: no match ends past the last token offering one."""
    extent: int
    """The most tokens a match can span."""
    tag: str = ""
    """What the context checks call the pattern ("fight", "fell", ...); "" when none."""
    lethal: bool = False
    """A killing trigger: killings outrank property damage and abductions in the sentence."""


def _slot_keys(spec: dict[str, Any]) -> frozenset[str]:
    return _expand(spec["_"][EXTENSION]["INTERSECTS"])


def _parse(pattern: list[dict[str, Any]], rid: str) -> tuple[list[dict[str, Any]], list[int]]:
    """The slots of a rule pattern and the gap (most skipped tokens) before each."""
    slots: list[dict[str, Any]] = []
    gap_before: list[int] = []
    gap = 0
    for spec in pattern:
        if set(spec) == {"OP"} and slots and not gap:
            lo, _, hi = spec["OP"].strip("{}").partition(",")
            if spec["OP"] != "{0,%s}" % hi or lo != "0" or not hi.isdigit():
                raise ValueError(f"{rid}: a gap is {{\"OP\": \"{{0,N}}\"}}, not {spec}")
            gap = int(hi)
            continue
        if set(spec) - {"_", "OP"} or set(spec.get("_", {})) != {EXTENSION} or \
                set(spec["_"][EXTENSION]) != {"INTERSECTS"} or spec.get("OP", "?") != "?":
            raise ValueError(f"{rid}: unexpected token pattern {spec}")
        slots.append(spec)
        gap_before.append(gap)
        gap = 0
    if gap or not slots:
        raise ValueError(f"{rid}: a pattern starts and ends with a slot")
    return slots, gap_before


def _variants(pattern: list[dict[str, Any]], rid: str) -> tuple[tuple[dict[str, Any], ...], ...]:
    """The pattern with classes expanded; with an optional slot, as [present, absent].

    The backtracking matcher tried an optional slot present before absent and, when absent,
    allowed only the next slot's gap. Preferring "present" whole-pattern is the same choice
    only while every slot before it sits at a fixed place (no gap), which is checked here.
    """
    slots, gap_before = _parse(pattern, rid)
    optional = [i for i, s in enumerate(slots) if s.get("OP") == "?"]
    if optional and (len(optional) > 1 or optional[0] in (0, len(slots) - 1)
                     or any(gap_before[1:optional[0]])):
        raise ValueError(f"{rid}: an optional slot must be the only one, neither first nor "
                         "last, and follow fixed slots")

    def build(keep: Sequence[int]) -> tuple[dict[str, Any], ...]:
        out: list[dict[str, Any]] = []
        for i in keep:  # an absent slot's gap goes with it: the next slot keeps its own
            if gap_before[i] and out:
                out.append({"OP": "{0,%d}" % gap_before[i]})
            out.append({"_": {EXTENSION: {"INTERSECTS": sorted(_slot_keys(slots[i]))}}})
        return tuple(out)

    everything = list(range(len(slots)))
    if not optional:
        return (build(everything),)
    skip = optional[0]
    return build(everything), build([i for i in everything if i != skip])


def _extent(variant: Sequence[dict[str, Any]]) -> int:
    return sum(int(s["OP"].strip("{}").split(",")[1]) if "_" not in s else 1 for s in variant)


def _load_rules(path: Path) -> list[_Rule]:
    rules = []
    for line in path.open(encoding="utf-8"):
        if not line.strip():
            continue
        row = json.loads(line)
        variants = _variants(row["pattern"], row["id"])
        rules.append(_Rule(row["id"], row["code"], float(row["weight"]), variants,
                           _slot_keys(row["pattern"][0]), _slot_keys(row["pattern"][-1]),
                           max(_extent(v) for v in variants),
                           row.get("tag", ""), bool(row.get("lethal", False))))
    if len({r.id for r in rules}) != len(rules):
        raise ValueError(f"{path}: pattern ids are not unique")
    return rules


_RULES: list[_Rule] = _load_rules(_PATTERNS / "event_rules.jsonl")


_MAX_MEMO = 1 << 18
"""Memoised token keys kept at most (distinct word, lemma, text and entity type)."""


class _Keys:
    """Which keys tokens can offer: only keys some pattern or word class uses are kept."""

    def __init__(self, keys: Iterable[str]):
        keys = set(keys)
        self.words = {k for k in keys if not k.startswith(("%", "=", "^")) and not k.endswith("*")}
        self.prefixes = {k[:-1] for k in keys if k.endswith("*") and not k.startswith(("%", "=", "^"))}
        self.cased = {k[1:] for k in keys if k.startswith("=")}
        self.lower_only = {k[1:] for k in keys if k.startswith("^")}
        self.ents = {k[1:] for k in keys if k.startswith("%")}
        self.prefix_lengths = sorted({len(p) for p in self.prefixes})
        self.memo: dict[tuple[str, str, str, str], frozenset[str]] = {}

    def of(self, tok: Token) -> frozenset[str]:
        """The token's keys, memoised on the four attributes they are made of (the same
        words come back in every sentence)."""
        attrs = (tok.lower_, tok.lemma_, tok.text, tok.ent_type_)
        got = self.memo.get(attrs)
        if got is None:
            if len(self.memo) >= _MAX_MEMO:  # a long-running process reads many words
                self.memo.clear()
            got = self.memo[attrs] = self._of(*attrs)
        return got

    def _of(self, lower: str, lemma_: str, text: str, ent_type: str) -> frozenset[str]:
        lemma = lemma_.lower() if lemma_ else lower
        forms = (lower,) if lemma == lower else (lower, lemma)
        out = []
        for f in forms:
            if f in self.words:
                out.append(f)
            for n in self.prefix_lengths:
                if n > len(f):
                    break
                if f[:n] in self.prefixes:
                    out.append(f[:n] + "*")
        if lower in self.lower_only:
            out.append("^" + lower)
        if text in self.cased:
            out.append("=" + text)
        if ent_type in self.ents:
            out.append("%" + ent_type)
        return frozenset(out)


_KEYS = _Keys([k for r in _RULES for v in r.variants for s in v if "_" in s
               for k in s["_"][EXTENSION]["INTERSECTS"]]
              + [k for c in CLASSES for k in _expand(["@" + c])])


def token_keys(tok: Token) -> frozenset[str]:
    """The keys a token offers to the patterns' slots."""
    return _KEYS.of(tok)


def in_class(tok: Token, name: str) -> bool:
    """Whether a token belongs to word class ``name`` (as a ``@NAME`` slot would match it)."""
    return not _class_keys(name).isdisjoint(token_keys(tok))


@lru_cache(maxsize=None)
def _class_keys(name: str) -> frozenset[str]:
    return _expand(["@" + name])


def _keys_getter(tok: Token) -> frozenset[str] | str:
    """A token's keys; a lone key as a string, which spaCy's set predicates test faster."""
    keys = tok.doc.user_data.get(_USER_DATA)
    return keys[tok.i] if keys is not None else _as_value(token_keys(tok))


def _as_value(keys: frozenset[str]) -> frozenset[str] | str:
    return keys if len(keys) > 1 else next(iter(keys), "")


Token.set_extension(EXTENSION, getter=_keys_getter, force=True)


def _first_slot_index(rules: Sequence[_Rule]) -> dict[str, list[int]]:
    """Rules by the keys of their first slot (a match starts at a token offering one)."""
    index: dict[str, list[int]] = {}
    for n, rule in enumerate(rules):
        for key in rule.first:
            index.setdefault(key, []).append(n)
    return index


_INDEX = _first_slot_index(_RULES)


_START = "HW_START"
"""Tag put on the tokens the first-slot index says a rule can start at, while its Matcher runs:
the Matcher's first token checks that tag (a C-level test) instead of the slot again."""


def _anchored(variant: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """A pattern whose first slot, already matched by the index, is the start tag."""
    return [{"TAG": _START}] + list(variant[1:])


@lru_cache(maxsize=4)
def _matchers(vocab: Vocab) -> list[tuple[Matcher, dict[int, int]] | None]:
    """Per rule, a Matcher of its anchored patterns (None for one-slot rules) and the variant
    number of each match id. One Matcher per rule: spaCy tries every pattern of a Matcher at
    every token, which for all rules at once is ~270x slower than the matcher it replaced."""
    out: list[tuple[Matcher, dict[int, int]] | None] = []
    for rule in _RULES:
        if all(len(v) == 1 for v in rule.variants):
            out.append(None)
            continue
        matcher = Matcher(vocab, validate=False)
        order = {}
        for v, pattern in enumerate(rule.variants):
            key = f"{rule.id}#{v}"
            matcher.add(key, [_anchored(pattern)])
            order[vocab.strings[key]] = v
        out.append((matcher, order))
    return out


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
    """The pattern's id (for display and debugging)."""
    pid: str = ""
    """The pattern's tag for context checks (``"tag"`` in the rule file); "" when none."""
    generic: bool = False
    """From a generic trigger (a bare "killed", "attacked", "gunmen"), even if context turned it
    into an armed clash."""
    lethal: bool = False
    """From a killing trigger (``"lethal"`` in the rule file)."""


_SKIP_PUNCT = {"-", "–", "—", '"', "“", "”", "'", "‘", "’", "``", "''"}


def _kept_tokens(sent) -> list[Token]:
    """The tokens patterns see: hyphens, quotes and spaces are invisible to them."""
    return [t for t in sent if not (t.is_punct and t.text in _SKIP_PUNCT) and not t.is_space]


def _match_sentence(sent, sent_idx: int) -> list[_Hit]:
    """Every rule match in the sentence, rule by rule in file order, then by start token."""
    toks = _kept_tokens(sent)
    if not toks:
        return []
    keys = [token_keys(t) for t in toks]
    starts: dict[int, list[int]] = {}
    for k, offered in enumerate(keys):
        for key in offered:
            for n in _INDEX.get(key, ()):
                starts.setdefault(n, []).append(k)
    if not starts:
        return []
    doc: Doc | None = None
    matchers = _matchers(sent.doc.vocab)
    hits: list[_Hit] = []
    for n in sorted(starts):
        rule, found = _RULES[n], matchers[n]
        ks = sorted(set(starts[n]))
        ends = {k: k + 1 for k in ks}  # one-slot rules
        if found is not None:
            stop = _last_end(keys, rule, ks)
            if stop is None:
                continue
            if doc is None:
                doc = Doc(sent.doc.vocab, words=[t.text for t in toks])
                doc.user_data[_USER_DATA] = [_as_value(k) for k in keys]
            ends = _ends(doc, found, ks, stop)
        for k in sorted(ends):
            a, b = toks[k], toks[ends[k] - 1]
            hits.append(_Hit(rule.code, rule.weight, a.idx, b.idx + len(b.text), a.i, b.i + 1,
                             sent_idx, rule.id, pid=rule.tag, lethal=rule.lethal))
    return hits


def _last_end(keys: list[frozenset[str]], rule: _Rule, starts: list[int]) -> int | None:
    """Past the last token the rule's matches from ``starts`` can reach (None: no match)."""
    for p in range(min(len(keys), starts[-1] + rule.extent) - 1, starts[0], -1):
        if not rule.last.isdisjoint(keys[p]):
            return p + 1
    return None


def _ends(doc: Doc, found: tuple[Matcher, dict[int, int]], starts: list[int],
          stop: int) -> dict[int, int]:
    """Where the match from each start ends: the Matcher gives every (start, end) of the rule;
    keep the first variant that matches, then the earliest end."""
    matcher, order = found
    tag = doc.vocab.strings.add(_START)
    for k in starts:
        doc[k].tag = tag
    lo = starts[0]
    best: dict[int, tuple[int, int]] = {}
    try:
        for mid, s, e in matcher(doc[lo:stop], allow_missing=True):
            pick = (order[mid], e)
            if s not in best or pick < best[s]:
                best[s] = pick
    finally:
        for k in starts:
            doc[k].tag = 0
    return {s + lo: e + lo for s, (_, e) in best.items()}


_NAMED = frozenset({"ORG", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"})


def in_a_name(doc, h: _Hit) -> bool:
    """"the police Special Anti-Robbery Squad", "the Mine Action Service": a trigger word
    inside the name of a body or a place names no event."""
    toks = doc[h.tok_start:h.tok_end]
    if not all(t.text[:1].isupper() or not t.is_alpha for t in toks) or toks[0].is_sent_start:
        return False
    ents = {t.ent_type_ for t in toks}
    if len(ents) == 1 and ents <= _NAMED and not any(t.ent_iob_ == "O" for t in toks):
        ent = next(e for e in doc.ents if e.start <= h.tok_start < e.end)
        if len(ent) >= 2 and h.tok_end <= ent.end:
            return True
    # not tagged: a run of capitalised words ending in a kind of body ("Anti-Robbery Squad")
    end = h.tok_end
    while end < len(doc) and (doc[end].text[:1].isupper() or doc[end].text == "-") and not doc[end].is_sent_start:
        if doc[end].lower_ in lexicon.words("body_nouns.txt"):
            return True
        end += 1
    return False

