"""When the next sessions of a plan may be, from the rule core's interval rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cached_property
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone

from needlewise import limits as effective
from needlewise.accounts.models import User
from needlewise.rules import intervals
from needlewise.rules.limits import Limits
from needlewise.treatments.models import Plan
from needlewise.treatments.queries import DoneRow, done_rows

if TYPE_CHECKING:
    from needlewise.accounts.models import Profile


@dataclass(frozen=True)
class NextDate:
    on: date
    reason: str
    blocked: bool = False
    reasons: tuple[dict[str, object], ...] = ()
    #: The reason that sets `on` (None: the plan's start date does).
    because: dict[str, object] | None = None


class History:
    """What the interval rule reads about one person, each part read at most once: finished
    sessions (one lean query), check-ins after a moment, and the professionals' limits.

    Make one per request (or per service call) and pass it down; it does not notice writes
    made after a part was read."""

    def __init__(self, user: User, profile: Profile | None = None) -> None:
        """`profile`: the person's profile when it is loaded already (the request's user)."""
        self.user = user
        self._checkins: dict[datetime, list[intervals.CheckIn]] = {}
        self._rule_sessions: dict[tuple[str, ...], list[intervals.Session]] = {}
        self._read_from: tuple[datetime, list[intervals.CheckIn]] | None = None
        if profile is not None:
            self.__dict__["profile"] = profile  # the cached_property's value

    @cached_property
    def sessions(self) -> list[DoneRow]:
        return done_rows(self.user)

    @cached_property
    def limit_sources(self) -> effective.Sources:
        """Every source of the person's limits (`needlewise.limits`), each read when asked."""
        return effective.sources(self.user)

    @property
    def limits(self) -> Limits:
        """The limits the session rules read: needle caps and the minimum interval."""
        return self.limit_sources.session_limits

    @cached_property
    def profile(self) -> Profile:
        from needlewise.accounts.services import profile_for

        return profile_for(self.user)

    def rule_sessions(self, areas: list[str]) -> list[intervals.Session]:
        """Done sessions touching any of the areas, as the rule core sees them (the same list
        for the same areas: do not change it)."""
        wanted = tuple(areas)
        if wanted not in self._rule_sessions:
            out = []
            for session in self.sessions:
                records = [(area, mm) for area, mm in session.areas if area in wanted]
                if records:
                    deepest = max(float(mm) for _, mm in records)
                    at, touched = session.done_at, tuple(a for a, _ in records)
                    out.append(intervals.Session(at, deepest, touched))
            self._rule_sessions[wanted] = out
        return self._rule_sessions[wanted]

    def checkins_since(self, at: datetime) -> list[intervals.CheckIn]:
        """Check-ins from `at` on: the interval rule only reads those after the last session."""
        if at not in self._checkins:
            if self._read_from is not None and at >= self._read_from[0]:
                self._checkins[at] = [c for c in self._read_from[1] if c.at >= at]
            else:
                self._checkins[at] = rule_checkins(self.user, since=at)
        return self._checkins[at]

    def read_all(self) -> History:
        """Read every part now, to be cached whole (`recalled`): the sessions, the limits and
        who set them, and the check-ins any plan's interval rule can ask for (those since the
        oldest of each area's latest session)."""
        last_by_area: dict[str, datetime] = {}
        for session in self.sessions:  # newest first
            for area, _ in session.areas:
                last_by_area.setdefault(area, session.done_at)
        if last_by_area:
            since = min(last_by_area.values())
            self._read_from = (since, rule_checkins(self.user, since=since))
        self.limit_sources.read_all()
        return self

    @property
    def holds_until(self) -> datetime | None:
        """When the limits may change by themselves (the first of their grants to expire)."""
        return self.limit_sources.holds_until


def recalled(user: User, profile: Profile | None = None) -> History:
    """The person's whole History, from the per-person cache when their records have not
    changed since it was read (`needlewise.person_cache`)."""
    from needlewise import person_cache

    history = person_cache.remembered(
        user, "history", lambda: History(user).read_all(), lambda h: h.holds_until
    )
    if profile is not None:
        history.__dict__["profile"] = profile
    return history


def rule_sessions(user: User, areas: list[str]) -> list[intervals.Session]:
    """Done sessions touching any of the areas, as the rule core sees them."""
    return History(user).rule_sessions(areas)


def rule_checkins(user: User, since: datetime | None = None) -> list[intervals.CheckIn]:
    """Recovery check-ins as the rule core sees them (redness and pain over time)."""
    from needlewise.recovery.queries import rule_checkins as recovery_checkins

    return recovery_checkins(user, since=since)


def limits_for(user: User) -> Limits:
    """The limits set by the person's professionals (the strictest of all active grants)."""
    return effective.effective_limits(user)


def next_date(
    user: User,
    plan: Plan,
    sessions: list[intervals.Session] | None = None,
    history: History | None = None,
) -> NextDate:
    history = History(user) if history is None else history
    sessions = history.rule_sessions(plan.areas) if sessions is None else sessions
    if not sessions:
        return NextDate(plan.start_date, "your plan starts then")
    # The rule reads only check-ins after the last session: fetch no older ones.
    checkins = history.checkins_since(max(s.at for s in sessions))
    result = intervals.next_allowed(sessions, checkins, history.limits)
    reasons = tuple(r.to_dict() for r in result.reasons)
    binding = result.binding.to_dict() if result.binding is not None else None
    return NextDate(
        max(result.next_allowed, plan.start_date),
        " ".join(str(r["message"]) for r in reasons),
        result.blocked,
        reasons,
        binding if result.next_allowed >= plan.start_date else None,
    )


@dataclass(frozen=True)
class PlanSchedule:
    """A plan's next allowed date (with its reasons) and every remaining session date."""

    next: NextDate
    dates: tuple[date, ...]


def local_today(profile: Profile) -> date:
    """The person's own date now, in their time zone (UTC when it is missing or unknown)."""
    try:
        tz = ZoneInfo(profile.time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    return timezone.now().astimezone(tz).date()


def plan_schedule(
    user: User, plan: Plan, today: date | None = None, history: History | None = None
) -> PlanSchedule:
    """The one schedule computation: the plan page, Today, the API, the calendar feed and the
    session-day reminders all read their dates from here, so they never disagree.

    The first date is the rule core's next allowed one (not before `today`, the person's own
    date by default); each later date is where `intervals.next_allowed` puts the next session
    once the one before is done at the plan's deepest needle, so the spacing is the same rule:
    the largest of the band's minimum days and a professional's minimum interval. Recomputed on
    every read: a late, skipped or slow-to-heal session, or a change of limits, moves them all."""
    history = History(user) if history is None else history
    today = local_today(history.profile) if today is None else today
    sessions = history.rule_sessions(plan.areas)
    upcoming_next = next_date(user, plan, sessions, history)
    remaining = max(plan.course_length - len(sessions), 0)
    if remaining == 0 or plan.status != Plan.Status.ACTIVE or not plan.needle_mm:
        return PlanSchedule(upcoming_next, ())
    deepest = max(float(mm) for mm in plan.needle_mm.values())
    planned = list(sessions)
    day = max(upcoming_next.on, today)
    dates = []
    for _ in range(remaining):
        dates.append(day)
        at = datetime.combine(day, time(12), tzinfo=UTC)  # its date is `day` in UTC too
        planned.append(intervals.Session(at, deepest, tuple(plan.areas)))
        day = intervals.next_allowed(planned, (), history.limits).next_allowed
    return PlanSchedule(upcoming_next, tuple(dates))


def upcoming(user: User, plan: Plan, today: date, history: History | None = None) -> list[date]:
    """The remaining session dates (`plan_schedule`'s)."""
    return list(plan_schedule(user, plan, today, history).dates)
