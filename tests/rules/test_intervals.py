"""Intervals follow POLICY.md section 3, including the tolerance example exactly."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from needlewise.rules.errors import InputError
from needlewise.rules.intervals import CheckIn, Session, next_allowed
from needlewise.rules.knowledge import knowledge
from needlewise.rules.limits import Limits


def at(day: int, hour: int = 20, month: int = 11) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=UTC)


@pytest.mark.parametrize(
    ("mm", "days", "rule"),
    [
        (0.2, 7, "intervals.band.up_to_0_3"),
        (0.3, 7, "intervals.band.up_to_0_3"),
        (0.25, 7, "intervals.band.up_to_0_3"),
        (0.5, 7, "intervals.band.up_to_0_5"),
        (0.35, 7, "intervals.band.up_to_0_5"),
        (0.75, 28, "intervals.band.up_to_1_0"),
        (1.0, 28, "intervals.band.up_to_1_0"),
        (1.5, 28, "intervals.band.over_1_0"),
    ],
)
def test_each_needle_band_has_its_minimum_days(mm: float, days: int, rule: str) -> None:
    result = next_allowed([Session(at(1), mm, ("cheeks",))])
    assert result.next_allowed == date(2025, 11, 1) + timedelta(days=days)
    assert result.reasons[0].rule == rule
    assert not result.blocked


@pytest.mark.parametrize("mm", [0.25, 0.3])
def test_short_needles_wait_a_week_and_say_the_web_allows_less(mm: float) -> None:
    """POLICY.md section 3: the brief's "at least a week" wins over web guides' 2-3 days."""
    result = next_allowed([Session(at(1), mm, ("cheeks",))])
    assert result.next_allowed == date(2025, 11, 8)
    [reason] = result.reasons
    assert reason.grade == "SEED" and "seed-brief" in reason.sources
    assert "7 days" in reason.message and "two or three days" in reason.message


def test_the_short_needle_band_points_at_its_disagreement() -> None:
    k = knowledge()
    [band] = [b for b in k["intervals"]["bands"] if b["id"] == "intervals.band.up_to_0_3"]
    [item] = [d for d in k["disagreements"]["disagreements"] if d["id"] == band["disagreement"]]
    assert "two or three days" in item["summary"] and "7 days" in item["summary"]


def test_tolerance_still_lengthens_a_short_needle_week() -> None:
    # 0.25 mm on 1 Nov, clear only on 6 Nov (120 h -> 5 days): 7 + 2 = 9 days -> 10 Nov.
    checkins = [CheckIn(at(3), 1), CheckIn(at(6), 0)]
    result = next_allowed([Session(at(1), 0.25)], checkins)
    assert result.next_allowed == date(2025, 11, 10)
    assert "tolerance" in [r.code for r in result.reasons]


def test_over_1_mm_is_marked_professional_only() -> None:
    result = next_allowed([Session(at(1), 1.5)])
    assert "professional only" in result.reasons[0].message


def test_the_policy_tolerance_example_gives_10_november() -> None:
    checkins = [CheckIn(at(3), 1), CheckIn(at(5), 1), CheckIn(at(6), 0)]
    result = next_allowed([Session(at(1), 0.5)], checkins)
    assert result.next_allowed == date(2025, 11, 10)
    assert not result.blocked
    tolerance = next(r for r in result.reasons if r.code == "tolerance")
    assert "5 days" in tolerance.message and "2 days" in tolerance.message


def test_recovery_within_3_days_adds_nothing() -> None:
    result = next_allowed([Session(at(1), 0.5)], [CheckIn(at(4), 0)])
    assert result.next_allowed == date(2025, 11, 8)
    assert "tolerance" not in [r.code for r in result.reasons]


def test_recovery_hours_round_up_to_whole_days() -> None:
    # 73 h -> 4 days -> one extra day
    result = next_allowed([Session(at(1), 0.5)], [CheckIn(at(4, 21), 0)])
    assert result.next_allowed == date(2025, 11, 9)


def test_pain_counts_against_a_clear_check_in() -> None:
    checkins = [CheckIn(at(3), 0, pain=2), CheckIn(at(6), 0)]
    assert next_allowed([Session(at(1), 0.5)], checkins).next_allowed == date(2025, 11, 10)


def test_a_professional_minimum_interval_can_only_lengthen_the_wait() -> None:
    longer = next_allowed([Session(at(1), 0.5)], limits=Limits(min_interval_days=14))
    assert longer.next_allowed == date(2025, 11, 15)
    assert "professional_min_interval" in [r.code for r in longer.reasons]
    shorter = next_allowed([Session(at(1), 0.5)], limits=Limits(min_interval_days=2))
    assert shorter.next_allowed == date(2025, 11, 8)


def test_a_red_latest_check_in_blocks_until_a_clear_one() -> None:
    red = next_allowed([Session(at(1), 0.25)], [CheckIn(at(9), 1)])
    assert red.blocked
    assert red.next_allowed == date(2025, 11, 10)
    assert "blocked_by_checkin" in [r.code for r in red.reasons]
    [why] = [r.message for r in red.reasons if r.code == "blocked_by_checkin"]
    assert "on 9 November 2025 still showed" in why  # written out, never ISO
    clear = next_allowed([Session(at(1), 0.25)], [CheckIn(at(9), 1), CheckIn(at(10), 0)])
    assert not clear.blocked


def test_check_ins_before_the_last_session_are_ignored() -> None:
    sessions = [Session(at(1), 0.25), Session(at(5), 0.25)]
    result = next_allowed(sessions, [CheckIn(at(4), 2)])
    assert not result.blocked and result.next_allowed == date(2025, 11, 12)


def test_an_earlier_deeper_session_still_counts() -> None:
    sessions = [Session(at(1), 1.0), Session(at(10), 0.25)]
    assert next_allowed(sessions).next_allowed == date(2025, 11, 29)


def test_sessions_can_be_filtered_to_one_area() -> None:
    sessions = [Session(at(1), 0.5, ("forehead",)), Session(at(3), 0.25, ("neck",))]
    assert next_allowed(sessions, area="forehead").next_allowed == date(2025, 11, 8)
    assert next_allowed(sessions, area="neck").next_allowed == date(2025, 11, 10)


def test_naive_datetimes_are_taken_as_utc() -> None:
    assert Session(datetime(2025, 11, 1, 8), 0.5).at.tzinfo is UTC  # noqa: DTZ001


def test_no_sessions_is_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        next_allowed([])
    assert err.value.field == "sessions"


def test_out_of_range_check_in_values_are_input_errors() -> None:
    with pytest.raises(InputError):
        CheckIn(at(1), 4)
    with pytest.raises(InputError):
        CheckIn(at(1), 0, pain=11)


_base = datetime(2025, 1, 1, tzinfo=UTC)
_sessions = st.lists(
    st.builds(Session, st.integers(0, 400 * 24).map(lambda h: _base + timedelta(hours=h)),
              st.sampled_from([0.2, 0.25, 0.3, 0.5, 0.75, 1.0, 1.5])),
    min_size=1, max_size=6,
)  # fmt: skip
_checkins = st.lists(
    st.builds(CheckIn, st.integers(0, 420 * 24).map(lambda h: _base + timedelta(hours=h)),
              st.integers(0, 3), st.integers(0, 10)),
    max_size=8,
)  # fmt: skip
_MIN_DAYS = {0.2: 7, 0.25: 7, 0.3: 7, 0.5: 7, 0.75: 28, 1.0: 28, 1.5: 28}


@given(_sessions, _checkins, st.one_of(st.none(), st.integers(0, 60)))
def test_property_next_allowed_never_precedes_last_session_plus_minimum(
    sessions: list[Session], checkins: list[CheckIn], pro_days: int | None
) -> None:
    result = next_allowed(sessions, checkins, Limits(min_interval_days=pro_days))
    last = max(sessions, key=lambda s: (s.at, s.needle_mm))
    floor = last.at.date() + timedelta(days=_MIN_DAYS[last.needle_mm])
    assert result.next_allowed >= floor
    if pro_days is not None:
        assert result.next_allowed >= last.at.date() + timedelta(days=pro_days)


def test_the_binding_reason_is_the_one_whose_wait_ends_last():
    band = next_allowed([Session(at(1), 0.5)])
    assert band.binding is not None and band.binding.code == "min_interval"
    longer = next_allowed([Session(at(1), 0.5)], limits=Limits(min_interval_days=40))
    assert longer.binding.code == "professional_min_interval"
    late = next_allowed([Session(at(1), 0.25)], [CheckIn(at(1) + timedelta(days=9), 1, 1)])
    assert late.blocked and late.binding.code == "blocked_by_checkin"
    assert late.next_allowed == (at(1) + timedelta(days=10)).date()
