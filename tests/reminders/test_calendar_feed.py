"""`/reminders/calendar/<token>.ics`: RFC 5545 that calendar apps read, in the person's zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from icalendar import Calendar

from needlewise.reminders import services
from needlewise.reminders.queries import calendar_url
from tests.reminders.conftest import NOW, PARIS, PUBLIC_URL, finish, make_plan


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


def feed_path(user) -> str:
    return calendar_url(services.settings_for(user)).removeprefix(PUBLIC_URL)


def events(response) -> dict[str, object]:
    calendar = Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_the_feed_lists_session_days_check_ins_and_pause_ends_in_local_time(paris, carol):
    plan = make_plan(paris, date(2026, 11, 20))
    session = finish(paris, NOW - timedelta(hours=1), plan=plan)  # 10:00 in Paris
    finish(carol, NOW)
    response = Client().get(feed_path(paris))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, max-age=300"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Needlewise"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    found = events(response)
    checkins = sorted(
        (e for uid, e in found.items() if uid.startswith("checkin-")),
        key=lambda e: e.decoded("DTSTART"),
    )
    assert [e.decoded("DTSTART") for e in checkins] == [
        datetime(2026, 11, 23, 16, 0, tzinfo=PARIS),
        datetime(2026, 11, 24, 10, 0, tzinfo=PARIS),
        datetime(2026, 11, 25, 10, 0, tzinfo=PARIS),
        datetime(2026, 11, 26, 10, 0, tzinfo=PARIS),
    ]
    assert checkins[0]["DTSTART"].params["TZID"] == "Europe/Paris"
    assert f"checkin-{session.key}-24h@needlewise.example" in found
    ends = [e for uid, e in found.items() if uid.startswith("window_end-")]
    assert len(ends) == 4
    week = found[f"window_end-{session.key}-168h@needlewise.example"]
    assert week.decoded("DTSTART") == datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)
    assert "retinoids" in str(week["SUMMARY"])
    assert str(week["URL"]) == f"{PUBLIC_URL}/sessions/{session.key}/"
    days = sorted(e.decoded("DTSTART") for uid, e in found.items() if uid.startswith("session-"))
    assert days[0] == date(2026, 11, 30)  # a week after a 0.25 mm session
    assert len(days) == 5
    assert len(found) == 4 + 4 + 5 + 2  # and the late check-ins; nothing of carol's
    assert set(events(Client().get(feed_path(paris)))) == set(found)  # stable UIDs


def test_a_wrong_or_rotated_token_is_404_and_the_new_one_works(paris):
    old = feed_path(paris)
    assert Client().get(old).status_code == 200
    assert Client().get(old.replace(".ics", "x.ics")).status_code == 404
    services.rotate_calendar_token(paris)
    assert Client().get(old).status_code == 404
    assert Client().get(feed_path(paris)).status_code == 200


def test_the_feed_is_read_only(paris):
    assert Client().post(feed_path(paris)).status_code == 405
