"""The shipped linear event classifiers: sparse weights in JSON, scored in plain Python.

`training/train_events.py` fits them with scikit-learn and writes `src/newsclaims/models/events/*.json`;
at run time no scikit-learn is needed and scoring a sentence is a few dozen dictionary look-ups.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

from newsclaims.extract.event_features import Features

MODEL_PACKAGE = "newsclaims.models.events"


@dataclass(frozen=True)
class LinearModel:
    """A multinomial logistic regression: `classes`, `intercept` per class, sparse `weights` per feature."""

    name: str
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, dict[int, float]]

    def scores(self, features: Features) -> list[float]:
        """Raw class scores of a feature dict."""
        totals = list(self.intercept)
        for feature, value in features.items():
            row = self.weights.get(feature)
            if row:
                for index, weight in row.items():
                    totals[index] += weight * value
        return totals

    def proba(self, features: Features) -> dict[str, float]:
        """Class probabilities (softmax of the scores)."""
        scores = self.scores(features)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def weight(self, feature: str, label: str) -> float:
        """The weight of one feature for one class (0 when the model does not know it)."""
        row = self.weights.get(feature)
        return row.get(self.classes.index(label), 0.0) if row else 0.0

    def to_json(self) -> str:
        rows = {f: {str(i): round(w, 4) for i, w in row.items()} for f, row in sorted(self.weights.items())}
        data = {
            "name": self.name,
            "classes": list(self.classes),
            "intercept": [round(b, 4) for b in self.intercept],
        }
        return json.dumps({**data, "weights": rows}, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> LinearModel:
        data = json.loads(text)
        weights = {f: {int(i): float(w) for i, w in row.items()} for f, row in data["weights"].items()}
        return cls(data["name"], tuple(data["classes"]), tuple(data["intercept"]), weights)


@cache
def load_model(name: str) -> LinearModel | None:
    """The shipped model `name` (`acled` or `plover`), loaded once per process; None when not shipped."""
    try:
        text = resources.files(MODEL_PACKAGE).joinpath(f"{name}.json").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return LinearModel.from_json(text)
