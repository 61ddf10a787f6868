"""Linking a statement's source span to an actor: a named mention, a pronoun, a role description or a group.

- A span that overlaps an entity mention is that entity ("Captain Naji Mustafa").
- "he"/"she" is the person mentioned last before it; "they"/"we" the group or organisation that spoke last.
- A description headed by a role noun ("the spokesman", "the head of a major rebel group") is the person who
  holds that role in the article (nearest first), else a new group entity.
- Any other noun phrase ("senior rebel commanders", "officials") becomes a group entity of its own, shared by
  later sources with the same words.
Pronouns and descriptions resolved this way are added to the entity's mentions.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from newsclaims.analysis import Entity
from newsclaims.extract.actor_roles import ROLE_NOUNS, actor_kind

PERSON_PRONOUNS = frozenset(("he", "she", "him", "her", "his", "hers", "himself", "herself"))
GROUP_PRONOUNS = frozenset(("they", "them", "their", "we", "us", "our"))
_SKIP_WORDS = frozenset(("i", "you", "it", "this", "that", "which", "who", "whom", "what", "one", "me", "my"))
_LEADING = re.compile(r"^(the|a|an|another|some|other|many|several|two|three|four|five)\s+", re.I)


class SourceResolver:
    """Resolves source spans to entity ids within one article, remembering who spoke last."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self.last_person: str | None = None
        self.last_group: str | None = None
        self._groups: dict[str, Entity] = {}

    def _by_id(self, entity_id: str) -> Entity:
        return next(e for e in self.entities if e.id == entity_id)

    def _mentioned(self, span: tuple[int, int]) -> Entity | None:
        best, best_rank = None, (-1, -1)
        for entity in self.entities:
            for start, end in entity.mentions:
                if start < span[1] and span[0] < end:
                    rank = (entity.type == "PERSON", end - start)
                    if rank > best_rank:
                        best, best_rank = entity, rank
        return best

    def _last_person_before(self, position: int) -> Entity | None:
        best, best_start = None, -1
        for entity in self.entities:
            if entity.type != "PERSON":
                continue
            for start, _end in entity.mentions:
                if best_start < start < position:
                    best, best_start = entity, start
        return best

    def _role_holder(self, noun: str, position: int) -> Entity | None:
        holders = [
            (min(abs(r.span[0] - position) for r in e.roles if r.title == noun), e)
            for e in self.entities
            if any(r.title == noun for r in e.roles)
        ]
        return min(holders, key=lambda pair: pair[0])[1] if holders else None

    def _group(self, span: Span) -> Entity:
        name = _LEADING.sub("", span.text.strip())
        key = name.lower()
        entity = self._groups.get(key)
        if entity is None:
            entity = Entity(
                id=f"E{len(self.entities) + 1}",
                name=name,
                type="GROUP",
                kind=actor_kind(name, "GROUP"),
            )
            self.entities.append(entity)
            self._groups[key] = entity
        return entity

    def _remember(self, entity: Entity, span: tuple[int, int] | None) -> str:
        if span is not None and span not in entity.mentions:
            entity.mentions.append(span)
            entity.mentions.sort()
        if entity.type == "PERSON":
            self.last_person = entity.id
        else:
            self.last_group = entity.id
        return entity.id

    def resolve(self, span: Span) -> str | None:
        """The entity id the source `span` refers to (None for "I", "you", "it", ...)."""
        chars = (span.start_char, span.end_char)
        # The mention must hold the phrase's head: "Syrian rebels" are rebels, not Syria.
        root = span.root
        entity = self._mentioned((root.idx, root.idx + len(root.text)))
        if entity is not None:
            return self._remember(entity, None)  # named already: its mention is in the list
        text = span.text.strip().lower()
        if text in PERSON_PRONOUNS:
            entity = self._last_person_before(span.start_char)
            if entity is None and self.last_person:
                entity = self._by_id(self.last_person)
            return self._remember(entity, chars) if entity is not None else None
        if text in GROUP_PRONOUNS:
            return self._remember(self._by_id(self.last_group), chars) if self.last_group else None
        if text in _SKIP_WORDS or span.root.pos_ not in ("NOUN", "PROPN"):
            return None
        noun = span.root.lemma_.lower()
        if noun in ROLE_NOUNS and span.root.tag_ in ("NN", "NNP"):
            entity = self._role_holder(noun, span.start_char)
            if entity is not None:
                return self._remember(entity, chars)
        return self._remember(self._group(span), chars)
