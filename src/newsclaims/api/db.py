"""The server's handle on the store: one `Store` per app, a short session per request."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection

from newsclaims.analysis import Analysis


class Database:
    """The store behind one app: sessions for the read endpoints, `add` for the ingest endpoint.

    `generation` counts writes made through this server, so caches of rendered pages know when to drop.
    """

    def __init__(self, url: str | None) -> None:
        from newsclaims.store import Store

        self.store = Store(url)
        self._version_lock = threading.Lock()
        self._watch = self._sqlite_watch()
        self.generation = 0
        self._write_lock = threading.Lock()

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for one request's reads; returned to the pool (never committed) at the end.

        A Core connection, not an ORM Session: the read queries select columns, never objects, and a
        Session's bookkeeping would double their cost.
        """
        with self.store.engine.connect() as connection:
            yield connection

    def add(self, analysis: Analysis) -> dict[str, Any]:
        """Store one analysis: `{"id", "status", "duplicate_of"}` (status `added`, `duplicate`, ...)."""
        with self._write_lock:
            result = self.store.add(analysis)
            self.generation += 1
        return {"id": result.article_id, "status": result.status, "duplicate_of": result.duplicate_of}

    def _sqlite_watch(self) -> sqlite3.Connection | None:
        """A connection of our own whose `PRAGMA data_version` changes when another process commits."""
        url = self.store.engine.url
        if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
            return None
        return sqlite3.connect(url.database, check_same_thread=False, isolation_level=None)

    def version(self) -> tuple[int, int | None]:
        """Changes whenever the stored data may have changed (for caches of rendered responses)."""
        if self._watch is None:
            return (self.generation, None)
        with self._version_lock:
            return (self.generation, self._watch.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
        close = getattr(self.store, "close", None)
        if close is not None:
            close()
