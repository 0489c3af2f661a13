from __future__ import annotations

from needlewise.recovery.chart import Point, describe, svg


def test_the_description_says_where_it_started_ended_and_peaked():
    points = [Point(6, 1, 2), Point(24, 3, 5), Point(72, 0, 0)]
    assert describe(points) == (
        "Redness (0 to 3) fell from 1 at 6 h to 0 at 72 h, peaking at 3 at 24 h. "
        "Pain (0 to 10) fell from 2 at 6 h to 0 at 72 h, peaking at 5 at 24 h."
    )


def test_rising_steady_single_and_empty():
    assert describe([Point(50, 1, 0), Point(60, 2, 0)]).startswith(
        "Redness (0 to 3) rose from 1 at 50 h to 2 at 60 h."
    )
    assert "Pain (0 to 10) stayed at 0 from 50 h to 60 h." in describe(
        [Point(50, 1, 0), Point(60, 2, 0)]
    )
    assert (
        describe([Point(6, 2, 3)]) == "Redness (0 to 3) was 2 at 6 h. Pain (0 to 10) was 3 at 6 h."
    )
    assert describe([]) == "No check-ins recorded for this session yet."


def test_the_svg_is_stable_and_self_contained():
    points = [Point(6, 2, 3), Point(24, 1, 1)]
    first, second = svg(points), svg(points)
    assert first == second
    assert b"<svg" in first and b"<script" not in first and b"<image" not in first
    assert b"Hours since the session" in first
