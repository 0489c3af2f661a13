"""Reads of recovery check-ins, always scoped to the acting user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from needlewise.accounts.models import User, zone_of
from needlewise.recovery import late
from needlewise.recovery.models import CheckIn, Escalation
from needlewise.recovery.sessions import Session, done_for, session_model
from needlewise.rules import followup, intervals

#: Fixed check-ins after a session, in hours (issue #7): about 6 h, 24 h, 48 h and 72 h.
FIXED_HOURS = (6, 24, 48, 72)
#: Then one a day while the latest check-in still reports anything, up to 14 days.
LAST_HOUR = 14 * 24


def checkins_for(user: User) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(user=user).select_related("session")


def escalations_for(user: User) -> QuerySet[Escalation]:
    return Escalation.objects.filter(user=user).select_related("checkin")


def open_escalation(user: User) -> Escalation | None:
    """The person's open escalation (at most one), or None: plans stay paused while it is open."""
    if not user.is_authenticated:
        return None
    return escalations_for(user).filter(cleared_at__isnull=True).first()


def done_sessions(user: User) -> QuerySet[Session]:
    """Finished sessions, newest first, with their check-in count and latest triage level."""
    latest = CheckIn.objects.filter(session=OuterRef("pk")).order_by("-at", "-id")
    return (
        done_for(user)
        .annotate(
            latest_level=Subquery(latest.values("level")[:1]),
            latest_at=Subquery(latest.values("at")[:1]),
            checkin_count=Count("checkins"),
        )
        .order_by("-done_at", "-id")
    )


def session_list(user: User) -> QuerySet[Session]:
    """Finished sessions for the recovery list, newest first: key and time only, with the
    check-in count and latest triage level (the same as `done_sessions`, lighter)."""
    checkins = CheckIn.objects.filter(session=OuterRef("pk"))
    latest = checkins.order_by("-at", "-id").values("level")[:1]
    count = checkins.order_by().values("session").annotate(n=Count("pk")).values("n")
    model = session_model()
    return (
        model.objects.filter(user=user, status=model.Status.DONE)
        .only("key", "done_at")
        .annotate(
            latest_level=Subquery(latest),
            checkin_count=Coalesce(Subquery(count), 0),
        )
        .order_by("-done_at", "-id")
    )


def latest_session(user: User) -> Session | None:
    """The session a new check-in is about: the person's latest finished one."""
    return done_for(user).order_by("-done_at", "-id").first()


def previous_checkin(session: Session) -> CheckIn | None:
    """The session's latest early check-in: triage compares redness with it (a late one asked
    no redness)."""
    rows = CheckIn.objects.filter(session=session, kind=CheckIn.Kind.EARLY)
    return rows.order_by("-at", "-id").first()


def rule_checkins(user: User, since: datetime | None = None) -> list[intervals.CheckIn]:
    """The person's early check-ins (from `since` on) as the interval rule needs them, oldest
    first: late ones say nothing about redness or pain."""
    rows = CheckIn.objects.filter(user=user, kind=CheckIn.Kind.EARLY).order_by("at", "id")
    if since is not None:
        rows = rows.filter(at__gte=since)
    return [
        intervals.CheckIn(at, redness, pain)
        for at, redness, pain in rows.values_list("at", "redness", "pain")
    ]


@dataclass(frozen=True)
class DueCheckin:
    """A check-in the person should record: due now, or the next one and when."""

    session: Session
    hours: int
    due_at: datetime
    is_due: bool

    @property
    def label(self) -> str:
        if self.hours <= 72:
            return f"{self.hours} hours after your session"
        return f"day {self.hours // 24} after your session"


def _slots(latest: CheckIn | None) -> list[int]:
    """Check-in hours: the fixed ones, then daily while the latest check-in reports anything."""
    daily = range(FIXED_HOURS[-1] + 24, LAST_HOUR + 1, 24)
    if latest is not None and latest.reports_anything:
        return [*FIXED_HOURS, *daily]
    return list(FIXED_HOURS)


def _answered(slot: int, hours: list[float]) -> bool:
    """A check-in counts for a slot from a little before it ("about 6 h" includes 4.5 h)."""
    early = min(slot / 4, 6)
    return any(h >= slot - early for h in hours)


def due_checkins(user: User, now: datetime) -> list[DueCheckin]:
    """For the Today page: the check-in due now (if any), then the next one (if any).

    Only the latest session counts: a new session starts a new recovery. A missed check-in is
    not asked for later; the most recent unanswered one is due until the next one's time."""
    return due_checkins_after(latest_session(user), now)


def due_checkins_after(session: Session | None, now: datetime) -> list[DueCheckin]:
    """`due_checkins` when the caller has the person's latest finished session already."""
    if session is None or session.done_at is None:
        return []
    return due_from(session, session_checkins(session), now)


def session_checkins(session: Session) -> list[CheckIn]:
    """The check-ins answering one session, oldest first."""
    return list(CheckIn.objects.filter(session_id=session.pk).order_by("at", "id"))


def due_from(session: Session, checkins: list[CheckIn], now: datetime) -> list[DueCheckin]:
    """`due_checkins_after` from the session's check-ins, already read (late ones, which have
    their own schedule, are left out)."""
    if session.done_at is None:
        return []
    checkins = [c for c in checkins if not c.is_late]
    hours_now = (now - session.done_at).total_seconds() / 3600
    hours = [c.hours_since_session for c in checkins]
    slots = _slots(checkins[-1] if checkins else None)
    out = []
    passed = [s for s in slots if s - min(s / 4, 6) <= hours_now]
    if passed and not _answered(passed[-1], hours) and hours_now <= LAST_HOUR:
        slot = passed[-1]
        out.append(DueCheckin(session, slot, session.done_at + timedelta(hours=slot), True))
    upcoming = [s for s in slots if s - min(s / 4, 6) > hours_now]
    if upcoming:
        slot = upcoming[0]
        out.append(DueCheckin(session, slot, session.done_at + timedelta(hours=slot), False))
    return out


#: A late check-in's session, as `late.unanswered` reads it: (key, done_at, areas, days answered).
LateSession = tuple[Any, datetime, tuple[str, ...], frozenset[int]]


def late_sessions(user: User, now: datetime) -> list[LateSession]:
    """The person's finished sessions whose late check-ins can still be due at `now` or later,
    with their areas and the late days already answered: one query (a row per area), whatever
    the number of sessions. Every session counts: a later one on the same area cancels none."""
    days = followup.late_days()
    since = now - timedelta(days=max(days) + late.DUE_DAYS + 1)  # + 1: a zone's day is longer
    answered = {
        f"late_{day}": Exists(
            CheckIn.objects.filter(session=OuterRef("pk"), kind=CheckIn.Kind.LATE, late_day=day)
        )
        for day in days
    }
    rows = (
        done_for(user)
        .filter(done_at__gte=since)
        .annotate(**answered)
        .order_by("done_at", "id", "area_records__area")
        .values_list("pk", "key", "done_at", "area_records__area", *answered)
    )
    found: dict[int, LateSession] = {}
    for pk, key, done_at, area, *flags in rows:
        done = frozenset(day for day, flag in zip(days, flags, strict=True) if flag)
        _, _, areas, _ = found.setdefault(pk, (key, done_at, (), done))
        if area is not None:
            found[pk] = (key, done_at, (*areas, area), done)
    return list(found.values())


def late_checkins(user: User, now: datetime, tz: Any = None) -> list[late.LateCheckin]:
    """The person's late check-ins due at `now` or still to come, across all their sessions,
    soonest first (`is_due` tells which). How long one stays due, and from
    when in the person's day: `needlewise.recovery.late`."""
    tz = zone_of(user) if tz is None else tz
    return late.unanswered(late_sessions(user, now), now, tz)


def late_checkins_of(session: Session) -> list[CheckIn]:
    """The late check-ins answered about one session, by day."""
    return list(
        CheckIn.objects.filter(session_id=session.pk, kind=CheckIn.Kind.LATE).order_by("late_day")
    )


@dataclass
class IndexRecords:
    """What the recovery page reads, cached per person and data revision."""

    sessions: list[Session]  # up to one more than shown: is there more?
    last_checkins: list[CheckIn]  # the latest session's: the one check-ins are about
    escalation: Escalation | None
    late: list[LateSession]  # the sessions whose late check-ins can be due


def index_records(user: User, limit: int, now: datetime) -> IndexRecords:
    sessions = list(session_list(user)[: limit + 1])
    return IndexRecords(
        sessions,
        session_checkins(sessions[0]) if sessions else [],
        open_escalation(user),
        late_sessions(user, now),
    )
