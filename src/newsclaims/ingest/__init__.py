"""Readers: every source format becomes the same `Article`.

`read_inputs` takes what a user types (files, directories, `-`, URLs) and yields an Article per article, or a
`Failure` with the reason for an input that cannot be read; it never stops a batch for one bad input.

>>> from newsclaims.ingest import read_text
>>> read_text("Rebels said so.").text
'Rebels said so.'
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from importlib import import_module
from pathlib import Path

from newsclaims.article import Article, article_id
from newsclaims.ingest.decode import DEFAULT_MAX_BYTES, ReadError, check_size, decode
from newsclaims.ingest.html import article_from_html, looks_like_html
from newsclaims.ingest.jsonl import read_jsonl
from newsclaims.ingest.markdown import looks_like_markdown, read_markdown
from newsclaims.pipeline import Failure

FORMATS = ("auto", "text", "markdown", "html", "jsonl", "feed", "warc")
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".arc.gz": "warc",
}
# Readers for many-article containers live in their own modules (feedparser, warcio are heavier imports).
_CONTAINERS = {"feed": "newsclaims.ingest.feed:read_feed", "warc": "newsclaims.ingest.warc:read_warc"}

__all__ = ["FORMATS", "ReadError", "read_inputs", "read_path", "read_text", "article_from_html"]


def read_text(text: str, source: str | None = None) -> Article:
    """Plain text: the article text is the input string exactly."""
    if not text.strip():
        raise ReadError("empty input")
    return Article(id=article_id(text), text=text, format="text", source=source)


def format_of(path: Path) -> str | None:
    """The input format a file name implies, or None to sniff its content."""
    name = path.name.lower()
    for ext, fmt in _EXTENSIONS.items():
        if name.endswith(ext):
            return fmt
    return None


def sniff_format(text: str) -> str:
    """The format of a document from its content."""
    head = text.lstrip()[:2000].lower()
    if head.startswith("<?xml") and ("<rss" in head or "<feed" in head) or head.startswith(("<rss", "<feed")):
        return "feed"
    if looks_like_html(text):
        return "html"
    if looks_like_markdown(text):
        return "markdown"
    if text.lstrip().startswith("{") and text.lstrip().split("\n", 1)[0].rstrip().endswith("}"):
        return "jsonl"
    return "text"


def _articles_from_text(text: str, fmt: str, source: str, warnings: list[str]) -> Iterator[Article | Failure]:
    if fmt == "auto":
        fmt = sniff_format(text)
    if fmt == "jsonl":
        for item in read_jsonl(text, source):
            if isinstance(item, Article):
                yield item
            else:
                where, given_id, reason = item
                yield Failure(error=reason, id=given_id, source=where)
        return
    if fmt in _CONTAINERS:
        yield from _container(fmt, text)
        return
    if fmt == "markdown":
        article = read_markdown(text, source=source)
    elif fmt == "html":
        article = article_from_html(text, source=source)
    else:
        article = read_text(text, source=source)
    article.warnings.extend(warnings)
    yield article


def _container(fmt: str, source: str) -> Iterator[Article | Failure]:
    module, func = _CONTAINERS[fmt].split(":")
    try:
        reader = getattr(import_module(module), func)
    except (ModuleNotFoundError, AttributeError):
        yield Failure(error=f"reading {fmt} input is not available in this installation", source=source)
        return
    yield from reader(source)


def read_bytes(data: bytes, fmt: str = "auto", source: str = "-") -> Iterator[Article | Failure]:
    """Articles from raw bytes of a known or sniffed format."""
    try:
        if fmt == "html" or (fmt == "auto" and looks_like_html(data[:5000].decode("utf-8", "replace"))):
            yield article_from_html(data, source=source)
            return
        text, warnings = decode(data)
        yield from _articles_from_text(text, fmt, source, warnings)
    except ReadError as err:
        yield Failure(error=str(err), source=source)


def read_path(path: str | Path, fmt: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """The one article in a file (for a JSONL, WARC or feed file use `read_inputs`)."""
    for item in read_file(Path(path), fmt, max_bytes):
        if isinstance(item, Failure):
            raise ReadError(item.error)
        return item
    raise ReadError("no article in the file")


def read_file(
    path: Path, fmt: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | Failure]:
    """Articles from one file; the size cap is checked before reading."""
    source = str(path)
    if fmt == "auto":
        fmt = format_of(path) or "auto"
    if fmt in _CONTAINERS:
        yield from _container(fmt, source)
        return
    if fmt == "jsonl":
        yield from _read_jsonl_file(path, max_bytes)
        return
    try:
        check_size(path.stat().st_size, max_bytes)
        data = path.read_bytes()
    except ReadError as err:
        yield Failure(error=str(err), source=source)
        return
    except OSError as err:
        yield Failure(error=f"cannot read: {err.strerror or err}", source=source)
        return
    yield from read_bytes(data, fmt, source)


def _read_jsonl_file(path: Path, max_bytes: int) -> Iterator[Article | Failure]:
    """JSONL streamed line by line (a file of many articles may be large); each line held to the size cap."""
    try:
        handle = path.open("rb")
    except OSError as err:
        yield Failure(error=f"cannot read: {err.strerror or err}", source=str(path))
        return
    with handle:
        for lineno, raw in enumerate(handle, start=1):
            where = f"{path}:{lineno}"
            if len(raw) > max_bytes:
                yield Failure(
                    error=f"too large: {len(raw):,} bytes is above the cap of {max_bytes:,} (see --max-bytes)",
                    source=where,
                )
                continue
            if not raw.strip():
                continue
            for item in read_jsonl(raw.decode("utf-8", errors="replace"), str(path)):
                if isinstance(item, Article):
                    item.source = where
                    yield item
                else:
                    yield Failure(error=item[2], id=item[1], source=where)


_NOT_ARTICLES = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING", "NOTICE"})


def _walk(directory: Path) -> Iterator[Path]:
    """Files under a directory, recursively, in a stable order, hidden ones skipped."""
    for path in sorted(directory.rglob("*")):
        rel = path.relative_to(directory)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if path.stem.upper() in _NOT_ARTICLES:  # a folder's own README is not news
            continue
        yield path


def read_inputs(
    inputs: Iterable[str],
    input_format: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Failure]:
    """Articles from files, directories (recursive), `-` (standard input) and http(s) URLs, in order."""
    if input_format not in FORMATS:
        raise ValueError(f"unknown input format {input_format!r}; known: {', '.join(FORMATS)}")
    for item in inputs:
        if item == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            if input_format != "jsonl" and len(data) > max_bytes:
                yield Failure(error=f"too large: above the cap of {max_bytes:,} bytes", source="-")
            else:
                yield from read_bytes(data, input_format, "-")
        elif item.startswith(("http://", "https://")):
            yield from _read_url(item, input_format, max_bytes)
        elif Path(item).is_dir():
            for path in _walk(Path(item)):
                yield from read_file(path, input_format, max_bytes)
        elif Path(item).exists():
            yield from read_file(Path(item), input_format, max_bytes)
        else:
            yield Failure(error="no such file or directory", source=item)


def _read_url(url: str, fmt: str, max_bytes: int) -> Iterator[Article | Failure]:
    from newsclaims.ingest.url import fetch_article

    if fmt in _CONTAINERS:
        yield from _container(fmt, url)
        return
    try:
        yield fetch_article(url, max_bytes=max_bytes)
    except ReadError as err:
        yield Failure(error=str(err), source=url)
