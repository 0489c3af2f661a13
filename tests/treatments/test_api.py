from __future__ import annotations

import uuid

import pytest

from needlewise.devices import services as devices
from needlewise.treatments.models import Plan, TreatmentSession

AREAS = [
    {"area": "cheeks", "needle_mm": 0.25, "passes": 4, "pain": 2, "bleeding": "none"},
    {"area": "forehead", "needle_mm": 0.25, "passes": 4, "pain": 1, "bleeding": "pinpoint"},
]


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_plans_are_listed_with_their_schedule(alice_client, plan):
    [out] = alice_client.get("/api/plans").json()
    assert out["needle_mm"] == {"cheeks": 0.25, "forehead": 0.25}
    assert out["next_allowed"] == "2026-11-23"
    assert len(out["upcoming"]) == 6


def test_a_plan_is_created_through_the_api(alice_client, alice, clock):
    device = devices.add_device(alice, kind="roller", name="R", lengths_mm=[0.25])
    response = post(
        alice_client,
        "/api/plans",
        {
            "concern": "texture",
            "areas": ["nose"],
            "device_id": device.pk,
            "start_date": "2026-11-24",
        },
    )
    assert response.status_code == 201
    assert response.json()["needle_mm"] == {"nose": 0.25}


@pytest.mark.parametrize(
    "change, loc",
    [
        ({"concern": "wrinkles"}, ["body", "concern"]),
        ({"areas": ["scalp"]}, ["body", "areas", 0]),
        ({"areas": []}, ["body", "areas"]),
        ({"device_id": 999999}, ["body", "device_id"]),
        ({"start_date": "tomorrow"}, ["body", "start_date"]),
        ({"course_length": 0}, ["body", "course_length"]),
    ],
)
def test_bad_plans_are_422_and_not_written(alice_client, alice, clock, change, loc):
    device = devices.add_device(alice, kind="roller", name="R", lengths_mm=[0.25])
    body = {
        "concern": "texture",
        "areas": ["nose"],
        "device_id": device.pk,
        "start_date": "2026-11-24",
        **change,
    }
    response = post(alice_client, "/api/plans", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == loc
    assert not Plan.objects.exists()


def test_a_session_recorded_twice_with_one_key_is_stored_once(alice_client, plan):
    key = str(uuid.uuid4())
    first = post(alice_client, f"/api/plans/{plan.pk}/sessions", {"key": key, "areas": AREAS})
    again = post(alice_client, f"/api/plans/{plan.pk}/sessions", {"key": key, "areas": AREAS})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["key"] == again.json()["key"] == key
    assert TreatmentSession.objects.count() == 1
    assert [s["key"] for s in alice_client.get("/api/sessions").json()] == [key]


def test_a_malformed_key_is_422(alice_client, plan):
    response = post(alice_client, f"/api/plans/{plan.pk}/sessions", {"key": "k", "areas": AREAS})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "key"]


def test_the_gate_applies_to_the_api(alice_client, plan):
    post(alice_client, f"/api/plans/{plan.pk}/sessions", {"areas": AREAS})
    response = post(alice_client, f"/api/plans/{plan.pk}/sessions", {"areas": AREAS})
    assert response.status_code == 409
    assert "Not before" in response.json()["detail"]


def test_a_needle_above_the_plan_is_422(alice_client, plan):
    body = {"areas": [{**AREAS[0], "needle_mm": 0.5}]}
    response = post(alice_client, f"/api/plans/{plan.pk}/sessions", body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "needle_mm"]
    assert not TreatmentSession.objects.filter(status="done").exists()


def test_other_peoples_plans_and_sessions_are_404(alice_client, plan, carol, client):
    post(alice_client, f"/api/plans/{plan.pk}/sessions", {"areas": AREAS})
    key = TreatmentSession.objects.get().key
    client.force_login(carol, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(f"/api/plans/{plan.pk}").status_code == 404
    assert client.get(f"/api/sessions/{key}").status_code == 404
    assert post(client, f"/api/plans/{plan.pk}/sessions", {"areas": AREAS}).status_code == 404


def test_the_api_needs_authentication(client, db):
    assert client.get("/api/plans").status_code == 401
    assert client.get("/api/sessions").status_code == 401
