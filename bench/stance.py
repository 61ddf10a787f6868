"""Benchmark of claim stance and claim matching; prints ONE JSON line (progress on stderr).

- Emergent (train split, the shipped 10 claim-grouped folds): a headline model is trained on each train fold
  (with the shipped training code and parameters) and tested on its test fold. Claim matching accuracy@1 of
  each headline against the claims of its test fold (24 claims), and against all 240 train-split claims.
  Stance accuracy and macro-F1 over for/against/observing, as in the literature (Ferreira & Vlachos): every
  Emergent pair is about its claim, so the model picks one of the three related stances (`related=True`).
  `emergent_accuracy_linked` is the way the linker works instead: a headline the matcher links to its claim is
  known to be related; one it links elsewhere is left to the model, which may answer `unrelated` (counted wrong).
- FNC-1 hold-out ids (splits/hold_out_ids.txt, 9,622 pairs): the SHIPPED body model (trained on the training
  ids only) through `classify_stance`, the path `newsclaims stance` takes. FNC score (% of the maximum),
  macro-F1 and per-class F1.

- Test sets, where the data directory has them (withheld in the copy developed on): the SHIPPED models on
  Emergent's test split (`emergent_test_*`: stance with `related=True`, plus `*_embeddings` with `--embeddings`;
  `match_acc_at_1_test*` among its 60 claims) and on FNC-1's competition test set (`fnc_test_*`).

- Linking (`--linking`): milliseconds per article of `link_article` against a store already holding 1k and
  50k claims (synthetic claims of Zipf-distributed words, so the index has long posting lists), to check that
  the index keeps linking time flat as the corpus grows.

- Neural (`--embeddings`, extra `newsclaims[embeddings]`): on the same ten folds, the cross-encoder ensemble
  (`corpus/stance_neural.py`, the shipped training config, one member per seed of `ENSEMBLE_SEEDS`) is
  fine-tuned on each train fold and scores its test fold (members' probabilities moved back to the train fold's
  class frequencies, then averaged); accuracy and macro-F1 of (a) the lexical model, (b) the ensemble alone and
  (c) their log-linear mix; also each member's accuracy alone.
  The mix weight scored on fold k is the one that does best on the other nine folds' predictions, never fold k's.
  Fold models are cached under `--cache` (keyed by the training config), so a re-run costs only the predictions;
  a cold run fine-tunes ten models per member (about 2.5 minutes each on one core).

Usage: .venv/bin/python bench/stance.py [--data ../shared/data/stance] [--skip-emergent] [--skip-fnc] [--linking]
       [--embeddings [--cache DIR]]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from newsclaims.corpus.datasets import (
    FNC_LABEL,
    emergent_folds,
    emergent_test,
    fnc_competition_test,
    read_emergent,
    read_fnc,
    stance_data_dir,
)
from newsclaims.corpus.match import ClaimMatcher
from newsclaims.corpus.stance import classify_stance
from newsclaims.corpus.stance_training import HEADLINE_PARAMS, negative_pairs, train_model


def per_class_f1(confusion: Counter, classes: list[str]) -> dict[str, float]:
    out = {}
    for c in classes:
        tp = confusion[(c, c)]
        fp = sum(v for (g, p), v in confusion.items() if p == c and g != c)
        fn = sum(v for (g, p), v in confusion.items() if g == c and p != c)
        out[c] = round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
    return out


def fnc_score(confusion: Counter) -> float:
    score = best = 0.0
    for (gold, pred), n in confusion.items():
        best += n * (0.25 + (0.75 if gold != "unrelated" else 0.0))
        if (gold == "unrelated") == (pred == "unrelated"):
            score += 0.25 * n
        if gold != "unrelated" and gold == pred:
            score += 0.75 * n
    return 100.0 * score / best if best else 0.0


def bench_emergent(root: Path, log) -> dict:
    confusion: Counter = Counter()
    linked_confusion: Counter = Counter()
    in_fold_hits = n = 0
    start = time.time()
    for k, (train, test) in enumerate(emergent_folds(root), 1):
        model = train_model("headline", train + negative_pairs(train), **HEADLINE_PARAMS)
        claims = sorted({(p.claim_id, p.claim) for p in test})
        matcher = ClaimMatcher(claims, [p.text for p in test])
        results = matcher.best_many([p.text for p in test], threshold=0.0)
        for pair, (cid, _) in zip(test, results, strict=True):
            linked = cid == pair.claim_id
            in_fold_hits += linked
            confusion[(pair.stance, model.predict(pair.claim, pair.text, related=True).stance)] += 1
            prediction = model.predict(pair.claim, pair.text, related=True if linked else None)
            linked_confusion[(pair.stance, prediction.stance)] += 1
        n += len(test)
        log(f"emergent fold {k}: {n} headlines, {time.time() - start:.0f}s")
    classes = ["supports", "denies", "reports"]
    f1 = per_class_f1(confusion, classes)
    all_rows = read_emergent(root / "emergent" / "url-versions-2015-06-14-clean-train.csv")
    all_claims = sorted({(p.claim_id, p.claim) for p in all_rows})
    matcher = ClaimMatcher(all_claims, [p.text for p in all_rows])
    results = matcher.best_many([p.text for p in all_rows], threshold=0.0)
    all_hits = sum(cid == p.claim_id for (cid, _), p in zip(results, all_rows, strict=True))
    extra = {}
    from newsclaims.corpus import embeddings

    if embeddings.available():  # the optional extra; the numbers above are the core (lexical) path
        hits = 0
        for _, test in emergent_folds(root):
            claims = sorted({(p.claim_id, p.claim) for p in test})
            m = ClaimMatcher(claims, [p.text for p in test], embeddings=True)
            res = m.best_many([p.text for p in test], threshold=0.0)
            hits += sum(cid == p.claim_id for (cid, _), p in zip(res, test, strict=True))
        m = ClaimMatcher(all_claims, [p.text for p in all_rows], embeddings=True)
        res = m.best_many([p.text for p in all_rows], threshold=0.0)
        extra = {
            "match_acc_at_1_fold_embeddings": round(hits / n, 4),
            "match_acc_at_1_all_240_embeddings": round(
                sum(cid == p.claim_id for (cid, _), p in zip(res, all_rows, strict=True)) / len(all_rows), 4
            ),
        }
    return extra | {
        "emergent_n": n,
        "emergent_accuracy": round(sum(confusion[(c, c)] for c in classes) / n, 4),
        "emergent_macro_f1": round(sum(f1.values()) / 3, 4),
        "emergent_f1": {"for": f1["supports"], "against": f1["denies"], "observing": f1["reports"]},
        "emergent_accuracy_linked": round(sum(linked_confusion[(c, c)] for c in classes) / n, 4),
        "emergent_linked_answered_unrelated": sum(
            v for (g, p), v in linked_confusion.items() if p == "unrelated"
        ),
        "match_acc_at_1_fold": round(in_fold_hits / n, 4),
        "match_acc_at_1_all_240": round(all_hits / len(all_rows), 4),
    }


MIX_WEIGHTS = tuple(round(0.1 * i, 1) for i in range(11))


def _accuracy(probs, gold: list[int]) -> float:
    return float((probs.argmax(1) == np.asarray(gold)).mean())


def _mixed(lexical, neural, weight: float):
    logs = (1 - weight) * np.log(lexical + 1e-9) + weight * np.log(neural + 1e-9)
    return logs - logs.max(1, keepdims=True)


def _macro_f1(pred, gold: list[int], n_classes: int = 3) -> float:
    pred, gold_a = np.asarray(pred), np.asarray(gold)
    f1 = []
    for c in range(n_classes):
        tp = int(((pred == c) & (gold_a == c)).sum())
        fp, fn = int(((pred == c) & (gold_a != c)).sum()), int(((pred != c) & (gold_a == c)).sum())
        f1.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1) / n_classes


def bench_emergent_neural(root: Path, cache: Path, log) -> dict:
    """Per-fold and overall accuracy of the lexical model, the cross-encoder ensemble, and their mix (see the
    docstring)."""
    import dataclasses
    import hashlib

    from newsclaims.corpus import stance_neural as sn

    configs = [sn.CrossEncoderConfig(seed=seed) for seed in sn.ENSEMBLE_SEEDS]
    keys = [
        hashlib.sha1(json.dumps(dataclasses.asdict(c), sort_keys=True).encode()).hexdigest()[:10]
        for c in configs
    ]
    folds = []  # (lexical probs, ensemble probs, gold) per fold
    member_hits = [0] * len(configs)
    start = time.time()
    for k, (train, test) in enumerate(emergent_folds(root), 1):
        lexical = train_model("headline", train + negative_pairs(train), **HEADLINE_PARAMS)
        lex = np.array(
            [
                [lexical.predict(p.claim, p.text, related=True).probabilities[c] for c in sn.LABELS]
                for p in test
            ]
        )
        gold = [sn.LABELS.index(p.stance) for p in test]
        members = []
        for i, (config, key) in enumerate(zip(configs, keys, strict=True)):
            path = cache / key / f"fold-{k}.npz"
            if path.exists():
                model = sn.CrossEncoder.load(path)
            else:
                model = sn.train_cross_encoder([(p.claim, p.text, p.stance) for p in train], config, log)
                model.save(path)
            if model.prior is None:  # cached by an older version: the prior is the train fold's
                model.prior = sn.class_prior([p.stance for p in train])
            probs = model.calibrated_proba([(p.claim, p.text) for p in test])
            member_hits[i] += int((probs.argmax(1) == np.asarray(gold)).sum())
            members.append(probs)
        neural = np.mean(members, axis=0)
        folds.append((lex / lex.sum(1, keepdims=True), neural, gold))
        log(
            f"neural fold {k}: lexical {_accuracy(folds[-1][0], gold):.3f} "
            f"neural {_accuracy(neural, gold):.3f} {time.time() - start:.0f}s"
        )
    per_fold: dict[str, list[float]] = {"lexical": [], "neural": [], "mix": []}
    predictions: dict[str, list[int]] = {"lexical": [], "neural": [], "mix": []}
    gold_all: list[int] = []
    weights = []
    for k, (lex, neural, gold) in enumerate(folds):
        others = [f for j, f in enumerate(folds) if j != k]

        def inner_accuracy(w: float, others=others) -> float:
            hits = sum(int((_mixed(lx, nn, w).argmax(1) == np.asarray(g)).sum()) for lx, nn, g in others)
            return hits / sum(len(g) for _, _, g in others)

        weight = max(MIX_WEIGHTS, key=lambda w: (inner_accuracy(w), -abs(w - 0.5)))
        weights.append(weight)
        for name, probs in (("lexical", lex), ("neural", neural), ("mix", _mixed(lex, neural, weight))):
            per_fold[name].append(round(_accuracy(probs, gold), 4))
            predictions[name] += probs.argmax(1).tolist()
        gold_all += gold
    out = {
        "neural_configs": keys,
        "neural_member_accuracy": [round(h / len(gold_all), 4) for h in member_hits],
        "neural_mix_weights": weights,
    }
    for name in ("lexical", "neural", "mix"):
        pred = np.asarray(predictions[name])
        out[f"emergent_{name}_accuracy"] = round(float((pred == np.asarray(gold_all)).mean()), 4)
        out[f"emergent_{name}_macro_f1"] = round(_macro_f1(pred, gold_all), 4)
        out[f"emergent_{name}_per_fold"] = per_fold[name]
    return out


def bench_fnc(root: Path, log) -> dict:
    return _fnc_scores(read_fnc(root)[1], "fnc", log)


def _fnc_scores(hold_out: list, prefix: str, log) -> dict:
    confusion: Counter = Counter()
    start = time.time()
    for i, pair in enumerate(hold_out, 1):
        confusion[(pair.stance, classify_stance(pair.claim, pair.text).stance)] += 1
        if i % 2000 == 0:
            log(f"fnc {i}/{len(hold_out)} {time.time() - start:.0f}s")
    seconds = time.time() - start
    f1 = per_class_f1(confusion, ["supports", "denies", "reports", "unrelated"])
    return {
        f"{prefix}_n": len(hold_out),
        f"{prefix}_score": round(fnc_score(confusion), 2),
        f"{prefix}_macro_f1": round(sum(f1.values()) / 4, 4),
        f"{prefix}_f1": {FNC_LABEL[c]: v for c, v in f1.items()},
        f"{prefix}_pairs_per_s": round(len(hold_out) / seconds, 1),
    }


def bench_withheld(root: Path, embeddings: bool, log) -> dict:
    """The SHIPPED models (trained on Emergent's train split and FNC-1's training ids) on the test sets, where the
    data directory has them (they are withheld in the copy developed on): Emergent's test split (stance with
    `related=True`, and with `embeddings=True` too when asked; claim matching acc@1 among its 60 claims) and
    FNC-1's competition test set."""
    out: dict = {}
    test = emergent_test(root)
    if test is not None:
        gold = [p.stance for p in test]
        modes = [("", False)] + ([("_embeddings", True)] if embeddings else [])
        for suffix, neural in modes:
            pred = [classify_stance(p.claim, p.text, related=True, embeddings=neural).stance for p in test]
            confusion = Counter(zip(gold, pred, strict=True))
            f1 = per_class_f1(confusion, ["supports", "denies", "reports"])
            out[f"emergent_test_accuracy{suffix}"] = round(
                sum(confusion[(c, c)] for c in ("supports", "denies", "reports")) / len(gold), 4
            )
            out[f"emergent_test_macro_f1{suffix}"] = round(sum(f1.values()) / 3, 4)
            out[f"emergent_test_f1{suffix}"] = {
                "for": f1["supports"],
                "against": f1["denies"],
                "observing": f1["reports"],
            }
        claims = sorted({(p.claim_id, p.claim) for p in test})
        for suffix, neural in modes:
            matcher = ClaimMatcher(claims, [p.text for p in test], embeddings=neural)
            found = matcher.best_many([p.text for p in test], threshold=0.0)
            hits = sum(cid == p.claim_id for (cid, _), p in zip(found, test, strict=True))
            out[f"match_acc_at_1_test{suffix}"] = round(hits / len(test), 4)
        out["emergent_test_n"] = len(test)
        log(f"emergent test split: {out}")
    competition = fnc_competition_test(root)
    if competition is not None:
        out.update(_fnc_scores(competition, "fnc_test", log))
    return out


def _synthetic_text(rng, vocabulary: list[str], weights: list[float], n: int = 14) -> str:
    return " ".join(rng.choices(vocabulary, weights, k=n))


def bench_linking(log, sizes: tuple[int, ...] = (1000, 50000), articles: int = 60) -> dict:
    """ms per article of link_article with `size` claims already indexed (fresh SQLite store each)."""
    import random
    import tempfile

    from sqlalchemy import insert

    from newsclaims.analysis import Analysis, Cue, Entity, Source, Statement
    from newsclaims.article import Article
    from newsclaims.corpus import index
    from newsclaims.corpus.link import link_article
    from newsclaims.store import Store
    from newsclaims.store.models import ClaimRow

    rng = random.Random(7)
    vocabulary = [f"w{i}x" for i in range(20000)]
    weights = [1.0 / (i + 1) for i in range(len(vocabulary))]
    out = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(f"sqlite:///{tmp}/link.db", link=False)
            with store.session() as session:
                index.ensure_index(session)
                claims, terms = [], []
                for i in range(size):
                    text = _synthetic_text(rng, vocabulary, weights)
                    claims.append({"id": f"X{i}", "text": text, "n_sources": 1})
                    terms += [
                        {"term": t, "claim_id": f"X{i}"} for t in dict.fromkeys(index.claim_terms_of(text))
                    ]
                session.execute(insert(ClaimRow.__table__), claims)
                session.execute(insert(index.claim_terms), terms)
            ids = []
            for k in range(articles):
                said = _synthetic_text(rng, vocabulary, weights)
                text = f"Officials said {said}."
                article = Article(id=f"A{size}-{k}", text=text, published="2024-01-01")
                statement = Statement(
                    id="S1",
                    source=Source(span=[0, 9], entity="E1"),
                    cue=Cue(span=[10, 14], lemma="say"),
                    content=[[15, 15 + len(said)]],
                    kind="indirect",
                )
                entity = Entity(id="E1", name="Officials", type="ORG", mentions=[[0, 9]])
                store.add(Analysis(article=article, entities=[entity], statements=[statement]))
                ids.append(article.id)
            start = time.perf_counter()
            with store.session() as session:
                for article_id in ids:
                    link_article(session, article_id)
            out[f"link_ms_per_article_{size // 1000}k"] = round(
                1000 * (time.perf_counter() - start) / articles, 2
            )
            store.close()
            log(f"linking with {size} claims: {out[f'link_ms_per_article_{size // 1000}k']} ms/article")
    first, last = sizes[0] // 1000, sizes[-1] // 1000
    out["link_time_ratio"] = round(
        out[f"link_ms_per_article_{last}k"] / out[f"link_ms_per_article_{first}k"], 3
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=stance_data_dir())
    parser.add_argument("--skip-emergent", action="store_true")
    parser.add_argument("--skip-fnc", action="store_true")
    parser.add_argument("--linking", action="store_true", help="Also time linking at 1k and 50k claims.")
    parser.add_argument(
        "--embeddings", action="store_true", help="Also the fine-tuned cross-encoder on Emergent's folds."
    )
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsclaims-cache/stance-neural/folds"))
    args = parser.parse_args()

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if not args.data.exists():
        sys.exit(f"bench/stance.py: no data at {args.data}")
    out: dict = {"bench": "stance"}
    if not args.skip_emergent:
        out.update(bench_emergent(args.data, log))
    if not args.skip_fnc:
        out.update(bench_fnc(args.data, log))
    if args.embeddings:
        import torch

        torch.set_num_threads(1)  # the machine is shared; one core keeps the others free
        out.update(bench_emergent_neural(args.data, args.cache, log))
    out.update(bench_withheld(args.data, args.embeddings, log))
    if args.linking:
        out.update(bench_linking(log))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
