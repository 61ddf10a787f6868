"""Quantities: counts and amounts with value, bound, unit (or counted noun) and, for conflict counts, concept.

Numbers are read from the tokens of the one parsed Doc (digits, words, "1.5 million", "tens of thousands",
"a dozen"); numbers that belong to a date or a clock time (the times extractor ran before), years, ordinals and
numbers inside names ("iPhone 11", "Fortune 500") are left out. The word lists these rules read are in
`quantity_words.py`; reading a number's value is in `numbers.py`.

>>> from newsclaims.pipeline import analyze
>>> q = analyze("Over 300,000 civilians have been displaced.").quantities[0]
>>> q.value, q.bound, q.unit, q.concept
(300000, '>', 'civilians', 'displaced')
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsclaims.analysis import Analysis, Quantity
from newsclaims.extract import doc_text, extractor
from newsclaims.extract.numbers import (
    CURRENCY_SYMBOLS,
    FRACTION_WORDS,
    GLUED_UNITS,
    SCALES,
    VAGUE_PLURALS,
    fraction_at,
    is_suspended,
    is_year_token,
    number_phrases,
    parse_number,
    read_glued,
    value_of,
)
from newsclaims.extract.quantity_words import (
    AGE_UNITS,
    APPROX_BEFORE,
    AREA_WORDS,
    BOUNDS_AFTER,
    CONCEPT_ADJECTIVES,
    CONCEPT_NOUNS,
    CONCEPT_VERBS,
    COORDINATORS,
    COUNTED_PERIOD,
    DOWN_VERBS,
    GLUED_ONLY_UNITS,
    HYPHEN_BOUNDS_AFTER,
    LABEL_WORDS,
    LABELLED_NOUNS,
    LESS_BEFORE,
    MEASURE_UNITS,
    MORE_BEFORE,
    NAME_ENTITY_TYPES,
    PARTICLE_VERBS,
    PERCENT_WORDS,
    PLACES_AND_THINGS,
    STREET_WORDS,
    TIME_WORDS,
    UNIT_CODES,
    UP_VERBS,
    WORD_UNITS,
)

Value = float | int | list[float] | None


def _excluded(doc: Doc, start: int, end: int, time_spans: list[tuple[int, int]]) -> bool:
    """Numbers that are not quantities: in dates and clock times, years, ordinals, inside names."""
    first, last = doc[start], doc[end - 1]
    char_start, char_end = first.idx, last.idx + len(last.text)
    if any(s < char_end and char_start < e for s, e in time_spans):
        return True
    glued = read_glued(first.text)
    if glued is not None and glued.sign == "-" and start > 0 and doc[start - 1].text[:1].isupper():
        return True  # "COVID -19": part of a name
    if glued is not None and (glued.unit or glued.currency):
        return False  # "640bhp", "USD10m": the unit is in the token, whatever the tagger made of it
    if end - start == 1 and is_year_token(first):
        return True
    if any(t.ent_type_ in ("ORDINAL",) for t in doc[start:end]) and last.lower_ not in FRACTION_WORDS:
        return True
    slashed = any("/" in t.text or "⁄" in t.text for t in doc[start:end])
    if any(":" in t.text for t in doc[start:end]) or (slashed and fraction_at(doc, start) is None):
        return True
    after = doc[end] if end < len(doc) else None
    unit_follows = after is not None and (
        after.lower_ in PERCENT_WORDS or after.text in UNIT_CODES or after.lower_ in MEASURE_UNITS
    )
    # "Jets Flew 200 Sorties" (a headline): a plural noun after the number is counted
    counted_plural = after is not None and after.tag_ in ("NNS", "NNPS") and after.is_alpha
    names = first.ent_type_ in NAME_ENTITY_TYPES and last.ent_type_ in NAME_ENTITY_TYPES
    if names and not unit_follows and not (counted_plural and after.ent_type_ not in NAME_ENTITY_TYPES):
        return True
    # "No. 3", "#1", "Model 3", "Big 12", "COVID-19": a number glued to a name
    prev = doc[start - 1] if start > 0 else None
    if prev is not None and prev.text in ("#", "No.", "no.", "number"):
        return True
    glued_to_name = prev is not None and prev.text.endswith("-") and not prev.whitespace_
    if glued_to_name and not (start > 1 and doc[start - 2].lower_ == "minus"):
        return True
    if (
        prev is not None
        and prev.pos_ == "PROPN"
        and first.dep_ in ("compound", "appos", "npadvmod", "nmod")
        and prev.text not in CURRENCY_SYMBOLS
    ):
        return True
    nxt = doc[end] if end < len(doc) else None
    # "iPhone 11 has", "S&P 500", "FTSE 100": a number right after a name and not followed by a unit
    if prev is not None and prev.pos_ == "PROPN" and prev.i > 0 and (nxt is None or not _unit_like(nxt)):
        if not counted_plural:
            return True
    # "575 Wilbraham Road", "787 Dreamliner", "11 Pro": a number before a singular proper name
    if (
        nxt is not None
        and nxt.tag_ == "NNP"
        and nxt.text[:1].isupper()
        and nxt.lower_ not in PERCENT_WORDS
        and nxt.lower_ not in GLUED_UNITS
        and nxt.text not in UNIT_CODES
        and not (prev is not None and prev.text in CURRENCY_SYMBOLS)
    ):
        return True
    # "Senard, 65, now faces": an age between commas after a name
    if prev is not None and prev.text == "," and nxt is not None and nxt.text == "," and start > 1:
        if doc[start - 2].pos_ == "PROPN":
            return True
    # "a five-year $700000 award": a duration used as an adjective is not a quantity of its own
    if nxt is not None and nxt.text == "-" and end + 1 < len(doc) and doc[end + 1].lower_ in TIME_WORDS:
        return _age_end(doc, end) is None  # but "a 12-year-old boy" states an age
    # "category 4 hurricane", "FTSE 100", "Route 66": a number that labels rather than counts
    if prev is not None and (
        prev.lower_ in LABEL_WORDS or (len(prev.text) > 1 and prev.text.isupper() and prev.is_alpha)
    ):
        if nxt is None or not _unit_like(nxt) or nxt.lower_ in LABELLED_NOUNS:
            return True
    lone = end - start == 1
    if lone and first.lower_ in SCALES and not (prev is not None and prev.lower_ in ("a", "an")):
        return True
    if lone and first.lower_ in ("one",) and not _counts_something(first):
        return True
    if lone and first.lower_ in ("a", "an", "few"):
        return True
    if lone and first.lower_ == "half" and (nxt is None or nxt.lower_ != "of"):
        return True  # "half-time", "the second half": no amount
    return False


def _unit_like(token: Token) -> bool:
    """A token that reads as a unit after a number: "%", "percent", a lower-case noun, a currency word."""
    return (
        token.lower_ in PERCENT_WORDS
        or (token.lower_ in GLUED_UNITS and token.lower_ not in GLUED_ONLY_UNITS)
        or token.text in UNIT_CODES
        or (token.pos_ in ("NOUN", "SYM") and not token.text[:1].isupper())
    )


def _counts_something(token: Token) -> bool:
    """ "one" is a count in "one solution", "one of the best", not in "no one", "one another"."""
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    prev = token.doc[token.i - 1] if token.i > 0 else None
    if prev is not None and prev.lower_ in (
        "no",
        "every",
        "any",
        "some",
        "the",
        "this",
        "that",
        "each",
        "another",
    ):
        return False
    if nxt is not None and nxt.lower_ in ("another", "day", "time", "way", "thing"):
        return False
    return token.dep_ == "nummod" or (nxt is not None and nxt.lower_ == "of")


def _extend_range(doc: Doc, start: int, end: int, phrases: dict[int, int]) -> tuple[int, int, int | None]:
    """A range after a number: "10-20", "10 to 20", "between 10 and 20", "$89 to $93 billion".

    Returns the end of the whole range and the start of its second number (None when there is no range).
    """
    j = end
    money = start > 0 and doc[start - 1].text in CURRENCY_SYMBOLS
    if start > 0 and doc[start - 1 if not money else max(0, start - 2)].lower_ == "by" and money:
        return end, end, None  # "increased by $43.6 billion to $419.2 billion": a change and a level
    # "between 5% and 6%", "from 1 per cent to 1.5 per cent": the unit repeats after each number
    unit_tokens = 0
    while (
        j + unit_tokens < len(doc)
        and unit_tokens < 2
        and doc[j + unit_tokens].lower_ in PERCENT_WORDS | {"per", "cent"}
    ):
        unit_tokens += 1
    if unit_tokens and j + unit_tokens < len(doc) and doc[j + unit_tokens].text in ("-", "–", "to", "and"):
        j += unit_tokens
    if j < len(doc) and doc[j].lower_ in ("-", "–", "to", "and", "or"):
        if doc[j].lower_ == "and" and not (start > 0 and doc[start - 1].lower_ == "between"):
            if not (start > 1 and doc[start - 2].lower_ == "between"):
                return end, end, None
        k = j + 1
        if k < len(doc) and doc[k].text in CURRENCY_SYMBOLS:
            k += 1
        if k in phrases:
            second_end = phrases[k]
            if j > end:
                repeated = [t.lower_ for t in doc[second_end : second_end + unit_tokens]]
                if repeated != [t.lower_ for t in doc[end : end + unit_tokens]]:
                    return end, end, None  # "up 9.4 per cent to $84": a change, then a level
                second_end += unit_tokens
            return second_end, k, k
    # "from 208 pounds to 193", "from $75 per barrel to $45.88": the words between belong to the first number
    before = start - 1 if not money else start - 2
    if before >= 0 and doc[before].lower_ == "from":
        for k in range(end, min(end + 8, doc[start].sent.end)):
            if k in phrases and not (phrases[k] - k == 1 and is_year_token(doc[k])):
                break
            if doc[k].lower_ == "to":
                k2 = k + 1 + (k + 1 < len(doc) and doc[k + 1].text in CURRENCY_SYMBOLS)
                if k2 in phrases:
                    return phrases[k2], k2, k2
                break
    return end, end, None


def _bound_words(doc: Doc, start: int) -> tuple[str, int] | None:
    """The bound that the words right before a number state ("more than" -> ">") and where those words start."""
    i = start
    while i > 0 and (doc[i - 1].text in CURRENCY_SYMBOLS or doc[i - 1].lower_ in ("minus", "-")):
        i -= 1
    before = [t.lower_ for t in doc[max(0, i - 4) : i]]
    for size in (4, 3, 2, 1):
        if len(before) < size:
            continue
        words = " ".join(before[-size:])
        for bound, phrases in ((">", MORE_BEFORE), ("<", LESS_BEFORE), ("~", APPROX_BEFORE)):
            if words in phrases:
                return bound, i - size
    return None


def _bound(doc: Doc, start: int, noun: Token | None) -> str:
    """ "=", "~", ">", "<", "up" or "down" from the words before the number and the verb it depends on."""
    stated = _bound_words(doc, start)
    if stated is not None:
        return stated[0]
    i = start
    while i > 0 and (doc[i - 1].text in CURRENCY_SYMBOLS or doc[i - 1].lower_ in ("minus", "-")):
        i -= 1
    before = [t.lower_ for t in doc[max(0, i - 4) : i]]
    if doc[start].text.startswith("+"):
        return "up"
    if doc[start].text.startswith("~"):
        return "~"
    if doc[start].lower_.startswith("sub-"):
        return "<"  # "sub-7 nanometer chips"
    if before and before[-1] in ("up", "down") and (i < 2 or doc[i - 2].lower_ not in ("to", "by")):
        if doc[i - 1].dep_ != "prt" or doc[i - 1].head.lemma_ not in PARTICLE_VERBS:
            return before[-1]  # but "gave up 517 yards": a particle, not a change
    # "rose by 5%", "gained 19 cents", "cut 300 jobs": a change
    anchor = noun if noun is not None else doc[start]
    head = anchor.head
    if head.lower_ in ("to", "from", "at") and head.dep_ == "prep":
        return "="
    via_by = head.lower_ == "by" and head.dep_ in ("prep", "agent")
    if via_by:
        head = head.head
    elif anchor.dep_ not in ("dobj", "npadvmod", "advmod", "pobj", "nummod", "quantmod", "attr"):
        return "="
    lemma = head.lemma_.lower()
    # "revised upward by 40 billion", "marked down by 5%"
    adverbs = {c.lower_ for c in head.children if c.dep_ in ("advmod", "prt")} if via_by else set()
    if adverbs & {"upward", "upwards", "up", "higher"}:
        return "up"
    if adverbs & {"downward", "downwards", "down", "lower"}:
        return "down"
    # a noun does not make a change of its count: "a $150,000 contract", "a 3 percent drop" (a size)
    # "a decrease by 1" (or a verb the tagger took for a noun): "by" makes any change word a change
    changing = head.pos_ in ("VERB", "ADV", "ADJ") or (via_by and head.pos_ == "NOUN")
    if changing and lemma in UP_VERBS:
        return "up"
    if changing and lemma in DOWN_VERBS:
        return "down"
    return "="


def _bound_after(doc: Doc, i: int) -> tuple[str, int] | None:
    """The bound that words after a number (or after its unit) state, read from token `i`: "500 or more",
    "20 or so people", "100-plus members", "20-odd people", "aged 65 and over", "$50 tops".

    Returns the bound and the index of the token after those words.
    """
    n = len(doc)
    if i >= n or i == 0:
        return None
    hyphen = doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_
    if hyphen and i + 1 < n and doc[i + 1].lower_ in HYPHEN_BOUNDS_AFTER:
        return HYPHEN_BOUNDS_AFTER[doc[i + 1].lower_], i + 2
    words = [t.lower_ for t in doc[i : i + 3]]
    for size in (3, 2, 1):
        if len(words) < size:
            continue
        bound = BOUNDS_AFTER.get(" ".join(words[:size]))
        if bound is None:
            continue
        follower = doc[i + size] if i + size < n else None
        # "5% and up to 7%", "20 or more than 30": the words open another number, they bound nothing
        if follower is not None and (follower.like_num or follower.lower_ in ("to", "than", "of")):
            return None
        return bound, i + size
    return None


def _rate(doc: Doc, i: int) -> str:
    """ " per barrel" for "$58 per barrel", "$3,500 a month"; else ""."""
    after = doc[i + 2].lower_ if i + 2 < len(doc) else ""
    if after in ("ago", "earlier", "later", "before", "after"):
        return ""  # "$6.78 billion a year earlier": a time, not a rate
    if i + 2 < len(doc) and doc[i].lower_ == "per" and doc[i + 1].lower_ in AREA_WORDS:
        return f" per {doc[i + 1 : i + 3].text}"  # "$21.25 per square foot", "$80 per sq m"
    if i + 1 < len(doc) and doc[i].lower_ in ("per", "a", "an") and doc[i + 1].pos_ == "NOUN":
        if doc[i].lower_ == "per" or doc[i + 1].lemma_.lower() in TIME_WORDS | {
            "share",
            "barrel",
            "ounce",
            "gallon",
        }:
            return f" per {doc[i + 1].text}"
    return ""


def _unit(
    doc: Doc, start: int, end: int, words_from: int | None = None
) -> tuple[str | None, Token | None, int]:
    """The unit or counted noun of the number at [start, end): "%", "$", "civilians", "miles per hour".
    `words_from` is where the words after the number start when a bound comes between ("20 or so people").

    Returns the unit's text, its head noun token, and the token index where the quantity's words end.
    """
    glued = read_glued(doc[start].text) if end - start <= 2 else None
    n = len(doc)
    if start > 0 and doc[start - 1].text in CURRENCY_SYMBOLS:
        symbol = doc[start - 1].text
        prefix = doc[start - 2] if start > 1 else None
        if prefix is not None and prefix.text in ("US", "A", "C", "HK", "NZ", "S") and not prefix.whitespace_:
            symbol = prefix.text + symbol
        return symbol + _rate(doc, end), None, end
    if glued is not None and glued.currency:
        return glued.currency + _rate(doc, end), None, end
    if glued is not None and glued.unit:
        return glued.unit.rstrip("."), None, end
    j = end if words_from is None else words_from
    if j + 1 < n and doc[j].lower_ == "basis" and doc[j + 1].lemma_.lower() == "point":
        return doc[j : j + 2].text, doc[j + 1], j + 2  # "60 basis points"
    if j < n and doc[j].lower_ in PERCENT_WORDS:
        return doc[j].text, doc[j], j + 1
    if j < n and (doc[j].text in UNIT_CODES or doc[j].lower_ in WORD_UNITS):
        # "12 C melting point", "5 W charger", "1.4 times book value", "a million dollar house": the unit alone
        return doc[j].text + _rate(doc, j + 1), doc[j], j + 1
    if j < n and doc[j].lower_.rstrip(".") in MEASURE_UNITS:
        # "40 yard dash", "278 kg tuna", "140 km/h": the measure, not the thing measured
        k = j + 1
        if doc[j].lower_ in ("sq", "square") and k < n:
            k += 1  # "1520 sq m", "square miles"
        while k + 1 < n and doc[k].text in ("/", "-") and not doc[k - 1].whitespace_:
            k += 2  # "km/h", "pound-feet", "lb-ft"
        if (
            doc[j].lower_.startswith("degree")
            and k < n
            and doc[k].lower_ in ("celsius", "fahrenheit", "c", "f", "centigrade")
        ):
            k += 1
        return doc[j:k].text.rstrip(".") + _rate(doc, k), doc[j], k
    if j + 1 < n and doc[j].lower_ == "per" and doc[j + 1].lower_ == "cent":
        return "per cent", doc[j + 1], j + 2
    fraction = doc[end - 1].lower_ in FRACTION_WORDS or (
        end - start == 1 and fraction_at(doc, start) is not None
    )
    if j < n and doc[j].lower_ == "of" and fraction:
        j += 1  # "two-thirds of voters", "a third of the population", "1/16 of a pint"
        if j < n and doc[j].lower_ in ("the", "its", "their", "his", "her", "our", "all", "a", "an"):
            j += 1
    elif (
        j < n
        and doc[j].lower_ == "of"
        and (doc[end - 1].lower_ in VAGUE_PLURALS or doc[end - 1].lower_ == "dozen")
    ):
        j += 1
    elif (
        j + 1 < n
        and doc[j].lower_ == "of"
        and doc[j + 1].lower_ in ("the", "its", "their", "his", "her", "our")
    ):
        j += 2  # "one of the best speakers"
    age_end = _age_end(doc, j)
    if age_end is not None:
        return doc[age_end - 3].lower_ + "-old", doc[age_end - 3], age_end  # "50 year-old", "18-month-old"
    hyphened = j == end and j + 1 < n and doc[j].text == "-" and not doc[j - 1].whitespace_
    if hyphened and not doc[j].whitespace_ and doc[j + 1].pos_ == "NOUN" and doc[j + 1].is_alpha:
        return doc[j + 1].text, doc[j + 1], j + 2  # "a six-cylinder engine", "a 20-mile stretch"
    tokens: list[Token] = []
    while j < n and len(tokens) < 4:
        token = doc[j]
        participle = token.tag_ == "VBN" and token.dep_ in ("amod", "compound")  # "300 recorded songs"
        if token.pos_ in ("NOUN", "PROPN", "ADJ") or participle or (token.text == "-" and tokens):
            tokens.append(token)
            j += 1
            if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound", "amod", "nmod"):
                break
            continue
        break
    if tokens and tokens[0].lemma_.lower() in TIME_WORDS:
        tokens = tokens[:1]  # "a two month assault": the unit is the month
        j = tokens[0].i + 1
    # "Over 500 Civilians Dead" (a headline's capitals make "Dead" a name): the state is not the counted noun
    while len(tokens) > 1 and any(tokens[-1].lower_ in words for words in CONCEPT_ADJECTIVES.values()):
        tokens.pop()
        j -= 1
    while tokens and (tokens[-1].pos_ == "ADJ" or tokens[-1].tag_ == "VBN" or tokens[-1].text == "-"):
        tokens.pop()
        j -= 1
    if not tokens:
        return None, None, end
    # "miles per hour", "tests per day"
    if j + 1 < n and doc[j].lower_ == "per" and doc[j + 1].pos_ == "NOUN":
        text = doc[tokens[0].i : j + 2].text
        return text, tokens[-1], j + 2
    return doc[tokens[0].i : tokens[-1].i + 1].text.rstrip("."), tokens[-1], tokens[-1].i + 1


def _concept(noun: Token | None, number: Token) -> str | None:
    """The conflict concept of a count: killed, injured, displaced, arrested, missing, strikes, troops."""
    if noun is not None and noun.lemma_.lower() in TIME_WORDS:
        return None  # "killed in the past two months": the months are not the ones killed
    if noun is not None and noun.lemma_.lower() in PLACES_AND_THINGS:
        return _noun_concept(noun)  # "captured 3 towns", "12 villages were shelled": no people, no strikes
    anchor = noun if noun is not None else number
    candidates: list[Token] = [anchor]
    nxt = anchor.doc[anchor.i + 1] if anchor.i + 1 < len(anchor.doc) else None
    if nxt is not None:
        candidates.append(nxt)  # "500 civilians dead", "300,000 civilians displaced"
    candidates += [c for c in anchor.children if c.dep_ in ("amod", "acl", "relcl")]
    head = anchor.head
    candidates.append(head)
    if head.dep_ in ("prep", "agent") or head.pos_ == "ADP":
        candidates.append(head.head)
    # "forced 300,000 civilians to flee": the verb of the clause the count is the object of
    candidates += [
        c for c in head.children if c.dep_ in ("xcomp", "ccomp", "advcl", "conj") and c.i > anchor.i
    ]
    # "11 aid workers remain missing", "500 were dead"
    candidates += [c for c in head.children if c.dep_ in ("acomp", "attr", "oprd")]
    # "the death toll rose to 56": the count names its subject's concept
    verb = head.head if head.dep_ == "prep" else head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < anchor.i]
    for subject in subjects:
        if subject.lemma_.lower() in ("toll", "death", "fatality", "casualty"):
            return "killed"
    for token in candidates:
        lemma = token.lemma_.lower()
        word = token.lower_
        for concept, words in CONCEPT_VERBS.items():
            if token.pos_ in ("VERB", "AUX", "ADJ") and (lemma in words or word in words):
                return concept
        for concept, words in CONCEPT_ADJECTIVES.items():
            if word in words:
                return concept
    return _noun_concept(noun) if noun is not None else None


def _noun_concept(noun: Token) -> str | None:
    """The concept that a counted noun names itself: "sorties" -> strikes, "fighters" -> troops."""
    lemma = noun.lemma_.lower()
    # headlines capitalise nouns and the tagger then keeps "Fighters" whole: singularise by hand
    forms = {lemma, noun.lower_, noun.lower_.removesuffix("s")}
    if noun.lower_.endswith("ies"):
        forms.add(noun.lower_[:-3] + "y")
    for concept, words in CONCEPT_NOUNS.items():
        if forms & words:
            return concept
    return None


def _coordinated(doc: Doc, previous_end: int, start: int) -> bool:
    """Whether the number at `start` is coordinated with the count that ends at token `previous_end`, with
    nothing counted in between: "35 people killed and 120 wounded", "killed 12 civilians and injured 40".

    The gap must hold a conjunction (or a comma) and no noun, name or number of its own: in "12 civilians in
    Idlib and 40" the 40 may count something else.
    """
    gap = doc[previous_end:start]
    if not 1 <= len(gap) <= 3 or gap[0].sent.start != doc[start].sent.start:
        return False
    if not any(t.lower_ in COORDINATORS for t in gap):
        return False
    states = [t for t in gap if any(t.lower_ in words for words in CONCEPT_ADJECTIVES.values())]
    # ("500 Civilians Dead, 1,000 Wounded": a headline's "Dead" is tagged as a name, yet says what happened)
    return not any(
        (t.pos_ in ("NOUN", "PROPN", "NUM", "PRON") or t.like_num) and t not in states for t in gap
    )


def quantities(
    doc: Doc, time_spans: list[tuple[int, int]] | None = None, text: str | None = None
) -> list[Quantity]:
    """The quantities of a parsed Doc; numbers inside `time_spans` (dates, clock times) are skipped.
    `text` is the Doc's text when the caller has it (it saves rebuilding it from the tokens)."""
    time_spans = time_spans or []
    text = doc_text(doc, text)
    phrases = number_phrases(doc, text)
    starts = {i: j for i, j in phrases}
    results: list[Quantity] = []
    skip_until = 0
    previous: tuple[int, str | None, Token | None] | None = None  # the last count: end, unit, counted noun
    for start, end in phrases:
        if start < skip_until:
            continue
        if _excluded(doc, start, end, time_spans):
            continue
        value = value_of(doc[start:end])
        if value is None:
            continue
        minus = start > 0 and doc[start - 1].lower_ == "minus"
        minus = minus or (start > 1 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "minus")
        if minus and isinstance(value, (int, float)):
            value = -value  # "minus 387 Fahrenheit", "minus-5 yards"
        first_end = end
        range_end, second_start, second = _extend_range(doc, start, end, starts)
        if second is not None and value_of(doc[second : starts[second]]) == value:
            continue  # "tied at 89-89": a score
        if (
            second is not None
            and doc[end].text in ("-", "–")
            and _descending(value, doc[second : starts[second]])
        ):
            continue  # "a 3-2 win": a score, not a range
        final: Value = list(value) if isinstance(value, tuple) else value
        if second is not None:
            high = value_of(doc[second : starts[second]])
            if isinstance(high, (int, float)) and isinstance(value, (int, float)):
                low = value
                # "$89 to $93 billion": the scale of the second number applies to the first
                scale_words = [t for t in doc[second : starts[second]] if t.lower_ in SCALES]
                bare_high = value_of(doc[second : scale_words[0].i]) if scale_words else None
                if (
                    scale_words
                    and not any(t.lower_ in SCALES for t in doc[start:end])
                    and isinstance(bare_high, (int, float))
                    and value < bare_high
                ):
                    low = (
                        parse_number(f"{doc[start:end].text} {' '.join(t.text for t in scale_words)}") or low
                    )
                final = [low, high]
                skip_until = range_end
                end = range_end
        after_number = _bound_after(doc, end)  # "20 or so people", "100-plus members"
        # a range reads its unit after its second number: "five per cent to 20 per cent rebound"
        unit, noun, words_end = (
            _unit(doc, start, end, after_number[1] if after_number else None)
            if second is None
            else _unit(doc, second, starts[second])
        )
        if unit is None and is_suspended(doc[end - 1]):
            unit, noun = _suspended_unit(doc, end, starts)  # "four-, five- and six-cylinder engines"
        after = after_number or (_bound_after(doc, words_end) if unit is not None else None)
        if noun is not None and noun.text.rstrip(".") in STREET_WORDS:
            continue  # "49 Zorro Ranch Road": an address
        if unit is None and second is not None:  # "from 208 pounds to 193"
            unit, noun, _ = _unit(doc, start, first_end)
        bound = _bound(
            doc, start if not (start > 0 and doc[start - 1].lower_ == "between") else start - 1, noun
        )
        if after is not None and _bound_words(doc, start) is None and bound in ("=", after[0]):
            bound = after[0]  # "500 people or more": a bound after the count, when none comes before it
            words_end = max(words_end, after[1])
        if bound == "=" and results and _converts(text, results[-1], doc[start].idx):
            bound = results[-1].bound  # "just under 296 hp (224 kW)": a conversion keeps its original's bound
        span_start = doc[start].idx
        if start > 0 and doc[start - 1].text in CURRENCY_SYMBOLS:
            span_start = doc[start - 1].idx
        stated = _bound_words(doc, start)
        if stated is not None and stated[0] == bound:
            span_start = doc[stated[1]].idx  # the evidence includes "more than", "about", "up to"
        elif second is not None and start > 0 and doc[start - 1].lower_ in ("between", "from"):
            span_start = doc[start - 1].idx  # "between 10 and 15 rockets"
        last = doc[max(words_end, end) - 1]
        span_end = last.idx + len(last.text)
        concept = _concept(noun, doc[end - 1])
        if unit is None and previous is not None and previous[1] is not None and second is None:
            previous_end, previous_unit, previous_noun = previous
            if previous_noun is not None and _coordinated(doc, previous_end, start):
                # "35 people killed and 120 wounded": the 120 counts people too; its own verb says what
                # happened to them, the carried noun only when the verb says nothing ("15 troops and 20 more")
                unit = previous_unit
                concept = concept or _noun_concept(previous_noun)
        previous = (max(words_end, end), unit, noun)
        results.append(
            Quantity(
                span=(span_start, span_end),
                value=final,
                bound=bound,
                unit=unit,
                concept=concept,
                text=text[span_start:span_end],
            )
        )
    return results


def _age_end(doc: Doc, i: int) -> int | None:
    """The end of the age words that start at token `i` ("-year-old", " year-old", "-month-old"), else None."""
    i += doc[i].text == "-" if i < len(doc) else 0
    words = [t.lower_ for t in doc[i : i + 3]]
    if len(words) == 3 and words[0] in AGE_UNITS and words[1:] == ["-", "old"]:
        return i + 3
    return None


def _descending(low: Value | tuple, high_tokens: Span) -> bool:
    """Whether a hyphenated pair goes down ("3-2"): a score or a result, not a range."""
    high = value_of(high_tokens)
    return isinstance(low, (int, float)) and isinstance(high, (int, float)) and high < low


def _suspended_unit(doc: Doc, end: int, starts: dict[int, int]) -> tuple[str | None, Token | None]:
    """The noun that a suspended number ("four-") shares with the next number glued to it ("six-cylinder")."""
    for k in range(end, min(end + 6, len(doc))):
        if k in starts and starts[k] < len(doc) and doc[starts[k]].text == "-":
            unit, noun, _ = _unit(doc, k, starts[k])
            return unit, noun
    return None, None


def _converts(text: str, previous: Quantity, start: int) -> bool:
    """Whether the number at `start` opens a parenthesis right after `previous`: "$1.1 million (€1 million)"."""
    between = text[previous.span[1] : start]
    opening = r"(?:\s+[A-Z][a-z]+)?\s*\(\s*"  # "... degrees Celsius (1.8 ..."
    listed = r"\s*/\s*"  # "(224 kW / 300 PS)"
    return bool(re.fullmatch(rf"(?:{opening}|{listed})(?:[A-Z]{{1,3}}\s*)?[$€£¥]?\s*", between))


@extractor("quantities")
def extract_quantities(doc: Doc, analysis: Analysis) -> list[Quantity]:
    """Counts and amounts of the article; numbers that the times extractor read as dates or clock times are not
    counted ("July 18", "3 p.m."), durations are ("33 years")."""
    time_spans = [
        (t.span[0], t.span[1])
        for t in analysis.times
        if t.type in ("DATE", "TIME", "SET") and not COUNTED_PERIOD.search(t.text or "")
    ]
    return quantities(doc, time_spans, analysis.article.text)
