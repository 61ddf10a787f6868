"""Train the toponym resolver's weights (a logistic regression over candidate features) on GeoWebNews.

    python training/train_geo_resolver.py [GWN_FOLDER] [--train 0-99] [--out src/newsclaims/models/places]

Data split: GeoWebNews articles 0-99 train the weights; articles 100-199 are held out (bench/geo.py
--articles 100-199 measures them). For every gold toponym with coordinates that a recognised mention overlaps,
each of the mention's gazetteer candidates is one example, with the features the resolver computes
(`newsclaims.gazetteer.resolve.candidate_features`) plus the hand-weighted score, so the model learns a
correction of the hand weights; it is positive when it is the gold GeoNames entry (or,
when gold has no id, lies within 161 km of the gold point). Mentions with a single candidate or no positive
candidate teach nothing and are skipped. The model is pairwise: a logistic regression on the differences
between a positive and a negative candidate of the same mention. Writes `resolver.json` (weights by feature name, bias, provenance).

Measured with document-level 2-fold cross-validation (train 0-99 / score 100-199 and the reverse, both labels
`id` and `km`), the learned weights did not beat the hand weights on the held-out half (acc@161 over found
toponyms 0.928 vs 0.932 on 100-199), so no resolver.json ships and the resolver uses HAND_WEIGHTS.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import geo  # noqa: E402  (bench/geo.py: the GWN readers and the cached parse)

from newsclaims.extract.places import place_mentions  # noqa: E402
from newsclaims.gazetteer import distance_km, load  # noqa: E402
from newsclaims.gazetteer.resolve import FEATURES, HAND_WEIGHTS, candidate_table, linear_score  # noqa: E402


def examples(
    articles: list[dict], docs: list, label: str = "id"
) -> tuple[list[list[float]], list[int], list[int]]:
    """Feature rows, labels and group ids (one group per mention). `label`: `id` (the gold GeoNames entry is
    positive) or `km` (any candidate within 161 km of the gold point is: what acc@161 rewards)."""
    gazetteer = load()
    rows: list[list[float]] = []
    labels: list[int] = []
    groups: list[int] = []
    group = 0
    for article, doc in zip(articles, docs, strict=True):
        found, mentions = place_mentions(doc, gazetteer)
        # The first pass of training uses the hand weights, as a model trained from scratch would have none.
        table = candidate_table(gazetteer, mentions, HAND_WEIGHTS)
        spans = [(doc[f.start : f.end].start_char, doc[f.start : f.end].end_char) for f in found]
        gold = article["coords"]
        pairs = geo.match(spans, [(g["start"], g["end"]) for g in gold], lenient=True)
        for g, m in pairs.items():
            record, row = gold[g], table[m]
            if len(row) < 2:
                continue
            if record.get("id") and label == "id":
                positive = [entry.id == record["id"] for entry, _ in row]
            else:
                positive = [distance_km(entry, (record["lat"], record["lon"])) <= 161 for entry, _ in row]
            if not any(positive):
                continue
            group += 1
            for (_, features), label in zip(row, positive, strict=True):
                rows.append([*features, linear_score(features, HAND_WEIGHTS)])
                labels.append(int(label))
                groups.append(group)
    return rows, labels, groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=geo.DEFAULT_DIR)
    parser.add_argument("--train", default="0-99", help="article index range used for training")
    parser.add_argument("--out", type=Path, default=ROOT / "src/newsclaims/models/places")
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--label", choices=("id", "km"), default="id", help="what makes a candidate right")
    args = parser.parse_args()
    articles = geo.read_gwn(args.folder)
    docs = geo.parse_docs([a["text"] for a in articles], geo.CACHE_DIR / "gwn.spacy")
    low, high = (int(x) for x in args.train.split("-"))
    keep = [i for i in range(len(articles)) if low <= i <= high]
    rows, labels, groups = examples([articles[i] for i in keep], [docs[i] for i in keep], args.label)
    print(f"{len(set(groups))} ambiguous mentions, {len(rows)} candidates", file=sys.stderr)
    # Pairwise ranking: within each mention, (positive - negative) -> 1 and its mirror -> 0; no intercept,
    # since only differences between candidates of one mention matter.
    by_group: dict[int, list[tuple[list[float], int]]] = {}
    for row, label, group in zip(rows, labels, groups, strict=True):
        by_group.setdefault(group, []).append((row, label))
    pairs, pair_labels = [], []
    for members in by_group.values():
        for pos, pos_label in members:
            for neg, neg_label in members:
                if pos_label == 1 and neg_label == 0:
                    diff = [a - b for a, b in zip(pos, neg, strict=True)]
                    pairs += [diff, [-d for d in diff]]
                    pair_labels += [1, 0]
    model = LogisticRegression(C=args.C, max_iter=5000, fit_intercept=False)
    model.fit(pairs, pair_labels)
    result = {
        "features": list(FEATURES),
        "weights": {
            name: round(float(w), 5)
            for name, w in zip((*FEATURES, "hand_score"), model.coef_[0], strict=True)
        },
        "bias": 0.0,
        "trained_on": f"GeoWebNews articles {args.train} (bench/geo.py data; {len(set(groups))} mentions)",
        "script": "training/train_geo_resolver.py",
        "C": args.C,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "__init__.py").touch()
    (args.out / "resolver.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result["weights"]), file=sys.stderr)


if __name__ == "__main__":
    main()
