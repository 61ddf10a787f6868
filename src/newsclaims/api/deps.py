"""FastAPI dependencies: the database, the configuration, pagination and the shared filters.

They are `async def` because they do no I/O: a plain `def` dependency costs a hop to the thread pool.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request

from newsclaims.api.config import ServeConfig
from newsclaims.api.db import Database
from newsclaims.api.queries import MAX_LIMIT, Filters


async def get_config(request: Request) -> ServeConfig:
    return request.app.state.config


async def get_database(request: Request) -> Database:
    db = request.app.state.db
    if db is None:
        raise HTTPException(503, "no database is open: start the server with --db URL")
    return db


@dataclasses.dataclass
class Pagination:
    limit: int
    offset: int


async def pagination(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")] = 0,
) -> Pagination:
    return Pagination(limit, offset)


DATE = r"^\d{4}-\d{2}-\d{2}"


async def filters(
    q: Annotated[str | None, Query(max_length=200, description="text the item contains")] = None,
    place: Annotated[str | None, Query(max_length=200, description="a place name (any case)")] = None,
    actor: Annotated[
        str | None, Query(max_length=200, description="a source or actor name (whole words)")
    ] = None,
    since: Annotated[str | None, Query(pattern=DATE, description="from this ISO date (inclusive)")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="up to this ISO date (inclusive)")] = None,
    contested: Annotated[
        bool | None, Query(description="only contested (true) or uncontested (false)")
    ] = None,
    type: Annotated[str | None, Query(max_length=100, description="ACLED event type or sub-type")] = None,
) -> Filters:
    if since and until and since[:10] > until[:10]:
        raise HTTPException(422, f"since ({since}) is after until ({until})")
    return Filters(
        text=q or None,
        place=place or None,
        actor=actor or None,
        since=since,
        until=until,
        contested=contested,
        type=type,
    )


PageDep = Annotated[Pagination, Depends(pagination)]
FiltersDep = Annotated[Filters, Depends(filters)]
ConfigDep = Annotated[ServeConfig, Depends(get_config)]
DatabaseDep = Annotated[Database, Depends(get_database)]
