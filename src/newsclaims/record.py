"""A small base for the typed records of the schema: to and from plain JSON-able dicts.

Every item of an Analysis (an entity, a statement, a place, ...) is a dataclass deriving from `Record`, so
each extractor module can declare its own result type next to the code that makes it, and the Analysis can
still be written to JSON and read back without a hand-written converter per type.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, Self, TypeVar

R = TypeVar("R", bound="Record")

Span = tuple[int, int]
"""`[start, end)` character offsets (Python `str` indices) into `article.text`."""


def to_plain(value: Any) -> Any:
    """Convert records, tuples and nested containers to JSON-able values."""
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


Converter = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _converter(hint: Any) -> Converter:
    """A function from the plain JSON value to a value of type `hint` (None stays None).

    Worked out once per field from the type hints, so reading thousands of stored analyses does not inspect
    types again for every value.
    """
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) != 1:
            return _identity  # a union of several types (a number or a range): kept as JSON gives it
        inner = _converter(args[0])
        return inner if inner is _identity else (lambda v: None if v is None else inner(v))
    if origin is list:
        (arg,) = typing.get_args(hint) or (Any,)
        inner = _converter(arg)
        if inner is _identity:
            return lambda v: None if v is None else list(v)
        return lambda v: None if v is None else [inner(x) for x in v]
    if origin is tuple:
        return lambda v: None if v is None else tuple(v)
    if isinstance(hint, type) and issubclass(hint, Record):
        return lambda v: None if v is None else record_builder(hint)(v)
    return _identity


@cache
def record_builder(cls: type[R]) -> Callable[[dict[str, Any]], R]:
    """A function from a plain dict to an instance of the record class `cls` (unknown keys ignored)."""
    hints = typing.get_type_hints(cls)
    converters = {f.name: _converter(hints[f.name]) for f in dataclasses.fields(cls)}

    def build(data: dict[str, Any]) -> R:
        if not isinstance(data, dict):
            raise TypeError(f"expected an object for {cls.__name__}, got {type(data).__name__}")
        return cls(**{k: converters[k](v) for k, v in data.items() if k in converters})

    return build


@dataclasses.dataclass
class Record:
    """Base of every schema record: `to_dict()` for JSON, `from_dict()` to read it back.

    >>> @dataclasses.dataclass
    ... class Point(Record):
    ...     span: Span
    ...     name: str
    >>> Point.from_dict({"span": [0, 5], "name": "Idlib"})
    Point(span=(0, 5), name='Idlib')
    """

    def to_dict(self) -> dict[str, Any]:
        return {f.name: to_plain(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        return record_builder(cls)(data)
