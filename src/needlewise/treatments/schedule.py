"""When the next sessions of a plan may be, from the rule core's interval rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from needlewise.accounts.models import User
from needlewise.rules import intervals
from needlewise.rules.limits import Limits
from needlewise.treatments.models import Plan
from needlewise.treatments.queries import done_sessions


@dataclass(frozen=True)
class NextDate:
    on: date
    reason: str
    blocked: bool = False
    reasons: tuple[dict[str, object], ...] = ()


def rule_sessions(user: User, areas: list[str]) -> list[intervals.Session]:
    """Done sessions touching any of the areas, as the rule core sees them."""
    out = []
    for session in done_sessions(user):
        records = [r for r in session.area_records.all() if r.area in areas]
        if records:
            deepest = max(float(r.needle_mm) for r in records)
            out.append(intervals.Session(session.done_at, deepest, tuple(r.area for r in records)))
    return out


def rule_checkins(user: User) -> list[intervals.CheckIn]:
    """Recovery check-ins as the rule core sees them (redness and pain over time)."""
    from needlewise.recovery.queries import rule_checkins as recovery_checkins

    return recovery_checkins(user)


def limits_for(user: User) -> Limits:
    """The limits set by the person's professionals (the strictest of all active grants)."""
    from needlewise.sharing.limits import limits_for as shared_limits  # sharing sits above us

    return shared_limits(user)


def next_date(user: User, plan: Plan, sessions: list[intervals.Session] | None = None) -> NextDate:
    sessions = rule_sessions(user, plan.areas) if sessions is None else sessions
    if not sessions:
        return NextDate(plan.start_date, "your plan starts then")
    result = intervals.next_allowed(sessions, rule_checkins(user), limits_for(user))
    reasons = tuple(r.to_dict() for r in result.reasons)
    return NextDate(
        max(result.next_allowed, plan.start_date),
        " ".join(str(r["message"]) for r in reasons),
        result.blocked,
        reasons,
    )


def upcoming(user: User, plan: Plan, today: date) -> list[date]:
    """The remaining session dates: the next allowed one, then one minimum interval apart.

    Recomputed on every view, so a late, skipped or slow-to-heal session moves them all."""
    sessions = rule_sessions(user, plan.areas)
    remaining = max(plan.course_length - len(sessions), 0)
    if remaining == 0 or plan.status == Plan.Status.FINISHED:
        return []
    first = max(next_date(user, plan, sessions).on, today)
    gap = int(intervals.band_for(max(plan.needle_mm.values()))["min_days"])
    return [first + timedelta(days=gap * i) for i in range(remaining)]
