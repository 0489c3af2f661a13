"""The progress chart: self-ratings, session dates and measured redness over time, in words too."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta

import matplotlib

matplotlib.use("Agg")  # no display, ever: charts are drawn on the server

from django.utils.translation import ngettext
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from needlewise.accounts.models import User
from needlewise.people_words import person_date
from needlewise.progress import queries
from needlewise.treatments.queries import done_sessions, plans_for

#: People rate each concern every two weeks.
RATING_EVERY = timedelta(days=14)
MARKERS = ["o", "s", "^", "D", "v", "P"]
STYLES = ["-", "--", ":", "-."]


@dataclass
class Series:
    ratings: dict[str, list[tuple[date, int]]] = field(default_factory=dict)
    redness: dict[str, list[tuple[date, float]]] = field(default_factory=dict)
    sessions: list[date] = field(default_factory=list)
    due: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.ratings or self.redness)


def series_for(user: User, today: date) -> Series:
    series = Series()
    for rating in queries.ratings_for(user):
        series.ratings.setdefault(rating.concern, []).append((rating.rated_on, rating.score))
    latest: dict[int, tuple[str, date, float]] = {}  # the newest reading of each photo
    for reading in queries.readings_for(user).order_by("created_at", "id"):
        latest[reading.photo_id] = (reading.photo.area, reading.photo.taken_on, reading.a_star)
    for area, taken_on, a_star in sorted(latest.values(), key=lambda v: v[1]):
        series.redness.setdefault(area, []).append((taken_on, a_star))
    series.sessions = sorted(
        s.done_at.date() for s in done_sessions(user)[:500] if s.done_at is not None
    )
    concerns = {p.concern for p in plans_for(user)} | set(series.ratings)
    series.due = sorted(
        c
        for c in concerns
        if not series.ratings.get(c) or today - series.ratings[c][-1][0] >= RATING_EVERY
    )
    return series


def _label(code: str) -> str:
    return code.replace("_", " ")


def describe(series: Series) -> str:
    """The chart in words, for everyone who cannot see it."""
    if series.empty:
        return "No ratings or redness readings yet."
    parts = []
    for concern, points in series.ratings.items():
        (d0, s0), (d1, s1) = points[0], points[-1]
        if len(points) == 1:
            parts.append(f"You rated {_label(concern)} {s0} out of 10 on {person_date(d0)}.")
        else:
            parts.append(
                f"Your rating of {_label(concern)} went from {s0} on {person_date(d0)} "
                f"to {s1} on {person_date(d1)}."
            )
    for area, values in series.redness.items():
        (d0, a0), (d1, a1) = values[0], values[-1]
        if len(values) == 1:
            parts.append(
                f"Measured redness of the {_label(area)}: a* {a0:.1f} on {person_date(d0)}."
            )
        else:
            parts.append(
                f"Measured redness of the {_label(area)} went from a* {a0:.1f} on "
                f"{person_date(d0)} to {a1:.1f} on {person_date(d1)}."
            )
    if series.sessions:
        marked = ngettext(
            "%(n)s session is marked as a dotted line.",
            "%(n)s sessions are marked as dotted lines.",
            len(series.sessions),
        )
        parts.append(marked % {"n": len(series.sessions)})
    return " ".join(parts)


def svg(series: Series) -> bytes:
    """Ratings on top, redness below, sessions as vertical lines; marker and style differ."""
    matplotlib.rcParams["svg.hashsalt"] = "needlewise"  # stable ids: same data, same bytes
    figure = Figure(figsize=(4.4, 4.2), dpi=100, layout="constrained")
    FigureCanvasSVG(figure)
    top, bottom = figure.subplots(2, 1, sharex=True)
    for i, (concern, points) in enumerate(series.ratings.items()):
        top.plot(
            [d for d, _ in points],
            [s for _, s in points],
            marker=MARKERS[i % len(MARKERS)],
            linestyle=STYLES[i % len(STYLES)],
            linewidth=2.2,
            markersize=7,
            label=_label(concern),
        )
    top.set_ylim(0.5, 10.5)
    top.set_yticks([1, 4, 7, 10])
    top.set_title("Your ratings (1 to 10)", loc="left", fontsize=11, fontweight="bold")
    for i, (area, values) in enumerate(series.redness.items()):
        bottom.plot(
            [d for d, _ in values],
            [a for _, a in values],
            marker=MARKERS[(i + 3) % len(MARKERS)],
            linestyle=STYLES[i % len(STYLES)],
            linewidth=2.2,
            markersize=7,
            label=_label(area),
        )
    bottom.set_title("Measured redness (a*)", loc="left", fontsize=11, fontweight="bold")
    for axes in (top, bottom):
        for day in series.sessions:
            axes.axvline(day, color="#6b7280", linestyle=":", linewidth=1)
        if axes.get_legend_handles_labels()[0]:
            axes.legend(fontsize=8, frameon=False)
        axes.grid(True, color="#d5d9e0", linewidth=0.8)
        axes.spines[["top", "right"]].set_visible(False)
        axes.tick_params(labelsize=8)
    figure.autofmt_xdate()
    out = io.BytesIO()
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()
