"""A plan's dates as month calendars: done, planned and blocked days, each with its reason.

It only lays out what the schedule already knows (`schedule.plan_schedule`: the next allowed
date, the reason that sets it, and the remaining dates), so the calendar, the list, Today and the
calendar feed never disagree."""

from __future__ import annotations

import calendar as cal
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from needlewise.treatments.models import Plan
from needlewise.treatments.queries import DoneRow
from needlewise.treatments.schedule import PlanSchedule

#: The calendar's short words for why a day is blocked, by the interval rule's reason code.
BLOCKED_WORDS = {
    "min_interval": "Recovery window after your last session",
    "tolerance": "Your skin took longer to settle: a longer recovery window",
    "professional_min_interval": "Limit set by your professional",
    "blocked_by_checkin": "Your latest check-in is not clear yet",
}
PAUSED_RED_FLAG = "Plan paused: a professional should see your skin first"
PAUSED = "Plan paused"
BEFORE_START = "Before your plan starts"


@dataclass
class Day:
    on: date
    state: str = ""  # "", "done", "planned" or "blocked"
    reason: str = ""
    today: bool = False
    sessions: list[DoneRow] = field(default_factory=list)


@dataclass
class Month:
    first: date
    weeks: list[list[Day | None]]

    @property
    def marked(self) -> list[Day]:
        return [d for week in self.weeks for d in week if d is not None and d.state]

    @property
    def runs(self) -> list[Run]:
        """The marked days, consecutive days of one state and reason together: the month's
        key ("Wait 4-10 Dec: recovery window")."""
        out: list[Run] = []
        for day in self.marked:
            last = out[-1] if out else None
            if (
                last is not None
                and (last.state, last.reason) == (day.state, day.reason)
                and last.last + timedelta(days=1) == day.on
                and day.state == "blocked"
            ):
                last.last = day.on
            else:
                out.append(Run(day.on, day.on, day.state, day.reason, day.sessions))
        return out


@dataclass
class Run:
    first: date
    last: date
    state: str
    reason: str
    sessions: list[DoneRow]


def _months_between(first: date, last: date) -> Iterable[date]:
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = (month + timedelta(days=32)).replace(day=1)


def _blocked_reason(plan: Plan, planned: PlanSchedule, red_flag: bool) -> str:
    if plan.status == Plan.Status.PAUSED:
        return PAUSED_RED_FLAG if red_flag else PAUSED
    because = planned.next.because
    if because is None:
        return BEFORE_START
    return BLOCKED_WORDS.get(str(because.get("code")), str(because.get("message", "")))


def _days(
    plan: Plan, planned: PlanSchedule, done: list[DoneRow], today: date, red_flag: bool
) -> dict[date, Day]:
    days: dict[date, Day] = {}
    for row in done:
        on = timezone.localtime(row.done_at).date()
        day = days.setdefault(on, Day(on, "done", "Session done"))
        day.sessions.append(row)
    if plan.status == Plan.Status.PAUSED:
        days.setdefault(today, Day(today, "blocked", _blocked_reason(plan, planned, red_flag)))
    elif planned.dates:
        reason = _blocked_reason(plan, planned, red_flag)
        on = today
        while on < planned.dates[0]:
            days.setdefault(on, Day(on, "blocked", reason))
            on += timedelta(days=1)
        first_number = plan.course_length - len(planned.dates) + 1
        for number, on in enumerate(planned.dates, start=first_number):
            words = f"Session {number} of {plan.course_length}"
            if number == first_number and planned.next.blocked:
                words += ", once a check-in shows your skin is clear"
            days.setdefault(on, Day(on, "planned", words))
    days.setdefault(today, Day(today))
    days[today].today = True
    return days


def plan_calendar(
    plan: Plan, planned: PlanSchedule, done: list[DoneRow], today: date, red_flag: bool = False
) -> list[Month]:
    """This month and every later month holding a planned date, weeks from Monday."""
    days = _days(plan, planned, done, today, red_flag)
    last = max([today, *planned.dates])
    weeks_of = cal.Calendar(firstweekday=0)
    months = []
    for first in _months_between(today, last):
        weeks = [
            [None if d.month != first.month else days.get(d, Day(d)) for d in week]
            for week in weeks_of.monthdatescalendar(first.year, first.month)
        ]
        months.append(Month(first, weeks))
    return months
