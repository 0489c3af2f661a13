"""What reminders does when a lower app tells it something changed (`needlewise.events`).

Connected in `RemindersConfig.ready()`; each runs inside the sender's transaction."""

from __future__ import annotations

from typing import Any

from needlewise.devices.advice import head_replacement_on
from needlewise.devices.models import OwnedDevice
from needlewise.devices.queries import devices_for
from needlewise.reminders.models import Kind
from needlewise.reminders.services import cancel_for, schedule_head_replacement, schedule_recheck
from needlewise.suitability.models import SuitabilityCheck


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
