"""Train the two shipped stance models into src/newsclaims/models/stance/.

- headline model: Emergent's train split (all 240 claims, 2,071 headlines; the 60 test claims are withheld and
  never seen), plus one `unrelated` pair per headline (the headline against another, random train claim).
  Its stance stage is two classifiers mixed in log space: one over cue and similarity features, one over the
  headline's wording with the claim's words masked (word and character n-grams; `headline-wording*.npz`).
- body model: FNC-1's training ids only (splits/training_ids.txt, 40,350 pairs); the hold-out ids stay unseen
  so that bench/stance.py measures the shipped weights on them.

Usage: .venv/bin/python training/train_stance.py [--data ../shared/data/stance] [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from newsclaims.corpus.datasets import read_emergent, read_fnc, stance_data_dir
from newsclaims.corpus.stance import MODEL_DIR
from newsclaims.corpus.stance_training import BODY_PARAMS, HEADLINE_PARAMS, negative_pairs, train_model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=stance_data_dir())
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--only", choices=["headline", "body"])
    args = parser.parse_args()
    start = time.time()

    def progress(message: str) -> None:
        print(f"[{time.time() - start:6.1f}s] {message}", file=sys.stderr)

    if args.only in (None, "headline"):
        train = read_emergent(args.data / "emergent" / "url-versions-2015-06-14-clean-train.csv")
        model = train_model("headline", train + negative_pairs(train), progress=progress, **HEADLINE_PARAMS)
        model.save(args.out)
        progress(f"headline model saved to {args.out}")
    if args.only in (None, "body"):
        train, _hold_out = read_fnc(args.data)
        model = train_model("body", train, progress=progress, **BODY_PARAMS)
        model.save(args.out)
        progress(f"body model saved to {args.out}")


if __name__ == "__main__":
    main()
