"""What was told to whom: for pages that say whether a mail went."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from needlewise.notifications.models import Notification
from needlewise.recovery.models import CheckIn, Escalation


@dataclass(frozen=True)
class AdviceMail:
    """The person's advice mail a result page may mention: queued by this check-in (`now`)
    or earlier for the same escalation, and when it went (None: not yet, it is retried)."""

    now: bool
    sent_at: datetime | None


def advice_mail(checkin: CheckIn, escalation: Escalation | None) -> AdviceMail | None:
    """The advice mail this check-in queued, else the last one sent for its open escalation,
    else None (the page then claims no mail)."""
    person = Notification.objects.filter(
        kind=Notification.Kind.ESCALATION, recipient_id=checkin.user_id, cancelled_at__isnull=True
    )
    mine = person.filter(checkin=checkin).order_by("-created_at", "-id").first()
    if mine is not None:
        return AdviceMail(now=True, sent_at=mine.sent_at)
    if escalation is None or not escalation.is_open:
        return None
    earlier = (
        person.filter(escalation=escalation, sent_at__isnull=False).order_by("-sent_at").first()
    )
    if earlier is not None:
        return AdviceMail(now=False, sent_at=earlier.sent_at)
    if escalation.emailed_at is not None:  # sent before notifications kept rows
        return AdviceMail(now=False, sent_at=escalation.emailed_at)
    return None
