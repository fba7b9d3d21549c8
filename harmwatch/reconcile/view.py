"""How an incident reads on a terminal: figures, timeline, and the sentence behind each figure.

Kept apart from the commands so the layout can be read (and reused) on its own. Every figure
shown is followed back to the claims that support it, with the figure's words stylised in
its sentence: what a reviewer checks the number against.
"""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .models import MEASURES, ClaimRef, Incident


def _range(low, best, high) -> str:
    if low is None and best is None and high is None:
        return ""
    if low == high == best or (low == high and best is None):
        return str(low)
    return f"{'' if low is None else low}–{'' if best is None else best}–{'' if high is None else high}"


def figure_cell(inc: Incident, measure: str) -> str:
    """One measure as ``low–best–high`` (a table cell of ``harmwatch incidents``)."""
    f = inc.figure(measure)
    return _range(f.low, f.best, f.high)


_fig = figure_cell


def highlight(ref: ClaimRef) -> Text:
    """The claim's sentence with the figure's words stylised (what a reviewer checks)."""
    text = Text(ref.sentence)
    a = b = None
    if ref.span and ref.sentence_span:
        a, b = ref.span[0] - ref.sentence_span[0], ref.span[1] - ref.sentence_span[0]
    elif ref.number_text and ref.number_text in ref.sentence:
        a = ref.sentence.index(ref.number_text)
        b = a + len(ref.number_text)
    if a is not None and 0 <= a < b <= len(ref.sentence):
        text.stylize("bold reverse", a, b)
    return text


def _corrected(fig, part: str) -> str:
    info = fig.corrected.get(part)
    if not info:
        return ""
    flag = "; contradicted!" if info.get("contradicted") else ""
    return f" ({info.get('analyst')}; machine {info.get('machine')}{flag})"


def show_incident(inc: Incident, out: Console) -> None:
    from .timeline import point_label

    out.rule(f"[bold]{inc.id}[/bold] {inc.type or ''}")
    place = ", ".join(x for x in (inc.place_name, inc.admin1, inc.country) if x) or "unknown"
    coords = f" ({inc.lat:.4f}, {inc.lon:.4f}; {inc.place_precision})" if inc.lat is not None else ""
    dates = str(inc.date_start or "unknown")
    if inc.date_end and inc.date_end != inc.date_start:
        dates += f" to {inc.date_end}"
    out.print(Text.assemble(("place  ", "bold"), place + coords))
    out.print(Text.assemble(("date   ", "bold"), f"{dates} ({inc.date_precision or '?'})"))
    out.print(Text.assemble(("actors ", "bold"), ", ".join(inc.actors) or "not named"))
    label = inc.grade.value if inc.grade else "none"
    reason = inc.grade_reason or ""
    reason = reason[len(label) + 1:].strip() if reason.startswith(label + ":") else reason
    out.print(Text.assemble(("grade  ", "bold"), (label, "bold"), f" — {reason}"))
    out.print(Text.assemble(("review ", "bold"), inc.status))
    for why in inc.contradicted:  # the analyst's value stays, but later reports disagree
        out.print(Text.assemble(("correction contradicted by reports: ", "bold red"), why))
    tolls = [f"{m.replace('_', ' ')} {_fig(inc, m)}" for m in MEASURES if _fig(inc, m)]
    out.print(Text.assemble(("toll   ", "bold"), "; ".join(tolls) or "no figure reported",
                            " (low–best–high)" if tolls else ""))
    figs = Table("measure", "low", "best", "high", "how", title="figures", title_justify="left")
    for m in MEASURES:
        f = inc.figure(m)
        if f.is_empty():
            continue
        figs.add_row(m.replace("_", " "), f"{f.low}{_corrected(f, 'low')}",
                     f"{f.best}{_corrected(f, 'best')}", f"{f.high}{_corrected(f, 'high')}",
                     f.note)
    out.print(figs)
    if inc.timeline:
        tl = Table("published", "measure", "reported", "source", "outlet", "claim",
                   title="toll timeline", title_justify="left")
        for p in inc.timeline:
            tl.add_row(str(p.published or "undated"), p.measure.replace("_", " "),
                       point_label(p), p.source or "", p.publisher or "", p.claim_id)
        out.print(tl)
    refs = {r.claim_id: r for m in MEASURES for r in inc.figure(m).claims}
    out.print(Text("sources", style="bold"))
    for s in inc.sources:
        out.print(Text.assemble(("• ", "bold"), (s.title or s.doc_id, "bold"),
                                f"  {s.publisher or ''} {s.published or 'undated'} {s.url or ''}"))
        shown = False
        for cid in s.claim_ids:
            ref = refs.get(cid)
            if ref is None:
                continue
            shown = True
            out.print(Text.assemble("    ", (f"{ref.number_text or ref.low} {ref.group} "
                                             f"{ref.outcome}", "bold"),
                                    f" (source: {ref.source or 'none given'}; {cid})"))
            out.print(Text("      ").append(highlight(ref)))
        if not shown:
            for sentence in s.event_sentences[:1]:
                out.print(Text("      " + sentence))
    if inc.review:
        out.print(Text("review log", style="bold"))
        for r in inc.review:
            out.print(f"    #{r['id']} {r.get('at', '')[:19]} {r['analyst']}: {r['action']} "
                      f"{r.get('target', '')} — {r.get('reason') or ''}", highlight=False,
                      markup=False)
