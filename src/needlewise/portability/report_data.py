"""What goes into a person's report for a date range, read through the owner-scoped queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.accounts.services import profile_for
from needlewise.products.queries import safe_now
from needlewise.recovery.queries import checkins_for, escalations_for
from needlewise.reminders.services import zone_for
from needlewise.suitability.queries import current_check, latest_check
from needlewise.treatments.queries import done_sessions, plans_for

LEVEL_WORDS = {
    "urgent": "URGENT: seek care today",
    "see_dermatologist": "See a dermatologist",
    "watch": "Watch",
    "normal": "Normal",
}


@dataclass(frozen=True)
class ReportData:
    user: User
    start: date
    end: date
    profile: Any
    check: Any
    check_is_current: bool
    plans: list[Any]
    sessions: list[Any]
    checkins: list[Any]
    escalations: list[Any]
    flagged: list[Any]
    generated_at: datetime


def _bounds(user: User, start: date, end: date) -> tuple[datetime, datetime]:
    """The range in the person's own time zone: from the start day's midnight to the day after
    the end day."""
    zone = zone_for(user)
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def gather(user: User, start: date, end: date) -> ReportData:
    since, until = _bounds(user, start, end)
    current = current_check(user)
    sessions = done_sessions(user).filter(done_at__gte=since, done_at__lt=until)
    checkins = checkins_for(user).filter(at__gte=since, at__lt=until).select_related("session")
    escalations = escalations_for(user).filter(opened_at__gte=since, opened_at__lt=until)
    flagged = [s for s in safe_now(user, timezone.now()) if s.level in ("avoid", "caution")]
    return ReportData(
        user=user,
        start=start,
        end=end,
        profile=profile_for(user),
        check=current or latest_check(user),
        check_is_current=current is not None,
        plans=list(plans_for(user)),
        sessions=list(sessions.order_by("done_at", "id")),
        checkins=list(checkins),
        escalations=list(escalations),
        flagged=flagged,
        generated_at=timezone.localtime(timezone.now(), zone_for(user)),
    )


def describe_chart(data: ReportData) -> str:
    """The chart in words, for everyone who cannot see it."""
    if not data.checkins:
        return "No check-ins in this period, so there is nothing to chart."
    redness = [c.redness for c in data.checkins]
    pain = [c.pain for c in data.checkins]
    red_flags = sum(c.level in ("urgent", "see_dermatologist") for c in data.checkins)
    text = (
        f"{len(data.checkins)} check-ins from {data.checkins[0].at:%-d %b %Y} to "
        f"{data.checkins[-1].at:%-d %b %Y}. Redness (0 to 3) ranged from {min(redness)} to "
        f"{max(redness)}, last {redness[-1]}; pain (0 to 10) from {min(pain)} to {max(pain)}, "
        f"last {pain[-1]}."
    )
    if red_flags:
        text += f" {red_flags} check-in(s) needed a professional's view."
    return text
