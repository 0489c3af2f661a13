"""The device page's buttons: "I sterilised it now", "I changed the head", and delete."""

from __future__ import annotations

import pytest

from needlewise.devices.models import HeadChange, OwnedDevice, SterilisationRecord
from needlewise.rules.devices import MIN_SOAK_MINUTES


def test_i_sterilised_it_now_records_a_soak(alice_client, roller):
    response = alice_client.post(f"/devices/{roller.pk}/sterilise/", {"minutes": "12"})
    assert response.status_code == 302
    assert response["Location"] == f"/devices/{roller.pk}/"
    record = SterilisationRecord.objects.get(device=roller)
    assert (record.minutes, record.method) == (12, "70 % isopropyl alcohol soak")
    html = alice_client.get(response["Location"]).content.decode()
    assert "Sterilisation recorded" in html
    assert "Sterilised in the last 24 hours" in html


@pytest.mark.parametrize(
    "data, message",
    [
        ({"minutes": "5"}, f"soak for at least {MIN_SOAK_MINUTES} minutes"),
        ({"minutes": ""}, "Say how many minutes it soaked."),
        ({"minutes": "ten"}, "Give a whole number"),
        ({"minutes": "-1"}, "0 or more"),
    ],
)
def test_a_bad_sterilisation_is_explained_and_nothing_is_written(
    alice_client, roller, data, message
):
    response = alice_client.post(f"/devices/{roller.pk}/sterilise/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SterilisationRecord.objects.exists()


def test_a_pen_is_not_soaked(alice_client, pen):
    response = alice_client.post(f"/devices/{pen.pk}/sterilise/", {"minutes": "10"})
    assert response.status_code == 400
    assert "fit a new sterile cartridge" in response.content.decode()
    assert not SterilisationRecord.objects.exists()


def test_i_changed_the_head_records_a_new_head(alice_client, roller):
    OwnedDevice.objects.filter(pk=roller.pk).update(uses=4)
    response = alice_client.post(f"/devices/{roller.pk}/head-change/")
    assert response.status_code == 302
    change = HeadChange.objects.get(device=roller)
    assert (change.kind, change.uses_at_change) == ("head", 4)
    assert "New head recorded" in alice_client.get(response["Location"]).content.decode()


def test_a_pen_gets_a_new_cartridge(alice_client, pen):
    alice_client.post(f"/devices/{pen.pk}/head-change/")
    assert HeadChange.objects.get(device=pen).kind == "cartridge"


def test_delete_asks_first_then_deletes_the_device_and_its_records(alice_client, roller):
    alice_client.post(f"/devices/{roller.pk}/sterilise/", {"minutes": "10"})
    alice_client.post(f"/devices/{roller.pk}/head-change/")
    confirm = alice_client.get(f"/devices/{roller.pk}/delete/").content.decode()
    assert "It cannot be undone" in confirm
    assert OwnedDevice.objects.filter(pk=roller.pk).exists()
    response = alice_client.post(f"/devices/{roller.pk}/delete/")
    assert response.status_code == 302
    assert response["Location"] == "/devices/"
    assert not OwnedDevice.objects.exists()
    assert not SterilisationRecord.objects.exists()
    assert not HeadChange.objects.exists()
    assert "and all its records are deleted" in alice_client.get("/devices/").content.decode()


@pytest.mark.parametrize("action", ["sterilise", "head-change"])
def test_state_changes_need_post(alice_client, roller, action):
    assert alice_client.get(f"/devices/{roller.pk}/{action}/").status_code == 405
    assert not SterilisationRecord.objects.exists()
    assert not HeadChange.objects.exists()


def test_delete_needs_get_or_post(alice_client, roller):
    assert alice_client.put(f"/devices/{roller.pk}/delete/").status_code == 405
    assert OwnedDevice.objects.filter(pk=roller.pk).exists()


@pytest.mark.parametrize("action", ["sterilise", "head-change", "delete"])
def test_anonymous_visitors_are_sent_to_log_in_and_nothing_changes(client, roller, action):
    response = client.post(f"/devices/{roller.pk}/{action}/", {"minutes": "10"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert OwnedDevice.objects.filter(pk=roller.pk).exists()
    assert not SterilisationRecord.objects.exists()
    assert not HeadChange.objects.exists()
