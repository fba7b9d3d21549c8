"""Context that re-labels event-trigger hits: vetoes, protest context, armed targets, the side
that took territory, industrial explosions, background and aftermath mentions."""
from __future__ import annotations

import re
from typing import Iterable, Optional

from harmwatch.models import NOT_CONFLICT

from . import lexicon, nlp
from .case_labels import CASE2021_LABELS
from .event_patterns import CLASSES, _Hit, _match_sentence, in_a_name, in_class
from .realis import _is_parsed, _status_of_tokens, near

# --------------------------------------------------------------------------------------------
# Context and re-labelling
# --------------------------------------------------------------------------------------------

_GOV_WORDS = {
    "government", "governmental", "army", "armies", "military", "troops", "troop", "soldiers",
    "soldier", "trooper", "troopers", "police", "marines", "regime", "loyalist", "loyalists",
    "saa", "national", "security", "peshmerga", "defence", "defense", "navy", "gendarmerie",
    "fardc", "afp", "idf", "federal", "coalition", "amisom", "commandos", "paratroopers",
    "battalion", "brigade", "division",
}
_NONSTATE_WORDS = {
    "rebel", "rebels", "militant", "militants", "insurgent", "insurgents", "jihadist",
    "jihadists", "terrorist", "terrorists", "militia", "militias", "militiamen", "fighters",
    "shabaab", "shabab", "taliban", "isis", "isil", "daesh", "houthi", "houthis", "boko",
    "haram", "opposition", "mai", "hts", "npa", "tahrir", "extremists", "gunmen",
    "separatists", "separatist", "guerrillas", "guerrilla", "bandits", "qaeda", "islamist",
    "islamists", "jihadi", "maoists", "maoist", "ypg", "sdf", "pkk", "farc", "eln",
    "janjaweed", "rsf", "haftar", "lna",
}
_SOURCE_HEADS = {"official", "officials", "source", "sources", "spokesman", "spokesperson",
                 "spokeswoman", "statement", "chief", "commissioner", "commander", "report",
                 "reports", "media", "agency"}
_SPEECH = set(CLASSES["SPEECH"])

_PROTEST_CODES = {"PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST",
                  "VIOL_DEMONSTR"}
_REMOTE = {"AIR_STRIKE", "ART_MISS_ATTACK", "REM_EXPLOS", "SUIC_BOMB", "GRENADE", "CHEM_WEAP"}
_NOT_CONFLICT_CODES = {c for c, l in CASE2021_LABELS.items() if l == NOT_CONFLICT}
_CIVILIAN_VICTIMS = {"civilian", "villager", "resident", "worshipper", "worshiper", "passenger",
                     "student", "pupil", "child", "woman", "farmer", "herder", "shopper",
                     "pilgrim", "journalist", "teacher", "family", "mourner", "schoolchild",
                     "schoolgirl", "schoolboy", "christian", "muslim", "refugee", "migrant"}
_CASUALTY_VERBS = {"kill", "injure", "wound", "die", "hurt", "maim", "leave", "cause"}
_REACTION_VERBS = {"condemn", "denounce", "deplore", "criticise", "criticize", "investigate",
                   "mourn", "commemorate", "mark", "remember", "probe", "decry", "slam"}
_BACKGROUND_MARKS = {"after", "following", "amid", "amidst", "since", "because", "before",
                     "despite", "wake", "response", "retaliation", "revenge", "over"}


def _near(hits: Iterable[_Hit], code: str, sent: int, window: int) -> bool:
    return any(h.code == code and abs(h.sent - sent) <= window for h in hits)


def _tok_forms(tok) -> set[str]:
    return {tok.lower_, tok.lemma_.lower()}


def _doer_head(verb):
    """Head token of the doer of ``verb``: its active subject or its passive ``by`` agent (a
    passive subject is the victim, not the doer).  None when there is none."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj", "expl"):
            return c
    for c in verb.children:
        if c.dep_ == "agent":
            return next((x for x in c.children if x.dep_ == "pobj"), c)
    if verb.head is verb:
        return None
    # conjoined verbs share the subject of the first conjunct; "X attacked ..., killing 12
    # soldiers": the participle shares the main verb's subject
    if verb.dep_ == "conj" or (verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG"):
        return _doer_head(verb.head)
    # "Unidentified militants killed ..." mis-parsed as a reduced relative clause (acl); climb
    # out of nested ones ("Soldiers backed by militias seized ...")
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and (
            verb.tag_ == "VBD" or any(c.dep_ == "dobj" for c in verb.children)):
        n = verb.head
        for _ in range(4):
            p = n.head
            if n.dep_ == "pobj" and p.dep_ in ("agent", "prep") and p.head.dep_ == "acl" \
                    and p.head.head.pos_ in ("NOUN", "PROPN"):
                n = p.head.head
            else:
                break
        return n
    return None


def _subject_tokens(verb) -> set[int]:
    """Token indices of the doer's phrase of ``verb`` (see ``_doer_head``)."""
    d = _doer_head(verb)
    if d is None:
        return set()
    if d.i < verb.i and verb in d.subtree:  # a reduced relative: the noun phrase before it
        return {t.i for t in d.subtree if t.i < verb.i}
    return {t.i for t in d.subtree}


def _reporting_tokens(sent) -> set[int]:
    """Tokens of the source attributions ("police said", "according to security officials")."""
    out: set[int] = set()
    for t in sent:
        if t.lemma_.lower() in _SPEECH and t.pos_ in ("VERB", "AUX"):
            for c in t.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    out.update(x.i for x in c.subtree)
        if t.lower_ == "according":
            out.update(c.i for c in t.subtree)
        if t.lower_ in _SOURCE_HEADS:
            out.update(x.i for x in t.subtree)
    return out


def _governing_verb(tok):
    """The verb a trigger token belongs to (itself, or the verb its noun phrase hangs on)."""
    t = tok
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head is t:
            return t
        t = t.head
    return t


def _armed_target(doc, hit: _Hit) -> bool:
    """Does the sentence of an attack name armed forces other than the attacker (and other than
    the sources quoted)?  Then the attack is an armed clash, not violence against civilians.
    Only the tokens ``near`` the trigger are read (all of any ordinary sentence)."""
    sent = near(doc, hit.tok_start, hit.tok_end)
    excluded = set(range(hit.tok_start, hit.tok_end))
    if _is_parsed(doc):
        root = doc[hit.tok_start:hit.tok_end].root
        verb = _governing_verb(root)
        if root.pos_ in ("VERB", "AUX") or root.dep_ == "nsubj":
            excluded |= _subject_tokens(verb)
        # "Taliban attacks", "IS's attack": modifiers of a noun trigger are the attacker
        for c in root.children:
            if c.dep_ in ("compound", "poss", "amod", "nmod"):
                excluded.update(x.i for x in c.subtree)
        if root.dep_ == "nsubj":  # "gunmen" as trigger: its noun phrase is the attacker
            excluded.update(x.i for x in root.subtree)
        excluded |= _reporting_tokens(sent)
        # the doers of every verb above the trigger, and of the sentence's main verb
        x = root
        for _ in range(10):
            if x.pos_ in ("VERB", "AUX"):
                excluded |= _subject_tokens(x)
            if x.head is x:
                break
            x = x.head
        for t in sent:
            if t.dep_ == "ROOT":
                excluded |= _subject_tokens(t)
    if _is_parsed(doc):
        # "executed five civilians they accused of spying for the army": explicit civilian
        # victims of the trigger verb make it an attack whatever else the sentence names
        verb = _governing_verb(doc[hit.tok_start:hit.tok_end].root)
        for c in verb.children:
            if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _CIVILIAN_VICTIMS:
                return False
    for t in sent:
        if t.i in excluded:
            continue
        low = t.lower_
        if low in ("post", "posts") and not any(
                x.lower_ in ("police", "army", "military", "security", "border", "observation")
                for x in t.lefts):
            continue
        if low == "security" and t.head.lower_ not in ("forces", "personnel", "force", "post",
                                                       "posts", "checkpoint", "guards"):
            continue
        if low in ("camp", "camps", "base", "bases", "unit", "units") and any(
                x.lower_ in ("refugee", "refugees", "displaced", "idp", "idps", "customer",
                             "fan", "care", "housing", "migrants", "displacement")
                for x in t.subtree):
            continue
        if low == "position" or low == "positions":
            if not any(x.lower_ in ("defence", "defense", "military", "army", "enemy", "their",
                                    "its", "rebel", "government", "forward")
                       for x in t.lefts):
                continue
        if in_class(t, "ARMED"):
            return True
    return False


def _side_of_words(words: set[str]) -> Optional[str]:
    nonstate = bool(words & _NONSTATE_WORDS)
    gov = bool(words & _GOV_WORDS)
    if nonstate and not gov:
        return "nonstate"
    if gov and not nonstate:
        return "gov"
    return None


def _armed_victims(doc, hit: _Hit) -> bool:
    """For a bare casualty word ("were killed", "died"): are the victims armed forces?"""
    if not _is_parsed(doc):
        return False
    verb = _governing_verb(doc[hit.tok_start:hit.tok_end].root)
    for c in verb.children:
        if c.dep_ in ("nsubjpass", "nsubj"):
            if any(in_class(t, "ARMED") and t.lower_ not in ("security", "post")
                   for t in c.subtree):
                return True
    return False


def _state_bomber(doc, hit: _Hit) -> bool:
    """Is a bare "bomb/bombed/bombing" done by a state's forces (its doer, or the nationality
    or army modifying the noun)?  Then it is an air strike, not an IED."""
    if not _is_parsed(doc):
        return False
    root = doc[hit.tok_start:hit.tok_end].root
    words: set[str] = set()
    norp = False
    toks = []
    if root.pos_ in ("VERB", "AUX"):
        toks = [doc[i] for i in _subject_tokens(root)]
    else:
        for c in root.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod"):
                toks.extend(c.subtree)
            if c.dep_ == "prep" and c.lower_ == "by":
                toks.extend(c.subtree)
    for t in toks:
        words |= _tok_forms(t)
        norp = norp or t.ent_type_ == "NORP" or t.ent_type_ == "GPE"
    if words & _NONSTATE_WORDS or "suicide" in words:
        return False
    return bool(words & (_GOV_WORDS | {"forces", "warplanes", "jets", "aircraft", "planes"})) or norp


def _is_verb_hit(doc, hit: _Hit) -> bool:
    return _is_parsed(doc) and doc[hit.tok_start:hit.tok_end].root.pos_ == "VERB"


def _is_passive(doc, hit: _Hit) -> bool:
    """"was caught", "were detained": the subject is who it happened to, not who did it."""
    root = doc[hit.tok_start:hit.tok_end].root
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in root.children)


def _actor_side(doc, hit: _Hit, after: bool = False) -> Optional[str]:
    """'gov' or 'nonstate' from the doer of a territorial verb (subject or ``by`` agent): the
    head noun of the subject first ("Soldiers backed by militias" → gov, "Turkish-backed rebel
    fighters" → nonstate), then its modifiers, then the whole phrase.  ``after``: the doer
    follows the trigger ("the town fell to the insurgents")."""
    sent = doc[hit.tok_start].sent
    if after:
        words = set()
        for t in doc[hit.tok_start:hit.tok_end]:
            words |= _tok_forms(t)
        return _side_of_words(words)
    idx: set[int] = set()
    if _is_parsed(doc):
        verb = _governing_verb(doc[hit.tok_start:hit.tok_end].root)
        hd = _doer_head(verb)
        for _ in range(3):  # "The army said it had retaken ...": the pronoun's antecedent
            if hd is None or hd.pos_ != "PRON" or verb.head is verb:
                break
            verb = verb.head
            hd = _doer_head(verb)
        if hd is not None:
            side = _side_of_words(_tok_forms(hd))
            if side:
                return side
            mods: set[str] = set()
            for c in hd.children:
                if c.dep_ in ("compound", "amod", "poss", "nmod"):
                    for x in c.subtree:
                        mods |= _tok_forms(x)
            if "rebel" in mods or "rebels" in mods or "opposition" in mods:
                return "nonstate"
            side = _side_of_words(mods)
            if side:
                return side
        idx = _subject_tokens(verb)
    if not idx:  # no parse or no subject: the clause to the left of the trigger
        idx = {t.i for t in sent if t.i < hit.tok_start}
    words: set[str] = set()
    for i in idx:
        words |= _tok_forms(doc[i])
    nonstate = bool(words & _NONSTATE_WORDS)
    gov = bool(words & _GOV_WORDS)
    backed = any(w.endswith("backed") for w in words)
    if nonstate and ({"rebel", "rebels", "opposition"} & words or backed or not gov):
        return "nonstate"
    if gov:
        return "gov"
    return None


_REGAIN_RE = re.compile(r"\b(re-?captur|regain|retook|retake|retaken|restor|liberat|reconquer|"
                        r"(took|taken|take|seized|won|win) back)", re.I)


def _territory_object_ok(doc, hit: _Hit) -> bool:
    """'captured the town' yes, 'captured a commander in the town' no: the place must be the
    object of the verb (possibly through "parts of", "control of", a conjunction)."""
    if not _is_parsed(doc):
        return True
    span = doc[hit.tok_start:hit.tok_end]
    if any(t.lower_ in ("control", "over", "hands", "centre", "center", "pocket", "free") for t in span):
        return True
    verb = span[0]
    if any(c.dep_ == "nsubjpass" and in_class(c, "PLACE") for c in verb.children):
        return True
    for t in reversed(span):
        if not in_class(t, "PLACE"):
            continue
        x = t
        for _ in range(8):
            if x.i == verb.i:
                return True
            if x.dep_ == "pobj" and x.head.lower_ not in ("of", "into", "towards", "toward"):
                break
            if x.dep_ in ("nsubj",):
                break
            if x.head is x:
                break
            x = x.head
    return False


_EARLIER_ADVERBS = frozenset({"already", "previously", "earlier"})


def _told_as_earlier(t) -> bool:
    """A past perfect set before the report's event ("The town had already been hit on Thursday,
    when militants attacked a gendarmerie post"): an earlier attack, told as background."""
    for _ in range(5):
        kids = list(t.children)
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in kids) and any(
                c.dep_ == "advmod" and c.lower_ in _EARLIER_ADVERBS for c in kids):
            return True
        if t.head is t:
            return False
        t = t.head
    return False


def _in_background(doc, hit: _Hit) -> bool:
    """Is the trigger inside an 'after ...', 'amid ...', 'in response to ...' adjunct (the cause or
    the backdrop of the sentence's main event)?"""
    if not _is_parsed(doc):
        return False
    t = doc[hit.tok_start:hit.tok_end].root
    if t.tag_ == "NNS" and t.dep_ == "pobj" and any(c.tag_ == "JJS" for c in t.children) and (
            t.head.lower_ == "among" or t.head.lower_ == "of" and t.head.head.lower_ in ("one", "some")):
        return True  # "one of the deadliest attacks since the coup": the class it is compared with
    if _told_as_earlier(t):
        return True
    if hit.code in ("ATTACK", "ARMED_CLASH", "REM_EXPLOS") and hit.weight < 0.8 and \
            t.dep_ in ("dobj", "nsubjpass") and t.head.lemma_.lower() in _REACTION_VERBS:
        return True  # "condemned the attack": a reaction to the event, not its report
    for _ in range(10):
        if t.dep_ == "pobj" and t.head.lower_ in _BACKGROUND_MARKS:
            # "were killed after an airstrike": the cause of the casualties is the event
            return _governing_verb(t.head).lemma_.lower() not in _CASUALTY_VERBS
        if t.lower_ in ("wake", "response", "retaliation", "revenge") and t.dep_ == "pobj":
            return True
        if t.dep_ == "pobj" and t.head.lower_ in ("for", "over", "in") and t.head.head.lower_ in _CHARGED:
            return True  # "a commander wanted for the 2019 massacre": the charge, not the event
        if t.dep_ == "pobj" and t.head.lower_ in ("for", "from") and t.head.head.lower_ in lexicon.words("treated_words.txt"):
            return True  # "where he had been treated for Novichok poisoning": what he survived
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS
                                     for c in t.children):
            return t.head.lemma_.lower() not in _CASUALTY_VERBS
        if t.head is t:
            return False
        t = t.head
    return False


_CHARGED = {"wanted", "convicted", "charged", "accused", "tried", "sentenced", "jailed", "indicted",
            "prosecuted", "suspected", "implicated", "guilty"}
_PRONOUN_PERSONS = {"he", "she", "they", "him", "her", "them", "who", "i", "we"}


def _passive_subject_is_person(doc, hit: _Hit) -> bool:
    if not _is_parsed(doc):
        return False
    verb = _governing_verb(doc[hit.tok_start:hit.tok_end].root)
    subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not subj:
        return False
    t = subj[0]
    if t.lower_ in ("that", "which", "who") and verb.dep_ == "relcl":
        t = verb.head
    return (t.lower_ in _PRONOUN_PERSONS or t.ent_type_ == "PERSON"
            or in_class(t, "PERSONS") or t.lemma_.lower() in (
                "man", "woman", "boy", "girl", "child", "person", "people", "activist",
                "official", "leader", "member", "son", "daughter", "husband", "wife"))


def _has_object(doc, hit: _Hit) -> bool:
    if not _is_parsed(doc):
        return False
    return any(c.dep_ == "dobj" for t in doc[hit.tok_start:hit.tok_end] for c in t.children)


def _negated(doc, hit: _Hit) -> bool:
    """'No group has claimed ...', 'did not claim ...'."""
    if not _is_parsed(doc):
        return False
    verb = _governing_verb(doc[hit.tok_start:hit.tok_end].root)
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    d = _doer_head(verb)
    return d is not None and any(c.lower_ in ("no", "none") for c in d.children) or (
        d is not None and d.lower_ in ("nobody", "none", "no-one"))


def _is_modifier(doc, hit: _Hit) -> bool:
    """A one-word trigger used as an adjective ("detained activists")."""
    if not _is_parsed(doc) or hit.tok_end - hit.tok_start != 1:
        return False
    t = doc[hit.tok_start]
    return t.dep_ == "amod" or (t.dep_ == "acl" and t.i < t.head.i)


def _weapon_is_modifier(doc, hit: _Hit) -> bool:
    """'seized a rocket-launching site': the weapon word only modifies a place."""
    if not _is_parsed(doc):
        return False
    for t in doc[hit.tok_start:hit.tok_end]:
        if not in_class(t, "WEAPON"):
            continue
        x = t
        for _ in range(3):
            if x.dep_ not in ("compound", "amod", "npadvmod", "nmod", "dep"):
                break
            x = x.head
            if in_class(x, "PLACE") and x.pos_ == "NOUN":
                return True
        return False
    return False


_BANNED = frozenset({"banned", "outlawed", "proscribed"})


def _relabel(doc, hits: list[_Hit]) -> list[_Hit]:
    """Apply context: vetoes, protest, armed targets, territory actors, industrial explosions."""
    vetoes = [h for h in hits if h.code.startswith("VETO_")]

    def vetoed(h: _Hit) -> bool:
        for v in vetoes:
            target = v.code[5:]
            if target in ("ALL", h.code) and v.start < h.end and h.start < v.end:
                return True
        return False

    hits = [h for h in hits if not h.code.startswith("VETO_") and not vetoed(h)]
    ctx = [h for h in hits if h.code.startswith("CTX_")]
    events = [h for h in hits if not h.code.startswith("CTX_")]
    disrupted = [h for h in events if h.code == "DISR_WEAP"]
    withdrawals = [h.sent for h in events
                   if h.code == "NON_VIOL_TERRIT_TRANSFER" and h.weight >= 0.9]
    out: list[_Hit] = list(ctx)
    # arrests ahead of a planned rally are arrests; at one that is held, an intervention
    held = [c for c in ctx if c.code != "CTX_PROTEST" or _status_of_tokens(doc[c.tok_start:c.tok_end]) == "occurred"]
    for h in events:
        protest = _near(ctx, "CTX_PROTEST", h.sent, 2)
        protest_here = _near(ctx, "CTX_PROTEST", h.sent, 0)
        crowd = _near(ctx, "CTX_CROWD", h.sent, 1)
        code, w = h.code, h.weight
        if code in ("ARREST", "INTER_WEAK") and _is_modifier(doc, h):
            continue  # "the release of detained activists": no arrest here
        if code == "CHANGE_TO_GROUP_ACT" and _is_parsed(doc) and doc[h.tok_start].dep_ == "amod" \
                and doc[h.tok_start].lower_ in _BANNED:
            continue  # "leaders of the banned Baath party": a description, not a ban
        if code == "INTER_WEAK":
            if not (protest or crowd):
                continue  # "broke up", "prevented" mean nothing without a demonstration
            code = "PROTEST_WITH_INTER"
        elif code in ("FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR") and not protest and not (
                crowd and code == "FORCE_AGAINST_PROTEST"):
            continue  # stones, "violence", "shot at the crowd" need a demonstration
        if code == "PEACE_PROTEST" and w < 0.5 and not protest:
            continue
        if code in _REMOTE and any(
                (d.start <= h.start and h.end <= d.end)
                or (d.sent == h.sent and d.start < h.start and h.tok_end - h.tok_start == 1)
                for d in disrupted):
            continue  # "grenades were found", "a depot containing grenades": what was seized
        if code == "DISR_WEAP" and _weapon_is_modifier(doc, h):
            continue
        if code == "DISR_WEAP" and w < 0.95 and _actor_side(doc, h) == "nonstate":
            continue  # weapons taken by the attackers are loot of an attack, not disrupted use
        if code == "ABDUCT_PASSIVE":
            if not _passive_subject_is_person(doc, h):
                continue  # "the airport that had been seized by militants"
            code = "ABDUCT_DISSAP"
        if code == "PEACE_PROTEST" and nlp.text(doc)[h.start:h.end].lower() in (
                "protest", "protests", "protested", "protesting") and any(
                x.code == "DIPLO" and x.weight >= 0.6 and x.sent == h.sent for x in events):
            continue  # "recalled its ambassador in protest at ...", "summoned the envoy to protest"
        if code == "ABDUCT_SEIZE":
            if any(x.code == "ARREST" and x.sent == h.sent for x in events):
                continue
            code = "ABDUCT_DISSAP"
        if code == "ATTRIB":
            if _negated(doc, h):
                continue  # "no group has claimed the attack"
            if any((x.sent < h.sent or (x.sent == h.sent and x.start < h.start and _is_verb_hit(doc, x)))
                   and x.weight >= 0.7 and not x.code.startswith(("ATTRIB", "CTX_")) for x in events):
                w = min(w, 0.6)  # a later claim does not outweigh the event reported first
        if code == "MOB_VIOL" and protest and not re.search(
                r"mob|lynch|vigilant|rival|opposing|counter|duel|rall|protest|march|demonstr|vigil",
                nlp.text(doc)[h.start:h.end], re.I):
            code, w = "VIOL_DEMONSTR", 0.86
        if protest_here and code in ("NATURAL_DISASTER", "MAN_MADE_DISASTER"):
            if re.search(r"fire|blaze|burn", nlp.text(doc)[h.start:h.end], re.I):
                code, w = "VIOL_DEMONSTR", 0.84
            else:
                continue  # what the protest is about, not the event
        if code == "ARREST" and _is_verb_hit(doc, h) and not _is_passive(doc, h) and _actor_side(doc, h) == "nonstate":
            code = "ABDUCT_DISSAP"  # "Houthi rebels detained nine UN staff": no authority arrests
        if code == "ARREST" and _near(held, "CTX_PROTEST", h.sent, 1):
            code, w = "PROTEST_WITH_INTER", 0.78
        if code == "PROPERTY_DISTRUCT" and protest:
            code, w = "VIOL_DEMONSTR", 0.86
        if code == "ATTACK" and protest_here:
            if w >= 0.6 and _actor_side(doc, h) == "gov":
                code, w = "FORCE_AGAINST_PROTEST", 0.9  # "police shot dead two people as demonstrators ..."
            else:
                continue  # violence at a demonstration is decided by the protest rules
        if code == "ARMED_CLASH" and protest and h.pid == "fight":
            code, w = "VIOL_DEMONSTR", 0.84
        if code == "MAN_MADE_DISASTER" and w < 0.8 and _has_object(doc, h):
            continue  # "to collapse ISIS control over Mosul": not a building collapsing
        if code == "REM_EXPLOS" and w < 0.8 and _near(ctx, "CTX_INDUSTRIAL", h.sent, 0) \
                and not nlp.text(doc)[h.start:h.end].lower().startswith("bomb"):
            code, w = "MAN_MADE_DISASTER", 0.8  # an explosion at a depot; a bomb is planted
        if code == "MOB_VIOL" and h.pid == "fight" and any(
                t.lower_ in ("police", "policemen", "troops", "soldiers", "security", "officers")
                for t in doc[h.tok_start].sent if t.i >= h.tok_start):
            if not protest:
                continue  # a crowd fighting the security forces: not mob violence
            code, w = "VIOL_DEMONSTR", 0.86
        if code == "MOB_VIOL" and h.pid == "attack_rally":
            if _actor_side(doc, h) == "gov":
                code, w = "FORCE_AGAINST_PROTEST", 0.9
        if code == "ATTACK" and (_armed_victims(doc, h) if w < 0.5 else _armed_target(doc, h)):
            code, w = "ARMED_CLASH", w + 0.02
        if code == "REM_EXPLOS" and w < 0.8 and re.match(r"bomb(ed|ing|s)?$",
                                                        nlp.text(doc)[h.start:h.end], re.I):
            if _state_bomber(doc, h):
                code, w = "AIR_STRIKE", 0.72  # "Israeli forces bombed the house"
        if code == "TERRITORY":
            fell = h.pid == "fell"
            if h.pid not in ("advance", "fell") and not _territory_object_ok(doc, h):
                continue
            if any(abs(ws - h.sent) <= 1 for ws in withdrawals):
                code = "NON_VIOL_TERRIT_TRANSFER"  # taken after the other side withdrew
            else:
                side = _actor_side(doc, h, after=fell)
                if side is None:
                    side = "gov" if _REGAIN_RE.search(nlp.text(doc)[h.start:h.end]) else "nonstate"
                code = "GOV_REGAINS_TERIT" if side == "gov" else "NON_STATE_ACTOR_OVERTAKES_TER"
        out.append(_Hit(code, w, h.start, h.end, h.tok_start, h.tok_end, h.sent, h.source, h.pid,
                        generic=h.code == "ATTACK" and h.weight < 0.8, lethal=h.lethal))
    # Killing people outranks burning their houses (ACLED codes the attack, not the damage).
    lethal = {h.sent for h in out if h.code in ("ATTACK", "ARMED_CLASH") and h.lethal}
    for h in out:
        if h.code == "PROPERTY_DISTRUCT" and h.sent in lethal:
            h.weight = min(h.weight, 0.55)
        # an abduction during a killing spree is part of the attack
        if h.code == "ABDUCT_DISSAP" and h.sent in lethal:
            h.weight = min(h.weight, 0.6)
    return out


def _dedupe(hits: list[_Hit]) -> list[_Hit]:
    """Among overlapping hits of the same code keep the heaviest (then the longest)."""
    hits = sorted(hits, key=lambda h: (-h.weight, -(h.end - h.start), h.start))
    kept: list[_Hit] = []
    for h in hits:
        if any(k.start < h.end and h.start < k.end and k.code == h.code for k in kept):
            continue
        kept.append(h)
    return sorted(kept, key=lambda h: (h.start, -h.weight))


def _analyse(doc) -> list[_Hit]:
    """All event hits of a parsed text (context markers removed), in text order."""
    hits: list[_Hit] = []
    for si, sent in enumerate(nlp.sents(doc)):
        hits.extend(_match_sentence(sent, si))
    return [h for h in _dedupe(_relabel(doc, hits)) if not h.code.startswith("CTX_")
            and not in_a_name(doc, h)]
