"""What two reports share besides type, date and place: words, weapons named, places named.

Why: real coverage often lacks what clustering keys on. An undated follow-up, a report that
says "the capital" instead of naming the city, or an outlet that calls an air strike "the
bombing" still tells a reader it is the same strike, by the rare words it shares ("Shabelle
fish market", "the river gate") and by naming the other report's place. All measures here are
pairwise and independent of the rest of the corpus (no IDF), so clustering a part of the store
gives what clustering all of it would.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Iterable, Optional

from ..extract import lexicon
from ..models import Place
from ..resolve.actors import find_actors
from ..resolve.names import country_from_adjective
from .cues import fold

# Weapons and means named in the words about an event, by the event type they point to.
# An event whose words name none of them ("the attack", "the bombing", "the assault") was
# typed without evidence of the weapon: its type may differ from another outlet's.
MEANS: dict[str, str] = {
    "air": (r"air ?strikes?|airstrikes?|air ?raids?|warplanes?|fighter jets?|jets?|aircraft|"
            r"aerial|from the air|drones?|helicopters?|gunships?|glide bombs?|barrel bombs?"),
    "artillery": (r"shell(?:s|ed|ing)?|artillery|mortars?|rockets?|missiles?|howitzers?|"
                  r"tank fire|ballistic"),
    "ied": (r"ieds?|roadside bombs?|car bombs?|truck bombs?|car bombing|truck bombing|"
            r"landmines?|explosive devices?|planted|booby[- ]trap\w*|bomb-laden|vbied"),
    "suicide": r"suicide|blew (?:him|her)self up|self-detonat\w*",
    "grenade": r"grenades?",
    "gunfire": r"opened fire|shot dead|gunfire|gunmen|fired on|bullets?|shooting|machine ?guns?",
}
_MEANS_RE = {k: re.compile(rf"\b(?:{v})\b", re.I) for k, v in MEANS.items()}
MEANS_OF_TYPE: dict[str, frozenset[str]] = {
    "Air/drone strike": frozenset({"air"}),
    "Shelling/artillery/missile attack": frozenset({"artillery"}),
    "Remote explosive/landmine/IED": frozenset({"ied", "suicide"}),
    "Suicide bomb": frozenset({"suicide", "ied"}),
    "Grenade": frozenset({"grenade"}),
    "Armed clash": frozenset({"gunfire"}),
    "Excessive force against protesters": frozenset({"gunfire"}),
    "Attack": frozenset(),
}

STOPWORDS = frozenset("""
about above after again against also among another around because been before being below
between both could daily does doing down during each early either from further have having
here hers herself himself into itself just least less like made many more most much must near
nearly next only other others over own same said says should since some such than that their
theirs them themselves then there these they this those through under until upon very were
what when where which while whom whose will with within without would your yours
people killed wounded injured dead died death deaths toll attack attacks strike strikes
struck monday tuesday wednesday thursday friday saturday sunday january february march april
june july august september october november december according told reported report reports
official officials later earlier least number including added city town village province
killing wounding bomb bombs bombing bombed blast explosion attacked
rose risen rises rising yesterday today tonight bodies body victims
""".split())
_WORD = re.compile(r"[a-z][a-z'-]{3,}")


def means(text: str) -> frozenset[str]:
    """The kinds of weapon the words name ("warplanes struck" → air)."""
    return frozenset(k for k, rx in _MEANS_RE.items() if rx.search(text or ""))


def content_words(text: str) -> frozenset[str]:
    """Folded words of four letters or more, minus function words and words every conflict
    report uses (killed, strike, weekday names)."""
    return frozenset(w.strip("'-") for w in _WORD.findall(fold(text)) if w not in STOPWORDS)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Cosine of two word sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def _names(place: Place) -> Iterable[str]:
    for n in (place.name, place.resolved_name):
        key = fold(n)
        if len(key) >= 4:
            yield key


@lru_cache(maxsize=256)
def _forms(folded_text: str) -> tuple[str, str]:
    """The text padded with spaces and without any: a report's text is asked about every
    other report's place, so its two forms are made once."""
    return f" {folded_text} ", folded_text.replace(" ", "")


def names_place(folded_text: str, place: Optional[Place]) -> bool:
    """Whether a report's (folded) text names ``place`` — "the prison in the northern suburb
    of Qadisiya" names Qadisiya though the report's event was placed in the city. Spaces are
    ignored too, for spellings that split a name ("Ban Na Kham" / "Bannakham")."""
    if place is None or not folded_text:
        return False
    padded, squeezed = _forms(folded_text)
    for key in _names(place):
        if f" {key} " in padded:
            return True
        if len(key.replace(" ", "")) >= 6 and key.replace(" ", "") in squeezed:
            return True
    return False


PROVINCE_WORDS = ("province", "provincial", "region", "regional", "oblast", "governorate",
                  "state", "countryside", "district", "county", "prefecture")
_PROVINCE = "|".join(PROVINCE_WORDS)


def names_province(folded_text: str, name: Optional[str]) -> bool:
    """Whether the text uses ``name`` as a province ("Hama countryside", "the Kherson
    regional governor", "the province of Idlib"): a city named like its province is then
    not evidence of the city."""
    key = fold(name)
    if not key or not folded_text:
        return False
    return bool(re.search(rf"\b{re.escape(key)} (?:{_PROVINCE})\b|\b(?:{_PROVINCE}) of "
                          rf"{re.escape(key)}\b", folded_text))


_CAPITALISED = re.compile(r"(?<![.!?:\"“”—–-]\s)(?<![.!?:\"“”—–-])(?<!^)\b[A-Z][\w'’-]{2,}(?:\s+[A-Z][\w'’-]+)*")
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|of|on|from|into|around)\s+(?:the\s+)?$", re.I)
_NEXT_WORDS = re.compile(r"(?:['’]s)?((?:\s+[a-z]+){1,2})")


def landmarks(text: str, places: Iterable[Place] = ()) -> frozenset[str]:
    """Names of places a report uses besides its resolved towns and countries: a village
    the gazetteer lacks ("in Ogossagou"), a site it placed (another report may not), a
    landmark ("at Abbey Gate", "the Westgate shopping centre"), a place named with its kind
    or its attack ("the Zoobe junction", "the Karrada bombing"). Two reports that
    share one tell of the same place even when neither could be placed. Only names after a
    locative word or before a kind of place or an attack count, so people's names do not;
    titles and institutions (``common_names.txt``) and armed groups never count."""
    text = text or ""
    # a site or quarter the gazetteer placed stays a landmark: another report may name it
    # where it could not place it ("the Kibeho camp in south-western Rwanda")
    known = {w for p in places if p.precision not in ("point", "neighbourhood")
             for n in (p.name, p.resolved_name) for w in fold(n).split()}
    common = lexicon.words("common_names.txt") | STOPWORDS
    kinds = lexicon.words("place_kinds.txt") | lexicon.words("facility_nouns.txt") | lexicon.EVENT_NOUNS
    actors = [(s, e) for s, e, _ in find_actors(text)]  # the same armed groups fight on
    out = set()
    for m in _CAPITALISED.finditer(text):
        if any(s <= m.start() < e for s, e in actors):
            continue
        after = _NEXT_WORDS.match(text, m.end())
        if not (_LOCATIVE.search(text[max(0, m.start() - 16):m.start()])
                or (after and kinds & set(after.group(1).split()))):
            continue
        for word in m.group(0).split():
            word = re.sub(r"['’]s$", "", word.strip("'’-"))
            key = fold(word)
            if len(key) < 4 or key in common or key in known or country_from_adjective(word):
                continue
            out.add(key)
    return frozenset(out)
