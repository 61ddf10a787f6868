"""The token flags the recognition passes scan every token for, read at once as one array."""

from __future__ import annotations

import numpy
from spacy.attrs import ENT_IOB, IS_ALPHA, IS_TITLE, IS_UPPER, POS
from spacy.tokens import Doc

UPPER, ALPHA, TITLE, IOB, POS_TAG = range(5)
"""Columns of `token_table`: IS_UPPER, IS_ALPHA, IS_TITLE, ENT_IOB and the coarse part of speech."""
OUTSIDE = 2
"""ENT_IOB of a token outside any entity."""


def token_table(doc: Doc) -> numpy.ndarray:
    """The token flags recognition scans every token for, as one array (columns `UPPER` ... `POS_TAG`):
    reading them from `Doc.to_array` spares a Python Token object for each of thousands of tokens."""
    return doc.to_array([IS_UPPER, IS_ALPHA, IS_TITLE, ENT_IOB, POS]).astype(numpy.int64)
