"""Statements: filled in by its own issue; registered now so the pipeline has its final shape."""

from __future__ import annotations

from spacy.tokens import Doc

from newsclaims.analysis import Analysis, Statement
from newsclaims.extract import extractor


@extractor("statements")
def extract_statements(doc: Doc, analysis: Analysis) -> list[Statement]:
    """No statements yet."""
    return []
