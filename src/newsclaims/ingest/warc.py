"""WARC and WARC.gz archives through warcio: the HTML responses, as Common Crawl's news crawl holds them.

Other records (requests, metadata, revisits, non-HTML or non-200 responses) are skipped. A record that cannot be
read becomes a Failure; a truncated archive ends with a Failure saying where, after every whole record before it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from newsclaims.article import Article
from newsclaims.ingest.decode import DEFAULT_MAX_BYTES, ReadError
from newsclaims.pipeline import Failure


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode()
    mime = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return status == "200" and mime in ("text/html", "application/xhtml+xml")


def _plausible_arc(record) -> bool:
    uri = record.rec_headers.get_header("uri") or ""
    return uri.startswith(("http://", "https://", "dns:", "filedesc:"))


def _charset(record) -> str | None:
    content_type = record.http_headers.get_header("Content-Type") or ""
    if "charset=" in content_type:
        return content_type.split("charset=")[-1].split(";")[0].strip().strip('"') or None
    return None


def read_warc(source: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Failure]:
    """Articles from the HTML responses of a WARC or WARC.gz file, in archive order; never raises."""
    from warcio.archiveiterator import ArchiveIterator

    from newsclaims.ingest.html import article_from_html

    source = str(source)
    try:
        stream = open(source, "rb")  # noqa: SIM115 (closed in finally; a generator outlives a with block)
    except OSError as err:
        yield Failure(error=f"cannot read: {err.strerror or err}", source=source)
        return
    offset = seen = 0
    try:
        records = ArchiveIterator(stream)
        while True:
            try:
                record = next(records)
            except StopIteration:
                if seen == 0:
                    yield Failure(error="not a WARC archive: no records found", source=source)
                break
            except Exception as err:  # warcio raises assorted errors on a cut or corrupt archive
                if seen == 0:
                    reason = f"not a WARC archive: {err}"
                else:
                    reason = f"truncated or corrupt WARC record after offset {offset}: {err}"
                yield Failure(error=reason, source=source)
                return
            seen += 1
            if record.format.startswith("arc") and not _plausible_arc(record):
                # warcio reads anything that is not a WARC as an old ARC file: garbage stops here
                yield Failure(
                    error=f"not a WARC archive (unreadable record at offset {offset})", source=source
                )
                return
            if not _is_html_response(record):
                offset = records.get_record_offset()
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = url or source
            try:
                payload = record.content_stream().read(max_bytes + 1)
                # Only now: asking for the offset reads the record to its end.
                offset = records.get_record_offset()
                where = url or f"{source}@{offset}"
                if len(payload) > max_bytes:
                    raise ReadError(f"too large: above the cap of {max_bytes:,} bytes")
                missing = getattr(record.raw_stream, "limit", 0) or 0
                if missing > 0:  # the file ended inside this record: its page is cut short
                    raise ReadError(f"truncated WARC record: the archive ends {missing:,} bytes early")
                article = article_from_html(payload, url=url, source=where, charset=_charset(record))
                yield dataclasses.replace(article, format="warc")
            except ReadError as err:
                yield Failure(error=str(err), source=url or where)
            except Exception as err:  # a truncated payload or a page that breaks the reader: this record only
                yield Failure(error=f"unreadable record: {err}", source=url or where)
    finally:
        stream.close()
