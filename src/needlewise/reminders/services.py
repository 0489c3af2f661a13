"""Scheduling reminders and changing reminder settings: the only place that writes them.

Every scheduling function is idempotent: a reminder is keyed by (user, dedupe_key), so calling
one twice, or again after something moved, updates the pending row instead of adding another.
Reminders whose time has already passed are not created (they would arrive out of context)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from needlewise.accounts.models import User
from needlewise.accounts.services import profile_for
from needlewise.devices.models import OwnedDevice
from needlewise.recovery.models import CheckIn
from needlewise.reminders import timing
from needlewise.reminders.models import Kind, Reminder, ReminderSettings, new_calendar_token
from needlewise.suitability.models import SuitabilityCheck
from needlewise.treatments import schedule
from needlewise.treatments.models import Plan, TreatmentSession


def zone_for(user: User) -> Any:
    return timing.zone(profile_for(user).time_zone)


def settings_for(user: User) -> ReminderSettings:
    """The person's reminder settings, created with the defaults on first use."""
    found, _ = ReminderSettings.objects.get_or_create(user=user)
    return found


def _pending(user: User) -> Any:
    return Reminder.objects.filter(user=user, sent_at__isnull=True, cancelled_at__isnull=True)


def schedule_reminder(
    user: User,
    kind: str,
    due_at: datetime,
    dedupe_key: str,
    *,
    subject_id: str = "",
    payload: dict[str, Any] | None = None,
    urgent: bool = False,
) -> Reminder | None:
    """Create or update the one reminder under `dedupe_key`. A sent one is left alone; a
    cancelled, unsent one comes back. None when `due_at` has passed and there is no row yet."""
    fields = {
        "kind": kind,
        "due_at": due_at,
        "subject_id": subject_id,
        "payload": payload or {},
        "urgent": urgent,
    }
    with transaction.atomic():
        found = Reminder.objects.select_for_update().filter(user=user, dedupe_key=dedupe_key)
        reminder = found.first()
        if reminder is None:
            if due_at <= timezone.now():
                return None
            return Reminder.objects.create(user=user, dedupe_key=dedupe_key, **fields)
        if reminder.sent_at is not None:
            return reminder
        changed = {k: v for k, v in fields.items() if getattr(reminder, k) != v}
        if reminder.cancelled_at is not None:
            changed.update(cancelled_at=None, note="")
        if changed:
            Reminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(**changed)
            reminder.refresh_from_db()
        return reminder


def cancel_for(user: User, kind: str, *, subject_id: str | None = None, **match: Any) -> int:
    """Cancel the person's pending reminders of a kind, narrowed by subject and payload values
    (`cancel_for(user, "checkin", session="<key>")`). Returns how many were cancelled."""
    found = _pending(user).filter(kind=kind)
    if subject_id is not None:
        found = found.filter(subject_id=str(subject_id))
    for key, value in match.items():
        found = found.filter(**{f"payload__{key}": value})
    return found.update(cancelled_at=timezone.now())


@transaction.atomic
def schedule_after_session(session: TreatmentSession) -> list[Reminder]:
    """Check-ins about 6, 24, 48 and 72 h after a done session, and its avoid windows' ends."""
    if session.status != TreatmentSession.Status.DONE or session.done_at is None:
        return []
    key = str(session.key)
    out = []
    for moment in timing.after_session(session.done_at, session.deepest_mm):
        payload: dict[str, Any] = {"session": key, "hours": moment.hours}
        if moment.topics:
            payload.update(topics=list(moment.topics), labels=list(moment.labels))
        reminder = schedule_reminder(
            session.user,
            moment.kind,
            moment.at,
            f"{moment.kind}:{key}:{moment.suffix}",
            subject_id=key,
            payload=payload,
        )
        if reminder is not None:
            out.append(reminder)
    out.extend(schedule_late_checkins(session))
    return out


def schedule_late_checkins(session: TreatmentSession) -> list[Reminder]:
    """The session's late check-ins at 21 and 56 days, 09:00 local (`timing.late_checkins`).
    Keyed by session and day, so a later session never replaces them; only an answer
    (`cancel_answered_late`) or the session's deletion (the worker finds it gone) ends one."""
    if session.status != TreatmentSession.Status.DONE or session.done_at is None:
        return []
    key = str(session.key)
    out = []
    for day, at in timing.late_checkins(session.done_at, zone_for(session.user)):
        reminder = schedule_reminder(
            session.user,
            Kind.LATE_CHECKIN,
            at,
            f"late_checkin:{key}:{day}d",
            subject_id=key,
            payload={"session": key, "day": day},
        )
        if reminder is not None:
            out.append(reminder)
    return out


#: The note on a late check-in reminder that was answered before it went out.
ANSWERED = "cancelled: the late check-in was answered"


def late_answered(reminder: Reminder) -> bool:
    """Whether the late check-in this reminder asks for has an answer already."""
    return CheckIn.objects.filter(
        user=reminder.user,
        session__key=reminder.payload.get("session"),
        kind=CheckIn.Kind.LATE,
        late_day=reminder.payload.get("day"),
    ).exists()


def cancel_answered_late(user: User) -> int:
    """Cancel the person's pending late check-in reminders that were answered (two queries,
    however many). Returns how many."""
    pending = list(_pending(user).filter(kind=Kind.LATE_CHECKIN))
    if not pending:
        return 0
    answered = set(
        CheckIn.objects.filter(
            user=user,
            kind=CheckIn.Kind.LATE,
            session__key__in={r.payload.get("session") for r in pending},
        ).values_list("session__key", "late_day")
    )
    done = [
        r.pk
        for r in pending
        if (r.payload.get("session"), r.payload.get("day")) in {(str(k), d) for k, d in answered}
    ]
    return _pending(user).filter(pk__in=done).update(cancelled_at=timezone.now(), note=ANSWERED)


#: The note on a session-day reminder whose date the schedule no longer holds.
NOT_PLANNED = "cancelled: this date is no longer planned"


def local_today(user: User) -> date:
    """The person's own date now: session days are theirs, not the server's."""
    return timezone.now().astimezone(zone_for(user)).date()


@transaction.atomic
def schedule_for_plan(
    user: User, plan: Plan, today: date | None = None, history: schedule.History | None = None
) -> list[Reminder]:
    """A session-day reminder at 09:00 local for each date of an active plan's schedule
    (`schedule.plan_schedule`, the one the plan page and the calendar feed show); pending ones
    for dates no longer planned (the dates moved, the plan paused or ended) are cancelled."""
    today = local_today(user) if today is None else today
    active = plan.status == Plan.Status.ACTIVE
    days = schedule.plan_schedule(user, plan, today, history).dates if active else ()
    tz = zone_for(user)
    keys, out = [], []
    for day in days:
        key = f"session_day:plan:{plan.pk}:{day.isoformat()}"
        keys.append(key)
        reminder = schedule_reminder(
            user,
            Kind.SESSION_DAY,
            timing.local_morning(day, tz),
            key,
            subject_id=str(plan.pk),
            payload={"plan": plan.pk, "date": day.isoformat(), "concern": plan.concern},
        )
        if reminder is not None:
            out.append(reminder)
    stale = _pending(user).filter(kind=Kind.SESSION_DAY, subject_id=str(plan.pk))
    stale.exclude(dedupe_key__in=keys).update(cancelled_at=timezone.now(), note=NOT_PLANNED)
    return out


@transaction.atomic
def replan(user: User) -> None:
    """Re-plan every session-day reminder of the person from their plans' current schedules,
    reading their history once; pending ones of plans that no longer exist are cancelled.
    Connected to `needlewise.events.schedule_changed` (apps.py)."""
    history = schedule.History(user)
    today = local_today(user)
    plans = list(Plan.objects.filter(user=user))
    for plan in plans:
        schedule_for_plan(user, plan, today, history)
    orphans = _pending(user).filter(kind=Kind.SESSION_DAY)
    orphans = orphans.exclude(subject_id__in=[str(p.pk) for p in plans])
    orphans.update(cancelled_at=timezone.now(), note=NOT_PLANNED)


#: How far back the worker looks for expired grants to re-plan after (a worker down longer
#: than this still never sends a stale date: `still_planned` checks each one before sending).
EXPIRY_LOOKBACK = timedelta(days=2)


def replan_after_expiry(now: datetime) -> int:
    """A grant's minimum interval ends by time, with no write and so no `schedule_changed`:
    re-plan, once, each person whose grant with an interval expired lately. Returns how many."""
    from django.core.cache import cache

    from needlewise.sharing.models import Grant  # sharing reads our rows nowhere: no circle

    ended = Grant.objects.filter(
        revoked_at__isnull=True,
        min_interval_days__isnull=False,
        expires_at__gt=now - EXPIRY_LOOKBACK,
        expires_at__lte=now,
    ).select_related("client")
    count = 0
    for grant in ended:
        marker = f"reminders:replanned:grant:{grant.pk}:{grant.expires_at.timestamp()}"
        if cache.add(marker, 1, timeout=int(EXPIRY_LOOKBACK.total_seconds()) * 2):
            replan(grant.client)
            count += 1
    return count


#: People re-planned at most per worker pass when their day turns (spreads a big install's
#: midnight over the first passes after it).
NEW_DAY_BATCH = 500
#: The people with an active plan are looked over once per slot of this many minutes (slots
#: start on the hour, so every local midnight starts one).
NEW_DAY_SLOT_MINUTES = 10


def replan_new_day(now: datetime, batch: int = NEW_DAY_BATCH) -> int:
    """A plan's dates never start before the person's today, so an overdue plan's dates move at
    each of her midnights with no write: re-plan each person with an active plan once per local
    day (the first pass that sees the day). Returns how many were re-planned."""
    from django.core.cache import cache

    slot = now.replace(minute=now.minute - now.minute % NEW_DAY_SLOT_MINUTES, second=0)
    if not cache.add(f"reminders:new-day:{slot:%Y%m%d%H%M}", 1, timeout=24 * 3600):
        return 0
    people = (
        Plan.objects.filter(status=Plan.Status.ACTIVE)
        .values_list("user_id", "user__profile__time_zone")
        .distinct()
        .order_by("user_id")
    )
    keys: dict[str, int] = {}
    for user_id, zone in people:
        day = now.astimezone(timing.zone(zone or "UTC")).date()
        keys[f"reminders:replanned:day:{user_id}:{day.isoformat()}"] = user_id
    done = cache.get_many(list(keys))
    todo = [(key, user_id) for key, user_id in keys.items() if key not in done]
    if len(todo) > batch:  # the rest in the next passes of this slot
        cache.delete(f"reminders:new-day:{slot:%Y%m%d%H%M}")
        todo = todo[:batch]
    for user in User.objects.filter(pk__in=[u for _, u in todo]):
        replan(user)
    cache.set_many({key: 1 for key, _ in todo}, timeout=2 * 24 * 3600)
    return len(todo)


def still_planned(reminder: Reminder) -> str:
    """Why a due session-day reminder must not go out ("" when it may): its plan is gone,
    paused or finished, or its date left the plan's schedule. The schedule can move with no
    write at all (a professional's grant expires), so it is re-planned here, just before the
    send, with the same computation as every page: stale rows are cancelled, new dates added."""
    plan = Plan.objects.filter(user=reminder.user, pk=reminder.payload.get("plan")).first()
    if plan is None:
        return "cancelled: its plan is gone"
    if plan.status != Plan.Status.ACTIVE:
        return f"cancelled: its plan is {plan.get_status_display().lower()}"
    schedule_for_plan(reminder.user, plan)
    if Reminder.objects.filter(pk=reminder.pk, cancelled_at__isnull=False).exists():
        return NOT_PLANNED
    if same_day(reminder).filter(sent_at__isnull=False).exists():
        return SAME_DAY
    return ""


#: The note on a session-day reminder for a day another one already told the person about.
SAME_DAY = "cancelled: this day's session-day e-mail went out already"


def same_day(reminder: Reminder) -> Any:
    """The person's other session-day reminders for the same date (other plans): one e-mail a
    day names them all (`emails`), the rest are cancelled."""
    found = Reminder.objects.filter(user=reminder.user, kind=Kind.SESSION_DAY)
    found = found.filter(payload__date=reminder.payload.get("date"), cancelled_at__isnull=True)
    return found.exclude(pk=reminder.pk)


@transaction.atomic
def schedule_recheck(check: SuitabilityCheck) -> Reminder | None:
    """A re-check reminder at 09:00 local on `recheck_on`. The newest check decides: reminders
    of the person's other checks are cancelled, and so is this one's when it has no date."""
    user = check.user
    _pending(user).filter(kind=Kind.RECHECK).exclude(subject_id=str(check.pk)).update(
        cancelled_at=timezone.now()
    )
    key = f"recheck:check:{check.pk}"
    if check.recheck_on is None or check.invalidated_at is not None:
        cancel_for(user, Kind.RECHECK, subject_id=str(check.pk))
        return None
    return schedule_reminder(
        user,
        Kind.RECHECK,
        timing.local_morning(check.recheck_on, zone_for(user)),
        key,
        subject_id=str(check.pk),
        payload={"check": check.pk, "date": check.recheck_on.isoformat()},
    )


@transaction.atomic
def schedule_head_replacement(device: OwnedDevice, when: datetime | date) -> Reminder | None:
    """A reminder to fit a new head at `when` (a date means 09:00 local). Any other pending
    head reminder for the device is cancelled, so a head change moves it."""
    user = device.user
    if not isinstance(when, datetime):
        when = timing.local_morning(when, zone_for(user))
    key = f"head_replacement:device:{device.pk}:{when.date().isoformat()}"
    _pending(user).filter(kind=Kind.HEAD_REPLACEMENT, subject_id=str(device.pk)).exclude(
        dedupe_key=key
    ).update(cancelled_at=timezone.now())
    return schedule_reminder(
        user,
        Kind.HEAD_REPLACEMENT,
        when,
        key,
        subject_id=str(device.pk),
        payload={"device": device.pk, "name": device.display_name},
    )


@transaction.atomic
def update_settings(user: User, **fields: Any) -> ReminderSettings:
    current = settings_for(user)
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean(exclude=["user", "calendar_token"])
    current.save()
    return current


@transaction.atomic
def rotate_calendar_token(user: User) -> ReminderSettings:
    """A new secret feed address; the old one stops working at once."""
    current = settings_for(user)
    current.calendar_token = new_calendar_token()
    current.calendar_token_rotated_at = timezone.now()
    current.save(update_fields=["calendar_token", "calendar_token_rotated_at", "updated_at"])
    return current


def user_for_calendar_token(token: str) -> User | None:
    found = (
        ReminderSettings.objects.select_related("user", "user__profile")
        .filter(Q(calendar_token=token), user__is_active=True)
        .first()
    )
    return found.user if found else None
