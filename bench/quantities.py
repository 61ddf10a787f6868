"""Benchmark the quantities extractor on NewsQuant (CQE's news test set, the even-indexed half that ships here).

Usage: python bench/quantities.py [FILE] [--model NAME] [--errors N]
Default file: ../shared/data/quantities/newsquant/NewsQuant-even.json.

Scoring follows CQE's evaluation (satya77/CQE_Evaluation, evaluate_models.py): per sentence, each gold quantity is
matched to a predicted one with the same value (np.isclose, rtol 1e-5; a range matches a range with both ends);
P = matches / predicted, R = matches / gold. value+bound also needs the same bound (CQE's `change`); value+unit
needs the same unit. One difference: CQE compares its own normalised unit names; we compare our surface unit with the
gold surface and normalised unit after lower-casing, singularising and mapping symbols (% -> percent, $ -> dollar),
accepting a match of the head (last) word. Prints ONE JSON line; with --errors, mistakes go to stderr.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
import time
from pathlib import Path

from spacy.tokens import DocBin

from newsclaims import nlp as nlp_module
from newsclaims.analysis import Analysis
from newsclaims.article import Article
from newsclaims.extract.quantities import extract_quantities
from newsclaims.extract.times import extract_times

DEFAULT = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "quantities"
    / "newsquant"
    / "NewsQuant-even.json"
)
CACHE = Path("/tmp/newsclaims-cache/quantities")
ANCHORS = {
    "CQE": {"value_f1": 0.919, "value_bound_f1": 0.880, "value_unit_f1": 0.855},
    "quantulum3": {"value_f1": 0.731, "value_unit_f1": 0.471},
}


def gold_value(text: str) -> float | tuple[float, float]:
    """A gold value: "12.0", "-50.8E9", or a range "12-120"."""
    if "E" not in text and not text.startswith("-") and "-" in text:
        low, high = text.split("-", 1)
        return (float(low), float(high))
    return float(text)


def values_match(gold: float | tuple, pred: float | int | list | None) -> bool:
    if pred is None:
        return False
    if isinstance(gold, tuple) != isinstance(pred, (list, tuple)):
        return False
    if isinstance(gold, tuple):
        return all(
            math.isclose(g, float(p), rel_tol=1e-5, abs_tol=1e-8) for g, p in zip(gold, pred, strict=True)
        )
    return math.isclose(gold, float(pred), rel_tol=1e-5, abs_tol=1e-8)


_UNIT_SYMBOLS = {
    "%": "percent", "percentage": "percent", "per cent": "percent", "pct": "percent", "$": "dollar",
    "us$": "dollar", "usd": "dollar", "€": "euro", "£": "pound", "¥": "yen", "us $": "dollar",
}  # fmt: skip


def _norm_unit(unit: str | None) -> str:
    if not unit:
        return "-"
    unit = unit.lower().strip()
    unit = _UNIT_SYMBOLS.get(unit, unit)
    words = []
    for word in re.split(r"\s+", unit):
        word = _UNIT_SYMBOLS.get(word, word)
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            word = word[:-1]
        words.append(word)
    return " ".join(words)


def units_match(gold: dict, pred: str | None) -> bool:
    p = _norm_unit(pred)
    golds = {_norm_unit(gold.get("unit")), _norm_unit(gold.get("normalized_unit"))}
    if p in golds:
        return True
    return any(g.split()[-1] == p.split()[-1] for g in golds if g != "-" and p != "-")


def score(items: list[dict], predictions: list[list], show_errors: int = 0) -> dict:
    n_gold = n_pred = ok_value = ok_bound = ok_unit = 0
    errors: list[str] = []
    for item, preds in zip(items, predictions, strict=True):
        n_gold += len(item["quantities"])
        n_pred += len(preds)
        free = list(preds)
        for g in item["quantities"]:
            value = gold_value(g["value"])
            candidates = [p for p in free if values_match(value, p.value)]
            if not candidates:
                errors.append(f"MISS  {g['change']} {g['value']} {g['unit']!r} | {item['text']}")
                continue
            best = next((p for p in candidates if units_match(g, p.unit)), candidates[0])
            free.remove(best)
            ok_value += 1
            ok_bound += best.bound == g["change"]
            ok_unit += units_match(g, best.unit)
            if best.bound != g["change"] or not units_match(g, best.unit):
                errors.append(
                    f"ATTR  gold={g['change']} {g['value']} {g['unit']!r} sys={best.bound} {best.unit!r}"
                    f" | {best.text!r} | {item['text']}"
                )
        for p in free:
            errors.append(f"FALSE {p.bound} {p.value} {p.unit!r} {p.text!r} | {item['text']}")
    for line in errors[:show_errors]:
        print(line, file=sys.stderr)

    def f1(correct: int) -> dict:
        p = correct / n_pred if n_pred else 0.0
        r = correct / n_gold if n_gold else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}

    value, bound, unit = f1(ok_value), f1(ok_bound), f1(ok_unit)
    return {
        "gold": n_gold,
        "predicted": n_pred,
        "value_f1": value["f1"],
        "value_bound_f1": bound["f1"],
        "value_unit_f1": unit["f1"],
        "value": value,
        "value_bound": bound,
        "value_unit": unit,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--model", default=None)
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args()
    if not args.file.exists():
        sys.exit(f"no such file: {args.file}")
    items = json.loads(args.file.read_text(encoding="utf-8"))
    nlp = nlp_module.load(args.model)
    texts = [i["text"] for i in items]
    key = hashlib.sha1(("\n".join(texts) + nlp_module.model_name(nlp)).encode()).hexdigest()[:16]
    cache = CACHE / f"{key}.spacy"
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        print(f"parsing {len(texts)} sentences ...", file=sys.stderr)
        docs = list(nlp.pipe(texts))
        CACHE.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(cache)
    start = time.perf_counter()
    predictions = []
    for text, doc in zip(texts, docs, strict=True):
        analysis = Analysis(article=Article(id="q", text=text))
        analysis.times = extract_times(doc, analysis)
        predictions.append(extract_quantities(doc, analysis))
    elapsed = time.perf_counter() - start
    result = {"bench": "quantities", "data": str(args.file), "sentences": len(items)}
    result |= score(items, predictions, args.errors)
    result |= {
        "extract_sentences_per_sec": round(len(items) / elapsed, 1) if elapsed else None,
        "anchors": ANCHORS,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
