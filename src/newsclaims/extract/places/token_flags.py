"""The token flags the recognition passes scan every token for, read at once as one array."""

from __future__ import annotations

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE, IS_ALPHA, IS_TITLE, IS_UPPER, ORTH, POS
from spacy.tokens import Doc

UPPER, ALPHA, TITLE, IOB, POS_TAG, TEXT, LABEL = range(7)
"""Columns of `token_table`: IS_UPPER, IS_ALPHA, IS_TITLE, ENT_IOB, the coarse part of speech, and the hashes
of the token's text (ORTH) and of its entity's label (ENT_TYPE), as int64: compare them with `text_id`."""
OUTSIDE, BEGIN = 2, 3
"""ENT_IOB of a token outside any entity, and of the first token of one."""


def token_table(doc: Doc) -> numpy.ndarray:
    """The token flags recognition scans every token for, as one array (columns `UPPER` ... `TEXT`):
    reading them from `Doc.to_array` spares a Python Token object for each of thousands of tokens."""
    return doc.to_array([IS_UPPER, IS_ALPHA, IS_TITLE, ENT_IOB, POS, ORTH, ENT_TYPE]).astype(numpy.int64)


def text_id(doc: Doc, text: str) -> int:
    """The `TEXT` (or `LABEL`) column's value for tokens of this text (or entities of this label)."""
    return int(numpy.array([doc.vocab.strings[text]], dtype=numpy.uint64).astype(numpy.int64)[0])


def entity_words(doc: Doc, table: numpy.ndarray, label: str) -> list[tuple[str, ...]]:
    """The token texts of each entity with this label, in text order, read from the table (cheaper than
    building a Span for each of the Doc's entities)."""
    runs: list[list[str]] = []
    for i in numpy.flatnonzero(table[:, LABEL] == text_id(doc, label)).tolist():
        if table[i, IOB] == BEGIN or not runs:
            runs.append([])
        runs[-1].append(doc[i].text)
    return [tuple(run) for run in runs]
