"""The app factory: the REST API under /api, the HTML pages, static files, security middleware, errors.

>>> from newsclaims.api import create_app
>>> app = create_app(db_url="sqlite:///corpus.db")  # doctest: +SKIP
>>> import uvicorn; uvicorn.run(app)  # doctest: +SKIP
"""

from __future__ import annotations

import gc
import logging
import threading
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsclaims import __version__
from newsclaims.api.cache import ResponseCache
from newsclaims.api.config import ServeConfig
from newsclaims.api.security import BodyLimit, SecurityHeaders, TokenAuth

log = logging.getLogger("newsclaims.serve")

DESCRIPTION = """\
Sourced claims from news: who claims what happened, to whom, where, when and how many, and who denies it.

Every list is paginated (`limit`, `offset`; the response gives `total` and `next_offset`). Errors are JSON:
`{"error": {"status": 404, "message": "..."}}`. When the server runs with a token, send
`Authorization: Bearer TOKEN` with every request.
"""


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api")


def _error(request: Request, status: int, message: str, detail: list | None = None, headers=None):
    if _wants_json(request):
        body: dict[str, Any] = {"status": status, "message": message}
        if detail is not None:
            body["detail"] = detail
        return JSONResponse({"error": body}, status_code=status, headers=headers)
    from newsclaims.web.pages import render_error

    return render_error(request, status, message)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        return _error(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        detail = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        first = detail[0] if detail else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(p) for p in first["loc"] if p != "body") or "request"
        return _error(request, 422, f"invalid {where}: {first['msg']}", detail)

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception):
        from newsclaims.store import StoreError

        if isinstance(exc, StoreError):
            log.error("database error on %s: %s", request.url.path, exc)
            return _error(request, 503, f"database unavailable: {exc}")
        log.exception("unexpected error on %s", request.url.path)
        return _error(request, 500, "internal error: see the server log")


def create_app(
    db_url: str | None = None,
    *,
    config: ServeConfig | None = None,
    database: Any = None,
    **options: Any,
) -> FastAPI:
    """The ASGI app over the store at `db_url` (or an open `database`); options are `ServeConfig` fields.

    With `token` set, every request needs it (`Authorization: Bearer`, or the cookie a browser gets by
    opening a page once with `?token=`). Without `allow_ingest`, nothing writes to the store.
    """
    config = config or ServeConfig(db_url=db_url, **options)
    if database is None and config.db_url is not None:
        from newsclaims.api.db import Database

        database = Database(config.db_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = max(1, config.threads)
        # Everything loaded so far (modules, templates, the ORM) lives as long as the server: keep it out of
        # the garbage collector's passes, which otherwise pause every request in flight (the load benchmark's
        # p99 fell threefold). A request's garbage is freed by reference counting; cycles are rare, so the
        # collector can run less often too.
        if config.tune_gc:
            gc.collect()
            gc.freeze()
            gc.set_threshold(20_000, 50, 100)
        yield
        if database is not None:
            database.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newsclaims",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: not offline, not under our CSP
        redoc_url=None,
    )
    app.state.config = config
    app.state.db = database
    app.state.analysis_slots = threading.BoundedSemaphore(max(1, config.analyse_concurrency))

    from newsclaims.api.routes_read import router as read_router
    from newsclaims.api.routes_write import router as write_router
    from newsclaims.web.pages import router as pages_router

    app.include_router(read_router)
    app.include_router(write_router)
    app.include_router(pages_router)
    app.mount(
        "/static", StaticFiles(directory=str(resources.files("newsclaims.web") / "static")), name="static"
    )

    @app.api_route(
        "/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False
    )
    async def api_not_found(rest: str):
        raise HTTPException(404, f"no such endpoint: /api/{rest}")

    _install_error_handlers(app)

    # Outermost last: headers on everything, then auth, then the size limit before any body is read, and
    # inside all of them the response cache (so that only authorised requests ever reach it).
    if database is not None and config.cache_seconds > 0:
        app.add_middleware(
            ResponseCache, ttl=config.cache_seconds, size=config.cache_size, version=database.version
        )
    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)
    if config.token:
        app.add_middleware(TokenAuth, token=config.token)
    app.add_middleware(SecurityHeaders)
    return app


def html_response(content: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(content, status_code=status)


CONFIG_ENV = "NEWSCLAIMS_SERVE_CONFIG"
"""How `newsclaims serve --workers N` hands its configuration to each worker process (JSON of ServeConfig)."""


def app_from_env() -> FastAPI:
    """App factory for uvicorn workers: the configuration comes from `$NEWSCLAIMS_SERVE_CONFIG`."""
    import json
    import os

    from newsclaims.api.config import token_from_env

    data = json.loads(os.environ.get(CONFIG_ENV, "{}"))
    # The token travels in its own variable, not in the JSON.
    data["token"] = data.get("token") or token_from_env()
    return create_app(config=ServeConfig(**data))
