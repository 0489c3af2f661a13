"""A person's effective limits: the rule core's caps and intervals, tightened by every source of
limits above them (today: the active grants of their professionals). The strictest wins.

Treatments, products and sharing all read limits here, so none of them imports another for it.
This module imports no app: an app that sets limits registers a source in its
`AppConfig.ready()` (`register_source`), a function `(user, now) -> LimitSource`. Sharing does,
with its grants (`needlewise.sharing.limits`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from django.utils import timezone

from needlewise.people_words import person_date
from needlewise.rules import needles
from needlewise.rules.limits import Limits

if TYPE_CHECKING:
    from needlewise.accounts.models import User


@dataclass(frozen=True)
class SetBy:
    """Who set which limits, in words, for the person's pages."""

    grant_id: int
    name: str
    profession: str
    verified: bool
    set_at: datetime | None
    lines: tuple[str, ...]


class LimitSource(Protocol):
    """What one provider knows of a person's limits. Parts are read when first asked for."""

    @property
    def session_limits(self) -> Limits:
        """Needle caps and the minimum interval (no avoid-list: the session rules skip it)."""

    @property
    def limits(self) -> Limits:
        """Everything, avoided ingredient categories too."""

    @property
    def holds_until(self) -> datetime | None:
        """When these limits may change by themselves (a grant expires), if ever."""

    def set_by(self) -> list[SetBy]:
        """Who set what, for the person's pages."""

    def cap_setters(self) -> dict[str, SetBy]:
        """For each area with a needle cap, who set the strictest one."""

    def read_all(self) -> None:
        """Read every part now, so the source can be cached whole."""


Provider = Callable[["User", datetime], LimitSource]
_providers: list[Provider] = []


def register_source(provider: Provider) -> Provider:
    """Add a source of limits (once, however often an app's ready() runs)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def combine(parts: Iterable[Limits]) -> Limits:
    """The strictest of several limits: the lowest caps, the longest interval, every avoid."""
    caps: dict[str, float] = {}
    overall: float | None = None
    interval: int | None = None
    avoid: frozenset[str] = frozenset()
    for part in parts:
        for area, mm in (part.max_needle_mm_by_area or {}).items():
            caps[area] = min(float(mm), caps.get(area, float("inf")))
        if part.max_needle_mm is not None:
            overall = min(part.max_needle_mm, overall if overall is not None else float("inf"))
        if part.min_interval_days is not None:
            interval = max(interval or 0, part.min_interval_days)
        avoid |= part.avoid
    return Limits(caps or None, overall, interval, avoid)


@dataclass(frozen=True)
class Cap:
    """The longest needle allowed on an area now, and who set it (None: the rule core)."""

    area: str
    mm: float
    by: SetBy | None

    def words(self) -> str:
        """ "Dr Dee set a limit of 0.2 mm for your cheeks on 2 Dec", for messages."""
        area = self.area.replace("_", " ")
        if self.by is None:
            return f"The home limit for your {area} is {self.mm:g} mm"
        when = f" on {person_date(self.by.set_at)}" if self.by.set_at else ""
        return f"{self.by.name} set a limit of {self.mm:g} mm for your {area}{when}"


class Sources:
    """Every registered source for one person at one moment, combined. Picklable, so a
    `treatments.schedule.History` holding it can be cached whole."""

    def __init__(self, parts: list[LimitSource]) -> None:
        self.parts = parts

    @cached_property
    def session_limits(self) -> Limits:
        if len(self.parts) == 1:
            return self.parts[0].session_limits
        return combine(p.session_limits for p in self.parts)

    @property
    def limits(self) -> Limits:
        if len(self.parts) == 1:
            return self.parts[0].limits
        return combine(p.limits for p in self.parts)

    @property
    def holds_until(self) -> datetime | None:
        ends = [end for p in self.parts if (end := p.holds_until) is not None]
        return min(ends, default=None)

    def set_by(self) -> list[SetBy]:
        return [who for p in self.parts for who in p.set_by()]

    def read_all(self) -> Sources:
        for part in self.parts:
            part.read_all()
        return self

    def cap(self, area: str) -> Cap:
        """The needle cap on `area` now: the rule core's home cap, or the strictest
        professional's limit (which may raise it, never past the rule core's maximum)."""
        mm = needles.area_cap(area, self.session_limits)
        pro = self.session_limits.needle_cap(area)
        by = None
        if pro is not None and abs(pro - mm) < 1e-9:  # a professional's cap is what holds
            for part in self.parts:
                own = part.session_limits.needle_cap(area)
                if own is not None and abs(own - pro) < 1e-9:
                    by = part.cap_setters().get(area)
                    break
        return Cap(area, mm, by)


def sources(user: User, now: datetime | None = None) -> Sources:
    """Every source of `user`'s limits at `now` (default: now), each read lazily."""
    now = now or timezone.now()
    return Sources([provider(user, now) for provider in _providers])


def effective_limits(user: User, now: datetime | None = None) -> Limits:
    """The strictest of all active limits: needle caps per area, minimum interval, avoided
    categories. No source, no limits."""
    return sources(user, now).limits


def cap_for(user: User, area: str, now: datetime | None = None) -> Cap:
    """The longest needle `user` may use on `area` now, with who set it."""
    return sources(user, now).cap(area)
