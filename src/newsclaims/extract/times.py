"""Times: filled in by its own issue; registered now so the pipeline has its final shape."""

from __future__ import annotations

from spacy.tokens import Doc

from newsclaims.analysis import Analysis, Time
from newsclaims.extract import extractor


@extractor("times")
def extract_times(doc: Doc, analysis: Analysis) -> list[Time]:
    """No times yet."""
    return []
