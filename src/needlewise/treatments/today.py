"""What the Today page shows: one query-bounded summary of the person's state right now."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from needlewise import limits, person_cache
from needlewise.accounts.models import User, zone_of
from needlewise.devices.advice import hygiene_for
from needlewise.devices.models import OwnedDevice
from needlewise.devices.queries import devices_for
from needlewise.limits import Sources
from needlewise.recovery import late
from needlewise.recovery.models import CheckIn, Escalation
from needlewise.recovery.queries import (
    DueCheckin,
    LateSession,
    due_from,
    late_sessions,
    open_escalation,
    session_checkins,
)
from needlewise.suitability.models import SuitabilityCheck
from needlewise.suitability.queries import latest_check
from needlewise.treatments import gate, schedule
from needlewise.treatments.aftercare import open_windows
from needlewise.treatments.models import Plan, TreatmentSession
from needlewise.treatments.queries import DoneRow

#: Warn this many days before a check lapses (a reminder, not a medical threshold).
CHECK_WARNING_DAYS = 14


@dataclass
class PlanToday:
    plan: Plan
    next: schedule.NextDate
    due: bool  # the gate lets a session start now
    blocks: list[gate.Block] = field(default_factory=list)  # the gate's reasons, when not

    @property
    def block(self) -> gate.Block | None:
        """The first reason, the one Today and the plan page show."""
        return self.blocks[0] if self.blocks else None

    @property
    def later(self) -> date | None:
        """The next date, when the reason shown is another one (a check due, say)."""
        waits = [b for b in self.blocks[1:] if b.code in ("interval", "reaction")]
        return waits[0].until if waits else None


@dataclass
class WindowGroup:
    """Everything that ends at the same moment, so Today stays short on a phone."""

    until: datetime
    avoid: list[str] = field(default_factory=list)
    caution: list[str] = field(default_factory=list)


def group_windows(windows: list[dict[str, Any]]) -> tuple[list[WindowGroup], list[str]]:
    """(groups of avoid/caution topics by end time, soonest first; recommended labels)."""
    groups: dict[datetime, WindowGroup] = {}
    recommended = []
    for window in windows:
        if window["level"] == "recommended" or window["until"] is None:
            recommended.append(window["label"])
            continue
        group = groups.setdefault(window["until"], WindowGroup(window["until"]))
        (group.avoid if window["level"] == "avoid" else group.caution).append(window["label"])
    return sorted(groups.values(), key=lambda g: g.until), recommended


@dataclass
class Today:
    check: SuitabilityCheck | None
    check_current: bool
    check_expiring: bool
    plans: list[PlanToday] = field(default_factory=list)
    last_session: DoneRow | None = None
    windows: list[dict[str, Any]] = field(default_factory=list)
    window_groups: list[WindowGroup] = field(default_factory=list)
    recommended: list[str] = field(default_factory=list)
    drafts: list[TreatmentSession] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    head_due: bool = False
    escalation: Escalation | None = None
    due: list[DueCheckin] = field(default_factory=list)
    late_due: list[late.LateCheckin] = field(default_factory=list)  # every session's
    late_next: list[late.LateCheckin] = field(default_factory=list)  # the next one, if any


@dataclass
class Records:
    """Everything Today reads from the database, and what follows from it alone (the plans'
    next dates): cached per person and data revision (`needlewise.person_cache`)."""

    check: SuitabilityCheck | None
    plans: list[PlanToday]
    last_session: DoneRow | None
    last_checkins: list[CheckIn]  # the last session's, for the check-ins due
    escalation: Escalation | None
    drafts: list[TreatmentSession]
    devices: list[OwnedDevice]
    limits_until: datetime | None  # the first active grant with limits to expire
    limit_sources: Sources | None = None  # read whole when there are plans: the gate's caps
    late: list[LateSession] = field(default_factory=list)  # sessions with late check-ins ahead


def read_records(user: User, now: datetime) -> Records:
    history = schedule.History(user)
    plans = []
    # Today shows neither a plan's device nor a draft's: no joins for them.
    for plan in Plan.objects.filter(user=user, status__in=[Plan.Status.ACTIVE, Plan.Status.PAUSED]):
        plans.append(PlanToday(plan, schedule.next_date(user, plan, history=history), due=False))
    last = history.sessions[0] if history.sessions else None
    drafts = TreatmentSession.objects.filter(user=user, status=TreatmentSession.Status.DRAFT)
    return Records(
        check=latest_check(user),
        plans=plans,
        last_session=last,
        last_checkins=session_checkins(last) if last is not None else [],
        escalation=open_escalation(user),
        drafts=list(drafts.only("key")[:3]),
        devices=list(devices_for(user)),
        limits_until=history.limit_sources.holds_until if plans else None,
        limit_sources=history.limit_sources.read_all() if plans else None,
        late=late_sessions(user, now),
    )


def today_for(user: User, now: datetime, today: date) -> Today:
    """Read (or recall) the records, then work out what holds at `now`."""
    records = person_cache.remembered(user, "today", lambda: read_records(user, now), _until)
    check = records.check
    current = bool(check and check.is_current(today))
    state = Today(
        check=check,
        check_current=current,
        check_expiring=bool(
            current and check and check.expires_on - today <= timedelta(days=CHECK_WARNING_DAYS)
        ),
        last_session=records.last_session,
        escalation=records.escalation,
        drafts=records.drafts,
    )
    # The gate's own computation, from the records read above: no query more.
    facts = gate.Facts(
        check=check,
        escalation=records.escalation,
        devices={device.pk: device for device in records.devices},
        sources=records.limit_sources or limits.sources(user),  # no plans: never read
    )
    for planned in records.plans:
        upcoming, plan = planned.next, planned.plan
        blocks = gate.readiness(plan, upcoming, facts, now, today)
        state.plans.append(PlanToday(plan, upcoming, not blocks, blocks))
    if state.last_session is not None:
        windows = open_windows(state.last_session.done_at, state.last_session.deepest_mm, now)
        # Soothing care and sunscreen never end: show the section only while something is
        # still to avoid or take care with.
        if any(w["level"] != "recommended" for w in windows):
            state.windows = windows
            state.window_groups, state.recommended = group_windows(windows)
        state.due = due_from(state.last_session, records.last_checkins, now)
    # Late check-ins follow every session, not only the last one (POLICY.md section 8).
    late_due, late_later = late.split(late.unanswered(records.late, now, zone_of(user)))
    state.late_due, state.late_next = late_due, late_later[:1]
    for device in records.devices:
        hygiene = hygiene_for(device, now)
        if hygiene.head_due:
            state.head_due = True
            state.warnings.append(f"{device}: time for a new head.")
    return state


def _until(records: Records) -> datetime | None:
    return records.limits_until
