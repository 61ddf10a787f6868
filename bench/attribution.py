"""Benchmark: who said what, on a PolNeAR split folder (default dev). Prints one JSON line; progress on stderr.

    python bench/attribution.py [SPLIT_FOLDER] [--docbin CACHED_PARSE.spacy] [--limit N]
                                [--attribution crf|neural]

`--attribution neural` adds the optional MiniLM cue scorer (extra `embeddings`,
`newsclaims.extract.attribution.neural`) after the parse (with `--docbin`: to the cached Docs, in batches of 16,
timed apart: `neural_seconds`, `neural_cpu_seconds`, `neural_words_per_cpu_s`).

Gold: the alphabetically first annotator of each article (attributions without a cue are skipped: 35 of
19,868 in train). Predictions: `newsclaims.analyze` on each `.txt` (plain text: offsets index it exactly);
statements of kind `reporter` are left out, as PolNeAR does not annotate the reporter's own voice.

Metrics (spans trimmed of surrounding whitespace; a discontinuous span is its list of fragments):
- exact: per role (source, cue, content) P/R/F1 of exact span matches, one-to-one per article;
- jaccard: one-to-one greedy matching of statements by the character Jaccard of their content (fragments
  unioned) >= 0.5; F1 for content alone, and F1 when the matched pair's source and cue also overlap
  (two missing sources count as overlapping);
- overlap: content any-overlap P (predictions overlapping some gold content) / R / F1.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SPLIT = ROOT.parent / "shared/data/attribution/polnear/dev"

Fragments = tuple[tuple[int, int], ...]


def trim(text: str, fragments) -> Fragments:
    """Fragments with surrounding whitespace removed; empty fragments dropped."""
    out = []
    for start, end in fragments:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
    return tuple(sorted(out))


def chars(fragments: Fragments) -> set[int]:
    return {i for start, end in fragments for i in range(start, end)}


def prf(tp: float, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def exact_matches(pred: list[Fragments], gold: list[Fragments]) -> int:
    """One-to-one exact matches between two multisets of spans (empty spans ignored)."""
    pred_counts = Counter(p for p in pred if p)
    gold_counts = Counter(g for g in gold if g)
    return sum(min(n, gold_counts[span]) for span, n in pred_counts.items())


def jaccard_match(pred: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by content character Jaccard >= 0.5, best pairs first."""
    candidates = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if not p["content_chars"] or not g["content_chars"]:
                continue
            inter = len(p["content_chars"] & g["content_chars"])
            if inter == 0:
                continue
            score = inter / len(p["content_chars"] | g["content_chars"])
            if score >= 0.5:
                candidates.append((score, i, j))
    used_p, used_g, pairs = set(), set(), []
    for _score, i, j in sorted(candidates, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def roles(text: str, cue, source, content) -> dict:
    role = {"cue": trim(text, cue), "source": trim(text, source), "content": trim(text, content)}
    role["content_chars"] = chars(role["content"])
    return role


def predictions(articles, docbin: Path | None, attribution: str = "crf", timing: dict | None = None):
    """Yield the Analysis of each article, from a cached parse when given (same pipeline), else analysing.
    With `attribution="neural"` the neural cue scorer runs on each Doc first (its seconds go to `timing`)."""
    if docbin is None:
        from newsclaims import analyze_many

        yield from analyze_many((a.text for a in articles), attribution=attribution)
        return
    import spacy
    from spacy.tokens import DocBin

    from newsclaims.analysis import Analysis
    from newsclaims.extract import run_all
    from newsclaims.pipeline import as_article

    nlp = spacy.blank("en")
    docs = list(DocBin().from_disk(docbin).get_docs(nlp.vocab))[: len(articles)]
    if attribution == "neural":
        import torch

        from newsclaims.extract.attribution.neural import score_docs

        torch.set_num_threads(1)
        started, cpu_started = time.time(), time.process_time()
        for k in range(0, len(docs), 16):
            score_docs(docs[k : k + 16])
        if timing is not None:
            timing["neural_seconds"] = round(time.time() - started, 1)
            timing["neural_cpu_seconds"] = round(time.process_time() - cpu_started, 1)
            timing["neural_words_per_cpu_s"] = round(
                sum(len(doc.text.split()) for doc in docs) / max(timing["neural_cpu_seconds"], 0.1)
            )
    for article, doc in zip(articles, docs, strict=False):
        analysis = Analysis(article=as_article(article.text))
        yield run_all(doc, analysis, ("entities", "statements"))


def main() -> None:
    from newsclaims.extract.attribution.polnear import read_split

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("split", nargs="?", type=Path, default=DEFAULT_SPLIT)
    parser.add_argument("--docbin", type=Path, default=None, help="a cached parse of the split (DocBin)")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--attribution",
        choices=("crf", "neural"),
        default="crf",
        help="neural: add the MiniLM cue scorer (extra `embeddings`)",
    )
    args = parser.parse_args()

    articles = list(read_split(args.split))[: args.limit]
    exact = {role: [0, 0, 0] for role in ("source", "cue", "content")}  # tp, pred, gold
    n_pred = n_gold = tp_j = tp_jsc = 0
    ov_p = ov_r = 0
    started = time.time()
    timing: dict[str, float] = {}
    for k, (article, analysis) in enumerate(
        zip(articles, predictions(articles, args.docbin, args.attribution, timing), strict=True), 1
    ):
        text = article.text
        gold = [roles(text, a.cue, a.source, a.content) for a in article.attributions]
        pred = []
        for s in analysis.statements:
            if s.kind == "reporter":
                continue
            source = [s.source.span] if s.source and s.source.span else []
            cue = [s.cue.span] if s.cue else []
            pred.append(roles(text, cue, source, s.content))
        for role, counts in exact.items():
            counts[0] += exact_matches([p[role] for p in pred], [g[role] for g in gold])
            counts[1] += sum(1 for p in pred if p[role])
            counts[2] += sum(1 for g in gold if g[role])
        n_pred += len(pred)
        n_gold += len(gold)
        for i, j in jaccard_match(pred, gold):
            tp_j += 1
            p, g = pred[i], gold[j]
            cue_ok = bool(chars(p["cue"]) & chars(g["cue"]))
            src_ok = (not p["source"] and not g["source"]) or bool(chars(p["source"]) & chars(g["source"]))
            tp_jsc += cue_ok and src_ok
        gold_chars = set().union(*(g["content_chars"] for g in gold)) if gold else set()
        pred_chars = set().union(*(p["content_chars"] for p in pred)) if pred else set()
        ov_p += sum(1 for p in pred if p["content_chars"] & gold_chars)
        ov_r += sum(1 for g in gold if g["content_chars"] & pred_chars)
        if k % 20 == 0:
            print(f"{k}/{len(articles)} {time.time() - started:.0f}s", file=sys.stderr)
    pred_with_content = n_pred
    result = {
        "bench": "attribution",
        "split": args.split.name,
        "articles": len(articles),
        "gold": n_gold,
        "predicted": n_pred,
        "exact": {role: prf(*counts) for role, counts in exact.items()},
        "jaccard50": {
            "content": prf(tp_j, n_pred, n_gold),
            "content_source_cue": prf(tp_jsc, n_pred, n_gold),
        },
        "overlap": {
            "p": round(ov_p / pred_with_content, 4) if pred_with_content else 0.0,
            "r": round(ov_r / n_gold, 4) if n_gold else 0.0,
        },
        "seconds": round(time.time() - started, 1),
    }
    if args.attribution != "crf":
        result["attribution"] = args.attribution
        result.update(timing)
    o = result["overlap"]
    o["f1"] = round(2 * o["p"] * o["r"] / (o["p"] + o["r"]), 4) if o["p"] + o["r"] else 0.0
    print(json.dumps(result))


if __name__ == "__main__":
    main()
