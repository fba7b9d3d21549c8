"""``harmwatch show``: a document's or an event's figures, each with its sentence highlighted."""
from __future__ import annotations

from typing import Optional

import typer
from rich.text import Text

from .common import console, err, fmt_range, open_store


def _highlight(sentence: str, sentence_start: Optional[int], span: tuple[int, int]) -> Text:
    """The sentence with the figure's words in bold: what a reviewer checks the number against."""
    text = Text(sentence)
    if sentence_start is not None:
        a, b = span[0] - sentence_start, span[1] - sentence_start
        if 0 <= a < b <= len(sentence):
            text.stylize("bold reverse", a, b)
    return text


def show(ctx: typer.Context,
         ident: str = typer.Argument(..., help="A document id (or unique prefix) or an event id.")) -> None:
    """A document's or an event's figures, each with its sentence highlighted."""
    with open_store(ctx) as store:
        from ..store import AmbiguousIdError

        try:
            found = store.find(ident)
        except AmbiguousIdError as exc:
            err.print(f"{ident!r} is ambiguous: {exc}")
            raise typer.Exit(2)
        if found is None:
            err.print(f"nothing found for {ident!r}")
            raise typer.Exit(2)
        kind, key = found
        if kind == "document":
            doc = store.get_document(key)
            if doc is None:  # deleted since ``find`` saw it
                err.print(f"nothing found for {ident!r}")
                raise typer.Exit(2)
            ex = store.get_extraction(key)
            console.rule(f"{doc.title or doc.id}")
            console.print(f"id {doc.id} · published {doc.published or 'unknown'} · {doc.publisher or ''} {doc.url or ''}", highlight=False)
            claims = ex.casualties if ex else []
            events = ex.events if ex else []
        elif kind == "event":
            event = store.get_event(key)
            events = [event] if event else []
            claims = store.claims_for_event(key)
        elif kind == "claim":
            doc_id = key.split(":")[0]
            events, claims = [], [c for c in store.claims_for_document(doc_id) if c.id == key]
        else:
            err.print(f"{key} is an incident: use `harmwatch incident {key}`")
            raise typer.Exit(2)
        for e in events:
            console.print(
                Text.assemble((f"{e.id} ", "bold"), f"{e.type} [{e.status}] ",
                              f"{e.place.name}, {e.place.country} " if e.place else "",
                              f"{e.date.start} " if e.date and e.date.start else "",
                              ", ".join(e.actors),
                              f"  killed {fmt_range(*e.toll.killed)} injured {fmt_range(*e.toll.injured)}")
            )
        for c in claims:
            console.print(
                Text.assemble(
                    (f"{fmt_range(c.count_low, c.count_high)} {c.group} {c.outcome}", "bold"),
                    f" ({c.qualifier}; {c.modality}; source: {c.source or 'none given'})",
                )
            )
            start = c.sentence_span[0] if c.sentence_span else None
            console.print(Text("   ").append(_highlight(c.sentence, start, c.span)))
