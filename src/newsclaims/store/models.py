"""The database schema as SQLAlchemy 2 ORM models (revision 0001 of the shipped Alembic migrations).

Every record list of an Analysis has its own table, so that questions such as "all statements whose source is
the UN" are plain SQL; the full Analysis JSON is kept beside them (`analyses.json`, without the article text,
which lives once in `articles.text`) so that a round trip through the store loses nothing.

Changing a model means adding an Alembic revision under `newsclaims/store/migrations/versions/`: an old
database is upgraded, never rebuilt.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _article_fk() -> ForeignKey:
    return ForeignKey("articles.id", ondelete="CASCADE")


class ArticleRow(Base):
    """One stored article: the same canonical URL or the same normalised text is one row."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str | None] = mapped_column(Text)
    canonical_url: Mapped[str | None] = mapped_column(Text, unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200), index=True)
    byline: Mapped[str | None] = mapped_column(Text)  # names joined by "; "
    published: Mapped[str | None] = mapped_column(String(40), index=True)  # ISO 8601 as the reader gave it
    language: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(40), unique=True)  # sha1 of the normalised text
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)  # uint32 signature of word shingles
    near_duplicate_of: Mapped[str | None] = mapped_column(
        String(64), ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    similarity: Mapped[float | None] = mapped_column(Float)  # estimated Jaccard to near_duplicate_of
    source: Mapped[str | None] = mapped_column(Text)  # where it was read from (path, URL, file:line)
    format: Mapped[str | None] = mapped_column(String(32))
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class MinHashBandRow(Base):
    """LSH index of the near-duplicate detector: one row per (band key, article).

    A new article is compared only with the articles sharing one of its band keys (an index look-up), never
    with all stored articles.
    """

    __tablename__ = "minhash_bands"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[str] = mapped_column(String(64), _article_fk(), primary_key=True)


class AnalysisRow(Base):
    """The Analysis of an article (one per article; replaced by `--reanalyse`)."""

    __tablename__ = "analyses"

    article_id: Mapped[str] = mapped_column(String(64), _article_fk(), primary_key=True)
    schema: Mapped[str] = mapped_column(String(32))
    model: Mapped[str | None] = mapped_column(String(200))
    newsclaims_version: Mapped[str | None] = mapped_column(String(40))
    json: Mapped[str] = mapped_column(Text)  # the Analysis JSON with article.text left out
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class EntityRow(Base):
    __tablename__ = "entities"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(String(64), _article_fk(), index=True)
    entity_id: Mapped[str] = mapped_column(String(32))  # analysis-local id, "E1"
    name: Mapped[str] = mapped_column(Text)  # indexed as lower(name)
    type: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[str | None] = mapped_column(String(32))
    n_mentions: Mapped[int] = mapped_column(Integer, default=0)
    start: Mapped[int | None] = mapped_column(Integer)  # first mention
    end: Mapped[int | None] = mapped_column(Integer)


class StatementRow(Base):
    __tablename__ = "statements"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(String(64), _article_fk(), index=True)
    statement_id: Mapped[str] = mapped_column(String(32))  # analysis-local id, "S1"
    source_entity: Mapped[str | None] = mapped_column(String(32))  # "E1"
    source_name: Mapped[str | None] = mapped_column(
        Text
    )  # entity name, else the source span; lower() indexed
    cue_lemma: Mapped[str | None] = mapped_column(String(64), index=True)
    kind: Mapped[str | None] = mapped_column(String(32))
    stance: Mapped[str | None] = mapped_column(String(32), index=True)
    score: Mapped[float | None] = mapped_column(Float)
    content: Mapped[str] = mapped_column(Text)  # content fragments joined by " … "
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)


class PlaceRow(Base):
    __tablename__ = "places"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(String(64), _article_fk(), index=True)
    idx: Mapped[int] = mapped_column(Integer)  # index in analysis.places (events refer to it)
    name: Mapped[str] = mapped_column(Text)  # indexed as lower(name)
    geonames_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(8), index=True)
    admin1: Mapped[str | None] = mapped_column(Text)
    feature: Mapped[str | None] = mapped_column(String(16))
    literal: Mapped[bool] = mapped_column(Boolean, default=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class TimeRow(Base):
    __tablename__ = "times"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(String(64), _article_fk(), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    type: Mapped[str | None] = mapped_column(String(16))
    value: Mapped[str | None] = mapped_column(String(64), index=True)
    mod: Mapped[str | None] = mapped_column(String(16))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class QuantityRow(Base):
    __tablename__ = "quantities"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(String(64), _article_fk(), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)  # the number, or the low end of a range
    value_high: Mapped[float | None] = mapped_column(Float)  # the high end of a range
    bound: Mapped[str | None] = mapped_column(String(8))
    unit: Mapped[str | None] = mapped_column(Text)
    concept: Mapped[str | None] = mapped_column(String(32), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class EventRow(Base):
    __tablename__ = "events"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(String(64), _article_fk(), index=True)
    event_id: Mapped[str] = mapped_column(String(32))  # analysis-local id, "V1"
    type: Mapped[str | None] = mapped_column(String(64), index=True)
    subtype: Mapped[str | None] = mapped_column(String(64), index=True)
    plover: Mapped[str | None] = mapped_column(String(32))
    trigger: Mapped[str | None] = mapped_column(Text)
    place_name: Mapped[str | None] = mapped_column(Text)
    time_value: Mapped[str | None] = mapped_column(String(64))
    fatalities: Mapped[float | None] = mapped_column(Float)
    score: Mapped[float | None] = mapped_column(Float)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)


class ClaimRow(Base):
    """A proposition stated across articles (filled by `newsclaims.corpus`)."""

    __tablename__ = "claims"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    subtype: Mapped[str | None] = mapped_column(String(64))
    place_name: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[str | None] = mapped_column(String(40))
    last_seen: Mapped[str | None] = mapped_column(String(40))
    contested: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    n_sources: Mapped[int] = mapped_column(Integer, default=0)
    n_supports: Mapped[int] = mapped_column(Integer, default=0)
    n_denies: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now, onupdate=_now)

    # Declared so that a session flushes a new claim before the links that point at it.
    links: Mapped[list[ClaimLinkRow]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", passive_deletes=True
    )


class ClaimLinkRow(Base):
    """One statement or event of one article linked to a claim, with its stance."""

    __tablename__ = "claim_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[str] = mapped_column(String(64), ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[str] = mapped_column(String(64), _article_fk(), index=True)
    statement_id: Mapped[str | None] = mapped_column(String(32))
    event_id: Mapped[str | None] = mapped_column(String(32))
    stance: Mapped[str] = mapped_column(String(16))  # supports | denies | reports | unrelated
    score: Mapped[float | None] = mapped_column(Float)
    source_name: Mapped[str | None] = mapped_column(Text)
    source_key: Mapped[str | None] = mapped_column(Text, index=True)
    quote: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)

    claim: Mapped[ClaimRow] = relationship(back_populates="links")


class ClaimTermRow(Base):
    """The claims layer's inverted index: term -> claim (`newsclaims.corpus.index`), revision 0002."""

    __tablename__ = "claim_terms"
    __table_args__ = (
        Index("ix_claim_terms_term_seq", "term", "seq"),
        Index("ix_claim_terms_claim", "claim_id"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    term: Mapped[str] = mapped_column(String(80))
    claim_id: Mapped[str] = mapped_column(String(64))


# Case-insensitive look-ups ("the UN", "un") go through these indexes.
Index("ix_statements_source_name_lower", func.lower(StatementRow.source_name))
Index("ix_entities_name_lower", func.lower(EntityRow.name))
Index("ix_places_name_lower", func.lower(PlaceRow.name))

CHILD_TABLES = (EntityRow, StatementRow, PlaceRow, TimeRow, QuantityRow, EventRow)
"""Tables that hold one Analysis' records; replaced as a whole when an article is re-analysed."""


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """For Alembic autogenerate: leave out the full-text search objects, made by raw SQL in the migrations."""
    name = name or ""
    if type_ == "table" and "_fts" in name:
        return False
    return not (type_ == "column" and name == "tsv" or type_ == "index" and name.endswith("_tsv"))
