"""Load benchmark of `newsclaims serve`: 50 concurrent clients on localhost against a 10k-article corpus.

Usage: python bench/serve.py [--articles 10000] [--claims 2000] [--clients 50] [--requests 3000]
                             [--seconds 30] [--workers 1] [--rebuild]

The corpus is built once and cached under /tmp/newsclaims-cache/serve/. A full extraction of 10k articles
is too slow for a benchmark of the server, so the corpus stores a few analyses many times under different
ids (each text gets a unique suffix after the analysed part, so spans stay valid): the four hand-made sample
articles of `newsclaims.web.sample` and, when ../shared/examples is present, the real extraction of the
canonical example (read from there, never copied). Claims (2,000 by default, 5 links each, about a third
contested) are written directly, as the claims layer would.

The server runs as a subprocess (`newsclaims serve`, loopback only). Each scenario sends at most --requests
requests or runs at most --seconds, with --clients persistent HTTP/1.1 connections each sending one request
at a time. Prints ONE JSON line: requests/s, p50/p99 latency (ms) and errors per scenario; target p99 < 200 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path("/tmp/newsclaims-cache/serve")
EXAMPLE = ROOT.parent / "shared" / "examples" / "reuters-idlib-2019-07-18.md"
TARGET_P99_MS = 200.0


def log(*parts: object) -> None:
    print(*parts, file=sys.stderr, flush=True)


# ---- corpus ------------------------------------------------------------------------------------------


def base_analyses() -> tuple[list, bool]:
    """The analyses the corpus repeats, and whether a real extraction is among them."""
    from newsclaims.web.sample import sample_analyses

    bases = sample_analyses()
    real = False
    if EXAMPLE.exists():
        from newsclaims import analyze
        from newsclaims.ingest import read_path

        log("bench: extracting the canonical example once")
        bases.append(analyze(read_path(EXAMPLE)))
        real = True
    return bases, real


def build_corpus(url: str, n_articles: int, n_claims: int, seed: int = 7) -> dict:
    """Write the benchmark corpus; returns what it holds."""
    import dataclasses
    import datetime as dt

    from sqlalchemy import insert

    from newsclaims.store import Store
    from newsclaims.store.dedup import text_hash
    from newsclaims.store.models import (
        AnalysisRow,
        ArticleRow,
        ClaimLinkRow,
        ClaimRow,
    )
    from newsclaims.store.rows import ROW_BUILDERS, analysis_json, article_row

    rng = random.Random(seed)
    bases, real = base_analyses()
    store = Store(url, link=False)
    from newsclaims.store.models import CHILD_TABLES

    start_day = dt.date(2026, 1, 1)
    articles: list[tuple[str, str, list[str], str]] = []  # id, published, statement ids, source names
    batch_rows: dict[str, list] = {
        "articles": [],
        "analyses": [],
        **{m.__tablename__: [] for m in CHILD_TABLES},
    }

    def flush() -> None:
        with store.session() as session:
            session.execute(insert(ArticleRow), batch_rows["articles"])
            session.execute(insert(AnalysisRow), batch_rows["analyses"])
            for model in CHILD_TABLES:
                if batch_rows[model.__tablename__]:
                    session.execute(insert(model), batch_rows[model.__tablename__])
        for rows in batch_rows.values():
            rows.clear()

    for i in range(n_articles):
        base = bases[i % len(bases)]
        aid = f"bench-{i:05d}"
        published = (start_day + dt.timedelta(days=rng.randrange(90))).isoformat()
        text = f"{base.article.text}\n\n[bench copy {i}]"
        article = dataclasses.replace(base.article, id=aid, text=text, published=published, url=None)
        analysis = dataclasses.replace(base, article=article)
        batch_rows["articles"].append(article_row(article) | {"text_hash": text_hash(text)})
        batch_rows["analyses"].append(
            {
                "article_id": aid,
                "schema": analysis.schema,
                "model": analysis.model,
                "json": analysis_json(analysis),
            }
        )
        for model in CHILD_TABLES:
            batch_rows[model.__tablename__].extend(
                r | {"article_id": aid} for r in ROW_BUILDERS[model.__tablename__](analysis)
            )
        articles.append((aid, published, [s.id for s in analysis.statements], article.outlet or "outlet"))
        if len(batch_rows["articles"]) >= 500:
            flush()
            log(f"bench: {i + 1} articles written")
    if batch_rows["articles"]:
        flush()

    claims, links = [], []
    for c in range(n_claims):
        chosen = rng.sample(articles, 5)
        stances = [rng.choice(("supports", "supports", "reports", "denies")) for _ in chosen]
        contested = "supports" in stances and "denies" in stances
        days = sorted(a[1] for a in chosen)
        claims.append(
            {
                "id": f"claim-{c:05d}",
                "text": f"Benchmark claim {c}: forces shelled a town, killing civilians",
                "event_type": "Explosions/Remote violence",
                "subtype": "Shelling/artillery/missile attack",
                "place_name": "Kafr Nabl",
                "first_seen": days[0],
                "last_seen": days[-1],
                "contested": contested,
                "n_sources": 5,
                "n_supports": stances.count("supports"),
                "n_denies": stances.count("denies"),
            }
        )
        for (aid, published, statement_ids, _outlet), stance in zip(chosen, stances, strict=True):
            links.append(
                {
                    "claim_id": f"claim-{c:05d}",
                    "article_id": aid,
                    "statement_id": statement_ids[0] if statement_ids else None,
                    "stance": stance,
                    "score": 0.8,
                    "source_name": f"Source {rng.randrange(300)}",
                    "source_key": None,
                    "quote": "a quote of the statement",
                    "published": published,
                }
            )
    with store.session() as session:
        session.execute(insert(ClaimRow), claims)
        session.execute(insert(ClaimLinkRow), links)
    store.close()
    return {"articles": n_articles, "claims": n_claims, "links": len(links), "real_extraction": real}


def ensure_corpus(n_articles: int, n_claims: int, rebuild: bool) -> tuple[str, dict]:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"bench-{n_articles}-{n_claims}.db"
    meta_path = path.with_suffix(".json")
    if rebuild or not path.exists() or not meta_path.exists():
        for old in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), meta_path):
            old.unlink(missing_ok=True)
        started = time.perf_counter()
        meta = build_corpus(f"sqlite:///{path}", n_articles, n_claims)
        meta["build_s"] = round(time.perf_counter() - started, 1)
        meta_path.write_text(json.dumps(meta))
        log(f"bench: corpus built in {meta['build_s']} s -> {path}")
    return f"sqlite:///{path}", json.loads(meta_path.read_text())


# ---- load --------------------------------------------------------------------------------------------


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, int]:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed")
    status = int(status_line.split()[1])
    length, chunked = 0, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if not chunked:
        await reader.readexactly(length)
        return status, length
    total = 0
    while True:
        size = int((await reader.readline()).strip(), 16)
        await reader.readexactly(size + 2)
        total += size
        if size == 0:
            return status, total


async def _client(
    port: int, paths, latencies: list[float], errors: list[str], stop_at: float, budget
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < stop_at and next(budget, None) is not None:
            path = next(paths)
            started = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n".encode())
            status, _ = await _read_response(reader)
            latencies.append(time.perf_counter() - started)
            if status != 200:
                errors.append(f"{status} {path}")
    except (ConnectionError, asyncio.IncompleteReadError) as err:
        errors.append(f"connection: {err}")
    finally:
        writer.close()


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(q / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


async def run_scenario(port: int, paths, clients: int, requests: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    budget = iter(range(requests))
    started = time.perf_counter()
    await asyncio.gather(
        *(_client(port, paths, latencies, errors, started + seconds, budget) for _ in range(clients))
    )
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(ordered, 50) * 1000, 1),
        "p99_ms": round(percentile(ordered, 99) * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1) if ordered else None,
        "errors": len(errors),
        "first_error": errors[0] if errors else None,
    }


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a process and its children that have ended, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(int(x) for x in fields[11:15]) / ticks


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_ready(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                if sock.recv(20).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError("the server did not answer in time")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=2_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3_000, help="most requests per scenario")
    parser.add_argument("--seconds", type=float, default=30.0, help="most seconds per scenario")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--threads", type=int, default=4, help="the server's handler threads per worker")
    parser.add_argument("--only", help="comma-separated scenarios to run (default: all)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached corpus")
    parser.add_argument(
        "--cache-seconds",
        type=float,
        default=10.0,
        help="the server's response cache (0: measure without it)",
    )
    args = parser.parse_args()

    url, meta = ensure_corpus(args.articles, args.claims, args.rebuild)
    port = free_port()
    command = [
        sys.executable, "-c", "from newsclaims.cli import main; main()", "serve", "--db", url, "--port", str(port),
        "--workers", str(args.workers), "--log-level", "warning", "--cache-seconds", str(args.cache_seconds), "--threads", str(args.threads),
    ]  # fmt: skip
    env = dict(os.environ, NEWSCLAIMS_TOKEN="")
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=sys.stderr, start_new_session=True
    )
    rng = random.Random(11)
    ids = [f"bench-{rng.randrange(args.articles):05d}" for _ in range(args.requests * 2)]
    scenarios = {
        "claims_list_api": itertools.cycle(
            [f"/api/claims?sort=contested&limit=50&offset={o}" for o in (0, 50, 100)]
            + ["/api/claims?sort=recent&limit=50", "/api/claims?contested=true&limit=50"]
        ),
        "claims_board_page": itertools.cycle(["/", "/?sort=recent", "/?contested=1", "/?offset=25"]),
        "article_page": itertools.cycle(f"/articles/{i}" for i in ids),
        "article_api": itertools.cycle(f"/api/articles/{i}" for i in ids),
    }
    if args.only:
        scenarios = {k: v for k, v in scenarios.items() if k in args.only.split(",")}
    results: dict[str, dict] = {}
    load_before = os.getloadavg()[0]
    try:
        wait_ready(port, server)
        for name, paths in scenarios.items():
            log(f"bench: {name} ...")
            asyncio.run(run_scenario(port, paths, args.clients, min(200, args.requests), 10))  # warm-up
            cpu_before = cpu_seconds(server.pid)
            results[name] = asyncio.run(run_scenario(port, paths, args.clients, args.requests, args.seconds))
            # CPU the server spent per request: unlike latency, it does not depend on what else the
            # machine is running (with --workers 1, the server is this one process).
            used = cpu_seconds(server.pid) - cpu_before
            results[name]["server_cpu_ms_per_request"] = round(
                1000 * used / max(results[name]["requests"], 1), 2
            )
            log(f"bench: {name} {results[name]}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    worst = max(r["p99_ms"] for r in results.values())
    print(
        json.dumps(
            {
                "benchmark": "serve",
                "corpus": meta,
                "clients": args.clients,
                "workers": args.workers,
                "threads": args.threads,
                "cores": os.cpu_count(),
                # Other work on the machine slows the server: the 1-minute load before and after the run.
                "loadavg_1m": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "cache_seconds": args.cache_seconds,
                **results,
                "target_p99_ms": TARGET_P99_MS,
                "target_met": bool(worst < TARGET_P99_MS and all(r["errors"] == 0 for r in results.values())),
            }
        )
    )


if __name__ == "__main__":
    main()
