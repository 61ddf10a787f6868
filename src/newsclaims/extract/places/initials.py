"""Initials of the article's own place names: "SA" after "South Africa", "T&T" after "Trinidad and Tobago".

Two capitals are too often something else to be a place by themselves ("SA" is also Saudi Arabia's code, and a
company's suffix), but an article that names a place of two or more words and then writes its initials means
that place by them.
"""

from __future__ import annotations

from collections.abc import Container

import numpy
from spacy.tokens import Doc

from newsclaims.extract.places.found import Found, trim
from newsclaims.extract.places.token_flags import BEGIN, IOB, OUTSIDE, TEXT, text_id
from newsclaims.extract.places.words import NAME_CONNECTORS, PLACE_LABELS
from newsclaims.gazetteer import Gazetteer

MAX_INITIALS = 4


def initials_of(words: list[str]) -> str | None:
    """The initials of a name of two or more capitalised words, connectors left out ("Bosnia and
    Herzegovina" -> "BH"), or None.

    >>> initials_of(["South", "Africa"]), initials_of(["Syria"])
    ('SA', None)
    """
    capitals = [w for w in words if w.lower() not in NAME_CONNECTORS]
    if not 2 <= len(capitals) <= MAX_INITIALS or not all(w[:1].isupper() for w in capitals):
        return None
    return "".join(w[0] for w in capitals)


def named_initials(found: list[Found], doc: Doc, gazetteer: Gazetteer) -> dict[str, str]:
    """Initials -> the name they stand for, of the place names found in the article by their label, and of
    the countries its demonyms of two words name ("South Africans")."""
    names: dict[str, str] = {}
    for item in found:
        if item.end - item.start < 2:
            continue  # one word has no initials (most mentions: no Span made for them)
        span = trim(doc[item.start : item.end])
        if item.mention == "name" and item.label in PLACE_LABELS and not item.lookup:
            name = span.text
        elif item.mention in ("adjective", "people") and len(span) > 1:
            countries = [e for e in gazetteer.lookup(span.text) if e.kind == "demonym" and e.is_country]
            if not countries:
                continue
            name = countries[0].name
        else:
            continue
        words = name.split()
        letters = initials_of(words)
        if letters is not None:
            names.setdefault(letters, name)
        if len(words) == 3 and words[1].lower() in ("and", "&") and letters is not None:
            names.setdefault("&".join(letters), name)  # "T&T" for "Trinidad and Tobago"
    return names


def initial_places(
    doc: Doc, table: numpy.ndarray, found: list[Found], gazetteer: Gazetteer, skip: Container[int] = ()
) -> list[Found]:
    """Tokens in capitals that are the initials of a place the article names, standing alone (outside any
    entity or as one of their own, and not the first word of a longer name: "NJ Advance Media"), and not in
    `skip`: mentions of that place, looked up by its name."""
    names = named_initials(found, doc, gazetteer)
    if not names:
        return []
    out = []
    written = numpy.isin(table[:, TEXT], [text_id(doc, letters) for letters in names])
    for i in numpy.flatnonzero(written).tolist():
        name = names[doc[i].text]
        if i in skip:
            continue
        alone = table[i, IOB] == OUTSIDE or (
            table[i, IOB] == BEGIN and (i + 1 == len(doc) or table[i + 1, IOB] != 1)
        )
        if alone and not (i + 1 < len(doc) and doc[i + 1].is_title and doc[i + 1].pos_ == "PROPN"):
            out.append(Found(i, i + 1, label="GPE", lookup=name))
    return out
