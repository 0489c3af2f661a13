"""Reads of suitability checks, always scoped to the acting user."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.suitability.models import SuitabilityCheck


def checks_for(user: User) -> QuerySet[SuitabilityCheck]:
    return SuitabilityCheck.objects.filter(user=user)


def latest_check(user: User) -> SuitabilityCheck | None:
    return checks_for(user).first()


def current_check(user: User) -> SuitabilityCheck | None:
    """The latest check if it is still current, else None (a new check is due)."""
    check = latest_check(user)
    return check if check is not None and check.is_current(timezone.localdate()) else None


def treatment_targets(user: User) -> list[tuple[str, str]]:
    """(concern, area) pairs the person wants to treat, from their latest check."""
    check = latest_check(user)
    if check is None:
        return []
    return [(concern, area) for concern in check.concerns for area in check.areas]
