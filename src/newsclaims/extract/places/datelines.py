"""Datelines: the place in capitals that opens a news story or a paragraph, "SAN DIEGO (AP) —"."""

from __future__ import annotations

import numpy
from spacy.tokens import Doc

from newsclaims.extract.places.found import Found
from newsclaims.extract.places.token_flags import ALPHA, UPPER
from newsclaims.extract.places.words import DATELINE_ENDS
from newsclaims.gazetteer import Gazetteer

MAX_DATELINE_WORDS = 4


def dateline_spans(doc: Doc, table: numpy.ndarray) -> list[tuple[int, int, bool]]:
    """Capitalised names opening a paragraph or a sentence before "(", "," or a dash: "SAN DIEGO (AP) —"
    (a dateline the text extraction ran into the previous paragraph still opens a sentence), or opening a
    paragraph before the story's first word ("OKLAHOMA CITY The Latest", the dash lost).

    Each as (start, end, loose) in tokens, `loose` when any name of a place will do (a punctuated dateline
    opening a paragraph); `table` is the Doc's `token_table`."""
    spans = []
    for i in numpy.flatnonzero(table[:, UPPER] & table[:, ALPHA]).tolist():
        opens_paragraph = i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_
        if not opens_paragraph and not doc[i].is_sent_start:
            continue
        end = i
        while end < len(doc) and end - i < MAX_DATELINE_WORDS and doc[end].is_upper and not doc[end].is_punct:
            end += 1
        if end >= len(doc) or end == i:
            continue
        if doc[end].text in DATELINE_ENDS:
            spans.append((i, end, opens_paragraph))
        elif opens_paragraph and _story_follows(doc, i, end):
            spans.append((i, end, False))
    return spans


def _story_follows(doc: Doc, start: int, end: int) -> bool:
    """Whether a capitalised word right after a paragraph's opening capitals, longer than an acronym, starts
    the story."""
    width = doc[end - 1].idx + len(doc[end - 1]) - doc[start].idx
    return width > 3 and doc[end].is_title and not doc[end].is_upper


def dateline_places(doc: Doc, table: numpy.ndarray, gazetteer: Gazetteer) -> list[Found]:
    """The datelines the gazetteer knows, labelled GPE. Inside a paragraph only a place's own name counts:
    "PSC:", "AMLO," are acronyms that some place has as a name too."""
    found = []
    for start, end, loose in dateline_spans(doc, table):
        entries = gazetteer.lookup(doc[start:end].text)
        if entries and (loose or any(e.kind == "name" for e in entries)):
            found.append(Found(start, end, label="GPE"))
    return found
