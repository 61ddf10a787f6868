"""The optional neural attribution mode (extra `newsclaims[embeddings]`): MiniLM cue scores on the Doc.

A spaCy pipeline component, `newsclaims_neural_cues`, runs all-MiniLM-L6-v2 over each parsed Doc
(`minilm.token_vectors`) and a small trained head over each token's vector, and stores each token's
probabilities of (outside, opening, inside) a cue as a float32 array (tokens, 3) in
`doc.user_data[SCORES_KEY]`. The statements extractor then decides cues with the cue CRF retrained to
read those probabilities (`neural_cues`); without the component its output is unchanged.

It costs a transformer forward pass per article: on PolNeAR dev (84 articles, 67,609 words, one thread)
29 CPU seconds, about 2,300 words per CPU second, against 10.8 s for the small spaCy parse itself, so it is
an opt-in mode, never the default: `add_neural_attribution(nlp)`. Its gain there (bench/attribution.py):
exact-span F1 source 0.765 -> 0.782, cue 0.732 -> 0.736, content 0.598 -> 0.605; J>=0.5 content 0.719 ->
0.735, with source and cue 0.679 -> 0.692.

Importing this module does not import torch; adding the component without the extra raises
`NeuralUnavailable` naming it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from newsclaims.extract.attribution.minilm import NeuralUnavailable, adapted_encoder, token_vectors
from newsclaims.extract.attribution.neural_cues import MODEL_PACKAGE, SCORES_KEY

COMPONENT = "newsclaims_neural_cues"
SCORER_FILE = "cue_scorer.npz"


def scorer_path() -> str:
    """Where the shipped scorer (adapters and head, npz) lives."""
    return str(resources.files(MODEL_PACKAGE).joinpath(SCORER_FILE))


@cache
def load_head(scorer_file: str) -> tuple[dict[str, np.ndarray], tuple[int, ...]]:
    """The scorer's head (`w`, `b`: linear; or `w1`, `b1`, `w2`, `b2`: one hidden ReLU layer) as float32
    arrays, and the BERT layers whose states it reads."""
    with np.load(scorer_file) as stored:
        layers = tuple(int(k) for k in stored["layers"])
        head = {
            name: stored[name].astype(np.float32)
            for name in ("w", "b", "w1", "b1", "w2", "b2")
            if name in stored
        }
    return head, layers


def head_scores(head: dict[str, np.ndarray], vectors: np.ndarray) -> np.ndarray:
    """(tokens, 3) softmax probabilities of outside/opening/inside a cue from (tokens, layers, 384) vectors."""
    x = vectors.reshape(len(vectors), -1)
    if "w1" in head:
        logits = np.maximum(x @ head["w1"] + head["b1"], 0.0) @ head["w2"] + head["b2"]
    else:
        logits = x @ head["w"] + head["b"]
    logits -= logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)


def score_docs(docs: list[Doc], scorer_file: str | None = None, batch_size: int = 16) -> list[Doc]:
    """Set the cue scores of each Doc (in place) with the scorer in `scorer_file` (default: the shipped
    one) and return the Docs."""
    scorer_file = scorer_file or scorer_path()
    head, layers = load_head(scorer_file)
    vectors = token_vectors(docs, layers=layers, batch_size=batch_size, adapters=scorer_file)
    for doc, doc_vectors in zip(docs, vectors, strict=True):
        doc.user_data[SCORES_KEY] = head_scores(head, doc_vectors)
    return docs


class NeuralCues:
    """The pipeline component: scores each Doc's tokens as cue parts (see the module's docstring)."""

    def __init__(self, scorer_file: str | None = None, threads: int = 0, batch_size: int = 16) -> None:
        self.scorer_file = scorer_file or scorer_path()
        if not Path(self.scorer_file).exists():
            raise NeuralUnavailable(f"no trained neural cue scorer at {self.scorer_file}")
        adapted_encoder(self.scorer_file)  # fails early, naming the extra, when torch or the model is missing
        if threads:
            import torch

            torch.set_num_threads(threads)
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        return score_docs([doc], self.scorer_file, self.batch_size)[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from score_docs(batch, self.scorer_file, self.batch_size)
                batch = []
        if batch:
            yield from score_docs(batch, self.scorer_file, self.batch_size)


@Language.factory(COMPONENT, default_config={"scorer_file": None, "threads": 0, "batch_size": 16})
def make_neural_cues(
    nlp: Language, name: str, scorer_file: str | None, threads: int, batch_size: int
) -> NeuralCues:
    """The `newsclaims_neural_cues` component (`threads`: torch's thread count, 0 to leave it as it is)."""
    return NeuralCues(scorer_file, threads, batch_size)


def add_neural_attribution(nlp: Language, threads: int = 0) -> Language:
    """Add the neural cue scorer at the end of `nlp` (once); raises `NeuralUnavailable` without the
    `embeddings` extra. Returns `nlp`."""
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, last=True, config={"threads": threads})
    return nlp


__all__ = [
    "COMPONENT",
    "NeuralCues",
    "NeuralUnavailable",
    "SCORES_KEY",
    "add_neural_attribution",
    "head_scores",
    "score_docs",
]
