"""The model's attribute ruler and lemmatizer, computed the same way at a fraction of the cost.

Why: in ``en_core_web_sm`` the attribute ruler's first 56 patterns are its tag map (one
``{"TAG": x}`` pattern per tag, giving POS and morphology), and every token matches one of
them. spaCy applies each match in Python, token by token, and the rule lemmatizer then sets
every lemma in Python too: together about a fifth of the parse of a conflict article. Here
the tag map is a table applied to the whole Doc at once (``Doc.to_array``/``from_array``),
the remaining patterns (word exceptions, dependency conditions) are tried only on tokens
with a value they require (the two regular expressions on every token), and lemmas come
from the model's own lemmatizer, memoised on what it reads (ORTH, POS, MORPH: the key of
its own cache) and written at once.

The result is the model's, attribute for attribute (``tests/test_tag_attrs.py`` compares
every token of the samples and of evaluation texts; 582k tokens of every eval set and the
bench corpus were compared when it was written). The split needs the tag map to come first,
to set only POS and MORPH, and the exceptions to test only a token's tag, word, dependency
or whitespace with equality, IN, NOT_IN or REGEX: :func:`split_patterns` checks that when
the pipeline is built, and the pipeline keeps spaCy's components if not.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import AttributeRuler
from spacy.pipeline.lemmatizer import Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs

_TAG_MAP_ATTRS = {"POS", "MORPH"}
_READABLE = {"TAG", "LOWER", "DEP", "IS_SPACE"}
"""What an exception may test: attributes the tag map and the exceptions do not set (an
exception setting TAG or DEP is applied after every match is found, as spaCy does)."""


def split_patterns(patterns: list[dict]) -> Optional[tuple[list[dict], list[dict]]]:
    """(tag map, exceptions) when the ruler's patterns start with a tag map and the rest are
    patterns :class:`Exceptions` reads exactly, else None."""
    n = 0
    while n < len(patterns) and _is_tag_map_entry(patterns[n]):
        n += 1
    rest = patterns[n:]
    if not n or not all(_readable(p) for p in rest):
        return None
    return patterns[:n], rest


def _is_tag_map_entry(p: dict) -> bool:
    toks = p["patterns"]
    return (len(toks) == 1 and len(toks[0]) == 1 and set(toks[0][0]) == {"TAG"}
            and isinstance(toks[0][0]["TAG"], str) and p.get("index", 0) == 0
            and set(p["attrs"]) <= _TAG_MAP_ATTRS)


def _readable(p: dict) -> bool:
    return all(
        key in _READABLE and (isinstance(value, (str, bool)) or (
            isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN", "REGEX"}))
        for alt in p["patterns"] for tok in alt for key, value in tok.items())


Test = Callable[[tuple], bool]
_COLUMN = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}


def _test(key: str, value) -> Test:
    """One condition of a Matcher token pattern, as spaCy's Matcher reads it, on a token's
    (tag, lower, dep, is_space) values."""
    col = _COLUMN[key]
    if not isinstance(value, dict):
        return lambda t: t[col] == value
    op, arg = next(iter(value.items()))
    if op == "IN":
        allowed = frozenset(arg)
        return lambda t: t[col] in allowed
    if op == "NOT_IN":
        banned = frozenset(arg)
        return lambda t: t[col] not in banned
    rx = re.compile(arg)
    return lambda t: rx.search(t[col]) is not None


_MAX_PLANS = 1 << 18
"""Memoised token plans kept at most (distinct tag, word, dependency and space ids)."""


class Exceptions:
    """The attribute ruler's patterns after its tag map: a hundred-odd tests on a word, its
    tag or its dependency, each indexed by a value its first token requires, in the ruler's
    order."""

    def __init__(self, vocab, patterns: list[dict]):
        self.rules = []  # (alternatives as lists of token tests, normalised attrs, index)
        self.index: dict[tuple[int, object], list[int]] = {}  # (column, value) -> rules
        self.general: list[int] = []  # rules with no required value (regular expressions)
        for n, p in enumerate(patterns):
            alts = [[[_test(k, v) for k, v in tok.items()] for tok in alt] for alt in p["patterns"]]
            self.rules.append((alts, normalize_token_attrs(vocab, p["attrs"]), p.get("index", 0)))
            keys = [k for k in (_required(alt[0]) for alt in p["patterns"]) if k]
            if len(keys) == len(p["patterns"]):
                for col, values in keys:
                    for value in values:
                        self.index.setdefault((col, value), []).append(n)
            else:
                self.general.append(n)
        self.candidates: dict[tuple, list[int]] = {}
        self.plans: dict[tuple, tuple[list[tuple[int, int]], list[tuple[int, list, int]]]] = {}
        self.values: dict[tuple, tuple] = {}  # (TAG, LOWER, DEP, IS_SPACE) ids -> the values read

    def _candidates(self, t: tuple) -> list[int]:
        got = self.candidates.get(t)
        if got is None:
            rules = set(self.general)
            for col, value in enumerate(t):
                rules.update(self.index.get((col, value), ()))
            got = self.candidates[t] = sorted(rules)
        return got

    def _values(self, row: tuple, strings) -> tuple:
        """A token's (tag, lower, dep, is_space) from its attribute ids, looked up once."""
        got = self.values.get(row)
        if got is None:
            tag, lower, dep, space = row
            got = self.values[row] = (strings[tag], strings[lower], strings[dep], bool(space))
        return got

    def _plan(self, row: tuple, strings) -> tuple[list[tuple[int, int]], list[tuple[int, list, int]]]:
        """For a token's attribute ids: (rule, index) of each one-token alternative its values
        match, and the longer alternatives whose first token they match. Memoised like
        ``_candidates``: a token's tests read its values alone (most alternatives are one
        token; the longer ones only test the tokens after it at each occurrence)."""
        got = self.plans.get(row)
        if got is None:
            if len(self.plans) >= _MAX_PLANS:  # a long-running process reads many words
                self.plans.clear()
                self.values.clear()
            t = self._values(row, strings)
            singles, longer = [], []
            for n in self._candidates(t):
                alts, _, index = self.rules[n]
                for alt in alts:
                    if not all(test(t) for test in alt[0]):
                        continue
                    if len(alt) > 1:
                        longer.append((n, alt, index))
                    else:
                        singles.append((n, index))
            got = self.plans[row] = (singles, longer)
        return got

    def __call__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        rows = [tuple(r) for r in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]
        found = []  # (rule, token), applied in the ruler's order once all are found
        for i, row in enumerate(rows):
            singles, longer = self._plan(row, strings)
            for n, index in singles:
                found.append((n, i, i + 1 + index if index < 0 else i + index))
            for n, alt, index in longer:
                if i + len(alt) <= len(rows) and all(
                        all(test(self._values(rows[i + k], strings)) for test in alt[k])
                        for k in range(1, len(alt))):
                    found.append((n, i, i + len(alt) + index if index < 0 else i + index))
        for n, _, target in sorted(found):
            set_token_attrs(doc[target], self.rules[n][1])


def _required(token: dict) -> Optional[tuple[int, list]]:
    """A (column, values) a token pattern requires one of, to index it by: the word first."""
    for key in ("LOWER", "DEP", "TAG", "IS_SPACE"):
        value = token.get(key)
        if isinstance(value, (str, bool)):
            return _COLUMN[key], [value]
        if isinstance(value, dict) and "IN" in value:
            return _COLUMN[key], list(value["IN"])
    return None


class TagAttrs:
    """Tag map as a table, exceptions on the words they name, lemmas memoised."""

    def __init__(self, nlp: Language, tag_map: list[dict], exceptions: list[dict], lemmatizer: Lemmatizer):
        vocab = nlp.vocab
        self.table: dict[int, dict[int, int]] = {}  # tag hash -> {attr: value}; later entries win
        for p in tag_map:
            tag = vocab.strings.add(p["patterns"][0][0]["TAG"])
            got = self.table.setdefault(tag, {})
            if "POS" in p["attrs"]:
                got[POS] = POS_IDS[p["attrs"]["POS"]]
            if "MORPH" in p["attrs"]:
                got[MORPH] = vocab.morphology.add(p["attrs"]["MORPH"])
        self.exceptions = Exceptions(vocab, exceptions)
        self.lemmatizer = lemmatizer
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        self._tag_map(doc)
        self.exceptions(doc)
        self._lemmas(doc)
        return doc

    def _tag_map(self, doc: Doc) -> None:
        cols = doc.to_array([TAG, POS, MORPH])
        for i, tag in enumerate(cols[:, 0].tolist()):
            got = self.table.get(tag)
            if got:
                if POS in got:
                    cols[i, 1] = got[POS]
                if MORPH in got:
                    cols[i, 2] = got[MORPH]
        doc.from_array([POS, MORPH], numpy.ascontiguousarray(cols[:, 1:]))  # type: ignore[arg-type]

    def _lemmas(self, doc: Doc) -> None:
        cols = doc.to_array([ORTH, POS, MORPH, LEMMA])
        strings, lemmas, changed = doc.vocab.strings, self.lemmas, False
        for i, (orth, pos, morph, lemma) in enumerate(cols.tolist()):
            if lemma:
                continue  # set by an exception: the lemmatizer does not overwrite
            key = (orth, pos, morph)
            got = lemmas.get(key)
            if got is None:
                got = lemmas[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            cols[i, 3] = got
            changed = True
        if changed:
            doc.from_array([LEMMA], numpy.ascontiguousarray(cols[:, 3:]))  # type: ignore[arg-type]


@Language.factory("harmwatch_tag_attrs")
def make_tag_attrs(nlp: Language, name: str) -> TagAttrs:
    """Built from the model's own attribute ruler and lemmatizer, which must still be in ``nlp``."""
    ruler, lemmatizer = _model_components(nlp)
    split = split_patterns(ruler.patterns)
    if split is None:
        raise ValueError("the attribute ruler's patterns do not start with a tag map")
    lemmatizer._validate_tables()
    return TagAttrs(nlp, split[0], split[1], lemmatizer)


def replace_in(nlp: Language) -> bool:
    """Swap the model's ``attribute_ruler`` and ``lemmatizer`` for one :class:`TagAttrs`
    in ``nlp`` where their patterns allow it (see the module); whether it did."""
    names = nlp.pipe_names
    if "attribute_ruler" not in names or "lemmatizer" not in names:
        return False
    ruler, lemmatizer = _model_components(nlp)
    if (names.index("lemmatizer") != names.index("attribute_ruler") + 1
            or not isinstance(ruler, AttributeRuler) or not isinstance(lemmatizer, Lemmatizer)
            or lemmatizer.mode != "rule" or lemmatizer.overwrite or split_patterns(ruler.patterns) is None):
        return False
    nlp.add_pipe("harmwatch_tag_attrs", name="tag_attrs", after="lemmatizer")
    nlp.remove_pipe("lemmatizer")
    nlp.remove_pipe("attribute_ruler")
    return True


def _model_components(nlp: Language) -> tuple:
    return nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
