"""Readers: every source format gives the same Article; bad input gives a clear Failure, the rest goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsclaims.article import Article, article_id, canonical_url
from newsclaims.ingest import read_inputs, read_path, sniff_format
from newsclaims.ingest.dates import parse_date
from newsclaims.ingest.markdown import read_markdown
from newsclaims.pipeline import Failure

from .conftest import EXAMPLES

MARKDOWN = """# Army Retakes Hill, Officials Say

By [Example Agency](#)

March 3, 2021



## A caption turned heading

The army retook the hill on Tuesday, officials said. The fighting lasted
two days.

"We hold the ridge now," said Colonel Jane Doe, spokeswoman for the army.

The offensive began after rebels seized the strategic

Tal Hamra ridge in late February.

**Related article:** [Rebels Deny Losing Ridge](#)

Original url:

<https://example.org/2021/03/03/ridge>
"""


def read_all(*inputs: str, fmt: str = "auto", max_bytes: int = 5_000_000) -> list[Article | Failure]:
    return list(read_inputs(list(inputs), input_format=fmt, max_bytes=max_bytes))


def test_markdown_fields_and_text() -> None:
    a = read_markdown(MARKDOWN)
    assert a.title == "Army Retakes Hill, Officials Say"
    assert a.byline == ["Example Agency"]
    assert a.published == "2021-03-03"
    assert a.url == "https://example.org/2021/03/03/ridge"
    assert a.outlet == "example.org"
    assert [r.title for r in a.related] == ["Rebels Deny Losing Ridge"]
    assert a.text.startswith(
        "Army Retakes Hill, Officials Say\n\nA caption turned heading\n\nThe army retook"
    )
    for syntax in ("#", "**", "](", "Original url", "By Example", "March 3, 2021"):
        assert syntax not in a.text
    # a paragraph broken mid-sentence by scraping is rejoined; a line break inside a paragraph is a space
    assert "seized the strategic Tal Hamra ridge" in a.text
    assert "officials said. The fighting lasted two days." in a.text


def test_canonical_example(shared_example: Path) -> None:
    a = read_path(shared_example)
    assert a.title == "Russia Has Deployed Ground Forces in Idlib, Syrian Rebels Say"
    assert a.byline == ["Reuters"] and a.published == "2019-07-18"
    assert a.url.startswith("https://www.themoscowtimes.com/2019/07/18/")
    assert len(a.related) == 2 and a.related[0].title.startswith("Russia Denies")
    assert "[Reuters]" not in a.text and "**" not in a.text and "<https" not in a.text


def test_plain_text_is_kept_exactly(tmp_path: Path) -> None:
    text = "  Rebels said on Monday that\n\nthe town fell.  \n"
    (tmp_path / "a.txt").write_text(text)
    (a,) = read_all(str(tmp_path / "a.txt"))
    assert a.text == text and a.format == "text"


def test_jsonl_keeps_ids_and_text_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "x-1", "text": " Exactly as given.\n"}),
        "not json at all",
        json.dumps({"id": "x-3"}),
        json.dumps({"id": "x-4", "text": "Body.", "title": "Head", "published": "July 1, 2020"}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = read_all(str(path))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Article"]
    assert items[0].id == "x-1" and items[0].text == " Exactly as given.\n"
    assert "not JSON" in items[1].error and items[1].source.endswith(":2")
    assert items[2].id == "x-3" and "text" in items[2].error
    assert items[3].text == "Head\n\nBody." and items[3].published == "2020-07-01"


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("First article text here.")
    (tmp_path / "b" / "c.md").write_text("# Title\n\nBody text of the second.")
    (tmp_path / ".hidden.txt").write_text("skipped")
    items = read_all(str(tmp_path))
    assert [i.format for i in items] == ["text", "markdown"]


def test_project_examples_read() -> None:
    items = read_all(str(EXAMPLES))
    assert items and all(isinstance(i, Article) and i.title and i.published for i in items)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
    ],
)
def test_bad_files_fail_with_reason_and_batch_goes_on(tmp_path: Path, content: bytes, reason: str) -> None:
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_bytes(content)
    good.write_text("The army said the town fell.")
    items = read_all(str(bad), str(good))
    assert isinstance(items[0], Failure) and reason.lower() in items[0].error.lower()
    assert isinstance(items[1], Article)


def test_size_cap_refuses_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    (item,) = read_all(str(path), max_bytes=1000)
    assert isinstance(item, Failure) and "too large" in item.error and "1,000" in item.error


def test_invalid_utf8_is_replaced_with_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Le café a fermé, said the mayor.".encode("latin-1"))
    (a,) = read_all(str(path))
    assert "\ufffd" in a.text and any("UTF-8" in w for w in a.warnings)


def test_html_declared_charset_and_metadata(tmp_path: Path) -> None:
    body = "".join(
        f"<p>Paragraph {i}: the rebels said the army shelled the town of Ariha again.</p>" for i in range(6)
    )
    html = (
        '<html><head><meta charset="iso-8859-1"><title>Shelling in Ariha | The Daily</title>'
        '<meta name="author" content="Jane Roe"><meta property="og:site_name" content="The Daily">'
        '<meta name="date" content="2020-02-03"></head><body><nav>Home | World</nav>'
        f"<article><h1>Shelling in Ariha</h1><p>Caf\xe9 owners fled.</p>{body}</article>"
        "<footer>Copyright</footer></body></html>"
    ).encode("latin-1")
    path = tmp_path / "page.html"
    path.write_bytes(html)
    (a,) = read_all(str(path))
    assert isinstance(a, Article), a
    assert a.format == "html" and a.published == "2020-02-03"
    assert "Café owners fled." in a.text and "Copyright" not in a.text
    assert a.byline == ["Jane Roe"] and not a.warnings


def test_malformed_html_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    text = "The militia said it had taken the airport after two days of fighting in the city. " * 5
    path.write_text(f"<html><body><div><p>{text}<p><b>unclosed <i>tags</div></span>")
    (a,) = read_all(str(path))
    assert isinstance(a, Article) and "taken the airport" in a.text


def test_missing_file() -> None:
    (item,) = read_all("/no/such/file.txt")
    assert isinstance(item, Failure) and "no such file" in item.error


def test_sniffing() -> None:
    assert sniff_format("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff_format("# Title\n\nBody") == "markdown"
    assert sniff_format('{"id": "1", "text": "x"}\n') == "jsonl"
    assert sniff_format('<?xml version="1.0"?><rss version="2.0"></rss>') == "feed"
    assert sniff_format("Just words.") == "text"


def test_ids_are_stable() -> None:
    assert article_id("Some  Text") == article_id("some text")
    assert article_id("a", url="https://www.x.org/p/?utm_source=t") == article_id("b", url="http://x.org/p")
    assert canonical_url("https://X.org/a/#frag") == "https://x.org/a"


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("July 18, 2019", "2019-07-18"),
        ("18 July 2019", "2019-07-18"),
        ("Jul. 18, 2019", "2019-07-18"),
        ("Thursday, July 18, 2019 10:30 AM", "2019-07-18"),
        ("2019-07-18T10:30:00Z", "2019-07-18"),
        ("Published: 18/07/2019", "2019-07-18"),
        ("The army said on July 18, 2019 that", None),
    ],
)
def test_date_lines(line: str, iso: str | None) -> None:
    assert parse_date(line) == iso


def test_jsonl_line_above_cap_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    big = json.dumps({"id": "big", "text": "word " * 5000})
    path.write_text(json.dumps({"id": "ok", "text": "Fine."}) + "\n" + big + "\n")
    items = read_all(str(path), max_bytes=10_000)
    assert items[0].id == "ok" and items[0].source.endswith(":1")
    assert isinstance(items[1], Failure) and "too large" in items[1].error and items[1].source.endswith(":2")


def test_directory_skips_readme_files(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# About these files\n\nThey are examples.")
    (tmp_path / "story.md").write_text("# Title\n\nThe army said it retook the hill.")
    assert [Path(i.source).name for i in read_all(str(tmp_path))] == ["story.md"]
