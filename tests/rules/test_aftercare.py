"""Aftercare windows follow POLICY.md section 4, checked at their edges."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from needlewise.rules.aftercare import before_session, plan
from needlewise.rules.errors import InputError

SESSION = datetime(2026, 3, 2, 19, 30, tzinfo=UTC)

WINDOWS = [
    ("retinoid", "avoid", 0, 168, "CLINIC"),
    ("aha", "avoid", 0, 168, "CLINIC"),
    ("bha", "avoid", 0, 168, "CLINIC"),
    ("benzoyl_peroxide", "avoid", 0, 168, "CLINIC"),
    ("vitamin_c", "avoid", 0, 168, "CLINIC"),
    ("physical_exfoliant", "avoid", 0, 168, "CLINIC"),
    ("enzyme_exfoliant", "avoid", 0, 168, "CLINIC"),
    ("fragrance", "avoid", 0, 72, "CLINIC"),
    ("essential_oil", "avoid", 0, 72, "WEB"),
    ("drying_alcohol", "avoid", 0, 72, "WEB"),
    ("fragrance_allergen", "caution", 0, 72, "WEB"),
    ("pha", "caution", 0, 72, "SEED"),
    ("vitamin_c_derivative", "caution", 0, 72, "SEED"),
    ("makeup", "avoid", 0, 24, "CLINIC"),
    ("sweaty_exercise", "avoid", 0, 48, "CLINIC"),
    ("sauna_pool", "avoid", 0, 72, "CLINIC"),
    ("sunscreen", "recommended", 24, None, "CLINIC"),
    ("soothing", "recommended", 0, None, "CLINIC"),
]


def _window(topic: str, level: str | None = None):  # type: ignore[no-untyped-def]
    return next(
        w for w in plan(SESSION, 0.5).windows if w.topic == topic and level in (None, w.level)
    )


@pytest.mark.parametrize(("topic", "level", "start", "end", "grade"), WINDOWS)
def test_each_topic_has_its_policy_window(
    topic: str, level: str, start: int, end: int | None, grade: str
) -> None:
    window = _window(topic)
    assert window.level == level
    assert window.grade == grade
    assert window.start == SESSION + timedelta(hours=start)
    assert window.until == (SESSION + timedelta(hours=end) if end is not None else None)


def test_sun_is_avoided_24_hours_then_minimised_until_72() -> None:
    avoid, minimise = _window("sun", "avoid"), _window("sun", "caution")
    assert avoid.until == SESSION + timedelta(hours=24) == minimise.start
    assert minimise.until == SESSION + timedelta(hours=72)
    assert "SPF 30" in _window("sunscreen").message


def test_inferred_windows_say_they_are_an_inference() -> None:
    for topic in ("pha", "vitamin_c_derivative"):
        assert "inference" in _window(topic).message


def test_a_168_hour_window_covers_hour_167_but_not_hour_168() -> None:
    window = _window("retinoid")
    assert window.until is not None
    assert window.start <= SESSION + timedelta(hours=167) < window.until
    assert not SESSION + timedelta(hours=168) < window.until


def test_naive_session_time_is_utc() -> None:
    naive = datetime(2026, 3, 2, 19, 30)  # noqa: DTZ001
    assert plan(naive, 0.25).windows[0].start == SESSION


def test_before_session_stops_strong_actives_72_hours_ahead() -> None:
    windows = before_session(SESSION)
    assert {w.topic for w in windows} == {"retinoid", "aha", "bha", "benzoyl_peroxide"}
    for w in windows:
        assert w.level == "avoid"
        assert (w.start, w.until) == (SESSION - timedelta(hours=72), SESSION)


def test_needle_length_outside_0_to_3_is_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        plan(SESSION, 3.5)
    assert err.value.field == "needle_mm"


def test_plan_to_dict_uses_iso_times_and_null_for_open_windows() -> None:
    data = plan(SESSION, 0.5).to_dict()
    soothing = next(w for w in data["windows"] if w["topic"] == "soothing")
    assert soothing["from"] == "2026-03-02T19:30:00+00:00" and soothing["until"] is None
    assert set(soothing) == {"rule", "topic", "level", "from", "until", "message", "grade",
                             "sources"}  # fmt: skip
