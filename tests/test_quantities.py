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


# ------------------------------------------------------------------ coordinated counts share their noun


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officials said 35 people were killed and 120 wounded.",
            [(35, "people", "killed"), (120, "people", "injured")],
        ),
        (
            "The shelling killed 9 civilians and injured 40.",
            [(9, "civilians", "killed"), (40, "civilians", "injured")],
        ),
        (
            "The army sent 300 troops and then 200 more.",
            [(300, "troops", "troops"), (200, "troops", "troops")],
        ),
    ],
)
def test_coordinated_count_carries_the_noun(text: str, expected: list[tuple]) -> None:
    assert [(v, u, c) for v, _, u, c in quantities(text)] == expected


def test_coordinated_counts_with_their_own_nouns_keep_them() -> None:
    found = quantities("Police arrested 15 men and 3 women.")
    assert [(v, u) for v, _, u, _ in found] == [(15, "men"), (3, "women")]


def test_count_after_a_place_does_not_borrow_the_noun() -> None:
    found = quantities("The strikes killed 12 civilians in Idlib and 4 in Hama.")
    # the 4 may count other people (conservative: a name between the two counts stops the carry)
    assert (4, "=", None, "killed") in found


# ------------------------------------------------------------------ bounds after the number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("500 people or more were killed.", (500, ">", "people", "killed")),
        ("They said 20 or so families fled the village.", (20, "~", "families", "displaced")),
        ("A 100-plus convoy of trucks crossed.", (100, ">", "convoy", None)),
        ("The 20-odd prisoners were released.", (20, "~", "prisoners", "arrested")),
        ("Shelters can take 50 families at most.", (50, "<", "families", None)),
        ("Residents aged 65 and over were evacuated.", (65, ">", None, None)),
        ("Chipmakers are moving to sub-7 nanometer processes.", (7, "<", "nanometer", None)),
    ],
)
def test_bound_after_the_number(text: str, expected: tuple) -> None:
    assert expected in quantities(text)


def test_words_after_that_open_another_number_bound_nothing() -> None:
    found = quantities("Prices rose 5% and up to 7% in some towns.")
    assert (5, "up", "%", None) in found
    assert (7, "<", "%", None) in found


# ------------------------------------------------------------------ fractions, halves, suspended hyphens


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Nearly two-thirds of the residents fled.", 2 / 3, "residents"),
        ("A third of the district was flooded.", 1 / 3, "district"),
        ("One in five children is malnourished.", 0.2, "children"),
        ("Three out of ten voters stayed home.", 0.3, "voters"),
        ("One-quarter of the homes were damaged.", 0.25, "homes"),
        ("Half a million people have fled.", 500_000, "people"),
        ("A quarter of a million people are displaced.", 250_000, "people"),
        ("A cup holds 1/16 of a gallon.", 1 / 16, "gallon"),
    ],
)
def test_fractions(text: str, value: float, unit: str) -> None:
    found = quantities(text)
    assert any(v == pytest.approx(value) and u is not None and u.endswith(unit) for v, _, u, _ in found), (
        found
    )


@pytest.mark.parametrize(
    "text",
    [
        "He won a third term in office.",
        "In the first three quarters, sales rose.",
        "He scored 2 in 5 minutes.",
    ],
)
def test_no_fraction(text: str) -> None:
    assert all(not isinstance(v, float) or v >= 1 for v, _, _, _ in quantities(text))


def test_suspended_hyphens_share_the_noun() -> None:
    found = quantities("The block has two-, three- and four-bedroom flats.")
    assert [(v, u) for v, _, u, _ in found] == [(2, "bedroom"), (3, "bedroom"), (4, "bedroom")]


def test_a_score_is_not_a_range() -> None:
    assert quantities("They celebrated a 3-2 win on Sunday.") == []


def test_negative_and_glued_currency_amounts() -> None:
    assert (-5, "=", "yards", None) in quantities("The offense managed minus-5 yards.")
    assert (2_700_000, "<", "PS", None) in quantities("The package was worth up to PS2.7m.")
    assert (23.5, "=", "RM", None) in quantities("The stock closed at RM23.50.")


def test_a_change_word_after_by_is_a_change() -> None:
    assert (1, "down", None, None) in quantities("The index saw a decrease by 1 on Friday.")


def test_index_names_are_not_counts() -> None:
    assert quantities("Markets rallied, the FTSE 100 in particular.") == []


def test_an_age_is_a_quantity_and_not_a_casualty_count() -> None:
    assert quantities("A 12-year-old boy was killed in the raid.") == [(12, "=", "year-old", None)]
    assert quantities("They found a 2,900 year-old wall.") == [(2900, "=", "year-old", None)]
    assert quantities("The council adopted a five-year plan.") == []


def test_headline_counts_share_the_noun_and_keep_their_state_out_of_it() -> None:
    found = quantities("Over 500 Civilians Dead, 1,000 Wounded")
    assert found == [(500, ">", "Civilians", "killed"), (1000, "=", "Civilians", "injured")]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Rents average $21.25 per square foot.", "$ per square foot"),
        ("The oven can hit 500 degrees celsius.", "degrees celsius"),
        ("The stock trades at 1.4 times book value.", "times"),
        ("He released approximately 300 recorded songs.", "songs"),
        ("Analysts see a five per cent to 20 per cent rebound.", "per cent"),
    ],
)
def test_unit(text: str, unit: str) -> None:
    """The unit ends with the expected words (a counted noun may keep its modifiers: "recorded songs")."""
    found = quantities(text)
    assert any(u is not None and u.endswith(unit) for _, _, u, _ in found), found


def test_captured_places_are_no_arrests() -> None:
    found = quantities("The rebels captured 3 towns, and 25 soldiers were captured.")
    assert (3, "=", "towns", None) in found
    assert (25, "=", "soldiers", "arrested") in found
