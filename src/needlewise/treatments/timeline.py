"""The aftercare timeline of a session, grouped by horizon: now, until 24 h, 48 h, 72 h, 7 days."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from needlewise.rules.technique import Step, after_session
from needlewise.treatments.aftercare import aftercare_windows

HORIZONS = (
    (24, "First 24 hours"),
    (48, "24 to 48 hours"),
    (72, "48 to 72 hours"),
    (168, "Day 3 to day 7"),
)


@dataclass
class Horizon:
    title: str
    starts: datetime
    ends: datetime
    current: bool
    past: bool
    avoid: list[dict[str, Any]] = field(default_factory=list)
    do: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Timeline:
    session_at: datetime
    horizons: list[Horizon]
    tips: list[Step]
    open_now: bool


def _active(window: dict[str, Any], start: datetime, end: datetime) -> bool:
    return window["from"] < end and (window["until"] is None or window["until"] > start)


def timeline(session_at: datetime, needle_mm: float, now: datetime) -> Timeline:
    windows = aftercare_windows(session_at, needle_mm)
    horizons, start = [], session_at
    for hours, title in HORIZONS:
        end = session_at + timedelta(hours=hours)
        horizon = Horizon(title, start, end, start <= now < end, now >= end)
        for window in windows:
            if _active(window, start, end):
                bucket = horizon.do if window["level"] == "recommended" else horizon.avoid
                bucket.append(window)
        horizons.append(horizon)
        start = end
    open_now = any(
        w["level"] != "recommended"
        and w["from"] <= now
        and w["until"] is not None
        and now < w["until"]
        for w in windows
    )
    return Timeline(session_at, horizons, after_session(), open_now)
