"""Setting and changing the kind, needle lengths and name of a device one owns: the edit page,
the service and `PATCH /api/devices/{id}`. Bad input is a 4xx and nothing is written; another
person's device is a 404."""

from __future__ import annotations

import pytest

from needlewise.devices import services
from needlewise.devices.models import CatalogueDevice, OwnedDevice
from needlewise.reminders.models import Reminder
from needlewise.rules.errors import InputError
from tests.devices.conftest import PEN, ROLLER, custom

ADD = "/devices/add/"


def edit_url(device) -> str:
    return f"/devices/{device.pk}/edit/"


def patch(client, device, body):
    return client.patch(f"/api/devices/{device.pk}", body, content_type="application/json")


def row(device) -> tuple:
    fresh = OwnedDevice.objects.get(pk=device.pk)
    return (fresh.kind, fresh.lengths_mm, fresh.name, fresh.nickname, fresh.fda_number_given)


@pytest.fixture
def skinpen(catalogue) -> CatalogueDevice:
    """An FDA-cleared entry the list knows nothing about beyond its name and number."""
    return CatalogueDevice.objects.get(fda_number="DEN160029")


@pytest.fixture
def owned_skinpen(alice, skinpen) -> OwnedDevice:
    return services.add_device(alice, catalogue_id=skinpen.pk, kind="pen")


# --- adding a catalogue device: kind and lengths at once ---------------------------------------


def test_adding_a_cleared_entry_asks_kind_and_lengths_on_one_screen(alice_client, skinpen):
    listed = alice_client.get(ADD, {"q": "DEN160029"}).content.decode()
    assert "Kind not known" not in listed
    assert "you tell us when you add it" in listed
    html = alice_client.get(ADD, {"choose": skinpen.pk}).content.decode()
    assert 'name="kind"' in html
    assert "Needle lengths (mm)" in html


def test_the_details_screen_is_prefilled_when_the_list_knows_them(alice_client, catalogue):
    form = alice_client.get(ADD, {"choose": catalogue[ROLLER].pk}).context["form"]
    assert form["kind"].value() == "roller"
    assert form["lengths"].value() == "0.25"


def test_a_cleared_entry_is_added_as_a_roller_with_two_lengths(alice_client, alice, skinpen):
    response = alice_client.post(
        ADD, {"catalogue_id": skinpen.pk, "kind": "roller", "lengths": "0.25, 0.5"}
    )
    assert response.status_code == 302
    device = OwnedDevice.objects.get(user=alice)
    assert (device.catalogue, device.kind, device.available_lengths()) == (
        skinpen,
        "roller",
        [0.25, 0.5],
    )
    html = alice_client.get(response["Location"]).content.decode()
    assert "0.25 mm, 0.5 mm" in html
    assert "no needle lengths recorded" not in html


@pytest.mark.parametrize(
    "lengths, message",
    [("0.25, deep", "“deep” is not a number"), ("5", "5 mm is not a needle length")],
)
def test_bad_lengths_when_adding_are_explained_and_nothing_is_added(
    alice_client, skinpen, lengths, message
):
    response = alice_client.post(
        ADD, {"catalogue_id": skinpen.pk, "kind": "roller", "lengths": lengths}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'name="kind"' in response.content.decode()  # the same screen, kept as typed
    assert not OwnedDevice.objects.exists()


def test_lengths_equal_to_the_lists_follow_the_list(alice, catalogue):
    device = services.add_device(alice, catalogue_id=catalogue[PEN].pk, lengths_mm=[])
    assert device.lengths_mm == []
    assert device.lengths_are_a_range


# --- the edit page -----------------------------------------------------------------------------


def test_the_device_page_links_to_the_edit_page(alice_client, owned_skinpen):
    html = alice_client.get(f"/devices/{owned_skinpen.pk}/").content.decode()
    assert f'href="{edit_url(owned_skinpen)}"' in html
    assert "This device has no needle lengths recorded" in html


def test_the_kind_and_lengths_of_a_catalogue_device_are_set(alice_client, owned_skinpen):
    page = alice_client.get(edit_url(owned_skinpen))
    assert page.status_code == 200
    assert "name" not in page.context["form"].fields  # the list's name stays
    response = alice_client.post(
        edit_url(owned_skinpen), {"kind": "roller", "lengths": "0.5, 0.25", "nickname": "Blue"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/devices/{owned_skinpen.pk}/"
    assert row(owned_skinpen) == ("roller", [0.25, 0.5], "", "Blue", "")
    html = alice_client.get(response["Location"]).content.decode()
    assert "Your changes are saved." in html
    assert "<h1>Blue</h1>" in html


def test_a_custom_device_can_be_renamed(alice_client, alice):
    device = custom(alice, [0.25])
    form = alice_client.get(edit_url(device)).context["form"]
    assert form["name"].value() == "Long roller"
    response = alice_client.post(
        edit_url(device),
        {"name": "Bathroom roller", "kind": "stamp", "lengths": "0.25", "fda_status": "unknown"},
    )
    assert response.status_code == 302
    assert row(device)[:3] == ("stamp", [0.25], "Bathroom roller")


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"kind": ""}, "kind", "Choose roller, stamp or pen."),
        ({"kind": "laser"}, "kind", "options offered"),
        ({"lengths": ""}, "lengths", "Give at least one needle length"),
        ({"lengths": "0.25, long"}, "lengths", "“long” is not a number"),
        ({"lengths": "0.25, 4"}, "lengths", "4 mm is not a needle length"),
        ({"lengths": "-1"}, "lengths", "more than 0"),
        ({"name": "  "}, "name", "Give the device a name"),
        ({"fda_status": "cleared"}, "fda_status", "options offered"),
        ({"fda_number": "12345"}, "fda_number", "is not a 510(k) or De Novo number"),
    ],
)
def test_bad_edits_are_explained_and_nothing_is_written(
    alice_client, alice, change, field, message
):
    device = custom(alice, [0.25])
    before = row(device)
    good = {"name": "R", "kind": "roller", "lengths": "0.25", "fda_status": "unknown"}
    response = alice_client.post(edit_url(device), {**good, **change})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert message in response.content.decode()
    assert row(device) == before


def test_another_person_cannot_see_or_edit_the_device(carol_client, owned_skinpen):
    before = row(owned_skinpen)
    assert carol_client.get(edit_url(owned_skinpen)).status_code == 404
    response = carol_client.post(edit_url(owned_skinpen), {"kind": "roller", "lengths": "1"})
    assert response.status_code == 404
    assert patch(carol_client, owned_skinpen, {"kind": "roller"}).status_code == 404
    assert row(owned_skinpen) == before


def test_anonymous_visitors_are_sent_to_log_in(client, owned_skinpen):
    assert client.get(edit_url(owned_skinpen))["Location"].startswith("/accounts/login/")
    client.post(edit_url(owned_skinpen), {"kind": "roller", "lengths": "1"})
    assert row(owned_skinpen)[0] == "pen"


# --- the service -------------------------------------------------------------------------------


def test_a_list_device_keeps_its_name_and_fda_details(owned_skinpen):
    for field, value in (("name", "Mine"), ("fda_status", "not_cleared"), ("fda_number", "K1")):
        with pytest.raises(InputError) as caught:
            services.update_device(owned_skinpen, **{field: value})
        assert caught.value.field == field
    with pytest.raises(InputError):
        services.update_device(owned_skinpen, uses=99)
    assert row(owned_skinpen) == ("pen", [], "", "", "")


def test_a_roller_turned_pen_loses_its_head_reminder(alice, catalogue):
    device = services.add_device(alice, catalogue_id=catalogue[ROLLER].pk)
    pending = Reminder.objects.filter(
        subject_id=str(device.pk), kind="head_replacement", cancelled_at__isnull=True
    )
    assert pending.count() == 1
    services.update_device(device, kind="pen")
    assert pending.count() == 0


def test_a_renamed_roller_is_named_by_its_new_name_in_the_head_reminder(
    alice, alice_client, catalogue
):
    device = services.add_device(alice, catalogue_id=catalogue[ROLLER].pk)
    pending = Reminder.objects.filter(
        subject_id=str(device.pk), kind="head_replacement", cancelled_at__isnull=True
    )
    due = pending.get().due_at
    response = alice_client.post(edit_url(device), {"kind": "roller", "nickname": "Bathroom one"})
    assert response.status_code == 302, response.content.decode()[:2000]
    reminder = pending.get()
    assert (reminder.payload["name"], reminder.due_at) == ("Bathroom one", due)
    page = alice_client.get("/reminders/").content.decode()
    assert "Time for a new head on Bathroom one" in page
    assert f"Time for a new head on {ROLLER}" not in page


# --- the API -----------------------------------------------------------------------------------


def test_patch_sets_the_kind_and_lengths(alice_client, owned_skinpen):
    response = patch(alice_client, owned_skinpen, {"kind": "roller", "lengths_mm": [0.5, 0.25]})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["kind"], body["lengths_mm"], body["fda_status"]) == (
        "roller",
        [0.25, 0.5],
        "cleared",
    )
    assert alice_client.get(f"/api/devices/{owned_skinpen.pk}").json() == body


@pytest.mark.parametrize(
    "body, loc",
    [
        ({"kind": "laser"}, ["body", "kind"]),
        ({"kind": None}, ["body", "kind"]),
        ({"lengths_mm": []}, ["body", "lengths_mm"]),
        ({"lengths_mm": [9]}, ["body", "lengths_mm"]),
        ({"lengths_mm": ["long"]}, ["body", "lengths_mm", 0]),
        ({"name": "Mine"}, ["body", "name"]),
        ({"fda_status": "cleared"}, ["body", "fda_status"]),
        ({"uses": 0}, ["body", "uses"]),
    ],
)
def test_a_bad_patch_is_422_naming_the_field_and_nothing_is_written(
    alice_client, owned_skinpen, body, loc
):
    before = row(owned_skinpen)
    response = patch(alice_client, owned_skinpen, body)
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == loc
    assert row(owned_skinpen) == before


def test_patch_on_a_custom_device_changes_its_name_and_number(alice_client, alice, catalogue):
    device = custom(alice, [0.25])
    response = patch(alice_client, device, {"name": "Renamed", "fda_number": "den160029"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["name"], body["fda_status"], body["fda_number"]) == (
        "Renamed",
        "cleared",
        "DEN160029",
    )
