"""Times: TIMEX3 type, value and mod on sentences written for the project."""

from __future__ import annotations

import pytest

from newsclaims.article import Article, article_id
from newsclaims.extract.numbers import parse_number
from newsclaims.extract.times import parse_anchor
from newsclaims.pipeline import analyze

DCT = "2019-07-18"  # a Thursday


def english(text: str, published: str | None = None) -> Article:
    """An article marked English: short test sentences can fool language detection."""
    return Article(id=article_id(text), text=text, published=published, language="en")


def times(text: str, published: str | None = DCT) -> dict[str, tuple]:
    analysis = analyze(english(text, published), extractors=("times",))
    return {t.text: (t.type, t.value, t.mod) for t in analysis.times}


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("The talks were held on July 18, 2019, in Geneva.", "July 18, 2019", ("DATE", "2019-07-18", None)),
        ("Shelling resumed on 3 March 2018 near the town.", "3 March 2018", ("DATE", "2018-03-03", None)),
        ("The convoy left the city last week.", "last week", ("DATE", "2019-W28", None)),
        ("Fighting has intensified in recent days.", "recent days", ("DATE", "PAST_REF", None)),
        ("The siege has lasted since the end of April.", "the end of April", ("DATE", "2019-04", "END")),
        ("The offensive began two months ago.", "two months ago", ("DATE", "2019-05", None)),
        (
            "The ceasefire held for more than two months.",
            "more than two months",
            ("DURATION", "P2M", "MORE_THAN"),
        ),
        ("Officials recently visited the camp.", "recently", ("DATE", "PAST_REF", None)),
        ("The council met yesterday.", "yesterday", ("DATE", "2019-07-17", None)),
        ("The minister will travel to Ankara tomorrow.", "tomorrow", ("DATE", "2019-07-19", None)),
        ("Aid trucks arrive daily at the border.", "daily", ("SET", "P1D", None)),
        ("Prices rose sharply last year.", "last year", ("DATE", "2018", None)),
        ("The mayor resigned in 2015.", "2015", ("DATE", "2015", None)),
        ("The trade deal was signed in the 1990s.", "the 1990s", ("DATE", "199", None)),
        ("Profits fell in the third quarter.", "the third quarter", ("DATE", "2019-Q3", None)),
        ("The vote is expected next month.", "next month", ("DATE", "2019-08", None)),
        ("Rebels attacked the base early this year.", "early this year", ("DATE", "2019", "START")),
        ("Troops were deployed for three years.", "three years", ("DURATION", "P3Y", None)),
        ("The meeting started at 3 p.m. in the capital.", "3 p.m.", ("TIME", "2019-07-18T15:00", None)),
        ("The summit was held in the summer of 2017.", "summer of 2017", ("DATE", "2017-SU", None)),
    ],
)
def test_expression(text: str, expression: str, expected: tuple) -> None:
    assert times(text)[expression] == expected


def test_weekday_follows_tense() -> None:
    assert times("Rebels said on Tuesday that they withdrew.")["Tuesday"] == ("DATE", "2019-07-16", None)
    assert times("The envoy will arrive on Monday.")["Monday"] == ("DATE", "2019-07-22", None)


def test_year_before_plural_noun_is_a_count_not_a_date() -> None:
    assert "2015" in times("The 2015 intervention changed the war.")
    assert "2015" not in times("The army sent 2015 fighters to the front.")


def test_may_the_verb_is_not_a_month() -> None:
    assert times("The rebels may withdraw.") == {}
    assert times("The talks collapsed in May.")["May"] == ("DATE", "2019-05", None)


def test_no_anchor_leaves_values_open() -> None:
    found = times("The talks began on July 18 and stalled last week.", published=None)
    assert found["July 18"][1] == "XXXX-07-18"
    assert found["last week"][1] == "PAST_REF"


def test_spans_index_the_text() -> None:
    text = "Clashes erupted on Friday, officials said."
    analysis = analyze(english(text, DCT), extractors=("times",))
    (t,) = analysis.times
    assert text[t.span[0] : t.span[1]] == "Friday" == t.text


def test_parse_anchor() -> None:
    assert str(parse_anchor("2019-07-18T10:00:00Z")) == "2019-07-18"
    assert str(parse_anchor("Thursday, July 18, 2019")) == "2019-07-18"
    assert parse_anchor("yesterday") is None
    assert parse_anchor("2019") is None


def test_parse_number_words() -> None:
    assert parse_number("1.5 million") == 1_500_000
    assert parse_number("twenty-four") == 24
    assert parse_number("a dozen") == 12
    assert parse_number("tens of thousands") == (10_000, 100_000)
    assert parse_number("a hundred") == 100


def test_clock_time_joins_its_day() -> None:
    found = times("Polls close at noon Thursday.", published="2019-07-16")
    assert found["noon Thursday"] == ("TIME", "2019-07-18T12:00", None)


def test_weekday_with_date_takes_the_date() -> None:
    found = times("The vote is set for Monday, Oct. 26, officials said.", published="2019-10-20")
    assert found["Monday, Oct. 26"] == ("DATE", "2019-10-26", None)


def test_spoken_years_and_holidays() -> None:
    assert times("He left in nineteen ninety-six.")["nineteen ninety-six"] == ("DATE", "1996", None)
    assert times("Shops closed on Christmas Day, 2018.")["Christmas Day, 2018"] == (
        "DATE",
        "2018-12-25",
        None,
    )


def test_durations_in_years_as_timebank_writes_them() -> None:
    assert times("The war lasted two decades.")["two decades"] == ("DURATION", "P20Y", None)


def test_vague_durations() -> None:
    assert times("The ceasefire collapsed within weeks.")["weeks"] == ("DURATION", "PXW", None)
    assert times("Fighting has lasted for several years.")["several years"] == ("DURATION", "PXY", None)


def test_coming_weeks_point_to_the_future() -> None:
    assert times("Talks are expected in the coming weeks.")["the coming weeks"] == (
        "DATE",
        "FUTURE_REF",
        None,
    )


def test_clock_times_and_what_is_not_one() -> None:
    assert times("Prices fell at 10.45pm on Friday.")["10.45pm on Friday"] == (
        "TIME",
        "2019-07-19T22:45",
        None,
    )
    assert times("The blast happened at 3:20 local time.")["3:20"] == ("TIME", "2019-07-18T03:20", None)
    assert times("The match ended 3:2 after extra time.") == {}
