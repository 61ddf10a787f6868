"""Stance of a text toward a claim: `supports`, `denies`, `reports` (repeats without endorsing) or `unrelated`.

Two small linear models ship in `newsclaims/models/stance/` (trained by `training/train_stance.py`):
- `headline`: short texts (a headline, a statement's content, one or two sentences) against a claim; trained on
  Emergent's train split, with negative pairs (a headline against another claim) for `unrelated`;
- `body`: whole articles against a claim; trained on FNC-1's training ids (the hold-out ids are kept for the
  benchmark).
Each is two stages: related or not (similarity features), then supports / denies / reports (cue features, the
words the text adds to the claim; for headlines also `stance_cues.framing_features`: confirming or speculative
wording, questions). The headline model adds a second stance classifier over the text's wording with
the claim's words masked (`features.wording_features`), and averages the two in log space.
With the extra `newsclaims[embeddings]`, `classify_stance(..., embeddings=True)` mixes in, for short texts, the
stance probabilities of an ensemble of fine-tuned cross-encoders (`stance_neural`), again in log space.

>>> classify_stance("Banksy was arrested", "Police deny reports that Banksy was arrested").stance
'denies'
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import numpy as np

from newsclaims.corpus.features import (
    HEDGING,
    NEGATIONS,
    REFUTING,
    content_tokens,
    cue_features,
    novel_word_features,
    sentences,
    similarity_features,
    tfidf_cosine,
    tokens,
    wording_features,
    wording_terms,
)
from newsclaims.corpus.linear import LinearModel
from newsclaims.corpus.stance_cues import framing_features

STANCES = ("supports", "denies", "reports", "unrelated")
MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "stance"
# below this probability of being related a pair is `unrelated`. Low for headlines: a headline checked against
# a claim is nearly always about it (Emergent has no unrelated pairs; the negatives are random ones), and a
# terse headline ("World's oldest burger") shares few words with its claim.
RELATED_THRESHOLD = {"headline": 0.05, "body": 0.5}
# a text longer than this many words is read as an article body, shorter as a headline or a statement
BODY_MIN_WORDS = 40
# weight of the wording classifier against the feature classifier (log-linear mix; Emergent's claim-grouped folds)
WORDING_WEIGHT = 0.5
RELATED_STANCES = ("supports", "denies", "reports")
# weight of the cross-encoder ensemble against the lexical stance distribution with `embeddings=True` (log-linear
# mix; every one of Emergent's claim-grouped folds chose 0.3 on the other nine folds' predictions)
NEURAL_WEIGHT = 0.3


@dataclasses.dataclass
class StancePrediction:
    """The stance of one text toward one claim, its probability, and all class probabilities."""

    stance: str
    score: float
    probabilities: dict[str, float]


@dataclasses.dataclass
class Idf:
    """Inverse document frequencies of stemmed content words, from the training texts."""

    values: dict[str, float]
    default: float

    @classmethod
    def fit(cls, documents: Iterable[str], min_df: int = 2) -> Idf:
        df: Counter[str] = Counter()
        n = 0
        for doc in documents:
            n += 1
            df.update(set(content_tokens(doc)))
        values = {w: float(np.log((1 + n) / (1 + c)) + 1) for w, c in df.items() if c >= min_df}
        return cls(values, float(np.log((1 + n) / 2) + 1))

    @classmethod
    def fit_terms(cls, term_sets: Iterable[Iterable[str]], min_df: int = 2) -> Idf:
        """Like `fit`, over ready-made terms (n-grams) instead of the content words of texts."""
        df: Counter[str] = Counter()
        n = 0
        for terms in term_sets:
            n += 1
            df.update(set(terms))
        values = {t: float(np.log((1 + n) / (1 + c)) + 1) for t, c in df.items() if c >= min_df}
        return cls(values, float(np.log((1 + n) / 2) + 1))

    def save(self, path: Path) -> None:
        words = sorted(self.values)
        np.savez_compressed(
            path,
            words=np.array(json.dumps(words)),
            values=np.array([self.values[w] for w in words], dtype=np.float16),
            default=np.array(self.default),
        )

    @classmethod
    def load(cls, path: Path) -> Idf:
        with np.load(path, allow_pickle=False) as data:
            words = json.loads(str(data["words"]))
            return cls(
                dict(zip(words, data["values"].astype(float).tolist(), strict=True)), float(data["default"])
            )


def headline_features(claim: str, text: str, idf: Idf) -> dict[str, float]:
    """Features of a short text (headline, statement) against a claim."""
    cw, tw = tokens(claim), tokens(text)
    feats = similarity_features(claim, text, idf.values, idf.default)
    feats.update(cue_features(cw, tw, "h:"))
    feats.update(novel_word_features(cw, tw))
    feats.update(attribution_features(text))
    feats.update(framing_features(claim, text))
    feats["claim_qmark"] = float("?" in claim)
    feats["bias"] = 1.0
    return feats


_SOURCE_COLON = re.compile(r"^[^:]{2,40}:\s")
_SAYS_END = re.compile(r"\b(?:says?|said|claims?|reports?|warns?|insists?|suggests?)[\s,.!?'\"]*$", re.I)
_QUOTED = re.compile(r"[\"“'‘][^\"”'’]{3,}[\"”'’]")


def attribution_features(text: str) -> dict[str, float]:
    """Surface marks of a text that repeats someone else's word: "Police: ...", "..., monitors say", quotes, "?"."""
    return {
        "qmark": float("?" in text),
        "source_colon": float(bool(_SOURCE_COLON.match(text))),
        "says_end": float(bool(_SAYS_END.search(text))),
        "quoted": float(bool(_QUOTED.search(text))),
        "exclaim": float("!" in text),
    }


def _ranked_sentences(claim_words: list[str], body: str, idf: Idf) -> list[tuple[float, int, str]]:
    out = []
    for i, sent in enumerate(sentences(body)):
        out.append((tfidf_cosine(claim_words, content_tokens(sent), idf.values, idf.default), i, sent))
    out.sort(key=lambda x: (-x[0], x[1]))
    return out


def body_features(claim: str, body: str, idf: Idf) -> dict[str, float]:
    """Features of a whole article against a claim: similarity of the body, its lead and its best sentences;
    the cues of the sentences that talk about the claim, and of the whole body."""
    claim_content = content_tokens(claim)
    ranked = _ranked_sentences(claim_content, body, idf)
    feats = similarity_features(claim, body, idf.values, idf.default, "b:")
    top = [s for _, _, s in ranked[:3]]
    lead = [s for _, i, s in sorted(ranked, key=lambda x: x[1])[:2]]
    sims = [c for c, _, _ in ranked] or [0.0]
    feats.update(similarity_features(claim, " ".join(top), idf.values, idf.default, "top:"))
    feats.update(similarity_features(claim, " ".join(lead), idf.values, idf.default, "lead:"))
    feats["max_sent_cos"] = sims[0]
    feats[f"max_sent_cos_b={sum(sims[0] >= e for e in (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6))}"] = 1.0
    feats[f"n_sent_related={min(sum(s >= 0.2 for s in sims), 6)}"] = 1.0
    cw = tokens(claim)
    focus = tokens(" ".join(dict.fromkeys(top + lead)))
    # no per-word cue or novel-word features here: on FNC-1 they learn the few bodies of each claim, not denial
    feats.update(cue_features(cw, focus, "f:", with_words=False))
    feats.update(cue_features(cw, tokens(body), "b:", with_words=False))
    feats.update(_related_sentence_cues(cw, ranked))
    # the claim's own wording ("Report:", "?", "allegedly") says much about how outlets will treat it
    for w in set(cw):
        feats[f"claim:{w}"] = 1.0
    feats["claim_qmark"] = float("?" in claim)
    feats["bias"] = 1.0
    return feats


def _related_sentence_cues(claim_words: list[str], ranked: list[tuple[float, int, str]]) -> dict[str, float]:
    """Refuting and hedging words inside the sentences that speak of the claim: a denial sits next to what it
    denies ("the ministry denied that its troops ..."), not anywhere in the article."""
    claim_set = set(claim_words)
    best_refute = best_hedge = best_neg = 0
    n_refuting = 0
    for sim, _, sent in ranked[:5]:
        if sim < 0.1:
            break
        words = tokens(sent)
        refute = sum(w in REFUTING and w not in claim_set for w in words)
        hedge = sum(w in HEDGING and w not in claim_set for w in words)
        neg = sum(w in NEGATIONS and w not in claim_set for w in words)
        best_refute, best_hedge, best_neg = (
            max(best_refute, refute),
            max(best_hedge, hedge),
            max(best_neg, neg),
        )
        n_refuting += refute > 0
    feats = {
        f"rs:refute={min(best_refute, 3)}": 1.0,
        f"rs:hedge={min(best_hedge, 3)}": 1.0,
        f"rs:neg={min(best_neg, 3)}": 1.0,
        f"rs:n_refuting={min(n_refuting, 3)}": 1.0,
    }
    if ranked and ranked[0][0] >= 0.1:
        top = tokens(ranked[0][2])
        feats["rs:top_refute"] = float(any(w in REFUTING and w not in claim_set for w in top))
        feats["rs:top_neg"] = float(any(w in NEGATIONS and w not in claim_set for w in top))
    return feats


# features that tell the stance, not whether the texts are about the same thing: kept out of stage one
_STANCE_ONLY_PREFIXES = (
    "new:",
    "fnew:",
    "claim:",
    "h:",
    "f:",
    "fr:",
    "b:refute",
    "b:hedge",
    "b:neg",
    "b:claimneg",
    "rs:",
)


def relatedness_features(features: Mapping[str, float]) -> dict[str, float]:
    """The subset of pair features that says whether the texts are about the same thing (stage one)."""
    return {k: v for k, v in features.items() if not k.startswith(_STANCE_ONLY_PREFIXES)}


def mix_log_linear(a: Mapping[str, float], b: Mapping[str, float], weight_b: float) -> dict[str, float]:
    """Weighted geometric mean of two class distributions, renormalised (a product of experts)."""
    logs = {k: (1 - weight_b) * np.log(a[k] + 1e-9) + weight_b * np.log(b.get(k, 0.0) + 1e-9) for k in a}
    top = max(logs.values())
    exp = {k: float(np.exp(v - top)) for k, v in logs.items()}
    total = sum(exp.values())
    return {k: v / total for k, v in exp.items()}


@dataclasses.dataclass
class StanceModel:
    """One two-stage model: `related` (related vs unrelated) then `stance` (supports/denies/reports); a headline
    model may add `wording`, a second stance classifier over `wording_features` (with its own n-gram idf)."""

    kind: str  # "headline" or "body"
    idf: Idf
    related: LinearModel
    stance: LinearModel
    wording: LinearModel | None = None
    wording_idf: Idf | None = None

    def features(self, claim: str, text: str) -> dict[str, float]:
        if self.kind == "body":
            return body_features(claim, text, self.idf)
        return headline_features(claim, text, self.idf)

    def wording_features(self, claim: str, text: str) -> dict[str, float] | None:
        if self.wording is None or self.wording_idf is None:
            return None
        return wording_features(claim, text, self.wording_idf.values, self.wording_idf.default)

    def predict_features(
        self,
        feats: Mapping[str, float],
        wording: Mapping[str, float] | None = None,
        *,
        related: bool | None = None,
        neural: Mapping[str, float] | None = None,
    ) -> StancePrediction:
        """`related=True` when the caller already knows the text is about the claim (a matched or linked
        pair): the answer is then one of supports/denies/reports, never `unrelated`. `neural`: another stance
        distribution over supports/denies/reports (the cross-encoder's) to mix in with `NEURAL_WEIGHT`."""
        p_related = self.related.predict_proba(relatedness_features(feats)).get("related", 0.0)
        stance = self.stance.predict_proba(feats)
        if wording is not None and self.wording is not None:
            stance = mix_log_linear(stance, self.wording.predict_proba(wording), WORDING_WEIGHT)
        if neural is not None:
            stance = mix_log_linear(stance, neural, NEURAL_WEIGHT)
        if related:
            best = max(RELATED_STANCES, key=stance.__getitem__)
            return StancePrediction(best, stance[best], {k: stance.get(k, 0.0) for k in STANCES})
        probs = {k: v * p_related for k, v in stance.items()}
        probs["unrelated"] = 1.0 - p_related
        if p_related < RELATED_THRESHOLD[self.kind]:
            return StancePrediction("unrelated", probs["unrelated"], probs)
        best = max(RELATED_STANCES, key=probs.__getitem__)
        return StancePrediction(best, probs[best] / p_related, probs)

    def predict(
        self,
        claim: str,
        text: str,
        *,
        related: bool | None = None,
        neural: Mapping[str, float] | None = None,
    ) -> StancePrediction:
        return self.predict_features(
            self.features(claim, text), self.wording_features(claim, text), related=related, neural=neural
        )

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.idf.save(directory / f"{self.kind}-idf.npz")
        self.related.save(directory / f"{self.kind}-related.npz")
        self.stance.save(directory / f"{self.kind}-stance.npz")
        if self.wording is not None and self.wording_idf is not None:
            self.wording.save(directory / f"{self.kind}-wording.npz")
            self.wording_idf.save(directory / f"{self.kind}-wording-idf.npz")

    @classmethod
    def load(cls, directory: Path, kind: str) -> StanceModel:
        wording = directory / f"{kind}-wording.npz"
        has_wording = wording.exists()
        return cls(
            kind,
            Idf.load(directory / f"{kind}-idf.npz"),
            LinearModel.load(directory / f"{kind}-related.npz"),
            LinearModel.load(directory / f"{kind}-stance.npz"),
            LinearModel.load(wording) if has_wording else None,
            Idf.load(directory / f"{kind}-wording-idf.npz") if has_wording else None,
        )


def wording_idf_of(pairs: Iterable[tuple[str, str]]) -> Idf:
    """Document frequencies of the wording n-grams over (claim, text) pairs."""
    return Idf.fit_terms(set(w) | set(c) for w, c in (wording_terms(claim, text) for claim, text in pairs))


@cache
def load_model(kind: str, directory: str | None = None) -> StanceModel:
    """The shipped model of `kind` ("headline" or "body"), loaded once per process."""
    return StanceModel.load(Path(directory) if directory else MODEL_DIR, kind)


def is_body(text: str) -> bool:
    """Whether `text` is long enough to be read as an article body rather than a headline or a statement."""
    return len(text.split()) > BODY_MIN_WORDS


def classify_stance(
    claim: str, text: str, *, related: bool | None = None, embeddings: bool = False
) -> StancePrediction:
    """Stance of `text` (a headline, a statement or a whole article) toward `claim`; `related=True` when the pair
    is known to be about the same thing (matched or linked), which rules `unrelated` out. `embeddings=True`
    (extra `newsclaims[embeddings]`) mixes the fine-tuned cross-encoder into the stance of a short text; an
    article body keeps the lexical body model (the cross-encoder was trained on headlines).

    >>> classify_stance("Russian troops fight in Syria", "Russia denies its troops fight in Syria").stance
    'denies'
    """
    model = load_model("body" if is_body(text) else "headline")
    neural = None
    if embeddings and model.kind == "headline":
        from newsclaims.corpus import stance_neural  # imports torch: only on request

        neural = stance_neural.stance_probabilities(claim, text)
    return model.predict(claim, text, related=related, neural=neural)
