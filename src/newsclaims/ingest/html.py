"""HTML pages through trafilatura: the article body without boilerplate, with its metadata."""

from __future__ import annotations

import re

from newsclaims.article import Article, article_id, outlet_of
from newsclaims.ingest.dates import parse_date
from newsclaims.ingest.decode import ReadError, declared_charset, decode


def _paragraphs(body: str) -> list[str]:
    return [" ".join(p.split()) for p in body.splitlines() if p.strip()]


def article_from_html(
    html: str | bytes, url: str | None = None, source: str | None = None, charset: str | None = None
) -> Article:
    """An Article from an HTML page: title, author(s), date, url, site name and body via trafilatura.

    Bytes are decoded with the charset the page (or `charset`, from HTTP) declares, else UTF-8 with
    replacement characters and a warning. Text is the title, a blank line, then the body paragraphs.
    """
    import trafilatura

    warnings: list[str] = []
    if isinstance(html, bytes):
        html, warnings = decode(html, charset or declared_charset(html))
    if not html.strip():
        raise ReadError("empty input")
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as err:  # trafilatura raises assorted errors on pathological markup
        raise ReadError(f"unreadable HTML: {err}") from err
    if doc is None:
        raise ReadError("no article text found in the HTML page")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = _paragraphs(meta.get("text") or "")
    if not body:
        raise ReadError("no article text found in the HTML page")
    title = " ".join((meta.get("title") or "").split()) or None
    if title and body[0] == title:
        body = body[1:]
    text = "\n\n".join(([title] if title else []) + body)
    page_url = url or meta.get("url")
    authors = [a.strip() for a in re.split(r";|,|\band\b", meta.get("author") or "") if a.strip()]
    return Article(
        id=article_id(text, page_url),
        text=text,
        url=page_url,
        title=title,
        outlet=meta.get("sitename") or outlet_of(page_url),
        byline=authors,
        published=parse_date(meta.get("date") or "") if meta.get("date") else None,
        language=None,
        format="html",
        source=source,
        warnings=warnings,
    )


def looks_like_html(text: str) -> bool:
    """Whether text is an HTML document or fragment."""
    head = text.lstrip()[:1000].lower()
    return (
        head.startswith(("<!doctype html", "<html", "<?xml"))
        and "<html" in text[:5000].lower()
        or bool(re.match(r"<(html|head|body|article|div|p)\b", head))
    )
