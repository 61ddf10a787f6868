"""Fetching articles over http(s): a timeout, a size cap and a User-Agent, then the HTML reader."""

from __future__ import annotations

from newsclaims import __version__
from newsclaims.article import Article, article_id, outlet_of
from newsclaims.ingest.decode import DEFAULT_MAX_BYTES, ReadError, check_size, decode, sniff_binary

USER_AGENT = f"newsclaims/{__version__} (news claim extraction; +https://pypi.org/project/newsclaims/)"
TIMEOUT = 20.0


def fetch(url: str, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = TIMEOUT) -> tuple[bytes, str, str]:
    """GET `url`: (body, content type, final url). Raises ReadError with the reason on any failure."""
    import httpx

    try:
        with httpx.Client(
            follow_redirects=True, timeout=timeout, headers={"User-Agent": USER_AGENT}, max_redirects=5
        ) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise ReadError(f"HTTP {response.status_code} {response.reason_phrase}")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit():
                    check_size(int(declared), max_bytes)
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    check_size(size, max_bytes)
                    chunks.append(chunk)
                return b"".join(chunks), response.headers.get("content-type", ""), str(response.url)
    except httpx.TimeoutException as err:
        raise ReadError(f"timed out after {timeout:g} s") from err
    except httpx.HTTPError as err:
        raise ReadError(f"cannot fetch: {err}") from err


def fetch_article(url: str, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = TIMEOUT) -> Article:
    """The article at `url` (HTML through the HTML reader, plain text as is); PDFs and images are refused."""
    from newsclaims.ingest.html import article_from_html

    body, content_type, final_url = fetch(url, max_bytes, timeout)
    mime = content_type.split(";")[0].strip().lower()
    charset = None
    if "charset=" in content_type:
        charset = content_type.split("charset=")[-1].split(";")[0].strip().strip('"')
    if mime == "application/pdf" or body.startswith(b"%PDF"):
        raise ReadError("the URL returned a PDF (application/pdf), which newsclaims does not read")
    if what := sniff_binary(body):
        raise ReadError(f"the URL returned {what} ({mime or 'no content type'})")
    if mime == "text/plain":
        text, warnings = decode(body, charset)
        return Article(
            id=article_id(text, final_url),
            text=text,
            url=final_url,
            outlet=outlet_of(final_url),
            format="text",
            source=url,
            warnings=warnings,
        )
    if mime and "html" not in mime and "xml" not in mime:
        raise ReadError(f"the URL returned {mime}, not an HTML page")
    return article_from_html(body, url=final_url, source=url, charset=charset)
