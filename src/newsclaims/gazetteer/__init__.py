"""The gazetteer: GeoNames-derived places (countries, divisions, populated places of 500+, continents, and any
GeoNames dumps a user adds), looked up by name in microseconds from a compact SQLite index.

>>> gaz = load()
>>> [e.country for e in gaz.lookup("Idlib")][:2]  # doctest: +SKIP
['SY', 'SY']
"""

from __future__ import annotations

import dataclasses
import math
import os
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path

from newsclaims.gazetteer.names import abbreviation_key, name_key
from newsclaims.gazetteer.store import ensure_index, index_path

__all__ = ["Entry", "Gazetteer", "distance_km", "index_path", "load", "name_key"]

_COLUMNS = "id, name, fclass, fcode, country, admin1_code, admin1, admin2, lat, lon, population"


@dataclasses.dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place; `kind` says how the looked-up name matched it (`name`, `alt`, `code`, `demonym`)."""

    id: int
    name: str
    fclass: str
    fcode: str
    country: str | None
    admin1_code: str | None
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    population: int
    kind: str = "name"

    @property
    def is_country(self) -> bool:
        return self.fcode.startswith("PCL") or self.fcode in ("TERR",)

    @property
    def admin_level(self) -> int | None:
        """1 or 2 for divisions, 0 for countries, None otherwise."""
        if self.is_country:
            return 0
        if self.fcode in ("ADM1", "ADM2"):
            return int(self.fcode[-1])
        return None


EARTH_RADIUS_KM = 6371.0088
"""The mean Earth radius (IUGG)."""


def distance_km(a: Entry | tuple[float, float], b: Entry | tuple[float, float]) -> float:
    """Great-circle distance in km between two entries or (lat, lon) points."""
    lat1, lon1 = (a.lat, a.lon) if isinstance(a, Entry) else a
    lat2, lon2 = (b.lat, b.lon) if isinstance(b, Entry) else b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


class Gazetteer:
    """Read-only access to the index; one SQLite connection per process and thread."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self.lookup = lru_cache(maxsize=100_000)(self._lookup)  # type: ignore[method-assign]
        self.country = lru_cache(maxsize=1024)(self._country)  # type: ignore[method-assign]

    def _con(self) -> sqlite3.Connection:
        # A connection must not cross a fork (the pipeline's worker processes): reopen per pid.
        con = getattr(self._local, "con", None)
        if con is None or self._local.pid != os.getpid():
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con, self._local.pid = con, os.getpid()
        return con

    def _lookup(self, name: str) -> tuple[Entry, ...]:
        """Entries whose name or alternate name has the key of `name`, most populous first."""
        key = name_key(name)
        if not key:
            return ()
        # "Calif." also finds the abbreviations stored with their dot (see names.abbreviation_key).
        marked = abbreviation_key(name)
        rows = self._con().execute(
            f"SELECT {', '.join('p.' + c for c in _COLUMNS.split(', '))}, n.kind FROM names n "
            "JOIN places p ON p.id = n.id WHERE n.key IN (?, ?) ORDER BY p.population DESC",
            (key, marked),
        )
        seen: set[int] = set()
        entries = []
        for row in rows:  # a place found by both keys once
            if row[0] not in seen:
                seen.add(row[0])
                entries.append(Entry(*row))
        return tuple(entries)

    def has(self, name: str) -> bool:
        """Whether any entry has this name (cheap: uses the lookup cache)."""
        return bool(self.lookup(name))

    def get(self, geonames_id: int) -> Entry | None:
        """The entry with this id."""
        row = self._con().execute(f"SELECT {_COLUMNS} FROM places WHERE id = ?", (geonames_id,)).fetchone()
        return Entry(*row) if row else None

    def _country(self, code: str) -> Entry | None:
        """The country entry of an ISO alpha-2 code."""
        row = (
            self._con()
            .execute(
                f"SELECT {_COLUMNS} FROM places WHERE country = ? AND fcode LIKE 'PCL%' "
                "ORDER BY population DESC LIMIT 1",
                (code,),
            )
            .fetchone()
        )
        return Entry(*row) if row else None

    def admin1(self, country: str, admin1_code: str) -> Entry | None:
        """The first-level division with this code in this country."""
        row = (
            self._con()
            .execute(
                f"SELECT {_COLUMNS} FROM places WHERE country = ? AND fcode = 'ADM1' AND admin1_code = ? LIMIT 1",
                (country, admin1_code),
            )
            .fetchone()
        )
        return Entry(*row) if row else None

    def info(self) -> dict[str, object]:
        """Counts and sources of the index, for `newsclaims gazetteer info`."""
        con = self._con()
        meta = dict(con.execute("SELECT key, value FROM meta"))
        by_class = dict(con.execute("SELECT fclass, COUNT(*) FROM places GROUP BY fclass"))
        return {
            "path": str(self.path),
            "version": meta.get("version"),
            "size_mb": round(self.path.stat().st_size / 2**20, 1),
            "places": sum(by_class.values()),
            "names": con.execute("SELECT COUNT(*) FROM names").fetchone()[0],
            "by_feature_class": by_class,
            "countries": con.execute("SELECT COUNT(*) FROM places WHERE fcode LIKE 'PCL%'").fetchone()[0],
            "divisions": dict(
                con.execute(
                    "SELECT fcode, COUNT(*) FROM places WHERE fcode IN ('ADM1','ADM2') GROUP BY fcode"
                )
            ),
            "dumps": [
                {"path": p, "rows": n} for p, n in con.execute("SELECT path, rows FROM dumps ORDER BY path")
            ],
        }


_loaded: dict[str, Gazetteer] = {}


def load(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer (built on first use), loaded once per process per path."""
    target = str(path) if path else str(ensure_index())
    if target not in _loaded:
        _loaded[target] = Gazetteer(target)
    return _loaded[target]


def reset() -> None:
    """Forget loaded gazetteers (after the index was changed, e.g. by `gazetteer add`)."""
    _loaded.clear()
