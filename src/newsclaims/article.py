"""The Article: what every reader produces and every extractor reads."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from urllib.parse import urlsplit, urlunsplit

from newsclaims.record import Record


@dataclasses.dataclass
class RelatedLink(Record):
    """A "Related article" link that the page carried; its title is often itself a claim."""

    title: str
    url: str | None = None


@dataclasses.dataclass
class Article(Record):
    """One news article as newsclaims reads it.

    `text` is what all spans index: for plain-text input the input string exactly; for structured input
    (markdown, HTML, JSON) the title, a blank line, then the body paragraphs as a reader sees them.
    """

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    byline: list[str] = dataclasses.field(default_factory=list)
    published: str | None = None
    language: str | None = None
    related: list[RelatedLink] = dataclasses.field(default_factory=list)
    format: str = "text"
    source: str | None = None
    """Where the article was read from (a path, a URL, `-`, or `file:line` for JSONL)."""
    warnings: list[str] = dataclasses.field(default_factory=list)
    """What the reader had to repair (a wrong encoding, broken markup), for the user to see."""


_TRACKING = re.compile(r"^(utm_|fbclid|gclid|mc_|ref$|cmpid|ocid)")


def canonical_url(url: str) -> str:
    """Normalise a URL so that trivial variants of one page get one id.

    >>> canonical_url("HTTPS://www.Example.com/a/b/?utm_source=x&id=3#top")
    'https://example.com/a/b?id=3'
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = "&".join(
        q for q in parts.query.split("&") if q and not _TRACKING.match(q.split("=", 1)[0].lower())
    )
    path = parts.path.rstrip("/") or ""
    scheme = (parts.scheme or "http").lower()
    if scheme == "http":
        scheme = "https"
    return urlunsplit((scheme, host, path, query, ""))


def outlet_of(url: str | None) -> str | None:
    """The outlet a URL belongs to: its host without `www.`.

    >>> outlet_of("https://www.themoscowtimes.com/2019/07/18/a")
    'themoscowtimes.com'
    """
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return host or None


def normalise_text(text: str) -> str:
    """Text reduced to what identifies an article: NFKC, lower case, single spaces."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(text.split())


def article_id(text: str, url: str | None = None) -> str:
    """A stable id: a hash of the canonical URL when there is one, else of the normalised text.

    >>> article_id("Hello  world") == article_id("hello world")
    True
    """
    key = "url:" + canonical_url(url) if url else "text:" + normalise_text(text)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
