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
    (a dateline the text extraction ran into the previous paragraph still opens a sentence).

    Each as (start, end, opens_paragraph) in tokens; `table` is the Doc's `token_table`."""
    spans = []
    for i in numpy.flatnonzero(table[:, UPPER] & table[:, ALPHA]).tolist():
        opens_paragraph = i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_
        if not opens_paragraph and not doc[i].is_sent_start:
            continue
        end = i
        while end < len(doc) and end - i < MAX_DATELINE_WORDS and doc[end].is_upper and not doc[end].is_punct:
            end += 1
        if end < len(doc) and end > i and doc[end].text in DATELINE_ENDS:
            spans.append((i, end, opens_paragraph))
    return spans


def dateline_places(doc: Doc, table: numpy.ndarray, gazetteer: Gazetteer) -> list[Found]:
    """The datelines the gazetteer knows, labelled GPE. Inside a paragraph only a place's own name counts:
    "PSC:", "AMLO," are acronyms that some place has as a name too."""
    found = []
    for start, end, opens_paragraph in dateline_spans(doc, table):
        entries = gazetteer.lookup(doc[start:end].text)
        if entries and (opens_paragraph or any(e.kind == "name" for e in entries)):
            found.append(Found(start, end, label="GPE"))
    return found
