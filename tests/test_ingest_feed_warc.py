"""RSS/Atom feeds (entries' pages fetched from a local HTTP server) and WARC archives, good and bad."""

from __future__ import annotations

import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsclaims.article import Article
from newsclaims.ingest.feed import read_feed
from newsclaims.ingest.warc import read_warc
from newsclaims.pipeline import Failure

# Pages written for these tests.
PARAGRAPHS = [
    "Government forces shelled the northern town of Kafr Nabudah on Tuesday, killing at least 12 civilians, "
    "a monitoring group said, in the heaviest bombardment of the area in weeks.",
    "Rebel commanders denied that their fighters had withdrawn and said the army had suffered heavy losses "
    "in two days of fighting around the town, which changed hands several times this year.",
    "The United Nations said more than 300,000 people had been displaced since the offensive began at the end "
    "of April, most of them towards camps near the Turkish border.",
]


def page(title: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title><meta charset='utf-8'></head><body>"
        f"<nav>Home | World | Sport</nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright Example News</footer></body></html>"
    ).encode()


def rss(base: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>{base}{link}</link><pubDate>Thu, 18 Jul 2019 10:0{i}:00 GMT</pubDate>"
        f"<description>Teaser {i}</description></item>"
        for i, link in enumerate(links)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Example News</title>"
        f"<link>{base}</link><description>test</description>{items}</channel></rss>"
    ).encode()


RELEASE = threading.Event()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        if self.path == "/hang":
            RELEASE.wait(10)  # longer than the test's timeout: released when the module's tests are done
            return
        base = f"http://127.0.0.1:{self.server.server_port}"
        routes = {
            "/feed.xml": (rss(base, ["/a1", "/hang", "/missing", "/a2"]), "application/rss+xml"),
            "/a1": (page("Shelling kills twelve in Kafr Nabudah"), "text/html; charset=utf-8"),
            "/a2": (page("Rebels deny withdrawal from Kafr Nabudah"), "text/html; charset=utf-8"),
            "/notafeed": (page("Just a page"), "text/html"),
        }
        if self.path not in routes:
            self.send_error(404)
            return
        body, kind = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout test) is expected here


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    RELEASE.set()
    httpd.shutdown()
    httpd.server_close()


def test_feed_entries_are_fetched_and_bad_ones_fail_alone(server: str) -> None:
    items = list(read_feed(f"{server}/feed.xml", timeout=1.0))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Article"]
    first, hang, missing, last = items
    assert first.url == f"{server}/a1" and first.published == "2019-07-18"
    assert "Kafr Nabudah" in first.text and "Copyright" not in first.text
    assert "timed out" in hang.error and hang.source.endswith("/hang")
    assert "404" in missing.error
    assert last.title == "Rebels deny withdrawal from Kafr Nabudah"


def test_a_feed_that_is_html_is_one_clear_failure(server: str, tmp_path: Path) -> None:
    (failure,) = read_feed(f"{server}/notafeed")
    assert isinstance(failure, Failure) and "HTML page" in failure.error
    (garbage,) = read_feed(str(_write(tmp_path / "x.rss", b"\x00\x01 not xml at all")))
    assert isinstance(garbage, Failure)
    (absent,) = read_feed(str(tmp_path / "absent.rss"))
    assert isinstance(absent, Failure) and "cannot read" in absent.error


def test_feed_file_without_fetching_uses_the_entries(tmp_path: Path) -> None:
    content = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    atom = (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Wire</title>"
        "<entry><title>Shelling in Kafr Nabudah</title><id>urn:1</id><updated>2019-07-18T10:00:00Z</updated>"
        f"<content type='html'><![CDATA[{content}]]></content></entry></feed>"
    )
    (article,) = read_feed(str(_write(tmp_path / "wire.atom", atom.encode())), fetch_links=False)
    assert isinstance(article, Article)
    assert article.text.startswith("Shelling in Kafr Nabudah\n\nGovernment forces shelled")
    assert article.published == "2019-07-18" and article.outlet == "Wire"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _warc(path: Path, records: list[tuple[str, str, bytes]], gzipped: bool) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        for url, kind, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
    return path


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_html_responses_become_articles(tmp_path: Path, gzipped: bool) -> None:
    records = [
        ("https://news.example/a1", "text/html; charset=utf-8", page("Shelling kills twelve")),
        ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n"),
        ("https://news.example/a2", "text/html", page("Rebels deny withdrawal")),
    ]
    path = _warc(tmp_path / ("c.warc.gz" if gzipped else "c.warc"), records, gzipped)
    items = list(read_warc(path))
    assert [i.url for i in items] == ["https://news.example/a1", "https://news.example/a2"]
    assert all(isinstance(i, Article) and i.format == "warc" and "Kafr Nabudah" in i.text for i in items)


def _offsets(path: Path) -> list[int]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        return [records.get_record_offset() for _ in records]


@pytest.mark.parametrize("gzipped", [True, False])
def test_truncated_warc_keeps_whole_records_and_reports_the_cut(tmp_path: Path, gzipped: bool) -> None:
    records = [(f"https://news.example/a{i}", "text/html", page(f"Story number {i}")) for i in range(3)]
    path = _warc(tmp_path / ("c.warc.gz" if gzipped else "c.warc"), records, gzipped=gzipped)
    offsets = _offsets(path)
    data = path.read_bytes()
    cut_at = offsets[4] + (offsets[5] - offsets[4]) // 2  # half way into the third response
    cut = _write(tmp_path / ("cut.warc.gz" if gzipped else "cut.warc"), data[:cut_at])
    items = list(read_warc(cut))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [a.url for a in articles] == ["https://news.example/a0", "https://news.example/a1"]
    assert len(failures) == 1
    for junk in (gzip.compress(b"this is not a warc file"), b"<html>not a warc</html>\n", b""):
        (broken,) = read_warc(_write(tmp_path / "junk.warc", junk))
        assert isinstance(broken, Failure) and "not a WARC archive" in broken.error
