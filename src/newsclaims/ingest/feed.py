"""RSS and Atom feeds through feedparser: each entry's link is fetched and read as an article.

An entry whose page cannot be fetched falls back to the feed's own full content when the feed carries it
(`content:encoded`), with a warning; otherwise it is a Failure and the other entries go on. A "feed" that is
really an HTML page, or not XML at all, is one Failure with a clear reason.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsclaims.article import Article, article_id, outlet_of
from newsclaims.ingest.decode import DEFAULT_MAX_BYTES, ReadError, check_size
from newsclaims.pipeline import Failure

MIN_CONTENT_CHARS = 300
"""A feed's inline content shorter than this is a teaser, not the article: not used in place of the page."""


def _load(source: str, max_bytes: int, timeout: float) -> bytes:
    if source.startswith(("http://", "https://")):
        from newsclaims.ingest.url import fetch

        return fetch(source, max_bytes=max_bytes, timeout=timeout)[0]
    path = Path(source)
    try:
        check_size(path.stat().st_size, max_bytes)
        return path.read_bytes()
    except OSError as err:
        raise ReadError(f"cannot read: {err.strerror or err}") from err


def _date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return time.strftime("%Y-%m-%d", parsed)
    return None


def html_fragment_text(fragment: str) -> str:
    """The paragraphs of an HTML fragment (a feed entry's content), one per line pair.

    >>> html_fragment_text("<p>One <b>two</b>.</p><p>Three.</p>")
    'One two.\\n\\nThree.'
    """
    import lxml.html

    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml refuses some broken markup: keep the words anyway
        return " ".join(fragment.split())
    blocks = root.xpath(".//p|.//li|.//h1|.//h2|.//h3|.//blockquote") or [root]
    paragraphs = [" ".join(block.text_content().split()) for block in blocks]
    return "\n\n".join(p for p in paragraphs if p)


def _inline_content(entry: Any) -> str:
    contents = entry.get("content") or []
    html = max((c.get("value", "") for c in contents), key=len, default="") or entry.get("summary", "")
    return html_fragment_text(html)


def _article_from_entry(
    entry: Any, feed_title: str | None, where: str, warning: str | None
) -> Article | None:
    body = _inline_content(entry)
    if len(body) < MIN_CONTENT_CHARS and warning is not None:
        return None
    title = " ".join((entry.get("title") or "").split()) or None
    if not body and not title:
        return None
    text = "\n\n".join(p for p in (title, body) if p)
    link = entry.get("link")
    return Article(
        id=article_id(text, link),
        text=text,
        url=link,
        title=title,
        outlet=outlet_of(link) or feed_title,
        byline=[entry["author"]] if entry.get("author") else [],
        published=_date(entry),
        format="feed",
        source=where,
        warnings=[warning] if warning else [],
    )


def _with_entry_metadata(article: Article, entry: Any, feed_title: str | None, where: str) -> Article:
    """Fill what the page did not say (date, title, author) from the feed entry."""
    return dataclasses.replace(
        article,
        title=article.title or (entry.get("title") or None),
        published=article.published or _date(entry),
        byline=article.byline or ([entry["author"]] if entry.get("author") else []),
        outlet=article.outlet or feed_title,
        source=where,
    )


def read_feed(
    source: str, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float | None = None, fetch_links: bool = True
) -> Iterator[Article | Failure]:
    """Articles from an RSS or Atom feed (a file or an http(s) URL): one per entry, in feed order.

    Each entry's link is fetched (`fetch_links`) with `newsclaims.ingest.url.fetch_article`; never raises
    for a bad entry or a bad feed: it yields a Failure with the reason instead.
    """
    import feedparser

    from newsclaims.ingest.url import TIMEOUT, fetch_article

    timeout = TIMEOUT if timeout is None else timeout
    try:
        data = _load(source, max_bytes, timeout)
    except ReadError as err:
        yield Failure(error=str(err), source=source)
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        head = data[:2000].decode("utf-8", "replace").lower()
        if "<html" in head or "<!doctype html" in head:
            reason = "not a feed: this is an HTML page (read it as --input-format html)"
        elif parsed.bozo:
            reason = f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}"
        else:
            reason = "the feed has no entries"
        yield Failure(error=reason, source=source)
        return
    feed_title = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        where = link or f"{source}#{number}"
        if not fetch_links or not link:
            article = _article_from_entry(entry, feed_title, where, None)
            yield article or Failure(error="feed entry without link or content", source=f"{source}#{number}")
            continue
        try:
            page = fetch_article(link, max_bytes=max_bytes, timeout=timeout)
            yield _with_entry_metadata(page, entry, feed_title, where)
        except ReadError as err:
            fallback = _article_from_entry(
                entry, feed_title, where, f"page not fetched ({err}): used the feed's text"
            )
            yield fallback or Failure(error=str(err), source=link)
        except Exception as err:  # a page that breaks the reader must not end the feed
            yield Failure(error=f"cannot read the page: {err}", source=link)
