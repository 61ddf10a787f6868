"""Places: toponyms found in the parse, typed (name, demonym, metonym), and resolved against the gazetteer.

Recognition goes beyond spaCy's GPE/LOC/FAC entities:
- demonyms (NORP "Russian", "Syrians") map to their country, marked `demonym` and typed `adjective` or `people`;
- names spaCy labels ORG or PERSON but the gazetteer knows as a country, division or sizeable town, when the
  context says place ("in Hama", "northern Hama"); place names inside organisation names ("Free Syrian Army");
- descriptive names: a capitalised name before a place noun ("the Humaymat hilltops", "Idlib province");
- qualifiers and the whole phrase: "northern Hama", "northwest Syria", "the Turkish border";
- one sense per article: a name found as a place on strong evidence is a place where it recurs with less
  ("Douma's fall" that spaCy took for a person).
- initials of the article's own places ("SA" after "South Africa"); a smaller country's code or a town's name
  matched by an acronym in capitals stands only when the article names that country otherwise.
A place that acts or speaks ("Moscow denied", "the Kremlin said", "Turkey-backed") gets `literal` false.

>>> from newsclaims import analyze
>>> a = analyze("Shelling hit villages in northern Hama, near Idlib province in Syria.")
>>> [(p.name, p.country, p.qualifier) for p in a.places]  # doctest: +SKIP
[('Hama', 'SY', 'northern'), ('Idlib', 'SY', 'province'), ('Syria', 'SY', None)]
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsclaims.analysis import Analysis, Place
from newsclaims.extract import extractor
from newsclaims.extract.places.found import WEAK, Found, trim
from newsclaims.extract.places.qualify import is_literal, qualify, source_spans
from newsclaims.extract.places.recognise import recognise
from newsclaims.extract.places.words import GENERIC_WORDS, MIN_TOWN_POPULATION, PLACE_LABELS
from newsclaims.gazetteer import Entry, Gazetteer, distance_km, load
from newsclaims.gazetteer.resolve import Mention, resolve

__all__ = ["extract_places", "place_mentions", "places_in", "recognise"]

CONFIRM_KM = 200.0
"""How near another named place a weakly recognised one must be to stay."""


def _confirmed(entry: Entry | None, countries: set[str | None], anchors: list[Entry]) -> bool:
    """Whether the article confirms a weakly recognised place: in one of its countries, near one of its places."""
    if entry is None or entry.country not in countries:
        return False
    return any(distance_km(entry, a) <= CONFIRM_KM for a in anchors if a.id != entry.id)


def _doubtful(item: Found, entry: Entry | None) -> bool:
    """Whether a resolution must be confirmed by the article to stand: one asked for by the recogniser (a
    town inside a longer name), or a facility's name that matches only a village ("Heathrow", "Broadway")."""
    if item.confirm:
        return True
    return (
        entry is not None
        and item.label == "FAC"
        and entry.fclass == "P"
        and entry.population < MIN_TOWN_POPULATION
    )


def _common_words(text: str) -> bool:
    """A name made only of words such as directions and "coast", "central", "state" ("the West", "West
    Coast"): some country has a division of that name, but it is that division only in an article about
    that country."""
    return all(word in GENERIC_WORDS for word in text.lower().replace("-", " ").split())


BIG_COUNTRY_POPULATION = 50_000_000
"""A country this big is named by its code alone ("US", "UK"); a smaller one's two or three capitals are more
often a company's, a radio station's or a party's acronym, unless the article names the country otherwise."""


def _unsupported_acronym(text: str, entry: Entry, named_countries: set[str | None]) -> bool:
    """Whether a name written in capitals matched a place only as a smaller country's code that the article
    names no other way (a firm's "ABC Research", a station's "XY FM"), or only as a town's name written in
    other case (an acronym "KO" is no town called Ko)."""
    if not (text.isupper() and text.isalpha() and len(text) <= 3) or entry.id < 0:
        return False  # dotted abbreviations ("D.C.") are the gazetteer's own
    if entry.kind == "code":
        initials = "".join(word[0] for word in entry.name.split() if word[0].isupper())
        return (
            entry.is_country
            and entry.population < BIG_COUNTRY_POPULATION
            and entry.country not in named_countries
            and not (len(text) > 2 and text == initials)  # "UAE", "DRC": the name's initials, not a code
        )
    return not entry.is_country and entry.admin_level != 1 and not entry.name.isupper()


def _person_names(doc: Doc) -> set[str]:
    """Lower-cased names and name parts of the people spaCy found in the article."""
    names = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            names.add(ent.text.lower())
            names.update(t.lower_ for t in ent if t.is_title)
    return names


def place_mentions(
    doc: Doc, gazetteer: Gazetteer, analysis: Analysis | None = None
) -> tuple[list[Found], list[Mention]]:
    """The recognised mentions, qualified and typed, and what the resolver needs of each."""
    found = recognise(doc, gazetteer)
    sources = source_spans(analysis) if analysis is not None else []
    mentions = []
    for item in found:
        if item.mention != "embedded":  # its phrase is the organisation's name
            qualify(item, doc)
        item.literal = is_literal(item, doc, sources)
        text = item.lookup or trim(doc[item.start : item.end]).text
        mentions.append(
            Mention(
                text=text,
                mention=item.mention,
                qualifier=item.qualifier,
                label=WEAK if item.confirm else item.label,
                country=item.country_hint,
            )
        )
    for i, j in _pairs(found, doc):
        mentions[i].container = j
    return found, mentions


def _pairs(found: list[Found], doc: Doc) -> list[tuple[int, int]]:
    """Mentions followed by a comma and another place that may contain them: "Oakland, Calif.",
    "Durban, South Africa" (index pairs; the resolver keeps only the readings where one contains the other)."""
    pairs = []
    for i, (item, after) in enumerate(zip(found, found[1:], strict=False)):
        if (
            item.mention == "name"
            and after.mention == "name"
            and after.start == item.end + 1
            and doc[item.end].text == ","
        ):
            pairs.append((i, i + 1))
    return pairs


def places_in(doc: Doc, analysis: Analysis | None = None, gazetteer: Gazetteer | None = None) -> list[Place]:
    """Recognise, type and resolve the places of one parsed article."""
    gazetteer = gazetteer or load()
    found, mentions = place_mentions(doc, gazetteer, analysis)
    resolutions = resolve(gazetteer, mentions)
    people: set[str] | None = None  # read from the entities when first needed: few mentions go unresolved
    countries = {
        r.entry.country
        for item, m, r in zip(found, mentions, resolutions, strict=True)
        if r.entry and item.label in PLACE_LABELS and not _common_words(m.text)
    }
    named_countries = {  # the countries the article names other than by a code
        r.entry.country for r in resolutions if r.entry is not None and r.entry.kind != "code"
    }
    anchors = [
        r.entry
        for item, r in zip(found, resolutions, strict=True)
        if r.entry and item.label in PLACE_LABELS and not r.entry.is_country and r.entry.country
    ]
    places = []
    for item, mention, res in zip(found, mentions, resolutions, strict=True):
        span = doc[item.start : item.end]
        entry = res.entry
        if entry is None and item.mention == "name":
            people = _person_names(doc) if people is None else people
            if mention.text.lower() in people:
                continue  # "Buhari", "Modi": a person that spaCy also labelled GPE somewhere
            if (
                len(span) == 1
                and span[0].tag_ in ("NNS", "NNPS")
                and span[0].lemma_.lower() != span[0].lower_
            ):
                continue  # "Rebels Say ...": a plural common noun in a headline's capitals, no place name
        if item.label == WEAK and not _confirmed(entry, countries, anchors):
            continue
        if entry is not None and item.mention in ("name", "embedded") and not item.lookup:
            if _unsupported_acronym(span.text, entry, named_countries):
                continue
        if _doubtful(item, entry) and not _confirmed(entry, countries, anchors):
            entry = None  # the mention stays a place, unresolved
        if (
            entry is not None
            and entry.country is not None
            and (entry.country not in countries or entry.fclass == "P")
            and _common_words(mention.text)
        ):
            # "the West" is no town called West, even in an article about its country; a region of no
            # country ("the Middle East") is what it says
            entry = None
        if (
            entry is not None
            and item.label not in PLACE_LABELS
            and item.mention == "name"
            and item.country_hint is None
            and not (entry.id < 0 or entry.country in countries)
            and not (entry.is_country and item.label != "PERSON")
        ):
            continue  # an ORG or PERSON name that matches a place of a country the article is not about
        phrase = None
        if item.phrase is not None:
            phrase_span = doc[item.phrase[0] : item.phrase[1]]
            phrase = (phrase_span.start_char, phrase_span.end_char)
        places.append(
            Place(
                span=(span.start_char, span.end_char),
                name=entry.name if entry is not None else mention.text,
                geonames_id=entry.id if entry is not None and entry.id > 0 else None,
                lat=round(entry.lat, 5) if entry is not None else None,
                lon=round(entry.lon, 5) if entry is not None else None,
                country=entry.country if entry is not None else None,
                admin1=entry.admin1 if entry is not None else None,
                feature=entry.fcode if entry is not None else None,
                literal=item.literal,
                demonym=item.mention in ("adjective", "people")
                or (entry is not None and entry.kind == "demonym"),
                admin2=entry.admin2 if entry is not None else None,
                population=entry.population if entry is not None else None,
                mention=item.mention,
                qualifier=item.qualifier,
                phrase=phrase,
                score=res.score,
            )
        )
    return places


@extractor("places")
def extract_places(doc: Doc, analysis: Analysis) -> list[Place]:
    """The places of the article, in text order (see the module docstring)."""
    return places_in(doc, analysis)
