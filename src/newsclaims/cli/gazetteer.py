"""`newsclaims gazetteer`: build, inspect, extend and query the place index.

newsclaims gazetteer info                 # where the index is, what it holds
newsclaims gazetteer add SY.txt IQ.zip    # load GeoNames dump files (villages, hills, camps, ...)
newsclaims gazetteer lookup Tripoli       # the candidates of a name, most populous first
newsclaims gazetteer build [--force]      # (re)build the index from the installed packages
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.group()
def gazetteer() -> None:
    """The place gazetteer: GeoNames-derived, offline, in a SQLite index in $NEWSCLAIMS_HOME."""


@gazetteer.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def info(as_json: bool) -> None:
    """Where the index is and what it holds (building it first if needed)."""
    from newsclaims.gazetteer import load

    data = load().info()
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"index:     {data['path']} ({data['size_mb']} MB, version {data['version']})")
    click.echo(
        f"places:    {data['places']:,} ({data['countries']} countries, divisions {data['divisions']})"
    )
    click.echo(f"names:     {data['names']:,}")
    click.echo(f"by class:  {data['by_feature_class']}")
    for dump in data["dumps"]:
        click.echo(f"dump:      {dump['path']} ({dump['rows']:,} rows)")


@gazetteer.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
def add(files: tuple[Path, ...]) -> None:
    """Load GeoNames dump files (a country's `SY.txt`, `allCountries.txt`, or their .zip) into the index.

    Their places take part in resolution from then on; an entry with the same GeoNames id replaces the
    packaged one (so a dump also brings GeoNames' exact points for countries and divisions).
    """
    from newsclaims import gazetteer as gaz
    from newsclaims.gazetteer.geonames_dump import DumpFormatError
    from newsclaims.gazetteer.store import add_dumps, writable

    failed = False
    for path in files:
        try:
            with writable() as con:
                added = add_dumps(con, [path])
        except (DumpFormatError, UnicodeDecodeError, OSError) as err:
            click.echo(f"newsclaims: {path}: {err}", err=True)
            failed = True
            continue
        for name, rows in added.items():
            click.echo(f"added {rows:,} places from {name}")
    gaz.reset()
    if failed:
        sys.exit(1)


@gazetteer.command()
@click.argument("name")
@click.option("-n", "--limit", default=10, show_default=True, help="How many candidates to show.")
def lookup(name: str, limit: int) -> None:
    """The gazetteer entries a name may refer to, most populous first (one JSON object per line)."""
    from newsclaims.gazetteer import load

    entries = load().lookup(name)
    if not entries:
        click.echo(f"newsclaims: no gazetteer entry for {name!r}", err=True)
        sys.exit(1)
    for entry in entries[:limit]:
        click.echo(json.dumps({f: getattr(entry, f) for f in entry.__dataclass_fields__}, ensure_ascii=False))


@gazetteer.command()
@click.option("--force", is_flag=True, help="Rebuild even when a complete index exists.")
def build(force: bool) -> None:
    """Build the index from the installed packages (done automatically on first use)."""
    from newsclaims import gazetteer as gaz
    from newsclaims.gazetteer.store import _file_lock, _previous_dumps, ensure_index, index_path
    from newsclaims.gazetteer.store import build as build_index

    if force:
        path = index_path()
        with _file_lock(path.with_name(path.name + ".lock")):
            build_index(path, dumps=_previous_dumps(path.parent), progress=True)
    else:
        path = ensure_index(progress=True)
    gaz.reset()
    click.echo(str(path))
