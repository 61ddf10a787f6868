"""CSV: one flat table of an analysis stream (statements by default; articles, entities, places, ...).

Each row starts with the article's id, url, outlet, published date and title, so a spreadsheet can filter and
join without the JSON. The columns are those of the store's tables (`newsclaims.store.rows`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from newsclaims.analysis import Analysis
from newsclaims.pipeline import Failure
from newsclaims.store.rows import ROW_BUILDERS

TABLES = ("statements", "articles", "entities", "places", "times", "quantities", "events")
ARTICLE_COLUMNS = ("article_id", "url", "outlet", "published", "title")


def _article_fields(analysis: Analysis) -> dict[str, Any]:
    article = analysis.article
    return {
        "article_id": article.id,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published,
        "title": article.title,
    }


def _article_summary(analysis: Analysis) -> dict[str, Any]:
    main = analysis.events[0] if analysis.events else None
    return _article_fields(analysis) | {
        "byline": "; ".join(analysis.article.byline),
        "language": analysis.article.language,
        "model": analysis.model,
        "entities": len(analysis.entities),
        "statements": len(analysis.statements),
        "places": len(analysis.places),
        "times": len(analysis.times),
        "quantities": len(analysis.quantities),
        "events": len(analysis.events),
        "main_event_type": main.type if main else None,
        "main_event_subtype": main.subtype if main else None,
        "chars": len(analysis.article.text),
    }


def table_rows(items: Iterable[Analysis | Failure], table: str = "statements") -> Iterator[dict[str, Any]]:
    """The rows of one table for a stream of analyses (failures are skipped).

    >>> from newsclaims.analysis import Analysis
    >>> from newsclaims.article import Article
    >>> next(table_rows([Analysis(article=Article(id="a1", text="Hi"))], "articles"))["article_id"]
    'a1'
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; known: {', '.join(TABLES)}")
    for analysis in items:
        if isinstance(analysis, Failure):
            continue
        if table == "articles":
            yield _article_summary(analysis)
            continue
        head = _article_fields(analysis)
        for row in ROW_BUILDERS[table](analysis):
            yield head | row


def columns(table: str) -> list[str]:
    """The column names of a table, in output order."""
    from newsclaims.analysis import Analysis
    from newsclaims.article import Article

    if table == "articles":
        return list(_article_summary(Analysis(article=Article(id="", text=""))))
    builders = {
        "entities": ["entity_id", "name", "type", "kind", "n_mentions", "start", "end"],
        "statements": [
            "statement_id", "source_entity", "source_name", "cue_lemma", "kind", "stance", "score", "content",
            "start", "end",
        ],
        "places": ["idx", "name", "geonames_id", "lat", "lon", "country", "admin1", "feature", "literal", "start", "end"],
        "times": ["idx", "type", "value", "mod", "start", "end"],
        "quantities": ["idx", "value", "value_high", "bound", "unit", "concept", "start", "end"],
        "events": [
            "event_id", "type", "subtype", "plover", "trigger", "place_name", "time_value", "fatalities", "score",
            "start", "end",
        ],
    }  # fmt: skip
    return [*ARTICLE_COLUMNS, *builders[table]]


def write_csv(items: Iterable[Analysis | Failure], out: TextIO, table: str = "statements") -> None:
    """Write one table as CSV with a header row (RFC 4180 quoting, UTF-8)."""
    writer = csv.DictWriter(out, fieldnames=columns(table), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in table_rows(items, table):
        writer.writerow(row)
