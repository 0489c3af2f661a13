"""The clinical summary on a professional's client page: red flags with their signs, the recovery
chart, and what changed since their last visit. Built from what the timeline already read under
the grant's scopes (plus one query for the red flags), so nothing unshared is ever looked at."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import F
from django.utils import timezone

#: Red flags listed on the client page, newest first (the open one always among them).
FLAGS_SHOWN = 10
#: Early check-ins drawn on the recovery chart, the newest.
CHART_POINTS = 30
#: The chart's drawing area, in SVG user units (it scales to the page's width).
WIDTH, PANEL, GAP, LEFT, TOP = 340, 80, 34, 34, 22


@dataclass(frozen=True)
class FlagRow:
    """One red flag: the escalation and its signs in words, read in bulk."""

    escalation: Any
    signs: str

    @property
    def is_open(self) -> bool:
        return bool(self.escalation.is_open)


def red_flags(client: Any) -> list[FlagRow]:
    """The client's red flags, the open one first then the newest, each with its signs: two
    queries however many there are (the escalation's own `signs` reads one per flag)."""
    from needlewise.recovery.models import RED_FLAG_LEVELS, CheckIn, Escalation
    from needlewise.recovery.signs import summary

    flags = list(
        Escalation.objects.filter(user=client).order_by(
            F("cleared_at").desc(nulls_first=True), "-opened_at", "-id"
        )[:FLAGS_SHOWN]
    )
    if not flags:
        return []
    checkins = list(
        CheckIn.objects.filter(
            user=client,
            level__in=RED_FLAG_LEVELS,
            at__gte=min(f.opened_at for f in flags),
        ).order_by("-at", "-id")
    )
    rows = []
    for flag in flags:
        mine = [
            c
            for c in checkins
            if c.at >= flag.opened_at and (flag.cleared_at is None or c.at <= flag.cleared_at)
        ]
        flag.__dict__["signs"] = summary(mine)  # fills the cached property: no query per flag
        rows.append(FlagRow(flag, flag.signs))
    return rows


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class Panel:
    """One measure (redness 0–3 or pain 0–10) drawn over the same check-ins."""

    title: str
    top: float
    bottom: float
    ticks: list[Tick]
    points: list[tuple[float, float]]

    @property
    def polyline(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.points)


@dataclass
class RecoveryChart:
    """Redness and pain of the newest early check-ins, oldest left; a dashed line where a new
    session began; and the same in words."""

    panels: list[Panel] = field(default_factory=list)
    sessions: list[float] = field(default_factory=list)
    dates: list[tuple[float, str]] = field(default_factory=list)
    summary: str = ""
    count: int = 0
    width: int = WIDTH + LEFT + 10
    height: int = TOP + 2 * PANEL + GAP + 30
    left: int = LEFT
    right: int = LEFT + WIDTH


def _day(at: datetime, with_time: bool = False) -> str:
    return (
        f"{timezone.localtime(at):%-d %b, %H:%M}"
        if with_time
        else f"{timezone.localtime(at):%-d %b}"
    )


def _panel(title: str, top: float, most: int, ticks: list[int], values: list[int]) -> Panel:
    step = WIDTH / max(len(values) - 1, 1)

    def y(v: float) -> float:
        return top + PANEL - PANEL * v / most

    points = [(LEFT + i * step if len(values) > 1 else LEFT + WIDTH / 2, y(v))
              for i, v in enumerate(values)]  # fmt: skip
    return Panel(title, top, top + PANEL, [Tick(y(t), str(t)) for t in ticks], points)


def _words(first: Any, last: Any, count: int, sessions: int, with_time: bool) -> str:
    if count == 1:
        return (
            f"One check-in, on {_day(first.at)}: redness {first.redness} of 3, "
            f"pain {first.pain} of 10."
        )
    after = f", after {sessions} session{'s' if sessions != 1 else ''}" if sessions else ""
    return (
        f"{count} check-ins from {_day(first.at, with_time)} to {_day(last.at, with_time)}{after}. "
        f"Redness went from {first.redness} to {last.redness} of 3, "
        f"pain from {first.pain} to {last.pain} of 10."
    )


def recovery_chart(checkins: list[Any]) -> RecoveryChart | None:
    """The chart of the check-ins the timeline read (newest first); None without any early
    check-in to draw. Every axis starts at 0 and ticks are whole numbers."""
    early = [c for c in checkins if not c.is_late and c.redness is not None and c.pain is not None]
    early = sorted(early[:CHART_POINTS], key=lambda c: (c.at, c.pk))
    if not early:
        return None
    chart = RecoveryChart(count=len(early))
    chart.panels = [
        _panel("Redness (0 to 3)", TOP, 3, [0, 1, 2, 3], [c.redness for c in early]),
        _panel("Pain (0 to 10)", TOP + PANEL + GAP, 10, [0, 5, 10], [c.pain for c in early]),
    ]
    xs = [x for x, _ in chart.panels[0].points]
    chart.sessions = [
        xs[i] for i in range(1, len(early)) if early[i].session_id != early[i - 1].session_id
    ]
    shown = {0, len(early) - 1} if len(early) > 1 else {0}
    one_day = _day(early[0].at) == _day(early[-1].at)
    chart.dates = [(xs[i], _day(early[i].at, one_day and len(early) > 1)) for i in sorted(shown)]
    sessions = len({c.session_id for c in early})
    chart.summary = _words(early[0], early[-1], len(early), sessions, one_day)
    return chart


@dataclass(frozen=True)
class Change:
    """One line of "what changed since your last visit"."""

    what: str
    items: list[str]


def _level(code: str) -> str:
    from needlewise.rulebook.summaries import word

    return str(word(code))


def changes(t: Any, since: datetime | None) -> list[Change]:
    """What is new in each shared part since `since` (None: a first visit, nothing to list),
    from what the timeline already read."""
    if since is None:
        return []
    out: list[Change] = []
    if t.check is not None and t.check.created_at > since:
        out.append(Change("New suitability check", [
            f"{_day(t.check.created_at)}: {_level(t.check.verdict)}"]))  # fmt: skip
    sessions = [s for s in t.sessions if s.done_at and s.done_at > since]
    if sessions:
        out.append(Change("Sessions", [_day(s.done_at) for s in sessions]))
    checkins = [c for c in t.checkins if c.at > since]
    if checkins:
        items = [f"{_day(c.at)}: {_level(c.level)}" for c in checkins[:10]]
        out.append(Change("Recovery check-ins", items))
    opened = [f for f in t.flags if f.escalation.opened_at > since]
    cleared = [f for f in t.flags if f.escalation.cleared_at and f.escalation.cleared_at > since]
    if opened:
        out.append(Change("Red flags raised", [
            f"{_day(f.escalation.opened_at)}: {f.signs or _level(f.escalation.level)}"
            for f in opened]))  # fmt: skip
    if cleared:
        out.append(Change("Red flags cleared", [_day(f.escalation.cleared_at) for f in cleared]))
    photos = [p for p in (t.photo_choices or [m.photo for m in t.photos]) if p.created_at > since]
    if photos:
        items = [f"{_level(p.area).capitalize()}, {p.taken_on:%-d %b}" for p in photos[:10]]
        out.append(Change("Photos", items))
    products = [s.product for s in t.products if s.product.created_at > since]
    if products:
        out.append(Change("Products added", [p.name for p in products]))
    return out
