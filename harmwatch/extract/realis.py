"""Event status: whether an event trigger reports something that occurred, is planned, or is
threatened (modal/future auxiliaries, plan and threat verbs and nouns governing the trigger).

Used by ``event_types`` (``event_status``, and the status of every trigger it finds).
"""
from __future__ import annotations

import re
from typing import Literal, Optional

from . import lexicon

Status = Literal["occurred", "planned", "threatened"]


def _is_parsed(doc) -> bool:
    return doc.has_annotation("DEP")


_PLAN_VERBS = {"plan", "prepare", "intend", "expect", "aim", "schedule", "mull", "consider",
               "poise", "gear", "propose", "seek", "ready", "mass", "order", "authorize",
               "authorise", "approve", "decide", "plot", "vote"}
_PLAN_NOUNS = {"plan", "planning", "preparation", "countdown", "readiness", "prelude",
               "buildup", "plot", "blueprint", "rehearsal", "intention", "session"}
_PLAN_MODS = {"upcoming", "forthcoming", "planned", "imminent", "impending", "expected",
              "looming", "future", "potential", "possible", "proposed", "anticipated",
              "prospective", "long-awaited", "promised", "likely", "intended", "next",
              "coming", "planning"}
_THREAT_MODS = {"threatened"}
_PLAN_FOR_HEADS = {"detail", "discussion", "talk", "strategy", "meeting", "session", "request",
                   "call", "push", "drive", "preparation", "plan", "readiness", "countdown",
                   "ready", "prepare", "preparing", "gear", "brace", "mobilize", "mobilise",
                   "rehearsal", "blueprint", "proposal", "option", "options"}
_THREAT_VERBS = {"threaten", "vow", "warn", "pledge", "promise", "swear", "vowe"}
_THREAT_NOUNS = {"threat", "warning", "ultimatum", "vow", "pledge"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d"}
_POSSIBLE_AUX = {"could", "may", "might"}
_STOP_PREPS = {"after", "following", "since", "over", "amid", "despite", "because", "during",
               "in", "from", "by", "as", "with", "against", "at", "near", "outside", "inside"}
_LINK_PREPS = {"for", "on", "to", "toward", "towards"}
_LEXICAL_PLAN = re.compile(
    r"\b(plan(s|ned|ning)?\s+(to|for|an?|the)|prepar(e|es|ed|ing|ations?)\s+(to|for|an?|the)|"
    r"(is|are|was|were)\s+(expected|set|poised|due|scheduled|about)\s+to|will|going\s+to|"
    r"upcoming|forthcoming|imminent|impending|countdown|planning)\b", re.I)
_LEXICAL_THREAT = re.compile(
    r"\b(threat(en|ens|ened|ening)?|vow(s|ed|ing)?|warn(s|ed|ing)?|pledg(e|es|ed|ing)|"
    r"swore|sworn)\b", re.I)


_ABOUT_PREPS = {"into", "of", "on", "over", "about"}


def _looked_back_on(t, h) -> bool:
    """``t`` is the object of ``h`` in "an inquiry into the shelling", "ordered a probe
    into the bombing" (the parser may hang "into" on the verb): an inquiry is about something
    that happened, whatever plan or order verb governs the inquiry."""
    if t.dep_ != "pobj" or h.lower_ not in _ABOUT_PREPS:
        return False
    inquiry = lexicon.words("inquiry_nouns.txt")
    head = h.head
    return head.lemma_.lower() in inquiry or (head.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in inquiry for c in head.children))


NEAR = 80
"""Tokens either side of a trigger that the context rules read (a long news sentence has ~60)."""


def near(doc, start: int, end: int):
    """The tokens of ``doc[start]``'s sentence within ``NEAR`` of ``[start, end)``: all of any
    ordinary sentence, a bounded window of a run-on one, so rules reading around each trigger
    stay linear in the text (issue 10)."""
    sent = doc[start].sent
    return doc[max(sent.start, start - NEAR): min(sent.end, end + NEAR)]


def _did_harm(tok) -> bool:
    """"the shelling of the camp, which wounded 14 people": a past-tense relative clause
    of harm on the trigger or on a noun of its own phrase (parsers often hang it on the place)
    says the event happened."""
    harm = lexicon.words("harm_verbs.txt")
    for x in near(tok.doc, tok.i, tok.i):  # not the whole subtree: quadratic on run-on text
        if x.dep_ != "relcl" or x.lemma_.lower() not in harm or not _realis_clause(x):
            continue
        if x.i != tok.i and tok not in x.ancestors:
            continue
        if x.head == tok:
            return True
        path = list(x.head.ancestors)
        if tok in path and not any(a.pos_ in ("VERB", "AUX")
                                   for a in [x.head, *path[: path.index(tok)]]):
            return True
    return False


def _realis_clause(t) -> bool:
    """A finite past/perfect verb with no modal: a reported fact ("warned that X killed ...")."""
    if t.pos_ not in ("VERB", "AUX"):
        return False
    modal = any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in t.children)
    if modal:
        return False
    return t.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have"
                                  for c in t.children)


def _cue_status(x, above_trigger: bool) -> Optional[Status]:
    """Status cue carried by token ``x`` of the trigger's chain (or by its modifiers)."""
    lem = x.lemma_.lower()
    low = x.lower_
    found: Optional[Status] = None
    if above_trigger:
        if lem in _THREAT_VERBS or lem in _THREAT_NOUNS or low in ("threats", "warnings"):
            return "threatened"
        if lem in _PLAN_VERBS or lem in _PLAN_NOUNS or low in ("plans", "preparations"):
            found = "planned"
        if low in ("poised", "ready", "about", "set", "due", "scheduled") and any(
                c.dep_ == "xcomp" for c in x.children):
            found = "planned"
    if x.pos_ in ("VERB", "AUX"):
        for c in x.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX | _POSSIBLE_AUX:
                found = "planned"  # "will strike", "could launch an offensive": not (yet) done
        if low == "going" and any(c.dep_ == "xcomp" for c in x.children):
            found = "planned"
    for c in x.children:
        if above_trigger and c.dep_ in ("acomp", "attr") and c.lower_ in _PLAN_MODS:
            found = "planned"  # "an attack is imminent"
        if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX"):
            kids = {k.lower_ for k in c.children if k.dep_ in ("aux", "auxpass")}
            if c.lemma_.lower() in _PLAN_VERBS and ("being" in kids or c.tag_ == "VBG"):
                found = "planned"  # "the slaughter being prepared against Raqqa"
            elif "to" in kids and ("be" in kids or c.tag_ == "VBN"):
                found = "planned"  # "an operation to be conducted"
        if c.dep_ in ("amod", "compound", "nmod", "acl"):
            cl = c.lower_
            if cl in _THREAT_MODS and c.dep_ != "acl":
                return "threatened"
            if cl in _PLAN_MODS and c.dep_ != "acl":
                found = "planned"
            if c.lemma_.lower() in ("plan", "planning", "preparation") and c.dep_ != "acl":
                found = "planned"
    return found


def _status_of_tokens(trig) -> Status:
    """Status of a trigger (a spaCy Span) from the dependency parse: climb from the trigger to
    the verbs that govern it, looking for future auxiliaries (will, would), verbs and nouns of
    planning (plan, prepare, expect, preparations, countdown), modifiers (upcoming, imminent)
    and verbs of threat (threaten, vow, warn).  The climb stops at a reported fact (a finite
    past-tense clause) and at adjuncts of cause or time ("after", "for the strike" under
    "retaliate"), which name an event that has happened."""
    doc = trig.doc
    if not _is_parsed(doc):
        sent = trig.sent if doc.has_annotation("SENT_START") else doc[:]
        return _lexical_status(sent.text, trig.start_char - sent.start_char)
    tok = trig.root
    if _did_harm(tok):
        return "occurred"
    chain = [tok]
    plan_for = False
    t = tok
    for _ in range(12):
        h = t.head
        if h is t:
            break
        if t.dep_ in ("nsubj", "nsubjpass") and any(
                _realis_clause(v) and v.lemma_.lower() not in _PLAN_VERBS | _THREAT_VERBS
                for v in [h] + [c for c in h.children if c.dep_ == "conj"]):
            # "The attack ... killed 20 people": the event did something, so it happened
            break
        if t.dep_ == "pobj" and (h.lower_ in _STOP_PREPS or _looked_back_on(t, h)):
            break
        if t.dep_ == "pobj" and h.lower_ in _LINK_PREPS:
            # "planning sessions for the attacks", "countdown to the offensive", "plans for an
            # offensive": the word the preposition hangs on decides (with its object), no higher.
            hh = h.head
            if hh.lemma_.lower() in ("retaliate", "revenge", "avenge", "punish", "respond",
                                     "response", "retaliation", "blame", "responsibility",
                                     "condemn", "apologize", "apologise", "compensate"):
                break
            if h.lower_ == "for" and hh.lemma_.lower() in _PLAN_FOR_HEADS:
                plan_for = True  # "the details for a massive assault", "talks for a truce"
            chain.append(hh)
            chain.extend(c for c in hh.children
                         if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and c.i != h.i)
            break
        if t.dep_ in ("ccomp", "conj", "advcl", "relcl", "parataxis", "acl") and _realis_clause(t):
            break
        if t.dep_ in ("relcl", "advcl", "acl", "conj") and not any(
                c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in t.children):
            if t.dep_ != "conj" or t.pos_ in ("VERB", "AUX"):
                break
        chain.append(h)
        t = h
    status: Status = "planned" if plan_for else "occurred"
    for i, x in enumerate(chain):
        cue = _cue_status(x, above_trigger=i > 0)
        if cue == "threatened":
            return "threatened"
        if cue == "planned":
            status = "planned"
    return status


def _lexical_status(sentence: str, pos: int) -> Status:
    """Fallback without a parse: cue words in the clause before the trigger."""
    left = sentence[max(0, pos - 60):pos]
    left = re.split(r"[;:.!?]|\b(?:but|while|after|since)\b", left)[-1]
    if _LEXICAL_THREAT.search(left):
        return "threatened"
    if _LEXICAL_PLAN.search(left):
        return "planned"
    return "occurred"


def _as_doc_and_offset(parsed):
    """(Doc, char offset of ``parsed`` in it) for a Doc or a Span."""
    doc = getattr(parsed, "doc", parsed)
    if doc is parsed:
        return doc, 0
    return doc, parsed.start_char
