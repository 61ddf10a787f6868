"""JSON Lines input: one article per line, `{"id", "text", "title"?, "published"?, "url"?, "outlet"?}`."""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsclaims.article import Article, article_id, outlet_of
from newsclaims.ingest.dates import parse_date
from newsclaims.ingest.decode import ReadError


def article_from_record(record: object, source: str | None = None) -> Article:
    """An Article from one JSON object. With `text` only, the text is taken exactly as given.

    With a `title` too, the text is the title, a blank line, then `text` (the structured-input rule), unless
    `text` already starts with the title. A given `id` is kept unchanged.

    >>> article_from_record({"id": "a1", "text": " Exactly this. "}).text
    ' Exactly this. '
    """
    if not isinstance(record, dict):
        raise ReadError(f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ReadError('no "text" (a non-empty string is required)')
    title = record.get("title")
    title = " ".join(title.split()) if isinstance(title, str) and title.strip() else None
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    url = record.get("url") if isinstance(record.get("url"), str) else None
    published = record.get("published")
    if published is not None:
        published = parse_date(str(published))
    given_id = record.get("id")
    return Article(
        id=str(given_id) if given_id not in (None, "") else article_id(text, url),
        text=text,
        url=url,
        title=title,
        outlet=record.get("outlet") or outlet_of(url),
        byline=[b for b in record.get("byline") or [] if isinstance(b, str)],
        published=published,
        language=record.get("language"),
        format="jsonl",
        source=source,
    )


def read_jsonl(text: str, source: str = "-") -> Iterator[Article | tuple[str, str | None, str]]:
    """Articles from JSON Lines; a bad line yields `(where, id, reason)` in its place."""
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield (where, None, f"line is not JSON: {err.msg}")
            continue
        try:
            yield article_from_record(record, source=where)
        except ReadError as err:
            yield (where, record.get("id") if isinstance(record, dict) else None, str(err))


def looks_like_jsonl(text: str) -> bool:
    """Whether text is JSON Lines of objects."""
    first = text.lstrip()[:1]
    return first == "{"
