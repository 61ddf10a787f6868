"""Lexical features of a (claim, text) pair for stance and matching: no parser, no torch.

Everything here is a small pure function of strings, so the same code serves `newsclaims stance` on raw pairs,
the benchmark on FNC-1 and Emergent, and the store's claims (whose texts were already extracted).

>>> tokens("Russia denied its troops were fighting")
['russia', 'deni', 'its', 'troop', 'were', 'fight']
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n+")

STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can did do does doing down during each few for from further had has have having he her here hers
    herself him himself his how i if in into is it its itself just me more most my myself now of off on once only
    or other our ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were what when where
    which while who whom why will with you your yours yourself yourselves s t""".split()
)


def stem(word: str) -> str:
    """A light suffix stripper, enough to meet "denies"/"denied"/"deny" and "troops"/"troop".

    >>> [stem(w) for w in ["denies", "denied", "fighting", "troops", "killed", "reportedly"]]
    ['deni', 'deni', 'fight', 'troop', 'kill', 'report']
    """
    w = word.lower().replace("’", "'")
    if len(w) <= 3:
        return w
    for suffix, repl in (
        ("edly", ""),
        ("ingly", ""),
        ("ies", "i"),
        ("ied", "i"),
        ("ying", "y"),
        ("ing", ""),
        ("ed", ""),
        ("ly", ""),
        ("es", ""),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + repl
            break
    if w.endswith("y") and len(w) > 3:
        w = w[:-1] + "i"
    return w


# Cue word lists, in stemmed form (see `stem`): refuting, negating, hedging, attributing words.
def _stems(words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words.split())


REFUTING = _stems(
    """fake fraud hoax hoaxes false falsely deny denies denied denial denying nope doubt doubts doubtful bogus
    debunk debunks debunked debunking prank pranks retract retracts retracted retraction untrue myth incorrect
    wrong misleading lie lies lied baseless dismiss dismisses dismissed reject rejects rejected refute refutes
    refuted rebut rebuts rebutted satire satirical parody photoshopped fabricated fabrication nonsense groundless
    unfounded contradict contradicts contradicted fiction spoof debunk hoaxer rumour-mill conspiracy insists"""
)
NEGATIONS = _stems(
    """not no never nothing none neither nor without isn't wasn't aren't weren't didn't doesn't don't won't
    hasn't haven't can't cannot couldn't wouldn't shouldn't n't"""
)
HEDGING = _stems(
    """reportedly allegedly alleged report reports reported according claim claims claimed rumor rumors rumored
    rumour rumours rumoured may might could possibly possible apparently apparent unconfirmed purportedly
    purported suspected suspect believed appears appear seems seem speculation speculate sources source
    unverified likely perhaps maybe supposedly supposed whether if could rumors viral"""
)
ATTRIBUTION = _stems("""say says said tell told claim claims claimed report reports according state stated""")


def tokens(text: str, *, drop_stop_words: bool = False) -> list[str]:
    """Lower-cased, lightly stemmed word tokens of `text` (punctuation dropped)."""
    words = (stem(m.group()) for m in _WORD.finditer(text))
    if drop_stop_words:
        return [w for w in words if w not in STOP_WORDS and stem(w) not in STOP_WORDS]
    return list(words)


def content_tokens(text: str) -> list[str]:
    """Tokens without stop words: what a proposition is about."""
    return [w for w in tokens(text) if w not in STOP_WORDS]


def sentences(text: str) -> list[str]:
    """Split `text` into sentences with a cheap rule (end mark, then a capital) and at line breaks."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def ngrams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def char_ngrams(text: str, n: int = 4) -> set[str]:
    """Character n-grams of the normalised text, robust to spelling variants ("Baghdadi", "al-Baghdadi")."""
    squashed = " ".join(m.group().lower() for m in _WORD.finditer(text))
    return {squashed[i : i + n] for i in range(max(len(squashed) - n + 1, 0))}


def tfidf_cosine(a: Iterable[str], b: Iterable[str], idf: Mapping[str, float], default_idf: float) -> float:
    """Cosine of two token bags weighted by (log) term frequency times inverse document frequency."""
    va = {t: (1 + math.log(c)) * idf.get(t, default_idf) for t, c in Counter(a).items()}
    vb = {t: (1 + math.log(c)) * idf.get(t, default_idf) for t, c in Counter(b).items()}
    if not va or not vb:
        return 0.0
    dot = sum(w * vb[t] for t, w in va.items() if t in vb)
    na = math.sqrt(sum(w * w for w in va.values()))
    nb = math.sqrt(sum(w * w for w in vb.values()))
    return dot / (na * nb)


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _coverage(claim: set, text: set) -> float:
    return len(claim & text) / len(claim) if claim else 0.0


def _bin(value: float, edges: tuple[float, ...]) -> int:
    """Index of the bucket of `value`: lets a linear model learn a non-linear response to a similarity."""
    return sum(value >= e for e in edges)


_SIM_EDGES = (0.02, 0.05, 0.08, 0.12, 0.16, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.75)
_COUNT_EDGES = (1, 2, 3, 5, 8)


def cue_features(
    claim_words: list[str], text_words: list[str], prefix: str, *, with_words: bool = True
) -> dict[str, float]:
    """Refuting, hedging and negation cues of a text, kept apart from the cues the claim already has.

    A claim "X is not dead" holds a negation itself; what tells the stance is a cue the text adds, and a negation
    near a word of the claim ("troops are not fighting") more than one anywhere.
    """
    claim_set = set(claim_words)
    feats: dict[str, float] = {}
    refute = [w for w in text_words if w in REFUTING and w not in claim_set]
    hedge = [w for w in text_words if w in HEDGING and w not in claim_set]
    negation = [w for w in text_words if w in NEGATIONS and w not in claim_set]
    near_negation = 0
    for i, w in enumerate(text_words):
        if w in NEGATIONS and w not in claim_set:
            window = text_words[max(0, i - 4) : i + 5]
            near_negation += any(x in claim_set and x not in STOP_WORDS for x in window)
    feats[f"{prefix}refute_n={_bin(len(refute), _COUNT_EDGES)}"] = 1.0
    feats[f"{prefix}hedge_n={_bin(len(hedge), _COUNT_EDGES)}"] = 1.0
    feats[f"{prefix}neg_n={_bin(len(negation), _COUNT_EDGES)}"] = 1.0
    feats[f"{prefix}neg_near={_bin(near_negation, _COUNT_EDGES)}"] = 1.0
    if with_words:  # which cue word it is: helps on headlines, overfits on long bodies
        for w in set(refute):
            feats[f"{prefix}refute:{w}"] = 1.0
        for w in set(hedge):
            feats[f"{prefix}hedge:{w}"] = 1.0
    # the claim's own negation flips what a text's negation means
    claim_negated = any(w in NEGATIONS for w in claim_words)
    feats[f"{prefix}claimneg={int(claim_negated)}|neg={int(bool(negation))}"] = 1.0
    return feats


def similarity_features(
    claim: str, text: str, idf: Mapping[str, float], default_idf: float, prefix: str = ""
) -> dict[str, float]:
    """How much `text` is about the same thing as `claim`: overlap of words, bigrams, characters; TF-IDF cosine."""
    cw, tw = content_tokens(claim), content_tokens(text)
    cs, ts = set(cw), set(tw)
    values = {
        "cos": tfidf_cosine(cw, tw, idf, default_idf),
        "jac": _jaccard(cs, ts),
        "cov": _coverage(cs, ts),
        "bicov": _coverage(ngrams(cw, 2), ngrams(tw, 2)),
        "charjac": _jaccard(char_ngrams(claim), char_ngrams(text)),
    }
    idf_cov = sum(idf.get(t, default_idf) for t in cs & ts) / max(
        sum(idf.get(t, default_idf) for t in cs), 1e-9
    )
    values["idfcov"] = idf_cov
    feats: dict[str, float] = {}
    for name, v in values.items():
        feats[f"{prefix}{name}"] = v
        feats[f"{prefix}{name}_b={_bin(v, _SIM_EDGES)}"] = 1.0
    return feats


def novel_word_features(
    claim_words: list[str], text_words: list[str], prefix: str = "new:"
) -> dict[str, float]:
    """Indicator features of the text's words and bigrams that the claim does not have: the stance cue lives there.

    ("Met police denies reports of Banksy arrest" against "Banksy was arrested": `deni`, `report`.)
    """
    claim_set = set(claim_words)
    feats: dict[str, float] = {}
    for w in text_words:
        if w not in claim_set:
            feats[f"{prefix}{w}"] = 1.0
    for a, b in zip(text_words, text_words[1:], strict=False):
        if a not in claim_set or b not in claim_set:
            feats[f"{prefix}{a}_{b}"] = 1.0
    return feats


CLAIM_WORD = "CLAIMW"  # stands for any content word the claim shares with the text


def masked_words(claim: str, text: str) -> list[str]:
    """The text's stemmed words with those the claim shares replaced by `CLAIM_WORD`, then end marks.

    What is left is how the text frames the claim ("CLAIMW CLAIMW reportedly CLAIMW", "is CLAIMW a hoax"),
    which carries over from one claim to another where the claim's own words do not.

    >>> masked_words("Banksy was arrested", "Police deny Banksy arrest?")
    ['police', 'deni', 'CLAIMW', 'CLAIMW', '?']
    """
    claim_set = {w for w in tokens(claim) if w not in STOP_WORDS}
    out = [CLAIM_WORD if w in claim_set else w for w in tokens(text)]
    out += [mark for mark in ("?", ":") if mark in text]
    return out


def wording_terms(claim: str, text: str) -> tuple[Counter[str], Counter[str]]:
    """Word 1-3-grams (`w:`) and character 2-5-grams within words (`c:`) of `masked_words`, with counts."""
    words = masked_words(claim, text)
    word_grams: Counter[str] = Counter(
        "w:" + " ".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)
    )
    char_grams: Counter[str] = Counter()
    for w in words:
        padded = f" {w} "
        for n in range(2, 6):
            char_grams.update("c:" + padded[i : i + n] for i in range(len(padded) - n + 1))
    return word_grams, char_grams


def wording_features(claim: str, text: str, idf: Mapping[str, float], default_idf: float) -> dict[str, float]:
    """Sublinear TF-IDF of `wording_terms`, each of the two blocks L2-normalised (a short-text classifier's input)."""
    feats: dict[str, float] = {}
    for block in wording_terms(claim, text):
        values = {t: (1 + math.log(c)) * idf.get(t, default_idf) for t, c in block.items() if t in idf}
        norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
        feats.update((t, v / norm) for t, v in values.items())
    return feats
