"""Every chart shares one style (needlewise/charts.py): axes from zero, whole-number ticks where
a quantity counts, a phone-width figure, and a summary in words beside it on the page."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

from django.utils import timezone
from matplotlib.figure import Figure

from needlewise import charts
from needlewise.portability import report
from needlewise.progress import chart as progress_chart
from needlewise.recovery import chart as recovery_chart


def _lows(figure: Figure) -> list[float]:
    return [axes.get_ylim()[0] for axes in figure.axes]


def test_style_starts_at_zero_and_counts_in_whole_numbers():
    figure = Figure()
    axes = figure.subplots()
    axes.plot([1, 2, 3], [1, 3, 2])
    charts.style(axes, integer_x=True, integer_y=True)
    assert axes.get_ylim()[0] == 0
    figure.canvas.draw()
    assert all(float(t).is_integer() for t in axes.get_xticks())
    assert all(float(t).is_integer() for t in axes.get_yticks())


def test_style_goes_below_zero_only_for_a_value_below_zero():
    axes = Figure().subplots()
    axes.plot([1, 2], [-2.5, 4])
    charts.style(axes, values=[-2.5, 4])
    assert axes.get_ylim()[0] == -2.5


def test_figures_fit_a_phone_column():
    svg = charts.render(lambda f: f.subplots().plot([0, 1], [0, 1]), height=3)
    assert b'width="273.6pt"' in svg  # 3.8 in: 380 px at 100 dpi, as wide as a 390 px phone
    assert svg == charts.render(lambda f: f.subplots().plot([0, 1], [0, 1]), height=3)


def test_the_recovery_chart_has_no_negative_axis():
    points = [recovery_chart.Point(h, r, p) for h, r, p in [(6, 2, 3), (24, 1, 1), (72, 0, 0)]]
    figure = Figure()
    recovery_chart._draw(figure, points)
    assert _lows(figure) == [0, 0]
    assert figure.axes[1].get_xlim()[0] == 0


def test_the_progress_chart_has_no_negative_axis():
    today = timezone.localdate()
    series = progress_chart.Series(
        ratings={"acne_scars": [(today - timedelta(days=28), 4), (today, 6)]},
        redness={"cheeks": [(today - timedelta(days=28), 14.2), (today, 12.1)]},
        sessions=[today - timedelta(days=14)],
    )
    figure = Figure()
    progress_chart._draw(figure, series)
    assert _lows(figure) == [0, 0]


def test_the_pdf_chart_has_no_negative_axis_and_whole_grades():
    start = datetime(2026, 11, 2, 20, tzinfo=timezone.get_current_timezone())
    early = [
        SimpleNamespace(at=start + timedelta(hours=h), redness=r, pain=p)
        for h, r, p in [(6, 2, 4), (24, 1, 2), (72, 0, 0)]
    ]
    figure = Figure()
    report._draw(figure, SimpleNamespace(early_checkins=early))
    (axes,) = figure.axes
    assert axes.get_ylim()[0] == 0
    figure.canvas.draw()
    assert all(float(t).is_integer() for t in axes.get_yticks())
    assert report.chart_png(SimpleNamespace(early_checkins=early)).startswith(b"\x89PNG")
