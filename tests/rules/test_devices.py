"""Device hygiene constants and checks follow POLICY.md section 6."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from needlewise.rules import devices
from needlewise.rules.errors import InputError
from needlewise.rules.vocab import DEVICE_KINDS, FDA_STATUS

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)


def test_hygiene_constants_match_the_policy() -> None:
    assert devices.constants() == {
        "isopropyl_percent": 70, "min_soak_minutes": 10, "sterilised_within_hours": 24,
        "roller_head_max_uses": 10, "roller_head_max_days": 90, "pen_cartridge_single_use": True,
    }  # fmt: skip
    assert (devices.FDA_PRODUCT_CODE, devices.FDA_REGULATION) == ("QAI", "21 CFR 878.4430")


def test_vocabularies() -> None:
    assert DEVICE_KINDS == ("roller", "stamp", "pen")
    assert FDA_STATUS == ("cleared", "not_cleared", "unknown")


@pytest.mark.parametrize(
    ("hours_ago", "ok"), [(0, True), (23.9, True), (24, True), (24.01, False), (-1, False)]
)
def test_sterilisation_counts_for_24_hours(hours_ago: float, ok: bool) -> None:
    assert devices.sterilisation_ok(NOW - timedelta(hours=hours_ago), NOW) is ok


def test_no_sterilisation_record_is_not_ok() -> None:
    assert devices.sterilisation_ok(None, NOW) is False


@pytest.mark.parametrize(
    ("uses", "days", "due"), [(0, 0, False), (9, 89, False), (10, 0, True), (0, 90, True)]
)
def test_roller_head_is_due_after_10_uses_or_90_days(uses: int, days: int, due: bool) -> None:
    start = date(2026, 1, 1)
    assert devices.head_replacement_due(uses, start, start + timedelta(days=days)) is due


def test_every_home_device_carries_the_no_otc_notice() -> None:
    for kind in DEVICE_KINDS:
        reasons = devices.hygiene_reasons(kind)
        assert reasons[0].code == "no_otc_authorisation" and reasons[0].grade == "REG"
    assert "pen_cartridge_single_use" in [r.code for r in devices.hygiene_reasons("pen")]
    assert "replace_roller_head" in [r.code for r in devices.hygiene_reasons("roller")]


def test_fda_status_reason_and_unknown_status() -> None:
    assert "QAI" in devices.fda_status_reason("cleared").message
    with pytest.raises(InputError):
        devices.fda_status_reason("approved")
