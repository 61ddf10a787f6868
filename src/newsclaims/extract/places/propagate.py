"""One sense per article: a name the article uses as a place where the evidence is strong ("in Douma", a GPE)
is a place where it stands with less evidence too ("Douma's fall" that spaCy took for a person, "Douma is
surrounded" opening a sentence, "the Douma council").

After the other recognition passes, `strong_names` gathers the names they found on strong evidence;
`confirm_weak` keeps the weakly recognised mentions of those names ("Slidell PD" beside "in Slidell"), and
`repeated_places` finds their other occurrences among the tokens the passes left (one vectorised comparison of
token texts per article).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container

import numpy
from spacy.tokens import Doc

from newsclaims.extract.places.found import WEAK, Found, trim
from newsclaims.extract.places.names import mixed_case
from newsclaims.extract.places.token_flags import TEXT, entity_words, text_id
from newsclaims.extract.places.words import GENERIC_WORDS, PLACE_LABELS
from newsclaims.gazetteer import Gazetteer

MAX_NAME_TOKENS = 3
NUMERIC_LABELS = frozenset(("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"))
"""Labels of entities a name is not embedded in, but caught up in by the parse ("in Manbij near" as DATE)."""
POSSESSIVES = frozenset(("'s", "\u2019s", "'", "\u2019"))


def _person_evidence(doc: Doc, table: numpy.ndarray) -> tuple[frozenset[str], Counter[str]]:
    """The words of the people's names of more than one word ("Mohamed Salah" -> Mohamed, Salah), and how
    many times each name is labelled PERSON ("Gwoza's" counts as Gwoza)."""
    words: set[str] = set()
    persons: Counter[str] = Counter()
    for name in entity_words(doc, table, "PERSON"):
        if len(name) > 1 and name[-1] in POSSESSIVES:
            name = name[:-1]
        persons[" ".join(name)] += 1
        if len(name) > 1:
            words.update(name)
    return frozenset(words), persons


def strong_names(
    found: list[Found], doc: Doc, table: numpy.ndarray, gazetteer: Gazetteer
) -> dict[tuple[str, ...], str]:
    """The token texts of the names found as places on strong evidence (a place label, no lookup of another
    name, no confirmation asked) that the gazetteer knows, each with its label. Left out: single generic words
    ("West", "Central"), words of people's names, and names labelled PERSON more often than found as places
    (spaCy labels a person GPE now and then). `table` is the Doc's `token_table`."""
    counted: dict[tuple[str, ...], list] = {}
    for item in found:
        if item.mention != "name" or item.label not in PLACE_LABELS or item.lookup or item.confirm:
            continue
        words = _words(doc, item)
        if words in counted:
            counted[words][1] += 1
        elif 0 < len(words) <= MAX_NAME_TOKENS and words[0].istitle():
            counted[words] = [item.label, 1]
    if not counted:
        return {}
    person_words, persons = _person_evidence(doc, table)
    strong = {}
    for words, (label, n) in counted.items():
        text = " ".join(words)
        if n < persons[text] or any(w in person_words for w in words) or mixed_case(text):
            continue
        if (len(words) == 1 and words[0].lower() in GENERIC_WORDS) or not gazetteer.lookup(text):
            continue
        strong[words] = label
    return strong


def _words(doc: Doc, item: Found) -> tuple[str, ...]:
    """The token texts of a mention, without a leading article or a trailing possessive."""
    return tuple(t.text for t in trim(doc[item.start : item.end]))


def confirm_weak(found: list[Found], doc: Doc, names: dict[tuple[str, ...], str]) -> None:
    """Give the weakly recognised mentions of a strong name its label: they are that place too."""
    for item in found:
        if item.label == WEAK and not item.lookup and not item.confirm:
            label = names.get(_words(doc, item))
            if label is not None:
                item.label = label


def repeated_places(
    doc: Doc, table: numpy.ndarray, names: dict[tuple[str, ...], str], skip: Container[int] = ()
) -> list[Found]:
    """Other occurrences of the article's strong place names (`strong_names`) among the tokens not in `skip`,
    in text order.

    Inside a longer entity of another kind ("the Douma council" as ORG) the name is embedded in it; elsewhere
    it is a name of its own. `table` is the Doc's `token_table`."""
    if not names:
        return []
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in sorted(names, key=len, reverse=True):
        by_first.setdefault(words[0], []).append(words)
    first_ids = [text_id(doc, first) for first in by_first]
    out: list[Found] = []
    next_free = 0
    for i in numpy.flatnonzero(numpy.isin(table[:, TEXT], first_ids)).tolist():
        if i < next_free or i in skip:
            continue
        for words in by_first[doc[i].text]:
            j = i + len(words)
            if j > len(doc) or any(k in skip for k in range(i, j)):
                continue
            if tuple(t.text for t in doc[i:j]) != words or _inside_person(doc, i, j):
                continue
            if j < len(doc) and doc[j].is_title and not doc[j].is_sent_start and doc[j].ent_iob_ != "B":
                continue  # a longer name goes on: "Douma Street" is not Douma
            out.append(_occurrence(doc, i, j, names[words]))
            next_free = j
            break
    return out


def _occurrence(doc: Doc, start: int, end: int, label: str) -> Found:
    """The Found for one occurrence: embedded when it lies inside a longer name of another label."""
    token = doc[start]
    if token.ent_type_ and token.ent_type_ not in PLACE_LABELS and token.ent_type_ not in NUMERIC_LABELS:
        ent = _entity_of(doc, start)
        if ent is not None and (ent[0], ent[1]) != (start, end):
            return Found(start, end, mention="embedded", label=label, literal=False, phrase=ent)
    return Found(start, end, label=label)


def _inside_person(doc: Doc, start: int, end: int) -> bool:
    """Whether the tokens are part of a longer PERSON entity ("Bill Holland"): a person's name, not a place."""
    if doc[start].ent_type_ != "PERSON":
        return False
    return _entity_of(doc, start) != (start, end)


def _entity_of(doc: Doc, i: int) -> tuple[int, int] | None:
    """Token bounds of the entity token `i` lies in."""
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return (start, end) if doc[start].ent_type_ else None
