"""Casualty claims: a figure, who it counts, what happened to them, and who says so.

A figure becomes a claim only when the sentence ties it to an outcome (killed, injured, missing,
displaced): by a cue right after its noun ("21 people were killed"), a verb right before it
("killing at least seven"), a toll it completes ("the death toll rose to 86"), or its place in
the parse (the subject of "died"). Everything else — troops, votes, rockets, years, ages — is
left alone: a missed figure is cheaper than an invented one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span, Token

from ..models import CasualtyClaim
from .attribution import speaker_of
from .lexicon import AFTER_CUES, GROUP_WORDS, HEDGES, MONTHS, OUTCOME_WORDS, SAY_VERBS, TOLL_VERBS, TRANSPARENT_VERBS
from .listed import Listing
from .quantities import Quantity, find_quantities

_SKIP_AFTER = frozenset("more other additional further another".split())
_PARTITIVE = frozenset("them whom those the these which his her their its".split())
_INHERIT = frozenset(["including", "among", "includes", "include", "comprising"])
_BOUNDARY_PUNCT = frozenset([";", ":", "(", ")"])
_SHARED_QUALIFIERS = {
    "at least": lambda n: (n, None), "more than": lambda n: (n, None), "over": lambda n: (n, None),
    "as many as": lambda n: (None, n), "up to": lambda n: (None, n), "nearly": lambda n: (None, n),
    "about": lambda n: (n, n),
}
_CLAUSE_OPENERS = frozenset("when after while because before as where until whereas".split())
_AFTER_WINDOW = 7
_AFTER_SKIP = frozenset(["aged", "suffered", "sustained", "left"])
_BEFORE_WINDOW = 12
_SINGULAR_ONE = frozenset(["a", "an", "one"])
_SINGULAR_GROUPS = frozenset(
    "woman man child boy girl civilian soldier policeman officer person baby infant resident "
    "journalist teenager fighter militant paramedic medic doctor nurse pharmacist teacher farmer "
    "student driver photographer photojournalist engineer worker volunteer toddler youth "
    "fisherman shepherd pilgrim worshipper".split()
)


@dataclass
class _Figure:
    q: Quantity
    first: int  # token index range of the number within the doc
    last: int
    noun: Optional[Token] = None


def _tokens_for(sent: Span, start: int, end: int) -> tuple[int, int]:
    """Doc token indices [first, last] covering sentence-relative chars [start, end)."""
    base = sent.start_char
    toks = [t for t in sent if t.idx < base + end and t.idx + len(t) > base + start]
    return toks[0].i, toks[-1].i


def _is_not_count(sent: Span, fig: _Figure) -> bool:
    """Dates, money, percentages, ages, years, clock times and asides are not head counts."""
    doc = sent.doc
    prev = doc[fig.first - 1] if fig.first > sent.start else None
    nxt = doc[fig.last + 1] if fig.last + 1 < sent.end else None
    if prev is not None and (prev.lower_ in MONTHS or prev.lower_ in ("aged", "age", "ages", "$", "us$", "€", "£", "no.", "number")):
        return True
    if re.search(r"\b(?:No|Nos|no)\.?\s*$", sent.text[: fig.q.number_start]):
        return True  # "Flash Update No. 02"
    q_first = _tokens_for(sent, fig.q.start, fig.q.end)[0]
    if q_first > sent.start and doc[q_first - 1].dep_ == "agent":
        return True  # "attacked by about 50 gunmen": the doers, never the victims
    if nxt is not None and (nxt.lower_ in MONTHS or nxt.text in (":", "%", "-year-old") or nxt.lower_ in ("percent", "per", "%")):
        return True
    if nxt is not None and nxt.text == "-" and fig.last + 2 < sent.end:
        return True  # "two-week offensive", "three-phase election": a compound modifier
    ahead = [t.lower_ for t in doc[fig.last + 1 : min(sent.end, fig.last + 7)]]
    reach = 5 if ahead and ahead[0] in ("or", "to", "-", "–") else 3  # "30 or 31-year-old"
    if any(w in ("year", "years", "-year", "year-old", "month", "months", "months-old", "years-old") for w in ahead[:reach]) and (
        "old" in ahead or any(w.endswith("-old") for w in ahead)
    ):
        return True  # "67 or 68 year old", "40- or 41-year old"
    behind = [t.lower_ for t in doc[max(sent.start, fig.first - 3) : fig.first]]
    if "aged" in behind or "age" in behind:
        return True  # "aged either 40 or 41"
    q_first = _tokens_for(sent, fig.q.start, fig.q.end)[0]
    before_q = doc[q_first - 1] if q_first > sent.start else None
    if before_q is not None and fig.q.qualifier in ("fewer than", "over", "more than") and before_q.lower_ in GROUP_WORDS:
        return True  # "children under 15", "men over 60": an age limit
    if (prev is not None and prev.text == "," and nxt is not None and nxt.text == ","
            and fig.first - 2 >= sent.start and doc[fig.first - 2].pos_ in ("NOUN", "PROPN")):
        return True  # "A shepherd, 15, was wounded": an age in commas
    if _inside_parentheses(sent, fig):
        return True  # "(56)", "(identified as either 65 or 66)": ages and asides
    text = fig.q.text.strip()
    if text.isdigit() and 1900 <= int(text) <= 2100 and fig.q.qualifier == "exact":
        return True  # a year
    return False


def _continues(sent: Span, prev_end: Optional[int], fig: _Figure) -> bool:
    """Only "," or "and" between the previous claim's words and this figure: a list
    ("Among the dead: 4 soldiers, 2 police officers and 9 civilians")."""
    if prev_end is None:
        return False
    q_first = _tokens_for(sent, fig.q.start, fig.q.end)[0]
    gap = sent.doc[prev_end + 1 : q_first]
    return 0 < len(gap) <= 2 and all(t.text in (",", "and") for t in gap)


def _speaks(sent: Span, fig: _Figure) -> bool:
    """"two officials said", "an army officer told AFP": speakers are not victims."""
    heads = [fig.noun] if fig.noun is not None else []
    heads += [t for t in sent.doc[fig.first : fig.last + 1] if t.dep_ == "nsubj"]  # "one of them told"
    for h in heads:
        verb = h.head
        says = {verb.lemma_.lower(), verb.lower_} & (SAY_VERBS | TOLL_VERBS)  # "a doctor put the dead at 30"
        if h.dep_ == "nsubj" and says:
            subtree = list(h.subtree)
            if abs(verb.i - h.i) <= 3 or (
                verb.i == subtree[-1].i + 1 and not any(t.text == "," for t in subtree)
            ):
                return True
    return False


def _inside_parentheses(sent: Span, fig: _Figure) -> bool:
    doc = sent.doc
    opened = None
    for t in doc[sent.start : fig.first]:
        if t.text == "(":
            opened = t.i
        elif t.text == ")":
            opened = None
    if opened is None:
        return False
    inner = []
    for t in doc[opened + 1 : sent.end]:
        if t.text == ")":
            break
        inner.append(t.lower_)
    return not any(w in OUTCOME_WORDS for w in inner)


def _victim_noun(sent: Span, fig: _Figure) -> tuple[Optional[Token], bool]:
    """The noun the figure counts, and whether it is a non-person unit (reject)."""
    doc = sent.doc
    i = fig.last + 1
    skipped = 0
    while i < sent.end and skipped < 4:
        t = doc[i]
        if t.is_punct and t.text in ('"', "“", "”", "'", "‘", "’"):
            i += 1
            continue
        if t.lower_ in _SKIP_AFTER or (t.pos_ in ("ADJ", "ADV") and t.lower_ not in OUTCOME_WORDS) or (
            t.dep_ == "compound" and t.lower_ not in GROUP_WORDS and i + 1 < sent.end and doc[i + 1].pos_ in ("NOUN", "PROPN")
        ) or (
            t.tag_ == "VBN" and t.lower_ not in OUTCOME_WORDS and i + 1 < sent.end and doc[i + 1].pos_ == "NOUN"
        ) or (  # "35 identified civilians" (parsed as a verb modifying the noun)
            t.dep_ == "amod" and t.lower_ not in OUTCOME_WORDS and i + 1 < sent.end and doc[i + 1].pos_ in ("NOUN", "ADJ")
        ) or (
            t.pos_ == "PROPN" and t.lower_ not in GROUP_WORDS and i + 1 < sent.end and doc[i + 1].pos_ in ("NOUN", "PROPN")
        ):
            i += 1
            skipped += 1
            continue
        if t.lower_ == "of" and i + 1 < sent.end:
            # "dozens of civilians", "four of them children", "two of the attackers"
            i += 1
            while i < sent.end and doc[i].lower_ in _PARTITIVE:
                i += 1
            skipped += 1
            continue
        break
    if i >= sent.end:
        return None, False
    t = doc[i]
    if t.lower_ in ("wounds", "wound"):
        return None, True  # "12 gunshot wounds": wounds, not people
    if t.lower_ in OUTCOME_WORDS and i + 1 < sent.end and doc[i + 1].lower_ in GROUP_WORDS:
        return doc[i + 1], False  # "190 wounded civilians": the victims are the noun
    if t.lower_ in GROUP_WORDS or t.lower_ in OUTCOME_WORDS or _is_demonym(t):
        return t, False
    if t.lower_ in ("casualties", "casualty"):
        # only "fatal casualties" says what happened; bare "casualties" mixes dead and hurt
        return (t, False) if doc[i - 1].lower_ == "fatal" else (None, True)
    if _agent_noun(t):
        return t, False  # "two rubber tappers", "six paramilitary rangers": people by their work
    if t.pos_ in ("NOUN", "PROPN") and not t.like_num:
        return t, True
    return None, False


_AGENT = re.compile(r"[a-z]{3,}(?:ers|ists|ians|men|ees)$")
_NOT_AGENTS = frozenset(
    "containers computers papers numbers towers centers chambers helicopters shelters borders "
    "corners orders letters quarters headquarters barriers layers markers trailers tankers "
    "boosters launchers speakers answers matters waters powers members lemons documents "
    "fees degrees trees committees guarantees".split())


def _agent_noun(t: Token) -> bool:
    """A plural noun of a doer ("porters", "tappers", "journalists", "technicians",
    "fishermen"): people, even when the lexicon does not list them."""
    return t.tag_ == "NNS" and bool(_AGENT.fullmatch(t.lower_)) and t.lower_ not in _NOT_AGENTS


def _is_demonym(tok: Token) -> bool:
    """"22 Palestinians", "three Iraqis": people named by nationality."""
    from ..resolve.places import country_from_adjective

    return tok.tag_ in ("NNPS", "NNS") and country_from_adjective(tok.text) is not None


_ARMED_BODIES = frozenset(
    "group groups militia militias faction factions brigade brigades battalion battalions movement "
    "organisation organization cell cells wing front army".split())


def _armed_organisation(members: Token) -> bool:
    """"members of a Yazidi armed group", "of the Islamic State-linked group" (not "of the
    Bardawil family")."""
    for prep in (c for c in members.children if c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            words = {t.lower_ for t in obj.subtree}
            if obj.lower_ in _ARMED_BODIES or "armed" in words or any(
                    GROUP_WORDS.get(w) == "combatants" for w in words):
                return True
    return False


def _group_of(sent: Span, fig: _Figure, previous: Optional[CasualtyClaim]) -> tuple[str, Optional[str]]:
    doc = sent.doc
    noun = fig.noun
    if noun is not None and noun.i > fig.last and any(t.lower_ == "civilian" for t in doc[fig.last + 1 : noun.i]):
        return "civilians", doc[fig.last + 1 : noun.i + 1].text  # "three civilian contractors"
    if noun is not None and noun.lower_ in ("members", "member") and _armed_organisation(noun):
        return "combatants", doc[fig.first : max(t.i for t in noun.subtree) + 1].text
    if noun is not None and noun.lower_ in GROUP_WORDS:
        group = GROUP_WORDS[noun.lower_]
        if noun.lower_ == "others" and previous is not None:
            return previous.group, noun.text  # "killed 70 civilians and wounded 100 others"
        # "civilians and aid workers": mixed groups are just people (a conjunct with its own
        # figure, "10 women and three infants", is a figure of its own)
        conj = [c for c in noun.children if c.dep_ == "conj"
                and not any(g.like_num or g.lower_ in _SINGULAR_ONE for g in c.children)]
        for c in conj:
            if GROUP_WORDS.get(c.lower_, "people") != group:
                return "people", doc[fig.first : c.i + 1].text
        return group, noun.text
    if previous is not None and (noun is None or noun.lower_ in OUTCOME_WORDS):
        return previous.group, None  # "killing seven people ... and wounding 17", "... and seven wounded"
    # bare figure ("toll ... was 56"): a group word modifying the toll ("civilian death toll")
    lo = max(sent.start, fig.first - _BEFORE_WINDOW)
    for t in reversed(list(doc[lo : fig.first])):
        if t.lower_ in GROUP_WORDS and GROUP_WORDS[t.lower_] != "people" and (
            t.pos_ == "ADJ" or t.dep_ in ("amod", "compound")
        ) and (t.head.lower_ in OUTCOME_WORDS or t.head.head.lower_ in OUTCOME_WORDS):
            return GROUP_WORDS[t.lower_], t.text
    return "people", None


MIXED = "killed or injured"
"""Outcome of a figure that counts the dead and the hurt together: no claim (FORMAT.md's
outcomes are one each), but a toll may use it for both (Airwars counts "dozens of martyrs and
wounded" as 12–24 in each range)."""


def _either_outcome(doc, t: Token) -> bool:
    nxt = doc[t.i + 1 : t.i + 3]
    return len(nxt) == 2 and nxt[0].lower_ in ("or", "and") and OUTCOME_WORDS.get(nxt[1].lower_, OUTCOME_WORDS[t.lower_]) != OUTCOME_WORDS[t.lower_]


_STAYING = frozenset("live reside stay remain host house shelter return".split())
_ASIDE_OPENERS = frozenset("among including mostly most many all some".split())
_SENTENCING = frozenset("sentence sentenced sentences condemn condemned condemns".split())


def _cue_after(sent: Span, start: int, stop_at: set[int]) -> Optional[str]:
    doc = sent.doc
    i, end, among, coordinated = start, min(sent.end, start + _AFTER_WINDOW), -1, False
    while i < end:
        t = doc[i]
        if t.text == "," and i + 1 < sent.end and doc[i + 1].lower_ in _ASIDE_OPENERS:
            # "eight people, among them four civilians, were wounded": read on past the aside
            close = next((j for j in range(i + 2, min(sent.end, i + 12)) if doc[j].text == ","), None)
            if close is not None:
                i, end = close + 1, min(sent.end, close + 1 + _AFTER_WINDOW)
                continue
        if t.dep_ == "acl" and t.head.i < t.i and t.tag_ in ("VBG", "VBN") and t.lower_ not in OUTCOME_WORDS:
            # "35 civilians belonging to two families were killed": read past the modifier
            i = max(x.i for x in t.subtree) + 1
            end = min(sent.end, i + _AFTER_WINDOW)
            continue
        if t.lower_ == "among":
            among = i  # "Eleven children were among 16 people killed": the larger figure's cue
        if t.i in stop_at and doc[t.i - 1].lower_ == "and" and not coordinated:
            # "five women and two children were among the dead": one predicate for both figures
            coordinated, end = True, min(sent.end, end + _AFTER_WINDOW)
            i += 1
            continue
        if (t.i in stop_at and not (0 <= among and i - among <= 3)) or t.text in _BOUNDARY_PUNCT or t.text == ",":
            return None
        i += 1
        if _verdict(doc, sent, t):
            return None  # "sentenced 12 soldiers to death": a verdict, not a death
        if t.pos_ == "CCONJ" and t.i + 1 < sent.end and doc[t.i + 1].pos_ in ("VERB", "AUX"):
            return None  # "killed five people and wounded 15": the next predicate is not ours
        if t.lower_ in _AFTER_SKIP:
            continue
        if t.lower_ in OUTCOME_WORDS and t.lower_ != "toll":
            if t.lower_ == "lives":
                if any(w.lemma_.lower() == "lose" for w in doc[max(sent.start, t.i - 3) : t.i]):
                    return "killed"  # "had lost their lives"
                continue
            if _either_outcome(doc, t):
                return MIXED  # "killed or injured": dead and hurt together, a figure of neither
            return OUTCOME_WORDS[t.lower_]
        if t.lower_ in AFTER_CUES:
            return AFTER_CUES[t.lower_]
        idiom = _idiom(doc, t)
        if idiom:
            return idiom
        if t.pos_ == "VERB" and t.lower_ not in TRANSPARENT_VERBS and t.lemma_.lower() not in TRANSPARENT_VERBS:
            return None
    return None


# verb + noun phrases that say what happened: "lost their lives", "sought refuge"
_IDIOMS = {("lose", "lives"): "killed", ("lose", "life"): "killed", ("seek", "refuge"): "displaced",
           ("seek", "shelter"): "displaced", ("take", "refuge"): "displaced"}


_HOME_PLACES = frozenset("home homes village villages town towns city area areas region camp camps district".split())


def _idiom(doc, t: Token) -> Optional[str]:
    for nxt in doc[t.i + 1 : t.i + 3]:
        hit = _IDIOMS.get((t.lemma_.lower(), nxt.lower_))
        if hit:
            return hit
        if t.lemma_.lower() in ("leave", "abandon", "desert") and t.pos_ == "VERB" and (
                nxt.lower_ in _HOME_PLACES or nxt.ent_type_ == "GPE" or nxt.pos_ == "PROPN"):
            return "displaced"  # "forced thousands to leave Ariha", "had left villages"
    return None


def _verdict(doc, sent: Span, t: Token) -> bool:
    """"to death" after "sentenced" / "condemned", "the death penalty": a court's verdict."""
    if t.lower_ not in ("death", "deaths"):
        return False
    if t.i + 1 < sent.end and doc[t.i + 1].lower_ in ("penalty", "sentence", "sentences", "row", "threat", "threats", "warrant"):
        return True
    return t.i > 0 and doc[t.i - 1].lower_ == "to" and any(w.lower_ in _SENTENCING for w in doc[sent.start : t.i])


def _cue_before(sent: Span, fig: _Figure, stop_at: set[int]) -> Optional[str]:
    doc = sent.doc
    first = _tokens_for(sent, fig.q.start, fig.q.end)[0]  # before "as many as", not inside it
    lo = max(sent.start, first - _BEFORE_WINDOW)
    if first - 2 >= sent.start and doc[first - 1].lower_ == "of" and doc[first - 2].lower_ in ("bodies", "remains"):
        return "killed"  # "the bodies of 11 men were found"
    if first - 1 >= sent.start and doc[first - 1].lower_ == "with":
        return None  # "wounded in a firefight with about 40 members of the group": the other side
    for t in reversed(list(doc[lo : first])):
        if t.text == ":" and t.i > sent.start and doc[t.i - 1].lower_ in OUTCOME_WORDS:
            return OUTCOME_WORDS[doc[t.i - 1].lower_]  # "Among the dead: 4 soldiers, 2 police ..."
        if t.i in stop_at or t.text in _BOUNDARY_PUNCT or t.lower_ in _CLAUSE_OPENERS:
            return None  # "... wounded on Monday when four suicide bombers hit": another clause
        w = t.lower_
        if _verdict(doc, sent, t):
            return None  # "sentenced 12 men to death and nine others to prison terms"
        if w == "toll" or w in ("tally", "count"):
            prev = doc[t.i - 1].lower_ if t.i > 0 else ""
            if prev in ("injury", "injuries"):
                return "injured"
            return "killed"
        if w in OUTCOME_WORDS and w not in ("refugee", "refugees", "homeless", "bodies"):
            return OUTCOME_WORDS[w]
        if t.pos_ == "VERB" and w not in TRANSPARENT_VERBS and t.lemma_.lower() not in TRANSPARENT_VERBS:
            return None
        if t.pos_ == "NOUN" and w not in ("number", "toll", "tally", "count", "death", "people") and t.lower_ not in GROUP_WORDS:
            if t.dep_ in ("nsubj", "dobj") and t.i < fig.first - 3:
                return None
    return None


def _cue_parse(sent: Span, fig: _Figure) -> Optional[str]:
    """Walk up the parse from the figure: the subject of "died", the toll that "was reported to be 56"."""
    tok = sent.doc[fig.last]
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            if head.lower_ in OUTCOME_WORDS:
                return OUTCOME_WORDS[head.lower_]
            if head.lemma_.lower() not in TRANSPARENT_VERBS and head.lower_ not in TRANSPARENT_VERBS:
                return None
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i]
            for c in subjects:  # every subject: a dateline can be parsed as one ("PESHAWAR — The toll")
                for s in c.subtree:
                    if s.lower_ in OUTCOME_WORDS and s.lower_ not in ("refugees", "refugee"):
                        return OUTCOME_WORDS[s.lower_]
            if subjects:
                return None
        if head.lower_ == "with" and head.dep_ == "prep":
            return None  # "wounded in a gunfight with about 30 rebels": the other side
        if head.dep_ in ("advcl", "relcl", "conj", "parataxis") and head.pos_ in ("VERB", "AUX"):
            return None  # "wounded on Monday when four bombers hit": the next clause up is not ours
        tok = head
    return None


def _outcome_by_cue(sent: Span, fig: _Figure, other: set[int]) -> Optional[str]:
    """What the figure counts, from the words around it; cues nearest the figure win."""
    noun = fig.noun
    if noun is not None and noun.lower_ in ("refugees", "refugee") and noun.head.lemma_.lower() in _STAYING:
        return None  # "where 600,000 refugees already live": a population, not a displacement
    if noun is not None and noun.lower_ in OUTCOME_WORDS:
        if _either_outcome(sent.doc, noun):
            return MIXED  # "dozens of martyred and wounded": one figure for both
        return OUTCOME_WORDS[noun.lower_]  # "20 to 30 deaths", "66 wounded"
    if noun is not None and noun.lower_ in ("casualties", "casualty"):
        return "killed"  # "three fatal casualties" (bare "casualties" never reaches here)
    if noun is not None and noun.i > fig.last:
        for t in sent.doc[fig.last + 1 : noun.i]:  # "190 wounded civilians"
            if t.lower_ in ("displaced", "homeless"):
                # "19 displaced persons were killed": a status; the predicate says what happened
                return _cue_after(sent, noun.i + 1, other) or _cue_before(sent, fig, other) or OUTCOME_WORDS[t.lower_]
            if t.lower_ in OUTCOME_WORDS and t.lower_ not in ("toll", "lives"):
                return OUTCOME_WORDS[t.lower_]
    q_first = _tokens_for(sent, fig.q.start, fig.q.end)[0] if fig.q.start != fig.q.number_start else fig.first
    adjacent = sent.doc[q_first - 1] if q_first > sent.start else None
    if adjacent is not None and adjacent.pos_ == "VERB" and adjacent.lower_ in OUTCOME_WORDS:
        return OUTCOME_WORDS[adjacent.lower_]  # "killing at least seven", "wounded 15"
    after_start = (noun.i + 1) if noun is not None else fig.last + 1
    if noun is not None and fig.q.text.split()[0].lower() in _SINGULAR_ONE:  # "a paramedic (48) ..."
        # "a paramedic, Hatem Awad (48), was killed": read on after the name and its asides
        after_start = max(t.i for t in noun.subtree) + 1
        while after_start < sent.end and sent.doc[after_start].text in (",", ")"):
            after_start += 1
    return _cue_after(sent, after_start, other) or _cue_before(sent, fig, other) or _cue_parse(sent, fig)


def _partitive(sent: Span, fig: _Figure) -> bool:
    """"17 of those killed", "two of the victims", "three of his children": a share of a total
    given elsewhere, or of a family."""
    nxt = sent.doc[fig.last + 1 : fig.last + 3]
    return len(nxt) == 2 and nxt[0].lower_ == "of" and nxt[1].lower_ in _PARTITIVE - {"which"}


def _is_part(sent: Span, fig: _Figure) -> bool:
    """"including 30 children", "nine of them children", "among them 4 women": a subset."""
    doc = sent.doc
    q_first = _tokens_for(sent, fig.q.start, fig.q.end)[0]
    # walk back through a list ("including two women, a 17-year-old child and ...") to its head
    for t in reversed(list(doc[max(sent.start, q_first - 12) : q_first])):
        if t.lower_ in _INHERIT:
            # "Eleven children were among 16 people killed": the figure after "were among" is
            # the whole, the one before it the part
            return not (t.lower_ == "among" and t.i > sent.start and doc[t.i - 1].lemma_ == "be")
        in_relative = any(a.dep_ == "relcl" for a in [t, *t.ancestors])
        if (t.pos_ in ("VERB", "AUX") and not in_relative) or t.text in (";", ":", "(", ")"):
            break
    if fig.noun is not None and fig.noun.i > fig.last:
        between = {t.lower_ for t in doc[fig.last + 1 : fig.noun.i]}
        return "of" in between and bool(between & _PARTITIVE)  # "nine of them children", "11 of those killed"
    return False


_CUMULATIVE = re.compile(
    r"\b(?:since\s+(?:the\s+(?:war|conflict|fighting|start|beginning|outbreak|invasion|offensive|"
    r"coup|uprising)|(?:early|late|mid-?)?\s*(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december|\d{4})|then|last\s+year|the\s+\d{4})|so\s+far\s+this"
    r"\s+(?:year|month)|this\s+year|to\s+date|in\s+total\s+since|overall\s+death\s+toll|"
    r"(?:nationwide|overall|cumulative)\s+(?:toll|death\s+toll)|throughout\s+the\s+(?:war|conflict)|"
    r"over\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years|months|weeks))",
    re.I,
)


def _cumulative(sent: Span, fig: _Figure) -> bool:
    """A running total, told by its time frame: "since the war began", "so far this year"."""
    return bool(_CUMULATIVE.search(sent.text))


def _unverified(doc, t: Token) -> bool:
    """"could not be confirmed", "may not be verified": a caveat about checking, not a forecast."""
    nxt = [x.lower_ for x in doc[t.i + 1 : t.i + 5]]
    return "not" in nxt[:2] and any(w.startswith(("confirm", "verif", "independent")) for w in nxt)


def _hypothetical(sent: Span, fig: _Figure) -> bool:
    doc = sent.doc
    lo = max(sent.start, fig.first - _BEFORE_WINDOW)
    window = doc[lo : min(sent.end, fig.last + _AFTER_WINDOW)]
    return any(t.lower_ in HEDGES and not _unverified(doc, t) for t in window) and not any(
        t.lower_ == "feared" and i + 1 < len(doc) and doc[i + 1].lower_ == "dead" for i, t in ((t.i, t) for t in window)
    )


_FIRST_REPORT = frozenset("initially originally previously".split())
_FIRST_REPORT_ADJ = frozenset("initial original earlier first preliminary previous".split())
_REPORT_WORDS = frozenset(
    "report reports reported toll tally figure figures count estimate estimates said posted".split())


def _first_report(sent: Span, fig: _Figure) -> bool:
    """"Safa initially reported two killed", "the original toll was 56", "up from 12": a figure
    the text itself says a later one replaced."""
    doc = sent.doc
    q_first = _tokens_for(sent, fig.q.start, fig.q.end)[0]
    before = list(doc[max(sent.start, q_first - 8) : q_first])
    for i, t in enumerate(before):
        if t.lower_ in _FIRST_REPORT and not any(b.lower_ in ("but", "while", "now", "later", "since") for b in before[i + 1:]):
            return True
        if t.lower_ in _FIRST_REPORT_ADJ and any(b.lower_ in _REPORT_WORDS for b in before[i + 1 : i + 3]):
            return True
    prev2 = [t.lower_ for t in doc[max(sent.start, q_first - 2) : q_first]]
    if prev2 in (["up", "from"], ["down", "from"]):
        return True
    after = [t.lower_ for t in doc[fig.last + 1 : min(sent.end, fig.last + 4)]]
    return "earlier" in after and ("reported" in after or "previously" in after)


def _superseded(sent: Span, fig: _Figure) -> bool:
    """"revised from 95 to 35": the first figure is the old one, the claim is the second."""
    doc = sent.doc
    return (
        fig.first > sent.start
        and doc[fig.first - 1].lower_ == "from"
        and fig.last + 2 < sent.end
        and doc[fig.last + 1].lower_ == "to"
        and doc[fig.last + 2].like_num
    )


def _beside_a_figure(noun: Token) -> bool:
    """A single victim named inside a list or subset of a figure: the figure counts them."""
    numbered = lambda t: any(c.dep_ == "nummod" or c.like_num for c in t.children)  # noqa: E731
    if any(numbered(c) for c in noun.conjuncts):
        return True
    doc, sent = noun.doc, noun.sent
    for t in reversed(list(doc[max(sent.start, noun.i - 10) : noun.i])):
        if t.lower_ in _INHERIT:
            return True
        if t.pos_ in ("VERB", "AUX") or t.text in (";", ":"):
            break
    return False


def _singular_figures(sent: Span, taken: set[int]) -> list[_Figure]:
    """"a woman ... suffered serious wounds": one victim, counted as 1."""
    out = []
    for t in sent:
        if t.lower_ in _SINGULAR_GROUPS and t.i not in taken:
            # "a woman", or "a paramedic Hatem Awad" where the article hangs on the name
            owner = t.head if t.dep_ in ("compound", "amod") and t.head.pos_ == "PROPN" else t
            det = [c for c in owner.children if c.lower_ in _SINGULAR_ONE and c.i < t.i]
            if owner.dep_ == "attr" or (owner.dep_ == "appos" and (owner.head.pos_ == "PROPN" or (
                    owner.head.lower_ in _SINGULAR_GROUPS
                    and any(c.lower_ in _SINGULAR_ONE for c in owner.head.children)))):
                # "his son, Ahmed Nassar, an engineer", "a man, likely a militant": one victim
                # described again, not another one
                continue
            if det and _beside_a_figure(owner):
                continue  # "six civilians, including a woman", "11 civilians and a police officer"
            if det:
                d = det[0]
                start, end = d.idx - sent.start_char, t.idx + len(t) - sent.start_char
                q = Quantity(start, end, 1, 1, "exact", sent.doc[d.i : t.i + 1].text, start)
                out.append(_Figure(q, t.i, t.i, owner if owner.i != t.i else t))
    return out


def extract_claims(sent: Span, offset: int, source: Optional[str], doc_id: Optional[str] = None,
                   mixed: Optional[list[Listing]] = None,
                   speakers: Optional[list[tuple[str, Optional[int]]]] = None) -> list[CasualtyClaim]:
    """Casualty claims of one sentence. ``offset`` maps sentence-doc chars to document chars.
    Figures of dead and hurt together are not claims; they go to ``mixed`` (for the toll)."""
    figures: list[_Figure] = []
    for q in find_quantities(sent.text):
        first, last = _tokens_for(sent, q.number_start - 0, q.end)
        figures.append(_Figure(q, first, last))
    figures = [f for f in figures if not _is_not_count(sent, f)]
    for f in figures:
        f.noun, unit = _victim_noun(sent, f)
        if unit:
            f.noun = None
            f.q = None  # type: ignore[assignment]
    figures = [f for f in figures if f.q is not None]
    figures += _singular_figures(sent, {f.first for f in figures} | {f.noun.i for f in figures if f.noun is not None})
    figures = [f for f in figures if not _speaks(sent, f)]
    figures.sort(key=lambda f: f.first)
    number_tokens = {i for f in figures if not _superseded(sent, f) for i in range(f.first, f.last + 1)}

    claims: list[CasualtyClaim] = []
    previous: Optional[CasualtyClaim] = None
    prev_end: Optional[int] = None  # last token of the previous claim's words
    inherited = False
    for fig in figures:
        if _superseded(sent, fig):
            continue
        outcome = _outcome_by_cue(sent, fig, number_tokens - set(range(fig.first, fig.last + 1)))
        part = _is_part(sent, fig) and (previous is not None or _partitive(sent, fig))
        direct = outcome is not None and not part
        if outcome is None and previous is not None:
            prev_tok = sent.doc[fig.first - 1] if fig.first > sent.start else None
            if prev_tok is not None and prev_tok.lower_ in _INHERIT | {"them", "whom"}:
                outcome = previous.outcome  # "had risen to 86, including 30 children"
            elif prev_tok is not None and prev_tok.lower_ in ("and", ",") and (inherited or _continues(sent, prev_end, fig)):
                outcome = previous.outcome  # "comprising 11 adults and 24 children", "4 soldiers, 2 police"
            elif fig.noun is not None and any(
                t.lower_ in ("of", "them") for t in sent.doc[fig.last + 1 : fig.noun.i]
            ):
                outcome = previous.outcome  # "five of them children"
        if fig.noun is not None and fig.noun.lower_ in ("families", "family", "households", "household") \
                and fig.noun.dep_ != "compound" and outcome not in (None, "displaced"):
            continue  # "two families were killed": households, not a head count of the dead
        if outcome == MIXED:
            if mixed is not None:
                span = (offset + sent.start_char + fig.q.start, offset + sent.start_char + fig.q.end)
                mixed += [Listing(fig.q.low, fig.q.high, fig.q.qualifier, o, span) for o in ("killed", "injured")]
            continue
        if outcome is None:
            continue
        inherited = not direct
        group, group_text = _group_of(sent, fig, previous)
        start = offset + sent.start_char + fig.q.start
        end = offset + sent.start_char + fig.q.end
        if fig.noun is not None and fig.noun.i > fig.last:
            end = max(end, offset + fig.noun.idx + len(fig.noun))
        low, high, qualifier = fig.q.low, fig.q.high, fig.q.qualifier
        if qualifier == "exact" and previous is not None and claims and claims[-1] is previous \
                and _continues(sent, prev_end, fig) and previous.qualifier in _SHARED_QUALIFIERS \
                and previous.outcome == outcome:
            # "at least 23 soldiers and 26 civilians": the qualifier covers both figures
            value = low
            qualifier = previous.qualifier
            low, high = _SHARED_QUALIFIERS[qualifier](value)
        claim = CasualtyClaim(
            count_low=low,
            count_high=high,
            qualifier=qualifier,
            group=group,  # type: ignore[arg-type]
            group_text=group_text,
            outcome=outcome,  # type: ignore[arg-type]
            modality="hypothetical" if _hypothetical(sent, fig) else "asserted",
            source=speaker_of(sent.doc[fig.first], speakers or []) or source,
            span=(start, end),
            sentence=sent.text,
            sentence_span=(offset + sent.start_char, offset + sent.end_char),
            number_text=fig.q.text,
            subtotal=not direct,
            scope="cumulative" if _cumulative(sent, fig) else "superseded" if _first_report(sent, fig) else "incident",
            doc_id=doc_id,
        )
        claims.append(claim)
        prev_end = max(fig.last, fig.noun.i if fig.noun is not None else fig.last)
        if not claim.subtotal:
            previous = claim
    return claims


_VAGUE_NOUNS = {"injuries": "injured", "casualties": "injured", "deaths": "killed", "fatalities": "killed",
                "martyrs": "killed", "wounded": "injured", "injured": "injured", "dead": "killed"}
_VAGUE_VERBS = {"injured": "injured", "wounded": "injured", "hurt": "injured", "killed": "killed"}
_VAGUE_SUBJECTS = frozenset(
    "others number several many multiple numerous some people civilians residents members "
    "palestinians victims".split()
)
_NEGATION = frozenset("no not without neither nor none zero".split())


def unquantified_outcomes(sent: Span) -> set[str]:
    """Outcomes a sentence reports in the plural with no figure: "others were injured",
    "a number of people were killed", "resulting in deaths and injuries"."""
    doc = sent.doc
    found: set[str] = set()
    for t in sent:
        w = t.lower_
        before = doc[max(sent.start, t.i - 5) : t.i]
        if any(b.lower_ in _NEGATION for b in before) or any(b.like_num for b in before):
            continue
        if w in _VAGUE_NOUNS and t.tag_ in ("NNS", "NN", "JJ", "VBN"):
            prev = doc[t.i - 1] if t.i > sent.start else None
            plural_noun = t.tag_ == "NNS" or (prev is not None and prev.lower_ == "the")
            if plural_noun and not any(c.like_num for c in t.children):
                found.add(_VAGUE_NOUNS[w])
                continue
        if w in _VAGUE_VERBS and t.pos_ in ("VERB", "ADJ", "AUX"):
            if any(b.lower_ in _VAGUE_SUBJECTS for b in before):
                found.add(_VAGUE_VERBS[w])
    return found
