"""What every generator shares: the options, fixed lookups, and one person's seeded state."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from needlewise.synthetic.options import DOMAIN, Options


def person_email(n: int) -> str:
    return f"person-{n:06d}@{DOMAIN}"


def pro_email(k: int) -> str:
    return f"pro-{k:04d}@{DOMAIN}"


T = TypeVar("T")
#: Constants and helpers for the hot paths: `timedelta(minutes=…)` and `randint` cost a few
#: microseconds each, which adds up to minutes over millions of rows.
MINUTE, HOUR, DAY = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)


def pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[int(rng.random() * len(items))]


def between(rng: random.Random, low: int, high: int) -> int:
    """A whole number from low to high, both included."""
    return low + int(rng.random() * (high - low + 1))


#: Persons per professional: person n is in professional ((n - 1) // 50 + 1)'s block.
BLOCK = 50


def block_of(n: int) -> int:
    return (n - 1) // BLOCK + 1


def rng_for(seed: int, kind: str, n: int) -> random.Random:
    """One generator per person (or professional): the same rows for the same seed, whether the
    person was made in the first run or in a later `--append`."""
    return random.Random(f"{seed}:{kind}:{n}")  # noqa: S311 (synthetic data, not secrets)


@dataclass(frozen=True)
class Pro:
    k: int
    user_id: int
    name: str
    profession: str


@dataclass
class World:
    options: Options
    rules_version: str
    password_hash: str
    #: Generic catalogue ids by device key ("roller25", "pen", …); None when not loaded.
    catalogue: dict[str, int | None]
    #: Professionals by block number.
    pros: dict[int, Pro] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.end = self.options.end  # read for every row: not a property


@dataclass
class Person:
    """One synthetic person and the facts the generators keep consistent across tables."""

    n: int
    user_id: int
    rng: random.Random
    name: str
    tz: ZoneInfo
    skin_type: int
    birth_date: date
    conditions: list[str]
    concerns: list[str]
    areas: list[str]
    joined: datetime
    #: How slowly this person's skin settles (1 = typical); each session varies around it.
    heal: float = 1.0
    pro: Pro | None = None
    granted_at: datetime | None = None
    last_seen: datetime | None = None

    @property
    def is_bench(self) -> bool:
        """person-000001: always the full history, an active plan, a shelf and a grant."""
        return self.n == 1

    def seen(self, at: datetime) -> None:
        if self.last_seen is None or at > self.last_seen:
            self.last_seen = at
