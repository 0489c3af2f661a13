"""`/devices/add/` (from the catalogue) and `/devices/add/custom/`."""

from __future__ import annotations

import pytest

from needlewise.devices.models import CatalogueDevice, OwnedDevice
from tests.devices.conftest import PEN, ROLLER

ADD = "/devices/add/"
CUSTOM = "/devices/add/custom/"
GOOD = {
    "name": "Bathroom roller",
    "kind": "roller",
    "lengths": "0.25, 0.5 mm",
    "fda_status": "unknown",
    "nickname": "",
    "first_used_on": "",
}


def names(response) -> list[str]:
    return [card.entry.display_name for card in response.context["cards"]]


def test_the_catalogue_lists_generics_first_then_cleared_devices(alice_client, catalogue):
    response = alice_client.get(ADD)
    found = names(response)
    assert found[:4] == sorted(catalogue)
    assert all(name.startswith("Generic") for name in found[:4])
    cleared = {e.display_name for e in CatalogueDevice.objects.filter(fda_status="cleared")}
    assert set(found[4:]) <= cleared
    assert not found[4].startswith("Microneedling device")  # named devices before number-only
    assert len(found) == 15
    assert "search by name, maker or 510(k) number" in response.content.decode()


def test_the_search_finds_a_device_by_its_number(alice_client, catalogue):
    assert names(alice_client.get(ADD, {"q": "k253153"})) == [
        "Microneedling device, 510(k) K253153"
    ]


def test_the_search_box_filters_by_name(alice_client, catalogue):
    response = alice_client.get(ADD, {"q": "skinpen"})
    assert sorted(names(response)) == ["SkinPen Precision System", "SkinPen Precision system"]
    assert "found for “skinpen”" in response.content.decode()
    response = alice_client.get(ADD, {"q": "no such device"})
    assert names(response) == []
    assert "Nothing in the list matches" in response.content.decode()


def test_choosing_a_catalogue_device_adds_it(alice_client, alice, catalogue):
    response = alice_client.post(ADD, {"catalogue_id": catalogue[ROLLER].pk})
    device = OwnedDevice.objects.get(user=alice)
    assert response.status_code == 302
    assert response["Location"] == f"/devices/{device.pk}/"
    assert (device.catalogue, device.kind) == (catalogue[ROLLER], "roller")


def test_a_catalogue_device_of_unknown_kind_asks_the_kind_on_its_own_screen(
    alice_client, catalogue
):
    bare = CatalogueDevice.objects.get(fda_number="K253153")
    listed = alice_client.get(ADD, {"q": "K253153"}).content.decode()
    assert f'href="/devices/add/?choose={bare.pk}"' in listed
    html = alice_client.get(ADD, {"choose": bare.pk}).content.decode()
    assert "Which kind is it?" in html
    assert 'type="radio" name="kind" value="pen"' in html
    assert alice_client.get(ADD, {"choose": "nope"}).status_code == 404


def test_a_catalogue_device_of_unknown_kind_needs_the_kind(alice_client, alice, catalogue):
    bare = CatalogueDevice.objects.get(fda_number="K253153")
    response = alice_client.post(ADD, {"catalogue_id": bare.pk})
    assert response.status_code == 400
    assert "Say which kind of device it is" in response.content.decode()
    assert not OwnedDevice.objects.exists()
    response = alice_client.post(ADD, {"catalogue_id": bare.pk, "kind": "pen"})
    assert response.status_code == 302
    assert OwnedDevice.objects.get(user=alice).kind == "pen"


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Choose a device from the list."),
        ({"catalogue_id": "999999"}, "not in the list any more"),
        ({"catalogue_id": "abc"}, "not in the list any more"),
    ],
)
def test_a_bad_catalogue_choice_is_explained_and_nothing_is_added(alice_client, data, message):
    response = alice_client.post(ADD, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not OwnedDevice.objects.exists()


def test_the_kind_given_for_a_catalogue_device_must_be_a_kind(alice_client, catalogue):
    bare = CatalogueDevice.objects.get(fda_number="K253153")
    response = alice_client.post(ADD, {"catalogue_id": bare.pk, "kind": "laser"})
    assert response.status_code == 400
    assert "options offered" in response.content.decode()
    assert not OwnedDevice.objects.exists()


def test_the_catalogues_kind_is_the_default_and_the_persons_wins(alice_client, alice, catalogue):
    alice_client.post(ADD, {"catalogue_id": catalogue[PEN].pk})
    assert OwnedDevice.objects.get(user=alice).kind == "pen"
    alice_client.post(ADD, {"catalogue_id": catalogue[PEN].pk, "kind": "roller"})
    assert OwnedDevice.objects.filter(user=alice).first().kind == "roller"


def test_a_custom_device_is_added(alice_client, alice):
    response = alice_client.post(CUSTOM, {**GOOD, "first_used_on": "2026-11-01"})
    device = OwnedDevice.objects.get(user=alice)
    assert response.status_code == 302
    assert (device.name, device.kind, device.lengths_mm) == (
        "Bathroom roller",
        "roller",
        [0.25, 0.5],
    )
    assert str(device.first_used_on) == "2026-11-01"


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"name": ""}, "name", "Please fill this in"),
        ({"kind": ""}, "kind", "Choose roller, stamp or pen."),
        ({"kind": "laser"}, "kind", "options offered"),
        ({"lengths": ""}, "lengths", "Give at least one needle length"),
        ({"lengths": ", ,"}, "lengths", "Give at least one needle length"),
        ({"lengths": "0.25, long"}, "lengths", "“long” is not a number"),
        ({"lengths": "0.25, 4"}, "lengths", "4 mm is not a needle length"),
        ({"lengths": "0"}, "lengths", "more than 0"),
        ({"fda_status": "approved"}, "fda_status", "options offered"),
        ({"first_used_on": "2999-01-01"}, "first_used_on", "cannot be in the future"),
        ({"first_used_on": "yesterday"}, "first_used_on", "not a date"),
    ],
)
def test_bad_custom_input_is_explained_and_nothing_is_added(alice_client, change, field, message):
    response = alice_client.post(CUSTOM, {**GOOD, **change})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert message in response.content.decode()
    assert not OwnedDevice.objects.exists()


def test_what_was_typed_is_kept_on_an_error(alice_client):
    html = alice_client.post(CUSTOM, {**GOOD, "lengths": "9"}).content.decode()
    assert 'value="Bathroom roller"' in html


def test_anonymous_visitors_are_sent_to_log_in(client, catalogue):
    for url in (ADD, CUSTOM):
        assert client.get(url)["Location"].startswith("/accounts/login/")
    response = client.post(ADD, {"catalogue_id": catalogue[ROLLER].pk})
    assert response.status_code == 302
    assert not OwnedDevice.objects.exists()


def test_wrong_method_is_405(alice_client):
    assert alice_client.put(ADD).status_code == 405
    assert alice_client.delete(CUSTOM).status_code == 405
