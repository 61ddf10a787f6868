"""Actors: the people, organisations, groups and states an article mentions, each mention grouped to one entity.

Mentions are the NER spans that can be actors, grouped by name: the full name, a later surname ("Mustafa",
"al-Saleh", whatever label the tagger gave it), and an acronym given in brackets ("National Liberation Front
(NLF)", later "NLF"). Roles ("Captain", "spokesman for the NLF") and affiliations ("Turkey-backed") come from
the parse around the mentions. Pronouns and descriptions are added by the statements extractor where they are
the source of a statement.

>>> from newsclaims import analyze
>>> a = analyze("Captain Naji Mustafa spoke for the rebels. Mustafa said Russia attacked.")
>>> [(e.name, e.type, len(e.mentions)) for e in a.entities if e.type == "PERSON"]
[('Naji Mustafa', 'PERSON', 2)]
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span

from newsclaims.analysis import Affiliation, Analysis, Entity, Role
from newsclaims.extract import extractor
from newsclaims.extract.actor_roles import (
    AFFILIATION_WORDS,
    TITLES,
    actor_kind,
    affiliation_tokens,
    apposition_role,
    title_before,
)

ACTOR_LABELS = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC")
_LEADING = re.compile(r"^(the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"['’]s?$")
_SEPARATORS = re.compile(r"[\s\-‐]+")
_NAME_PARTICLES = frozenset(("al", "el", "bin", "ibn", "abu", "van", "von", "de", "da", "di", "la", "le"))


def mention_name(span: Span) -> str:
    """The name a mention stands for: without a leading article or a trailing possessive.

    >>> import spacy
    >>> doc = spacy.blank("en")("the United Nations's")
    >>> mention_name(doc[:])
    'United Nations'
    """
    text = _LEADING.sub("", span.text.strip())
    return _POSSESSIVE.sub("", text).strip()


def name_mentions(doc: Doc) -> list[Span]:
    """The named-entity mentions that can be actors, trimmed of a leading article, titles and possessive."""
    spans = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        start, end = ent.start, ent.end
        # Broken NER spans over brackets or line breaks ("Bashar] al-Assad") keep their last clean part.
        for k in range(end - 1, start, -1):
            if doc[k - 1].text in ("]", ")", "[", "(") or "\n" in doc[k - 1].text:
                start = k
                break
        if doc[start].lower_ in ("the", "a", "an") and end - start > 1:
            start += 1
        if doc[end - 1].tag_ == "POS" and end - start > 1:
            end -= 1
        while ent.label_ == "PERSON" and end - start > 1 and doc[start].lower_ in TITLES:
            start += 1
        ent = Span(doc, start, end, label=ent.label_)
        spans.append(ent)
    return spans


@functools.lru_cache(maxsize=8192)
def _key(name: str) -> str:
    return _SEPARATORS.sub(" ", name.lower()).strip()


@functools.lru_cache(maxsize=8192)
def _name_words(name: str) -> tuple[str, ...]:
    # Cached: grouping compares every new name with every person named before it.
    return tuple(_key(name).split())


def _is_surname_of(short: str, full: str) -> bool:
    """Whether `short` is the end of the person name `full` ("al-Saleh" of "Jamil al-Saleh")."""
    short_words, full_words = _name_words(short), _name_words(full)
    if not short_words or len(short_words) >= len(full_words):
        return False
    if all(w in _NAME_PARTICLES for w in short_words):
        return False
    return full_words[-len(short_words) :] == short_words


def acronym_of(doc: Doc, mention: Span) -> Span | None:
    """An all-capitals acronym in brackets right after a mention: "National Liberation Front (NLF)"."""
    i = mention.end
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
        candidate = doc[i + 1]
        if candidate.text.isupper() and 2 <= len(candidate.text) <= 8 and candidate.is_alpha:
            return doc[i + 1 : i + 2]
    return None


def group_mentions(doc: Doc, mentions: list[Span]) -> list[list[Span]]:
    """Group mentions of one entity: same name, a person's surname, or an acronym defined in brackets."""
    groups: list[list[Span]] = []
    by_key: dict[str, int] = {}
    people: list[tuple[str, int]] = []
    acronyms: dict[str, int] = {}
    for span in mentions:
        name = mention_name(span)
        key = _key(name)
        index = by_key.get(key)
        if index is None:
            index = acronyms.get(name)
        if index is None and span.label_ in ("PERSON", "ORG", "NORP"):
            # A surname (whatever the tagger labelled it) joins the person whose full name it ends.
            index = next((g for full, g in reversed(people) if _is_surname_of(name, full)), None)
        if index is None:
            index = len(groups)
            groups.append([])
            # A full name given after its surname ("Mustafa ... Naji Mustafa") takes the surname's group.
            if span.label_ == "PERSON" and len(_name_words(name)) > 1:
                for other_key, other in list(by_key.items()):
                    if (
                        groups[other]
                        and groups[other][0].label_ == "PERSON"
                        and _is_surname_of(other_key, name)
                    ):
                        index = other
                        groups.pop()
                        break
        groups[index].append(span)
        by_key.setdefault(key, index)
        if span.label_ == "PERSON" and len(_name_words(name)) > 1:
            people.append((name, index))
        acronym = acronym_of(doc, span)
        if acronym is not None:
            acronyms.setdefault(acronym.text, index)
            groups[index].append(acronym)
    return [g for g in groups if g]


def _entity_of(groups: list[list[Span]], start: int, end: int) -> int | None:
    for index, group in enumerate(groups):
        if any(span.start < end and start < span.end for span in group):
            return index
    return None


def _last_entity_before(groups: list[list[Span]], start: int, end: int) -> int | None:
    """The group of the mention in [start, end) that ends last (the head's modifier, not the patron)."""
    best, best_end = None, -1
    for index, group in enumerate(groups):
        for span in group:
            if start <= span.start and span.end <= end and span.end > best_end:
                best, best_end = index, span.end
    return best


def roles_of(doc: Doc, group: list[Span], groups: list[list[Span]]) -> list[Role]:
    """Titles before a person's mentions and role appositions after them, with the org they serve."""
    roles: list[Role] = []
    seen: set[tuple[int, int]] = set()
    for mention in group:
        if mention.label_ != "PERSON":
            continue
        title = title_before(doc, mention)
        if title is not None and (title.start_char, title.end_char) not in seen:
            seen.add((title.start_char, title.end_char))
            roles.append(Role(title=title.text.lower(), span=(title.start_char, title.end_char)))
        found = apposition_role(mention)
        if found is None:
            continue
        noun, org_phrase = found
        span = (noun.left_edge.idx, noun.idx + len(noun.text))
        if span in seen:
            continue
        seen.add(span)
        org = None
        if org_phrase is not None:
            # The entity at the head of the phrase ("Jaish al-Nasr" in "Jaish al-Nasr, a ... group").
            index = _entity_of(groups, org_phrase.root.i, org_phrase.root.i + 1)
            if index is None:
                index = _last_entity_before(groups, org_phrase.start, org_phrase.root.i + 1)
            org = f"E{index + 1}" if index is not None else None
        roles.append(Role(title=noun.lemma_.lower(), span=(noun.idx, noun.idx + len(noun.text)), org=org))
    return roles


def affiliations_of(doc: Doc, group: list[Span], groups: list[list[Span]]) -> list[Affiliation]:
    """Affiliation adjectives in the noun phrases of an entity's mentions ("Turkey-backed NLF")."""
    affiliations: list[Affiliation] = []
    seen: set[tuple[int, int]] = set()
    for mention in group:
        head = mention.root
        while (
            head.dep_ in ("compound", "nmod")
            and head.head is not head
            and head.head.pos_ in ("NOUN", "PROPN")
        ):
            head = head.head
        phrase = doc[head.left_edge.i : mention.start]
        for token, patron in affiliation_tokens(doc, phrase):
            start = patron.start_char if patron is not None else token.idx
            if (start, token.idx) in seen:
                continue
            seen.add((start, token.idx))
            entity = None
            if patron is not None:
                index = _entity_of(groups, patron.start, patron.end)
                entity = f"E{index + 1}" if index is not None else None
            affiliations.append(
                Affiliation(
                    relation=AFFILIATION_WORDS[token.lower_],
                    span=(start, token.idx + len(token.text)),
                    entity=entity,
                    name=patron.text if patron is not None else None,
                )
            )
    return affiliations


@extractor("entities")
def extract_entities(doc: Doc, analysis: Analysis) -> list[Entity]:
    """Entities from the NER mentions, named by their longest name mention, in order of first mention."""
    groups = group_mentions(doc, name_mentions(doc))
    entities = []
    for i, group in enumerate(groups, start=1):
        names = [s for s in group if s.label_ == group[0].label_] or group
        name = max((mention_name(s) for s in names), key=len)
        label = max(
            ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"), key=lambda lb: sum(s.label_ == lb for s in group)
        )
        entities.append(
            Entity(
                id=f"E{i}",
                name=name,
                type=label,
                kind=actor_kind(name, label),
                mentions=sorted((s.start_char, s.end_char) for s in group),
                roles=roles_of(doc, group, groups),
                affiliations=affiliations_of(doc, group, groups),
            )
        )
    return entities
