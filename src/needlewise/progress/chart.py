"""The progress chart: self-ratings, session dates and measured redness over time, in words too."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import ngettext
from matplotlib.figure import Figure

from needlewise import charts
from needlewise.accounts.models import User
from needlewise.people_words import person_date
from needlewise.progress import queries
from needlewise.rules import labels
from needlewise.treatments.queries import done_sessions, plans_for

#: People rate each concern every two weeks.
RATING_EVERY = timedelta(days=14)


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


def _concern(code: str) -> str:
    return labels.lower(code, "concern")


def _area(code: str) -> str:
    """An area inside "of the …" ("of the under eye"); the label where it stands alone."""
    return code.replace("_", " ")


def describe(series: Series) -> str:
    """The chart in words, for everyone who cannot see it."""
    if series.empty:
        return "No ratings or redness readings yet."
    parts = []
    for concern, points in series.ratings.items():
        (d0, s0), (d1, s1) = points[0], points[-1]
        if len(points) == 1:
            parts.append(f"You rated {_concern(concern)} {s0} out of 10 on {person_date(d0)}.")
        else:
            parts.append(
                f"Your rating of {_concern(concern)} went from {s0} on {person_date(d0)} "
                f"to {s1} on {person_date(d1)}."
            )
    for area, values in series.redness.items():
        (d0, a0), (d1, a1) = values[0], values[-1]
        if len(values) == 1:
            parts.append(
                f"Measured redness of the {_area(area)}: a* {a0:.1f} on {person_date(d0)}."
            )
        else:
            parts.append(
                f"Measured redness of the {_area(area)} went from a* {a0:.1f} on "
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
    return charts.render(lambda figure: _draw(figure, series), height=4.4)


def _draw(figure: Figure, series: Series) -> None:
    top, bottom = figure.subplots(2, 1, sharex=True)
    for i, (concern, points) in enumerate(series.ratings.items()):
        top.plot(
            [d for d, _ in points],
            [s for _, s in points],
            label=labels.label(concern, "concern"),
            **charts.series_style(i),
        )
    top.set_yticks([0, 2, 4, 6, 8, 10])
    top.set_title("Your ratings (1 to 10)")
    values: list[float] = []
    for i, (area, points) in enumerate(series.redness.items()):
        values += [a for _, a in points]
        bottom.plot(
            [d for d, _ in points],
            [a for _, a in points],
            label=labels.label(area, "area"),
            **(charts.series_style(i) | {"marker": charts.MARKERS[(i + 3) % 6]}),
        )
    bottom.set_title("Measured redness (a*)")
    for axes in (top, bottom):
        for day in series.sessions:
            axes.axvline(day, color=charts.MUTED, linestyle=":", linewidth=1)
    charts.style(top, top=10.5)
    charts.style(bottom, values=values)
    charts.dates(bottom)
