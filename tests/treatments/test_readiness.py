"""Today, the plan page, the device page and the session start give the gate's one answer: no page
offers a session the gate refuses, and each shows the same first reason with what to do."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from needlewise.devices import services as devices
from needlewise.devices.models import OwnedDevice
from needlewise.recovery import services as recovery
from needlewise.rules.devices import ROLLER_HEAD_MAX_DAYS, ROLLER_HEAD_MAX_USES
from needlewise.suitability.models import SuitabilityCheck
from needlewise.treatments import gate
from needlewise.treatments.models import Plan, TreatmentSession
from tests.treatments.conftest import NOW, do_session

POSSIBLE = "A session is possible today."


def _check_lapsed(client, user, plan, clock):
    SuitabilityCheck.objects.update(expires_on=NOW.date())


def _escalation_open(client, user, plan, clock):
    do_session(client, plan)
    recovery.record_checkin(user, {"redness": 1, "pain": 1, "symptoms": ["pus"]})


def _paused(client, user, plan, clock):
    Plan.objects.filter(pk=plan.pk).update(status="paused", paused_reason="Red flag")


def _interval(client, user, plan, clock):
    do_session(client, plan)
    clock.shift(timedelta(days=1))
    devices.record_sterilisation(plan.device)


def _not_sterilised(client, user, plan, clock):
    clock.shift(timedelta(hours=25))


def _head_due(client, user, plan, clock):
    OwnedDevice.objects.filter(pk=plan.device_id).update(uses=ROLLER_HEAD_MAX_USES)


CASES = {
    "check_due": _check_lapsed,
    "escalation_open": _escalation_open,
    "plan_paused": _paused,
    "interval": _interval,
    "not_sterilised": _not_sterilised,
    "head_due": _head_due,
}


def _gate(user, plan):
    plan = Plan.objects.get(pk=plan.pk)
    return gate.blocks(user, plan, timezone.now(), timezone.localdate())


def _text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("code", list(CASES))
def test_every_page_gives_the_gates_first_reason_and_none_offers_a_session(
    alice_client, alice, plan, clock, code
):
    CASES[code](alice_client, alice, plan, clock)
    blocks = _gate(alice, plan)
    assert blocks[0].code == code
    first = blocks[0]
    for url in ("/", f"/plans/{plan.pk}/"):
        html = _text(alice_client, url)
        assert POSSIBLE not in html, url
        assert "Start a session" not in html, url
        assert f'data-testid="readiness" data-code="{code}"' in html, url
        assert escape(first.message) in html and escape(first.action) in html, url
    refused = alice_client.post(f"/plans/{plan.pk}/start/")
    assert refused.status_code == 409
    assert f'data-code="{code}"' in refused.content.decode()
    assert not TreatmentSession.objects.filter(status="draft").exists()


def test_a_lapsed_check_is_not_called_due_and_possible_at_once(alice_client, alice, plan, clock):
    _check_lapsed(alice_client, alice, plan, clock)
    html = _text(alice_client, "/")
    assert "A suitability check is due" in html
    assert POSSIBLE not in html


def test_when_the_gate_allows_it_every_page_offers_the_session(alice_client, alice, plan, clock):
    assert _gate(alice, plan) == []
    for url in ("/", f"/plans/{plan.pk}/"):
        html = _text(alice_client, url)
        assert POSSIBLE in html and "Start a session" in html, url
        assert 'data-code="ready"' in html
    assert "Begin: preparation" in _text(alice_client, f"/plans/{plan.pk}/start/")
    assert alice_client.post(f"/plans/{plan.pk}/start/").status_code == 302


def test_more_than_one_reason_points_to_the_gate_for_the_rest(alice_client, alice, plan, clock):
    _check_lapsed(alice_client, alice, plan, clock)
    _head_due(alice_client, alice, plan, clock)
    html = _text(alice_client, f"/plans/{plan.pk}/")
    assert "1 more reason before a session" in html
    assert f'href="/plans/{plan.pk}/start/"' in html


def test_todays_next_date_is_kept_when_another_reason_comes_first(alice_client, alice, plan, clock):
    _interval(alice_client, alice, plan, clock)
    SuitabilityCheck.objects.update(expires_on=timezone.localdate())
    [_, interval, *_] = _gate(alice, plan)
    assert interval.code == "interval"
    html = _text(alice_client, "/")
    assert f"Next session from {interval.until:%A %-d %B}" in html


class TestHeadDue:
    """POLICY.md section 6: a roller head is replaced after the rule core's uses or days."""

    def _codes(self, user, plan):
        return [b.code for b in _gate(user, plan)]

    def test_it_blocks_at_the_rule_cores_use_count_not_before(self, alice, plan):
        OwnedDevice.objects.filter(pk=plan.device_id).update(uses=ROLLER_HEAD_MAX_USES - 1)
        assert "head_due" not in self._codes(alice, plan)
        OwnedDevice.objects.filter(pk=plan.device_id).update(uses=ROLLER_HEAD_MAX_USES)
        head = next(b for b in _gate(alice, plan) if b.code == "head_due")
        assert f"after {ROLLER_HEAD_MAX_USES} uses or {ROLLER_HEAD_MAX_DAYS} days" in head.message
        assert f"it has had {ROLLER_HEAD_MAX_USES} uses" in head.message
        assert "Fit a new head" in head.action
        assert head.url == f"/devices/{plan.device_id}/"

    def test_it_blocks_at_the_rule_cores_age_not_before(self, alice, plan, clock):
        device = OwnedDevice.objects.get(pk=plan.device_id)
        clock.shift(timedelta(days=ROLLER_HEAD_MAX_DAYS - 1))
        devices.record_sterilisation(device)
        assert "head_due" not in self._codes(alice, plan)
        clock.shift(timedelta(days=1))
        devices.record_sterilisation(device)
        head = next(b for b in _gate(alice, plan) if b.code == "head_due")
        assert f"in use for {ROLLER_HEAD_MAX_DAYS} days" in head.message

    def test_a_new_head_recorded_on_the_device_page_lifts_it(self, alice_client, alice, plan):
        _head_due(alice_client, alice, plan, None)
        device_page = _text(alice_client, f"/devices/{plan.device_id}/")
        head = next(b for b in _gate(alice, plan) if b.code == "head_due")
        assert escape(head.message) in device_page  # the device page says what the gate says
        assert 'data-code="head_due"' in device_page
        assert alice_client.post(f"/devices/{plan.device_id}/head-change/").status_code == 302
        assert self._codes(alice, plan) == []
        assert POSSIBLE in _text(alice_client, "/")
        assert 'data-code="head_due"' not in _text(alice_client, f"/devices/{plan.device_id}/")

    def test_pens_and_stamps_never_have_a_head_due(self, db, clock):
        from tests.conftest import make_user
        from tests.treatments.conftest import ready

        for kind in ("pen", "stamp"):
            user = make_user(f"{kind}@example.com")  # one plan per area: a person per device
            plan = ready(user, kind=kind, lengths=(0.25,))
            OwnedDevice.objects.filter(pk=plan.device_id).update(uses=ROLLER_HEAD_MAX_USES * 5)
            assert "head_due" not in self._codes(user, plan)


def test_the_device_page_says_the_gates_sterilisation_reason(alice_client, alice, plan, clock):
    _not_sterilised(alice_client, alice, plan, clock)
    blocks = _gate(alice, plan)
    html = _text(alice_client, f"/devices/{plan.device_id}/")
    assert escape(blocks[0].message) in html
    assert 'data-code="not_sterilised"' in html


def test_a_ready_device_page_says_ready(alice_client, plan):
    html = _text(alice_client, f"/devices/{plan.device_id}/")
    assert "It is sterilised and its head is not due." in html


class TestDevicePageSessions:
    def test_it_lists_the_sessions_done_with_the_device(self, alice_client, alice, plan, clock):
        assert "No sessions with this device yet." in _text(
            alice_client, f"/devices/{plan.device_id}/"
        )
        first = do_session(alice_client, plan)
        clock.shift(timedelta(days=7))
        devices.record_sterilisation(plan.device)
        second = do_session(alice_client, plan)
        html = _text(alice_client, f"/devices/{plan.device_id}/")
        assert "No sessions are recorded yet" not in html
        assert "2 sessions recorded" in html
        assert html.index(f"/sessions/{second}/") < html.index(f"/sessions/{first}/")
        assert "cheeks, forehead" in html

    def test_another_devices_sessions_are_not_listed(self, alice_client, alice, plan, clock):
        key = do_session(alice_client, plan)
        other = devices.add_device(alice, kind="roller", name="Spare", lengths_mm=[0.25])
        html = _text(alice_client, f"/devices/{other.pk}/")
        assert f"/sessions/{key}/" not in html
        assert "No sessions with this device yet." in html
