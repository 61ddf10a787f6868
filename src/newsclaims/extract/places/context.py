"""What the parse around a span says about it: a place ("in Hama", "Idlib province", "the Humaymat hilltops")
or a demonym's use ("Syrian army" or "the Syrians")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsclaims.extract.places.words import DIRECTIONS, GEO_HEADS, LANDFORM_HEADS, LOCATIVE_PREPS


def is_locative(span: Span) -> bool:
    """Whether the span is the object of a locative preposition ("in Hama", "to Amman and Irbid"), follows a
    direction word ("northern Hama") or stands beside a place ("Maidstone, Kent", "Syria and Jordan")."""
    root = span.root
    head = root.head
    if root.dep_ in ("appos", "conj", "npadvmod") and head.i < span.start:
        if head.ent_type_ in ("GPE", "LOC"):
            return True  # "Maidstone, Kent", "Syria and Jordan"
        if (
            root.dep_ == "appos"
            and head.ent_type_ in ("ORG", "FAC")
            and span.start > 0
            and span.doc[span.start - 1].text == ","
        ):
            return True  # "the Federal University of Technology, Owerri": where the organisation is
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
        return True
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in DIRECTIONS


def geo_head(span: Span) -> Token | None:
    """The place noun the span modifies ("Idlib *province*", "the Turkish *border*"), if any."""
    root = span.root
    head = root.head
    if (
        root.dep_ in ("compound", "amod", "nmod", "npadvmod")
        and head.i >= span.end
        and head.lower_ in GEO_HEADS
    ):
        return head
    # "the province of Idlib"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in GEO_HEADS:
        return root.head.head
    return None


def has_landform_head(token: Token) -> bool:
    """Whether the token names a landform or settlement it modifies ("the Humaymat *hilltops*")."""
    return token.dep_ in ("compound", "amod", "nmod") and token.head.lower_ in LANDFORM_HEADS


def demonym_type(span: Span) -> str:
    """`adjective` for "Syrian army", "Russian-backed"; `people` for "the Russians", "Syrians said"."""
    root = span.root
    if root.tag_ in ("NNS", "NNPS") or (
        root.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj") and root.tag_ != "JJ"
    ):
        return "people"
    return "adjective"
