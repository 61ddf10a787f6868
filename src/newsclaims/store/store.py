"""The `Store`: articles and their analyses in SQLite or PostgreSQL, each stored once, in one transaction.

>>> from newsclaims.store import Store
>>> store = Store("sqlite:///:memory:")  # doctest: +SKIP
>>> result = store.add(analysis)  # doctest: +SKIP
>>> result.status, store.get_analysis(result.article_id) == analysis  # doctest: +SKIP
('added', True)
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import delete, exists, func, insert, or_, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from newsclaims.analysis import Analysis
from newsclaims.article import Article, canonical_url
from newsclaims.store import dedup
from newsclaims.store.engine import StoreError, database_url, explain, make_engine, migrate
from newsclaims.store.models import (
    CHILD_TABLES,
    AnalysisRow,
    ArticleRow,
    ClaimLinkRow,
    ClaimRow,
    MinHashBandRow,
    PlaceRow,
    StatementRow,
)
from newsclaims.store.rows import ROW_BUILDERS, analysis_from_json, analysis_json, article_row
from newsclaims.store.search import search as full_text_search

log = logging.getLogger(__name__)

ADDED, DUPLICATE, NEAR_DUPLICATE, UPDATED = "added", "duplicate", "near-duplicate", "updated"


@dataclasses.dataclass
class AddResult:
    """What `Store.add` did with one analysis.

    `status` is `added`, `duplicate` (nothing written; `duplicate_of` is the stored article),
    `near-duplicate` (stored, and linked to the article it syndicates: `duplicate_of`, `similarity`) or
    `updated` (re-analysed: the stored analysis was replaced).
    """

    status: str
    article_id: str
    duplicate_of: str | None = None
    similarity: float | None = None
    warnings: list[str] = dataclasses.field(default_factory=list)

    @property
    def stored(self) -> bool:
        """True when something was written."""
        return self.status != DUPLICATE


def _version() -> str:
    from newsclaims import __version__

    return __version__


def _linker():
    """The claims engineer's `link_article(session, article_id)`, when that module exists."""
    try:
        from newsclaims.corpus.link import link_article
    except ImportError:
        return None
    return link_article


def name_matches(column: Any, name: str) -> Any:
    """SQL condition: `column` is `name`, or contains it as whole words, ignoring case ("UN" in "the UN")."""
    name = name.lower().strip()
    low = func.lower(column)
    return or_(
        low == name,
        low.like(f"{name} %"),
        low.like(f"% {name}"),
        low.like(f"% {name} %"),
        low.like(f"%-{name}"),
    )


class Store:
    """A corpus of analysed articles in a database (SQLite by default, PostgreSQL by URL).

    Opening runs the shipped migrations, so an old database is upgraded in place. Every `add` is one
    transaction: an interrupted ingest leaves only whole articles behind.
    """

    def __init__(self, url: str | None = None, *, link: bool = True) -> None:
        self.url = database_url(url)
        self.link = link
        self.engine = make_engine(self.url)
        try:
            migrate(self.engine)
        except StoreError:
            raise
        except SQLAlchemyError as err:
            raise explain(err, self.url) from err
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def __repr__(self) -> str:
        return f"Store({make_url(self.url).render_as_string(hide_password=True)!r})"

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A Session in a transaction: committed when the block ends, rolled back when it raises."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except StoreError:
            raise
        except SQLAlchemyError as err:
            raise explain(err, self.url) from err

    # ---- writing -------------------------------------------------------------------------------------

    def find_existing(self, article: Article, session: Session | None = None) -> str | None:
        """The id of the stored article that `article` duplicates (same id, canonical URL or text), if any."""
        conditions = [ArticleRow.id == article.id, ArticleRow.text_hash == dedup.text_hash(article.text)]
        if article.url:
            conditions.append(ArticleRow.canonical_url == canonical_url(article.url))
        query = select(ArticleRow.id).where(or_(*conditions)).limit(1)
        if session is not None:
            return session.scalar(query)
        with self.session() as own:
            return own.scalar(query)

    def add(self, analysis: Analysis, *, replace: bool = False) -> AddResult:
        """Store one analysed article in one transaction.

        A duplicate (same URL or normalised text) writes nothing, unless `replace` is true: then its stored
        analysis is replaced by this one (status `updated`). A near-duplicate is stored and linked to the
        article it repeats.
        """
        try:
            with self._sessions() as session, session.begin():
                return self._add(session, analysis, replace)
        except IntegrityError:
            # Another process stored the same article between our check and our insert.
            existing = self.find_existing(analysis.article)
            if existing is None:
                raise
            return AddResult(DUPLICATE, existing, duplicate_of=existing)
        except SQLAlchemyError as err:
            raise explain(err, self.url) from err

    def _add(self, session: Session, analysis: Analysis, replace: bool) -> AddResult:
        article = analysis.article
        existing = self.find_existing(article, session)
        if existing is not None:
            if not replace:
                return AddResult(DUPLICATE, existing, duplicate_of=existing)
            if existing != article.id:
                analysis = dataclasses.replace(analysis, article=dataclasses.replace(article, id=existing))
            self._write_analysis(session, analysis, replacing=True)
            return AddResult(UPDATED, existing, warnings=self._link(session, existing))

        sig = dedup.signature(article.text)
        keys = dedup.band_keys(sig) if sig is not None else []
        near, score = self._nearest(session, sig, keys) if keys else (None, None)
        row = article_row(article) | {
            "text_hash": dedup.text_hash(article.text),
            "minhash": dedup.to_bytes(sig) if sig is not None else None,
            "near_duplicate_of": near,
            "similarity": score,
        }
        conn = session.connection()  # Core inserts: the ORM adds nothing here but time
        conn.execute(insert(ArticleRow.__table__), [row])
        if keys and near is None:
            # Only the first article of a syndication cluster is indexed: a later copy is found through it, and
            # the candidates of a new article stay one per cluster however many copies the corpus holds.
            conn.execute(
                insert(MinHashBandRow.__table__), [{"key": k, "article_id": article.id} for k in set(keys)]
            )
        self._write_analysis(session, analysis, replacing=False)
        warnings = self._link(session, article.id)
        if near is not None:
            return AddResult(
                NEAR_DUPLICATE, article.id, duplicate_of=near, similarity=score, warnings=warnings
            )
        return AddResult(ADDED, article.id, warnings=warnings)

    def _nearest(self, session: Session, sig: Any, keys: list[int]) -> tuple[str | None, float | None]:
        """The most similar stored article above the threshold, found through the band index only."""
        candidates = select(MinHashBandRow.article_id).where(MinHashBandRow.key.in_(keys)).distinct()
        rows = session.execute(
            select(ArticleRow.id, ArticleRow.minhash, ArticleRow.near_duplicate_of).where(
                ArticleRow.id.in_(candidates)
            )
        ).all()
        best: tuple[float, str | None] = (0.0, None)
        for article_id, stored, root in rows:
            if stored is None:
                continue
            score = dedup.similarity(sig, dedup.from_bytes(stored))
            if score >= dedup.THRESHOLD and score > best[0]:
                # Point at the first of a syndication cluster, so a cluster is one star, not a chain.
                best = (score, root or article_id)
        return (best[1], round(best[0], 4)) if best[1] else (None, None)

    def _write_analysis(self, session: Session, analysis: Analysis, replacing: bool) -> None:
        article_id = analysis.article.id
        if replacing:
            for model in CHILD_TABLES:
                session.execute(delete(model).where(model.article_id == article_id))
            self._unlink(session, article_id)
            session.execute(delete(AnalysisRow).where(AnalysisRow.article_id == article_id))
            # The reader may know more now (a title, a date): keep the article's metadata current.
            meta = article_row(analysis.article)
            keep = ("title", "outlet", "byline", "published", "language")
            session.execute(
                update(ArticleRow).where(ArticleRow.id == article_id).values({k: meta[k] for k in keep})
            )
        conn = session.connection()
        conn.execute(
            insert(AnalysisRow.__table__),
            [
                {
                    "article_id": article_id,
                    "schema": analysis.schema,
                    "model": analysis.model,
                    "newsclaims_version": _version(),
                    "json": analysis_json(analysis),
                }
            ],
        )
        for model in CHILD_TABLES:
            rows = ROW_BUILDERS[model.__tablename__](analysis)
            if rows:
                conn.execute(insert(model.__table__), [r | {"article_id": article_id} for r in rows])

    @staticmethod
    def _unlink(session: Session, article_id: str) -> None:
        """Drop the article's claim links and recount the claims they supported (or drop emptied claims)."""
        try:
            from newsclaims.corpus.link import refresh_claims, unlink_article
        except ImportError:
            session.execute(delete(ClaimLinkRow).where(ClaimLinkRow.article_id == article_id))
            return
        refresh_claims(session, unlink_article(session, article_id))

    def _link(self, session: Session, article_id: str) -> list[str]:
        """Link the article's statements to claims (when the corpus module is there), without risking it."""
        link_article = _linker() if self.link else None
        if link_article is None:
            return []
        try:
            with session.begin_nested():  # a failed linking rolls back alone; the article stays
                link_article(session, article_id)
        except Exception as err:  # the article is worth keeping even when linking fails
            log.warning("linking %s to claims failed: %s", article_id, err)
            return [f"linking to claims failed: {err}"]
        return []

    # ---- reading -------------------------------------------------------------------------------------

    def get_analysis(self, article_id: str) -> Analysis:
        """The stored Analysis of an article, exactly as it was added. Raises KeyError when absent."""
        with self.session() as session:
            row = session.execute(
                select(AnalysisRow.json, ArticleRow.text)
                .join(ArticleRow, ArticleRow.id == AnalysisRow.article_id)
                .where(AnalysisRow.article_id == article_id)
            ).first()
        if row is None:
            raise KeyError(article_id)
        return analysis_from_json(row.json, row.text)

    def _filtered(
        self,
        query: Any,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        place: str | None = None,
        near_duplicates: bool = True,
    ) -> Any:
        if source:
            said = exists().where(
                StatementRow.article_id == ArticleRow.id, name_matches(StatementRow.source_name, source)
            )
            query = query.where(or_(func.lower(ArticleRow.outlet).contains(source.lower()), said))
        if since:
            query = query.where(ArticleRow.published >= since)
        if until:
            # "until 2019-07-18" includes that whole day: compare with the day's last possible string.
            query = query.where(ArticleRow.published <= until + "\uffff")
        if place:
            query = query.where(
                exists().where(PlaceRow.article_id == ArticleRow.id, name_matches(PlaceRow.name, place))
            )
        if not near_duplicates:
            query = query.where(ArticleRow.near_duplicate_of.is_(None))
        return query

    def articles(
        self,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        place: str | None = None,
        near_duplicates: bool = True,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ArticleRow]:
        """Stored articles, newest published first, filtered.

        `source` matches the outlet (part of its name) or the source of one of the article's statements
        (whole words, any case: "UN"); `since`/`until` bound the publication date (ISO strings);
        `place` is a place named in the article; `near_duplicates=False` keeps one article per syndication
        cluster.
        """
        query = self._filtered(select(ArticleRow), source, since, until, place, near_duplicates)
        query = query.order_by(ArticleRow.published.desc(), ArticleRow.ingested_at.desc(), ArticleRow.id)
        if limit is not None:
            query = query.limit(limit)
        with self.session() as session:
            return list(session.scalars(query.offset(offset)))

    def article_ids(self, **filters: Any) -> list[str]:
        """Ids of the stored articles that match `filters` (those of `articles`), in ingest order."""
        query = self._filtered(select(ArticleRow.id), **filters).order_by(
            ArticleRow.ingested_at, ArticleRow.id
        )
        with self.session() as session:
            return list(session.scalars(query))

    def analyses(self, batch_size: int = 200, **filters: Any) -> Iterator[Analysis]:
        """Every stored Analysis matching `filters` (those of `articles`), streamed in ingest order."""
        ids = self.article_ids(**filters)
        for start in range(0, len(ids), batch_size):
            chunk = ids[start : start + batch_size]
            with self.session() as session:
                rows = session.execute(
                    select(AnalysisRow.article_id, AnalysisRow.json, ArticleRow.text)
                    .join(ArticleRow, ArticleRow.id == AnalysisRow.article_id)
                    .where(AnalysisRow.article_id.in_(chunk))
                ).all()
            by_id = {r.article_id: r for r in rows}
            for article_id in chunk:
                if article_id in by_id:
                    yield analysis_from_json(by_id[article_id].json, by_id[article_id].text)

    def outdated(self, model: str | None) -> list[str]:
        """Ids of articles analysed by another newsclaims version or another model than `model`."""
        query = select(AnalysisRow.article_id).where(
            AnalysisRow.newsclaims_version.is_distinct_from(_version())
        )
        if model:
            query = query.union(
                select(AnalysisRow.article_id).where(AnalysisRow.model.is_distinct_from(model))
            )
        with self.session() as session:
            return sorted(session.scalars(query))

    # The function takes the store as its first argument, so it serves as the method itself.
    search = full_text_search

    def stats(self) -> dict[str, Any]:
        """Counts of what the store holds, the outlets, the date range, the models and the database size."""
        from newsclaims.store.models import EntityRow, EventRow, QuantityRow, TimeRow

        counted = {
            "articles": ArticleRow,
            "analyses": AnalysisRow,
            "entities": EntityRow,
            "statements": StatementRow,
            "places": PlaceRow,
            "times": TimeRow,
            "quantities": QuantityRow,
            "events": EventRow,
            "claims": ClaimRow,
            "claim_links": ClaimLinkRow,
        }
        with self.session() as session:
            out: dict[str, Any] = {
                name: session.scalar(select(func.count()).select_from(m)) for name, m in counted.items()
            }
            out["near_duplicates"] = session.scalar(
                select(func.count()).select_from(ArticleRow).where(ArticleRow.near_duplicate_of.is_not(None))
            )
            out["published"] = list(
                session.execute(select(func.min(ArticleRow.published), func.max(ArticleRow.published))).one()
            )
            out["outlets"] = [
                [outlet, n]
                for outlet, n in session.execute(
                    select(ArticleRow.outlet, func.count())
                    .where(ArticleRow.outlet.is_not(None))
                    .group_by(ArticleRow.outlet)
                    .order_by(func.count().desc())
                    .limit(10)
                )
            ]
            out["models"] = [
                [model, version, n]
                for model, version, n in session.execute(
                    select(AnalysisRow.model, AnalysisRow.newsclaims_version, func.count()).group_by(
                        AnalysisRow.model, AnalysisRow.newsclaims_version
                    )
                )
            ]
            out["contested_claims"] = session.scalar(
                select(func.count()).select_from(ClaimRow).where(ClaimRow.contested.is_(True))
            )
            out["bytes"] = self._size(session)
        return out

    def _size(self, session: Session) -> int | None:
        if self.dialect == "postgresql":
            return session.scalar(select(func.pg_database_size(func.current_database())))
        path = make_url(self.url).database
        if self.dialect != "sqlite" or not path or path == ":memory:":
            return None
        return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))
