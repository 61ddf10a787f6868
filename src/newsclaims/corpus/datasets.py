"""Readers for the stance gold data (Emergent, FNC-1) in `../shared/data/stance`, for training and benchmarks.

Nothing here is shipped data: these functions read the third-party files where they lie.
"""

from __future__ import annotations

import csv
import dataclasses
import os
from pathlib import Path

# gold labels of each set -> newsclaims stances
EMERGENT_STANCE = {"for": "supports", "against": "denies", "observing": "reports"}
FNC_STANCE = {"agree": "supports", "disagree": "denies", "discuss": "reports", "unrelated": "unrelated"}
FNC_LABEL = {v: k for k, v in FNC_STANCE.items()}


def stance_data_dir() -> Path:
    """`$NEWSCLAIMS_STANCE_DATA`, else `../shared/data/stance` from the repository root."""
    env = os.environ.get("NEWSCLAIMS_STANCE_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "data" / "stance"


@dataclasses.dataclass
class Pair:
    """One labelled (claim, text) pair."""

    claim: str
    text: str
    stance: str
    claim_id: str = ""
    text_id: str = ""


def read_emergent(path: Path) -> list[Pair]:
    """Rows of an Emergent `url-versions-*.csv` file as pairs (claim headline, article headline)."""
    with open(path, newline="", encoding="utf-8") as f:
        return [
            Pair(
                r["claimHeadline"],
                r["articleHeadline"],
                EMERGENT_STANCE[r["articleHeadlineStance"]],
                r["claimId"],
                r["articleId"],
            )
            for r in csv.DictReader(f)
        ]


def emergent_folds(root: Path | None = None) -> list[tuple[list[Pair], list[Pair]]]:
    """The ten claim-grouped (train, test) folds over Emergent's train split."""
    folds = (root or stance_data_dir()) / "emergent" / "folds"
    prefix = "url-versions-2015-06-14-clean"
    return [
        (
            read_emergent(folds / f"{prefix}-train-fold-{k}.csv"),
            read_emergent(folds / f"{prefix}-test-fold-{k}.csv"),
        )
        for k in range(1, 11)
    ]


def emergent_test(root: Path | None = None) -> list[Pair] | None:
    """Emergent's test split (60 claims), or None where it is withheld (as in the copy developed on)."""
    path = (root or stance_data_dir()) / "emergent" / "url-versions-2015-06-14-clean-test.csv"
    return read_emergent(path) if path.exists() else None


def _fnc_pairs(stances: Path, bodies_csv: Path) -> list[Pair]:
    with open(bodies_csv, newline="", encoding="utf-8") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    with open(stances, newline="", encoding="utf-8") as f:
        return [
            Pair(r["Headline"], bodies[r["Body ID"]], FNC_STANCE[r["Stance"]], r["Headline"], r["Body ID"])
            for r in csv.DictReader(f)
        ]


def fnc_competition_test(root: Path | None = None) -> list[Pair] | None:
    """FNC-1's competition test set (25,413 pairs), or None where it is withheld."""
    base = (root or stance_data_dir()) / "fnc-1"
    stances, bodies = base / "competition_test_stances.csv", base / "competition_test_bodies.csv"
    return _fnc_pairs(stances, bodies) if stances.exists() and bodies.exists() else None


def read_fnc(root: Path | None = None) -> tuple[list[Pair], list[Pair]]:
    """FNC-1 training data split by body id into (training ids, hold-out ids) pairs (headline, body)."""
    base = (root or stance_data_dir()) / "fnc-1"
    hold_out = set((base / "splits" / "hold_out_ids.txt").read_text().split())
    train, test = [], []
    for pair in _fnc_pairs(base / "train_stances.csv", base / "train_bodies.csv"):
        (test if pair.text_id in hold_out else train).append(pair)
    return train, test
