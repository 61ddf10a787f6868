"""Output formats: each writes a stream of analyses to a text stream, chosen by name (`--format`).

A writer takes the analyses in input order (Failures among them, in their place) and an open text file.
Formats are registered by name, so other modules (events: `acled-csv`, `geojson`; the store's export) add
theirs without touching the CLI.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module
from typing import TextIO

from newsclaims.analysis import Analysis
from newsclaims.pipeline import Failure

Writer = Callable[[Iterable[Analysis | Failure], TextIO], None]

# name -> "module:function"; loaded on first use so that `--help` stays fast.
_FORMATS: dict[str, str] = {
    "json": "newsclaims.formats.jsonl:write_json",
    "jsonl": "newsclaims.formats.jsonl:write_jsonl",
    "table": "newsclaims.formats.table:write_table",
    "acled-csv": "newsclaims.formats.acled:write_acled_csv",
    "geojson": "newsclaims.formats.geojson:write_geojson",
}


def register(name: str, target: str) -> None:
    """Register a writer by name, as `"package.module:function"`."""
    _FORMATS[name] = target


def available() -> list[str]:
    """Names of the formats whose module is installed."""
    names = []
    for name, target in _FORMATS.items():
        try:
            import_module(target.split(":")[0])
        except ModuleNotFoundError:
            continue
        names.append(name)
    return names


def writer(name: str) -> Writer:
    """The writer registered as `name`."""
    if name not in _FORMATS:
        raise KeyError(f"unknown format {name!r}; known: {', '.join(available())}")
    module, func = _FORMATS[name].split(":")
    return getattr(import_module(module), func)
