"""Whom a report blames for an attack whose own sentences name no one: "All sources that named a
belligerent blamed Israel", "residents blamed Russian aircraft", "the strike was attributed to
the Coalition", "locals held US forces responsible". Airwars-style assessments and wire copy
often give the belligerent only this way, sentences away from the strike.

Only those who saw or documented the attack lay the blame here (sources, residents, witnesses,
monitors...), or the passive ("was blamed on"): a party's accusation ("Russian-installed
officials blamed Ukraine") is one side's claim, and taking it made reports of one strike
disagree on its actor. Blame for something else ("blamed the Houthis for operating near
civilians") is not blame for the attack, so a "for ..." after the name must name the attack or
nothing.
"""
from __future__ import annotations

import re
from typing import Optional

from .actors import _SAUDI_CONTEXT, actor_from_adjective, canonical_actor, find_actors
from .gazetteer import _gazetteer
from .names import adjective_of

_BLAME = re.compile(
    r"\b(?:blam(?:ed|es|ing)(?:\s+on)?|attribut(?:ed|es|ing)\s+(?:(?:the|this|that)\s+[\w-]+\s+|it\s+)?to"
    r"|h(?:eld|olds?|olding)(?=\s+(?:the\s+)?[\w'’ -]{1,40}?\s+responsible\b))\s+(?:the\s+)?", re.I)
_WITNESS = re.compile(
    r"\b(?:sources?|residents?|locals?|witnesses|villagers|relatives|famil(?:y|ies)|survivors|neighbou?rs|"
    r"monitors?|activists|observers|journalists|media|outlets?|medics|rescuers|doctors|people|"
    r"everyone|all)\b[^.;:]{0,60}$", re.I)
"""Who may lay the blame: those who saw or documented the attack. A party's accusation
("Russian-installed officials blamed Ukraine", "Israel blamed Hamas") is one side's claim."""
_NAME = re.compile(r"[\"“]?([\w'’-]+(?:[ -][\w'’-]+){0,3})")
_FOR_OTHER = re.compile(
    r"^[\"”]?\s*for\s+(?!(?:the|this|that|an?|its|their)\s+(?:[\w-]+\s+)?(?:strikes?|attacks?|raids?|bombings?|"
    r"bombardment|shelling|killings?|deaths|massacre|explosions?|blasts?|incident)\b)", re.I)


def _country_military(word: str) -> Optional[str]:
    """"Israel" → the Israeli military: a country named as the one to blame."""
    adj = adjective_of(_gazetteer().country_names.get(word))
    return actor_from_adjective(adj.title()) if adj else None


def blamed(text: str) -> list[str]:
    """The actors ``text`` blames for an attack, in text order (canonical names)."""
    out: list[str] = []
    for m in _BLAME.finditer(text):
        start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()), 0)
        said_by = text[start : m.start()]
        if not _WITNESS.search(said_by) and not re.search(r"\b(?:was|were|is|are|been)\s+$", said_by):
            continue  # a party's accusation, not the witnesses' account
        name = _NAME.match(text, m.end())
        if name is None:
            continue
        after = text[name.end() : name.end() + 60]
        words = name.group(1)
        found = find_actors(words)
        actor = found[0][2] if found else canonical_actor(words)
        if actor is None and words.lower().startswith("coalition"):  # "blamed the Coalition"
            actor = "Saudi-led coalition" if _SAUDI_CONTEXT.search(text) else "US-led coalition"
        if actor is None:
            first = re.match(r"[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?", words)
            actor = _country_military(first.group(0)) if first else None
        if actor is None or (found and found[0][1] < len(words) and _FOR_OTHER.match(words[found[0][1]:] + after)):
            continue
        if not found and _FOR_OTHER.match(after):
            continue
        if actor not in out:
            out.append(actor)
    return out


__all__ = ["blamed"]
