"""Claim matching: `ClaimMatcher` and `newsclaims match`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsclaims.cli import main
from newsclaims.corpus.match import ClaimMatcher

CLAIMS = [
    ("ground", "Russian ground forces are fighting in Idlib"),
    ("dam", "A dam burst flooded villages near Kherson"),
    ("siege", "Paramilitary fighters besieged El Fasher in North Darfur"),
]


def test_best_claim_for_paraphrases() -> None:
    matcher = ClaimMatcher(CLAIMS)
    assert matcher.best("Moscow denies its ground troops fight in Idlib province")[0] == "ground"
    assert matcher.best("Floods after the dam collapse near Kherson")[0] == "dam"
    assert matcher.best("RSF fighters besiege al-Fasher, Darfur's last army-held city")[0] == "siege"


def test_spelling_variants_match_through_character_ngrams() -> None:
    matcher = ClaimMatcher(CLAIMS)
    assert matcher.best("Besieged Al-Fashir awaits aid")[0] == "siege"


def test_unrelated_text_matches_nothing() -> None:
    matcher = ClaimMatcher(CLAIMS)
    claim, score = matcher.best("Quarterly earnings of the software company beat expectations")
    assert claim is None
    assert 0.0 <= score < 0.12


def test_no_claims_gives_null() -> None:
    assert ClaimMatcher([]).best_many(["anything"]) == [(None, 0.0)]


def test_texts_without_content_words_do_not_break_matching() -> None:
    claim, score = ClaimMatcher([("c", "the of")], ["and the"]).best("and the")
    assert claim in ("c", None) and 0.0 <= score <= 1.0
    assert ClaimMatcher([("c", "")], [""]).best("")[0] is None


def test_cli_match(tmp_path) -> None:
    claims = tmp_path / "claims.jsonl"
    claims.write_text("".join(json.dumps({"id": cid, "text": t}) + "\n" for cid, t in CLAIMS))
    texts = tmp_path / "texts.jsonl"
    texts.write_text(
        json.dumps({"id": "t1", "text": "Dam collapse floods Kherson villages"})
        + "\n"
        + json.dumps({"id": "t2", "text": "Chess champion wins again"})
        + "\n"
        + "{bad\n"
    )
    result = CliRunner().invoke(main, ["match", "--claims", str(claims), str(texts)])
    assert result.exit_code == 1  # the broken line
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert lines[0]["id"] == "t1" and lines[0]["claim"] == "dam" and lines[0]["score"] > 0.12
    assert lines[1] == {"id": "t2", "claim": None, "score": lines[1]["score"]}
    assert "error" in lines[2]


def _embeddings_available() -> bool:
    from newsclaims.corpus import embeddings

    return embeddings.available()


@pytest.mark.skipif(not _embeddings_available(), reason="the extra newsclaims[embeddings] (torch) is absent")
def test_embedding_matching_finds_a_paraphrase_without_shared_words() -> None:
    matcher = ClaimMatcher(CLAIMS, embeddings=True)
    assert matcher.best("Moscow's soldiers are in combat in Syria's northwest")[0] == "ground"
    assert matcher.best("Flooding after the dam collapse near Kherson")[0] == "dam"
