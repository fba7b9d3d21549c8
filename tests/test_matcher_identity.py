"""The spaCy-Matcher path of the event rules gives exactly the hits of the first-match
backtracking matcher it replaced (kept here, small, as the oracle): same rules, same ids, same
token spans, same order, on text written for this project (training/*.tsv passages, the opening
of every training/*.jsonl text, samples/)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from harmwatch.extract import nlp
from harmwatch.extract.event_patterns import _RULES, EXTENSION, _match_sentence, _parse, _expand

ROOT = Path(__file__).resolve().parents[1]
JSONL_CHARS = 200
"""Characters taken from the start of each training/*.jsonl text (keeps the test < 20 s)."""


# ---- the oracle: slots with gaps, tried first-match with backtracking -------------------------
def _slot(alts: frozenset) -> tuple:
    """(words, prefixes, entity types, exact texts, lower-case-only words) of a slot."""
    return (frozenset(a for a in alts if not a.startswith(("%", "=", "^")) and not a.endswith("*")),
            tuple(a[:-1] for a in alts if a.endswith("*") and not a.startswith(("%", "=", "^"))),
            frozenset(a[1:] for a in alts if a.startswith("%")),
            frozenset(a[1:] for a in alts if a.startswith("=")),
            frozenset(a[1:] for a in alts if a.startswith("^")))


def _oracle_rules():
    """(id, code, [(slot, gap, optional)]) read from the same rule file."""
    path = ROOT / "harmwatch" / "data" / "patterns" / "event_rules.jsonl"
    rows = {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    out = []
    for rule in _RULES:
        slots, gaps = _parse(rows[rule.id]["pattern"], rule.id)
        out.append((rule.id, rule.code,
                    [(_slot(_expand(s["_"][EXTENSION]["INTERSECTS"])), g, s.get("OP") == "?")
                     for s, g in zip(slots, gaps)]))
    return out


SKIP = {"-", "–", "—", '"', "“", "”", "'", "‘", "’", "``", "''"}


class _Tok:
    """What the old pattern language looked at in a token (not the new path's token keys)."""

    def __init__(self, t):
        self.i, self.text, self.ent = t.i, t.text, t.ent_type_
        self.lower = t.lower_
        lemma = t.lemma_.lower() if t.lemma_ else self.lower
        self.forms = (self.lower,) if lemma == self.lower else (self.lower, lemma)


def _slot_matches(slot: tuple, t: _Tok) -> bool:
    words, prefixes, ents, cased, lower_only = slot
    return (any(f in words or (prefixes and f.startswith(prefixes)) for f in t.forms)
            or t.ent in ents or t.text in cased or t.lower in lower_only)


def _match_from(slots, toks, si, ti):
    if si == len(slots):
        return ti
    slot, gap, optional = slots[si]
    for g in range(gap + 1):
        j = ti + g
        if j >= len(toks):
            break
        if _slot_matches(slot, toks[j]):
            end = _match_from(slots, toks, si + 1, j + 1)
            if end is not None:
                return end
    if optional:
        return _match_from(slots, toks, si + 1, ti)
    return None


def _starts(rules) -> dict:
    """The oracle's own first-slot filter: words, prefixes, entity types, texts -> rules."""
    index: dict = {}
    for n, (_, _, slots) in enumerate(rules):
        words, prefixes, ents, cased, lower_only = slots[0][0]
        for key in ([("w", w) for w in words] + [("p", p) for p in prefixes]
                    + [("e", e) for e in ents] + [("t", c) for c in cased]
                    + [("l", w) for w in lower_only]):
            index.setdefault(key, set()).add(n)
    return index


def _oracle(sent, rules, index):
    """Every rule its first slot allows at every token, rule by rule, first match per start."""
    toks = [_Tok(t) for t in sent if not (t.is_punct and t.text in SKIP) and not t.is_space]
    starts = set()
    for k, t in enumerate(toks):
        keys = [("w", f) for f in t.forms] + [("e", t.ent), ("t", t.text), ("l", t.lower)]
        keys += [("p", f[:n]) for f in t.forms for n in range(1, len(f) + 1)]
        starts.update((n, k) for key in keys for n in index.get(key, ()))
    out = []
    for n, k in sorted(starts):
        rid, code, slots = rules[n]
        assert _slot_matches(slots[0][0], toks[k])
        end = _match_from(slots, toks, 1, k + 1)
        if end is not None:
            out.append((code, rid, toks[k].i, toks[end - 1].i + 1))
    return out


# ---- the corpus ---------------------------------------------------------------------------
def _texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "training").glob("*.tsv")):
        rows = csv.reader((ln for ln in path.open(encoding="utf-8") if not ln.startswith("#")),
                          delimiter="\t")
        texts.extend(r[-1] for r in rows if r)
    for path in sorted((ROOT / "training").glob("*.jsonl")):
        for ln in path.open(encoding="utf-8"):
            text = json.loads(ln).get("text") if ln.strip() else None
            if text:
                texts.append(text[:JSONL_CHARS])
    for path in sorted((ROOT / "samples").glob("*")):
        if path.is_file() and path.suffix != ".jsonl":
            texts.append(path.read_text(encoding="utf-8"))
        elif path.suffix == ".jsonl":
            texts.extend(json.loads(ln)["text"] for ln in path.open(encoding="utf-8") if ln.strip())
    return texts


@pytest.fixture(scope="module")
def sentences():
    return [(si, s) for doc in nlp.load().pipe(_texts(), batch_size=64)
            for si, s in enumerate(doc.sents)]


def test_matcher_gives_the_hits_of_first_match_backtracking(sentences):
    rules = _oracle_rules()
    index = _starts(rules)
    hits = mismatched = 0
    first_bad = None
    for si, sent in sentences:
        got = [(h.code, h.source, h.tok_start, h.tok_end) for h in _match_sentence(sent, si)]
        want = _oracle(sent, rules, index)
        hits += len(want)
        if got != want:
            mismatched += 1
            first_bad = first_bad or (sent.text, got, want)
    assert len(sentences) > 1500 and hits > 3000  # control: a sizeable corpus with many hits
    assert mismatched == 0, first_bad


def test_an_optional_slot_is_taken_when_present():
    """Control: the one pattern with an optional slot ("?with") matches with and without it,
    and the match from a start is the one the oracle picks."""
    chem = next(r.id for r in _RULES if len(r.variants) == 2)
    rules = _oracle_rules()
    for text, span in (("Trucks filled with chlorine gas were seen.", "filled with chlorine"),
                       ("Drums loaded chlorine were seen.", "loaded chlorine")):
        sent = next(nlp.load()(text).sents)
        got = [h for h in _match_sentence(sent, 0) if h.source == chem]
        assert [sent.doc.text[h.start:h.end] for h in got] == [span]
        assert [(h.tok_start, h.tok_end) for h in got] == [
            (a, b) for _, rid, a, b in _oracle(sent, rules, _starts(rules)) if rid == chem]
