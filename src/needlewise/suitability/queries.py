"""Reads of suitability checks, always scoped to the acting user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.rules.screening import lasts_past, remaining_after
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


def shown_reasons(check: SuitabilityCheck) -> list[dict[str, Any]]:
    """The stored reasons with their re-check dates as dates, so pages can write them out."""
    return [
        {**r, "recheck_on": date.fromisoformat(r["recheck_on"]) if r.get("recheck_on") else None}
        for r in check.reasons
    ]


@dataclass(frozen=True)
class AfterRecheck:
    """What still holds once the check's re-check date has passed (POLICY.md section 1):
    the milder verdict, until when (None: it does not lapse by itself), and its reasons."""

    on: date
    verdict: str
    until: date | None
    reasons: list[dict[str, Any]]


def after_recheck(check: SuitabilityCheck) -> AfterRecheck | None:
    """None when the check has no re-check date or nothing above `go` remains after it."""
    if check.recheck_on is None:
        return None
    reasons = shown_reasons(check)
    remaining = remaining_after(
        check.recheck_on, ((r["verdict"], r["recheck_on"]) for r in reasons)
    )
    if remaining is None:
        return None
    lasting = [r for r in reasons if lasts_past(check.recheck_on, r["verdict"], r["recheck_on"])]
    return AfterRecheck(check.recheck_on, remaining.verdict, remaining.until, lasting)
