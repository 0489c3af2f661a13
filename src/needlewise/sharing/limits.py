"""A person's limits from every professional with an active grant: the strictest wins.

A professional's needle cap may raise the home cap (to 1.0 mm at most, enforced by the rule
core); a raise only ever comes from a grant that sets a cap for that area."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.rules.limits import Limits
from needlewise.rules.vocab import AREAS
from needlewise.sharing.models import Grant, Scope
from needlewise.sharing.queries import active_grants_given, display_name


def _limit_grants(user: User, now: datetime) -> list[Grant]:
    if not user.is_authenticated:
        return []
    grants = active_grants_given(user, now).order_by("created_at", "id")
    return [g for g in grants if g.allows(Scope.SESSIONS_RECOVERY)]


def _avoid_categories(user: User, professionals: set[int]) -> frozenset[str]:
    from needlewise.products.models import AvoidEntry
    from needlewise.products.queries import avoid_entries_for

    rows = avoid_entries_for(user).filter(
        kind=AvoidEntry.Kind.CATEGORY, added_by_id__in=professionals
    )
    return frozenset(rows.values_list("value", flat=True))


def limits_for(user: User, now: datetime | None = None) -> Limits:
    """Every active grant's limits combined; no grant means no limits."""
    grants = _limit_grants(user, now or timezone.now())
    caps: dict[str, float] = {}
    interval: int | None = None
    for grant in grants:
        for area, mm in grant.needle_mm_by_area.items():
            if area in AREAS:
                caps[area] = min(float(mm), caps.get(area, float("inf")))
        if grant.min_interval_days is not None:
            interval = max(interval or 0, grant.min_interval_days)
    avoid = _avoid_categories(user, {g.professional_id for g in grants}) if grants else frozenset()
    return Limits(max_needle_mm_by_area=caps or None, min_interval_days=interval, avoid=avoid)


@dataclass(frozen=True)
class SetBy:
    """Who set which limits, in words, for the person's pages."""

    grant_id: int
    name: str
    profession: str
    verified: bool
    set_at: datetime | None
    lines: tuple[str, ...]


def describe(grant: Grant) -> tuple[str, ...]:
    from needlewise.rules.vocab import AREAS as AREA_CODES

    lines = [
        f"{area.replace('_', ' ').capitalize()}: needles up to {float(mm):g} mm"
        for area, mm in sorted(grant.needle_mm_by_area.items())
        if area in AREA_CODES
    ]
    if grant.min_interval_days is not None:
        lines.append(f"At least {grant.min_interval_days} days between sessions")
    return tuple(lines)


def set_by(user: User, now: datetime | None = None) -> list[SetBy]:
    """The professionals whose limits apply now, with what each set."""
    out = []
    for grant in _limit_grants(user, now or timezone.now()):
        lines = describe(grant) + _avoid_lines(user, grant.professional_id)
        if not lines:
            continue
        pro = getattr(grant.professional, "professional", None)
        out.append(
            SetBy(
                grant_id=grant.pk,
                name=display_name(grant.professional),
                profession=pro.profession if pro else "",
                verified=bool(pro and pro.verified),
                set_at=grant.limits_set_at,
                lines=lines,
            )
        )
    return out


def _avoid_lines(user: User, professional_id: int) -> tuple[str, ...]:
    from needlewise.products.queries import avoid_entries_for

    labels = avoid_entries_for(user).filter(added_by_id=professional_id)
    return tuple(f"Avoid {label}" for label in labels.values_list("label", flat=True))
