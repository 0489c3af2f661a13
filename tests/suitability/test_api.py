from __future__ import annotations

import pytest
import time_machine

from needlewise.suitability.models import SuitabilityCheck

BODY = {
    "birth_date": "1990-01-01",
    "skin_type": 3,
    "conditions": ["cold_sore_history"],
    "areas": ["cheeks"],
    "concerns": ["fine_lines"],
    "recent_procedures": [{"kind": "laser", "date": "2026-11-20"}],
}


@time_machine.travel("2026-11-23 12:00Z", tick=False)
def test_a_check_made_through_the_api_is_stored_and_current(alice_client, alice):
    response = alice_client.post("/api/checks/", BODY, content_type="application/json")
    assert response.status_code == 201
    out = response.json()
    assert out["verdict"] == "see_professional"
    assert out["recheck_on"] == "2026-12-04"
    assert {r["code"] for r in out["reasons"]} == {"cold_sore_history", "recent_procedure"}
    assert alice_client.get("/api/checks/current").json()["id"] == out["id"]
    assert [c["id"] for c in alice_client.get("/api/checks/").json()] == [out["id"]]


def test_no_current_check_is_a_404_with_a_reason(alice_client):
    response = alice_client.get("/api/checks/current")
    assert response.status_code == 404
    assert "due" in response.json()["detail"]


@pytest.mark.parametrize(
    "change, loc",
    [
        ({"conditions": ["sunburnt"]}, ["body", "conditions", 0]),
        ({"concerns": ["wrinkles"]}, ["body", "concerns", 0]),
        ({"concerns": []}, ["body", "concerns"]),
        ({"areas": []}, ["body", "areas"]),
        ({"birth_date": "01/01/1990"}, ["body", "birth_date"]),
        ({"skin_type": 8}, ["body", "skin_type"]),
        ({"colour": "red"}, ["body", "colour"]),
    ],
)
def test_bad_input_is_422_and_nothing_is_written(alice_client, change, loc):
    response = alice_client.post(
        "/api/checks/", {**BODY, **change}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == loc
    assert not SuitabilityCheck.objects.exists()


def test_the_api_needs_authentication(client, db):
    assert client.get("/api/checks/").status_code == 401
    assert client.post("/api/checks/", BODY, content_type="application/json").status_code == 401


def test_a_procedure_date_past_what_can_be_computed_is_422_and_nothing_is_written(alice_client):
    """Found while fuzzing the API: date arithmetic near the year 9999 overflowed (a 500)."""
    body = {**BODY, "recent_procedures": [{"kind": "laser", "date": "9999-12-31"}]}
    response = alice_client.post("/api/checks/", body, content_type="application/json")
    assert response.status_code == 422
    assert "too far" in response.json()["detail"][0]["msg"]
    assert not SuitabilityCheck.objects.exists()


def test_a_birth_date_with_no_18th_birthday_is_422_and_nothing_is_written(alice_client):
    """Found while fuzzing the API: a birth date near 9999 has no 18th birthday (a 500)."""
    body = {**BODY, "birth_date": "9999-12-31"}
    response = alice_client.post("/api/checks/", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "birth_date"]
    assert not SuitabilityCheck.objects.exists()
