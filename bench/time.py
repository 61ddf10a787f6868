"""Benchmark the times extractor on a folder of TimeML files (TempEval-3 scoring).

Usage: python bench/time.py [FOLDER ...] [--model NAME] [--errors N]
Default folder: ../shared/data/time/tbaq-cleaned (TimeBank + AQUAINT). Each document's text is its TEXT element
with the tags stripped; gold TIMEX3 spans, types and values; the anchor is the document's creation time (DCT).

Prints ONE JSON line: strict and relaxed span P/R/F1, type accuracy (over relaxed matches), type F1 and value F1
(TempEval-3 attribute F1: a relaxed match counts only with the exact type/value), docs/sec of the extractor alone.
Progress and, with --errors, a sample of mistakes go to stderr. Parsed Docs are cached under
/tmp/newsclaims-cache/times/.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import sys
import time
from pathlib import Path

from spacy.tokens import DocBin

from newsclaims import nlp as nlp_module
from newsclaims.analysis import Analysis
from newsclaims.article import Article
from newsclaims.extract.times import extract_times

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "time" / "tbaq-cleaned"
CACHE = Path("/tmp/newsclaims-cache/times")
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_timeml(path: Path) -> dict:
    """Text (TEXT element, tags stripped, entities unescaped), DCT and gold TIMEX3 records of one file."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    dct = dct_match.group(1) if dct_match else None
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S).group(1)
    parts: list[str] = []
    length = 0
    gold: list[dict] = []
    open_timex: dict | None = None
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = dict(_ATTR.findall(attrs)) | {"start": length}
        elif open_timex is not None:
            open_timex["end"] = length
            gold.append(open_timex)
            open_timex = None
    parts.append(html.unescape(body[pos:]))
    return {"id": path.stem, "text": "".join(parts), "dct": dct, "gold": gold}


def load_docs(files: list[Path], model: str | None) -> tuple[list[dict], list]:
    """Read the TimeML files and their parsed Docs (parsed once, cached as a DocBin)."""
    items = [read_timeml(f) for f in files]
    nlp = nlp_module.load(model)
    key = hashlib.sha1(
        ("\n".join(i["text"] for i in items) + nlp_module.model_name(nlp)).encode()
    ).hexdigest()[:16]
    cache = CACHE / f"{key}.spacy"
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        print(f"parsing {len(items)} documents ...", file=sys.stderr)
        docs = list(nlp.pipe(i["text"] for i in items))
        CACHE.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs, store_user_data=False).to_disk(cache)
    return items, docs


def _prf(correct: int, n_sys: int, n_gold: int) -> dict:
    p = correct / n_sys if n_sys else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def score(items: list[dict], predictions: list[list], show_errors: int = 0) -> dict:
    """TempEval-3 style scores of predicted Time records against the gold TIMEX3s."""
    n_gold = n_sys = strict = relaxed = type_ok = value_ok = 0
    errors: list[str] = []
    for item, preds in zip(items, predictions, strict=True):
        gold = item["gold"]
        n_gold += len(gold)
        n_sys += len(preds)
        used: set[int] = set()
        for g in gold:
            match = None
            for k, p in enumerate(preds):
                if k not in used and p.span[0] < g["end"] and g["start"] < p.span[1]:
                    match = k
                    break
            text = item["text"][g["start"] : g["end"]]
            if match is None:
                errors.append(f"MISS  {text!r} {g.get('type')} {g.get('value')}")
                continue
            used.add(match)
            p = preds[match]
            relaxed += 1
            strict += tuple(p.span) == (g["start"], g["end"])
            type_ok += p.type == g.get("type")
            value_ok += p.value == g.get("value")
            if p.value != g.get("value") or tuple(p.span) != (g["start"], g["end"]):
                ptext = item["text"][p.span[0] : p.span[1]]
                errors.append(
                    f"VALUE {text!r} gold={g.get('type')}:{g.get('value')} sys={ptext!r} {p.type}:{p.value}"
                    f" dct={item['dct']}"
                )
        for k, p in enumerate(preds):
            if k not in used:
                errors.append(f"FALSE {item['text'][p.span[0] : p.span[1]]!r} {p.type}:{p.value}")
    if show_errors:
        for line in errors[:show_errors]:
            print(line, file=sys.stderr)
    return {
        "gold": n_gold,
        "system": n_sys,
        "strict": _prf(strict, n_sys, n_gold),
        "relaxed": _prf(relaxed, n_sys, n_gold),
        "type_accuracy": round(type_ok / relaxed, 4) if relaxed else 0.0,
        "type_f1": _prf(type_ok, n_sys, n_gold)["f1"],
        "value_f1": _prf(value_ok, n_sys, n_gold)["f1"],
        "value": _prf(value_ok, n_sys, n_gold),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--model", default=None)
    parser.add_argument("--errors", type=int, default=0, help="print this many mistakes to stderr")
    args = parser.parse_args()
    files = sorted(
        f for folder in args.folders for f in folder.rglob("*.tml") if "testpipeline" not in f.parts
    )
    if not files:
        sys.exit(f"no .tml files under {', '.join(map(str, args.folders))}")
    items, docs = load_docs(files, args.model)
    start = time.perf_counter()
    predictions = []
    for item, doc in zip(items, docs, strict=True):
        dct = item["dct"][:10] if item["dct"] else None
        analysis = Analysis(article=Article(id=item["id"], text=item["text"], published=dct))
        predictions.append(extract_times(doc, analysis))
    elapsed = time.perf_counter() - start
    result = {"bench": "time", "data": ",".join(str(f) for f in args.folders), "docs": len(items)}
    result |= score(items, predictions, args.errors)
    result |= {"extract_docs_per_sec": round(len(items) / elapsed, 1) if elapsed else None}
    result |= {"anchors": {"HeidelTime_value_f1": 0.7761, "SUTime_value_f1": 0.6738}}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
