"""CASE 2021 task-2 event codes and their ACLED sub-event types (the rule codes' label set)."""
from __future__ import annotations

from harmwatch.models import ACLED_SUBTYPES, NOT_CONFLICT

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

NO_CASUALTY_LABELS: frozenset[str] = frozenset({
    "Other", "Looting/property destruction", "Arrests", "Headquarters or base established",
    "Change to group/activity", "Agreement", "Non-violent transfer of territory",
    "Disrupted weapons use", "Peaceful protest",
})
"""Sub-types no one dies or is hurt in: a figure of dead or wounded is not theirs."""


def label_of(code: str) -> str:
    """The output label of an internal (CASE 2021) code."""
    return CASE2021_LABELS[code]
