"""A person's limits from every professional with an active grant: the strictest wins.

A professional's needle cap may raise the home cap (to 1.0 mm at most, enforced by the rule
core); a raise only ever comes from a grant that sets a cap for that area. `LimitSources` is
sharing's source for `needlewise.limits`, registered in `SharingConfig.ready()`: the apps below
read the effective limits there, never here."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from functools import cached_property

from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.limits import SetBy
from needlewise.people_words import count
from needlewise.rules import labels
from needlewise.rules.limits import Limits
from needlewise.rules.vocab import AREAS
from needlewise.sharing.models import Grant, Scope
from needlewise.sharing.queries import active, display_name


def _limit_grants(user: User, now: datetime) -> list[Grant]:
    """Active grants that may set limits, oldest first; without their professionals."""
    if not user.is_authenticated:
        return []
    grants = Grant.objects.filter(active(now), client=user).order_by("created_at", "id")
    return [g for g in grants if g.allows(Scope.SESSIONS_RECOVERY)]


class LimitSources:
    """Where a person's limits come from: the active grants that may set them, read first
    (one light query); the avoid-list entries their professionals added, and the
    professionals themselves, each read only when asked for (one query each)."""

    def __init__(self, user: User, grants: list[Grant]) -> None:
        self.user = user
        self.grants = grants

    @cached_property
    def avoid(self) -> list[tuple[int, str, str, str]]:
        """(added_by_id, kind, value, label) of the professionals' entries, in list order."""
        from needlewise.products.queries import avoid_entries_for

        if not self.grants:
            return []
        pros = {g.professional_id for g in self.grants}
        rows = avoid_entries_for(self.user).filter(added_by_id__in=pros)
        return list(rows.values_list("added_by_id", "kind", "value", "label"))

    @cached_property
    def session_limits(self) -> Limits:
        """The needle caps and the minimum interval: all the session rules (needle lengths,
        intervals) read of the limits, so the avoid-list is not read for them."""
        caps: dict[str, float] = {}
        interval: int | None = None
        for grant in self.grants:
            for area, mm in grant.needle_mm_by_area.items():
                if area in AREAS:
                    caps[area] = min(float(mm), caps.get(area, float("inf")))
            if grant.min_interval_days is not None:
                interval = max(interval or 0, grant.min_interval_days)
        return Limits(max_needle_mm_by_area=caps or None, min_interval_days=interval)

    @property
    def limits(self) -> Limits:
        """Every active grant's limits combined, avoided categories too; no grant, no limits."""
        from needlewise.products.models import AvoidEntry

        avoid = frozenset(v for _, kind, v, _ in self.avoid if kind == AvoidEntry.Kind.CATEGORY)
        return replace(self.session_limits, avoid=avoid)

    def avoid_lines(self, professional_id: int) -> tuple[str, ...]:
        return tuple(f"Avoid {label}" for by, _, _, label in self.avoid if by == professional_id)

    @cached_property
    def professionals(self) -> dict[int, User]:
        """The grants' professionals with their profiles, by id."""
        ids = {g.professional_id for g in self.grants}
        users = User.objects.filter(pk__in=ids).select_related("profile", "professional")
        return {u.pk: u for u in users}

    @property
    def holds_until(self) -> datetime | None:
        """When the limits may change by themselves: the first of their grants to expire."""
        return min((g.expires_at for g in self.grants), default=None)

    def read_all(self) -> None:
        if self.grants:
            self.avoid, self.professionals  # noqa: B018  (cached properties: read them now)

    def _set_by(self, grant: Grant, lines: tuple[str, ...]) -> SetBy:
        professional = self.professionals[grant.professional_id]
        pro = getattr(professional, "professional", None)
        return SetBy(
            grant_id=grant.pk,
            name=display_name(professional),
            profession=pro.profession if pro else "",
            verified=bool(pro and pro.verified),
            set_at=grant.limits_set_at,
            lines=lines,
        )

    def set_by(self) -> list[SetBy]:
        """The professionals whose limits apply now, with what each set."""
        out = []
        for grant in self.grants:
            lines = describe(grant) + self.avoid_lines(grant.professional_id)
            if lines:
                out.append(self._set_by(grant, lines))
        return out

    def cap_setters(self) -> dict[str, SetBy]:
        """Who set the strictest needle cap of each area (the older grant, on a tie)."""
        strictest: dict[str, tuple[float, Grant]] = {}
        for grant in self.grants:
            for area, mm in grant.needle_mm_by_area.items():
                if area in AREAS and float(mm) < strictest.get(area, (float("inf"), grant))[0]:
                    strictest[area] = (float(mm), grant)
        return {area: self._set_by(g, describe(g)) for area, (_, g) in strictest.items()}


def limit_sources(user: User, now: datetime | None = None) -> LimitSources:
    """Sharing's source of `user`'s limits (what `needlewise.limits` reads)."""
    return LimitSources(user, _limit_grants(user, now or timezone.now()))


def limits_for(user: User, now: datetime | None = None) -> Limits:
    """Every active grant's limits combined; no grant means no limits."""
    return limit_sources(user, now).limits


def describe(grant: Grant) -> tuple[str, ...]:
    lines = [
        f"{labels.label(area, 'area')}: needles up to {float(mm):g} mm"
        for area, mm in sorted(grant.needle_mm_by_area.items())
        if area in AREAS
    ]
    if grant.min_interval_days is not None:
        lines.append(f"At least {count(grant.min_interval_days, 'day')} between sessions")
    return tuple(lines)


def set_by(
    user: User, now: datetime | None = None, sources: LimitSources | None = None
) -> list[SetBy]:
    """The professionals whose limits apply now, with what each set (`sources`: anything with
    `set_by()`, such as `needlewise.limits.Sources`)."""
    sources = limit_sources(user, now) if sources is None else sources
    return sources.set_by()
