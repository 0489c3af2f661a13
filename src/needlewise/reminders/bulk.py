"""Many due reminders at once, for the worker's load test and `make bench`."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.reminders.models import Reminder
from needlewise.treatments.models import TreatmentSession


def due_checkins(user: User, session: TreatmentSession, count: int, prefix: str) -> None:
    """`count` urgent (quiet-hours-proof) check-in reminders about `session`, all due five
    minutes ago, keyed `<prefix>:<n>`."""
    due = timezone.now() - timedelta(minutes=5)
    Reminder.objects.bulk_create(
        (
            Reminder(
                user=user,
                kind="checkin",
                due_at=due,
                dedupe_key=f"{prefix}:{i}",
                subject_id=str(session.key),
                payload={"session": str(session.key), "hours": 24},
                urgent=True,
            )
            for i in range(count)
        ),
        batch_size=5000,
    )
