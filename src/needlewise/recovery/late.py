"""When the late check-ins of POLICY.md section 8 are open, and how they read in words.

Pure functions of plain values (no model imports): the queries, the service, the pages and the
reminders all take their dates from here, so they never disagree.

- A late check-in for day N opens at the start of the person's own day N: the local date of the
  session plus N days. We accept the answer from then on, which can be up to a day before exactly
  N x 24 hours have passed: "21 days after" is a day, not a minute, and the reminder comes at
  09:00 that morning.
- It stays due until answered, for `DUE_DAYS` days. Fourteen days is the span the early check-ins
  run for as well (up to 14 days after a session); it keeps the 21-day one from still asking
  when the 56-day one is near, and a question weeks overdue is no longer about that moment. After
  it the check-in can still be answered from the session's page; it is just no longer asked for.
- A later session on the same area cancels nothing: the weeks-late reactions these ask about
  belong to the session that caused them, whatever came after.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from needlewise.devices.advice import area_words
from needlewise.rules import followup

#: How long an unanswered late check-in stays due, in days (see the module docstring).
DUE_DAYS = 14


def due_on(done_at: datetime, day: int, tz: Any) -> date:
    """The person's own date on which the check-in for `day` opens."""
    return done_at.astimezone(tz).date() + timedelta(days=day)


def opens_at(done_at: datetime, day: int, tz: Any) -> datetime:
    """The start of that local day, as an aware datetime."""
    return datetime.combine(due_on(done_at, day, tz), time(0, 0), tzinfo=tz)


def areas_in_words(areas: Collection[str]) -> str:
    """ "your cheeks and forehead", as the advice says it; "the treated area" when the session
    recorded none."""
    names = [area_words([code]) for code in sorted(areas)]
    if not names:
        return "the treated area"
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"your {listed}"


@dataclass(frozen=True)
class LateCheckin:
    """One late check-in of one session: due, or still to come."""

    session_key: Any  # the session's UUID
    done_at: datetime
    areas: tuple[str, ...]
    day: int
    opens_at: datetime
    is_due: bool  # at the moment it was read for; else still to come

    @property
    def due_until(self) -> datetime:
        return self.opens_at + timedelta(days=DUE_DAYS)

    @property
    def label(self) -> str:
        return f"Late check-in, day {self.day} after your session"

    @property
    def areas_in_words(self) -> str:
        return areas_in_words(self.areas)


def unanswered(
    sessions: Iterable[tuple[Any, datetime, tuple[str, ...], frozenset[int]]],
    now: datetime,
    tz: Any,
) -> list[LateCheckin]:
    """The late check-ins due at `now` or still to come, soonest first, from (key, done_at,
    areas, days answered) per finished session. Every session counts, not only the latest."""
    out = []
    for key, done_at, areas, answered in sessions:
        for day in followup.late_days():
            if day in answered:
                continue
            opens = opens_at(done_at, day, tz)
            if now < opens + timedelta(days=DUE_DAYS):
                out.append(LateCheckin(key, done_at, areas, day, opens, opens <= now))
    return sorted(out, key=lambda c: (c.opens_at, c.done_at, c.day))


def of_session(
    key: Any, done_at: datetime, answered: Collection[int], now: datetime, tz: Any
) -> list[LateCheckin]:
    """One session's unanswered late check-ins, however long ago they opened: its page links
    them after they are no longer asked for."""
    return [
        LateCheckin(key, done_at, (), day, opens, opens <= now)
        for day in followup.late_days()
        if day not in answered
        for opens in [opens_at(done_at, day, tz)]
    ]


def split(items: list[LateCheckin]) -> tuple[list[LateCheckin], list[LateCheckin]]:
    """(due now, still to come), each soonest first."""
    return [c for c in items if c.is_due], [c for c in items if not c.is_due]
