"""Times: TIMEX3 expressions (type, value, mod) normalised against the article's publication date.

The rules live in `timex_rules` (patterns over the text, HeidelTime-style); this module gives them what only
the parsed Doc knows: the tense of the clause around an expression (which Friday is meant) and whether a
4-digit number is a year or a count ("in 2015" vs "2015 fighters").

>>> from newsclaims.pipeline import analyze
>>> [t.value for t in analyze("Rebels said last week they left.", published="2019-07-18").times]
['2019-W28']
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from newsclaims.analysis import Analysis, Time
from newsclaims.extract import doc_text, extractor
from newsclaims.extract.numbers import is_year_token
from newsclaims.extract.timex_rules import Context, Timex, find_timexes

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "’ll"}


def parse_anchor(published: str | None) -> dt.date | None:
    """The date of an ISO date or datetime ("2019-07-18", "2019-07-18T10:00Z", "20190718") or of a date
    written out ("July 18, 2019", "18 July 2019"); None when absent or not a full date.

    >>> parse_anchor("2019-07-18T10:00:00Z"), parse_anchor("Thursday, July 18, 2019")
    (datetime.date(2019, 7, 18), datetime.date(2019, 7, 18))
    """
    if not published:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published.strip())
    if m is None:
        m = re.match(r"(\d{4})(\d{2})(\d{2})\b", published.strip())
    if m is None:
        written = [t.value for t in find_timexes(Context(text=published, anchor=None)) if t.value]
        m = next((re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v) for v in written if v[:1].isdigit()), None)
    if m is None:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def clause_tense(doc: Doc, start: int, end: int) -> str | None:
    """ "PAST" or "FUTURE" for the verb that governs the characters [start, end), else None.

    "will meet on Friday" -> FUTURE; "met on Friday" -> PAST; "is to meet on Friday" -> FUTURE.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            break
        if token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    aux = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in _FUTURE_AUX for c in aux):
        return "FUTURE"
    if token.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" for c in aux):
        return "PAST"
    # "is going to meet", "is due to", "is scheduled to", "plans to": the event lies ahead.
    head = token.head
    if token.dep_ == "xcomp" and head.lemma_ in (
        "go",
        "plan",
        "expect",
        "schedule",
        "due",
        "be",
        "set",
        "hope",
    ):
        return "FUTURE" if head.tag_ not in ("VBD",) else "PAST"
    if token.tag_ in ("VBP", "VBZ", "VBG"):
        return None
    return None


def _is_year(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1 or not span[0].text.isdigit():
        return True  # "mid-1996", "post-1959": a year inside a hyphenated word
    return is_year_token(span[0])


def timexes(doc: Doc, published: str | None, text: str | None = None) -> list[Timex]:
    """The TIMEX3 expressions of a parsed Doc, anchored on `published` (ISO date or None)."""
    ctx = Context(
        text=doc_text(doc, text),
        anchor=parse_anchor(published),
        tense=lambda start, end: clause_tense(doc, start, end),
        is_year=lambda start, end: _is_year(doc, start, end),
    )
    return find_timexes(ctx)


@extractor("times")
def extract_times(doc: Doc, analysis: Analysis) -> list[Time]:
    """Time expressions with TIMEX3 type, value and mod; relative ones anchored on `article.published`.

    Without a publication date, values that need one stay open: "July 18" -> `XXXX-07-18`, "last week" ->
    `PAST_REF`.
    """
    text = doc_text(doc, analysis.article.text)
    return [
        Time(span=(t.start, t.end), type=t.type, value=t.value, mod=t.mod, text=text[t.start : t.end])
        for t in timexes(doc, analysis.article.published, text)
    ]
