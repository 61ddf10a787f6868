"""The store's commands: ingest (with the real pipeline), search, articles, export, stats."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclaims.analysis import Analysis
from newsclaims.cli import main
from newsclaims.store import Store
from tests.test_store import OTHER, WIRE, make_analysis


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def filled(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    store = Store(url)
    store.add(make_analysis(WIRE, url="https://wire.example/1", outlet="Wire"))
    store.add(make_analysis(OTHER, url="https://paper.example/2", outlet="Paper", published="2019-08-01"))
    store.add(make_analysis("BEIRUT - " + WIRE, url="https://copy.example/3", outlet="Copy"))
    return url


def test_ingest_twice_adds_then_reports_duplicates(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.txt").write_text(WIRE)
    (folder / "other.txt").write_text(OTHER)
    db = f"sqlite:///{tmp_path / 'c.db'}"
    first = run("ingest", str(folder), "--db", db)
    assert first.exit_code == 0, first.output
    assert "2 added, 0 near-duplicates, 0 duplicates, 0 failed" in first.output
    second = run("ingest", str(folder), "--json", env={"NEWSCLAIMS_DB": db})
    summary = json.loads(second.output.strip().splitlines()[-1])
    assert (summary["added"], summary["duplicate"], summary["failed"]) == (0, 2, 0)
    stored = Store(db).get_analysis(Store(db).articles(place=None)[0].id)
    assert stored.model and stored.article.text in (WIRE, OTHER)


def test_bad_inputs_fail_alone_with_reasons(tmp_path: Path) -> None:
    lines = tmp_path / "in.jsonl"
    with lines.open("w") as f:
        f.write(json.dumps({"id": "big", "text": "x " * 3_000_000}) + "\n")  # 6 MB, above the cap
        f.write(json.dumps({"id": "ok", "text": OTHER}) + "\n")
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = run("ingest", str(lines), str(tmp_path / "absent.txt"), "--input-format", "jsonl", "--db", db)
    assert result.exit_code == 1
    assert "1 added" in result.output and "2 failed" in result.output
    assert Store(db).articles()[0].id == "ok"


def test_locked_and_read_only_databases_stop_with_a_clear_message(filled: str, tmp_path: Path) -> None:
    path = filled.removeprefix("sqlite:///")
    (tmp_path / "in.txt").write_text(
        "Officials said the bridge over the river was closed for repairs on Monday."
    )
    locker = sqlite3.connect(path)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        result = run("ingest", str(tmp_path / "in.txt"), "--db", filled, env={"NEWSCLAIMS_DB_TIMEOUT": "0.2"})
    finally:
        locker.rollback()
        locker.close()
    assert result.exit_code == 1 and "locked by another process" in result.output
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    result = run("ingest", str(tmp_path / "in.txt"), "--db", read_only)
    assert result.exit_code == 1 and "read-only" in result.output
    assert Store(filled).stats()["articles"] == 3


def test_search_highlights_and_filters(filled: str) -> None:
    result = run("search", "displaced", "--db", filled, "--source", "United Nations")
    assert result.exit_code == 0
    assert "United Nations [assert]" in result.output and "displaced" in result.output
    hits = [
        json.loads(line)
        for line in run("search", "tractors", "--db", filled, "-f", "jsonl").output.splitlines()
    ]
    assert {h["outlet"] for h in hits} == {"Paper"}
    assert hits[0]["snippet"][slice(*hits[0]["highlights"][0])].lower() == "tractors"
    assert "no match" in run("search", "zeppelin", "--db", filled).output


def test_articles_lists_with_filters(filled: str) -> None:
    rows = [json.loads(line) for line in run("articles", "--db", filled, "-f", "jsonl").output.splitlines()]
    assert [r["outlet"] for r in rows][0] == "Paper"  # newest first
    assert sum(1 for r in rows if r["near_duplicate_of"]) == 1
    one_per_cluster = run("articles", "--db", filled, "-f", "ids", "--no-near-duplicates").output.split()
    assert len(one_per_cluster) == 2
    assert len(run("articles", "--db", filled, "-f", "ids", "--place", "Kafr Nabudah").output.split()) == 2
    assert run("articles", "--db", filled, "-f", "ids", "--since", "2019-07-20").output.split() == [
        rows[0]["id"]
    ]


def test_export_jsonl_round_trip_csv_and_parquet(filled: str, tmp_path: Path) -> None:
    exported = run("export", "--db", filled).output.splitlines()
    analyses = [Analysis.from_json(line) for line in exported]
    store = Store(filled)
    assert [store.get_analysis(a.article.id) for a in analyses] == analyses and len(analyses) == 3
    rows = list(
        csv.DictReader(io.StringIO(run("export", "--db", filled, "-f", "csv", "--source", "Wire").output))
    )
    assert [(r["source_name"], r["outlet"]) for r in rows] == [("United Nations", "Wire")]
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    assert run("export", "--db", filled, "-f", "parquet", "--table", "events", "-o", str(out)).exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == 2 and table.column("fatalities").to_pylist() == [12.0, 12.0]


def test_stats(filled: str) -> None:
    data = json.loads(run("stats", "--db", filled, "--json").output)
    assert (data["articles"], data["near_duplicates"], data["statements"]) == (3, 1, 2)
    assert "near duplicates" in run("stats", "--db", filled).output


def test_ingest_of_the_shared_example_twice(shared_example: Path, tmp_path: Path) -> None:
    folder = tmp_path / "examples"
    folder.mkdir()
    shutil.copy(shared_example, folder)  # a temporary copy, outside the repository
    db = f"sqlite:///{tmp_path / 'c.db'}"
    assert "1 added, 0 near-duplicates, 0 duplicates" in run("ingest", str(folder), "--db", db).output
    assert "0 added, 0 near-duplicates, 1 duplicate," in run("ingest", str(folder), "--db", db).output
    hits = Store(db).search("ground forces", kinds=("statement",))
    assert hits and all(h.highlights for h in hits)


def test_reanalyse_reruns_outdated_analyses(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(OTHER)
    db = f"sqlite:///{tmp_path / 'c.db'}"
    assert "1 added" in run("ingest", str(tmp_path / "a.txt"), "--db", db).output
    assert "0 re-analysed" not in run("ingest", "--reanalyse", "--db", db).output  # nothing is outdated
    with sqlite3.connect(tmp_path / "c.db") as conn:
        conn.execute("UPDATE analyses SET newsclaims_version = '0.0.1'")
    result = run("ingest", "--reanalyse", "--db", db)
    assert "1 re-analysed" in result.output and "0 failed" in result.output
    assert Store(db).outdated(None) == []
    assert "1 re-analysed" in run("ingest", str(tmp_path / "a.txt"), "--reanalyse", "--db", db).output
    assert run("ingest", "--db", db).exit_code == 2  # no INPUT and no --reanalyse
