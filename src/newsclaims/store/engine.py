"""Opening a database: the URL, the engine with safe SQLite settings, migrations run on open, clear errors.

An old database is upgraded by the Alembic revisions shipped in `newsclaims/store/migrations/`, never rebuilt.
"""

from __future__ import annotations

import os
import sqlite3
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

DEFAULT_URL = "sqlite:///newsclaims.db"
ENV_VAR = "NEWSCLAIMS_DB"
TIMEOUT_VAR = "NEWSCLAIMS_DB_TIMEOUT"


def busy_timeout_ms() -> int:
    """How long to wait for a database locked by another writer: `$NEWSCLAIMS_DB_TIMEOUT` seconds, else 10."""
    try:
        return int(float(os.environ.get(TIMEOUT_VAR, "10")) * 1000)
    except ValueError:
        return 10_000


class StoreError(RuntimeError):
    """A database problem explained for people: read-only, locked, unreachable, newer than this newsclaims."""


def database_url(url: str | None = None) -> str:
    """The URL to use: the one given, else `$NEWSCLAIMS_DB`, else `sqlite:///newsclaims.db`.

    A bare path is taken as an SQLite file, and `postgres://` as `postgresql+psycopg://`.

    >>> database_url("corpus.db")
    'sqlite:///corpus.db'
    """
    url = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in url:
        return f"sqlite:///{url}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    cursor.execute("PRAGMA foreign_keys = ON")
    # 64 MB of page cache (the default is 2 MB): the unique and LSH indexes take keys in random order, and a
    # large corpus would otherwise read its index pages back from the OS on every insert.
    cursor.execute("PRAGMA cache_size = -65536")
    # Memory-mapped reads: index pages that do not fit the cache come from the OS page cache without a
    # read() call each, so the cost of an insert does not grow with the size of the file.
    cursor.execute("PRAGMA mmap_size = 4294967296")
    try:
        # WAL: readers never block the ingest, and a commit needs no fsync of the whole file; a killed
        # process loses only its open transaction.
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.OperationalError:
        pass  # a read-only database keeps its journal mode; reading still works
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for `url` (already resolved by `database_url`)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database
        if path and path != ":memory:" and not path.startswith("file:"):
            folder = Path(path).expanduser().resolve().parent
            if not folder.is_dir():
                raise StoreError(f"{path}: folder {folder} does not exist")
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        try:
            return create_engine(url, pool_pre_ping=True)
        except ModuleNotFoundError as err:
            raise StoreError(
                f"PostgreSQL needs a driver: pip install 'newsclaims[postgres]' ({err.name} is missing)"
            ) from err
    return create_engine(url)


def migrations_config():
    """The Alembic configuration of the migrations shipped in the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("newsclaims.store") / "migrations"))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(migrations_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Upgrade the database to the newest revision (create it when empty); nothing to do when current."""
    from alembic import command

    current, head = current_revision(engine), head_revision()
    if current == head:
        return  # no write needed: a read-only database at the current revision opens fine
    from alembic.script import ScriptDirectory

    known = {rev.revision for rev in ScriptDirectory.from_config(migrations_config()).walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(
            f"the database is at revision {current}, newer than this newsclaims knows ({head}): upgrade newsclaims"
        )
    config = migrations_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def explain(err: BaseException, url: str) -> StoreError:
    """A StoreError with a message a person can act on, for a database error from SQLAlchemy or the driver."""
    where = make_url(url).render_as_string(hide_password=True)
    message = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
    low = message.lower()
    if "readonly" in low or "read-only" in low or "read only" in low:
        return StoreError(
            f"{where}: the database is read-only (check the file's and its folder's permissions)"
        )
    if "locked" in low or "busy" in low:
        return StoreError(
            f"{where}: the database is locked by another process (waited {busy_timeout_ms() / 1000:g} s); "
            "try again when it has finished"
        )
    if "unable to open" in low:
        path = make_url(url).database or ""
        if (
            path
            and os.path.exists(path)
            and not (os.access(path, os.W_OK) and os.access(Path(path).parent, os.W_OK))
        ):
            return StoreError(f"{where}: the database is read-only (the file or its folder is not writable)")
        return StoreError(f"{where}: cannot open the database file ({message})")
    if isinstance(err, OperationalError | DBAPIError) and "connect" in low:
        return StoreError(f"{where}: cannot connect ({message})")
    return StoreError(f"{where}: {message}")
