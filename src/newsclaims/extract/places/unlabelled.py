"""Places spaCy left outside its entities: proper nouns ("in Hama", "northern Idlib", "the Humaymat hilltops")
and demonyms ("Danish wave energy developer", "Salvadoran migrant")."""

from __future__ import annotations

from collections.abc import Container

import numpy
from spacy.parts_of_speech import ADJ, PROPN
from spacy.tokens import Doc, Span

from newsclaims.extract.places.context import demonym_type, geo_head, has_landform_head, is_locative
from newsclaims.extract.places.embedded import embedded_places
from newsclaims.extract.places.evidence import (
    has_demonym,
    is_country_name,
    is_division,
    is_sizeable_place,
    is_town,
)
from newsclaims.extract.places.found import WEAK, Found
from newsclaims.extract.places.names import mixed_case
from newsclaims.extract.places.token_flags import IOB, OUTSIDE, POS_TAG, TITLE, UPPER
from newsclaims.extract.places.words import GENERIC_WORDS
from newsclaims.gazetteer import Gazetteer


def proper_noun_runs(doc: Doc, table: numpy.ndarray) -> list[Span]:
    """Runs of proper nouns outside any entity, in text order: each opens on a capitalised or all-capitals
    proper noun and goes on over the capitalised ones after it ("Humaymat", "Deir Sunbul").
    `table` is the Doc's `token_table`."""
    outside_propn = (table[:, IOB] == OUTSIDE) & (table[:, POS_TAG] == PROPN)
    run_on = outside_propn & (table[:, TITLE] == 1)
    runs = []
    next_start = 0
    for i in numpy.flatnonzero(outside_propn & ((table[:, TITLE] | table[:, UPPER]) == 1)).tolist():
        if i < next_start:
            continue
        j = i + 1
        while j < len(doc) and run_on[j]:
            j += 1
        runs.append(doc[i:j])
        next_start = j
    return runs


def unlabelled_name(span: Span, gazetteer: Gazetteer) -> list[Found]:
    """The place mentions one run of proper nouns makes (usually none or one), strongest evidence first: a
    country, division or sizeable town where the context says place ("in Hama", "the Hama countryside"); a
    country's name anywhere; a division or capital naming something ("Mauritius government", "Cairo police");
    a name before a landform ("the Humaymat hilltops"); a smaller town, kept only if the article confirms it
    (WEAK); else the places inside an unknown longer name ("SME Mauritius Limited")."""
    i, j = span.start, span.end
    entries = gazetteer.lookup(span.text)
    if span.start > 0 and (is_locative(span) or geo_head(span) is not None) and is_sizeable_place(entries):
        return [Found(i, j, label=None)]
    if is_country_name(entries, span.text):
        return [Found(i, j, label=None)]  # "Azerbaijan puts pressure", "a minister of the UAE"
    if (span.root.dep_ == "compound" and is_division(entries)) or any(
        e.fcode == "PPLC" and e.kind == "name" for e in entries
    ):
        return [Found(i, j, label=None)]  # "Mauritius government", "Cairo police"
    if len(span) <= 2 and has_landform_head(span[-1]):
        return [Found(i, j, mention="phrase", label=None)]
    if (
        span.start > 0
        and not span.doc[span.start - 1].is_sent_start
        and not mixed_case(span.text)
        and span[0].lower_ not in GENERIC_WORDS
        and is_town(entries)
    ):
        return [Found(i, j, label=WEAK)]
    if len(span) > 1 and not entries:
        return embedded_places(span, gazetteer)
    return []


def proper_noun_places(doc: Doc, table: numpy.ndarray, gazetteer: Gazetteer) -> list[Found]:
    """The place mentions among the proper nouns outside any entity, in text order."""
    return [item for span in proper_noun_runs(doc, table) for item in unlabelled_name(span, gazetteer)]


def unlabelled_demonyms(
    doc: Doc, table: numpy.ndarray, gazetteer: Gazetteer, skip: Container[int] = ()
) -> list[Found]:
    """Capitalised adjectives and proper nouns outside any entity that are demonyms ("Danish", "Salvadoran"),
    typed by their use; tokens in `skip` (taken by a stronger mention) are not looked up."""
    maybe_demonym = (
        (table[:, IOB] == OUTSIDE) & numpy.isin(table[:, POS_TAG], (ADJ, PROPN)) & (table[:, TITLE] == 1)
    )
    return [
        Found(i, i + 1, mention=demonym_type(doc[i : i + 1]), label="NORP")
        for i in numpy.flatnonzero(maybe_demonym).tolist()
        if i not in skip and has_demonym(gazetteer.lookup(doc[i].text))
    ]
