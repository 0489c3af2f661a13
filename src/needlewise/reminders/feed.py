"""The private calendar feed (RFC 5545): planned sessions, check-ins (the late ones too) and
the ends of aftercare pauses, in the person's own time zone (with its VTIMEZONE), under stable
UIDs."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from needlewise.accounts.models import User
from needlewise.accounts.services import profile_for
from needlewise.recovery.queries import late_checkins
from needlewise.reminders import timing
from needlewise.reminders.emails import concern_label
from needlewise.treatments import schedule
from needlewise.treatments.models import Plan
from needlewise.treatments.queries import done_sessions, plans_for

#: Sessions done this recently still show their check-ins and pauses (a display choice).
HISTORY_DAYS = 30
EVENT_LENGTH = timedelta(minutes=15)


def _domain() -> str:
    return settings.PUBLIC_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]


def _event(uid: str, summary: str, start: Any, url: str, stamp: datetime, **extra: Any) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{_domain()}")
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", start)
    for name, value in extra.items():
        event.add(name, value)
    event.add("url", url)
    event.add("description", f"{summary}.\n{url}")
    event.add("transp", "TRANSPARENT")  # a reminder, not busy time
    return event


def _session_days(user: User, today: Any, stamp: datetime) -> list[Event]:
    """The active plans' dates, from the schedule the plan page and the reminders read."""
    out = []
    history = schedule.History(user)
    for plan in plans_for(user).filter(status=Plan.Status.ACTIVE):
        url = f"{settings.PUBLIC_URL}{reverse('treatments:plan', args=[plan.pk])}"
        summary = f"Microneedling session ({concern_label(plan.concern)})"
        for day in schedule.plan_schedule(user, plan, today, history).dates:
            uid = f"session-day-{plan.pk}-{day:%Y%m%d}"
            out.append(_event(uid, summary, day, url, stamp, dtend=day + timedelta(days=1)))
    return out


def _after_sessions(user: User, now: datetime, tz: Any, stamp: datetime) -> list[Event]:
    out = []
    for session in done_sessions(user).filter(done_at__gte=now - timedelta(days=HISTORY_DAYS)):
        url = f"{settings.PUBLIC_URL}{reverse('treatments:session', args=[session.key])}"
        deepest = max((float(r.needle_mm) for r in session.area_records.all()), default=None)
        for moment in timing.after_session(session.done_at, deepest):  # type: ignore[arg-type]
            if moment.kind == "checkin":
                summary = f"Look at your skin ({moment.hours} h after your session)"
            else:
                labels = ", ".join(moment.labels)
                summary = f"Aftercare pause over: {labels}"
            uid = f"{moment.kind}-{session.key}-{moment.suffix}"
            start = moment.at.astimezone(tz)
            out.append(_event(uid, summary, start, url, stamp, duration=EVENT_LENGTH))
    return out


def _late_checkins(user: User, now: datetime, tz: Any, stamp: datetime) -> list[Event]:
    """Every session's late check-ins still due or to come, at the reminder's 09:00 local: a
    later session cancels none of them."""
    out = []
    for item in late_checkins(user, now, tz):
        url = f"{settings.PUBLIC_URL}{reverse('recovery:late', args=[item.session_key, item.day])}"
        done = item.done_at.astimezone(tz)
        summary = (
            f"Late check-in, day {item.day} after your session of {done.day} {done:%b}"
            f" ({item.areas_in_words})"
        )
        start = timing.local_morning(item.opens_at.date(), tz).astimezone(tz)
        uid = f"late-checkin-{item.session_key}-{item.day}d"
        out.append(_event(uid, summary, start, url, stamp, duration=EVENT_LENGTH))
    return out


def feed_for(user: User, now: datetime) -> bytes:
    tz = timing.zone(profile_for(user).time_zone)
    stamp = now.replace(second=0, microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//Needlewise//Reminders//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Needlewise")
    cal.add("x-wr-timezone", tz.key)
    cal.add("x-published-ttl", "PT1H")
    for event in _session_days(user, now.astimezone(tz).date(), stamp):
        cal.add_component(event)
    for event in _after_sessions(user, now, tz, stamp):
        cal.add_component(event)
    for event in _late_checkins(user, now, tz, stamp):
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
