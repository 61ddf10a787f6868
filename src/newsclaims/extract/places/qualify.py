"""How a place mention is used: its qualifier and phrase ("northern Hama", "Idlib province"), and whether it
is literal or a metonym ("Moscow denied", "Turkey-backed", a statement's source).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsclaims.analysis import Analysis
from newsclaims.extract.places.context import geo_head
from newsclaims.extract.places.found import Found
from newsclaims.extract.places.words import ACTOR_HEADS, DIRECTIONS, GEO_HEADS, STATIVE_VERBS


def qualify(item: Found, doc: Doc) -> None:
    """Set the qualifier and the whole phrase: "northern Hama", "Idlib province", "the Turkish border"."""
    span = doc[item.start : item.end]
    first, last = item.start, item.end
    head = geo_head(span)
    if head is not None:
        item.qualifier = head.lower_
        if head.i >= item.end:
            last = head.i + 1
        else:
            first = min(first, head.i)
    before = doc[item.start - 1] if item.start > 0 else None
    if before is not None and before.lower_ in DIRECTIONS:
        item.qualifier = item.qualifier or before.lower_
        first = before.i
    if first > 0 and doc[first - 1].lower_ == "the" and (first < item.start or last > item.end):
        first -= 1
    if (first, last) != (item.start, item.end):
        item.phrase = (first, last)


def _acts(span: Span, source_spans: list[tuple[int, int]]) -> bool:
    """Whether the place acts, speaks or qualifies something that is not a place: a metonym or an associative
    use ("Moscow denied", "Russia's deployment", "Turkey-backed", "Rome police")."""
    start, end = span.start_char, span.end_char
    if any(s <= start and end <= e for s, e in source_spans):
        return True
    root = span.root
    head = root.head
    if root.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX") and head.lemma_ not in STATIVE_VERBS:
        return True
    if root.dep_ == "poss" and head.lower_ not in GEO_HEADS:
        return True
    if root.dep_ in ("npadvmod", "amod", "compound") and head.lemma_ in ACTOR_HEADS:
        return True
    if root.dep_ == "pobj" and head.lower_ == "by" and head.head.tag_ == "VBN":
        return True
    if root.dep_ == "compound" and head.pos_ in ("NOUN", "PROPN") and head.lower_ not in GEO_HEADS:
        return True  # "Rome police", "Hollywood producer", "Manila Archbishop": the place as an attribute
    return False


def is_literal(item: Found, doc: Doc, source_spans: list[tuple[int, int]]) -> bool:
    if not item.literal or item.mention in ("people", "embedded"):
        return False
    span = doc[item.start : item.end]
    if item.mention == "adjective":
        return item.qualifier in GEO_HEADS and not _acts(span, source_spans)
    return not _acts(span, source_spans)


def source_spans(analysis: Analysis) -> list[tuple[int, int]]:
    spans = []
    for statement in analysis.statements:
        if statement.source is not None and statement.source.span is not None:
            spans.append(tuple(statement.source.span))
    return spans
