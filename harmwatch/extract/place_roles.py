"""Places a sentence names that are not where its event happened: where the hurt were taken,
where victims or attackers came from, where people fled, where a court sits, a route's ends,
a border, a summit's town, a country or capital acting as a party ("Pakistan's intelligence
service", "U.S. soldiers", "Israel says", "accused Moscow of"). ``where_it_happened`` filters
one sentence's places; ``aside`` drops a place from the whole report."""
from __future__ import annotations

import re
from bisect import bisect_right

from ..models import Place
from . import lexicon, nlp
from .lexicon import SAY_VERBS

_CARE = r"(?:(?:a|the|local|nearby|several|two|three)\s+)?(?:hospitals?|clinics?|morgues?|mortuar(?:y|ies))"
_TAKEN_TO = re.compile(
    rf"(?:\b(?:died|dying|treated|admitted|succumbed)\s+(?:in|at)\s+{_CARE}\s+(?:in|at)"
    rf"|\b(?:taken|rushed|evacuated|flown|airlifted|transferred|brought)\s+to(?:\s+{_CARE}\s+(?:in|at))?"
    r"|\b(?:the\s+)?(?:dead|injured|wounded|casualties|bodies)\s+to)"
    r"\s+(?:the\s+)?(?:nearby\s+|neighbouring\s+|city\s+of\s+)?$", re.I)
"""Where the hurt were taken ("died in hospitals in", "flown to", "carried the dead and injured
to"): not where it happened."""


_ORIGIN = re.compile(
    r"\b(?:people|persons|residents|famil(?:y|ies)|refugees|displaced|wom[ae]n|m[ae]n|children|"
    r"victims|natives?|originally|(?:gun|young\s+)m[ae]n|attackers?|bombers?|assailants?|"
    r"who\s+(?:came|had\s+fled|fled))\s+from\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,2}(?:,\s+|,?\s+and\s+))*$")
"""Where the victims (or the attackers) came from ("displaced people from Aleppo, Homs and Deir
ez-Zor", "the gunmen from Kairouan")."""


_FLED_TO = re.compile(
    r"\b(?:fled|flee|flees|fleeing|escaped)\s+"
    r"(?:[\w'’-]+\s+){0,4}?(?:for|to|towards?|into)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$"
    r"|\b(?:survivors|refugees|those)\s+(?:[\w'’-]+\s+){0,8}?who\s+(?:had\s+)?(?:reached|made\s+it\s+to|"
    r"crossed\s+(?:in)?to|arrived\s+in)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", re.I)
"""Where people fled to ("have fled Seytenga for the regional capital Dori", "survivors ... who
reached the Chadian border town of Adré"): not where it happened."""


_COURT_IN = re.compile(
    r"\b(?:courts?|tribunals?|trials?|hearings?|judges?|prosecutors?)\s+(?:sitting\s+)?in\s+(?:the\s+)?$", re.I)
_COURT_OF = re.compile(r"^(?:['’]s)?\s+(?:(?:high|special|district|military|criminal|anti-terrorism)\s+)?"
                       r"(?:courts?|tribunals?|prosecutors?|prosecutor['’]s\s+office)\b", re.I)
"""Where a court sits ("the special assize court in Paris convicted ... over the attack in
Nice", "the Paris prosecutor said"): the court's town, not the attack's."""


_ROUTE = re.compile(
    r"\b(?:travell?ing|travell?ed|bound|heading|headed|en\s+route|on\s+(?:its|their|his|her)\s+way|running|"
    r"flying|driving|sailing)\s+(?:from\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,3}?)?(?:from|to|for|towards?)\s+(?:the\s+)?$")
"""Where a train, bus or plane was going or came from ("the Jaffar Express was travelling from
Quetta to Peshawar when it was attacked"): not where it was attacked."""


def _courts(text: str, span: tuple[int, int]) -> bool:
    """The place is a court's town: an attack told at its trial happened elsewhere (an arrest
    at the court did not)."""
    return bool(_COURT_IN.search(text[max(0, span[0] - 40) : span[0]]) or _COURT_OF.match(text[span[1] : span[1] + 30]))


def where_it_happened(text: str, places: list[Place], harm: bool = True) -> list[Place]:
    """A sentence's places but where the victims came from ("displaced families from Homs"),
    where a court sits (of an event of ``harm``) and where the hurt were taken ("died in
    hospitals in Peshawar", "flown to Kabul"), save a named hospital where the sentence names
    no town or finer place (with none left the event keeps an earlier sentence's place)."""
    places = [p for p in places if not (p.span and (_ORIGIN.search(text[max(0, p.span[0] - 80) : p.span[0]])
                                                   or _FLED_TO.search(text[max(0, p.span[0] - 120) : p.span[0]])
                                                   or (harm and _courts(text, p.span))))]
    taken = [p for p in places if p.span and _TAKEN_TO.search(text[max(0, p.span[0] - 60) : p.span[0]])]
    kept = [p for p in places if p not in taken]
    # "Gaza's health ministry said 19 were killed in the strike on al-Mawasi", "hospital sources
    # in Blida said 120 died at Sidi Hamed, near Meftah": who counts
    counting = [p for p in kept if p.span and (_MINISTRY_AFTER.match(text[p.span[1] : p.span[1] + 40])
                                                or _SOURCES_IN.search(text[max(0, p.span[0] - 80) : p.span[0]]))]
    if len(counting) < len(kept):
        kept = [p for p in kept if p not in counting]
    if any(p.precision in ("point", "neighbourhood", "city") for p in kept):
        return kept
    # a named hospital the wounded were taken to is near them: closer than a region
    return kept + [p for p in taken if p.precision == "point"]


_BORDER = re.compile(r"\b(?:border|borders|frontier|frontiers)\s+(?:with|of)\s+(?:the\s+)?"
                     r"(?:(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)?\s*(?:,\s*|\s+and\s+))*$", re.I)
""""near the borders with Rwanda and Burundi": the neighbours named, not where it happened."""


_MEETING = re.compile(r"\b(?:summit|talks|negotiations|conference)\s+(?:(?:held|due|opening)\s+)?in\s+(?:the\s+)?$", re.I)
"""Where diplomats meet ("a day before a peace summit in Minsk"): not where the war is."""


_BASED_IN = re.compile(
    r",\s+(?:now\s+|mainly\s+|largely\s+|mostly\s+)?(?:based|headquartered)\s+in\s+(?:the\s+)?(?-i:[a-z-]+\s+)?$"
    r"|\b(?:operating|operates|operate)\s+from\s+(?:its\s+|their\s+)?bases\s+in\s+(?:the\s+)?(?-i:[a-z-]+\s+)?$", re.I)
"""Where a group is based, told in an aside ("The ADF, now based in eastern Congo, has continued
to attack"): its home, not where it struck."""


_FEATURE_AFTER = re.compile(r"^\s+(?:river|delta|basin|estuary)\b", re.I)


_STATE_BODY_AFTER = re.compile(
    r"^['’]s\s+(?:[\w-]+\s+){0,2}?(?:intelligence|government|army|military|ministry|president|"
    r"prime\s+minister|embassy|ambassador|envoy|foreign|defen[cs]e|spy|security\s+services|navy|"
    r"air\s+force|regime|leaders?hip)\b", re.I)


_FORCE_AFTER = re.compile(
    r"^\.?\s+(?:(?:special|ground|armed|security|naval|air|military|army|government|"
    r"coalition|backed|led)\s+)?(?:soldiers|troops|forces|officers|marines|paratroopers|"
    r"commandos|warplanes|jets|aircraft|drones|gunships|helicopters|personnel|servicemen)\b", re.I)
"""A country named as the troops' own ("U.S. soldiers fired on a crowd", "UK forces"): whose
they are, not where they were."""


_SOURCES_IN = re.compile(
    r"\b(?:hospital|medical|health|security|police|rescue|local|official)\s+(?:sources|officials|staff|workers|"
    r"doctors)\s+(?:in|at)\s+(?:the\s+)?(?:(?-i:[A-Z])[\w'’-]*(?:\s+[\w'’-]+){0,2}(?:,\s+|,?\s+and\s+))*$", re.I)
"""Where those who count work ("according to hospital sources in Blida and Meftah"): dropped
when the sentence names another place, like a ministry's country."""


_MINISTRY_AFTER = re.compile(r"^['’]s\s+(?:[\w-]+\s+){0,2}?ministry\b", re.I)


def aside(text: str, place: Place, parsed, starts: list[int]) -> bool:
    """A place named in passing: "near the border with Burkina Faso", where a train was going or
    people fled to, where diplomats meet, where a group is based, a river named like a country,
    a country's state body ("Pakistan's intelligence service"), or a capital speaking for its
    government ("Israel says", "Moscow, which holds a veto, stood by ..."). ``starts``: the
    paragraphs' offsets."""
    if place.span is None:
        return False
    if _BORDER.search(text[max(0, place.span[0] - 30) : place.span[0]]):
        return True
    if _FLED_TO.search(text[max(0, place.span[0] - 120) : place.span[0]]):
        return True  # no event of the report takes it, even as the last place named before it
    if _ROUTE.search(text[max(0, place.span[0] - 60) : place.span[0]]):
        return True  # "travelling from Quetta to Peshawar when it was attacked"
    if _MEETING.search(text[max(0, place.span[0] - 40) : place.span[0]]):
        return True
    if _BASED_IN.search(text[max(0, place.span[0] - 50) : place.span[0]]):
        return True  # "The ADF, now based in eastern Congo, ...": a group's home
    if place.precision == "country" and _FEATURE_AFTER.match(text[place.span[1] : place.span[1] + 20]):
        return True  # "a boat on the Niger river": a river, not the country
    if place.precision == "country" and (_STATE_BODY_AFTER.match(text[place.span[1] : place.span[1] + 50])
                                         or _FORCE_AFTER.match(text[place.span[1] : place.span[1] + 40])):
        return True  # "with the support of Pakistan's intelligence service", "U.S. soldiers": a party
    # the paragraph holding the place, by bisection: a scan over every paragraph for every
    # place made long documents quadratic (issue 10)
    i = bisect_right(starts, place.span[0]) - 1
    for off, doc in parsed[max(i, 0) : i + 1]:
        if off <= place.span[0] < off + nlp.length(doc):
            span = doc.char_span(place.span[0] - off, place.span[1] - off, alignment_mode="expand")
            lemma = span.root.head.lemma_.lower() if span is not None else ""
            if span is not None and span.root.dep_ == "nsubj" and (
                    lemma in SAY_VERBS or lemma in lexicon.words("stance_verbs.txt")):
                return True
            if span is not None and span.root.dep_ == "dobj" and place.precision in ("city", "country") \
                    and lemma in lexicon.words("party_object_verbs.txt"):
                return True  # "accused Moscow of waging war": a government, not a place
    return False
