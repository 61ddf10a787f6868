"""The event exports: ACLED-style CSV and GeoJSON, on an Analysis built by hand (no parse needed)."""

from __future__ import annotations

import csv
import io
import json

from newsclaims.analysis import Affiliation, Analysis, Cue, Entity, Event, Place, Source, Statement
from newsclaims.article import Article
from newsclaims.formats import writer
from newsclaims.formats.acled import ACLED_COLUMNS, COLUMNS, acled_rows, sentence_at, write_acled_csv
from newsclaims.formats.geojson import event_features, write_geojson
from newsclaims.pipeline import Failure

TEXT = (
    "Rebels Say Army Shelled Dara\n\n"
    "The army shelled the market of Dara on Monday, killing three people, rebel spokesman Amir Tal said. "
    "The defence ministry denied the reports."
)


def span(part: str) -> tuple[int, int]:
    at = TEXT.index(part)
    return (at, at + len(part))


def analysis() -> Analysis:
    return Analysis(
        article=Article(id="a1", text=TEXT, outlet="Example News", published="2024-05-06"),
        entities=[
            Entity(
                id="E1",
                name="army",
                type="ORG",
                mentions=[(span("army shelled")[0], span("army shelled")[0] + 4)],
                affiliations=[
                    Affiliation(relation="backed_by", span=span("Rebels"), name="Northern Alliance")
                ],
            ),
            Entity(id="E2", name="Amir Tal", type="PERSON", kind="person", mentions=[span("Amir Tal")]),
        ],
        statements=[
            Statement(
                id="S1",
                source=Source(span=span("Amir Tal"), entity="E2"),
                cue=Cue(span=span("said"), lemma="say"),
                content=[span("The army shelled the market of Dara on Monday, killing three people")],
                kind="indirect",
            ),
            Statement(
                id="S2",
                source=Source(span=span("The defence ministry")),
                cue=Cue(span=span("denied"), lemma="deny"),
                content=[span("the reports")],
                kind="indirect",
                stance="deny",
            ),
        ],
        places=[
            Place(
                span=span("Dara"),
                name="Dara",
                lat=32.62,
                lon=36.1,
                country="SY",
                admin1="Daraa",
                feature="PPL",
            )
        ],
        events=[
            Event(
                id="V1",
                type="Explosions/Remote violence",
                subtype="Shelling/artillery/missile attack",
                trigger=span("shelled the market"),
                plover="ASSAULT",
                agents=["E1"],
                place=0,
                asserted_by=["S1"],
                denied_by=["S2"],
                date="2024-05-06",
                time_precision=1,
                geo_precision=1,
                fatalities=3,
            ),
            Event(
                id="V2",
                type="Other",
                subtype="Displacement",
                trigger=span("killing"),
                agent_spans=[span("Rebels")],
            ),
        ],
    )


def test_acled_row_has_acled_columns_and_the_claim_link():
    rows = acled_rows(analysis())
    assert len(rows) == 2
    row = rows[0]
    assert list(row)[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["sub_event_type"] == "Shelling/artillery/missile attack"
    assert row["actor1"] == "army"
    assert row["assoc_actor_1"] == "Northern Alliance"
    assert (row["location"], row["admin1"], row["latitude"], row["longitude"]) == (
        "Dara",
        "Daraa",
        32.62,
        36.1,
    )
    assert row["fatalities"] == 3 and row["event_date"] == "2024-05-06"
    assert row["claimant"] == "Amir Tal"
    assert row["denials"] == "The defence ministry"
    assert row["source"] == "Example News"
    assert "shelled the market of Dara" in row["notes"]


def test_actor_falls_back_to_the_agent_phrase_and_location_may_be_empty():
    row = acled_rows(analysis())[1]
    assert row["actor1"] == "Rebels"
    assert row["latitude"] == "" and row["location"] == ""


def test_acled_csv_writer_skips_failures_and_writes_one_header():
    out = io.StringIO()
    write_acled_csv([analysis(), Failure(error="unreadable", id="bad"), analysis()], out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 4
    assert list(rows[0]) == list(COLUMNS)
    assert out.getvalue().count("event_date") == 1


def test_registered_writers_are_these():
    assert writer("acled-csv") is write_acled_csv
    assert writer("geojson") is write_geojson


def test_geojson_has_points_for_located_events_only():
    features = event_features(analysis())
    assert len(features) == 1
    feature = features[0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.1, 32.62]}
    assert feature["properties"]["sub_event_type"] == "Shelling/artillery/missile attack"
    assert feature["properties"]["denied_by"] == ["S2"]
    out = io.StringIO()
    write_geojson([analysis(), Failure(error="x")], out)
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 1


def test_notes_are_the_sentence_of_the_trigger():
    assert sentence_at(TEXT, TEXT.index("denied")) == "The defence ministry denied the reports."
