"""TIMEX3 values: the Timex record, the context rules read, and the date arithmetic that writes values
("2019-W28", "2019-Q3", "P2M") from an anchor date."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from newsclaims.extract.numbers import parse_number
from newsclaims.extract.timex_lexicon import (
    TIME_UNITS,
    UNIT_CODES,
)


@dataclasses.dataclass
class Timex:
    """A found time expression: character span in the text and its TIMEX3 attributes."""

    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None


@dataclasses.dataclass
class Context:
    """What a rule may consult: the text, the anchor date, and callbacks into the parsed Doc."""

    text: str
    anchor: dt.date | None
    tense: Callable[[int, int], str | None] = lambda start, end: None
    """"PAST", "FUTURE" or None for the clause that the characters [start, end) sit in."""
    is_year: Callable[[int, int], bool] = lambda start, end: True
    """Whether the number at [start, end) is a year rather than a count."""
    last_quarter: str | None = None
    """The last quarter mentioned ("1989-Q3"): "a year earlier" in an earnings report means that quarter."""


Rule = tuple[re.Pattern[str], Callable[[re.Match[str], Context], Timex | None]]

# ---------------------------------------------------------------------------------------------- date helpers


def iso_day(d: dt.date) -> str:
    """A date as TIMEX3 writes it: 2019-07-18."""
    return d.isoformat()


def iso_month(year: int, month: int) -> str:
    """A month as TIMEX3 writes it: 2019-07."""
    return f"{year:04d}-{month:02d}"


def iso_week(d: dt.date) -> str:
    """The ISO week of a date as TIMEX3 writes it: 2019-W29."""
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def quarter_of(d: dt.date) -> int:
    """The quarter (1-4) a date falls in."""
    return (d.month - 1) // 3 + 1


def add_months(d: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after (or before) the month of `d`."""
    index = d.year * 12 + d.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def shift(anchor: dt.date, n: float, unit: str) -> str | None:
    """The anchor moved by n units (negative: back), written at that unit's granularity."""
    if unit in ("day", "night"):
        return iso_day(anchor + dt.timedelta(days=round(n)))
    if unit == "week":
        return iso_week(anchor + dt.timedelta(weeks=n))
    if unit == "fortnight":
        return iso_week(anchor + dt.timedelta(weeks=2 * n))
    if unit == "month":
        moved = add_months(anchor, round(n))
        return iso_month(moved.year, moved.month)
    if unit == "quarter":
        moved = add_months(anchor, round(3 * n))
        return f"{moved.year:04d}-Q{quarter_of(moved)}"
    if unit == "year":
        return f"{anchor.year + round(n):04d}"
    if unit == "decade":
        return f"{(anchor.year + round(10 * n)) // 10:03d}"
    if unit == "century":
        return f"{(anchor.year + round(100 * n)) // 100:02d}"
    return None


def unit_name(word: str) -> str:
    """'years' -> 'year', 'centuries' -> 'century'."""
    word = word.lower()
    if word == "centuries":
        return "century"
    return word[:-1] if word.endswith("s") else word


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: P2Y, PT5H, P1.5Y, PXM (unknown count)."""
    code = UNIT_CODES[unit]
    if unit == "fortnight":
        n, code = (n * 2 if n is not None else None), "W"
    # TimeBank writes decades, centuries and quarters in years and months: P20Y, P100Y, P9M
    elif unit == "decade" and n is not None:
        n, code = n * 10, "Y"
    elif unit == "century" and n is not None:
        n, code = n * 100, "Y"
    elif unit == "quarter" and n is not None:
        n, code = n * 3, "M"
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    return f"PT{amount}{code}" if unit in TIME_UNITS else f"P{amount}{code}"


def direction(ctx: Context, start: int, end: int) -> int:
    """-1 for the past, +1 for the future, by the tense of the clause (news mostly reports the past)."""
    return 1 if ctx.tense(start, end) == "FUTURE" else -1


_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
NUM_RE = (
    rf"(?:\d+(?:\.\d+)?|{_TENS}(?:[\s-]{_ONES})?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a|an|several|a\s+few|few|some|many"
    r"|a\s+couple\s+of|couple\s+of)(?:\s+and\s+a\s+half)?"
)


def count_of(text: str) -> float | None:
    """The number in "two", "24", "a", "twenty four"; None for vague "several", "a few"."""
    text = re.sub(r"\s+", " ", text.lower()).strip()
    if text in ("several", "a few", "few", "some", "many"):
        return None
    if text in ("a couple of", "couple of"):
        return 2
    half = text.endswith("and a half")
    if half:
        text = text.removesuffix("and a half").strip()
    value = parse_number(text)
    if not isinstance(value, (int, float)):
        return None
    return value + 0.5 if half else value
