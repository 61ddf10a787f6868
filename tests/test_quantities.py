"""Quantities: value, bound, unit and concept on sentences written for the project."""

from __future__ import annotations

import pytest

from newsclaims.article import Article, article_id
from newsclaims.pipeline import analyze


def english(text: str, published: str | None = None) -> Article:
    """An article marked English: short test sentences can fool language detection."""
    return Article(id=article_id(text), text=text, published=published, language="en")


def quantities(text: str) -> list[tuple]:
    analysis = analyze(english(text, "2019-07-18"), extractors=("times", "quantities"))
    return [(q.value, q.bound, q.unit, q.concept) for q in analysis.quantities]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jets flew more than 200 sorties over the province.", (200, ">", "sorties", "strikes")),
        ("The fighting displaced over 300,000 civilians.", (300000, ">", "civilians", "displaced")),
        ("Over 500 civilians dead after the raids.", (500, ">", "civilians", "killed")),
        ("At least 12 people were killed in the blast.", (12, ">", "people", "killed")),
        ("About 40 protesters were arrested on Sunday.", (40, "~", "protesters", "arrested")),
        ("Nearly 1.5 million people fled the region.", (1_500_000, "~", "people", "displaced")),
        ("Up to 30 villagers are missing.", (30, "<", "villagers", "missing")),
        ("The government sent 2015 fighters to the front.", (2015, "=", "fighters", "troops")),
        ("Twenty-four soldiers were wounded.", (24, "=", "soldiers", "injured")),
        ("Less than a dozen houses were left standing.", (12, "<", "houses", None)),
    ],
)
def test_count(text: str, expected: tuple) -> None:
    assert expected in quantities(text)


def test_vague_counts_are_ranges() -> None:
    assert ([12, 120], "=", "villages", None) in quantities("Troops shelled dozens of villages.")
    found = quantities("Tens of thousands of residents have left the city.")
    assert found[0][0] == [10_000, 100_000]


def test_ranges() -> None:
    assert quantities("Between 10 and 20 rockets hit the town.")[0][0] == [10, 20]
    assert quantities("The bill will cost $89 to $93 billion.")[0][0] == [89e9, 93e9]


def test_changes_have_up_and_down_bounds() -> None:
    assert (5, "up", "%", None) in quantities("Food prices rose by 5% in June.")
    assert ("down") in [q[1] for q in quantities("The index fell 3 percent on Monday.")]


def test_dates_times_and_years_are_not_counts() -> None:
    assert quantities("The 2015 intervention changed the war.") == []
    assert quantities("The talks began on July 18 at 3 p.m.") == []
    assert quantities("He finished first and she came third.") == []


def test_counted_periods_inside_dates_are_quantities() -> None:
    values = [q[0] for q in quantities("Two years later, the camp closed.")]
    assert 2 in values


def test_numbers_in_names_are_not_counts() -> None:
    assert quantities("The new iPhone 11 went on sale.") == []


def test_money_and_percent_units() -> None:
    found = quantities("The fund raised $1.5 million and grew 12 percent.")
    assert (1_500_000, "=", "$", None) in found
    assert any(q[0] == 12 and q[2] == "percent" for q in found)


def test_spans_index_the_text() -> None:
    text = "Officials said 300,000 civilians fled."
    analysis = analyze(english(text), extractors=("times", "quantities"))
    (q,) = analysis.quantities
    assert text[q.span[0] : q.span[1]] == q.text == "300,000 civilians"


def test_units_written_into_the_number() -> None:
    found = quantities("The plant adds a 640bhp engine and a 5.5kWh battery.")
    assert (640, "=", "bhp", None) in found
    assert (5.5, "=", "kWh", None) in found


def test_signed_and_negative_numbers() -> None:
    found = quantities("Temperatures fell to minus 30 degrees overnight.")
    assert found[0][0] == -30
    assert quantities("The index closed +0.4% higher.")[0][:2] == (0.4, "up")


def test_from_to_is_a_range() -> None:
    found = quantities("The ration fell from 900 grams to 600 in a month.")
    assert found[0][0] == [900, 600] and found[0][2] == "grams"


def test_labels_and_addresses_are_not_counts() -> None:
    assert quantities("A category 4 storm hit the coast.") == []
    assert quantities("Protesters gathered at 12 Harbour Road.") == []


def test_scores_are_not_ranges() -> None:
    assert quantities("The match ended 2-2 after extra time.") == []


def test_concepts_from_the_clause() -> None:
    assert quantities("Eleven aid workers remain missing.")[0][3] == "missing"
    assert quantities("The death toll rose to 56 on Tuesday.")[0][3] == "killed"
    assert quantities("Police detained 17 protesters.")[0][3] == "arrested"
    # a duration in the same clause is no casualty count
    found = quantities("Officials said 1,200 militants were killed in the past two months.")
    assert (1200, "=", "militants", "killed") in found
    assert all(q[3] is None for q in found if q[2] == "months")


def test_conversion_in_brackets_keeps_the_bound() -> None:
    found = quantities("The engine makes just under 296 hp (224 kW) at full power.")
    assert (296, "<", "hp", None) in found
    assert any(q[0] == 224 and q[1] == "<" for q in found)


def test_a_noun_is_no_change() -> None:
    assert quantities("She signed a $150,000 contract.")[0][:2] == (150000, "=")
    assert quantities("Exports fell 7% last year.")[0][:2] == (7, "down")


def test_measure_units_and_rates() -> None:
    assert quantities("He won the 40 yard dash.")[0][2] == "yard"
    assert quantities("Oil traded at $58 per barrel.")[0][2] == "$ per barrel"
    assert quantities("Revenue rose from $6.5 billion a year earlier.")[0][2] == "$"
    assert quantities("Margins widened by 60 basis points.")[0][2] == "basis points"


def test_headlines_in_title_case() -> None:
    assert (500, ">", "Civilians", "killed") in quantities("Over 500 Civilians Dead After Assault on Town")
    assert (2000, "=", "Fighters", "troops") in quantities("Turkey Says 2,000 Fighters Crossed Border")
    assert (200, "=", "Sorties", "strikes") in quantities("Jets Flew 200 Sorties Over Idlib")


def test_half_only_as_an_amount() -> None:
    assert quantities("The score was level at half-time.") == []
    assert quantities("Almost half of them left.")[0][:2] == (0.5, "~")
