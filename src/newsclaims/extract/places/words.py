"""Word lists the place recogniser reads the parse with: directions, place nouns, prepositions, verbs."""

from __future__ import annotations

from newsclaims.gazetteer.resolve import ADMIN1_WORDS, ADMIN2_WORDS

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DIRECTIONS = frozenset(
    """north south east west northern southern eastern western central northeast northwest southeast southwest
    northeastern northwestern southeastern southwestern mid upper lower rural""".split()
)
GEO_HEADS = (
    frozenset(
        """border borders frontier city cities town towns village villages area areas countryside territory
        territories coast coastline capital soil airspace waters side outskirts suburb suburbs neighbourhood
        neighborhood hill hills hilltop hilltops mountain mountains valley plain plains desert river lake island
        islands port airport airbase base crossing camp camps enclave pocket heartland region frontline front
        north south east west center centre interior highlands plateau peninsula gulf sea bay strait delta
        corridor road highway bridge""".split()
    )
    | ADMIN1_WORDS
    | ADMIN2_WORDS
)
"""Nouns that make the place before them literal ("the Turkish border", "Idlib province")."""
LANDFORM_HEADS = frozenset(
    """hill hills hilltop hilltops mountain mountains valley plain plains desert river lake island islands
    airbase base crossing camp camps peninsula village villages town""".split()
)
"""Nouns after which an unknown capitalised name is itself a place ("the Humaymat hilltops")."""
LOCATIVE_PREPS = frozenset(
    "in near at from to into outside around across toward towards through throughout within inside via".split()
)
STATIVE_VERBS = frozenset(
    """be lie sit border remain become fall see host suffer experience face stand stretch lose gain have
    belong neighbour neighbor hit strike shake flood burn""".split()
)
"""Verbs whose subject stays a place ("Idlib lies", "Hama fell"); other verbs make their subject an actor."""
ACTOR_HEADS = frozenset("back lead sponsor support ally base arm fund allied".split())
"""Heads of "Turkey-backed", "Russian-led": the place as an actor."""
SEATS_OF_POWER = {
    "kremlin": ("Moscow", "RU"),
    "white house": ("Washington", "US"),
    "pentagon": ("Washington", "US"),
    "capitol hill": ("Washington", "US"),
    "downing street": ("London", "GB"),
    "whitehall": ("London", "GB"),
    "elysee": ("Paris", "FR"),
    "elysee palace": ("Paris", "FR"),
    "zhongnanhai": ("Beijing", "CN"),
    "blue house": ("Seoul", "KR"),
}
"""Buildings that stand for a government: resolved to their city, always as metonyms."""
GENERIC_WORDS = DIRECTIONS | frozenset(
    "centre center central middle capital national federal union state city coast island islands".split()
)
"""Words that are the names of divisions somewhere ("South" in Cameroon, "Centre" in Burkina Faso) but, inside
an organisation's name or without a place label, are just words."""
STRONG_FEATURES = frozenset({"PCLI", "CONT", "ADM1", "PPLC"})
MIN_TOWN_POPULATION = 15_000
"""A name spaCy did not label as a place is taken as one only if it is a country, a division or a town this big."""
NAME_CONNECTORS = frozenset(("and", "&", "of", "de", "del", "da", "do"))
"""Lower-case words inside a place's name ("Trinidad and Tobago", "Isle of Man")."""
DATELINE_ENDS = frozenset({"(", ",", "—", "–", "-", ":", "--", "&"})
ORGANISATION_HEADS = frozenset(
    """police fire council chamber commission committee club university college school schools academy institute
    hospital court department ministry agency authority board museum bank company corporation group association
    society union league herald times post tribune news gazette journal airport stadium centre center church
    cathedral fc""".split()
)
"""Words that make a name an organisation's or a building's: a place name before them is embedded in it."""
CALENDAR_WORDS = frozenset(
    """january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday spring summer
    autumn fall winter christmas easter""".split()
)
"""Words of dates: a DATE entity with one of them is no place spaCy mislabelled ("in March", not March in
Cambridgeshire)."""
