"""From events, claims and documents to finished incidents (pure: no database here).

``Evidence`` holds what one reconciliation run needs; ``build_incidents`` clusters, names,
replays the review log, then synthesises each incident's place, date, figures, timeline and
grade. The store adapter (``store_io``) and the evaluation both feed this one function, so
what is scored is what is stored.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Sequence

from ..extract import lexicon
from ..extract.nlp import sentence_spans
from ..models import NOT_CONFLICT, CasualtyClaim, Event, Extraction, Place
from ..resolve.dates import month_day
from ..store.review import ReviewAction
from .cluster import GENERIC_TYPES, PLACE_RANK, EventItem, cluster
from .cues import (attack_sentences, cues_from, fold, only_where_taken, other_strike,
                   tells_revision)
from .similarity import content_words, landmarks, means
from .grading import Report, grade
from .models import MEASURES, Grade, Incident, IncidentFigure, SourceRef
from .review import FIGURE_FIELDS, Working, assign_ids, replay
from .synthesis import Meta, figures, usable
from .timeline import timeline


@dataclass
class DocInfo:
    meta: Meta = field(default_factory=Meta)
    text: str = ""
    places: list[Place] = field(default_factory=list)
    events: Optional[int] = None
    """How many incident-worthy events the report has (None: count those given)."""
    sentences: Optional[list[str]] = None
    """The report's sentences as extraction split them (``Extraction.sentences``); None where
    none were stored (an extraction from before they were): then the text is split once, the
    same way, on first use."""

    @classmethod
    def of(cls, meta: Meta, text: str, ex: Optional[Extraction]) -> "DocInfo":
        """A stored report: its text, and its extraction's places and sentences."""
        return cls(meta=meta, text=text, places=list(ex.places) if ex else [],
                   sentences=ex.sentence_texts(text) if ex and ex.sentences and text else None)

    def sents(self) -> list[str]:
        if self.sentences is None:
            self.sentences = [self.text[a:b] for a, b in sentence_spans(self.text)]
        return self.sentences


@dataclass
class Evidence:
    """Events (global ids), their claims, their documents, the log, the stored incidents."""

    events: list[Event]
    claims: list[CasualtyClaim] = field(default_factory=list)
    docs: dict[str, DocInfo] = field(default_factory=dict)
    actions: list[ReviewAction] = field(default_factory=list)
    previous: dict[str, list[str]] = field(default_factory=dict)


def clusterable(ev: Event) -> bool:
    """Only things that happened and are conflict events become incidents."""
    return ev.status == "occurred" and ev.type != NOT_CONFLICT


def event_items(events: Sequence[Event], claims: Sequence[CasualtyClaim],
                docs: Mapping[str, DocInfo], every: Optional[Sequence[Event]] = None
                ) -> list[EventItem]:
    """Events as clustering sees them; ``every``: all the reports' events (aftermath
    included), so a report telling of several events is not read as about one."""
    per_doc = Counter(e.doc_id for e in (events if every is None else every))
    claim_sentences: dict[str, list[str]] = {}
    figures: dict[str, frozenset[int]] = {}
    for c in claims:
        if c.event:
            claim_sentences.setdefault(c.event, []).append(c.sentence)
            if usable(c) and c.outcome in HARM_OUTCOMES:
                figures[c.event] = figures.get(c.event, frozenset()) | {
                    n for n in (c.count_low, c.count_high) if n is not None}
    items = []
    per_report: dict[str, tuple[str, frozenset[str], str]] = {}  # what is the same for its events
    leads = _leads(events, claims)
    for e in events:
        doc = docs.get(e.doc_id or "") or DocInfo()
        if (e.doc_id or "") not in per_report:
            per_report[e.doc_id or ""] = (
                fold("\n".join([doc.meta.title or "", doc.text])), landmarks(doc.text, doc.places),
                next(iter(doc.sents()), ""))  # a report looking back says so first
        folded, marks, lead = per_report[e.doc_id or ""]
        texts = [doc.meta.title or "", e.sentence or "", *claim_sentences.get(e.id, [])]
        n = doc.events if doc.events is not None else per_doc[e.doc_id]
        if n == 1:  # the whole report is about this event
            texts += attack_sentences(doc.sents())
        taken = only_where_taken(doc.text, e.place)  # a hospital is no place of the strike
        own = e.place if e.place and e.place.precision in ("point", "neighbourhood") \
            and not taken else None
        own_words = "\n".join([e.sentence or "", *claim_sentences.get(e.id, [])])
        items.append(EventItem.from_event(
            e.model_copy(update={"place": None}) if taken else e,
            published=doc.meta.published, cues=cues_from(texts, doc.places, own),
            means=means(own_words), words=content_words("\n".join(texts)),
            text=folded,
            revision=tells_revision(e.sentence or "") or tells_revision(_date_sentence(doc.text, e)),
            figures=figures.get(e.id, frozenset()),
            landmarks=marks,
            looking_back=bool(lexicon.patterns("looking_back.txt").search(
                "\n".join([doc.meta.title or "", lead, e.sentence or ""]))),
            month_day=None if doc.meta.published else month_day(e.sentence or ""),
            lead=leads.get(e.doc_id) == e.id))
    return items


def _leads(events: Sequence[Event], claims: Sequence[CasualtyClaim]) -> dict[Optional[str], str]:
    """Each report's lead event: the one its first figure of harm belongs to (the order the
    events come in differs between a run's extractions and the store)."""
    ids = {e.id for e in events}
    first: dict[Optional[str], CasualtyClaim] = {}
    for c in claims:
        if c.event in ids and usable(c) and c.outcome in HARM_OUTCOMES and c.scope == "incident":
            doc = c.doc_id or (c.event or "").split(":")[0]
            if doc not in first or c.span[0] < first[doc].span[0]:
                first[doc] = c
    return {doc: c.event for doc, c in first.items() if c.event}


def _date_sentence(text: str, e: Event) -> str:
    """The sentence the event's date was read from (it may be an earlier one than the
    event's own: "Traders began clearing rubble on Sunday ... Police said the car used in
    the attack ..."), cut at the nearest sentence ends."""
    if e.date is None or e.date.span is None or not text:
        return ""
    s, t = e.date.span
    start = max(text.rfind(". ", 0, s), text.rfind("\n", 0, s)) + 1
    ends = [i for i in (text.find(". ", t), text.find("\n", t)) if i >= 0]
    return text[start:min(ends) if ends else len(text)]


def _of_other_strike(c: CasualtyClaim, e: Event, docs: Mapping[str, DocInfo]) -> bool:
    """A figure the extractor tied to this event from a sentence about another strike."""
    doc = docs.get(e.doc_id or "") or DocInfo()
    return other_strike(c.sentence, e.sentence or "", doc.places)


def _anchor(published: Mapping[str, Optional[dt.date]]):
    return lambda ids: min(ids, key=lambda i: (published.get(i) or dt.date.max, i))


def relink(events: Sequence[Event], claims: Sequence[CasualtyClaim]) -> list[CasualtyClaim]:
    """A claim the extractor tied to a non-conflict event ("X claimed responsibility for the
    bombing, in which 10 died") goes to the conflict event named in the same sentence."""
    kind = {e.id: e for e in events}
    out = []
    for c in claims:
        linked = kind.get(c.event or "")
        if linked is not None and linked.type == NOT_CONFLICT and linked.status == "occurred":
            twin = next((e for e in events if e.doc_id == linked.doc_id and clusterable(e)
                         and e.sentence and e.sentence == linked.sentence), None)
            if twin is not None:
                c = c.model_copy(update={"event": twin.id})
        out.append(c)
    return out


HARM_OUTCOMES = frozenset({"killed", "injured", "missing"})


def aftermath(events: Sequence[Event], claims: Sequence[CasualtyClaim]) -> dict[str, str]:
    """Events without harm → the event of the same report they belong to.

    A report's funeral protest, ceasefire, arrests, seized weapons or an undated "attack last
    week" with no figure is not an incident a reader would count: it joins the report's
    event with harm (the one with most figures) in the same country. Without such an event
    it stays on its own (and ``incidents`` hides it unless asked: ``cli.listed``)."""
    harm: Counter = Counter(c.event for c in claims if c.event and usable(c)
                            and c.outcome in HARM_OUTCOMES)
    out: dict[str, str] = {}
    by_doc: dict[str, list[Event]] = {}
    for e in events:
        by_doc.setdefault(e.doc_id or "", []).append(e)
    for evs in by_doc.values():
        hosts = sorted((e for e in evs if harm[e.id]), key=lambda e: (-harm[e.id], e.id))
        for e in evs:
            if harm[e.id]:
                continue
            host = next((h for h in hosts if e.place is None or h.place is None
                         or not (e.place.country and h.place.country)
                         or e.place.country == h.place.country), None)
            if host is not None:
                out[e.id] = host.id
    return out


def build_incidents(ev: Evidence) -> list[Incident]:
    all_claims = relink(ev.events, ev.claims)
    events = [e for e in ev.events if clusterable(e)]
    by_id = {e.id: e for e in events}
    attached = aftermath(events, all_claims)
    items = event_items([e for e in events if e.id not in attached], all_claims, ev.docs,
                        every=events)
    published = {it.id: it.published for it in items}
    groups = cluster(items)
    home = {i: n for n, g in enumerate(groups) for i in g}
    for x, host in sorted(attached.items()):
        groups[home[host]].append(x)
    named = assign_ids([sorted(g) for g in groups], ev.previous, _anchor(published))
    named, rejected = replay(named, ev.actions, set(by_id))
    claims_by_event: dict[str, list[CasualtyClaim]] = {}
    for c in all_claims:
        if c.event in by_id and not _of_other_strike(c, by_id[c.event], ev.docs):
            claims_by_event.setdefault(c.event, []).append(c)
    rejections = [a for a in ev.actions if a.action == "reject_claim"]
    out = []
    for w in named:
        evs = [by_id[i] for i in w.events if i in by_id]
        if evs:
            claims = [c for e in evs for c in claims_by_event.get(e.id, [])]
            out.append(assemble(w, evs, claims, ev.docs, rejected, rejections,
                                attached=set(attached)))
    return out


def _place(evs: Sequence[Event]) -> Optional[Place]:
    places = [e.place for e in evs if e.place is not None]
    if not places:
        return None
    names = Counter((p.resolved_name or p.name) for p in places)
    return min(places, key=lambda p: (PLACE_RANK.get(p.precision or "country", 9),
                                      -names[p.resolved_name or p.name], p.name))


def _dates(evs: Sequence[Event]) -> tuple[Optional[dt.date], Optional[dt.date], Optional[str]]:
    dated = [e.date for e in evs if e.date and e.date.start]
    days = Counter(d.start for d in dated if d.precision in (None, "day")
                   and (d.end is None or d.end == d.start))
    if days:
        day = min(days, key=lambda d: (-days[d], d))
        return day, day, "day"
    if not dated:
        return None, None, None
    d = min(dated, key=lambda d: ((d.end or d.start) - d.start, d.start))
    return d.start, d.end or d.start, d.precision


def _type(evs: Sequence[Event]) -> str:
    specific = Counter(e.type for e in evs if e.type not in GENERIC_TYPES)
    counts = specific or Counter(e.type for e in evs)
    return min(counts, key=lambda t: (-counts[t], t))


def _actors(evs: Sequence[Event]) -> list[str]:
    counts = Counter(a for e in evs for a in dict.fromkeys(e.actors))
    return sorted(counts, key=lambda a: (-counts[a], a))


def _sources(evs: Sequence[Event], claims: Sequence[CasualtyClaim], docs: Mapping[str, DocInfo],
             rejected: set[str]) -> list[SourceRef]:
    refs: dict[str, SourceRef] = {}
    for e in evs:
        doc = e.doc_id or ""
        m = (docs.get(doc) or DocInfo()).meta
        ref = refs.setdefault(doc, SourceRef(doc_id=doc, title=m.title, publisher=m.publisher,
                                             published=m.published, url=m.url))
        ref.event_ids.append(e.id)
        if e.sentence:
            ref.event_sentences.append(e.sentence)
    for c in claims:
        if usable(c, rejected) and (c.doc_id or "") in refs:
            refs[c.doc_id or ""].claim_ids.append(c.id)
    return sorted(refs.values(), key=lambda r: (r.published or dt.date.max, r.doc_id))


def assemble(w: Working, evs: Sequence[Event], claims: Sequence[CasualtyClaim],
             docs: Mapping[str, DocInfo], rejected: set[str],
             rejections: Sequence[ReviewAction] = (), attached: set[str] = frozenset()
             ) -> Incident:
    """One incident from its events and claims, then the analyst's overrides on top.
    Aftermath events (``attached``) are part of it but say nothing of its place, date,
    type or actors."""
    evs_all, evs = evs, [e for e in evs if e.id not in attached] or evs
    place = _place(evs)
    start, end, precision = _dates(evs)
    sources = _sources(evs_all, claims, docs, rejected)
    meta = {d: info.meta for d, info in docs.items()}
    reports = [Report(s.doc_id, (docs.get(s.doc_id) or DocInfo()).sents(),
                      (docs.get(s.doc_id) or DocInfo()).meta) for s in sources]
    g, reason = grade(evs, claims, reports, rejected)  # aftermath actors (police) attribute nothing
    claim_ids = {c.id for c in claims}
    review = list(w.applied) + [
        {"id": a.id, "action": a.action, "analyst": a.analyst, "target": a.target_id,
         "at": a.created_at.isoformat() if a.created_at else None, "reason": a.reason}
        for a in rejections if a.target_id in claim_ids]
    inc = Incident(
        id=w.id, type=_type(evs), actors=_actors(evs),
        country=place.country if place else None, admin1=place.admin1 if place else None,
        place_name=place.name if place else None, lat=place.lat if place else None,
        lon=place.lon if place else None, place_precision=place.precision if place else None,
        date_start=start, date_end=end, date_precision=precision,
        grade=g, grade_reason=reason, timeline=timeline(claims, meta, rejected),
        sources=sources, event_ids=sorted(e.id for e in evs_all),
        doc_ids=[s.doc_id for s in sources], review=sorted(review, key=lambda r: r["id"]),
        **figures(claims, meta, rejected),
    )
    return apply_overrides(inc, w)


def coerce_field(field_name: str, value: Any) -> Any:
    """An analyst's value for ``field_name`` as the record holds it (public for the web API's
    review actions, which must parse values exactly as ``harmwatch review correct`` does)."""
    if value is None:
        return None
    if field_name in FIGURE_FIELDS:
        return int(value)
    if field_name in ("lat", "lon"):
        return float(value)
    if field_name in ("date_start", "date_end"):
        return dt.date.fromisoformat(str(value))
    if field_name == "grade":
        return Grade(str(value).capitalize())
    return str(value)


def apply_overrides(inc: Incident, w: Working) -> Incident:
    """Analyst values replace machine ones; the machine value is kept next to them."""
    machine_reason = inc.grade_reason
    machine = {m: {p: getattr(inc.figure(m), p) for p in ("low", "best", "high")} for m in MEASURES}
    for fld, info in w.overrides.items():
        value = coerce_field(fld, info.get("value"))
        if fld in FIGURE_FIELDS:
            measure, part = fld.rsplit("_", 1)
            fig: IncidentFigure = inc.figure(measure)
            fig.corrected[part] = {**info, "machine": getattr(fig, part)}
            setattr(fig, part, value)
            why = _contradiction(part, value, info, machine[measure])
            if why:
                fig.corrected[part]["contradicted"] = {
                    "machine_then": info.get("machine_then"), "machine_now": machine[measure][part],
                    "why": why}
                inc.contradicted.append(f"{fld}: {why}")
            continue
        inc.overrides[fld] = {**info, "machine": _jsonable(getattr(inc, fld))}
        setattr(inc, fld, value)
    if "grade" in w.overrides and "grade_reason" not in w.overrides:
        info = w.overrides["grade"]
        why = f" ({info['reason']})" if info.get("reason") else ""
        inc.grade_reason = (f"{inc.grade.value}: set by analyst {info.get('analyst')}{why}. "
                            f"Machine grading said: {machine_reason}")
    corrected = bool(w.overrides) or any(inc.figure(m).corrected for m in MEASURES)
    inc.status = "confirmed" if w.confirmed else ("corrected" if corrected else "unreviewed")
    return inc


_ORDER = ("low", "best", "high")


def _contradiction(part: str, value: Any, info: dict, machine: dict) -> str:
    """Why later reports contradict an analyst's figure ('' if they do not): the machine value
    moved since the analyst saw it, or the value breaks low <= best <= high with the reports'."""
    reasons = []
    now = machine[part]
    if "machine_then" in info and info["machine_then"] != now:
        reasons.append(f"reports now give {part} {now} (was {info['machine_then']} when corrected)")
    if value is not None:
        i = _ORDER.index(part)
        for j, other in enumerate(_ORDER):
            m = machine[other]
            if m is None or j == i:
                continue
            if (j < i and value < m) or (j > i and value > m):
                reasons.append(f"corrected {part} {value} {'below' if j < i else 'above'} "
                               f"the reports' {other} {m}")
    return "; ".join(reasons)


def _jsonable(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, Grade):
        return v.value
    return v
