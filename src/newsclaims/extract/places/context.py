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


CLOSING_MARKS = frozenset(".;:()")


def is_set_off_after_name(span: Span) -> bool:
    """Whether the span stands after a name and a comma, alone up to the next mark, as the place that name is
    in: "the Federal University of Technology, Owerri (FUTO)", "Brands Hatch, Kent.". Not a name in a list
    ("Haydn, Chopin, Liszt") nor after a common noun ("his son, Francisco,")."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != ",":
        return False
    before = doc[span.start - 2]
    if not (before.is_title or before.is_upper) or before.pos_ != "PROPN":
        return False
    if span.end >= len(doc) or doc[span.end].text in CLOSING_MARKS or doc[span.end].is_space:
        return True
    if doc[span.end].text != "," or span.end + 1 >= len(doc):
        return False
    after = doc[span.end + 1]  # a list goes on with another person's or organisation's name, or "and"
    return after.lower_ != "and" and not (after.ent_iob_ == "B" and after.ent_type_ in ("PERSON", "ORG"))


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
