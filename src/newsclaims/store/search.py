"""Full-text search over articles and statements: FTS5 (bm25) on SQLite, tsvector (ts_rank_cd) on PostgreSQL.

Hits carry a snippet with the matching words' spans, so a terminal can highlight them and an API can mark
them up without parsing anything.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import text as sql

if TYPE_CHECKING:
    from newsclaims.store.store import Store

START, STOP = "\x02", "\x03"  # highlight markers the database puts around matching words


@dataclasses.dataclass
class SearchHit:
    """One search result: an article (`statement_id` None) or one statement of an article."""

    kind: str  # "article" | "statement"
    article_id: str
    score: float
    snippet: str
    highlights: list[tuple[int, int]]  # [start, end) of the matching words in `snippet`
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    statement_id: str | None = None
    source_name: str | None = None
    stance: str | None = None


def split_highlights(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove the highlight markers; return the plain text and the marked spans in it.

    >>> split_highlights("the \\x02UN\\x03 said")
    ('the UN said', [(4, 6)])
    """
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    length, start = 0, None
    for part in re.split(f"([{START}{STOP}])", marked or ""):
        if part == START:
            start = length
        elif part == STOP:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
        else:
            plain.append(part)
            length += len(part)
    return "".join(plain), spans


_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


def fts5_query(text: str) -> str:
    """A safe FTS5 query from what a person typed: every word (or "quoted phrase") must occur; OR kept.

    >>> fts5_query('UN "air strike" OR shelling')
    '"UN" "air strike" OR "shelling"'
    """
    parts = []
    for phrase, word in _TOKEN.findall(text):
        if word in ("OR", "AND", "NOT") and parts:
            parts.append(word)
            continue
        term = (phrase or word).replace('"', "")
        term = " ".join(re.findall(r"\w+", term))
        if term:
            parts.append(f'"{term}"')
    while parts and parts[-1] in ("OR", "AND", "NOT"):
        parts.pop()
    return " ".join(parts)


def _filters(source: str | None, since: str | None, place: str | None, statement: bool) -> tuple[str, dict]:
    """SQL conditions (on `a` = articles, `s` = statements) and their parameters."""
    where, params = [], {}
    word_match = (
        "(lower({col}) = :{p} OR lower({col}) LIKE :{p}_a OR lower({col}) LIKE :{p}_b "
        "OR lower({col}) LIKE :{p}_c)"
    )

    def words(prefix: str, value: str) -> None:
        value = value.lower().strip()
        params.update(
            {
                prefix: value,
                f"{prefix}_a": f"{value} %",
                f"{prefix}_b": f"% {value}",
                f"{prefix}_c": f"% {value} %",
            }
        )

    if source:
        words("src", source)
        params["src_outlet"] = f"%{source.lower().strip()}%"
        said = word_match.format(col="s.source_name", p="src")
        if statement:
            where.append(f"({said} OR lower(a.outlet) LIKE :src_outlet)")
        else:
            where.append(
                "(lower(a.outlet) LIKE :src_outlet OR EXISTS (SELECT 1 FROM statements s "
                f"WHERE s.article_id = a.id AND {said}))"
            )
    if since:
        where.append("a.published >= :since")
        params["since"] = since
    if place:
        words("plc", place)
        where.append(
            "EXISTS (SELECT 1 FROM places p WHERE p.article_id = a.id AND "
            + word_match.format(col="p.name", p="plc")
            + ")"
        )
    return "".join(f" AND {w}" for w in where), params


_SQLITE = {
    "article": """
        SELECT a.id AS article_id, a.title, a.outlet, a.published, a.url,
               snippet(articles_fts, 2, char(2), char(3), '…', 24) AS marked,
               -bm25(articles_fts, 0.0, 4.0, 1.0) AS score
        FROM articles_fts JOIN articles a ON a.id = articles_fts.article_id
        WHERE articles_fts MATCH :q {filters}
        ORDER BY bm25(articles_fts, 0.0, 4.0, 1.0) LIMIT :limit""",
    "statement": """
        SELECT a.id AS article_id, a.title, a.outlet, a.published, a.url,
               s.statement_id, s.source_name, s.stance,
               highlight(statements_fts, 0, char(2), char(3)) AS marked,
               -bm25(statements_fts) AS score
        FROM statements_fts JOIN statements s ON s.pk = statements_fts.rowid
             JOIN articles a ON a.id = s.article_id
        WHERE statements_fts MATCH :q {filters}
        ORDER BY bm25(statements_fts) LIMIT :limit""",
}

_HEADLINE = "'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"'"
_POSTGRES = {
    "article": f"""
        WITH q AS (SELECT websearch_to_tsquery('english', :q) AS q),
        hits AS (
            SELECT a.id, ts_rank_cd(a.tsv, q.q) AS score FROM articles a, q
            WHERE a.tsv @@ q.q {{filters}} ORDER BY score DESC LIMIT :limit)
        SELECT a.id AS article_id, a.title, a.outlet, a.published, a.url, hits.score,
               ts_headline('english', left(a.text, 100000), q.q, {_HEADLINE}) AS marked
        FROM hits JOIN articles a ON a.id = hits.id, q ORDER BY hits.score DESC""",
    "statement": """
        WITH q AS (SELECT websearch_to_tsquery('english', :q) AS q),
        hits AS (
            SELECT s.pk, ts_rank_cd(s.tsv, q.q) AS score FROM statements s JOIN articles a ON a.id = s.article_id, q
            WHERE s.tsv @@ q.q {filters} ORDER BY score DESC LIMIT :limit)
        SELECT a.id AS article_id, a.title, a.outlet, a.published, a.url, s.statement_id, s.source_name,
               s.stance, hits.score,
               ts_headline('english', s.content, q.q, 'StartSel=' || chr(2) || ', StopSel=' || chr(3)
                           || ', HighlightAll=true') AS marked
        FROM hits JOIN statements s ON s.pk = hits.pk JOIN articles a ON a.id = s.article_id, q
        ORDER BY hits.score DESC""",
}


def search(
    store: Store,
    text: str,
    source: str | None = None,
    since: str | None = None,
    place: str | None = None,
    limit: int = 20,
    kinds: tuple[str, ...] = ("article", "statement"),
) -> list[SearchHit]:
    """Articles and statements matching `text`, best first (at most `limit` of each kind).

    `source` keeps articles from that outlet or quoting that source, and statements by that source;
    `since` is an ISO date; `place` a place named in the article.
    """
    if store.dialect == "sqlite":
        query, templates = fts5_query(text), _SQLITE
    elif store.dialect == "postgresql":
        query, templates = text, _POSTGRES
    else:
        raise NotImplementedError(f"full-text search on {store.dialect}")
    if not query.strip():
        return []
    hits: list[SearchHit] = []
    with store.session() as session:
        for kind in kinds:
            filters, params = _filters(source, since, place, statement=kind == "statement")
            rows = session.execute(
                sql(templates[kind].format(filters=filters)), {"q": query, "limit": limit, **params}
            )
            for row in rows.mappings():
                hits.append(_hit(kind, row))
    hits.sort(key=lambda h: -h.score)
    return hits


def _hit(kind: str, row: Any) -> SearchHit:
    snippet, spans = split_highlights(row["marked"])
    return SearchHit(
        kind=kind,
        article_id=row["article_id"],
        score=round(float(row["score"] or 0.0), 4),
        snippet=" ".join(snippet.split()) if not spans else snippet.replace("\n", " "),
        highlights=spans,
        title=row["title"],
        outlet=row["outlet"],
        published=row["published"],
        url=row["url"],
        statement_id=row.get("statement_id"),
        source_name=row.get("source_name"),
        stance=row.get("stance"),
    )
