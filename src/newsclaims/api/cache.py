"""A micro-cache of whole GET responses: every analyst sees the same claims board, so render it once.

An entry is served while it is younger than `ttl` seconds and the store has not changed: a write through this
server bumps `Database.generation`, and for SQLite `PRAGMA data_version` also sees commits by other processes
(`newsclaims ingest` running beside the server), so a cached page is never staler than the database there.
For PostgreSQL the TTL alone bounds staleness.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 1 << 20
"""Responses larger than this are not kept."""


class ResponseCache:
    """ASGI middleware: cache 200 responses to GET requests (not /static, which has ETags) for `ttl` seconds."""

    def __init__(self, app: ASGIApp, ttl: float, size: int, version: Callable[[], Hashable]) -> None:
        self.app = app
        self.ttl = ttl
        self.size = size
        self.version = version
        self._entries: OrderedDict[tuple[str, bytes], tuple[float, Hashable, Message, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def _get(self, key: tuple[str, bytes], version: Hashable) -> tuple[Message, bytes] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            stored_at, stored_version, start, body = entry
            if stored_version != version or time.monotonic() - stored_at > self.ttl:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return start, body

    def _put(self, key: tuple[str, bytes], version: Hashable, start: Message, body: bytes) -> None:
        with self._lock:
            self._entries[key] = (time.monotonic(), version, start, body)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or self.ttl <= 0
            or scope["path"].startswith("/static/")
        ):
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        version = self.version()
        hit = self._get(key, version)
        if hit is not None:
            start, body = hit
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return

        start_message: Message | None = None
        chunks: list[bytes] = []
        cacheable = True

        async def capture(message: Message) -> None:
            nonlocal start_message, cacheable
            if message["type"] == "http.response.start":
                # A copy: middleware outside this one may change the message it is given.
                start_message = {**message, "headers": list(message.get("headers", []))}
                cacheable = message["status"] == 200
            elif message["type"] == "http.response.body" and cacheable:
                chunks.append(message.get("body", b""))
                if sum(len(c) for c in chunks) > MAX_BODY:
                    cacheable = False
                    chunks.clear()
            await send(message)

        await self.app(scope, receive, capture)
        if cacheable and start_message is not None:
            self._put(key, version, start_message, b"".join(chunks))
