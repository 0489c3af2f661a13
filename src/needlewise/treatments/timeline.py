"""The aftercare timeline of a session, drawn as a chart: one bar per topic across the hours
after the session, where "now" falls on it, and what is OK now.

Every number comes from the rule core's windows (aftercare.yaml); this module only places them
on the axis, so the chart, its table and the countdowns can never disagree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from needlewise.rules.technique import Step, after_session
from needlewise.treatments.aftercare import aftercare_windows

#: The axis' ticks, every day.
TICK_HOURS = 24


@dataclass(frozen=True)
class Segment:
    """One rule's stretch of a bar: its level from `start_h` to `end_h` (None: open-ended)."""

    rule: str
    level: str
    message: str
    grade: str
    sources: tuple[str, ...]
    starts: datetime
    ends: datetime | None
    start_h: float
    end_h: float | None
    x: float  # percent of the axis
    width: float

    @property
    def open_ended(self) -> bool:
        return self.end_h is None


@dataclass(frozen=True)
class Bar:
    """One topic (or the topics one rule names together), with every rule's segment on it."""

    topics: tuple[str, ...]
    labels: tuple[str, ...]
    segments: tuple[Segment, ...]
    current: Segment | None  # the segment that applies now
    ahead: Segment | None  # the next segment still to come
    ok_from: datetime | None  # when the last pause of this bar ends (None: a "do" bar)

    @property
    def label(self) -> str:
        return ", ".join(self.labels)

    @property
    def is_pause(self) -> bool:
        return any(s.level != "recommended" for s in self.segments)


@dataclass(frozen=True)
class Tick:
    hours: int
    x: float
    anchor: str  # SVG text-anchor that keeps the label inside the chart


@dataclass(frozen=True)
class Timeline:
    session_at: datetime
    now: datetime
    hours_now: float
    span_hours: int
    now_x: float | None  # None once the whole axis is past
    now_anchor: str
    ticks: tuple[Tick, ...]
    pauses: tuple[Bar, ...]
    dos: tuple[Bar, ...]
    tips: list[Step]

    @property
    def open_pauses(self) -> list[Bar]:
        return [b for b in self.pauses if b.current is not None]

    @property
    def wait_groups(self) -> list[dict[str, Any]]:
        """The open pauses by the moment they end, then by the level that applies now: "OK
        again in 2 days: avoid fragrance, essential oils; go carefully with direct sun"."""
        groups: dict[datetime, dict[str, list[Bar]]] = {}
        for bar in self.open_pauses:
            assert bar.ok_from is not None and bar.current is not None
            groups.setdefault(bar.ok_from, {}).setdefault(bar.current.level, []).append(bar)
        return [
            {
                "until": until,
                "levels": list(levels.items()),
                "bars": [b for bars in levels.values() for b in bars],
            }
            for until, levels in sorted(groups.items())
        ]

    @property
    def over_pauses(self) -> list[Bar]:
        return [b for b in self.pauses if b.current is None and b.ahead is None]

    @property
    def do_now(self) -> list[Bar]:
        return [b for b in self.dos if b.current is not None]

    @property
    def do_later(self) -> list[Bar]:
        return [b for b in self.dos if b.current is None and b.ahead is not None]

    @property
    def groups(self) -> list[dict[str, Any]]:
        """The chart's two lists: pauses, then habits to keep."""
        out = [("Pauses", "pause-bars", self.pauses), ("Do", "do-bars", self.dos)]
        return [{"title": t, "testid": i, "bars": b} for t, i, b in out if b]

    @property
    def bars(self) -> tuple[Bar, ...]:
        return self.pauses + self.dos

    @property
    def past_x(self) -> float:
        """How much of the axis lies behind now (shaded)."""
        return self.now_x if self.now_x is not None else (100.0 if self.hours_now > 0 else 0.0)

    @property
    def open_now(self) -> bool:
        return bool(self.open_pauses)


def _percent(hours: float, span: int) -> float:
    return round(min(max(hours, 0.0), span) / span * 100, 3)


def _anchor(x: float) -> str:
    return "start" if x < 8 else "end" if x > 92 else "middle"


def _hours(at: datetime, session_at: datetime) -> float:
    return (at - session_at).total_seconds() / 3600


def _segment(window: dict[str, Any], session_at: datetime, span: int) -> Segment:
    start_h = _hours(window["from"], session_at)
    end_h = None if window["until"] is None else _hours(window["until"], session_at)
    x = _percent(start_h, span)
    width = round(_percent(span if end_h is None else end_h, span) - x, 3)
    return Segment(
        window["rule"],
        window["level"],
        window["message"],
        window["grade"],
        tuple(window["sources"]),
        window["from"],
        window["until"],
        start_h,
        end_h,
        x,
        width,
    )


def _bar(
    topics: tuple[str, ...], labels: tuple[str, ...], segments: list[Segment], now: datetime
) -> Bar:
    segments.sort(key=lambda s: s.starts)
    current = next(
        (s for s in segments if s.starts <= now and (s.ends is None or now < s.ends)), None
    )
    ahead = next((s for s in segments if s.starts > now), None)
    pauses = [s.ends for s in segments if s.level != "recommended" and s.ends is not None]
    return Bar(topics, labels, tuple(segments), current, ahead, max(pauses, default=None))


def _bars(
    windows: list[dict[str, Any]], session_at: datetime, now: datetime, span: int
) -> list[Bar]:
    """Group the windows by the topics their rule names together (`aftercare.actives` is one
    bar for retinoids, acids and vitamin C), keeping the rules' order."""
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for window in windows:
        by_rule.setdefault(window["rule"], []).append(window)
    groups: dict[tuple[str, ...], tuple[tuple[str, ...], list[Segment]]] = {}
    for rule_windows in by_rule.values():
        topics = tuple(w["topic"] for w in rule_windows)
        labels = tuple(str(w["label"]) for w in rule_windows)
        _, segments = groups.setdefault(topics, (labels, []))
        segments.append(_segment(rule_windows[0], session_at, span))
    return [_bar(topics, labels, segs, now) for topics, (labels, segs) in groups.items()]


def timeline(session_at: datetime, needle_mm: float, now: datetime) -> Timeline:
    windows = aftercare_windows(session_at, needle_mm)
    ends = [_hours(w["until"], session_at) for w in windows if w["until"] is not None]
    span = max(TICK_HOURS, int(-(-max(ends, default=0) // TICK_HOURS)) * TICK_HOURS)
    bars = _bars(windows, session_at, now, span)
    # Shortest pause first, so the bars step down the week like a staircase.
    pauses = sorted((b for b in bars if b.is_pause), key=lambda b: (b.ok_from or now, b.label))
    dos = [b for b in bars if not b.is_pause]
    hours_now = _hours(now, session_at)
    now_x = _percent(hours_now, span) if 0 <= hours_now <= span else None
    ticks = tuple(
        Tick(h, _percent(h, span), _anchor(_percent(h, span)))
        for h in range(0, span + 1, TICK_HOURS)
    )
    return Timeline(
        session_at,
        now,
        hours_now,
        span,
        now_x,
        _anchor(now_x or 0),
        ticks,
        tuple(pauses),
        tuple(dos),
        after_session(),
    )
