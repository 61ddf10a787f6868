"""Event arguments from the parse and the earlier extractors: who acted (agents), on whom (targets), where,
when and how many.

Agents and targets are phrases read off the dependency tree around the trigger (subject, passive agent,
object, "on/against" objects), linked to the entities whose mentions they cover. Place, time and counts are
indices into the Analysis lists that the places, times and quantities extractors filled.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsclaims.analysis import Analysis, Place
from newsclaims.extract.event_features import REPORTING_LEMMAS, object_of, subject_of
from newsclaims.record import Span as CharSpan

TARGET_PREPS = frozenset(("on", "against", "at", "into", "upon", "toward", "towards"))
_FATAL = frozenset(("killed", "dead", "deaths", "death", "fatalities", "killing", "died", "casualties"))

PLACE_SPECIFICITY = {"PCLI": 0, "PCL": 0, "PCLD": 0, "ADM1": 2, "ADM2": 3, "ADM3": 4}
"""GeoNames feature codes from country (least specific) to town; unknown codes count as specific."""

GEO_PRECISION = {0: 3, 2: 3, 3: 2, 4: 2}
"""ACLED geo_precision by specificity: 1 the town itself, 2 a part of a region, 3 a province or country."""


NOMINAL = frozenset(("NOUN", "PROPN", "PRON", "NUM", "ADJ"))


def phrase(token: Token) -> Span:
    """The phrase a head token stands for: its left modifiers and coordinated heads, not relative clauses.

    "Iranian-backed Shi'ite forces that had refrained" -> "Iranian-backed Shi'ite forces";
    "the United States and Jordan" -> the whole coordination.
    """
    doc = token.doc
    end = token.i
    for child in token.children:
        if (
            child.dep_ in ("conj", "compound", "flat", "nummod", "appos")
            and child.i > token.i
            and child.pos_ in NOMINAL
        ):
            end = max(end, child.right_edge.i if child.dep_ == "conj" else child.i)
    start = token.left_edge.i
    while start < end and doc[start].dep_ in ("det", "punct", "cc", "predet"):
        start += 1
    return doc[start : end + 1]


def _predicate(trigger: Token) -> Token:
    """The verb whose arguments an event takes: the trigger itself, or the verb governing a noun trigger."""
    token = trigger
    while (
        token.pos_ not in ("VERB", "AUX")
        and token.dep_ in ("dobj", "pobj", "prep", "nsubj", "nsubjpass", "compound", "attr", "amod")
        and token.head is not token
    ):
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else trigger


def agent_tokens(trigger: Token) -> list[Token]:
    """Heads of the phrases naming who acted: the passive agent, a possessor ("Moscow's deployment"),
    or the subject (shared across `xcomp`/`conj`), never the speaker of a reporting verb."""
    predicate = _predicate(trigger)
    for child in trigger.children:
        if child.dep_ == "poss":
            if child.pos_ != "PRON":
                return [child]
            # "completed their withdrawal": the possessor is the clause's subject or the speaker
            owner = subject_of(predicate) if predicate is not trigger else None
            if owner is None or owner.pos_ == "PRON":
                owner = reporting_speaker(predicate)
            return [owner] if owner is not None else [child]
    for child in predicate.children:
        if child.dep_ == "agent":
            return [c for c in child.children if c.dep_ == "pobj"]
    subject = subject_of(predicate)
    climb = predicate
    for _ in range(4):  # "intervened ... after bombing the area": the bombing's agent is the intervener
        if subject is not None or climb.dep_ not in (
            "pcomp",
            "prep",
            "advcl",
            "xcomp",
            "conj",
            "pobj",
            "acl",
        ):
            break
        climb = climb.head
        subject = subject_of(climb)
    if subject is None or (subject.head.lemma_.lower() in REPORTING_LEMMAS and subject.head is not predicate):
        return []
    if subject.dep_ == "nsubjpass":
        return []
    if subject.pos_ == "PRON" and subject.lower_ in ("it", "this", "that", "which"):
        return []
    if subject.pos_ == "PRON" and subject.lower_ in PERSONAL_PRONOUNS:
        speaker = reporting_speaker(predicate)
        return [speaker] if speaker is not None else [subject]
    actor = actor_in(subject)
    return [
        actor
        if actor is not None and actor is not subject and subject.pos_ == "NOUN" and not is_actor(subject)
        else subject
    ]


ACTOR_LABELS = frozenset(("PERSON", "ORG", "NORP", "GPE"))
ACTOR_NOUNS = frozenset(
    """government governments army armies troops soldiers forces force police officers official officials rebels
    rebel militants militant insurgents fighters militia militias gunmen gunman attackers civilians villagers
    residents people protesters demonstrators students workers leader leaders president minister ministry
    authorities authority regime opposition party parties side sides parliament court judge commander
    commanders spokesman delegation negotiators diplomats ambassador country countries state states nation
    coalition alliance group groups faction factions prisoners detainees refugees journalists activists men
    women children members member military navy population family families victims""".split()
)
"""Common nouns that name actors, so "the rebels" is an agent and "the pact" is not."""
ACTOR_PREPS = frozenset(
    ("to", "with", "from", "for", "against", "on", "toward", "towards", "at", "into", "upon")
)


def is_actor(token: Token) -> bool:
    """A head that names an actor: a person, organisation, group or state, or an actor noun."""
    if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return False
    return (
        token.ent_type_ in ACTOR_LABELS
        or token.pos_ == "PROPN"
        or token.lemma_.lower() in ACTOR_NOUNS
        or (token.lower_ in ACTOR_NOUNS)
    )


def actor_in(token: Token) -> Token | None:
    """The token itself when it names an actor, else an actor inside its phrase ("Haiti's efforts" -> Haiti,
    "a patch of Bangladeshi troops" -> troops)."""
    if is_actor(token):
        return token
    for child in token.children:
        if child.dep_ in ("poss", "compound", "amod") and child.i < token.i and is_actor(child):
            if child.pos_ != "ADJ" or child.ent_type_ in ("NORP", "GPE"):
                return child
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and is_actor(pobj):
                    return pobj
    return None


PERSONAL_PRONOUNS = frozenset(("he", "she", "they", "we", "i"))


def reporting_speaker(predicate: Token) -> Token | None:
    """The named speaker of the reporting verb a clause depends on: in "Annan announced that he will
    withdraw", "he" is Annan."""
    token = predicate
    for _ in range(3):
        if token.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or token.head is token:
            return None
        token = token.head
        if token.lemma_.lower() in REPORTING_LEMMAS or token.pos_ == "VERB":
            subject = subject_of(token)
            if subject is not None and subject.pos_ != "PRON":
                return subject
    return None


def target_tokens(trigger: Token) -> list[Token]:
    """Heads of the phrases naming whom the event hit or involved: an actor as object (or inside it), else an
    actor after to/with/from/against/on ("handed over to Britain", "talks with the UN")."""
    predicate = _predicate(trigger)
    heads: list[Token] = []
    chain = [trigger, predicate]
    chain += [c for c in predicate.children if c.dep_ == "xcomp"]
    for comp in predicate.children:  # "demanded that Hamas renounce": the demand's target is Hamas
        if comp.dep_ == "ccomp" and lemma_of_token(predicate) not in REPORTING_LEMMAS:
            heads += [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass") and is_actor(c)][:1]
    for token in chain:
        obj = object_of(token)
        if obj is not None and obj.dep_ != "nsubjpass" or (obj is not None and token is predicate):
            actor = actor_in(obj)
            if actor is not None and actor not in heads:
                heads.append(actor)
        for child in token.children:
            if child.dep_ in ("prep", "dative") and child.lower_ in ACTOR_PREPS:
                for pobj in child.children:
                    actor = actor_in(pobj) if pobj.dep_ == "pobj" else None
                    if actor is not None and actor not in heads:
                        heads.append(actor)
            if child.dep_ == "dative" and is_actor(child) and child not in heads:
                heads.append(child)
        if obj is not None:
            for child in obj.children:
                if child.dep_ == "prep" and child.lower_ in (ACTOR_PREPS | {"by"}) - {"of"}:
                    for pobj in child.children:
                        actor = actor_in(pobj) if pobj.dep_ == "pobj" else None
                        if actor is not None and actor not in heads:
                            heads.append(actor)
    if not heads:
        heads = fallback_targets(predicate)
    return heads[:2]


def fallback_targets(predicate: Token) -> list[Token]:
    """When no object or on/against phrase names an actor: the first named actor inside the predicate's
    clause after it ("ban voting in East Jerusalem", "settlements in the Gaza Strip")."""
    subject = subject_of(predicate)
    taken = {t.i for t in subject.subtree} if subject is not None else set()
    doc = predicate.doc
    for token in predicate.subtree:
        if (
            token.i <= predicate.i
            or token.i in taken
            or token.ent_iob_ != "B"
            or token.ent_type_ not in ACTOR_LABELS
        ):
            continue
        end = token.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return [doc[token.i : end].root]
    return []


def lemma_of_token(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def char_span(span: Span) -> CharSpan:
    return (span.start_char, span.end_char)


def overlapping_entities(spans: list[CharSpan], analysis: Analysis) -> list[str]:
    """Ids of the entities with a mention overlapping any of the spans, in order of first overlap."""
    ids: list[str] = []
    for start, end in spans:
        for entity in analysis.entities:
            if entity.id in ids:
                continue
            if any(m[0] < end and start < m[1] for m in entity.mentions):
                ids.append(entity.id)
    return ids


def _specificity(place: Place) -> int:
    return PLACE_SPECIFICITY.get(place.feature or "", 5)


def place_index(sent: Span, analysis: Analysis, fallback: int | None) -> int | None:
    """The most specific literal place in the sentence, else `fallback` (the article's focus)."""
    best: tuple[int, int] | None = None
    for i, place in enumerate(analysis.places):
        if not (sent.start_char <= place.span[0] < sent.end_char):
            continue
        if not place.literal or place.demonym or place.lat is None:
            continue
        key = (_specificity(place), -i)
        if best is None or key > best[0:2]:
            best = (key[0], key[1])
    return -best[1] if best is not None else fallback


def sentence_detail(sent: Span, analysis: Analysis) -> int:
    """How precisely a sentence places what it tells: the specificity of its most specific literal place,
    resolved or not ("the Humaymat hilltops in northern Hama" names a spot even if only Hama resolves)."""
    return max(
        (
            _specificity(p)
            for p in analysis.places
            if sent.start_char <= p.span[0] < sent.end_char and p.literal and not p.demonym
        ),
        default=-1,
    )


def most_specific_place(
    found: list[tuple[int | None, int]], analysis: Analysis, fallback: int | None
) -> int | None:
    """Of the (place, sentence detail) pairs found for an event's mentions, the place from the most detailed
    sentence, then the most specific place (ties: the first)."""
    located = [(i, detail) for i, detail in found if i is not None]
    if not located:
        return fallback
    order = {i: n for n, (i, _) in reversed(list(enumerate(located)))}
    best = max(located, key=lambda pair: (pair[1], _specificity(analysis.places[pair[0]]), -order[pair[0]]))
    return best[0]


def focus_place(analysis: Analysis) -> int | None:
    """The article's focus: the literal resolved place named most often (ties: the more specific, then the
    first); the dateline is usually among its mentions."""
    counts: dict[str, list[int]] = {}
    for i, place in enumerate(analysis.places):
        if place.lat is None or place.demonym or not place.literal:
            continue
        key = str(place.geonames_id or place.name)
        counts.setdefault(key, []).append(i)
    if not counts:
        return None
    best = max(counts.values(), key=lambda idx: (len(idx), _specificity(analysis.places[idx[0]]), -idx[0]))
    return best[0]


def geo_precision(place: Place | None) -> int | None:
    """ACLED's geo_precision of a place (1 town, 2 part of a region, 3 province or country)."""
    if place is None:
        return None
    return GEO_PRECISION.get(_specificity(place), 1)


def time_index(sent: Span, analysis: Analysis) -> int | None:
    """The first dated time expression in the sentence (a DATE or TIME with a value)."""
    for i, time in enumerate(analysis.times):
        if sent.start_char <= time.span[0] < sent.end_char and time.type in ("DATE", "TIME") and time.value:
            if re.match(r"^\d{4}", time.value):
                return i
    return None


def time_precision(value: str | None) -> int:
    """ACLED's time_precision of a TIMEX3 value: 1 a day, 2 a week, 3 a month or vaguer.

    >>> time_precision("2019-07-18"), time_precision("2019-W28"), time_precision("2019-04")
    (1, 2, 3)
    """
    if value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return 1
    if value and re.match(r"^\d{4}-W\d{2}", value):
        return 2
    return 3


def calendar_date(value: str | None) -> str | None:
    """A calendar date (YYYY-MM-DD) for a TIMEX3 value: a week's Monday, a month's or year's first day.

    >>> calendar_date("2019-W28"), calendar_date("2019-04"), calendar_date("2019-07-18T10:00")
    ('2019-07-08', '2019-04-01', '2019-07-18')
    """
    import datetime

    if not value:
        return None
    if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})", value):
        return m.group(0)
    if m := re.match(r"^(\d{4})-W(\d{2})", value):
        try:
            return datetime.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
        except ValueError:
            return None
    if m := re.match(r"^(\d{4})-(\d{2})$", value):
        return f"{m.group(1)}-{m.group(2)}-01"
    if m := re.match(r"^(\d{4})$", value):
        return f"{m.group(1)}-01-01"
    return None


def count_indices(sent: Span, analysis: Analysis) -> list[int]:
    """The quantities inside the sentence that count something (people, sorties, ...)."""
    return [
        i
        for i, q in enumerate(analysis.quantities)
        if sent.start_char <= q.span[0] < sent.end_char and (q.concept or q.unit)
    ]


def fatalities(counts: list[int], analysis: Analysis) -> int:
    """Deaths among an event's counts (the largest "killed"/"dead" count; a range counts its low end)."""
    best = 0
    for i in counts:
        q = analysis.quantities[i]
        if (q.concept or "").lower() in ("killed", "dead", "fatalities", "deaths") or (
            q.unit or ""
        ).lower() in _FATAL:
            value = q.value[0] if isinstance(q.value, list) else q.value
            if isinstance(value, (int, float)):
                best = max(best, int(value))
    return best


def sentence_of(doc: Doc, char: int) -> Span:
    """The sentence holding a character offset."""
    token = doc.char_span(char, char + 1, alignment_mode="expand")
    return token.sent if token is not None and len(token) else doc[:].sents.__next__()
