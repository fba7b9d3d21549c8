"""How the reported toll evolved over publication time (56 → 212), per measure.

One point per report and measure: the largest figure that report gives (a report saying "the
toll rose from 12 to 27" stands for 27), ordered by publication date, undated reports last.
Why per report and not per claim: the question a reader asks is "what did the press say on
day N", and a report that repeats an old figure next to the new one says the new one.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Sequence

from ..models import CasualtyClaim
from .models import TimelinePoint
from .grading import outlet
from .synthesis import Meta, _grouped_sums, claim_bounds, select

TIMELINE_MEASURES = ("killed", "civilians_killed", "injured")


def timeline(claims: Sequence[CasualtyClaim], meta: dict[str, Meta],
             rejected: Iterable[str] = (), measures: Sequence[str] = TIMELINE_MEASURES
             ) -> list[TimelinePoint]:
    rejected = set(rejected)
    points: list[TimelinePoint] = []
    for measure in measures:
        mine = select(claims, measure, rejected)
        figs = _grouped_sums(mine) if measure == "killed" else [([c], *claim_bounds(c)) for c in mine]
        per_doc: dict[str, tuple] = {}
        for cs, lo, hi in figs:
            doc = cs[0].doc_id or cs[0].id.split(":")[0]
            if doc not in per_doc or (hi, lo) > per_doc[doc][2:]:
                per_doc[doc] = (cs, doc, hi, lo)
        for cs, doc, hi, lo in per_doc.values():
            m = meta.get(doc) or Meta()
            points.append(TimelinePoint(
                measure=measure, published=m.published, doc_id=doc,
                claim_id=",".join(sorted(c.id for c in cs)), low=lo, high=hi,
                number_text=" + ".join(c.number_text or str(claim_bounds(c)[0]) for c in cs),
                qualifier=cs[0].qualifier if len(cs) == 1 else "sum",
                source=cs[0].source, publisher=outlet(doc, m),
            ))
    order = {m: i for i, m in enumerate(measures)}
    points.sort(key=lambda p: (order[p.measure], p.published or dt.date.max, p.doc_id))
    return points


def point_label(p: TimelinePoint) -> str:
    """"27", "as many as 31", "12–15", "dozens (24)"."""
    value = str(p.low) if p.low == p.high else f"{p.low}–{p.high}"
    q = p.qualifier or "exact"
    if q in ("exact", "sum", "range", "about"):
        return value if q != "about" else f"about {value}"
    if q in ("dozens", "scores", "hundreds", "thousands"):
        return f"{q} ({value})"
    return f"{q} {value}"


def toll_path(points: Sequence[TimelinePoint], measure: str = "killed") -> str:
    """"56 → as many as 212" for display: figures in publication order, repeats collapsed."""
    values: list[str] = []
    for p in points:
        if p.measure == measure:
            v = point_label(p)
            if not values or values[-1] != v:
                values.append(v)
    return " → ".join(values)
