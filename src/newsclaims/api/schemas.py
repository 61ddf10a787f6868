"""Pydantic models of the REST API's requests and responses (they make the OpenAPI schema)."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class ErrorDetail(BaseModel):
    status: int
    message: str
    detail: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    """Every error: `{"error": {"status": 422, "message": "...", "detail": [...]}}`."""

    error: ErrorDetail


class Page(BaseModel, Generic[T]):
    """One page of a list: `next_offset` is null on the last page."""

    items: list[T]
    total: int
    limit: int
    offset: int
    next_offset: int | None = None


class ArticleSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    near_duplicate_of: str | None = None


class ClaimLinkOut(BaseModel):
    """One article's statement or event on a claim, with its stance toward the claim."""

    article_id: str
    article_title: str | None = None
    outlet: str | None = None
    statement_id: str | None = None
    event_id: str | None = None
    stance: str
    score: float | None = None
    source_name: str | None = None
    quote: str | None = None
    published: str | None = None


class ArticleDetail(ArticleSummary):
    """An article with its full Analysis (schema newsclaims/1) and the claims it is linked to."""

    analysis: dict[str, Any] | None = Field(None, description="The Analysis JSON, schema newsclaims/1")
    claims: list[dict[str, Any]] = Field(default_factory=list, description="claims this article is linked to")


class ClaimSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    text: str
    event_type: str | None = None
    subtype: str | None = None
    place_name: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    contested: bool = False
    n_sources: int = 0
    n_supports: int = 0
    n_denies: int = 0


class ClaimDetail(ClaimSummary):
    """A claim with every source on it, in time order."""

    links: list[ClaimLinkOut] = Field(default_factory=list)


class EntityOut(BaseModel):
    """An actor across the corpus: the same name and type in several articles is one row."""

    name: str
    type: str | None = None
    kind: str | None = None
    n_articles: int
    n_mentions: int


class EventOut(BaseModel):
    article_id: str
    event_id: str
    article_title: str | None = None
    type: str | None = None
    subtype: str | None = None
    plover: str | None = None
    trigger: str | None = None
    place_name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    day: str | None = Field(
        None, description="YYYY-MM-DD: the event's own date when known, else the article's"
    )
    time_value: str | None = None
    fatalities: float | None = None
    score: float | None = None


class StatementHit(BaseModel):
    article_id: str
    statement_id: str
    article_title: str | None = None
    outlet: str | None = None
    published: str | None = None
    source_name: str | None = None
    cue_lemma: str | None = None
    stance: str | None = None
    content: str


class SearchResult(BaseModel):
    query: str
    articles: Page[ArticleSummary]
    statements: Page[StatementHit]


class AnalyseRequest(BaseModel):
    """Text (plain, markdown or HTML) or a URL to analyse; nothing is stored."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, min_length=1, description="the article; spans will index it")
    url: str | None = Field(None, pattern=r"^https?://", max_length=2000)
    input_format: Literal["text", "markdown", "html"] = "text"
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}", max_length=40)


class IngestArticle(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    id: str | None = Field(None, max_length=64)
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}", max_length=40)


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[IngestArticle] = Field(min_length=1)


class Ingested(BaseModel):
    id: str
    status: str = Field(description="added, duplicate (nothing written), near-duplicate or updated")
    duplicate_of: str | None = None


class IngestResult(BaseModel):
    stored: list[Ingested]
    failed: list[dict[str, Any]] = Field(default_factory=list)


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    articles: int
    claims: int
    ingest: bool
