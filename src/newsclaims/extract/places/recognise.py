"""Recognition: place mentions in a parsed Doc, beyond spaCy's GPE/LOC/FAC entities.

Demonyms (NORP), names spaCy labels ORG/PERSON/NORP that the gazetteer knows when the context says place,
proper nouns outside entities, places inside organisation names, named landforms, datelines, seats of power.

`recognise` runs the passes in order of precedence; a mention that overlaps one found before it is dropped:
1. datelines, "SAN DIEGO (AP) —" (`datelines`);
2. spaCy's entities, whatever their label (`labelled`);
3. proper nouns outside any entity (`unlabelled`);
4. demonyms outside any entity (`unlabelled`);
5. other occurrences of the names found as places on strong evidence ("Douma's fall" as PERSON), whose weak
   mentions are confirmed too (`propagate`);
6. initials of the article's place names ("SA" after "South Africa", `initials`).
The record type is in `found`; what the gazetteer's entries and the parse say about a name, in `evidence`,
`context` and `names`; names inside longer names, in `embedded`.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from newsclaims.extract.places.context import geo_head
from newsclaims.extract.places.datelines import dateline_places
from newsclaims.extract.places.found import WEAK, Found, trim
from newsclaims.extract.places.initials import initial_places
from newsclaims.extract.places.labelled import MISLABELLED, entity_places
from newsclaims.extract.places.names import NAME_PREFIXES
from newsclaims.extract.places.propagate import confirm_weak, repeated_places, strong_names
from newsclaims.extract.places.token_flags import token_table
from newsclaims.extract.places.unlabelled import proper_noun_places, unlabelled_demonyms
from newsclaims.gazetteer import Gazetteer

__all__ = ["MISLABELLED", "NAME_PREFIXES", "WEAK", "Found", "geo_head", "recognise", "token_table", "trim"]


def _add_apart(found: list[Found], taken: set[int], candidates: Iterable[Found]) -> None:
    """Add the candidates, in order, that overlap no mention added before them; mark their tokens taken."""
    for item in candidates:
        if any(k in taken for k in range(item.start, item.end)):
            continue
        taken.update(range(item.start, item.end))
        found.append(item)


def recognise(doc: Doc, gazetteer: Gazetteer) -> list[Found]:
    """Place mentions in a parsed Doc (token spans), without overlaps, in text order."""
    table = token_table(doc)
    found: list[Found] = []
    taken: set[int] = set()
    _add_apart(found, taken, dateline_places(doc, table, gazetteer))
    _add_apart(found, taken, entity_places(doc, gazetteer))
    _add_apart(found, taken, proper_noun_places(doc, table, gazetteer))
    # Last, and told what the others took: a token they took needs no lookup.
    _add_apart(found, taken, unlabelled_demonyms(doc, table, gazetteer, skip=taken))
    names = strong_names(found, doc, table, gazetteer)
    confirm_weak(found, doc, names)
    _add_apart(found, taken, repeated_places(doc, table, names, skip=taken))
    _add_apart(found, taken, initial_places(doc, table, found, gazetteer, skip=taken))
    found.sort(key=lambda f: f.start)
    return found
