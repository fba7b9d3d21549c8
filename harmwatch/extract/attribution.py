"""Who a figure is attributed to: "according to X", "X said", "X told AFP", "said X".

Works on the dependency parse so that the whole noun phrase of the speaker is kept
("the International Committee of the Red Cross"), and resolves "he said" to the last
speaker named earlier in the document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span, Token

from .lexicon import SAY_VERBS, TOLL_VERBS

_DATELINE = re.compile(r"\s[—–-]\s|^[A-Z][A-Z .,]+:\s|\)\s[-—–]\s")
_DATELINE_ONLY = re.compile(r"^[A-Z][A-Z .,'-]+(?:\([^)]*\)?)?$")
_GENERIC_HEADS = frozenset(
    "ministry committee group agency army military police office organisation organization "
    "council authority authorities department service forces government commission network "
    "observatory hospital source official spokesman spokeswoman spokesperson".split()
)
_DATA_NOUNS = frozenset("figures data statistics records tally tallies numbers count counts estimates".split())
_PRONOUNS = frozenset("he she they it we i".split())
_CONTAINERS = frozenset(
    "estimates estimate figures figure data report reports statement statements tally count "
    "counts toll tolls numbers sources".split()
)


_TOLL_OBJECTS = frozenset("toll number figure count tally dead death deaths casualties wounded injured".split())


@dataclass(frozen=True)
class Attribution:
    source: str
    start: int
    """Character offset of the attribution cue within the sentence's doc."""
    speaker_token: int
    verb: Optional[int] = None
    """Token of the speech verb ("said", "reported", "put"); None for "according to X"."""


def _phrase(tok: Token) -> str:
    """The noun phrase a token heads: a name, never a clause.

    The phrase ends where a relative clause begins ("a fisherman who was on the quay"): it
    describes the speaker, it does not name it. Appositions stay ("the Response Room, a
    network of volunteers"; "the UN agency for refugees, UNRWA").
    """
    cut = [t.left_edge.i for t in tok.subtree if t.i > tok.i and _describes(t, tok)]
    end = min(cut) if cut else tok.right_edge.i + 1
    # a comma before the head ends whatever the parser glued on in front ("..., four of them
    # children, the Civil Defence said"): a name has no comma before its head word
    commas = [t.i for t in tok.doc[tok.left_edge.i : tok.i] if t.text == ","]
    start = commas[-1] + 1 if commas else tok.left_edge.i
    words = list(tok.doc[start:end])
    while words and (words[-1].is_punct or words[-1].dep_ in ("cc",)):
        words.pop()
    while words and words[0].is_punct:
        words.pop(0)
    if not words:
        return tok.text
    text = tok.doc[words[0].i : words[-1].i + 1].text
    # drop a dateline the parser glued on: "YAOUNDE, Cameroon — Officials" → "Officials"
    return _DATELINE.split(text)[-1].strip() or text


def _describes(t: Token, head: Token) -> bool:
    """``t`` opens a relative clause describing ``head`` ("a fisherman who was on the quay"),
    unless the clause carries the name ("a resident who gave only his first name, Jonas")."""
    return t.dep_ == "relcl" and not any(w.pos_ == "PROPN" for w in t.subtree)


def _according_to(sent: Span) -> list[Attribution]:
    found = []
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            to = tok.doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if not objs:
                continue
            obj = objs[0]
            # "according to estimates published Thursday by Al Jazeera" → Al Jazeera
            if obj.lower_ in _CONTAINERS:
                for t in obj.subtree:
                    if t.lower_ in ("by", "from", "of", "in") and t.i > obj.i:
                        pobj = [c for c in t.children if c.dep_ == "pobj"]
                        if pobj:
                            obj = pobj[0]
                            break
            found.append(Attribution(_phrase(obj), tok.idx, obj.i))
    return found


def _speech(sent: Span) -> list[Attribution]:
    found = []
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or not _attributes(tok):
            continue
        # "MOGADISHU — The U.S. military said": the parser may hang the dateline on the verb too
        subj = [c for c in tok.children if c.dep_ in ("nsubj",) and not _is_dateline(c)][-1:]
        if not subj:  # passive "AFP was told by X"
            for c in tok.children:
                if c.dep_ == "agent":
                    subj = [g for g in c.children if g.dep_ == "pobj"]
        if not subj and tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") and not tok.head.like_num:
            # "BANGKOK — A rebel group reported that ..." (not "up from 12 reported earlier")
            subj = [c for c in tok.head.children if c.dep_ == "appos"] or [tok.head]
        if not subj and tok.dep_ == "conj" and _noun_before(tok):
            # "... killed nine and wounded dozens, a nurse and a paramedic said": the parser made
            # "said" a third verb of the clause; its speaker is the noun phrase right before it
            tail = _after_last_comma(sent, tok)
            if tail is not None:
                found.append(Attribution(tail[0], tok.idx, tail[1], tok.i))
                continue
        if not subj and tok.dep_ == "conj":
            # "The Observatory put the toll at 11 and said 23 were wounded": one subject, two verbs
            subj = [c for c in tok.head.children if c.dep_ == "nsubj" and not _is_dateline(c)][-1:]
        if not subj and any(c.dep_ == "auxpass" for c in tok.children):
            continue  # "a man was reported killed": no one is named as saying it
        if not subj and tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "conj") and _attributes(tok.head):
            continue  # "he said, adding that ...": the speaker of "said" speaks on
        if not subj or _is_clause(subj[0]):
            # no subject, or a misparse that made the reported clause the speaker:
            # "X killed 8, a spokesperson for the hospital told AFP"
            tail = _after_last_comma(sent, tok)
            if tail is None:
                continue
            phrase, head_i = tail
            found.append(Attribution(phrase, tok.idx, head_i, tok.i))
            continue
        speaker = _unlisted(subj[0])
        found.append(Attribution(_phrase(speaker), tok.idx, speaker.i, tok.i))
    return found


def _noun_before(verb: Token) -> bool:
    """The word before the verb is a noun ("a paramedic said"), not "and" or an adverb."""
    return verb.i > 0 and verb.doc[verb.i - 1].pos_ in ("NOUN", "PROPN")


def _is_dateline(tok: Token) -> bool:
    """A capitalised place opening the sentence before a dash or a wire's parentheses."""
    sent = tok.sent
    if tok.i - sent.start > 4 or not _DATELINE_ONLY.match(_phrase(tok)):
        return False
    return any(t.text in ("—", "–", "-", "(", "--") for t in tok.doc[tok.i + 1 : min(sent.end, tok.i + 5)])


def _attributes(verb: Token) -> bool:
    """A speech verb, or "put/placed the toll at N" (an estimate is an attribution too)."""
    if verb.lemma_.lower() in SAY_VERBS or verb.lower_ in SAY_VERBS:
        return True
    if verb.lemma_.lower() in ("show", "indicate", "suggest") and any(
        c.dep_ == "nsubj" and c.lower_ in _DATA_NOUNS for c in verb.children
    ):
        return True  # "Israeli figures show", "UN data indicate"
    return (verb.lemma_.lower() in TOLL_VERBS or verb.lower_ in TOLL_VERBS) and any(
        c.dep_ == "dobj" and c.lower_ in _TOLL_OBJECTS for c in verb.children
    )  # "put the death toll at 40", "put the dead at as many as 30"


def _is_clause(tok: Token) -> bool:
    """True when a "speaker" phrase holds a verb of its own (outside relative clauses): a
    finite one, or one with a counted object ("A drone strike ..., killed 8 people, ..."
    misparsed as the subject of "said")."""
    rel = {t.i for c in tok.subtree if c.dep_ == "relcl" for t in c.subtree}
    for t in tok.subtree:
        if t.i in rel:
            continue
        if t.tag_ in ("VBD", "VBZ", "VBP"):
            return True
        if t.pos_ == "VERB" and any(c.dep_ == "dobj" and _counted(c) for c in t.children):
            return True
    return False


def _counted(tok: Token) -> bool:
    """A noun with a number on it: "8 people", "between 8 and 13 civilians"."""
    return any(c.like_num or c.dep_ == "nummod" for c in tok.children)


def _after_last_comma(sent: Span, verb: Token) -> Optional[tuple[str, int]]:
    """The words between the last comma before ``verb`` and the verb: ", officials said";
    a participle aside right before the verb stays with the name before it (", the Civil
    Defence, known as the White Helmets, said")."""
    commas = [t.i for t in sent if t.i < verb.i and t.text == ","]
    end = verb.i
    aside = False
    for comma in reversed(commas):
        words = sent.doc[comma + 1 : end]
        if words and not aside and _participle_aside(words):
            aside, end = True, comma
            continue
        nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN", "PRON")]
        if nouns and len(words) <= 12:
            span = sent.doc[comma + 1 : verb.i] if aside else words
            return span.text.rstrip(" ,"), nouns[0].i
        if words:
            return None
        end = comma
    return None


def _participle_aside(words: Span) -> bool:
    """"known as the White Helmets", "also called X": a description, not a speaker."""
    first = next((t for t in words if t.dep_ != "advmod"), None)
    return first is not None and first.tag_ == "VBN" and first.dep_ == "acl"


def _unlisted(subj: Token) -> Token:
    """The speaker when the parser tied it to the victims before it by a bare comma: "...,
    four of them children, the Civil Defence said" (a real list of speakers has "and"), or
    "..., most of them women and children, the director said" (a share of the dead)."""
    partitive = any(t.dep_ == "prep" and t.lower_ == "of" and any(g.tag_ == "PRP" for g in t.children)
                    for t in subj.subtree if t.i <= subj.i + 1)  # "most of them (porters)"
    if not partitive and any(t.dep_ == "cc" for t in subj.subtree):
        return subj
    deps = ("conj", "appos") if partitive else ("conj",)
    after_comma = [c for c in subj.children if c.dep_ in deps and c.i > subj.i
                   and c.left_edge.i > 0 and subj.doc[c.left_edge.i - 1].text == ","]
    return after_comma[-1] if after_comma else subj


def speaker_of(token: Token, speakers: list[tuple[str, Optional[int]]]) -> Optional[str]:
    """The speaker whose verb governs ``token`` ("... killed 8, officials said, while local
    officials put the wounded at 30-40"), or who reported the noun phrase it sits in ("the toll
    of 95 that the village chief first reported"); None when no verb of theirs does."""
    verbs = {v: src for src, v in speakers if v is not None}
    if len(verbs) < 2:
        return None
    for a in token.ancestors:
        if a.i in verbs:
            return verbs[a.i]
        for c in a.children:
            if c.dep_ == "relcl" and c.i in verbs and a.pos_ in ("NOUN", "PROPN"):
                return verbs[c.i]
    return None


def find_attributions(sent: Span) -> list[Attribution]:
    """Attributions in a sentence, in text order."""
    return sorted(_according_to(sent) + _speech(sent), key=lambda a: a.start)


class SourceTracker:
    """Carries the last named speaker across sentences so "He said ..." gets a name."""

    def __init__(self) -> None:
        self.last: Optional[str] = None
        self.speakers: list[str] = []
        """Sources of earlier sentences, most recent first."""
        self.speakers_here: list[tuple[str, Optional[int]]] = []
        """The current sentence's speakers with their verbs (set by :meth:`source_for`)."""
        self.named: list[str] = []
        """Every source and organisation named so far, for "the ministry said" → its full name."""

    def _expand(self, src: str) -> str:
        """"the ministry" → "Lebanon's Health Ministry", "the governor" → "the regional governor",
        "the sources" → "two security sources" when that was named before."""
        words = src.split()
        if len(words) == 3 and words[0].lower() == "the":
            # "the health directorate" → "the North Darfur health directorate"
            tail = [w.lower() for w in words[1:]]
            for earlier in self.speakers:
                e = earlier.lower().split()
                if e != [w.lower() for w in words] and e[-2:] == tail and "and" not in e:
                    return earlier
        if len(words) == 2 and words[0].lower() == "the":
            head = words[1].lower()
            for earlier in reversed(self.speakers + self.named if head in _GENERIC_HEADS else self.speakers):
                if head in earlier.lower().replace(",", " ").split() and earlier.lower() != src.lower():
                    return earlier
            if head in ("group", "organisation", "organization", "agency", "watchdog", "monitor"):
                # "Human Rights Watch said ... the group added": the last organisation that spoke,
                # else the last one named
                named = [n for n in self.speakers + self.named
                         if n.lower() != src.lower() and any(w[:1].isupper() for w in n.split()[-3:])]
                if named:
                    return named[0] if self.speakers and named[0] in self.speakers else named[-1]
        return src

    def source_for(self, sent: Span) -> Optional[str]:
        """The sentence's source; :attr:`speakers_here` keeps each speaker with its verb."""
        chosen: Optional[str] = None
        main: Optional[str] = None
        self.speakers_here = []
        self.named.extend(e.text for e in sent.ents if e.label_ == "ORG")  # before speakers: theirs is fuller
        for att in find_attributions(sent):
            src = att.source
            first = src.split()[0].lower() if src.split() else ""
            if _is_dateline(sent.doc[att.speaker_token]):
                continue  # "KABUL (AFP": a wire dateline, not a speaker
            if src.lower() in _PRONOUNS or (first in _PRONOUNS and len(src.split()) == 1):
                # "The military said ...; it said three fighters were killed": this sentence's
                # speaker first, else the last one before it
                src = next((s for s, _ in reversed(self.speakers_here)), None) or self.last or None
            else:
                src = self._expand(src)
                self.named.append(src)
                self.speakers.insert(0, src)
                if main is None or (att.verb is not None and sent.doc[att.verb].dep_ == "ROOT"):
                    main = src  # "it" later means the main clause's speaker, not an embedded one
            if src:
                self.speakers_here.append((src, att.verb))
            if chosen is None and src:
                chosen = src
        if main is not None:
            self.last = main
        if chosen is None:
            people = [e for e in sent.ents if e.label_ == "PERSON"]
            if people:  # "Dr Haddad spoke to reporters. She said ..." → Dr Haddad
                self.last = _phrase(people[-1].root)
        return chosen
