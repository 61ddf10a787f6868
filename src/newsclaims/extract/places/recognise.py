"""Recognition: place mentions in a parsed Doc, beyond spaCy's GPE/LOC/FAC entities.

Demonyms (NORP), names spaCy labels ORG/PERSON/NORP that the gazetteer knows when the context says place,
proper nouns outside entities, places inside organisation names, named landforms, datelines, seats of power.
"""

from __future__ import annotations

import dataclasses

import numpy
from spacy.attrs import ENT_IOB, IS_ALPHA, IS_TITLE, IS_UPPER, POS
from spacy.parts_of_speech import ADJ, PROPN
from spacy.tokens import Doc, Span, Token

from newsclaims.extract.places.words import (
    DATELINE_ENDS,
    DIRECTIONS,
    GENERIC_WORDS,
    GEO_HEADS,
    LANDFORM_HEADS,
    LOCATIVE_PREPS,
    MIN_TOWN_POPULATION,
    NAME_CONNECTORS,
    ORGANISATION_HEADS,
    PLACE_LABELS,
    SEATS_OF_POWER,
    STRONG_FEATURES,
)
from newsclaims.gazetteer import Entry, Gazetteer, name_key

MISLABELLED = frozenset(("PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"))
"""spaCy labels that the small model gives place names too ("captured in Chattanooga" as PRODUCT): taken as
places when the context says place."""

WEAK = "WEAK"
"""Label of a mention with weak evidence of being a place: it stays only when it resolves into a country the
article is about and near another place the article names."""


@dataclasses.dataclass
class Found:
    """A recognised place mention before resolution."""

    start: int  # token indices [start, end)
    end: int
    mention: str = "name"
    label: str | None = None
    qualifier: str | None = None
    phrase: tuple[int, int] | None = None
    literal: bool = True
    lookup: str | None = None  # the name to look up, when not the span's text
    country_hint: str | None = None
    confirm: bool = False
    """Resolve only if the article confirms the place (see WEAK); else the mention stays unresolved."""


def trim(span: Span) -> Span:
    """Without a leading article or a trailing possessive."""
    if len(span) > 1 and span[0].lower_ in ("the", "a", "an"):
        span = span[1:]
    if len(span) > 1 and span[-1].tag_ == "POS":
        span = span[:-1]
    return span


def _strong(entries: tuple[Entry, ...], min_population: int = MIN_TOWN_POPULATION) -> bool:
    return any(
        e.kind in ("name", "alt")
        and (e.fcode in STRONG_FEATURES or e.id < 0 or e.population >= min_population)
        for e in entries
    )


def _well_known(entries: tuple[Entry, ...], upper: bool) -> bool:
    """A country, division, region or large city: safe to take as a place even where spaCy did not."""
    for e in entries:
        if e.kind == "code" and not upper:
            continue
        if e.fcode in STRONG_FEATURES or e.id < 0 or (e.kind == "name" and e.population >= 100_000):
            return True
    return False


def _country_code(entry: Entry, text: str) -> bool:
    """Whether an acronym names this country or region: "UAE", "EU"; a bare two-letter code ("BA", "MW")
    is too often something else, and is taken only for the largest countries ("US")."""
    if entry.id < 0:
        return True
    if not entry.is_country:
        return False
    return len(text.replace(".", "")) > 2 or entry.population >= 50_000_000


def _country_name(entries: tuple[Entry, ...], text: str) -> bool:
    """Whether the name is a country's own name or a code that names it ("UAE"): a place wherever it stands."""
    return any(
        e.is_country
        and (e.kind in ("name", "alt") or (e.kind == "code" and text.isupper() and len(text) > 2))
        for e in entries
    )  # a bare two-letter code ("ID", "CD") is too often something else


def _datelines(doc: Doc, table: numpy.ndarray) -> list[tuple[int, int, bool]]:
    """Capitalised place names opening a paragraph or a sentence before "(", "," or a dash: "SAN DIEGO (AP) —"
    (a dateline the text extraction ran into the previous paragraph still opens a sentence)."""
    spans = []
    for i in numpy.flatnonzero(table[:, _UPPER] & table[:, _ALPHA]).tolist():
        opens_paragraph = i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_
        if not opens_paragraph and not doc[i].is_sent_start:
            continue
        end = i
        while end < len(doc) and end - i < 4 and doc[end].is_upper and not doc[end].is_punct:
            end += 1
        if end < len(doc) and end > i and doc[end].text in DATELINE_ENDS:
            spans.append((i, end, opens_paragraph))
    return spans


def token_table(doc: Doc) -> numpy.ndarray:
    """The token flags recognition scans every token for, as one array (columns `_UPPER` ... `_POS`):
    reading them from `Doc.to_array` spares a Python Token object for each of thousands of tokens."""
    return doc.to_array([IS_UPPER, IS_ALPHA, IS_TITLE, ENT_IOB, POS]).astype(numpy.int64)


_UPPER, _ALPHA, _TITLE, _IOB, _POS = range(5)
_OUTSIDE = 2  # ENT_IOB of a token outside any entity
NAME_PREFIXES = ("Mac", "Mc", "La", "Le", "De", "Di", "Du")
"""Prefixes of names written with a capital after them ("LaFayette", "DeKalb", "McAllen")."""


def _mixed_case(text: str) -> bool:
    """ "MoD", "UConn", "iPhone": capitals inside a word mark a brand or an acronym, not a place name."""
    for prefix in NAME_PREFIXES:  # "LaFayette", "DeKalb", "McAllen": a name's prefix, not a brand's capital
        if text.startswith(prefix) and text[len(prefix) : len(prefix) + 1].isupper():
            text = text[len(prefix) :]
            break
    return not text.isupper() and any(c.isupper() for c in text[1:]) and " " not in text


def _is_division(entries: tuple[Entry, ...]) -> bool:
    return any(e.kind == "name" and (e.is_country or e.fcode == "ADM1") for e in entries)


def _surnames(ents: tuple[Span, ...]) -> frozenset[str]:
    """The last words of the article's PERSON mentions of more than one word ("Michael Jordan" -> jordan)."""
    return frozenset(ent[-1].lower_ for ent in ents if ent.label_ == "PERSON" and len(ent) > 1)


def _locative(span: Span) -> bool:
    """Whether the span is the object of a locative preposition ("in Hama", "to Amman and Irbid") or follows
    a direction word ("northern Hama")."""
    root = span.root
    head = root.head
    if (
        root.dep_ in ("appos", "conj", "npadvmod")
        and head.i < span.start
        and head.ent_type_ in ("GPE", "LOC")
    ):
        return True  # "Maidstone, Kent", "Syria and Jordan"
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
        return True
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in DIRECTIONS


def _demonym_type(span: Span) -> str:
    """`adjective` for "Syrian army", "Russian-backed"; `people` for "the Russians", "Syrians said"."""
    root = span.root
    if root.tag_ in ("NNS", "NNPS") or (
        root.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj") and root.tag_ != "JJ"
    ):
        return "people"
    return "adjective"


def _town(entries: tuple[Entry, ...]) -> bool:
    """A populated place or division known by this very name (not an alternate name or a code)."""
    return any(e.kind == "name" and e.fclass in ("P", "A") for e in entries)


def _weak_piece(piece: Span, name: Span) -> bool:
    """Whether a piece of a longer name may be a smaller town: it modifies the name's head ("*Beverly Hills*
    Police Department", "*Slidell* PD") rather than being it ("Arizona State *University*", "Trump *Tower*":
    the head says what kind of thing the name is, and is often some village's name too)."""
    return not piece.text.isupper() and not piece.start <= name.root.i < piece.end


def _embedded(span: Span, gazetteer: Gazetteer, weak: bool = False) -> list[Found]:
    """Place names and demonyms inside an organisation's name ("Free Syrian Army", "University of Iowa").

    With `weak`, a smaller town inside the name ("Beverly Hills Police Department") is taken too, labelled
    WEAK: it stays only if the article confirms it (in its countries, near its other places)."""
    found: list[Found] = []
    i = span.start
    while i < span.end:
        token = span.doc[i]
        if not token.is_title and not token.is_upper:
            i += 1
            continue
        for length in (3, 2, 1):
            j = i + length
            if j > span.end or (i == span.start and j == span.end):
                continue
            piece = span.doc[i:j]
            if not all(t.is_title or t.is_upper or t.lower_ in ("of", "de") for t in piece):
                continue
            if piece[0].pos_ not in ("PROPN", "ADJ") or piece[-1].pos_ not in ("PROPN", "ADJ"):
                continue
            if length == 1 and piece[0].lower_ in GENERIC_WORDS:
                continue
            entries = gazetteer.lookup(piece.text)
            strong = any(e.kind == "demonym" for e in entries) or _well_known(entries, piece.text.isupper())
            if strong or (weak and _weak_piece(piece, span) and _town(entries)):
                found.append(
                    Found(
                        i,
                        j,
                        mention="embedded",
                        label=span.label_ if strong else WEAK,
                        literal=False,
                        phrase=(span.start, span.end),
                    )
                )
                i = j - 1
                break
        i += 1
    return found


def _extend_right(span: Span, gazetteer: Gazetteer, most: int = 3) -> Span:
    """The span with the capitalised words after it, when that longer name is a place the gazetteer knows by
    its name: spaCy's "U.S." of "U.S. Virgin Islands", "Kansas" of "Kansas City", "Trinidad" of "Trinidad
    and Tobago"."""
    doc = span.doc
    best = span
    end = span.end
    while (
        end < len(doc)
        and end - span.end < most
        and (doc[end].is_title or doc[end].lower_ in NAME_CONNECTORS)
        and not doc[end].is_sent_start
    ):
        end += 1
        if not doc[end - 1].is_title:
            continue  # "Trinidad and Tobago", "Bosnia and Herzegovina": spaCy's two entities are one name
        entries = gazetteer.lookup(doc[span.start : end].text)
        if any(e.kind in ("name", "alt") and (e.fclass in ("A", "P") or e.id < 0) for e in entries):
            best = doc[span.start : end]
    return best


def recognise(doc: Doc, gazetteer: Gazetteer) -> list[Found]:
    """Place mentions in a parsed Doc (token spans), without overlaps, in text order."""
    found: list[Found] = []
    taken: set[int] = set()

    def add(item: Found) -> None:
        if any(k in taken for k in range(item.start, item.end)):
            return
        taken.update(range(item.start, item.end))
        found.append(item)

    table = token_table(doc)
    for start, end, opens_paragraph in _datelines(doc, table):
        entries = gazetteer.lookup(doc[start:end].text)
        # Inside a paragraph, only a place's own name: "PSC:", "AMLO," are acronyms some place has as a name too.
        if entries and (opens_paragraph or any(e.kind == "name" for e in entries)):
            add(Found(start, end, label="GPE"))

    ents = doc.ents  # a fresh tuple on every access: read once
    surnames = _surnames(ents)
    for ent in ents:
        span = trim(ent)
        key = span.text.lower()
        if key.startswith("the "):
            key = key[4:]
        seat = SEATS_OF_POWER.get(name_key(key))
        if seat is not None:
            add(
                Found(
                    span.start,
                    span.end,
                    label=ent.label_,
                    literal=False,
                    lookup=seat[0],
                    country_hint=seat[1],
                )
            )
            continue
        if ent.label_ in PLACE_LABELS:
            span = _extend_right(span, gazetteer)
            inner = (
                [] if len(span) == 1 or gazetteer.lookup(span.text) else _embedded(span, gazetteer, weak=True)
            )
            if len(inner) == 1 and inner[0].label == WEAK:
                # "Lake Manassas", "Nenagh Municipal District": the whole name is the place, placed at the
                # town inside it only if the article confirms that town.
                piece = doc[inner[0].start : inner[0].end]
                add(Found(span.start, span.end, label=ent.label_, lookup=piece.text, confirm=True))
                continue
            inner = [item for item in inner if item.label != WEAK]
            for item in inner:  # "Mississippi State", "Greece Italy": the places inside an unknown name
                item.mention, item.literal, item.label = "name", True, ent.label_
                add(item)
            if not inner:
                add(Found(span.start, span.end, label=ent.label_))
            continue
        entries = gazetteer.lookup(span.text)
        if (
            ent.label_ == "LANGUAGE"
            and any(e.kind == "demonym" for e in entries)
            and _demonym_type(span) == "adjective"
        ):
            add(Found(span.start, span.end, mention="adjective", label="NORP"))  # "the English city of"
            continue
        if ent.label_ == "NORP":
            if any(e.kind == "demonym" for e in entries):
                add(Found(span.start, span.end, mention=_demonym_type(span), label="NORP"))
            elif _strong(entries):  # spaCy calls some towns NORP: "fighting in Aleppo"
                add(Found(span.start, span.end, label="GPE" if _locative(span) else "NORP"))
            elif len(span) > 1:  # "anti-Russian", "Russian-European", "Bosnian Serb": the demonyms inside
                for item in _embedded(span, gazetteer):
                    piece = doc[item.start : item.end]
                    if any(e.kind == "demonym" for e in gazetteer.lookup(piece.text)):
                        item.mention, item.label, item.phrase = _demonym_type(piece), "NORP", None
                        add(item)
            continue
        if ent.label_ == "PERSON" and len(span) == 1 and span[0].lower_ in surnames:
            continue  # "Jordan" after "Michael Jordan"
        if ent.label_ in ("PERSON", "ORG") and len(span) == 1 and any(e.kind == "demonym" for e in entries):
            add(
                Found(span.start, span.end, mention=_demonym_type(span), label="NORP")
            )  # "Azerbaijani" as PERSON
            continue
        acronym = span.text.isupper() and len(span.text) <= 5
        if acronym and ent.label_ == "ORG" and any(_country_code(e, span.text) for e in entries):
            add(Found(span.start, span.end, label=ent.label_))  # "US", "UK", "EU"
            continue
        generic = len(span) == 1 and (span[0].lower_ in GENERIC_WORDS or _mixed_case(span.text))
        if ent.label_ in ("ORG", "PERSON") and not acronym and not generic and _strong(entries):
            if ent.label_ == "ORG" or _locative(span) or _is_division(entries):
                # "in Hama": the context says place, whatever spaCy's label
                placey = _locative(span) or geo_head(span) is not None  # "in Hama", "the Hama countryside"
                add(Found(span.start, span.end, label="GPE" if placey else ent.label_))
                continue
        if (
            ent.label_ in ("ORG", "PERSON")
            and not acronym
            and not generic
            and not (len(span) == 1 and span[0].lower_ in surnames)
            and any(e.kind == "name" and e.fclass in ("P", "A") for e in entries)
        ):
            # A small town spaCy calls ORG or PERSON: kept only if the article confirms it (see WEAK).
            add(Found(span.start, span.end, label=WEAK))
            continue
        if (
            ent.label_ in MISLABELLED
            and not acronym
            and not generic
            and _strong(entries)
            and (_locative(span) or geo_head(span) is not None)
        ):
            add(Found(span.start, span.end, label="GPE"))  # "captured in Chattanooga" labelled PRODUCT
            continue
        if ent.label_ in ("ORG", "PERSON") and len(span) == 1 and _landform_head(span[0]):
            add(Found(span.start, span.end, mention="phrase", label=ent.label_))
            continue
        if ent.label_ in ("ORG", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "MONEY"):  # MONEY: "US$", "C$"
            for item in _embedded(span, gazetteer, weak=ent.label_ == "ORG"):
                add(item)
        elif (
            ent.label_ == "PERSON" and len(span) > 1 and any(t.lower_ in ORGANISATION_HEADS for t in span[1:])
        ):
            # An organisation spaCy took for a person: "Abuja Chamber of Commerce", "the Miami Herald".
            for item in _embedded(span, gazetteer):
                add(item)

    # Proper nouns outside any entity: "in Hama", "northern Idlib", "the Humaymat hilltops".
    outside_propn = (table[:, _IOB] == _OUTSIDE) & (table[:, _POS] == PROPN)
    run_on = outside_propn & (table[:, _TITLE] == 1)
    next_start = 0
    for i in numpy.flatnonzero(outside_propn & ((table[:, _TITLE] | table[:, _UPPER]) == 1)).tolist():
        if i < next_start:
            continue
        j = i + 1
        while j < len(doc) and run_on[j]:
            j += 1
        span = doc[i:j]
        entries = gazetteer.lookup(span.text)
        if span.start > 0 and (_locative(span) or geo_head(span)) and _strong(entries):
            add(Found(i, j, label=None))
        elif _country_name(entries, span.text):
            add(Found(i, j, label=None))  # "Azerbaijan puts pressure", "a minister of the UAE"
        elif (
            span.root.dep_ == "compound"
            and _is_division(entries)
            or any(e.fcode == "PPLC" and e.kind == "name" for e in entries)
        ):
            add(Found(i, j, label=None))  # "Mauritius government", "Cairo police"
        elif len(span) <= 2 and _landform_head(span[-1]):
            add(Found(i, j, mention="phrase", label=None))
        elif (
            span.start > 0
            and not doc[span.start - 1].is_sent_start
            and not _mixed_case(span.text)
            and span[0].lower_ not in GENERIC_WORDS
            and any(e.kind == "name" and e.fclass in ("P", "A") for e in entries)
        ):
            add(Found(i, j, label=WEAK))  # kept only if the article confirms it
        elif len(span) > 1 and not entries:
            for item in _embedded(span, gazetteer):  # "SME Mauritius Limited": the place inside a name
                add(item)
        next_start = j

    # Demonyms spaCy left outside any entity: "Danish wave energy developer", "Salvadoran migrant".
    maybe_demonym = (
        (table[:, _IOB] == _OUTSIDE) & numpy.isin(table[:, _POS], (ADJ, PROPN)) & (table[:, _TITLE] == 1)
    )
    for i in numpy.flatnonzero(maybe_demonym).tolist():
        if i not in taken and any(e.kind == "demonym" for e in gazetteer.lookup(doc[i].text)):
            add(Found(i, i + 1, mention=_demonym_type(doc[i : i + 1]), label="NORP"))
    found.sort(key=lambda f: f.start)
    return found


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


def _landform_head(token: Token) -> bool:
    return token.dep_ in ("compound", "amod", "nmod") and token.head.lower_ in LANDFORM_HEADS
