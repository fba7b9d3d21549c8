"""Troop and asset deployments: "committed an additional 560 US troops to Iraq".

Kept apart from casualties on purpose: a number of troops sent somewhere is never a toll.
"""
from __future__ import annotations

from typing import Callable, Optional

from spacy.tokens import Span, Token

from ..models import Deployment, Place
from .quantities import find_quantities

DEPLOY_VERBS = frozenset(
    "deploy send commit dispatch station authorise authorize redeploy transfer move contribute "
    "reinforce add".split()
)
ASSET_NOUNS = frozenset(
    "troops soldiers forces personnel marines advisers advisors trainers carrier warship warships "
    "ships destroyer destroyers frigate jets aircraft bombers battalion battalions brigade brigades "
    "units contingent peacekeepers paratroopers submarine fighters helicopters squadron".split()
)
# troops that move themselves: "10,000 more troops would go to the Middle East"
MOTION_VERBS = frozenset("go arrive head return land".split())
_PLANNED = frozenset("will would shall".split())
_PLAN_VERBS = frozenset("plan decide agree pledge promise expect intend".split())


def _asset_head(obj: Token) -> Optional[Token]:
    for t in obj.subtree:
        if t.lower_ in ASSET_NOUNS:
            return t
    return None


def _status(verb: Token) -> str:
    """"will send", "would deploy", "plans to send", "agreed to contribute": not yet done."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & _PLANNED or (verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in _PLAN_VERBS):
        return "planned"
    return "occurred"


def extract_deployments(
    sent: Span,
    offset: int,
    *,
    resolve_place: Callable[[str], Optional[Place]] = lambda name: None,
    canonical_actor: Callable[[str], Optional[str]] = lambda text: None,
    doc_id: Optional[str] = None,
) -> list[Deployment]:
    out: list[Deployment] = []
    for verb in sent:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in DEPLOY_VERBS | MOTION_VERBS:
            continue
        # what is sent: "send forces", passive "troops will be sent", "troops would go"
        roles = ("nsubj",) if lemma in MOTION_VERBS else ("dobj", "nsubjpass", "attr", "oprd")
        for obj in (c for c in verb.children if c.dep_ in roles):
            head = _asset_head(obj)
            if head is None:
                continue
            toks = list(obj.subtree)
            first, last = toks[0].i, toks[-1].i
            phrase = sent.doc[first : last + 1]
            qs = find_quantities(phrase.text)
            count = qualifier = None
            if qs:
                count = qs[0].low if qs[0].low is not None else qs[0].high
                qualifier = qs[0].qualifier
            dest: Optional[Place] = None
            for prep in list(verb.children) + list(obj.children):
                if prep.dep_ == "prep" and prep.lower_ in ("to", "into", "in"):
                    pobj = [c for c in prep.children if c.dep_ == "pobj"]
                    if pobj:
                        words = [t for t in pobj[0].subtree if t.i <= pobj[0].i and t.dep_ != "det"]
                        dest = resolve_place(" ".join(t.text for t in words))  # "the Middle East", not "East"
                        if dest is not None:
                            break
            subj = [c for c in verb.children if c.dep_ == "nsubj" and c.i != obj.i]
            actor = None
            if subj:
                actor = canonical_actor(" ".join(t.text for t in subj[0].subtree)) or subj[0].text
            if actor is None or actor.lower() in ("it", "they", "he", "she", "we"):
                actor = canonical_actor(phrase.text)  # "560 US troops" → the US military
            asset = phrase.text
            for q in qs[:1]:  # the asset without its count: "560 US troops" → "US troops"
                asset = (phrase.text[: q.start] + phrase.text[q.end :]).strip()
            for lead in ("an additional ", "additional ", "the ", "a ", "an ", "another ", "more "):
                if asset.lower().startswith(lead):
                    asset = asset[len(lead) :]
            out.append(
                Deployment(
                    count=count,
                    qualifier=qualifier,
                    asset=asset.strip() or head.text,
                    actor=actor,
                    destination=dest,
                    status=_status(verb),  # type: ignore[arg-type]
                    span=(offset + phrase.start_char, offset + phrase.end_char),
                    sentence=sent.text,
                    doc_id=doc_id,
                )
            )
    return out
