"""Turning records into what a page shows: highlighted sentences, the marked-up document,
the toll chart. Pure functions returning plain data; the templates escape every string."""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from ..reconcile.models import MEASURES, ClaimRef, Incident

GRADE_MARK = {"Confirmed": "C", "Fair": "F", "Weak": "W", "Contested": "?", "Discounted": "D"}
"""A letter per grade, so the grade reads without colour."""
MEASURE_LABEL = {"killed": "Killed", "injured": "Injured",
                 "civilians_killed": "Civilians killed", "children_killed": "Children killed"}


def sentence_parts(ref: ClaimRef) -> tuple[str, str, str]:
    """(before, figure, after): the sentence cut at the figure's span (as in the CLI)."""
    s = ref.sentence or ""
    a = b = None
    if ref.span and ref.sentence_span:
        a, b = ref.span[0] - ref.sentence_span[0], ref.span[1] - ref.sentence_span[0]
    elif ref.number_text and ref.number_text in s:
        a = s.index(ref.number_text)
        b = a + len(ref.number_text)
    if a is None or not 0 <= a < b <= len(s):
        return s, "", ""
    return s[:a], s[a:b], s[b:]


def document_segments(text: str, spans: list[tuple[int, int, str]]) -> list[dict[str, Any]]:
    """The text as runs, each either plain or one figure (``claim``), overlaps dropped."""
    out, pos = [], 0
    for start, end, claim in sorted(spans):
        if start < pos or not 0 <= start < end <= len(text):
            continue
        if start > pos:
            out.append({"text": text[pos:start], "claim": None})
        out.append({"text": text[start:end], "claim": claim})
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:], "claim": None})
    return out


def figure_rows(inc: Incident) -> list[dict[str, Any]]:
    """Per measure: low/best/high, the claims behind each, and analyst corrections."""
    rows = []
    for m in MEASURES:
        f = inc.figure(m)
        if f.is_empty() and not f.claims:
            continue
        parts = []
        for p in ("low", "best", "high"):
            parts.append({"part": p, "value": getattr(f, p),
                          "claims": getattr(f, f"{p}_claims"),
                          "corrected": f.corrected.get(p)})
        rows.append({"measure": m, "label": MEASURE_LABEL[m], "parts": parts, "note": f.note})
    return rows


def sources(inc: Incident) -> list[dict[str, Any]]:
    """Each report with the claims it gave, each claim's sentence cut at its figure."""
    claims: dict[str, ClaimRef] = {}
    for m in MEASURES:
        for c in inc.figure(m).claims:
            claims.setdefault(c.claim_id, c)
    out = []
    for s in inc.sources:
        refs = [claims[c] for c in s.claim_ids if c in claims]
        refs += [c for c in claims.values() if c.doc_id == s.doc_id and c not in refs]
        out.append({"source": s, "claims": [
            {"ref": c, "parts": sentence_parts(c)} for c in refs]})
    return out


def toll_chart(inc: Incident, width: int = 560, height: int = 180) -> Optional[dict[str, Any]]:
    """Points for an SVG chart of what each report said the killed toll was, by publication
    date: a dot at the low, a bar up to the high. ``None`` when there is nothing to draw."""
    pts = [p for p in inc.timeline if p.measure == "killed" and (p.low or p.high) is not None]
    if not pts:
        return None
    dates = [p.published for p in pts if p.published]
    d0 = min(dates) if dates else dt.date.today()
    d1 = max(dates) if dates else d0
    span = max((d1 - d0).days, 1)
    top = max(max(v for v in (p.low, p.high) if v is not None) for p in pts) or 1
    pad_l, pad_r, pad_t, pad_b = 48, 16, 12, 36
    w, h = width - pad_l - pad_r, height - pad_t - pad_b

    def y(v: int) -> float:
        return round(pad_t + h - h * v / top, 1)

    marks = []
    for i, p in enumerate(pts):
        frac = ((p.published - d0).days / span) if p.published else i / max(len(pts) - 1, 1)
        if len(dates) < 2 and len(pts) > 1:
            frac = i / (len(pts) - 1)
        x = round(pad_l + (w * frac if len(pts) > 1 else w / 2), 1)
        low = p.low if p.low is not None else p.high
        high = p.high if p.high is not None else p.low
        label = f"{p.published or 'undated'}: {low if low == high else f'{low}–{high}'}"
        marks.append({"x": x, "y_low": y(low), "y_high": y(high), "label": label,
                      "claim": p.claim_id, "publisher": p.publisher or ""})
    line = " ".join(f"{m['x']},{m['y_low']}" for m in marks)
    return {"width": width, "height": height, "marks": marks, "line": line, "top": top,
            "y_top": y(top), "y_zero": y(0), "x0": pad_l, "x1": pad_l + w,
            "d0": d0.isoformat() if dates else "", "d1": d1.isoformat() if dates else ""}
