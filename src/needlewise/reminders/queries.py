"""Reads of reminders, always scoped to the acting user, with plain words for each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.text import get_text_list

from needlewise.accounts.models import User
from needlewise.people_words import count
from needlewise.reminders.emails import concern_label
from needlewise.reminders.models import Reminder, ReminderSettings
from needlewise.reminders.worker import deliver_after


@dataclass(frozen=True)
class Upcoming:
    reminder: Reminder
    words: str
    deliver_at: datetime  # after quiet hours
    email: bool

    @property
    def delayed(self) -> bool:
        return self.deliver_at != self.reminder.due_at


def describe(reminder: Reminder) -> str:
    """What a reminder is about, in a few plain words."""
    p = reminder.payload
    words = {
        "session_day": lambda: f"Session day for your {concern_label(p.get('concern', ''))} plan",
        "checkin": lambda: (
            f"Look at your skin, {count(p.get('hours') or 0, 'hour')} after your session"
        ),
        "late_checkin": lambda: (
            f"Late check-in, {count(p.get('day') or 0, 'day')} after your session"
        ),
        "window_end": lambda: f"The pause on {get_text_list(p.get('labels', []), 'and')} ends",
        "head_replacement": lambda: f"Time for a new head on {p.get('name') or 'your roller'}",
        "recheck": lambda: "Time to check again that microneedling at home suits you",
    }
    found = words.get(reminder.kind)
    return found() if found else reminder.get_kind_display()


def upcoming_for(user: User, prefs: ReminderSettings, limit: int = 50) -> list[Upcoming]:
    """The person's reminders still to come, soonest first."""
    found = (
        Reminder.objects.filter(user=user, sent_at__isnull=True, cancelled_at__isnull=True)
        .select_related("user", "user__profile")
        .order_by("due_at", "id")[:limit]
    )
    return [Upcoming(r, describe(r), deliver_after(r, prefs), prefs.emails(r.kind)) for r in found]


def calendar_url(prefs: ReminderSettings) -> str:
    path = reverse("reminders:calendar_feed", args=[prefs.calendar_token])
    return f"{settings.PUBLIC_URL}{path}"
