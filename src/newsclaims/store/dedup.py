"""Duplicates and near-duplicates: exact by normalised text hash, near by MinHash LSH over word shingles.

Syndication puts the same wire story on many sites with small edits (a different first line, a byline, a
trimmed last paragraph). Each article gets a MinHash signature of its word 3-shingles; the signature is cut
into bands, and each band's hash is an indexed key in `minhash_bands`. A new article is compared only with the
stored articles that share a band key (banding makes pairs above ~0.5 Jaccard collide with high
probability), and is linked to the most similar one whose estimated Jaccard reaches the threshold. The index
lives in the database, so detection works across runs and never compares all pairs.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

import numpy as np
from datasketch import MinHash

from newsclaims.article import normalise_text

NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: pairs at Jaccard 0.5 become candidates with probability ~0.87
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 3
THRESHOLD = 0.7
"""Estimated Jaccard of word 3-shingles from which two articles are near-duplicates."""
MIN_SHINGLES = 10
"""Texts with fewer shingles (a headline, a caption) are too short to call near-duplicates reliably."""

_WORD = re.compile(r"\w+")


def text_hash(text: str) -> str:
    """The exact-duplicate key: sha1 of the normalised text (case, spacing and Unicode forms ignored)."""
    return hashlib.sha1(normalise_text(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of word n-grams of a text, lower-cased, punctuation ignored.

    >>> sorted(shingles("The UN said: the UN", 3))
    [b'said the un', b'the un said', b'un said the']
    """
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(max(0, len(words) - size + 1))}


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    # Fixed seed: signatures from every run and process are comparable.
    return MinHash(num_perm=NUM_PERM, seed=1).permutations


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (uint32 array) of a text, or None when it is too short to compare."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme="affine32")
    minhash.update_batch(list(grams))
    return minhash.hashvalues.astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band: the index keys under which the article is found."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "little") * 8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4")


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)
