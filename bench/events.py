"""Benchmark of event typing and event frames; prints ONE JSON line (progress on stderr).

    .venv/bin/python bench/events.py [--data ../shared/data/events] [--limit N]

(a) CASE 2021 task 2 (`case2021_task2/*.tsv`, columns id, EventSnippet, SubType): each snippet goes through
    the full `events` extractor; the sub-type of its first (main) event is compared with the gold label mapped
    by `CASE_TO_SUBTYPE` (newsclaims.extract.event_types); `Displacement`, which CASE has no label for, is
    scored as CASE's OTHER (where CASE files reports of people fleeing). A snippet with no event counts as wrong.
    Metrics: accuracy, weighted F1 (the task's official metric), macro F1.
(b) PLOVER gold-standard records (`plover_gsr/*.json`): the main event's PLOVER root against the gold event
    (2016 names mapped to 2021 roots: DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT);
    source and target span F1 where a predicted agent (target) span counts when it overlaps a gold SRC (TAR)
    span of the record's markup, and a gold span counts as found when a predicted one overlaps it.
(c) Speed, when the PolNeAR dev texts are there: the events extractor's time as a share of the bare parse of
    the same 30 articles (the extractor alone, on empty entity/statement/place lists).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "events"

MARKUP = re.compile(r"\((SRC/TAR|SRC|TAR|EVT|LOC): ")


def markup_spans(text: str, markup: str) -> dict[str, list[tuple[int, int]]]:
    """Gold SRC/TAR character spans in `text` from the record's inline markup "(SRC: Libya) has ..."."""
    spans: dict[str, list[tuple[int, int]]] = {"SRC": [], "TAR": []}
    plain: list[str] = []
    stack: list[tuple[str, int]] = []
    i = 0
    while i < len(markup):
        match = MARKUP.match(markup, i)
        if match:
            stack.append((match.group(1), len("".join(plain))))
            i = match.end()
            continue
        if markup[i] == ")" and stack:
            role, start = stack.pop()
            end = len("".join(plain))
            for part in role.split("/"):
                if part in spans:
                    spans[part].append((start, end))
            i += 1
            continue
        plain.append(markup[i])
        i += 1
    rebuilt = "".join(plain)
    if rebuilt == text:
        return spans
    # The markup's text differs slightly from `text`: locate each span's words in `text` instead.
    located: dict[str, list[tuple[int, int]]] = {"SRC": [], "TAR": []}
    for role, items in spans.items():
        for start, end in items:
            words = rebuilt[start:end].strip()
            at = text.find(words) if words else -1
            if at >= 0:
                located[role].append((at, at + len(words)))
    return located


def overlap_f1(pred: list[list[tuple[int, int]]], gold: list[list[tuple[int, int]]]) -> dict[str, float]:
    """Span P/R/F1 by overlap, summed over records."""
    tp_p = n_p = tp_g = n_g = 0
    for ps, gs in zip(pred, gold, strict=True):
        n_p += len(ps)
        n_g += len(gs)
        tp_p += sum(any(a < d and c < b for c, d in gs) for a, b in ps)
        tp_g += sum(any(a < d and c < b for a, b in ps) for c, d in gs)
    precision = tp_p / n_p if n_p else 0.0
    recall = tp_g / n_g if n_g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4)}


def run_case(data: Path, limit: int | None) -> dict:
    from sklearn.metrics import accuracy_score, f1_score

    from newsclaims.extract.event_types import CASE_TO_SUBTYPE, SUBTYPE_TO_CASE
    from newsclaims.pipeline import analyze_many

    files = sorted((data / "case2021_task2").glob("*.tsv"))
    rows = []
    for path in files:
        with open(path, newline="", encoding="utf-8") as fh:
            rows += [r for r in csv.DictReader(fh, delimiter="\t") if r.get("SubType")]
    rows = rows[:limit] if limit else rows
    gold = [CASE_TO_SUBTYPE.get(r["SubType"], r["SubType"]) for r in rows]
    pred = []
    for analysis in analyze_many((r["EventSnippet"] for r in rows), extractors=("events",), batch_size=32):
        events = getattr(analysis, "events", None) or []
        subtype = events[0].subtype if events else "(none)"
        # Scored in CASE's label space: `Displacement` (no CASE label) counts as CASE's OTHER.
        pred.append(CASE_TO_SUBTYPE.get(SUBTYPE_TO_CASE.get(subtype, ""), subtype))
    print(f"case: {len(rows)} snippets", file=sys.stderr)
    confusions = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p).most_common(5)
    return {
        "n": len(rows),
        "accuracy": round(accuracy_score(gold, pred), 4),
        "weighted_f1": round(f1_score(gold, pred, average="weighted", zero_division=0), 4),
        "macro_f1": round(
            f1_score(gold, pred, average="macro", labels=sorted(set(gold)), zero_division=0), 4
        ),
        "no_event": pred.count("(none)"),
        "top_confusions": [f"{g} -> {p}: {n}" for (g, p), n in confusions],
    }


def run_plover(data: Path, limit: int | None) -> dict:
    from newsclaims.extract.event_types import plover_from_2016
    from newsclaims.pipeline import analyze_many

    records = []
    for path in sorted((data / "plover_gsr").glob("*.json")):
        records += [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    records = records[:limit] if limit else records
    correct = 0
    pred_src, pred_tar, gold_src, gold_tar = [], [], [], []
    texts = [r["text"] for r in records]
    for record, analysis in zip(
        records, analyze_many(texts, extractors=("events",), batch_size=32), strict=True
    ):
        events = getattr(analysis, "events", None) or []
        main = events[0] if events else None
        correct += bool(main and main.plover == plover_from_2016(record["event"]))
        info = record.get("textInfo")
        gold = markup_spans(record["text"], info.get("markup", "") if isinstance(info, dict) else "")
        gold_src.append(gold["SRC"])
        gold_tar.append(gold["TAR"])
        pred_src.append(list(main.agent_spans) if main else [])
        pred_tar.append(list(main.target_spans) if main else [])
    print(f"plover: {len(records)} records", file=sys.stderr)
    return {
        "n": len(records),
        "root_accuracy": round(correct / len(records), 4) if records else 0.0,
        "source_span": overlap_f1(pred_src, gold_src),
        "target_span": overlap_f1(pred_tar, gold_tar),
    }


def run_speed(texts_dir: Path, limit: int = 30) -> dict:
    """The events extractor's own time against the bare parse of the same articles (its share of the
    throughput budget: the whole extract must keep >= 0.8 of the parse's speed)."""
    from newsclaims import nlp as nlp_module
    from newsclaims.analysis import Analysis
    from newsclaims.article import Article
    from newsclaims.extract.events import extract_events

    texts = [p.read_text(encoding="utf-8") for p in sorted(texts_dir.glob("*"))[:limit] if p.is_file()]
    nlp = nlp_module.load()
    extract_events(nlp("Warm up."), Analysis(article=Article(id="w", text="Warm up.")))
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=8))
    parse = time.perf_counter() - started
    started = time.perf_counter()
    found = sum(
        len(extract_events(d, Analysis(article=Article(id="x", text=t))))
        for d, t in zip(docs, texts, strict=True)
    )
    events = time.perf_counter() - started
    print(f"speed: {len(texts)} articles", file=sys.stderr)
    return {
        "articles": len(texts),
        "parse_seconds": round(parse, 2),
        "events_seconds": round(events, 2),
        "events_share_of_parse": round(events / parse, 3) if parse else None,
        "events_found": found,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    started = time.time()
    result: dict = {"bench": "events"}
    if (args.data / "case2021_task2").is_dir():
        result["case2021_task2"] = run_case(args.data, args.limit)
    if (args.data / "plover_gsr").is_dir():
        result["plover_gsr"] = run_plover(args.data, args.limit)
    speed_dir = args.data.parent / "attribution" / "polnear" / "dev" / "text"
    if speed_dir.is_dir():
        result["speed"] = run_speed(speed_dir)
    result["seconds"] = round(time.time() - started, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
