"""`/reminders/`: toggles, quiet hours, the calendar address and what is coming up."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
import time_machine
from django.test import Client

from needlewise.reminders import services
from needlewise.reminders.forms import TIME_ERROR
from needlewise.reminders.models import ReminderSettings
from tests.reminders.conftest import NOW, PUBLIC_URL, finish

GOOD = {
    "email_session_day": "on",
    "email_window_end": "on",
    "email_recheck": "on",
    "quiet_start": "21:30",
    "quiet_end": "08:00",
}


@pytest.fixture
def paris_client(paris) -> Client:
    client = Client()
    client.force_login(paris, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_the_page_shows_the_calendar_address_and_upcoming_reminders(paris, paris_client):
    with time_machine.travel(NOW, tick=False):
        services.schedule_after_session(finish(paris, NOW))
        page = paris_client.get("/reminders/")
    assert page.status_code == 200
    token = services.settings_for(paris).calendar_token
    html = page.content.decode()
    assert f"{PUBLIC_URL}/reminders/calendar/{token}.ics" in html
    assert "Look at your skin, 24 hours after your session" in html
    assert "Tue 24 Nov, 11:00" in html  # Paris time
    assert "Europe/Paris" in html


def test_saving_settings_stores_them(paris, paris_client):
    response = paris_client.post("/reminders/", GOOD)
    assert response.status_code == 302 and response["Location"] == "/reminders/"
    saved = ReminderSettings.objects.get(user=paris)
    assert (saved.email_checkin, saved.email_session_day) == (False, True)
    assert (saved.quiet_start, saved.quiet_end) == (time(21, 30), time(8, 0))


def test_a_bad_time_is_400_with_the_reason_and_nothing_is_saved(paris, paris_client):
    response = paris_client.post("/reminders/", {**GOOD, "quiet_start": "25:00"})
    assert response.status_code == 400
    assert TIME_ERROR in response.content.decode()
    assert 'value="25:00"' in response.content.decode()  # what was typed is kept
    saved = services.settings_for(paris)
    assert (saved.email_checkin, saved.quiet_start, saved.quiet_end) == (True, time(22), time(7))


def test_rotating_the_calendar_address_ends_the_old_one(paris, paris_client):
    old = services.settings_for(paris).calendar_token
    response = paris_client.post("/reminders/calendar/rotate/")
    assert response.status_code == 302
    assert services.settings_for(paris).calendar_token != old
    assert paris_client.get(f"/reminders/calendar/{old}.ics").status_code == 404


def test_wrong_methods_are_405(paris_client):
    assert paris_client.put("/reminders/").status_code == 405
    assert paris_client.get("/reminders/calendar/rotate/").status_code == 405


@pytest.mark.parametrize("path", ["/reminders/", "/reminders/calendar/rotate/"])
def test_anonymous_people_are_sent_to_log_in(db, path):
    response = Client().post(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_nothing_is_listed_for_someone_without_reminders(paris, paris_client, bob):
    with time_machine.travel(NOW, tick=False):
        services.schedule_after_session(finish(bob, NOW + timedelta(minutes=1)))
    assert "No reminders are waiting" in paris_client.get("/reminders/").content.decode()
