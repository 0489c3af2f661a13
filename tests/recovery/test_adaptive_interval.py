"""POLICY.md section 3 through the plan page: 0.5 mm, red at 48 h and 96 h, clear at 120 h ->
recovery took 5 days, so the 7-day minimum grows by 2: next allowed is the session + 9 days."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from needlewise.treatments.models import Plan, SessionArea
from tests.recovery.conftest import post_checkin, walk_session
from tests.treatments.conftest import NOW, ready


def test_a_slow_recovery_moves_the_next_session(alice, alice_client, clock):
    # The rule core caps a first session at 0.25 mm, so a plan cannot be made at 0.5 mm. Set
    # the lengths on the plan directly (as if a professional had allowed them), then finish a
    # real guided session at 0.5 mm: the finish form accepts up to the plan's length.
    plan = ready(alice, lengths=(0.25, 0.5))
    Plan.objects.filter(pk=plan.pk).update(needle_mm={"cheeks": 0.5, "forehead": 0.5})
    plan.refresh_from_db()
    walk_session(alice_client, plan, mm="0.5")
    assert {float(r.needle_mm) for r in SessionArea.objects.all()} == {0.5}

    assert post_checkin(alice_client, 48, redness=2).status_code == 302
    assert post_checkin(alice_client, 96, redness=1).status_code == 302
    with time_machine.travel(NOW + timedelta(hours=97), tick=False):
        blocked = alice_client.get(f"/plans/{plan.pk}/").content.decode()
    assert "once a check-in shows your skin is clear" in blocked

    assert post_checkin(alice_client, 120, redness=0, pain=0).status_code == 302
    with time_machine.travel(NOW + timedelta(hours=121), tick=False):
        html = alice_client.get(f"/plans/{plan.pk}/").content.decode()
    expected = (NOW + timedelta(days=9)).date()
    assert expected.isoformat() == "2026-12-02"
    assert f"From <strong>{expected:%A} {expected.day} {expected:%B}</strong>" in html
    assert "Your skin took 5 days to settle last time, so the wait grows by 2 days." in html


def test_a_quick_recovery_keeps_the_band_minimum(alice, alice_client, clock):
    plan = ready(alice, lengths=(0.25, 0.5))
    Plan.objects.filter(pk=plan.pk).update(needle_mm={"cheeks": 0.5, "forehead": 0.5})
    plan.refresh_from_db()
    walk_session(alice_client, plan, mm="0.5")
    post_checkin(alice_client, 48, redness=0)
    with time_machine.travel(NOW + timedelta(hours=49), tick=False):
        html = alice_client.get(f"/plans/{plan.pk}/").content.decode()
    expected = (NOW + timedelta(days=7)).date()
    assert f"From <strong>{expected:%A} {expected.day} {expected:%B}</strong>" in html
    assert "to settle last time" not in html
