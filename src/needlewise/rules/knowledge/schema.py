"""A tiny schema checker so broken knowledge files fail loudly, naming file and key path."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NoReturn, Protocol

from needlewise.rules.errors import KnowledgeError

GRADES = ("REG", "PEER", "MFR", "CLINIC", "WEB", "SEED")
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_CODE = re.compile(r"^[a-z0-9][a-z0-9_]*$")


@dataclass(frozen=True)
class Ctx:
    """Where we are: the file being checked and the known source ids."""

    file: str
    source_ids: frozenset[str] = frozenset()


def fail(ctx: Ctx, path: str, problem: str) -> NoReturn:
    """Raise a KnowledgeError for this file and key path."""
    raise KnowledgeError(ctx.file, path, problem)


def join(path: str, key: str | int) -> str:
    """Extend a dotted key path with a mapping key or list index."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Node(Protocol):
    """Anything that can check a YAML value."""

    def check(self, value: Any, path: str, ctx: Ctx) -> None: ...


@dataclass(frozen=True)
class Str:
    """A string, optionally null, optionally a slug id or code."""

    nullable: bool = False
    pattern: re.Pattern[str] | None = None

    def check(self, value: Any, path: str, ctx: Ctx) -> None:
        if value is None and self.nullable:
            return
        if not isinstance(value, str) or not value.strip():
            fail(ctx, path, f"expected a non-empty string, got {value!r}")
        if self.pattern is not None and not self.pattern.match(value):
            fail(ctx, path, f"{value!r} is not a valid id or code")


ID = Str(pattern=_ID)
CODE = Str(pattern=_CODE)


@dataclass(frozen=True)
class Num:
    """A number within [lo, hi]; integer-only when asked."""

    lo: float
    hi: float
    integer: bool = False
    nullable: bool = False

    def check(self, value: Any, path: str, ctx: Ctx) -> None:
        if value is None and self.nullable:
            return
        wrong = self.integer and not isinstance(value, int)
        if isinstance(value, bool) or not isinstance(value, int | float) or wrong:
            fail(ctx, path, f"expected {'an integer' if self.integer else 'a number'}")
        if not self.lo <= value <= self.hi:
            fail(ctx, path, f"{value} is out of range {self.lo}-{self.hi}")


@dataclass(frozen=True)
class Bool:
    """A boolean."""

    def check(self, value: Any, path: str, ctx: Ctx) -> None:
        if not isinstance(value, bool):
            fail(ctx, path, "expected true or false")


@dataclass(frozen=True)
class Choice:
    """One of a fixed set of strings (grades, verdicts, levels)."""

    choices: tuple[str, ...]

    def check(self, value: Any, path: str, ctx: Ctx) -> None:
        if value not in self.choices:
            fail(ctx, path, f"{value!r} is not one of {', '.join(self.choices)}")


GRADE = Choice(GRADES)


@dataclass(frozen=True)
class Sources:
    """A list of source ids that exist in sources.yaml."""

    allow_empty: bool = False

    def check(self, value: Any, path: str, ctx: Ctx) -> None:
        if not isinstance(value, list) or (not value and not self.allow_empty):
            fail(ctx, path, "expected a non-empty list of source ids")
        for i, sid in enumerate(value):
            if sid not in ctx.source_ids:
                fail(ctx, join(path, i), f"unknown source {sid!r}")


@dataclass(frozen=True)
class Template:
    """A message template whose {placeholders} are all known names."""

    allowed: frozenset[str]

    def check(self, value: Any, path: str, ctx: Ctx) -> None:
        Str().check(value, path, ctx)
        try:
            names = {f for _, f, _, _ in string.Formatter().parse(value) if f is not None}
        except ValueError as exc:
            fail(ctx, path, f"bad template: {exc}")
        unknown = names - self.allowed
        if unknown:
            fail(ctx, path, f"unknown placeholder(s) {sorted(unknown)}")


@dataclass(frozen=True)
class ListOf:
    """A list whose items all match one node."""

    item: Node
    min_len: int = 0

    def check(self, value: Any, path: str, ctx: Ctx) -> None:
        if not isinstance(value, list) or len(value) < self.min_len:
            fail(ctx, path, f"expected a list of at least {self.min_len} item(s)")
        for i, item in enumerate(value):
            self.item.check(item, join(path, i), ctx)


@dataclass(frozen=True)
class MapOf:
    """A mapping from code keys to values that all match one node."""

    value: Node
    min_len: int = 1

    def check(self, value: Any, path: str, ctx: Ctx) -> None:
        if not isinstance(value, dict) or len(value) < self.min_len:
            fail(ctx, path, "expected a non-empty mapping")
        for key, item in value.items():
            CODE.check(key, join(path, str(key)), ctx)
            self.value.check(item, join(path, key), ctx)


@dataclass(frozen=True)
class Record:
    """A mapping with known keys: unknown keys and missing required keys are errors."""

    fields: Mapping[str, Node]
    optional: frozenset[str] = field(default_factory=frozenset)

    def check(self, value: Any, path: str, ctx: Ctx) -> None:
        if not isinstance(value, dict):
            fail(ctx, path, "expected a mapping")
        for key in value:
            if key not in self.fields:
                fail(ctx, join(path, str(key)), "unknown key")
        for key, node in self.fields.items():
            if key in value:
                node.check(value[key], join(path, key), ctx)
            elif key not in self.optional:
                fail(ctx, join(path, key), "missing required key")


@dataclass(frozen=True)
class StrOr:
    """Either a plain string or a record (used for ingredient names)."""

    record: Record

    def check(self, value: Any, path: str, ctx: Ctx) -> None:
        if isinstance(value, dict):
            self.record.check(value, path, ctx)
        else:
            Str().check(value, path, ctx)


@dataclass(frozen=True)
class Pair:
    """A [lo, hi] range with lo <= hi inside bounds."""

    lo: float
    hi: float

    def check(self, value: Any, path: str, ctx: Ctx) -> None:
        if not isinstance(value, list) or len(value) != 2:
            fail(ctx, path, "expected [low, high]")
        for i, item in enumerate(value):
            Num(self.lo, self.hi).check(item, join(path, i), ctx)
        if value[0] > value[1]:
            fail(ctx, path, "low is above high")


def rule(fields: Mapping[str, Node], optional: frozenset[str] = frozenset()) -> Record:
    """A rule record: id, grade, sources and a message, plus its own thresholds."""
    base: dict[str, Node] = {"id": ID, "grade": GRADE, "sources": Sources(), "message": MESSAGE}
    return Record({**base, **fields}, optional)


PLACEHOLDERS = frozenset(
    {
        "label",
        "recheck_on",
        "procedure",
        "date",
        "skin_type",
        "mm",
        "target",
        "area",
        "concern",
        "lo",
        "hi",
        "days",
        "recovery_days",
        "extra_days",
        "until",
        "from",
        "ingredient",
        "hours",
        "remaining",
        "signs",
        "fever_c",
        "pain",
        "percent",
        "minutes",
        "uses",
        "status",
        "day",
        "areas",
    }
)
MESSAGE = Template(PLACEHOLDERS)
