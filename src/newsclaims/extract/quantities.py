"""Quantities: filled in by its own issue; registered now so the pipeline has its final shape."""

from __future__ import annotations

from spacy.tokens import Doc

from newsclaims.analysis import Analysis, Quantity
from newsclaims.extract import extractor


@extractor("quantities")
def extract_quantities(doc: Doc, analysis: Analysis) -> list[Quantity]:
    """No quantities yet."""
    return []
