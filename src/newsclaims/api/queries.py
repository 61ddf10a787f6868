"""Read queries over the store for the API and the pages: filters, pagination, time order.

Each function takes an open SQLAlchemy Connection and returns plain dicts (cheap to serialise and to render),
so the REST endpoints and the HTML pages show exactly the same data.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, Select, and_, bindparam, case, exists, func, or_, select
from sqlalchemy.orm import aliased

from newsclaims.analysis import Analysis
from newsclaims.api.fastload import analysis_dict_from_stored, analysis_from_stored
from newsclaims.store.models import (
    AnalysisRow,
    ArticleRow,
    ClaimLinkRow,
    ClaimRow,
    EntityRow,
    EventRow,
    PlaceRow,
    StatementRow,
)

MAX_LIMIT = 200
GLANCE = 4
"""Sources per side (supporting, denying) shown for each claim on the board."""


@dataclasses.dataclass(frozen=True)
class Filters:
    """The filters shared by claims and events (and partly articles); all optional.

    `since`/`until` are ISO dates (inclusive); `place` and `actor` match names case-insensitively (as whole
    words for actors: "UN" finds "the UN"); `text` is a substring.
    """

    text: str | None = None
    place: str | None = None
    actor: str | None = None
    since: str | None = None
    until: str | None = None
    contested: bool | None = None
    type: str | None = None


def _contains(column: Any, needle: str) -> Any:
    return func.lower(column).contains(needle.lower().strip(), autoescape=True)


def _name_matches(column: Any, name: str) -> Any:
    from newsclaims.store.store import name_matches

    return name_matches(column, name)


def _until(value: str) -> str:
    # "until 2019-07-18" includes that whole day ("2019-07-18T10:00" sorts after "2019-07-18").
    return value + "\uffff"


def page(conn: Connection, query: Select, limit: int, offset: int) -> tuple[list[Any], int]:
    """One page of `query`'s rows and the total count of rows it matches."""
    total = conn.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = conn.execute(query.limit(limit).offset(offset)).all() if offset < total else []
    return rows, total


def paged(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    """The JSON shape of every list: items, total, limit, offset, next_offset (null on the last page)."""
    following = offset + limit
    return {
        "items": items,
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": following if following < total else None,
    }


# ---- articles ---------------------------------------------------------------------------------------


ARTICLE_COLUMNS = (
    ArticleRow.id,
    ArticleRow.title,
    ArticleRow.url,
    ArticleRow.outlet,
    ArticleRow.published,
    ArticleRow.near_duplicate_of,
)


def _article_dict(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "url": row.url,
        "outlet": row.outlet,
        "published": row.published,
        "near_duplicate_of": row.near_duplicate_of,
    }


def list_articles(conn: Connection, filters: Filters, limit: int, offset: int) -> dict[str, Any]:
    """Articles, newest first; `text` searches title and body, `actor` the outlet and statement sources."""
    query = select(*ARTICLE_COLUMNS)
    if filters.text:
        query = query.where(
            or_(_contains(ArticleRow.title, filters.text), _contains(ArticleRow.text, filters.text))
        )
    if filters.actor:
        said = exists().where(
            StatementRow.article_id == ArticleRow.id, _name_matches(StatementRow.source_name, filters.actor)
        )
        query = query.where(or_(_contains(ArticleRow.outlet, filters.actor), said))
    if filters.place:
        query = query.where(
            exists().where(PlaceRow.article_id == ArticleRow.id, _name_matches(PlaceRow.name, filters.place))
        )
    if filters.since:
        query = query.where(ArticleRow.published >= filters.since)
    if filters.until:
        query = query.where(ArticleRow.published <= _until(filters.until))
    query = query.order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id)
    rows, total = page(conn, query, limit, offset)
    return paged([_article_dict(r) for r in rows], total, limit, offset)


# The article page's two queries are built once: building a statement costs as much as running it.
_ARTICLE_ROW = (
    select(*ARTICLE_COLUMNS, ArticleRow.text, ArticleRow.byline, AnalysisRow.json)
    .outerjoin(AnalysisRow, AnalysisRow.article_id == ArticleRow.id)
    .where(ArticleRow.id == bindparam("article_id"))
)
_ARTICLE_CLAIMS = (
    select(ClaimRow.id, ClaimRow.text, ClaimRow.contested, ClaimLinkRow.stance, ClaimLinkRow.statement_id)
    .join(ClaimLinkRow, ClaimLinkRow.claim_id == ClaimRow.id)
    .where(ClaimLinkRow.article_id == bindparam("article_id"))
    .order_by(ClaimRow.contested.desc(), ClaimRow.id, ClaimLinkRow.id)
)


def _article_row(conn: Connection, article_id: str) -> Any:
    return conn.execute(_ARTICLE_ROW, {"article_id": article_id}).first()


def get_article(conn: Connection, article_id: str) -> tuple[dict[str, Any], Analysis | None] | None:
    """The article's row and its Analysis (None when it was stored without one); None when unknown."""
    row = _article_row(conn, article_id)
    if row is None:
        return None
    info = _article_dict(row) | {"byline": row.byline}
    return info, analysis_from_stored(row.json, row.text) if row.json else None


def get_article_json(conn: Connection, article_id: str) -> dict[str, Any] | None:
    """The article's row with its Analysis as JSON (a dict; no records built); None when unknown."""
    row = _article_row(conn, article_id)
    if row is None:
        return None
    analysis = analysis_dict_from_stored(row.json, row.text) if row.json else None
    return _article_dict(row) | {"analysis": analysis}


def article_claims(conn: Connection, article_id: str) -> list[dict[str, Any]]:
    """The claims an article is linked to (once each), with the stances of its links and their statements."""
    rows = conn.execute(_ARTICLE_CLAIMS, {"article_id": article_id}).all()
    claims: dict[str, dict[str, Any]] = {}
    for r in rows:
        claim = claims.setdefault(
            r.id,
            {
                "id": r.id,
                "text": r.text,
                "contested": bool(r.contested),
                "stance": r.stance,
                "stances": [],
                "statement_ids": [],
            },
        )
        if r.stance not in claim["stances"]:
            claim["stances"].append(r.stance)
        if r.statement_id:
            claim["statement_ids"].append(r.statement_id)
    return list(claims.values())


# ---- claims -----------------------------------------------------------------------------------------

CLAIM_FIELDS = "id text event_type subtype place_name first_seen last_seen contested n_sources n_supports n_denies".split()


def _claim_dict(row: Any) -> dict[str, Any]:
    data = {name: getattr(row, name) for name in CLAIM_FIELDS}
    data["contested"] = bool(data["contested"])
    return data


def claims_query(filters: Filters, sort: str = "recent") -> Select:
    """Claims matching `filters`, sorted by recency (`recent`) or by how contested they are (`contested`)."""
    query = select(*(getattr(ClaimRow, name) for name in CLAIM_FIELDS))
    if filters.contested is not None:
        query = query.where(ClaimRow.contested.is_(filters.contested))
    if filters.text:
        query = query.where(_contains(ClaimRow.text, filters.text))
    if filters.type:
        query = query.where(or_(ClaimRow.event_type == filters.type, ClaimRow.subtype == filters.type))
    if filters.place:
        query = query.where(_contains(ClaimRow.place_name, filters.place))
    if filters.actor:
        query = query.where(
            exists().where(
                ClaimLinkRow.claim_id == ClaimRow.id, _name_matches(ClaimLinkRow.source_name, filters.actor)
            )
        )
    # A claim is in a date range when the span of its reports overlaps it.
    if filters.since:
        query = query.where(or_(ClaimRow.last_seen >= filters.since, ClaimRow.last_seen.is_(None)))
    if filters.until:
        query = query.where(or_(ClaimRow.first_seen <= _until(filters.until), ClaimRow.first_seen.is_(None)))
    if sort == "contested":
        balance = case(
            (ClaimRow.n_supports < ClaimRow.n_denies, ClaimRow.n_supports), else_=ClaimRow.n_denies
        )
        query = query.order_by(
            ClaimRow.contested.desc(),
            balance.desc(),
            ClaimRow.n_sources.desc(),
            ClaimRow.last_seen.desc().nulls_last(),
            ClaimRow.id,
        )
    else:
        query = query.order_by(ClaimRow.last_seen.desc().nulls_last(), ClaimRow.n_sources.desc(), ClaimRow.id)
    return query


def list_claims(
    conn: Connection, filters: Filters, limit: int, offset: int, sort: str = "recent", glance: bool = False
) -> dict[str, Any]:
    """A page of claims; with `glance`, each also carries up to a few supporting and denying sources."""
    rows, total = page(conn, claims_query(filters, sort), limit, offset)
    items = [_claim_dict(r) for r in rows]
    if glance and items:
        sides = _sources_at_a_glance(conn, [c["id"] for c in items])
        for claim in items:
            claim["supporters"], claim["deniers"] = sides.get(claim["id"], ([], []))
    return paged(items, total, limit, offset)


def _sources_at_a_glance(conn: Connection, claim_ids: list[str]) -> dict[str, tuple[list, list]]:
    rows = conn.execute(
        select(
            ClaimLinkRow.claim_id,
            ClaimLinkRow.stance,
            ClaimLinkRow.source_name,
            ClaimLinkRow.article_id,
            ArticleRow.outlet,
        )
        .join(ArticleRow, ArticleRow.id == ClaimLinkRow.article_id)
        .where(ClaimLinkRow.claim_id.in_(claim_ids), ClaimLinkRow.stance.in_(("supports", "denies")))
        .order_by(ClaimLinkRow.claim_id, ClaimLinkRow.published, ClaimLinkRow.id)
    ).all()
    out: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    seen: set[tuple[str, str, str]] = set()
    for r in rows:
        side = out[r.claim_id][0 if r.stance == "supports" else 1]
        who = r.source_name or r.outlet or "unnamed source"
        key = (r.claim_id, r.stance, who.lower())
        if key in seen or len(side) >= GLANCE:
            continue
        seen.add(key)
        side.append({"name": who, "outlet": r.outlet, "article_id": r.article_id})
    return out


def get_claim(conn: Connection, claim_id: str) -> dict[str, Any] | None:
    """A claim and all its links with article titles and outlets, oldest first (a timeline)."""
    row = conn.execute(claims_query(Filters()).where(ClaimRow.id == claim_id)).first()
    if row is None:
        return None
    when = func.coalesce(ClaimLinkRow.published, ArticleRow.published)
    links = conn.execute(
        select(
            ClaimLinkRow.article_id,
            ArticleRow.title.label("article_title"),
            ArticleRow.outlet,
            ClaimLinkRow.statement_id,
            ClaimLinkRow.event_id,
            ClaimLinkRow.stance,
            ClaimLinkRow.score,
            ClaimLinkRow.source_name,
            ClaimLinkRow.quote,
            when.label("published"),
        )
        .join(ArticleRow, ArticleRow.id == ClaimLinkRow.article_id)
        .where(ClaimLinkRow.claim_id == claim_id)
        .order_by(when.asc().nulls_last(), ClaimLinkRow.id)
    ).all()
    return _claim_dict(row) | {"links": [dict(link._mapping) for link in links]}


# ---- entities ---------------------------------------------------------------------------------------


def list_entities(
    conn: Connection, text: str | None, type_: str | None, limit: int, offset: int
) -> dict[str, Any]:
    """Actors across the corpus (same name and type = one row), the most widely reported first."""
    n_articles = func.count(func.distinct(EntityRow.article_id)).label("n_articles")
    n_mentions = func.coalesce(func.sum(EntityRow.n_mentions), 0).label("n_mentions")
    query = select(
        EntityRow.name, EntityRow.type, func.max(EntityRow.kind).label("kind"), n_articles, n_mentions
    )
    if text:
        query = query.where(_contains(EntityRow.name, text))
    if type_:
        query = query.where(or_(EntityRow.type == type_, EntityRow.kind == type_))
    query = query.group_by(EntityRow.name, EntityRow.type).order_by(
        n_articles.desc(), n_mentions.desc(), EntityRow.name
    )
    rows, total = page(conn, query, limit, offset)
    return paged([dict(r._mapping) for r in rows], total, limit, offset)


# ---- events -----------------------------------------------------------------------------------------


def event_day() -> Any:
    """SQL: the event's own date when it is a full day, else the day its article was published."""
    return case(
        (EventRow.time_value.like("____-__-__"), EventRow.time_value),
        else_=func.substr(ArticleRow.published, 1, 10),
    )


def _events_filtered(query: Select, filters: Filters) -> Select:
    day = event_day()
    if filters.type:
        query = query.where(or_(EventRow.type == filters.type, EventRow.subtype == filters.type))
    if filters.text:
        query = query.where(
            or_(
                _contains(EventRow.trigger, filters.text),
                _contains(EventRow.subtype, filters.text),
                _contains(EventRow.place_name, filters.text),
            )
        )
    if filters.place:
        query = query.where(_contains(EventRow.place_name, filters.place))
    if filters.actor:
        # Agents and targets are not flattened into rows: an actor named in the event's article.
        query = query.where(
            or_(
                exists().where(
                    EntityRow.article_id == EventRow.article_id, _name_matches(EntityRow.name, filters.actor)
                ),
                exists().where(
                    StatementRow.article_id == EventRow.article_id,
                    _name_matches(StatementRow.source_name, filters.actor),
                ),
            )
        )
    if filters.since:
        query = query.where(day >= filters.since[:10])
    if filters.until:
        query = query.where(day <= filters.until[:10])
    if filters.contested is not None:
        on_contested = exists().where(
            ClaimLinkRow.article_id == EventRow.article_id,
            ClaimLinkRow.event_id == EventRow.event_id,
            ClaimRow.id == ClaimLinkRow.claim_id,
            ClaimRow.contested.is_(True),
        )
        query = query.where(on_contested if filters.contested else ~on_contested)
    return query


def events_query(filters: Filters) -> Select:
    """Events with their article, day and (when the place was resolved) coordinates, newest first."""
    # The first resolved mention of the event's place in its article (events keep the place's name only).
    mention = aliased(PlaceRow)
    first_place = (
        select(func.min(mention.pk))
        .where(mention.article_id == EventRow.article_id, mention.name == EventRow.place_name)
        .correlate(EventRow)
        .scalar_subquery()
    )
    day = event_day().label("day")
    query = (
        select(
            EventRow.article_id,
            EventRow.event_id,
            ArticleRow.title.label("article_title"),
            EventRow.type,
            EventRow.subtype,
            EventRow.plover,
            EventRow.trigger,
            EventRow.place_name,
            PlaceRow.lat,
            PlaceRow.lon,
            PlaceRow.country,
            day,
            EventRow.time_value,
            EventRow.fatalities,
            EventRow.score,
        )
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .outerjoin(PlaceRow, and_(PlaceRow.pk == first_place))
    )
    return _events_filtered(query, filters).order_by(day.desc().nulls_last(), EventRow.pk)


def list_events(conn: Connection, filters: Filters, limit: int, offset: int) -> dict[str, Any]:
    rows, total = page(conn, events_query(filters), limit, offset)
    return paged([dict(r._mapping) for r in rows], total, limit, offset)


def events_geojson(items: list[dict[str, Any]]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the events that have coordinates (others are left out)."""
    features = [
        {
            "type": "Feature",
            "id": f"{e['article_id']}/{e['event_id']}",
            "geometry": {"type": "Point", "coordinates": [e["lon"], e["lat"]]},
            "properties": {k: v for k, v in e.items() if k not in ("lat", "lon")},
        }
        for e in items
        if e.get("lat") is not None and e.get("lon") is not None
    ]
    return {"type": "FeatureCollection", "features": features}


def events_per_day(conn: Connection, filters: Filters) -> list[tuple[str, str, int]]:
    """(day, type, count) of the events matching `filters`, for the timeline chart."""
    day = event_day().label("day")
    query = _events_filtered(
        select(day, func.coalesce(EventRow.type, "Other").label("type"), func.count().label("n")).join(
            ArticleRow, ArticleRow.id == EventRow.article_id
        ),
        filters,
    ).where(day.is_not(None))
    rows = conn.execute(query.group_by(day, func.coalesce(EventRow.type, "Other"))).all()
    return sorted((r.day, r.type, r.n) for r in rows)


# ---- search -----------------------------------------------------------------------------------------


def search_statements(conn: Connection, text: str, limit: int, offset: int) -> dict[str, Any]:
    """Statements whose content or source contains `text`, newest first."""
    query = (
        select(
            StatementRow.article_id,
            StatementRow.statement_id,
            ArticleRow.title.label("article_title"),
            ArticleRow.outlet,
            ArticleRow.published,
            StatementRow.source_name,
            StatementRow.cue_lemma,
            StatementRow.stance,
            StatementRow.content,
        )
        .join(ArticleRow, ArticleRow.id == StatementRow.article_id)
        .where(or_(_contains(StatementRow.content, text), _contains(StatementRow.source_name, text)))
        .order_by(ArticleRow.published.desc().nulls_last(), StatementRow.pk)
    )
    rows, total = page(conn, query, limit, offset)
    return paged([dict(r._mapping) for r in rows], total, limit, offset)


def counts(conn: Connection) -> dict[str, int]:
    return {
        "articles": conn.scalar(select(func.count()).select_from(ArticleRow)) or 0,
        "claims": conn.scalar(select(func.count()).select_from(ClaimRow)) or 0,
    }
