"""The recovery chart of one session: redness and pain over hours, as SVG and in words."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # no display, ever: charts are drawn on the server

from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure


@dataclass(frozen=True)
class Point:
    hours: float
    redness: int
    pain: int


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
    matplotlib.rcParams["svg.hashsalt"] = "needlewise"  # stable ids: same data, same bytes
    figure = Figure(figsize=(4.4, 3.8), dpi=100, layout="constrained")
    FigureCanvasSVG(figure)
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=[1, 1])
    hours = [p.hours for p in points]
    top.plot(
        hours,
        [p.redness for p in points],
        marker="o",
        linestyle="-",
        color="#a1121b",
        linewidth=2.2,
        markersize=7,
    )
    top.set_ylim(-0.2, 3.2)
    top.set_yticks([0, 1, 2, 3], ["0 none", "1 mild", "2 clear", "3 strong"])
    top.set_title("Redness", loc="left", fontsize=11, fontweight="bold")
    bottom.plot(
        hours,
        [p.pain for p in points],
        marker="s",
        linestyle="--",
        color="#1f5f8b",
        linewidth=2.2,
        markersize=7,
    )
    bottom.set_ylim(-0.5, 10.5)
    bottom.set_yticks([0, 5, 10])
    bottom.set_title("Pain (0 to 10)", loc="left", fontsize=11, fontweight="bold")
    bottom.set_xlabel("Hours since the session")
    right = max([*hours, 72.0])
    bottom.set_xlim(0, right * 1.05)
    bottom.set_xticks([t for t in (0, 6, 24, 48, 72, 96, 120, 168, 240, 336) if t <= right * 1.05])
    for axes in (top, bottom):
        axes.grid(True, color="#d5d9e0", linewidth=0.8)
        axes.spines[["top", "right"]].set_visible(False)
        axes.tick_params(labelsize=9)
    out = io.BytesIO()
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()
