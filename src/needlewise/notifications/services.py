"""Queue and send notifications, each exactly once.

`escalation_raised` is called inside the check-in's transaction: it writes one row per
(escalation, level, recipient) (a unique key, so a second report at the same level adds none)
and sends them on commit. Each send first claims its row with a conditional UPDATE, so a retry
or a second worker never sends it twice; a failed send releases the claim and the worker
(`send_pending`) tries again."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.notifications import messages
from needlewise.notifications.models import Notification
from needlewise.recovery.models import CheckIn, Escalation
from needlewise.sharing.models import Grant, Scope
from needlewise.sharing.queries import active_grants_given

log = logging.getLogger(__name__)

#: A claim older than this (seconds) belongs to a sender that died: the row may be taken again.
CLAIM_TIMEOUT = 300


def followers(person: User, now: datetime) -> list[Grant]:
    """One active grant per professional who follows the person's recovery."""
    grants: dict[int, Grant] = {}
    for grant in active_grants_given(person, now).order_by("created_at", "id"):
        if grant.allows(Scope.SESSIONS_RECOVERY) and grant.professional_id != person.pk:
            grants.setdefault(grant.professional_id, grant)
    return list(grants.values())


def _key(escalation: Escalation, level: str, recipient: User) -> str:
    return f"escalation:{escalation.pk}:{level}:user:{recipient.pk}"


def escalation_raised(escalation: Escalation, checkin: CheckIn) -> list[Notification]:
    """Queue what the escalation's level calls for: its advice to the person, a notice to each
    professional who follows their recovery; each once per level. Returns the rows queued now
    (none when everyone was already told at this level)."""
    now = timezone.now()
    wanted: list[tuple[str, User, Grant | None]] = [
        (Notification.Kind.ESCALATION, escalation.user, None)
    ]
    wanted += [
        (Notification.Kind.RED_FLAG, g.professional, g) for g in followers(escalation.user, now)
    ]
    queued = []
    for kind, recipient, grant in wanted:
        row, created = Notification.objects.get_or_create(
            key=_key(escalation, escalation.level, recipient),
            defaults={
                "kind": kind,
                "recipient": recipient,
                "escalation": escalation,
                "checkin": checkin,
                "grant": grant,
                "level": escalation.level,
                "created_at": now,
            },
        )
        if created:
            queued.append(row)
    if queued:
        pks = [row.pk for row in queued]
        transaction.on_commit(lambda: [send(pk) for pk in pks])
    return queued


def on_escalation_raised(*, escalation: Escalation, checkin: CheckIn, **_: Any) -> None:
    """`events.escalation_raised`, sent by recovery inside the check-in's transaction."""
    escalation_raised(escalation, checkin)


def _claimable(now: datetime, timeout: int) -> Q:
    stale = now - timedelta(seconds=timeout)
    return Q(sent_at__isnull=True, cancelled_at__isnull=True) & (
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale)
    )


def _why_not(row: Notification, now: datetime) -> str:
    """Why a claimed row must not go out any more, or ''."""
    if not row.escalation.is_open:
        return "cancelled: the escalation was cleared before it went"
    grant: Any = row.grant
    if row.kind == Notification.Kind.RED_FLAG and (
        grant is None or not grant.is_active(now) or not grant.allows(Scope.SESSIONS_RECOVERY)
    ):
        return "cancelled: the professional no longer follows this person's recovery"
    return ""


def send(pk: int, timeout: int = CLAIM_TIMEOUT) -> bool:
    """Send one row if it is still due; True when it went now."""
    now = timezone.now()
    claimed = Notification.objects.filter(_claimable(now, timeout), pk=pk).update(
        claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    row = Notification.objects.select_related(
        "recipient", "recipient__profile", "escalation", "escalation__user__profile", "checkin",
        "grant",
    ).get(pk=pk)  # fmt: skip
    if note := _why_not(row, now):
        Notification.objects.filter(pk=pk).update(cancelled_at=now, note=note)
        return False
    try:
        messages.message_for(row).send(fail_silently=False)
    except Exception as error:  # SMTP refusals, timeouts, refused connections: retry later
        log.exception("notification %s (%s) failed; it will be retried", pk, row.kind)
        Notification.objects.filter(pk=pk).update(claimed_at=None, note=str(error)[:300])
        return False
    sent = timezone.now()
    Notification.objects.filter(pk=pk).update(sent_at=sent, note="")
    if row.kind == Notification.Kind.ESCALATION:
        Escalation.objects.filter(pk=row.escalation_id, emailed_at__isnull=True).update(
            emailed_at=sent
        )
    return True


def send_pending(timeout: int = CLAIM_TIMEOUT) -> int:
    """Send every row still due (for the worker): the count sent now."""
    pending = Notification.objects.filter(_claimable(timezone.now(), timeout))
    return sum(send(pk, timeout) for pk in pending.values_list("pk", flat=True))
