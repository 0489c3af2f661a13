"""The result page says what still holds after the re-check date (POLICY.md section 1)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine

from needlewise.people_words import person_date
from needlewise.suitability.models import SuitabilityCheck
from tests.suitability.helpers import complete_check

START = datetime(2026, 11, 23, 12, tzinfo=UTC)


def _result(client, user, conditions, **extra) -> str:
    with time_machine.travel(START, tick=False):
        complete_check(client, conditions, **extra)
        check = SuitabilityCheck.objects.filter(user=user).first()
        return client.get(f"/check/{check.pk}/").content.decode()


def _text(html: str) -> str:
    return " ".join(html.split())


def test_a_lasting_reason_is_named_after_the_recheck_date(alice_client, alice):
    page = _text(_result(alice_client, alice, {"sunburn", "anticoagulants"}))
    assert "Check again on <strong>Monday 30 November</strong>" in page
    assert "After Monday 30 November" in page
    assert "please see a dermatologist or skincare professional" in page
    assert "this does not end by itself" in page
    after = page.split('data-testid="after-recheck"')[1].split("</div>")[0]
    assert "blood thinners" in after
    assert "sunburn" not in after  # it lapses by that date


def test_a_dated_reason_that_outlasts_the_recheck_gives_its_own_date(alice_client, alice):
    last_dose = (START - timedelta(weeks=5)).date()
    medicines = {"isotretinoin_last_dose": str(last_dose)}
    conditions = {"sunburn", "isotretinoin_past"}
    page = _text(_result(alice_client, alice, conditions, medicines=medicines))
    until = last_dose + timedelta(days=182)
    assert "After Monday 30 November" in page
    assert f"check again on <strong>{person_date(until, long=True)}</strong>" in page
    assert "isotretinoin" in page.split('data-testid="after-recheck"')[1].split("</div>")[0]


def test_only_a_caution_may_remain(alice_client, alice):
    page = _text(_result(alice_client, alice, {"cold_sore_active", "cold_sore_history"}))
    after = page.split('data-testid="after-recheck"')[1].split("</div>")[0]
    assert "Then you can microneedle at home, with extra care" in after
    assert "cold sores" in after


def test_nothing_else_remains_after_a_sunburn(alice_client, alice):
    page = _text(_result(alice_client, alice, {"sunburn"}))
    assert "Nothing else in your answers stands in the way after that date" in page
    assert "After Monday 30 November" not in page


def test_reason_dates_are_written_out_not_iso(alice_client, alice):
    page = _text(_result(alice_client, alice, {"sunburn"}))
    assert "Re-check on Monday 30 November." in page
    assert "2026-11-30" not in page


def test_a_dated_see_professional_says_when_it_can_change(alice_client, alice):
    last_dose = (START - timedelta(weeks=5)).date()
    medicines = {"isotretinoin_last_dose": str(last_dose)}
    page = _text(_result(alice_client, alice, {"isotretinoin_past"}, medicines=medicines))
    until = last_dose + timedelta(days=182)
    assert f"This can change on <strong>{person_date(until, long=True)}</strong>" in page
    assert 'data-testid="after-recheck"' not in page
