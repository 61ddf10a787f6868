"""Publication dates in the forms news pages print them."""

from __future__ import annotations

import re
from datetime import datetime

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_LINE = re.compile(
    rf"^\W*(?:(?:published|updated|posted|date)\s*:?\s*)?(?:[a-z]+day,?\s+)?"
    rf"(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}|"
    rf"(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}})"
    rf"(?:[\s,T|–-]+.*)?$",
    re.I,
)


def parse_date(text: str) -> str | None:
    """An ISO date from a date line or value, or None when it is not one.

    >>> parse_date("July 18, 2019")
    '2019-07-18'
    >>> parse_date("Thursday, 18 July 2019 10:02 GMT")
    '2019-07-18'
    >>> parse_date("2019-07-18T10:02:00+00:00")
    '2019-07-18'
    >>> parse_date("Russia has sent special forces") is None
    True
    """
    text = text.strip()
    if not text or len(text) > 80 or not _DATE_LINE.match(text):
        return None
    from dateutil import parser

    cleaned = re.sub(r"^\W*(published|updated|posted|date)\s*:?\s*", "", text, flags=re.I)
    cleaned = re.sub(r"\s*[|–]\s*.*$", "", cleaned)
    try:
        when: datetime = parser.parse(cleaned, fuzzy=True, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    return when.date().isoformat() if when.year > 1900 else None
