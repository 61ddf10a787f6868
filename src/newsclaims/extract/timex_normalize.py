"""Normalisers of time expressions: one function per kind of expression (`(match, context) -> Timex | None`)
that turns a pattern's match into TIMEX3 type, value and mod, or returns None when the match is no time
(a verb "may", a count "2015 fighters"). The patterns that call them are in `timex_rules`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from newsclaims.extract.numbers import ORDINAL_WORDS
from newsclaims.extract.timex_lexicon import (
    FUTURE_WORDS,
    MONTHS,
    PARTS_OF_DAY,
    PRESENT_WORDS,
    SEASONS,
    TIME_UNITS,
    WEEKDAYS,
)
from newsclaims.extract.timex_values import (
    Context,
    Timex,
    add_months,
    count_of,
    direction,
    duration_value,
    iso_day,
    iso_month,
    iso_week,
    quarter_of,
    shift,
    unit_name,
)


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _guess_year(ctx: Context, month: int, day: int | None, start: int, end: int) -> int | None:
    """The year of a month (and day) written without one: the nearest such date to the anchor; the tense
    decides only when the date is far (more than a few months) from it."""
    if ctx.anchor is None:
        return None
    a = ctx.anchor

    def distance(year: int) -> int:
        if day is None:
            return (year - a.year) * 12 + month - a.month
        try:
            return (dt.date(year, month, day) - a).days // 30
        except ValueError:
            return 99

    years = sorted((a.year - 1, a.year, a.year + 1), key=lambda y: abs(distance(y)))
    nearest = years[0]
    direction = ctx.tense(start, end)
    if abs(distance(nearest)) <= 2:
        return nearest
    if direction == "FUTURE":
        return next(y for y in sorted(years) if distance(y) >= 0)
    if direction == "PAST":
        return next(y for y in sorted(years, reverse=True) if distance(y) <= 0)
    return nearest


def normalize_month_day(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "July 18", "18 July 2019", "Aug. 7, 1998": a day; the year from the anchor when not written."""
    month = _month_number(m["mon"])
    day = int(m["d"])
    try:  # "Feb. 30" is no date (2000 is a leap year: "Feb. 29" passes without a year)
        dt.date(int(m["y"]) if m["y"] else 2000, month, day)
    except ValueError:
        return None
    if m["mon"].lower() in ("may", "march") and not m["mon"][0].isupper():
        return None
    year = int(m["y"]) if m["y"] else _guess_year(ctx, month, day, m.start(), m.end())
    value = f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"
    return Timex(m.start(), m.end(), "DATE", value)


_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|from|through|to|before|after|during|last|next|this|early|late|mid|end|"
    r"beginning|start|between|and|or|each|every|that)\s+|mid-|[,(]\s*)$",
    re.I,
)


def normalize_month_year(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "July 2019", "last March", "in May": a month ("May" the verb is left out)."""
    word = m["mon"]
    if not word[0].isupper():
        return None
    month = _month_number(word)
    if m["y"]:
        return Timex(m.start(), m.end(), "DATE", iso_month(int(m["y"]), month))
    # A bare "May" or "March" is a month only where a month fits ("in May", "last March").
    before = ctx.text[max(0, m.start() - 20) : m.start()]
    if len(word) <= 4 and not word.endswith(".") and word.lower() not in ("may", "june", "july"):
        return None  # "Jan", "Dec" without a day or year are names more often than months
    ambiguous = word.lower().rstrip(".") in ("may", "march")
    if ambiguous and not m["rel"] and not _MONTH_CONTEXT.search(before):
        return None
    rel = (m["rel"] or "").lower()
    if rel and ctx.anchor is not None:
        a = ctx.anchor
        if rel == "last":
            year = a.year if month < a.month else a.year - 1
        elif rel == "next":
            year = a.year if month > a.month else a.year + 1
        else:
            year = a.year
        return Timex(m.start(), m.end(), "DATE", iso_month(year, month))
    year = _guess_year(ctx, month, None, m.start(), m.end())
    return Timex(m.start(), m.end(), "DATE", iso_month(year, month) if year else f"XXXX-{month:02d}")


def normalize_iso(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "2019-07-18"."""
    try:
        d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return Timex(m.start(), m.end(), "DATE", iso_day(d))


def normalize_numeric_date(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "7/18/2019", "7/18/19" (month first, as in US news)."""
    year = int(m["y"])
    if year < 100:
        year += 1900 if year > 30 else 2000
    try:
        d = dt.date(year, int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return Timex(m.start(), m.end(), "DATE", iso_day(d))


def normalize_year(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "2015", "fiscal 1989", "the 1988 quarter"; None for a count ("2015 fighters")."""
    start, end = m.start("y"), m.end("y")
    if m.groupdict().get("period") and ctx.last_quarter:
        # "the 1988 quarter", "the 1989 period" in an earnings report: that year's quarter under discussion
        return Timex(m.start(), m.end(), "DATE", f"{m['y']}-{ctx.last_quarter.split('-')[1]}")
    if not ctx.is_year(start, end):
        return None
    return Timex(m.start(), m.end(), "DATE", m["y"])


_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
    "nineties": 9,
}  # fmt: skip


def normalize_decade(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "the 1990s", "the '90s", "the nineties" -> 199."""
    if m["c"]:
        value = f"{m['c']}{m['dd']}"
    else:
        digit = int(m["sd"]) if m["sd"] else _DECADE_WORDS[m["word"].lower()]
        century = 19 if digit > 2 or ctx.anchor is None else ctx.anchor.year // 100
        value = f"{century}{digit}"
    return Timex(m.start(), m.end(), "DATE", value)


def normalize_century(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "the 20th century" -> 19."""
    n = int(m["n"]) if m["n"] else ORDINAL_WORDS.get(m["ord"].lower())
    if not n or n < 1:
        return None
    return Timex(m.start(), m.end(), "DATE", f"{n - 1:02d}")


_QUARTER_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def normalize_year_of(m: re.Match[str], ctx: Context) -> int | None:
    """The explicit or relative year after a quarter or half ("of 1989", "of last year")."""
    groups = m.groupdict()
    if groups.get("y") or groups.get("y0"):
        return int(groups.get("y") or groups["y0"])
    if ctx.anchor is None:
        return None
    rel = re.sub(r"\s+", " ", groups.get("yrel") or groups.get("yrel0") or "").lower()
    return ctx.anchor.year + {"last": -1, "next": 1}.get(rel.split(" ")[0], 0) if rel else ctx.anchor.year


def normalize_quarter(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "the third quarter", "Q3 2019", "the 1988 second quarter" -> 2019-Q3."""
    q = _QUARTER_ORD[m["ord"].lower()] if m["ord"] else int(m["qn"])
    year = normalize_year_of(m, ctx)
    if year is None:
        return Timex(m.start(), m.end(), "DATE", f"XXXX-Q{q}")
    explicit = any(m.groupdict().get(k) for k in ("y", "yrel", "y0", "yrel0"))
    if not explicit and ctx.anchor is not None:
        current = quarter_of(ctx.anchor)
        if q > current and direction(ctx, m.start(), m.end()) < 0:
            year -= 1
    value = f"{year:04d}-Q{q}"
    ctx.last_quarter = value
    return Timex(m.start(), m.end(), "DATE", value)


def normalize_half(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "the first half of 1989" -> 1989-H1."""
    h = 1 if m["ord"].lower() == "first" else 2
    year = normalize_year_of(m, ctx)
    return Timex(m.start(), m.end(), "DATE", f"{year:04d}-H{h}" if year else f"XXXX-H{h}")


def normalize_relative_quarter(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "the quarter", "the latest quarter", "the year-ago quarter": the last completed quarter (earnings news)."""
    if ctx.anchor is None:
        return Timex(m.start(), m.end(), "DATE", "XXXX-QX")
    which = (m["which"] or "").lower()
    current = add_months(ctx.anchor, -3)
    if which in ("current", "this"):
        current = ctx.anchor
    elif which == "next" or which == "coming":
        current = add_months(ctx.anchor, 3)
    value = f"{current.year:04d}-Q{quarter_of(current)}"
    if which in ("year-ago", "year-earlier", "year ago", "year earlier", "comparable", "same"):
        value = f"{current.year - 1:04d}-Q{quarter_of(current)}"
    else:
        ctx.last_quarter = value
    return Timex(m.start(), m.end(), "DATE", value)


def normalize_season(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "last summer", "the fall of 2017" -> 2017-FA ("prices fall" is no season)."""
    season = SEASONS[m["season"].lower()]
    rel = (m["rel"] or "").lower()
    before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
    if not (m["y"] or rel or re.search(r"\b(?:in|the|during|since|until|by|early|late|mid)\s+$", before)):
        return None
    if m["season"].lower() == "fall" and not (m["y"] or rel or before.endswith("the ")):
        return None
    if m["y"]:
        year: int | None = int(m["y"])
    elif ctx.anchor is None:
        year = None
    else:
        year = ctx.anchor.year + {"last": -1, "next": 1, "coming": 1, "past": -1}.get(rel, 0)
    return Timex(m.start(), m.end(), "DATE", f"{year:04d}-{season}" if year else f"XXXX-{season}")


def normalize_named_day(m: re.Match[str], ctx: Context) -> Timex | None:
    """today, yesterday, tomorrow, tonight, this morning, last night ..."""
    word = re.sub(r"\s+", " ", m["w"].lower())
    pod = (m["pod"] or "").lower()
    if word in ("this", "last") and not pod:
        return None
    if ctx.anchor is None:
        return Timex(m.start(), m.end(), "DATE", "PRESENT_REF" if word in ("today", "tonight") else None)
    offset = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(word, 0)
    if word == "the day before yesterday":
        offset = -2
    elif word == "the day after tomorrow":
        offset = 2
    value = iso_day(ctx.anchor + dt.timedelta(days=offset))
    if word == "tonight":
        return Timex(m.start(), m.end(), "DATE", value)
    if pod:
        return Timex(m.start(), m.end(), "TIME", f"{value}T{PARTS_OF_DAY[pod]}")
    return Timex(m.start(), m.end(), "DATE", value)


def normalize_weekday(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "Tuesday", "last Friday", "Thursday morning": the day the tense points to."""
    if not m["wd"][0].isupper():
        return None
    wd = WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    if ctx.anchor is None:
        return Timex(m.start(), m.end(), "DATE", f"XXXX-WXX-{wd}")
    a = ctx.anchor
    delta = wd - a.isoweekday()
    if rel in ("next", "coming"):
        days = delta if delta > 0 else delta + 7
    elif rel in ("last", "past"):
        days = delta if delta < 0 else delta - 7
    elif rel == "this":
        days = delta
    elif ctx.tense(m.start(), m.end()) == "FUTURE":
        days = delta if delta >= 0 else delta + 7
    elif ctx.tense(m.start(), m.end()) == "PAST":
        # A dateline is often the evening before the paper's date: "said Thursday" in Wednesday's copy.
        days = delta if delta <= 1 else delta - 7
    else:  # present tense or none: the nearest such day ("Tuesday's meeting")
        days = delta if -3 <= delta <= 3 else (delta - 7 if delta > 3 else delta + 7)
    # "Thursday morning": TimeBank gives the day (DATE); the part of day is too vague to add
    return Timex(m.start(), m.end(), "DATE", iso_day(a + dt.timedelta(days=days)))


def normalize_relative_period(m: re.Match[str], ctx: Context) -> Timex | None:
    """last week, this year, next month, the past year (a duration), the weekend."""
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    if (
        rel.startswith("the ")
        and rel not in ("the current", "the previous", "the following", "the past", "the last")
        and unit != "weekend"
    ):
        return Timex(m.start(), m.end(), "DURATION", duration_value(1, unit))
    if ctx.anchor is None:
        ref = {"last": "PAST_REF", "previous": "PAST_REF", "past": "PAST_REF", "next": "FUTURE_REF"}
        return Timex(m.start(), m.end(), "DATE", ref.get(rel.split()[-1], "PRESENT_REF"))
    n = {
        "the past": -1,
        "the last": -1,
        "last": -1,
        "past": -1,
        "previous": -1,
        "the previous": -1,
        "next": 1,
        "coming": 1,
        "following": 1,
    }.get(rel, 0)
    if unit == "weekend":
        base = ctx.anchor + dt.timedelta(weeks=n)
        if n == 0 and rel not in ("this", "the current") and direction(ctx, m.start(), m.end()) < 0:
            base = ctx.anchor - dt.timedelta(days=ctx.anchor.isoweekday() % 7 or 7)
        return Timex(m.start(), m.end(), "DATE", f"{iso_week(base)}-WE")
    return Timex(m.start(), m.end(), "DATE", shift(ctx.anchor, n, unit))


def normalize_ago(m: re.Match[str], ctx: Context) -> Timex | None:
    """two months ago, a year earlier, three days later."""
    n = count_of(m["n"])
    unit = unit_name(m["unit"])
    word = re.sub(r"\s+", " ", m["dir"].lower())
    if word == "later":  # "three days later" counts from an event of the story, not from today
        return Timex(m.start(), m.end(), "DURATION", duration_value(n, unit))
    direction = 1 if word in ("after", "from now", "hence", "from today") else -1
    if n is None or ctx.anchor is None or unit in TIME_UNITS or unit == "weekend":
        return Timex(m.start(), m.end(), "DATE", "FUTURE_REF" if direction > 0 else "PAST_REF")
    if unit == "year" and n == 1 and ctx.last_quarter and m["dir"].lower() in ("ago", "earlier", "before"):
        year, q = ctx.last_quarter.split("-")
        if year.isdigit():
            return Timex(m.start(), m.end(), "DATE", f"{int(year) - 1:04d}-{q}")
    return Timex(m.start(), m.end(), "DATE", shift(ctx.anchor, direction * n, unit))


def normalize_year_ago_adjective(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "year-earlier", "year-ago" before a noun: the same period a year before."""
    if ctx.anchor is None:
        return Timex(m.start(), m.end(), "DATE", "PAST_REF")
    if ctx.last_quarter and ctx.last_quarter[:4].isdigit():
        return Timex(m.start(), m.end(), "DATE", f"{int(ctx.last_quarter[:4]) - 1:04d}{ctx.last_quarter[4:]}")
    return Timex(m.start(), m.end(), "DATE", f"{ctx.anchor.year - 1:04d}")


def normalize_duration_rule(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "three years", "a two-year", "the past 20 years", "the first nine months"."""
    unit = unit_name(m["unit"])
    if unit == "weekend":
        return None
    n = count_of(m["n"])
    number = m["n"].strip().lower()
    if number in ("a", "an") and m["unit"].lower().endswith("s"):
        return None
    # "1988 second quarter", "2,000 days": a year or a large count before a unit is not a duration
    if re.fullmatch(r"\d{4}", number) and (n is None or n >= 1000):
        return None
    # "three-quarters" is a fraction
    if (
        unit == "quarter"
        and ctx.text[m.end("n") : m.start("unit")] == "-"
        and m["unit"].lower().endswith("s")
    ):
        return None
    return Timex(m.start(), m.end(), "DURATION", duration_value(n, unit))


def normalize_vague_plural(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "years", "several months", "the past few weeks": durations of unknown length; "recent years": the past."""
    if re.match(r"(?i)recent\s+(?:years|days)", m[0]):
        return Timex(m.start(), m.end(), "DATE", "PAST_REF")
    if re.match(r"(?i)(?:the\s+)?coming\s", m[0]):
        return Timex(m.start(), m.end(), "DATE", "FUTURE_REF")  # "in the coming weeks"
    return Timex(m.start(), m.end(), "DURATION", duration_value(None, unit_name(m["unit"])))


def normalize_reference(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "now", "recently", "the future": PRESENT_REF, PAST_REF, FUTURE_REF."""
    words = re.sub(r"\s+", " ", m[0].lower())
    if words in PRESENT_WORDS:
        value = "PRESENT_REF"
    elif words in FUTURE_WORDS:
        value = "FUTURE_REF"
    else:
        value = "PAST_REF"
    return Timex(m.start(), m.end(), "DATE", value)


_SET_UNITS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
              "hourly": "PT1H", "nightly": "P1D"}  # fmt: skip


def normalize_set_adverb(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "daily", "weekly", "annually": SET P1D, P1W, P1Y."""
    return Timex(m.start(), m.end(), "SET", _SET_UNITS[m[0].lower()])


def normalize_set_every(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "every day", "each year", "every Monday", "every quarter"."""
    n = count_of(m["n"]) if m["n"] else 1
    unit = unit_name(m["unit"])
    if unit == "weekend":
        return Timex(m.start(), m.end(), "SET", "XXXX-WXX-WE")
    if m["wd"]:
        return Timex(m.start(), m.end(), "SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()]}")
    if unit == "quarter":  # a set keeps the calendar unit: "every quarter" -> P1Q
        return Timex(m.start(), m.end(), "SET", f"P{int(n or 1)}Q")
    return Timex(m.start(), m.end(), "SET", duration_value(n, unit))


def normalize_set_per(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "a year" in "$5 a year", "per day": a rate, only after a number or "times"."""
    before = ctx.text[max(0, m.start() - 30) : m.start()].lower()
    if not re.search(r"(\d|%|\btimes\b|\btwice\b|\bonce\b|\bthrice\b|\bpercent\b)", before):
        return None
    return Timex(m.start(), m.end(), "SET", duration_value(1, unit_name(m["unit"])))


def normalize_clock(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "3 p.m.", "10:35 a.m.", "10.45pm", "at 3:20" (a bare "3:20" may be a score)."""
    hour = int(m["h"])
    minute = int(m["mi"]) if m["mi"] else 0
    ampm = (m["ap"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if not ampm and (not m["mi"] or m["sep"] == "."):
        return None  # "10.45pm" is a time, "10.45" a number
    if hour > 23:
        return None
    # "3:20" without a.m./p.m. is also a score or a ratio: only with "at" before it.
    if not ampm and not re.search(
        r"\b(?:at|by|until|from|before|after|since|around)\s+$",
        ctx.text[max(0, m.start() - 8) : m.start()],
        re.I,
    ):
        return None
    day = iso_day(ctx.anchor) if ctx.anchor else "XXXX-XX-XX"
    return Timex(m.start(), m.end(), "TIME", f"{day}T{hour:02d}:{minute:02d}")


def normalize_noon(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "noon", "midnight"."""
    day = iso_day(ctx.anchor) if ctx.anchor else "XXXX-XX-XX"
    return Timex(m.start(), m.end(), "TIME", f"{day}T{'12:00' if m[0].lower() == 'noon' else '24:00'}")


_SPOKEN_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_SPOKEN_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                 "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
_SPOKEN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                "ninety": 90}  # fmt: skip


def normalize_spoken_year(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "nineteen ninety-six", "the year two thousand" (transcribed broadcast news)."""
    if m["thousand"]:
        year = 2000 + (_SPOKEN_UNITS.get((m["tail"] or "").lower(), 0))
    else:
        century = _SPOKEN_TEENS[m["cent"].lower()] * 100
        rest = _SPOKEN_TENS.get(m["tens"].lower(), 0) + _SPOKEN_UNITS.get((m["ones"] or "").lower(), 0)
        if m["tens"].lower() in _SPOKEN_TEENS:
            rest = _SPOKEN_TEENS[m["tens"].lower()]
        year = century + rest
    return Timex(m.start(), m.end(), "DATE", f"{year:04d}")


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))


_HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas": lambda y: dt.date(y, 12, 25),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "new year's day": lambda y: dt.date(y, 1, 1),
    "independence day": lambda y: dt.date(y, 7, 4),
    "the fourth of july": lambda y: dt.date(y, 7, 4),
    "halloween": lambda y: dt.date(y, 10, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 4, 4),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 4, 4),
    "election day": lambda y: _nth_weekday(y, 11, 1, 1) + dt.timedelta(days=1),
    "labor day": lambda y: _nth_weekday(y, 9, 1, 1),
    "memorial day": lambda y: _nth_weekday(y, 6, 1, 1) - dt.timedelta(days=7),
}


def normalize_holiday(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "Christmas Day", "Thanksgiving", "Election Day", "last Christmas"."""
    name = re.sub(r"\s+", " ", m["name"].lower()).replace("’", "'")
    rel = (m["rel"] or "").lower()
    if m["y"]:
        year: int | None = int(m["y"])
    elif ctx.anchor is None:
        year = None
    else:
        year = ctx.anchor.year + {"last": -1, "next": 1}.get(rel, 0)
        if not rel:  # the nearest one in the tense's direction
            this_year = _HOLIDAYS[name](year)
            if direction(ctx, m.start(), m.end()) < 0 and this_year > ctx.anchor:
                year -= 1
            elif direction(ctx, m.start(), m.end()) > 0 and this_year < ctx.anchor:
                year += 1
    if year is None:
        return Timex(m.start(), m.end(), "DATE", None)
    return Timex(m.start(), m.end(), "DATE", iso_day(_HOLIDAYS[name](year)))


def normalize_the_year(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "the full year", "the current year": this year; "the year", "the fiscal year": a year's length."""
    which = (m["which"] or "").lower()
    if which in ("full", "current"):
        return Timex(m.start(), m.end(), "DATE", f"{ctx.anchor.year:04d}" if ctx.anchor else "PRESENT_REF")
    return Timex(m.start(), m.end(), "DURATION", "P1Y")


def normalize_period_edge(m: re.Match[str], ctx: Context) -> Timex | None:
    """ "the end of the year", "the beginning of the month": the current period with mod END/START."""
    unit = m["unit"].lower()
    mod = {"end": "END", "close": "END", "beginning": "START", "start": "START", "middle": "MID"}[
        m["edge"].lower()
    ]
    value = shift(ctx.anchor, 0, unit) if ctx.anchor else None
    return Timex(m.start(), m.end(), "DATE", value, mod)
