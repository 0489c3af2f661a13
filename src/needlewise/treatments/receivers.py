"""What treatments does when a lower app tells it something changed (`needlewise.events`).

Connected in `TreatmentsConfig.ready()`; each runs inside the sender's transaction."""

from __future__ import annotations

from typing import Any

from needlewise.accounts.models import User
from needlewise.recovery.models import CheckIn, Escalation
from needlewise.treatments import services


def on_escalation_raised(
    *, escalation: Escalation, checkin: CheckIn, reason: str, **_: Any
) -> None:
    """A red flag: every active plan pauses, with the check-in's reason."""
    services.pause_plans(escalation.user, reason)


def on_escalation_cleared(*, user: User, **_: Any) -> None:
    """A professional has seen the person: the plans the escalation paused go on."""
    services.resume_paused_plans(user)
