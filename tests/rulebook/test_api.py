"""`/api/rules/*`: the same contract as the CLI, open without login, 422 naming the field."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.rulebook.test_cli import CHECKIN, HISTORY, PROFILE


def post(path: str, body: object):
    return Client().post(f"/api/rules/{path}", body, content_type="application/json")


def test_screen(db):
    response = post("screen", PROFILE)
    assert response.status_code == 200
    assert response.json()["verdict"] == "not_now"


def test_needles(db):
    body = {
        "concern": "acne_scars",
        "area": "cheeks",
        "device_lengths": [0.25, 0.5, 1.0],
        "skin_type": 5,
    }
    out = post("needles", body).json()
    assert out["recommended_mm"] == 0.25  # Fitzpatrick 4-6 caps at 0.25 mm


def test_next_session(db):
    assert post("next-session", HISTORY).json()["next_allowed"] == "2026-11-10"


def test_ingredients(db):
    out = post("ingredients", {"text": "Aqua, Glycolic Acid", "hours_since_session": 200}).json()
    assert out["verdict"] == "ok"


def test_aftercare(db):
    out = post("aftercare", {"session_at": "2026-11-01T20:00:00Z", "needle_mm": 0.25}).json()
    assert {w["topic"] for w in out["windows"]} >= {"sun", "sunscreen", "makeup", "retinoid"}


def test_triage(db):
    out = post("triage", {**CHECKIN, "fever_c": 38.4}).json()
    assert out["level"] == "urgent"


@pytest.mark.parametrize(
    "path, body, loc",
    [
        ("screen", {**PROFILE, "conditions": ["preggers"]}, ["body", "conditions", 0]),
        (
            "screen",
            {**PROFILE, "recent_procedures": [{"kind": "peel", "date": "soon"}]},
            ["body", "recent_procedures", 0, "date"],
        ),
        ("screen", {**PROFILE, "skin_type": "2"}, ["body", "skin_type"]),
        ("triage", {**CHECKIN, "redness": 7}, ["body", "redness"]),
        ("triage", {**CHECKIN, "bleeding": "lots"}, ["body", "bleeding"]),
        ("needles", {"concern": "texture", "area": "scalp"}, ["body", "area"]),
        ("needles", {"concern": "texture", "area": "nose", "colour": "red"}, ["body", "colour"]),
        ("ingredients", {"text": "  "}, ["body", "text"]),
        ("aftercare", {"session_at": "2026-11-01T20:00:00Z"}, ["body", "needle_mm"]),
    ],
)
def test_bad_input_is_422_naming_the_field(db, path, body, loc):
    response = post(path, body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == loc
    assert response.json()["detail"][0]["msg"]


def test_a_body_that_is_not_json_is_a_400(db):
    response = Client().post("/api/rules/screen", "{oops", content_type="application/json")
    assert response.status_code == 400


def test_rule_endpoints_are_in_the_openapi_spec(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    for name in ("screen", "needles", "next-session", "ingredients", "aftercare", "triage"):
        assert f"/api/rules/{name}" in paths


TOO_FAR = {"type": "value_error", "loc": ["body"]}


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("aftercare", {"session_at": "9999-12-31T23:00:00Z", "needle_mm": 0.5}),
        ("next-session", {"sessions": [{"at": "9999-12-31T23:00:00Z", "needle_mm": 1.0}]}),
        (
            "next-session",
            {
                "sessions": [{"at": "2026-01-01T00:00:00Z", "needle_mm": 1.0}],
                "min_interval_days": 10**7,
            },
        ),
        ("screen", {**PROFILE, "recent_procedures": [{"kind": "laser", "date": "9999-12-31"}]}),
    ],
)
def test_dates_past_what_can_be_computed_are_422(db, path, body):
    """Found while fuzzing the API: date arithmetic near the year 9999 overflowed (a 500)."""
    response = post(path, body)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert {k: error[k] for k in TOO_FAR} == TOO_FAR
    assert "too far" in error["msg"]


def test_a_birth_date_with_no_18th_birthday_is_422_naming_it(db):
    """Found while fuzzing the API: a birth date near 9999 has no 18th birthday (a 500)."""
    response = post("screen", {**PROFILE, "birth_date": "9999-12-31"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "birth_date"]


def test_ingredients_as_glide(db):
    out = post("ingredients", {"text": "Aqua, Ascorbic Acid", "as_glide": True}).json()
    assert out["verdict"] == "avoid"
    assert out["findings"][0]["category"] == "glide"
    bad = post("ingredients", {"text": "Aqua", "as_glide": True, "hours_since_session": 3})
    assert bad.status_code == 422
    assert "hours_since_session" in bad.content.decode()
