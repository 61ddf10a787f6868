"""Words of time expressions and their TIMEX3 codes: months, weekdays, units, seasons, parts of day, modifiers."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan\.?|feb\.?|mar\.|apr\.?|jun\.|jul\.|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)"
)
WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7,
}  # fmt: skip
WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_RE = r"(?:spring|summer|fall|autumn|winter)"
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI", "tonight": "NI",
    "midday": "MI", "noon": "MI",
}  # fmt: skip
PART_OF_DAY_RE = r"(?:morning|afternoon|evening|night)"

UNIT_CODES: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "fortnight": "W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "weekend": "WE",
}  # fmt: skip
TIME_UNITS = {"second", "minute", "hour"}
UNIT_RE = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies))"
UNIT_IN_MONTHS: dict[str, float] = {
    "week": 0.25,
    "month": 1,
    "quarter": 3,
    "year": 12,
    "decade": 120,
    "century": 1200,
}

MOD_PREFIXES: list[tuple[str, str]] = [
    (r"the (?:very )?(?:end|close) of", "END"),
    (r"the (?:beginning|start|dawn) of", "START"),
    (r"the middle of", "MID"),
    (r"(?:the )?first half of", "START"),
    (r"(?:the )?(?:second|last|latter) half of", "END"),
    (r"early|earlier", "START"),
    (r"late|later", "END"),
    (r"mid-?", "MID"),
    (r"more than|over|longer than", "MORE_THAN"),
    (r"less than|under|fewer than|shorter than|nearly|almost", "LESS_THAN"),
    (r"at least|no less than", "EQUAL_OR_MORE"),
    (r"at most|no more than|up to", "EQUAL_OR_LESS"),
    (r"about|around|some|approximately|roughly|an estimated|circa|nearly", "APPROX"),
]
"""Words before a time expression that TIMEX3 marks as `mod` (the words belong to the expression's span)."""

PRESENT_WORDS = {"now", "currently", "nowadays", "these days", "at present"}
PAST_WORDS = {
    "recently",
    "lately",
    "recent days",
    "recent weeks",
    "recent months",
    "recent years",
    "the recent past",
}
FUTURE_WORDS = {
    "the future",
    "the near future",
    "the coming days",
    "the coming weeks",
    "the coming months",
    "the coming years",
    "the years ahead",
    "the months ahead",
    "the days ahead",
    "the weeks ahead",
}
"""Vague references (TIMEX3 PRESENT_REF, PAST_REF, FUTURE_REF); words that are mostly not times ("former",
"soon", "current") are left out for precision."""
