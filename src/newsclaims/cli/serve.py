"""`newsclaims serve`: the REST API and the web UI over a store."""

from __future__ import annotations

import dataclasses
import json
import os
import sys

import click

from newsclaims.api.config import TOKEN_ENV, ServeConfig, is_loopback


@click.command()
@click.option(
    "--db",
    "db_url",
    metavar="URL",
    help="Database URL or SQLite path (default: $NEWSCLAIMS_DB, else newsclaims.db).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; other than loopback needs --token.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token",
    envvar=TOKEN_ENV,
    metavar="TOKEN",
    help=f"Require this bearer token on every request (or ${TOKEN_ENV}).",
)
@click.option("--allow-ingest", is_flag=True, help="Enable POST /api/ingest (analyse and store articles).")
@click.option(
    "--max-body-bytes", default=ServeConfig.max_body_bytes, show_default=True, type=click.IntRange(1_000)
)
@click.option(
    "--max-text-chars", default=ServeConfig.max_text_chars, show_default=True, type=click.IntRange(100)
)
@click.option(
    "--cache-seconds",
    default=ServeConfig.cache_seconds,
    show_default=True,
    type=click.FloatRange(0),
    help="Serve a GET response from memory for this long (0: off); a change to the store drops it sooner.",
)
@click.option(
    "--threads",
    default=ServeConfig.threads,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Threads per worker that run request handlers.",
)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
)
@click.option(
    "--allow-private-urls",
    is_flag=True,
    hidden=True,
    help="Let /api/analyse fetch private and loopback URLs.",
)
def serve(
    db_url: str | None,
    host: str,
    port: int,
    token: str | None,
    allow_ingest: bool,
    max_body_bytes: int,
    max_text_chars: int,
    cache_seconds: float,
    threads: int,
    workers: int,
    log_level: str,
    allow_private_urls: bool,
) -> None:
    """Serve the REST API (/api, schema at /api/openapi.json) and the web UI (/) over the store.

    Binds to 127.0.0.1 by default. Binding to another address requires --token: then every request needs
    `Authorization: Bearer TOKEN`, and a browser opens the UI once with `?token=TOKEN`.
    """
    try:
        import uvicorn
    except ModuleNotFoundError as err:
        raise click.ClickException(
            f"serving needs the serve extra: pip install 'newsclaims[serve]' ({err.name} is missing)"
        ) from err
    if not is_loopback(host) and not token:
        raise click.UsageError(
            f"binding to {host} exposes the corpus to the network: give --token (or ${TOKEN_ENV})"
        )
    if token is not None and len(token) < 12:
        raise click.UsageError(
            "the token is too short: use at least 12 characters (e.g. `openssl rand -hex 16`)"
        )
    from newsclaims.store import database_url

    config = ServeConfig(
        db_url=database_url(db_url),
        token=token,
        allow_ingest=allow_ingest,
        max_body_bytes=max_body_bytes,
        max_text_chars=max_text_chars,
        cache_seconds=cache_seconds,
        threads=threads,
        tune_gc=True,
        allow_private_urls=allow_private_urls,
    )
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    click.echo(
        f"newsclaims: serving {config.db_url} at {url}{'?token=…' if token else ''} (Ctrl-C to stop)",
        err=True,
    )
    if workers == 1:
        from newsclaims.api import create_app

        try:
            app = create_app(config=config)
        except Exception as err:  # a database that cannot be opened: say why, no traceback
            raise click.ClickException(str(err)) from err
        _warn_when_empty(app)
        uvicorn.run(app, host=host, port=port, log_level=log_level, proxy_headers=False)
        return
    from newsclaims.api.app import CONFIG_ENV

    os.environ[CONFIG_ENV] = json.dumps(dataclasses.asdict(config) | {"token": None})
    if token:
        os.environ[TOKEN_ENV] = (
            token  # not in the JSON, so it is not in the process list's environment dump twice
        )
    sys.stderr.flush()
    uvicorn.run(
        "newsclaims.api.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        proxy_headers=False,
    )


def _warn_when_empty(app) -> None:
    """An empty store serves empty pages: say how to fill it."""
    from newsclaims.api import queries

    with app.state.db.connect() as conn:
        if queries.counts(conn)["articles"] == 0:
            click.echo(
                "newsclaims: the store is empty: add articles with `newsclaims ingest FILES --db ...` "
                "(or start with --allow-ingest and POST /api/ingest)",
                err=True,
            )
