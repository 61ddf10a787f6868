"""Names as written: where a place's name ends, spellings that mark a brand, the surnames of the article's people."""

from __future__ import annotations

from spacy.tokens import Span

from newsclaims.extract.places.words import NAME_CONNECTORS
from newsclaims.gazetteer import Gazetteer

NAME_PREFIXES = ("Mac", "Mc", "La", "Le", "De", "Di", "Du")
"""Prefixes of names written with a capital after them ("LaFayette", "DeKalb", "McAllen")."""


def mixed_case(text: str) -> bool:
    """Whether capitals inside a word mark a brand or an acronym, not a place name.

    >>> [mixed_case(name) for name in ("MoD", "UConn", "iPhone", "McAllen", "Hama", "NATO")]
    [True, True, True, False, False, False]
    """
    for prefix in NAME_PREFIXES:  # "LaFayette", "DeKalb", "McAllen": a name's prefix, not a brand's capital
        if text.startswith(prefix) and text[len(prefix) : len(prefix) + 1].isupper():
            text = text[len(prefix) :]
            break
    return not text.isupper() and any(c.isupper() for c in text[1:]) and " " not in text


def person_surnames(ents: tuple[Span, ...]) -> frozenset[str]:
    """The last words of the article's PERSON mentions of more than one word ("Michael Jordan" -> jordan)."""
    return frozenset(ent[-1].lower_ for ent in ents if ent.label_ == "PERSON" and len(ent) > 1)


def extend_right(span: Span, gazetteer: Gazetteer, most: int = 3) -> Span:
    """The span with the capitalised words after it, when that longer name is a place the gazetteer knows by
    its name: spaCy's "U.S." of "U.S. Virgin Islands", "Kansas" of "Kansas City", "Trinidad" of "Trinidad
    and Tobago"."""
    doc = span.doc
    best = span
    end = span.end
    while (
        end < len(doc)
        and end - span.end < most
        and (doc[end].is_title or doc[end].lower_ in NAME_CONNECTORS)
        and not doc[end].is_sent_start
    ):
        end += 1
        if not doc[end - 1].is_title:
            continue  # "Trinidad and Tobago", "Bosnia and Herzegovina": spaCy's two entities are one name
        entries = gazetteer.lookup(doc[span.start : end].text)
        if any(e.kind in ("name", "alt") and (e.fclass in ("A", "P") or e.id < 0) for e in entries):
            best = doc[span.start : end]
    return best
