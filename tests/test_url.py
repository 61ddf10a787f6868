"""URL input against a local server: HTML is read; 404, PDF and time-outs fail clearly."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsclaims.ingest import read_inputs
from newsclaims.ingest.decode import ReadError
from newsclaims.ingest.url import fetch_article
from newsclaims.pipeline import Failure

PAGE = (
    "<html><head><title>Clashes near Marib</title></head><body><article><h1>Clashes near Marib</h1>"
    + "<p>Government forces and Houthi fighters clashed near Marib on Friday, tribal sources said.</p>" * 5
    + "</article></body></html>"
)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/missing":
            self.send_error(404, "Not Found")
            return
        body, kind = PAGE.encode(), "text/html; charset=utf-8"
        if self.path == "/doc.pdf":
            body, kind = b"%PDF-1.4 fake", "application/pdf"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_html_url(server: str) -> None:
    (a,) = read_inputs([f"{server}/story"])
    assert a.title == "Clashes near Marib" and a.url == f"{server}/story" and "Houthi fighters" in a.text


def test_404_and_pdf_fail_and_batch_goes_on(server: str) -> None:
    items = list(read_inputs([f"{server}/missing", f"{server}/doc.pdf", f"{server}/ok"]))
    assert isinstance(items[0], Failure) and "404" in items[0].error
    assert isinstance(items[1], Failure) and "PDF" in items[1].error
    assert not isinstance(items[2], Failure)


def test_timeout(server: str) -> None:
    with pytest.raises(ReadError, match="timed out"):
        fetch_article(f"{server}/slow", timeout=0.5)


def test_size_cap(server: str) -> None:
    with pytest.raises(ReadError, match="too large"):
        fetch_article(f"{server}/story", max_bytes=100)
