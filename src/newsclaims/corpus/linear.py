"""A multinomial linear model over named sparse features, stored as plain arrays (no pickle).

Training uses scikit-learn (`fit_linear`); prediction is a dot product over the features a pair has, so loading
the shipped weights needs only numpy and does not depend on the scikit-learn version that trained them.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np


@dataclasses.dataclass
class LinearModel:
    """Weights of a softmax (or, with two classes, logistic) classifier over named features."""

    classes: list[str]
    names: dict[str, int]
    coef: np.ndarray  # (n_classes or 1, n_features)
    intercept: np.ndarray  # (n_classes or 1,)

    def scores(self, features: Mapping[str, float]) -> np.ndarray:
        """Raw decision values, one per row of `coef`."""
        total = self.intercept.astype(np.float64).copy()
        for name, value in features.items():
            j = self.names.get(name)
            if j is not None and value:
                total += self.coef[:, j] * value
        return total

    def predict_proba(self, features: Mapping[str, float]) -> dict[str, float]:
        """Class probabilities for one feature dict."""
        s = self.scores(features)
        if len(self.classes) == 2 and s.shape[0] == 1:
            p = 1.0 / (1.0 + math.exp(-float(s[0])))
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        s = s - s.max()
        e = np.exp(s)
        e /= e.sum()
        return {c: float(p) for c, p in zip(self.classes, e, strict=True)}

    def save(self, path: Path) -> None:
        """Write the weights as a compressed .npz (float16 weights: a few MB at most)."""
        ordered = sorted(self.names, key=self.names.__getitem__)
        np.savez_compressed(
            path,
            coef=self.coef.astype(np.float16),
            intercept=self.intercept.astype(np.float32),
            names=np.array(json.dumps(ordered)),
            classes=np.array(json.dumps(self.classes)),
        )

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        with np.load(path, allow_pickle=False) as data:
            names = json.loads(str(data["names"]))
            return cls(
                classes=json.loads(str(data["classes"])),
                names={n: i for i, n in enumerate(names)},
                coef=data["coef"].astype(np.float32),
                intercept=data["intercept"].astype(np.float32),
            )


def fit_linear(
    features: Sequence[Mapping[str, float]],
    labels: Sequence[str],
    *,
    c: float = 1.0,
    class_weight: dict[str, float] | str | None = None,
    min_count: int = 2,
) -> LinearModel:
    """Fit an L2 logistic regression on feature dicts; features seen fewer than `min_count` times are dropped."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    counts = Counter(name for f in features for name in f)
    kept = [{k: v for k, v in f.items() if counts[k] >= min_count} for f in features]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(kept)
    model = LogisticRegression(C=c, max_iter=3000, class_weight=class_weight)
    # one BLAS thread: on a busy machine, threads fighting over the cores made each fit 30-50x slower
    with threadpool_limits(limits=1):
        model.fit(x, list(labels))
    coef = model.coef_
    names = {n: i for i, n in enumerate(vectorizer.get_feature_names_out())}
    # drop features whose weights are all ~0 to keep the shipped file small
    keep = np.abs(coef).max(axis=0) > 1e-4
    index = np.flatnonzero(keep)
    remap = {n: int(np.searchsorted(index, i)) for n, i in names.items() if keep[i]}
    return LinearModel(
        classes=[str(c) for c in model.classes_],
        names=remap,
        coef=coef[:, index].astype(np.float32),
        intercept=model.intercept_.astype(np.float32),
    )
