"""The gazetteer: name keys, the packaged index, GeoNames dumps, the build lock, and the CLI."""

from __future__ import annotations

import sqlite3
import time

import pytest
from click.testing import CliRunner

from newsclaims import gazetteer as gaz
from newsclaims.gazetteer import Gazetteer, distance_km, load, name_key, store
from newsclaims.gazetteer.geonames_dump import DumpFormatError, read_dump
from newsclaims.gazetteer.sources import PlaceRow

# Two made-up GeoNames rows (the format of SY.txt): a hill and a village, written for these tests.
DUMP = (
    "9900001\tTall Zaytun\tTall Zaytun\tZaytun Hill,Tell Zaytoun\t35.40\t36.55\tT\tHLL\tSY\t\t10\t\t\t\t0\t\t310\t"
    "Asia/Damascus\t2020-01-01\n"
    "9900002\tKafr Nabudah Test\tKafr Nabudah Test\t\t35.45\t36.50\tP\tPPL\tSY\t\t10\t\t\t\t2500\t\t300\t"
    "Asia/Damascus\t2020-01-01\n"
    "9900003\tSome Road\tSome Road\t\t35.4\t36.5\tR\tRD\tSY\t\t10\t\t\t\t0\t\t300\tAsia/Damascus\t2020-01-01\n"
)


def test_name_key_folds_case_accents_hyphens_and_apostrophes() -> None:
    assert name_key("Deir ez-Zor") == name_key("DEIR EZ ZOR") == "deir ez zor"
    assert name_key("Ḩamāh") == "hamah"
    assert name_key("Ma'arrat al-Nu'man") == "maarrat al numan"


def test_distance_km() -> None:
    assert distance_km((0.0, 0.0), (0.0, 1.0)) == pytest.approx(111.2, abs=0.5)
    assert distance_km((35.0, 38.0), (35.0, 38.0)) == 0.0


def test_read_dump_keeps_places_and_terrain_not_roads(tmp_path) -> None:
    path = tmp_path / "SY.txt"
    path.write_text(DUMP, encoding="utf-8")
    rows = list(read_dump(path))
    assert [r.id for r in rows] == [9900001, 9900002]
    assert rows[0].fcode == "HLL" and rows[0].country == "SY"
    assert {"zaytun hill", "tell zaytoun", "tall zaytun"} <= set(rows[0].names)


def test_read_dump_rejects_other_files(tmp_path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some words\n", encoding="utf-8")
    with pytest.raises(DumpFormatError):
        list(read_dump(path))


def _tiny_rows():
    row = PlaceRow(9900010, "Testville", "P", "PPL", "SY", "10", "Hama", None, 35.1, 36.7, 5000, "test")
    row.add_name("Testville", "name")
    yield row


def test_index_is_built_once_under_lock_and_reused(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSCLAIMS_HOME", str(tmp_path))
    monkeypatch.setattr(store, "package_rows", _tiny_rows)
    monkeypatch.setattr(store, "BUILD_IN_SUBPROCESS", False)
    path = store.ensure_index(progress=False)
    assert path.parent == tmp_path and path.exists()
    built = path.stat().st_mtime_ns
    time.sleep(0.01)
    assert store.ensure_index(progress=False) == path
    assert path.stat().st_mtime_ns == built  # not rebuilt
    assert not list(tmp_path.glob("*.tmp"))  # written atomically
    entries = Gazetteer(path).lookup("testville")
    assert [e.id for e in entries] == [9900010]


def test_added_dump_takes_part_in_lookup_and_survives_a_rebuild(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSCLAIMS_HOME", str(tmp_path))
    monkeypatch.setattr(store, "package_rows", _tiny_rows)
    monkeypatch.setattr(store, "BUILD_IN_SUBPROCESS", False)
    dump = tmp_path / "SY.txt"
    dump.write_text(DUMP, encoding="utf-8")
    path = store.ensure_index(progress=False)
    with store.writable(path) as con:
        assert store.add_dumps(con, [dump]) == {str(dump.resolve()): 2}
    hill = Gazetteer(path).lookup("Zaytun Hill")
    assert [(e.id, e.fcode, e.admin1) for e in hill] == [(9900001, "HLL", None)]
    # A new index version re-adds the user's dumps from where they were.
    monkeypatch.setattr(store, "VERSION", store.VERSION + 1)
    new_path = store.ensure_index(progress=False)
    assert new_path != path
    assert [e.id for e in Gazetteer(new_path).lookup("Tell Zaytoun")] == [9900001]


def test_cli_add_info_and_lookup(tmp_path, monkeypatch) -> None:
    from newsclaims.cli import main

    monkeypatch.setenv("NEWSCLAIMS_HOME", str(tmp_path))
    monkeypatch.setattr(store, "package_rows", _tiny_rows)
    monkeypatch.setattr(store, "BUILD_IN_SUBPROCESS", False)
    gaz.reset()
    dump = tmp_path / "SY.txt"
    dump.write_text(DUMP, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["gazetteer", "add", str(dump)])
    assert result.exit_code == 0, result.output
    assert "added 2 places" in result.output
    result = runner.invoke(main, ["gazetteer", "lookup", "Tall Zaytun"])
    assert result.exit_code == 0 and '"fcode": "HLL"' in result.output
    result = runner.invoke(main, ["gazetteer", "info", "--json"])
    assert result.exit_code == 0 and '"places": 3' in result.output
    bad = tmp_path / "bad.txt"
    bad.write_text("not a dump\n", encoding="utf-8")
    result = runner.invoke(main, ["gazetteer", "add", str(bad)])
    assert result.exit_code == 1
    gaz.reset()


# The packaged index (built once per machine into the user cache; a few seconds the first time).


@pytest.fixture(scope="module")
def packaged() -> Gazetteer:
    return load()


def test_packaged_index_loads_fast_and_looks_up_in_microseconds(packaged) -> None:
    gaz.reset()
    started = time.perf_counter()
    fresh = load()
    assert time.perf_counter() - started < 1.0
    started = time.perf_counter()
    for _ in range(100):
        fresh._lookup("Aleppo")  # uncached
    assert (time.perf_counter() - started) / 100 < 0.005


def test_packaged_index_has_countries_divisions_places_and_demonyms(packaged) -> None:
    syria = packaged.lookup("Syria")[0]
    assert (syria.fcode, syria.country) == ("PCLI", "SY")
    assert any(e.fcode == "ADM1" and e.country == "SY" for e in packaged.lookup("Idlib"))
    assert any(e.fcode == "ADM1" and e.country == "SY" for e in packaged.lookup("Hama"))
    assert {e.country for e in packaged.lookup("Tripoli")} >= {"LY", "LB"}
    russian = packaged.lookup("Russian")
    assert russian and russian[0].country == "RU" and russian[0].kind == "demonym"
    assert packaged.lookup("Russians")[0].country == "RU"
    assert packaged.lookup("America")[0].country == "US"  # from "United States of America"
    assert any(e.fcode == "RGN" and e.id < 0 for e in packaged.lookup("Middle East"))


def test_capital_is_only_the_largest_namesake(packaged) -> None:
    capitals = [e for e in packaged.lookup("Washington") if e.fcode == "PPLC"]
    assert len(capitals) == 1 and capitals[0].admin1 == "District of Columbia"


def test_index_is_sqlite_with_a_version(packaged) -> None:
    with sqlite3.connect(packaged.path) as con:
        assert con.execute("SELECT value FROM meta WHERE key='version'").fetchone()[0] == str(store.VERSION)


def test_two_estimates_of_a_centre_give_their_midpoint_when_they_agree() -> None:
    from newsclaims.gazetteer.points import combine, midpoint

    assert combine((38.0, -97.0), (39.5, -97.5)) == pytest.approx((38.75, -97.25), abs=0.01)
    assert midpoint((0.0, 179.0), (0.0, -179.0)) == pytest.approx((0.0, 180.0))  # across the antimeridian
    assert combine(None, (10.0, 20.0)) == (10.0, 20.0)
    assert combine(None, None) is None


def test_disagreeing_estimates_keep_the_one_nearer_the_places_inside() -> None:
    from newsclaims.gazetteer.points import combine

    first, second = (0.0, 0.0), (30.0, 30.0)
    assert combine(first, second) == first  # no places to arbitrate: the first source
    assert combine(first, second, inside=(29.0, 28.0)) == second


def test_country_and_division_points_combine_two_sources(packaged) -> None:
    from newsclaims.gazetteer.points import iso3166_2_points, natural_earth_label_points

    labels, divisions = natural_earth_label_points(), iso3166_2_points()
    assert {"US", "FR", "NO", "SY"} <= labels.keys()  # France and Norway come from ISO_A2_EH
    assert "CA-AB" in divisions
    usa = next(e for e in packaged.lookup("United States") if e.fcode == "PCLI")
    # between the Factbook's point (38 N, 97 W) and Natural Earth's label point (39.5 N, 97.5 W)
    assert 38.0 < usa.lat < labels["US"][0] and -97.5 < usa.lon < -97.0
    north_west = next(e for e in packaged.lookup("North-West") if e.country == "ZA")
    assert distance_km((north_west.lat, north_west.lon), (-26.0, 25.5)) < 300  # in South Africa


def test_factbook_nationality_words_are_demonyms(packaged) -> None:
    from newsclaims.gazetteer.sources import _nationality_forms

    assert _nationality_forms("Dutchman(men), Dutchwoman(women)", "Dutch") == [
        "Dutchman",
        "Dutchmen",
        "Dutchwoman",
        "Dutchwomen",
        "Dutch",
    ]
    assert _nationality_forms("Lao(s) or Laotian(s)", "Lao") == ["Lao", "Laos", "Laotian", "Laotians"]
    assert _nationality_forms("Swati; note - former term, Swazi, still used", "Swazi") == ["Swati", "Swazi"]
    for word, country in (("Philippine", "PH"), ("Filipinos", "PH"), ("Korean", "KR"), ("Salvadoran", "SV")):
        entries = packaged.lookup(word)
        assert entries and entries[0].country == country and entries[0].kind == "demonym", word


def test_arabic_names_are_found_without_their_article(packaged) -> None:
    assert any(e.country == "SY" and e.fclass == "P" for e in packaged.lookup("Qamishli"))  # Al Qāmishlī
    assert any(e.country == "SY" for e in packaged.lookup("Raqqa"))  # Ar Raqqah
    assert not any(e.country == "US" and e.name == "Paso" for e in packaged.lookup("Paso"))  # not El Paso


def test_a_demonym_labelled_as_a_place_name_resolves_to_its_country(packaged) -> None:
    from newsclaims.gazetteer.resolve import Mention, resolve

    emirati, syria = resolve(packaged, [Mention("Emirati", label="GPE"), Mention("Syria", label="GPE")])
    assert emirati.entry is not None and emirati.entry.country == "AE"
    assert syria.entry is not None and syria.entry.kind == "name"


def test_abbreviations_with_a_dot_are_found_only_with_it(packaged) -> None:
    assert [e.name for e in packaged.lookup("Calif.")][:1] == ["California"]
    assert not any(e.name == "Massachusetts" for e in packaged.lookup("Mass"))
    assert any(e.name == "Massachusetts" for e in packaged.lookup("Mass."))
    assert any(e.name == "British Columbia" for e in packaged.lookup("BC"))  # no dot, no mark
    assert any(e.name == "New South Wales" for e in packaged.lookup("NSW"))


def test_alternate_names_in_capitals_are_codes(packaged) -> None:
    # Airport codes among the alternate names: "CAN" is Guangzhou's, and the word "Can" must not match it.
    guangzhou = [e for e in packaged.lookup("Can") if e.name == "Guangzhou"]
    assert guangzhou and all(e.kind == "code" for e in guangzhou)
    row = PlaceRow(1, "Springfield", "P", "PPL", "US", None, None, None, 0.0, 0.0, 0, "test")
    row.add_name("SPI")
    row.add_name("Springfeld")
    assert row.names == {"spi": "code", "springfeld": "alt"}


def test_a_country_named_after_two_lands_is_known_by_each(packaged) -> None:
    assert ("BA", "PCLI") in [(e.country, e.fcode) for e in packaged.lookup("Bosnia")]
    assert ("TT", "PCLI") in [(e.country, e.fcode) for e in packaged.lookup("Trinidad")]
    # a part that is the name of a place of the country stays that place only
    assert [(e.country, e.fcode) for e in packaged.lookup("Tobago") if e.country == "TT"] == [("TT", "ADM1")]


def test_name_parts_of_a_country() -> None:
    from newsclaims.gazetteer.sources import _name_parts

    assert _name_parts("Saint Vincent and the Grenadines") == ["Saint Vincent", "Grenadines"]
    assert _name_parts("Sierra Leone") == []


def test_a_mention_s_key_holds_every_field_so_mentions_that_differ_are_not_merged() -> None:
    import dataclasses

    from newsclaims.gazetteer.resolve import Mention, _key

    mention = Mention("Hama", "name", "northern", "GPE", "SY", 3)
    assert _key(mention) == dataclasses.astuple(mention)
