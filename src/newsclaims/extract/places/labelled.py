"""Places among spaCy's entities: its GPE/LOC/FAC, and the places it labels otherwise.

The small model labels many places ORG, PERSON, NORP or even PRODUCT ("fighting in Aleppo" as NORP, "captured
in Chattanooga" as PRODUCT), and names places inside other names ("Free Syrian Army", "University of Iowa").
Each function here reads one kind of entity; `entity_places` runs them over the Doc's entities.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsclaims.extract.places.context import (
    demonym_type,
    geo_head,
    has_landform_head,
    is_locative,
    is_set_off_after_name,
)
from newsclaims.extract.places.embedded import embedded_places
from newsclaims.extract.places.evidence import (
    has_demonym,
    is_division,
    is_sizeable_place,
    is_town,
    names_country_by_code,
)
from newsclaims.extract.places.found import WEAK, Found, trim
from newsclaims.extract.places.names import extend_right, mixed_case, person_surnames
from newsclaims.extract.places.words import (
    CALENDAR_WORDS,
    GENERIC_WORDS,
    ORGANISATION_HEADS,
    PLACE_LABELS,
    SEATS_OF_POWER,
)
from newsclaims.gazetteer import Gazetteer, name_key
from newsclaims.gazetteer.resolve import ADMIN1_WORDS, ADMIN2_WORDS

DIVISION_WORDS = ADMIN1_WORDS | ADMIN2_WORDS
MISLABELLED = frozenset(("PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"))
"""spaCy labels that the small model gives place names too ("captured in Chattanooga" as PRODUCT): taken as
places when the context says place."""


def _acronym(span: Span) -> bool:
    """A short name in capitals ("US", "UAE", "NATO"): a place only if it is a country's code."""
    return span.text.isupper() and len(span.text) <= 5


ROMAN_NUMERALS = frozenset("II III IV VI VII VIII".split())


def _ends_in_acronym(span: Span) -> bool:
    """Whether a name ends in an acronym ("New Brunswick RCMP", "Boston PWD"): an organisation's, since a
    person's name ends in a word or a numeral ("Henry VIII")."""
    last = span[-1].text  # two capitals are as often initials ("Justin Marc SB.")
    return len(last) >= 3 and last.isupper() and last.isalpha() and last not in ROMAN_NUMERALS


def _plural_head(span: Span) -> bool:
    """Whether a name ends in a plural ("Seattle Seahawks", "Bolton Wanderers"): a team's or a group's, since
    a person's name is singular."""
    last = span[-1]  # not a business called after its owner ("Mary's Turkeys")
    return last.tag_ == "NNPS" and last.lower_.endswith("s") and not any(t.tag_ == "POS" for t in span)


def _generic(span: Span) -> bool:
    """A single word that names a division somewhere but is mostly just a word ("Central") or a brand's
    spelling ("UConn")."""
    return len(span) == 1 and (span[0].lower_ in GENERIC_WORDS or mixed_case(span.text))


def seat_of_power(span: Span, label: str) -> Found | None:
    """A building that stands for a government ("the Kremlin", "Downing Street"), as a metonym to be resolved
    to its city, or None."""
    key = span.text.lower()
    if key.startswith("the "):
        key = key[4:]
    seat = SEATS_OF_POWER.get(name_key(key))
    if seat is None:
        return None
    return Found(span.start, span.end, label=label, literal=False, lookup=seat[0], country_hint=seat[1])


def place_entity(span: Span, label: str, gazetteer: Gazetteer) -> list[Found]:
    """A GPE, LOC or FAC, extended to the longer name the gazetteer knows ("Kansas" -> "Kansas City").

    A name the gazetteer does not know is looked into: the places inside it become the mentions
    ("Mississippi State", "Greece Italy"), or, when the only one is a smaller town ("Lake Manassas", "Nenagh
    Municipal District"), the whole name stays the place, placed at that town only if the article confirms it.
    """
    span = extend_right(span, gazetteer)
    inner = (
        [] if len(span) == 1 or gazetteer.lookup(span.text) else embedded_places(span, gazetteer, weak=True)
    )
    if len(inner) == 1 and inner[0].label == WEAK:
        piece = span.doc[inner[0].start : inner[0].end]
        return [Found(span.start, span.end, label=label, lookup=piece.text, confirm=True)]
    inner = [item for item in inner if item.label != WEAK]
    for item in inner:
        item.mention, item.literal, item.label = "name", True, label
    return inner or [Found(span.start, span.end, label=label)]


def norp_entity(span: Span, gazetteer: Gazetteer) -> list[Found]:
    """A NORP: a demonym ("Syrian", "the Russians"), a town spaCy took for a group ("fighting in Aleppo"),
    or a compound with demonyms inside ("anti-Russian", "Russian-European", "Bosnian Serb")."""
    entries = gazetteer.lookup(span.text)
    if has_demonym(entries):
        return [Found(span.start, span.end, mention=demonym_type(span), label="NORP")]
    if is_sizeable_place(entries):
        return [Found(span.start, span.end, label="GPE" if is_locative(span) else "NORP")]
    if len(span) > 1:
        return _demonyms_inside(span, gazetteer)
    return []


def _demonyms_inside(span: Span, gazetteer: Gazetteer) -> list[Found]:
    """The demonyms among the names embedded in the span, typed by their own use."""
    found = []
    for item in embedded_places(span, gazetteer):
        piece = span.doc[item.start : item.end]
        if has_demonym(gazetteer.lookup(piece.text)):
            item.mention, item.label, item.phrase = demonym_type(piece), "NORP", None
            found.append(item)
    return found


def person_or_organisation(
    span: Span, label: str, gazetteer: Gazetteer, surnames: frozenset[str]
) -> list[Found]:
    """An ORG or PERSON that is a place, or has places inside its name.

    In order: not a person's surname used alone ("Jordan" after "Michael Jordan"); a demonym ("Azerbaijani"
    as PERSON); a country's acronym ("US", "EU"); a country, division or sizeable town where the context says
    place ("in Hama"); a smaller town, kept only if the article confirms it (WEAK); a name before a landform
    ("the Humaymat hilltops"); else the places embedded in an organisation's name ("Free Syrian Army", "the
    Miami Herald" taken for a person)."""
    alone_surname = len(span) == 1 and span[0].lower_ in surnames
    if label == "PERSON" and alone_surname:
        return []
    entries = gazetteer.lookup(span.text)
    if len(span) <= 3 and has_demonym(entries):  # "Azerbaijani", "Saint Lucian" as PERSON
        return [Found(span.start, span.end, mention=demonym_type(span), label="NORP")]
    acronym = _acronym(span)
    if acronym and label == "ORG" and any(names_country_by_code(e, span.text) for e in entries):
        return [Found(span.start, span.end, label=label)]
    if not acronym and not _generic(span):
        if is_sizeable_place(entries) and (
            label == "ORG" or is_locative(span) or is_division(entries) or is_set_off_after_name(span)
        ):
            # "in Hama", "the Hama countryside", "the University of Technology, Owerri"
            placey = is_locative(span) or geo_head(span) is not None or is_set_off_after_name(span)
            return [Found(span.start, span.end, label="GPE" if placey else label)]
        if not alone_surname and is_town(entries):
            return [Found(span.start, span.end, label=WEAK)]
    if len(span) == 1 and has_landform_head(span[0]):
        return [Found(span.start, span.end, mention="phrase", label=label)]
    if label == "ORG":
        return embedded_places(span, gazetteer, weak=True)
    if len(span) > 1 and (
        any(t.lower_ in ORGANISATION_HEADS for t in span[1:]) or _ends_in_acronym(span) or _plural_head(span)
    ):
        return embedded_places(span, gazetteer)  # an organisation spaCy took for a person
    if len(span) > 1 and span[-1].lower_ in DIVISION_WORDS:
        return embedded_places(span, gazetteer)  # "Sokoto State", "Guma County": a division, not a person
    return []


def mislabelled_entity(span: Span, label: str, gazetteer: Gazetteer) -> list[Found]:
    """A PRODUCT, WORK_OF_ART, EVENT, LAW or LANGUAGE that is a place where the context says place ("captured
    in Chattanooga"), a demonym ("the English city of", as LANGUAGE), or has places inside its name."""
    entries = gazetteer.lookup(span.text)
    if label == "LANGUAGE" and has_demonym(entries) and demonym_type(span) == "adjective":
        return [Found(span.start, span.end, mention="adjective", label="NORP")]
    if (
        not _acronym(span)
        and not _generic(span)
        and is_sizeable_place(entries)
        and (is_locative(span) or geo_head(span) is not None)
    ):
        return [Found(span.start, span.end, label="GPE")]
    if label == "LANGUAGE":
        return []
    return embedded_places(span, gazetteer)


SAINT_WORDS = frozenset(("st", "st.", "saint", "ste", "ste."))


def saints_building(ent: Span) -> Found | None:
    """A saint's name in the possessive before a building's name ("St. Peter's Basilica", "St Mary's
    Hospital"), which spaCy cut at the possessive: the whole name is one place (a building the gazetteer does
    not know), not the town called after the saint. None when the entity is not such a name."""
    doc = ent.doc
    if len(ent) < 3 or ent[0].lower_ not in SAINT_WORDS or ent[-1].tag_ != "POS":
        return None
    end = ent.end
    while end < len(doc) and doc[end].is_title and not doc[end].is_sent_start:
        end += 1
    if end == ent.end:
        return None
    return Found(ent.start, end, label="FAC", lookup=doc[ent.start : end].text)


def dated_place(span: Span, gazetteer: Gazetteer) -> list[Found]:
    """A DATE or TIME with no number or calendar word in it that is a sizeable place where the context says
    place ("embedded with the forces in Manbij near the border", as DATE); not "in March"."""
    text = span.text  # most dates have a digit: ruled out on the string, before any Token is made
    if (
        any(c.isdigit() for c in text)
        or _acronym(span)
        or not CALENDAR_WORDS.isdisjoint(text.lower().split())
    ):
        return []
    if is_sizeable_place(gazetteer.lookup(span.text)) and (is_locative(span) or geo_head(span) is not None):
        return [Found(span.start, span.end, label="GPE")]
    return []


def _comma_parts(span: Span, gazetteer: Gazetteer) -> list[Span]:
    """The parts of a place entity spaCy ran over a comma ("Thruxton, Hampshire": a place and the division it
    lies in), each to be recognised on its own, when the gazetteer knows every part after a comma; else the
    span itself."""
    commas = [t.i for t in span if t.text == ","]
    if not commas:
        return [span]
    bounds = [span.start, *commas, span.end]
    starts = [bounds[0], *(c + 1 for c in commas)]
    parts = [span.doc[a:b] for a, b in zip(starts, bounds[1:], strict=True)]
    if any(len(part) == 0 for part in parts) or not all(gazetteer.lookup(part.text) for part in parts[1:]):
        return [span]
    return parts


def entity_place(ent: Span, gazetteer: Gazetteer, surnames: frozenset[str]) -> list[Found]:
    """The place mentions one entity makes (usually none or one), by its label."""
    span = trim(ent)
    label = ent.label_
    seat = seat_of_power(span, label)
    if seat is not None:
        return [seat]
    if label in PLACE_LABELS:
        building = saints_building(ent)
        if building is not None:
            return [building]
        return [
            item for part in _comma_parts(span, gazetteer) for item in place_entity(part, label, gazetteer)
        ]
    if label == "NORP":
        return norp_entity(span, gazetteer)
    if label in ("ORG", "PERSON"):
        return person_or_organisation(span, label, gazetteer, surnames)
    if label in MISLABELLED:
        return mislabelled_entity(span, label, gazetteer)
    if label == "MONEY":
        return embedded_places(span, gazetteer)  # "US$", "C$"
    if label in ("DATE", "TIME"):
        return dated_place(span, gazetteer)
    return []


def entity_places(doc: Doc, gazetteer: Gazetteer) -> list[Found]:
    """The place mentions among the Doc's entities, in entity order (they may overlap: see `recognise`)."""
    ents = doc.ents  # a fresh tuple on every access: read once
    surnames = person_surnames(ents)
    found: list[Found] = []
    for ent in ents:
        found.extend(entity_place(ent, gazetteer, surnames))
    return found
