"""Fine-tune the stance cross-encoder ensemble (extra `newsclaims[embeddings]`) into
src/newsclaims/models/stance/neural/cross-encoder-<seed>.npz, one file per seed of `ENSEMBLE_SEEDS`.

Data: Emergent's train split only (all 240 claims, 2,071 headlines; the 60 test claims are withheld and never
seen), labels for/against/observing -> supports/denies/reports. The config (`CrossEncoderConfig` defaults: LoRA
rank 16 on every linear layer of the six blocks, layer norms, a linear head over mean pooling; 4 epochs at lr
1e-3, balanced class weights): the epoch count was first chosen on an inner split of fold 1's train part (train
on 8 of its 9 claim groups, validate on the 9th) for rank-8 attention-only adapters; the larger adapters with one
more epoch then did better on the ten claim-grouped folds of the train split (see `CrossEncoderConfig`). The
members differ only in their seed (initialisation of the adapters and the head, dropout, order of the batches).
Each file stores the adapters, layer norms, head (float16) and the training class frequencies (1.25 MB). About
5 minutes a member on an idle core.

Usage: nice -n 5 .venv/bin/python training/train_stance_neural.py [--data ../shared/data/stance] [--out DIR]
       [--seeds 13 14 15 16]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from newsclaims.corpus.datasets import read_emergent, stance_data_dir
from newsclaims.corpus.stance_neural import (
    ENSEMBLE_SEEDS,
    NEURAL_DIR,
    CrossEncoderConfig,
    train_cross_encoder,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=stance_data_dir())
    parser.add_argument(
        "--out", type=Path, default=NEURAL_DIR, help="directory of the cross-encoder-<seed>.npz"
    )
    parser.add_argument("--seeds", type=int, nargs="+", default=list(ENSEMBLE_SEEDS))
    parser.add_argument("--threads", type=int, default=1, help="torch threads (the machine may be shared)")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    start = time.time()

    def progress(message: str) -> None:
        print(f"[{time.time() - start:6.1f}s] {message}", file=sys.stderr)

    train = read_emergent(args.data / "emergent" / "url-versions-2015-06-14-clean-train.csv")
    triples = [(p.claim, p.text, p.stance) for p in train]
    progress(f"{len(train)} Emergent train pairs")
    for seed in args.seeds:
        model = train_cross_encoder(triples, CrossEncoderConfig(seed=seed), progress)
        path = args.out / f"cross-encoder-{seed}.npz"
        model.save(path)
        progress(f"saved {path} ({path.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
