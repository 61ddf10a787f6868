"""The gazetteer index: one SQLite file in the user cache directory, built once from the packaged data.

The file lives in `$NEWSCLAIMS_HOME` (default `~/.cache/newsclaims`) as `gazetteer-v<N>.sqlite`. The first
process that needs it builds it under a file lock (others wait, then open it); it is written to a temporary
file and moved into place, so a reader never sees half an index. GeoNames dumps that a user adds go into the
same file, and are re-added from their paths when a new gazetteer version is built.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsclaims.gazetteer.sources import PlaceRow, package_rows

VERSION = 8
"""Bumped whenever the schema or the build changes; an index of another version is rebuilt."""

BUILD_IN_SUBPROCESS = True
"""Build in a child process: reading the package data takes ~500 MB for a few seconds, which the process
that goes on to analyse articles should not keep."""

SCHEMA = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, fclass TEXT, fcode TEXT, country TEXT,
    admin1_code TEXT, admin1 TEXT, admin2 TEXT, lat REAL, lon REAL, population INTEGER, source TEXT
);
CREATE TABLE names (key TEXT NOT NULL, id INTEGER NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (key, id))
    WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE dumps (path TEXT PRIMARY KEY, added REAL, rows INTEGER);
"""


def home() -> Path:
    """The folder newsclaims keeps its caches in: `$NEWSCLAIMS_HOME` or `~/.cache/newsclaims`."""
    env = os.environ.get("NEWSCLAIMS_HOME")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "newsclaims"


def index_path() -> Path:
    """Where the gazetteer index is (or will be) stored: in `home()`, or in the temporary folder when
    that cannot be written (a read-only home, a locked-down container)."""
    folder = home()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        writable_home = os.access(folder, os.W_OK)
    except OSError:
        writable_home = False
    if not writable_home and not (folder / f"gazetteer-v{VERSION}.sqlite").exists():
        import tempfile

        folder = (
            Path(tempfile.gettempdir()) / f"newsclaims-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
        )
    return folder / f"gazetteer-v{VERSION}.sqlite"


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock across processes (POSIX `flock`; elsewhere a best-effort lock file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            import msvcrt

            while True:
                try:
                    msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
                    break
                except OSError:
                    time.sleep(0.2)
            try:
                yield
            finally:
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _is_complete(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
            row = con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            return row is not None and row[0] == str(VERSION)
    except sqlite3.Error:
        return False


def insert_rows(con: sqlite3.Connection, rows: Iterable[PlaceRow], replace: bool = True) -> int:
    """Write rows and their names; a row whose id is already there replaces it when `replace`."""
    verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
    count = 0
    batch: list[PlaceRow] = []

    def flush() -> None:
        con.executemany(
            f"{verb} INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    r.id,
                    r.name,
                    r.fclass,
                    r.fcode,
                    r.country,
                    r.admin1_code,
                    r.admin1,
                    r.admin2,
                    r.lat,
                    r.lon,
                    r.population,
                    r.source,
                )
                for r in batch
            ],
        )
        con.executemany(
            "INSERT OR IGNORE INTO names VALUES (?,?,?)",
            [(key, r.id, kind) for r in batch for key, kind in r.names.items()],
        )
        batch.clear()

    for row in rows:
        batch.append(row)
        count += 1
        if len(batch) >= 5000:
            flush()
    if batch:
        flush()
    return count


def _fill_admin1_names(con: sqlite3.Connection) -> None:
    """Give rows from dumps the name of their first-level division, from the divisions in the index."""
    con.execute(
        """UPDATE places SET admin1 = (
               SELECT d.name FROM places d
               WHERE d.fcode = 'ADM1' AND d.country = places.country AND d.admin1_code = places.admin1_code
               LIMIT 1)
           WHERE admin1 IS NULL AND admin1_code IS NOT NULL"""
    )


def add_dumps(con: sqlite3.Connection, paths: Iterable[str | Path]) -> dict[str, int]:
    """Load GeoNames dump files into an open index; returns rows added per file."""
    from newsclaims.gazetteer.geonames_dump import read_dump

    added = {}
    for path in paths:
        path = Path(path).resolve()
        count = insert_rows(con, read_dump(path), replace=True)
        con.execute("INSERT OR REPLACE INTO dumps VALUES (?,?,?)", (str(path), time.time(), count))
        added[str(path)] = count
    _fill_admin1_names(con)
    return added


def build(path: Path | None = None, dumps: Iterable[str | Path] = (), progress: bool = False) -> Path:
    """Build the index from the packaged data (plus any dumps) into `path`, atomically."""
    path = path or index_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    started = time.perf_counter()
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.executescript(SCHEMA)
        count = insert_rows(con, package_rows(), replace=False)
        kept = [p for p in dumps if Path(p).exists()]
        if kept:
            add_dumps(con, kept)
        con.execute("CREATE INDEX places_country ON places (country, fcode)")
        con.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [("version", str(VERSION)), ("built", str(time.time())), ("package_rows", str(count))],
        )
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()
    os.replace(tmp, path)
    if progress:
        print(f"newsclaims: gazetteer built in {time.perf_counter() - started:.1f}s: {path}", file=sys.stderr)
    return path


def _previous_dumps(folder: Path) -> list[str]:
    """Dump paths recorded in older index versions, so a rebuild keeps the user's data."""
    paths: list[str] = []
    for old in sorted(folder.glob("gazetteer-v*.sqlite")):
        try:
            with contextlib.closing(sqlite3.connect(f"file:{old}?mode=ro", uri=True)) as con:
                paths += [row[0] for row in con.execute("SELECT path FROM dumps")]
        except sqlite3.Error:
            continue
    return paths


def ensure_index(progress: bool = True) -> Path:
    """The path of a complete index of this version, building it first when there is none."""
    path = index_path()
    if _is_complete(path):
        return path
    with _file_lock(path.with_name(path.name + ".lock")):
        if not _is_complete(path):  # another process may have built it while we waited
            if progress:
                print("newsclaims: building the gazetteer index (once)...", file=sys.stderr)
            dumps = _previous_dumps(path.parent)
            if BUILD_IN_SUBPROCESS:
                _build_in_child(path, dumps, progress)
            else:
                build(path, dumps=dumps, progress=progress)
            for old in path.parent.glob("gazetteer-v*.sqlite*"):
                if not old.name.startswith(path.name):  # older versions: their dumps were re-added above
                    old.unlink(missing_ok=True)
    return path


def _build_in_child(path: Path, dumps: list[str], progress: bool) -> None:
    import subprocess

    code = "import sys; from newsclaims.gazetteer.store import main; main(sys.argv[1:])"
    command = [sys.executable, "-c", code, str(path), *dumps]
    if progress:
        command.append("--progress")
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=None if progress else subprocess.PIPE)
    if done.returncode != 0 or not _is_complete(path):
        detail = (
            (done.stderr or b"").decode(errors="replace").strip().splitlines()[-1:] if done.stderr else []
        )
        raise RuntimeError(f"building the gazetteer index failed (exit {done.returncode}) {' '.join(detail)}")


@contextlib.contextmanager
def writable(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    """A write connection to the index, under the build lock, committed on success."""
    path = path or ensure_index()
    with _file_lock(path.with_name(path.name + ".lock")):
        con = sqlite3.connect(path)
        try:
            yield con
            con.commit()
        finally:
            con.close()


def main(argv: list[str]) -> None:
    """Build an index at PATH with the given dumps (arguments: PATH [DUMP...] [--progress]); the child's entry."""
    progress = "--progress" in argv
    args = [a for a in argv if a != "--progress"]
    build(Path(args[0]), dumps=args[1:], progress=progress)
