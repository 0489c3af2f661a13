"""One look for every chart (recovery, ratings and redness, cost, the PDF's): drawn on the server,
readable at a phone's width, axes that start at zero and count in whole numbers.

Below every app, like `limits.py`: it imports matplotlib only, so any app may draw with it. A chart
module calls `render(draw, height=...)`, where `draw(figure)` plots, then `style(axes)` each axes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

import matplotlib

matplotlib.use("Agg")  # no display, ever: charts are drawn on the server

from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, DateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

#: 3.8 inches at 100 dpi: 380 px, shown about 1:1 in a phone's 390 css px column, so the fonts
#: below stay 11 px or more on the screen (the images are max-width: 100%).
WIDTH = 3.8
DPI = 100
#: Lines and markers in colours with at least 4.5:1 contrast on white (WCAG AA for text too);
#: each series also has its own marker and line style, never colour alone.
COLOURS = ("#1f5f8b", "#a1121b", "#2f6b1f", "#6a3d9a", "#8a4b00", "#374151")
MARKERS = ("o", "s", "^", "D", "v", "P")
LINES = ("-", "--", ":", "-.")
INK = "#1f2937"
MUTED = "#4b5563"
GRID = "#d5d9e0"

RC = {
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 11,
    "axes.labelcolor": INK,
    "axes.edgecolor": MUTED,
    "axes.prop_cycle": matplotlib.cycler(color=COLOURS),
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "xtick.color": INK,
    "ytick.color": INK,
    "legend.fontsize": 10,
    "legend.frameon": False,
    "lines.linewidth": 2.2,
    "lines.markersize": 7,
    "text.color": INK,
    "svg.hashsalt": "needlewise",  # stable ids: same data, same bytes
}


def series_style(i: int) -> dict[str, object]:
    """The i-th series' colour, marker and line style; markers sit on the axis, not cut by it."""
    return {
        "color": COLOURS[i % len(COLOURS)],
        "marker": MARKERS[i % len(MARKERS)],
        "linestyle": LINES[i % len(LINES)],
        "clip_on": False,
    }


def style(
    axes: Axes,
    *,
    integer_x: bool = False,
    integer_y: bool = False,
    top: float | None = None,
    values: Iterable[float] = (),
) -> None:
    """Grid, no top and right frame, the y axis from zero (lower only for a value below zero),
    and whole-number ticks where the quantity counts (sessions, scores)."""
    lowest = min([0.0, *values])
    axes.set_ylim(bottom=lowest, top=top)
    if integer_x:
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    if integer_y:
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(True, color=GRID, linewidth=0.8)
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)
    if axes.get_legend_handles_labels()[0]:
        axes.legend()


def dates(axes: Axes) -> None:
    """A date axis with at most five labels, written as people read them ("3 Dec")."""
    axes.xaxis.set_major_locator(AutoDateLocator(minticks=2, maxticks=5))
    axes.xaxis.set_major_formatter(DateFormatter("%-d %b"))


def render(
    draw: Callable[[Figure], None],
    *,
    height: float,
    fmt: str = "svg",
    width: float = WIDTH,
    dpi: int = DPI,
) -> bytes:
    """The figure `draw` fills, in the shared style, as SVG (pages) or PNG (the PDF)."""
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(width, height), dpi=dpi, layout="constrained")
        draw(figure)
        out = io.BytesIO()
        metadata = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
        figure.savefig(out, format=fmt, metadata=metadata)
    return out.getvalue()
