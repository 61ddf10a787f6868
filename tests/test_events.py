"""Events: detection, typing, arguments, merging and the claim link, on sentences written for these tests.

The extractor runs alone on a parsed Doc; the statements, places and quantities it links to are built by
hand, so these tests do not depend on the other extractors.
"""

from __future__ import annotations

import pytest

from newsclaims import nlp as nlp_module
from newsclaims.analysis import Analysis, Cue, Place, Quantity, Source, Statement
from newsclaims.article import Article
from newsclaims.extract.event_args import calendar_date, time_precision
from newsclaims.extract.event_claims import name_keys
from newsclaims.extract.event_detect import sentences
from newsclaims.extract.event_model import load_model
from newsclaims.extract.event_types import (
    CASE_TO_SUBTYPE,
    PLOVER_ROOTS,
    PLOVER_TO_SUBTYPE,
    SUBTYPE_TO_CASE,
    SUBTYPE_TO_PLOVER,
    SUBTYPES,
    event_type,
    plover_from_2016,
)
from newsclaims.extract.events import extract_events


@pytest.fixture(scope="module")
def nlp():
    return nlp_module.load()


def run(nlp, text: str, **lists) -> tuple[Analysis, list]:
    doc = nlp(text)
    analysis = Analysis(article=Article(id="t", text=text, published="2024-03-05"), **lists)
    analysis.events = extract_events(doc, analysis)
    return analysis, analysis.events


def span_of(text: str, part: str, start: int = 0) -> tuple[int, int]:
    at = text.index(part, start)
    return (at, at + len(part))


# --- taxonomy -------------------------------------------------------------------------------------------


def test_every_case_label_maps_to_a_known_subtype_and_back():
    assert set(CASE_TO_SUBTYPE.values()) <= set(SUBTYPES)
    assert len(CASE_TO_SUBTYPE) == 30
    assert set(SUBTYPE_TO_CASE) == set(SUBTYPES)
    assert SUBTYPE_TO_CASE["Displacement"] == "OTHER"


def test_subtypes_have_a_type_and_plover_roots_are_known():
    assert set(SUBTYPE_TO_PLOVER) == set(SUBTYPES)
    assert {r for r in SUBTYPE_TO_PLOVER.values() if r} <= set(PLOVER_ROOTS)
    assert set(PLOVER_TO_SUBTYPE) == set(PLOVER_ROOTS)
    assert event_type("Government regains territory") == "Battles"
    assert event_type("Organized crime") == "Other"


def test_plover_2016_names_map_to_2021_roots():
    assert plover_from_2016("FIGHT") == "ASSAULT"
    assert plover_from_2016("DISAPPROVE") == "ACCUSE"
    assert plover_from_2016("THREATEN") == "THREATEN"


def test_shipped_models_load_and_are_small():
    acled, plover = load_model("acled"), load_model("plover")
    assert acled is not None and "NONE" in acled.classes and "Air/drone strike" in acled.classes
    assert plover is not None and set(plover.classes) <= set(PLOVER_ROOTS)


# --- typing ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subtype"),
    [
        (
            "Warplanes bombed the village of Tamra on Sunday, killing four farmers, residents said.",
            "Air/drone strike",
        ),
        ("A suicide bomber blew himself up at a wedding hall in Kandar, killing 30 guests.", "Suicide bomb"),
        (
            "Police fired tear gas to disperse hundreds of students protesting in the capital.",
            "Protest with intervention",
        ),
        ("Thousands of nurses marched peacefully through Lorca demanding better pay.", "Peaceful protest"),
        (
            "Army troops recaptured the border town of Selim from the insurgents after a week of fighting.",
            "Government regains territory",
        ),
        (
            "The militia has set up a new base on the hills above the river port.",
            "Headquarters or base established",
        ),
        ("Soldiers found a cache of rifles and grenades hidden in a farmhouse.", "Disrupted weapons use"),
        ("Floods swept through the valley, leaving 40 people dead.", "Natural disaster"),
        ("Gunmen kidnapped six aid workers on the road to Birni.", "Abduction/forced disappearance"),
    ],
)
def test_main_event_subtype(nlp, text, subtype):
    _, events = run(nlp, text)
    assert events, text
    assert events[0].subtype == subtype
    assert events[0].type == event_type(subtype)


def test_no_event_in_a_background_sentence(nlp):
    _, events = run(nlp, "The city is the capital of the province and lies on the river.")
    assert events == []


def test_threat_is_not_the_attack_it_threatens(nlp):
    _, events = run(nlp, "Iran threatened to launch an offensive against Iraq.")
    assert events[0].plover == "THREATEN"
    assert events[0].subtype != "Armed clash"


def test_violent_event_has_assault_root_and_agent_span(nlp):
    text = "Rebel fighters shelled the market of Dara on Monday."
    analysis, events = run(nlp, text)
    event = events[0]
    assert event.plover == "ASSAULT"
    assert [analysis.text_of(s) for s in event.agent_spans] == ["Rebel fighters"]
    assert analysis.text_of(event.trigger) == "shelled"


def test_agreement_between_two_sides_makes_each_the_target(nlp):
    text = "Kenya and Ethiopia agreed on a plan to share the waters of the lake."
    analysis, events = run(nlp, text)
    assert events[0].plover == "AGREE"
    agents = [analysis.text_of(s) for s in events[0].agent_spans]
    assert agents == ["Kenya and Ethiopia"]
    assert events[0].target_spans


def test_sentences_split_at_line_breaks(nlp):
    doc = nlp("Rebels Shell Market in Dara\n\nRebels shelled a market in Dara on Monday.")
    assert [s.text for s in sentences(doc)] == [
        "Rebels Shell Market in Dara",
        "Rebels shelled a market in Dara on Monday.",
    ]


# --- one event per happening ----------------------------------------------------------------------------


def test_headline_and_body_mentions_merge(nlp):
    text = "Turkey Sends Troops to the Border\n\nTurkey has deployed troops to the border in recent days, officials said."
    _, events = run(nlp, text)
    deployments = [e for e in events if e.subtype == "Change to group/activity"]
    assert len(deployments) == 1
    assert len(deployments[0].mentions) == 2


def test_different_agents_keep_events_apart(nlp):
    text = (
        "Iranian forces have deployed fighters to the front line. "
        "Separately, Turkish commanders deployed soldiers to the border."
    )
    _, events = run(nlp, text)
    deployments = [e for e in events if e.subtype == "Change to group/activity"]
    assert len(deployments) == 2


# --- arguments --------------------------------------------------------------------------------------------


def test_place_counts_and_fatalities_come_from_the_sentence(nlp):
    text = (
        "Warplanes bombed the town of Marwa on Monday, killing 12 civilians. Elsewhere in Tessa it was calm."
    )
    places = [
        Place(span=span_of(text, "Marwa"), name="Marwa", lat=10.5, lon=20.25, country="XX", feature="PPL"),
        Place(span=span_of(text, "Tessa"), name="Tessa", lat=11.0, lon=21.0, country="XX", feature="ADM1"),
    ]
    quantities = [Quantity(span=span_of(text, "12 civilians"), value=12, unit="civilians", concept="killed")]
    _, events = run(nlp, text, places=places, quantities=quantities)
    event = events[0]
    assert event.place == 0
    assert event.counts == [0]
    assert event.fatalities == 12
    assert event.geo_precision == 1
    assert event.date == "2024-03-05" and event.time_precision == 2  # publication date, within its week


def test_calendar_dates_and_precision():
    assert calendar_date("2019-W28") == "2019-07-08"
    assert calendar_date("2019-04") == "2019-04-01"
    assert calendar_date("PAST_REF") is None
    assert [time_precision(v) for v in ("2019-07-18", "2019-W28", "2019")] == [1, 2, 3]


def test_name_keys_match_demonym_and_country():
    assert name_keys("Russian special forces") & name_keys("Russia")
    assert not name_keys("the forces") & name_keys("government forces")


# --- claim link -------------------------------------------------------------------------------------------


def _statement(sid, text, source, cue, content, kind="indirect", stance="assert"):
    return Statement(
        id=sid,
        source=Source(span=span_of(text, source)) if source else None,
        cue=Cue(span=span_of(text, cue), lemma=cue) if cue else None,
        content=[span_of(text, content)],
        kind=kind,
        stance=stance,
    )


def test_statement_containing_the_trigger_asserts_and_anaphoric_denial_denies(nlp):
    text = (
        "Turkey has sent commandos to fight alongside allied militias near the border, local commanders said.\n\n"
        "Turkish defence officials denied the reports."
    )
    statements = [
        _statement(
            "S1",
            text,
            "local commanders",
            "said",
            "Turkey has sent commandos to fight alongside allied militias near the border",
        ),
        _statement("S2", text, "Turkish defence officials", "denied", "the reports", stance="deny"),
    ]
    _, events = run(nlp, text, statements=statements)
    deployment = next(e for e in events if e.subtype == "Change to group/activity")
    assert deployment.asserted_by == ["S1"]
    assert deployment.denied_by == ["S2"]


def test_reporter_voice_asserts_when_no_quote_holds_the_event(nlp):
    text = "Gunmen kidnapped six aid workers on the road to Birni on Friday."
    statements = [_statement("S1", text, None, None, text, kind="reporter")]
    _, events = run(nlp, text, statements=statements)
    assert events[0].asserted_by == ["S1"]
    assert events[0].denied_by == []


def test_denial_naming_the_event_denies_it_directly(nlp):
    text = "The army denied that its jets bombed the hospital in Kafr on Tuesday."
    statements = [
        _statement(
            "S1", text, "The army", "denied", "its jets bombed the hospital in Kafr on Tuesday", stance="deny"
        )
    ]
    _, events = run(nlp, text, statements=statements)
    strike = next(e for e in events if e.subtype == "Air/drone strike")
    assert strike.denied_by == ["S1"]
    assert "S1" not in strike.asserted_by


def test_empty_text_has_no_events(nlp):
    _, events = run(nlp, "")
    assert events == []


# --- rules and modality ---------------------------------------------------------------------------------


def test_names_do_not_fire_trigger_rules(nlp):
    text = "Fighters of the National Liberation Front met reporters in the town of Selim."
    _, events = run(nlp, text)
    assert all(e.subtype != "Government regains territory" for e in events)


def test_future_cooperation_is_coded_as_intent_to_agree(nlp):
    _, events = run(nlp, "Finland will give Tanzania a grant of five million dollars for new schools.")
    assert events[0].plover == "AGREE"


@pytest.mark.parametrize(
    "text",
    [
        "Rebels went on strike and set up a new base near the hills.",
        "A man was shot dead and his car was set on fire.",
        "They were behind the bombing, the ministry said.",
        "The mustard gas attack left many suffocating.",
        "Nothing happened in the quiet village today.",
    ],
)
def test_word_gate_never_hides_a_rule_match(text):
    from newsclaims.extract.event_rules import _compiled, rule_scores

    lowered = text.lower()
    ungated = {
        label: total
        for label, rules in _compiled().items()
        if (total := sum(w for pattern, w in rules if pattern.search(lowered)))
    }
    assert rule_scores(text) == ungated
