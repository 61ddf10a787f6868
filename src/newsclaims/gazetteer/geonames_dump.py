"""Reading GeoNames dump files that a user brings (`SY.txt`, `allCountries.txt`, `cities500.txt`, or their zips).

Format (tab-separated, no header): geonameid, name, asciiname, alternatenames (comma-separated), latitude,
longitude, feature class, feature code, country code, cc2, admin1 code, admin2 code, admin3 code, admin4 code,
population, elevation, dem, timezone, modification date.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from newsclaims.gazetteer.sources import PlaceRow

KEPT_CLASSES = frozenset("ALPHTSV")
"""Feature classes indexed: divisions, areas, places, water, terrain, spots (buildings, camps), vegetation.
Roads and railways (R) and undersea features (U) are left out."""


class DumpFormatError(ValueError):
    """A file that is not a GeoNames dump."""


def _lines(path: Path) -> Iterator[str]:
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if not members:
                raise DumpFormatError(f"{path}: no .txt dump inside the zip")
            for member in members:
                with archive.open(member) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8")
        return
    with path.open(encoding="utf-8") as handle:
        yield from handle


def read_dump(path: str | Path) -> Iterator[PlaceRow]:
    """Rows of a GeoNames dump file; raises DumpFormatError on the first line that is not one.

    Admin1 names are left empty here: the store fills them from the divisions it already holds.
    """
    path = Path(path)
    for number, line in enumerate(_lines(path), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 15:
            raise DumpFormatError(
                f"{path}:{number}: expected 19 tab-separated GeoNames columns, got {len(cols)}"
            )
        try:
            geonameid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
            population = int(cols[14] or 0)
        except ValueError as err:
            raise DumpFormatError(f"{path}:{number}: not a GeoNames row ({err})") from err
        fclass, fcode = cols[6], cols[7]
        if fclass not in KEPT_CLASSES:
            continue
        row = PlaceRow(
            id=geonameid,
            name=cols[1],
            fclass=fclass,
            fcode=fcode,
            country=cols[8] or None,
            admin1_code=cols[10] or None,
            admin1=None,
            admin2=None,
            lat=lat,
            lon=lon,
            population=population,
            source=f"geonames:{path.name}",
        )
        row.add_name(cols[1], "name")
        row.add_name(cols[2])
        for alt in cols[3].split(","):
            row.add_name(alt)
        yield row
