"""Casualty claims: a figure, who it counts, what happened to them, and who says so.

A figure becomes a claim only when the sentence ties it to an outcome (killed, injured, missing,
displaced): by a cue right after its noun ("21 people were killed"), a verb right before it
("killing at least seven"), a toll it completes ("the death toll rose to 86"), or its place in
the parse (the subject of "died"). Everything else — troops, votes, rockets, years, ages — is
left alone: a missed figure is cheaper than an invented one.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from spacy.tokens import Span, Token

from ..models import CasualtyClaim
from . import lexicon
from .attribution import speaker_of
from .figures import Figure, tokens_for
from .lexicon import GROUP_WORDS, HEDGES, MONTHS, OUTCOME_WORDS, PERPETRATOR_WORDS, SAY_VERBS, TOLL_VERBS
from .listed import Listing
from .outcomes import AFTER_WINDOW, BEFORE_WINDOW, CLAUSE_OPENERS, MIXED, SINGULAR_ONE, outcome_of
from .quantities import Quantity, find_quantities
from .revisions import compared_with, first_report, increment, superseded, with_totals

_SKIP_AFTER = frozenset("more other additional further another".split())
_PARTITIVE = frozenset("them whom those the these which his her their its".split())
_INHERIT = frozenset(["including", "among", "includes", "include", "comprising"])
_BREAKDOWN = frozenset(["-", "–", "—", "("])
"""Right after a toll's noun, what follows breaks it down ("22 people - 20 children and two teachers")."""
_SHARED_QUALIFIERS = {
    "at least": lambda n: (n, None), "more than": lambda n: (n, None), "over": lambda n: (n, None),
    "as many as": lambda n: (None, n), "up to": lambda n: (None, n), "nearly": lambda n: (None, n),
    "about": lambda n: (n, n),
}
_SINGULAR_GROUPS = frozenset(
    "woman man child boy girl civilian soldier policeman officer person baby infant resident "
    "journalist teenager fighter militant paramedic medic doctor nurse pharmacist teacher farmer "
    "student driver photographer photojournalist engineer worker volunteer toddler youth "
    "fisherman shepherd pilgrim worshipper".split()
)


def _is_not_count(sent: Span, fig: Figure) -> bool:
    """Dates, money, percentages, ages, years, clock times and asides are not head counts."""
    doc = sent.doc
    prev = doc[fig.first - 1] if fig.first > sent.start else None
    nxt = doc[fig.last + 1] if fig.last + 1 < sent.end else None
    if prev is not None and (prev.lower_.rstrip(".") in MONTHS or prev.lower_ in ("aged", "age", "ages", "$", "us$", "€", "£", "no.", "number")):
        return True
    if re.search(r"\b(?:No|Nos|no)\.?\s*$", sent.text[: fig.q.number_start]):
        return True  # "Flash Update No. 02"
    q_first = tokens_for(sent, fig.q.start, fig.q.end)[0]
    if q_first > sent.start and (doc[q_first - 1].dep_ == "agent" or (
            doc[q_first - 1].lower_ == "by" and doc[q_first - 1].head.tag_ == "VBN")):
        return True  # "attacked by about 50 gunmen", "shot to death ... by three men": the doers
    if nxt is not None and (nxt.lower_.rstrip(".") in MONTHS or nxt.text in (":", "%", "-year-old") or nxt.lower_ in ("percent", "per", "%")):
        return True
    if nxt is not None and nxt.lower_ in ("and", "&", "-", "–", "to") and fig.last + 3 < sent.end \
            and doc[fig.last + 2].like_num and doc[fig.last + 3].lower_.rstrip(".") in MONTHS:
        return True  # "on 29 and 30 November": the first of two days
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
    if re.search(r"\b(?:as\s+(?:young|old)\s+as|(?:younger|older)\s+than)\s*$",
                 sent.text[: fig.q.number_start], re.I):
        return True  # "some as young as 12", "children younger than 14": an age
    q_first = tokens_for(sent, fig.q.start, fig.q.end)[0]
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


def _continues(sent: Span, prev_end: Optional[int], fig: Figure) -> bool:
    """Only "," or "and" between the previous claim's words and this figure: a list
    ("Among the dead: 4 soldiers, 2 police officers and 9 civilians")."""
    if prev_end is None:
        return False
    q_first = tokens_for(sent, fig.q.start, fig.q.end)[0]
    gap = sent.doc[prev_end + 1 : q_first]
    return 0 < len(gap) <= 2 and all(t.text in (",", "and") for t in gap)


def _speaks(sent: Span, fig: Figure) -> bool:
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


def _inside_parentheses(sent: Span, fig: Figure) -> bool:
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


def _victim_noun(sent: Span, fig: Figure) -> tuple[Optional[Token], bool]:
    """The noun the figure counts, and whether it is a non-person unit (reject)."""
    doc = sent.doc
    i = fig.last + 1
    skipped = 0
    while i < sent.end and skipped < 4:
        t = doc[i]
        if t.is_punct and t.text in ('"', "“", "”", "'", "‘", "’"):
            i += 1
            continue
        if t.lower_ in CLAUSE_OPENERS and t.dep_ in ("mark", "advmod"):
            return None, False  # "has risen to 23 as more of the wounded died": another clause
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
    if t.lower_ in _WHEN_WORDS:
        return None, False  # "the toll rose to 49 yesterday": a day, no unit
    if t.lower_ in OUTCOME_WORDS and i + 1 < sent.end and doc[i + 1].lower_ in GROUP_WORDS:
        return doc[i + 1], False  # "190 wounded civilians": the victims are the noun
    if t.lower_ in GROUP_WORDS or t.lower_ in OUTCOME_WORDS or _is_demonym(t):
        return t, False
    if t.lower_ in ("casualties", "casualty"):
        # only "fatal casualties" says what happened; bare "casualties" mixes dead and hurt
        return (t, False) if doc[i - 1].lower_ == "fatal" else (None, True)
    if _agent_noun(t):
        return t, False  # "two rubber tappers", "six paramilitary rangers": people by their work
    if _killed_ones(t):
        return t, False  # "two drug suspects were killed": whoever a killing verb takes is people
    if t.pos_ in ("NOUN", "PROPN") and not t.like_num:
        return t, True
    return None, False


_WHEN_WORDS = frozenset(
    "yesterday today tonight overnight tomorrow now monday tuesday wednesday thursday friday "
    "saturday sunday".split())


_AGENT = re.compile(r"[a-z]{3,}(?:ers|ists|ians|men|ees)$")
_NOT_AGENTS = frozenset(
    "containers computers papers numbers towers centers chambers helicopters shelters borders "
    "corners orders letters quarters headquarters barriers layers markers trailers tankers "
    "boosters launchers speakers answers matters waters powers members lemons documents "
    "fees degrees trees committees guarantees".split())


def _killed_ones(t: Token) -> bool:
    """A plural noun that a killing verb of ``data/lexicon/victims.tsv`` takes as its victims
    (the passive subject or object of "kill", the subject of "die")."""
    from .listed import victim_lexicon

    if t.tag_ not in ("NNS", "NNPS") or t.lower_ in victim_lexicon().get("notvictim", {}):
        return False
    lex, head = victim_lexicon(), t.head
    lemma = head.lemma_.lower()
    if head.pos_ != "VERB":
        return False
    if t.dep_ in ("nsubjpass", "dobj"):
        return lemma in lex.get("always", {}) and lex["always"][lemma] == "killed"
    return t.dep_ == "nsubj" and lemma in lex.get("subject", {})


def _agent_noun(t: Token) -> bool:
    """A plural noun of a doer ("porters", "tappers", "journalists", "technicians",
    "fishermen"): people, even when the lexicon does not list them."""
    return t.tag_ == "NNS" and bool(_AGENT.fullmatch(t.lower_)) and t.lower_ not in _NOT_AGENTS


def _is_demonym(tok: Token) -> bool:
    """"22 Palestinians", "three Iraqis", "50 Africans", "12 Christians": people named by
    nationality, faith or people."""
    from ..resolve.places import country_from_adjective

    return tok.tag_ in ("NNPS", "NNS") and (country_from_adjective(tok.text) is not None or tok.ent_type_ == "NORP")


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


_PASSING = frozenset("pass surpass exceed top cross".split())
"""A toll that "passed 30,000" is more than 30,000 (FORMAT.md: low N, no high)."""
_BODY_MEMBERS = frozenset("members member personnel".split())
@lru_cache(maxsize=1)
def _members_of() -> dict[str, str]:
    """Members of a body the group words do not name by themselves ("service members"):
    ``data/lexicon/members_of.tsv``."""
    return {row[0]: row[1] for row in lexicon.rows("members_of.tsv") if len(row) >= 2}


def _predicate_group(sent: Span, fig: Figure) -> Optional[Token]:
    """"three of the dead were civilians", "all five dead were militants": the group is the
    predicate of the figure's copula."""
    doc = sent.doc
    for head in (fig.noun, doc[fig.last]):  # "three of the dead": the figure is the subject
        if head is not None and head.dep_ == "nsubj" and head.head.lemma_ == "be":
            return next((t for t in head.head.children if t.dep_ in ("attr", "acomp")
                         and GROUP_WORDS.get(t.lower_, "people") != "people"), None)
    return None


def _group_of(sent: Span, fig: Figure, previous: Optional[CasualtyClaim]) -> tuple[str, Optional[str]]:
    doc = sent.doc
    noun = fig.noun
    if noun is None or noun.lower_ in OUTCOME_WORDS or GROUP_WORDS.get(noun.lower_) == "people":
        pred = _predicate_group(sent, fig)
        if pred is not None:
            return GROUP_WORDS[pred.lower_], pred.text
    if noun is not None and noun.i > fig.last and any(t.lower_ == "civilian" for t in doc[fig.last + 1 : noun.i]):
        return "civilians", doc[fig.last + 1 : noun.i + 1].text  # "three civilian contractors"
    if noun is not None and noun.lower_ in ("members", "member") and _armed_organisation(noun):
        return "combatants", doc[fig.first : max(t.i for t in noun.subtree) + 1].text
    if noun is not None and noun.lower_ in _BODY_MEMBERS:
        members = _members_of()
        of = [members[c.lower_] for c in noun.children if c.dep_ in ("compound", "amod") and c.lower_ in members]
        if of:
            return of[0], doc[fig.last + 1 : noun.i + 1].text  # "13 service members", "army personnel"
    joined = _hyphened(noun)
    if joined is not None and joined.lower() in PERPETRATOR_WORDS:
        return "combatants", joined  # "all 40 hostage-takers": the tokenizer split the word
    if noun is not None and noun.lower_ in GROUP_WORDS:
        group = GROUP_WORDS[noun.lower_]
        if noun.lower_ == "others" and previous is not None:
            return previous.group, noun.text  # "killed 70 civilians and wounded 100 others"
        # "civilians and aid workers": mixed groups are just people (a conjunct with its own
        # figure, "10 women and three infants", is a figure of its own)
        conj = [c for c in noun.children if c.dep_ == "conj"
                and not any(g.like_num or g.lower_ in SINGULAR_ONE for g in c.children)]
        for c in conj:
            if GROUP_WORDS.get(c.lower_, "people") != group:
                return "people", doc[fig.first : c.i + 1].text
        return group, noun.text
    if previous is not None and (noun is None or noun.lower_ in OUTCOME_WORDS):
        return previous.group, None  # "killing seven people ... and wounding 17", "... and seven wounded"
    # bare figure ("toll ... was 56"): a group word modifying the toll ("civilian death toll")
    lo = max(sent.start, fig.first - BEFORE_WINDOW)
    for t in reversed(list(doc[lo : fig.first])):
        if t.lower_ in GROUP_WORDS and GROUP_WORDS[t.lower_] != "people" and (
            t.pos_ == "ADJ" or t.dep_ in ("amod", "compound")
        ) and (t.head.lower_ in OUTCOME_WORDS or t.head.head.lower_ in OUTCOME_WORDS):
            return GROUP_WORDS[t.lower_], t.text
    return "people", None


def _hyphened(noun: Optional[Token]) -> Optional[str]:
    """"hostage-takers", split by the tokenizer into three tokens: the word whole."""
    if noun is None or noun.i + 2 >= len(noun.doc) or noun.nbor(1).text != "-" or noun.nbor(1).whitespace_:
        return None
    return f"{noun.text}-{noun.nbor(2).text}"


def _partitive(sent: Span, fig: Figure) -> bool:
    """"17 of those killed", "two of the victims", "three of his children": a share of a total
    given elsewhere, or of a family."""
    nxt = sent.doc[fig.last + 1 : fig.last + 3]
    return len(nxt) == 2 and nxt[0].lower_ == "of" and nxt[1].lower_ in _PARTITIVE - {"which"}


def _own_verb(fig: Figure) -> bool:
    """The figure's victims are the subject of their own outcome verb ("three attackers died")."""
    noun = fig.noun
    return noun is not None and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i > noun.i \
        and noun.head.lower_ in OUTCOME_WORDS


def _is_part(sent: Span, fig: Figure) -> bool:
    """"including 30 children", "nine of them children", "among them 4 women": a subset."""
    doc = sent.doc
    q_first = tokens_for(sent, fig.q.start, fig.q.end)[0]
    own_verb = _own_verb(fig)
    # walk back through a list ("including two women, a 17-year-old child and ...") to its head
    for t in reversed(list(doc[max(sent.start, q_first - 12) : q_first])):
        if own_verb and t.lower_ == "and" and t.i > sent.start and doc[t.i - 1].text == ",":
            break  # "..., among them three soldiers, and three attackers died": a clause of its own
        if t.lower_ in _INHERIT:
            # "Eleven children were among 16 people killed": the figure after "were among" is
            # the whole, the one before it the part
            # and "the four Australians among the 20 people killed" too: "among" after a noun
            return not (t.lower_ == "among" and t.i > sent.start
                        and (doc[t.i - 1].lemma_ == "be" or doc[t.i - 1].pos_ in ("NOUN", "PROPN")))
        if t.text in _BREAKDOWN and fig.noun is not None and fig.noun.dep_ not in ("nsubj", "nsubjpass") \
                and t.i > sent.start and doc[t.i - 1].pos_ in ("NOUN", "NUM") and doc[t.i + 1].like_num:
            return True  # "killing 22 people - 20 children and two teachers": the toll broken down
        in_relative = any(a.dep_ == "relcl" for a in [t, *t.ancestors])
        if (t.pos_ in ("VERB", "AUX") and not in_relative) or t.text in (";", ":", "(", ")"):
            break
    if fig.noun is not None and fig.noun.i > fig.last:
        if fig.noun.lower_ in PERPETRATOR_WORDS:
            return False  # "two of the attackers": a share of the doers, not of the victims' figure
        between = {t.lower_ for t in doc[fig.last + 1 : fig.noun.i]}
        return "of" in between and bool(between & _PARTITIVE)  # "nine of them children", "11 of those killed"
    return False


# "the deadliest attack this year", "the worst since 2014": a frame qualifying a comparison
_SUPERLATIVE = re.compile(r"\b(?:deadliest|worst|bloodiest|biggest|largest|heaviest|"
                          r"most\s+\w+|highest|first)\b[^,;.]{0,40}$", re.I)


def _cumulative(sent: Span, fig: Figure) -> bool:
    """A running total, told by its time frame: "since the war began", "so far this year",
    "over the past ten days" (not "the deadliest attack this year"); the frames are
    ``data/lexicon/running_totals.txt``, and ``running_total_records.txt`` for a campaign's
    record told around the figure ("a group that has killed thousands")."""
    text = sent.text
    if any(m.start() <= fig.q.number_start < m.end()
           for m in lexicon.patterns("running_total_records.txt").finditer(text)):
        return True  # "whose insurgency has killed more than 27,000 people": the figure is the record
    # "the deadliest of the second intifada, during which 1,000 were killed": a clause of its own
    return any(not _SUPERLATIVE.search(text[: m.start()]) or m.group(0).lower().endswith("which")
               for m in lexicon.patterns("running_totals.txt").finditer(text))


def _unverified(doc, t: Token) -> bool:
    """"could not be confirmed", "may not be verified": a caveat about checking, not a forecast."""
    nxt = [x.lower_ for x in doc[t.i + 1 : t.i + 5]]
    return "not" in nxt[:2] and any(w.startswith(("confirm", "verif", "independent")) for w in nxt)


def _month(doc, t: Token) -> bool:
    """"On 9 May 2020": the month, not the modal verb "may"."""
    if t.lower_ not in MONTHS or t.tag_ == "MD" and t.text.islower():
        return False
    near = [doc[i] for i in (t.i - 1, t.i + 1) if 0 <= i < len(doc)]
    return t.text[:1].isupper() and (t.tag_ == "NNP" or any(x.like_num for x in near))


def _hypothetical(sent: Span, fig: Figure) -> bool:
    doc = sent.doc
    lo = max(sent.start, fig.first - BEFORE_WINDOW)
    hi = fig.last + 1
    while hi < min(sent.end, fig.last + AFTER_WINDOW) and doc[hi].text not in (",", ";", "—") and not (
            doc[hi].pos_ == "CCONJ" and hi + 1 < sent.end and doc[hi + 1].pos_ in ("VERB", "AUX")):
        hi += 1  # "... leaving scores wounded, and warned the toll could rise": not this figure's hedge
    window = doc[lo:hi]
    return any(t.lower_ in HEDGES and not _unverified(doc, t) and not _month(doc, t) for t in window) and not any(
        t.lower_ == "feared" and i + 1 < len(doc) and doc[i + 1].lower_ == "dead" for i, t in ((t.i, t) for t in window)
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


def _singular_figures(sent: Span, taken: set[int]) -> list[Figure]:
    """"a woman ... suffered serious wounds": one victim, counted as 1."""
    out = []
    for t in sent:
        if t.lower_ in _SINGULAR_GROUPS and t.i not in taken:
            # "a woman", or "a paramedic Hatem Awad" where the article hangs on the name
            owner = t.head if t.dep_ in ("compound", "amod") and t.head.pos_ == "PROPN" else t
            det = [c for c in owner.children if c.lower_ in SINGULAR_ONE and c.i < t.i]
            if owner.dep_ == "attr" or (owner.dep_ == "appos" and (owner.head.pos_ == "PROPN" or (
                    owner.head.lower_ in _SINGULAR_GROUPS
                    and any(c.lower_ in SINGULAR_ONE for c in owner.head.children)))):
                # "his son, Ahmed Nassar, an engineer", "a man, likely a militant": one victim
                # described again, not another one
                continue
            if det and _beside_a_figure(owner):
                continue  # "six civilians, including a woman", "11 civilians and a police officer"
            if det:
                d = det[0]
                start, end = d.idx - sent.start_char, t.idx + len(t) - sent.start_char
                q = Quantity(start, end, 1, 1, "exact", sent.doc[d.i : t.i + 1].text, start)
                out.append(Figure(q, t.i, t.i, owner if owner.i != t.i else t))
    return out


def extract_claims(sent: Span, offset: int, source: Optional[str], doc_id: Optional[str] = None,
                   mixed: Optional[list[Listing]] = None,
                   speakers: Optional[list[tuple[str, Optional[int]]]] = None) -> list[CasualtyClaim]:
    """Casualty claims of one sentence. ``offset`` maps sentence-doc chars to document chars.
    Figures of dead and hurt together are not claims; they go to ``mixed`` (for the toll)."""
    return [attribute(claim, sent.doc[first], source, speakers)
            for claim, first, _ in sentence_claims(sent, offset, doc_id, mixed)]


def attribute(claim: CasualtyClaim, figure: Token, source: Optional[str],
              speakers: Optional[list[tuple[str, Optional[int]]]] = None) -> CasualtyClaim:
    """The claim's source: the speaker whose verb governs its figure, else the sentence's
    (which may come from earlier sentences, so it is set after :func:`sentence_claims`)."""
    claim.source = speaker_of(figure, speakers or []) or source
    return claim


def sentence_claims(sent: Span, offset: int, doc_id: Optional[str] = None,
                    mixed: Optional[list[Listing]] = None) -> list[tuple[CasualtyClaim, int, int]]:
    """The sentence's claims before attribution, each with its figure's first and last token
    (``claim.source`` is None: the speaker may be named sentences earlier)."""
    figures: list[Figure] = []
    for q in find_quantities(sent.text):
        first, last = tokens_for(sent, q.number_start - 0, q.end)
        figures.append(Figure(q, first, last))
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
    number_tokens = {i for f in figures if not superseded(sent, f) for i in range(f.first, f.last + 1)}

    claims: list[tuple[CasualtyClaim, int, int]] = []
    previous: Optional[CasualtyClaim] = None
    prev_end: Optional[int] = None  # last token of the previous claim's words
    inherited = False
    for fig in figures:
        if superseded(sent, fig):
            continue
        outcome = outcome_of(sent, fig, number_tokens - set(range(fig.first, fig.last + 1)))
        q_first = tokens_for(sent, fig.q.start, fig.q.end)[0]
        part = (_is_part(sent, fig) and (previous is not None or _partitive(sent, fig))) \
            or _apposed_part(fig, previous)
        direct = outcome is not None and not part
        if outcome is None and previous is not None:
            prev_tok = sent.doc[fig.first - 1] if fig.first > sent.start else None
            if prev_tok is not None and prev_tok.lower_ in _INHERIT | {"them", "whom"}:
                outcome = previous.outcome  # "had risen to 86, including 30 children"
            elif prev_tok is not None and prev_tok.lower_ in ("and", ",") and (inherited or _continues(sent, prev_end, fig)):
                outcome = previous.outcome  # "comprising 11 adults and 24 children", "4 soldiers, 2 police"
            elif fig.noun is not None and any(
                t.lower_ == "them" or (t.lower_ == "of" and sent.doc[t.i + 1].lower_ in _PARTITIVE)
                for t in sent.doc[fig.last + 1 : fig.noun.i]
            ):
                outcome = previous.outcome  # "five of them children" (not "thousands of civilians")
            elif compared_with(sent, q_first):
                outcome = previous.outcome  # "rose to 160, up from at least 134 announced earlier"
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
        if qualifier == "exact" and previous is not None and claims and claims[-1][0] is previous \
                and _continues(sent, prev_end, fig) and previous.qualifier in _SHARED_QUALIFIERS \
                and previous.outcome == outcome:
            # "at least 23 soldiers and 26 civilians": the qualifier covers both figures
            value = low
            qualifier = previous.qualifier
            low, high = _SHARED_QUALIFIERS[qualifier](value)
        if qualifier == "exact" and high is not None and q_first > sent.start \
                and sent.doc[q_first - 1].lemma_.lower() in _PASSING:
            qualifier, high = "more than", None  # "the toll has passed 30,000"
        claim = CasualtyClaim(
            count_low=low,
            count_high=high,
            qualifier=qualifier,
            group=group,  # type: ignore[arg-type]
            group_text=group_text,
            outcome=outcome,  # type: ignore[arg-type]
            modality="hypothetical" if _hypothetical(sent, fig) else "asserted",
            span=(start, end),
            sentence=sent.text,
            sentence_span=(offset + sent.start_char, offset + sent.end_char),
            number_text=fig.q.text,
            subtotal=not direct or increment(sent, fig),
            scope="cumulative" if _cumulative(sent, fig) else "superseded" if first_report(sent, fig) else "incident",
            doc_id=doc_id,
        )
        claims.append((claim, fig.first, fig.last))
        prev_end = max(fig.last, fig.noun.i if fig.noun is not None else fig.last)
        if not claim.subtotal:
            previous = claim
    return with_totals(sent, claims)


def _apposed_part(fig: Figure, previous: Optional[CasualtyClaim]) -> bool:
    """"killed five people, four foreign aid workers and their driver": a smaller figure in
    apposition to the one before it names some of them, where that one counts people at large
    (not "44 SAF members, 18 MILF fighters and five civilians", a list parsed as apposition)."""
    return (fig.noun is not None and fig.noun.dep_ == "appos"
            and fig.noun.head.lower_ in ("people", "persons", "civilians", "individuals")
            and previous is not None
            and previous.count_low is not None and fig.q.low is not None
            and fig.q.low < previous.count_low)


_VAGUE_NOUNS = {"injuries": "injured", "casualties": "injured", "deaths": "killed", "fatalities": "killed",
                "martyrs": "killed", "wounded": "injured", "injured": "injured", "dead": "killed"}
_VAGUE_VERBS = {"injured": "injured", "wounded": "injured", "hurt": "injured", "killed": "killed"}
_VAGUE_SUBJECTS = frozenset(
    "others number several many multiple numerous some people civilians residents members "
    "palestinians victims".split()
)
_NEGATION = frozenset("no not without neither nor none zero".split())
# "Fatalities unreported", "the number of fatalities could not be identified", "reported by some
# sources and denied by others": the outcome is named but not asserted
_HEARSAY = frozenset("reports allegations claims accusations possibility risk".split())
_UNASSERTED_AFTER = frozenset("unreported unknown unconfirmed unclear denied undetermined".split())


def _negated(sent: Span, t: Token) -> bool:
    """The outcome word is denied or left open: "no people were reported injured or killed",
    "with no reports on fatalities", "fatalities unreported"."""
    doc = sent.doc
    start = t.i
    while start > sent.start and doc[start - 1].text not in (",", ";", ":") and not (
            doc[start - 1].pos_ == "CCONJ" and doc[start].pos_ in ("VERB", "AUX", "NOUN", "DET")
            and doc[start].lower_ not in _VAGUE_NOUNS and doc[start].lower_ not in _VAGUE_VERBS):
        start -= 1
    if any(b.lower_ in _NEGATION for b in doc[start : t.i]):
        return True
    after = [a.lower_ for a in doc[t.i + 1 : min(sent.end, t.i + 12)] if a.text not in (",", ";")]
    return bool(set(after) & _UNASSERTED_AFTER) or ("not" in after and any(
        w.startswith(("identif", "confirm", "verif", "known", "determin", "establish")) for w in after))


def unquantified_outcomes(sent: Span) -> set[str]:
    """Outcomes a sentence reports in the plural with no figure: "others were injured",
    "a number of people were killed", "resulting in deaths and injuries"."""
    doc = sent.doc
    found: set[str] = set()
    for t in sent:
        w = t.lower_
        if w not in _VAGUE_NOUNS and w not in _VAGUE_VERBS:
            continue  # the only words read below
        before = doc[max(sent.start, t.i - 5) : t.i]
        if any(b.lower_ in _NEGATION for b in before) or any(b.like_num for b in before):
            continue
        if any(b.lower_ in _HEARSAY for b in before):
            continue  # "assessing reports of civilian casualties": not said to have happened
        if (w in _VAGUE_NOUNS or w in _VAGUE_VERBS) and _negated(sent, t):
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
