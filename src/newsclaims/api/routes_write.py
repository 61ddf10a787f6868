"""Endpoints that run the analysis: `POST /api/analyse` (nothing stored) and `POST /api/ingest` (when allowed)."""

from __future__ import annotations

import dataclasses
import ipaddress
import socket
import threading
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Request

from newsclaims.api.config import ServeConfig
from newsclaims.api.deps import ConfigDep, DatabaseDep
from newsclaims.api.schemas import AnalyseRequest, ErrorBody, IngestRequest, IngestResult
from newsclaims.article import Article, article_id, outlet_of

router = APIRouter(prefix="/api", responses={422: {"model": ErrorBody}, 401: {"model": ErrorBody}})

_slots: dict[int, threading.BoundedSemaphore] = {}


@contextmanager
def analysis_slot(request: Request, config: ServeConfig):
    """Bound the analyses running at once (each takes a core); a request that waits too long gets 503."""
    slots = request.app.state.analysis_slots
    if not slots.acquire(timeout=config.analyse_wait_s):
        raise HTTPException(503, "the server is busy analysing other articles: try again shortly")
    try:
        yield
    finally:
        slots.release()


def check_public_url(url: str) -> None:
    """Refuse URLs that point at this machine or a private network (the server must not be a proxy to them)."""
    host = urlsplit(url).hostname
    if not host:
        raise HTTPException(422, "the URL has no host")
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError as err:
        raise HTTPException(422, f"cannot resolve {host}: {err.strerror or err}") from err
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise HTTPException(
                422, f"refusing to fetch {host}: it resolves to a non-public address ({address})"
            )


def _article_from_request(body: AnalyseRequest, config: ServeConfig) -> Article:
    from newsclaims.ingest import ReadError, read_bytes
    from newsclaims.pipeline import Failure

    if (body.text is None) == (body.url is None):
        raise HTTPException(422, "give exactly one of `text` and `url`")
    if body.url is not None:
        from newsclaims.ingest.url import fetch_article

        if not config.allow_private_urls:
            check_public_url(body.url)
        try:
            article = fetch_article(body.url, max_bytes=config.max_body_bytes * 4)
        except ReadError as err:
            raise HTTPException(422, f"cannot read {body.url}: {err}") from err
    else:
        if len(body.text) > config.max_text_chars:
            raise HTTPException(413, f"text above the limit of {config.max_text_chars:,} characters")
        if body.input_format == "text":
            article = Article(id=article_id(body.text), text=body.text, format="text", source="api")
        else:
            item = next(read_bytes(body.text.encode("utf-8"), body.input_format, "api"), None)
            if item is None or isinstance(item, Failure):
                reason = item.error if item is not None else "no article found"
                raise HTTPException(422, f"cannot read the {body.input_format}: {reason}")
            article = item
    if len(article.text) > config.max_text_chars:
        raise HTTPException(413, f"article text above the limit of {config.max_text_chars:,} characters")
    changes: dict[str, Any] = {}
    if body.title and not article.title:
        changes["title"] = body.title
    if body.published and not article.published:
        changes["published"] = body.published
    return dataclasses.replace(article, **changes) if changes else article


@router.post(
    "/analyse",
    tags=["analyse"],
    responses={200: {"description": "the Analysis JSON (schema newsclaims/1)"}, 413: {"model": ErrorBody}},
)
def analyse(body: AnalyseRequest, request: Request, config: ConfigDep) -> dict[str, Any]:
    """Analyse one article given as `text` (plain, markdown or HTML) or a public `url`; nothing is stored."""
    from newsclaims import analyze

    article = _article_from_request(body, config)
    with analysis_slot(request, config):
        try:
            analysis = analyze(article)
        except Exception as err:  # a model or extractor failure is this request's, not the server's
            raise HTTPException(500, f"analysis failed: {err}") from err
    return analysis.to_dict()


@router.post(
    "/ingest",
    response_model=IngestResult,
    tags=["ingest"],
    responses={403: {"model": ErrorBody}, 413: {"model": ErrorBody}},
)
def ingest(body: IngestRequest, request: Request, config: ConfigDep, db: DatabaseDep) -> dict[str, Any]:
    """Analyse and store articles (only when the server runs with `--allow-ingest`)."""
    from newsclaims import analyze_many
    from newsclaims.pipeline import Failure

    if not config.allow_ingest:
        raise HTTPException(403, "ingest is disabled: start the server with --allow-ingest")
    if len(body.articles) > config.max_ingest_articles:
        raise HTTPException(413, f"more than {config.max_ingest_articles} articles in one request")
    articles = []
    for item in body.articles:
        if len(item.text) > config.max_text_chars:
            raise HTTPException(
                413, f"an article text is above the limit of {config.max_text_chars:,} characters"
            )
        articles.append(
            Article(
                id=item.id or article_id(item.text, item.url),
                text=item.text,
                title=item.title,
                url=item.url,
                outlet=item.outlet or (outlet_of(item.url) if item.url else None),
                published=item.published,
                format="text",
                source="api",
            )
        )
    stored, failed = [], []
    with analysis_slot(request, config):
        for result in analyze_many(articles):
            if isinstance(result, Failure):
                failed.append({"id": result.id, "error": result.error})
                continue
            try:
                stored.append(db.add(result))
            except Exception as err:  # one article that cannot be stored does not sink the others
                failed.append({"id": result.article.id, "error": f"cannot store: {err}"})
    return {"stored": stored, "failed": failed}
