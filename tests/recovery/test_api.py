"""Check-ins and escalations over the API: same service and triage as the form, owner-scoped."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from needlewise.accounts.services import create_token
from needlewise.recovery import services
from needlewise.recovery.models import CheckIn, Escalation
from needlewise.treatments.models import Plan
from tests.recovery.conftest import nothing_written
from tests.treatments.conftest import NOW, do_session, ready


def post(client, url, body=None):
    return client.post(url, body if body is not None else {}, content_type="application/json")


@pytest.fixture
def carols(carol, clock):
    client = Client()
    client.force_login(carol, backend="django.contrib.auth.backends.ModelBackend")
    do_session(client, ready(carol))
    checkin = services.record_checkin(carol, {"redness": 1, "symptoms": ["pus"]})
    return checkin.pk, Escalation.objects.get(user=carol).pk


def test_a_check_in_is_triaged_and_stored(alice_client, session):
    with time_machine.travel(NOW + timedelta(hours=30), tick=False):
        response = post(
            alice_client,
            "/api/recovery/checkins",
            {"redness": 3, "pain": 2, "symptoms": ["tightness"]},
        )
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["level"] == "watch"
    assert [r["code"] for r in out["reasons"]] == ["severe_redness", "expected"]
    assert out["advice"].startswith("Keep aftercare gentle")
    assert out["hours_since_session"] == 30
    assert out["session_key"] == str(session[1].key)
    assert alice_client.get(f"/api/recovery/checkins/{out['id']}").json() == out
    assert [c["id"] for c in alice_client.get("/api/recovery/checkins").json()] == [out["id"]]


def test_a_red_flag_over_the_api_pauses_plans_and_can_be_cleared(
    alice_client, session, smtp, django_capture_on_commit_callbacks
):
    plan, _ = session
    with django_capture_on_commit_callbacks(execute=True):
        response = post(alice_client, "/api/recovery/checkins", {"redness": 1, "pain": 8})
    assert response.json()["level"] == "see_dermatologist"
    assert Plan.objects.get(pk=plan.pk).status == "paused"
    [escalation] = alice_client.get("/api/recovery/escalations").json()
    assert escalation["is_open"] and escalation["emailed_at"] is not None
    assert len(smtp.messages) == 1
    cleared = post(
        alice_client,
        f"/api/recovery/escalations/{escalation['id']}/clear",
        {"note": "seen by my GP"},
    )
    assert cleared.status_code == 200
    assert cleared.json()["cleared_note"] == "seen by my GP" and not cleared.json()["is_open"]
    assert Plan.objects.get(pk=plan.pk).status == "active"


def test_a_personal_token_works(alice, session):
    _, raw = create_token(alice, "script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert post(client, "/api/recovery/checkins", {"redness": 0}).status_code == 201


@pytest.mark.parametrize(
    ("body", "loc", "message"),
    [
        ({"redness": 4}, ["body", "redness"], "0-3"),
        ({"redness": 1, "pain": 11}, ["body", "pain"], "0-10"),
        ({"redness": 1, "fever_c": "hot"}, ["body", "fever_c"], "number"),
        ({"redness": 1, "fever_c": 55}, ["body", "fever_c"], "body temperature"),
        ({"redness": 1, "symptoms": ["itchy_feet"]}, ["body", "symptoms"], "itchy_feet"),
        ({"redness": 1, "bleeding": "lots"}, ["body", "bleeding"], "none, pinpoint, persistent"),
        ({"pain": 1}, ["body", "redness"], "required"),
        ({"redness": 1, "mood": "fine"}, ["body", "mood"], "xtra"),
        ({"redness": 1, "session_key": "nope"}, ["body", "session_key"], "UUID"),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_nothing_is_written(
    alice_client, session, body, loc, message
):
    response = post(alice_client, "/api/recovery/checkins", body)
    assert response.status_code == 422, response.content
    [detail] = response.json()["detail"]
    assert detail["loc"] == loc
    assert message in detail["msg"]
    assert nothing_written()


def test_a_check_in_on_someone_elses_session_is_refused(alice_client, session, carol, carols):
    key = str(CheckIn.objects.get(user=carol).session.key)
    response = post(alice_client, "/api/recovery/checkins", {"redness": 1, "session_key": key})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "session"]
    assert CheckIn.objects.count() == 1


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/recovery/checkins/{checkin}"),
        ("post", "/api/recovery/escalations/{escalation}/clear"),
    ],
)
def test_another_persons_records_are_not_found(alice_client, carols, method, url):
    checkin, escalation = carols
    response = getattr(alice_client, method)(
        url.format(checkin=checkin, escalation=escalation), content_type="application/json"
    )
    assert response.status_code == 404
    assert Escalation.objects.get(pk=escalation).is_open
    assert alice_client.get("/api/recovery/checkins").json() == []
    assert alice_client.get("/api/recovery/escalations").json() == []


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/recovery/checkins"),
        ("post", "/api/recovery/checkins"),
        ("get", "/api/recovery/checkins/{checkin}"),
        ("get", "/api/recovery/escalations"),
        ("post", "/api/recovery/escalations/{escalation}/clear"),
    ],
)
def test_anonymous_callers_get_401(client, carols, method, url):
    checkin, escalation = carols
    response = getattr(client, method)(
        url.format(checkin=checkin, escalation=escalation), content_type="application/json"
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("delete", "/api/recovery/checkins"),
        ("put", "/api/recovery/checkins/{checkin}"),
        ("get", "/api/recovery/escalations/{escalation}/clear"),
    ],
)
def test_wrong_methods_get_405(alice_client, carols, method, url):
    checkin, escalation = carols
    response = getattr(alice_client, method)(url.format(checkin=checkin, escalation=escalation))
    assert response.status_code == 405
