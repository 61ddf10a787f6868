"""Extractors: small functions from the one parsed `Doc` (and the Analysis built so far) to typed records.

Each extractor is registered by the name of the Analysis list it fills, in pipeline order:
actors -> statements -> places, times, quantities -> events, because later ones read what earlier ones found
(`analysis.entities`, `analysis.statements`, ...). None re-parses the text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from newsclaims.analysis import Analysis

ExtractorFunc = Callable[[Doc, Analysis], list[Any]]

_REGISTRY: dict[str, ExtractorFunc] = {}

PIPELINE: tuple[str, ...] = ("entities", "statements", "places", "times", "quantities", "events")
"""The order extractors run in; each name is the Analysis field it fills."""


def extractor(name: str) -> Callable[[ExtractorFunc], ExtractorFunc]:
    """Register `func` as the extractor that fills `Analysis.<name>`."""
    if name not in PIPELINE:
        raise ValueError(f"unknown extractor {name!r}; known: {', '.join(PIPELINE)}")

    def register(func: ExtractorFunc) -> ExtractorFunc:
        _REGISTRY[name] = func
        return func

    return register


def registered() -> dict[str, ExtractorFunc]:
    """The registered extractors in pipeline order (importing the modules registers them)."""
    from newsclaims.extract import (  # noqa: F401
        actors,
        events,
        places,
        quantities,
        statements,
        times,
    )

    return {name: _REGISTRY[name] for name in PIPELINE if name in _REGISTRY}


def run_all(doc: Doc, analysis: Analysis, only: tuple[str, ...] | None = None) -> Analysis:
    """Run the extractors (all, or those named in `only`) on `doc`, filling `analysis` in place."""
    for name, func in registered().items():
        if only is not None and name not in only:
            continue
        setattr(analysis, name, func(doc, analysis))
    return analysis


_TEXT_KEY = "newsclaims.text"


def doc_text(doc: Doc, known: str | None = None) -> str:
    """The Doc's text, kept on the Doc after the first call: `doc.text` joins every token anew on each access.
    `known` (the article's text, which the Doc was made from) spares even the first join.

    >>> from spacy.lang.en import English
    >>> doc_text(English()("Shelling resumed."))
    'Shelling resumed.'
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        matches = known is not None and len(doc) and len(known) == doc[-1].idx + len(doc[-1].text_with_ws)
        text = doc.user_data[_TEXT_KEY] = known if matches else doc.text
    return text
