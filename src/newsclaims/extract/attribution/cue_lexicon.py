"""How often a word is a cue: per-lemma rates learned from PolNeAR train, as features for the cue tagger.

The CRF already weighs each lemma (`l=`), but a lemma seen a few times gets little or no weight under its L1
penalty. A rate bucket shares strength between words that behave alike (a speech verb seen a few times, a
cue each time, falls in the same bucket as "say"). Rates are kept per lemma (opening a cue, inside a cue)
and per lemma and dependency (a noun that is a cue as an object may seldom be one as a subject).

Training must not see rates computed from the very article it is on (they would look more reliable than
they are on new text): `training/train_attribution.py` gives each fold of train the rates of the others.
The shipped table (`models/attribution/cue_lexicon.json`) holds the rates of all of train.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path

LEXICON_FILE = "cue_lexicon.json"
MIN_COUNT = 3
"""Words seen fewer times than this in train have no rate (their bucket is `u`, unknown)."""
BUCKET_EDGES = (0.005, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7)
"""Upper edges of the rate buckets `0` .. `8` (bucket `0`: below 0.5%, almost never a cue)."""
_BUCKET_NAMES = tuple(str(k) for k in range(len(BUCKET_EDGES) + 1))

TokenRange = tuple[int, int]


def bucket(rate: float) -> str:
    """The bucket name of a rate.

    >>> bucket(0.0), bucket(0.04), bucket(0.9)
    ('0', '2', '8')
    """
    return _BUCKET_NAMES[bisect.bisect_right(BUCKET_EDGES, rate)]


@dataclasses.dataclass
class CueCounts:
    """Token counts from annotated articles: in all, opening a cue, inside a cue (after its first token)."""

    total: Counter = dataclasses.field(default_factory=Counter)
    begin: Counter = dataclasses.field(default_factory=Counter)
    inside: Counter = dataclasses.field(default_factory=Counter)
    by_dep: Counter = dataclasses.field(default_factory=Counter)
    by_dep_cue: Counter = dataclasses.field(default_factory=Counter)

    def add(self, lemmas: list[str], deps: list[str], cues: list[TokenRange]) -> None:
        """Count one article: each token's lemma and dependency, and the token ranges of its gold cues."""
        begins = {start for start, _end in cues}
        insides = {i for start, end in cues for i in range(start + 1, end)}
        for i, (lemma, dep) in enumerate(zip(lemmas, deps, strict=True)):
            self.total[lemma] += 1
            self.by_dep[lemma, dep] += 1
            if i in begins:
                self.begin[lemma] += 1
            elif i in insides:
                self.inside[lemma] += 1
            else:
                continue
            self.by_dep_cue[lemma, dep] += 1

    def __iadd__(self, other: CueCounts) -> CueCounts:
        for field in dataclasses.fields(self):
            getattr(self, field.name).update(getattr(other, field.name))
        return self


@dataclasses.dataclass
class CueLexicon:
    """Rate buckets by lemma (opening a cue, inside one) and by lemma and dependency (in a cue)."""

    begin: dict[str, str]
    inside: dict[str, str]
    by_dep: dict[str, str]
    """Keyed by `lemma|dep`."""

    @classmethod
    def from_counts(cls, counts: CueCounts, min_count: int = MIN_COUNT) -> CueLexicon:
        """Buckets of the words seen at least `min_count` times (the rest stay unknown)."""
        known = [lemma for lemma, n in counts.total.items() if n >= min_count]
        return cls(
            begin={lemma: bucket(counts.begin[lemma] / counts.total[lemma]) for lemma in known},
            inside={lemma: bucket(counts.inside[lemma] / counts.total[lemma]) for lemma in known},
            by_dep={
                f"{lemma}|{dep}": bucket(counts.by_dep_cue[lemma, dep] / n)
                for (lemma, dep), n in counts.by_dep.items()
                if n >= min_count
            },
        )

    def to_json(self) -> str:
        """The table as JSON (only the buckets above `0` and a list of the `0` words, to stay small)."""
        tables = {}
        for name in ("begin", "inside", "by_dep"):
            table = getattr(self, name)
            tables[name] = {
                "zero": sorted(k for k, v in table.items() if v == "0"),
                "rated": {k: v for k, v in sorted(table.items()) if v != "0"},
            }
        return json.dumps(tables, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> CueLexicon:
        tables = json.loads(text)
        parts = {}
        for name in ("begin", "inside", "by_dep"):
            table = dict.fromkeys(tables[name]["zero"], "0")
            table.update(tables[name]["rated"])
            parts[name] = table
        return cls(**parts)


def lexicon_path() -> Path:
    """Where the shipped lexicon lives."""
    return Path(str(resources.files("newsclaims.models.attribution").joinpath(LEXICON_FILE)))


@cache
def load_lexicon() -> CueLexicon | None:
    """The shipped lexicon (once per process), or None when it is missing."""
    path = lexicon_path()
    if not path.exists():
        return None
    return CueLexicon.from_json(path.read_text(encoding="utf-8"))


FOLDS = 5


def fold_lexicons(counts: list[CueCounts], folds: int = FOLDS) -> tuple[list[CueLexicon], CueLexicon]:
    """For training: each article's lexicon built from the other folds' articles (article k is in fold
    k mod `folds`), and the lexicon of all of them (the one to ship)."""
    fold_counts = [CueCounts() for _ in range(folds)]
    for k, article in enumerate(counts):
        fold_counts[k % folds] += article
    total = CueCounts()
    for part in fold_counts:
        total += part
    held_out = []
    for fold in range(folds):
        rest = CueCounts()
        for other, part in enumerate(fold_counts):
            if other != fold:
                rest += part
        held_out.append(CueLexicon.from_counts(rest))
    return [held_out[k % folds] for k in range(len(counts))], CueLexicon.from_counts(total)
