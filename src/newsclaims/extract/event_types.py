"""The event taxonomy: ACLED event types and sub-types, the types outside ACLED, PLOVER roots, and the maps
between them (CASE 2021 labels, PLOVER 2016 names, PLOVER root beside each ACLED sub-type).

Names follow ACLED's codebook exactly, so exports line up with ACLED data. Happenings ACLED does not code
(disasters, crime, diplomacy, claims of responsibility, displacement) get the type `Other` and a clearly named
sub-type instead of a wrong ACLED one.
"""

from __future__ import annotations

OTHER_TYPE = "Other"

ACLED_TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
    OTHER_TYPE: (
        "Natural disaster",
        "Man-made disaster",
        "Organized crime",
        "Diplomatic event",
        "Attribution of responsibility",
        "Displacement",
    ),
}
"""Event type -> its sub-types. `Other` holds what ACLED does not code; ACLED's own `Other` sub-type stays
under Strategic developments for what fits nothing."""

SUBTYPE_TO_TYPE: dict[str, str] = {sub: etype for etype, subs in ACLED_TAXONOMY.items() for sub in subs}
SUBTYPES: tuple[str, ...] = tuple(SUBTYPE_TO_TYPE)

NO_EVENT = "NONE"
"""The classifier's label for a sentence that reports no event."""

CASE_TO_SUBTYPE: dict[str, str] = {
    "ARMED_CLASH": "Armed clash",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "CHEM_WEAP": "Chemical weapon",
    "AIR_STRIKE": "Air/drone strike",
    "SUIC_BOMB": "Suicide bomb",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade",
    "SEX_VIOL": "Sexual violence",
    "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
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
    "NATURAL_DISASTER": "Natural disaster",
    "MAN_MADE_DISASTER": "Man-made disaster",
    "ORG_CRIME": "Organized crime",
    "DIPLO": "Diplomatic event",
    "ATTRIB": "Attribution of responsibility",
}
"""CASE 2021 task 2 labels -> the project's sub-types (one to one; `Displacement` has no CASE label)."""

SUBTYPE_TO_CASE: dict[str, str] = {
    **{sub: case for case, sub in CASE_TO_SUBTYPE.items()},
    "Displacement": "OTHER",
}
"""The project's sub-types -> CASE labels, for scoring: CASE files reports of people fleeing under OTHER."""

PLOVER_ROOTS: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
"""PLOVER root codes (the 2021 set used by POLECAT)."""

PLOVER_2016_TO_2021: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
"""The 2016 draft names (PLOVER gold-standard records) -> 2021 roots, per CAMEO2PLOVER-2021."""

SUBTYPE_TO_PLOVER: dict[str, str | None] = {
    "Armed clash": "ASSAULT",
    "Government regains territory": "ASSAULT",
    "Non-state actor overtakes territory": "ASSAULT",
    "Chemical weapon": "ASSAULT",
    "Air/drone strike": "ASSAULT",
    "Suicide bomb": "ASSAULT",
    "Shelling/artillery/missile attack": "ASSAULT",
    "Remote explosive/landmine/IED": "ASSAULT",
    "Grenade": "ASSAULT",
    "Sexual violence": "ASSAULT",
    "Attack": "ASSAULT",
    "Abduction/forced disappearance": "ASSAULT",
    "Peaceful protest": "PROTEST",
    "Protest with intervention": "PROTEST",
    "Excessive force against protesters": "ASSAULT",
    "Violent demonstration": "PROTEST",
    "Mob violence": "ASSAULT",
    "Agreement": "AGREE",
    "Arrests": "COERCE",
    "Change to group/activity": "MOBILIZE",
    "Disrupted weapons use": "COERCE",
    "Headquarters or base established": "MOBILIZE",
    "Looting/property destruction": "COERCE",
    "Non-violent transfer of territory": "RETREAT",
    "Other": None,
    "Natural disaster": None,
    "Man-made disaster": None,
    "Organized crime": None,
    "Diplomatic event": None,
    "Attribution of responsibility": "ACCUSE",
    "Displacement": None,
}
"""The PLOVER root an ACLED sub-type implies; None where the classifier's PLOVER guess is kept."""

PLOVER_TO_SUBTYPE: dict[str, str] = {
    "AGREE": "Agreement",
    "CONSULT": "Diplomatic event",
    "SUPPORT": "Diplomatic event",
    "CONCEDE": "Diplomatic event",
    "COOPERATE": "Diplomatic event",
    "AID": "Diplomatic event",
    "RETREAT": "Change to group/activity",
    "REQUEST": "Diplomatic event",
    "ACCUSE": "Diplomatic event",
    "REJECT": "Diplomatic event",
    "THREATEN": "Diplomatic event",
    "PROTEST": "Peaceful protest",
    "SANCTION": "Diplomatic event",
    "MOBILIZE": "Change to group/activity",
    "COERCE": "Other",
    "ASSAULT": "Attack",
}
"""The sub-type given to an event found only by its PLOVER root (political and verbal events)."""


def event_type(subtype: str) -> str:
    """The event type of a sub-type.

    >>> event_type("Air/drone strike")
    'Explosions/Remote violence'
    >>> event_type("Natural disaster")
    'Other'
    """
    return SUBTYPE_TO_TYPE[subtype]


def plover_from_2016(code: str) -> str:
    """A PLOVER root in the 2021 set, from a 2016 draft name or a 2021 one.

    >>> plover_from_2016("DEMAND"), plover_from_2016("AGREE")
    ('REQUEST', 'AGREE')
    """
    return PLOVER_2016_TO_2021.get(code, code)
