"""The corpus store on SQLite and on a throwaway PostgreSQL: each test runs on both backends (`store_url`)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import func, select

from newsclaims.analysis import Analysis, Cue, Entity, Event, Place, Quantity, Source, Statement, Time
from newsclaims.article import Article, article_id
from newsclaims.store import Store, StoreError
from newsclaims.store.models import AnalysisRow, ArticleRow, MinHashBandRow, StatementRow
from tests import postgres

# The fixtures that run each test on SQLite and on PostgreSQL.
postgres_server, store_url = postgres.postgres_server, postgres.store_url

# Texts written for these tests.
WIRE = (
    "Government forces shelled the northern town of Kafr Nabudah on Tuesday, killing at least 12 civilians, "
    "a monitoring group said. The Syrian Observatory for Human Rights said warplanes also struck the outskirts "
    "of Khan Sheikhoun, where thousands of families have fled in recent weeks. Rebel commanders denied that "
    "their fighters had withdrawn from the area and said the army had suffered heavy losses in the fighting. "
    "The United Nations said more than 300,000 people had been displaced since the offensive began."
)
OTHER = (
    "Farmers in the southern province protested on Monday against the rising price of fuel, blocking two "
    "highways with tractors for several hours. Police said the demonstration was peaceful and that no one "
    "had been arrested, while the agriculture minister promised to meet union leaders later this week to "
    "discuss subsidies for diesel and fertiliser before the planting season starts in the spring."
)


def make_analysis(
    text: str, url: str | None = None, outlet: str | None = None, published: str = "2019-07-18"
) -> Analysis:
    """A small hand-made Analysis whose records point into `text` (no spaCy needed)."""
    article = Article(
        id=article_id(text, url), text=text, url=url, outlet=outlet, published=published, title=None
    )
    un = text.find("The United Nations")
    said = text.find("said", un) if un >= 0 else text.find("said")
    place = text.find("Kafr Nabudah")
    analysis = Analysis(article=article, model="test-model")
    if un >= 0:
        analysis.entities.append(
            Entity(
                id="E1", name="United Nations", type="ORG", kind="organisation", mentions=[(un + 4, un + 18)]
            )
        )
        analysis.statements.append(
            Statement(
                id="S1",
                source=Source(span=(un, un + 18), entity="E1"),
                cue=Cue(span=(said, said + 4), lemma="say"),
                content=[(said + 5, len(text) - 1)],
                kind="indirect",
            )
        )
    if place >= 0:
        analysis.places.append(
            Place(span=(place, place + 12), name="Kafr Nabudah", lat=35.5, lon=36.5, country="SY")
        )
        killed = text.find("at least 12 civilians")
        analysis.quantities.append(
            Quantity(span=(killed, killed + 21), value=12, bound=">", unit="civilians", concept="killed")
        )
        tuesday = text.find("Tuesday")
        analysis.times.append(Time(span=(tuesday, tuesday + 7), type="DATE", value="2019-07-16"))
        shelled = text.find("shelled")
        analysis.events.append(
            Event(
                id="V1",
                type="Explosions/Remote violence",
                subtype="Shelling/artillery/missile attack",
                trigger=(shelled, shelled + 7),
                place=0,
                time=0,
                counts=[0],
            )
        )
    return analysis


def test_round_trip_loses_nothing(store_url: str) -> None:
    store = Store(store_url)
    analysis = make_analysis(WIRE, url="https://example.org/a/1", outlet="Example Wire")
    result = store.add(analysis)
    assert result.status == "added" and result.article_id == analysis.article.id
    assert store.get_analysis(result.article_id) == analysis
    with pytest.raises(KeyError):
        store.get_analysis("no-such-id")


def test_same_url_or_same_text_is_one_article(store_url: str) -> None:
    store = Store(store_url)
    first = store.add(make_analysis(WIRE, url="https://example.org/a/1?utm_source=feed"))
    same_url = store.add(make_analysis(WIRE + " Updated.", url="http://www.example.org/a/1"))
    same_text = store.add(make_analysis("  " + WIRE.upper(), url="https://mirror.example.net/x"))
    assert (same_url.status, same_url.duplicate_of) == ("duplicate", first.article_id)
    assert (same_text.status, same_text.duplicate_of) == ("duplicate", first.article_id)
    assert store.stats()["articles"] == 1


def test_syndicated_copies_are_near_duplicates_found_through_the_index(store_url: str) -> None:
    store = Store(store_url)
    original = store.add(make_analysis(WIRE, url="https://wire.example/1"))
    copy_text = "BEIRUT (Example) - " + WIRE.replace("heavy losses", "heavy casualties")
    copy = store.add(make_analysis(copy_text, url="https://paper.example/2"))
    other = store.add(make_analysis(OTHER, url="https://paper.example/3"))
    assert copy.status == "near-duplicate" and copy.duplicate_of == original.article_id
    assert copy.similarity >= 0.7
    assert other.status == "added"
    # A third copy points at the first of the cluster, not at the second.
    third = store.add(make_analysis(copy_text + " Reporting by A. Writer.", url="https://third.example/3"))
    assert third.duplicate_of == original.article_id
    assert [a.id for a in store.articles(near_duplicates=False)].count(original.article_id) == 1
    assert len(store.articles(near_duplicates=False)) == 2
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(MinHashBandRow)) > 0


def test_records_are_queryable_without_json(store_url: str) -> None:
    store = Store(store_url)
    store.add(make_analysis(WIRE, url="https://wire.example/1"))
    store.add(make_analysis(OTHER, url="https://paper.example/3"))
    with store.session() as session:
        by_un = session.scalars(
            select(StatementRow).where(func.lower(StatementRow.source_name) == "united nations")
        ).all()
    assert len(by_un) == 1 and by_un[0].content.startswith("more than 300,000")
    assert by_un[0].cue_lemma == "say" and by_un[0].stance == "assert"
    assert [a.url for a in store.articles(source="United Nations")] == ["https://wire.example/1"]
    assert [a.url for a in store.articles(place="kafr nabudah")] == ["https://wire.example/1"]
    assert store.articles(since="2020-01-01") == []


def test_search_ranks_articles_and_statements_with_highlights(store_url: str) -> None:
    store = Store(store_url)
    store.add(make_analysis(WIRE, url="https://wire.example/1", outlet="Wire"))
    store.add(make_analysis(OTHER, url="https://paper.example/3", outlet="Paper"))
    hits = store.search("displaced people")
    kinds = {h.kind for h in hits}
    assert kinds == {"article", "statement"}
    assert all(h.article_id == article_id(WIRE, "https://wire.example/1") for h in hits)
    statement = next(h for h in hits if h.kind == "statement")
    marked = [statement.snippet[s:e].lower() for s, e in statement.highlights]
    assert any(m.startswith("displac") for m in marked) and "people" in marked
    assert store.search("tractors", source="Wire") == []
    assert [h.outlet for h in store.search("tractors", kinds=("article",))] == ["Paper"]
    assert (
        store.search("displaced", place="Kafr Nabudah", kinds=("statement",))[0].source_name
        == "United Nations"
    )
    assert store.search('"quoted phrase" OR') == [] and store.search("   ") == []


def test_replace_updates_the_analysis_and_its_rows(store_url: str) -> None:
    store = Store(store_url)
    analysis = make_analysis(WIRE, url="https://wire.example/1")
    store.add(analysis)
    analysis.statements[0].stance = "deny"
    analysis.model = "newer-model"
    result = store.add(analysis, replace=True)
    assert result.status == "updated"
    assert store.get_analysis(result.article_id).statements[0].stance == "deny"
    with store.session() as session:
        stances = session.scalars(select(StatementRow.stance)).all()
    assert stances == ["deny"]
    assert store.outdated("newer-model") == []
    assert store.outdated("another-model") == [result.article_id]


def test_migrations_upgrade_an_old_database_and_refuse_a_newer_one(tmp_path) -> None:
    from alembic import command

    from newsclaims.store.engine import current_revision, head_revision, migrations_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    store = Store(url)
    kept = store.add(make_analysis(WIRE)).article_id
    config = migrations_config()
    with store.engine.begin() as conn:  # a database of the first release: revision 0001
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    assert current_revision(store.engine) == "0001"
    reopened = Store(url)  # upgraded in place, not rebuilt: the article is still there
    assert current_revision(reopened.engine) == head_revision() != "0001"
    assert reopened.get_analysis(kept) == make_analysis(WIRE)
    with sqlite3.connect(tmp_path / "old.db") as conn:
        assert conn.execute("SELECT count(*) FROM claim_terms").fetchone() == (0,)
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="newer"):
        Store(url)


def test_read_only_and_locked_databases_give_clear_messages(tmp_path, monkeypatch) -> None:
    path = tmp_path / "c.db"
    Store(f"sqlite:///{path}").add(make_analysis(OTHER))
    read_only = Store(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert read_only.stats()["articles"] == 1
    with pytest.raises(StoreError, match="read-only"):
        read_only.add(make_analysis(WIRE))
    monkeypatch.setenv("NEWSCLAIMS_DB_TIMEOUT", "0.2")
    store = Store(f"sqlite:///{path}")
    locker = sqlite3.connect(path)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked by another process"):
            store.add(make_analysis(WIRE))
    finally:
        locker.rollback()
        locker.close()
    assert store.add(make_analysis(WIRE)).status == "added"
    with pytest.raises(StoreError, match="does not exist"):
        Store(f"sqlite:///{tmp_path / 'missing' / 'x.db'}")


_WRITER = textwrap.dedent(
    """
    import sys
    from tests.test_store import numbered
    from newsclaims.store import Store
    store = Store(sys.argv[1])
    for i in range(int(sys.argv[2])):
        print(i, store.add(numbered(i)).status, flush=True)
    """
)


def numbered(i: int) -> Analysis:
    return make_analysis(f"Report {i}. " + WIRE, url=f"https://example.org/{i}")


def test_killed_ingest_loses_nothing_and_resumes(store_url: str) -> None:
    Store(store_url)  # migrate first, so the writer starts adding at once
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, store_url, "100000"], cwd=root, stdout=subprocess.PIPE, text=True
    )
    for seen, _line in enumerate(writer.stdout, 1):
        if seen >= 10:
            break
    writer.send_signal(signal.SIGKILL)  # mid-way, perhaps inside a transaction
    writer.wait()
    store = Store(store_url)
    with store.session() as session:
        ids = session.scalars(select(ArticleRow.id)).all()
        n_statements = session.scalar(select(func.count()).select_from(StatementRow))
        n_analysed = session.scalar(select(func.count()).select_from(AnalysisRow))
    assert len(ids) >= 10
    assert n_statements == n_analysed == len(ids)  # every stored article is whole, none half-written
    assert all(store.get_analysis(i).statements for i in ids)
    # The rerun (the same adds again) resumes: what was stored is a duplicate, the rest is added.
    statuses = [store.add(numbered(i)).status for i in range(len(ids) + 3)]
    assert statuses.count("duplicate") == len(ids) and len(statuses) - statuses.count("duplicate") == 3
    assert store.stats()["articles"] == len(ids) + 3


def test_claim_linking_runs_in_the_transaction_and_cannot_lose_the_article(tmp_path, monkeypatch) -> None:
    from newsclaims.store import store as store_module
    from newsclaims.store.models import ClaimLinkRow, ClaimRow

    calls = []

    def link_article(session, article_id: str) -> None:
        calls.append(article_id)
        session.add(ClaimRow(id="C1", text="Forces shelled Kafr Nabudah"))
        session.add(ClaimLinkRow(claim_id="C1", article_id=article_id, statement_id="S1", stance="supports"))
        if len(calls) == 2:
            raise RuntimeError("matcher broke")

    monkeypatch.setattr(store_module, "_linker", lambda: link_article)
    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    first = store.add(make_analysis(WIRE, url="https://wire.example/1"))
    second = store.add(make_analysis(OTHER, url="https://paper.example/2"))
    assert calls == [first.article_id, second.article_id]
    assert first.warnings == [] and "matcher broke" in second.warnings[0]
    stats = store.stats()
    assert (stats["articles"], stats["claims"], stats["claim_links"]) == (2, 1, 1)
    assert (
        Store(f"sqlite:///{tmp_path / 'c.db'}", link=False).add(make_analysis("Other text " + OTHER)).warnings
        == []
    )


def test_the_migrations_build_exactly_the_models(store_url: str) -> None:
    """A change to models.py without a new Alembic revision fails here."""
    import warnings

    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from newsclaims.store.models import Base, include_object

    store = Store(store_url)
    with store.engine.connect() as conn, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLite cannot reflect expression indexes: said, and skipped
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        assert compare_metadata(context, Base.metadata) == []
