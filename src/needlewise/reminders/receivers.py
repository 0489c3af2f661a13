"""What reminders does when a lower app tells it something changed (`needlewise.events`).

Connected in `RemindersConfig.ready()`; each runs inside the sender's transaction."""

from __future__ import annotations

from typing import Any

from needlewise.accounts.models import User
from needlewise.devices.advice import head_replacement_on
from needlewise.devices.models import OwnedDevice
from needlewise.devices.queries import devices_for
from needlewise.reminders.models import Kind
from needlewise.reminders.services import (
    cancel_answered_late,
    cancel_for,
    replan,
    schedule_after_session,
    schedule_head_replacement,
    schedule_recheck,
)
from needlewise.suitability.models import SuitabilityCheck
from needlewise.treatments.models import TreatmentSession


def on_check_recorded(*, check: SuitabilityCheck, **_: Any) -> None:
    """A new check: its re-check date (or none) replaces the reminder of the older checks."""
    schedule_recheck(check)


def on_device_changed(*, device: OwnedDevice, **_: Any) -> None:
    """The head reminder follows the rule core's day for a roller; other kinds have none."""
    fresh = devices_for(device.user).get(pk=device.pk)
    when = head_replacement_on(fresh)
    if when is not None:
        schedule_head_replacement(fresh, when)
    elif fresh.kind != "roller":
        cancel_for(fresh.user, Kind.HEAD_REPLACEMENT, subject_id=str(fresh.pk))


def on_schedule_changed(*, user: User, **_: Any) -> None:
    """Plans, sessions, check-ins, grants or limits changed: every session day is re-planned,
    and the reminders of late check-ins just answered are cancelled."""
    replan(user)
    cancel_answered_late(user)


def on_session_finished(*, session: TreatmentSession, **_: Any) -> None:
    """Check-ins about 6 to 72 h after the session, the ends of its aftercare pauses, and its
    late check-ins at 21 and 56 days."""
    schedule_after_session(session)
