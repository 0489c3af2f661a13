"""The recovery chart of one session: redness and pain over hours, as SVG and in words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure

from needlewise import charts
from needlewise.recovery.models import CheckIn


@dataclass(frozen=True)
class Point:
    hours: float
    redness: int
    pain: int


def points_for(session: Any) -> list[Point]:
    """The chart's points of one done session, one query: early check-ins only (a late one
    asked no redness or pain). The professional's client page draws the same chart from it."""
    rows = session.checkins.filter(kind=CheckIn.Kind.EARLY).order_by("at", "id")
    values = rows.values_list("hours_since_session", "redness", "pain")
    return [Point(h, r, p) for h, r, p in values]


def _h(hours: float) -> str:
    return f"{hours:.0f} h"


def _trend(name: str, values: Sequence[tuple[float, int]]) -> str:
    """One sentence: "Redness fell from 2 at 6 h to 0 at 72 h", with the peak when it matters."""
    (h0, v0), (h1, v1) = values[0], values[-1]
    if len(values) == 1:
        return f"{name} was {v0} at {_h(h0)}."
    peak_h, peak = max(values, key=lambda p: p[1])
    if v1 < v0:
        text = f"{name} fell from {v0} at {_h(h0)} to {v1} at {_h(h1)}"
    elif v1 > v0:
        text = f"{name} rose from {v0} at {_h(h0)} to {v1} at {_h(h1)}"
    else:
        text = f"{name} stayed at {v0} from {_h(h0)} to {_h(h1)}"
    if peak > max(v0, v1):
        text += f", peaking at {peak} at {_h(peak_h)}"
    return text + "."


def describe(points: Sequence[Point]) -> str:
    """The chart in words, for everyone who cannot see it."""
    if not points:
        return "No check-ins recorded for this session yet."
    redness = _trend("Redness (0 to 3)", [(p.hours, p.redness) for p in points])
    pain = _trend("Pain (0 to 10)", [(p.hours, p.pain) for p in points])
    return f"{redness} {pain}"


def svg(points: Sequence[Point]) -> bytes:
    """Two panels sharing the hours axis; lines differ by marker and style, not colour alone."""
    return charts.render(lambda figure: _draw(figure, points), height=3.8)


def _draw(figure: Figure, points: Sequence[Point]) -> None:
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=[1, 1])
    hours = [p.hours for p in points]
    top.plot(
        hours,
        [p.redness for p in points],
        **(charts.series_style(1) | {"marker": "o", "linestyle": "-"}),
    )
    top.set_yticks([0, 1, 2, 3], ["0 none", "1 mild", "2 clear", "3 strong"])
    top.set_title("Redness")
    charts.style(top, top=3.2)
    bottom.plot(
        hours,
        [p.pain for p in points],
        **(charts.series_style(0) | {"marker": "s", "linestyle": "--"}),
    )
    bottom.set_yticks([0, 5, 10])
    bottom.set_title("Pain (0 to 10)")
    bottom.set_xlabel("Hours since the session")
    charts.style(bottom, top=10.5)
    right = max([*hours, 72.0])
    bottom.set_xlim(0, right * 1.05)
    bottom.set_xticks([t for t in (0, 24, 48, 72, 96, 120, 168, 240, 336) if t <= right * 1.05])
