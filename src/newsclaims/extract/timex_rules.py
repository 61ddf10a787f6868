"""HeidelTime-style rules: regular expressions that find time expressions, each paired with the normaliser
(in `timex_normalize`) that turns its match into a TIMEX3 (type, value, mod) anchored on the article's date.

`find_timexes` runs all rules over a text in text order, keeps the longest of overlapping matches, adds the
modifier words before them ("the end of", "more than") and joins a clock time with its day ("noon Thursday").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from newsclaims.extract.timex_lexicon import (
    FUTURE_WORDS,
    MOD_PREFIXES,
    MONTH_RE,
    PART_OF_DAY_RE,
    PAST_WORDS,
    PRESENT_WORDS,
    SEASON_RE,
    UNIT_RE,
    WEEKDAY_RE,
)
from newsclaims.extract.timex_normalize import (
    normalize_ago,
    normalize_century,
    normalize_clock,
    normalize_decade,
    normalize_duration_rule,
    normalize_half,
    normalize_holiday,
    normalize_iso,
    normalize_month_day,
    normalize_month_year,
    normalize_named_day,
    normalize_noon,
    normalize_numeric_date,
    normalize_period_edge,
    normalize_quarter,
    normalize_reference,
    normalize_relative_period,
    normalize_relative_quarter,
    normalize_season,
    normalize_set_adverb,
    normalize_set_every,
    normalize_set_per,
    normalize_spoken_year,
    normalize_the_year,
    normalize_vague_plural,
    normalize_weekday,
    normalize_year,
    normalize_year_ago_adjective,
)
from newsclaims.extract.timex_values import (
    NUM_RE,
    Context,
    Rule,
    Timex,
    count_of,
    duration_value,
    unit_name,
)

# ----------------------------------------------------------------------------------------------- the rules

_D = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_Y = r"(?P<y>1[0-9]\d\d|20\d\d)"
_YEAR_REL = r"(?:\s+(?:of\s+)?(?:(?P<y>1[5-9]\d\d|20\d\d)|(?P<yrel>last\s+year|this\s+year|next\s+year)))?"
_NUM_DIR = r"(?P<dir>ago|earlier|later|from\s+now|from\s+today|hence)"

RULES: list[Rule] = [
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), normalize_iso),
    (re.compile(r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d{2})\b"), normalize_numeric_date),
    (re.compile(rf"\b(?P<mon>{MONTH_RE})\s+{_D}\b(?:,?\s+{_Y}\b)?(?!\s*(?:%|percent|-))", re.I), normalize_month_day),
    (re.compile(rf"\b{_D}\s+(?:of\s+)?(?P<mon>{MONTH_RE})(?:,?\s+{_Y})?\b", re.I), normalize_month_day),
    (re.compile(rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<mon>{MONTH_RE})(?:,?\s+(?:of\s+)?{_Y})?(?![\w-])", re.I),
     normalize_month_year),
    (re.compile(rf"\b(?:(?:fiscal|calendar|(?:the\s+)?(?:fiscal\s+)?year)\s+)?{_Y}\b(?![-–]\d|,\d|\.\d)(?:\s+(?P<period>quarter|period)\b)?", re.I),
     normalize_year),
    (re.compile(r"\b(?:the\s+)?(?:(?P<c>1[5-9]|20)(?P<dd>\d)0s|'(?P<sd>\d)0s|(?P<word>twenties|thirties|forties|"
                r"fifties|sixties|seventies|eighties|nineties))\b", re.I), normalize_decade),
    (re.compile(r"\b(?:the\s+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<ord>first|second|third|fourth|fifth|sixth|"
                r"seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
                r"seventeenth|eighteenth|nineteenth|twentieth))[\s-]+century\b", re.I), normalize_century),
    (re.compile(rf"\b(?:the\s+)?(?:(?P<y0>1[5-9]\d\d|20\d\d)\s+|(?P<yrel0>this|last|next)\s+year['’]s\s+)?"
                rf"(?:fiscal\s+)?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter"
                rf"|q(?P<qn>[1-4]))\b{_YEAR_REL}", re.I), normalize_quarter),
    (re.compile(rf"\b(?:the\s+)?(?P<ord>first|second|last|latter)[\s-]+half\b{_YEAR_REL}", re.I), normalize_half),
    (re.compile(r"\b(?:the|this|last|next)\s+(?:(?P<which>latest|current|last|previous|past|same|year-ago|year-earlier|"
                r"comparable|recent|just-ended|coming|next|this|fiscal)\s+)?(?:fiscal\s+)?(?:quarter|(?<=latest )period)\b",
                re.I),
     normalize_relative_quarter),
    (re.compile(rf"\b(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<season>{SEASON_RE})(?:\s+(?:of\s+)?{_Y})?\b",
                re.I), normalize_season),
    (re.compile(rf"\b(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|"
                rf"tonight|this|last)(?:\s+(?P<pod>{PART_OF_DAY_RE}))?\b", re.I), normalize_named_day),
    (re.compile(rf"\b(?:(?P<rel>last|next|this|coming|past)\s+)?(?P<wd>{WEEKDAY_RE})(?:\s+(?P<pod>"
                rf"{PART_OF_DAY_RE}))?\b", re.I), normalize_weekday),
    (re.compile(r"\b(?P<rel>last|this|next|past|coming|previous|following|the\s+past|the\s+last|the\s+next|"
                r"the\s+coming|the\s+current|the\s+previous|the\s+following)\s+(?P<unit>week|month|year|decade|"
                r"century|weekend)\b(?!-)", re.I), normalize_relative_period),
    (re.compile(r"\b(?:the\s+)?weekend\b", re.I), lambda m, ctx: normalize_relative_period(_WEEKEND_MATCH(m), ctx)),
    (re.compile(rf"\b(?P<n>{NUM_RE})[\s-]+(?P<unit>{UNIT_RE})\s+{_NUM_DIR}\b", re.I), normalize_ago),
    (re.compile(r"\b(?:year-ago|year-earlier)\b", re.I), normalize_year_ago_adjective),
    (re.compile(r"\b(?:a|per)\s+(?P<unit>day|week|month|year|hour)\b", re.I), normalize_set_per),
    (re.compile(rf"\b(?:the\s+)?(?:(?:past|last|next|first|previous|coming|following|final|initial|latest)\s+)?"
                rf"(?P<n>{NUM_RE})[\s-]+(?P<unit>{UNIT_RE})\b(?![\s-]+old)(?!-(?:old|earlier|ago|end))", re.I), normalize_duration_rule),
    (re.compile(r"\b(?:(?:the\s+)?(?:past|last|next|coming|first)\s+)?(?:(?:several|many|a\s+few|few|recent)\s+)?"
                r"(?P<unit>years|months|weeks|days|decades|centuries)\b", re.I),
     lambda m, ctx: normalize_vague_plural(m, ctx) if _vague_ok(m, ctx) else None),
    (re.compile("|".join(rf"\b{re.escape(w)}\b" for w in sorted(PRESENT_WORDS | PAST_WORDS | FUTURE_WORDS,
                                                                   key=len, reverse=True)), re.I), normalize_reference),
    (re.compile(r"\b(?:daily|weekly|monthly|annually|yearly|hourly|nightly)\b", re.I), normalize_set_adverb),
    (re.compile(rf"\b(?:every|each)\s+(?:other\s+)?(?:(?P<n>{NUM_RE})\s+)?(?:(?P<wd>{WEEKDAY_RE})|(?P<unit>"
                rf"{UNIT_RE}|weekend))\b", re.I),
     lambda m, ctx: normalize_set_every(_weekday_unit(m), ctx)),
    (re.compile(r"\b(?P<h>[01]?\d|2[0-3])(?:(?P<sep>[:.])(?P<mi>[0-5]\d))?(?:\s*(?P<ap>[ap]\.m\.|[ap]m\b))?", re.I),
     normalize_clock),
    (re.compile(r"\b(?:noon|midnight)\b", re.I), normalize_noon),
    (re.compile(r"\bthe\s+(?P<which>full|current|fiscal|calendar)?\s*year\b(?![-'’])", re.I), normalize_the_year),
    (re.compile(r"\bcurrent\b(?!\s+(?:account|affairs|events|flows?|prices|dollars|law|rules|system))", re.I),
     lambda m, ctx: Timex(m.start(), m.end(), "DATE", "PRESENT_REF")),
    (re.compile(r"\b(?:the\s+year\s+)?(?:(?P<cent>nineteen|eighteen|seventeen)[\s-]+(?:hundred[\s-]+(?:and[\s-]+)?)?"
                r"(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|ten|eleven|twelve|thirteen|"
                r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?:[\s-]+(?P<ones>one|two|three|four|five|"
                r"six|seven|eight|nine))?|(?<=the year )(?P<thousand>two[\s-]+thousand)(?:[\s-]+(?:and[\s-]+)?"
                r"(?P<tail>one|two|three|four|five|six|seven|eight|nine))?)\b", re.I), normalize_spoken_year),
    (re.compile(r"\b(?:(?P<rel>last|next|this)\s+)?(?P<name>christmas\s+eve|christmas\s+day|christmas|"
                r"new\s+year['’]s\s+(?:eve|day)|independence\s+day|the\s+fourth\s+of\s+july|halloween|"
                r"valentine['’]s\s+day|thanksgiving(?:\s+day)?|election\s+day|labor\s+day|memorial\s+day)"
                rf"(?:,?\s+{_Y})?\b", re.I), normalize_holiday),
    (re.compile(r"\b(?:the\s+)?(?P<edge>end|close|beginning|start|middle)\s+of\s+(?:the|this)\s+"
                r"(?P<unit>year|month|week|quarter|decade|century)\b", re.I), normalize_period_edge),
]  # fmt: skip


class _Groups:
    """A match stand-in with extra groups, for rules that reuse another rule's body."""

    def __init__(self, m: re.Match[str], **extra: str | None) -> None:
        self._m, self._extra = m, extra

    def __getitem__(self, key: int | str) -> str | None:
        if isinstance(key, str) and key in self._extra:
            return self._extra[key]
        try:
            return self._m[key]
        except IndexError:
            return None

    def start(self, *args: object) -> int:
        return self._m.start(*args)

    def end(self, *args: object) -> int:
        return self._m.end(*args)


def _WEEKEND_MATCH(m: re.Match[str]) -> _Groups:  # noqa: N802 - reads like the pattern it stands for
    return _Groups(m, rel="the", unit="weekend")


def _weekday_unit(m: re.Match[str]) -> _Groups:
    return _Groups(m, unit=m["unit"] or "day")


def _vague_ok(m: re.Match[str], ctx: Context) -> bool:
    """A bare plural unit is a duration after "for", "over", "in", "within" or with "several", "the past few"."""
    if re.search(r"\b(?:several|many|few|past|last|next|coming|recent)\b", m[0], re.I):
        return True
    before = ctx.text[max(0, m.start() - 10) : m.start()].lower()
    return bool(re.search(r"\b(?:for|over|within|in|after|took|take)\s+$", before))


_MOD_RE = re.compile(
    r"(?:" + "|".join(f"(?P<m{i}>\\b{p})" for i, (p, _) in enumerate(MOD_PREFIXES)) + r")\s*$", re.I
)


_AGO_RE = re.compile(rf"(?P<n>{NUM_RE})[\s-]+(?P<unit>{UNIT_RE})\s+ago", re.I)


def _with_mod(t: Timex, text: str) -> Timex:
    """Extend a Timex over the modifier words before it ("the end of April", "more than two months")."""
    before = text[max(0, t.start - 30) : t.start]
    m = _MOD_RE.search(before)
    if m is None or t.mod is not None:
        return t
    if re.match(r"(?i)the\b", text[t.start :]) and m[0].strip().lower() in ("over", "under", "some", "about"):
        return t  # "over the past year": a preposition, not a modifier
    name = next(k for k, v in m.groupdict().items() if v is not None)
    mod = MOD_PREFIXES[int(name[1:])][1]
    is_point = t.type in ("DATE", "TIME")
    if mod in ("START", "END", "MID") and not is_point:
        return t
    amount_mod = mod in ("MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS", "APPROX")
    ago = _AGO_RE.fullmatch(text[t.start : t.end])
    if amount_mod and ago is not None:
        # "about two years ago": TimeBank marks the measured amount, a duration with its modifier
        start = t.start - len(before) + m.start()
        value = duration_value(count_of(ago["n"]), unit_name(ago["unit"]))
        return Timex(start, t.start + ago.end("unit"), "DURATION", value, mod)
    if amount_mod and t.type != "DURATION":
        return t
    # "early this year" -> START; "earlier this year" too, but "earlier" alone before a date is a different word
    if m[0].strip().lower() in ("earlier", "later") and not re.match(
        r"(?i)(this|next|last)\b", text[t.start :]
    ):
        return t
    start = t.start - len(before) + m.start()
    return dataclasses.replace(t, start=start, mod=mod)


def _case_sensitive_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The same pattern without IGNORECASE, to scan lower-cased text (about twice as fast), when its literal
    letters are all lower case; else None."""
    if not pattern.flags & re.IGNORECASE:
        return None
    letters = re.sub(r"\\.|\(\?P[<=]\w+>?", "", pattern.pattern)  # escapes and group names are not literals
    if any(c.isupper() for c in letters):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


_TWINS = [_case_sensitive_twin(pattern) for pattern, _ in RULES]


def _matches(order: int, text: str, lowered: str | None) -> Iterator[re.Match[str]]:
    """Rule `order`'s matches in `text`, found on the lower-cased text where it can be, each matched again on
    the original (normalisers read its case: "May" the month, "may" the verb)."""
    pattern, twin = RULES[order][0], _TWINS[order]
    if twin is None or lowered is None:
        yield from pattern.finditer(text)
        return
    for hit in twin.finditer(lowered):
        m = pattern.match(text, hit.start())
        if m is not None:
            yield m


def find_timexes(ctx: Context) -> list[Timex]:
    """All time expressions in `ctx.text`: each rule's matches, the longest of overlapping ones kept, in order."""
    found: list[tuple[int, Timex]] = []
    lowered = ctx.text.lower()
    if len(lowered) != len(ctx.text):  # a few letters grow when lower-cased: offsets would drift
        lowered = None
    for order in range(len(RULES)):
        for m in _matches(order, ctx.text, lowered):
            if m.end() == m.start():
                continue
            found.append((order, m))  # type: ignore[arg-type]
    # Rules run in text order so that context (the last quarter mentioned) flows forwards.
    found.sort(key=lambda item: (item[1].start(), -(item[1].end() - item[1].start()), item[0]))  # type: ignore
    chosen: list[Timex] = []
    for order, m in found:  # type: ignore[assignment]
        if chosen and m.start() < chosen[-1].end:  # type: ignore[attr-defined]
            continue
        timex = RULES[order][1](m, ctx)  # type: ignore[arg-type]
        if timex is None:
            continue
        chosen.append(timex)
    return [_with_mod(t, ctx.text) for t in _merge_day_and_clock(chosen, ctx.text)]


def _merge_day_and_clock(timexes: list[Timex], text: str) -> list[Timex]:
    """ "noon Thursday", "3 p.m. Friday", "Friday at 3 p.m.": one TIME on that day."""
    merged: list[Timex] = []
    for t in timexes:
        prev = merged[-1] if merged else None
        gap = text[prev.end : t.start] if prev is not None else ""
        weekday_then_date = (
            prev is not None
            and re.fullmatch(r"[A-Z][a-z]+day", text[prev.start : prev.end])
            and re.fullmatch(r",?\s*", gap)
            and t.type == "DATE"
            and t.value
            and re.fullmatch(r"(?:\d{4}|XXXX)-\d{2}-\d{2}", t.value)
        )
        if weekday_then_date:  # "Monday, Oct. 26": the date decides
            merged[-1] = Timex(prev.start, t.end, "DATE", t.value, t.mod)
            continue
        if prev is not None and re.fullmatch(r"\s*(?:[A-Z]{2,4}T|GMT|UTC)?\s*(?:,|at|on)?\s*", gap):
            clock, day = (prev, t) if prev.type == "TIME" else (t, prev)
            if (
                clock.type == "TIME"
                and clock.value
                and "T" in clock.value
                and day.type == "DATE"
                and day.value
                and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day.value)
            ):
                value = day.value + clock.value[clock.value.index("T") :]
                merged[-1] = Timex(prev.start, t.end, "TIME", value, prev.mod or t.mod)
                continue
        merged.append(t)
    return merged
