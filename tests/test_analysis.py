"""The Analysis: schema newsclaims/1, JSON round trip, the API, batches, workers and languages."""

from __future__ import annotations

import jsonschema
import pytest

import newsclaims
from newsclaims.analysis import SCHEMA, Analysis, validate
from newsclaims.article import Article
from newsclaims.pipeline import Failure

TEXT = (
    "Captain Naji Haddad, a spokesman for the Free Army, said on Monday that government troops had shelled "
    "the town of Ariha. Haddad said 12 civilians were killed. The United Nations said it was alarmed."
)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return newsclaims.analyze(TEXT, published="2021-03-03")


def test_schema_and_round_trip(analysis: Analysis) -> None:
    data = analysis.to_dict()
    validate(data)
    assert data["schema"] == SCHEMA and list(data)[0] == "schema"
    assert Analysis.from_json(analysis.to_json()) == analysis


def test_schema_rejects_bad_documents(analysis: Analysis) -> None:
    data = analysis.to_dict()
    data["places"] = [{"span": [5], "name": "x"}]
    with pytest.raises(jsonschema.ValidationError):
        validate(data)
    with pytest.raises(ValueError, match="newsclaims/1"):
        Analysis.from_json('{"schema": "other/9"}')


def test_text_is_kept_and_entity_spans_point_at_names(analysis: Analysis) -> None:
    assert analysis.article.text == TEXT and analysis.article.language == "en"
    names = {e.name: e for e in analysis.entities}
    person = next(e for e in analysis.entities if e.type == "PERSON")
    assert {analysis.text_of(m) for m in person.mentions} == {"Naji Haddad", "Haddad"}
    assert "United Nations" in names
    for entity in analysis.entities:
        for start, end in entity.mentions:
            assert TEXT[start:end].strip() == TEXT[start:end] and TEXT[start:end]


def test_published_fills_only_missing_dates() -> None:
    dated = Article(id="a", text="The army said so.", published="2020-01-01")
    assert newsclaims.analyze(dated, published="2021-01-01").article.published == "2020-01-01"
    assert newsclaims.analyze("The army said so.", published="2021-01-01").article.published == "2021-01-01"


def test_analyze_many_keeps_order_and_failures_in_place() -> None:
    items = ["First: the army said it attacked.", Failure(error="broken", source="x"), "Second text here."]
    out = list(newsclaims.analyze_many(items, batch_size=2))
    assert isinstance(out[1], Failure)
    assert [o.article.text for o in (out[0], out[2])] == [items[0], items[2]]


def test_workers_give_the_same_results() -> None:
    texts = [f"Report {i}: the rebels said Russian jets bombed Khan Sheikhoun on Monday." for i in range(6)]
    one = [a.to_dict() for a in newsclaims.analyze_many(texts)]
    two = [a.to_dict() for a in newsclaims.analyze_many(texts, jobs=2, batch_size=2)]
    assert one == two


def test_non_english_is_detected_and_skipped_with_reason() -> None:
    a = newsclaims.analyze(
        "Die Armee hat am Dienstag mitgeteilt, dass sie die Stadt nach schweren Kämpfen eingenommen habe."
    )
    assert a.article.language == "de"
    assert a.entities == [] and any("not English" in w for w in a.warnings)


def test_unknown_model_is_a_clear_error() -> None:
    from newsclaims.nlp import ModelError

    with pytest.raises(ModelError, match="no_such_pipeline"):
        newsclaims.analyze("Text.", model="no_such_pipeline")


@pytest.mark.parametrize(
    "text",
    ["Eleven aid workers remain missing.", "Police Arrest Protesters Outside Parliament", "Gunmen kill 12"],
)
def test_short_english_snippets_are_not_refused(text: str) -> None:
    a = newsclaims.analyze(text)
    assert a.article.language in (None, "en") and not a.warnings
