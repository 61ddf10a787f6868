"""Statement spans: the source a participle shares with its clause, and content fragments kept and cut."""

from __future__ import annotations

import pytest

from newsclaims import analyze, nlp
from newsclaims.extract.attribution.features import doc_features
from newsclaims.extract.attribution.rules import according_to_roles
from newsclaims.extract.attribution.span_bounds import (
    end_candidates,
    load_model,
    refine_contents,
    sibling_cues,
    without_sibling_cues,
)
from newsclaims.extract.attribution.span_sources import refine_source, shared_subject


@pytest.fixture(scope="module")
def parse():
    model = nlp.load()
    return lambda text: doc_features(model(text))


def tokens_of(doc, words: str) -> tuple[int, int]:
    start = doc.text.index(words)
    span = doc.char_span(start, start + len(words))
    return span.start, span.end


def subject_of(features, cue_words: str) -> str | None:
    doc = features.doc
    cue = tokens_of(doc, cue_words)
    sentence = features.sents[features.sent_index[cue[0]]]
    found = shared_subject(doc, cue, sentence, features.in_quote)
    return None if found is None else doc[found[0] : found[1]].text


def test_participle_takes_the_subject_of_its_clause(parse):
    features = parse("The ministry attacked the rebels on Monday, saying they had broken the truce.")
    assert subject_of(features, "saying") == "The ministry"


def test_conjoined_verb_takes_the_shared_subject(parse):
    features = parse("The council condemned the bombing and called for an inquiry into the deaths.")
    assert subject_of(features, "called") == "The council"


def test_participle_after_a_preposition_climbs_over_it(parse):
    features = parse("After saying the bridge was safe, the engineer was dismissed by the city council.")
    assert subject_of(features, "saying") == "the engineer"


def test_passive_participle_has_no_speaker(parse):
    features = parse("Asked about the shelling, the general said his troops had held their positions.")
    assert subject_of(features, "Asked") is None


def test_cue_with_its_own_subject_is_left_to_the_tagger(parse):
    features = parse("The general denied the report about the shelling of the town.")
    assert subject_of(features, "denied") is None


def test_quoted_subject_is_not_a_source(parse):
    features = parse('"That proves nothing," the lawyer said, adding that the case would go on.')
    assert subject_of(features, "adding") == "the lawyer"


TEXT = "The mayor said the dam would hold, although engineers had warned about cracks in its wall."


def test_end_candidates_hold_the_tagged_end_and_clause_breaks(parse):
    features = parse(TEXT)
    doc = features.doc
    cue = tokens_of(doc, "said")
    content = (cue[1], tokens_of(doc, "wall")[1])
    candidates = end_candidates(features, content, cue, [])
    assert content[1] in candidates
    comma = tokens_of(doc, ", although")[0]
    assert comma in candidates  # the cut before ", although"
    assert all(content[0] < k <= content[1] for k in candidates)


def test_refine_cuts_where_the_model_says(parse):
    features = parse(TEXT)
    doc = features.doc
    cue = tokens_of(doc, "said")
    content = (cue[1], tokens_of(doc, "wall")[1])
    cut_before_comma = {"keep": {}, "end": {"nw=,": 5.0}}
    [(start, end)] = refine_contents(features, cue, [content], cut_before_comma)
    assert doc[start:end].text == "the dam would hold"
    unchanged = {"keep": {}, "end": {"orig": 5.0}}
    assert refine_contents(features, cue, [content], unchanged) == [content]


def test_refine_drops_the_fragment_the_keep_model_rejects_but_never_all(parse):
    features = parse('"We will rebuild," the mayor said on Tuesday, "and we will do it this year."')
    doc = features.doc
    cue = tokens_of(doc, "said")
    quoted = (0, tokens_of(doc, 'rebuild,"')[1])
    aside = tokens_of(doc, "on Tuesday")
    keep_quotes = {"keep": {"q=True": 5.0, "q=False": -5.0}, "end": {"orig": 50.0}}
    assert refine_contents(features, cue, [quoted, aside], keep_quotes) == [quoted]
    drop_everything = {"keep": {"bias": -50.0}, "end": {"orig": 50.0}}
    assert refine_contents(features, cue, [quoted, aside], drop_everything) == [quoted, aside]


def test_shipped_span_model_loads():
    model = load_model()
    if model is None:
        pytest.skip("span_bounds.json not shipped")
    assert set(model) == {"keep", "end", "source_end"}
    assert all(model.values())


def test_statement_from_participle_has_the_clause_subject_as_source():
    a = analyze(
        "The interior ministry accused the rebels of shelling the market on Monday, "
        "saying that at least twelve civilians had been killed."
    )
    saying = [s for s in a.statements if s.cue and a.text_of(s.cue.span) == "saying"]
    if not saying:
        pytest.skip("the cue tagger does not take 'saying' here")
    assert saying[0].source is not None
    assert a.text_of(saying[0].source.span) == "The interior ministry"


def test_refine_source_cuts_its_end_where_the_model_says(parse):
    features = parse("The plan will fail, said Jane Roe, a lawyer who has fought the plan for years.")
    doc = features.doc
    cue = tokens_of(doc, "said")
    source = (cue[1], tokens_of(doc, "years")[1])
    cut_at_comma = {"source_end": {"nw=,": 5.0}}
    assert doc[slice(*refine_source(features, cue, source, cut_at_comma))].text == "Jane Roe"
    assert refine_source(features, cue, source, {"source_end": {"orig": 5.0}}) == source


def according(text: str) -> dict[str, list[str]]:
    doc = nlp.load()(text)
    i = next(t.i for t in doc if t.lower_ == "according")
    roles = according_to_roles(doc, (i, i + 2))
    return {role: [doc[a:b].text for a, b in spans] for role, spans in roles.items()}


def test_according_to_content_drops_a_joining_conjunction():
    roles = according("And the economy grew by three percent last year, according to the ministry.")
    assert roles == {"SRC": ["the ministry"], "CON": ["the economy grew by three percent last year"]}


def test_according_to_content_keeps_the_closing_mark_of_its_quotation():
    roles = according('According to the report, the inspectors "saw no danger in the old bridge."')
    assert roles["CON"] == ['the inspectors "saw no danger in the old bridge."']


@pytest.mark.parametrize(
    ("text", "cue_word", "sibling_word", "last_word", "kept"),
    [
        (
            "The senator denied the report and accused the governor of lying about the costs.",
            "denied",
            "accused",
            "costs",
            "the report",
        ),
        (
            "The minister praised the agreement, adding that talks would resume in March.",
            "praised",
            "adding",
            "March",
            "the agreement",
        ),
    ],
    ids=["conjoined-cue", "adding-clause"],
)
def test_content_stops_before_a_sibling_cue(parse, text, cue_word, sibling_word, last_word, kept):
    features = parse(text)
    doc = features.doc
    cue, sibling = tokens_of(doc, cue_word), tokens_of(doc, sibling_word)
    content = (cue[1], tokens_of(doc, last_word)[1])
    cut = without_sibling_cues(features, cue[0], [content], sibling_cues(features, {cue[0], sibling[0]}))
    assert [doc[a:b].text for a, b in cut] == [kept]
    # Without the second cue, or for a cue that does not govern it, nothing changes.
    assert without_sibling_cues(features, cue[0], [content], sibling_cues(features, {cue[0]})) == [content]
    assert without_sibling_cues(
        features, sibling[0], [content], sibling_cues(features, {cue[0], sibling[0]})
    ) == [content]
