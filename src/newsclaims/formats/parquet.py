"""Parquet: the same flat tables as the CSV export, typed and compressed (needs `newsclaims[parquet]`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from newsclaims.analysis import Analysis
from newsclaims.formats.csv import columns, table_rows
from newsclaims.pipeline import Failure

BATCH_ROWS = 10_000
_INTS = {"start", "end", "idx", "n_mentions", "geonames_id", "chars"}
_INTS |= {"entities", "statements", "places", "times", "quantities", "events"}
_FLOATS = {"lat", "lon", "score", "value", "value_high", "fatalities"}
_BOOLS = {"literal"}


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ModuleNotFoundError as err:
        raise RuntimeError("the parquet format needs pyarrow: pip install 'newsclaims[parquet]'") from err
    return pyarrow, pyarrow.parquet


def schema(table: str):
    """The Arrow schema of a table: integers, floats and booleans typed, everything else a string."""
    pa, _ = _pyarrow()

    def kind(name: str):
        if name in _INTS:
            return pa.int64()
        if name in _FLOATS:
            return pa.float64()
        if name in _BOOLS:
            return pa.bool_()
        return pa.string()

    return pa.schema([pa.field(name, kind(name)) for name in columns(table)])


def write_parquet(items: Iterable[Analysis | Failure], out: IO[Any], table: str = "statements") -> None:
    """Write one table as Parquet to a binary file (a text stream's `.buffer` is used when given one)."""
    pa, pq = _pyarrow()
    sink = getattr(out, "buffer", out)
    types = schema(table)
    names = types.names
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(sink, types) as writer:
        for row in table_rows(items, table):
            # Quantity values may be numbers given as strings elsewhere: keep the column one type.
            batch.append({n: _coerce(n, row.get(n)) for n in names})
            if len(batch) >= BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=types))
                batch.clear()
        writer.write_table(pa.Table.from_pylist(batch, schema=types))


def _coerce(name: str, value: Any) -> Any:
    if value is None:
        return None
    try:
        if name in _INTS:
            return int(value)
        if name in _FLOATS:
            return float(value)
    except (TypeError, ValueError):
        return None
    if name in _BOOLS:
        return bool(value)
    return value if isinstance(value, str) else str(value)
