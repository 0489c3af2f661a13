"""Strict readers for JSON input: each failure names the field as a dotted path."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from datetime import UTC, date, datetime
from typing import Any

from needlewise.rules.errors import InputError

#: Bounds on the work one input may ask for (not medical numbers): the longest text read, e.g.
#: an ingredient list (a real one is a few thousand characters), a product's name, the longest
#: list of anything (sessions, check-ins, codes), and the most ingredients one label may name.
MAX_TEXT = 20_000
MAX_NAME = 200
MAX_ITEMS = 1_000
MAX_INGREDIENTS = 200


def obj(value: Any, path: str, allowed: Collection[str]) -> Mapping[str, Any]:
    """A JSON object with no fields outside `allowed`."""
    if not isinstance(value, Mapping):
        raise InputError(path or "input", "expected a JSON object")
    for key in value:
        if key not in allowed:
            raise InputError(_join(path, str(key)), "unknown field")
    return value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def need(data: Mapping[str, Any], key: str, path: str = "") -> Any:
    """A required field."""
    if key not in data:
        raise InputError(_join(path, key), "is required")
    return data[key]


def lst(value: Any, path: str, most: int = MAX_ITEMS) -> list[Any]:
    """A JSON array of at most `most` items."""
    if not isinstance(value, list):
        raise InputError(path, "expected a list")
    if len(value) > most:
        raise InputError(path, f"has {len(value):,} items; at most {most:,} are read at a time")
    return value


def text(value: Any, path: str, most: int = MAX_TEXT) -> str:
    """A string of at most `most` characters."""
    if not isinstance(value, str):
        raise InputError(path, "expected a string")
    if len(value) > most:
        raise InputError(path, too_long(len(value), most))
    return value


def too_long(length: int, most: int) -> str:
    """The words for a text over its cap (the page forms say it the same way)."""
    return f"is {length:,} characters long; at most {most:,} characters are read"


def integer(value: Any, path: str, lo: int, hi: int | None = None) -> int:
    """An integer in [lo, hi]."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(path, "expected a whole number")
    if value < lo or (hi is not None and value > hi):
        raise InputError(path, f"must be {lo}-{hi}" if hi is not None else f"must be {lo} or more")
    return value


def number(value: Any, path: str, lo: float, hi: float | None = None) -> float:
    """A finite number in [lo, hi]."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError(path, "expected a number")
    if value < lo or (hi is not None and value > hi):
        bounds = f"{lo:g}-{hi:g}" if hi is not None else f"{lo:g} or more"
        raise InputError(path, f"must be {bounds}")
    return float(value)


def boolean(value: Any, path: str) -> bool:
    """true or false."""
    if not isinstance(value, bool):
        raise InputError(path, "expected true or false")
    return value


def code(value: Any, path: str, vocab: Collection[str]) -> str:
    """A known code from a vocabulary."""
    if not isinstance(value, str):
        raise InputError(path, "expected a code (string)")
    if value not in vocab:
        raise InputError(path, f"unknown code {value!r}")
    return value


def codes(value: Any, path: str, vocab: Collection[str]) -> tuple[str, ...]:
    """A list of known codes."""
    return tuple(code(v, f"{path}[{i}]", vocab) for i, v in enumerate(lst(value, path)))


def iso_date(value: Any, path: str) -> date:
    """An ISO 8601 date (YYYY-MM-DD)."""
    try:
        return date.fromisoformat(text(value, path))
    except ValueError as exc:
        raise InputError(path, "expected an ISO date (YYYY-MM-DD)") from exc


def iso_datetime(value: Any, path: str) -> datetime:
    """An ISO 8601 date-time; without an offset it is taken as UTC."""
    try:
        at = datetime.fromisoformat(text(value, path))
    except ValueError as exc:
        raise InputError(path, "expected an ISO date-time") from exc
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def maybe(data: Mapping[str, Any], key: str) -> Any:
    """An optional field: absent and null both read as None."""
    return data.get(key)
