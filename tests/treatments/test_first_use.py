"""The guided first use: where a person stands is read from her records, each step's page leads
to the next while she walks them, and the pages reached directly stay as they were."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from needlewise.accounts.models import Profile
from needlewise.devices import services as devices
from needlewise.suitability import services as suitability
from needlewise.suitability.queries import latest_check
from needlewise.treatments import services as treatments
from needlewise.treatments.setup import progress_for
from tests.treatments.conftest import ANSWERS

PASSWORD = "a-long-enough-passphrase"


def _check(user, areas=("cheeks", "forehead"), concerns=("texture",)):
    suitability.record_check(
        user, {**ANSWERS, "areas": list(areas)}, list(concerns), today=timezone.localdate()
    )


def _roller(user, name="My roller"):
    return devices.add_device(user, kind="roller", name=name, lengths_mm=[0.25, 0.5])


def _walking(client: Client) -> None:
    """Into the steps, as the welcome page or "Continue setting up" does."""
    assert client.get("/start/continue/").status_code == 302


def test_the_step_reached_follows_the_records(alice):
    assert progress_for(alice).reached.slug == "welcome"
    _check(alice)
    assert progress_for(alice).reached.slug == "device"
    device = _roller(alice)
    assert progress_for(alice).reached.slug == "sterilise"
    devices.record_sterilisation(device)
    assert progress_for(alice).reached.slug == "plan"
    treatments.create_plan(
        alice, concern="texture", areas=["cheeks"], device=device, start_date=timezone.localdate()
    )
    assert progress_for(alice).complete


def test_sign_up_lands_on_the_welcome_with_the_browsers_time_zone(db):
    client = Client()
    data = {
        "email": "nia@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "time_zone": "Asia/Tokyo",
    }
    response = client.post("/accounts/signup/", data)
    assert response["Location"] == "/start/"
    page = client.get("/start/").content.decode()
    assert "Step 1 of 6" in page and 'aria-current="step"' in page
    assert Profile.objects.get(user__email="nia@example.com").time_zone == "Asia/Tokyo"


@pytest.mark.parametrize("given", ["", "Mars/Olympus", "localtime", "x" * 64])
def test_a_time_zone_the_list_does_not_know_is_utc(db, given):
    data = {"email": "ola@example.com", "password1": PASSWORD, "password2": PASSWORD}
    response = Client().post("/accounts/signup/", {**data, "time_zone": given})
    assert response.status_code == 302
    assert Profile.objects.get(user__email="ola@example.com").time_zone == "UTC"


def test_today_offers_to_continue_at_the_step_reached(alice, alice_client):
    _check(alice)
    page = alice_client.get("/").content.decode()
    assert "Continue setting up" in page and "Step 3 of 6: Your device" in page
    response = alice_client.get("/start/continue/")
    assert response["Location"] == "/devices/add/"


def test_a_returning_person_lands_on_today(alice, alice_client):
    _check(alice)
    device = _roller(alice)
    treatments.create_plan(
        alice, concern="texture", areas=["cheeks"], device=device, start_date=timezone.localdate()
    )
    assert alice_client.get("/start/")["Location"] == "/"
    page = alice_client.get("/").content.decode()
    assert "Continue setting up" not in page


def test_walking_the_steps_a_new_device_leads_to_keeping_it_sterile(alice, alice_client):
    _check(alice)
    _walking(alice_client)
    page = alice_client.get("/devices/add/custom/").content.decode()
    assert "Step 3 of 6" in page
    form = {"kind": "roller", "name": "Bathroom roller", "lengths": "0.25", "fda_status": "unknown"}
    response = alice_client.post("/devices/add/custom/", {**form, "next": "/start/sterilise/"})
    assert response["Location"] == "/start/sterilise/"
    page = alice_client.get("/start/sterilise/").content.decode()
    assert "Step 4 of 6" in page and "Next: your plan" in page


def test_reached_directly_the_device_pages_stay_as_they_were(alice, alice_client):
    _check(alice)
    page = alice_client.get("/devices/add/").content.decode()
    assert "Step 3 of 6" not in page and 'name="next"' not in page
    form = {"kind": "roller", "name": "Bathroom roller", "lengths": "0.25", "fda_status": "unknown"}
    response = alice_client.post("/devices/add/custom/", form)
    assert re.fullmatch(r"/devices/\d+/", response["Location"])


def test_another_sites_next_is_ignored(alice, alice_client):
    form = {"kind": "roller", "name": "Roller", "lengths": "0.25", "fda_status": "unknown"}
    response = alice_client.post("/devices/add/custom/", {**form, "next": "https://evil.example/"})
    assert re.fullmatch(r"/devices/\d+/", response["Location"])
    response = alice_client.post("/devices/add/custom/", {**form, "next": "//evil.example/"})
    assert re.fullmatch(r"/devices/\d+/", response["Location"])


def test_the_check_result_ends_in_the_next_step(alice, alice_client):
    _check(alice)
    check = latest_check(alice)
    page = alice_client.get(f"/check/{check.pk}/").content.decode()
    assert "Next: your device" in page


def test_the_plan_form_is_filled_in_from_the_check(alice, alice_client):
    _check(alice, areas=("cheeks", "forehead"), concerns=("texture", "fine_lines"))
    _roller(alice, "Old roller")
    _roller(alice, "New roller")
    page = alice_client.get("/plans/new/").content.decode()
    assert "From your check" in page and "Change what and where" in page
    assert re.search(r'value="texture"[^>]*checked', page)
    assert re.search(r'value="cheeks"[^>]*checked', page)
    assert re.search(r'value="forehead"[^>]*checked', page)
    assert re.findall(r'<option value="\d+"[^>]*>([^<]+)', page)[:2] == ["New roller", "Old roller"]
    assert "0.25 mm</strong>, the length the rules suggest" in page


def test_the_plan_form_leaves_out_an_area_another_plan_has(alice, alice_client):
    _check(alice, areas=("cheeks", "forehead"))
    device = _roller(alice)
    treatments.create_plan(
        alice, concern="texture", areas=["cheeks"], device=device, start_date=timezone.localdate()
    )
    page = alice_client.get("/plans/new/").content.decode()
    assert re.search(r'value="forehead"[^>]*checked', page)
    assert not re.search(r'value="cheeks"[^>]*checked', page)


def test_the_first_plan_made_while_walking_leads_to_its_first_date(alice, alice_client):
    _check(alice)
    device = _roller(alice)
    _walking(alice_client)
    page = alice_client.get("/plans/new/").content.decode()
    assert 'name="next" value="/start/first-session/"' in page
    today = timezone.localdate()
    response = alice_client.post(
        "/plans/new/",
        {
            "concern": "texture",
            "areas": ["cheeks"],
            "device": device.pk,
            "start_date": today.isoformat(),
            "course_length": 6,
            "next": "/start/first-session/",
        },
    )
    assert response["Location"] == "/start/first-session/"
    page = alice_client.get("/start/first-session/").content.decode()
    assert "Step 6 of 6" in page and f"{today:%A %-d %B}" in page


def test_a_check_that_says_not_at_home_does_not_lead_to_buying_a_device(alice, alice_client):
    suitability.record_check(
        alice,
        {**ANSWERS, "conditions": ["eczema_active"]},
        ["texture"],
        today=timezone.localdate(),
    )
    check = latest_check(alice)
    assert not check.allows_home_use
    page = alice_client.get(f"/check/{check.pk}/").content.decode()
    assert "Next: your device" not in page and "Setting up can wait" in page
