"""Numbers written in digits or words, shared by the times and quantities extractors.

`parse_number("1.5 million") == 1500000`, `parse_number("twenty-four") == 24`, `parse_number("a dozen") == 12`;
vague plurals become ranges: `parse_number("tens of thousands") == (10000, 100000)`, "dozens" -> (12, 120)
(the convention of the NewsQuant gold).
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc, Span, Token

UNITS_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALE_WORDS: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "mn": 1_000_000, "m": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000,
    "k": 1_000, "tn": 1_000_000_000_000, "mln": 1_000_000, "bln": 1_000_000_000,
}  # fmt: skip
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30, "last": -1,
}  # fmt: skip
OTHER_WORDS: dict[str, float] = {
    "a": 1,
    "an": 1,
    "single": 1,
    "dozen": 12,
    "half": 0.5,
    "couple": 2,
    "pair": 2,
}
VAGUE_PLURALS: dict[str, tuple[int, int]] = {
    "dozens": (12, 120), "scores": (20, 200), "hundreds": (100, 1_000), "thousands": (1_000, 10_000),
    "millions": (1_000_000, 10_000_000), "billions": (1_000_000_000, 10_000_000_000),
    "tens": (10, 100),
}  # fmt: skip
NUMBER_WORDS = set(UNITS_WORDS) | set(TENS_WORDS) | {"hundred", "thousand", "million", "billion", "trillion"}

_DIGITS = re.compile(r"^[-+−]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")
_SPLIT = re.compile(r"[\s\-]+")


def parse_digits(text: str) -> float | None:
    """A number in digits ("300,000", "1.5", "-2") or None.

    >>> parse_digits("300,000")
    300000
    """
    text = text.strip().replace("−", "-")
    if not text or not _DIGITS.match(text) or not any(c.isdigit() for c in text):
        return None
    value = float(text.replace(",", ""))
    return int(value) if value.is_integer() and "." not in text else value


def _words_value(words: list[str]) -> float | None:
    """Value of number words ("three hundred and fifty", "1.5 million", "twenty four")."""
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word == "and" and seen:
            continue
        digits = parse_digits(word)
        if digits is not None:
            current += digits
        elif word in UNITS_WORDS:
            current += UNITS_WORDS[word]
        elif word in TENS_WORDS:
            current += TENS_WORDS[word]
        elif word in ("a", "an") and not seen:
            current = 1
        elif word in ("dozen", "couple", "pair"):
            current = (current or 1) * OTHER_WORDS[word]
        elif word == "half" and not seen:
            current = 0.5
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALE_WORDS:
            total += (current or 1) * SCALE_WORDS[word]
            current = 0
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + current


def parse_number(text: str) -> float | tuple[float, float] | None:
    """The value of a number in digits, words or both; a (low, high) range for vague plurals; else None.

    >>> parse_number("1.5 million"), parse_number("twenty-four"), parse_number("a dozen")
    (1500000, 24, 12)
    >>> parse_number("tens of thousands")
    (10000, 100000)
    """
    lowered = text.lower().strip().replace("−", "-")
    if not lowered:
        return None
    digits = parse_digits(lowered)
    if digits is not None:
        return digits
    words = [w for w in _SPLIT.split(lowered) if w]
    vague = _vague_value(words)
    if vague is not None:
        return vague
    value = _words_value(words)
    if value is None:
        return None
    value = float(f"{value:.12g}")  # 2.05 * 10**9 is 2049999999.9999998 in floating point
    return int(value) if float(value).is_integer() else value


def _vague_value(words: list[str]) -> tuple[float, float] | None:
    """ "dozens", "hundreds of thousands", "tens of millions", "several hundred" as (low, high)."""
    words = [w for w in words if w != "of"]
    if not words:
        return None
    if words[:2] == ["a", "few"]:
        words = words[1:]
    if words[0] in ("several", "few") and len(words) == 2 and words[1] in SCALE_WORDS:
        scale = SCALE_WORDS[words[1]]
        return (2 * scale, 10 * scale) if words[0] == "several" else (scale, 10 * scale)
    if words[0] not in VAGUE_PLURALS:
        return None
    low, high = VAGUE_PLURALS[words[0]]
    for word in words[1:]:
        scale = SCALE_WORDS.get(word.rstrip("s")) if word.endswith("s") else SCALE_WORDS.get(word)
        if scale is None:
            return None
        low, high = low * scale, high * scale
    return (low, high)


def is_number_word(word: str) -> bool:
    """True for a word that is part of a number written out ("twenty", "million", "dozen")."""
    w = word.lower()
    return w in NUMBER_WORDS or w in ("dozen",) or w in VAGUE_PLURALS or w in SCALE_WORDS and len(w) > 2


_YEAR_DETERMINERS = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "its",
    "their",
    "his",
    "her",
    "our",
    "'s",
    "’s",
    "these",
    "those",
}
_YEAR_PREPOSITIONS = {
    "in",
    "since",
    "of",
    "by",
    "from",
    "until",
    "through",
    "during",
    "before",
    "after",
    "fiscal",
    "calendar",
    "year",
    "mid",
    "early",
    "late",
    "for",
}
_MEASURE_FOLLOWERS = {
    "%", "percent", "per", "pct", "times", "x", "hp", "mph", "km", "kg", "m", "ft", "feet", "miles", "p", "pence",
    "cents", "points", "yards", "metres", "meters", "tonnes", "tons", "barrels", "people", "troops", "soldiers",
    "sq", "square", "acres", "hectares",
}  # fmt: skip


def is_year_token(token: Token) -> bool:
    """Whether a 4-digit number token is a year ("in 2015", "the 2015 intervention") rather than a count
    ("2015 fighters", "$2015", "2015 percent").

    A year written before a plural noun without a determiner is read as a count: "2015 fighters" counts fighters,
    while "the 2015 elections" and "2015 election" name a year.
    """
    text = token.text
    if not (len(text) == 4 and text.isdigit() and 1000 <= int(text) <= 2200):
        return False
    doc = token.doc
    prev = doc[token.i - 1] if token.i > 0 else None
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if prev is not None and (
        prev.text in ("$", "€", "£", "#", "No.", "no.") or prev.like_num or prev.tag_ == "$"
    ):
        return False
    if nxt is not None:
        if nxt.lower_ in _MEASURE_FOLLOWERS or nxt.like_num:
            return False
        plural_noun = nxt.tag_ in ("NNS", "NNPS") and nxt.lower_ not in ("s", "'s")
        if plural_noun:
            if prev is not None and prev.lower_ in _YEAR_PREPOSITIONS:
                return True
            before = prev.lower_ if prev is not None else ""
            # "the 2015 elections", "its 2018 sales", "Keytruda's 2018 sales" name a year
            return before in _YEAR_DETERMINERS or (
                prev is not None and prev.tag_ in ("DT", "PRP$", "POS", "NNP")
            )
    return True


# ------------------------------------------------------------------ reading numbers in a parsed Doc

NUMBER_TOKENS: set[str] = (
    NUMBER_WORDS | {w for w in SCALE_WORDS if len(w) > 1} | {"dozen", "half", "m", "k", "bn", "mn"}
) - {"a", "an"}
"""Lower-cased tokens that may be part of a number ("twenty", "million", "bn")."""
CURRENCY_SYMBOLS = {"$", "€", "£", "¥", "₹", "US$", "C$", "A$", "HK$", "₽", "₩"}
SCALES = {"hundred", "thousand", "million", "billion", "trillion", "bn", "mn", "m", "k", "tn"}


_GLUED = re.compile(
    r"^(?P<cur>(?:US|A|C|NZ|HK|AU|S)(?=\d)|US\$|\$US|USD|EUR|GBP|JPY|CHF|INR|PS|RM|Rs\.?|HK\$|C\$|A\$|\$A|NZ\$|\$|€|£|¥|Y=)?"
    r"(?P<sign>[+\-~−]|minus-|sub-)?(?P<digits>\d[\d,]*(?:\.\d+)?)(?P<suffix>[a-zA-Z/%″²]+\d?\.?)?$"
)
_GLUED_SCALES = {"bn": 10**9, "b": 10**9, "mn": 10**6, "m": 10**6, "mln": 10**6, "k": 1000, "tn": 10**12}
GLUED_UNITS = {
    "bhp", "hp", "kw", "kwh", "mw", "mwh", "gw", "gwh", "gb", "tb", "mb", "g", "kg", "mg", "lb", "lbs", "min",
    "mins", "km", "cm", "mm", "ml", "l", "pc", "p", "w", "v", "hz", "ghz", "mhz", "mph", "ft", "oz", "sec",
    "hrs", "h", "kph", "m2", "km2", "sq", "mah", "%", "nm", "km/h", "km/hr", "kmh", "mpg", "t", "c", "f", "in",
    "yds", "yd", "ms", "gbps", "mbps", "tb/s",
}  # fmt: skip


_AMBIGUOUS_PREFIXES = {"US", "A", "C", "NZ", "HK", "AU", "S"}
"""Currency prefixes that are also letters of names and codes ("A4", "S10"); "PS2.7m", "RM23.50" are money."""


@dataclasses.dataclass
class Glued:
    """A number written in one token with its currency, sign, scale or unit: "$1.762bn", "640bhp", "+0.2"."""

    value: float
    unit: str | None
    sign: str
    currency: str | None


def read_glued(text: str) -> Glued | None:
    """Read a one-token number such as "640bhp", "USD10", "PS8.1bn", "+0.2", "~45", "5pc"; else None."""
    m = _GLUED.match(text)
    if m is None:
        return None
    suffix = (m["suffix"] or "").rstrip(".")
    value = parse_number(m["digits"])
    if not isinstance(value, (int, float)):
        return None
    unit = None
    if suffix:
        if suffix.lower() in _GLUED_SCALES:
            value = value * _GLUED_SCALES[suffix.lower()]
        elif suffix.lower() in GLUED_UNITS or suffix == "″":
            unit = suffix
        else:
            return None
    if m["sign"] in ("-", "−", "minus-"):
        value = -value
    if isinstance(value, float):
        value = float(f"{value:.12g}")
        if value.is_integer() and ("." not in m["digits"] or suffix):
            value = int(value)
    return Glued(value, unit, m["sign"] or "", m["cur"])


def is_number_token(token: Token) -> bool:
    """A token that can be part of a number: digits, number words, scale words."""
    lower = token.lower_
    if lower in NUMBER_TOKENS or lower in VAGUE_PLURALS:
        return True
    if any(c.isdigit() for c in token.text[:8]) and (glued := read_glued(token.text)) is not None:
        # ("minus-130", "sub-7": the digits may start late)
        if glued.currency in _AMBIGUOUS_PREFIXES:
            # "$" "US55,931,000": the tokenizer split "$US55,931,000"; a bare "A4" is no amount
            return token.i > 0 and token.doc[token.i - 1].text == "$"
        return True
    text = token.text.replace(",", "")
    if len(text) > 1 and text.endswith("-") and is_suspended(token):
        return True
    return bool(text) and text.replace(".", "", 1).isdigit()


def is_suspended(token: Token) -> bool:
    """A number whose hyphen waits for a later noun: the "four-" and "five-" of "four-, five- and six-cylinder
    engines", the "two-" of "two- and three-bedroom flats"."""
    stem = token.text[:-1].lower().replace(",", "")
    if not token.text.endswith("-") or not (stem in UNITS_WORDS or stem in TENS_WORDS or stem.isdigit()):
        return False
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.lower_ in (",", "and", "or", "to")


def _candidate_starts(doc: Doc, text: str) -> list[int]:
    """Indices of the tokens that may start a number, found in the text (visiting every token costs more)."""
    starts: set[int] = set()
    for m in _NUMBER_HINT.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and len(span):
            starts.add(span.start)
    return sorted(starts)


def number_phrases(doc: Doc, text: str | None = None) -> list[tuple[int, int]]:
    """Token ranges [i, j) of numbers: "300,000", "1.5 million", "twenty - four", "tens of thousands".

    `text` is the Doc's text when the caller has it."""
    phrases: list[tuple[int, int]] = []
    n = len(doc)
    for i in _candidate_starts(doc, text if text is not None else doc.text):
        if phrases and i < phrases[-1][1]:
            continue
        token = doc[i]
        fraction = fraction_at(doc, i)
        if fraction is not None:
            phrases.append((i, fraction[0]))
            continue
        starts = is_number_token(token) and token.lower_ not in ("and", "of", "-")
        if (
            token.lower_ in ("a", "an")
            and i + 1 < n
            and doc[i + 1].lower_ in ("dozen", "hundred", "thousand", "million", "billion", "few")
        ):
            starts = True
        if not starts:
            continue
        j = i + 1
        while j < n:
            nxt = doc[j]
            lower = nxt.lower_
            if lower in ("-", "and", "of") and j + 1 < n and is_number_token(doc[j + 1]):
                # "twenty-four", "three hundred and fifty", "tens of thousands" but not "5 and 6"
                joined_words = doc[j - 1].lower_ in NUMBER_TOKENS or doc[j - 1].lower_ in VAGUE_PLURALS
                if lower == "-" and joined_words and doc[j + 1].lower_ in NUMBER_TOKENS:
                    j += 2
                    continue
                if (
                    lower == "of"
                    and doc[j - 1].lower_ in VAGUE_PLURALS
                    and doc[j + 1].lower_ in VAGUE_PLURALS
                ):
                    j += 2
                    continue
                if (
                    lower == "and"
                    and doc[j - 1].lower_ in ("hundred", "thousand")
                    and not doc[j + 1].like_num
                ):
                    j += 2
                    continue
                break
            if lower == "few" or (is_number_token(nxt) and continues_number(doc[j - 1], nxt)):
                j += 1
                continue
            scale_word = lower.rstrip(".") in ("m", "bn", "b", "mn", "k", "tn")
            if scale_word and (money_before(doc, i) or nxt.text in ("M", "B", "Bn", "BN", "K")):
                j += 1  # "$5.4 m.", "USD10 m": a scale after an amount of money
                continue
            break
        phrases.append((i, j))
    return phrases


_NUMBER_HINT = re.compile(
    r"\d|\b(?:an?\s+(?=dozen|hundred|thousand|million|billion|few\b|half\b|third\b|quarter\b|fifth\b|tenth\b))|\b(?:"
    + "|".join(
        sorted(
            (NUMBER_TOKENS | set(VAGUE_PLURALS)) - {"m", "k", "b", "bn", "mn", "tn"}, key=len, reverse=True
        )
    )
    + r")\b",
    re.I,
)
"""Where a number may start: a digit, a number word, "a dozen"."""


FRACTION_WORDS: dict[str, int] = {
    "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10,
}  # fmt: skip
"""Denominators of fractions in words ("two-thirds", "a quarter of")."""
_PER_DENOMINATORS = {2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 20, 25, 50, 100, 1000}
"""Round denominators of "one in three", "3 in 10", "one out of five"."""


def _small_count(token: Token) -> int | None:
    """A small whole number written in one token ("one", "3", "a"), else None."""
    lower = token.lower_
    if lower in ("a", "an"):
        return 1
    if lower in UNITS_WORDS:
        return UNITS_WORDS[lower]
    if lower in TENS_WORDS:
        return TENS_WORDS[lower]
    if lower.isdigit() and len(lower) <= 4:
        return int(lower)
    return None


def fraction_at(doc: Doc, i: int) -> tuple[int, float] | None:
    """A fraction that starts at token i, as (end, value): "two-thirds", "one-third", "a quarter of",
    "three quarters of", "one in three", "3 in 10", "one out of five".

    Written apart ("a third", "three quarters") a fraction needs "of" after it: "a third term" and "the first
    three quarters" are no fractions.
    """
    n = len(doc)
    slashed = _SLASHED_FRACTION.match(doc[i].text)
    if slashed is not None:
        # "1/16 of a pint", "1⁄32 of a quart": a fraction in digits needs "of" (else "7/4" may be a date)
        numerator, denominator = int(slashed[1]), int(slashed[2])
        if i + 1 < n and doc[i + 1].lower_ == "of" and 0 < numerator < denominator:
            return i + 1, numerator / denominator
        return None
    # "half a million", "a half million": half of a scale
    first = 1 if doc[i].lower_ in ("a", "an") and i + 1 < n and doc[i + 1].lower_ == "half" else 0
    if doc[i + first].lower_ == "half" and i + first + 2 < n:
        article = doc[i + first + 1].lower_ in ("a", "an") and not first
        scale = doc[i + first + 1 + article].lower_
        if scale in SCALE_WORDS and len(scale) > 2:
            return i + first + 2 + article, _whole(0.5 * SCALE_WORDS[scale])
    numerator = _small_count(doc[i])
    if numerator is None or i + 1 >= n:
        return None
    j = i + 1
    hyphen = doc[j].text == "-" and not doc[i].whitespace_ and not doc[j].whitespace_
    if hyphen:
        j += 1
    if j < n and doc[j].lower_ in FRACTION_WORDS and numerator > 0:
        if not hyphen and not (j + 1 < n and doc[j + 1].lower_ == "of"):
            return None
        if doc[i].lower_ in ("a", "an") and hyphen:
            return None
        value = numerator / FRACTION_WORDS[doc[j].lower_]
        # "a quarter of a million": the fraction of a scale
        scale = doc[j + 3].lower_ if j + 3 < n else ""
        if scale in SCALE_WORDS and len(scale) > 2 and [t.lower_ for t in doc[j + 1 : j + 3]] in _OF_A:
            return j + 4, _whole(value * SCALE_WORDS[scale])
        return j + 1, value
    if hyphen or doc[i].lower_ in ("a", "an"):
        return None
    # "one in three Germans", "3 in 10 Americans", "one out of five adults"
    if doc[j].lower_ == "in":
        j += 1
    elif doc[j].lower_ == "out" and j + 1 < n and doc[j + 1].lower_ == "of":
        j += 2
    else:
        return None
    denominator = _small_count(doc[j]) if j < n and doc[j].lower_ not in ("a", "an") else None
    if denominator not in _PER_DENOMINATORS or not 0 < numerator < denominator:
        return None
    follower = doc[j + 1] if j + 1 < n else None
    if follower is not None and (
        follower.like_num
        or follower.lower_ in _MEASURE_FOLLOWERS - _PEOPLE
        or follower.lemma_.lower() in _NOT_SHARED
    ):
        return None  # "2 in 5 minutes", "3 in 10 games": a count in a period, no share
    return j + 1, numerator / denominator


def _whole(value: float) -> float | int:
    """A float rounded off its floating-point noise, as an int when it is whole (2.5e5 -> 250000)."""
    value = float(f"{value:.12g}")
    return int(value) if value.is_integer() else value


_SLASHED_FRACTION = re.compile(r"^(\d{1,3})[/⁄](\d{1,4})$")
_PEOPLE = {"people", "troops", "soldiers"}
_OF_A = [["of", "a"], ["of", "one"]]
_NOT_SHARED = {
    "second", "minute", "hour", "day", "night", "week", "month", "year", "season", "game", "match", "start",
    "attempt", "try", "shot", "inning", "round", "race",
}  # fmt: skip


def money_before(doc: Doc, i: int) -> bool:
    """Whether the number starting at token i is an amount of money ("$5.4", "USD10")."""
    glued = read_glued(doc[i].text)
    return (i > 0 and doc[i - 1].text in CURRENCY_SYMBOLS) or (
        glued is not None and glued.currency is not None
    )


def continues_number(prev: Token, token: Token) -> bool:
    """Whether `token` goes on the number that `prev` ends: "1.5 million" yes, "5 6" no."""
    # "m" and "k" alone are also metres and kilo-: they scale only money (see `_money_before`)
    scale = token.lower_ in ("hundred", "thousand", "million", "billion", "trillion", "dozen", "bn", "mn",
                             "thousands", "millions", "billions", "hundreds")  # fmt: skip
    if scale:
        return True
    prev_glued = read_glued(prev.text)
    if token.lower_.rstrip(".") in SCALES and prev_glued is not None and prev_glued.currency:
        return True  # "PS2.7 m.", "USD10 m."
    if prev.like_num and any(c.isdigit() for c in prev.text):
        return False  # two numbers in digits side by side are two quantities
    return token.lower_ in NUMBER_TOKENS and not any(c.isdigit() for c in token.text)


def value_of(tokens: Span) -> float | tuple[float, float] | None:
    """The value of a number phrase found by `number_phrases` ("PS2.7 m." -> 2700000, "two-thirds" -> 0.667)."""
    fraction = fraction_at(tokens.doc, tokens.start)
    if fraction is not None and fraction[0] == tokens.end:
        return fraction[1]
    if len(tokens) == 1 and (glued := read_glued(tokens[0].text)) is not None:
        return glued.value
    if (
        len(tokens) == 2
        and (glued := read_glued(tokens[0].text)) is not None
        and tokens[1].lower_.rstrip(".") in SCALES
    ):
        scale = tokens[1].lower_.rstrip(".")
        value = float(f"{glued.value * _GLUED_SCALES.get(scale, SCALE_WORDS.get(scale, 1)):.12g}")
        return int(value) if value.is_integer() else value
    words = [t.text for t in tokens if t.lower_ not in ("-",)]
    text = " ".join(words)
    return parse_number(text)
