"""Rebuild records from JSON fast: one converter per field, worked out once per class from its type hints.

`Record.from_dict` inspects the type hints of every value it meets (about 10 µs a node); an article page needs
its Analysis on every request, so the server compiles a converter per record class instead. The result is
the same objects (`build(Analysis, data) == Analysis.from_dict(data)`, which the tests check).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from newsclaims.analysis import Analysis
from newsclaims.record import Record

R = TypeVar("R", bound=Record)
Converter = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _converter(hint: Any) -> Converter:
    """A function from the plain JSON value to the value of type `hint` (None stays None)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            inner = _converter(args[0])
            if inner is _identity:
                return _identity
            return lambda v: None if v is None else inner(v)
        return _identity  # a union of several types (a number or a range): kept as JSON gives it
    if origin is list:
        (arg,) = typing.get_args(hint) or (Any,)
        inner = _converter(arg)
        if inner is _identity:
            return lambda v: None if v is None else list(v)
        return lambda v: None if v is None else [inner(x) for x in v]
    if origin is tuple:
        return lambda v: None if v is None else tuple(v)
    if isinstance(hint, type) and issubclass(hint, Record):
        builder = record_builder(hint)
        return lambda v: None if v is None else builder(v)
    return _identity


@cache
def record_builder(cls: type[R]) -> Callable[[dict[str, Any]], R]:
    """A function from a plain dict to an instance of the record class `cls` (unknown keys ignored)."""
    hints = typing.get_type_hints(cls)
    converters = {f.name: _converter(hints[f.name]) for f in dataclasses.fields(cls)}

    def build(data: dict[str, Any]) -> R:
        return cls(**{k: converters[k](v) for k, v in data.items() if k in converters})

    return build


def analysis_from_stored(stored_json: str, text: str) -> Analysis:
    """The Analysis kept by the store (its JSON without the text, and the article text)."""
    data = json.loads(stored_json)
    data["article"]["text"] = text
    return record_builder(Analysis)(data)


def analysis_dict_from_stored(stored_json: str, text: str) -> dict[str, Any]:
    """The Analysis JSON (a dict) of a stored article, without building records: for the API."""
    data = json.loads(stored_json)
    data["article"]["text"] = text
    if data.get("schema") is not None:
        data = {"schema": data.pop("schema"), **data}
    return data
