"""Actors: the people, organisations, groups and states an article mentions, each mention grouped to one entity.

>>> from newsclaims import analyze
>>> a = analyze("Captain Naji Mustafa spoke for the rebels. Mustafa said Russia attacked.")
>>> [(e.name, e.type, len(e.mentions)) for e in a.entities if e.type == "PERSON"]
[('Naji Mustafa', 'PERSON', 2)]
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from newsclaims.analysis import Analysis, Entity
from newsclaims.extract import extractor

ACTOR_LABELS = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC")
_KIND = {"PERSON": "person"}
_LEADING = re.compile(r"^(the|a|an)\s+", re.I)


def mention_name(span: Span) -> str:
    """The name a mention stands for: without a leading article or a trailing possessive.

    >>> import spacy
    >>> doc = spacy.blank("en")("the United Nations's")
    >>> mention_name(doc[:])
    'United Nations'
    """
    text = _LEADING.sub("", span.text.strip())
    return re.sub(r"['’]s?$", "", text).strip()


def name_mentions(doc: Doc) -> list[Span]:
    """The named-entity mentions that can be actors, trimmed of a leading article."""
    spans = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        if ent[0].lower_ in ("the", "a", "an") and len(ent) > 1:
            ent = ent[1:]
        if ent[-1].tag_ == "POS" and len(ent) > 1:
            ent = ent[:-1]
        spans.append(ent)
    return spans


def group_mentions(mentions: list[Span]) -> list[list[Span]]:
    """Group mentions of one entity: same name, or a person's surname after the full name."""
    groups: dict[tuple[str, str], list[Span]] = {}
    surnames: dict[str, tuple[str, str]] = {}
    for span in mentions:
        name = mention_name(span)
        key = (span.label_, name.lower())
        if key not in groups and span.label_ == "PERSON" and len(name.split()) == 1:
            key = surnames.get(name.lower(), key)
        groups.setdefault(key, []).append(span)
        if span.label_ == "PERSON" and len(name.split()) > 1:
            surnames.setdefault(name.split()[-1].lower(), key)
    return list(groups.values())


@extractor("entities")
def extract_entities(doc: Doc, analysis: Analysis) -> list[Entity]:
    """Entities from the NER mentions, named by their longest mention, in order of first mention."""
    entities = []
    for i, group in enumerate(group_mentions(name_mentions(doc)), start=1):
        name = max((mention_name(s) for s in group), key=len)
        entities.append(
            Entity(
                id=f"E{i}",
                name=name,
                type=group[0].label_,
                kind=_KIND.get(group[0].label_),
                mentions=[(s.start_char, s.end_char) for s in group],
            )
        )
    return entities
