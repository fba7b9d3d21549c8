"""Claims of an incident → low / best / high per measure (pure functions).

Conventions, chosen and stated so the figures can be read:

* **Which claims**: asserted (not hypothetical) claims linked to the incident's events and not
  rejected by an analyst. Every source is taken as credible unless an analyst rejects its claim.
* **Measures**: ``killed`` counts every victim group; ``civilians_killed`` the civilians,
  children and women; ``children_killed`` the children; ``injured`` every group. A figure that
  is part of a larger one in the same sentence ("30 dead, including 12 children") counts only
  for its own group, never for the total. Figures of different groups in one sentence
  ("12 civilians and 3 soldiers were killed") are added up for ``killed``; a group figure no
  larger than an unspecified "people" figure of the same sentence ("27 killed, including five
  children") is read as part of it even when the extractor did not flag it.
* **low / high** (Airwars: the range spans the figures credible sources report): the smallest
  and the largest figure reported; "at least N" and "as many as N" count as N, a range
  "A to B" gives A to the low and B to the high.
* **best** (UCDP GED: the most reliable estimate): tolls are revised upward as bodies are
  recovered, so the most recent firm figure wins: the figures of the last publication date
  that are not mere ceilings ("as many as", "up to", "nearly"), one per report (its largest),
  and their median (lower median) if several reports share that date. Only ceilings reported?
  Then the most recent ceiling. Best is kept within [low, high].
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Optional, Sequence

from ..extract.lexicon import PERPETRATOR_WORDS
from ..models import CasualtyClaim
from ..resolve.names import country_from_adjective
from .models import ClaimRef, IncidentFigure

CEILINGS = frozenset({"as many as", "up to", "nearly", "almost", "fewer than", "less than",
                      "under", "no more than", "at most"})
CIVILIAN_GROUPS = frozenset({"civilians", "children", "women"})
VAGUE = frozenset({"dozens", "scores", "hundreds", "thousands"})
"""Qualifiers of a word for many (FORMAT.md): a low end only where no report counts."""
PART_GROUPS = frozenset({"children", "women"})
"""Groups that are only ever part of a toll: their figures never set an incident's low end."""
COUNTED_SCOPES = frozenset({"incident", "superseded"})
"""An earlier count ("up from 4") is a figure a credible source gave: it spans the range
(Airwars) but never becomes the best estimate. Running totals ("cumulative") never count."""


def claim_bounds(c: CasualtyClaim) -> tuple[Optional[int], Optional[int]]:
    """The claim's own [low, high] with open ends closed on the known one."""
    lo = c.count_low if c.count_low is not None else c.count_high
    hi = c.count_high if c.count_high is not None else c.count_low
    return lo, hi


def usable(c: CasualtyClaim, rejected: Iterable[str] = ()) -> bool:
    return (c.modality == "asserted" and c.scope in COUNTED_SCOPES and c.id not in set(rejected)
            and claim_bounds(c)[0] is not None)  # running totals are not an incident's figures


def _whole(c: CasualtyClaim) -> bool:
    """Not part of a larger figure; an earlier count ("up from 4") is an earlier whole, even
    where the extractor flagged it as part of the sentence's toll."""
    return not c.subtotal or (c.scope == "superseded" and c.group not in PART_GROUPS)


def _doers(c: CasualtyClaim) -> bool:
    """"killing all 33 attackers", "the four gunmen died": the attack's own doers, told apart
    from its victims (fighters and soldiers killed in it still count)."""
    words = (c.group_text or "").lower().split()
    return c.group == "combatants" and bool(words) and words[-1] in PERPETRATOR_WORDS


MEASURE_FILTERS: dict[str, Callable[[CasualtyClaim], bool]] = {
    "killed": lambda c: c.outcome == "killed" and _whole(c) and not _doers(c),
    "injured": lambda c: c.outcome == "injured" and _whole(c),
    "civilians_killed": lambda c: c.outcome == "killed" and (
        (c.group == "civilians") or (c.group in CIVILIAN_GROUPS and not c.subtotal)),
    "children_killed": lambda c: c.outcome == "killed" and c.group == "children",
}


@dataclass(frozen=True)
class Meta:
    """What synthesis needs to know about each document (publication date, publisher...)."""

    published: Optional[dt.date] = None
    publisher: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None


def claim_ref(c: CasualtyClaim, meta: Optional[Meta], low: Optional[int] = None,
              high: Optional[int] = None) -> ClaimRef:
    m = meta or Meta()
    lo, hi = claim_bounds(c)
    return ClaimRef(
        claim_id=c.id, doc_id=c.doc_id or c.id.split(":")[0], event_id=c.event,
        low=lo if low is None else low, high=hi if high is None else high,
        count_low=c.count_low, count_high=c.count_high, qualifier=c.qualifier,
        number_text=c.number_text, group=c.group, outcome=c.outcome, source=c.source,
        publisher=m.publisher, published=m.published, title=m.title, url=m.url, span=c.span,
        sentence=c.sentence, sentence_span=c.sentence_span,
    )


def _grouped_sums(claims: Sequence[CasualtyClaim]) -> list[tuple[list[CasualtyClaim], int, int]]:
    """Claims as figures: one per claim, except distinct groups of one sentence, added up
    (a "people" figure among them only when it cannot be the total of the others)."""
    by_sentence: dict[tuple, list[CasualtyClaim]] = defaultdict(list)
    for c in claims:
        by_sentence[(c.doc_id, c.sentence_span or c.sentence)].append(c)
    out = []
    for group in by_sentence.values():
        groups = {c.group for c in group}
        people = [claim_bounds(c)[1] for c in group if c.group == "people"]
        others = [claim_bounds(c)[0] for c in group if c.group != "people"]
        # "nine pupils and two drivers": a "people" figure smaller than another group's
        # cannot be their total, so it is one more group
        apart = not people or (others and people[0] < max(others))
        if len(group) > 1 and len(groups) == len(group) and apart:
            lo = sum(claim_bounds(c)[0] for c in group)
            hi = sum(claim_bounds(c)[1] for c in group)
            out.append((group, lo, hi))
        else:
            out.extend(([c], *claim_bounds(c)) for c in group)
    return out


def implicit_subtotals(claims: Sequence[CasualtyClaim]) -> set[str]:
    """Group figures that are part of a "people" total of the same sentence and outcome."""
    totals: dict[tuple, int] = {}
    for c in claims:
        if c.group == "people" and not c.subtotal and claim_bounds(c)[1] is not None:
            key = (c.doc_id, c.sentence_span or c.sentence, c.outcome)
            totals[key] = max(totals.get(key, 0), claim_bounds(c)[1])
    return {c.id for c in claims if c.group != "people" and claim_bounds(c)[1] is not None
            and claim_bounds(c)[1] <= totals.get((c.doc_id, c.sentence_span or c.sentence,
                                                  c.outcome), -1)}


def select(claims: Sequence[CasualtyClaim], measure: str,
           rejected: Iterable[str] = ()) -> list[CasualtyClaim]:
    """The usable claims that count for ``measure``."""
    rejected = set(rejected)
    mine = [c for c in claims if usable(c, rejected)]
    if measure in ("killed", "injured"):
        parts = implicit_subtotals(mine)
        mine = [c for c in mine if c.id not in parts]
    return [c for c in mine if MEASURE_FILTERS[measure](c)]


def figure(claims: Sequence[CasualtyClaim], measure: str, meta: dict[str, Meta],
           rejected: Iterable[str] = ()) -> IncidentFigure:
    """low/best/high of one measure over the incident's claims, with the supporting claims."""
    mine = select(claims, measure, rejected)
    if not mine:
        return IncidentFigure()
    figures = _grouped_sums(mine) if measure == "killed" else [([c], *claim_bounds(c)) for c in mine]
    refs = [claim_ref(c, meta.get(c.doc_id or "")) for c in mine]
    low = min(lo for _, lo, _ in low_figures(figures))
    high = max(hi for _, _, hi in figures)
    current = [f for f in figures if any(c.scope != "superseded" for c in f[0])]
    best, best_ids, note = _best(current or figures, meta)
    best = min(max(best, low), high)
    ids = lambda pred: sorted({c.id for cs, lo, hi in figures if pred(lo, hi) for c in cs})
    return IncidentFigure(
        low=low, best=best, high=high,
        low_claims=ids(lambda lo, hi: lo == low), high_claims=ids(lambda lo, hi: hi == high),
        best_claims=best_ids, claims=refs, note=note,
    )


# "two more bodies", "another 12 died", "plus four in a neighbouring house", "seven soldiers
# were also killed", "eight of whom remained in hospital": an increment or a part of a toll told
# by the words around its number.
_PART_AFTER = (r"\s+(?:more|additional|further)\b"
               r"|\s+of\s+(?:whom|them|those|these|the\s+(?:dead|victims|injured|wounded))\b")
_PART_BEFORE = (r"\b(?:another|an\s+additional|a\s+further|plus"
                r"|also\s+(?:killed|killing|left|leaving|claimed\s+the\s+lives\s+of))\s+(?:at\s+least\s+|about\s+)?")
_ALSO_AFTER = r"\s+(?:[\w-]+\s+){0,3}?(?:was|were|have\s+been|had\s+been)\s+also\s+(?:killed|wounded|injured|hurt)"
# "nine aid workers were among the dead", "Among those killed were two journalists", "the dead
# included 11 children": one named share of a toll told elsewhere
_THE_DEAD = r"(?:the\s+)?(?:dead|killed|victims|fatalities|those\s+(?:killed|who\s+died))"
_AMONG_AFTER = (rf"\b(?:(?!\b(?:killed|killing|kills|died|dead|deaths)\b)[^.;:,]){{0,120}}?\b(?:{{be}})\s+"
                rf"(?:also\s+|reportedly\s+)?among\s+{_THE_DEAD}\b")
"""``{be}``: "was|is" only for one victim ("killed 12 people and a police officer was among the
dead": the officer is the share)."""
_AMONG_N = r"\s+(?:[\w'’-]+\s+){0,3}?(?:(?:was|were|is|are)\s+)?among\s+(?:the\s+|at\s+least\s+)?\d"
"""A figure before "among the 20 killed" is a part of that one."""
_AMONG_BEFORE = (rf"\b(?:among\s+{_THE_DEAD}\s+(?:was|were|is|are)|{_THE_DEAD}\s+(?:also\s+)?include[sd]?)\s+"
                 r"(?:[\w-]+\s+){0,3}?")


def is_part(c: CasualtyClaim) -> bool:
    """A figure that is only a part of the victims: a group that is always a subset
    ("11 children", "six women"), an increment, a partitive or a share named "among the dead"
    (see above)."""
    if c.group in PART_GROUPS:
        return True
    n = re.escape(c.number_text or "")
    if not n or not c.sentence:
        return False
    after, before = _part_patterns(n, (c.count_high or c.count_low or 0) > 1)
    if after.search(c.sentence) and _killed_out_of_a_crowd(c.sentence, n):
        return bool(before.search(c.sentence))
    return bool(after.search(c.sentence) or before.search(c.sentence))


_KILLED_OF_THEM = (r"\b(?:killed|killing|kill|shot|shooting|massacred|executed|slaughtered)\s+"
                   r"(?:at\s+least\s+|about\s+|some\s+|nearly\s+|more\s+than\s+)?{n}\s+of\s+(?:them|those)\b")
_CROWD = frozenset("people civilians refugees displaced villagers residents worshippers passengers "
                   "students pupils families crowd hostages police policemen soldiers troops "
                   "officers guards".split())


def _killed_out_of_a_crowd(sentence: str, n: str) -> bool:
    """"soldiers forced their way into a church where hundreds of displaced people had taken
    refuge and killed at least 200 of them", "rammed a convoy carrying paramilitary police,
    killing 18 of them": the dead are those killed out of the group the sentence names last,
    all the victims, not a part of them ("Police fired on the gunmen and killed three of them",
    or with no group named, "Security forces killed three of them", stay a part)."""
    m = re.search(_KILLED_OF_THEM.format(n=n), sentence, re.I)
    if m is None:
        return False
    named = [w for w in re.findall(r"[a-z-]+", sentence[: m.start()].lower())
             if w in _CROWD or w in PERPETRATOR_WORDS]
    return bool(named) and named[-1] in _CROWD


@lru_cache(maxsize=1024)
def _part_patterns(n: str, plural: bool) -> tuple[re.Pattern, re.Pattern]:
    """``is_part``'s two patterns around one figure's words (compiled once per figure text,
    not once per claim: they are too many for ``re``'s own cache)."""
    be = "were|are" if plural else "was|is|were|are"
    among = _AMONG_AFTER.replace("{be}", be)
    return (re.compile(rf"\b{n}(?:{_PART_AFTER}|{among}|{_ALSO_AFTER}|{_AMONG_N})", re.I),
            re.compile(rf"(?:{_PART_BEFORE}|{_AMONG_BEFORE}){n}\b", re.I))


def low_figures(figures: list) -> list:
    """The figures that may set the low end: not a part of the victims (``is_part``) nor a
    lone named victim ("the novelist died of her wounds"), when a figure for all the victims
    is given; else every figure (a report naming only children still counts)."""
    totals: dict[str, int] = {}  # each report's largest figure for everyone
    civilians: dict[str, int] = {}  # and for its civilians
    for cs, lo, _ in figures:
        if len(cs) == 1 and cs[0].group in ("people", "civilians"):
            into = totals if cs[0].group == "people" else civilians
            into[cs[0].doc_id or ""] = max(into.get(cs[0].doc_id or "", 0), lo)
    whole = [f for f in figures if not all(is_part(c) for c in f[0]) and f[2] > 1
             and not _share_of(f, totals, civilians)]
    # "dozens of worshippers died" beside counts of 38 and 42: a word for many, not a count
    counted = [f for f in whole if not all(c.qualifier in VAGUE for c in f[0])]
    return counted or whole or figures


def _share_of(f, totals: dict[str, int], civilians: dict[str, int]) -> bool:
    """One group's figure below its report's figure for everyone ("35 killed" ... "two senior
    militants killed", "13 soldiers" of 170 dead, "36 Swiss tourists", "88 Australians"): a
    share of the victims, not a total. So is a figure of fighters, soldiers or police below the
    report's figure for civilians ("33 civilians" ... "Two US soldiers were killed")."""
    cs, _, hi = f
    if len(cs) != 1:
        return False
    doc, group = cs[0].doc_id or "", cs[0].group
    if hi < totals.get(doc, 0):
        return group != "people" or _of_a_nationality(cs[0])
    return group not in ("people", "civilians") and hi < civilians.get(doc, 0)


def _of_a_nationality(c: CasualtyClaim) -> bool:
    """"36 Swiss tourists", "12 Americans", "32 Kenyan employees": victims named by nationality."""
    n = re.escape(c.number_text or "")
    m = re.search(rf"\b{n}\s+([A-Z][a-z]+)", c.sentence or "") if n else None
    return bool(m and country_from_adjective(m.group(1)))


def _published(cs: list[CasualtyClaim], meta: dict[str, Meta]) -> dt.date:
    d = meta.get(cs[0].doc_id or "")
    return d.published if d and d.published else dt.date.min


def _best(figures, meta: dict[str, Meta]) -> tuple[int, list[str], str]:
    firm = [f for f in figures if not all((c.qualifier or "") in CEILINGS for c in f[0])]
    pool, kind = (firm, "firm figure") if firm else (figures, "ceiling")
    latest = max(_published(cs, meta) for cs, _, _ in pool)
    recent = [f for f in pool if _published(f[0], meta) == latest]
    per_doc: dict[str, tuple] = {}
    for cs, lo, hi in recent:  # one figure per report: its largest
        value = hi if kind == "ceiling" else (lo + hi) // 2  # a range "A to B": its middle
        doc = cs[0].doc_id or ""
        if doc not in per_doc or value > per_doc[doc][0]:
            per_doc[doc] = (value, cs)
    ranked = sorted(per_doc.values(), key=lambda v: (v[0], v[1][0].id))
    value, cs = ranked[(len(ranked) - 1) // 2]
    when = "undated reports" if latest == dt.date.min else f"reports of {latest.isoformat()}"
    note = (f"best: most recent {kind} ({when}; median of {len(ranked)})" if len(ranked) > 1
            else f"best: most recent {kind} ({when})")
    return value, sorted(c.id for c in cs), note


def figures(claims: Sequence[CasualtyClaim], meta: dict[str, Meta],
            rejected: Iterable[str] = ()) -> dict[str, IncidentFigure]:
    """Every measure; ``killed`` is raised to at least the civilian figures it must include."""
    out = {m: figure(claims, m, meta, rejected) for m in MEASURE_FILTERS}
    killed, civ = out["killed"], out["civilians_killed"]
    if killed.is_empty() and not civ.is_empty():
        out["killed"] = civ.model_copy(update={"note": civ.note + "; killed taken from the "
                                                                   "civilian figures"})
    return out
