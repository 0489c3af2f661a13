"""What a person's dates are in three places, read as she and her calendar app read them: the
plan page, the calendar feed (from the address the reminders page gives) and the pending
session-day reminders. Browser journeys compare the three."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from icalendar import Calendar

from needlewise.reminders.models import Reminder
from tests import people_dates


def plan_dates(page, plan_id: int) -> list[date]:
    page.goto(f"/plans/{plan_id}/")
    items = page.locator("section[aria-labelledby=schedule-heading] ol li").all_inner_texts()
    return [people_dates.read(t) for t in items]


def feed_dates(page, plan_id: int) -> list[date]:
    """The feed as a calendar app fetches it, from the address the settings page gives."""
    page.goto("/reminders/")
    address = page.get_by_test_id("calendar-url").input_value()
    response = page.request.get(urlsplit(address).path)
    assert response.status == 200
    calendar = Calendar.from_ical(response.body())
    prefix = f"session-day-{plan_id}-"
    return sorted(
        e["DTSTART"].dt for e in calendar.walk("VEVENT") if str(e["UID"]).startswith(prefix)
    )


def reminder_dates(plan_id: int) -> list[date]:
    pending = Reminder.objects.filter(
        kind="session_day", subject_id=str(plan_id), sent_at=None, cancelled_at=None
    )
    return sorted(date.fromisoformat(r.payload["date"]) for r in pending)
