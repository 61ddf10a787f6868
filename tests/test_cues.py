"""The cue tagger's own features: the cue lexicon (rates learned from PolNeAR train) and the sentence frame."""

from __future__ import annotations

import pytest

from newsclaims import analyze
from newsclaims.extract.attribution.cue_features import cue_items, frame_features, lexicon_features
from newsclaims.extract.attribution.cue_lexicon import CueCounts, CueLexicon, bucket, load_lexicon
from newsclaims.extract.attribution.features import doc_features
from newsclaims.nlp import load


@pytest.fixture(scope="module")
def nlp():
    return load()


def _features(nlp, text: str):
    doc = nlp(text)
    return doc, doc_features(doc)


def _index(doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


def test_bucket_orders_rates():
    assert bucket(0.0) == "0"
    assert int(bucket(0.06)) < int(bucket(0.3)) < int(bucket(0.95))
    assert bucket(1.0) == "8"


def test_counts_tell_opening_from_inside_tokens():
    counts = CueCounts()
    counts.add(["he", "have", "say", "it"], ["nsubj", "aux", "ROOT", "dobj"], [(1, 3)])
    counts.add(["she", "say", "so"], ["nsubj", "ROOT", "advmod"], [(1, 2)])
    assert counts.begin["have"] == 1 and counts.inside["say"] == 1 and counts.begin["say"] == 1
    assert counts.total["say"] == 2 and counts.by_dep_cue["say", "ROOT"] == 2
    lexicon = CueLexicon.from_counts(counts, min_count=2)
    assert lexicon.begin["say"] == bucket(0.5) and lexicon.inside["say"] == bucket(0.5)
    assert "he" not in lexicon.begin  # seen once: unknown
    assert lexicon.by_dep["say|ROOT"] == "8"


def test_lexicon_round_trips_through_json():
    counts = CueCounts()
    counts.add(["they", "deny", "it", "."], ["nsubj", "ROOT", "dobj", "punct"], [(1, 2)])
    lexicon = CueLexicon.from_counts(counts, min_count=1)
    assert CueLexicon.from_json(lexicon.to_json()) == lexicon


def test_shipped_lexicon_rates_speech_verbs_above_function_words():
    lexicon = load_lexicon()
    if lexicon is None:
        pytest.skip("no shipped cue lexicon")
    assert int(lexicon.begin["say"]) >= 7
    assert int(lexicon.begin["accuse"]) > int(lexicon.begin["eat"])
    assert lexicon.begin["the"] == "0"


def test_frame_features_mark_quotes_complements_and_prepositions(nlp):
    doc, features = _features(
        nlp, 'She accused him of fraud. "We won," he said. The mayor argued that taxes would rise.'
    )
    frames = frame_features(features)
    accused, of, argued, mayor = (_index(doc, w) for w in ("accused", "of", "argued", "mayor"))
    assert b"lp=accuse|of" in frames[accused] and b"hp=accuse|of" in frames[of]
    assert b"cmark=that" in frames[argued]
    said = _index(doc, "said")
    assert b"sq" in frames[said] and b"sq" not in frames[mayor] and b"sq" not in frames[argued]


def test_lexicon_features_give_the_token_its_head_and_neighbours_rates(nlp):
    doc, features = _features(nlp, "Officials denied it.")
    lexicon = CueLexicon(
        begin={"deny": "8", "official": "1"}, inside={"deny": "0", "official": "0"}, by_dep={}
    )
    rows = lexicon_features(features, lexicon)
    denied, officials = _index(doc, "denied"), _index(doc, "Officials")
    assert b"lxb=8" in rows[denied] and b"lxi=0" in rows[denied]
    assert b"-1lxb=1" in rows[denied] and b"+1lxb=u" in rows[denied]
    assert b"hlx=8|nsubj" in rows[officials] and b"+1lxb=8" in rows[officials]


def test_cue_items_extend_the_shared_rows(nlp):
    _doc, features = _features(nlp, '"It is over," the minister said on Friday.')
    lexicon = CueLexicon(begin={}, inside={}, by_dep={})
    items = cue_items(features, lexicon)
    assert len(items) == len(features.cue_items)
    for row, shared in zip(items, features.cue_items, strict=True):
        assert row[: len(shared)] == shared and all(isinstance(f, bytes) for f in row)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The senator accused the governor of hiding the report.", "accused"),
        ("The union believes that the strike will end soon.", "believes"),
        ('"We will rebuild the bridge," the mayor told reporters.', "told"),
    ],
)
def test_cues_beyond_said_are_found(text, cue):
    analysis = analyze(text)
    cues = [analysis.text_of(s.cue.span) for s in analysis.statements if s.cue is not None]
    assert any(cue in found for found in cues)
