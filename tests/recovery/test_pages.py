"""The recovery pages: happy paths, methods, owners, anonymous visitors and bad input."""

from __future__ import annotations

import pytest
from django.test import Client

from needlewise.recovery import services
from needlewise.recovery.models import CheckIn, Escalation
from tests.recovery.conftest import checkin_data, nothing_written, post_checkin
from tests.treatments.conftest import do_session, ready


@pytest.fixture
def carols(carol, clock):
    """Carol's session, check-in and open escalation: (session key, check-in id, escalation id)."""
    client = Client()
    client.force_login(carol, backend="django.contrib.auth.backends.ModelBackend")
    key = do_session(client, ready(carol))
    checkin = services.record_checkin(carol, {"redness": 1, "symptoms": ["pus"]})
    return key, checkin.pk, Escalation.objects.get(user=carol).pk


def test_the_form_offers_the_redness_cards_and_symptoms_in_plain_words(alice_client, session):
    html = alice_client.get("/recovery/checkin/").content.decode()
    assert "Deep red, and the skin feels hot or sore." in html
    assert "Quickly spreading redness" in html and "Swollen glands (lymph nodes)" in html
    assert "Temperature (°C)" in html


def test_the_form_asks_in_fahrenheit_for_us_units(alice_client, alice, session):
    alice.profile.units = "us"
    alice.profile.save()
    assert "Temperature (°F)" in alice_client.get("/recovery/checkin/").content.decode()


def test_without_a_session_there_is_nothing_to_check_in_on(alice_client, clock):
    html = alice_client.get("/recovery/checkin/").content.decode()
    assert "no finished session yet" in html
    assert alice_client.post("/recovery/checkin/", checkin_data()).status_code == 400
    assert nothing_written()


def test_the_result_page_says_what_to_do_and_why(alice_client, session):
    response = post_checkin(alice_client, 24, redness=1, symptoms=["pus"])
    html = alice_client.get(response["Location"]).content.decode()
    assert "Book an appointment with a dermatologist" in html
    assert "Tell them:" in html and "cheeks 0.25 mm" in html
    assert "Pus is a sign of infection." in html
    assert '<span class="grade" title="evidence grade">REG</span>' in html
    assert "skinpen-manual" in html
    assert "How Needlewise decides" in html
    assert "A professional has seen me" in html


def test_an_urgent_result_says_seek_care_today_with_the_signs(alice_client, session):
    response = post_checkin(alice_client, 24, redness=1, fever="38.6")
    html = alice_client.get(response["Location"]).content.decode()
    assert "Seek medical care today." in html
    assert "A temperature of 38.6 °C (38 °C or more)" in html
    assert "urgent care" in html and "emergency services" in html


def test_the_list_shows_sessions_with_their_latest_level(alice_client, session):
    post_checkin(alice_client, 6, redness=2)
    post_checkin(alice_client, 96, redness=1)
    html = alice_client.get("/recovery/").content.decode()
    assert "level-watch" in html and "2 check-ins" in html


def test_the_session_page_describes_the_chart_and_tabulates_it(alice_client, session):
    _, done = session
    for hours, redness, pain in [(6, 2, 3), (24, 1, 1), (48, 1, 0), (72, 0, 0)]:
        post_checkin(alice_client, hours, redness=redness, pain=pain)
    html = alice_client.get(f"/recovery/sessions/{done.key}/").content.decode()
    assert "Redness (0 to 3) fell from 2 at 6 h to 0 at 72 h." in html
    assert "Pain (0 to 10) fell from 3 at 6 h to 0 at 72 h." in html
    assert "<table" in html and html.count("<tr>") == 5
    chart = alice_client.get(f"/recovery/sessions/{done.key}/chart.svg")
    assert chart.status_code == 200
    assert chart["Content-Type"] == "image/svg+xml"
    assert "private" in chart["Cache-Control"]
    assert chart.content.lstrip().startswith(b"<?xml") and b"<svg" in chart.content


# --- Methods, owners, anonymous -------------------------------------------------------------

PAGES_WITH_IDS = [
    ("get", "/recovery/{checkin}/"),
    ("get", "/recovery/sessions/{key}/"),
    ("get", "/recovery/sessions/{key}/chart.svg"),
    ("post", "/recovery/escalations/{escalation}/clear/"),
]


@pytest.mark.parametrize(("method", "url"), PAGES_WITH_IDS)
def test_another_persons_records_are_not_found(alice_client, session, carols, method, url):
    key, checkin, escalation = carols
    response = getattr(alice_client, method)(
        url.format(key=key, checkin=checkin, escalation=escalation)
    )
    assert response.status_code == 404
    assert Escalation.objects.get(pk=escalation).is_open


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/recovery/"),
        ("put", "/recovery/checkin/"),
        ("post", "/recovery/{checkin}/"),
        ("post", "/recovery/sessions/{key}/"),
        ("post", "/recovery/sessions/{key}/chart.svg"),
        ("get", "/recovery/escalations/{escalation}/clear/"),
    ],
)
def test_wrong_methods_are_refused(carol, carols, method, url):
    key, checkin, escalation = carols
    client = Client()
    client.force_login(carol, backend="django.contrib.auth.backends.ModelBackend")
    response = getattr(client, method)(url.format(key=key, checkin=checkin, escalation=escalation))
    assert response.status_code == 405


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/recovery/"),
        ("get", "/recovery/checkin/"),
        ("post", "/recovery/checkin/"),
        *PAGES_WITH_IDS,
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(client, carols, method, url):
    key, checkin, escalation = carols
    response = getattr(client, method)(url.format(key=key, checkin=checkin, escalation=escalation))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert CheckIn.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"redness": 4}, "redness", "Redness goes from 0 (none) to 3"),
        ({"redness": ""}, "redness", "Choose how red your skin is"),
        ({"pain": 11}, "pain", "enter 10 or less"),
        ({"pain": "a lot"}, "pain", "Enter pain as a whole number"),
        ({"fever": "hot"}, "fever", "Enter the temperature as a number"),
        ({"fever": "55"}, "fever", "is not a body temperature"),
        ({"symptoms": ["itchy_feet"]}, "symptoms", "“itchy_feet” is not one of the signs"),
        ({"bleeding": "lots"}, "bleeding", "Choose one of the options offered."),
    ],
)
def test_bad_input_is_explained_kept_and_nothing_is_written(
    alice_client, session, fields, field, message
):
    data = checkin_data(**({"redness": 1, "notes": "kept"} | fields))
    response = alice_client.post("/recovery/checkin/", data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert message in html
    assert "kept</textarea>" in html
    assert nothing_written()


def test_a_note_too_long_to_clear_with_is_explained(alice_client, session):
    post_checkin(alice_client, 24, redness=1, symptoms=["pus"])
    escalation = Escalation.objects.get()
    response = alice_client.post(
        f"/recovery/escalations/{escalation.pk}/clear/", {"note": "x" * 1001}
    )
    assert response.status_code == 400
    assert "at most 1000 characters" in response.content.decode()
    escalation.refresh_from_db()
    assert escalation.is_open
