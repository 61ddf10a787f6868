"""Places: filled in by its own issue; registered now so the pipeline has its final shape."""

from __future__ import annotations

from spacy.tokens import Doc

from newsclaims.analysis import Analysis, Place
from newsclaims.extract import extractor


@extractor("places")
def extract_places(doc: Doc, analysis: Analysis) -> list[Place]:
    """No places yet."""
    return []
