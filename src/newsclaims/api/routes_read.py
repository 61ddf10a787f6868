"""Read endpoints under /api: articles, claims, entities, events (JSON or GeoJSON), search, health."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse

from newsclaims import __version__
from newsclaims.api import queries
from newsclaims.api.deps import ConfigDep, DatabaseDep, FiltersDep, PageDep
from newsclaims.api.schemas import (
    ArticleDetail,
    ArticleSummary,
    ClaimDetail,
    ClaimSummary,
    EntityOut,
    ErrorBody,
    EventOut,
    Health,
    Page,
    SearchResult,
)

router = APIRouter(prefix="/api", responses={422: {"model": ErrorBody}, 401: {"model": ErrorBody}})
NOT_FOUND = {404: {"model": ErrorBody}}


@router.get("/health", response_model=Health, tags=["meta"])
def health(db: DatabaseDep, config: ConfigDep) -> dict:
    """Liveness and the size of the corpus."""
    with db.connect() as conn:
        return {"status": "ok", "version": __version__, **queries.counts(conn), "ingest": config.allow_ingest}


@router.get("/articles", response_model=Page[ArticleSummary], tags=["articles"])
def list_articles(db: DatabaseDep, paging: PageDep, filters: FiltersDep) -> dict:
    """Stored articles, newest first. `q` searches titles and text; `actor` outlets and statement sources."""
    with db.connect() as conn:
        return queries.list_articles(conn, filters, paging.limit, paging.offset)


@router.get("/articles/{article_id}", response_model=ArticleDetail, responses=NOT_FOUND, tags=["articles"])
def get_article(article_id: str, db: DatabaseDep) -> dict:
    """One article with its Analysis (schema newsclaims/1) and the claims it is linked to."""
    with db.connect() as conn:
        found = queries.get_article_json(conn, article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return found | {"claims": queries.article_claims(conn, article_id)}


ClaimSort = Annotated[
    Literal["recent", "contested"], Query(description="by recency, or the most contested first")
]


@router.get("/claims", response_model=Page[ClaimSummary], tags=["claims"])
def list_claims(db: DatabaseDep, paging: PageDep, filters: FiltersDep, sort: ClaimSort = "recent") -> dict:
    """Claims across articles, filtered by `contested`, `q` (text), `place`, `actor`, `since`/`until`, `type`."""
    with db.connect() as conn:
        return queries.list_claims(conn, filters, paging.limit, paging.offset, sort)


@router.get("/claims/{claim_id}", response_model=ClaimDetail, responses=NOT_FOUND, tags=["claims"])
def get_claim(claim_id: str, db: DatabaseDep) -> dict:
    """One claim with every source on it and its stance, in time order."""
    with db.connect() as conn:
        claim = queries.get_claim(conn, claim_id)
        if claim is None:
            raise HTTPException(404, f"no claim {claim_id!r}")
        return claim


@router.get("/entities", response_model=Page[EntityOut], tags=["entities"])
def list_entities(
    db: DatabaseDep,
    paging: PageDep,
    q: Annotated[str | None, Query(max_length=200, description="part of the name")] = None,
    type: Annotated[
        str | None, Query(max_length=50, description="PERSON, ORG, GPE, NORP... or a kind")
    ] = None,
) -> dict:
    """Actors across the corpus, the most widely reported first."""
    with db.connect() as conn:
        return queries.list_entities(conn, q, type, paging.limit, paging.offset)


@router.get(
    "/events",
    response_model=Page[EventOut],
    tags=["events"],
    responses={200: {"content": {"application/geo+json": {}}, "description": "a page, or GeoJSON"}},
)
def list_events(
    db: DatabaseDep,
    paging: PageDep,
    filters: FiltersDep,
    format: Annotated[
        Literal["json", "geojson"], Query(description="`geojson`: a FeatureCollection")
    ] = "json",
):
    """Events, newest first, with their day and coordinates; `format=geojson` for a map layer.

    GeoJSON holds only the events of the page that have coordinates; `X-Total-Count` gives the total.
    """
    with db.connect() as conn:
        result = queries.list_events(conn, filters, paging.limit, paging.offset)
        if format == "geojson":
            headers = {"X-Total-Count": str(result["total"])}
            if result["next_offset"] is not None:
                headers["X-Next-Offset"] = str(result["next_offset"])
            return JSONResponse(
                queries.events_geojson(result["items"]), media_type="application/geo+json", headers=headers
            )
        return result


@router.get("/search", response_model=SearchResult, tags=["search"])
def search(
    db: DatabaseDep,
    paging: PageDep,
    q: Annotated[str, Query(min_length=2, max_length=200, description="words to find")],
) -> dict:
    """Articles (title and text) and statements (content and source) containing `q`."""
    with db.connect() as conn:
        no_filters = queries.Filters(text=q)
        return {
            "query": q,
            "articles": queries.list_articles(conn, no_filters, paging.limit, paging.offset),
            "statements": queries.search_statements(conn, q, paging.limit, paging.offset),
        }
