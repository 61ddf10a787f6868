"""The markdown form scraped news usually arrives in.

A `#` title, a `By [Agency](#)` byline, a date line, `##` sub-headings, `**Related article:** [title](#)` links and an
`Original url: <...>` footer. The Article's text is the title, a blank line, then the body paragraphs as a reader
sees them: no markdown syntax, and no metadata (byline, date, links and url go to their fields).
"""

from __future__ import annotations

import re

from newsclaims.article import Article, RelatedLink, article_id, outlet_of
from newsclaims.ingest.dates import parse_date

_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_BYLINE = re.compile(r"^(?:by|from)\s+(.+)$", re.I)
_RELATED = re.compile(
    r"^\W*(?:related(?: article| story| content)?|read more|see also)\s*:?\W*\s*(.*)$", re.I
)
_URL_LINE = re.compile(r"^(?:original\s+)?(?:url|source|link)\s*:\s*<?(\S*?)>?\s*$", re.I)
_BARE_URL = re.compile(r"^<?(https?://\S+?)>?$")
_END_PUNCT = (".", "!", "?", '"', "”", "’", "'", ":", ";", ")", "…")


def strip_inline(text: str) -> str:
    """Markdown inline syntax removed: links keep their text, images go, emphasis marks go.

    >>> strip_inline("By [Reuters](#) and **bold** *it*")
    'By Reuters and bold it'
    """
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _EMPHASIS.sub(lambda m: m.group(2), text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>])", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    return " ".join(text.split())


def _blocks(markdown: str) -> list[str]:
    """Paragraph blocks: lines separated by blank lines, joined with spaces."""
    blocks, current = [], []
    for line in markdown.splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return blocks


def _join_broken(paragraphs: list[tuple[str, bool]]) -> list[str]:
    """Rejoin a paragraph that scraping broke mid-sentence (no final punctuation, next starts mid-sentence)."""
    out: list[str] = []
    joinable = False
    for text, is_heading in paragraphs:
        if out and joinable and not is_heading:
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
        # mid-sentence: a body paragraph of a few words ending in a lower-case word or a comma
        joinable = (
            not is_heading
            and len(out[-1].split()) >= 5
            and not out[-1].endswith(_END_PUNCT)
            and (out[-1][-1].islower() or out[-1][-1] == ",")
        )
    return out


def read_markdown(markdown: str, source: str | None = None, url: str | None = None) -> Article:
    """An Article from news in markdown form.

    >>> a = read_markdown("# Rebels Say X\\n\\nBy [Reuters](#)\\n\\nJuly 18, 2019\\n\\nThe army said so.")
    >>> a.title, a.byline, a.published, a.text
    ('Rebels Say X', ['Reuters'], '2019-07-18', 'Rebels Say X\\n\\nThe army said so.')
    """
    title: str | None = None
    byline: list[str] = []
    published: str | None = None
    related: list[RelatedLink] = []
    paragraphs: list[tuple[str, bool]] = []
    expect_url = False
    for block in _blocks(markdown):
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", block)
        if heading and len(heading.group(1)) == 1 and title is None:
            title = strip_inline(heading.group(2))
            continue
        plain = strip_inline(heading.group(2) if heading else block)
        if expect_url and _BARE_URL.match(block):
            url = url or _BARE_URL.match(block).group(1)
            expect_url = False
            continue
        if m := _URL_LINE.match(plain if not block.startswith("<") else block):
            if m.group(1):
                url = url or m.group(1)
            else:
                expect_url = True
            continue
        if not paragraphs and (m := _BYLINE.match(plain)) and len(plain) < 100:
            byline = [n.strip() for n in re.split(r",\s*|\s+and\s+", m.group(1)) if n.strip()]
            continue
        if not paragraphs and published is None and (date := parse_date(plain)):
            published = date
            continue
        if (m := _RELATED.match(plain)) and "](" in block:
            links = _LINK.findall(block)
            for text, href in links:
                related.append(
                    RelatedLink(title=strip_inline(text), url=href if href not in ("", "#") else None)
                )
            continue
        if re.fullmatch(r"[-*_]{3,}", block.strip()):
            continue
        paragraphs.append((plain, heading is not None))
    body = _join_broken([p for p in paragraphs if p[0]])
    text = "\n\n".join(([title] if title else []) + body)
    return Article(
        id=article_id(text, url),
        text=text,
        url=url,
        title=title,
        byline=byline,
        published=published,
        related=related,
        outlet=outlet_of(url),
        format="markdown",
        source=source,
    )


def looks_like_markdown(text: str) -> bool:
    """Whether text is news in markdown form: a `#` title line, or a `By [X](...)` byline near the top."""
    head = text.lstrip()[:2000]
    return bool(re.match(r"#\s+\S", head) or re.search(r"^by\s+\[[^\]]+\]\(", head, re.I | re.M))
