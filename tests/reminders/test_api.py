"""`/api/reminders/`: my upcoming reminders, my settings, my calendar address."""

from __future__ import annotations

from datetime import time

import pytest
import time_machine
from django.test import Client

from needlewise.accounts.services import create_token
from needlewise.reminders import services
from needlewise.reminders.models import ReminderSettings
from tests.reminders.conftest import NOW, PUBLIC_URL, finish

BODY = {
    "email": {
        "session_day": True,
        "checkin": False,
        "window_end": True,
        "head_replacement": True,
        "recheck": True,
    },
    "quiet_start": "21:00",
    "quiet_end": "06:30",
}


def put(client, body):
    return client.put("/api/reminders/settings", body, content_type="application/json")


def test_my_upcoming_reminders_are_listed_and_nobody_elses(paris, bob):
    with time_machine.travel(NOW, tick=False):
        services.schedule_after_session(finish(paris, NOW))
        services.schedule_after_session(finish(bob, NOW))
    _, raw = create_token(paris, "script")
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    listed = client.get("/api/reminders/").json()
    assert len(listed) == 10  # 4 check-ins (6, 24, 48, 72 h), 4 window ends, 2 late check-ins
    first = listed[0]
    assert first["kind"] in {"checkin", "window_end"}
    assert first["due_at"].startswith("2026-11-23T16:00")  # the 6 h check-in
    assert {r["payload"]["session"] for r in listed} == {first["subject_id"]}


def test_settings_are_read_and_replaced(paris, alice_client):
    got = alice_client.get("/api/reminders/settings").json()
    assert (got["quiet_start"], got["quiet_end"], got["quiet_hours"]) == ("22:00", "07:00", True)
    assert got["time_zone"] == "Europe/Paris"
    assert got["calendar_url"].startswith(f"{PUBLIC_URL}/reminders/calendar/")
    response = put(alice_client, BODY)
    assert response.status_code == 200
    assert response.json()["email"]["checkin"] is False
    saved = ReminderSettings.objects.get(user=paris)
    assert (saved.email_checkin, saved.quiet_start, saved.quiet_end) == (
        False,
        time(21),
        time(6, 30),
    )


@pytest.mark.parametrize(
    "change, loc",
    [
        ({"quiet_start": "25:00"}, ["body", "quiet_start"]),
        ({"quiet_end": "soon"}, ["body", "quiet_end"]),
        ({"email": {**BODY["email"], "recheck": None}}, ["body", "email", "recheck"]),
        ({"email": {**BODY["email"], "sms": True}}, ["body", "email", "sms"]),
        ({"colour": "red"}, ["body", "colour"]),
    ],
)
def test_bad_settings_are_422_naming_the_field_and_nothing_is_saved(
    paris, alice_client, change, loc
):
    response = put(alice_client, {**BODY, **change})
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == [loc]
    saved = services.settings_for(paris)
    assert (saved.email_checkin, saved.quiet_start) == (True, time(22))


def test_rotating_the_calendar_token_gives_a_new_address(paris, alice_client):
    old = alice_client.get("/api/reminders/settings").json()["calendar_url"]
    response = alice_client.post("/api/reminders/calendar-token")
    assert response.status_code == 200
    new = response.json()["calendar_url"]
    assert new != old and new.startswith(PUBLIC_URL)
    assert Client().get(old.removeprefix(PUBLIC_URL)).status_code == 404


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/api/reminders/"),
        ("get", "/api/reminders/settings"),
        ("put", "/api/reminders/settings"),
        ("post", "/api/reminders/calendar-token"),
    ],
)
def test_anonymous_requests_are_401(db, method, path):
    response = getattr(Client(), method)(path, BODY, content_type="application/json")
    assert response.status_code == 401
