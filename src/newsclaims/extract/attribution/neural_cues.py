"""Cues decided with the neural cue scores, when the `newsclaims_neural_cues` component put them on the Doc.

The component (`attribution.neural`, extra `embeddings`) leaves each token's probabilities of (outside,
opening, inside) a cue in `doc.user_data[SCORES_KEY]`. Here a cue CRF trained to read them beside the usual
cue features (`neural_items`: the probabilities in bands, for the token and its neighbours) labels each
sentence; source and content then come from the usual role tagger. This module needs no torch: it reads
numbers off the Doc. Without the scores (the default pipeline) nothing here runs.
"""

from __future__ import annotations

import bisect
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from newsclaims.extract.attribution.cue_features import cue_items
from newsclaims.extract.attribution.cues import cue_lemma, stance_of
from newsclaims.extract.attribution.features import DocFeatures
from newsclaims.extract.attribution.tagger import AttributionTagger, TaggedAttribution, bio_segments

SCORES_KEY = "newsclaims.neural_cues"
MODEL_PACKAGE = "newsclaims.models.attribution.neural"
CUE_MODEL = "cue_neural.crfsuite"
BAND_EDGES = (0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.97)
"""Upper edges of the probability bands `0` .. `10` (binary CRF features stand in for a number)."""
_BANDS = tuple(str(k).encode() for k in range(len(BAND_EDGES) + 1))


def band(probability: float) -> bytes:
    """The band name of a probability.

    >>> band(0.01), band(0.5), band(0.99)
    (b'0', b'6', b'10')
    """
    return _BANDS[bisect.bisect_right(BAND_EDGES, probability)]


def neural_items(items: list[tuple[bytes, ...]], scores: np.ndarray) -> list[tuple[bytes, ...]]:
    """Cue tagger items with the neural scores added: the token's opening (`nb=`), inside (`ni=`) and cue
    (`nc=`, both) bands, and its neighbours' cue bands (`nc-1=`, `nc+1=`)."""
    cue = (scores[:, 1] + scores[:, 2]).tolist()
    opening, inside = scores[:, 1].tolist(), scores[:, 2].tolist()
    n = len(cue)
    rows = []
    for i, row in enumerate(items):
        rows.append(
            row
            + (
                b"nb=" + band(opening[i]),
                b"ni=" + band(inside[i]),
                b"nc=" + band(cue[i]),
                b"nc-1=" + (band(cue[i - 1]) if i else b"x"),
                b"nc+1=" + (band(cue[i + 1]) if i + 1 < n else b"x"),
            )
        )
    return rows


def model_path() -> Path:
    """Where the shipped neural cue CRF lives."""
    return Path(str(resources.files(MODEL_PACKAGE).joinpath(CUE_MODEL)))


@cache
def load_cue_tagger():
    """The neural cue CRF (pycrfsuite Tagger), or None when it is not shipped."""
    import pycrfsuite

    path = model_path()
    if not path.exists():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def neural_cues(features: DocFeatures, scores: np.ndarray) -> list[tuple[tuple[int, int], float]]:
    """Cue token ranges of each sentence by the neural cue CRF, with its sequence probability."""
    tagger = load_cue_tagger()
    items = neural_items(cue_items(features), scores)
    found = []
    for start, end in features.sents:
        tagger.set(items[start:end])
        labels = tagger.tag()
        segments = bio_segments(labels, start).get("CUE", [])
        if segments:
            probability = tagger.probability(labels)
            found.extend((segment, probability) for segment in segments)
    return found


def usable_scores(doc_scores: object, n_tokens: int) -> np.ndarray | None:
    """The Doc's neural scores when present, well-formed and a neural cue CRF is shipped; else None."""
    if not isinstance(doc_scores, np.ndarray) or doc_scores.shape != (n_tokens, 3):
        return None
    if load_cue_tagger() is None:
        return None
    return doc_scores


KEPT_STANCES = frozenset(("deny", "accuse", "confirm"))
"""Stances whose cues the plain cue CRF keeps when the neural one misses them: denials and accusations are what
newsclaims exists to find, and adding them back costs no precision on PolNeAR dev (every exact F1 +0.0003 to
+0.0004), while adding back all the CRF's cues costs half a point of cue F1."""


def tag_with_scores(
    tagger: AttributionTagger, features: DocFeatures, scores: np.ndarray
) -> list[TaggedAttribution]:
    """All attributions of a Doc: cues by the neural cue CRF, plus the plain cue CRF's denials, accusations and
    confirmations that overlap none of them; source and content by the role tagger."""
    cues = list(neural_cues(features, scores))
    for cue, probability in tagger.cues(features):
        overlaps = any(cue[0] < other[1] and other[0] < cue[1] for other, _ in cues)
        if not overlaps and stance_of(cue_lemma(features.doc[cue[0] : cue[1]]), False) in KEPT_STANCES:
            cues.append((cue, probability))
    results = []
    for cue, probability in sorted(cues):
        segments = tagger.roles(features, cue)
        results.append(
            TaggedAttribution(
                cue=cue, sources=segments.get("SRC", []), contents=segments.get("CON", []), score=probability
            )
        )
    return results
