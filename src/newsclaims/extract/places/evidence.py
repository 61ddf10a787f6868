"""What the gazetteer's entries for a name say about it: a country, a division, a sizeable town, a demonym.

Each predicate takes the entries `Gazetteer.lookup` returned for one name, and decides how strong the evidence
is that the name is a place where spaCy did not label it one.
"""

from __future__ import annotations

from newsclaims.extract.places.words import MIN_TOWN_POPULATION, STRONG_FEATURES
from newsclaims.gazetteer import Entry


def has_demonym(entries: tuple[Entry, ...]) -> bool:
    """Whether the name is a demonym of some place ("Syrian", "Russians")."""
    return any(e.kind == "demonym" for e in entries)


def is_sizeable_place(entries: tuple[Entry, ...], min_population: int = MIN_TOWN_POPULATION) -> bool:
    """Whether the name is the name of a country, division, capital, region or a town of `min_population`."""
    return any(
        e.kind in ("name", "alt")
        and (e.fcode in STRONG_FEATURES or e.id < 0 or e.population >= min_population)
        for e in entries
    )


def is_well_known_place(entries: tuple[Entry, ...], upper: bool) -> bool:
    """A country, division, region or large city: safe to take as a place even where spaCy did not.

    A code ("BA") counts only written in capitals (`upper`)."""
    for e in entries:
        if e.kind == "code" and not upper:
            continue
        if e.fcode in STRONG_FEATURES or e.id < 0 or (e.kind == "name" and e.population >= 100_000):
            return True
    return False


def names_country_by_code(entry: Entry, text: str) -> bool:
    """Whether an acronym names this country or region: "UAE", "EU"; a bare two-letter code ("BA", "MW")
    is too often something else, and is taken only for the largest countries ("US")."""
    if entry.id < 0:
        return True
    if not entry.is_country:
        return False
    return len(text.replace(".", "")) > 2 or entry.population >= 50_000_000


def is_country_name(entries: tuple[Entry, ...], text: str) -> bool:
    """Whether the name is a country's own name or a code that names it ("UAE"): a place wherever it stands."""
    return any(
        e.is_country
        and (e.kind in ("name", "alt") or (e.kind == "code" and text.isupper() and len(text) > 2))
        for e in entries
    )  # a bare two-letter code ("ID", "CD") is too often something else


def is_division(entries: tuple[Entry, ...]) -> bool:
    """Whether the name is a country's or a first-level division's own name ("Kent", "Mauritius")."""
    return any(e.kind == "name" and (e.is_country or e.fcode == "ADM1") for e in entries)


def is_town(entries: tuple[Entry, ...]) -> bool:
    """A populated place or division known by this very name (not an alternate name or a code)."""
    return any(e.kind == "name" and e.fclass in ("P", "A") for e in entries)
