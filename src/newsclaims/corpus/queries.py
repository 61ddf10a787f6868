"""Reading claims back from the store: the lists behind `newsclaims claims` and `newsclaims claim ID`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session


def _claim_dict(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "text": row.text,
        "event_type": row.event_type,
        "subtype": row.subtype,
        "place": row.place_name,
        "first_seen": row.first_seen,
        "last_seen": row.last_seen,
        "contested": bool(row.contested),
        "n_sources": row.n_sources,
        "n_supports": row.n_supports,
        "n_denies": row.n_denies,
    }


def list_claims(
    session: Session,
    *,
    contested: bool = False,
    about: str | None = None,
    since: str | None = None,
    place: str | None = None,
    actor: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Claims matching the filters, the most sourced first.

    `about` matches words of the claim text; `actor` a source of the claim or a name in its text; `place` the
    claim's place or its text; `since` claims still stated on or after that date.
    """
    from newsclaims.store.models import ClaimLinkRow, ClaimRow

    query = select(ClaimRow)
    if contested:
        query = query.where(ClaimRow.contested.is_(True))
    if about:
        for word in about.lower().split():
            query = query.where(func.lower(ClaimRow.text).contains(word))
    if since:
        query = query.where(ClaimRow.last_seen >= since)
    if place:
        p = place.lower()
        query = query.where(
            or_(func.lower(ClaimRow.place_name).contains(p), func.lower(ClaimRow.text).contains(p))
        )
    if actor:
        a = actor.lower()
        sourced = exists().where(
            ClaimLinkRow.claim_id == ClaimRow.id,
            or_(func.lower(ClaimLinkRow.source_name).contains(a), ClaimLinkRow.source_key.contains(a)),
        )
        query = query.where(or_(sourced, func.lower(ClaimRow.text).contains(a)))
    query = query.order_by(
        ClaimRow.contested.desc(), ClaimRow.n_sources.desc(), ClaimRow.last_seen.desc(), ClaimRow.id
    )
    return [_claim_dict(row) for row in session.scalars(query.offset(offset).limit(limit))]


def claim_detail(session: Session, claim_id: str) -> dict[str, Any] | None:
    """One claim with every link: source, stance, quote and article, in time order. None when absent."""
    from newsclaims.store.models import ArticleRow, ClaimLinkRow, ClaimRow

    claim = session.get(ClaimRow, claim_id)
    if claim is None:
        return None
    rows = session.execute(
        select(ClaimLinkRow, ArticleRow.title, ArticleRow.url, ArticleRow.outlet)
        .join(ArticleRow, ArticleRow.id == ClaimLinkRow.article_id)
        .where(ClaimLinkRow.claim_id == claim_id)
        .order_by(ClaimLinkRow.published, ClaimLinkRow.created_at, ClaimLinkRow.id)
    ).all()
    out = _claim_dict(claim)
    out["links"] = [
        {
            "stance": link.stance,
            "score": link.score,
            "source": link.source_name,
            "source_key": link.source_key,
            "quote": link.quote,
            "published": link.published,
            "article": {"id": link.article_id, "title": title, "url": url, "outlet": outlet},
            "statement": link.statement_id,
            "event": link.event_id,
        }
        for link, title, url, outlet in rows
    ]
    return out
