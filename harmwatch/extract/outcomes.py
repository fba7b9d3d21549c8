"""What a figure counts: killed, injured, missing or displaced, from the words around it.

Cues nearest the figure win: its own noun ("66 wounded"), a verb right before it ("killing at
least seven"), a cue after its noun ("21 people were killed"), one before it ("the death toll
rose to 86"), or its place in the parse (the subject of "died").
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from .figures import Figure, tokens_for
from . import lexicon
from .lexicon import AFTER_CUES, GROUP_WORDS, OUTCOME_WORDS, SAY_VERBS, TRANSPARENT_VERBS

_BOUNDARY_PUNCT = frozenset([";", ":", "(", ")"])
CLAUSE_OPENERS = frozenset("when after while because before as where until whereas".split())
"""Words that open another clause: a cue beyond them is not the figure's."""
AFTER_WINDOW = 7
"""Tokens read after a figure's noun for its outcome (and for hedges)."""
_AFTER_SKIP = frozenset(["aged", "suffered", "sustained", "left"])
BEFORE_WINDOW = 12
"""Tokens read back before a figure."""
SINGULAR_ONE = frozenset(["a", "an", "one"])


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
    """The first outcome cue after the victims, within the clause. A participle right after
    them ("five people sheltering at the school were injured") describes them: the predicate
    after it says what happened, the participle only when no predicate does."""
    doc = sent.doc
    if start < sent.end and doc[start].tag_ == "VBG" and doc[start].lower_ in AFTER_CUES:
        j = start + 1
        while j < sent.end and doc[j].tag_ in _PHRASE_TAGS:
            j += 1
        if j > start + 1:
            return _cue_after(sent, j, stop_at) or AFTER_CUES[doc[start].lower_]
    return _cue_after_from(sent, start, stop_at)


_PHRASE_TAGS = frozenset("IN DT PRP$ JJ NN NNS NNP NNPS CD POS HYPH".split())


def _shares_subject(doc, cc: Token) -> bool:
    """"two soldiers were shot and killed": the verb after "and" has the figure's subject."""
    nxt = doc[cc.i + 1]
    return nxt.dep_ == "conj" and nxt.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in nxt.children)


def _fatal_manner(doc, t: Token) -> Optional[str]:
    """"stabbed to death", "beaten to death", "fatally shot": a killing told by its manner."""
    nxt = [x.lower_ for x in doc[t.i + 1 : t.i + 3]]
    if t.pos_ == "VERB" and nxt == ["to", "death"] and t.lemma_.lower() not in _SENTENCING_LEMMAS \
            and not any(x.lemma_.lower() in _SENTENCING_LEMMAS for x in doc[max(0, t.i - 8) : t.i]):
        return "killed"  # not "sentenced five of the accused to death": the verdict's "to death"
    if t.pos_ == "VERB" and any(c.lower_ in ("fatally", "mortally") for c in t.children):
        return "killed" if any(c.lower_ == "fatally" for c in t.children) else "injured"
    return None


_SENTENCING_LEMMAS = frozenset("sentence condemn".split())


def _share_aside(doc, i: int, end: int) -> bool:
    """"106 civilians, 24 of them children, were killed": a share of the figure, set off by commas."""
    return i + 2 < end and doc[i].like_num and doc[i + 1].lower_ == "of" and doc[i + 2].lower_ in ("them", "whom")


def _cue_after_from(sent: Span, start: int, stop_at: set[int]) -> Optional[str]:
    doc = sent.doc
    i, end, among, coordinated = start, min(sent.end, start + AFTER_WINDOW), -1, False
    while i < end:
        t = doc[i]
        if t.text == "," and i + 1 < sent.end and (doc[i + 1].lower_ in _ASIDE_OPENERS or _share_aside(doc, i + 1, sent.end)):
            # "eight people, among them four civilians, were wounded": read on past the aside
            close = next((j for j in range(i + 2, min(sent.end, i + 12)) if doc[j].text == ","), None)
            if close is not None:
                i, end = close + 1, min(sent.end, close + 1 + AFTER_WINDOW)
                continue
        if t.dep_ == "acl" and t.head.i < t.i and t.lemma_.lower() in _SENTENCING_LEMMAS:
            return None  # "the four men sentenced to death in 2019 for the blasts that killed 71"
        if t.dep_ == "acl" and t.head.i < t.i and t.tag_ in ("VBG", "VBN") and t.lower_ not in OUTCOME_WORDS:
            # "35 civilians belonging to two families were killed": read past the modifier
            i = max(x.i for x in t.subtree) + 1
            end = min(sent.end, i + AFTER_WINDOW)
            continue
        if t.lower_ == "among":
            among = i  # "Eleven children were among 16 people killed": the larger figure's cue
        if t.i in stop_at and doc[t.i - 1].lower_ == "and" and doc[t.i - 2].text != "," \
                and not coordinated:
            # "five women and two children were among the dead": one predicate for both figures;
            # not "rose to 53, among them an ambassador, and 266 were wounded": another clause
            coordinated, end = True, min(sent.end, end + AFTER_WINDOW)
            i += 1
            continue
        if (t.i in stop_at and not (0 <= among and i - among <= 3)) or t.text in _BOUNDARY_PUNCT or t.text == ",":
            return None
        if t.lower_ in CLAUSE_OPENERS and t.dep_ in ("mark", "advmod"):
            return None  # "has risen to 23 as more of the wounded died": another clause's
        i += 1
        if _verdict(doc, sent, t):
            return None  # "sentenced 12 soldiers to death": a verdict, not a death
        if t.pos_ == "CCONJ" and t.i + 1 < sent.end and doc[t.i + 1].pos_ in ("VERB", "AUX") \
                and not _shares_subject(doc, t):
            return None  # "killed five people and wounded 15": the next predicate is not ours
        if t.lower_ in _AFTER_SKIP:
            continue
        if t.lower_ in _SURVIVED:
            return None  # "20 were pulled alive from the rubble": rescued, no one's toll
        if t.lower_ in OUTCOME_WORDS and t.lower_ != "toll":
            if t.lower_ == "lives":
                if any(w.lemma_.lower() == "lose" for w in doc[max(sent.start, t.i - 3) : t.i]):
                    return "killed"  # "had lost their lives"
                continue
            if _either_outcome(doc, t):
                return MIXED  # "killed or injured": dead and hurt together, a figure of neither
            return OUTCOME_WORDS[t.lower_]
        if t.lower_ in AFTER_CUES and not _attribution(doc, t):
            return AFTER_CUES[t.lower_]
        idiom = _idiom(doc, t) or _fatal_manner(doc, t)
        if idiom:
            return idiom
        if t.pos_ == "VERB" and t.lower_ not in TRANSPARENT_VERBS and t.lemma_.lower() not in TRANSPARENT_VERBS:
            return None
    return None


_SURVIVED = frozenset("alive rescued safety unharmed unhurt".split())


def _attribution(doc, t: Token) -> bool:
    """"..., hospital officials said": a source of the figure, not where the victims are."""
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    return nxt is not None and (nxt.lower_ in lexicon.words("source_nouns.txt")
                                or nxt.lemma_.lower() in SAY_VERBS)


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


def _cue_before(sent: Span, fig: Figure, stop_at: set[int]) -> Optional[str]:
    doc = sent.doc
    first = tokens_for(sent, fig.q.start, fig.q.end)[0]  # before "as many as", not inside it
    lo = max(sent.start, first - BEFORE_WINDOW)
    if first - 1 >= sent.start and doc[first - 1].lower_ == "with":
        return None  # "wounded in a firefight with about 40 members of the group": the other side
    for t in reversed(list(doc[lo : first])):
        if t.text == ":" and t.i > sent.start and doc[t.i - 1].lower_ in OUTCOME_WORDS:
            return OUTCOME_WORDS[doc[t.i - 1].lower_]  # "Among the dead: 4 soldiers, 2 police ..."
        if t.i in stop_at or t.text in _BOUNDARY_PUNCT or t.lower_ in CLAUSE_OPENERS:
            return None  # "... wounded on Monday when four suicide bombers hit": another clause
        w = t.lower_
        if _verdict(doc, sent, t):
            return None  # "sentenced 12 men to death and nine others to prison terms"
        if w in _TOLL_NOUNS:
            return _toll_counts(t)
        if w in OUTCOME_WORDS and w not in ("refugee", "refugees", "homeless", "bodies"):
            if _kin_of(doc, t):
                return None  # "relatives of the dead were among the thousands who attended"
            return OUTCOME_WORDS[w]
        if t.pos_ == "VERB" and w not in TRANSPARENT_VERBS and t.lemma_.lower() not in TRANSPARENT_VERBS:
            return None
        if t.pos_ == "NOUN" and w not in ("number", "toll", "tally", "count", "death", "people") and t.lower_ not in GROUP_WORDS:
            if t.dep_ in ("nsubj", "dobj") and t.i < fig.first - 3:
                return None
    return None


_KIN = frozenset("relatives families family kin survivors friends widows orphans mourners".split())


def _kin_of(doc, t: Token) -> bool:
    """"relatives of the dead", "families of the victims": the outcome word names whose kin
    they are, not what happened to the people counted."""
    before = [x.lower_ for x in doc[max(0, t.i - 3) : t.i]]
    return "of" in before and any(w in _KIN for w in before[: before.index("of")])


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})


_ANAPHORS = frozenset("it figure tally toll".split())
_TOLL_NOUNS = frozenset("toll tally count".split())


def _toll_counts(toll: Token) -> str:
    """What a toll counts: the hurt after "injury", else the dead."""
    doc = toll.doc
    return "injured" if toll.i > 0 and doc[toll.i - 1].lower_ in ("injury", "injuries") else "killed"


def _named_before(sent: Span, verb: Token) -> Optional[str]:
    """"The toll was raised several times; a committee later put it at 587", "15 dead before
    revising the figure to 13": the verb's "it" or "the figure" is a toll named earlier in the
    sentence, and counts what that toll counts."""
    doc = sent.doc
    refs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lower_ in _ANAPHORS]
    if not refs:
        return None
    for t in reversed(list(doc[sent.start : refs[0].i])):
        w = t.lower_
        if w in _TOLL_NOUNS:
            return _toll_counts(t)
        if w in OUTCOME_WORDS and w not in ("refugee", "refugees", "homeless", "bodies", "lives"):
            return OUTCOME_WORDS[w]
    return None


def _cue_parse(sent: Span, fig: Figure) -> Optional[str]:
    """Walk up the parse from the figure: the subject of "died", the toll that "was reported to be 56"."""
    tok = sent.doc[fig.last]
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            if head.lower_ in OUTCOME_WORDS:
                up = head.head
                if head.dep_ in _SUBJECTS and up.pos_ in ("VERB", "AUX") and up.lower_ in OUTCOME_WORDS:
                    # "33 civilians, most of them displaced people, were killed", with "displaced"
                    # parsed as a verb subject of "killed": the predicate says what happened
                    return OUTCOME_WORDS[up.lower_]
                return OUTCOME_WORDS[head.lower_]
            if head.lemma_.lower() not in TRANSPARENT_VERBS and head.lower_ not in TRANSPARENT_VERBS:
                return None
            subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i]
            for c in subjects:  # every subject: a dateline can be parsed as one ("PESHAWAR — The toll")
                for s in c.subtree:
                    if s.lower_ in OUTCOME_WORDS and s.lower_ not in ("refugees", "refugee") \
                            and not _kin_of(sent.doc, s):
                        return OUTCOME_WORDS[s.lower_]
            said = _named_before(sent, head)
            if said is not None:
                return said
            if subjects:
                return None
        if head.lower_ == "with" and head.dep_ == "prep":
            return None  # "wounded in a gunfight with about 30 rebels": the other side
        if head.dep_ in ("advcl", "relcl", "conj", "parataxis") and head.pos_ in ("VERB", "AUX"):
            return None  # "wounded on Monday when four bombers hit": the next clause up is not ours
        tok = head
    return None


def _named_by_noun(sent: Span, q_first: int) -> Optional[str]:
    """"the killing of seven", "the deaths of 11", "the injury of a dozen": a harm noun right
    before "of" and the figure says what the figure counts, whatever cue follows."""
    if q_first - 2 < sent.start or sent.doc[q_first - 1].lower_ != "of":
        return None
    noun = sent.doc[q_first - 2]
    w = noun.lower_
    if w not in OUTCOME_WORDS or w in ("toll", "lives", "bodies", "remains") or noun.pos_ != "NOUN":
        return None
    return OUTCOME_WORDS[w]


def outcome_of(sent: Span, fig: Figure, other: set[int]) -> Optional[str]:
    """What the figure counts, from the words around it; cues nearest the figure win."""
    noun = fig.noun
    q_first = tokens_for(sent, fig.q.start, fig.q.end)[0]
    if [t.lower_ for t in sent.doc[max(sent.start, q_first - 2) : q_first]] in (["bodies", "of"], ["remains", "of"]):
        return "killed"  # "the bodies of 11 men were found", "the bodies of 29 children and 48 wounded"
    named = _named_by_noun(sent, q_first)
    if named is not None:
        return named  # "the killing of seven children and the injury of a dozen others"
    fellow = fellow_victims(noun)
    if fellow is not None:
        return fellow  # "the minister was killed with 13 others"
    if noun is not None and noun.lower_ in ("refugees", "refugee") and noun.head.lemma_.lower() in _STAYING:
        return None  # "where 600,000 refugees already live": a population, not a displacement
    if noun is not None and noun.lower_ in ("refugees", "refugee"):
        harm = _harm_to_status(noun)
        if harm is not None:
            return harm  # "attackers killed more than 150 Congolese refugees": who, not what
    if noun is not None and noun.lower_ in OUTCOME_WORDS:
        if _either_outcome(sent.doc, noun):
            return MIXED  # "dozens of martyred and wounded": one figure for both
        return OUTCOME_WORDS[noun.lower_]  # "20 to 30 deaths", "66 wounded"
    if noun is not None and noun.lower_ in ("casualties", "casualty"):
        return "killed"  # "three fatal casualties" (bare "casualties" never reaches here)
    if noun is not None and noun.i > fig.last:
        for t in sent.doc[fig.last + 1 : noun.i]:  # "190 wounded civilians"
            if t.lower_ in ("displaced", "homeless"):
                # "19 displaced persons were killed", "killing 19 displaced persons": a status; the
                # predicate says what happened — the verb right before, never one of an earlier
                # clause ("five were injured, and that about 4,000 displaced people ...")
                before = sent.doc[q_first - 1] if q_first > sent.start else None
                verb = OUTCOME_WORDS.get(before.lower_) if before is not None and before.pos_ == "VERB" else None
                return _cue_after(sent, noun.i + 1, other) or verb or OUTCOME_WORDS[t.lower_]
            if t.lower_ in OUTCOME_WORDS and t.lower_ not in ("toll", "lives"):
                return OUTCOME_WORDS[t.lower_]
    # a single victim ("an injured child") is read from its noun, not from its article
    near = q_first if fig.q.start != fig.q.number_start else fig.first
    adjacent = sent.doc[near - 1] if near > sent.start else None
    if adjacent is not None and adjacent.pos_ == "VERB" and adjacent.lower_ in OUTCOME_WORDS:
        return OUTCOME_WORDS[adjacent.lower_]  # "killing at least seven", "wounded 15"
    if adjacent is not None and adjacent.pos_ == "VERB" and adjacent.lower_ in ("treating", "treated"):
        return "injured"  # "doctors were treating about a dozen people"
    after_start = (noun.i + 1) if noun is not None else fig.last + 1
    if noun is not None and fig.q.text.split()[0].lower() in SINGULAR_ONE:  # "a paramedic (48) ..."
        # "a paramedic, Hatem Awad (48), was killed": read on after the name and its asides
        after_start = max(t.i for t in noun.subtree) + 1
        while after_start < sent.end and sent.doc[after_start].text in (",", ")"):
            after_start += 1
    if any(t.lower_ in _SURVIVED for t in sent.doc[after_start : min(sent.end, after_start + 4)]):
        return None  # "and 20 were pulled alive": not the dead of the clause before
    after = _cue_after(sent, after_start, other)
    if after is not None:
        return after
    if noun is not None and _doer(noun):
        return None  # "where 25 to 30 gunmen ... surrounded the building": who acted, not who died
    return _cue_before(sent, fig, other) or _cue_parse(sent, fig)


def fellow_victims(noun: Optional[Token]) -> Optional[str]:
    """"was killed (along) with 13 others", "died together with four civilians": the people
    beside the subject shared its fate. Not "a firefight with 40 rebels" ("with" hangs on a
    noun) nor "clashed with 30 protesters" (a verb of no harm)."""
    if noun is None or noun.dep_ != "pobj" or noun.lower_ not in GROUP_WORDS:
        return None
    prep = noun.head
    if prep.lower_ == "of" and prep.head.dep_ == "pobj":  # "with six of his guards"
        prep = prep.head.head
    if prep.lower_ != "with" or prep.head.pos_ != "VERB":
        return None
    outcome = OUTCOME_WORDS.get(prep.head.lower_)
    return outcome if outcome != "displaced" else None


def _harm_to_status(noun: Token) -> Optional[str]:
    """A status noun ("refugees") as the object or subject of a verb of harm: the verb's outcome
    ("killed 150 refugees", "12 refugees were shot dead", "refugees died")."""
    verb = noun.head
    if noun.dep_ not in ("dobj", "nsubjpass", "nsubj") or verb.pos_ != "VERB":
        return None
    words = [verb] + [c for c in verb.children if c.dep_ in ("acomp", "oprd", "advmod") and c.i > verb.i]
    for w in reversed(words):  # "shot dead": the word after the verb says more
        outcome = OUTCOME_WORDS.get(w.lower_)
        if outcome is not None and outcome != "displaced":
            return outcome
    return None


def _doer(noun: Token) -> bool:
    """The figure's noun is the subject of an active verb that tells no harm to it: its own
    parse, or the next finite verb after an aside between commas (the parser often hangs
    "where 25 gunmen, some carrying flags, surrounded ..." on the wrong word)."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.i < noun.i:
        doc, i = noun.doc, noun.i + 1
        if i < len(doc) and doc[i].text == ",":
            i = next((j + 1 for j in range(i + 1, min(len(doc), i + 12)) if doc[j].text == ","), len(doc))
        if i >= len(doc) or doc[i].tag_ not in ("VBD", "VBZ", "VBP"):
            return False
        verb = doc[i]
    return (verb.pos_ == "VERB" and verb.lower_ not in OUTCOME_WORDS
            and verb.lemma_.lower() not in TRANSPARENT_VERBS and verb.lower_ not in TRANSPARENT_VERBS
            and not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children))
