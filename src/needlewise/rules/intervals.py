"""Interval between sessions (POLICY.md section 3): when the same area may be needled again."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from needlewise.rules.errors import InputError
from needlewise.rules.knowledge import knowledge
from needlewise.rules.limits import NO_LIMITS, Limits
from needlewise.rules.model import Reason, Rule, fmt_date, fmt_mm
from needlewise.rules.vocab import AREAS


def aware(at: datetime) -> datetime:
    """Naive datetimes are taken as UTC."""
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Session:
    """A past session: when, the needle length used (mm) and the areas treated."""

    at: datetime
    needle_mm: float
    areas: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", aware(self.at))
        if not 0 <= self.needle_mm <= 3:
            raise InputError("sessions.needle_mm", "must be 0-3 mm")
        for area in self.areas:
            if area not in AREAS:
                raise InputError("sessions.areas", f"unknown area {area!r}")


@dataclass(frozen=True)
class CheckIn:
    """A recovery check-in: when, redness 0-3 and pain 0-10."""

    at: datetime
    redness: int
    pain: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", aware(self.at))
        if not 0 <= self.redness <= 3:
            raise InputError("checkins.redness", "must be 0-3")
        if not 0 <= self.pain <= 10:
            raise InputError("checkins.pain", "must be 0-10")

    @property
    def clear(self) -> bool:
        """No redness and no pain."""
        return self.redness == 0 and self.pain == 0


@dataclass(frozen=True)
class NextSession:
    """The first date a new session is allowed, whether a check-in blocks it, and why."""

    next_allowed: date
    blocked: bool
    reasons: tuple[Reason, ...]
    #: The reason whose wait ends last: the one that sets `next_allowed` (the plan's calendar
    #: says it on each day of the wait).
    binding: Reason | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of POLICY.md section 7 (next-session), plus `blocked`."""
        return {
            "next_allowed": self.next_allowed.isoformat(),
            "blocked": self.blocked,
            "reasons": [r.to_dict() for r in self.reasons],
        }


@lru_cache(maxsize=1)
def _bands() -> tuple[Rule, ...]:
    return tuple(Rule.from_raw(b) for b in knowledge()["intervals"]["bands"])


def _rule(key: str) -> Rule:
    return Rule.from_raw(knowledge()["intervals"][key])


def band_for(needle_mm: float) -> Rule:
    """The interval band a needle length falls in."""
    for band in _bands():
        if needle_mm <= band["max_mm"] + 1e-9:
            return band
    return _bands()[-1]


def _band_reason(session: Session) -> tuple[date, Reason]:
    band = band_for(session.needle_mm)
    days = band["min_days"]
    reason = band.reason("min_interval", mm=fmt_mm(session.needle_mm), days=days)
    return session.at.date() + timedelta(days=days), reason


def _tolerance(last: Session, after: Sequence[CheckIn]) -> tuple[int, Reason] | None:
    """Extra days when the skin took longer than the free recovery days to settle."""
    first_clear = next((c for c in after if c.clear), None)
    if first_clear is None:
        return None
    hours = (first_clear.at - last.at).total_seconds() / 3600
    recovery = math.ceil(hours / 24)
    rule = _rule("tolerance")
    extra = recovery - rule["free_recovery_days"]
    if extra <= 0:
        return None
    return extra, rule.reason("tolerance", recovery_days=recovery, extra_days=extra)


def _band_candidates(history: Sequence[Session], last: Session) -> list[tuple[date, Reason]]:
    """The last session's band, plus an earlier deeper session's if it ends later."""
    own = _band_reason(last)
    earlier = [_band_reason(s) for s in history if s is not last]
    later = max(earlier, key=lambda c: c[0], default=None)
    return [own, later] if later is not None and later[0] > own[0] else [own]


def _checkin_candidates(last: Session, after: Sequence[CheckIn]) -> list[tuple[date, Reason]]:
    """Tolerance extension and the block by a latest check-in that is not clear."""
    out = []
    tol = _tolerance(last, after)
    if tol is not None:
        base, _ = _band_reason(last)
        out.append((base + timedelta(days=tol[0]), tol[1]))
    if after and not after[-1].clear:
        latest = after[-1].at.date()
        reason = _rule("blocked").reason("blocked_by_checkin", date=fmt_date(latest))
        out.append((latest + timedelta(days=1), reason))
    return out


def next_allowed(
    sessions: Iterable[Session],
    checkins: Iterable[CheckIn] = (),
    limits: Limits | None = None,
    area: str | None = None,
) -> NextSession:
    """The latest of: band minimum (+ tolerance), professional minimum, day after a red check-in."""
    history = [s for s in sessions if area is None or area in s.areas]
    if not history:
        raise InputError("sessions", "at least one session is needed")
    last = max(history, key=lambda s: (s.at, s.needle_mm))
    after = sorted((c for c in checkins if c.at > last.at), key=lambda c: c.at)
    candidates = _band_candidates(history, last) + _checkin_candidates(last, after)
    days = (limits or NO_LIMITS).min_interval_days
    if days is not None:
        reason = _rule("professional_min_interval").reason("professional_min_interval", days=days)
        candidates.append((last.at.date() + timedelta(days=days), reason))
    blocked = bool(after) and not after[-1].clear
    reasons = tuple(r for _, r in candidates)
    last_day, binding = max(candidates, key=lambda c: c[0])
    return NextSession(last_day, blocked, reasons, binding)
