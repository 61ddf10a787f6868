"""What a running server is configured with: the database, the token, the limits."""

from __future__ import annotations

import dataclasses
import ipaddress
import os

TOKEN_ENV = "NEWSCLAIMS_TOKEN"
"""Environment variable read for the bearer token when `--token` is not given."""


@dataclasses.dataclass(frozen=True)
class ServeConfig:
    """Settings of one app instance (the CLI builds it from its options)."""

    db_url: str | None = None
    token: str | None = None
    allow_ingest: bool = False
    max_body_bytes: int = 2_000_000
    """Requests with a larger body are refused with 413 before they are read whole."""
    max_text_chars: int = 200_000
    """Longest article text the analyse and ingest endpoints accept."""
    max_ingest_articles: int = 100
    """Most articles one ingest request may carry."""
    allow_private_urls: bool = False
    """Let `POST /api/analyse {"url": ...}` fetch loopback and private addresses (off: no SSRF to the LAN)."""
    analyse_concurrency: int = 1
    """Analyses that may run at once; more wait up to `analyse_wait_s`, then get 503."""
    analyse_wait_s: float = 30.0
    threads: int = 4
    """Threads that run request handlers. Few: the handlers are short and hold the GIL, and 40 threads
    (the default) contending for it make the slowest requests many times slower than the median."""
    tune_gc: bool = False
    """Freeze what is loaded at start-up out of the garbage collector and run it less often: for a server
    process of its own (`newsclaims serve` sets it), not for an app embedded in another program."""
    cache_seconds: float = 10.0
    """How long a GET response may be served from memory (0: never); a change to the store drops it sooner."""
    cache_size: int = 2048
    """Most responses kept in memory."""


def is_loopback(host: str) -> bool:
    """True when binding to `host` exposes the server to this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost: assume it is reachable from outside


def token_from_env() -> str | None:
    return os.environ.get(TOKEN_ENV) or None
