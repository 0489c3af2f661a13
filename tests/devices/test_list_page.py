"""`/devices/`: my devices with kind, FDA status, last sterilised and warnings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine

from needlewise.devices import services
from tests.devices.conftest import custom

NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


def test_an_empty_list_invites_adding_a_device(alice_client):
    html = alice_client.get("/devices/").content.decode()
    assert "You have not added a device yet" in html
    assert 'href="/devices/add/"' in html


def test_each_device_shows_kind_status_last_sterilisation_and_warnings(alice_client, roller, pen):
    with time_machine.travel(NOW, tick=False):
        services.record_sterilisation(roller, at=NOW - timedelta(hours=1))
        html = alice_client.get("/devices/").content.decode()
    assert "Generic 0.25 mm roller" in html
    assert "My pen" in html
    assert "Roller" in html and "Pen" in html
    assert "Not FDA cleared" in html
    assert "FDA status not known" in html
    assert "Last sterilised:" in html and "Mon 23 Nov, 19:00" in html
    assert "Hygiene up to date" in html
    assert "Fit a new sterile cartridge before your next session." in html
    assert html.count("No microneedling device is authorised by the FDA") == 2


def test_other_peoples_devices_are_not_listed(alice_client, roller, bob):
    custom(bob, [0.5], name="Bob's roller")
    html = alice_client.get("/devices/").content.decode()
    assert "Bob&#x27;s roller" not in html and "Bob's roller" not in html


def test_the_list_makes_a_fixed_number_of_queries(
    alice_client, alice, django_assert_max_num_queries
):
    for i in range(6):
        device = custom(alice, [0.25], name=f"Roller {i}")
        services.record_sterilisation(device)
        services.record_head_change(device)
    with django_assert_max_num_queries(4):
        assert alice_client.get("/devices/").status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get("/devices/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_wrong_method_is_405(alice_client):
    assert alice_client.post("/devices/").status_code == 405
