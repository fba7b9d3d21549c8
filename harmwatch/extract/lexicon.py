"""Word lists the rules share (one place to extend them): the small ones below, and the files
of ``harmwatch/data/lexicon/`` read through one loader (``words``, ``patterns``, ``rows``)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parents[1] / "data" / "lexicon"


def lines(name: str) -> list[str]:
    """The entries of ``data/lexicon/NAME``: stripped non-empty lines, ``#`` lines are comments."""
    text = (LEXICON_DIR / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """A one-entry-a-line list, lower-cased."""
    return frozenset(w.lower() for w in lines(name))


@lru_cache(maxsize=None)
def patterns(name: str) -> re.Pattern[str]:
    """A one-regular-expression-a-line list as one case-insensitive pattern on word boundaries."""
    return re.compile(r"\b(?:%s)\b" % "|".join(f"(?:{p})" for p in lines(name)), re.I)


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """A tab-separated table, one tuple of columns per line."""
    return tuple(tuple(ln.split("\t")) for ln in lines(name))



def _by_word(table: dict[str, str]) -> dict[str, str]:
    """{label: "word word ..."} → {word: label}: lists read by label, looked up by word."""
    return {w: label for label, words in table.items() for w in words.split()}


# Outcome cues: lowercase word forms → outcome.
OUTCOME_WORDS: dict[str, str] = _by_word({
    "killed": "kill kills killed killing dead die dies died dying death deaths fatalities fatality "
    "homicide homicides murders martyr martyrs martyred bury burying beheading eliminated "
    "slain murdered massacred executed beheaded perished bodies lives toll buried neutralised "
    "neutralized suffocated asphyxiated",
    "injured": "injure injures injured injuring injury injuries wound wounds wounded wounding hurt "
    "hospitalised hospitalized maimed",
    "missing": "missing unaccounted trapped disappeared",
    "displaced": "displaced displacing displace refugees refugee fled flee fleeing uprooted homeless "
    "evacuated",
})

# Nouns that name a violent event itself ("the Thursday evening attack", "Monday's strike").
EVENT_NOUNS: frozenset[str] = frozenset(
    "attack attacks strike strikes airstrike airstrikes raid raids bombing bombings shelling "
    "assault ambush blast blasts explosion explosions massacre killing killings shooting clash "
    "clashes fighting offensive".split())

# The doers of an attack ("the four attackers were killed"): their dead are counted apart from
# the victims they killed, so a figure of them adds to a toll of "people" (ACLED counts both).
# They are combatants too.
_DOERS = ("attacker attackers gunman gunmen assailant assailants bomber bombers hijacker hijackers "
          "perpetrator perpetrators shooter shooters raiders hostage-takers kidnapper kidnappers")
PERPETRATOR_WORDS: frozenset[str] = frozenset(_DOERS.split())

# Nouns that name victims → FORMAT.md group.
GROUP_WORDS: dict[str, str] = _by_word({
    "civilians": "civilian civilians citizen citizens resident residents villager villagers "
    "non-combatants noncombatants",
    "children": "child children kid kids minor minors boy boys girl girls infant infants baby "
    "babies toddler toddlers schoolchildren schoolboys schoolgirls",
    "women": "woman women",
    "combatants": "militant militants fighter fighters insurgent insurgents rebel rebels jihadist "
    "jihadists terrorist terrorists combatant combatants extremist extremists separatist "
    "separatists guerrilla guerrillas militiaman militiamen paramilitary paramilitaries mercenary "
    "mercenaries " + _DOERS,
    "soldiers": "soldier soldiers troop troops serviceman servicemen servicemembers marine marines "
    "paratroopers conscripts",
    "police": "police policeman policemen policewoman officers officer gendarmes gendarme "
    "guards guard",
    "people": "people persons person individuals men man adults adult others pilgrims worshippers "
    "passengers students workers journalists patients members family families monks priests nuns "
    "clerics imams spectators fans shoppers traders vendors miners farmers herders fishermen "
    "contractors employees staff guests tourists migrants mourners medics paramedics doctors "
    "nurses teachers volunteers rescuers bystanders pedestrians drivers relatives passers passersby "
    "hostage hostages captives abductees",
})

# Verbs that pass a figure through to its subject ("the toll rose to 86", "was put at 56").
TRANSPARENT_VERBS = frozenset(
    "be is was were are been being rise rose risen rises climb climbed climbs reach reached "
    "reaches stand stood stands increase increased jump jumped revise revised put report reported lower lowered raise raised "
    "say said estimate estimated put puts bring brought bringing hit hits mount mounted "
    "surge surged soar soared grow grew grown thought believed known confirmed feared understood "
    "including include includes remain remains remained still taken rushed admitted treated "
    "transported brought carried pulled recovered shot forced made compelled passed exceeded "
    "beaten tortured found declared pronounced "
    "topped surpassed crossed range ranged ranges vary varied varies".split()
)

# Cues that only count after the victims: "12 were admitted to hospital", "five are in critical
# condition", "200 families left their homes".
AFTER_CUES: dict[str, str] = {
    "hospital": "injured", "hospitals": "injured", "condition": "injured", "treated": "injured",
    "treatment": "injured", "homes": "displaced", "refuge": "displaced",
    "sheltering": "displaced", "rubble": "missing", "debris": "missing",
}

# Words that make a figure a prediction or fear rather than a report.
HEDGES = frozenset(
    "could may might would predicted predict predicts expected expects expect feared fear fears "
    "risk risks threaten threatens threatened warn warns warned if unless projected forecast "
    "forecasts".split()
)

MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)

SAY_VERBS = frozenset(
    "say said says tell told report reported reports confirm confirmed confirms state stated states "
    "announce announced announces add added estimate estimated estimates claim claimed claims "
    "cite cited write wrote declare declared note noted insist insisted explain explained "
    "tweet tweeted post posted describe described maintain maintained allege alleged".split()
)
# "A UN assessment put the toll at 400": a verb that attributes only with a toll as its object
TOLL_VERBS = frozenset("put puts placed place set sets gave give gives".split())
