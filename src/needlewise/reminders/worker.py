"""The reminder worker: claim due rows, commit the claim, send, record. See docs/reminders.md.

Exactly-once, as far as SMTP allows. On SQLite the guard is a conditional UPDATE per row (`claim`):
two workers cannot both claim a row. On PostgreSQL a page of due rows is locked with
`SELECT … FOR UPDATE SKIP LOCKED` and claimed in one short transaction (`claim_page`), so several
workers share the queue without queueing behind each other's locks. `sent_at` is written right
after the server accepts the message; the only duplicate window is a crash between those two
statements. A claim older than the timeout (a crash before the send) is retried. Must run in
autocommit (no surrounding transaction), so that each claim is committed before its e-mail goes
out."""

from __future__ import annotations

import logging
import time
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection as db
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from needlewise.reminders import emails, timing
from needlewise.reminders.models import Kind, Reminder, ReminderSettings
from needlewise.reminders.services import (
    ANSWERED,
    late_answered,
    replan_after_expiry,
    replan_new_day,
    still_planned,
)

log = logging.getLogger("needlewise.reminders")

CLAIM_TIMEOUT = 300  # seconds; far above EMAIL_TIMEOUT, so a live send is never reclaimed
BATCH = 50
#: A failed send is retried after 1, 2, 4 … minutes, at most an hour apart, never given up.
RETRY_FIRST, RETRY_MAX = 60, 3600


def _claimable(now: datetime, timeout: int) -> Q:
    stale = now - timedelta(seconds=timeout)
    return (
        Q(sent_at__isnull=True, cancelled_at__isnull=True, due_at__lte=now)
        & (Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
        & (Q(retry_at__isnull=True) | Q(retry_at__lte=now))
    )


def _due(now: datetime, timeout: int, after: tuple[datetime, int] | None) -> QuerySet[Reminder]:
    found = Reminder.objects.filter(_claimable(now, timeout))
    if after is not None:
        found = found.filter(Q(due_at__gt=after[0]) | Q(due_at=after[0], id__gt=after[1]))
    found = found.select_related("user", "user__profile", "user__reminder_settings")
    return found.order_by("due_at", "id")


def candidates(
    now: datetime,
    timeout: int = CLAIM_TIMEOUT,
    batch: int = BATCH,
    after: tuple[datetime, int] | None = None,
) -> list[Reminder]:
    """Due, unclaimed (or stale) rows in due order, after the keyset position `after`.
    A plain read: the claim, not this select, decides who sends."""
    return list(_due(now, timeout, after)[:batch])


def claim_page(
    timeout: int = CLAIM_TIMEOUT,
    batch: int = BATCH,
    after: tuple[datetime, int] | None = None,
) -> tuple[list[Reminder], list[Reminder], str]:
    """PostgreSQL: lock up to `batch` due rows that no other worker holds (FOR UPDATE SKIP
    LOCKED), claim those that may go out now, and commit. Returns (page read, rows claimed,
    token). Rows inside quiet hours are read but left unclaimed; the page moves the keyset on.

    A row another worker committed a claim on is not returned: PostgreSQL re-checks the WHERE
    clause on the row it locks, and its `claimed_at` is no longer stale."""
    token = uuid.uuid4().hex
    with transaction.atomic():
        now = timezone.now()
        locked = _due(now, timeout, after).select_for_update(skip_locked=True, of=("self",))
        page = list(locked[:batch])
        ready = [r for r in page if deliver_after(r, settings_of(r)) <= now]
        if ready:
            Reminder.objects.filter(pk__in=[r.pk for r in ready]).update(
                claimed_at=now, claim_token=token, attempts=F("attempts") + 1
            )
    return page, ready, token


def release(reminders: list[Reminder], token: str) -> None:
    """Give back claims this worker will not use (it is stopping, or running late)."""
    Reminder.objects.filter(
        pk__in=[r.pk for r in reminders], claim_token=token, sent_at__isnull=True
    ).update(claimed_at=None, claim_token="", attempts=F("attempts") - 1)


def claim(reminder_id: int, timeout: int = CLAIM_TIMEOUT) -> str | None:
    """Claim one row with a conditional UPDATE; the claim token when this caller won, else None.

    UPDATE … SET claimed_at = now, claim_token = T, attempts = attempts + 1 WHERE id = %s AND
    sent_at IS NULL AND cancelled_at IS NULL AND (claimed_at IS NULL OR claimed_at < now - t).
    `now` is read here, not passed in: a claim must carry the time it was really made."""
    now = timezone.now()
    token = uuid.uuid4().hex
    won = Reminder.objects.filter(_claimable(now, timeout), pk=reminder_id).update(
        claimed_at=now, claim_token=token, attempts=F("attempts") + 1
    )
    return token if won == 1 else None


def settings_of(reminder: Reminder) -> ReminderSettings:
    try:
        return reminder.user.reminder_settings
    except ReminderSettings.DoesNotExist:
        return ReminderSettings(user=reminder.user)  # the defaults, not saved


def deliver_after(reminder: Reminder, prefs: ReminderSettings) -> datetime:
    """When the reminder may go out: its due time, or the end of the quiet hours (urgent ones
    ignore quiet hours). In the person's time zone as it is now, at send time."""
    if reminder.urgent:
        return reminder.due_at
    profile = getattr(reminder.user, "profile", None)
    tz = timing.zone(profile.time_zone if profile else None)
    return timing.release_at(reminder.due_at, tz, prefs.quiet_start, prefs.quiet_end)


def _close_quietly(connection: BaseEmailBackend) -> None:
    try:
        connection.close()
    except Exception:  # a broken connection may fail to QUIT; the next send reopens it
        log.debug("closing the mail connection failed", exc_info=True)


def _finish(reminder: Reminder, token: str, *, note: str = "", cancel: bool = False) -> None:
    """Record the outcome right after the send: nothing may sit between the two."""
    at = timezone.now()
    done = {"cancelled_at": at} if cancel else {"sent_at": at}
    pending = Reminder.objects.filter(pk=reminder.pk, sent_at__isnull=True)
    fields = {"note": note[:200], "last_error": "", "retry_at": None, **done}
    if pending.filter(claim_token=token).update(**fields):
        return
    if pending.update(**fields):  # still recorded, but another worker may be sending it too
        log.warning("reminder %s: the claim timed out while sending", reminder.pk)


def _fail(reminder: Reminder, token: str, error: Exception) -> None:
    """Release the claim, keep the error, and retry later with a growing pause."""
    attempts = reminder.attempts + 1
    pause = min(RETRY_FIRST * 2 ** (attempts - 1), RETRY_MAX)
    Reminder.objects.filter(pk=reminder.pk, claim_token=token, sent_at__isnull=True).update(
        claimed_at=None,
        claim_token="",
        last_error=f"{type(error).__name__}: {error}"[:2000],
        retry_at=timezone.now() + timedelta(seconds=pause),
    )
    log.warning(
        "reminder %s (%s) not sent, attempt %s: %s", reminder.pk, reminder.kind, attempts, error
    )


def _skip_reason(reminder: Reminder, prefs: ReminderSettings) -> str:
    if not prefs.emails(reminder.kind):
        return "not e-mailed: turned off in the reminder settings"
    if not reminder.user.is_active or not reminder.user.email:
        return "not e-mailed: the account is inactive"
    return ""


def deliver(reminder: Reminder, timeout: int, connection: BaseEmailBackend) -> str:
    """Claim, then send or set aside one reminder. Returns what happened, in one word."""
    token = claim(reminder.pk, timeout)
    if token is None:
        return "taken"
    return send_claimed(reminder, token, connection)


def send_claimed(reminder: Reminder, token: str, connection: BaseEmailBackend) -> str:
    """Send or set aside one reminder this worker holds the claim on."""
    if reminder.kind == Kind.SESSION_DAY and (note := still_planned(reminder)):
        _finish(reminder, token, note=note, cancel=True)
        log.info("reminder %s not sent: %s", reminder.pk, note)
        return "not_planned"
    if reminder.kind == Kind.LATE_CHECKIN and late_answered(reminder):
        _finish(reminder, token, note=ANSWERED, cancel=True)
        return "answered"
    if note := _skip_reason(reminder, settings_of(reminder)):
        _finish(reminder, token, note=note)
        return "not_emailed"
    context = emails.context_for(reminder)
    if context is None:
        _finish(
            reminder,
            token,
            note="cancelled: its plan, session, device or check is gone",
            cancel=True,
        )
        return "gone"
    try:
        message = emails.message_for(reminder, context)
        message.connection = connection
        connection.open()
        message.send(fail_silently=False)
    except Exception as error:  # SMTP refusals, timeouts, refused connections: retry later
        _close_quietly(connection)
        _fail(reminder, token, error)
        return "failed"
    _finish(reminder, token)
    log.info("sent reminder %s (%s) to user %s", reminder.pk, reminder.kind, reminder.user_id)
    return "sent"


def run_once(
    *, batch: int = BATCH, timeout: int = CLAIM_TIMEOUT, stop: Callable[[], bool] = lambda: False
) -> Counter[str]:
    """Go once through every due row: send what may go now, skip what is in quiet hours.

    Escalation e-mails whose first attempt failed (`needlewise.notifications`) go here too."""
    from needlewise.notifications.services import send_pending as send_notifications

    outcomes: Counter[str] = Counter()
    outcomes["escalations"] += send_notifications()
    from needlewise.library.newsletter import send_pending as send_newsletters

    outcomes["newsletters"] += send_newsletters().get("sent", 0)
    outcomes["replanned"] += replan_after_expiry(timezone.now())
    outcomes["replanned"] += replan_new_day(timezone.now())
    connection = get_connection()
    passes = _pass_skip_locked if db.vendor == "postgresql" else _pass_conditional
    try:
        passes(outcomes, connection, batch, timeout, stop)
    finally:
        _close_quietly(connection)
    return outcomes


def _pass_conditional(
    outcomes: Counter[str],
    connection: BaseEmailBackend,
    batch: int,
    timeout: int,
    stop: Callable[[], bool],
) -> None:
    """SQLite: read a page, then claim each row with its own conditional UPDATE."""
    after = None
    while not stop():
        now = timezone.now()
        page = candidates(now, timeout, batch, after)
        for reminder in page:
            if stop():
                break
            if deliver_after(reminder, settings_of(reminder)) > now:
                outcomes["quiet"] += 1
                continue
            outcomes[deliver(reminder, timeout, connection)] += 1
        if len(page) < batch:
            break
        after = (page[-1].due_at, page[-1].pk)


def _pass_skip_locked(
    outcomes: Counter[str],
    connection: BaseEmailBackend,
    batch: int,
    timeout: int,
    stop: Callable[[], bool],
) -> None:
    """PostgreSQL: claim a page at a time with SKIP LOCKED, then send what was claimed.

    Claims a worker cannot send within half the claim timeout (a slow mail server) are released
    rather than left to expire, so no other worker can reclaim a row this one is still sending."""
    after = None
    while not stop():
        page, ready, token = claim_page(timeout, batch, after)
        outcomes["quiet"] += len(page) - len(ready)
        claimed_at = time.monotonic()
        for index, reminder in enumerate(ready):
            if stop() or time.monotonic() - claimed_at > timeout / 2:
                release(ready[index:], token)
                return
            outcomes[send_claimed(reminder, token, connection)] += 1
        if len(page) < batch:
            break
        after = (page[-1].due_at, page[-1].pk)


def summary(outcomes: Counter[str] | dict[str, Any]) -> str:
    parts = [f"{outcomes.get('sent', 0)} sent"]
    if outcomes.get("newsletters"):
        parts.append(f"{outcomes['newsletters']} newsletters")
    if outcomes.get("escalations"):
        parts.append(f"{outcomes['escalations']} escalation e-mails retried")
    for key, words in (
        ("failed", "failed (will retry)"),
        ("not_emailed", "not e-mailed"),
        ("quiet", "waiting for the end of quiet hours"),
        ("gone", "cancelled"),
        ("not_planned", "cancelled (no longer planned)"),
        ("answered", "cancelled (late check-in answered)"),
    ):
        if outcomes.get(key):
            parts.append(f"{outcomes[key]} {words}")
    return ", ".join(parts)
