"""Claim matching: which of a set of claims a text states (`newsclaims match`), by lexical similarity.

The score of a (claim, text) pair mixes a TF-IDF cosine over stemmed words and bigrams with one over character
n-grams (robust to "Baghdadi"/"al-Baghdadi", "Kobane"/"Kobani"), both fitted on the claims and texts at hand,
so that words frequent across the claims weigh little.

>>> m = ClaimMatcher([("c1", "Russian troops fight in Syria"), ("c2", "Apple buys Path")])
>>> m.best("Russia denies its troops are fighting in Syria")[0]
'c1'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from newsclaims.corpus.features import tokens

# below this score a text matches no claim (`newsclaims match` gives null); chosen on Emergent's train folds
MATCH_THRESHOLD = 0.12
EMBEDDING_WEIGHT = 0.5  # with `embeddings=True`: weight of the sentence-embedding cosine (Emergent folds)
WORD_WEIGHT = 0.5  # weight of the word cosine against the character n-gram cosine


def _analyzer(text: str) -> list[str]:
    words = tokens(text, drop_stop_words=True)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


class ClaimMatcher:
    """Scores texts against a fixed list of claims (ids and texts)."""

    def __init__(
        self, claims: Sequence[tuple[str, str]], extra_texts: Iterable[str] = (), *, embeddings: bool = False
    ) -> None:
        """`embeddings=True` mixes in the cosine of all-MiniLM-L6-v2 sentence embeddings (extra
        `newsclaims[embeddings]`), weighted `EMBEDDING_WEIGHT`."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.ids = [cid for cid, _ in claims]
        texts = [t for _, t in claims]
        corpus = texts + list(extra_texts)
        self.claim_embeddings = None
        if not self.ids:
            return
        if embeddings:
            from newsclaims.corpus import embeddings as emb

            self.claim_embeddings = emb.encode(texts)
        self.words = self.chars = None
        self.claim_words = self.claim_chars = None
        try:  # texts of stop words only (or of no word at all) leave a vectorizer without vocabulary
            self.words = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True).fit(corpus)
            self.claim_words = self.words.transform(texts)
        except ValueError:
            self.words = None
        try:
            self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit(
                corpus
            )
            self.claim_chars = self.chars.transform(texts)
        except ValueError:
            self.chars = None

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """A (len(texts), n_claims) matrix of similarity scores in [0, 1]."""
        zeros = np.zeros((len(texts), len(self.ids)))
        w = (self.words.transform(texts) @ self.claim_words.T).toarray() if self.words else zeros
        c = (self.chars.transform(texts) @ self.claim_chars.T).toarray() if self.chars else zeros
        lexical = WORD_WEIGHT * w + (1 - WORD_WEIGHT) * c
        if self.claim_embeddings is None:
            return lexical
        from newsclaims.corpus import embeddings as emb

        cosine = emb.encode(list(texts)) @ self.claim_embeddings.T
        return EMBEDDING_WEIGHT * np.clip(cosine, 0.0, 1.0) + (1 - EMBEDDING_WEIGHT) * lexical

    def best(self, text: str, threshold: float = MATCH_THRESHOLD) -> tuple[str | None, float]:
        """The id of the best-matching claim (None below `threshold`) and its score."""
        return self.best_many([text], threshold)[0]

    def best_many(
        self, texts: Sequence[str], threshold: float = MATCH_THRESHOLD
    ) -> list[tuple[str | None, float]]:
        """`best` for many texts at once (one sparse product)."""
        if not self.ids or not texts:
            return [(None, 0.0) for _ in texts]
        s = self.scores(texts)
        out = []
        for row in s:
            j = int(row.argmax())
            score = float(row[j])
            out.append((self.ids[j] if score >= threshold else None, round(score, 4)))
        return out
