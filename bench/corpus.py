"""The store's cost as the corpus grows: articles/s, time per article and database size at 1k, 10k and 50k.

Extracting 50k documents is far too slow for a benchmark machine, so this measures what the store adds:
`Store.add` (dedup look-ups, MinHash LSH, all record rows, full-text index, claim linking when
`newsclaims.corpus.link` exists) with analyses computed once by the real pipeline and reused.

- Texts: FNC-1 bodies and Emergent headlines from ../shared/data/stance (read there, never copied), spread
  evenly over the stream; the other documents are mixes of their sentences (seeded), and 5% are syndicated
  copies of an earlier one (a dateline added, a word changed), to exercise near-duplicates. Every position
  draws from the same mixture, so the growth figures compare like with like.
- Analyses: `--templates` real documents are analysed once with the full pipeline (cached under
  /tmp/newsclaims-cache/store/); each stored document reuses the records of one template (spans clipped to
  its text), so the row counts per article are those of real news.
- Time per article at size N is the mean of the last `--window` adds before the store reaches N articles
  (the marginal cost at that size), as wall time and as this process's CPU time (steadier on a shared
  machine; for PostgreSQL the server's work is only in the wall time); `extract_ms_per_article` is the pipeline's own time on the templates, so
  `store_overhead` = store ms / extract ms (target <= 0.10); `growth_50k_vs_1k` (target <= 1.5).

    python bench/corpus.py [--sizes 1000,10000,50000] [--backends sqlite,postgresql] [--link]

Prints one JSON line; progress on stderr.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STANCE = ROOT.parent / "shared" / "data" / "stance"
CACHE = Path("/tmp/newsclaims-cache/store")
OUTLETS = [f"outlet{i}.example" for i in range(25)]
sys.path.insert(0, str(ROOT))


def log(*args: object) -> None:
    print(*args, file=sys.stderr, flush=True)


def real_texts() -> list[str]:
    csv.field_size_limit(10_000_000)
    with open(STANCE / "fnc-1" / "train_bodies.csv", encoding="utf-8") as f:
        bodies = [row["articleBody"] for row in csv.DictReader(f)]
    with open(STANCE / "emergent" / "url-versions-2015-06-14-clean-train.csv", encoding="utf-8") as f:
        headlines = sorted({row["articleHeadline"] for row in csv.DictReader(f)})
    texts = [t.strip() for t in bodies + headlines if t.strip()]
    random.Random(7).shuffle(texts)
    return texts


def templates(texts: list[str], n: int, model: str | None) -> tuple[list, dict]:
    """`n` real documents analysed by the full pipeline (cached), and its wall and CPU ms per article."""
    from newsclaims.analysis import Analysis
    from newsclaims.pipeline import analyze_many

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"templates-{n}-{model or 'default'}.jsonl"
    meta = path.with_suffix(".json")
    if path.exists() and meta.exists() and "cpu_ms" in json.loads(meta.read_text()):
        return [Analysis.from_json(line) for line in path.open()], json.loads(meta.read_text())
    chosen = [t for t in texts if len(t) > 200][:n]
    log(f"analysing {len(chosen)} template documents once (cached in {path})")
    analyze_many(["Warm up."], model=model).__next__()  # load the model outside the timing
    start, cpu = time.perf_counter(), time.process_time()
    done = [a for a in analyze_many(chosen, published="2015-01-01", model=model) if isinstance(a, Analysis)]
    n_done = max(1, len(done))
    timing = {
        "ms": (time.perf_counter() - start) * 1000 / n_done,
        "cpu_ms": (time.process_time() - cpu) * 1000 / n_done,
    }
    path.write_text("".join(a.to_json() + "\n" for a in done))
    meta.write_text(json.dumps(timing))
    return done, timing


def documents(texts: list[str], count: int, seed: int = 11):
    """`count` texts drawn alike at every position, so that time per article at 1k and at 50k compares the same
    kind of documents: each is a real text (spread evenly over the stream, while they last), a mix of real
    sentences, or (5%) a syndicated copy of an earlier one. Real texts first and mixes after would make the
    later documents longer than the early ones and count that as growth."""
    rng = random.Random(seed)
    sentences = [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if len(s) > 30]
    real = iter(texts)
    share_real = min(1.0, len(texts) / max(1, count))
    made: list[str] = []
    for i in range(count):
        draw = rng.random()
        text = None
        if made and draw < 0.05:
            text = f"LONDON ({rng.choice(OUTLETS)}) - " + rng.choice(made).replace(" the ", " a ", 1)
        elif draw < 0.05 + share_real * 0.95:
            text = next(real, None)
        if text is None:
            text = " ".join(rng.choice(sentences) for _ in range(rng.randint(6, 18)))
        made.append(text)
        yield i, text


def clipped(template, article):
    """The template's records on another article: spans clipped to its text (the row counts are what matter)."""
    n = len(article.text)

    def clip(value):
        if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
            return (min(value[0], n), min(value[1], n))
        if isinstance(value, list):
            return [clip(v) for v in value]
        if dataclasses.is_dataclass(value):
            return dataclasses.replace(
                value, **{f.name: clip(getattr(value, f.name)) for f in dataclasses.fields(value)}
            )
        return value

    records = {
        name: clip(getattr(template, name))
        for name in ("entities", "statements", "places", "times", "quantities", "events")
    }
    return dataclasses.replace(template, article=article, **records)


def run_backend(url: str, texts, tmpl, sizes: list[int], window: int, link: bool) -> dict:
    from newsclaims.article import Article, article_id
    from newsclaims.store import Store

    store = Store(url, link=link)
    rng = random.Random(3)
    results, timings, cpu_timings, statuses = {}, [], [], {}
    target = iter(sorted(sizes))
    next_size = next(target)
    for i, text in documents(texts, max(sizes)):
        url_i = f"https://{OUTLETS[i % len(OUTLETS)]}/news/{i}"
        article = Article(
            id=article_id(text, url_i),
            text=text,
            url=url_i,
            outlet=OUTLETS[i % len(OUTLETS)],
            published=f"2015-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            language="en",
        )
        analysis = clipped(tmpl[i % len(tmpl)], article)
        start, cpu = time.perf_counter(), time.process_time()
        result = store.add(analysis)
        timings.append(time.perf_counter() - start)
        cpu_timings.append(time.process_time() - cpu)
        statuses[result.status] = statuses.get(result.status, 0) + 1
        if i + 1 == next_size:
            last = timings[-window:]
            ms = 1000 * sum(last) / len(last)
            results[str(next_size)] = {
                "ms_per_article": round(ms, 3),
                "cpu_ms_per_article": round(1000 * sum(cpu_timings[-window:]) / len(last), 3),
                "articles_per_s": round(1000 / ms, 1),
                "db_mb": round((store.stats()["bytes"] or 0) / 1e6, 1),
                "total_s": round(sum(timings), 1),
            }
            log(f"  {store!r} {next_size}: {results[str(next_size)]}")
            next_size = next(target, None)
    search_start = time.perf_counter()
    queries = ["police", "killed", "president said", "video", "ISIS", "Apple", "hoax", "Ebola"]
    hits = sum(len(store.search(q, limit=10)) for q in queries)
    search_ms = 1000 * (time.perf_counter() - search_start) / len(queries)
    store.close()
    return {"sizes": results, "statuses": statuses, "search_ms": round(search_ms, 1), "search_hits": hits}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--templates", type=int, default=200)
    parser.add_argument("--window", type=int, default=1000)
    parser.add_argument("--model")
    parser.add_argument(
        "--link", action="store_true", help="Include claim linking (newsclaims.corpus.link) in each add."
    )
    args = parser.parse_args()
    if not (STANCE / "fnc-1" / "train_bodies.csv").exists():
        print(json.dumps({"bench": "corpus", "skipped": f"{STANCE} is absent"}))
        return
    from newsclaims.store.store import _linker

    sizes = [int(s) for s in args.sizes.split(",")]
    texts = real_texts()
    tmpl, extract = templates(texts, args.templates, args.model)
    out = {
        "bench": "corpus",
        "measured": "Store.add per article (dedup, MinHash LSH, record rows, full-text index"
        + (", claim linking" if args.link and _linker() else "; no claim linking")
        + ") with pre-computed analyses reused; not the parse",
        "link": bool(args.link and _linker()),
        "documents": f"FNC-1 bodies + Emergent headlines ({len(texts)} real) spread over the stream, sentence mixes, 5% syndicated copies",
        "templates": len(tmpl),
        "extract_ms_per_article": round(extract["ms"], 1),
        "extract_cpu_ms_per_article": round(extract["cpu_ms"], 1),
        "backends": {},
    }
    for backend in args.backends.split(","):
        if backend == "sqlite":
            folder = tempfile.mkdtemp(prefix="newsclaims-bench-")
            url, server = f"sqlite:///{folder}/corpus.db", None
        else:
            from tests.postgres import PostgresServer, why_unavailable

            reason = why_unavailable()
            if reason:
                out["backends"][backend] = {"skipped": reason}
                continue
            server = PostgresServer(fsync=True).start()
            url = server.new_database()
        log(f"{backend}: ingesting up to {max(sizes)} documents")
        try:
            result = run_backend(url, texts, tmpl, sizes, args.window, args.link)
        finally:
            if server is not None:
                server.stop()
            else:
                shutil.rmtree(folder, ignore_errors=True)
        first, last = result["sizes"].get(str(min(sizes))), result["sizes"].get(str(max(sizes)))
        if first and last:
            result["growth_largest_vs_smallest"] = round(last["ms_per_article"] / first["ms_per_article"], 2)
            result["cpu_growth_largest_vs_smallest"] = round(
                last["cpu_ms_per_article"] / first["cpu_ms_per_article"], 2
            )
            result["store_overhead_vs_extract"] = round(last["ms_per_article"] / extract["ms"], 3)
            result["store_cpu_overhead_vs_extract"] = round(last["cpu_ms_per_article"] / extract["cpu_ms"], 3)
        out["backends"][backend] = result
    print(json.dumps(out))


if __name__ == "__main__":
    main()
