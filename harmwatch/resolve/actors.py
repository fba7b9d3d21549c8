"""Canonical names for the armed actors that reports name in many ways.

Reports say "Israeli warplanes", "the IDF", "Israeli forces"; the record should say one
thing so incidents can be compared and counted. The table below is hand-written, modest,
and general (state militaries and the main non-state groups of the last decade's
conflicts), not tuned to particular sentences. Short acronyms are matched case-sensitively
("IS", "KIA"), and the few that are ambiguous need context. State militaries not in the
table fall back to "<Adjective> military" via ``actor_from_adjective``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

# canonical → aliases (matched case-insensitively unless listed in _CASE_SENSITIVE)
ACTORS: dict[str, tuple[str, ...]] = {
    "US-led coalition": (
        "US-led coalition", "U.S.-led coalition", "American-led coalition",
        "American-led war coalition", "US-led war coalition", "anti-ISIS coalition",
        "anti-ISIL coalition", "anti-IS coalition", "anti-Islamic State coalition",
        "anti-Daesh coalition", "Combined Joint Task Force", "CJTF-OIR",
        "international coalition", "the coalition", "coalition forces", "coalition aircraft",
        "coalition warplanes", "coalition air strikes", "coalition airstrikes",
        "coalition strikes", "Coalition"),
    "Israeli military": (
        "Israel Defense Forces", "Israel Defence Forces", "Israeli Defense Forces",
        "Israeli Defence Forces", "IDF", "Israeli military", "Israeli forces",
        "Israeli army", "Israeli air force", "Israeli Air Force", "Israeli warplanes",
        "Israeli jets", "Israeli fighter jets", "Israeli aircraft", "Israeli drone",
        "Israeli drones", "Israeli strike", "Israeli strikes", "Israeli airstrike",
        "Israeli airstrikes", "Israeli air strike", "Israeli air strikes",
        "Israeli bombardment", "Israeli shelling", "Israeli troops", "Israeli soldiers",
        "Israeli tanks", "Israeli navy", "Israeli occupation forces", "Israeli occupation"),
    "Russian Armed Forces": (
        "Russian Armed Forces", "Russian forces", "Russian military", "Russian army",
        "Russian troops", "Russian missile", "Russian missiles", "Russian strike",
        "Russian strikes", "Russian airstrike", "Russian airstrikes", "Russian air strike",
        "Russian air strikes", "Russian warplanes", "Russian jets", "Russian aircraft",
        "Russian drone", "Russian drones", "Russian shelling", "Russian artillery",
        "Russian bombardment", "Russian air force", "Russian Aerospace Forces", "Russia"),
    "Ukrainian Armed Forces": (
        "Ukrainian Armed Forces", "Armed Forces of Ukraine", "Ukrainian forces",
        "Ukrainian military", "Ukrainian army", "Ukrainian troops", "Ukrainian drone",
        "Ukrainian drones", "Ukrainian missile", "Ukrainian missiles", "Ukrainian strike",
        "Ukrainian strikes", "Ukrainian shelling", "Ukrainian artillery", "Ukraine's military"),
    "Syrian government forces": (
        "Syrian government forces", "Syrian regime", "Assad regime", "Syrian army",
        "Syrian Arab Army", "Syrian military", "Syrian government", "Syrian troops",
        "Syrian warplanes", "Syrian aircraft", "Syrian air force", "Syrian regime forces",
        "pro-government forces", "regime forces", "Assad forces", "pro-Assad forces"),
    "Islamic State": (
        "Islamic State", "ISIS", "ISIL", "IS", "Daesh", "Daech", "Islamic State group",
        "Islamic State of Iraq and the Levant", "Islamic State of Iraq and Syria",
        "Islamic State militants", "Islamic State fighters", "IS militants", "IS fighters",
        "ISIS militants", "ISIS fighters", "Islamic State in Iraq and Syria"),
    "ISWAP": (
        "ISWAP", "Islamic State West Africa Province", "Islamic State in West Africa",
        "Islamic State's West Africa Province", "Islamic State West Africa"),
    "Hamas": (
        "Hamas", "HAMAS", "Al-Qassam Brigades", "al-Qassam Brigades", "Qassam Brigades",
        "Izz ad-Din al-Qassam Brigades", "Ezzedine al-Qassam Brigades",
        "Izz al-Din al-Qassam Brigades"),
    "Palestinian Islamic Jihad": (
        "Palestinian Islamic Jihad", "Islamic Jihad", "PIJ", "Al-Quds Brigades",
        "al-Quds Brigades", "Saraya al-Quds"),
    "Hezbollah": ("Hezbollah", "Hizbollah", "Hizballah", "Hizbullah"),
    "Houthis": ("Houthis", "Houthi", "Houthi rebels", "Houthi forces", "Huthis", "Huthi",
                "Ansar Allah", "Ansarullah", "Ansar Allah movement"),
    "Saudi-led coalition": (
        "Saudi-led coalition", "Saudi-led military coalition", "Saudi-led forces",
        "Saudi-led coalition forces", "Saudi-led warplanes", "Saudi-led air strikes",
        "Saudi-led airstrikes", "Arab coalition", "Saudi-UAE coalition"),
    "Libyan National Army (LNA)": (
        "Libyan National Army", "LNA", "Libyan Arab Armed Forces", "LAAF", "Haftar's forces",
        "Haftar forces", "forces loyal to Khalifa Haftar", "forces loyal to Haftar",
        "forces of Khalifa Haftar", "Haftar-led forces"),
    "Government of National Accord (GNA)": (
        "Government of National Accord", "GNA", "GNA forces", "GNA-aligned forces"),
    "Boko Haram": ("Boko Haram", "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", "JAS"),
    "al-Shabaab": ("al-Shabaab", "Al-Shabaab", "al-Shabab", "Al-Shabab", "Al Shabaab",
                   "al Shabaab", "Shabaab", "Harakat al-Shabaab al-Mujahideen"),
    "Rapid Support Forces": ("Rapid Support Forces", "RSF", "RSF paramilitaries",
                             "RSF paramilitary", "Janjaweed"),
    "Sudanese Armed Forces": ("Sudanese Armed Forces", "SAF", "Sudanese army",
                              "Sudanese military", "Sudanese air force",
                              "Sudan's army", "Sudan's military"),
    "Myanmar military": ("Myanmar military", "Myanmar army", "Myanmar's military",
                         "Myanmar junta", "military junta", "junta", "Tatmadaw",
                         "Myanmar air force", "Burmese military", "Burmese army"),
    "Nigerian Air Force": ("Nigerian Air Force", "Nigerian air force", "NAF",
                           "Nigerian military aircraft", "Nigerian Air Force jet",
                           "Nigerian air force jet", "Nigerian fighter jet"),
    "Nigerian military": ("Nigerian military", "Nigerian army", "Nigerian troops",
                          "Nigerian soldiers", "Nigerian armed forces"),
    "French military": ("French military", "French forces", "French army", "French troops",
                        "French air force", "French warplanes", "French jets",
                        "Operation Barkhane", "Barkhane"),
    "US military": ("US military", "U.S. military", "American military", "US forces",
                    "U.S. forces", "American forces", "US troops", "U.S. troops",
                    "US Air Force", "U.S. Air Force", "US drone", "U.S. drone",
                    "US airstrike", "U.S. airstrike", "US airstrikes", "U.S. airstrikes",
                    "US strikes", "U.S. strikes", "Pentagon", "AFRICOM", "CENTCOM",
                    "US Central Command", "U.S. Central Command", "US Africa Command"),
    "NATO": ("NATO", "North Atlantic Treaty Organization", "Nato"),
    "Taliban": ("Taliban", "the Taliban", "Taleban", "Islamic Emirate of Afghanistan"),
    "Kachin Independence Army": ("Kachin Independence Army", "KIA"),
    "Tigray People's Liberation Front": ("Tigray People's Liberation Front", "TPLF",
                                         "Tigray Defense Forces", "Tigray Defence Forces",
                                         "TDF", "Tigrayan forces"),
    "Ethiopian National Defense Force": ("Ethiopian National Defense Force",
                                         "Ethiopian National Defence Force", "ENDF",
                                         "Ethiopian army", "Ethiopian military",
                                         "Ethiopian federal forces", "Ethiopian troops"),
    "Syrian Democratic Forces": ("Syrian Democratic Forces", "SDF"),
    "Hayat Tahrir al-Sham": ("Hayat Tahrir al-Sham", "HTS", "Tahrir al-Sham",
                             "Jabhat Fateh al-Sham", "Fateh al-Sham Front", "Nusra Front",
                             "al-Nusra Front", "Jabhat al-Nusra"),
    "al-Qaeda": ("al-Qaeda", "Al-Qaeda", "al Qaeda", "Al Qaeda", "al-Qaida", "Al-Qaida",
                 "AQAP", "al-Qaeda in the Arabian Peninsula", "AQIM"),
    "JNIM": ("JNIM", "Jama'at Nusrat al-Islam wal-Muslimin", "Group for the Support of Islam "
             "and Muslims", "GSIM"),
    "M23": ("M23", "March 23 Movement", "M23 rebels"),
    "Wagner Group": ("Wagner Group", "Wagner", "Wagner mercenaries", "Africa Corps"),
    "Turkish Armed Forces": ("Turkish Armed Forces", "Turkish military", "Turkish army",
                             "Turkish forces", "Turkish troops", "Turkish warplanes",
                             "Turkish drone", "Turkish drones", "Turkish airstrikes",
                             "Turkish air strikes"),
    "Iranian military": ("Iranian military", "Iranian forces", "IRGC",
                         "Islamic Revolutionary Guard Corps", "Revolutionary Guards",
                         "Iranian Revolutionary Guards"),
    "Pakistani military": ("Pakistani military", "Pakistan army", "Pakistani army",
                           "Pakistani forces", "Pakistani security forces"),
    "Tehrik-i-Taliban Pakistan": ("Tehrik-i-Taliban Pakistan", "TTP", "Pakistani Taliban"),
}

HOME_COUNTRY: dict[str, str] = {
    "Hezbollah": "LB", "Houthis": "YE", "Boko Haram": "NG", "ISWAP": "NG", "al-Shabaab": "SO",
    "Rapid Support Forces": "SD", "Taliban": "AF", "Kachin Independence Army": "MM",
    "Tigray People's Liberation Front": "ET", "Syrian Democratic Forces": "SY",
    "Hayat Tahrir al-Sham": "SY", "M23": "CD", "Tehrik-i-Taliban Pakistan": "PK",
    "Libyan National Army (LNA)": "LY", "Government of National Accord (GNA)": "LY",
    "Hamas": "PS", "Palestinian Islamic Jihad": "PS",
}
"""Where a non-state group fights (ISO 3166-1): a report naming Hezbollah and a Tripoli means
Lebanon's. A bias among namesakes only, never a gate (groups strike abroad too); state
militaries are left out, as their nationality names the attacker, not the place."""

_CASE_SENSITIVE = frozenset({
    "IS", "KIA", "IDF", "ISIS", "ISIL", "RSF", "SAF", "NAF", "JAS", "PIJ", "HTS", "SDF",
    "LNA", "LAAF", "GNA",
    "TPLF", "TDF", "ENDF", "TTP", "M23", "JNIM", "GSIM", "AQAP", "AQIM", "IRGC", "NATO",
    "HAMAS", "Hamas", "Wagner", "Pentagon", "Barkhane", "Russia", "Daesh", "Daech",
    "Coalition",  # Airwars' name for the belligerent ("an alleged Coalition airstrike")
})
"""Aliases matched exactly as written: acronyms, and words that are also common nouns."""

_COALITION_CONTEXT = re.compile(
    r"\b(?:US-led|U\.S\.-led|American-led|anti-IS|anti-ISIS|anti-Islamic State|Combined Joint Task "
    r"Force|Saudi|Yemen|Houthis?|Islamic State|ISIS|ISIL|Daesh|SDF|Syrian Democratic Forces|Raqqa|"
    r"Mosul)\b", re.I)
"""Where "the coalition" can only be the US-led one (or, in Yemen, the Saudi-led one)."""

_NEEDS_CONTEXT: dict[str, re.Pattern] = {
    # "KIA" is also "killed in action" and a carmaker: only with Kachin/Myanmar context.
    "KIA": re.compile(r"\b(?:Kachin|Myanmar|Burma)\b"),
    # "IS" only when the text also talks about the group by another name or about jihadists.
    "IS": re.compile(r"\b(?:Islamic State|ISIS|ISIL|Daesh|jihadist|militants?)\b", re.I),
    "the coalition": _COALITION_CONTEXT,
    "Coalition": _COALITION_CONTEXT,
    "coalition forces": re.compile(r"\b(?:US-led|U\.S\.-led|American-led|anti-IS|anti-ISIS|"
                                   r"anti-Islamic State|Saudi|Yemen|Houthis?)\b", re.I),
    "junta": re.compile(r"\b(?:Myanmar|Burma|Tatmadaw)\b"),
    "military junta": re.compile(r"\b(?:Myanmar|Burma|Tatmadaw)\b"),
    "SAF": re.compile(r"\b(?:Sudan|Sudanese|RSF|Khartoum)\b"),
    "NAF": re.compile(r"\b(?:Nigeria|Nigerian)\b"),
    "Wagner": re.compile(r"\b(?:mercenar|Mali|Prigozhin|Russia|Libya|Sudan|Central African)",
                         re.I),
    "Pentagon": re.compile(r"\b(?:strike|drone|raid|bomb)", re.I),
}

_STATE_MILITARY_EXCEPTIONS = {"RU": "Russian Armed Forces", "UA": "Ukrainian Armed Forces",
                              "IL": "Israeli military", "SY": "Syrian government forces",
                              "SD": "Sudanese Armed Forces", "MM": "Myanmar military",
                              "FR": "French military", "US": "US military",
                              "TR": "Turkish Armed Forces", "NG": "Nigerian military",
                              "ET": "Ethiopian National Defense Force",
                              "IR": "Iranian military", "PK": "Pakistani military"}


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern, dict[str, str], dict[str, str]]:
    """One alternation regex over all aliases, longest first; plus alias → canonical maps."""
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for canon, aliases in ACTORS.items():
        for a in (canon, *aliases):
            if a in _CASE_SENSITIVE:
                exact[a] = canon
            else:
                folded.setdefault(a.lower(), canon)
    alts = sorted({*exact, *folded}, key=len, reverse=True)
    body = "|".join(re.escape(a) for a in alts)
    # case-insensitive overall; case-sensitive aliases are re-checked after matching
    pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.I)
    return pattern, exact, folded


_ACRONYMS_NEEDING_CONTEXT = frozenset({"IS", "KIA", "SAF", "NAF"})
"""Ambiguous only in running text: a caller asking about exactly "KIA" means the group."""
_SAUDI_CONTEXT = re.compile(r"\b(?:Saudi|Yemen|Yemeni|Houthis?|Sanaa|Hodeidah)\b")


def _canonical_of(matched: str, text: str, whole: bool = False) -> Optional[str]:
    _, exact, folded = _matcher()
    canon = exact.get(matched)
    alias = matched
    if canon is None:
        canon = folded.get(matched.lower())
        alias = matched.lower()
        if canon is None:
            return None
    if canon == "US-led coalition" and alias.lower().startswith(("coalition", "the coalition")) and (
            _SAUDI_CONTEXT.search(text)):
        return "Saudi-led coalition"  # "the coalition" of a Yemen report
    if whole and alias in _ACRONYMS_NEEDING_CONTEXT:
        return canon
    for key, ctx in _NEEDS_CONTEXT.items():
        if alias == key or alias == key.lower():
            if not ctx.search(text):
                return None
    return canon


_NAME_BEFORE = re.compile(r"(?<![.!?]\s)\b(?!(?:The|A|An|In|On|By)\b)[A-Z][\w'’-]*\s+$")


def find_actors(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, canonical)`` for every actor alias in ``text``, longest match first."""
    if not text:
        return []
    pattern, _, _ = _matcher()
    out = []
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if not m:
            break
        canon = _canonical_of(m.group(0), text)
        if canon is not None and m.group(0) == "Coalition" and _NAME_BEFORE.search(text[max(0, m.start() - 40) : m.start()]):
            canon = None  # "the Syrian National Coalition": a name of its own
        if canon is None:
            # a case-sensitive alias in the wrong case: look for a shorter match inside
            pos = m.start() + 1
            continue
        out.append((m.start(), m.end(), canon))
        pos = m.end()
    return sorted(out + _weapons_of_states(text, out))


_WEAPON_OF = re.compile(
    r"(?<![\w-])(?P<adj>[A-Z][a-z]+|US|U\.S\.|UK)\s+(?:(?:[A-Za-z-]*\d[\w-]*|[A-Z][\w-]+)\s+){0,2}"
    r"(?:cruise\s+|ballistic\s+|guided\s+)?(?:missiles?|rockets?|jets?|warplanes?|fighter\s+jets?|"
    r"drones?|bombers?|helicopters?|aircraft|planes?|gunfire|fire|shells?|shelling|artillery|bombs?)\b")
"""A state's weapon, named with its model or not: "Russian S-300 missiles", "two Russian
Iskander-M missiles", "US Predator drones", "an Israeli missile", "killed by Israeli fire" (the
adjective alone says whose; the alias table holds the commonest plural phrases)."""


def _weapons_of_states(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    while (m := _WEAPON_OF.search(text, pos)) is not None:
        adj = m.group("adj")
        canon = actor_from_adjective({"US": "American", "U.S.": "American", "UK": "British"}.get(adj, adj))
        if canon is None:  # "Two Russian ... missiles": the adjective may be the next word
            pos = m.end("adj")
            continue
        if not any(s < m.end() and m.start() < e for s, e, _ in found):
            out.append((m.start(), m.end(), canon))
        pos = m.end()
    return out


def canonical_actor(text: str) -> Optional[str]:
    """Canonical name for an actor phrase ("the IDF" → "Israeli military"), or None.

    The whole phrase is tried first, then the first alias found inside it, then a leading
    nationality adjective ("Nigerian jets" → "Nigerian military").
    """
    if not text or not text.strip():
        return None
    phrase = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I).strip(" .,;:")
    canon = _canonical_of(phrase, text, whole=True) if phrase else None
    if canon:
        return canon
    found = find_actors(text)
    if found:
        return found[0][2]
    first = re.match(r"[A-Z][\w-]*", phrase)
    if first and re.search(r"\b(?:forces|military|army|troops|jets?|warplanes?|aircraft|"
                           r"air force|drones?|navy|soldiers|airstrikes?|air strikes?|"
                           r"missiles?|strikes?|shelling)\b", phrase, re.I):
        return actor_from_adjective(first.group(0))
    return None


def actor_from_adjective(adjective: str) -> Optional[str]:
    """The state military a nationality adjective stands for ("Russian" → Russian Armed
    Forces; "Chadian" → "Chadian military"), or None if it is no nationality."""
    from harmwatch.resolve.names import country_from_adjective

    cc = country_from_adjective(adjective)
    if cc is None:
        return None
    if cc in _STATE_MILITARY_EXCEPTIONS:
        return _STATE_MILITARY_EXCEPTIONS[cc]
    adj = adjective.strip()
    if adj.lower().endswith("s") and country_from_adjective(adj[:-1]):
        adj = adj[:-1]
    return f"{adj[:1].upper()}{adj[1:]} military"
