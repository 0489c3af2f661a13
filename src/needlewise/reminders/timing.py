"""When reminders fall: local times, quiet hours, and the moments after a session.

Pure functions of plain values; the check-in hours come from issue #5 and the aftercare windows
from the rule core (POLICY.md section 4), so nothing here decides a medical number."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby

from needlewise.recovery.late import due_on
from needlewise.rules.followup import late_days
from needlewise.treatments.aftercare import aftercare_windows


#: Check-ins after a session, in hours (issue #5, item 4).
def checkin_hours() -> tuple[int, ...]:
    """The fixed check-in slots after a session, as the recovery app asks for them."""
    from needlewise.recovery.queries import FIXED_HOURS  # recovery owns the schedule

    return tuple(FIXED_HOURS)


#: Session days and re-checks are reminded at this local time.
MORNING = time(9, 0)


def zone(name: str | None) -> zoneinfo.ZoneInfo:
    """The person's time zone, UTC when it is missing or unknown."""
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def local_morning(day: date, tz: zoneinfo.ZoneInfo) -> datetime:
    """09:00 on that day in the person's zone, as an aware UTC datetime."""
    return datetime.combine(day, MORNING, tzinfo=tz).astimezone(UTC)


def release_at(
    due_at: datetime, tz: zoneinfo.ZoneInfo, quiet_start: time, quiet_end: time
) -> datetime:
    """When a reminder due at `due_at` may go out: then, or at the end of the quiet hours it
    falls in (quiet hours may run over midnight; equal start and end means none)."""
    if quiet_start == quiet_end:
        return due_at
    local = due_at.astimezone(tz)
    at = local.time().replace(tzinfo=None)
    if quiet_start < quiet_end:
        inside, end_day = quiet_start <= at < quiet_end, local.date()
    else:
        inside = at >= quiet_start or at < quiet_end
        end_day = local.date() + timedelta(days=1) if at >= quiet_start else local.date()
    if not inside:
        return due_at
    return datetime.combine(end_day, quiet_end, tzinfo=tz).astimezone(UTC)


def late_checkins(done_at: datetime, tz: zoneinfo.ZoneInfo) -> list[tuple[int, datetime]]:
    """(day, when) for each late check-in of a session (POLICY.md section 8): 09:00 local on
    the day it opens (`needlewise.recovery.late`), like session days."""
    return [(day, local_morning(due_on(done_at, day, tz), tz)) for day in late_days()]


@dataclass(frozen=True)
class Moment:
    """Something to remind of after a session: a check-in, or the end of avoid windows."""

    kind: str  # "checkin" or "window_end"
    at: datetime
    hours: int
    topics: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()

    @property
    def suffix(self) -> str:
        return f"{self.hours}h"


def after_session(done_at: datetime, needle_mm: float | None) -> list[Moment]:
    """Check-ins at 24, 48 and 72 h, and one moment per end time of the rule core's `avoid`
    windows: topics ending together (retinoids and acids at 7 days) make one reminder, not
    seven e-mails in the same minute. No needle length (no areas recorded): check-ins only."""
    out = [Moment("checkin", done_at + timedelta(hours=h), h) for h in checkin_hours()]
    if needle_mm is None:
        return out
    ends = [
        w for w in aftercare_windows(done_at, needle_mm) if w["level"] == "avoid" and w["until"]
    ]
    ends.sort(key=lambda w: w["until"])
    for until, group in groupby(ends, key=lambda w: w["until"]):
        windows = list(group)
        hours = round((until - done_at).total_seconds() / 3600)
        out.append(
            Moment(
                "window_end",
                until,
                hours,
                tuple(w["topic"] for w in windows),
                tuple(w["label"] for w in windows),
            )
        )
    return sorted(out, key=lambda m: (m.at, m.kind))
