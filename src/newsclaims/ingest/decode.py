"""From raw bytes to text, refusing what is not text: empty, binary, too large; repairing bad encodings."""

from __future__ import annotations

import re

DEFAULT_MAX_BYTES = 5_000_000

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "gzip-compressed data",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class ReadError(ValueError):
    """An input that cannot be read as an article; the message says why, for that input alone."""


def check_size(size: int, max_bytes: int) -> None:
    """Refuse an input above the size cap before reading or parsing it."""
    if size > max_bytes:
        raise ReadError(f"too large: {size:,} bytes is above the cap of {max_bytes:,} (see --max-bytes)")


def sniff_binary(data: bytes) -> str | None:
    """What a binary input is ("a PDF document", ...) or None when it looks like text."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return what
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return "binary data"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, if any."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace").lower() if match else None


def decode(data: bytes, charset: str | None = None) -> tuple[str, list[str]]:
    """Decode bytes: BOM, then the declared charset, then UTF-8; else UTF-8 with replacement and a warning.

    >>> decode("café".encode("utf-8"))
    ('café', [])
    >>> decode(b"caf\\xe9")[1]
    ['invalid UTF-8: undecodable bytes were replaced with U+FFFD']
    """
    if not data.strip():
        raise ReadError("empty input")
    what = sniff_binary(data)
    if what:
        raise ReadError(f"not text: looks like {what}")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), []
    for codec in (charset, "utf-8"):
        if not codec:
            continue
        try:
            return data.decode(codec), []
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace"), [
        "invalid UTF-8: undecodable bytes were replaced with U+FFFD"
    ]
