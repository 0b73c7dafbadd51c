"""A validated requirement set as plain JSON data, and back, without validating it again.

Every model, tuple, dict and date is written with an explicit tag, so that the set read
back is the same objects of the same types with the same fields marked as set. Reading
builds only the set-language models this program defines (by name, from those already
imported) through `model_construct`: a snapshot holds data, never anything that runs.
Anything the format does not know raises `SnapshotError`; the caller then loads the set
from its YAML as usual.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import cache
from typing import Any

from compliance.model.base import Strict

_PLAIN = (str, int, float, bool, type(None))


class SnapshotError(ValueError):
    """The value cannot be written, or the data read is not a snapshot this program wrote."""


def _name(model: type[Strict]) -> str:
    return f"{model.__module__}.{model.__qualname__}"


def _subclasses(model: type[Strict]) -> list[type[Strict]]:
    found = []
    for sub in model.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


@cache
def _models() -> dict[str, type[Strict]]:
    # Cached once the set language is imported; `load_requirement_set` imports all of it.
    return {_name(model): model for model in _subclasses(Strict)}


def _model(name: str) -> type[Strict]:
    model = _models().get(name)
    if model is None:
        _models.cache_clear()
        model = _models().get(name)
    if model is None:
        raise SnapshotError(f"unknown model {name}")
    return model


def dump(value: Any) -> Any:
    """`value` as JSON-ready data; raises `SnapshotError` for a value it cannot keep exactly."""
    kind = type(value)
    if kind in _PLAIN:
        if kind is float and not math.isfinite(value):
            raise SnapshotError("not a finite number")
        return value
    if isinstance(value, Strict):
        if value.__pydantic_extra__ or value.__pydantic_private__:
            raise SnapshotError(f"{kind.__name__} carries extra or private data")
        return {"$m": _name(kind), "v": {k: dump(v) for k, v in value.__dict__.items()},
                "s": sorted(value.model_fields_set)}
    if kind is tuple:
        return {"$t": [dump(item) for item in value]}
    if kind is list:
        return [dump(item) for item in value]
    if kind is dict:
        if not all(type(key) is str for key in value):
            raise SnapshotError("a mapping with keys that are not text")
        return {"$o": {key: dump(item) for key, item in value.items()}}
    if kind is dt.date:
        return {"$d": value.isoformat()}
    raise SnapshotError(f"cannot keep a {kind.__name__}")


def _construct(data: dict[str, Any]) -> Strict:
    model = _model(data["$m"])
    values = data["v"]
    fields_set = data["s"]
    if not isinstance(values, dict) or set(values) != set(model.__pydantic_fields__):
        raise SnapshotError(f"{data['$m']}: the fields differ from the model's")
    if not isinstance(fields_set, list) or not set(fields_set) <= set(values):
        raise SnapshotError(f"{data['$m']}: bad set fields")
    return model.model_construct(set(fields_set), **{k: load(v) for k, v in values.items()})


def load(data: Any) -> Any:
    """The value `dump` was given; raises `SnapshotError` on data it did not write."""
    kind = type(data)
    if kind in _PLAIN:
        return data
    if kind is list:
        return [load(item) for item in data]
    if kind is not dict or len(data) not in (1, 3):
        raise SnapshotError(f"unexpected {kind.__name__}")
    if "$m" in data:
        return _construct(data)
    tag, inner = next(iter(data.items()))
    if tag == "$t" and type(inner) is list:
        return tuple(load(item) for item in inner)
    if tag == "$o" and type(inner) is dict:
        return {key: load(item) for key, item in inner.items()}
    if tag == "$d" and type(inner) is str:
        return dt.date.fromisoformat(inner)
    raise SnapshotError(f"unknown tag {tag}")
