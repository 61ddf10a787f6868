"""Place names and demonyms embedded in a longer name: "Free *Syrian* Army", "University of *Iowa*"."""

from __future__ import annotations

from spacy.tokens import Span

from newsclaims.extract.places.evidence import has_demonym, is_town, is_well_known_place
from newsclaims.extract.places.found import WEAK, Found
from newsclaims.extract.places.words import GENERIC_WORDS, GEO_HEADS
from newsclaims.gazetteer import Entry, Gazetteer
from newsclaims.gazetteer.resolve import ADMIN1_WORDS, ADMIN2_WORDS

DIVISION_WORDS = ADMIN1_WORDS | ADMIN2_WORDS

PIECE_LENGTHS = (3, 2, 1)
"""Lengths in tokens of the pieces tried at each word, longest first ("New South Wales" before "Wales")."""


def _weak_piece(piece: Span, name: Span) -> bool:
    """Whether a piece of a longer name may be a smaller town: it modifies the name's head ("*Beverly Hills*
    Police Department", "*Slidell* PD") rather than being it ("Arizona State *University*", "Trump *Tower*":
    the head says what kind of thing the name is, and is often some village's name too)."""
    return not piece.text.isupper() and not piece.start <= name.root.i < piece.end


def _name_like(piece: Span) -> bool:
    """Whether a piece reads as a name of its own: capitalised words (with "of", "de" inside), opening and
    closing on a proper noun or an adjective, and not a lone generic word ("National", "Central")."""
    if not all(t.is_title or t.is_upper or t.lower_ in ("of", "de") for t in piece):
        return False
    if piece[0].pos_ not in ("PROPN", "ADJ") or piece[-1].pos_ not in ("PROPN", "ADJ"):
        return False
    return not (len(piece) == 1 and piece[0].lower_ in GENERIC_WORDS)


def _place_noun(piece: Span, entries: tuple[Entry, ...]) -> bool:
    """A lone place noun ("the Nile *Delta*", "Paddock *Hill* Bend", "Thames *Valley*") is a word of the name,
    whatever division or village somewhere is called so; unless it names a region of its own ("the *Gulf*")."""
    return len(piece) == 1 and piece[0].lower_ in GEO_HEADS and not any(e.id < 0 for e in entries)


def _named_division(piece: Span, entries: tuple[Entry, ...]) -> bool:
    """A division named with its kind ("Daviess County", "Kebbi State"): a place whatever its size."""
    return (
        len(piece) > 1
        and piece[-1].lower_ in DIVISION_WORDS
        and any(e.fclass == "A" and e.kind in ("name", "alt") for e in entries)
    )


def embedded_places(span: Span, gazetteer: Gazetteer, weak: bool = False) -> list[Found]:
    """Place names and demonyms inside an organisation's name ("Free Syrian Army", "University of Iowa"),
    typed `embedded`, not literal, with the whole name as their phrase and the name's label.

    The longest known piece at each capitalised word wins, and the scan goes on after it; the whole name is
    never its own piece. With `weak`, a smaller town inside the name ("Beverly Hills Police Department") is
    taken too, labelled WEAK: it stays only if the article confirms it (in its countries, near its other
    places)."""
    found: list[Found] = []
    i = span.start
    while i < span.end:
        token = span.doc[i]
        if not token.is_title and not token.is_upper:
            i += 1
            continue
        for length in PIECE_LENGTHS:
            j = i + length
            if j > span.end or (i == span.start and j == span.end):
                continue
            piece = span.doc[i:j]
            if not _name_like(piece):
                continue
            entries = gazetteer.lookup(piece.text)
            if _place_noun(piece, entries):
                continue
            strong = (
                has_demonym(entries)
                or is_well_known_place(entries, piece.text.isupper())
                or _named_division(piece, entries)
            )
            if strong or (weak and _weak_piece(piece, span) and is_town(entries)):
                found.append(
                    Found(
                        i,
                        j,
                        mention="embedded",
                        label=span.label_ if strong else WEAK,
                        literal=False,
                        phrase=(span.start, span.end),
                    )
                )
                i = j - 1
                break
        i += 1
    return found
