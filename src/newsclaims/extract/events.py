"""Events: filled in by its own issue; registered now so the pipeline has its final shape."""

from __future__ import annotations

from spacy.tokens import Doc

from newsclaims.analysis import Analysis, Event
from newsclaims.extract import extractor


@extractor("events")
def extract_events(doc: Doc, analysis: Analysis) -> list[Event]:
    """No events yet."""
    return []
