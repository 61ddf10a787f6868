"""The record of a recognised place mention, before it is qualified, typed and resolved."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span

WEAK = "WEAK"
"""Label of a mention with weak evidence of being a place: it stays only when it resolves into a country the
article is about and near another place the article names."""


@dataclasses.dataclass
class Found:
    """A recognised place mention before resolution."""

    start: int  # token indices [start, end)
    end: int
    mention: str = "name"
    label: str | None = None
    qualifier: str | None = None
    phrase: tuple[int, int] | None = None
    literal: bool = True
    lookup: str | None = None  # the name to look up, when not the span's text
    country_hint: str | None = None
    confirm: bool = False
    """Resolve only if the article confirms the place (see WEAK); else the mention stays unresolved."""


def trim(span: Span) -> Span:
    """Without a leading article or a trailing possessive: "the Kremlin" -> "Kremlin", "Syria's" -> "Syria"."""
    if len(span) > 1 and span[0].lower_ in ("the", "a", "an"):
        span = span[1:]
    if len(span) > 1 and span[-1].tag_ == "POS":
        span = span[:-1]
    return span
