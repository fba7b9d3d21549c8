"""Extract: one document in, one :class:`Extraction` out (FORMAT.md), a pure function.

    from harmwatch.extract import extract_document, extract_documents
    ex = extract_document(doc)
    exs = extract_documents(docs, batch_size=64, n_process=2)   # the same records, faster

A document that names no harm, violence, armed actor or unrest (:mod:`.relevance`) is not parsed
and gets an empty extraction. Many documents go through the pipeline together (one ``nlp.pipe``
over all their paragraphs), and ``n_process`` > 1 splits the batches over worker processes.

The paragraph-level work is done by the registered spaCy components of :mod:`.components`
(event triggers, casualty claims, victims named without a figure, deployments, quotes, dates,
place evidence), which write to ``doc.spans`` and ``doc._.hw_*``. This module is the
document-level assembly that reads them: claims attributed with a speaker carried across
sentences, quote speakers resolved, places resolved against the document's countries, event
mentions merged into events (with place, date, actors and toll), claims linked to events.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Iterator, Optional

from ..models import Document, Extraction, Place
from ..resolve.actors import find_actors
from ..resolve.blame import blamed
from ..resolve.places import country_from_adjective, find_places
from . import lexicon, nlp
from .attribution import SourceTracker
from .background import assessed_apart, date_in_a_name, split_off
from .casualties import attribute
from .components import parse_many, pipeline
from .day_offsets import date_offsets
from .place_roles import aside, where_it_happened
from .events import VIOLENCE, Mention, build_events, compute_tolls, event_at, link_claims, orphan_sentences, orphan_type
from .later_deaths import later_deaths
from .lexicon import EVENT_NOUNS
from .quotes import resolve_speakers
from .relevance import is_relevant
from .subtype_blend import without_trigger
from .told_apart import offset_apart

__all__ = ["extract_document", "extract_documents", "iter_extractions"]


def _pdoc_of(parsed, position: int):
    """The parsed paragraph holding document character ``position``."""
    return next(pdoc for off, pdoc in reversed(parsed) if off <= position)


def _entities(parsed) -> list[tuple[int, int, str]]:
    return [(off + e.start_char, off + e.end_char, e.label_) for off, doc in parsed for e in doc.spans["hw_places"]]


def _within(items, start: int, end: int):
    return [x for x in items if x.span and start <= x.span[0] and x.span[1] <= end]


def extract_document(doc: Document, *, relevance: bool = True) -> Extraction:
    """One document's extraction; ``relevance=False`` parses it even when the filter would not."""
    if relevance and not is_relevant(doc.text):
        return Extraction(document=doc.ref())
    return _extract(doc, parse_many([doc])[0])


def _extract(doc: Document, parsed: list) -> Extraction:
    """The extraction of ``doc`` from its paragraphs run through the pipeline
    (``components.parse_many``: [(offset, paragraph Doc)])."""
    text = doc.text
    sentences = nlp.sentences(parsed)
    dateline = _dateline_end(text)
    actors = find_actors(text)  # once: place finding reads them too
    # a dateline ("BANGKOK —") is where the reporter files from, not where the event happened
    found = find_places(text, entities=_entities(parsed), qualifiers=False, actors=actors)
    starts = [off for off, _ in parsed]
    places = [p for p in found if not (p.span and p.span[1] <= dateline) and not aside(text, p, parsed, starts)]
    # "KABUL, Oct 9 (Reuters) -": the dateline's day is the report's, not the event's
    dates = [d for _, pdoc in parsed for d in pdoc._.hw_dates
             if not _reporting_date(text, d) and not (d.span and d.span[1] <= dateline)]
    claims = _attributed(sentences, parsed)
    deployments = [d for _, pdoc in parsed for d in pdoc._.hw_deployments]
    mixed = [m for _, pdoc in parsed for m in pdoc._.hw_mixed]

    def mention(type_: str, status: str, trigger, span, s_start: int, s_end: int, pdoc, local) -> Mention:
        return Mention(
            type=type_, status=status, trigger=trigger, span=span,
            sentence_span=(s_start, s_end), sentence=text[s_start:s_end],
            places=where_it_happened(text, _not_of_a_person(text, _within(places, s_start, s_end), span),
                                      type_ in VIOLENCE)
            or _country_of(pdoc, local),
            date=_best_date(_not_of_a_person(text, _within(dates, s_start, s_end), span), text, span),
            actors=[a for (a0, a1, a) in actors if s_start <= a0 and a1 <= s_end and not _target(text, a0, a1)],
        )

    mentions: list[Mention] = []
    for off, pdoc in parsed:
        for m in pdoc._.hw_mentions:
            if _VICTIMS_OF.search(text[max(0, off + m.trigger_span[0] - 30) : off + m.trigger_span[0]]):
                continue  # "compensation for the families of those killed": the victims, no event
            s_start, s_end = off + m.sentence_span[0], off + m.sentence_span[1]
            mentions.append(mention(m.type, m.status, m.trigger, (off + m.trigger_span[0], off + m.trigger_span[1]),
                                    s_start, s_end, pdoc, m.sentence_span))
    _nearest_places(mentions)
    date_offsets(mentions, lambda d: not _reporting_date(text, d) and not _count_or_reply_day(text, d), dates)
    events = build_events(mentions, places, doc.id, dated=doc.published is not None)
    link_claims(claims, mentions, events)
    listed_here = [(s, lst) for s in sentences
                   for lst in s.span.doc._.hw_listed[s.span.start_char] + [m for m in mixed if s.start <= m.span[0] < s.end]]
    # a figure no event word reaches ("a man was shot dead by two armed men") gets an event
    added = []
    for s in orphan_sentences(claims, sentences, listed_here, events):
        type_ = orphan_type(text, s.text, [c for c in claims if c.sentence_span == (s.start, s.end)])
        if type_ is not None:
            added.append(mention(type_, "occurred", None, (s.start, s.end), s.start, s.end,
                                 _pdoc_of(parsed, s.start), (s.span.start_char, s.span.end_char)))
    # a passage no trigger rule reaches ("shopkeepers rallied to ask ...", "one army fired at
    # the other's trenches") gets the learned classifier's event where it is sure of one
    got = without_trigger([s.text for s in sentences]) if not events and not added and sentences else None
    if got is not None:
        s = sentences[0]
        added.append(mention(got[0], "occurred", None, (s.start, s.end), s.start, s.end,
                             _pdoc_of(parsed, s.start), (s.span.start_char, s.span.end_char)))
    if added:
        new_events = build_events(added, places, doc.id, dated=doc.published is not None)
        for ev in new_events:
            old_id, ev.id = ev.id, f"e{len(events) + int(ev.id[1:])}"
            for m in added:
                if m.event_id == old_id:
                    m.event_id = ev.id
        events += new_events
        mentions = sorted(mentions + added, key=lambda m: m.span[0])
        link_claims([c for c in claims if c.event is None], mentions, events)
    blamed_here = blamed(text)
    for ev in events if len(blamed_here) == 1 else ():
        if not ev.actors and ev.type in VIOLENCE and ev.status == "occurred":
            ev.actors = list(blamed_here)  # "All sources that named a belligerent blamed Israel"
    # "the attack on the market two months later, in which 19 died": no day named before it
    offset = {m.event_id for m in mentions if offset_apart(m.sentence, m.span[1] - m.sentence_span[0])}
    for ev in events:  # "On Tuesday, ... The strike hit ...": the last date named before it
        if ev.date is None and ev.span and ev.id not in offset:
            ev.date = (_previous_date(_not_of_a_person(text, dates, ev.span), ev.span[0], text)
                       or _later_event_date(dates, text, ev.span[1]))
    filed_from = _filed_from(found, dateline, places)
    here = filed_from is not None and bool(_THIS_TOWN.search(text, dateline))
    for ev in events if filed_from is not None else ():
        assert filed_from is not None
        coarse = ev.place is not None and ev.place.country == filed_from.country and (
            ev.place.precision == "country" or (here and ev.place.precision in ("admin1", "admin2")
                                                and ev.place.admin1 in (None, filed_from.admin1)))
        if (ev.place is None or coarse) and not _named_elsewhere(ev.sentence or "", filed_from):
            ev.place = filed_from.model_copy()
    for c in later_deaths(text, [(s.start, s.end) for s in sentences]):  # "a fourth victim died"
        if not any(k.span[0] <= c.span[0] < k.span[1] for k in claims):
            c.event = event_at(c.span[0], c.sentence_span or c.span, mentions, events, casualties=True)
            claims = sorted([*claims, c], key=lambda k: k.span[0])
    assessed_apart(claims)
    split_off(claims, events, [d for _, pdoc in parsed for d in pdoc._.hw_dates], places, doc.published,
              doc.id, {m.span: m.type for m in mentions})
    unquantified = [
        (event_at(s.start, (s.start, s.end), mentions, events, casualties=True), outcome)
        for s in sentences for outcome in s.span.doc._.hw_unquantified[s.span.start_char]
    ]
    listed = [(event_at(lst.span[0], (s.start, s.end), mentions, events, casualties=True), lst)
              for s, lst in listed_here]
    compute_tolls(claims, events, unquantified, listed)
    quotes = resolve_speakers([(pdoc, pdoc._.hw_quotes) for _, pdoc in parsed])
    for prefix, records in (("c", claims), ("d", deployments), ("q", quotes)):
        for n, record in enumerate(records, 1):
            record.id = f"{prefix}{n}"  # stable: the same text always numbers the same way
    return Extraction(
        document=doc.ref(), casualties=claims, events=events, deployments=deployments, quotes=quotes,
        places=places, sentences=[(s.start, s.end) for s in sentences],
    )


def _attributed(sentences: list[nlp.Sentence], parsed) -> list:
    """The components' claims with their sources: "he said" is the last speaker named, maybe
    sentences earlier, so the tracker reads every sentence in order."""
    found: dict[tuple[int, int], list] = {}
    for _, pdoc in parsed:
        for claim, figure in zip(pdoc._.hw_claims, pdoc.spans["hw_figures"], strict=True):
            found.setdefault(claim.sentence_span, []).append((claim, figure))
    tracker = SourceTracker()
    claims = []
    for s in sentences:
        source = tracker.source_for(s.span)
        claims += [attribute(c, figure[0], source, tracker.speakers_here) for c, figure in found.get((s.start, s.end), [])]
    return claims


_DATELINE = re.compile(
    r"^[A-ZÀ-Þ][A-ZÀ-Þ'./-]+(?:\s[A-ZÀ-Þ][A-ZÀ-Þ'./-]+)*(?:,\s[A-ZÀ-Þ][\w.]+(?:\s[\w.]+){0,3}){0,2}\s*(?:\([^)]{1,40}\))?\s*(?:[—–:-]|\.\s*/)"
)
_REPORTING = re.compile(
    r"\b(?:said|says|reported|reports|announced|told(?:\s+(?!(?:that|of|about|how|what|when|from|in|at|during|after|before|since)\b)[\w.'’-]+){1,4}|published|released|issued|posted|tweeted|stated|confirmed|added|"
    r"acknowledged|admitted|conceded|denied|disclosed|revealed)"
    r"(?:\s+(?:on|late|early|this)){0,2}\s*$|\b(?:since|until|through)\s*$",
    re.I,
)
_REPORTED_AFTER = re.compile(
    r"^\s*,?\s*(?:said|says|reported|announced|confirmed|revised|raised|lowered|updated|put\s+the)\b", re.I)
""""The police on Monday revised the number killed": the day of the count, not of the event."""


_TARGETED = re.compile(r"\b(?:target(?:ed|ing|s)?|against|aimed\s+at|hit|struck|bombed|at)\s+"
                       r"(?:an?\s+|the\s+|nearby\s+|suspected\s+|alleged\s+)*$", re.I)
_TARGET_NOUN = re.compile(
    r"^(?:['’]s)?\s+(?:[\w-]+\s+)?(?:command\s+cent(?:re|er)s?|positions?|targets?|hideouts?|bases?|commanders?|"
    r"chiefs?|leaders?|fighters|militants|members|"
    r"operatives?|tunnels?|infrastructure|sites?|facilit(?:y|ies)|depots?|training\s+camps?|"
    r"gatherings?|cells?|outposts?|headquarters)\b", re.I)


def _target(text: str, start: int, end: int) -> bool:
    """An armed group named as what was struck ("targeted a Hamas command centre", "strikes
    against al-Shabaab targets", "a strike aimed at Hamas's military chief") is the target,
    not an actor of the attack."""
    return bool(_TARGETED.search(text[max(0, start - 40) : start])
                and _TARGET_NOUN.match(text[end : end + 40]))


_VICTIMS_OF = re.compile(r"\b(?:families|relatives|kin|funerals?|bodies|graves)\s+of\s+those\s+$", re.I)
_PERSONS_CLAUSE = re.compile(r"\b[A-Z][\w'’-]+,\s+who\s+[^,;:()—–]*$")
_CLAUSE_CLOSE = re.compile(r"[,;:()—–]|\.\s")


def _not_of_a_person(text: str, found: list, trigger) -> list:
    """Places and dates but those of a clause on a named person that the event word is not in:
    "Morales, who resigned on Sunday and has taken asylum in Mexico, called the killings a
    massacre" (the killings were neither on Sunday nor in Mexico)."""
    def of_a_person(span) -> bool:
        if span is None:
            return False
        m = _PERSONS_CLAUSE.search(text, max(0, span[0] - 120), span[0])
        if m is None:
            return False
        end = _CLAUSE_CLOSE.search(text, span[1])
        clause = (m.start(), end.start() if end else len(text))
        return trigger is None or not clause[0] <= trigger[0] < clause[1]
    return [x for x in found if not of_a_person(x.span)]


def _dateline_end(text: str) -> int:
    """End of a wire-style dateline ("TRIPOLI (Reuters) -", "BENGHAZI, Libya:"), else 0."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def _nearest_places(mentions: list[Mention]) -> None:
    """Events told in one sentence each take the places nearest their own word ("vigils in
    Addis Ababa for the victims of the killings in Gimbi district"): a place goes to the
    nearest trigger, and a trigger left with none keeps them all."""
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence_span, []).append(m)

    def gap(a: tuple[int, int], b: tuple[int, int]) -> int:
        return max(a[0] - b[1], b[0] - a[1], 0)

    for group in by_sentence.values():
        if len({m.span for m in group}) < 2:
            continue
        for m in group:
            mine = [p for p in m.places if p.span is None or min(group, key=lambda o: gap(o.span, p.span)) is m]
            if mine:
                m.places = mine


_THIS_TOWN = re.compile(r"\bthis\s+(?:[\w-]+\s+){0,3}?(?:town|city|village|port|capital|market\s+town)\b", re.I)
""""ripped through the main street of this County Tyrone market town": the dateline's town is
where it happened, however the text names the province."""


_TOWN_OF = re.compile(r"\b(?:town|village|hamlet|city|locality|commune|settlement)\s+of\s+((?-i:[A-Z])[\w'’-]+)", re.I)


_COMPASS_OF = re.compile(r"\bin\s+(?:the\s+)?(?:far\s+|remote\s+|restive\s+)?(?-i:(?:north|south|east|west)?[- ]?"
                        r"(?:north|south|east|west|central)(?:ern)?)\s+((?-i:[A-Z])[\w'’-]+)", re.I)
"""Where wire copy puts an event it does not place in its dateline's town: "PESHAWAR — a
suicide bomber struck a volleyball game in north-western Pakistan" (of the town itself it
writes "in Peshawar" or "in this city"; "in southern Beirut" is still Beirut). The compass word
in lower case: "Northern Ireland" and "North Kivu" are names."""


def _named_elsewhere(sentence: str, filed_from: Place) -> bool:
    """The event's sentence names its town, one the gazetteer lacks ("OUAGADOUGOU - Gunmen
    killed 50 in the northern town of Seytenga"), or only a part of the country or province
    (``_COMPASS_OF``): it did not happen where the report was filed."""
    return any(m.group(1).lower() not in (filed_from.name or "").lower()
               for rx in (_TOWN_OF, _COMPASS_OF) for m in rx.finditer(sentence))


def _filed_from(found: list[Place], dateline: int, places: list[Place]) -> Optional[Place]:
    """The dateline's town, for an event the text places no closer than its country: wire copy
    filed from the town it tells of ("PESHAWAR: At least 32 people were killed ... in a mosque
    inside the Police Lines area"). Not when the text names a place of another country: a
    bureau reports on its neighbours ("BANGKOK — ... in Myanmar's Sagaing region")."""
    filed = next((p for p in found if p.span and p.span[1] <= dateline and p.precision != "country"), None)
    if filed is None or any(p.country != filed.country for p in places if p.country):
        return None
    return filed


def _reporting_date(text: str, d) -> bool:
    """"Police said Wednesday that ...", "police said early on Saturday", "the police on Monday
    revised the number killed": the day of the report, not of the event."""
    return bool(d.span and (_REPORTING.search(text[max(0, d.span[0] - 60) : d.span[0]])
                            or _REPORTED_AFTER.match(text[d.span[1] : d.span[1] + 40])))


def _country_of(pdoc, sentence_span) -> list[Place]:
    """"a Syrian town", "Israeli strikes": a country-level place when the sentence names none."""
    for tok in pdoc.char_span(*sentence_span, alignment_mode="expand") or []:
        if tok.pos_ in ("ADJ", "PROPN") and tok.ent_type_ in ("NORP", "GPE", ""):
            cc = country_from_adjective(tok.text)
            if cc and tok.dep_ == "amod" and tok.head.lower_ in _PLACE_NOUNS:
                return [Place(name=tok.text, country=cc, precision="country")]
    return []


_PLACE_NOUNS = frozenset("town city village province region capital camp district area neighbourhood neighborhood".split())


def _best_date(dates, text: str, trigger=None):
    """The sentence's date of the event: a possessive one names the event itself ("funerals on
    Wednesday for the victims of Monday's bombing"), else the first day, else the first date;
    a date naming another event ("suspects in the March 11 train bombings blew themselves up
    on Saturday") only when the sentence has no other."""
    dates = [d for d in dates if not _in_time_frame(text, d)]  # "between June 2004 and September 2012"
    # "ten years since the army overran the camp": the year of what follows, not of the rest
    dates = [d for d in dates if not _anniversary(text, d) or _dates_what_follows(text, d, trigger)]
    years_on = next((d for d in dates if _anniversary(text, d)), None)
    if years_on is not None:  # a day of that time ("on 16 August 2012") is closer, today's is not
        dates = [d for d in dates if d is not years_on and years_on.start <= d.start <= years_on.end] or [years_on]
    owning = [d for d in dates if d.span and (text[d.span[1] : d.span[1] + 2] in ("'s", "’s")
                                              or _names_event(text, d, trigger, own=True))]
    others = [d for d in dates if _names_other_event(text, d, trigger)]
    dates = [d for d in dates if d not in others] or dates
    if others and all(_court_day(text, d) for d in dates):
        # "the court ruled on Tuesday that Russia violated the right to life of the hostages in
        # the 2002 theatre siege": the court's day is never the hostages' (a march's may be)
        dates = others
    # "held their first funerals on Friday after a missile attack that killed 51 on Thursday"
    # (when every date is, keep those an aftermath word only precedes: "two blasts hit a
    # funeral in Jalalabad on Saturday" dates the attack on the funeral)
    dates = [d for d in dates if not _aftermath_date(text, d)] or [
        d for d in dates if not _aftermath_follows(text, d)]
    # "the toll from the twin bombings rose to 67 on Saturday": the day of the count, never the
    # attack's (the event takes an earlier sentence's date, else none)
    dates = [d for d in dates if not _count_or_reply_day(text, d)]
    day = [d for d in dates if d.precision == "day"]
    if trigger is not None and len(day) > 1 and all(d.span and d.start for d in day) \
            and max(d.start for d in day) - min(d.start for d in day) > _YEARS_APART:
        # "Mandela yesterday signed the constitution at Sharpeville, close to where police shot
        # dead 69 people on March 21, 1960": days years apart date what is told beside them
        day.sort(key=lambda d: min(abs(d.span[0] - trigger[1]), abs(trigger[0] - d.span[1])))
    return (owning or day or list(dates) or [None])[0]


_YEARS_APART = dt.timedelta(days=366)


_ANNIVERSARY = re.compile(r"\byears\s+(?:since|after|on\s+from)$", re.I)


def _anniversary(text: str, d) -> bool:
    """"twenty years after", "ten years since": a date of what follows it."""
    return bool(d.span and _ANNIVERSARY.search(text[d.span[0] : d.span[1]]))


def _dates_what_follows(text: str, d, trigger) -> bool:
    """The trigger comes just after the anniversary ("twenty years after the massacre"), or
    the anniversary names an event the trigger then tells ("20 years since the Dolphinarium
    bombing, in which 21 people were killed when a suicide bomber ..."), not before it ("the
    blast came two years after a bomb wrecked the embassy")."""
    if trigger is None or 0 <= trigger[0] - d.span[1] <= 80:
        return True
    m = _NEXT_FOUR.match(text[d.span[1] : d.span[1] + 60])
    return trigger[0] > d.span[1] and m is not None and bool(
        EVENT_NOUNS & {w.lower() for w in re.findall(r"[\w'’-]+", m.group(0))})


def _in_time_frame(text: str, d) -> bool:
    """The date bounds a running total's period ("drone strikes between June 2004 and
    September 2012 killed ...", "since March"): a frame, not the day of an event."""
    if not d.span:
        return False
    lo = max(0, d.span[0] - 80)
    return any(lo + m.start() <= d.span[0] and d.span[1] <= lo + m.end()
               for m in lexicon.patterns("running_totals.txt").finditer(text[lo : d.span[1] + 80]))


_COURT_VERBS = r"charged|indicted|convicted|sentenced|acquitted|arraigned|ruled"
_AFTERMATH_BEFORE = re.compile(
    r"\b(?:funerals?|buried|burials?|mourn\w*|vigils?|protest\w*|marched|rallied|commemorat\w*|"
    rf"{_COURT_VERBS})\b(?:\s+[\w'’-]+){{0,2}}"
    r"\s+(?:on|late|early|this)?\s*$", re.I)


_REVISED_BEFORE = re.compile(
    r"\b(?:rose|risen|rising|climbed|jumped|increased|reached|stood)\s+(?:at\s+|to\s+)?(?:at\s+least\s+|more\s+than\s+)?"
    r"[\w,.-]+(?:\s+(?:people|dead|deaths|victims))?\s+(?:on|late|early|this|by)?\s*$", re.I)
"""A toll's revision just before a date: "rose to 67 on Saturday", "stood at 40 by Monday"."""


_RESPONSE_BEFORE = re.compile(
    r"\b(?:condemned|denounced|(?:weighed|weighing|considered|considering|debated|debating|mulled|mulling)"
    r"\s+(?:their|its|a|the|his|her)\s+(?:response|reaction|options|retaliation))"
    r"(?:\s+[\w'’-]+){0,2}\s+(?:on|late|early|this)?\s*$", re.I)
"""A reply to the attack just before a date: "condemned on Tuesday", "weighed their response on
Monday": the day of the reply, never of the attack."""


def _count_or_reply_day(text: str, d) -> bool:
    """"rose to 67 on Saturday", "governments weighed their response on Monday to the chemical
    attack": the day of a count or of a reply, never the attack's."""
    return bool(d.span and (_REVISED_BEFORE.search(text[max(0, d.span[0] - 40) : d.span[0]])
                            or _RESPONSE_BEFORE.search(text[max(0, d.span[0] - 50) : d.span[0]])))


_NEXT_FOUR = re.compile(r"^(?:\s+[\w'’-]+){1,4}")


def _names_other_event(text: str, d, trigger) -> bool:
    """"the March 11 Madrid train bombings": a date inside the name of an event that is not
    the sentence's trigger dates that event only."""
    return _names_event(text, d, trigger, own=False)


def _names_event(text: str, d, trigger, own: bool) -> bool:
    """Whether ``d`` is part of an event's name ("the 2009 massacre"), and that event is the
    sentence's trigger (``own``) or another one: "convicted on Thursday for the 2009 massacre"
    dates the massacre by its name, not by the court's day."""
    if not d.span or not date_in_a_name(text, d):
        return False
    m = _NEXT_FOUR.match(text[d.span[1] : d.span[1] + 60])
    if not m:
        return False
    at = d.span[1]
    for w in re.finditer(r"[\w'’-]+", m.group(0)):
        if w.group(0).lower() in EVENT_NOUNS:
            pos = at + w.start()
            mine = trigger is not None and trigger[0] <= pos < trigger[1]
            return mine if own else not mine
    return False


_AFTERMATH_AFTER = re.compile(
    rf"^\s*(?:[\w'’-]+\s+){{0,2}}?(?:buried|mourned|commemorated|remembered|{_COURT_VERBS}|"
    r"found\s+(?:[\w'’-]+\s+){0,3}?(?:responsible|guilty|liable)|"
    r"upheld|overturned|jailed|to\s+(?:mark|commemorate|remember|honou?r|mourn|bury))\b", re.I)


_COURT_BEFORE = re.compile(rf"\b(?:{_COURT_VERBS})\s+(?:on|late|early|this)?\s*$", re.I)


def _court_day(text: str, d) -> bool:
    """"the court ruled on Tuesday", "were convicted on Friday": a court's day."""
    return bool(d.span and _COURT_BEFORE.search(text[max(0, d.span[0] - 30) : d.span[0]]))


def _aftermath_follows(text: str, d) -> bool:
    """"prosecutors on Friday charged", "gathered on Sunday to remember": what follows the day is the
    aftermath's, whatever came before."""
    return bool(d.span and _AFTERMATH_AFTER.match(text[d.span[1] : d.span[1] + 40]))


def _aftermath_date(text: str, d) -> bool:
    """The day of a funeral, a protest or a court ("buried them on Friday", "were charged on
    Thursday with the murder of ...", "the court on Wednesday acquitted"), not of the attack."""
    return bool(d.span and _AFTERMATH_BEFORE.search(text[max(0, d.span[0] - 50) : d.span[0]])) \
        or _aftermath_follows(text, d)


def _previous_date(dates, before: int, text: str):
    """The last date named before the sentence: "On Tuesday ... The strike hit ..." ."""
    earlier = [d for d in dates if d.span and d.span[1] <= before and d.precision in ("day", "week")
               and not _count_or_reply_day(text, d) and not _aftermath_date(text, d)]
    return earlier[-1] if earlier else None


_AFTER_DATE = re.compile(r"^(?:'s|’s)?((?:\s+[a-z]+){1,3})")


def _later_event_date(dates, text: str, after: int):
    """"... has risen to 33. Soldiers wounded in the Thursday evening attack ...": with no date
    before, a later day that names an attack itself ("the Thursday attack", "Monday's strike")."""
    for d in dates:
        if not d.span or d.span[0] < after or d.precision != "day":
            continue
        m = _AFTER_DATE.match(text[d.span[1]: d.span[1] + 30])
        if m and EVENT_NOUNS & set(m.group(1).split()):
            return d
    return None


BATCH_SIZE = 64
"""Documents parsed together: big enough for ``nlp.pipe`` to pay, small enough to stream."""


def extract_documents(docs: Iterable[Document], batch_size: int = BATCH_SIZE, n_process: int = 1,
                      *, relevance: bool = True) -> list[Extraction]:
    """The extraction of each document, in order: the same records as :func:`extract_document`."""
    return list(iter_extractions(docs, batch_size=batch_size, n_process=n_process, relevance=relevance))


def iter_extractions(docs: Iterable[Document], *, batch_size: int = BATCH_SIZE, n_process: int = 1,
                     relevance: bool = True) -> Iterator[Extraction]:
    """Extractions in input order, streamed ``batch_size`` documents at a time; with
    ``n_process`` > 1 the batches run in that many worker processes (a few batches ahead)."""
    batches = _batches(docs, max(1, batch_size))
    if n_process <= 1:
        for batch in batches:
            yield from _extract_batch(batch, relevance)
        return
    yield from _in_processes(batches, n_process, relevance)


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for d in docs:
        batch.append(d)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _extract_batch(batch: list[Document], relevance: bool = True) -> list[Extraction]:
    """One ``nlp.pipe`` over the paragraphs of the batch's relevant documents, then the assembly."""
    keep = [not relevance or is_relevant(d.text) for d in batch]
    parses = iter(parse_many([d for d, k in zip(batch, keep) if k]))
    return [_extract(d, next(parses)) if k else Extraction(document=d.ref()) for d, k in zip(batch, keep)]


def _in_processes(batches: Iterator[list[Document]], n_process: int, relevance: bool) -> Iterator[Extraction]:
    """Batches over a pool of forked workers (the model loaded once, before the fork, is shared
    copy-on-write), results in input order."""
    from ..parallel import ordered_map

    pipeline()
    for extractions in ordered_map(_extract_batch, batches, n_process, relevance):
        yield from extractions
