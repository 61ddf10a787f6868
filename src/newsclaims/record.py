"""A small base for the typed records of the schema: to and from plain JSON-able dicts.

Every item of an Analysis (an entity, a statement, a place, ...) is a dataclass deriving from `Record`, so
each extractor module can declare its own result type next to the code that makes it, and the Analysis can
still be written to JSON and read back without a hand-written converter per type.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, Self

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


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(hint: Any, value: Any) -> Any:
    """Rebuild a value of type `hint` from its plain JSON form."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(hint):
            if arg is type(None):
                continue
            try:
                return _build(arg, value)
            except (TypeError, ValueError, KeyError):
                continue
        return value
    if origin is list:
        (arg,) = typing.get_args(hint) or (Any,)
        return [_build(arg, v) for v in value]
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], v) for v in value)
        if not isinstance(value, (list, tuple)):
            raise TypeError(f"expected a list for {hint}, got {type(value).__name__}")
        return tuple(_build(a, v) for a, v in zip(args, value, strict=False))
    if isinstance(hint, type) and issubclass(hint, Record):
        if not isinstance(value, dict):
            raise TypeError(f"expected an object for {hint.__name__}")
        return hint.from_dict(value)
    return value


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
        hints = _hints(cls)
        known = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: _build(hints[k], v) for k, v in data.items() if k in known}
        return cls(**kwargs)
